import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { methods } from '../../nodes/Altcraft/methods';
import { fakeExecuteFunctions } from '../helpers/fakeContext';

// The Resource list with a database chosen, when Altcraft's resources/get answer has no dbs_ids (the emulator's
// always has; tests against it are in test/integration/methods.test.ts).
const resources = [
	{ id: 1, name: 'Newsletter' },
	{ id: 2, name: 'Shop' },
	{ id: 3, name: 'App' },
];
const details: Record<number, IDataObject> = {
	1: { id: 1, name: 'Newsletter', dbs_ids: [1] },
	2: { id: 2, name: 'Shop', dbs_ids: [2] },
	3: { id: 3, name: 'App' }, // no dbs_ids: it cannot be told apart
};

function loadOptions(database: unknown): ILoadOptionsFunctions {
	const ctx = fakeExecuteFunctions({
		params: {},
		answers: (request: IHttpRequestOptions) => {
			const body = request.body as IDataObject;
			if (request.url.endsWith('/resources/list')) {
				return body.from_id ? { error: 0, error_text: '', data: [], next_from_id: body.from_id } : { error: 0, error_text: '', data: resources, next_from_id: 4 };
			}
			return { error: 0, error_text: '', data: details[Number(body.id)] };
		},
	});
	return { ...ctx, getCurrentNodeParameter: (name: string) => (name === 'database' ? database : undefined) } as unknown as ILoadOptionsFunctions;
}

const search = (ctx: ILoadOptionsFunctions) =>
	(methods.listSearch.searchResources as (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>).call(ctx);

test('searchResources: a resource whose answer has no dbs_ids stays in the list of the chosen database', async () => {
	expect((await search(loadOptions('1'))).results.map((r) => r.value)).toEqual(['1', '3']);
	expect((await search(loadOptions('2'))).results.map((r) => r.value)).toEqual(['2', '3']);
	expect((await search(loadOptions(''))).results.map((r) => r.value)).toEqual(['1', '2', '3']);
});
