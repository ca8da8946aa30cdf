import { db } from '../helpers/fakeContext';
import { fromList, ok, operationRows, pagingTests, taskTests, validationRows, type Row } from '../helpers/operationRows';

// Database operations (20-databases.md): the database ID is sent as `id`.

const base = { resource: 'database', options: {} };
const counters = [{ channel: 'email', status: { all: 1336, subscribed: 925 } }];

const rows: Row[] = [
	{
		title: 'Get Many with a limit and every filter',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 2, filters: { uiTags: 'promo', groups: 'main, sales', groupsId: '1, 4' } },
		path: '/api/v1.1/databases/list/',
		body: { limit: 2, ui_tags: ['promo'], groups: ['main', 'sales'], groups_id: [1, 4] },
		answer: { ...ok, data: [{ id: 1, name: 'Database #1' }, { id: 2, name: 'Database #2' }], next_from_id: 3, total_count: 4 },
		output: [{ id: 1, name: 'Database #1' }, { id: 2, name: 'Database #2' }],
	},
	{
		title: 'Get a database',
		params: { ...base, operation: 'get', database: db(1) },
		path: '/api/v1.1/databases/get/',
		body: { id: 1 },
		answer: { ...ok, data: { id: 1, name: 'Clients', suppress_id: 2, description: '' } },
		output: [{ id: 1, name: 'Clients', suppress_id: 2, description: '' }],
	},
	{
		title: 'Get Fields (one item per field)',
		params: { ...base, operation: 'getFields', database: fromList(1) },
		path: '/api/v1.1/databases/fields_get/',
		body: { id: 1 },
		answer: { ...ok, data: [{ name: '_fname', type: 'string' }, { name: 'crm_id', type: 'string' }] },
		output: [{ name: '_fname', type: 'string' }, { name: 'crm_id', type: 'string' }],
	},
	{
		title: 'Get Statistics for a resource (one item per channel)',
		params: { ...base, operation: 'getStats', database: db(5), resourceId: fromList(24) },
		path: '/api/v1.1/databases/get_counters',
		body: { id: 5, resource_id: 24 },
		answer: { ...ok, data: counters },
		output: counters,
	},
	{
		title: 'Refresh Statistics with a feedback URL, returning the task ID',
		params: { ...base, operation: 'refreshStats', database: db(5), resourceId: fromList(24), additionalFields: { feedbackUrl: 'https://n8n.example.com/webhook/x' }, waitForTask: false },
		path: '/api/v1.1/databases/refresh_counters',
		body: { id: 5, resource_id: 24, feedback: { type: 'JSON', url: 'https://n8n.example.com/webhook/x' } },
		answer: { ...ok, data: { task_id: '6908adeb' } },
		output: [{ task_id: '6908adeb' }],
		modifying: true,
	},
	{
		title: 'Wipe a database, confirmed',
		params: { ...base, operation: 'wipe', database: db(1), confirmWipe: true },
		path: '/api/v1.1/databases/wipe',
		body: { id: 1 },
		answer: { ...ok, data: { count_action: 12, count_profile: 3 } },
		output: [{ deleted: true, count_action: 12, count_profile: 3 }],
		modifying: true,
	},
];

describe('Database operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Database → Get Many paging (int cursor)', () => {
	pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/databases/list/', body: {}, cursors: [3, 5] });
});

describe('Database → Refresh Statistics is a task', () => {
	taskTests({
		params: { ...base, operation: 'refreshStats', database: db(5), resourceId: fromList(24), additionalFields: {} },
		path: '/api/v1.1/databases/refresh_counters',
		body: { id: 5, resource_id: 24 },
		result: [{ channels: counters }],
	});
});

describe('Database input validation', () => {
	validationRows([
		{
			title: 'Wipe without the confirmation sends nothing',
			params: { ...base, operation: 'wipe', database: db(1), confirmWipe: false },
			message: 'Confirm Wipe: must be on to wipe a database (item 0)',
		},
		{
			title: 'a database ID that is not a number',
			params: { ...base, operation: 'get', database: { __rl: true, mode: 'id', value: 'clients' } },
			message: 'Database: must be a whole number, got "clients" (item 0)',
		},
		{
			title: 'Get Statistics without a resource',
			params: { ...base, operation: 'getStats', database: db(5), resourceId: { __rl: true, mode: 'list', value: '' } },
			message: 'Resource: must be a whole number, got an empty string (item 0)',
		},
	]);
});
