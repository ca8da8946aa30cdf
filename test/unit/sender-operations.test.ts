import { emptyLocator, fromList, ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Senders and virtual senders (71-senders.md): senders are read-only; virtual senders (Smart accounts) route
// e-mail and SMS over them by rules.

const vsender = { resource: 'virtualSender', options: {} };
const create = { ...vsender, operation: 'create', name: 'Main email route', rulesMode: 'rows', emailRules: {}, smsRules: {} };

const rows: Row[] = [
	{
		title: 'Get Many senders',
		params: { resource: 'sender', options: {}, operation: 'getAll', returnAll: false, limit: 100 },
		path: '/api/v1.1/senders/list',
		body: { limit: 100 },
		answer: { ...ok, data: [{ channel: 'email', id: 1, name: 'AKMTA sender', type: 'akmta' }] },
		output: [{ channel: 'email', id: 1, name: 'AKMTA sender', type: 'akmta' }],
	},
	{
		title: 'Get Many virtual senders',
		params: { ...vsender, operation: 'getAll', returnAll: false, limit: 2 },
		path: '/api/v1.1/vsenders/list',
		body: { limit: 2 },
		answer: { ...ok, data: [{ id: 1, name: 'Main', email_channel: true, sms_channel: false }], total_count: 1 },
		output: [{ id: 1, name: 'Main', email_channel: true, sms_channel: false }],
	},
	{
		title: 'Get a virtual sender',
		params: { ...vsender, operation: 'get', virtualSender: fromList(1) },
		path: '/api/v1.1/vsenders/get',
		body: { id: 1 },
		answer: { ...ok, data: { id: 1, name: 'Main', email_rules: [], sms_rules: [] } },
		output: [{ id: 1, name: 'Main', email_rules: [], sms_rules: [] }],
	},
	{
		title: 'Create a virtual sender (the minimal request of §4): no SMS rows gives sms_rules []',
		params: { ...create, emailRules: { sender: [{ type: 'default', value: '', senderId: 3, percent: 100, fromName: '', fromEmail: '', replytoEmail: '' }] } },
		path: '/api/v1.1/vsenders/add',
		body: { name: 'Main email route', email_rules: [{ type: 'default', value: '', senders: [{ sender_id: 3, percent: 100 }] }], sms_rules: [] },
		answer: { ...ok, data: { saved_id: 5 } },
		output: [{ saved_id: 5 }],
		modifying: true,
	},
	{
		title: 'Create a virtual sender: rows of one rule are grouped, sender overrides kept',
		params: {
			...create,
			emailRules: {
				sender: [
					{ type: 'default', value: '', senderId: 3, percent: 70, fromEmail: 'news@example.com', fromName: 'Shop', replytoEmail: '' },
					{ type: 'domain', value: 'gmail.com', senderId: 4, percent: 100, fromEmail: '', fromName: '', replytoEmail: 'help@example.com' },
					{ type: 'default', value: '', senderId: 5, percent: 30, fromEmail: '', fromName: '', replytoEmail: '' },
				],
			},
			smsRules: { sender: [{ type: 'default', value: '', senderId: 2, percent: 100, fromName: 'SHOP' }] },
		},
		path: '/api/v1.1/vsenders/add',
		body: {
			name: 'Main email route',
			email_rules: [
				{ type: 'default', value: '', senders: [{ sender_id: 3, percent: 70, from_email: 'news@example.com', from_name: 'Shop' }, { sender_id: 5, percent: 30 }] },
				{ type: 'domain', value: 'gmail.com', senders: [{ sender_id: 4, percent: 100, replyto_email: 'help@example.com' }] },
			],
			sms_rules: [{ type: 'default', value: '', senders: [{ sender_id: 2, percent: 100, from_name: 'SHOP' }] }],
		},
		modifying: true,
	},
	{
		title: 'Create a virtual sender from JSON rules',
		params: { ...create, rulesMode: 'json', emailRulesJson: '[{"type": "default", "value": "", "senders": [{"sender_id": 1, "percent": 100}]}]', smsRulesJson: [] },
		path: '/api/v1.1/vsenders/add',
		body: { name: 'Main email route', email_rules: [{ type: 'default', value: '', senders: [{ sender_id: 1, percent: 100 }] }], sms_rules: [] },
		modifying: true,
	},
	{
		title: 'Update a virtual sender (unconfirmed path): rename, keep the rules',
		params: { ...vsender, operation: 'update', virtualSender: fromList(1), name: 'Renamed', rulesMode: 'keep' },
		path: '/api/v1.1/vsenders/update',
		body: { id: 1, name: 'Renamed' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Update a virtual sender (unconfirmed path): replace both rule sets',
		params: { ...vsender, operation: 'update', virtualSender: fromList(1), name: '', rulesMode: 'rows', emailRules: {}, smsRules: { sender: [{ type: 'default', value: '', senderId: 2, percent: 100, fromName: '' }] } },
		path: '/api/v1.1/vsenders/update',
		body: { id: 1, email_rules: [], sms_rules: [{ type: 'default', value: '', senders: [{ sender_id: 2, percent: 100 }] }] },
		modifying: true,
	},
	{
		title: 'Clone a virtual sender',
		params: { ...vsender, operation: 'clone', virtualSender: fromList(1), name: 'Copy of Main' },
		path: '/api/v1.1/vsenders/clone',
		body: { id: 1, name: 'Copy of Main' },
		answer: { ...ok, data: { saved_id: 12345 } },
		output: [{ saved_id: 12345 }],
		modifying: true,
	},
	{
		title: 'Delete a virtual sender',
		params: { ...vsender, operation: 'delete', virtualSender: fromList(1) },
		path: '/api/v1.1/vsenders/delete',
		body: { id: 1 },
		output: [{ deleted: true }],
		modifying: true,
	},
];

describe('Sender and Virtual Sender operations', () => operationRows(rows));

describe('Sender: Get Many paging', () => pagingTests({ params: { resource: 'sender', options: {}, operation: 'getAll' }, path: '/api/v1.1/senders/list', body: {}, cursors: [3, 5] }));

describe('Virtual Sender: Get Many paging', () => pagingTests({ params: { ...vsender, operation: 'getAll' }, path: '/api/v1.1/vsenders/list', body: {}, cursors: [3, 5] }));

describe('Virtual Sender: bad input', () =>
	validationRows([
		{ title: 'a virtual sender without a name', params: { ...create, name: '' }, message: 'Name: is required (item 0)' },
		{
			title: 'a rule row without its sender',
			params: { ...create, emailRules: { sender: [{ type: 'default', value: '', senderId: 0, percent: 100 }] } },
			message: 'Email Rules → #1 → Sender: must be between 1 and 9007199254740991, got 0 (item 0)',
		},
		{
			title: 'a share above 100 %',
			params: { ...create, smsRules: { sender: [{ type: 'default', value: '', senderId: 2, percent: 150 }] } },
			message: 'SMS Rules → #1 → Percent: must be between 0 and 100, got 150 (item 0)',
		},
		{ title: 'JSON rules that are not an array', params: { ...create, rulesMode: 'json', emailRulesJson: '{}', smsRulesJson: '[]' }, message: 'Email Rules (JSON): must be a JSON array of rules, got an object (item 0)' },
		{ title: 'a virtual sender to delete without its ID', params: { ...vsender, operation: 'delete', virtualSender: emptyLocator }, message: 'Virtual Sender: must be a whole number, got an empty string (item 0)' },
	]));
