import { db } from '../helpers/fakeContext';
import { emptyLocator, fromList, ok, operationRows, pagingTests, taskTests, validationRows, type Row } from '../helpers/operationRows';

// Resource operations (21-resources.md): the resource ID is `id`, a database is `list_id`.

const base = { resource: 'resource', options: {} };
const counters = [{ channel: 'email', status: { all: 10, subscribed: 9 } }];

const rows: Row[] = [
	{
		title: 'Get Many by access groups',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 10, filters: { groups: 'subaccount', groupsId: '1' } },
		path: '/api/v1.1/resources/list',
		body: { limit: 10, groups: ['subaccount'], groups_id: [1] },
		answer: { ...ok, data: [{ id: 1, name: 'Resource', groups: [{ id: 1, name: 'subaccount' }] }], total_count: 1 },
		output: [{ id: 1, name: 'Resource', groups: [{ id: 1, name: 'subaccount' }] }],
	},
	{
		title: 'Get a resource',
		params: { ...base, operation: 'get', resourceId: fromList(1) },
		path: '/api/v1.1/resources/get',
		body: { id: 1 },
		answer: { ...ok, data: { id: 1, name: 'Shop', channels: ['email', 'push'], dbs_ids: [1, 2] } },
		output: [{ id: 1, name: 'Shop', channels: ['email', 'push'], dbs_ids: [1, 2] }],
	},
	{
		title: 'Get Subscription Fields of the push channel',
		params: { ...base, operation: 'getFields', resourceId: fromList(1), channel: 'push' },
		path: '/api/v1.1/resources/fields_get',
		body: { id: 1, channel: 'push' },
		answer: { ...ok, data: [{ category: 'system', name: '_device_type', type: 'unicode', required: false }] },
		output: [{ category: 'system', name: '_device_type', type: 'unicode', required: false }],
	},
	{
		title: 'Get Statistics (unconfirmed path) within a database',
		params: { ...base, operation: 'getStats', resourceId: fromList(24), database: db(1) },
		path: '/api/v1.1/resources/get_counters',
		body: { id: 24, list_id: 1 },
		answer: { ...ok, data: counters },
		output: counters,
	},
	{
		title: 'Get Statistics (unconfirmed path) without a database',
		params: { ...base, operation: 'getStats', resourceId: fromList(24), database: emptyLocator },
		path: '/api/v1.1/resources/get_counters',
		body: { id: 24 },
		answer: { ...ok, data: counters },
	},
	{
		title: 'Refresh Statistics, returning the task ID',
		params: { ...base, operation: 'refreshStats', resourceId: fromList(24), database: db(1), additionalFields: {}, waitForTask: false },
		path: '/api/v1.1/resources/refresh_counters',
		body: { id: 24, list_id: 1 },
		answer: { ...ok, data: { task_id: 'c9c3ec48' } },
		output: [{ task_id: 'c9c3ec48' }],
		modifying: true,
	},
];

describe('Resource operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Resource → Get Many paging (int cursor)', () => {
	pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/resources/list', body: {}, cursors: [4, 9] });
});

describe('Resource → Refresh Statistics is a task', () => {
	taskTests({
		params: { ...base, operation: 'refreshStats', resourceId: fromList(24), database: db(1), additionalFields: { feedbackUrl: 'https://x.example/hook' } },
		path: '/api/v1.1/resources/refresh_counters',
		body: { id: 24, list_id: 1, feedback: { type: 'JSON', url: 'https://x.example/hook' } },
		result: [{ channels: counters }],
	});
});

describe('Resource input validation', () => {
	validationRows([
		{
			title: 'Refresh Statistics needs the database',
			params: { ...base, operation: 'refreshStats', resourceId: fromList(24), database: emptyLocator, additionalFields: {}, waitForTask: false },
			message: 'Database: must be a whole number, got an empty string (item 0)',
		},
		{
			title: 'a resource ID below 1',
			params: { ...base, operation: 'get', resourceId: { __rl: true, mode: 'id', value: '0' } },
			message: 'Resource: must be between 1 and 9007199254740991, got 0 (item 0)',
		},
	]);
});
