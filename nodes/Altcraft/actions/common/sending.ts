import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Field, ItemContext } from '../types';
import type { FlagDefinition } from './fields';
import { databaseField, segmentField } from './fields';
import { inputError, isEmpty, parseJsonObject, requireEmail, requireString, toBoolean, toInteger } from './values';

// What a send carries besides its recipient (41-campaigns.md "Per-message data", 42-automation.md): content
// variables, custom data for action hooks, attachments, the subscription to use, a delay; and the one-run audience
// override of the mailing launches. Shared by trigger mailings, scenarios and the mailing launch calls.

// ---------------------------------------------------------------------------------------------------------------
// Name/value pairs or a JSON object: content ({apicontent.*}) and custom_data (action hooks)

interface PairsSpec {
	/** Body key. */
	key: string;
	/** Parameter name stem: <stem>Mode, <stem>Values, <stem>Json. */
	stem: string;
	displayName: string;
	description: string;
	/** Display name of the name/value list, e.g. "Variables". */
	listName: string;
	/** One entry, e.g. "Variable". */
	entryName: string;
	jsonExample: string;
}

/** A free-form object given as name/value rows or as JSON; nothing is sent when it is empty. */
export function pairsOrJsonFields(spec: PairsSpec): Field[] {
	const modeName = `${spec.stem}Mode`;
	const listLabel = spec.listName;
	const jsonLabel = `${spec.displayName} (JSON)`;
	const jsonDefault = spec.jsonExample;
	return [
		{
			property: {
				displayName: spec.displayName,
				name: modeName,
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Using Fields Below', value: 'pairs', description: 'Name/value rows' },
					{ name: 'Using JSON', value: 'json', description: 'One JSON object' },
				],
				default: 'pairs',
				description: spec.description,
			},
		},
		{
			property: {
				displayName: listLabel,
				name: `${spec.stem}Values`,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: `Add ${spec.entryName}`,
				default: {},
				displayOptions: { show: { [modeName]: ['pairs'] } },
				options: [
					{
						displayName: spec.entryName,
						name: 'pair',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. order_id' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			apply: (body, value, ctx) => {
				const rows = ((value as IDataObject)?.pair as IDataObject[] | undefined) ?? [];
				if (!rows.length) return;
				const object: IDataObject = {};
				rows.forEach((row, index) => {
					const name = requireString(ctx, `${listLabel} → #${index + 1} → Name`, row.name);
					object[name] = (row.value ?? '') as IDataObject[string];
				});
				body[spec.key] = object;
			},
		},
		{
			property: {
				displayName: jsonLabel,
				name: `${spec.stem}Json`,
				type: 'json',
				default: jsonDefault,
				displayOptions: { show: { [modeName]: ['json'] } },
			},
			apply: (body, value, ctx) => {
				const object = parseJsonObject(ctx, jsonLabel, value);
				if (object && Object.keys(object).length) body[spec.key] = object;
			},
		},
	];
}

/** content: the message's {apicontent.<name>} variables (and data for scenario API nodes). */
export function contentFields(): Field[] {
	return pairsOrJsonFields({
		key: 'content',
		stem: 'content',
		displayName: 'Content Variables',
		description: 'Data for this message, used in the template as {apicontent.<name>}',
		listName: 'Variables',
		entryName: 'Variable',
		jsonExample: '{\n  "order_id": "A-1001"\n}',
	});
}

/** custom_data: passed through to the action hooks (outgoing webhooks) of the resulting events. */
export function customDataFields(): Field[] {
	return pairsOrJsonFields({
		key: 'custom_data',
		stem: 'customData',
		displayName: 'Custom Data',
		description: 'Data passed on to the action hooks (outgoing event webhooks) of the resulting events',
		listName: 'Custom Data Fields',
		entryName: 'Field',
		jsonExample: '{\n  "crm_event_id": "E-1"\n}',
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Files from the item's binary data

export interface BinaryFile {
	fileName?: string;
	mimeType: string;
	base64: string;
}

/** Checks up front (in `apply`) that the input item carries the binary field. */
export function requireBinary(ctx: ItemContext, label: string, propertyName: unknown): string {
	const name = requireString(ctx, label, propertyName);
	const binary = ctx.exec.getInputData()[ctx.itemIndex]?.binary;
	if (!binary?.[name]) {
		const present = Object.keys(binary ?? {});
		throw inputError(
			ctx,
			label,
			`the input item has no binary field "${name}"`,
			present.length ? `Its binary fields: ${present.join(', ')}.` : 'The input item has no binary data; read the file first (e.g. with an HTTP Request or Read Files node).',
		);
	}
	return name;
}

/** The file of a binary field, read through n8n's helpers (works with every binary data mode). */
export async function readBinary(ctx: ItemContext, propertyName: string): Promise<BinaryFile> {
	const meta = ctx.exec.helpers.assertBinaryData(ctx.itemIndex, propertyName);
	const buffer = await ctx.exec.helpers.getBinaryDataBuffer(ctx.itemIndex, propertyName);
	return { fileName: meta.fileName, mimeType: meta.mimeType || 'application/octet-stream', base64: buffer.toString('base64') };
}

/** A file as the data URI the platform takes (80-misc.md §1, the attach examples): data:<type>;base64,<data>. */
export function dataUri(file: BinaryFile): string {
	return `data:${file.mimeType};base64,${file.base64}`;
}

/**
 * attach: files of the item's binary data as File objects {name, data: data URI} (41-campaigns.md, the documented
 * element shape). Bodies with files may be up to 100 MB.
 */
export function attachmentsField(): Field {
	const label = (index: number, what: string) => `Attachments → #${index + 1} → ${what}`;
	const rowsOf = (value: unknown) => ((value as IDataObject)?.attachment as IDataObject[] | undefined) ?? [];
	return {
		property: {
			displayName: 'Attachments',
			name: 'attachments',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Attachment',
			default: {},
			description: 'Files from the binary data of the input item, attached to the message',
			options: [
				{
					displayName: 'Attachment',
					name: 'attachment',
					values: [
						{
							displayName: 'Input Binary Field',
							name: 'binaryPropertyName',
							type: 'string',
							default: 'data',
							required: true,
							hint: 'The name of the input binary field containing the file to attach',
						},
						{
							displayName: 'File Name',
							name: 'fileName',
							type: 'string',
							default: '',
							placeholder: 'e.g. invoice.pdf',
							description: "Name of the attached file; empty keeps the binary data's own file name",
						},
					],
				},
			],
		},
		apply: (_body, value, ctx) => {
			rowsOf(value).forEach((row, index) => requireBinary(ctx, label(index, 'Input Binary Field'), row.binaryPropertyName));
		},
		load: async (body, value, ctx) => {
			const rows = rowsOf(value);
			if (!rows.length) return;
			const attach: IDataObject[] = [];
			for (const [index, row] of rows.entries()) {
				const file = await readBinary(ctx, String(row.binaryPropertyName).trim());
				const name = isEmpty(row.fileName) ? file.fileName : String(row.fileName).trim();
				if (!name) throw inputError(ctx, label(index, 'File Name'), 'is required: the binary data has no file name');
				attach.push({ name, data: dataUri(file) });
			}
			body.attach = attach;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Optional parameters of the launch calls

export const SEND_FLAGS = {
	/** subscription_filter (triggers/start, workflows/start): which of the profile's subscriptions gets the message. */
	subscriptionFilter: {
		key: 'subscription_filter',
		property: {
			displayName: 'Subscription Filter',
			name: 'subscriptionFilter',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Filter',
			description: "Which of the profile's subscriptions gets the message",
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Channel',
							name: 'channel',
							type: 'options',
							options: [
								{ name: 'Email', value: 'email' },
								{ name: 'Push', value: 'push' },
								{ name: 'SMS', value: 'sms' },
							],
							default: 'email',
						},
						{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. name@example.com', displayOptions: { show: { channel: ['email'] } } },
						{
							displayName: 'Not Strict',
							name: 'notStrict',
							type: 'boolean',
							default: false,
							description: 'Whether to fall back to the usual choice of subscription when this one is not found',
						},
						{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +79000000000', displayOptions: { show: { channel: ['sms'] } } },
						{ displayName: 'Push Provider', name: 'provider', type: 'string', default: '', placeholder: 'e.g. Chrome', displayOptions: { show: { channel: ['push'] } } },
						{ displayName: 'Push Subscription ID', name: 'subscriptionId', type: 'string', default: '', displayOptions: { show: { channel: ['push'] } } },
					],
				},
			],
		} as INodeProperties,
		convert: (ctx: ItemContext, label: string, value: unknown) => {
			const filter = (value as IDataObject)?.filter as IDataObject | undefined;
			if (!filter) return undefined;
			const result: IDataObject = {};
			switch (filter.channel ?? 'email') {
				case 'push':
					result.subscription_id = requireString(ctx, `${label} → Push Subscription ID`, filter.subscriptionId);
					result.provider = requireString(ctx, `${label} → Push Provider`, filter.provider);
					break;
				case 'sms':
					result.phone = requireString(ctx, `${label} → Phone`, filter.phone);
					break;
				default:
					result.email = requireEmail(ctx, `${label} → Email`, filter.email);
			}
			result.not_strict = toBoolean(ctx, `${label} → Not Strict`, filter.notStrict ?? false);
			return result;
		},
	},
	/** timeout (import_and_start family): a delay {days, hours, minutes} before the message goes out. */
	delay: {
		key: 'timeout',
		property: {
			displayName: 'Delay',
			name: 'delay',
			type: 'fixedCollection',
			default: {},
			placeholder: 'Add Delay',
			description: 'Wait this long before the message goes out',
			options: [
				{
					displayName: 'Delay',
					name: 'delay',
					values: [
						{ displayName: 'Days', name: 'days', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
						{ displayName: 'Hours', name: 'hours', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
						{ displayName: 'Minutes', name: 'minutes', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
					],
				},
			],
		} as INodeProperties,
		convert: (ctx: ItemContext, label: string, value: unknown) => {
			const delay = (value as IDataObject)?.delay as IDataObject | undefined;
			if (!delay) return undefined;
			const part = (name: string, title: string) => toInteger(ctx, `${label} → ${title}`, delay[name] ?? 0, { min: 0 });
			const timeout = { days: part('days', 'Days'), hours: part('hours', 'Hours'), minutes: part('minutes', 'Minutes') };
			return timeout.days + timeout.hours + timeout.minutes > 0 ? timeout : undefined;
		},
	},
} satisfies Record<string, FlagDefinition>;

// ---------------------------------------------------------------------------------------------------------------
// One run of a mailing with another audience (campaigns/activate/ with run_now, regulars/start, broadcasts/start)

/** override_source_type + override_source_id (a database or a segment) and override_limit. */
export function audienceOverrideFields(show: Record<string, Array<string | number | boolean>> = {}): Field[] {
	const when = (extra: Record<string, string[]> = {}) => ({ show: { ...show, ...extra } });
	return [
		{
			property: {
				displayName: 'Audience',
				name: 'overrideSourceType',
				type: 'options',
				options: [
					{ name: "Mailing's Own", value: '', description: 'The database or segment the mailing is set up with' },
					{ name: 'Another Database', value: 'list', description: 'All profiles of a database, for this run only' },
					{ name: 'Another Segment', value: 'segment', description: 'The profiles of a segment, for this run only' },
				],
				default: '',
				...(Object.keys(show).length ? { displayOptions: when() } : {}),
			},
			apply: (body, value) => {
				if (!isEmpty(value)) body.override_source_type = value as string;
			},
		},
		databaseField('override_source_id', { description: 'The database whose profiles get this run', displayOptions: when({ overrideSourceType: ['list'] }) }),
		segmentField('override_source_id', { description: 'The segment whose profiles get this run', displayOptions: when({ overrideSourceType: ['segment'] }) }),
		{
			property: {
				displayName: 'Sending Limit',
				name: 'overrideLimit',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description: 'Most messages to send in this run (0 = no limit of its own)',
				...(Object.keys(show).length ? { displayOptions: when() } : {}),
			},
			apply: (body, value, ctx) => {
				if (isEmpty(value) || value === 0) return;
				body.override_limit = toInteger(ctx, 'Sending Limit', value, { min: 1 });
			},
		},
	];
}
