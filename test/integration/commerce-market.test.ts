/**
 * Order (with Calculate / Confirm Preorder), Product and SKU over real HTTP against the Altcraft emulator, run through
 * n8n's real execution engine (61-market.md, 52-loyalty.md §10–11; emulator C11–C14).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { preorderFields, typedOrder } from '../helpers/orders';
import { expectInputError, jsonOf, NOT_FOUND, runNode } from './support/audience';
import type { CommerceEmulator } from './support/commerce';
import { asAudience, call, CONFLICT, errorOf, opsOf, requestsAt, RFC3339, shopper, useCommerceEmulator } from './support/commerce';

const emulator = useCommerceEmulator();

const run = (emu: CommerceEmulator, parameters: INodeParameters, extra: Parameters<typeof runNode>[2] = {}) =>
	runNode(asAudience(emu), parameters, extra);
const inputError = (emu: CommerceEmulator, parameters: INodeParameters, message: string | RegExp, input: IDataObject = {}) =>
	expectInputError(asAudience(emu), parameters, message, input);

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const pad = (i: number) => String(i).padStart(3, '0');

// ---------------------------------------------------------------------------------------------------------------
// Products and SKUs

const product = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'product', operation, ...extra });
const sku = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'sku', operation, ...extra });

describe('Product and SKU', () => {
	test('Import (typed, with a category tree and a custom field) → Get Many → SKU import → Delete', async () => {
		const emu = emulator();
		const imported = await run(
			emu,
			product('import', {
				externalId: 'tshirt',
				name: 'T-shirt',
				productFields: {
					price: '20',
					oldPrice: 25.5,
					currency: 'USD',
					tags: 'summer, sale',
					manufacturerName: 'Acme',
					url: 'https://shop.example.com/tshirt',
					categories: 'cat_shirts',
					customFields: '{"material": "cotton"}',
				},
				categoryDefinitions: {
					entry: [
						{ externalId: 'cat_clothes', name: 'Clothes' },
						{ externalId: 'cat_shirts', name: 'Shirts', parentExternalId: 'cat_clothes' },
					],
				},
				customFieldDefinitions: { entry: [{ externalId: 'material', name: 'Material', entityType: 'product', valueType: 'unicode' }] },
			}),
		);
		expect(imported.status).toBe('success');
		expect(jsonOf(imported)).toEqual([{ success: true }]);
		expect(emu.commerce.getProduct('tshirt')).toMatchObject({
			name: 'T-shirt',
			price: '20',
			old_price: '25.5',
			currency: 'USD',
			tags: ['summer', 'sale'],
			categories: ['cat_shirts'],
			custom_fields: { material: 'cotton' },
		});
		expect(emu.commerce.getCategories()).toEqual([
			expect.objectContaining({ external_id: 'cat_clothes', name: 'Clothes' }),
			expect.objectContaining({ external_id: 'cat_shirts', parent_external_id: 'cat_clothes' }),
		]);
		expect(emu.commerce.getMarketCustomFields()).toEqual([expect.objectContaining({ external_id: 'material', entity_type: 'product', value_type: 'unicode' })]);

		const skuImport = await run(
			emu,
			sku('import', {
				externalId: 'tshirt-red-m',
				name: 'T-shirt red M',
				productExternalId: 'tshirt',
				skuFields: { price: '21.50', currency: 'USD', count: 5, isAvailable: true, barcode: '4601234567890', regionalData: '[{"external_id": "region_moscow", "price": "22", "count": 2}]' },
			}),
		);
		expect(skuImport.status).toBe('success');
		expect(emu.commerce.getSku('tshirt-red-m')).toMatchObject({ product_external_id: 'tshirt', price: '21.50', count: 5, is_available: true, barcode: [4601234567890] });
		await run(emu, sku('import', { externalId: 'tshirt-blue-l', name: 'T-shirt blue L', productExternalId: 'tshirt' }));

		const products = await run(emu, product('getAll', { returnAll: true }));
		expect(jsonOf(products)).toEqual([
			{
				id: expect.any(Number),
				name: 'T-shirt',
				external_id: 'tshirt',
				sku: [
					{ name: 'T-shirt red M', external_id: 'tshirt-red-m' },
					{ name: 'T-shirt blue L', external_id: 'tshirt-blue-l' },
				],
			},
		]);
		const skus = await run(emu, sku('getAll', { returnAll: true }));
		expect(jsonOf(skus)).toEqual([
			{ id: expect.any(Number), name: 'T-shirt red M', external_id: 'tshirt-red-m' },
			{ id: expect.any(Number), name: 'T-shirt blue L', external_id: 'tshirt-blue-l' },
		]);

		// A SKU by its internal ID; then the product, which takes its remaining SKU with it.
		const blueId = skus.items[1].json.id as number;
		expect(jsonOf(await run(emu, sku('delete', { internalIds: String(blueId) })))).toEqual([{ deleted: true, deleted_count: 1 }]);
		expect(requestsAt(emu, 'market/sku/delete')[0].body).toEqual({ token: emu.tokens.admin, ids: [blueId] });
		expect(jsonOf(await run(emu, sku('getAll', { returnAll: true }))).map((s) => s.external_id)).toEqual(['tshirt-red-m']);
		expect(jsonOf(await run(emu, product('delete', { externalIds: 'tshirt, no-such-product' })))).toEqual([{ deleted: true, deleted_count: 1 }]);
		expect(jsonOf(await run(emu, product('getAll', { returnAll: true })))).toEqual([]);
		expect(jsonOf(await run(emu, sku('getAll', { returnAll: true })))).toEqual([]);
		expect(opsOf(emu)).toEqual(['product.import', 'sku.import', 'sku.import', 'sku.delete', 'product.delete']);
	});

	test('an import again updates by external ID; JSON input with JSON categories and definitions', async () => {
		const emu = emulator();
		const first = await run(
			emu,
			product('import', {
				importInput: 'json',
				productsJson: '[{"external_id": "mug", "name": "Mug", "categories": ["kitchen"], "price": "9.90", "currency": "EUR"}, {"external_id": "cup", "name": "Cup"}]',
				categoryDefinitionsInput: 'json',
				categoryDefinitionsJson: '[{"external_id": "kitchen", "name": "Kitchen"}]',
				customFieldDefinitionsInput: 'json',
				customFieldDefinitionsJson: '[{"external_id": "volume", "name": "Volume", "entity_type": "sku", "value_type": "int"}]',
			}),
		);
		expect(first.status).toBe('success');
		const mugId = emu.commerce.getProduct('mug')?.id;
		await run(emu, product('import', { externalId: 'mug', name: 'Big mug' }));
		expect(emu.commerce.getProduct('mug')).toMatchObject({ id: mugId, name: 'Big mug' });

		const skus = await run(emu, sku('import', { importInput: 'json', skusJson: { external_id: 'mug-500', name: 'Mug 500 ml', product_external_id: 'mug', custom_fields: { volume: 500 } } }));
		expect(skus.status).toBe('success');
		expect(emu.commerce.getSku('mug-500')).toMatchObject({ custom_fields: { volume: 500 } });
		expect(jsonOf(await run(emu, product('getAll', { returnAll: true }))).map((p) => [p.name, p.sku])).toEqual([
			['Big mug', [{ name: 'Mug 500 ml', external_id: 'mug-500' }]],
			['Cup', []],
		]);
	});

	test('typed custom field definitions: the default value is sent as a value of the field type and fills what is left out', async () => {
		const emu = emulator();
		const definitions = [
			{ externalId: 'stock', name: 'Stock', entityType: 'product', valueType: 'int', required: true, defaultValue: '5' },
			{ externalId: 'rating', name: 'Rating', entityType: 'product', valueType: 'float', required: false, defaultValue: '4.5' },
			{ externalId: 'eco', name: 'Eco', entityType: 'product', valueType: 'bool', required: false, defaultValue: 'false' },
			{ externalId: 'color', name: 'Color', entityType: 'product', valueType: 'unicode', required: false, defaultValue: 'white' },
		];
		const imported = await run(emu, product('import', { externalId: 'lamp', name: 'Lamp', productFields: { customFields: '{"stock": 2}' }, customFieldDefinitions: { entry: definitions } }));
		expect(imported.status).toBe('success');
		expect(requestsAt(emu, 'market/products/import')[0].body?.custom_fields).toEqual([
			{ external_id: 'stock', name: 'Stock', entity_type: 'product', value_type: 'int', required: true, default_value: 5 },
			{ external_id: 'rating', name: 'Rating', entity_type: 'product', value_type: 'float', required: false, default_value: 4.5 },
			{ external_id: 'eco', name: 'Eco', entity_type: 'product', value_type: 'bool', required: false, default_value: false },
			{ external_id: 'color', name: 'Color', entity_type: 'product', value_type: 'unicode', required: false, default_value: 'white' },
		]);
		expect(emu.commerce.getProduct('lamp')?.custom_fields).toEqual({ stock: 2, rating: 4.5, eco: false, color: 'white' });
		await run(emu, product('import', { externalId: 'desk', name: 'Desk' }));
		expect(emu.commerce.getProduct('desk')?.custom_fields).toEqual({ stock: 5, rating: 4.5, eco: false, color: 'white' });
		// A default that does not fit its type is refused before sending.
		await inputError(
			emu,
			product('import', { externalId: 'x', name: 'X', customFieldDefinitions: { entry: [{ ...definitions[0], defaultValue: 'five' }] } }),
			'Custom Field Definitions → #1 → Default Value: must be a whole number, got "five" (item 0)',
		);
	});

	test('Get Many of products and SKUs: Return All over two pages, a Limit over two pages', async () => {
		const emu = emulator();
		await call(emu, 'market/products/import', { data: range(130).map((i) => ({ external_id: `p-${pad(i)}`, name: `Product ${i}` })) });
		await call(emu, 'market/sku/import', { data: range(130).map((i) => ({ external_id: `s-${pad(i)}`, name: `SKU ${i}`, product_external_id: `p-${pad(i)}` })) });

		for (const [resource, method, prefix] of [
			['product', 'market/products/list', 'p-'],
			['sku', 'market/sku/list', 's-'],
		] as const) {
			const all = await run(emu, { resource, operation: 'getAll', returnAll: true });
			expect(all.items.map((i) => i.json.external_id)).toEqual(range(130).map((i) => `${prefix}${pad(i)}`));
			const limited = await run(emu, { resource, operation: 'getAll', returnAll: false, limit: 120 });
			expect(limited.items.map((i) => i.json.external_id)).toEqual(range(120).map((i) => `${prefix}${pad(i)}`));
			const pages = requestsAt(emu, method).map((r) => [r.body?.limit, r.body?.from_id]);
			// Return All: 100, 30, then an empty page; Limit 120: 100, then 20 after the same cursor.
			expect(pages).toEqual([
				[100, undefined],
				[100, expect.any(String)],
				[100, expect.any(String)],
				[100, undefined],
				[20, pages[1][1]],
			]);
		}
	});

	test('references that do not exist: our 404 message, nothing imported', async () => {
		const emu = emulator();
		expect((await run(emu, sku('import', { externalId: 'orphan', name: 'Orphan', productExternalId: 'no-product' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, product('import', { externalId: 'x', name: 'X', productFields: { categories: 'no-category' } }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, product('import', { externalId: 'x', name: 'X', productFields: { currency: 'JPY' } }))).error?.message).toMatch(NOT_FOUND);
		// Deleting unknown items is not an error: nothing is deleted.
		expect(jsonOf(await run(emu, product('delete', { externalIds: 'ghost' })))).toEqual([{ deleted: true, deleted_count: 0 }]);
		expect(emu.commerce.getProduct('x')).toBeUndefined();
		expect(opsOf(emu)).toEqual(['product.delete']);
	});

	test('a token without the delete right cannot delete products (403)', async () => {
		const emu = emulator();
		await call(emu, 'market/products/import', { data: [{ external_id: 'keep', name: 'Keep' }] });
		const refused = await run(emu, product('delete', { externalIds: 'keep' }), { token: emu.tokens.noDelete });
		expect(refused.error?.message).toMatch(errorOf(403));
		expect(emu.commerce.getProduct('keep')).toBeDefined();
	});

	test('missing parameters stop before anything is sent, naming the field and the item', async () => {
		const emu = emulator();
		await inputError(emu, product('import', { externalId: 'p', name: '={{ $json.name }}' }), 'Name: is required (item 0)', { name: '' });
		await inputError(emu, sku('import', { externalId: 's', name: 'S', productExternalId: '={{ $json.product }}' }), 'Product External ID: is required (item 0)', { product: '' });
		await inputError(emu, product('import', { externalId: 'p', name: 'P', productFields: { price: '={{ $json.price }}' } }), 'Product Fields → Price: must be a decimal number like 100.50, got "12,50" (item 0)', { price: '12,50' });
		await inputError(emu, product('delete', { externalIds: '={{ $json.ids }}', internalIds: '' }), 'External IDs / Internal IDs: give at least one ID of the products to delete (item 0)', { ids: '' });
		await inputError(emu, sku('delete', { internalIds: '={{ $json.ids }}' }), /^Internal IDs: .*\(item 0\)$/, { ids: 'abc' });
		await inputError(emu, product('import', { importInput: 'json', productsJson: '={{ $json.list }}' }), 'Products (JSON): add at least one entry (item 0)', { list: '[]' });
		await inputError(
			emu,
			product('import', { externalId: 'p', name: 'P', categoryDefinitions: { entry: [{ externalId: 'c', name: '' }] } }),
			'Categories to Create → #1 → Name: is required (item 0)',
		);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Orders

const order = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'order', operation, ...extra });
const orderJson = (externalId: string, email: string, endpoint = 'website'): IDataObject => ({
	external_id: externalId,
	email,
	endpoint,
	status: 'new',
	total_price: '10.00',
	currency: 'RUB',
	lines: [{ external_id: 'l1', product: 'p1', count: 1 }],
});

describe('Order', () => {
	test('Import (typed) → Get Many → Get Status → Update Line Status → Delete (no longer listed)', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');
		const imported = await run(
			emu,
			typedOrder('order-1001', {
				orderFields: { deliveryCost: '50', tags: 'gift, express', region: 'region_moscow', customFields: '{"payment": "card"}', createTime: '2025-03-01T10:00:00Z' },
				customFieldDefinitions: { entry: [{ externalId: 'payment', name: 'Payment', entityType: 'order', valueType: 'unicode' }] },
				customLineStatuses: { status: [{ externalId: 'packed', name: 'Packed', type: 'in_process' }] },
				additionalFields: { skipTriggers: true },
			}),
		);
		expect(imported.status).toBe('success');
		expect(jsonOf(imported)).toEqual([{ success: true }]);
		expect(requestsAt(emu, 'market/orders/import')[0].body).toMatchObject({
			data: [{ external_id: 'order-1001', matching: 'email', email: 'ann@example.com', total_price: '4549.00', delivery_cost: '50', tags: ['gift', 'express'] }],
			custom_fields: [{ external_id: 'payment', entity_type: 'order', value_type: 'unicode' }],
			custom_line_statuses: [{ external_id: 'packed', name: 'Packed', type: 'in_process' }],
			skip_triggers: true,
		});
		expect(emu.commerce.getLineStatuses()).toEqual([expect.objectContaining({ external_id: 'packed', type: 'in_process' })]);

		const listed = await run(emu, order('getAll', { returnAll: true }));
		expect(jsonOf(listed)).toEqual([
			{
				id: expect.any(Number),
				profile: { profile_id: ann, xxh: emu.store.xxh(ann) },
				external_id: 'order-1001',
				endpoint: 'website',
				tags: ['gift', 'express'],
				status: 'new',
				delivery_cost: '50',
				total_price: '4549.00',
				currency: 'RUB',
				custom_fields: { payment: 'card' },
				region: 'region_moscow',
				lines: [
					{
						external_id: 'line-1',
						status: 'new',
						product: 'tshirt-red-m',
						base_price_per_item: '1700',
						min_price_per_item: '',
						final_price_per_item: '1500.00',
						count: 2,
						custom_fields: {},
						currency: 'RUB',
					},
					{
						external_id: 'line-2',
						status: 'processing',
						product: 'mug',
						base_price_per_item: '',
						min_price_per_item: '',
						final_price_per_item: '1549',
						count: 1,
						custom_fields: {},
						currency: 'RUB',
					},
				],
				create_time: '2025-03-01T10:00:00Z',
				update_time: expect.stringMatching(RFC3339),
			},
		]);
		const internalId = listed.items[0].json.id as number;

		expect(jsonOf(await run(emu, order('getStatus', { externalId: 'order-1001' })))).toEqual([{ endpoint: 'website', status: 'new' }]);
		expect(jsonOf(await run(emu, order('getStatus', { identifyBy: 'id', internalId })))).toEqual([{ endpoint: 'website', status: 'new' }]);
		expect(requestsAt(emu, 'market/orders/get_status').map((r) => r.body)).toEqual([
			{ token: emu.tokens.admin, external_id: 'order-1001' },
			{ token: emu.tokens.admin, id: internalId },
		]);

		const lineUpdate = await run(emu, order('updateLineStatus', { orderExternalId: 'order-1001', lineExternalId: 'line-1', status: 'packed' }));
		expect(jsonOf(lineUpdate)).toEqual([{ success: true }]);
		await run(emu, order('updateLineStatus', { orderExternalId: 'order-1001', lineExternalId: 'line-2', status: 'delivered' }));
		expect((emu.commerce.getOrder('order-1001')?.lines as IDataObject[]).map((l) => l.status)).toEqual(['packed', 'delivered']);
		expect(emu.ledger.filter((e) => e.op === 'order.line_status').map((e) => e.data)).toEqual([
			{ external_id: 'order-1001', line: 'line-1', from: 'new', to: 'packed' },
			{ external_id: 'order-1001', line: 'line-2', from: 'processing', to: 'delivered' },
		]);

		// An import of the same external ID replaces the order (same internal ID).
		await run(emu, typedOrder('order-1001', { status: 'paid' }));
		expect(jsonOf(await run(emu, order('getStatus', { identifyBy: 'id', internalId })))).toEqual([{ endpoint: 'website', status: 'paid' }]);

		expect(jsonOf(await run(emu, order('delete', { externalId: 'order-1001' })))).toEqual([{ deleted: true }]);
		expect(jsonOf(await run(emu, order('getAll', { returnAll: true })))).toEqual([]);
		expect((await run(emu, order('getStatus', { externalId: 'order-1001' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, order('delete', { identifyBy: 'id', internalId }))).error?.message).toMatch(NOT_FOUND);
		expect(opsOf(emu)).toEqual(['profile.create', 'order.import', 'order.line_status', 'order.line_status', 'order.import', 'order.delete']);
	});

	test('buyers matched by phone, profile ID and a custom field; several orders as JSON; lines as JSON; the touchpoint filter', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', { phones: ['+79001112233'], crm_id: 'CRM-5' });
		const bob = await shopper(emu, 'bob@example.com', {}, 2);
		await run(emu, typedOrder('by-phone', { matching: 'phone', phone: '+79001112233' }));
		await run(emu, typedOrder('by-id', { matching: 'profile_id', profileId: ann, endpoint: 'shop', linesInput: 'json', linesJson: '[{"external_id": "l1", "product": "p1", "count": 3}]' }));
		await run(emu, typedOrder('by-crm', { matching: 'custom', fieldName: 'crm_id', fieldValue: 'CRM-5', endpoint: 'shop' }));
		const json = await run(emu, order('import', { orderInput: 'json', ordersJson: JSON.stringify([orderJson('j-1', 'ann@example.com', 'bot'), orderJson('j-2', 'bob@example.com', 'partner')]) }));
		expect(json.status).toBe('success');
		expect(emu.commerce.getOrders().map((o) => [o.external_id, o.db_id, (o.profile as IDataObject).profile_id])).toEqual([
			['by-phone', 1, ann],
			['by-id', 1, ann],
			['by-crm', 1, ann],
			['j-1', 1, ann],
			['j-2', 2, bob],
		]);
		const shop = await run(emu, order('getAll', { returnAll: true, filters: { endpoint: 'shop' } }));
		expect(jsonOf(shop).map((o) => o.external_id)).toEqual(['by-id', 'by-crm']);
		expect(requestsAt(emu, 'market/orders/list')[0].body).toMatchObject({ endpoint: 'shop', limit: 100 });
		expect((await run(emu, order('getAll', { returnAll: true, filters: { endpoint: 'nowhere' } }))).error?.message).toMatch(NOT_FOUND);
	});

	test('Get Many of orders: Return All over two pages, a Limit over two pages', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await call(emu, 'market/orders/import', { data: range(130).map((i) => orderJson(`o-${pad(i)}`, 'ann@example.com')) });

		const all = await run(emu, order('getAll', { returnAll: true }));
		expect(all.items.map((i) => i.json.external_id)).toEqual(range(130).map((i) => `o-${pad(i)}`));
		const limited = await run(emu, order('getAll', { returnAll: false, limit: 120 }));
		expect(limited.items.map((i) => i.json.external_id)).toEqual(range(120).map((i) => `o-${pad(i)}`));
		const pages = requestsAt(emu, 'market/orders/list').map((r) => [r.body?.limit, r.body?.from_id]);
		expect(pages).toEqual([
			[100, undefined],
			[100, expect.stringMatching(/^o-\d+$/)],
			[100, expect.stringMatching(/^o-\d+$/)],
			[100, undefined],
			[20, pages[1][1]],
		]);
		const few = await run(emu, order('getAll', { returnAll: false, limit: 2 }));
		expect(few.items.map((i) => i.json.external_id)).toEqual(['o-001', 'o-002']);
	});

	test('Calculate Preorder changes nothing; Confirm Preorder creates the order; both refuse an existing order (409)', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', { phones: ['+79001112233'] });
		await call(emu, 'market/products/import', { data: [{ external_id: 'tshirt', name: 'T-shirt', price: '20.00', currency: 'RUB' }] });
		await call(emu, 'market/sku/import', { data: [{ external_id: 'tshirt-m', name: 'T-shirt M', product_external_id: 'tshirt', price: '21.50', currency: 'RUB' }] });
		const before = emu.ledger.length;
		const calculation = {
			external_id: 'order-77',
			profile_id: ann,
			endpoint: 'website',
			currency: 'RUB',
			total_price: '63.00',
			delivery_cost: '0.00',
			lines_total: '63.00',
			discount: '0.00',
			final_total_price: '63.00',
			points_to_redeem: '0.00',
			points_to_accrue: '0.00',
			lines: [
				{ external_id: 'l1', sku: 'tshirt-m', count: 2, price_per_item: '21.50', total_price: '43.00', discount: '0.00' },
				{ external_id: 'l2', product: 'tshirt', count: 1, price_per_item: '20.00', total_price: '20.00', discount: '0.00' },
			],
		};

		const preorder = await run(emu, order('preorder', { externalId: 'order-77', matching: 'phone', phone: '+79001112233', ...preorderFields }));
		expect(preorder.status).toBe('success');
		expect(jsonOf(preorder)).toEqual([{ data: calculation }]);
		// A calculation: no Request-ID, nothing created or recorded.
		expect(requestsAt(emu, 'market/orders/preorder')[0].headers['request-id']).toBeUndefined();
		expect(requestsAt(emu, 'market/orders/preorder')[0].body).toMatchObject({
			external_id: 'order-77',
			matching: 'phone',
			phone: '+79001112233',
			data: { endpoint: 'website', total_price: '63.00', lines: [{ external_id: 'l1', sku: 'tshirt-m', count: 2 }, { external_id: 'l2', product: 'tshirt', count: 1 }] },
		});
		expect(emu.commerce.getOrder('order-77')).toBeUndefined();
		expect(emu.ledger).toHaveLength(before);

		const committed = await run(emu, order('preorderCommit', { externalId: 'order-77', memberBy: 'profile_id', profileId: ann, ...preorderFields, finalTotalPrice: '63.00', additionalFields: { skipTriggers: true } }));
		expect(committed.status).toBe('success');
		expect(jsonOf(committed)).toEqual([{ data: { id: expect.any(Number), ...calculation } }]);
		expect(requestsAt(emu, 'market/orders/preorder_commit')[0].headers['request-id']).toEqual(expect.any(String));
		expect(requestsAt(emu, 'market/orders/preorder_commit')[0].body).toMatchObject({ profile_id: ann, data: { final_total_price: '63.00' }, skip_triggers: true });
		expect(requestsAt(emu, 'market/orders/preorder_commit')[0].body).not.toHaveProperty('matching');
		expect(emu.commerce.getOrder('order-77')).toMatchObject({ source: 'preorder_commit', status: 'new', db_id: 1 });
		expect(jsonOf(await run(emu, order('getAll', { returnAll: true }))).map((o) => o.external_id)).toEqual(['order-77']);
		expect(emu.ledger.slice(before).map((e) => [e.op, e.skipTriggers])).toEqual([['order.preorder_commit', true]]);

		expect((await run(emu, order('preorderCommit', { externalId: 'order-77', memberBy: 'email', email: 'ann@example.com', ...preorderFields, finalTotalPrice: '63.00' }))).error?.message).toMatch(CONFLICT);
		expect((await run(emu, order('preorder', { externalId: 'order-77', matching: 'email', email: 'ann@example.com', ...preorderFields }))).error?.message).toMatch(CONFLICT);
	});

	test('preorder data as JSON; the member of a commit by e-mail or phone', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com', { phones: ['+79001112233'] });
		const data = { endpoint: 'shop', status: 'new', currency: 'USD', total_price: '10', final_total_price: '10', lines: [{ external_id: 'l', product: 'gift-card' }] };
		const calculated = await run(emu, order('preorder', { externalId: 'p-1', matching: 'email', email: 'ann@example.com', orderDataInput: 'json', orderDataJson: JSON.stringify(data) }));
		expect(calculated.items[0].json.data).toMatchObject({ total_price: '10.00', lines: [{ external_id: 'l', product: 'gift-card', count: 1, price_per_item: '' }] });
		for (const [externalId, member] of [
			['p-1', { memberBy: 'email', email: 'ann@example.com' }],
			['p-2', { memberBy: 'phone', phone: '+79001112233' }],
		] as const) {
			const committed = await run(emu, order('preorderCommit', { externalId, ...member, orderDataInput: 'json', orderDataJson: JSON.stringify(data) }));
			expect(committed.status).toBe('success');
		}
		expect(requestsAt(emu, 'market/orders/preorder_commit').map((r) => [r.body?.email, r.body?.phone])).toEqual([
			['ann@example.com', undefined],
			[undefined, '+79001112233'],
		]);
		expect(emu.commerce.getOrders().map((o) => o.external_id)).toEqual(['p-1', 'p-2']);
	});

	test('unknown buyer, touchpoint, order, line or line status: our 404 message, nothing changed', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		expect((await run(emu, typedOrder('o-1', { email: 'ghost@example.com' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, typedOrder('o-1', { endpoint: 'moon-shop' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, typedOrder('o-1', { status: 'lost' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, order('getStatus', { externalId: 'o-1' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, order('delete', { externalId: 'o-1' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, order('updateLineStatus', { orderExternalId: 'o-1', lineExternalId: 'line-1', status: 'delivered' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, order('preorder', { externalId: 'x', matching: 'email', email: 'ghost@example.com', endpoint: 'website', status: 'new', currency: 'RUB', totalPrice: '1', lines: { entry: [{ externalId: 'l', item: 'p' }] } }))).error?.message).toMatch(NOT_FOUND);
		await run(emu, typedOrder('o-1'));
		expect((await run(emu, order('updateLineStatus', { orderExternalId: 'o-1', lineExternalId: 'line-9', status: 'delivered' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, order('updateLineStatus', { orderExternalId: 'o-1', lineExternalId: 'line-1', status: 'teleported' }))).error?.message).toMatch(NOT_FOUND);
		expect(opsOf(emu)).toEqual(['profile.create', 'order.import']);
	});

	test('missing parameters stop before anything is sent, naming the field and the item', async () => {
		const emu = emulator();
		await inputError(emu, typedOrder('o', { lines: {} }), 'Lines: add at least one line (item 0)');
		await inputError(emu, typedOrder('={{ $json.id }}'), 'Order External ID: is required (item 0)', { id: '' });
		await inputError(emu, typedOrder('o', { totalPrice: '={{ $json.total }}' }), 'Total Price: must be a decimal number like 100.50, got "-5" (item 0)', { total: '-5' });
		await inputError(emu, typedOrder('o', { lines: { entry: [{ externalId: 'l1', item: '={{ $json.sku }}', count: 1 }] } }), 'Lines → #1 → Item External ID: is required (item 0)', { sku: '' });
		await inputError(emu, order('import', { orderInput: 'json', ordersJson: '={{ $json.orders }}' }), 'Orders (JSON): add at least one entry (item 0)', { orders: '[]' });
		await inputError(emu, order('getStatus', { externalId: '={{ $json.id }}' }), 'Order External ID: is required (item 0)', { id: '' });
		await inputError(emu, order('delete', { identifyBy: 'id', internalId: '={{ $json.id }}' }), /^Order Internal ID: .*\(item 0\)$/, { id: 0 });
		await inputError(emu, order('updateLineStatus', { orderExternalId: 'o', lineExternalId: '={{ $json.line }}', status: 'new' }), 'Line External ID: is required (item 0)', { line: '' });
		await inputError(
			emu,
			order('preorderCommit', { externalId: 'o', memberBy: 'profile_id', profileId: 'abc', endpoint: 'website', status: 'new', currency: 'RUB', totalPrice: '1', finalTotalPrice: '1', lines: { entry: [{ externalId: 'l', item: 'p' }] } }),
			'Profile ID: "abc" is not a profile ID (24 hexadecimal characters) (item 0)',
		);
		await inputError(
			emu,
			order('preorderCommit', { externalId: 'o', email: 'ann@example.com', endpoint: 'website', status: 'new', currency: 'RUB', totalPrice: '1', finalTotalPrice: '={{ $json.final }}', lines: { entry: [{ externalId: 'l', item: 'p' }] } }),
			'Final Total Price: is required (item 0)',
			{ final: '' },
		);
		await inputError(emu, order('preorder', { externalId: 'o', matching: 'email', email: 'ann@example.com', orderDataInput: 'json', orderDataJson: '={{ $json.data }}' }), 'Order Data (JSON): is required (item 0)', { data: '{}' });
	});

	test('a bad item among several: the items before it are sent, the error names its index', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await run(emu, typedOrder('o-1'));
		const input = [{ json: { id: 'o-1' } }, { json: { id: '' } }];
		const result = await run(emu, order('getStatus', { externalId: '={{ $json.id }}' }), { input });
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Order External ID: is required (item 1)');
		expect(requestsAt(emu, 'market/orders/get_status')).toHaveLength(1);
		// With Continue On Fail both items get their own outcome.
		const both = await run(emu, order('getStatus', { externalId: '={{ $json.id }}' }), { input, node: { continueOnFail: true } });
		expect(both.status).toBe('success');
		expect(both.items[0].json).toEqual({ endpoint: 'website', status: 'new' });
		expect(both.items[1].json.error).toBe('Order External ID: is required (item 1)');
	});
});
