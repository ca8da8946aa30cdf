import { db } from '../helpers/fakeContext';
import { emptyLocator, fromList, ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Regular mailings (41-campaigns.md part D): list, get, create, update (unconfirmed), launch now.

const base = { resource: 'regularMailing', options: {} };
const settings = {
	name: 'Weekly digest',
	audienceType: 'segment',
	segment: fromList(12),
	sendChannel: 'email',
	messages: { message: [{ templateId: 15, subject: 'This week' }] },
	resourceId: fromList(24),
	additionalFields: {},
};
const launch = { ...base, operation: 'launch', regularMailing: fromList(7), overrideSourceType: '', overrideLimit: 0, contentMode: 'pairs', contentValues: {}, attachments: {} };

const rows: Row[] = [
	{
		title: 'Get Many active regular mailings',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 5, filters: { isActive: true, groupsId: '1, 2' } },
		path: '/api/v1.1/campaigns/regulars/list/',
		body: { limit: 5, is_active: true, groups_id: [1, 2] },
		answer: { ...ok, data: [{ id: 7, name: 'Weekly digest', type: 'regular' }], total_count: 1 },
		output: [{ id: 7, name: 'Weekly digest', type: 'regular' }],
	},
	{
		title: 'Get a regular mailing',
		params: { ...base, operation: 'get', regularMailing: fromList(7) },
		path: '/api/v1.1/campaigns/regulars/get',
		body: { id: 7 },
		answer: { ...ok, data: { id: 7, start_schedule: { start_hours: [10] } } },
		output: [{ id: 7, start_schedule: { start_hours: [10] } }],
	},
	{
		title: 'Create a regular mailing on a schedule (the example of D.3)',
		params: {
			...base,
			...settings,
			operation: 'create',
			additionalFields: { startSchedule: { schedule: { mins: '0', hours: '10', wdays: '1', mdays: '', months: '', years: '', tz: 'Europe/Moscow', profile: false } } },
		},
		path: '/api/v1.1/campaigns/regulars/add/',
		body: {
			name: 'Weekly digest',
			data_type: 'segment',
			data_id: 12,
			send_channel: 'email',
			resource_id: 24,
			content: [{ message_id: 15, subject: 'This week' }],
			start_schedule: { start_mins: [0], start_hours: [10], start_wdays: [1], tz: 'Europe/Moscow' },
		},
		answer: { ...ok, data: { saved_id: 9 } },
		output: [{ saved_id: 9 }],
		modifying: true,
	},
	{
		title: 'Create a regular mailing to a database with limits and Smart settings',
		params: {
			...base,
			...settings,
			operation: 'create',
			audienceType: 'list',
			database: db(1),
			sendChannel: 'push',
			resourceId: emptyLocator,
			additionalFields: {
				isActive: true,
				subid: 'digest',
				sendingLimit: 1000,
				limitGrowth: 100,
				limitGrowthPercent: 2.5,
				policyId: 3,
				pushSendingMode: 'last',
				virtualSenderId: 4,
				randomTrackingPrefix: true,
				trackingDomains: 'a.example.com, b.example.com',
			},
		},
		path: '/api/v1.1/campaigns/regulars/add/',
		body: {
			name: 'Weekly digest',
			data_type: 'list',
			data_id: 1,
			send_channel: 'push',
			content: [{ message_id: 15, subject: 'This week' }],
			is_active: true,
			subid: 'digest',
			limit: 1000,
			aglimit_count: 100,
			agllimit_percent: 2.5,
			policy_id: 3,
			push_sending_mode: 'last',
			virtual_sender_id: 4,
			is_random_tracking_prefix: true,
			custom_tracking_domains: ['a.example.com', 'b.example.com'],
		},
		modifying: true,
	},
	{
		title: 'Update a regular mailing (unconfirmed path): `id`, the create fields without the channel',
		params: { ...base, ...settings, operation: 'update', regularMailing: fromList(7) },
		path: '/api/v1.1/campaigns/regulars/update/',
		body: { id: 7, name: 'Weekly digest', data_type: 'segment', data_id: 12, resource_id: 24, content: [{ message_id: 15, subject: 'This week' }] },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Launch a regular mailing now',
		params: launch,
		path: '/api/v1.1/campaigns/regulars/start',
		body: { id: 7 },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Launch a regular mailing now to another database, capped, with content variables',
		params: { ...launch, overrideSourceType: 'list', database: db(2), overrideLimit: 50, contentValues: { pair: [{ name: 'week', value: '5' }] } },
		path: '/api/v1.1/campaigns/regulars/start',
		body: { id: 7, override_source_type: 'list', override_source_id: 2, override_limit: 50, content: { week: '5' } },
		modifying: true,
	},
];

describe('Regular Mailing operations', () => operationRows(rows));

describe('Regular Mailing: Get Many paging', () =>
	pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/campaigns/regulars/list/', body: {}, cursors: [8, 9] }));

describe('Regular Mailing: bad input', () =>
	validationRows([
		{ title: 'a mailing without a name', params: { ...base, ...settings, operation: 'create', name: '' }, message: 'Name: is required (item 0)' },
		{ title: 'a mailing to a segment without the segment', params: { ...base, ...settings, operation: 'create', segment: emptyLocator }, message: 'Segment: must be a whole number, got an empty string (item 0)' },
		{
			title: 'a schedule hour that is not a number',
			params: { ...base, ...settings, operation: 'create', additionalFields: { startSchedule: { schedule: { hours: 'ten' } } } },
			message: 'Additional Fields → Start Schedule → Hours: must be a whole number, got "ten" (item 0)',
		},
		{
			title: 'a sender override that is not an e-mail',
			params: { ...base, ...settings, operation: 'create', messages: { message: [{ templateId: 15, fromEmail: 'shop' }] } },
			message: 'Messages → #1 → From Email: "shop" is not an e-mail address (item 0)',
		},
	]));
