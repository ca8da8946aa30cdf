/**
 * Profile Data → "Map to Database Fields" (n8n's resource mapper): the columns built from databases/fields_get, the
 * conversion of mapped values to each column's type, errors naming the field and the item, Skip Empty Values, the
 * system field checks, automatic mapping and the batch path.
 */
import type { IDataObject, INodeExecutionData, ResourceMapperField } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { columnType, profileColumn } from '../../nodes/Altcraft/methods/resourceMapping';
import { db, fakeExecuteFunctions, sentBodies, type FakeContext } from '../helpers/fakeContext';

const col = (id: string, type: ResourceMapperField['type']): ResourceMapperField => ({ id, displayName: id, required: false, defaultMatch: false, display: true, type });

const SCHEMA: ResourceMapperField[] = [
	col('email', 'string'),
	col('phones', 'array'),
	col('_fname', 'string'),
	col('_bdate', 'dateTime'),
	col('_regdate', 'dateTime'),
	col('_sex', 'options'),
	col('_status', 'number'),
	col('orders_count', 'number'),
	col('balance', 'number'),
	col('is_vip', 'boolean'),
	col('interests', 'array'),
	col('prefs', 'object'),
	col('orders', 'array'),
	col('last_visit', 'dateTime'),
	col('crm_id', 'string'),
];

const mapper = (value: IDataObject | null, mappingMode = 'defineBelow') => ({
	mappingMode,
	value,
	matchingColumns: [],
	schema: SCHEMA,
	attemptToConvertTypes: false,
	convertFieldsToString: false,
});

const upsert = (value: IDataObject | null, extra: IDataObject = {}) => ({
	resource: 'profile',
	operation: 'upsert',
	database: db(1),
	matching: 'email',
	email: 'jane@example.com',
	dataMode: 'mapper',
	profileMapper: mapper(value),
	options: {},
	...extra,
});

const OK = { error: 0, error_text: 'Successful operation', profile_id: 'p1' };

async function send(params: IDataObject | ((i: number) => IDataObject), opts: { items?: INodeExecutionData[]; continueOnFail?: boolean; timezone?: string } = {}) {
	const ctx = fakeExecuteFunctions({
		params: typeof params === 'function' ? params : () => params,
		items: opts.items,
		continueOnFail: opts.continueOnFail,
		answers: (request) =>
			request.url.endsWith('_batch')
				? { error: 0, error_text: '', result: ((request.body as IDataObject).data as IDataObject[]).map((_, i) => ({ error: 0, error_text: '', profile_id: `b${i}` })) }
				: OK,
	}) as FakeContext & { getTimezone?: () => string };
	ctx.getTimezone = () => opts.timezone ?? 'UTC';
	const [output] = await new Altcraft().execute.call(ctx);
	return { ctx, output, bodies: sentBodies(ctx) };
}

async function failure(value: IDataObject, extra: IDataObject = {}) {
	try {
		await send(upsert(value, extra));
	} catch (error) {
		return error as Error & { description?: string };
	}
	throw new Error('expected the item to fail');
}

describe('the columns of the mapper (databases/fields_get → ResourceMapperField)', () => {
	test.each([
		['int', 'number'],
		['float', 'number'],
		['bool', 'boolean'],
		['date', 'dateTime'],
		['tags', 'array'],
		['phones', 'array'],
		['arr_object', 'array'],
		['object', 'object'],
		['gender', 'options'],
		['string', 'string'],
		['email', 'string'],
		['ip', 'string'],
		['unicode', 'string'],
		[undefined, 'string'],
	])('Altcraft type %s → %s', (altcraft, n8n) => {
		expect(columnType(altcraft)).toBe(n8n);
	});

	test('a column names the field, its title and Altcraft type; required only for Create', () => {
		const field = { name: 'orders_count', title: 'Orders count', type: 'int', category: 'custom', required: true };
		expect(profileColumn(field, 'create')).toEqual({
			id: 'orders_count',
			displayName: 'Orders count (orders_count, int)',
			required: true,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: 'number',
		});
		expect(profileColumn(field, 'upsert').required).toBe(false);
		expect(profileColumn(field, 'update').required).toBe(false);
		expect(profileColumn({ name: 'email', title: 'E-mail', type: 'email' }, 'upsert')).toMatchObject({ canBeUsedToMatch: true, type: 'string' });
		expect(profileColumn({ name: '_sex', title: 'Gender', type: 'gender', dictionary: 'genders' }, 'upsert')).toMatchObject({
			type: 'options',
			options: [
				{ name: 'Not Set', value: 0 },
				{ name: 'Male', value: 1 },
				{ name: 'Female', value: 2 },
			],
		});
		expect(profileColumn({ name: 'crm_id', type: 'string' }, 'upsert').displayName).toBe('crm_id (string)');
	});
});

describe('mapped values are converted to the column type before sending', () => {
	test('conversion table: text from an input becomes the number, boolean, date, list or object the field holds', async () => {
		const { bodies, ctx } = await send(
			upsert({
				email: ' jane@example.com ',
				phones: '+79000000000, +79000000001',
				_fname: 42,
				_bdate: '1990-02-22',
				_regdate: '2024-03-01T10:30:00',
				_sex: 'female',
				_status: '1',
				orders_count: ' 7 ',
				balance: '12.5',
				is_vip: 'yes',
				interests: '["books", "music"]',
				prefs: '{"lang": "ru"}',
				orders: [{ id: 1 }],
				last_visit: '2024-03-01T10:30:00+03:00',
				crm_id: 'C-1',
			}),
			{ timezone: 'Europe/Moscow' },
		);
		expect(ctx.requests[0].url).toBe('https://altcraft.test/api/v1.1/profiles/import');
		expect(bodies[0]).toEqual({
			db_id: 1,
			matching: 'email',
			email: 'jane@example.com',
			data: {
				email: ' jane@example.com ',
				phones: ['+79000000000', '+79000000001'],
				_fname: '42',
				_bdate: '1990-02-22', // a calendar date stays a date
				_regdate: '2024-03-01T07:30:00Z', // local time of the workflow's time zone → UTC, RFC 3339
				_sex: 'female',
				_status: 1,
				orders_count: 7,
				balance: 12.5,
				is_vip: true,
				interests: ['books', 'music'],
				prefs: { lang: 'ru' },
				orders: [{ id: 1 }],
				last_visit: '2024-03-01T10:30:00+03:00',
				crm_id: 'C-1',
			},
		});
	});

	test.each([
		['number', 'orders_count', 5, 5],
		['number', 'orders_count', '-3', -3],
		['boolean', 'is_vip', false, false],
		['boolean', 'is_vip', 'FALSE', false],
		['boolean', 'is_vip', 0, false],
		['boolean', 'is_vip', '1', true],
		['boolean', 'is_vip', 'on', true],
		['array', 'interests', 'a,b , c', ['a', 'b', 'c']],
		['array', 'interests', ['x'], ['x']],
		['array', 'phones', 79000000000, ['79000000000']],
		['array', 'orders', '[{"id": 2}]', [{ id: 2 }]],
		['array', 'orders', { id: 3 }, [{ id: 3 }]],
		['array', 'orders', '{"id": 4}', [{ id: 4 }]],
		['object', 'prefs', { a: 1 }, { a: 1 }],
		['dateTime', 'last_visit', '2024-01-31T10:00:00Z', '2024-01-31T10:00:00Z'],
		['dateTime', 'last_visit', '2024-01-31 10:00', '2024-01-31T10:00:00Z'],
		['dateTime', 'last_visit', new Date('2024-01-31T10:00:00Z'), '2024-01-31T10:00:00.000Z'],
		['string', 'crm_id', true, 'true'],
		['options', '_sex', 2, 2],
	])('%s: %s = %p → %p', async (_type, field, given, sent) => {
		const { bodies } = await send(upsert({ [field]: given as never }));
		expect((bodies[0].data as IDataObject)[field]).toEqual(sent);
	});

	test.each([
		['orders_count', 'abc', /^Field "orders_count": must be a number, got "abc" \(item 0\)$/],
		['is_vip', 'maybe', /^Field "is_vip": must be true or false, got "maybe" \(item 0\)$/],
		['last_visit', '31.01.2024', /^Field "last_visit": must be a date and time like 2024-01-31T10:00:00Z, got "31.01.2024" \(item 0\)$/],
		['last_visit', 1706695200, /^Field "last_visit": must be a date and time .*got number 1706695200 \(item 0\)$/],
		['_bdate', '2023-02-30', /^Field "_bdate": "2023-02-30" is not a real date \(item 0\)$/],
		['interests', '["a",', /^Field "interests": is not valid JSON/],
		['orders', '{"id": 1', /^Field "orders": is not valid JSON/],
		['prefs', '[1, 2]', /^Field "prefs": must be an object .*\(item 0\)$/],
		['prefs', 'text', /^Field "prefs": is not valid JSON/],
		['crm_id', { a: 1 }, /^Field "crm_id": must be text, got an object \(item 0\)$/],
	])('%s = %p cannot be converted: the error names the field and the item', async (field, given, message) => {
		const error = await failure({ [field]: given as never });
		expect(error.message).toMatch(message);
	});

	test('the failing item is named, not the first one; Continue On Fail turns it into an output item', async () => {
		const items = [{ json: { n: '1' } }, { json: { n: 'x' } }, { json: { n: '3' } }];
		const { output, bodies } = await send((i) => upsert({ orders_count: items[i].json.n }, { options: { batching: false } }), { items, continueOnFail: true });
		expect(output.map((o) => o.json)).toEqual([
			OK_OUT,
			expect.objectContaining({ error: 'Field "orders_count": must be a number, got "x" (item 1)' }),
			OK_OUT,
		]);
		expect(bodies.map((b) => (b.data as IDataObject).orders_count)).toEqual([1, 3]);
	});

	test('system field checks still apply after conversion', async () => {
		expect((await failure({ email: 'not-an-address' })).message).toBe('Field "email": must be an e-mail address, got "not-an-address" (item 0)');
		expect((await failure({ _status: '9' })).message).toBe('Field "_status": must be a whole number from 0 to 6, got number 9 (item 0)');
		expect((await failure({ _fname: 'x', balance: 'Infinity' })).message).toMatch(/^Field "balance": (must be a number|Infinity is not a number)/);
	});
});

const OK_OUT = { profile_id: 'p1' };

describe('empty values', () => {
	const value = { _fname: '', crm_id: null, interests: [], orders_count: '  ', is_vip: false, _lname: 'Doe' };

	test('Skip Empty Values (default on): empty text, null and empty lists are not sent; false is a value', async () => {
		const { bodies } = await send(upsert(value));
		expect(bodies[0].data).toEqual({ is_vip: false, _lname: 'Doe' });
		const explicit = await send(upsert(value, { skipEmptyValues: true }));
		expect(explicit.bodies[0].data).toEqual({ is_vip: false, _lname: 'Doe' });
	});

	test('Skip Empty Values off: empty values clear their fields (null); the e-mail cannot be cleared', async () => {
		const { bodies } = await send(upsert(value, { skipEmptyValues: false }));
		expect(bodies[0].data).toEqual({ _fname: null, crm_id: null, interests: null, orders_count: null, is_vip: false, _lname: 'Doe' });
		const error = await failure({ email: '' }, { skipEmptyValues: false });
		expect(error.message).toBe('Field "email": cannot be cleared (item 0)');
	});

	test('nothing mapped: an empty data object is sent', async () => {
		expect((await send(upsert(null))).bodies[0].data).toEqual({});
	});
});

describe('Map Automatically: the item keys that are fields of the database', () => {
	test('unknown keys are left out, known ones converted', async () => {
		const items = [{ json: { email: 'auto@example.com', orders_count: '4', is_vip: 'true', id: 'x', _createtime: 'y', note: 'z' } }];
		const { bodies } = await send({ ...upsert(null), profileMapper: mapper(null, 'autoMapInputData') }, { items });
		expect(bodies[0].data).toEqual({ email: 'auto@example.com', orders_count: 4, is_vip: true });
	});

	test('without a loaded field list every key is sent as given', async () => {
		const items = [{ json: { email: 'auto@example.com', custom: 1 } }];
		const { bodies } = await send({ ...upsert(null), profileMapper: { mappingMode: 'autoMapInputData', value: null } }, { items });
		expect(bodies[0].data).toEqual({ email: 'auto@example.com', custom: 1 });
	});
});

describe('the batch path', () => {
	test('Create or Update items with mapped data are grouped into import_batch with the converted values', async () => {
		const items = [0, 1, 2].map((n) => ({ json: { email: `m${n}@example.com`, orders: String(n), vip: n % 2 ? 'yes' : 'no' } }));
		const { ctx, bodies, output } = await send(
			(i) => upsert({ orders_count: items[i].json.orders, is_vip: items[i].json.vip }, { email: items[i].json.email }),
			{ items },
		);
		expect(ctx.requests.map((r) => r.url)).toEqual(['https://altcraft.test/api/v1.1/profiles/import_batch']);
		expect(bodies[0]).toEqual({
			db_id: 1,
			matching: 'email',
			data: [
				{ email: 'm0@example.com', orders_count: 0, is_vip: false },
				{ email: 'm1@example.com', orders_count: 1, is_vip: true },
				{ email: 'm2@example.com', orders_count: 2, is_vip: false },
			],
		});
		expect(output.map((o) => o.json.profile_id)).toEqual(['b0', 'b1', 'b2']);
	});

	test('Create and Update take the mapper too', async () => {
		const create = await send({ ...upsert({ email: 'new@example.com', orders_count: '2' }), operation: 'create' });
		expect(create.ctx.requests[0].url).toMatch(/profiles\/add$/);
		expect(create.bodies[0]).toEqual({ db_id: 1, data: { email: 'new@example.com', orders_count: 2 } });
		const update = await send({ ...upsert({ balance: '1.5' }), operation: 'update' });
		expect(update.ctx.requests[0].url).toMatch(/profiles\/update$/);
		expect(update.bodies[0].data).toEqual({ balance: 1.5 });
	});
});
