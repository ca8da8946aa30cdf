import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { Field, ItemContext } from '../types';
import {
	describe,
	inputError,
	isDateText,
	isEmailAddress,
	isEmpty,
	isEmptyMapped,
	parseJsonObject,
	requireEmail,
	requireString,
	toBoolean,
	toDateOnly,
	toDateTime,
	toInteger,
	toIntegerList,
	toMappedType,
	toNumber,
	toStringList,
} from './values';

// ---------------------------------------------------------------------------------------------------------------
// Objects of the platform chosen from a list or by ID

interface LocatorKind {
	name: string;
	displayName: string;
	description: string;
	searchListMethod: string;
	/** What the user calls the ID in messages, e.g. "A database ID". */
	idLabel: string;
	/** Parameters whose change reloads the list (the list method filters by them). */
	dependsOn?: string[];
}

const LOCATORS = {
	database: { name: 'database', displayName: 'Database', description: 'The profile database', searchListMethod: 'searchDatabases', idLabel: 'A database ID' },
	// "resource" is the node's own Resource parameter, hence resourceId.
	resource: {
		name: 'resourceId',
		displayName: 'Resource',
		description: 'The Altcraft resource (the channel settings that subscriptions belong to)',
		searchListMethod: 'searchResources',
		idLabel: 'A resource ID',
		// Lists only the resources linked to the database chosen on the same node (methods: searchResources).
		dependsOn: ['database.value'],
	},
	segment: { name: 'segment', displayName: 'Segment', description: 'The segment', searchListMethod: 'searchSegments', idLabel: 'A segment ID' },
	suppressionList: {
		name: 'suppressionList',
		displayName: 'Suppression List',
		description: 'The suppression (stop) list',
		searchListMethod: 'searchSuppressionLists',
		idLabel: 'A suppression list ID',
	},
	// Messaging objects (40-templates.md, 41-campaigns.md, 42-automation.md, 71-senders.md)
	template: { name: 'template', displayName: 'Template', description: 'The message template', searchListMethod: 'searchTemplates', idLabel: 'A template ID' },
	mailing: { name: 'mailing', displayName: 'Mailing', description: 'The mailing (broadcast, regular, trigger or split test)', searchListMethod: 'searchMailings', idLabel: 'A mailing ID' },
	regularMailing: { name: 'regularMailing', displayName: 'Regular Mailing', description: 'The regular mailing', searchListMethod: 'searchRegularMailings', idLabel: 'A mailing ID' },
	broadcastMailing: { name: 'broadcastMailing', displayName: 'Broadcast Mailing', description: 'The broadcast mailing', searchListMethod: 'searchBroadcastMailings', idLabel: 'A mailing ID' },
	triggerMailing: {
		name: 'triggerMailing',
		displayName: 'Trigger Mailing',
		description: 'The trigger mailing; to be launched through the API it must be active, with the "API call" trigger type',
		searchListMethod: 'searchTriggerMailings',
		idLabel: 'A trigger mailing ID',
	},
	campaign: { name: 'campaign', displayName: 'Campaign', description: 'The campaign (a group of mailings and scenarios)', searchListMethod: 'searchCampaigns', idLabel: 'A campaign ID' },
	scenario: { name: 'scenario', displayName: 'Scenario', description: 'The automation scenario (workflow)', searchListMethod: 'searchScenarios', idLabel: 'A scenario ID' },
	virtualSender: { name: 'virtualSender', displayName: 'Virtual Sender', description: 'The virtual sender (Smart accounts)', searchListMethod: 'searchVirtualSenders', idLabel: 'A virtual sender ID' },
} satisfies Record<string, LocatorKind>;

export interface LocatorOptions {
	/** Optional locators send nothing when left empty. */
	required?: boolean;
	description?: string;
	displayOptions?: IDisplayOptions;
}

/** An object of the platform, from a searchable list of all of them, or by ID; key null: not sent itself. */
function locatorField(kind: LocatorKind, key: string | null, { required = true, description, displayOptions }: LocatorOptions = {}): Field {
	return {
		property: {
			displayName: kind.displayName,
			name: kind.name,
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required,
			description: description ?? kind.description,
			...(displayOptions ? { displayOptions } : {}),
			...(kind.dependsOn ? { typeOptions: { loadOptionsDependsOn: kind.dependsOn } } : {}),
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: kind.searchListMethod, searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 1',
					validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: `${kind.idLabel} is a number` } }],
				},
			],
		},
		apply: (body, value, ctx) => {
			if (!required && (isEmpty(value) || value === 0)) return;
			const id = toInteger(ctx, kind.displayName, value, { min: 1 });
			if (key) body[key] = id;
		},
	};
}

/** A profile database; the body key differs per call (db_id, id, list_id). */
export function databaseField(key: string | null = 'db_id', options?: LocatorOptions): Field {
	return locatorField(LOCATORS.database, key, options);
}

/** A resource (subscription channels); resource_id in most calls, id in the resource calls. */
export function resourceField(key = 'resource_id', options?: LocatorOptions): Field {
	return locatorField(LOCATORS.resource, key, options);
}

export function segmentField(key = 'id', options?: LocatorOptions): Field {
	return locatorField(LOCATORS.segment, key, options);
}

export function suppressionListField(key = 'id', options?: LocatorOptions): Field {
	return locatorField(LOCATORS.suppressionList, key, options);
}

export type PlatformObject = keyof typeof LOCATORS;

/** Any object of the platform with a searchable list (templates, mailings, scenarios…), written to `key`. */
export function objectField(kind: PlatformObject, key: string | null = 'id', options?: LocatorOptions): Field {
	return locatorField(LOCATORS[kind], key, options);
}

/** A profile ID (24 hexadecimal characters), written to `key`. */
export function profileIdField(key = 'profile_id', extra: Partial<INodeProperties> = {}): Field {
	return {
		property: {
			displayName: 'Profile ID',
			name: 'profileId',
			type: 'string',
			placeholder: 'e.g. 5f4fa1a5ce9448665fef548e',
			default: '',
			required: true,
			...extra,
		},
		apply: (body, value, ctx) => {
			const id = requireString(ctx, 'Profile ID', value);
			if (!/^[0-9a-f]{24}$/i.test(id)) {
				throw inputError(ctx, 'Profile ID', `"${id}" is not a profile ID (24 hexadecimal characters)`);
			}
			body[key] = id;
		},
	};
}

/** Shows a field only when the given parameters have the given values (checked before its own conditions). */
export function showWhen(field: Field, show: Record<string, Array<string | number | boolean>>): Field {
	const own = field.property.displayOptions ?? {};
	return { ...field, property: { ...field.property, displayOptions: { ...own, show: { ...show, ...(own.show ?? {}) } } } };
}

export function integerField(
	key: string,
	property: Omit<INodeProperties, 'type' | 'default'> & { default?: number },
	{ min = 0 } = {},
): Field {
	return {
		property: { type: 'number', default: property.default ?? 0, ...property } as INodeProperties,
		apply: (body, value, ctx) => {
			if (!property.required && (isEmpty(value) || value === 0)) return;
			body[key] = toInteger(ctx, property.displayName, value, { min });
		},
	};
}

export function stringField(key: string, property: Omit<INodeProperties, 'type' | 'default'> & { default?: string }): Field {
	return {
		property: { type: 'string', default: property.default ?? '', ...property } as INodeProperties,
		apply: (body, value, ctx) => {
			if (!property.required && isEmpty(value)) return;
			body[key] = requireString(ctx, property.displayName, value);
		},
	};
}

export function jsonObjectField(key: string, property: Omit<INodeProperties, 'type' | 'default'> & { default?: string }): Field {
	return {
		property: { type: 'json', default: property.default ?? '{}', ...property } as INodeProperties,
		apply: (body, value, ctx) => {
			const parsed = parseJsonObject(ctx, property.displayName, value);
			if (parsed === undefined || (!property.required && Object.keys(parsed).length === 0)) {
				if (property.required) throw inputError(ctx, property.displayName, 'is required');
				return;
			}
			body[key] = parsed;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Matching: how a profile is found (00-interaction.md §9)

export type MatchingMode =
	| 'email'
	| 'email_profile'
	| 'email_sub'
	| 'phone'
	| 'phone_sub'
	| 'profile_id'
	| 'push_sub'
	| 'custom'
	| 'custom_sub'
	| 'email_phone'
	| 'email_phone_sub';

const MATCHING_OPTIONS: Record<MatchingMode, { name: string; description: string }> = {
	email: { name: 'Email', description: 'Profile e-mail field or e-mail addresses of subscriptions' },
	email_profile: { name: 'Email (Profile Field Only)', description: "Only the profile's e-mail field" },
	email_sub: { name: 'Email (Subscriptions Only)', description: 'Only e-mail addresses of subscriptions' },
	phone: { name: 'Phone', description: 'Profile phones or phone numbers of SMS subscriptions' },
	phone_sub: { name: 'Phone (Subscriptions Only)', description: 'Only SMS subscription phone numbers' },
	profile_id: { name: 'Profile ID', description: 'The system profile ID (finds existing profiles only)' },
	push_sub: { name: 'Push Subscription', description: 'A push provider and device token' },
	custom: { name: 'Custom Field', description: 'A custom database field, such as a CRM ID' },
	custom_sub: { name: 'Custom Subscription Field', description: 'A custom field of subscriptions' },
	email_phone: { name: 'Email or Phone', description: 'E-mail or phone in the profile' },
	email_phone_sub: { name: 'Email or Phone (Subscriptions)', description: 'E-mail or phone in subscriptions' },
};

export const ALL_MATCHING_MODES = Object.keys(MATCHING_OPTIONS) as MatchingMode[];
const EMAIL_MODES: MatchingMode[] = ['email', 'email_profile', 'email_sub', 'email_phone', 'email_phone_sub'];
const CUSTOM_MODES: MatchingMode[] = ['custom', 'custom_sub'];
const SUBSCRIPTION_NARROWED: MatchingMode[] = [...EMAIL_MODES, 'phone', 'phone_sub'];

const only = (allowed: MatchingMode[], modes: MatchingMode[]) => modes.filter((m) => allowed.includes(m));

/** The "matching" parameter alone, for calls that put the identifiers elsewhere (merge, split). */
export function matchingModeField(modes: MatchingMode[]): Field {
	const property: INodeProperties = {
		displayName: 'Match Profile By',
		name: 'matching',
		type: 'options',
		noDataExpression: true,
		options: modes.map((value) => ({ value, ...MATCHING_OPTIONS[value] })),
		default: 'email',
		description: 'How Altcraft finds the profile (the "matching" parameter)',
	};
	property.default = modes[0];
	return {
		property,
		apply: (body, value, ctx) => {
			if (!modes.includes(value as MatchingMode)) {
				throw inputError(ctx, 'Match Profile By', `"${String(value)}" is not a matching mode of this operation`, `Use one of: ${modes.join(', ')}.`);
			}
			body.matching = value as string;
		},
	};
}

/**
 * The matching mode and exactly the identifier fields that mode needs, written at the top level of the body.
 * `narrowByResource: false` leaves out resource_id for calls that do not document it (loyalty, promo codes, goals).
 */
export function matchingFields(modes: MatchingMode[] = ALL_MATCHING_MODES, { narrowByResource = true } = {}): Field[] {
	const show = (subset: MatchingMode[]) => ({ show: { matching: subset } });
	const fields: Field[] = [matchingModeField(modes)];
	const emailModes = only(EMAIL_MODES, modes);
	const bothModes = only(['email_phone', 'email_phone_sub'], modes);
	if (emailModes.length) {
		fields.push({
			property: {
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. name@example.com',
				default: '',
				required: true,
				displayOptions: show(only(['email', 'email_profile', 'email_sub'], modes)),
			},
			apply: (body, value, ctx) => {
				body.email = requireEmail(ctx, 'Email', value);
			},
		});
	}
	if (bothModes.length) {
		// The multimatching modes take an e-mail and/or a phone: both optional, at least one.
		fields.push(
			{
				property: {
					displayName: 'Email',
					name: 'emailOrPhoneEmail',
					type: 'string',
					placeholder: 'e.g. name@example.com',
					default: '',
					displayOptions: show(bothModes),
				},
				apply: (body, value, ctx) => {
					if (!isEmpty(value)) body.email = requireEmail(ctx, 'Email', value);
				},
			},
			{
				property: {
					displayName: 'Phone',
					name: 'emailOrPhonePhone',
					type: 'string',
					placeholder: 'e.g. +79000000000',
					default: '',
					displayOptions: show(bothModes),
				},
				apply: (body, value, ctx) => {
					if (!isEmpty(value)) body.phone = requireString(ctx, 'Phone', value);
					if (body.email === undefined && body.phone === undefined) {
						throw inputError(ctx, 'Email / Phone', 'at least one of them is required for this matching mode');
					}
				},
			},
		);
	}
	if (only(['phone', 'phone_sub'], modes).length) {
		fields.push({
			property: {
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				placeholder: 'e.g. +79000000000',
				default: '',
				required: true,
				displayOptions: show(only(['phone', 'phone_sub'], modes)),
			},
			apply: (body, value, ctx) => {
				body.phone = requireString(ctx, 'Phone', value);
			},
		});
	}
	if (modes.includes('profile_id')) fields.push(profileIdField('profile_id', { displayOptions: show(['profile_id']) }));
	if (modes.includes('push_sub')) {
		fields.push(
			{
				property: {
					displayName: 'Push Provider',
					name: 'pushProvider',
					type: 'string',
					placeholder: 'e.g. android-firebase',
					default: '',
					required: true,
					displayOptions: show(['push_sub']),
				},
				apply: (body, value, ctx) => {
					body.provider = requireString(ctx, 'Push Provider', value);
				},
			},
			{
				property: {
					displayName: 'Push Subscription ID',
					name: 'pushSubscriptionId',
					type: 'string',
					default: '',
					required: true,
					description: 'The device token of the push subscription',
					displayOptions: show(['push_sub']),
				},
				apply: (body, value, ctx) => {
					body.subscription_id = requireString(ctx, 'Push Subscription ID', value);
				},
			},
		);
	}
	const customModes = only(CUSTOM_MODES, modes);
	if (customModes.length) {
		fields.push(
			{
				property: {
					displayName: 'Custom Field Name',
					name: 'fieldName',
					type: 'string',
					placeholder: 'e.g. crm_id',
					default: '',
					required: true,
					description: 'API name of the field that holds a unique value per profile',
					displayOptions: show(customModes),
				},
				apply: (body, value, ctx) => {
					body.field_name = requireString(ctx, 'Custom Field Name', value);
				},
			},
			{
				property: {
					displayName: 'Custom Field Value',
					name: 'fieldValue',
					type: 'string',
					default: '',
					required: true,
					displayOptions: show(customModes),
				},
				apply: (body, value, ctx) => {
					body.field_value = typeof value === 'number' ? value : requireString(ctx, 'Custom Field Value', value);
				},
			},
		);
	}
	const narrowed = narrowByResource ? matchingResourceField(modes) : undefined;
	if (narrowed) fields.push(narrowed);
	return fields;
}

/** resource_id that narrows e-mail and phone matching among subscriptions to one resource (00-interaction.md §9). */
export function matchingResourceField(modes: MatchingMode[]): Field | undefined {
	const narrowed = only(SUBSCRIPTION_NARROWED, modes);
	if (!narrowed.length) return undefined;
	return integerField('resource_id', {
		displayName: 'Search Within Resource ID',
		name: 'matchingResourceId',
		description: 'Limit the search among subscriptions to this resource (0 = all resources)',
		displayOptions: { show: { matching: narrowed } },
	});
}

/**
 * Matching modes whose identifier is one value per profile: for calls that reference profiles inside objects
 * (merge and split: source/destination; relations: profile_a/profile_b) with `matching` and `field_name` at the top.
 */
export const SINGLE_VALUE_MODES: MatchingMode[] = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];

const IDENTIFIER_KEY: Partial<Record<MatchingMode, string>> = {
	email: 'email',
	email_profile: 'email',
	phone: 'phone',
	profile_id: 'profile_id',
	custom: 'field_value',
};

/** The identifier of one referenced profile, e.g. {email: …} or {field_value: …}, for a single-value matching mode. */
export function identifierOf(ctx: ItemContext, matching: unknown, raw: unknown, label: string): IDataObject {
	const identifier = IDENTIFIER_KEY[(matching ?? 'email') as MatchingMode] ?? 'email';
	const value = identifier === 'email' ? requireEmail(ctx, label, raw) : requireString(ctx, label, raw);
	return { [identifier]: value };
}

/** field_name of the custom matching mode, for calls that put the identifiers inside objects. */
export function customFieldNameField(): Field {
	return stringField('field_name', {
		displayName: 'Custom Field Name',
		name: 'fieldName',
		required: true,
		placeholder: 'e.g. crm_id',
		description: 'API name of the custom field whose values identify the profiles',
		displayOptions: { show: { matching: ['custom'] } },
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Profile data (00-interaction.md §10.1) with field functions (10-profiles.md §15), and subscriptions (§10.2)

const FIELD_ACTIONS = [
	{ name: 'Set', value: 'set', description: 'Write the value' },
	{ name: 'Unset', value: 'unset', description: 'Remove the field from the profile' },
	{ name: 'Increment', value: 'incr', description: 'Add a number (negative to decrease)' },
	{ name: 'Add Tags or Elements', value: 'add', description: 'Add to a tags or object-array field' },
	{ name: 'Delete Tags or Elements', value: 'delete', description: 'Remove from a tags or object-array field' },
	{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)' },
];

export function profileDataFields(): Field[] {
	return [
		{
			property: {
				displayName: 'Profile Data',
				name: 'dataMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Field by Field', value: 'fields', description: 'Pick database fields and give their values' },
					{ name: 'JSON', value: 'json', description: 'One JSON object of field names and values' },
					{
						name: 'Map to Database Fields',
						value: 'mapper',
						description: "Map input data to the chosen database's fields, converted to each field's type",
					},
				],
				// Stays 'fields': n8n stores only non-default values, so a new default would switch saved workflows.
				default: 'fields',
			},
		},
		...profileMapperFields(),
		{
			property: {
				displayName: 'Fields',
				name: 'profileFields',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, sortable: true },
				placeholder: 'Add Field',
				default: {},
				displayOptions: { show: { dataMode: ['fields'] } },
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Field Name or ID',
								name: 'name',
								type: 'options',
								typeOptions: { loadOptionsMethod: 'getDatabaseFields', loadOptionsDependsOn: ['database.value'] },
								default: '',
								description:
									'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							},
							{
								displayName: 'Property Path',
								name: 'submatch',
								type: 'string',
								default: '',
								placeholder: 'e.g. address.city',
								description: 'The property of the object field to set',
								displayOptions: { show: { action: ['upsert'] } },
							},
							{
								displayName: 'Update Action',
								name: 'action',
								type: 'options',
								options: FIELD_ACTIONS,
								default: 'set',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								description: 'For tags: a comma-separated list or a JSON array',
								displayOptions: { hide: { action: ['unset'] } },
							},
							{
								displayName: 'Value Type',
								name: 'valueType',
								type: 'options',
								options: [
									{ name: 'As Given', value: 'auto', description: 'Text stays text; numbers and booleans from expressions stay as they are' },
									{ name: 'Boolean', value: 'boolean' },
									{ name: 'JSON', value: 'json', description: 'An array or object, e.g. ["+79000000000"]' },
									{ name: 'Number', value: 'number' },
									{ name: 'String', value: 'string' },
								],
								default: 'auto',
								displayOptions: { show: { action: ['set'] } },
							},
						],
					},
				],
			},
			apply: (body, value, ctx) => {
				const entries = ((value as IDataObject)?.field as IDataObject[] | undefined) ?? [];
				const data = dataOf(body);
				for (const entry of entries) {
					const name = requireString(ctx, 'Fields → Field Name', entry.name);
					data[name] = checkProfileValue(ctx, `Field "${name}"`, name, fieldValue(ctx, name, entry));
				}
			},
		},
		{
			property: {
				displayName: 'Profile Data (JSON)',
				name: 'profileJson',
				type: 'json',
				default: '{\n  "_fname": "Jane"\n}',
				description:
					'Field names and values. A value may be a function object such as {"action": "incr", "value": 1}. Subscriptions go in "subscriptions" or the Subscriptions list below.',
				displayOptions: { show: { dataMode: ['json'] } },
			},
			apply: (body, value, ctx) => {
				const given = parseJsonObject(ctx, 'Profile Data (JSON)', value) ?? {};
				const data = dataOf(body);
				for (const name of Object.keys(given)) {
					const fieldData = given[name];
					data[name] = name === 'subscriptions' ? fieldData : checkProfileValue(ctx, `Profile Data (JSON) → ${name}`, name, fieldData);
				}
			},
		},
		subscriptionsField(),
	];
}

/**
 * The "Map to Database Fields" mode: n8n's resource mapper with the chosen database's fields as columns
 * (methods/resourceMapping.ts). Values are converted to each column's type, then checked like the other modes.
 */
function profileMapperFields(): Field[] {
	const show = { show: { dataMode: ['mapper'] } };
	return [
		{
			property: {
				displayName: 'Fields to Send',
				name: 'profileMapper',
				type: 'resourceMapper',
				noDataExpression: true,
				default: { mappingMode: 'defineBelow', value: null },
				required: true,
				typeOptions: {
					loadOptionsDependsOn: ['database.value'],
					resourceMapper: {
						resourceMapperMethod: 'getProfileColumns',
						mode: 'add',
						fieldWords: { singular: 'field', plural: 'fields' },
						addAllFields: true,
						multiKeyMatch: false,
						supportAutoMap: true,
						noFieldsError: 'No fields: choose a database above first',
					},
				},
				displayOptions: show,
			},
			apply: (body, value, ctx) => {
				const data = dataOf(body);
				const skipEmpty = ctx.param<boolean>('skipEmptyValues', true) !== false;
				for (const [name, { raw, type }] of Object.entries(mappedValues(ctx, value))) {
					const label = `Field "${name}"`;
					if (isEmptyMapped(raw)) {
						// Skipped, or sent as null, which clears the field (the e-mail cannot be cleared: refused).
						if (!skipEmpty) data[name] = checkProfileValue(ctx, label, name, null);
						continue;
					}
					data[name] = checkProfileValue(ctx, label, name, toMappedType(ctx, label, raw, type));
				}
			},
		},
		{
			property: {
				displayName: 'Skip Empty Values',
				name: 'skipEmptyValues',
				type: 'boolean',
				default: true,
				description:
					'Whether a field whose value is empty (empty text, null, missing or an empty list) is left unchanged; when off, such a field is cleared',
				displayOptions: show,
			},
		},
	];
}

interface MapperValue {
	mappingMode?: string;
	value?: IDataObject | null;
	schema?: Array<{ id: string; type?: string; removed?: boolean }>;
}

/**
 * The field values of one item with each field's column type: the mapped values ("Map Each Field Below"), or the
 * item's own keys that are fields of the database ("Map Automatically"; without a loaded field list, every key).
 */
function mappedValues(ctx: ItemContext, value: unknown): Record<string, { raw: unknown; type?: string }> {
	const mapper = (value ?? {}) as MapperValue;
	const schema = Array.isArray(mapper.schema) ? mapper.schema : [];
	const columns = new Map(schema.map((column) => [column.id, column]));
	const result: Record<string, { raw: unknown; type?: string }> = {};
	if (mapper.mappingMode === 'autoMapInputData') {
		const json = (ctx.exec.getInputData()[ctx.itemIndex]?.json ?? {}) as IDataObject;
		for (const [name, raw] of Object.entries(json)) {
			const column = columns.get(name);
			// The editor shows no field list in this mode, so fields removed from it earlier still count.
			if (schema.length && !column) continue;
			result[name] = { raw, type: column?.type };
		}
		return result;
	}
	for (const [name, raw] of Object.entries(mapper.value ?? {})) {
		const column = columns.get(name);
		if (column?.removed) continue;
		result[name] = { raw, type: column?.type };
	}
	return result;
}

// The system fields every profile database has (00-interaction.md §10.1), checked by type before anything is sent:
// one table, used by Field by Field and by Profile Data (JSON) of every operation that writes profile data. Custom
// fields differ per database; the platform checks them (error 450 naming the field), as it checks field names.
interface SystemFieldRule {
	expects: string;
	valid: (value: unknown) => boolean;
	hint?: string;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isText = (value: unknown) => typeof value === 'string';
const TEXT: SystemFieldRule = { expects: 'text', valid: isText };
const DATE: SystemFieldRule = {
	expects: 'a date, RFC 3339 (e.g. 1990-02-22T21:00:00Z) or YYYY-MM-DD',
	valid: (value) => typeof value === 'string' && isDateText(value.trim()),
	hint: 'Format the date as 1990-02-22 or 1990-02-22T21:00:00Z, e.g. with {{ $json.date.toDateTime().toISO() }}; to clear it, use the Unset action.',
};
const IP: SystemFieldRule = {
	expects: 'an IPv4 or IPv6 address',
	valid: (value) => typeof value === 'string' && (IPV4.test(value) || (/^[0-9a-f:.]+(?:%[\w.-]+)?$/i.test(value) && value.split(':').length > 2)),
};

export const SYSTEM_PROFILE_FIELDS: Record<string, SystemFieldRule> = {
	email: {
		expects: 'an e-mail address',
		valid: (value) => typeof value === 'string' && isEmailAddress(value.trim()),
		hint: 'The e-mail field needs an address like name@example.com; it cannot be cleared.',
	},
	phones: {
		expects: 'a list of phone numbers as text, e.g. ["+79000000000"]',
		valid: (value) => Array.isArray(value) && value.every((phone) => typeof phone === 'string' && phone.trim() !== ''),
		hint: 'Give phones as a JSON array of strings (Value Type: JSON), e.g. ["+79000000000"].',
	},
	_bdate: DATE,
	_regdate: DATE,
	_status: {
		expects: 'a whole number from 0 to 6',
		valid: (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6,
		hint: 'The global status is a number from 0 to 6; in Field by Field, set Value Type to Number.',
	},
	_sex: {
		expects: '0, 1 (male), 2 (female) or text such as "male" or "female"',
		valid: (value) => value === 0 || value === 1 || value === 2 || typeof value === 'string',
	},
	_ip: IP,
	_regip: IP,
	_fname: TEXT,
	_lname: TEXT,
	_mname: TEXT,
	_tz: TEXT,
	_city: TEXT,
	_region: TEXT,
	_country: TEXT,
	_browser: TEXT,
	_regurl: TEXT,
	_regcity: TEXT,
	_regcountry: TEXT,
	_vendor: TEXT,
};

/**
 * One profile field's value, checked before sending: known system fields by type (SYSTEM_PROFILE_FIELDS; null or
 * {"action": "unset"} clears a field, except the e-mail), and every number of any field finite (JSON would turn
 * Infinity and NaN into null).
 */
function checkProfileValue(ctx: ItemContext, label: string, name: string, value: IDataObject[string]): IDataObject[string] {
	const nonFinite = findNonFinite(value);
	if (nonFinite !== undefined) throw inputError(ctx, label, `${nonFinite} is not a number Altcraft can store`);
	const rule = SYSTEM_PROFILE_FIELDS[name];
	if (!rule) return value;
	const fn = value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as IDataObject).action === 'string' ? (value as IDataObject) : undefined;
	const clears = value === null || fn?.action === 'unset' || (fn?.action === 'set' && fn.value === null);
	if (clears) {
		if (name === 'email') throw inputError(ctx, label, 'cannot be cleared', rule.hint);
		return value;
	}
	if (fn && fn.action !== 'set') return value; // incr, add…: the platform says which functions a field takes
	const plain = fn ? fn.value : value;
	if (!rule.valid(plain)) throw inputError(ctx, label, `must be ${rule.expects}, got ${describe(plain)}`, rule.hint);
	return value;
}

function findNonFinite(value: unknown, depth = 0): string | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? undefined : String(value);
	if (value === null || typeof value !== 'object' || depth > 20) return undefined;
	for (const inner of Array.isArray(value) ? value : Object.values(value)) {
		const found = findNonFinite(inner, depth + 1);
		if (found !== undefined) return found;
	}
	return undefined;
}

function dataOf(body: IDataObject): IDataObject {
	if (!body.data || typeof body.data !== 'object') body.data = {};
	return body.data as IDataObject;
}

function fieldValue(ctx: ItemContext, name: string, entry: IDataObject): IDataObject[string] {
	const label = `Field "${name}"`;
	const raw = entry.value;
	switch (entry.action ?? 'set') {
		case 'unset':
			return { action: 'unset' };
		case 'incr':
			return { action: 'incr', value: toNumber(ctx, label, raw) };
		case 'add':
		case 'delete':
			return { action: entry.action, value: listValue(ctx, label, raw) };
		case 'upsert':
			return {
				action: 'upsert',
				value: raw as IDataObject[string],
				submatch: requireString(ctx, `${label} → Property Path`, entry.submatch),
			};
		case 'set':
			return typedValue(ctx, label, raw, String(entry.valueType ?? 'auto'));
		default:
			throw inputError(ctx, label, `unknown action "${String(entry.action)}"`);
	}
}

function listValue(ctx: ItemContext, label: string, raw: unknown): string[] {
	if (typeof raw === 'string' && raw.trim().startsWith('[')) {
		const parsed = typedValue(ctx, label, raw, 'json');
		if (!Array.isArray(parsed)) throw inputError(ctx, label, 'must be a list');
		return parsed.map(String);
	}
	return toStringList(raw);
}

function typedValue(ctx: ItemContext, label: string, raw: unknown, type: string): IDataObject[string] {
	switch (type) {
		case 'string':
			return raw === undefined || raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
		case 'number':
			return toNumber(ctx, label, raw);
		case 'boolean':
			return toBoolean(ctx, label, raw);
		case 'json':
			if (typeof raw !== 'string') return raw as IDataObject[string];
			try {
				return JSON.parse(raw);
			} catch (error) {
				throw inputError(ctx, label, `is not valid JSON (${(error as Error).message})`);
			}
		default:
			return raw as IDataObject[string];
	}
}

export const CHANNELS = [
	{ name: 'Email', value: 'email' },
	{ name: 'Notify', value: 'notify' },
	{ name: 'Push', value: 'push' },
	{ name: 'SMS', value: 'sms' },
	{ name: 'Telegram Bot', value: 'telegram_bot' },
	{ name: 'Viber', value: 'viber' },
	{ name: 'WhatsApp', value: 'whatsapp' },
];

export const SUBSCRIPTION_STATUSES = [
	{ name: 'Complained', value: 'complained' },
	{ name: 'Hard Bounced', value: 'hardbounced' },
	{ name: 'Invalid', value: 'invalid' },
	{ name: 'Subscribed', value: 'subscribed' },
	{ name: 'Suspended', value: 'suspended' },
	{ name: 'Unconfirmed', value: 'unconfirmed' },
	{ name: 'Unsubscribed', value: 'unsubscribed' },
];

export function subscriptionsField(): Field {
	const channel = (...values: string[]) => ({ show: { channel: values } });
	return {
		property: {
			displayName: 'Subscriptions',
			name: 'subscriptions',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Subscription',
			default: {},
			description: 'Subscriptions of the profile to resources (channels)',
			options: [
				{
					displayName: 'Subscription',
					name: 'subscription',
					values: [
						{ displayName: 'Categories', name: 'cats', type: 'string', default: '', placeholder: 'e.g. news, promo', description: 'Comma-separated resource categories' },
						{ displayName: 'Channel', name: 'channel', type: 'options', options: CHANNELS, default: 'email' },
						{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'e.g. name@example.com', displayOptions: channel('email') },
						{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: 'e.g. +79000000000', displayOptions: channel('sms', 'whatsapp', 'viber', 'notify') },
						{ displayName: 'Priority', name: 'priority', type: 'number', default: -1, description: '0 is the highest priority; -1 keeps the current one' },
						{ displayName: 'Push Provider', name: 'provider', type: 'string', default: '', placeholder: 'e.g. android-firebase', displayOptions: channel('push') },
						{ displayName: 'Push Subscription ID', name: 'subscriptionId', type: 'string', default: '', displayOptions: channel('push') },
						{ displayName: 'Resource ID', name: 'resourceId', type: 'number', default: 0, required: true, description: 'ID of the resource the subscription belongs to' },
						{
							displayName: 'Status',
							name: 'status',
							type: 'options',
							options: [{ name: 'Keep Current', value: '' }, ...SUBSCRIPTION_STATUSES],
							default: '',
							description: 'Overwrites the current status; keep the current one unless you mean to change it',
						},
						{ displayName: 'Subscription Fields (JSON)', name: 'customFields', type: 'json', default: '{}', description: 'System and custom subscription fields, e.g. {"_device_type": "web"}' },
						{ displayName: 'Telegram Chat ID', name: 'chatId', type: 'string', default: '', displayOptions: channel('telegram_bot') },
					],
				},
			],
		},
		apply: (body, value, ctx) => {
			const entries = ((value as IDataObject)?.subscription as IDataObject[] | undefined) ?? [];
			if (!entries.length) return;
			const data = dataOf(body);
			const list = Array.isArray(data.subscriptions) ? (data.subscriptions as IDataObject[]) : [];
			entries.forEach((entry, index) => list.push(subscriptionOf(ctx, entry, `Subscriptions → #${index + 1}`)));
			data.subscriptions = list;
		},
	};
}

function subscriptionOf(ctx: ItemContext, entry: IDataObject, label: string): IDataObject {
	const subscription: IDataObject = {
		resource_id: toInteger(ctx, `${label} → Resource ID`, entry.resourceId, { min: 1 }),
	};
	setChannelContact(ctx, subscription, entry, `${label} → `);
	if (!isEmpty(entry.status)) subscription.status = entry.status;
	if (typeof entry.priority === 'number' && entry.priority >= 0) {
		subscription.priority = toInteger(ctx, `${label} → Priority`, entry.priority, { min: 0 });
	}
	const cats = toStringList(entry.cats);
	if (cats.length) subscription.cats = cats;
	const customFields = parseJsonObject(ctx, `${label} → Subscription Fields (JSON)`, entry.customFields);
	if (customFields && Object.keys(customFields).length) subscription.custom_fields = customFields;
	return subscription;
}

export interface ChannelContact {
	channel?: unknown;
	email?: unknown;
	phone?: unknown;
	provider?: unknown;
	subscriptionId?: unknown;
	chatId?: unknown;
}

/**
 * The channel and the contact that identifies a subscription (11-subscriptions.md, "Channel identification block";
 * 00-interaction.md §10.2): email → email; sms → phone; push → provider + subscription_id; telegram_bot → cc_data.id;
 * whatsapp, viber, notify → cc_data.phone.
 */
export function setChannelContact(ctx: ItemContext, target: IDataObject, contact: ChannelContact, label = ''): void {
	const channelName = String(contact.channel ?? 'email');
	target.channel = channelName;
	switch (channelName) {
		case 'email':
			target.email = requireEmail(ctx, `${label}Email`, contact.email);
			break;
		case 'sms':
			target.phone = requireString(ctx, `${label}Phone`, contact.phone);
			break;
		case 'push':
			target.provider = requireString(ctx, `${label}Push Provider`, contact.provider);
			target.subscription_id = requireString(ctx, `${label}Push Subscription ID`, contact.subscriptionId);
			break;
		case 'telegram_bot':
			target.cc_data = { id: requireString(ctx, `${label}Telegram Chat ID`, contact.chatId) };
			break;
		default:
			target.cc_data = { phone: requireString(ctx, `${label}Phone`, contact.phone) };
	}
}

/**
 * Which subscription of a profile a call is about: the channel and its contact fields, written at the top level
 * (subscriptions/set, get, delete, undelete).
 */
export function subscriptionChannelFields(): Field[] {
	const channel = (...values: string[]) => ({ show: { channel: values } });
	return [
		{
			property: {
				displayName: 'Channel',
				name: 'channel',
				type: 'options',
				options: CHANNELS,
				default: 'email',
				description: 'The channel of the subscription; a profile may have several subscriptions to one resource',
			},
			apply: (body, value, ctx) => {
				setChannelContact(ctx, body, {
					channel: value,
					email: ctx.param('email', ''),
					phone: ctx.param('phone', ''),
					provider: ctx.param('pushProvider', ''),
					subscriptionId: ctx.param('pushSubscriptionId', ''),
					chatId: ctx.param('telegramChatId', ''),
				});
			},
		},
		{ property: { displayName: 'Email', name: 'email', type: 'string', default: '', required: true, placeholder: 'e.g. name@example.com', displayOptions: channel('email') } },
		{
			property: {
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. +79000000000',
				displayOptions: channel('sms', 'whatsapp', 'viber', 'notify'),
			},
		},
		{ property: { displayName: 'Push Provider', name: 'pushProvider', type: 'string', default: '', required: true, placeholder: 'e.g. android-firebase', displayOptions: channel('push') } },
		{
			property: {
				displayName: 'Push Subscription ID',
				name: 'pushSubscriptionId',
				type: 'string',
				default: '',
				required: true,
				description: 'The device token of the push subscription',
				displayOptions: channel('push'),
			},
		},
		{ property: { displayName: 'Telegram Chat ID', name: 'telegramChatId', type: 'string', default: '', required: true, displayOptions: channel('telegram_bot') } },
	];
}

/** An optional channel filter: empty means every channel. */
export function channelFilterOption(): INodeProperties {
	return {
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: [{ name: 'All Channels', value: '' }, ...CHANNELS],
		default: '',
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Optional flags, shared by the calls that document them

export interface FlagDefinition {
	key: string;
	property: INodeProperties;
	convert: (ctx: ItemContext, label: string, value: unknown) => unknown;
}

const bool = (ctx: ItemContext, label: string, value: unknown) => toBoolean(ctx, label, value);

/** A yes/no flag of an Additional Fields collection: the body key, its switch, and the boolean check. */
export function switchFlag(key: string, displayName: string, name: string, description: string, on = false): FlagDefinition {
	const property: INodeProperties = { displayName, name, type: 'boolean', default: false, description };
	property.default = on;
	return { key, property, convert: bool };
}

const intList = (ctx: ItemContext, label: string, value: unknown) => toIntegerList(ctx, label, value);

export const FLAGS = {
	skipTriggers: switchFlag('skip_triggers', 'Skip Triggers', 'skipTriggers', 'Whether to fire no trigger or scenario events for this change'),
	skipInvalidSubscriptions: switchFlag('skip_invalid_subscriptions', 'Skip Invalid Subscriptions', 'skipInvalidSubscriptions', 'Whether to drop invalid subscriptions instead of failing the request'),
	detectGeo: switchFlag('detect_geo', 'Detect Location', 'detectGeo', 'Whether to determine city and country from the _regip or _ip field'),
	addToSegments: {
		key: 'add_to_segments',
		property: { displayName: 'Add to Static Segments', name: 'addToSegments', type: 'string', default: '', placeholder: 'e.g. 3, 7', description: 'Comma-separated IDs of static segments to add the profile to' },
		convert: intList,
	},
	removeFromSegments: {
		key: 'remove_from_segments',
		property: { displayName: 'Remove From Static Segments', name: 'removeFromSegments', type: 'string', default: '', placeholder: 'e.g. 3, 7', description: 'Comma-separated IDs of static segments to remove the profile from' },
		convert: intList,
	},
	copySubscriptions: switchFlag('subscriptions', 'Copy Subscriptions', 'copySubscriptions', 'Whether to copy subscriptions (with categories and subscription fields)', true),
	copyHistory: switchFlag('history', 'Copy History', 'copyHistory', 'Whether to copy the event history and activity flags', true),
	moveStaticSegments: switchFlag('static_segments', 'Move Static Segments', 'moveStaticSegments', 'Whether static-segment membership moves to the resulting profile(s)'),
	subscriptionFilters: {
		key: 'subscription_filters',
		property: { displayName: 'Subscription Filters (JSON)', name: 'subscriptionFilters', type: 'json', default: '{}', description: 'Which subscriptions are taken (structure not confirmed by the public docs)' },
		convert: parseJsonObject,
	},
	// One subscription's optional properties (subscriptions/set; 00-interaction.md §10.2)
	subscriptionStatus: {
		key: 'status',
		property: {
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: SUBSCRIPTION_STATUSES,
			default: 'subscribed',
			description: 'Overwrites the current status; leave it out to keep the current one',
		},
		convert: (_ctx: ItemContext, _label: string, value: unknown) => value,
	},
	subscriptionPriority: {
		key: 'priority',
		property: { displayName: 'Priority', name: 'priority', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: '0 is the highest priority' },
		convert: (ctx: ItemContext, label: string, value: unknown) => toInteger(ctx, label, value, { min: 0 }),
	},
	subscriptionCategories: {
		key: 'cats',
		property: { displayName: 'Categories', name: 'categories', type: 'string', default: '', placeholder: 'e.g. news, promo', description: 'Comma-separated resource categories to subscribe to' },
		convert: (_ctx: ItemContext, _label: string, value: unknown) => toStringList(value),
	},
	subscriptionFields: {
		key: 'custom_fields',
		property: {
			displayName: 'Subscription Fields (JSON)',
			name: 'customFields',
			type: 'json',
			default: '{}',
			description: 'System and custom subscription fields, e.g. {"_device_type": "web"} (names from Resource → Get Subscription Fields)',
		},
		convert: parseJsonObject,
	},
	registrationDate: {
		key: 'date',
		property: { displayName: 'Registration Date', name: 'registrationDate', type: 'dateTime', default: '', description: 'When the subscription was made (RFC 3339)' },
		convert: toDateTime,
	},
	registrationIp: {
		key: 'ip',
		property: { displayName: 'Registration IP', name: 'registrationIp', type: 'string', default: '', placeholder: 'e.g. 203.0.113.7' },
		convert: requireString,
	},
	registrationUrl: {
		key: 'url',
		property: { displayName: 'Registration URL', name: 'registrationUrl', type: 'string', default: '', placeholder: 'e.g. https://example.com/signup' },
		convert: requireString,
	},
	// Statistics recounts can push their result to a URL instead of being polled (00-interaction.md §8)
	feedbackUrl: {
		key: 'feedback',
		property: {
			displayName: 'Feedback URL',
			name: 'feedbackUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://n8n.example.com/webhook/altcraft-stats',
			description: 'Altcraft also posts the result as JSON to this URL when the task is done',
		},
		convert: (ctx: ItemContext, label: string, value: unknown) => ({ type: 'JSON', url: requireString(ctx, label, value) }),
	},
} satisfies Record<string, FlagDefinition>;

/** An "Additional Fields" collection of optional documented parameters. */
export function additionalFields(
	flags: FlagDefinition[],
	{ displayName = 'Additional Fields', name = 'additionalFields', placeholder = 'Add Field' } = {},
): Field {
	return {
		property: {
			displayName,
			name,
			type: 'collection',
			placeholder,
			default: {},
			options: flags.map((flag) => flag.property).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		apply: (body, value, ctx) => {
			const chosen = (value ?? {}) as IDataObject;
			for (const flag of flags) {
				const raw = chosen[flag.property.name];
				if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) continue;
				const converted = flag.convert(ctx, `${displayName} → ${flag.property.displayName}`, raw);
				if (converted === undefined || (Array.isArray(converted) && converted.length === 0)) continue;
				if (typeof converted === 'object' && !Array.isArray(converted) && Object.keys(converted as object).length === 0) continue;
				body[flag.key] = converted as IDataObject[keyof IDataObject];
			}
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

/** A calendar date sent as YYYY-MM-DD (history calls). */
export function dateField(key: string, property: Omit<INodeProperties, 'type' | 'default'>): Field {
	return {
		property: { type: 'dateTime', default: '', ...property } as INodeProperties,
		apply: (body, value, ctx) => {
			if (!property.required && isEmpty(value)) return;
			if (isEmpty(value)) throw inputError(ctx, property.displayName, 'is required');
			body[key] = toDateOnly(ctx, property.displayName, value);
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Get Many

const LIST_FILTERS = {
	uiTags: {
		key: 'ui_tags',
		property: { displayName: 'Tags', name: 'uiTags', type: 'string', default: '', placeholder: 'e.g. promo, b2b', description: 'Comma-separated UI tags; only objects with these tags' },
		convert: (_ctx: ItemContext, _label: string, value: unknown) => toStringList(value),
	},
	groups: {
		key: 'groups',
		property: { displayName: 'Group Names', name: 'groups', type: 'string', default: '', placeholder: 'e.g. main', description: 'Comma-separated access group names' },
		convert: (_ctx: ItemContext, _label: string, value: unknown) => toStringList(value),
	},
	groupsId: {
		key: 'groups_id',
		property: { displayName: 'Group IDs', name: 'groupsId', type: 'string', default: '', placeholder: 'e.g. 1, 4', description: 'Comma-separated access group IDs' },
		convert: intList,
	},
} satisfies Record<string, FlagDefinition>;

/** The filters of the object list calls (databases, resources, segments, suppression lists…), plus a call's own. */
export function objectListFilters(names: Array<keyof typeof LIST_FILTERS>, own: FlagDefinition[] = []): Field {
	return additionalFields(
		[...names.map((name) => LIST_FILTERS[name]), ...own],
		{ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' },
	);
}

export function returnAllFields(): Field[] {
	return [
		{
			property: {
				displayName: 'Return All',
				name: 'returnAll',
				type: 'boolean',
				default: false,
				description: 'Whether to return all results or only up to a given limit',
			},
		},
		{
			property: {
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { returnAll: [false] } },
			},
		},
	];
}
