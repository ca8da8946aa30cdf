import type { IDataObject } from 'n8n-workflow';

import { databaseField } from '../common/fields';
import { inputError, isEmpty, parseJson, requireString, toBoolean, toInteger } from '../common/values';
import type { Field, ItemContext } from '../types';

// What a segment is and which profiles it takes (30-segments.md, "Segment types" and "Segment rule blocks").
//
// Type → flags: dynamic = is_static false + rules; static = is_static true, is_refresh_daily false, list_id at the
// top, no rules; updatable = is_static true + rules (+ is_refresh_daily to rebuild on a schedule). Rules are an
// array of blocks {condition: and|or, list_id, limit, percent_from, percent_to, queries[]}; a query is
// {compo, name, operator, value: [{name, value}]} (documented compo values: default, domaingroup; operator: equal).
// The full vocabulary is not public: the builder covers field/operator/value rows combined with AND or OR, and the
// JSON mode takes any blocks, e.g. copied from Segment → Get.

const RULE_TYPES = ['dynamic', 'updatable'];
const withRules = { segmentType: RULE_TYPES };

function databaseIdOf(ctx: ItemContext): number {
	return toInteger(ctx, 'Database', ctx.param('database'), { min: 1 });
}

const segmentType: Field = {
	property: {
		displayName: 'Segment Type',
		name: 'segmentType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Dynamic', value: 'dynamic', description: 'Rules, evaluated each time the segment is used' },
			{ name: 'Static', value: 'static', description: 'A fixed list of profiles, filled by hand, by API or by import' },
			{ name: 'Updatable', value: 'updatable', description: 'A static list rebuilt from rules' },
		],
		default: 'dynamic',
	},
	apply: (body, value, ctx) => {
		const type = String(value);
		if (!['dynamic', 'static', 'updatable'].includes(type)) throw inputError(ctx, 'Segment Type', `unknown type "${type}"`);
		body.is_static = type !== 'dynamic';
		if (type === 'static') body.is_refresh_daily = false;
		if (type === 'updatable') body.is_refresh_daily = toBoolean(ctx, 'Rebuild Daily', ctx.param('refreshDaily', false));
	},
};

const refreshDaily: Field = {
	property: {
		displayName: 'Rebuild Daily',
		name: 'refreshDaily',
		type: 'boolean',
		default: false,
		description: 'Whether to rebuild the segment from its rules on a daily schedule',
		displayOptions: { show: { segmentType: ['updatable'] } },
	},
};

/** A static segment names its database at the top (list_id); rule blocks name it inside each block. */
const segmentDatabase: Field = {
	property: {
		...databaseField(null).property,
		description: 'The profile database the segment takes its profiles from',
	},
	apply: (body, _value, ctx) => {
		const id = databaseIdOf(ctx);
		if (ctx.param('segmentType') === 'static') body.list_id = id;
	},
};

const rulesMode: Field = {
	property: {
		displayName: 'Rules',
		name: 'rulesMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Conditions', value: 'builder', description: 'Field, operator and value rows combined with AND or OR' },
			{ name: 'JSON', value: 'json', description: 'Rule blocks in the full rule language, e.g. copied from Segment → Get' },
		],
		default: 'builder',
		displayOptions: { show: withRules },
	},
};

const builderShown = { show: { ...withRules, rulesMode: ['builder'] } };

const combineWith: Field = {
	property: {
		displayName: 'Combine Conditions With',
		name: 'combineWith',
		type: 'options',
		options: [
			{ name: 'AND', value: 'and', description: 'A profile must meet every condition' },
			{ name: 'OR', value: 'or', description: 'A profile must meet at least one condition' },
		],
		default: 'and',
		displayOptions: builderShown,
	},
};

const COMPARE_OPTIONS = [
	{ name: 'Field Value', value: 'default', description: 'The value of the field itself' },
	{ name: 'E-Mail Domain Group', value: 'domaingroup', description: 'The mailbox provider group of an e-mail field, e.g. Yahoo! (US)' },
];

const conditions: Field = {
	property: {
		displayName: 'Conditions',
		name: 'conditions',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Condition',
		default: {},
		required: true,
		displayOptions: builderShown,
		options: [
			{
				displayName: 'Condition',
				name: 'condition',
				values: [
					{ displayName: 'Compare', name: 'compo', type: 'options', options: COMPARE_OPTIONS, default: 'default' },
					{ displayName: 'Field Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. _sex', description: 'API name of the profile field to test' },
					{ displayName: 'Field Type', name: 'type', type: 'string', default: '', placeholder: 'e.g. email', description: 'Type of the field, when the rule needs it (optional)' },
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'string',
						default: 'equal',
						description: 'The comparison; "equal" is the one the public docs show. Read a segment made in Altcraft with Segment → Get to see others.',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 2' },
				],
			},
		],
	},
	apply: (body, value, ctx) => {
		const rows = ((value as IDataObject)?.condition as IDataObject[] | undefined) ?? [];
		if (rows.length === 0) throw inputError(ctx, 'Conditions', 'add at least one condition');
		const queries = rows.map((row, index) => {
			const label = `Conditions → #${index + 1}`;
			const compo = isEmpty(row.compo) ? 'default' : String(row.compo);
			const query: IDataObject = {
				compo,
				name: requireString(ctx, `${label} → Field Name`, row.name),
				operator: requireString(ctx, `${label} → Operator`, row.operator ?? 'equal'),
				value: [{ name: compo, value: row.value === undefined || row.value === null ? '' : String(row.value) }],
			};
			if (!isEmpty(row.type)) query.type = String(row.type).trim();
			return query;
		});
		const options = ctx.param<IDataObject>('blockOptions', {});
		const percentFrom = optionalInteger(ctx, 'Block Options → Percent From', options.percentFrom, 0, 0, 99);
		const percentTo = optionalInteger(ctx, 'Block Options → Percent To', options.percentTo, 100, 1, 100);
		if (percentFrom >= percentTo) throw inputError(ctx, 'Block Options → Percent From', `must be below Percent To (${percentTo})`);
		body.segment = [
			{
				condition: String(ctx.param('combineWith', 'and')),
				list_id: databaseIdOf(ctx),
				limit: optionalInteger(ctx, 'Block Options → Max Profiles', options.maxProfiles, 0, 0),
				percent_from: percentFrom,
				percent_to: percentTo,
				queries,
			},
		];
	},
};

function optionalInteger(ctx: ItemContext, label: string, value: unknown, fallback: number, min: number, max?: number): number {
	if (isEmpty(value)) return fallback;
	return toInteger(ctx, label, value, { min, max });
}

const blockOptions: Field = {
	property: {
		displayName: 'Block Options',
		name: 'blockOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: builderShown,
		options: [
			{ displayName: 'Max Profiles', name: 'maxProfiles', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'The most profiles the rules take; 0 takes all' },
			{ displayName: 'Percent From', name: 'percentFrom', type: 'number', typeOptions: { minValue: 0, maxValue: 99 }, default: 0, description: 'Start of a percentage slice of the matched profiles' },
			{ displayName: 'Percent To', name: 'percentTo', type: 'number', typeOptions: { minValue: 1, maxValue: 100 }, default: 100, description: 'End of the percentage slice' },
		],
	},
};

const rulesJson: Field = {
	property: {
		displayName: 'Rules (JSON)',
		name: 'rulesJson',
		type: 'json',
		default:
			'[\n  {\n    "condition": "and",\n    "queries": [\n      { "compo": "default", "name": "_sex", "operator": "equal", "value": [{ "name": "default", "value": "2" }] }\n    ]\n  }\n]',
		description: 'An array of rule blocks; a block without list_id gets the database chosen above',
		displayOptions: { show: { ...withRules, rulesMode: ['json'] } },
	},
	apply: (body, value, ctx) => {
		const parsed = parseJson(ctx, 'Rules (JSON)', value);
		const blocks = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
		if (blocks.length === 0) throw inputError(ctx, 'Rules (JSON)', 'must be a rule block or an array of rule blocks');
		body.segment = blocks.map((block, index) => {
			if (!block || typeof block !== 'object' || Array.isArray(block)) {
				throw inputError(ctx, 'Rules (JSON)', `block #${index + 1} must be a JSON object`);
			}
			const rule = block as IDataObject;
			return rule.list_id === undefined ? { ...rule, list_id: databaseIdOf(ctx) } : rule;
		});
	},
};

/** Type, database and rules of a segment, for create and update. */
export const segmentDefinitionFields: Field[] = [
	segmentType,
	refreshDaily,
	segmentDatabase,
	rulesMode,
	combineWith,
	conditions,
	blockOptions,
	rulesJson,
];
