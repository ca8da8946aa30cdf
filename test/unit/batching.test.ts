import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { asEntry, entryOf, planUnits, serializeBatch, type PreparedItem } from '../../nodes/Altcraft/actions/batch';
import { findOperation } from '../../nodes/Altcraft/actions';
import { db, fakeExecuteFunctions, sentBodies, TEST_TOKEN, type FakeAnswer } from '../helpers/fakeContext';

const upsert = (email: string, options: IDataObject = {}, extra: IDataObject = {}) => ({
	resource: 'profile',
	operation: 'upsert',
	database: db(1),
	matching: 'email',
	email,
	matchingResourceId: 0,
	dataMode: 'json',
	profileJson: { email, _fname: email.split('@')[0] },
	subscriptions: {},
	additionalFields: { skipTriggers: true },
	options,
	...extra,
});
const emails = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.com`);
const okResults = (body: IDataObject) => ({
	error: 0,
	error_text: 'Successful operation',
	result: (body.data as IDataObject[]).map((_, i) => ({ error: 0, error_text: 'Successful operation', profile_id: `id${i}` })),
});

function run(list: string[], options: IDataObject = {}, answers?: (request: { url: string; body?: unknown }, i: number) => FakeAnswer, continueOnFail = false) {
	const ctx = fakeExecuteFunctions({
		params: (i) => upsert(list[i], options),
		items: list.map((email) => ({ json: { email } })),
		continueOnFail,
		answers: answers ?? ((request) => (request.url.endsWith('_batch') ? okResults(request.body as IDataObject) : { error: 0, error_text: '', profile_id: 'single' })),
	});
	return { ctx, result: new Altcraft().execute.call(ctx) };
}

describe('Create or Update items are grouped into profiles/import_batch', () => {
	test('one batch request carries every item, identifiers inside each entry, shared flags on top', async () => {
		const { ctx, result } = run(emails(3));
		const [output] = await result;
		expect(ctx.requests.map((r) => r.url)).toEqual(['https://altcraft.test/api/v1.1/profiles/import_batch']);
		expect(sentBodies(ctx)[0]).toEqual({
			db_id: 1,
			matching: 'email',
			skip_triggers: true,
			data: [
				{ email: 'p0@example.com', _fname: 'p0' },
				{ email: 'p1@example.com', _fname: 'p1' },
				{ email: 'p2@example.com', _fname: 'p2' },
			],
		});
		expect(output.map((i) => i.json)).toEqual([{ profile_id: 'id0' }, { profile_id: 'id1' }, { profile_id: 'id2' }]);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect((ctx.requests[0].headers as IDataObject)['Request-ID']).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('Batch Size cuts the batches; a lone remainder goes through the single call', async () => {
		const { ctx, result } = run(emails(5), { batchSize: 2 });
		await result;
		expect(ctx.requests.map((r) => r.url.split('/').pop())).toEqual(['import_batch', 'import_batch', 'import']);
		expect(sentBodies(ctx).map((b) => (Array.isArray(b.data) ? b.data.length : 'single'))).toEqual([2, 2, 'single']);
		const ids = ctx.requests.map((r) => (r.headers as IDataObject)['Request-ID']);
		expect(new Set(ids).size).toBe(3);
	});

	test('Batching off sends one request per item', async () => {
		const { ctx, result } = run(emails(3), { batching: false });
		await result;
		expect(ctx.requests.map((r) => r.url.split('/').pop())).toEqual(['import', 'import', 'import']);
	});

	test('the same batch gets the same Request-ID when the node runs again in the same execution', async () => {
		const first = run(emails(4));
		await first.result;
		const again = run(emails(4));
		await again.result;
		expect((again.ctx.requests[0].headers as IDataObject)['Request-ID']).toBe((first.ctx.requests[0].headers as IDataObject)['Request-ID']);
	});

	test('an entry that fails inside a successful batch is that item\'s error; the others succeed (Continue On Fail)', async () => {
		const { result } = run(emails(3), {}, () => ({
			error: 0,
			error_text: 'Successful operation',
			result: [
				{ error: 0, error_text: '', profile_id: 'a' },
				{ error: 450, error_text: `Field "orders_count" must be int (token ${TEST_TOKEN})` },
				{ error: 0, error_text: '', profile_id: 'c' },
			],
		}), true);
		const [output] = await result;
		expect(output).toHaveLength(3);
		expect(output[0].json).toEqual({ profile_id: 'a' });
		expect(output[1].json).toMatchObject({ error: expect.stringMatching(/^Request validation error \(Altcraft error 450\): Field "orders_count" must be int/), errorCode: 450 });
		expect(JSON.stringify(output)).not.toContain(TEST_TOKEN);
		expect(output[2].json).toEqual({ profile_id: 'c' });
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('without Continue On Fail the failed entry stops the node with a NodeApiError naming its item', async () => {
		const { result } = run(emails(3), {}, () => ({ error: 0, error_text: '', result: [{ error: 0 }, { error: 0 }, { error: 435, error_text: 'ambiguous' }] }));
		const error = (await result.catch((e: unknown) => e)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/Altcraft error 435/);
		expect(error.context.itemIndex).toBe(2);
	});

	test('a batch the platform refuses as a whole fails every item of it, and says they were sent together', async () => {
		const { result } = run(emails(3), { maxRetries: 0 }, () => ({ error: 403, error_text: 'no rights' }), true);
		const [output] = await result;
		expect(output.map((i) => i.json.errorCode)).toEqual([403, 403, 403]);
		expect(output[0].json.description).toMatch(/items 0–2 were sent together in one batch/);
	});

	test('items whose parameters the batch call does not take go alone; the rest are still grouped', async () => {
		const list = emails(4);
		const ctx = fakeExecuteFunctions({
			params: (i) => upsert(list[i], {}, i === 1 ? { additionalFields: { addToSegments: '5' } } : {}),
			items: list.map(() => ({ json: {} })),
			answers: (request) => (request.url.endsWith('_batch') ? okResults(request.body as IDataObject) : { error: 0, error_text: '', profile_id: 'single' }),
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests.map((r) => r.url.split('/').pop())).toEqual(['import', 'import', 'import_batch']);
		expect(output.map((i) => i.json.profile_id)).toEqual(['single', 'single', 'id0', 'id1']);
	});

	test('Concurrency sends several batches at once and keeps the output in input order', async () => {
		let inFlight = 0;
		let peak = 0;
		const ctx = fakeExecuteFunctions({
			params: (i) => upsert(emails(6)[i], { batchSize: 2, concurrency: 3 }),
			items: emails(6).map(() => ({ json: {} })),
			answers: (request) => {
				inFlight++;
				peak = Math.max(peak, inFlight);
				queueMicrotask(() => inFlight--);
				const body = request.body as IDataObject;
				return { error: 0, error_text: '', result: (body.data as IDataObject[]).map((entry) => ({ error: 0, profile_id: entry.email })) };
			},
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests).toHaveLength(3);
		expect(output.map((i) => i.json.profile_id)).toEqual(emails(6));
	});
});

describe('batch planning', () => {
	const spec = findOperation('profile', 'upsert')!.batch!;
	const item = (itemIndex: number, body: IDataObject): PreparedItem => ({ itemIndex, policy: {} as never, entry: entryOf(spec, { exec: {} } as never, body) });

	test('a matching value unlike the entry\'s own field cannot be batched (it would be read as the identifier)', () => {
		expect(asEntry(spec, { db_id: 1, matching: 'email', email: 'old@x.io', data: { email: 'new@x.io' } })).toBeUndefined();
		expect(asEntry(spec, { db_id: 1, matching: 'email', email: 'same@x.io', data: { email: 'same@x.io' } })).toBeDefined();
		expect(asEntry(spec, { db_id: 1, matching: 'custom', field_name: 'crm_id', field_value: 'A1', data: { _fname: 'A' } })?.entry).toEqual({ _fname: 'A', field_value: 'A1' });
	});

	test('batches are cut by body size as well as by count', () => {
		const big = 'x'.repeat(1000);
		const items = Array.from({ length: 10 }, (_, i) => item(i, { db_id: 1, data: { email: `${i}@x.io`, note: big } }));
		const units = planUnits(items, 100, 3500);
		expect(units.map((u) => (u.kind === 'batch' ? u.items.length : 1))).toEqual([3, 3, 3, 1]);
	});

	test('items with different shared parameters are not mixed', () => {
		const items = [1, 1, 2, 2, 1].map((dbId, i) => item(i, { db_id: dbId, data: { email: `${i}@x.io` } }));
		const units = planUnits(items, 100);
		expect(units.map((u) => (u.kind === 'batch' ? u.items.map((x) => x.itemIndex) : [u.item.itemIndex]))).toEqual([[0, 1], [2, 3], [4]]);
	});
});

describe('batch serialization', () => {
	const operation = findOperation('profile', 'upsert')!;
	const exec = { getNode: () => ({ id: 'n1', name: 'Altcraft' }), getExecutionId: () => 'e1', getWorkflow: () => ({ id: 'w1' }) } as never;
	const prepare = (bodies: IDataObject[]) =>
		bodies.map((body, itemIndex): PreparedItem => ({ itemIndex, policy: {} as never, entry: entryOf(operation.batch!, { exec } as never, body) }));
	const bodies = ['Привет 🌍', 'quote " and \\ backslash', 'plain'].map((note, i) => ({ db_id: 1, matching: 'email', email: `${i}@x.io`, data: { _fname: note } }));

	test('the body is the shared part plus every entry, byte for byte the JSON of the single calls\' data', () => {
		const batch = serializeBatch(exec, operation, prepare(bodies));
		expect(JSON.parse(batch.body.toString('utf8'))).toEqual({
			db_id: 1,
			matching: 'email',
			data: bodies.map((body, i) => ({ _fname: body.data._fname, email: `${i}@x.io` })),
		});
		expect(batch.itemIndices).toEqual([0, 1, 2]);
		expect(batch.path).toBe(operation.batch!.path);
	});

	test('the sizes the plan cuts by add up to the body: a planned batch never exceeds the limit', () => {
		const items = prepare(bodies);
		const batch = serializeBatch(exec, operation, items);
		const head = Buffer.byteLength('{"db_id":1,"matching":"email","data":[]}');
		expect(batch.body.length).toBe(head + items.reduce((sum, item) => sum + item.entry!.bytes, 0) - 1);
		expect(items.every((item) => item.entry!.bytes === Buffer.byteLength(item.entry!.json) + 1)).toBe(true);
	});

	test('the Request-ID is derived from the bytes: the same batch gets the same ID, another batch another', () => {
		const first = serializeBatch(exec, operation, prepare(bodies));
		expect(serializeBatch(exec, operation, prepare(bodies)).requestId).toBe(first.requestId);
		const changed = serializeBatch(exec, operation, prepare([...bodies.slice(0, 2), { ...bodies[2], data: { _fname: 'other' } }]));
		expect(changed.requestId).not.toBe(first.requestId);
		expect(first.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
	});
});

describe('body size estimate', () => {
	test.each([
		['text', 'plain'],
		['escapes', 'quote " backslash \\ newline \n tab \t bell \u0007'],
		['unicode', 'Привет, мир 🌍 مرحبا'],
		['numbers', { a: 1, b: -2.5, c: 1e21, d: true, e: null }],
		['nested', { email: 'a@x.io', tags: ['x', 'y'], sub: [{ resource_id: 1, empty: [], obj: {} }], skip: undefined }],
		['empty', []],
	])('%s: jsonBytes equals the real JSON size', async (_title, value) => {
		const { jsonBytes } = await import('../../nodes/Altcraft/actions/engine');
		expect(jsonBytes(value)).toBe(Buffer.byteLength(JSON.stringify(value)));
	});
});

describe('Suppression List → Add One items are grouped into emails_add / domains_add', () => {
	const params = (entryType: string, value: string) => ({
		resource: 'suppressionList',
		operation: 'add',
		suppressionList: db(3),
		entryType,
		[entryType]: value,
		options: {},
	});
	test.each([
		['email', ['a@x.io', 'b@x.io', 'c@x.io'], 'emails_add', 'emails'],
		['domain', ['x.io', 'y.io'], 'domains_add', 'domains'],
	])('%s entries go out in one request', async (type, values, method, key) => {
		const ctx = fakeExecuteFunctions({
			params: (i) => params(type, values[i]),
			items: values.map(() => ({ json: {} })),
			answers: [{ error: 0, error_text: '', total_added: values.length }],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests.map((r) => r.url.split('/').pop())).toEqual([method]);
		expect(sentBodies(ctx)[0]).toEqual({ id: 3, [key]: values });
		expect(output).toHaveLength(values.length);
		expect(output.map((i) => i.pairedItem)).toEqual(values.map((_, item) => ({ item })));
		expect(output[0].json).toMatchObject({ success: true });
	});

	test('phones stay one by one (phones_add counts invalid numbers instead of refusing them)', async () => {
		const phones = ['+79000000001', '+79000000002'];
		const ctx = fakeExecuteFunctions({ params: (i) => params('phone', phones[i]), items: phones.map(() => ({ json: {} })) });
		await new Altcraft().execute.call(ctx);
		expect(ctx.requests.map((r) => r.url.split('/').pop())).toEqual(['phone_add', 'phone_add']);
	});
});

describe('an item the batch answer does not confirm never succeeds silently', () => {
	test('per-entry results missing or of another length: every item of the batch is an error naming it', async () => {
		for (const answer of [{ error: 0, error_text: '' }, { error: 0, error_text: '', result: [{ error: 0, profile_id: 'x' }] }]) {
			const { result } = run(emails(3), {}, () => answer, true);
			const [output] = await result;
			expect(output.map((i) => i.json.error)).toEqual([0, 1, 2].map((n) => expect.stringContaining(`does not confirm item ${n}`)));
			expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		}
	});

	test('without Continue On Fail the node stops with a NodeApiError naming the first item', async () => {
		const { result } = run(emails(2), {}, () => ({ error: 0, error_text: '' }));
		await expect(result).rejects.toThrow(NodeApiError);
		await expect(run(emails(2), {}, () => ({ error: 0, error_text: '' })).result).rejects.toThrow(/does not confirm item 0/);
	});

	test('emails_add counting fewer entries than sent: the items of that batch are errors', async () => {
		const values = ['a@x.io', 'b@x.io'];
		const ctx = fakeExecuteFunctions({
			params: (i) => ({ resource: 'suppressionList', operation: 'add', suppressionList: db(3), entryType: 'email', email: values[i], options: {} }),
			items: values.map(() => ({ json: {} })),
			continueOnFail: true,
			answers: [{ error: 0, error_text: '', total_count: 1, total_imported: 1 }],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output.map((i) => i.json.error)).toEqual([expect.stringContaining('counts 1 of the 2 entries'), expect.stringContaining('counts 1 of the 2 entries')]);
	});
});

describe('Trigger Mailing → Launch into start_batch (opt-in, by profile ID)', () => {
	const ids = ['aaaaaaaaaaaaaaaaaaaaaaa1', 'aaaaaaaaaaaaaaaaaaaaaaa2', 'aaaaaaaaaaaaaaaaaaaaaaa3'];
	const launch = (profileId: string, options: IDataObject, matching = 'profile_id') => ({
		resource: 'triggerMailing',
		operation: 'start',
		triggerMailing: db(7),
		matching,
		profileId,
		email: 'x@example.com',
		options,
	});
	const runLaunch = (options: IDataObject, matching = 'profile_id') => {
		const ctx = fakeExecuteFunctions({
			params: (i) => launch(ids[i], options, matching),
			items: ids.map(() => ({ json: {} })),
			continueOnFail: true,
			// start_batch answers the profile IDs reached: here the second profile is not among them.
			answers: (request) => (request.url.endsWith('start_batch') ? { error: 0, error_text: '', result: [ids[0], ids[2].toUpperCase()] } : { error: 0, error_text: '' }),
		});
		return { ctx, output: new Altcraft().execute.call(ctx) };
	};

	test('off by default', async () => {
		const { ctx, output } = runLaunch({});
		await output;
		expect(findOperation('triggerMailing', 'start')?.batch?.optIn).toBe(true);
		expect(ctx.requests.map((r) => r.url.split('/').slice(-2).join('/'))).toEqual(['start/', 'start/', 'start/']);
	});

	test('opted in: one request; reached items succeed with their profile ID, the others are "not reached" errors', async () => {
		const { ctx, output } = runLaunch({ batching: true });
		const [items] = await output;
		expect(ctx.requests.map((r) => r.url.split('/').pop())).toEqual(['start_batch']);
		expect(sentBodies(ctx)[0]).toEqual({ trigger_id: 7, matching: 'profile_id', data: ids.map((profile_id) => ({ profile_id })) });
		expect(items.map((i) => i.json)).toEqual([
			{ success: true, profile_id: ids[0] },
			expect.objectContaining({ error: `Profile ${ids[1]} was not reached (item 1)` }),
			{ success: true, profile_id: ids[2] },
		]);
	});

	test('opted in, other matching modes: one by one', async () => {
		const { ctx, output } = runLaunch({ batching: true }, 'email');
		await output;
		expect(ctx.requests.map((r) => r.url.split('/').slice(-2).join('/'))).toEqual(['start/', 'start/', 'start/']);
	});

	test('the Batching option says what differs', () => {
		const options = new Altcraft().description.properties.filter((p) => p.name === 'options' && JSON.stringify(p.displayOptions).includes('"start"'));
		const batching = JSON.stringify(options);
		expect(batching).toContain('not reached');
	});
});
