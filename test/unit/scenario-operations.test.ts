import { db } from '../helpers/fakeContext';
import { emptyLocator, fromList, ok, operationRows, pagingTests, PID, taskTests, validationRows, type Row } from '../helpers/operationRows';

// Automation scenarios (42-automation.md; workflows/*): the scenario is `id` in start, activate and deactivate,
// `workflow_id` in the import calls.

const base = { resource: 'scenario', options: {} };
const noData = { contentMode: 'pairs', contentValues: {}, customDataMode: 'pairs', customDataValues: {}, attachments: {}, additionalFields: {} };
const start = { ...base, ...noData, operation: 'start', scenario: fromList(3), matchingResourceId: 0 };
const importAndStart = { ...base, ...noData, operation: 'importAndStart', scenario: fromList(1), database: db(1), matchingResourceId: 0, dataMode: 'json', profileJson: '{}', profileFields: {}, subscriptions: {} };
const batch = (operation: string) => ({ ...base, ...noData, operation, scenario: fromList(1), profilesMode: 'rows', profiles: {} });

const rows: Row[] = [
	{
		title: 'Start a scenario for a profile (the example of §1): `id`',
		params: { ...start, matching: 'profile_id', profileId: '66acb337240d5213037986d8', contentValues: { pair: [{ name: 'cart_total', value: '120.00' }] } },
		path: '/api/v1.1/workflows/start',
		body: { id: 3, matching: 'profile_id', profile_id: '66acb337240d5213037986d8', content: { cart_total: '120.00' } },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Start a scenario by e-mail with custom data and an e-mail subscription filter',
		params: {
			...start,
			matching: 'email',
			email: 'a@example.com',
			customDataMode: 'json',
			customDataJson: '{"source": "crm"}',
			additionalFields: { subscriptionFilter: { filter: { channel: 'email', email: 'work@example.com', notStrict: true } } },
		},
		path: '/api/v1.1/workflows/start',
		body: { id: 3, matching: 'email', email: 'a@example.com', custom_data: { source: 'crm' }, subscription_filter: { email: 'work@example.com', not_strict: true } },
		modifying: true,
	},
	{
		title: 'Import a profile and start (the example of §2): `workflow_id`, db_id',
		params: {
			...importAndStart,
			matching: 'email',
			email: 'example001@example.com',
			profileJson: { subscriptions: [{ email: 'example001@example.com', resource_id: 1 }] },
			contentValues: { pair: [{ name: 'source', value: 'crm' }] },
			additionalFields: { skipTriggers: true },
		},
		path: '/api/v1.1/workflows/import_and_start',
		body: {
			workflow_id: 1,
			db_id: 1,
			matching: 'email',
			email: 'example001@example.com',
			data: { subscriptions: [{ email: 'example001@example.com', resource_id: 1 }] },
			content: { source: 'crm' },
			skip_triggers: true,
		},
		modifying: true,
	},
	{
		title: 'Import many and start (the example of §3): `workflow_id`, [{data}] entries',
		params: {
			...batch('importAndStartBatch'),
			matching: 'email',
			profiles: { profile: [{ identifier: 'a@example.com', profileData: '{"_fname": "Ann"}' }, { identifier: 'b@example.com', profileData: '{"_fname": "Bob"}' }] },
		},
		path: '/api/v1.1/workflows/import_and_start_batch',
		body: { workflow_id: 1, matching: 'email', data: [{ data: { _fname: 'Ann', email: 'a@example.com' } }, { data: { _fname: 'Bob', email: 'b@example.com' } }] },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Import many and start by a custom field from JSON',
		params: { ...batch('importAndStartBatch'), matching: 'custom', fieldName: 'crm_id', profilesMode: 'json', profilesJson: '[{"crm_id": "C1", "_fname": "Ann"}]', additionalFields: { detectGeo: true } },
		path: '/api/v1.1/workflows/import_and_start_batch',
		body: { workflow_id: 1, matching: 'custom', field_name: 'crm_id', data: [{ data: { crm_id: 'C1', _fname: 'Ann' } }], detect_geo: true },
		modifying: true,
	},
	{
		title: 'Get Many scenarios by tags',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 1, filters: { uiTags: 'B2C' } },
		path: '/api/v1.1/workflows/list',
		body: { limit: 1, ui_tags: ['B2C'] },
		answer: { ...ok, data: [{ id: 10, name: 'Welcome', is_active: true, nodes: [] }], total: 1 },
		output: [{ id: 10, name: 'Welcome', is_active: true, nodes: [] }],
	},
	{
		title: 'Activate a scenario and empty it first (the example of §6)',
		params: { ...base, operation: 'activate', scenario: fromList(1), skipProfiles: true },
		path: '/api/v1.1/workflows/activate',
		body: { id: 1, skip_profiles: true },
		answer: { ...ok, data: null },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Deactivate a scenario (unconfirmed path)',
		params: { ...base, operation: 'deactivate', scenario: fromList(1) },
		path: '/api/v1.1/workflows/deactivate',
		body: { id: 1 },
		modifying: true,
	},
];

describe('Scenario operations', () => operationRows(rows));

describe('Scenario: Import Many and Start as Task', () =>
	taskTests({
		params: { ...batch('importAndStartBatchTask'), matching: 'profile_id', profiles: { profile: [{ identifier: PID, profileData: '{}' }] } },
		path: '/api/v1.1/workflows/import_and_start_batch_task',
		body: { workflow_id: 1, matching: 'profile_id', data: [{ profile_id: PID, data: {} }] },
		result: { imported: 1 },
	}));

describe('Scenario: Get Many paging', () => pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/workflows/list', body: {}, cursors: [5, 9] }));

describe('Scenario: bad input', () =>
	validationRows([
		{ title: 'a start without a scenario', params: { ...start, scenario: emptyLocator, matching: 'phone', phone: '+7900' }, message: 'Scenario: must be a whole number, got an empty string (item 0)' },
		{ title: 'an import without the database', params: { ...importAndStart, database: emptyLocator, matching: 'email', email: 'a@example.com' }, message: 'Database: must be a whole number, got an empty string (item 0)' },
		{ title: 'a start by profile ID that is not one', params: { ...start, matching: 'profile_id', profileId: 'abc' }, message: 'Profile ID: "abc" is not a profile ID (24 hexadecimal characters) (item 0)' },
		{ title: 'a batch import without profiles', params: { ...batch('importAndStartBatch'), matching: 'email' }, message: 'Profiles: add at least one profile (item 0)' },
	]));
