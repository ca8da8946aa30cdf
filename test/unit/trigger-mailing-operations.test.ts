import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { RESOURCES } from '../../nodes/Altcraft/actions';
import { batchEntry, splitForBatch, TRIGGER_ID_KEY } from '../../nodes/Altcraft/actions/triggerMailing';
import type { ItemContext } from '../../nodes/Altcraft/actions/types';
import { db, fakeExecuteFunctions, sentBodies } from '../helpers/fakeContext';
import { emptyLocator, fromList, ok, operationRows, pagingTests, PID, PID_B, run, taskTests, validationRows, type Row } from '../helpers/operationRows';

// Trigger mailings (41-campaigns.md parts A and B). The launches are the transactional sends: the trigger mailing
// is `id` in start and start_batch_task, `trigger_id` in import_and_start and the other batch calls.

const base = { resource: 'triggerMailing', options: {} };
/** The per-message data left empty. */
const noData = { contentMode: 'pairs', contentValues: {}, customDataMode: 'pairs', customDataValues: {}, attachments: {}, additionalFields: {} };
const start = { ...base, ...noData, operation: 'start', triggerMailing: fromList(147), matchingResourceId: 0 };
const importAndStart = {
	...base,
	...noData,
	operation: 'importAndStart',
	triggerMailing: fromList(13),
	database: emptyLocator,
	matchingResourceId: 0,
	dataMode: 'json',
	profileJson: '{}',
	profileFields: {},
	subscriptions: {},
};
const batch = (operation: string, id: number) => ({ ...base, ...noData, operation, triggerMailing: fromList(id), matchingResourceId: 0, profilesMode: 'rows', profiles: {} });
const rows = (...profiles: IDataObject[]) => ({ profile: profiles });

const START = '/api/v1.1/campaigns/triggers/start/';
const IMPORT = '/api/v1.1/campaigns/triggers/import_and_start';
const START_BATCH = '/api/v1.1/campaigns/triggers/start_batch';
const IMPORT_BATCH = '/api/v1.1/campaigns/triggers/import_and_start_batch';

const launches: Row[] = [
	{
		title: 'Launch for one profile by ID with content variables (the example of A.1): `id`',
		params: { ...start, matching: 'profile_id', profileId: PID, contentValues: { pair: [{ name: 'order_id', value: 'A-1001' }, { name: 'total', value: '59.90' }] } },
		path: START,
		body: { id: 147, matching: 'profile_id', profile_id: PID, content: { order_id: 'A-1001', total: '59.90' } },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Launch by e-mail within one resource, content and custom data as JSON',
		params: {
			...start,
			matching: 'email',
			email: 'anna@example.com',
			matchingResourceId: 24,
			contentMode: 'json',
			contentJson: '{"order_id": "A-1002", "items": [{"sku": "X1"}]}',
			customDataMode: 'json',
			customDataJson: { crm_event_id: 'E-7' },
		},
		path: START,
		body: {
			id: 147,
			matching: 'email',
			email: 'anna@example.com',
			resource_id: 24,
			content: { order_id: 'A-1002', items: [{ sku: 'X1' }] },
			custom_data: { crm_event_id: 'E-7' },
		},
		modifying: true,
	},
	{
		title: 'Launch by a custom field, custom data as name/value pairs, to one push subscription',
		params: {
			...start,
			matching: 'custom',
			fieldName: 'crm_id',
			fieldValue: 'C-9',
			customDataValues: { pair: [{ name: 'source', value: 'crm' }, { name: 'attempt', value: 2 }] },
			additionalFields: { subscriptionFilter: { filter: { channel: 'push', subscriptionId: 'tok-1', provider: 'Chrome', notStrict: true } } },
		},
		path: START,
		body: {
			id: 147,
			matching: 'custom',
			field_name: 'crm_id',
			field_value: 'C-9',
			custom_data: { source: 'crm', attempt: 2 },
			subscription_filter: { subscription_id: 'tok-1', provider: 'Chrome', not_strict: true },
		},
		modifying: true,
	},
	{
		title: 'Launch by phone to one SMS subscription (strict)',
		params: { ...start, matching: 'phone', phone: '+79000000000', additionalFields: { subscriptionFilter: { filter: { channel: 'sms', phone: '+79000000001', notStrict: false } } } },
		path: START,
		body: { id: 147, matching: 'phone', phone: '+79000000000', subscription_filter: { phone: '+79000000001', not_strict: false } },
		modifying: true,
	},
	{
		title: 'Import a profile and launch (the example of A.2): `trigger_id`, data, content, delay',
		params: {
			...importAndStart,
			matching: 'custom',
			fieldName: 'CRM_ID',
			fieldValue: '123420',
			profileJson: {
				CRM_ID: '123420',
				_fname: 'John',
				email: 'john@example.com',
				subscriptions: [{ resource_id: 24, channel: 'email', email: 'john@example.com' }],
			},
			contentValues: { pair: [{ name: 'page', value: 'registration_form' }] },
			additionalFields: { delay: { delay: { days: 0, hours: 0, minutes: 5 } } },
		},
		path: IMPORT,
		body: {
			trigger_id: 13,
			matching: 'custom',
			field_name: 'CRM_ID',
			field_value: '123420',
			data: { CRM_ID: '123420', _fname: 'John', email: 'john@example.com', subscriptions: [{ resource_id: 24, channel: 'email', email: 'john@example.com' }] },
			content: { page: 'registration_form' },
			timeout: { days: 0, hours: 0, minutes: 5 },
		},
		answer: { ...ok, profile_id: PID },
		output: [{ success: true, profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Import and launch field by field with the import flags; no delay when it is all zero',
		params: {
			...importAndStart,
			database: db(1),
			matching: 'email',
			email: 'anna@example.com',
			dataMode: 'fields',
			profileFields: { field: [{ name: '_fname', action: 'set', value: 'Anna', valueType: 'auto' }] },
			additionalFields: { skipTriggers: true, skipInvalidSubscriptions: true, detectGeo: true, delay: { delay: { days: 0, hours: 0, minutes: 0 } } },
		},
		path: IMPORT,
		// The database only lists the fields: import_and_start takes no db_id.
		body: { trigger_id: 13, matching: 'email', email: 'anna@example.com', data: { _fname: 'Anna' }, skip_triggers: true, skip_invalid_subscriptions: true, detect_geo: true },
		modifying: true,
	},
	{
		title: 'Import and launch without profile fields still sends the required data object',
		params: { ...importAndStart, matching: 'phone', phone: '+79000000000' },
		path: IMPORT,
		body: { trigger_id: 13, matching: 'phone', phone: '+79000000000', data: {} },
		modifying: true,
	},
	{
		title: 'Launch for many by e-mail (the example of A.3): `trigger_id`, one entry per row, own custom data',
		params: {
			...batch('startBatch', 8),
			matching: 'email',
			profiles: rows({ identifier: 'profile1@example.com', customData: '{}' }, { identifier: 'profile2@example.com', customData: '{"order": 1}' }),
			contentValues: { pair: [{ name: 'promo', value: 'SPRING' }] },
			additionalFields: { skipTriggers: true },
		},
		path: START_BATCH,
		body: {
			trigger_id: 8,
			matching: 'email',
			data: [{ email: 'profile1@example.com' }, { email: 'profile2@example.com', custom_data: { order: 1 } }],
			content: { promo: 'SPRING' },
			skip_triggers: true,
		},
		answer: { ...ok, result: [PID, PID_B] },
		output: [{ success: true, result: [PID, PID_B] }],
		modifying: true,
	},
	{
		title: 'Launch for many by a custom field from a JSON array: field_name once at the root',
		params: { ...batch('startBatch', 8), matching: 'custom', fieldName: 'crm_id', profilesMode: 'json', profilesJson: '[{"field_value": "001"}, {"field_value": 2}]' },
		path: START_BATCH,
		body: { trigger_id: 8, matching: 'custom', field_name: 'crm_id', data: [{ field_value: '001' }, { field_value: 2 }] },
		modifying: true,
	},
	{
		title: 'Launch for many by push subscription and by e-mail-or-phone rows',
		params: { ...batch('startBatch', 8), matching: 'push_sub', profiles: rows({ identifier: 'tok-1', provider: 'android-firebase', customData: '{}' }) },
		path: START_BATCH,
		body: { trigger_id: 8, matching: 'push_sub', data: [{ subscription_id: 'tok-1', provider: 'android-firebase' }] },
		modifying: true,
	},
	{
		title: 'Launch for many by e-mail or phone: each row is one or the other',
		params: { ...batch('startBatch', 8), matching: 'email_phone', profiles: rows({ identifier: 'a@example.com', customData: '{}' }, { identifier: '+79000000000', customData: '{}' }) },
		path: START_BATCH,
		body: { trigger_id: 8, matching: 'email_phone', data: [{ email: 'a@example.com' }, { phone: '+79000000000' }] },
		modifying: true,
	},
	{
		title: 'Import many and launch (the example of A.4): `trigger_id`, the e-mail inside each profile\'s data',
		params: {
			...batch('importAndStartBatch', 13),
			matching: 'email',
			profiles: rows({ identifier: 'john@example.com', profileData: '{"_fname": "John"}' }, { identifier: 'tom@example.com', profileData: { _fname: 'Tom' } }),
			additionalFields: { skipTriggers: true, delay: { delay: { days: 1, hours: 0, minutes: 0 } } },
		},
		path: IMPORT_BATCH,
		body: {
			trigger_id: 13,
			matching: 'email',
			data: [{ data: { _fname: 'John', email: 'john@example.com' } }, { data: { _fname: 'Tom', email: 'tom@example.com' } }],
			skip_triggers: true,
			timeout: { days: 1, hours: 0, minutes: 0 },
		},
		modifying: true,
	},
	{
		title: 'Import many and launch by a custom field: the value goes into the profile data under the field name',
		params: { ...batch('importAndStartBatch', 13), matching: 'custom', fieldName: 'CRM_ID', profiles: rows({ identifier: '42', profileData: '{"_fname": "Ann"}' }) },
		path: IMPORT_BATCH,
		body: { trigger_id: 13, matching: 'custom', field_name: 'CRM_ID', data: [{ data: { _fname: 'Ann', CRM_ID: '42' } }] },
		modifying: true,
	},
	{
		title: 'Import many and launch by phone: the phone goes into the profile\'s phones',
		params: { ...batch('importAndStartBatch', 13), matching: 'phone', matchingResourceId: 24, profiles: rows({ identifier: '+79000000000', profileData: '{}' }) },
		path: IMPORT_BATCH,
		body: { trigger_id: 13, matching: 'phone', resource_id: 24, data: [{ data: { phones: ['+79000000000'] } }] },
		modifying: true,
	},
	{
		title: 'Import many and launch by profile ID: the ID next to the data',
		params: { ...batch('importAndStartBatch', 13), matching: 'profile_id', profiles: rows({ identifier: PID, profileData: '{"_fname": "Ann"}' }) },
		path: IMPORT_BATCH,
		body: { trigger_id: 13, matching: 'profile_id', data: [{ profile_id: PID, data: { _fname: 'Ann' } }] },
		modifying: true,
	},
	{
		title: 'Import many and launch from a JSON array: plain profile objects are wrapped in "data"',
		params: {
			...batch('importAndStartBatch', 13),
			matching: 'email',
			profilesMode: 'json',
			profilesJson: [{ email: 'tom@example.com', _fname: 'Tom' }, { data: { email: 'ann@example.com' } }],
		},
		path: IMPORT_BATCH,
		body: { trigger_id: 13, matching: 'email', data: [{ data: { email: 'tom@example.com', _fname: 'Tom' } }, { data: { email: 'ann@example.com' } }] },
		modifying: true,
	},
];

const management: Row[] = [
	{
		title: 'Get Many trigger mailings',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 10 },
		path: '/api/v1.1/campaigns/triggers/list/',
		body: { limit: 10 },
		answer: { ...ok, data: [{ id: 12, name: 'Order confirmation' }] },
		output: [{ id: 12, name: 'Order confirmation' }],
	},
	{
		title: 'Get a trigger mailing',
		params: { ...base, operation: 'get', triggerMailing: fromList(12) },
		path: '/api/v1.1/campaigns/triggers/get',
		body: { id: 12 },
		answer: { ...ok, data: { id: 12, trigger_type: 'api_call', is_active: true } },
		output: [{ id: 12, trigger_type: 'api_call', is_active: true }],
	},
	{
		title: 'Create an API-call trigger mailing (the example of B.3)',
		params: {
			...base,
			operation: 'create',
			name: 'Order confirmation (API)',
			triggerType: 'api_call',
			sendChannel: 'email',
			messages: { message: [{ templateId: 12, subject: 'Your order', fromEmail: '', fromName: '', replytoEmail: '', replytoName: '' }] },
			resourceId: fromList(24),
			additionalFields: { isActive: true, skipMinutes: 0, randomTrackingPrefix: true, trackingDomains: 'trk.example.com', blindCarbonCopy: 'archive@example.com' },
		},
		path: '/api/v1.1/campaigns/triggers/add/',
		body: {
			name: 'Order confirmation (API)',
			trigger_type: 'api_call',
			send_channel: 'email',
			content: [{ message_id: 12, subject: 'Your order' }],
			resource_id: 24,
			is_active: true,
			skip_minutes: 0,
			is_random_trk_prefix: true,
			custom_trk_domain: ['trk.example.com'],
			blind_carbon_copy: ['archive@example.com'],
		},
		answer: { ...ok, data: { saved_id: 40 } },
		output: [{ saved_id: 40 }],
		modifying: true,
	},
	{
		title: 'Create a field-update trigger mailing with its conditions',
		params: {
			...base,
			operation: 'create',
			name: 'Status change',
			triggerType: 'update',
			updateQuery: '[{"fieldname": "status"}]',
			sendChannel: 'sms',
			messages: { message: [{ templateId: 3 }] },
			resourceId: emptyLocator,
			additionalFields: {},
		},
		path: '/api/v1.1/campaigns/triggers/add/',
		body: { name: 'Status change', trigger_type: 'update', update_query: [{ fieldname: 'status' }], send_channel: 'sms', content: [{ message_id: 3 }] },
		modifying: true,
	},
	{
		title: 'Update a trigger mailing: `id`, no channel',
		params: {
			...base,
			operation: 'update',
			triggerMailing: fromList(40),
			name: 'Order confirmation',
			triggerType: 'action',
			action: 'purchase',
			messages: { message: [{ templateId: 12, replytoEmail: 'support@example.com' }] },
			resourceId: emptyLocator,
			additionalFields: { policyId: 2, attributes: '{"season": "summer_2024"}' },
		},
		path: '/api/v1.1/campaigns/triggers/update/',
		body: {
			id: 40,
			name: 'Order confirmation',
			trigger_type: 'action',
			action: 'purchase',
			content: [{ message_id: 12, replyto_email: 'support@example.com' }],
			policy_id: 2,
			attributes: { season: 'summer_2024' },
		},
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Clone a trigger mailing with a name for the copy',
		params: { ...base, operation: 'clone', triggerMailing: fromList(40), name: 'Copy' },
		path: '/api/v1.1/campaigns/triggers/clone',
		body: { id: 40, name: 'Copy' },
		modifying: true,
	},
];

describe('Trigger Mailing: launches', () => operationRows(launches));

describe('Trigger Mailing: management', () => operationRows(management));

describe('Trigger Mailing: `id` or `trigger_id`, per call', () => {
	// 41-campaigns.md: start and start_batch_task take id; import_and_start and the other batch calls trigger_id.
	const expected: Array<[string, 'id' | 'trigger_id', Record<string, unknown>]> = [
		['start', 'id', { ...start, matching: 'email', email: 'a@example.com' }],
		['importAndStart', 'trigger_id', { ...importAndStart, triggerMailing: fromList(147), matching: 'email', email: 'a@example.com' }],
		['startBatch', 'trigger_id', { ...batch('startBatch', 147), matching: 'email', profiles: rows({ identifier: 'a@example.com', customData: '{}' }) }],
		['importAndStartBatch', 'trigger_id', { ...batch('importAndStartBatch', 147), matching: 'email', profiles: rows({ identifier: 'a@example.com', profileData: '{}' }) }],
		['startBatchTask', 'id', { ...batch('startBatchTask', 147), matching: 'email', profiles: rows({ identifier: 'a@example.com', customData: '{}' }), waitForTask: false }],
		['importAndStartBatchTask', 'trigger_id', { ...batch('importAndStartBatchTask', 147), matching: 'email', profiles: rows({ identifier: 'a@example.com', profileData: '{}' }), waitForTask: false }],
	];

	test.each(expected)('%s sends the mailing as %s', async (operation, key, params) => {
		expect(TRIGGER_ID_KEY[operation as keyof typeof TRIGGER_ID_KEY]).toBe(key);
		const { ctx } = await run(params, [{ ...ok, data: { task_id: 't' } }]);
		const [body] = sentBodies(ctx);
		expect(body[key]).toBe(147);
		expect(body).not.toHaveProperty(key === 'id' ? 'trigger_id' : 'id');
	});
});

describe('Trigger Mailing: Launch for Many as Task (start_batch_task, `id`)', () =>
	taskTests({
		params: { ...batch('startBatchTask', 8), matching: 'email_sub', profiles: rows({ identifier: 'a@example.com', customData: '{}' }) },
		path: '/api/v1.1/campaigns/triggers/start_batch_task',
		body: { id: 8, matching: 'email_sub', data: [{ email: 'a@example.com' }] },
		result: [PID],
	}));

describe('Trigger Mailing: Import Many and Launch as Task (import_and_start_batch_task, `trigger_id`)', () =>
	taskTests({
		params: {
			...batch('importAndStartBatchTask', 13),
			matching: 'email_profile',
			profiles: rows({ identifier: 'a@example.com', profileData: '{"_fname": "A"}' }),
			additionalFields: { detectGeo: true, delay: { delay: { days: 0, hours: 1, minutes: 30 } } },
		},
		path: '/api/v1.1/campaigns/triggers/import_and_start_batch_task',
		body: {
			trigger_id: 13,
			matching: 'email_profile',
			data: [{ data: { _fname: 'A', email: 'a@example.com' } }],
			detect_geo: true,
			timeout: { days: 0, hours: 1, minutes: 30 },
		},
		result: { processed: 1 },
	}));

describe('Trigger Mailing: Get Many paging', () =>
	pagingTests({ params: { ...base, operation: 'getAll' }, path: '/api/v1.1/campaigns/triggers/list/', body: {}, cursors: [3, 4] }));

describe('Trigger Mailing: attachments from binary data', () => {
	// The example of 41-campaigns.md: {"name": "Attach.txt", "data": "data:text/csv;base64,SEVMTE8K"}
	const items: INodeExecutionData[] = [
		{
			json: {},
			binary: {
				invoice: { data: Buffer.from('HELLO\n').toString('base64'), mimeType: 'text/csv', fileName: 'Attach.txt' },
				photo: { data: Buffer.from([0xff, 0xd8]).toString('base64'), mimeType: 'image/jpeg', fileName: 'IMG_1.jpg' },
			},
		},
	];

	test('each attachment becomes {name, data: data URI}; a given file name wins', async () => {
		const ctx = fakeExecuteFunctions({
			items,
			params: {
				...start,
				matching: 'email',
				email: 'anna@example.com',
				attachments: { attachment: [{ binaryPropertyName: 'invoice', fileName: '' }, { binaryPropertyName: 'photo', fileName: 'parcel.jpg' }] },
			},
			answers: [ok],
		});
		await new Altcraft().execute.call(ctx);
		expect(sentBodies(ctx)).toEqual([
			{
				id: 147,
				matching: 'email',
				email: 'anna@example.com',
				attach: [
					{ name: 'Attach.txt', data: 'data:text/csv;base64,SEVMTE8K' },
					{ name: 'parcel.jpg', data: 'data:image/jpeg;base64,/9g=' },
				],
			},
		]);
	});

	test('attachments of a batch launch are shared by all its profiles', async () => {
		const ctx = fakeExecuteFunctions({
			items,
			params: {
				...batch('importAndStartBatch', 13),
				matching: 'email',
				profiles: rows({ identifier: 'a@example.com', profileData: '{}' }),
				attachments: { attachment: [{ binaryPropertyName: 'invoice', fileName: '' }] },
			},
			answers: [ok],
		});
		await new Altcraft().execute.call(ctx);
		expect(sentBodies(ctx)[0].attach).toEqual([{ name: 'Attach.txt', data: 'data:text/csv;base64,SEVMTE8K' }]);
	});

	test('a missing binary field is refused before anything is sent, naming the field, the item and what is there', async () => {
		const ctx = fakeExecuteFunctions({
			items,
			params: { ...start, matching: 'email', email: 'anna@example.com', attachments: { attachment: [{ binaryPropertyName: 'pdf', fileName: '' }] } },
			answers: [ok],
		});
		const error = await new Altcraft().execute.call(ctx).then(
			() => undefined,
			(e: unknown) => e as NodeOperationError,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe('Attachments → #1 → Input Binary Field: the input item has no binary field "pdf" (item 0)');
		expect(error!.description).toBe('Its binary fields: invoice, photo.');
		expect(ctx.requests).toHaveLength(0);
	});
});

describe('Trigger Mailing: bad input', () =>
	validationRows([
		{ title: 'a launch without a trigger mailing', params: { ...start, triggerMailing: emptyLocator, matching: 'email', email: 'a@example.com' }, message: 'Trigger Mailing: must be a whole number, got an empty string (item 0)' },
		{ title: 'a launch without the e-mail to match', params: { ...start, matching: 'email', email: '' }, message: 'Email: is required (item 0)' },
		{
			title: 'a content variable without a name',
			params: { ...start, matching: 'email', email: 'a@example.com', contentValues: { pair: [{ name: '', value: 'x' }] } },
			message: 'Variables → #1 → Name: is required (item 0)',
		},
		{
			title: 'content JSON that is not an object',
			params: { ...start, matching: 'email', email: 'a@example.com', contentMode: 'json', contentJson: '[1, 2]' },
			message: 'Content Variables (JSON): must be a JSON object, e.g. {"key": "value"} (item 0)',
		},
		{
			title: 'custom data JSON that is not an object',
			params: { ...start, matching: 'email', email: 'a@example.com', customDataMode: 'json', customDataJson: '"x"' },
			message: 'Custom Data (JSON): must be a JSON object, e.g. {"key": "value"} (item 0)',
		},
		{
			title: 'a push subscription filter without the subscription ID',
			params: { ...start, matching: 'email', email: 'a@example.com', additionalFields: { subscriptionFilter: { filter: { channel: 'push', provider: 'Chrome', subscriptionId: '' } } } },
			message: 'Additional Fields → Subscription Filter → Push Subscription ID: is required (item 0)',
		},
		{ title: 'a batch launch without recipients', params: { ...batch('startBatch', 8), matching: 'email' }, message: 'Recipients: add at least one recipient (item 0)' },
		{
			title: 'a batch recipient that is not an e-mail',
			params: { ...batch('startBatch', 8), matching: 'email', profiles: rows({ identifier: 'a@example.com', customData: '{}' }, { identifier: 'nope', customData: '{}' }) },
			message: 'Recipients → #2 → Identifier: "nope" is not an e-mail address (item 0)',
		},
		{
			title: 'a batch recipient by push subscription without its provider',
			params: { ...batch('startBatch', 8), matching: 'push_sub', profiles: rows({ identifier: 'tok', provider: '', customData: '{}' }) },
			message: 'Recipients → #1 → Push Provider: is required (item 0)',
		},
		{
			title: 'a batch import whose profile data sets another e-mail than the identifier',
			params: { ...batch('importAndStartBatch', 13), matching: 'email', profiles: rows({ identifier: 'a@example.com', profileData: '{"email": "b@example.com"}' }) },
			message: 'Profiles → #1: the profile data sets "email" to "b@example.com", but the profile is matched by "a@example.com" (item 0)',
		},
		{
			title: 'batch profiles JSON that is not an array of objects',
			params: { ...batch('importAndStartBatch', 13), matching: 'email', profilesMode: 'json', profilesJson: '[1]' },
			message: 'Profiles (JSON): element 1 must be an object, got number 1 (item 0)',
		},
		{
			title: 'an empty batch profiles JSON array',
			params: { ...batch('startBatch', 8), matching: 'email', profilesMode: 'json', profilesJson: '[]' },
			message: 'Recipients (JSON): must be a non-empty JSON array of objects (item 0)',
		},
		{
			title: 'a batch by custom field without the field name',
			params: { ...batch('startBatch', 8), matching: 'custom', fieldName: '', profiles: rows({ identifier: '1', customData: '{}' }) },
			message: 'Custom Field Name: is required (item 0)',
		},
		{
			title: 'a trigger mailing without messages',
			params: { ...base, operation: 'create', name: 'X', triggerType: 'api_call', sendChannel: 'email', messages: {}, resourceId: emptyLocator, additionalFields: {} },
			message: 'Messages: add at least one message (template) (item 0)',
		},
		{
			title: 'a message without its template',
			params: { ...base, operation: 'create', name: 'X', triggerType: 'api_call', sendChannel: 'email', messages: { message: [{ templateId: 0 }] }, resourceId: emptyLocator, additionalFields: {} },
			message: 'Messages → #1 → Template: must be between 1 and 9007199254740991, got 0 (item 0)',
		},
	]));

describe('Trigger Mailing: the per-profile entry builder (reused when items are grouped into batch calls)', () => {
	const ctx = { exec: { getNode: () => ({ name: 'Altcraft' }) }, itemIndex: 0 } as unknown as ItemContext;

	test.each<[string, IDataObject, 'start' | 'import', IDataObject]>([
		['start: e-mail', { matching: 'email', email: 'a@example.com' }, 'start', { email: 'a@example.com' }],
		['start: profile ID with own custom data', { profile_id: PID, custom_data: { n: 1 } }, 'start', { profile_id: PID, custom_data: { n: 1 } }],
		['start: push subscription', { provider: 'ios-apns', subscription_id: 'tok' }, 'start', { provider: 'ios-apns', subscription_id: 'tok' }],
		['start: custom field value', { field_name: 'crm_id', field_value: 7 }, 'start', { field_value: 7 }],
		['import: e-mail into data', { email: 'a@example.com', data: { _fname: 'A' } }, 'import', { data: { _fname: 'A', email: 'a@example.com' } }],
		['import: custom field into data', { field_name: 'crm_id', field_value: 'C1', data: {} }, 'import', { data: { crm_id: 'C1' } }],
		['import: phone already among the phones', { phone: '+7900', data: { phones: ['+7900', '+7901'] } }, 'import', { data: { phones: ['+7900', '+7901'] } }],
	])('%s', (_title, profile, kind, entry) => {
		expect(batchEntry(ctx, profile, kind)).toEqual(entry);
	});

	test('a single launch body splits into the shared part and its entry', () => {
		const body = { id: 147, matching: 'email', email: 'a@example.com', resource_id: 3, content: { a: 1 }, custom_data: { b: 2 } };
		expect(splitForBatch(ctx, body, 'start')).toEqual({
			shared: { matching: 'email', resource_id: 3, content: { a: 1 } },
			entry: { email: 'a@example.com', custom_data: { b: 2 } },
		});
		const imported = { trigger_id: 13, matching: 'email', email: 'a@example.com', data: { _fname: 'A' }, custom_data: { b: 2 }, skip_triggers: true };
		expect(splitForBatch(ctx, imported, 'import')).toEqual({
			shared: { matching: 'email', custom_data: { b: 2 }, skip_triggers: true },
			entry: { data: { _fname: 'A', email: 'a@example.com' } },
		});
	});
});

describe('Trigger Mailing: the trigger mailing picker', () => {
	test('searchTriggerMailings pages through campaigns/triggers/list/ and filters by name or ID', async () => {
		const ctx = fakeExecuteFunctions({
			params: {},
			answers: [
				{ ...ok, data: [{ id: 1, name: 'Order confirmation' }, { id: 2, name: 'Password reset' }], next_from_id: 3 },
				{ ...ok, data: [{ id: 3, name: 'Order shipped' }], next_from_id: 4 },
				{ ...ok, data: [] },
			],
		});
		const search = new Altcraft().methods.listSearch.searchTriggerMailings;
		const found = await search.call(ctx as never, 'order');
		expect(found.results).toEqual([
			{ name: 'Order confirmation (1)', value: '1' },
			{ name: 'Order shipped (3)', value: '3' },
		]);
		expect(ctx.requests.map((request) => request.url)).toEqual(Array(3).fill('https://altcraft.test/api/v1.1/campaigns/triggers/list/'));
		expect(sentBodies(ctx)).toEqual([{ limit: 1000 }, { limit: 1000, from_id: 3 }, { limit: 1000, from_id: 4 }]);
	});

	test('every launch picks the mailing from that list or by ID', () => {
		const operations = RESOURCES.find((resource) => resource.value === 'triggerMailing')!.operations;
		for (const operation of operations.filter((op) => op.value !== 'getAll' && op.value !== 'create')) {
			const picker = operation.fields[0].property;
			expect(picker.type).toBe('resourceLocator');
			expect(picker.modes?.[0].typeOptions?.searchListMethod).toBe('searchTriggerMailings');
		}
	});
});
