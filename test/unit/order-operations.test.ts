import { ok, operationRows, pagingTests, PID, validationRows, type Row } from '../helpers/operationRows';

// Order operations (61-market.md §1–5; preorder: 52-loyalty.md §10–11): one order from typed fields (buyer matching
// inside the order object) or orders as JSON; lines typed or JSON; the list and status answer `result`.

const base = { resource: 'order', options: {} };
const line = { externalId: 'line-1', item: 'sku_tshirt_red_m', count: 1, finalPrice: '1500', basePrice: '', minPrice: '', status: '', customFields: '{}' };
const typedOrder = {
	...base,
	operation: 'import',
	orderInput: 'fields',
	externalId: 'order-1001',
	matching: 'email',
	email: 'buyer@example.com',
	endpoint: 'website',
	status: 'new',
	currency: 'USD',
	totalPrice: '1500',
	linesInput: 'fields',
	lines: { entry: [line] },
	orderFields: {},
	customFieldDefinitionsInput: 'fields',
	customFieldDefinitions: {},
	customLineStatuses: {},
	additionalFields: {},
};
const importedOrder = {
	external_id: 'order-1001',
	matching: 'email',
	email: 'buyer@example.com',
	endpoint: 'website',
	status: 'new',
	currency: 'USD',
	total_price: '1500',
	lines: [{ external_id: 'line-1', product: 'sku_tshirt_red_m', count: 1, final_price_per_item: '1500' }],
};
const preorderData = {
	orderDataInput: 'fields',
	endpoint: 'website',
	status: 'new',
	currency: 'RUB',
	totalPrice: '2500.00',
	finalTotalPrice: '2150.00',
	linesInput: 'fields',
	lines: { entry: [{ externalId: 'line_1', itemType: 'product', item: 'sku-123', count: 2 }] },
	orderFields: {},
};
const preorderBody = {
	endpoint: 'website',
	status: 'new',
	currency: 'RUB',
	total_price: '2500.00',
	final_total_price: '2150.00',
	lines: [{ external_id: 'line_1', product: 'sku-123', count: 2 }],
};

const rows: Row[] = [
	{
		title: 'Import one order from typed fields (the minimal request of the docs)',
		params: typedOrder,
		path: '/api/v1.1/market/orders/import',
		body: { data: [importedOrder] },
		// The envelope without error fields: nothing else is answered.
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Import with order fields, a typed line with prices, definitions, a line status and no triggers',
		params: {
			...typedOrder,
			matching: 'custom',
			fieldName: 'crm_id',
			fieldValue: 'C-9',
			lines: { entry: [{ ...line, basePrice: '1700', minPrice: 1200, status: 'packed', customFields: '{"size": "M"}' }] },
			orderFields: {
				deliveryCost: '50',
				createTime: '2022-01-02T15:04:05.141Z',
				tags: 'gift, express',
				region: 'region_x',
				customFields: '{"payment": "card"}',
			},
			customFieldDefinitions: { entry: [{ externalId: 'payment', name: 'Payment', entityType: 'order', valueType: 'unicode', required: false, defaultValue: '' }] },
			customLineStatuses: { status: [{ externalId: 'packed', name: 'Packed', type: 'in_process' }] },
			additionalFields: { skipTriggers: true },
		},
		path: '/api/v1.1/market/orders/import',
		body: {
			data: [
				{
					...importedOrder,
					matching: 'custom',
					email: undefined,
					field_name: 'crm_id',
					field_value: 'C-9',
					lines: [
						{
							external_id: 'line-1',
							product: 'sku_tshirt_red_m',
							count: 1,
							base_price_per_item: '1700',
							min_price_per_item: '1200',
							final_price_per_item: '1500',
							status: 'packed',
							custom_fields: { size: 'M' },
						},
					],
					delivery_cost: '50',
					create_time: '2022-01-02T15:04:05.141Z',
					tags: ['gift', 'express'],
					region: 'region_x',
					custom_fields: { payment: 'card' },
				},
			],
			custom_fields: [{ external_id: 'payment', name: 'Payment', entity_type: 'order', value_type: 'unicode', required: false }],
			custom_line_statuses: [{ external_id: 'packed', name: 'Packed', type: 'in_process' }],
			skip_triggers: true,
		},
		modifying: true,
	},
	{
		title: 'Import an order whose lines are given as JSON',
		params: { ...typedOrder, linesInput: 'json', linesJson: '[{"external_id": "l1", "product": "p1", "count": 3}]' },
		path: '/api/v1.1/market/orders/import',
		body: { data: [{ ...importedOrder, lines: [{ external_id: 'l1', product: 'p1', count: 3 }] }] },
		modifying: true,
	},
	{
		title: 'Import several orders as JSON, with custom field definitions as JSON',
		params: {
			...base,
			operation: 'import',
			orderInput: 'json',
			ordersJson: [{ external_id: 'o1' }, { external_id: 'o2' }],
			customFieldDefinitionsInput: 'json',
			customFieldDefinitionsJson: '[{"external_id": "gift", "name": "Gift", "entity_type": "line_order", "value_type": "unicode"}]',
			customLineStatuses: {},
			additionalFields: {},
		},
		path: '/api/v1.1/market/orders/import',
		body: {
			data: [{ external_id: 'o1' }, { external_id: 'o2' }],
			custom_fields: [{ external_id: 'gift', name: 'Gift', entity_type: 'line_order', value_type: 'unicode' }],
		},
		modifying: true,
	},
	{
		title: 'Import one order given as a JSON object',
		params: { ...base, operation: 'import', orderInput: 'json', ordersJson: '{"external_id": "o1"}', customFieldDefinitionsInput: 'fields', customFieldDefinitions: {}, customLineStatuses: {}, additionalFields: {} },
		path: '/api/v1.1/market/orders/import',
		body: { data: [{ external_id: 'o1' }] },
		modifying: true,
	},
	{
		title: 'Get Many orders of one touchpoint (answers result)',
		params: { ...base, operation: 'getAll', returnAll: false, limit: 10, filters: { endpoint: 'website' } },
		path: '/api/v1.1/market/orders/list',
		body: { limit: 10, endpoint: 'website' },
		answer: { ...ok, result: [{ external_id: 'o1', status: 'new' }] },
		output: [{ external_id: 'o1', status: 'new' }],
	},
	{
		title: 'Get the status of an order by external ID (answers result)',
		params: { ...base, operation: 'getStatus', identifyBy: 'externalId', externalId: 'order-1001' },
		path: '/api/v1.1/market/orders/get_status',
		body: { external_id: 'order-1001' },
		answer: { ...ok, result: { endpoint: 'marketplace', status: 'delivered' } },
		output: [{ endpoint: 'marketplace', status: 'delivered' }],
	},
	{
		title: 'Get the status of an order by internal ID',
		params: { ...base, operation: 'getStatus', identifyBy: 'id', internalId: 77 },
		path: '/api/v1.1/market/orders/get_status',
		body: { id: 77 },
	},
	{
		title: 'Update the status of an order line',
		params: { ...base, operation: 'updateLineStatus', orderExternalId: 'order-1001', lineExternalId: 'line-1', status: 'delivered' },
		path: '/api/v1.1/market/orders/update_order_line_status',
		body: { order_external_id: 'order-1001', order_line_external_id: 'line-1', status_external_id: 'delivered' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Delete an order by external ID',
		params: { ...base, operation: 'delete', identifyBy: 'externalId', externalId: 'order-1001' },
		path: '/api/v1.1/market/orders/delete',
		body: { external_id: 'order-1001' },
		output: [{ deleted: true }],
		modifying: true,
	},
	{
		title: 'Calculate a preorder (no Request-ID: nothing is created)',
		params: { ...base, ...preorderData, operation: 'preorder', externalId: '12', matching: 'email', email: 'example@example.com' },
		path: '/api/v1.1/market/orders/preorder',
		body: { external_id: '12', matching: 'email', email: 'example@example.com', data: preorderBody },
		answer: { ...ok, data: { final_total_price: '2150.00' } },
		output: [{ data: { final_total_price: '2150.00' } }],
	},
	{
		title: 'Calculate a preorder whose line names a SKU, without a final total',
		params: {
			...base,
			...preorderData,
			operation: 'preorder',
			externalId: '12',
			matching: 'profile_id',
			profileId: PID,
			finalTotalPrice: '',
			lines: { entry: [{ externalId: 'line_1', itemType: 'sku', item: 'sku-9', count: 1 }] },
			orderFields: { region: 'region_moscow' },
		},
		path: '/api/v1.1/market/orders/preorder',
		body: {
			external_id: '12',
			matching: 'profile_id',
			profile_id: PID,
			data: { ...preorderBody, final_total_price: undefined, lines: [{ external_id: 'line_1', sku: 'sku-9', count: 1 }], region: 'region_moscow' },
		},
	},
	{
		title: 'Confirm a preorder: member by e-mail without "matching", skip triggers',
		params: { ...base, ...preorderData, operation: 'preorderCommit', externalId: 'order_12345', memberBy: 'email', email: 'user@example.com', additionalFields: { skipTriggers: true } },
		path: '/api/v1.1/market/orders/preorder_commit',
		body: { external_id: 'order_12345', email: 'user@example.com', data: preorderBody, skip_triggers: true },
		modifying: true,
	},
	{
		title: 'Confirm a preorder given as JSON, member by phone',
		params: {
			...base,
			operation: 'preorderCommit',
			externalId: 'order_1',
			memberBy: 'phone',
			phone: '+79000000000',
			orderDataInput: 'json',
			orderDataJson: '{"endpoint": "bot", "final_total_price": "10"}',
			additionalFields: {},
		},
		path: '/api/v1.1/market/orders/preorder_commit',
		body: { external_id: 'order_1', phone: '+79000000000', data: { endpoint: 'bot', final_total_price: '10' } },
		modifying: true,
	},
];

// Undefined keys in expected bodies stand for "not sent".
for (const row of rows) row.body = JSON.parse(JSON.stringify(row.body));

describe('Order operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Order → Get Many paging (string cursor, entries in result)', () => {
	pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/market/orders/list', body: {}, cursors: ['c1', 'c2'], pageSize: 100, dataKey: 'result' });
});

describe('Order input validation', () => {
	validationRows([
		{ title: 'an order without lines', params: { ...typedOrder, lines: {} }, message: 'Lines: add at least one line (item 0)' },
		{
			title: 'a line without an item',
			params: { ...typedOrder, lines: { entry: [{ ...line, item: '' }] } },
			message: 'Lines → #1 → Item External ID: is required (item 0)',
		},
		{
			title: 'a line with a count of 0',
			params: { ...typedOrder, lines: { entry: [{ ...line, count: 0 }] } },
			message: 'Lines → #1 → Count: must be between 1 and 9007199254740991, got 0 (item 0)',
		},
		{
			title: 'a price with a comma',
			params: { ...typedOrder, totalPrice: '1500,00' },
			message: 'Total Price: must be a decimal number like 100.50, got "1500,00" (item 0)',
		},
		{ title: 'an order without a touchpoint', params: { ...typedOrder, endpoint: '' }, message: 'Touchpoint: is required (item 0)' },
		{ title: 'a buyer e-mail that is not one', params: { ...typedOrder, email: 'buyer' }, message: 'Email: "buyer" is not an e-mail address (item 0)' },
		{
			title: 'orders JSON that is not a list of objects',
			params: { ...typedOrder, orderInput: 'json', ordersJson: '[1]' },
			message: 'Orders (JSON): entry 1 must be a JSON object (item 0)',
		},
		{ title: 'empty orders JSON', params: { ...typedOrder, orderInput: 'json', ordersJson: '[]' }, message: 'Orders (JSON): add at least one entry (item 0)' },
		{
			title: 'a custom field definition without a name',
			params: { ...typedOrder, customFieldDefinitions: { entry: [{ externalId: 'x', name: '', entityType: 'order', valueType: 'unicode' }] } },
			message: 'Custom Field Definitions → #1 → Name: is required (item 0)',
		},
		{
			title: 'a preorder commit without the final total',
			params: { ...base, ...preorderData, finalTotalPrice: '', operation: 'preorderCommit', externalId: 'o', memberBy: 'email', email: 'user@example.com', additionalFields: {} },
			message: 'Final Total Price: is required (item 0)',
		},
		{
			title: 'a preorder commit by a malformed profile ID',
			params: { ...base, ...preorderData, operation: 'preorderCommit', externalId: 'o', memberBy: 'profile_id', profileId: 'abc', additionalFields: {} },
			message: 'Profile ID: "abc" is not a profile ID (24 hexadecimal characters) (item 0)',
		},
		{
			title: 'a preorder by a custom field (not listed for preorders)',
			params: { ...base, ...preorderData, operation: 'preorder', externalId: 'o', matching: 'custom' },
			message: 'Match Profile By: "custom" is not a matching mode of this operation (item 0)',
		},
		{ title: 'deleting an order without its ID', params: { ...base, operation: 'delete', identifyBy: 'externalId', externalId: '' }, message: 'Order External ID: is required (item 0)' },
		{ title: 'a line status update without a status', params: { ...base, operation: 'updateLineStatus', orderExternalId: 'o', lineExternalId: 'l', status: '' }, message: 'Status: is required (item 0)' },
	]);
});
