import type { IDataObject } from 'n8n-workflow';

import type { FlagDefinition, MatchingMode } from '../common/fields';
import { additionalFields, databaseField, FLAGS, integerField, matchingFields, switchFlag } from '../common/fields';
import { inputError, isEmpty, parseJsonObject, requireString, toDateTime, toNumber } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';

// Goals (target actions): 51-goals-events.md. goals/register records one goal (goal + value) or several (goals[])
// of a pixel for a profile found by matching. There is no separate custom-event call: a goal per event type with
// its attributes in pixel_data is the documented way.

const resource = 'goal';

const GOAL_MODES: MatchingMode[] = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];

/** Latin or Cyrillic letters, digits, spaces, currency signs and the listed punctuation; at most 128 characters. */
function goalName(ctx: ItemContext, label: string, value: unknown): string {
	const name = requireString(ctx, label, value);
	if (name.length > 128) throw inputError(ctx, label, `must be at most 128 characters, got ${name.length}`);
	return name;
}

const goalMode: Field = {
	property: {
		displayName: 'Goals',
		name: 'goalMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'One Goal', value: 'one', description: 'A goal name and an optional value' },
			{ name: 'Several Goals', value: 'several', description: 'A list of goals, each with a value, in one call' },
		],
		default: 'one',
	},
};

const oneGoal: Field[] = [
	{
		property: {
			displayName: 'Goal Name',
			name: 'goal',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. purchase',
			description: 'Name of the goal as set up on the pixel (at most 128 characters)',
			displayOptions: { show: { goalMode: ['one'] } },
		},
		apply: (body, value, ctx) => {
			body.goal = goalName(ctx, 'Goal Name', value);
		},
	},
	{
		property: {
			displayName: 'Value',
			name: 'value',
			type: 'number',
			typeOptions: { numberPrecision: 2 },
			default: 0,
			description: 'Value of the goal, e.g. an amount; negative for refunds; 0 sends none',
			displayOptions: { show: { goalMode: ['one'] } },
		},
		apply: (body, value, ctx) => {
			if (isEmpty(value) || value === 0) return;
			body.value = toNumber(ctx, 'Value', value);
		},
	},
];

const severalGoals: Field = {
	property: {
		displayName: 'Goal List',
		name: 'goals',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Goal',
		default: {},
		required: true,
		displayOptions: { show: { goalMode: ['several'] } },
		options: [
			{
				displayName: 'Goal',
				name: 'goal',
				values: [
					{ displayName: 'Goal Name', name: 'goal', type: 'string', default: '', placeholder: 'e.g. lead_qualified' },
					{ displayName: 'Value', name: 'value', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
				],
			},
		],
	},
	apply: (body, value, ctx) => {
		const entries = ((value as IDataObject)?.goal as IDataObject[] | undefined) ?? [];
		if (entries.length === 0) throw inputError(ctx, 'Goal List', 'add at least one goal');
		body.goals = entries.map((entry, index) => ({
			goal: goalName(ctx, `Goal List → #${index + 1} → Goal Name`, entry.goal),
			value: isEmpty(entry.value) ? 0 : toNumber(ctx, `Goal List → #${index + 1} → Value`, entry.value),
		}));
	},
};

const text = (key: string, displayName: string, name: string, placeholder: string, description?: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'string', default: '', placeholder, ...(description ? { description } : {}) },
	convert: (ctx, label, value) => requireString(ctx, label, value),
});

const GOAL_FLAGS: FlagDefinition[] = [
	{
		key: 'date',
		property: { displayName: 'Date', name: 'date', type: 'dateTime', default: '', description: 'When the action happened; default now' },
		convert: (ctx, label, value) => toDateTime(ctx, label, value),
	},
	{
		key: 'pixel_data',
		property: {
			displayName: 'Event Data (JSON)',
			name: 'pixelData',
			type: 'json',
			default: '{}',
			description: 'Extra attributes of the event as a flat JSON object (no nested objects), at most 1 KB, e.g. {"order_id": "A-1001"}',
		},
		convert: (ctx, label, value) => {
			const data = parseJsonObject(ctx, label, value);
			if (!data) return undefined;
			// Flat: scalar values, or arrays of scalars (the reference's example has one); nothing nested deeper.
			const isScalar = (entry: unknown) => entry === null || ['string', 'number', 'boolean'].includes(typeof entry);
			for (const [key, entry] of Object.entries(data)) {
				if (isScalar(entry)) continue;
				if (!Array.isArray(entry)) throw inputError(ctx, label, `must be flat: "${key}" is an object`);
				if (!entry.every(isScalar)) throw inputError(ctx, label, `must be flat: "${key}" holds objects or arrays`);
			}
			const size = Buffer.byteLength(JSON.stringify(data), 'utf8');
			if (size > 1024) throw inputError(ctx, label, `must be at most 1 KB, got ${size} bytes`);
			return data;
		},
	},
	FLAGS.skipTriggers,
	switchFlag('enrich_profile', 'Enrich Profile', 'enrichProfile', 'Whether the event may update the profile data', true),
	switchFlag('is_test', 'Test Event', 'isTest', 'Whether to mark the event as a test so that analytics are not affected'),
	text('vendor', 'Vendor', 'vendor', 'e.g. altcraft', 'Value of the profile field _vendor (lead source) at the time of the event'),
	text('referer', 'Referer', 'referer', 'e.g. https://example.com/cart', 'Referer of the original request'),
	text('user_agent', 'User Agent', 'userAgent', 'e.g. Mozilla/5.0', 'Browser user agent of the original request'),
	text('accept_language', 'Accept Language', 'acceptLanguage', 'e.g. en-US', 'Accept-Language of the original request'),
	text('client_ip', 'Client IP', 'clientIp', 'e.g. 203.0.113.7', 'IP address of the original client'),
];

const operations: Operation[] = [
	{
		resource,
		value: 'register',
		name: 'Register',
		action: 'Register a goal for a profile',
		description:
			'Record that a profile reached one or several goals (target actions) of a pixel, with optional values; may start triggers and scenarios (goals/register)',
		path: apiPath('goals/register'),
		reference: 'goal.register',
		modifying: true,
		response: 'success',
		fields: [
			databaseField('db_id', { description: 'The database of the profile' }),
			integerField('pixel_id', { displayName: 'Pixel ID', name: 'pixelId', required: true, description: 'ID of the pixel the goal belongs to' }, { min: 1 }),
			...matchingFields(GOAL_MODES, { narrowByResource: false }),
			goalMode,
			...oneGoal,
			severalGoals,
			additionalFields(GOAL_FLAGS),
		],
	},
];

export const goal: ResourceDefinition = {
	value: resource,
	name: 'Goal',
	description: 'Goals (target actions) of profiles, recorded against a pixel',
	operations,
};
