import type { IDataObject } from 'n8n-workflow';

import {
	customFieldDefinitionsFields,
	dataListJsonField,
	firstEntryOf,
	into,
	jsonObject,
	list,
	money,
	objectOf,
	oneByIdFields,
	orderLinesFields,
	shownWhen,
	text,
	toDecimalString,
} from '../common/commerce';
import type { FlagDefinition, MatchingMode } from '../common/fields';
import { additionalFields, FLAGS, matchingFields, returnAllFields, stringField } from '../common/fields';
import { inputError, parseJsonObject, requireEmail, requireString, toDateTime } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Market orders: 61-market.md §1–5, and the Market checkout with loyalty (preorder, preorder commit: 52-loyalty.md
// §10–11). Orders are addressed by your external_id or the platform's id; the list and status calls answer
// `result` instead of `data`. The buyer of an imported order is found by matching fields inside the order object.

const resource = 'order';

const ORDER_MODES: MatchingMode[] = ['email', 'phone', 'profile_id', 'custom'];
const PREORDER_MODES: MatchingMode[] = ['email', 'phone', 'profile_id'];

const date = (key: string, displayName: string, name: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'dateTime', default: '', description },
	convert: (ctx, label, value) => toDateTime(ctx, label, value),
});

const requiredText = (key: string, displayName: string, name: string, placeholder: string, description: string): Field =>
	stringField(key, { displayName, name, required: true, placeholder, description });

const priceField = (key: string, displayName: string, name: string, description: string, required = true): Field => ({
	property: { displayName, name, type: 'string', default: '', required, placeholder: 'e.g. 2500.00', description },
	apply: (body, value, ctx) => {
		if (!required && (value === undefined || value === '')) return;
		body[key] = toDecimalString(ctx, displayName, value);
	},
});

/** The order object's own fields: touchpoint, status, currency and total. */
const orderCore = (statusHint: string): Field[] => [
	requiredText('endpoint', 'Touchpoint', 'endpoint', 'e.g. website', 'External ID of the touchpoint set up in Market'),
	requiredText('status', 'Status', 'status', 'e.g. new', statusHint),
	requiredText('currency', 'Currency', 'currency', 'e.g. RUB', 'Currency code; it must be set up in the account'),
	priceField('total_price', 'Total Price', 'totalPrice', 'The order total: items and delivery'),
];

// ---------------------------------------------------------------------------------------------------------------
// Import

const orderInput: Field = {
	property: {
		displayName: 'Order Input',
		name: 'orderInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'One order from typed fields' },
			{ name: 'JSON', value: 'json', description: 'One or more order objects as JSON' },
		],
		default: 'fields',
	},
};

const importedOrder: Field[] = shownWhen(
	into(
		[
			requiredText('external_id', 'Order External ID', 'externalId', 'e.g. order-1001', 'Your ID of the order; an existing order with it is updated'),
			...matchingFields(ORDER_MODES, { narrowByResource: false }),
			...orderCore('Order status ID: new, delivered, paid, canceled, part_refunded, or one set up in the platform'),
			...orderLinesFields(),
			additionalFields(
				[
					money('delivery_cost', 'Delivery Cost', 'deliveryCost'),
					date('create_time', 'Created At', 'createTime', 'When the order was created'),
					date('update_time', 'Updated At', 'updateTime', 'When the order last changed'),
					list('tags', 'Tags', 'tags', 'e.g. gift, express', 'Comma-separated order tags'),
					text('region', 'Region', 'region', 'e.g. region_moscow', 'External ID of a region set up in Market'),
					jsonObject('custom_fields', 'Custom Fields (JSON)', 'customFields', 'Custom order fields by external ID, e.g. {"payment": "card"}'),
				],
				{ displayName: 'Order Fields', name: 'orderFields' },
			),
		],
		firstEntryOf('data'),
	),
	{ orderInput: ['fields'] },
);

const customLineStatuses: Field = {
	property: {
		displayName: 'Custom Line Statuses',
		name: 'customLineStatuses',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Line Status',
		default: {},
		description: 'Statuses of order lines to create with this import, in addition to the built-in ones',
		options: [
			{
				displayName: 'Line Status',
				name: 'status',
				values: [
					{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', placeholder: 'e.g. packed' },
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. Packed' },
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Canceled', value: 'canceled' },
							{ name: 'Delivered', value: 'delivered' },
							{ name: 'In Process', value: 'in_process' },
							{ name: 'Refunded', value: 'refunded' },
						],
						default: 'in_process',
					},
				],
			},
		],
	},
	apply: (body, value, ctx) => {
		const entries = ((value as IDataObject)?.status as IDataObject[] | undefined) ?? [];
		if (!entries.length) return;
		body.custom_line_statuses = entries.map((entry, index) => {
			const label = `Custom Line Statuses → #${index + 1}`;
			return {
				external_id: requireString(ctx, `${label} → External ID`, entry.externalId),
				name: requireString(ctx, `${label} → Name`, entry.name),
				type: requireString(ctx, `${label} → Type`, entry.type ?? 'in_process'),
			};
		});
	},
};

// ---------------------------------------------------------------------------------------------------------------
// Preorder and its commit (Market with loyalty)

const orderDataInput: Field = {
	property: {
		displayName: 'Order Data Input',
		name: 'orderDataInput',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Fields', value: 'fields', description: 'The order from typed fields' },
			{ name: 'JSON', value: 'json', description: 'The order data object as JSON' },
		],
		default: 'fields',
	},
};

/** The `data` object of preorder / preorder commit; the final total is required by the commit. */
function preorderData(commit: boolean): Field[] {
	return [
		orderDataInput,
		...shownWhen(
			into(
				[
					...orderCore('Order status ID set up in the platform, e.g. new, confirmed, paid'),
					priceField('final_total_price', 'Final Total Price', 'finalTotalPrice', 'The total after discounts', commit),
					...orderLinesFields({ skuAllowed: true }),
					additionalFields(
						[
							money('delivery_cost', 'Delivery Cost', 'deliveryCost'),
							date('create_time', 'Created At', 'createTime', 'When the order was created; default now'),
							text('region', 'Region', 'region', 'e.g. region_moscow', 'External ID of a region set up in Market'),
						],
						{ displayName: 'Order Fields', name: 'orderFields' },
					),
				],
				objectOf('data'),
			),
			{ orderDataInput: ['fields'] },
		),
		{
			property: {
				displayName: 'Order Data (JSON)',
				name: 'orderDataJson',
				type: 'json',
				default: '{}',
				required: true,
				description:
					'The order data object, e.g. {"endpoint": "website", "status": "new", "currency": "RUB", "total_price": "2500.00", "final_total_price": "2500.00", "lines": [{"external_id": "line_1", "product": "sku-123"}]}',
				displayOptions: { show: { orderDataInput: ['json'] } },
			},
			apply: (body, value, ctx) => {
				const data = parseJsonObject(ctx, 'Order Data (JSON)', value);
				if (!data || Object.keys(data).length === 0) throw inputError(ctx, 'Order Data (JSON)', 'is required');
				body.data = data;
			},
		},
	];
}

/** preorder_commit lists no `matching`: the member is given by one of profile_id, email or phone. */
const memberKey: Field[] = [
	{
		property: {
			displayName: 'Identify Member By',
			name: 'memberBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Email', value: 'email' },
				{ name: 'Phone', value: 'phone' },
				{ name: 'Profile ID', value: 'profile_id' },
			],
			default: 'email',
		},
		apply: (body, value, ctx) => {
			const by = String(value ?? 'email');
			if (by === 'email') body.email = requireEmail(ctx, 'Email', ctx.param('email', ''));
			else if (by === 'phone') body.phone = requireString(ctx, 'Phone', ctx.param('phone', ''));
			else {
				const id = requireString(ctx, 'Profile ID', ctx.param('profileId', ''));
				if (!/^[0-9a-f]{24}$/i.test(id)) throw inputError(ctx, 'Profile ID', `"${id}" is not a profile ID (24 hexadecimal characters)`);
				body.profile_id = id;
			}
		},
	},
	{ property: { displayName: 'Email', name: 'email', type: 'string', default: '', required: true, placeholder: 'e.g. name@example.com', displayOptions: { show: { memberBy: ['email'] } } } },
	{ property: { displayName: 'Phone', name: 'phone', type: 'string', default: '', required: true, placeholder: 'e.g. +79000000000', displayOptions: { show: { memberBy: ['phone'] } } } },
	{
		property: {
			displayName: 'Profile ID',
			name: 'profileId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5f4fa1a5ce9448665fef548e',
			displayOptions: { show: { memberBy: ['profile_id'] } },
		},
	},
];

const preorderExternalId = (): Field =>
	requiredText('external_id', 'Order External ID', 'externalId', 'e.g. order_12345', 'Your ID of the order; the same in the preorder and its commit');

// ---------------------------------------------------------------------------------------------------------------

const operations: Operation[] = [
	{
		resource,
		value: 'import',
		name: 'Create or Update',
		action: 'Create or update an order',
		description:
			'Import an order with its lines, creating or updating it by external ID; may also create custom fields and line statuses, and fires triggers (market/orders/import)',
		path: apiPath('market/orders/import'),
		reference: 'order.import',
		modifying: true,
		response: 'envelope',
		fields: [
			orderInput,
			...importedOrder,
			dataListJsonField({
				displayName: 'Orders (JSON)',
				name: 'ordersJson',
				description:
					'An order object or an array of them, e.g. [{"external_id": "order-1001", "matching": "email", "email": "buyer@example.com", "endpoint": "website", "status": "new", "total_price": "1500", "currency": "USD", "lines": [{"external_id": "line-1", "product": "sku-1", "count": 1}]}]',
				show: { orderInput: ['json'] },
			}),
			...customFieldDefinitionsFields(['order', 'line_order']),
			customLineStatuses,
			additionalFields([FLAGS.skipTriggers]),
		],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many orders',
		description: 'List the orders of the account with their lines, optionally of one touchpoint (market/orders/list)',
		path: apiPath('market/orders/list'),
		reference: 'order.list',
		modifying: false,
		response: 'list',
		dataKey: 'result',
		// A string cursor; the page size is not documented, the reference's example asks for 100.
		paging: fromIdPaging(100),
		fields: [
			...returnAllFields(),
			additionalFields([text('endpoint', 'Touchpoint', 'endpoint', 'e.g. website', 'Only orders of this touchpoint')], {
				displayName: 'Filters',
				name: 'filters',
				placeholder: 'Add Filter',
			}),
		],
	},
	{
		resource,
		value: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of an order',
		description: 'Read the status and touchpoint of an order (market/orders/get_status)',
		path: apiPath('market/orders/get_status'),
		reference: 'order.getStatus',
		modifying: false,
		response: 'data',
		dataKey: 'result',
		fields: oneByIdFields('Order'),
	},
	{
		resource,
		value: 'updateLineStatus',
		name: 'Update Line Status',
		action: 'Update the status of an order line',
		description: 'Change the status of one line (item) of an order, e.g. to delivered or refunded (market/orders/update_order_line_status)',
		path: apiPath('market/orders/update_order_line_status'),
		reference: 'order.updateLineStatus',
		modifying: true,
		response: 'success',
		fields: [
			requiredText('order_external_id', 'Order External ID', 'orderExternalId', 'e.g. order-1001', 'Your ID of the order'),
			requiredText('order_line_external_id', 'Line External ID', 'lineExternalId', 'e.g. line-1', 'Your ID of the order line'),
			requiredText(
				'status_external_id',
				'Status',
				'status',
				'e.g. delivered',
				'New line status: new, processing, delivering, delivered, canceled, refunded, or a custom line status ID',
			),
		],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete an order',
		description: "Delete an order completely, including its traces in the buyer's profile history (market/orders/delete)",
		path: apiPath('market/orders/delete'),
		reference: 'order.delete',
		modifying: true,
		response: 'deleted',
		fields: oneByIdFields('Order'),
	},
	{
		resource,
		value: 'preorder',
		name: 'Calculate Preorder',
		action: 'Calculate an order before placing it',
		description:
			'Calculate discounts, points and promo codes of an order with Market and loyalty rules, without creating it; then use Confirm Preorder (market/orders/preorder)',
		path: apiPath('market/orders/preorder'),
		reference: 'order.preorder',
		// A calculation: nothing is created or changed.
		modifying: false,
		response: 'envelope',
		fields: [preorderExternalId(), ...matchingFields(PREORDER_MODES, { narrowByResource: false }), ...preorderData(false)],
	},
	{
		resource,
		value: 'preorderCommit',
		name: 'Confirm Preorder',
		action: 'Confirm a calculated order',
		description:
			'Place an order calculated with Calculate Preorder: creates it, applies the discounts, accrues and redeems points and activates promo codes (market/orders/preorder_commit)',
		path: apiPath('market/orders/preorder_commit'),
		reference: 'order.preorderCommit',
		modifying: true,
		response: 'envelope',
		fields: [preorderExternalId(), ...memberKey, ...preorderData(true), additionalFields([FLAGS.skipTriggers])],
	},
];

export const order: ResourceDefinition = {
	value: resource,
	name: 'Order',
	description: 'Market orders: import, list, status, delete, and the loyalty checkout (preorder)',
	operations,
};
