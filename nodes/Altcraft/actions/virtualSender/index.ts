import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { objectField, returnAllFields, stringField } from '../common/fields';
import { describe, inputError, isEmpty, parseJson, requireEmail, requireString, toInteger } from '../common/values';
import { copyName, PAGING } from '../mailing';
import { apiPath } from '../../transport';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';

// Virtual senders (71-senders.md §2–7, Smart accounts only): routing rules over real senders, one rule set per
// channel (email_rules, sms_rules). A rule is {type, value, senders: [{sender_id, percent, from_email,
// replyto_email, from_name}]}; `default` is the catch-all rule. Every call names the virtual sender with `id`.

const resource = 'virtualSender';

const theSender = (): Field => objectField('virtualSender', 'id');

type Channel = 'email' | 'sms';

/**
 * The rules as rows: one row per (rule, sender) pair; rows with the same rule type and value form one rule. Or the
 * two rule arrays as JSON.
 */
function rulesFields({ keepOption }: { keepOption: boolean }): Field[] {
	const modes: INodePropertyOptions[] = [
		...(keepOption ? [{ name: 'Keep Current', value: 'keep', description: 'Send no rules' }] : []),
		{ name: 'Using Fields Below', value: 'rows', description: 'One row per sender of a rule' },
		{ name: 'Using JSON', value: 'json', description: 'The email_rules and sms_rules arrays' },
	];
	const rowFields = (channel: Channel) => [
		{ displayName: 'Rule Type', name: 'type', type: 'string' as const, default: 'default', description: '"default" is the catch-all rule' },
		{ displayName: 'Rule Value', name: 'value', type: 'string' as const, default: '', description: 'Empty for the default rule' },
		{
			displayName: 'Sender Name or ID',
			name: 'senderId',
			type: 'options' as const,
			typeOptions: { loadOptionsMethod: channel === 'email' ? 'getEmailSenders' : 'getSmsSenders' },
			default: '',
			description:
				'A real sender of this channel. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{ displayName: 'Percent', name: 'percent', type: 'number' as const, typeOptions: { minValue: 0, maxValue: 100 }, default: 100, description: "This sender's share of the rule's traffic" },
		{ displayName: 'From Name', name: 'fromName', type: 'string' as const, default: '' },
		...(channel === 'email'
			? [
					{ displayName: 'From Email', name: 'fromEmail', type: 'string' as const, default: '', placeholder: 'e.g. news@example.com' },
					{ displayName: 'Reply-To Email', name: 'replytoEmail', type: 'string' as const, default: '', placeholder: 'e.g. support@example.com' },
				]
			: []),
	];
	const rows = (channel: Channel, displayName: string): Field => ({
		property: {
			displayName,
			name: `${channel}Rules`,
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Sender',
			default: {},
			displayOptions: { show: { rulesMode: ['rows'] } },
			options: [{ displayName: 'Sender', name: 'sender', values: rowFields(channel) }],
		},
		apply: (body, value, ctx) => {
			body[`${channel}_rules`] = rulesFromRows(ctx, displayName, ((value as IDataObject)?.sender as IDataObject[] | undefined) ?? []);
		},
	});
	const json = (channel: Channel, displayName: string, example: string): Field => ({
		property: {
			displayName,
			name: `${channel}RulesJson`,
			type: 'json',
			default: example,
			displayOptions: { show: { rulesMode: ['json'] } },
		},
		apply: (body, value, ctx) => {
			const parsed = parseJson(ctx, displayName, value) ?? [];
			if (!Array.isArray(parsed)) throw inputError(ctx, displayName, `must be a JSON array of rules, got ${describe(parsed)}`);
			body[`${channel}_rules`] = parsed as IDataObject[];
		},
	});
	const defaultMode = keepOption ? 'keep' : 'rows';
	return [
		{
			property: {
				displayName: 'Rules',
				name: 'rulesMode',
				type: 'options',
				noDataExpression: true,
				options: modes,
				default: defaultMode,
				description: keepOption ? 'Rules given here replace both rule sets' : 'How messages are spread over real senders, per channel',
			},
		},
		rows('email', 'Email Rules'),
		rows('sms', 'SMS Rules'),
		json('email', 'Email Rules (JSON)', '[\n  { "type": "default", "value": "", "senders": [{ "sender_id": 1, "percent": 100 }] }\n]'),
		json('sms', 'SMS Rules (JSON)', '[]'),
	];
}

/** Rows → rules: rows with the same type and value are one rule with several senders, in the order given. */
function rulesFromRows(ctx: ItemContext, displayName: string, rows: IDataObject[]): IDataObject[] {
	const rules = new Map<string, IDataObject>();
	rows.forEach((row, index) => {
		const label = (what: string) => `${displayName} → #${index + 1} → ${what}`;
		const type = requireString(ctx, label('Rule Type'), row.type ?? 'default');
		const value = isEmpty(row.value) ? '' : String(row.value).trim();
		const sender: IDataObject = {
			sender_id: toInteger(ctx, label('Sender'), row.senderId, { min: 1 }),
			percent: toInteger(ctx, label('Percent'), row.percent ?? 100, { min: 0, max: 100 }),
		};
		if (!isEmpty(row.fromEmail)) sender.from_email = requireEmail(ctx, label('From Email'), row.fromEmail);
		if (!isEmpty(row.replytoEmail)) sender.replyto_email = requireEmail(ctx, label('Reply-To Email'), row.replytoEmail);
		if (!isEmpty(row.fromName)) sender.from_name = requireString(ctx, label('From Name'), row.fromName);
		const key = `${type}\u0000${value}`;
		if (!rules.has(key)) rules.set(key, { type, value, senders: [] });
		(rules.get(key)!.senders as IDataObject[]).push(sender);
	});
	return [...rules.values()];
}

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many virtual senders',
		description: 'List the virtual senders and the channels they route (vsenders/list)',
		path: apiPath('vsenders/list'),
		reference: 'virtualSender.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields()],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a virtual sender',
		description: 'Read a virtual sender with its e-mail and SMS routing rules (vsenders/get)',
		path: apiPath('vsenders/get'),
		reference: 'virtualSender.get',
		modifying: false,
		response: 'data',
		fields: [theSender()],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a virtual sender',
		description: 'Create a virtual sender that spreads e-mail and SMS over real senders by rules (vsenders/add)',
		path: apiPath('vsenders/add'),
		reference: 'virtualSender.add',
		modifying: true,
		response: 'data',
		fields: [
			stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. Main email route', description: 'Name of the virtual sender' }),
			...rulesFields({ keepOption: false }),
		],
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a virtual sender',
		description: 'Rename a virtual sender or replace its rules (vsenders/update)',
		// In the docs' tree only: path and parameters (id + the create fields, all optional) are the reference's guess.
		path: apiPath('vsenders/update'),
		reference: 'virtualSender.update',
		unconfirmed: true,
		modifying: true,
		response: 'success',
		fields: [
			theSender(),
			stringField('name', { displayName: 'Name', name: 'name', placeholder: 'e.g. Main email route', description: 'The new name; empty keeps the current one' }),
			...rulesFields({ keepOption: true }),
		],
	},
	{
		resource,
		value: 'clone',
		name: 'Clone',
		action: 'Clone a virtual sender',
		description: 'Copy a virtual sender with its rules; answers the new ID as saved_id (vsenders/clone)',
		path: apiPath('vsenders/clone'),
		reference: 'virtualSender.clone',
		modifying: true,
		response: 'data',
		fields: [theSender(), copyName()],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a virtual sender',
		description: 'Delete a virtual sender (vsenders/delete)',
		path: apiPath('vsenders/delete'),
		reference: 'virtualSender.delete',
		modifying: true,
		response: 'deleted',
		fields: [theSender()],
	},
];

export const virtualSender: ResourceDefinition = {
	value: resource,
	name: 'Virtual Sender',
	description: 'Routing of e-mail and SMS over real senders (Smart accounts)',
	operations,
};
