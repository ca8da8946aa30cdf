// @ts-check
'use strict';

/**
 * Default seed of the messaging sections (40-templates.md, 41-campaigns.md, 42-automation.md, 71-senders.md):
 * templates, mailings of every kind, scenarios, campaigns (super-campaigns), senders and virtual senders. It is
 * the `messaging` key of a seed (`createEmulator({ seed: { messaging } })`); a seed without it gets this one.
 * Every object belongs to account 1 unless `accountId` says otherwise.
 *
 * @typedef {{ id: number, name: string }} Group
 * @typedef {{ sid: string, fields: Record<string, any> }} ChannelSeed
 * @typedef {{ id: number, accountId?: number, name: string, description?: string, channels: ChannelSeed[],
 *   json_url?: string, ui_tags?: string[], groups?: number[], is_draft?: boolean, is_confirm?: boolean,
 *   suppress_id?: number }} TemplateSeed
 * @typedef {{ message_id: number, subject?: string, from_email?: string, from_name?: string, replyto_email?: string,
 *   replyto_name?: string }} MessageSeed
 * @typedef {{ id: number, accountId?: number, type: 'trigger' | 'regular' | 'broadcast' | 'splittest', name: string,
 *   descr?: string, is_active?: boolean, is_completed?: boolean, send_channel: 'email' | 'sms' | 'push',
 *   resource_id?: number, list_id?: number, data_type?: 'list' | 'segment', data_id?: number, content: MessageSeed[],
 *   trigger_type?: string, skip_minutes?: number, subid?: string, for_confirm?: boolean, ui_tags?: string[],
 *   groups?: Group[], attributes?: Record<string, any>, push_sending_mode?: 'fanout' | 'last', virtual_sender_id?: number,
 *   unconditional_sending?: boolean, limit?: number, start_schedule?: Record<string, any> }} MailingSeed
 * @typedef {{ id: number, accountId?: number, name: string, list_id: number, is_active?: boolean, mode?: string,
 *   ui_tags?: string[], groups?: Group[], nodes?: any[], attributes?: Record<string, any> }} ScenarioSeed
 * @typedef {{ id: number, accountId?: number, name: string, description?: string, tags?: string[],
 *   state: 'cloning' | 'inactive' | 'waiting' | 'active' | 'completed' | 'deleted', audience?: Record<string, any>,
 *   ui_tags?: string[], groups?: Group[], attributes?: Record<string, any> }} CampaignSeed
 * @typedef {{ id: number, accountId?: number, name: string, type: string, channel: 'email' | 'sms' | 'push' }} SenderSeed
 * @typedef {{ id: number, accountId?: number, name: string, email_rules: any[], sms_rules: any[] }} VirtualSenderSeed
 * @typedef {{ groups?: Group[], templates?: TemplateSeed[], mailings?: MailingSeed[], scenarios?: ScenarioSeed[],
 *   campaigns?: CampaignSeed[], senders?: SenderSeed[], virtualSenders?: VirtualSenderSeed[] }} MessagingSeed
 */

/** @type {MessagingSeed} */
const DEFAULT_MESSAGING_SEED = {
	// Access groups of the account (template `groups` are ids of these).
	groups: [
		{ id: 0, name: 'main' },
		{ id: 1, name: 'marketing' },
	],
	templates: [
		{
			id: 1,
			name: 'Order confirmation',
			description: 'Transactional order e-mail and SMS',
			channels: [
				{
					sid: 'email',
					fields: {
						subject: 'Your order {apicontent.order_id}',
						html: '<html><body><p>Hello! Order {apicontent.order_id} is confirmed, total {apicontent.total}.</p></body></html>',
						text: 'Hello! Order {apicontent.order_id} is confirmed, total {apicontent.total}.',
						from_email: 'shop@example.com',
						from_name: 'Example shop',
					},
				},
				{ sid: 'sms', fields: { sms: 'Order {apicontent.order_id} confirmed', sms_max_count: 0, add_sms_url_scheme: false } },
			],
			ui_tags: ['transactional'],
			groups: [0],
		},
		{
			id: 2,
			name: 'Weekly digest',
			description: '',
			channels: [{ sid: 'email', fields: { subject: 'This week', html: '<html><body>News of the week</body></html>', text: 'News of the week' } }],
			ui_tags: ['newsletter'],
			groups: [1],
		},
		{
			id: 3,
			name: 'SMS code',
			description: '',
			channels: [{ sid: 'sms', fields: { sms: 'Your code is {apicontent.code}' } }],
			ui_tags: ['transactional'],
			groups: [0],
		},
		{
			id: 4,
			name: 'Push promo',
			description: '',
			channels: [{ sid: 'push', fields: { title: 'Sale', body: '{apicontent.discount}% off today', icon: '', click_url: 'https://app.example.com/sale' } }],
			ui_tags: [],
			groups: [0],
		},
		{
			id: 5,
			name: 'Draft newsletter',
			description: 'Not finished',
			channels: [{ sid: 'email', fields: { subject: 'Draft', html: '<html><body>Draft</body></html>' } }],
			ui_tags: [],
			groups: [1],
			is_draft: true,
		},
		{
			id: 6,
			name: 'Lead follow-up',
			description: '',
			channels: [{ sid: 'email', fields: { subject: 'Thanks for your interest', html: '<html><body>Hi {apicontent.name}</body></html>' } }],
			ui_tags: [],
			groups: [1],
		},
	],
	mailings: [
		{
			id: 1,
			type: 'trigger',
			name: 'Order confirmation (API)',
			trigger_type: 'api_call',
			send_channel: 'email',
			resource_id: 1,
			is_active: true,
			content: [{ message_id: 1, subject: '', from_email: '', from_name: '', replyto_email: '', replyto_name: '' }],
			subid: 'orders',
			ui_tags: ['transactional'],
			attributes: { season: 'all_year' },
		},
		{
			id: 2,
			type: 'trigger',
			name: 'Abandoned cart (API)',
			trigger_type: 'api_call',
			send_channel: 'email',
			resource_id: 1,
			is_active: false,
			content: [{ message_id: 1, subject: 'You forgot something' }],
			ui_tags: ['transactional'],
		},
		{
			id: 3,
			type: 'trigger',
			name: 'SMS code (API)',
			trigger_type: 'api_call',
			send_channel: 'sms',
			resource_id: 2,
			is_active: true,
			content: [{ message_id: 3 }],
		},
		{
			id: 4,
			type: 'trigger',
			name: 'Welcome on import',
			trigger_type: 'api_import',
			send_channel: 'email',
			resource_id: 1,
			is_active: true,
			content: [{ message_id: 2 }],
		},
		{
			id: 5,
			type: 'regular',
			name: 'Weekly digest',
			send_channel: 'email',
			resource_id: 1,
			data_type: 'segment',
			data_id: 2,
			is_active: true,
			content: [{ message_id: 2, subject: 'This week' }],
			start_schedule: { start_mins: [0], start_hours: [10], start_wdays: [1], tz: 'Europe/Moscow' },
			ui_tags: ['newsletter'],
			groups: [{ id: 1, name: 'marketing' }],
			attributes: { season: 'spring_2024' },
		},
		{
			id: 6,
			type: 'broadcast',
			name: 'Spring sale',
			send_channel: 'email',
			resource_id: 1,
			data_type: 'list',
			data_id: 1,
			is_active: false,
			content: [{ message_id: 2, subject: 'Spring sale' }],
			ui_tags: ['newsletter'],
			groups: [{ id: 1, name: 'marketing' }],
			attributes: { season: 'spring_2024' },
		},
		{
			id: 7,
			type: 'trigger',
			name: 'Push promo (API)',
			trigger_type: 'api_call',
			send_channel: 'push',
			resource_id: 4,
			is_active: true,
			push_sending_mode: 'fanout',
			content: [{ message_id: 4 }],
		},
		{
			id: 8,
			type: 'trigger',
			name: 'Lead follow-up (API)',
			trigger_type: 'api_call',
			send_channel: 'email',
			resource_id: 3,
			is_active: true,
			content: [{ message_id: 6 }],
			groups: [{ id: 1, name: 'marketing' }],
		},
		{
			id: 9,
			type: 'splittest',
			name: 'Subject A/B test',
			send_channel: 'email',
			resource_id: 1,
			data_type: 'list',
			data_id: 1,
			is_active: false,
			content: [{ message_id: 2, subject: 'Variant A' }, { message_id: 2, subject: 'Variant B' }],
		},
	],
	scenarios: [
		{
			id: 1,
			name: 'Onboarding',
			list_id: 1,
			is_active: true,
			mode: 'skip',
			ui_tags: ['B2C'],
			groups: [{ id: 0, name: 'main' }],
			nodes: [
				{ node_id: 1, name: 'start', title: 'DEFAULT_START_NODE_TITLE', type: 'start' },
				{ node_id: 2, name: 'welcome', title: 'Welcome e-mail', type: 'campaign', templates: [2], campaign_id: 0 },
				{ node_id: 3, name: 'wait', title: 'Wait 1 day', type: 'delay' },
			],
		},
		{
			id: 2,
			name: 'Win-back',
			list_id: 1,
			is_active: false,
			mode: 'skip',
			ui_tags: [],
			groups: [{ id: 1, name: 'marketing' }],
			nodes: [{ node_id: 1, name: 'start', title: 'DEFAULT_START_NODE_TITLE', type: 'start' }],
		},
		{
			id: 3,
			name: 'Lead nurturing',
			list_id: 2,
			is_active: true,
			mode: 'skip',
			ui_tags: ['B2B'],
			groups: [{ id: 1, name: 'marketing' }],
			nodes: [{ node_id: 1, name: 'start', title: 'DEFAULT_START_NODE_TITLE', type: 'start' }],
		},
	],
	campaigns: [
		{
			id: 1,
			name: 'Spring 2025',
			description: 'Seasonal campaign',
			tags: ['seasonal'],
			state: 'inactive',
			audience: {
				state: 'ready',
				seg_id: 2,
				list_id: 1,
				extension_conf: {
					workflows: { ids: [2] },
					triggers: { ids: [2] },
					broadcasts: { ids: [6] },
					regulars: { ids: [5] },
					abns: { ids: [] },
					placements: { ids: [] },
				},
				lcg: { stratification_field_settings: [], ignore_entities: [] },
			},
			attributes: { season: ['spring_2025'] },
		},
		{
			id: 2,
			name: 'Always-on transactional',
			description: '',
			tags: [],
			state: 'active',
			audience: {
				state: 'ready',
				seg_id: 0,
				list_id: 1,
				extension_conf: { workflows: { ids: [1] }, triggers: { ids: [1, 3] }, broadcasts: { ids: [] }, regulars: { ids: [] }, abns: { ids: [] }, placements: { ids: [] } },
				lcg: { stratification_field_settings: [], ignore_entities: [] },
			},
		},
		{ id: 3, name: 'Summer 2024', description: 'Finished', tags: [], state: 'completed' },
		{ id: 4, name: 'Copy of Spring 2025', description: '', tags: [], state: 'cloning' },
	],
	senders: [
		{ id: 1, name: 'AKMTA sender', type: 'akmta', channel: 'email' },
		{ id: 2, name: 'Bulk SMS sender', type: 'bulksms_com', channel: 'sms' },
		{ id: 3, name: 'Backup MTA', type: 'akmta', channel: 'email' },
		{ id: 4, name: 'Firebase push', type: 'firebase', channel: 'push' },
	],
	virtualSenders: [
		{
			id: 1,
			name: 'Main email route',
			email_rules: [{ type: 'default', value: '', senders: [{ sender_id: 1, percent: 100, from_email: 'news@example.com', from_name: 'Example' }] }],
			sms_rules: [],
		},
		{
			id: 2,
			name: 'Mixed route',
			email_rules: [
				{ type: 'default', value: '', senders: [{ sender_id: 1, percent: 70 }, { sender_id: 3, percent: 30 }] },
			],
			sms_rules: [{ type: 'default', value: '', senders: [{ sender_id: 2, percent: 100, from_name: 'Shop' }] }],
		},
	],
};

module.exports = { DEFAULT_MESSAGING_SEED };
