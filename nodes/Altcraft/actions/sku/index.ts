import type { Field, Operation, ResourceDefinition } from '../types';
import {
	categoryDefinitionsFields,
	customFieldDefinitionsFields,
	dataListJsonField,
	firstEntryOf,
	integerList,
	into,
	jsonList,
	manyByIdFields,
	shownWhen,
	text,
} from '../common/commerce';
import type { FlagDefinition } from '../common/fields';
import { additionalFields, returnAllFields, stringField, switchFlag } from '../common/fields';
import { toInteger } from '../common/values';
import { apiPath } from '../../transport';
import { CATALOGUE_ATTRIBUTES, importInput } from '../product';
import { fromIdPaging } from '../common/paging';

// Market SKUs (variants of a product; orders refer to them): 61-market.md §7, §9, §11. The import takes SKU data
// objects (with product_external_id) and, like the product import, categories and custom field definitions.

const resource = 'sku';

const SKU_ATTRIBUTES: FlagDefinition[] = [
	...CATALOGUE_ATTRIBUTES,
	{
		key: 'count',
		property: { displayName: 'Stock Count', name: 'count', type: 'number', typeOptions: { minValue: 0 }, default: 0, description: 'Quantity in stock' },
		convert: (ctx, label, value) => toInteger(ctx, label, value, { min: 0 }),
	},
	text('expiration_time', 'Expiration Time', 'expirationTime', 'e.g. 730', 'Shelf life of the item'),
	switchFlag('is_available', 'Available', 'isAvailable', 'Whether the SKU is available'),
	switchFlag('delivery', 'Delivery', 'delivery', 'Whether delivery is available'),
	switchFlag('manufacturer_warranty', 'Manufacturer Warranty', 'manufacturerWarranty', 'Whether the SKU has a manufacturer warranty'),
	integerList('barcode', 'Barcodes', 'barcode', 'e.g. 4601234567890', 'Comma-separated numeric barcodes'),
	jsonList(
		'regional_data',
		'Regional Data (JSON)',
		'regionalData',
		'Per-region prices and stock, e.g. [{"external_id": "region_moscow", "price": "21", "currency": "USD", "count": 5}]',
	),
];

const skuFields: Field[] = shownWhen(
	into(
		[
			stringField('external_id', {
				displayName: 'SKU External ID',
				name: 'externalId',
				required: true,
				placeholder: 'e.g. sku_tshirt_red_m',
				description: 'Your ID of the SKU; orders refer to it',
			}),
			stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. T-shirt red M' }),
			stringField('product_external_id', {
				displayName: 'Product External ID',
				name: 'productExternalId',
				required: true,
				placeholder: 'e.g. tshirt',
				description: 'External ID of the product this SKU is a variant of',
			}),
			additionalFields(SKU_ATTRIBUTES, { displayName: 'SKU Fields', name: 'skuFields' }),
		],
		firstEntryOf('data'),
	),
	{ importInput: ['fields'] },
);

const operations: Operation[] = [
	{
		resource,
		value: 'import',
		name: 'Create or Update',
		action: 'Create or update a SKU',
		description: 'Import SKUs (product variants) by external ID, with categories and custom field definitions to create (market/sku/import)',
		path: apiPath('market/sku/import'),
		reference: 'sku.import',
		modifying: true,
		response: 'envelope',
		fields: [
			importInput('SKU', 'SKUs'),
			...skuFields,
			dataListJsonField({
				displayName: 'SKUs (JSON)',
				name: 'skusJson',
				description:
					'A SKU object or an array of them, e.g. [{"external_id": "sku_tshirt_red_m", "name": "T-shirt red M", "product_external_id": "tshirt", "price": "20"}]',
				show: { importInput: ['json'] },
			}),
			...categoryDefinitionsFields(),
			...customFieldDefinitionsFields(['sku', 'product']),
		],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many SKUs',
		description: 'List the SKUs of the Market with their names and external IDs (market/sku/list)',
		path: apiPath('market/sku/list'),
		reference: 'sku.list',
		modifying: false,
		response: 'list',
		dataKey: 'result',
		// A string cursor; the page size is not documented: pages of 100.
		paging: fromIdPaging(100),
		fields: returnAllFields(),
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete SKUs',
		description: 'Delete one or many SKUs by external or internal ID; answers deleted_count (market/sku/delete)',
		path: apiPath('market/sku/delete'),
		reference: 'sku.delete',
		modifying: true,
		response: 'deleted',
		fields: manyByIdFields('SKUs'),
	},
];

export const sku: ResourceDefinition = {
	value: resource,
	name: 'SKU',
	description: 'Market SKUs: the variants of products that orders refer to',
	operations,
};
