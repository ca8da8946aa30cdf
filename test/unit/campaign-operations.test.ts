import { fromList, ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Campaigns (41-campaigns.md part F; scampaigns/*): list, get, activate, deactivate, complete, status.

const base = { resource: 'campaign', options: {} };
const activate = { ...base, operation: 'activate', campaign: fromList(1), startDate: '', deactivateDate: '', completedDate: '' };

const rows: Row[] = [
	{
		title: 'Get Many campaigns by state and attributes',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 10, filters: { state: 'active', attributes: { season: ['spring_2025'] } } },
		path: '/api/v1.1/scampaigns/list',
		body: { limit: 10, state: 'active', attributes: { season: ['spring_2025'] } },
		answer: { ...ok, data: [{ id: 1, name: 'Spring', state: 'active' }] },
		output: [{ id: 1, name: 'Spring', state: 'active' }],
	},
	{
		title: 'Get a campaign with its mailings and scenarios',
		params: { ...base, operation: 'get', campaign: fromList(1), marketingActivities: true },
		path: '/api/v1.1/scampaigns/get',
		body: { id: 1, marketing_activities: true },
		answer: { ...ok, data: [{ id: 1, name: 'Spring', audience: { seg_id: 4 } }] },
		output: [{ id: 1, name: 'Spring', audience: { seg_id: 4 } }],
	},
	{
		title: 'Activate a campaign now',
		params: activate,
		path: '/api/v1.1/scampaigns/activate',
		body: { id: 1 },
		answer: { ...ok, data: null },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Activate a campaign from a date (the example of F.3): the start under both documented names',
		params: { ...activate, startDate: '2025-04-01T18:45:00Z', deactivateDate: '2025-05-01T18:45:00Z' },
		path: '/api/v1.1/scampaigns/activate',
		body: { id: 1, activate_date: '2025-04-01T18:45:00Z', start_date: '2025-04-01T18:45:00Z', deactivate_date: '2025-05-01T18:45:00Z' },
		modifying: true,
	},
	{
		title: 'Deactivate a campaign',
		params: { ...base, operation: 'deactivate', campaign: fromList(1) },
		path: '/api/v1.1/scampaigns/deactivate',
		body: { id: 1 },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Complete a campaign (scampaigns/completed)',
		params: { ...base, operation: 'complete', campaign: fromList(1) },
		path: '/api/v1.1/scampaigns/completed',
		body: { id: 1 },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Get the status of a campaign',
		params: { ...base, operation: 'getStatus', campaign: fromList(1) },
		path: '/api/v1.1/scampaigns/get_status',
		body: { id: 1 },
		answer: { ...ok, data: { status: 'waiting' } },
		output: [{ status: 'waiting' }],
	},
];

describe('Campaign operations', () => operationRows(rows));

describe('Campaign: Get Many paging', () => pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/scampaigns/list', body: {}, cursors: [2, 3] }));

describe('Campaign: bad input', () =>
	validationRows([
		{ title: 'a start date that is not one', params: { ...activate, startDate: 'tomorrow' }, message: 'Start Date: must be a date and time like 2024-01-31T10:00:00Z, got "tomorrow" (item 0)' },
		{ title: 'a campaign ID of zero', params: { ...base, operation: 'complete', campaign: { __rl: true, mode: 'id', value: '0' } }, message: 'Campaign: must be between 1 and 9007199254740991, got 0 (item 0)' },
	]));
