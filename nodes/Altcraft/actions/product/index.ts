import type { Field, Operation, ResourceDefinition } from '../types';
import {
	categoryDefinitionsFields,
	customFieldDefinitionsFields,
	dataListJsonField,
	firstEntryOf,
	into,
	jsonObject,
	list,
	manyByIdFields,
	money,
	shownWhen,
	text,
} from '../common/commerce';
import type { FlagDefinition } from '../common/fields';
import { additionalFields, returnAllFields, stringField } from '../common/fields';
import { apiPath } from '../../transport';
import { fromIdPaging } from '../common/paging';

// Market products: 61-market.md §6, §8, §10. An import creates or updates products by external ID, together with
// categories and custom field definitions; SKUs (variants) have their own resource. The list answers `result`
// with a string cursor next_from_id.

const resource = 'product';

/** The optional attributes a product and a SKU share (61-market.md, product and SKU data objects). */
export const CATALOGUE_ATTRIBUTES: FlagDefinition[] = [
	money('price', 'Price', 'price', 'The current price'),
	money('old_price', 'Old Price', 'oldPrice', 'The previous price, e.g. to show a discount'),
	text('currency', 'Currency', 'currency', 'e.g. RUB', 'Currency code; it must be set up in the account'),
	list('tags', 'Tags', 'tags', 'e.g. summer, sale', 'Comma-separated tags'),
	text('manufacturer_name', 'Manufacturer', 'manufacturerName', 'e.g. Acme'),
	text('description', 'Description', 'description', 'e.g. Cotton T-shirt', 'At most 1000 characters for SKUs'),
	text('url', 'URL', 'url', 'e.g. https://shop.example.com/tshirt', 'Address of the page of the item'),
	list('pictures', 'Picture URLs', 'pictures', 'e.g. https://shop.example.com/tshirt.jpg', 'Image addresses, one per line or comma-separated'),
	list('categories', 'Category External IDs', 'categories', 'e.g. cat_shirts', 'Comma-separated external IDs of the categories of the item'),
	jsonObject('custom_fields', 'Custom Fields (JSON)', 'customFields', 'Custom fields by external ID, e.g. {"color": "red"}'),
];

/** Input mode of a Market import: one object from typed fields, or the whole data list as JSON. */
export function importInput(entity: string, entities: string): Field {
	return {
		property: {
			displayName: `${entity} Input`,
			name: 'importInput',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Fields', value: 'fields', description: `One ${entity.toLowerCase()} from typed fields` },
				{ name: 'JSON', value: 'json', description: `One or more ${entities} as JSON` },
			],
			default: 'fields',
		},
	};
}

const productFields: Field[] = shownWhen(
	into(
		[
			stringField('external_id', { displayName: 'Product External ID', name: 'externalId', required: true, placeholder: 'e.g. tshirt', description: 'Your ID of the product' }),
			stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. T-shirt' }),
			additionalFields(CATALOGUE_ATTRIBUTES, { displayName: 'Product Fields', name: 'productFields' }),
		],
		firstEntryOf('data'),
	),
	{ importInput: ['fields'] },
);

const PAGING = fromIdPaging(100);

const operations: Operation[] = [
	{
		resource,
		value: 'import',
		name: 'Create or Update',
		action: 'Create or update a product',
		description: 'Import products by external ID, with categories and custom field definitions to create (market/products/import)',
		path: apiPath('market/products/import'),
		reference: 'product.import',
		modifying: true,
		response: 'envelope',
		fields: [
			importInput('Product', 'products'),
			...productFields,
			dataListJsonField({
				displayName: 'Products (JSON)',
				name: 'productsJson',
				description: 'A product object or an array of them, e.g. [{"external_id": "tshirt", "name": "T-shirt", "price": "20", "currency": "USD"}]',
				show: { importInput: ['json'] },
			}),
			...categoryDefinitionsFields(),
			...customFieldDefinitionsFields(['product', 'sku']),
		],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many products',
		description: 'List the products of the Market with their SKUs (market/products/list)',
		path: apiPath('market/products/list'),
		reference: 'product.list',
		modifying: false,
		response: 'list',
		dataKey: 'result',
		// A string cursor; the page size is not documented: pages of 100.
		paging: PAGING,
		fields: returnAllFields(),
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete products',
		description: 'Delete one or many products by external or internal ID; answers deleted_count (market/products/delete)',
		path: apiPath('market/products/delete'),
		reference: 'product.delete',
		modifying: true,
		response: 'deleted',
		fields: manyByIdFields('products'),
	},
];

export const product: ResourceDefinition = {
	value: resource,
	name: 'Product',
	description: 'Market products with their categories',
	operations,
};
