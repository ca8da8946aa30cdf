import type { IDataObject } from 'n8n-workflow';

import type { FlagDefinition } from '../common/fields';
import { additionalFields, databaseField, resourceField, segmentField, stringField, switchFlag } from '../common/fields';
import {
	inputError,
	isEmpty,
	parseJsonObject,
	requireEmail,
	requireString,
	toInteger,
	toIntegerList,
	toNumber,
	toStringList,
} from '../common/values';
import type { Field, ItemContext } from '../types';

// The settings shared by the create and update calls of regular, broadcast and trigger mailings (41-campaigns.md
// B.3, D.3, E.1): the messages (templates) to send, the channel, the audience, the start schedule and the options.

export const SEND_CHANNELS = [
	{ name: 'Email', value: 'email' },
	{ name: 'Push', value: 'push' },
	{ name: 'SMS', value: 'sms' },
];

/** send_channel: fixed at creation; update calls ignore it (41-campaigns.md, general rules). */
export const sendChannelField: Field = {
	property: {
		displayName: 'Channel',
		name: 'sendChannel',
		type: 'options',
		options: SEND_CHANNELS,
		default: 'email',
		description: 'The channel the mailing sends through; it cannot be changed later',
	},
	apply: (body, value, ctx) => {
		body.send_channel = requireString(ctx, 'Channel', value);
	},
};

/** content: the message objects, one per template to send (message_id = template ID, plus sender overrides). */
/** The templates a mailing sends; `keepCurrent`: no rows sends none (an update that keeps the mailing's messages). */
export function messagesField({ keepCurrent = false }: { keepCurrent?: boolean } = {}): Field {
	const label = (index: number, what: string) => `Messages → #${index + 1} → ${what}`;
	const optional: Array<[string, string, string]> = [
		['subject', 'subject', 'Subject'],
		['fromName', 'from_name', 'From Name'],
		['replytoName', 'replyto_name', 'Reply-To Name'],
	];
	return {
		property: {
			displayName: 'Messages',
			name: 'messages',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Message',
			default: {},
			required: !keepCurrent,
			description: keepCurrent
				? 'The templates the mailing sends, with optional subject and sender overrides; none keeps the current messages'
				: 'The templates the mailing sends, with optional subject and sender overrides',
			options: [
				{
					displayName: 'Message',
					name: 'message',
					values: [
						{ displayName: 'From Email', name: 'fromEmail', type: 'string', default: '', placeholder: 'e.g. shop@example.com', description: "Overrides the template's sender address" },
						{ displayName: 'From Name', name: 'fromName', type: 'string', default: '', description: "Overrides the template's sender name" },
						{ displayName: 'Reply-To Email', name: 'replytoEmail', type: 'string', default: '', placeholder: 'e.g. support@example.com' },
						{ displayName: 'Reply-To Name', name: 'replytoName', type: 'string', default: '' },
						{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: "Overrides the template's subject line" },
						{
							displayName: 'Template Name or ID',
							name: 'templateId',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getTemplates' },
							default: '',
							required: true,
							description:
								'The template to send. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
					],
				},
			],
		},
		apply: (body, value, ctx) => {
			const rows = ((value as IDataObject)?.message as IDataObject[] | undefined) ?? [];
			if (!rows.length && keepCurrent) return;
			if (!rows.length) throw inputError(ctx, 'Messages', 'add at least one message (template)');
			body.content = rows.map((row, index) => {
				const message: IDataObject = { message_id: toInteger(ctx, label(index, 'Template'), row.templateId, { min: 1 }) };
				for (const [name, key, title] of optional) {
					if (!isEmpty(row[name])) message[key] = requireString(ctx, label(index, title), row[name]);
				}
				if (!isEmpty(row.fromEmail)) message.from_email = requireEmail(ctx, label(index, 'From Email'), row.fromEmail);
				if (!isEmpty(row.replytoEmail)) message.replyto_email = requireEmail(ctx, label(index, 'Reply-To Email'), row.replytoEmail);
				return message;
			});
		},
	};
}

/** data_type + data_id: the audience of a regular or broadcast mailing, a database or a segment. */
export function audienceFields(): Field[] {
	return [
		{
			property: {
				displayName: 'Audience Type',
				name: 'audienceType',
				type: 'options',
				options: [
					{ name: 'Database', value: 'list', description: 'All profiles of a database' },
					{ name: 'Segment', value: 'segment', description: 'The profiles of a segment' },
				],
				default: 'segment',
			},
			apply: (body, value, ctx) => {
				if (value !== 'list' && value !== 'segment') throw inputError(ctx, 'Audience Type', `"${String(value)}" is not list or segment`);
				body.data_type = value;
			},
		},
		databaseField('data_id', { description: 'The database whose profiles get the mailing', displayOptions: { show: { audienceType: ['list'] } } }),
		segmentField('data_id', { description: 'The segment whose profiles get the mailing', displayOptions: { show: { audienceType: ['segment'] } } }),
	];
}

const positive = (ctx: ItemContext, label: string, value: unknown) => (value === 0 || value === '' ? undefined : toInteger(ctx, label, value, { min: 1 }));
const text = (ctx: ItemContext, label: string, value: unknown) => requireString(ctx, label, value);
const list = (_ctx: ItemContext, _label: string, value: unknown) => toStringList(value);
const ints = (ctx: ItemContext, label: string, value: unknown) => toIntegerList(ctx, label, value);

/** The optional settings of the mailing create and update calls; each call picks the ones its page lists. */
export const MAILING_FLAGS = {
	isActive: switchFlag('is_active', 'Active', 'isActive', 'Whether the mailing is active (sends) right away'),
	subid: {
		key: 'subid',
		property: { displayName: 'SubID', name: 'subid', type: 'string', default: '', placeholder: 'e.g. autumn_sale', description: 'Label for statistics' },
		convert: text,
	},
	policyId: {
		key: 'policy_id',
		property: { displayName: 'Sending Policy ID', name: 'policyId', type: 'number', default: 0, description: 'ID of the sending policy' },
		convert: positive,
	},
	pushSendingMode: {
		key: 'push_sending_mode',
		property: {
			displayName: 'Push Sending Mode',
			name: 'pushSendingMode',
			type: 'options',
			options: [
				{ name: 'All Subscriptions (Fanout)', value: 'fanout', description: "All of the profile's matching push subscriptions" },
				{ name: 'Newest Subscription', value: 'last', description: 'Only the newest push subscription' },
			],
			default: 'fanout',
		},
		convert: text,
	},
	attributes: {
		key: 'attributes',
		property: { displayName: 'Attributes (JSON)', name: 'attributes', type: 'json', default: '{}', description: 'Attribute values, e.g. {"season": "summer_2024"}' },
		convert: parseJsonObject,
	},
	virtualSenderId: {
		key: 'virtual_sender_id',
		property: {
			displayName: 'Virtual Sender Name or ID',
			name: 'virtualSenderId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getVirtualSenders' },
			default: '',
			description:
				'Smart accounts: the virtual sender to send through. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		convert: positive,
	},
	// Regular and broadcast spelling (D.3)
	randomTrackingPrefix: switchFlag('is_random_tracking_prefix', 'Random Tracking Prefix', 'randomTrackingPrefix', 'Whether to use a random prefix for the tracking domain (Smart accounts)'),
	trackingDomains: {
		key: 'custom_tracking_domains',
		property: { displayName: 'Tracking Domains', name: 'trackingDomains', type: 'string', default: '', placeholder: 'e.g. trk.example.com', description: 'Comma-separated tracking domains (Smart accounts)' },
		convert: list,
	},
	// Trigger spelling (B.3: is_random_trk_prefix / custom_trk_domain; the get answer spells them like D.3)
	randomTrackingPrefixTrigger: switchFlag('is_random_trk_prefix', 'Random Tracking Prefix', 'randomTrackingPrefix', 'Whether to use a random prefix for the tracking domain (Smart accounts)'),
	trackingDomainsTrigger: {
		key: 'custom_trk_domain',
		property: { displayName: 'Tracking Domains', name: 'trackingDomains', type: 'string', default: '', placeholder: 'e.g. trk.example.com', description: 'Comma-separated tracking domains (Smart accounts)' },
		convert: list,
	},
	blindCarbonCopy: {
		key: 'blind_carbon_copy',
		property: { displayName: 'BCC Addresses', name: 'blindCarbonCopy', type: 'string', default: '', placeholder: 'e.g. archive@example.com', description: 'Comma-separated hidden copy recipients (Smart accounts)' },
		convert: (ctx: ItemContext, label: string, value: unknown) => toStringList(value).map((email) => requireEmail(ctx, label, email)),
	},
	unconditionalSending: switchFlag('unconditional_sending', 'Unconditional Sending', 'unconditionalSending', 'Whether to send regardless of the subscription status (Smart accounts)'),
	skipMinutes: {
		key: 'skip_minutes',
		property: { displayName: 'Delay (Minutes)', name: 'skipMinutes', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Wait this many minutes after the event before sending' },
		convert: (ctx: ItemContext, label: string, value: unknown) => toInteger(ctx, label, value, { min: 0 }),
	},
	limit: {
		key: 'limit',
		property: { displayName: 'Sending Limit', name: 'sendingLimit', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Most messages per run (0 = no limit)' },
		convert: (ctx: ItemContext, label: string, value: unknown) => toInteger(ctx, label, value, { min: 0 }),
	},
	limitGrowth: {
		key: 'aglimit_count',
		property: { displayName: 'Limit Growth', name: 'limitGrowth', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Raise the sending limit by this many messages every run' },
		convert: positive,
	},
	// Spelled agllimit_percent in the request tables (D.3, E.1), aglimit_percent in the answers: the request spelling is sent.
	limitGrowthPercent: {
		key: 'agllimit_percent',
		property: { displayName: 'Limit Growth (%)', name: 'limitGrowthPercent', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Raise the sending limit by this percentage every run' },
		convert: (ctx: ItemContext, label: string, value: unknown) => (value === 0 ? undefined : toNumber(ctx, label, value)),
	},
	startSchedule: {
		key: 'start_schedule',
		property: {
			displayName: 'Start Schedule',
			name: 'startSchedule',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Schedule',
			description: 'When the mailing runs; each list is comma-separated, empty means every',
			options: [
				{
					displayName: 'Schedule',
					name: 'schedule',
					values: [
						{ displayName: 'Days of Month', name: 'mdays', type: 'string', default: '', placeholder: 'e.g. 1, 15' },
						{ displayName: 'Days of Week', name: 'wdays', type: 'string', default: '', placeholder: 'e.g. 1, 3, 5' },
						{ displayName: 'Hours', name: 'hours', type: 'string', default: '', placeholder: 'e.g. 10' },
						{ displayName: 'Minutes', name: 'mins', type: 'string', default: '', placeholder: 'e.g. 0, 30' },
						{ displayName: 'Months', name: 'months', type: 'string', default: '', placeholder: 'e.g. 1, 6' },
						{ displayName: 'Profile Time Zone', name: 'profile', type: 'boolean', default: false, description: "Whether to send in each profile's own time zone" },
						{ displayName: 'Time Zone', name: 'tz', type: 'string', default: '', placeholder: 'e.g. Europe/Moscow' },
						{ displayName: 'Years', name: 'years', type: 'string', default: '', placeholder: 'e.g. 2025' },
					],
				},
			],
		},
		convert: (ctx: ItemContext, label: string, value: unknown) => {
			const schedule = (value as IDataObject)?.schedule as IDataObject | undefined;
			if (!schedule) return undefined;
			const result: IDataObject = {};
			for (const [name, title] of [
				['mins', 'Minutes'],
				['hours', 'Hours'],
				['mdays', 'Days of Month'],
				['wdays', 'Days of Week'],
				['months', 'Months'],
				['years', 'Years'],
			]) {
				const values = ints(ctx, `${label} → ${title}`, schedule[name]);
				if (values.length) result[`start_${name}`] = values;
			}
			if (!isEmpty(schedule.tz)) result.tz = requireString(ctx, `${label} → Time Zone`, schedule.tz);
			if (schedule.profile === true) result.profile = true;
			return result;
		},
	},
} satisfies Record<string, FlagDefinition>;

const SCHEDULED_FLAGS = [
	MAILING_FLAGS.isActive,
	MAILING_FLAGS.subid,
	MAILING_FLAGS.startSchedule,
	MAILING_FLAGS.limit,
	MAILING_FLAGS.limitGrowth,
	MAILING_FLAGS.limitGrowthPercent,
	MAILING_FLAGS.policyId,
	MAILING_FLAGS.pushSendingMode,
	MAILING_FLAGS.virtualSenderId,
	MAILING_FLAGS.randomTrackingPrefix,
	MAILING_FLAGS.trackingDomains,
];

/**
 * The fields of a regular or broadcast mailing (D.3, E.1): create takes the channel; update (unconfirmed) takes the
 * same fields without it, as the channel of a mailing cannot change.
 */
export function scheduledMailingFields({ create }: { create: boolean }): Field[] {
	return [
		stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. Weekly digest', description: 'Name of the mailing' }),
		...audienceFields(),
		...(create ? [sendChannelField] : []),
		messagesField(),
		resourceField('resource_id', { required: false, description: 'The resource (subscriptions) to send through' }),
		additionalFields(SCHEDULED_FLAGS),
	];
}
