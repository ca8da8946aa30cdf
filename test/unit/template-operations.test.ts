import { emptyLocator, fromList, ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Message templates (40-templates.md): content per channel as Channel objects {sid, fields}.

const base = { resource: 'template', options: {} };
const create = { ...base, operation: 'create', name: 'Order shipped', channelsMode: 'fields', channels: {}, additionalFields: {} };

const rows: Row[] = [
	{
		title: 'Get Many e-mail templates (the example of §1)',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 2, filters: { channel: 'email' } },
		path: '/api/v1.1/templates/list',
		body: { limit: 2, channel: 'email' },
		answer: { ...ok, data: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }] },
		output: [{ id: 1, name: 'A' }, { id: 2, name: 'B' }],
	},
	{
		title: 'Get a template',
		params: { ...base, operation: 'get', template: fromList(1) },
		path: '/api/v1.1/templates/get',
		body: { id: 1 },
		answer: { ...ok, data: { id: 1, name: 'A', channels: [{ id: 1, sid: 'email', fields: { subject: 'Hi' } }] } },
		output: [{ id: 1, name: 'A', channels: [{ id: 1, sid: 'email', fields: { subject: 'Hi' } }] }],
	},
	{
		title: 'Create an e-mail and SMS template field by field (the example of §3)',
		params: {
			...create,
			channels: {
				email: { subject: 'Your order {apicontent.order_id} is on its way', html: '<html><body>Hello!</body></html>', text: 'Hello!', amp: '', fromEmail: '', keepCss: false },
				sms: { sms: 'Order {apicontent.order_id} shipped', smsMaxCount: 0, addSmsUrlScheme: false },
			},
			additionalFields: { uiTags: 'transactional', isDraft: false },
		},
		path: '/api/v1.1/templates/add',
		body: {
			name: 'Order shipped',
			channels: [
				{ sid: 'email', fields: { subject: 'Your order {apicontent.order_id} is on its way', html: '<html><body>Hello!</body></html>', text: 'Hello!' } },
				{ sid: 'sms', fields: { sms: 'Order {apicontent.order_id} shipped' } },
			],
			ui_tags: ['transactional'],
			is_draft: false,
		},
		answer: { ...ok, data: { saved_id: 10 } },
		output: [{ saved_id: 10 }],
		modifying: true,
	},
	{
		title: 'Create a push template with the other options',
		params: {
			...create,
			channels: { push: { title: 'Sale', body: 'Up to 50%', icon: 'https://example.com/i.png', clickUrl: 'https://example.com' } },
			additionalFields: { descr: 'Push only', jsonUrl: 'https://example.com/c.json', groups: '1, 2', isConfirm: true, suppressId: 4 },
		},
		path: '/api/v1.1/templates/add',
		body: {
			name: 'Order shipped',
			channels: [{ sid: 'push', fields: { title: 'Sale', body: 'Up to 50%', icon: 'https://example.com/i.png', click_url: 'https://example.com' } }],
			descr: 'Push only',
			json_url: 'https://example.com/c.json',
			groups: [1, 2],
			is_confirm: true,
			suppress_id: 4,
		},
		modifying: true,
	},
	{
		title: 'Create an AMP e-mail with sender overrides: the AMP flag follows the AMP body',
		params: {
			...create,
			channels: { email: { subject: 'S', amp: '<html amp4email></html>', fromEmail: 'shop@example.com', fromName: 'Shop', replytoEmail: 'help@example.com', replytoName: 'Help', keepCss: true } },
		},
		path: '/api/v1.1/templates/add',
		body: {
			name: 'Order shipped',
			channels: [
				{
					sid: 'email',
					fields: {
						subject: 'S',
						amp: '<html amp4email></html>',
						is_amp: true,
						from_email: 'shop@example.com',
						from_name: 'Shop',
						replyto_email: 'help@example.com',
						replyto_name: 'Help',
						is_not_inline: true,
					},
				},
			],
		},
		modifying: true,
	},
	{
		title: 'Create a Telegram template from JSON channel objects',
		params: { ...create, channelsMode: 'json', channelsJson: '[{"sid": "telegram_bot", "fields": {"text": "Hi"}}]' },
		path: '/api/v1.1/templates/add',
		body: { name: 'Order shipped', channels: [{ sid: 'telegram_bot', fields: { text: 'Hi' } }] },
		modifying: true,
	},
	{
		title: 'Update a template (unconfirmed path): `id` and the create fields',
		params: { ...create, operation: 'update', template: fromList(10), channels: { sms: { sms: 'New text' } } },
		path: '/api/v1.1/templates/update',
		body: { id: 10, name: 'Order shipped', channels: [{ sid: 'sms', fields: { sms: 'New text' } }] },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Delete a template (the example of §5)',
		params: { ...base, operation: 'delete', template: fromList(97) },
		path: '/api/v1.1/templates/delete',
		body: { id: 97 },
		answer: { ...ok, data: 97 },
		output: [{ deleted: true, id: 97 }],
		modifying: true,
	},
];

describe('Template operations', () => operationRows(rows));

describe('Template: Get Many paging', () => pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/templates/list', body: {}, cursors: [3, 7] }));

describe('Template: bad input', () =>
	validationRows([
		{ title: 'a template without any channel', params: create, message: 'Channels: add the content of at least one channel (item 0)' },
		{ title: 'a channel left empty', params: { ...create, channels: { sms: { sms: '', smsMaxCount: 0 } } }, message: 'Channels → SMS: give at least one content field, or remove the channel (item 0)' },
		{
			title: 'a sender override that is not an e-mail',
			params: { ...create, channels: { email: { subject: 'S', fromEmail: 'shop' } } },
			message: 'Channels → Email → From Email: "shop" is not an e-mail address (item 0)',
		},
		{ title: 'JSON channels without sid', params: { ...create, channelsMode: 'json', channelsJson: '[{"fields": {}}]' }, message: 'Channels (JSON): element 1 needs a "sid", got an object (item 0)' },
		{ title: 'a template to get without its ID', params: { ...base, operation: 'get', template: emptyLocator }, message: 'Template: must be a whole number, got an empty string (item 0)' },
	]));
