import { db } from '../helpers/fakeContext';
import { ok, operationRows, pagingTests, PID, validationRows, type Row } from '../helpers/operationRows';

// Action History operations (11-subscriptions.md §9–10): the database goes as list_id, dates as YYYY-MM-DD.

const base = { resource: 'history', database: db(20), options: {} };
const event = { action: 'send', channel: 'email', datetime: '2024-01-02T10:00:00Z' };

const rows: Row[] = [
	{
		title: 'Get the history of one profile by its hash (xxh), from a date picked in the editor',
		params: { ...base, operation: 'get', identifyBy: 'xxh', xxh: '0eb51aefd919f90a', dateFrom: '2024-01-01T00:00:00', dateTo: '' },
		path: '/api/v1.1/subscribers/history_get',
		body: { list_id: 20, xxh: '0eb51aefd919f90a', date_from: '2024-01-01' },
		answer: { ...ok, data: [event, { ...event, action: 'open' }] },
		output: [event, { ...event, action: 'open' }],
	},
	{
		title: 'Get the history of one profile by e-mail within a period',
		params: {
			...base,
			operation: 'get',
			identifyBy: 'matching',
			matching: 'email',
			email: 'jane@example.com',
			matchingResourceId: 0,
			dateFrom: '2024-01-01',
			dateTo: '2024-03-31T00:00:00',
		},
		path: '/api/v1.1/subscribers/history_get',
		body: { list_id: 20, matching: 'email', email: 'jane@example.com', date_from: '2024-01-01', date_to: '2024-03-31' },
		answer: { ...ok, data: [] },
		output: [],
	},
	{
		title: 'Get the history of one profile by profile ID',
		params: { ...base, operation: 'get', identifyBy: 'matching', matching: 'profile_id', profileId: PID, dateFrom: '', dateTo: '' },
		path: '/api/v1.1/subscribers/history_get',
		body: { list_id: 20, matching: 'profile_id', profile_id: PID },
		answer: { ...ok, data: [event] },
	},
	{
		title: 'Get Many: the history of a database within a period, with profile fields, limited',
		params: { ...base, operation: 'getAll', dateFrom: '2024-07-15', dateTo: '2024-10-09', returnAll: false, limit: 300, includeFields: 'CustomNumber, _fname' },
		path: '/api/v1.1/subscribers/history_get_all',
		body: { list_id: 20, date_from: '2024-07-15', date_to: '2024-10-09', limit: 300, fields: ['CustomNumber', '_fname'] },
		answer: { ...ok, data: [{ ...event, fields: { CustomNumber: 1 } }] },
		output: [{ ...event, fields: { CustomNumber: 1 } }],
	},
];

describe('Action History operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Action History → Get Many paging (xx-hash.date cursor)', () => {
	pagingTests({
		params: { ...base, operation: 'getAll', dateFrom: '2024-07-15', dateTo: '2024-10-09', includeFields: '' },
		path: '/api/v1.1/subscribers/history_get_all',
		body: { list_id: 20, date_from: '2024-07-15', date_to: '2024-10-09' },
		cursors: ['005a06ded879ecd7.20170406', '005a06ded879ecd8.20170407'],
	});
});

describe('Action History input validation', () => {
	validationRows([
		{
			title: 'Get Many without the start of the period',
			params: { ...base, operation: 'getAll', dateFrom: '', dateTo: '2024-10-09', returnAll: true, includeFields: '' },
			message: 'From Date: is required (item 0)',
		},
		{
			title: 'a date that is not a date',
			params: { ...base, operation: 'getAll', dateFrom: 'yesterday', dateTo: '2024-10-09', returnAll: true, includeFields: '' },
			message: 'From Date: must be a date like 2024-01-31, got "yesterday" (item 0)',
		},
		{
			title: 'Get by hash without the hash',
			params: { ...base, operation: 'get', identifyBy: 'xxh', xxh: ' ', dateFrom: '', dateTo: '' },
			message: 'Profile Hash (XXH): is required (item 0)',
		},
	]);
});
