import { fromList, ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Broadcast mailings (41-campaigns.md part E): create and launch are documented; list, get and update are the
// reference's guesses by analogy with the regular mailings.

const base = { resource: 'broadcastMailing', options: {} };
const settings = {
	name: 'Spring sale',
	audienceType: 'segment',
	segment: fromList(5),
	sendChannel: 'sms',
	messages: { message: [{ templateId: 21 }] },
	resourceId: fromList(24),
	additionalFields: {},
};

const rows: Row[] = [
	{
		title: 'Get Many broadcast mailings (unconfirmed path)',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 5 },
		path: '/api/v1.1/campaigns/broadcasts/list/',
		body: { limit: 5 },
		answer: { ...ok, data: [{ id: 12, name: 'Spring sale' }] },
		output: [{ id: 12, name: 'Spring sale' }],
	},
	{
		title: 'Get a broadcast mailing (unconfirmed path)',
		params: { ...base, operation: 'get', broadcastMailing: fromList(12) },
		path: '/api/v1.1/campaigns/broadcasts/get',
		body: { id: 12 },
		answer: { ...ok, data: { id: 12 } },
		output: [{ id: 12 }],
	},
	{
		title: 'Create a broadcast mailing to a segment',
		params: { ...base, ...settings, operation: 'create', additionalFields: { isActive: true } },
		path: '/api/v1.1/campaigns/broadcasts/add',
		body: { name: 'Spring sale', data_type: 'segment', data_id: 5, send_channel: 'sms', resource_id: 24, content: [{ message_id: 21 }], is_active: true },
		answer: { ...ok, data: { saved_id: 12 } },
		output: [{ saved_id: 12 }],
		modifying: true,
	},
	{
		title: 'Update a broadcast mailing (unconfirmed path): `id`, no channel',
		params: { ...base, ...settings, operation: 'update', broadcastMailing: fromList(12) },
		path: '/api/v1.1/campaigns/broadcasts/update/',
		body: { id: 12, name: 'Spring sale', data_type: 'segment', data_id: 5, resource_id: 24, content: [{ message_id: 21 }] },
		modifying: true,
	},
	{
		title: 'Launch a broadcast mailing now to a segment (the example of E.2)',
		params: { ...base, operation: 'launch', broadcastMailing: fromList(12), overrideSourceType: 'segment', segment: fromList(5), overrideLimit: 0 },
		path: '/api/v1.1/campaigns/broadcasts/start',
		body: { id: 12, override_source_type: 'segment', override_source_id: 5 },
		output: [{ success: true }],
		modifying: true,
	},
];

describe('Broadcast Mailing operations', () => operationRows(rows));

describe('Broadcast Mailing: Get Many paging', () =>
	pagingTests({ params: { ...base, operation: 'getAll' }, path: '/api/v1.1/campaigns/broadcasts/list/', body: {}, cursors: [13, 14] }));

describe('Broadcast Mailing: bad input', () =>
	validationRows([
		{ title: 'a mailing without messages', params: { ...base, ...settings, operation: 'create', messages: {} }, message: 'Messages: add at least one message (template) (item 0)' },
		{ title: 'a launch capped at a negative number', params: { ...base, operation: 'launch', broadcastMailing: fromList(12), overrideSourceType: '', overrideLimit: -1 }, message: 'Sending Limit: must be between 1 and 9007199254740991, got -1 (item 0)' },
	]));
