import { db } from '../helpers/fakeContext';
import { emptyLocator, fromList, ok, operationRows, pagingTests, PID, taskTests, validationRows, type Row } from '../helpers/operationRows';

// Segment operations (30-segments.md): type → is_static / is_refresh_daily; rules → rule blocks; static-segment
// membership through profiles/segstatic/*.

const base = { resource: 'segment', options: {} };
const noRules = { rulesMode: 'builder', combineWith: 'and', conditions: {}, blockOptions: {}, rulesJson: '[]', refreshDaily: false };
const sexRule = { compo: 'default', name: '_sex', operator: 'equal', value: [{ name: 'default', value: '2' }] };

const rows: Row[] = [
	{
		title: 'Get Many with tags and group filters',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 100, filters: { uiTags: 'promo', groups: '', groupsId: '2' } },
		path: '/api/v1.1/segments/list/',
		body: { limit: 100, ui_tags: ['promo'], groups_id: [2] },
		answer: { ...ok, data: [{ id: 1, name: 'Segment A', ui_tags: ['promo'], Groups: [{ Id: 2, Name: 'main' }] }], total_count: 1 },
		output: [{ id: 1, name: 'Segment A', ui_tags: ['promo'], Groups: [{ Id: 2, Name: 'main' }] }],
	},
	{
		title: 'Get a segment with its rules',
		params: { ...base, operation: 'get', segment: fromList(1) },
		path: '/api/v1.1/segments/get/',
		body: { id: 1 },
		answer: { ...ok, data: { id: 1, name: 'Segment A', count: 100, segment: [{ condition: 'or', list_id: 1, queries: [] }] } },
		output: [{ id: 1, name: 'Segment A', count: 100, segment: [{ condition: 'or', list_id: 1, queries: [] }] }],
	},
	{
		title: 'Create a dynamic segment from two conditions combined with AND',
		params: {
			...base,
			...noRules,
			operation: 'create',
			name: 'Women from region X',
			segmentType: 'dynamic',
			database: db(5),
			conditions: {
				condition: [
					{ name: '_sex', compo: 'default', operator: 'equal', value: '2', type: '' },
					{ name: 'email', compo: 'domaingroup', operator: 'equal', value: 'Yahoo! (US)', type: 'email' },
				],
			},
		},
		path: '/api/v1.1/segments/add/',
		body: {
			name: 'Women from region X',
			is_static: false,
			segment: [
				{
					condition: 'and',
					list_id: 5,
					limit: 0,
					percent_from: 0,
					percent_to: 100,
					queries: [sexRule, { compo: 'domaingroup', name: 'email', operator: 'equal', type: 'email', value: [{ name: 'domaingroup', value: 'Yahoo! (US)' }] }],
				},
			],
		},
		answer: { ...ok, data: { saved_id: 12 } },
		output: [{ saved_id: 12 }],
		modifying: true,
	},
	{
		title: 'Create a dynamic segment: OR, a profile cap and a percentage slice',
		params: {
			...base,
			...noRules,
			operation: 'create',
			name: 'Half of the Moscow audience',
			segmentType: 'dynamic',
			database: db(5),
			combineWith: 'or',
			conditions: { condition: [{ name: '_city', compo: 'default', operator: 'equal', value: 'Moscow', type: '' }] },
			blockOptions: { maxProfiles: 1000, percentFrom: 0, percentTo: 50 },
		},
		path: '/api/v1.1/segments/add/',
		body: {
			name: 'Half of the Moscow audience',
			is_static: false,
			segment: [
				{
					condition: 'or',
					list_id: 5,
					limit: 1000,
					percent_from: 0,
					percent_to: 50,
					queries: [{ compo: 'default', name: '_city', operator: 'equal', value: [{ name: 'default', value: 'Moscow' }] }],
				},
			],
		},
		modifying: true,
	},
	{
		title: 'Create a static segment: the database at the top, no rules',
		params: { ...base, ...noRules, operation: 'create', name: 'VIP manual list', segmentType: 'static', database: db(5) },
		path: '/api/v1.1/segments/add/',
		body: { name: 'VIP manual list', is_static: true, is_refresh_daily: false, list_id: 5 },
		modifying: true,
	},
	{
		title: 'Create an updatable segment rebuilt daily from JSON rules (a block without list_id gets the database)',
		params: {
			...base,
			...noRules,
			operation: 'create',
			name: 'Daily',
			segmentType: 'updatable',
			refreshDaily: true,
			database: db(5),
			rulesMode: 'json',
			rulesJson: JSON.stringify([{ condition: 'and', queries: [sexRule] }, { condition: 'or', list_id: 7, queries: [] }]),
		},
		path: '/api/v1.1/segments/add/',
		body: {
			name: 'Daily',
			is_static: true,
			is_refresh_daily: true,
			segment: [
				{ condition: 'and', list_id: 5, queries: [sexRule] },
				{ condition: 'or', list_id: 7, queries: [] },
			],
		},
		modifying: true,
	},
	{
		title: 'Update a static segment (the static example of the docs)',
		params: { ...base, ...noRules, operation: 'update', segment: fromList(2), name: 'Static segment 2', segmentType: 'static', database: db(5) },
		path: '/api/v1.1/segments/update/',
		body: { id: 2, name: 'Static segment 2', is_static: true, is_refresh_daily: false, list_id: 5 },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Update a dynamic segment with a JSON rule block given as an object',
		params: { ...base, ...noRules, operation: 'update', segment: fromList(2), name: 'S', segmentType: 'dynamic', database: db(5), rulesMode: 'json', rulesJson: { condition: 'and', list_id: 5, queries: [sexRule] } },
		path: '/api/v1.1/segments/update/',
		body: { id: 2, name: 'S', is_static: false, segment: [{ condition: 'and', list_id: 5, queries: [sexRule] }] },
		modifying: true,
	},
	{
		title: 'Delete a segment (unconfirmed path)',
		params: { ...base, operation: 'delete', segment: fromList(2) },
		path: '/api/v1.1/segments/delete/',
		body: { id: 2 },
		output: [{ deleted: true }],
		modifying: true,
	},
	{
		title: 'Get Statistics of a dynamic segment (database as list_id)',
		params: { ...base, operation: 'getStats', segment: fromList(7), resourceId: fromList(24), database: db(1) },
		path: '/api/v1.1/segments/get_counters',
		body: { id: 7, resource_id: 24, list_id: 1 },
		answer: { ...ok, data: [{ channel: 'email', status: { subscribed_sendable: 5, unconfirmed_sendable: 0 } }] },
		output: [{ channel: 'email', status: { subscribed_sendable: 5, unconfirmed_sendable: 0 } }],
	},
	{
		title: 'Get Statistics of a static segment (no database)',
		params: { ...base, operation: 'getStats', segment: fromList(7), resourceId: fromList(24), database: emptyLocator },
		path: '/api/v1.1/segments/get_counters',
		body: { id: 7, resource_id: 24 },
		answer: { ...ok, data: [] },
	},
	{
		title: 'Refresh Statistics (database as db_id), returning the task ID',
		params: { ...base, operation: 'refreshStats', segment: fromList(7), resourceId: fromList(24), database: db(1), waitForTask: false },
		path: '/api/v1.1/segments/refresh_counters',
		body: { id: 7, resource_id: 24, db_id: 1 },
		answer: { ...ok, data: { task_id: '55a345c8' } },
		output: [{ task_id: '55a345c8' }],
		modifying: true,
	},
	{
		title: 'Add Profile to a static segment without triggers',
		params: { ...base, operation: 'addProfile', segment: fromList(2), database: db(8), profileId: PID, additionalFields: { skipTriggers: true } },
		path: '/api/v1.1/profiles/segstatic/add',
		body: { segment_id: 2, db_id: 8, profile_id: PID, skip_triggers: true },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Remove Profile from a static segment',
		params: { ...base, operation: 'removeProfile', segment: fromList(2), database: db(8), profileId: PID, additionalFields: {} },
		path: '/api/v1.1/profiles/segstatic/remove',
		body: { segment_id: 2, db_id: 8, profile_id: PID },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Get Profiles of a static segment (unconfirmed path), limited',
		params: { ...base, operation: 'getProfiles', segment: fromList(2), database: db(8), returnAll: false, limit: 5 },
		path: '/api/v1.1/profiles/segstatic/list',
		body: { segment_id: 2, db_id: 8, limit: 5 },
		answer: { ...ok, data: [{ id: PID, email: 'a@example.com' }] },
		output: [{ id: PID, email: 'a@example.com' }],
	},
];

describe('Segment operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Segment → Get Many paging (int cursor)', () => {
	pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/segments/list/', body: {}, cursors: [11, 21] });
});

describe('Segment → Get Profiles paging (unconfirmed call)', () => {
	pagingTests({
		params: { ...base, operation: 'getProfiles', segment: fromList(2), database: db(8) },
		path: '/api/v1.1/profiles/segstatic/list',
		body: { segment_id: 2, db_id: 8 },
		cursors: ['c1', 'c2'],
	});
});

describe('Segment → Refresh Statistics is a task', () => {
	taskTests({
		params: { ...base, operation: 'refreshStats', segment: fromList(7), resourceId: fromList(24), database: emptyLocator },
		path: '/api/v1.1/segments/refresh_counters',
		body: { id: 7, resource_id: 24 },
		result: [{ channel: 'email', status: { subscribed_sendable: 5 } }],
	});
});

describe('Segment input validation', () => {
	const create = { ...base, ...noRules, operation: 'create', name: 'S', segmentType: 'dynamic', database: db(5) };
	validationRows([
		{ title: 'a dynamic segment without conditions', params: create, message: 'Conditions: add at least one condition (item 0)' },
		{
			title: 'a condition without a field name',
			params: { ...create, conditions: { condition: [{ name: '', compo: 'default', operator: 'equal', value: '1' }] } },
			message: 'Conditions → #1 → Field Name: is required (item 0)',
		},
		{
			title: 'a percentage slice that is empty',
			params: { ...create, conditions: { condition: [{ name: '_sex', operator: 'equal', value: '1' }] }, blockOptions: { percentFrom: 60, percentTo: 40 } },
			message: 'Block Options → Percent From: must be below Percent To (40) (item 0)',
		},
		{ title: 'JSON rules that are not JSON', params: { ...create, rulesMode: 'json', rulesJson: '[{' }, message: expectJsonError() },
		{ title: 'JSON rules that are an empty array', params: { ...create, rulesMode: 'json', rulesJson: '[]' }, message: 'Rules (JSON): must be a rule block or an array of rule blocks (item 0)' },
		{ title: 'a segment without a name', params: { ...create, name: '', segmentType: 'static' }, message: 'Name: is required (item 0)' },
		{ title: 'a static segment without a database', params: { ...create, segmentType: 'static', database: emptyLocator }, message: 'Database: must be a whole number, got an empty string (item 0)' },
	]);
});

function expectJsonError(): string {
	try {
		JSON.parse('[{');
	} catch (error) {
		return `Rules (JSON): is not valid JSON (${(error as Error).message}) (item 0)`;
	}
	return '';
}
