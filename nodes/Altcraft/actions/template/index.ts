import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FlagDefinition } from '../common/fields';
import { additionalFields, objectField, objectListFilters, returnAllFields, stringField, switchFlag } from '../common/fields';
import { describe, inputError, isEmpty, parseJson, requireEmail, toBoolean, toInteger, toIntegerList, toStringList } from '../common/values';
import { PAGING } from '../mailing';
import { apiPath } from '../../transport';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';

// Message templates (40-templates.md): content for one or more channels, each a Channel object {sid, fields}.
// Every call names the template with `id`. No API for fragments was found.

const resource = 'template';

const theTemplate = (): Field => objectField('template', 'id');

type Kind = 'string' | 'email' | 'boolean' | 'number';

/** The typed content fields per channel: [parameter name, API name, display name, kind, description?]. */
const CHANNEL_FIELDS: Record<string, Array<[string, string, string, Kind, string?]>> = {
	email: [
		['subject', 'subject', 'Subject', 'string'],
		['html', 'html', 'HTML', 'string', 'The HTML body'],
		['text', 'text', 'Text', 'string', 'The plain-text body'],
		['amp', 'amp', 'AMP HTML', 'string', 'The AMP body (sets the AMP flag)'],
		['fromEmail', 'from_email', 'From Email', 'email', "Overrides the sender's address"],
		['fromName', 'from_name', 'From Name', 'string', "Overrides the sender's name"],
		['replytoEmail', 'replyto_email', 'Reply-To Email', 'email'],
		['replytoName', 'replyto_name', 'Reply-To Name', 'string'],
		['keepCss', 'is_not_inline', 'Keep CSS as Is', 'boolean', 'Whether to keep the CSS as it is instead of converting styles to inline'],
	],
	sms: [
		['sms', 'sms', 'Text', 'string', 'The message text'],
		['smsMaxCount', 'sms_max_count', 'Max Parts', 'number', 'Most SMS parts (0 = no limit of its own)'],
		['addSmsUrlScheme', 'add_sms_url_scheme', 'Add URL Scheme', 'boolean', 'Whether to prefix links with http://'],
	],
	push: [
		['title', 'title', 'Title', 'string'],
		['body', 'body', 'Body', 'string'],
		['icon', 'icon', 'Icon URL', 'string', 'URL of the image'],
		['clickUrl', 'click_url', 'Click URL', 'string', 'Where a click leads'],
	],
};

const CHANNEL_NAMES: Record<string, string> = { email: 'Email', sms: 'SMS', push: 'Push' };

function channelValues(channel: string): INodeProperties[] {
	return CHANNEL_FIELDS[channel]
		.map(([name, , displayName, kind, description]): INodeProperties => {
			const type = kind === 'email' ? 'string' : kind;
			const base = { displayName, name, ...(description ? { description } : {}) };
			if (type === 'boolean') return { ...base, type, default: false };
			if (type === 'number') return { ...base, type, typeOptions: { minValue: 0 }, default: 0 };
			return { ...base, type, default: '', ...(name === 'html' || name === 'text' || name === 'amp' || name === 'sms' || name === 'body' ? { typeOptions: { rows: 4 } } : {}) };
		})
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** One channel's typed values → its Channel object; empty text, false and 0 are left out. */
function channelObject(ctx: ItemContext, channel: string, values: IDataObject): IDataObject {
	const fields: IDataObject = {};
	for (const [name, key, displayName, kind] of CHANNEL_FIELDS[channel]) {
		const label = `Channels → ${CHANNEL_NAMES[channel]} → ${displayName}`;
		const value = values[name];
		if (kind === 'boolean') {
			if (value !== undefined && toBoolean(ctx, label, value)) fields[key] = true;
		} else if (kind === 'number') {
			if (!isEmpty(value) && value !== 0) fields[key] = toInteger(ctx, label, value, { min: 0 });
		} else if (!isEmpty(value)) {
			fields[key] = kind === 'email' ? requireEmail(ctx, label, value) : String(value);
		}
	}
	if (channel === 'email' && fields.amp) fields.is_amp = true;
	if (!Object.keys(fields).length) throw inputError(ctx, `Channels → ${CHANNEL_NAMES[channel]}`, 'give at least one content field, or remove the channel');
	return { sid: channel, fields };
}

/** channels: typed e-mail / SMS / push content, or the Channel objects as JSON (also for Telegram and custom channels). */
function channelsFields(): Field[] {
	return [
		{
			property: {
				displayName: 'Content',
				name: 'channelsMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Using Fields Below', value: 'fields', description: 'E-mail, SMS and push content' },
					{ name: 'Using JSON', value: 'json', description: 'An array of channel objects {"sid", "fields"}, for any channel' },
				],
				default: 'fields',
			},
		},
		{
			property: {
				displayName: 'Channels',
				name: 'channels',
				type: 'fixedCollection',
				placeholder: 'Add Channel',
				default: {},
				required: true,
				description: 'The content of the template per channel',
				displayOptions: { show: { channelsMode: ['fields'] } },
				options: Object.keys(CHANNEL_FIELDS).map((channel) => ({ displayName: CHANNEL_NAMES[channel], name: channel, values: channelValues(channel) })),
			},
			apply: (body, value, ctx) => {
				const chosen = (value ?? {}) as IDataObject;
				const channels = Object.keys(CHANNEL_FIELDS)
					.filter((channel) => chosen[channel] && typeof chosen[channel] === 'object')
					.map((channel) => channelObject(ctx, channel, chosen[channel] as IDataObject));
				if (!channels.length) throw inputError(ctx, 'Channels', 'add the content of at least one channel');
				body.channels = channels;
			},
		},
		{
			property: {
				displayName: 'Channels (JSON)',
				name: 'channelsJson',
				type: 'json',
				default: '[\n  { "sid": "email", "fields": { "subject": "Hello", "html": "<p>Hello!</p>" } }\n]',
				description: 'Channel objects; sid is email, sms, push, telegram_bot, telegram_group or custom_channel',
				displayOptions: { show: { channelsMode: ['json'] } },
			},
			apply: (body, value, ctx) => {
				const parsed = parseJson(ctx, 'Channels (JSON)', value);
				const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
				if (!list.length) throw inputError(ctx, 'Channels (JSON)', 'add at least one channel object');
				list.forEach((channel, index) => {
					const sid = (channel as IDataObject)?.sid;
					if (!channel || typeof channel !== 'object' || typeof sid !== 'string' || sid === '') {
						throw inputError(ctx, 'Channels (JSON)', `element ${index + 1} needs a "sid", got ${describe(channel)}`);
					}
				});
				body.channels = list as IDataObject[];
			},
		},
	];
}

const TEMPLATE_FLAGS = {
	descr: {
		key: 'descr',
		property: { displayName: 'Description', name: 'descr', type: 'string', default: '' },
		convert: (_ctx: ItemContext, _label: string, value: unknown) => String(value),
	},
	jsonUrl: {
		key: 'json_url',
		property: { displayName: 'Dynamic Content URL', name: 'jsonUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/content.json', description: 'URL of a JSON document used as dynamic content' },
		convert: (_ctx: ItemContext, _label: string, value: unknown) => String(value).trim(),
	},
	uiTags: {
		key: 'ui_tags',
		property: { displayName: 'Tags', name: 'uiTags', type: 'string', default: '', placeholder: 'e.g. transactional', description: 'Comma-separated UI tags' },
		convert: (_ctx: ItemContext, _label: string, value: unknown) => toStringList(value),
	},
	groups: {
		key: 'groups',
		property: { displayName: 'Group IDs', name: 'groups', type: 'string', default: '', placeholder: 'e.g. 1, 4', description: 'Comma-separated access group IDs' },
		convert: (ctx: ItemContext, label: string, value: unknown) => toIntegerList(ctx, label, value),
	},
	isDraft: switchFlag('is_draft', 'Draft', 'isDraft', 'Whether the template is a draft (a draft cannot be sent)'),
	isConfirm: switchFlag('is_confirm', 'Confirmation Template', 'isConfirm', 'Whether the template holds a subscription confirmation (double opt-in) link'),
	suppressId: {
		key: 'suppress_id',
		property: { displayName: 'Suppression List ID', name: 'suppressId', type: 'number', default: 0, description: 'ID of the suppression list linked to the template' },
		convert: (ctx: ItemContext, label: string, value: unknown) => (value === 0 ? undefined : toInteger(ctx, label, value, { min: 1 })),
	},
} satisfies Record<string, FlagDefinition>;

const channelFilter: FlagDefinition = {
	key: 'channel',
	property: {
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [
			{ name: 'Custom Channel', value: 'custom_channel' },
			{ name: 'Email', value: 'email' },
			{ name: 'Push', value: 'push' },
			{ name: 'SMS', value: 'sms' },
			{ name: 'Telegram Bot', value: 'telegram_bot' },
			{ name: 'Telegram Group', value: 'telegram_group' },
		],
		default: 'email',
		description: 'Only templates with content for this channel',
	},
	convert: (_ctx: ItemContext, _label: string, value: unknown) => value,
};

const templateFields = (): Field[] => [
	stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. Order shipped', description: 'Name of the template' }),
	...channelsFields(),
	additionalFields(Object.values(TEMPLATE_FLAGS)),
];

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many templates',
		description: 'List the message templates, optionally those with a given channel, tags or groups (templates/list)',
		path: apiPath('templates/list'),
		reference: 'template.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields(), objectListFilters(['uiTags', 'groups', 'groupsId'], [channelFilter])],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a template',
		description: 'Read a template with its content per channel (templates/get)',
		path: apiPath('templates/get'),
		reference: 'template.get',
		modifying: false,
		response: 'data',
		fields: [theTemplate()],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a template',
		description: 'Create a message template with e-mail, SMS or push content; answers its ID as saved_id (templates/add)',
		path: apiPath('templates/add'),
		reference: 'template.add',
		modifying: true,
		response: 'data',
		fields: templateFields(),
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a template',
		description: 'Replace the name and content of a template (templates/update)',
		// In the docs' sidebar only: path and parameters (id + the create fields) are the reference's guess.
		path: apiPath('templates/update'),
		reference: 'template.update',
		unconfirmed: true,
		modifying: true,
		response: 'success',
		fields: [theTemplate(), ...templateFields()],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a template',
		description: 'Delete a message template (templates/delete)',
		path: apiPath('templates/delete'),
		reference: 'template.delete',
		modifying: true,
		response: 'deleted',
		fields: [theTemplate()],
	},
];

export const template: ResourceDefinition = {
	value: resource,
	name: 'Template',
	description: 'Message templates with e-mail, SMS and push content',
	operations,
};
