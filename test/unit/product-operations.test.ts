import { ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Product operations (61-market.md §6, §8, §10): one product from typed fields or products as JSON, with
// categories and custom field definitions (typed or JSON); the list answers `result`; delete by external and/or
// internal IDs answers deleted_count.

const base = { resource: 'product', options: {} };
const typed = {
	...base,
	operation: 'import',
	importInput: 'fields',
	externalId: 'tshirt',
	name: 'T-shirt',
	productFields: {},
	categoryDefinitionsInput: 'fields',
	categoryDefinitions: {},
	customFieldDefinitionsInput: 'fields',
	customFieldDefinitions: {},
};

const rows: Row[] = [
	{
		title: 'Import one product with its attributes and a category to create',
		params: {
			...typed,
			productFields: {
				price: '20',
				oldPrice: 25.5,
				currency: 'USD',
				tags: 'summer, sale',
				manufacturerName: 'Acme',
				description: 'Cotton T-shirt',
				url: 'https://shop.example.com/tshirt',
				pictures: 'https://shop.example.com/1.jpg\nhttps://shop.example.com/2.jpg',
				categories: 'cat_shirts',
				customFields: '{"color": "red"}',
			},
			categoryDefinitions: { entry: [{ externalId: 'cat_shirts', name: 'Shirts', parentExternalId: '' }] },
		},
		path: '/api/v1.1/market/products/import',
		body: {
			categories: [{ external_id: 'cat_shirts', name: 'Shirts' }],
			data: [
				{
					external_id: 'tshirt',
					name: 'T-shirt',
					price: '20',
					old_price: '25.5',
					currency: 'USD',
					tags: ['summer', 'sale'],
					manufacturer_name: 'Acme',
					description: 'Cotton T-shirt',
					url: 'https://shop.example.com/tshirt',
					pictures: ['https://shop.example.com/1.jpg', 'https://shop.example.com/2.jpg'],
					categories: ['cat_shirts'],
					custom_fields: { color: 'red' },
				},
			],
		},
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Import a product with a sub-category and a custom field definition',
		params: {
			...typed,
			categoryDefinitions: { entry: [{ externalId: 'cat_tees', name: 'Tees', parentExternalId: 'cat_shirts' }] },
			customFieldDefinitions: { entry: [{ externalId: 'color', name: 'Color', entityType: 'product', valueType: 'unicode', required: true, defaultValue: 'white' }] },
		},
		path: '/api/v1.1/market/products/import',
		body: {
			data: [{ external_id: 'tshirt', name: 'T-shirt' }],
			categories: [{ external_id: 'cat_tees', name: 'Tees', parent_external_id: 'cat_shirts' }],
			custom_fields: [{ external_id: 'color', name: 'Color', entity_type: 'product', value_type: 'unicode', required: true, default_value: 'white' }],
		},
		modifying: true,
	},
	{
		title: 'Import products and categories as JSON',
		params: {
			...base,
			operation: 'import',
			importInput: 'json',
			productsJson: '[{"external_id": "a", "name": "A"}, {"external_id": "b", "name": "B"}]',
			categoryDefinitionsInput: 'json',
			categoryDefinitionsJson: [{ external_id: 'cat', name: 'Cat' }],
			customFieldDefinitionsInput: 'fields',
			customFieldDefinitions: {},
		},
		path: '/api/v1.1/market/products/import',
		body: {
			data: [
				{ external_id: 'a', name: 'A' },
				{ external_id: 'b', name: 'B' },
			],
			categories: [{ external_id: 'cat', name: 'Cat' }],
		},
		modifying: true,
	},
	{
		title: 'Get Many with a limit (answers result)',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 5 },
		path: '/api/v1.1/market/products/list',
		body: { limit: 5 },
		answer: { ...ok, result: [{ name: 'T-shirt', external_id: 'tshirt', sku: [{ name: 'Red M', external_id: 'sku-1' }] }] },
		output: [{ name: 'T-shirt', external_id: 'tshirt', sku: [{ name: 'Red M', external_id: 'sku-1' }] }],
	},
	{
		title: 'Delete products by external IDs: answers deleted_count',
		params: { ...base, operation: 'delete', externalIds: 'tshirt, jeans', internalIds: '' },
		path: '/api/v1.1/market/products/delete',
		body: { external_ids: ['tshirt', 'jeans'] },
		answer: { ...ok, deleted_count: 2 },
		output: [{ deleted: true, deleted_count: 2 }],
		modifying: true,
	},
	{
		title: 'Delete products by external and internal IDs combined',
		params: { ...base, operation: 'delete', externalIds: ['tshirt'], internalIds: '12, 15' },
		path: '/api/v1.1/market/products/delete',
		body: { external_ids: ['tshirt'], ids: [12, 15] },
		modifying: true,
	},
];

describe('Product operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Product → Get Many paging (string cursor, entries in result)', () => {
	pagingTests({ params: { ...base, operation: 'getAll' }, path: '/api/v1.1/market/products/list', body: {}, cursors: ['p1', 'p2'], pageSize: 100, dataKey: 'result' });
});

describe('Product input validation', () => {
	validationRows([
		{ title: 'a product without a name', params: { ...typed, name: '' }, message: 'Name: is required (item 0)' },
		{ title: 'a product without an external ID', params: { ...typed, externalId: '' }, message: 'Product External ID: is required (item 0)' },
		{ title: 'a price that is not a decimal', params: { ...typed, productFields: { price: 'free' } }, message: 'Product Fields → Price: must be a decimal number like 100.50, got "free" (item 0)' },
		{
			title: 'a category without a name',
			params: { ...typed, categoryDefinitions: { entry: [{ externalId: 'c', name: '' }] } },
			message: 'Categories to Create → #1 → Name: is required (item 0)',
		},
		{ title: 'products JSON that is a number', params: { ...typed, importInput: 'json', productsJson: '5' }, message: 'Products (JSON): entry 1 must be a JSON object (item 0)' },
		{ title: 'a delete without any ID', params: { ...base, operation: 'delete', externalIds: '', internalIds: '' }, message: 'External IDs / Internal IDs: give at least one ID of the products to delete (item 0)' },
		{ title: 'a delete with a non-numeric internal ID', params: { ...base, operation: 'delete', externalIds: '', internalIds: 'x1' }, message: 'Internal IDs: must be a whole number, got "x1" (item 0)' },
	]);
});
