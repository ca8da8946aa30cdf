import { ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// SKU operations (61-market.md §7, §9, §11): SKU data objects carry product_external_id; the rest as for products.

const base = { resource: 'sku', options: {} };
const typed = {
	...base,
	operation: 'import',
	importInput: 'fields',
	externalId: 'sku_tshirt_red_m',
	name: 'T-shirt red M',
	productExternalId: 'tshirt',
	skuFields: {},
	categoryDefinitionsInput: 'fields',
	categoryDefinitions: {},
	customFieldDefinitionsInput: 'fields',
	customFieldDefinitions: {},
};
const sku = { external_id: 'sku_tshirt_red_m', name: 'T-shirt red M', product_external_id: 'tshirt' };

const rows: Row[] = [
	{
		title: 'Import one SKU (the minimal request of the docs)',
		params: { ...typed, skuFields: { price: '20', currency: 'USD' } },
		path: '/api/v1.1/market/sku/import',
		body: { data: [{ ...sku, price: '20', currency: 'USD' }] },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Import a SKU with stock, flags, barcodes and regional data',
		params: {
			...typed,
			skuFields: {
				count: 0,
				expirationTime: '730',
				isAvailable: true,
				delivery: false,
				manufacturerWarranty: true,
				barcode: '4601234567890, 4601234567891',
				regionalData: '[{"external_id": "region_moscow", "price": "21", "count": 5}]',
			},
			customFieldDefinitions: { entry: [{ externalId: 'size', name: 'Size', entityType: 'sku', valueType: 'unicode', required: false, defaultValue: '' }] },
		},
		path: '/api/v1.1/market/sku/import',
		body: {
			data: [
				{
					...sku,
					count: 0,
					expiration_time: '730',
					is_available: true,
					delivery: false,
					manufacturer_warranty: true,
					barcode: [4601234567890, 4601234567891],
					regional_data: [{ external_id: 'region_moscow', price: '21', count: 5 }],
				},
			],
			custom_fields: [{ external_id: 'size', name: 'Size', entity_type: 'sku', value_type: 'unicode', required: false }],
		},
		modifying: true,
	},
	{
		title: 'Import SKUs as JSON',
		params: { ...typed, importInput: 'json', skusJson: [sku, { ...sku, external_id: 'sku_2' }] },
		path: '/api/v1.1/market/sku/import',
		body: { data: [sku, { ...sku, external_id: 'sku_2' }] },
		modifying: true,
	},
	{
		title: 'Get Many (answers result)',
		params: { ...base, operation: 'getAll', returnAll: true },
		path: '/api/v1.1/market/sku/list',
		body: { limit: 100 },
		answer: { ...ok, result: [{ name: 'T-shirt red M', external_id: 'sku_tshirt_red_m' }] },
		output: [{ name: 'T-shirt red M', external_id: 'sku_tshirt_red_m' }],
	},
	{
		title: 'Delete SKUs by internal IDs, one per line',
		params: { ...base, operation: 'delete', externalIds: '', internalIds: '3\n4' },
		path: '/api/v1.1/market/sku/delete',
		body: { ids: [3, 4] },
		answer: { ...ok, deleted_count: 1 },
		output: [{ deleted: true, deleted_count: 1 }],
		modifying: true,
	},
];

describe('SKU operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('SKU → Get Many paging (string cursor, entries in result)', () => {
	pagingTests({ params: { ...base, operation: 'getAll' }, path: '/api/v1.1/market/sku/list', body: {}, cursors: ['s1', 's2'], pageSize: 100, dataKey: 'result' });
});

describe('SKU input validation', () => {
	validationRows([
		{ title: 'a SKU without its product', params: { ...typed, productExternalId: '' }, message: 'Product External ID: is required (item 0)' },
		{ title: 'a negative stock count', params: { ...typed, skuFields: { count: -1 } }, message: 'SKU Fields → Stock Count: must be between 0 and 9007199254740991, got -1 (item 0)' },
		{ title: 'regional data that is not a list of objects', params: { ...typed, skuFields: { regionalData: '["x"]' } }, message: 'SKU Fields → Regional Data (JSON): entry 1 must be a JSON object (item 0)' },
		{ title: 'a delete without any ID', params: { ...base, operation: 'delete', externalIds: [], internalIds: '' }, message: 'External IDs / Internal IDs: give at least one ID of the SKUs to delete (item 0)' },
	]);
});
