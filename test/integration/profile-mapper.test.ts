/**
 * Profile Data → "Map to Database Fields" through n8n's real execution engine against the Altcraft emulator: the
 * columns come from the emulator's databases/fields_get (as the editor stores them in the node), the values from
 * expressions over the input items; the profiles land in the emulator with the field types of the database.
 */
import type { IDataObject, INodeExecutionData, INodeParameters, ResourceMapperField } from 'n8n-workflow';

import { profileColumn } from '../../nodes/Altcraft/methods/resourceMapping';
import { byId, runAltcraft } from '../helpers/altcraftWorkflow';
import { api, useEmulator } from './support/audience';

const emu = useEmulator();

/** The schema the editor stores after calling getProfileColumns: the emulator's fields of the database. */
async function schemaOf(database: number, operation: string): Promise<ResourceMapperField[]> {
	const answer = await api(emu(), 'databases/fields_get/', { id: database });
	return (answer.data as IDataObject[]).map((field) => profileColumn(field, operation));
}

async function mapperParameters(operation: string, value: IDataObject, extra: INodeParameters = {}): Promise<INodeParameters> {
	return {
		resource: 'profile',
		operation,
		database: byId(2),
		...(operation === 'create' ? {} : { matching: 'email', email: '={{ $json.email }}' }),
		dataMode: 'mapper',
		profileMapper: {
			mappingMode: 'defineBelow',
			value,
			matchingColumns: [],
			schema: (await schemaOf(2, operation)) as unknown as INodeParameters[],
			attemptToConvertTypes: false,
			convertFieldsToString: false,
		} as unknown as INodeParameters,
		...extra,
	};
}

// What a CRM export gives: everything as text.
const CONTACTS: INodeExecutionData[] = [
	{ json: { email: 'map-1@example.com', name: 'Anna', orders: '3', balance: '10.50', vip: 'yes', tags: 'b2b, gold', prefs: '{"lang":"ru"}', buys: '[{"sku":"A1","qty":2}]', signup: '2024-03-01T09:00:00Z', birthday: '1990-02-22', phones: '+79000000001', gender: 'female', score: '' } },
	{ json: { email: 'map-2@example.com', name: 'Boris', orders: '0', balance: '-1', vip: 'false', tags: '["new"]', prefs: '{}', buys: '[]', signup: '2024-03-02T10:15:00+03:00', birthday: '', phones: '["+79000000002","+79000000003"]', gender: '1', score: '42' } },
];

const MAPPED = {
	email: '={{ $json.email }}',
	_fname: '={{ $json.name }}',
	orders_count: '={{ $json.orders }}',
	balance: '={{ $json.balance }}',
	is_vip: '={{ $json.vip }}',
	tags: '={{ $json.tags }}',
	prefs: '={{ $json.prefs }}',
	purchases: '={{ $json.buys }}',
	signup_date: '={{ $json.signup }}',
	_bdate: '={{ $json.birthday }}',
	phones: '={{ $json.phones }}',
	_sex: '={{ $json.gender }}',
	score: '={{ $json.score }}',
	lead_source: 'n8n',
};

describe('Create or Update with the resource mapper, through n8n and the emulator', () => {
	test('two items are grouped into one import_batch; the profiles hold numbers, booleans, lists, objects and dates', async () => {
		const run = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: await mapperParameters('upsert', MAPPED), input: CONTACTS });
		expect(run.status).toBe('success');
		expect(run.items.map((i) => i.json.profile_id)).toEqual([expect.stringMatching(/^[0-9a-f]{24}$/), expect.stringMatching(/^[0-9a-f]{24}$/)]);

		const calls = emu().requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/'));
		expect(calls.map((c) => c.path)).toEqual(['/api/v1.1/profiles/import_batch']);
		const entries = (calls[0].body as IDataObject).data as IDataObject[];
		expect(entries[0]).toEqual({
			email: 'map-1@example.com',
			_fname: 'Anna',
			orders_count: 3,
			balance: 10.5,
			is_vip: true,
			tags: ['b2b', 'gold'],
			prefs: { lang: 'ru' },
			purchases: [{ sku: 'A1', qty: 2 }],
			signup_date: '2024-03-01T09:00:00Z',
			_bdate: '1990-02-22',
			phones: ['+79000000001'],
			_sex: 'female',
			lead_source: 'n8n',
			// score: empty, skipped (Skip Empty Values is on by default)
		});

		const anna = emu().store.getProfileByEmail(2, 'map-1@example.com')!;
		expect(anna).toMatchObject({ _fname: 'Anna', orders_count: 3, balance: 10.5, is_vip: true, tags: ['b2b', 'gold'], prefs: { lang: 'ru' }, purchases: [{ sku: 'A1', qty: 2 }], _sex: 2, lead_source: 'n8n' });
		expect(anna.score).toBeUndefined();
		const boris = (await api(emu(), 'profiles/get/', { db_id: 2, matching: 'email', email: 'map-2@example.com' })).data as IDataObject;
		expect(boris).toMatchObject({ _fname: 'Boris', orders_count: 0, balance: -1, is_vip: false, tags: ['new'], prefs: {}, purchases: [], score: 42, _sex: 1 });
		expect(boris.phones).toEqual(['+79000000002', '+79000000003']);
		expect(boris._bdate ?? null).toBeNull(); // empty birthday: not sent
		expect(String(boris.signup_date)).toMatch(/^2024-03-02T/);
	});

	test('Skip Empty Values off clears a field whose mapped value is empty', async () => {
		const seedRun = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: await mapperParameters('upsert', MAPPED), input: [CONTACTS[1]] });
		expect(seedRun.status).toBe('success');
		expect(emu().store.getProfileByEmail(2, 'map-2@example.com')?.score).toBe(42);

		const clear = await mapperParameters('update', { score: '={{ $json.score }}' }, { skipEmptyValues: false });
		const run = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: clear, input: [{ json: { email: 'map-2@example.com', score: '' } }] });
		expect(run.status).toBe('success');
		const body = emu().requests.filter((r) => r.path === '/api/v1.1/profiles/update').map((r) => r.body as IDataObject)[0];
		expect(body.data).toEqual({ score: null });
		expect(emu().store.getProfileByEmail(2, 'map-2@example.com')?.score ?? null).toBeNull();
	});

	test('a value that cannot be converted fails its item before anything is sent, naming the field and the item', async () => {
		const input = [{ json: { email: 'ok@example.com', orders: '1' } }, { json: { email: 'bad@example.com', orders: 'many' } }];
		const run = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: await mapperParameters('upsert', { email: '={{ $json.email }}', orders_count: '={{ $json.orders }}' }), input });
		expect(run.status).toBe('error');
		expect(run.error?.message).toBe('Field "orders_count": must be a number, got "many" (item 1)');
		expect(emu().requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/'))).toHaveLength(0);

		// With Continue On Fail the good item goes through and the bad one becomes an error item.
		const cof = await runAltcraft({
			baseUrl: emu().url,
			token: emu().tokens.admin,
			parameters: await mapperParameters('upsert', { email: '={{ $json.email }}', orders_count: '={{ $json.orders }}' }),
			input,
			node: { continueOnFail: true },
		});
		expect(cof.items.map((i) => i.json)).toEqual([
			{ profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) },
			expect.objectContaining({ error: 'Field "orders_count": must be a number, got "many" (item 1)' }),
		]);
		expect(emu().store.getProfileByEmail(2, 'ok@example.com')?.orders_count).toBe(1);
		expect(emu().store.getProfileByEmail(2, 'bad@example.com')).toBeUndefined();
	});

	test("expressions n8n evaluates itself (arithmetic, Luxon dates, lists) are converted the same way", async () => {
		const value = {
			email: '={{ $json.email }}',
			orders_count: '={{ $json.orders * 2 }}',
			signup_date: "={{ DateTime.fromISO('2024-05-01T12:00:00', { zone: 'utc' }) }}",
			tags: "={{ ['x', 'y'].concat($json.more) }}",
			is_vip: '={{ $json.orders > 1 }}',
		};
		const run = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters: await mapperParameters('upsert', value), input: [{ json: { email: 'expr@example.com', orders: 3, more: 'z' } }] });
		expect(run.status).toBe('success');
		const body = emu().requests.find((r) => r.path === '/api/v1.1/profiles/import')!.body as IDataObject;
		expect(body.data).toEqual({ email: 'expr@example.com', orders_count: 6, signup_date: expect.stringMatching(/^2024-05-01T12:00:00(\.000)?(Z|\+00:00)$/), tags: ['x', 'y', 'z'], is_vip: true });
		expect(emu().store.getProfileByEmail(2, 'expr@example.com')).toMatchObject({ orders_count: 6, tags: ['x', 'y', 'z'], is_vip: true });
	});

	test('Map Automatically: the item fields named like database fields, converted; other keys left out', async () => {
		const parameters = await mapperParameters('create', {});
		(parameters.profileMapper as IDataObject).mappingMode = 'autoMapInputData';
		const input = [{ json: { email: 'auto@example.com', _fname: 'Auto', orders_count: '5', is_vip: 'true', crm_id: 77, unrelated: 'x' } }];
		const run = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters, input });
		expect(run.status).toBe('success');
		const body = emu().requests.find((r) => r.path === '/api/v1.1/profiles/add')!.body as IDataObject;
		expect(body.data).toEqual({ email: 'auto@example.com', _fname: 'Auto', orders_count: 5, is_vip: true, crm_id: '77' });
		expect(emu().store.getProfileByEmail(2, 'auto@example.com')).toMatchObject({ orders_count: 5, is_vip: true, crm_id: '77' });
	});
});
