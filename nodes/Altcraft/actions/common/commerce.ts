import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FlagDefinition } from './fields';
import { showWhen } from './fields';
import type { Field, ItemContext } from '../types';
import {
	describe,
	inputError,
	isEmpty,
	parseJson,
	parseJsonObject,
	requireString,
	toBoolean,
	toInteger,
	toIntegerList,
	toLineList,
	toNumber,
	toStringList,
} from './values';

// Shared by the Market resources (Order, Product, SKU; 61-market.md) and the loyalty amounts (52-loyalty.md):
// money as decimal strings, the import structures (custom field definitions, categories, order lines) as typed
// lists with a JSON alternative, objects addressed by external or internal ID, and fields that write into a
// nested object (one order or product inside `data`).

/** A decimal amount or price, sent as the string the platform expects ("100.50"); numbers from expressions too. */
export function toDecimalString(ctx: ItemContext, label: string, value: unknown): string {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '') throw inputError(ctx, label, value === undefined || value === '' ? 'is required' : `must be a decimal number, got ${describe(value)}`);
	if (!/^\d+(\.\d+)?$/.test(text)) throw inputError(ctx, label, `must be a decimal number like 100.50, got ${describe(value)}`);
	return text;
}

/** Fields that write into a nested object of the body instead of its top level. */
export function into(fields: Field[], target: (body: IDataObject) => IDataObject): Field[] {
	return fields.map((field) =>
		field.apply ? { ...field, apply: (body: IDataObject, value: unknown, ctx: ItemContext) => field.apply!(target(body), value, ctx) } : field,
	);
}

/** The first (only) entry of an array of the body, e.g. the one order of data[] built from typed fields. */
export const firstEntryOf =
	(key: string) =>
	(body: IDataObject): IDataObject => {
		if (!Array.isArray(body[key]) || (body[key] as IDataObject[]).length === 0) body[key] = [{}];
		return (body[key] as IDataObject[])[0];
	};

/** An object of the body, e.g. the order data of a preorder. */
export const objectOf =
	(key: string) =>
	(body: IDataObject): IDataObject => {
		if (!body[key] || typeof body[key] !== 'object' || Array.isArray(body[key])) body[key] = {};
		return body[key] as IDataObject;
	};

/** Shows fields only when the given parameters have the given values, checked before their own conditions. */
export function shownWhen(fields: Field[], show: Record<string, Array<string | number | boolean>>): Field[] {
	return fields.map((field) => showWhen(field, show));
}

/** A JSON list of objects (a single object is taken as a list of one). */
export function parseJsonList(ctx: ItemContext, label: string, value: unknown): IDataObject[] {
	const parsed = parseJson(ctx, label, value);
	if (parsed === undefined || parsed === null) return [];
	const list = Array.isArray(parsed) ? parsed : [parsed];
	list.forEach((entry, index) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
			throw inputError(ctx, label, `entry ${index + 1} must be a JSON object`);
		}
	});
	return list as IDataObject[];
}

// ---------------------------------------------------------------------------------------------------------------
// Lists entered entry by entry, or as JSON

export interface EntryListSpec {
	/** Body key of the list. */
	key: string;
	displayName: string;
	/** Parameter name of the typed list; the JSON one is `${name}Json`, the mode `${name}Input`. */
	name: string;
	/** Display name of one entry, e.g. "Line". */
	entryName: string;
	values: INodeProperties[];
	toEntry: (ctx: ItemContext, entry: IDataObject, label: string) => IDataObject;
	required?: boolean;
	description: string;
	jsonExample: string;
}

/** A mode (typed entries or JSON), the typed list and the JSON list; writes `key` when the list is not empty. */
export function entryListFields(spec: EntryListSpec): Field[] {
	const mode = `${spec.name}Input`;
	const set = (ctx: ItemContext, body: IDataObject, entries: IDataObject[]) => {
		if (entries.length === 0) {
			if (spec.required) throw inputError(ctx, spec.displayName, `add at least one ${spec.entryName.toLowerCase()}`);
			return;
		}
		body[spec.key] = entries;
	};
	return [
		{
			property: {
				displayName: `${spec.displayName} Input`,
				name: mode,
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Fields', value: 'fields', description: `Enter each ${spec.entryName.toLowerCase()} field by field` },
					{ name: 'JSON', value: 'json', description: 'Give the whole list as a JSON array' },
				],
				default: 'fields',
			},
		},
		{
			property: {
				displayName: spec.displayName,
				name: spec.name,
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: `Add ${spec.entryName}`,
				default: {},
				...(spec.required ? { required: true } : {}),
				description: spec.description,
				displayOptions: { show: { [mode]: ['fields'] } },
				options: [{ displayName: spec.entryName, name: 'entry', values: spec.values }],
			},
			apply: (body, value, ctx) => {
				const entries = ((value as IDataObject)?.entry as IDataObject[] | undefined) ?? [];
				set(
					ctx,
					body,
					entries.map((entry, index) => spec.toEntry(ctx, entry, `${spec.displayName} → #${index + 1}`)),
				);
			},
		},
		{
			property: {
				displayName: `${spec.displayName} (JSON)`,
				name: `${spec.name}Json`,
				type: 'json',
				default: '[]',
				...(spec.required ? { required: true } : {}),
				description: `${spec.description}, e.g. ${spec.jsonExample}`,
				displayOptions: { show: { [mode]: ['json'] } },
			},
			apply: (body, value, ctx) => {
				set(ctx, body, parseJsonList(ctx, `${spec.displayName} (JSON)`, value));
			},
		},
	];
}

const req = (ctx: ItemContext, label: string, value: unknown) => requireString(ctx, label, value);

/** Optional text of an entry: set only when given. */
function optionalText(target: IDataObject, key: string, value: unknown, ctx: ItemContext, label: string): void {
	if (!isEmpty(value)) target[key] = requireString(ctx, label, value);
}

export type EntityType = 'product' | 'sku' | 'order' | 'line_order';

const ENTITY_NAMES: Record<EntityType, string> = { product: 'Product', sku: 'SKU', order: 'Order', line_order: 'Order Line' };

/** custom_fields[]: definitions of Market custom fields to create with the import (61-market.md §1). */
export function customFieldDefinitionsFields(entityTypes: EntityType[]): Field[] {
	const entityType: INodeProperties = {
		displayName: 'Entity Type',
		name: 'entityType',
		type: 'options',
		options: entityTypes.map((value) => ({ name: ENTITY_NAMES[value], value })),
		default: 'product',
	};
	entityType.default = entityTypes[0];
	return entryListFields({
		key: 'custom_fields',
		displayName: 'Custom Field Definitions',
		name: 'customFieldDefinitions',
		entryName: 'Definition',
		description: 'Custom fields to create with this import; their external IDs are then keys of the custom fields of the data',
		jsonExample: `[{"external_id": "color", "name": "Color", "entity_type": "${entityTypes[0]}", "value_type": "unicode"}]`,
		values: [
			{
				displayName: 'Default Value',
				name: 'defaultValue',
				type: 'string',
				default: '',
				description: 'Leave empty for none; sent as a number for int and float fields and as true/false for bool fields',
			},
			entityType,
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', placeholder: 'e.g. color' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Color' },
			{ displayName: 'Required', name: 'required', type: 'boolean', default: false, description: 'Whether the field must have a value' },
			{ displayName: 'Value Type', name: 'valueType', type: 'string', default: 'unicode', description: 'Data type of the field, e.g. unicode' },
		],
		toEntry: (ctx, entry, label) => {
			const definition: IDataObject = {
				external_id: req(ctx, `${label} → External ID`, entry.externalId),
				name: req(ctx, `${label} → Name`, entry.name),
				entity_type: req(ctx, `${label} → Entity Type`, entry.entityType ?? entityTypes[0]),
				value_type: req(ctx, `${label} → Value Type`, entry.valueType ?? 'unicode'),
			};
			if (entry.required !== undefined) definition.required = toBoolean(ctx, `${label} → Required`, entry.required);
			if (!isEmpty(entry.defaultValue)) {
				definition.default_value = typedDefault(ctx, `${label} → Default Value`, definition.value_type as string, entry.defaultValue) as IDataObject[string];
			}
			return definition;
		},
	});
}

/**
 * The default value of a custom field definition as a JSON value of the field's type (`default_value` is "any" in
 * 61-market.md): the typed field is text, so numbers and booleans are converted for int, float and bool fields;
 * other value types (unicode, date, …) keep the text.
 */
function typedDefault(ctx: ItemContext, label: string, valueType: string, value: unknown): unknown {
	switch (valueType) {
		case 'int':
			return toInteger(ctx, label, value);
		case 'float':
			return toNumber(ctx, label, value);
		case 'bool':
			return toBoolean(ctx, label, value);
		default:
			return value;
	}
}

/** categories[]: Market categories to create with a product or SKU import (61-market.md §6). */
export function categoryDefinitionsFields(): Field[] {
	return entryListFields({
		key: 'categories',
		displayName: 'Categories to Create',
		name: 'categoryDefinitions',
		entryName: 'Category',
		description: 'Categories to create or update with this import; a parent external ID builds the tree',
		jsonExample: '[{"external_id": "cat_shirts", "name": "Shirts", "parent_external_id": "cat_clothes"}]',
		values: [
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', placeholder: 'e.g. cat_shirts' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Shirts' },
			{ displayName: 'Parent External ID', name: 'parentExternalId', type: 'string', default: '', placeholder: 'e.g. cat_clothes' },
		],
		toEntry: (ctx, entry, label) => {
			const category: IDataObject = {
				external_id: req(ctx, `${label} → External ID`, entry.externalId),
				name: req(ctx, `${label} → Name`, entry.name),
			};
			optionalText(category, 'parent_external_id', entry.parentExternalId, ctx, `${label} → Parent External ID`);
			return category;
		},
	});
}

/**
 * lines[] of an order (61-market.md §1; preorder: 52-loyalty.md §10). A line names the purchased item by
 * `product`; preorder lines may name a `sku` instead.
 */
export function orderLinesFields({ skuAllowed = false } = {}): Field[] {
	return entryListFields({
		key: 'lines',
		displayName: 'Lines',
		name: 'lines',
		entryName: 'Line',
		required: true,
		description: 'The items of the order, at least one',
		jsonExample: '[{"external_id": "line-1", "product": "sku_tshirt_red_m", "count": 1, "final_price_per_item": "1500"}]',
		values: [
			{ displayName: 'Base Price per Item', name: 'basePrice', type: 'string', default: '', placeholder: 'e.g. 1700.00' },
			{ displayName: 'Count', name: 'count', type: 'number', typeOptions: { minValue: 1 }, default: 1 },
			{ displayName: 'Custom Fields (JSON)', name: 'customFields', type: 'json', default: '{}', description: 'Custom line fields by external ID, e.g. {"size": "M"}' },
			{ displayName: 'Final Price per Item', name: 'finalPrice', type: 'string', default: '', placeholder: 'e.g. 1500.00', description: 'The price actually paid for one unit' },
			{
				displayName: 'Item External ID',
				name: 'item',
				type: 'string',
				default: '',
				placeholder: 'e.g. sku_tshirt_red_m',
				description: 'External ID of the purchased product or SKU',
			},
			...(skuAllowed
				? [
						{
							displayName: 'Item Type',
							name: 'itemType',
							type: 'options' as const,
							options: [
								{ name: 'Product', value: 'product' },
								{ name: 'SKU', value: 'sku' },
							],
							default: 'product',
						},
					]
				: []),
			{ displayName: 'Line External ID', name: 'externalId', type: 'string', default: '', placeholder: 'e.g. line-1', description: 'Your ID of the order line' },
			{ displayName: 'Min Price per Item', name: 'minPrice', type: 'string', default: '', placeholder: 'e.g. 1200.00' },
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				placeholder: 'e.g. new',
				description: 'Line status: new, processing, delivering, delivered, canceled, refunded, or a custom line status ID',
			},
		],
		toEntry: (ctx, entry, label) => {
			const itemKey = skuAllowed && entry.itemType === 'sku' ? 'sku' : 'product';
			const line: IDataObject = {
				external_id: req(ctx, `${label} → Line External ID`, entry.externalId),
				[itemKey]: req(ctx, `${label} → Item External ID`, entry.item),
				count: toInteger(ctx, `${label} → Count`, entry.count ?? 1, { min: 1 }),
			};
			const prices: Array<[string, string, string]> = [
				['base_price_per_item', 'basePrice', 'Base Price per Item'],
				['min_price_per_item', 'minPrice', 'Min Price per Item'],
				['final_price_per_item', 'finalPrice', 'Final Price per Item'],
			];
			for (const [key, name, displayName] of prices) {
				if (!isEmpty(entry[name])) line[key] = toDecimalString(ctx, `${label} → ${displayName}`, entry[name]);
			}
			optionalText(line, 'status', entry.status, ctx, `${label} → Status`);
			const custom = parseJsonObject(ctx, `${label} → Custom Fields (JSON)`, entry.customFields);
			if (custom && Object.keys(custom).length) line.custom_fields = custom;
			return line;
		},
	});
}

/** The whole `data` list as JSON (the alternative to one object built from typed fields). */
export function dataListJsonField(property: { displayName: string; name: string; description: string; show: Record<string, string[]> }): Field {
	return {
		property: {
			displayName: property.displayName,
			name: property.name,
			type: 'json',
			default: '[]',
			required: true,
			description: property.description,
			displayOptions: { show: property.show },
		},
		apply: (body, value, ctx) => {
			const entries = parseJsonList(ctx, property.displayName, value);
			if (entries.length === 0) throw inputError(ctx, property.displayName, 'add at least one entry');
			body.data = entries;
		},
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Optional attributes (written with additionalFields into the nested object)

export const text = (key: string, displayName: string, name: string, placeholder: string, description?: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'string', default: '', placeholder, ...(description ? { description } : {}) },
	convert: (ctx, label, value) => requireString(ctx, label, value),
});

export const money = (key: string, displayName: string, name: string, description?: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'string', default: '', placeholder: 'e.g. 1500.00', ...(description ? { description } : {}) },
	convert: (ctx, label, value) => toDecimalString(ctx, label, value),
});

export const list = (key: string, displayName: string, name: string, placeholder: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'string', default: '', placeholder, description },
	convert: (_ctx, _label, value) => (typeof value === 'string' && value.includes('\n') ? toLineList(value) : toStringList(value)),
});

export const jsonObject = (key: string, displayName: string, name: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'json', default: '{}', description },
	convert: (ctx, label, value) => parseJsonObject(ctx, label, value),
});

export const jsonList = (key: string, displayName: string, name: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'json', default: '[]', description },
	convert: (ctx, label, value) => parseJsonList(ctx, label, value),
});

export const integerList = (key: string, displayName: string, name: string, placeholder: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'string', default: '', placeholder, description },
	convert: (ctx, label, value) => toIntegerList(ctx, label, toLineList(value)),
});

// ---------------------------------------------------------------------------------------------------------------
// Objects addressed by external or internal ID

/** One object (an order) by your external ID (external_id) or the platform's internal ID (id). */
export function oneByIdFields(entity: string): Field[] {
	return [
		{
			property: {
				displayName: entity,
				name: 'identifyBy',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'By External ID', value: 'externalId', description: `Your ID of the ${entity.toLowerCase()}` },
					{ name: 'By Internal ID', value: 'id', description: `The platform's numeric ID of the ${entity.toLowerCase()}` },
				],
				default: 'externalId',
			},
		},
		{
			property: {
				displayName: `${entity} External ID`,
				name: 'externalId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. order-1001',
				displayOptions: { show: { identifyBy: ['externalId'] } },
			},
			apply: (body, value, ctx) => {
				body.external_id = requireString(ctx, `${entity} External ID`, value);
			},
		},
		{
			property: {
				displayName: `${entity} Internal ID`,
				name: 'internalId',
				type: 'number',
				default: 0,
				required: true,
				displayOptions: { show: { identifyBy: ['id'] } },
			},
			apply: (body, value, ctx) => {
				body.id = toInteger(ctx, `${entity} Internal ID`, value, { min: 1 });
			},
		},
	];
}

/** Many objects (products, SKUs) by external IDs (external_ids) and/or internal IDs (ids): at least one. */
export function manyByIdFields(entities: string): Field[] {
	return [
		{
			property: {
				displayName: 'External IDs',
				name: 'externalIds',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: 'e.g. tshirt, jeans',
				description: `Your IDs of the ${entities}: one per line or comma-separated; an array from an expression also works`,
			},
			apply: (body, value) => {
				const ids = toLineList(value);
				if (ids.length) body.external_ids = ids;
			},
		},
		{
			property: {
				displayName: 'Internal IDs',
				name: 'internalIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12, 15',
				description: `The platform's numeric IDs of the ${entities}, comma-separated; may be combined with external IDs`,
			},
			apply: (body, value, ctx) => {
				const ids = toIntegerList(ctx, 'Internal IDs', toLineList(value));
				if (ids.length) body.ids = ids;
				if (!body.ids && !body.external_ids) {
					throw inputError(ctx, 'External IDs / Internal IDs', `give at least one ID of the ${entities} to delete`);
				}
			},
		},
	];
}
