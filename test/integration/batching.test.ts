/** Batching against the emulator, through n8n's real engine: speed comes from few requests, safety from Request-IDs. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, runAltcraft } from '../helpers/altcraftWorkflow';
import { useEmulator } from './support/audience';

const emu = useEmulator();

const parameters = (options: IDataObject = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email: '={{ $json.email }}',
	dataMode: 'fields',
	profileFields: { field: [{ name: '_fname', value: '={{ $json.name }}' }, { name: 'orders_count', value: '={{ $json.orders }}', valueType: 'number' }] },
	subscriptions: { subscription: [{ resourceId: 1, channel: 'email', email: '={{ $json.email }}', status: 'subscribed' }] },
	options: options as INodeParameters,
});
const contacts = (n: number, bad: number[] = []) =>
	Array.from({ length: n }, (_, i) => ({ json: { email: `c${i}@example.com`, name: `C${i}`, orders: bad.includes(i) ? 'many' : i } }));

test('2,500 items go out as three import_batch requests, each item with its own result', async () => {
	const result = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: parameters(), input: contacts(2500) });
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(2500);
	expect(result.items.every((item, i) => (item.pairedItem as unknown as IDataObject).item === i && typeof item.json.profile_id === 'string')).toBe(true);
	expect(emu().requests.map((r) => r.path)).toEqual(Array(3).fill('/api/v1.1/profiles/import_batch'));
	expect(emu().store.countProfiles(1)).toBe(2500);
	expect(emu().ledger.filter((e) => e.op === 'profile.create')).toHaveLength(2500);
});

test('a batch body is sent serialized by the node: the token is its first field, the entries follow in input order', async () => {
	const result = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: parameters(), input: contacts(3) });
	expect(result.status).toBe('success');
	const [sent] = emu().requests;
	expect(Object.keys(sent.body ?? {})[0]).toBe('token');
	expect(sent.body).toEqual({
		token: emu().tokens.admin,
		db_id: 1,
		matching: 'email',
		data: [0, 1, 2].map((i) => ({
			email: `c${i}@example.com`,
			_fname: `C${i}`,
			orders_count: i,
			subscriptions: [{ resource_id: 1, channel: 'email', email: `c${i}@example.com`, status: 'subscribed' }],
		})),
	});
	expect(sent.headers.authorization).toBe(`Bearer ${emu().tokens.admin}`);
});

test('a batch whose answer is lost after it was applied is retried and applied once', async () => {
	emu().faults.inject({ kind: 'dropAfterApply', count: 1, path: '/api/v1.1/profiles/import_batch' });
	const result = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: parameters(), input: contacts(1500) });
	expect(result.status).toBe('success');
	expect(result.items).toHaveLength(1500);
	expect(emu().ledger.filter((e) => e.op === 'profile.create')).toHaveLength(1500);
	const replays = emu().requests.filter((r) => r.duplicate);
	expect(replays).toHaveLength(1);
	expect(result.items.slice(0, 1000).every((item) => item.json.duplicateRequest === true)).toBe(true);
});

test('entries the platform refuses become error items; the rest of the batch is applied', async () => {
	const result = await runAltcraft({
		baseUrl: emu().url,
		token: emu().tokens.admin,
		parameters: { ...parameters(), profileFields: { field: [{ name: 'orders_count', value: '={{ $json.orders }}' }] } },
		input: contacts(10, [3, 7]),
		node: { continueOnFail: true },
	});
	expect(result.items).toHaveLength(10);
	const failed = result.items.filter((item) => item.json.error).map((item) => (item.pairedItem as unknown as IDataObject).item);
	expect(failed).toEqual([3, 7]);
	expect(result.items[3].json).toMatchObject({ errorCode: 450 });
	expect(emu().ledger.filter((e) => e.op === 'profile.create')).toHaveLength(8);
});
