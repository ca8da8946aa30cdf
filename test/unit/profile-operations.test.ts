import type { IDataObject } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { db, fakeExecuteFunctions, sentBodies, type FakeAnswer } from '../helpers/fakeContext';

// One row per operation: parameters in, the documented path and body out (10-profiles.md).
interface Row {
	title: string;
	params: Record<string, unknown>;
	path: string;
	body: IDataObject;
	answer?: FakeAnswer;
	output?: IDataObject[];
	modifying?: boolean;
}

const base = { resource: 'profile', database: db(1), options: {} };
const ok = { error: 0, error_text: 'Successful operation' };
const PID = '5f4fa1a5ce9448665fef548e';

const rows: Row[] = [
	{
		title: 'Create or Update by e-mail, field by field, with functions, a subscription and flags',
		params: {
			...base,
			operation: 'upsert',
			matching: 'email',
			email: 'jane@example.com',
			dataMode: 'fields',
			profileFields: {
				field: [
					{ name: '_fname', action: 'set', value: 'Jane', valueType: 'auto' },
					{ name: 'orders_count', action: 'incr', value: '2' },
					{ name: 'tags', action: 'add', value: 'vip, new' },
					{ name: 'old_field', action: 'unset' },
					{ name: 'prefs', action: 'upsert', value: 'y', submatch: 'x' },
					{ name: 'is_vip', action: 'set', value: 'true', valueType: 'boolean' },
					{ name: 'phones', action: 'set', value: '["+79000000000"]', valueType: 'json' },
				],
			},
			subscriptions: {
				subscription: [
					{ resourceId: 1, channel: 'email', email: 'jane@example.com', status: 'subscribed', priority: -1, cats: 'news', customFields: '{}' },
					{ resourceId: 2, channel: 'sms', phone: '+79000000000', status: '', priority: 0, cats: '', customFields: '{"_device_type":"web"}' },
				],
			},
			additionalFields: { skipTriggers: true, detectGeo: true, addToSegments: '3, 7' },
		},
		path: '/api/v1.1/profiles/import',
		body: {
			db_id: 1,
			matching: 'email',
			email: 'jane@example.com',
			data: {
				_fname: 'Jane',
				orders_count: { action: 'incr', value: 2 },
				tags: { action: 'add', value: ['vip', 'new'] },
				old_field: { action: 'unset' },
				prefs: { action: 'upsert', value: 'y', submatch: 'x' },
				is_vip: true,
				phones: ['+79000000000'],
				subscriptions: [
					{ resource_id: 1, channel: 'email', email: 'jane@example.com', status: 'subscribed', cats: ['news'] },
					{ resource_id: 2, channel: 'sms', phone: '+79000000000', priority: 0, custom_fields: { _device_type: 'web' } },
				],
			},
			skip_triggers: true,
			detect_geo: true,
			add_to_segments: [3, 7],
		},
		answer: { ...ok, profile_id: PID },
		output: [{ profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Update by a custom field, profile data as JSON, extra body fields merged',
		params: {
			...base,
			operation: 'update',
			matching: 'custom',
			fieldName: 'crm_id',
			fieldValue: 'A-1029',
			dataMode: 'json',
			profileJson: '{"_fname": "Anna", "orders_count": {"action": "incr", "value": 1}}',
			subscriptions: {},
			additionalFields: { skipInvalidSubscriptions: true, removeFromSegments: '4' },
			options: { additionalBodyFields: '{"resource_id": 2}' },
		},
		path: '/api/v1.1/profiles/update',
		body: {
			db_id: 1,
			matching: 'custom',
			field_name: 'crm_id',
			field_value: 'A-1029',
			data: { _fname: 'Anna', orders_count: { action: 'incr', value: 1 } },
			skip_invalid_subscriptions: true,
			remove_from_segments: [4],
			resource_id: 2,
		},
		answer: { ...ok, profile_id: PID },
		output: [{ profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Update by profile ID',
		params: { ...base, operation: 'update', matching: 'profile_id', profileId: PID, dataMode: 'json', profileJson: { _lname: 'Smith' }, subscriptions: {}, additionalFields: {} },
		path: '/api/v1.1/profiles/update',
		body: { db_id: 1, matching: 'profile_id', profile_id: PID, data: { _lname: 'Smith' } },
		answer: { ...ok, profile_id: PID },
		modifying: true,
	},
	{
		title: 'Create (add without lookup)',
		params: { ...base, operation: 'create', dataMode: 'json', profileJson: '{"_fname": "Fillipp"}', subscriptions: {}, additionalFields: { skipTriggers: true } },
		path: '/api/v1.1/profiles/add',
		body: { db_id: 1, data: { _fname: 'Fillipp' }, skip_triggers: true },
		answer: { error: 0, error_text: '', profile_id: PID },
		output: [{ profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Get by phone within a resource',
		params: { ...base, operation: 'get', matching: 'phone', phone: '+79000000000', matchingResourceId: 2 },
		path: '/api/v1.1/profiles/get/',
		body: { db_id: 1, matching: 'phone', phone: '+79000000000', resource_id: 2 },
		answer: { ...ok, data: { id: PID, _fname: 'Jane' } },
		output: [{ id: PID, _fname: 'Jane' }],
	},
	{
		title: 'Get by push subscription',
		params: { ...base, operation: 'get', matching: 'push_sub', pushProvider: 'android-firebase', pushSubscriptionId: 'dev-1' },
		path: '/api/v1.1/profiles/get/',
		body: { db_id: 1, matching: 'push_sub', provider: 'android-firebase', subscription_id: 'dev-1' },
		answer: { ...ok, data: { id: PID } },
	},
	{
		title: 'Get by e-mail or phone with only a phone',
		params: { ...base, operation: 'get', matching: 'email_phone', emailOrPhoneEmail: '', emailOrPhonePhone: '+79001112233', matchingResourceId: 0 },
		path: '/api/v1.1/profiles/get/',
		body: { db_id: 1, matching: 'email_phone', phone: '+79001112233' },
		answer: { ...ok, data: { id: PID } },
	},
	{
		title: 'Get by e-mail (subscriptions only)',
		params: { ...base, operation: 'get', matching: 'email_sub', email: 'a@b.co', matchingResourceId: 0 },
		path: '/api/v1.1/profiles/get/',
		body: { db_id: 1, matching: 'email_sub', email: 'a@b.co' },
		answer: { ...ok, data: { id: PID } },
	},
	{
		title: 'Get Many with a limit, a query and a projection',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 2, filters: { query: '{"_city": "Moscow"}', fields: 'email, _fname' } },
		path: '/api/v1.1/profiles/list',
		body: { db_id: 1, limit: 2, query: { _city: 'Moscow' }, fields: ['email', '_fname'] },
		answer: { ...ok, data: [{ id: 'a' }, { id: 'b' }], next_from_id: 'c' },
		output: [{ id: 'a' }, { id: 'b' }],
	},
	{
		title: 'Delete by profile ID',
		params: { ...base, operation: 'delete', matching: 'profile_id', profileId: PID },
		path: '/api/v1.1/profiles/delete',
		body: { db_id: 1, matching: 'profile_id', profile_id: PID },
		answer: { ...ok, data: { profile_id: PID } },
		output: [{ deleted: true, profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Merge two profiles into a third',
		params: {
			...base,
			operation: 'merge',
			matching: 'email',
			sourceProfiles: { profile: [{ databaseId: 0, value: 'old1@example.com' }, { databaseId: 2, value: 'old2@example.com' }] },
			destinationProfile: { profile: { databaseId: 0, value: 'main@example.com' } },
			resultData: '{"_fname": "Anna"}',
			additionalFields: { copySubscriptions: true, copyHistory: false },
		},
		path: '/api/v1.1/profiles/merge',
		body: {
			db_id: 1,
			matching: 'email',
			source: [{ db_id: 1, email: 'old1@example.com' }, { db_id: 2, email: 'old2@example.com' }],
			destination: { db_id: 1, email: 'main@example.com' },
			data: { _fname: 'Anna' },
			subscriptions: true,
			history: false,
		},
		answer: { ...ok, profile_id: PID },
		modifying: true,
	},
	{
		title: 'Split one profile by a custom field',
		params: {
			...base,
			operation: 'split',
			matching: 'custom',
			fieldName: 'crm_id',
			sourceProfile: { profile: { databaseId: 0, value: 'C-1' } },
			destinationProfiles: { profile: [{ databaseId: 0, value: 'C-2' }, { databaseId: 0, value: 'C-3' }] },
			resultData: '{}',
			additionalFields: { moveStaticSegments: true },
		},
		path: '/api/v1.1/profiles/split',
		body: {
			matching: 'custom',
			field_name: 'crm_id',
			source: { db_id: 1, field_value: 'C-1' },
			destination: [{ db_id: 1, field_value: 'C-2' }, { db_id: 1, field_value: 'C-3' }],
			static_segments: true,
		},
		answer: { ...ok },
		modifying: true,
	},
	{
		title: 'Unsubscribe from a sent message, some categories',
		params: { resource: 'profile', operation: 'unsubscribe', resourceToken: 'rt-1', sentMessageId: 'smid-1', categories: 'promo, news', options: {} },
		path: '/api/v1.1/profiles/message_unsub',
		body: { rtoken: 'rt-1', smid: 'smid-1', categories: ['promo', 'news'] },
		answer: { ...ok, profile_id: PID },
		output: [{ profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Export: start the task and return its id',
		params: { resource: 'profile', operation: 'export', sourceType: 'segment', sourceId: 9, fileFormat: 'json', customRequest: '{"occupation": "doctor"}', exportOutput: 'task', options: {} },
		path: '/api/v1.1/profiles/get_all',
		body: { source_type: 'segment', source_id: 9, file_format: 'json', custom_request: { occupation: 'doctor' } },
		answer: { ...ok, data: { task_id: 'task_1' } },
		output: [{ task_id: 'task_1' }],
	},
];

describe('Profile operations: parameters → path and body', () => {
	test.each(rows)('$title', async (row) => {
		const ctx = fakeExecuteFunctions({ params: row.params, answers: [row.answer ?? ok] });
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests).toHaveLength(1);
		const [request] = ctx.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`https://altcraft.test${row.path}`);
		expect(sentBodies(ctx)[0]).toEqual(row.body);
		const requestId = (request.headers as IDataObject)['Request-ID'];
		if (row.modifying) expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		else expect(requestId).toBeUndefined();
		if (row.output) expect(output.map((item) => item.json)).toEqual(row.output);
		for (const item of output) expect(item.pairedItem).toEqual({ item: 0 });
	});
});

describe('Get Many paging', () => {
	const page = (ids: string[], next?: string) => ({ ...ok, data: ids.map((id) => ({ id })), ...(next ? { next_from_id: next } : {}) });

	test('Return All follows next_from_id until an empty page', async () => {
		const ctx = fakeExecuteFunctions({
			params: { ...base, operation: 'getAll', returnAll: true, filters: {} },
			answers: [page(['1', '2'], 'c3'), page(['3'], 'c4'), page([])],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output.map((i) => i.json.id)).toEqual(['1', '2', '3']);
		expect(sentBodies(ctx)).toEqual([
			{ db_id: 1, limit: 1000 },
			{ db_id: 1, limit: 1000, from_id: 'c3' },
			{ db_id: 1, limit: 1000, from_id: 'c4' },
		]);
	});

	test('a limit stops paging as soon as it is reached and asks only for what is missing', async () => {
		const ctx = fakeExecuteFunctions({
			params: { ...base, operation: 'getAll', returnAll: false, limit: 3, filters: {} },
			answers: [page(['1', '2'], 'c3'), page(['3', '4'], 'c5')],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output.map((i) => i.json.id)).toEqual(['1', '2', '3']);
		expect(sentBodies(ctx).map((b) => b.limit)).toEqual([3, 1]);
	});
});

describe('Export: task, polling, download', () => {
	const params = { resource: 'profile', operation: 'export', sourceType: 'database', sourceId: 1, fileFormat: 'csv', customRequest: '{}', waitTimeout: 30, options: {} };
	const answers = (request: { url: string; method?: string }, index: number): FakeAnswer => {
		if (request.url.endsWith('/profiles/get_all')) return { ...ok, data: { task_id: 't1' } };
		if (request.url.endsWith('/tasks/status')) {
			return index < 2 ? { ...ok, data: { status: 'processing', progress: 40 } } : { ...ok, data: { status: 'completed', progress: 100, result: { total: 2, urls: ['/api/download/u1/1_database_export.csv'] } } };
		}
		return { statusCode: 200, body: Buffer.from('email,_fname\r\na@x.io,"Ann, ""A"""\r\nb@x.io,Bob\r\n') };
	};

	test('rows: waits for the task, downloads with GET, parses the CSV', async () => {
		const ctx = fakeExecuteFunctions({ params: { ...params, exportOutput: 'rows' }, answers });
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
			'POST https://altcraft.test/api/v1.1/profiles/get_all',
			'POST https://altcraft.test/api/v1.1/tasks/status',
			'POST https://altcraft.test/api/v1.1/tasks/status',
			'GET https://altcraft.test/api/download/u1/1_database_export.csv',
		]);
		expect(sentBodies(ctx)[1]).toEqual({ task_id: 't1' });
		expect(output.map((i) => i.json)).toEqual([
			{ email: 'a@x.io', _fname: 'Ann, "A"' },
			{ email: 'b@x.io', _fname: 'Bob' },
		]);
	});

	test('file: returns the export as binary data', async () => {
		const ctx = fakeExecuteFunctions({ params: { ...params, exportOutput: 'file', binaryPropertyName: 'export' }, answers });
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({ task_id: 't1', total: 2, fileName: '1_database_export.csv' });
		expect(Buffer.from(output[0].binary!.export.data, 'base64').toString()).toContain('b@x.io,Bob');
		expect(output[0].binary!.export.mimeType).toBe('text/csv');
	});
});
