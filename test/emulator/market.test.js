'use strict';

const crypto = require('node:crypto');
const { createEmulator } = require('../../emulator');
const { call, P } = require('./helpers');

describe('Market: orders, products, SKUs', () => {
	let emu;
	let api;
	let ids;
	beforeAll(async () => {
		emu = await createEmulator();
		api = (path, body, opts = {}) => call(emu, path, body, { ...opts, headers: { 'request-id': crypto.randomUUID(), ...(opts.headers || {}) } });
	});
	afterAll(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		const a = await api(`${P}/profiles/import`, { db_id: 1, email: 'buyer@example.com', data: { email: 'buyer@example.com', phones: ['+79000000001'] } });
		const l = await api(`${P}/profiles/import`, { db_id: 2, email: 'partner@example.com', data: { email: 'partner@example.com' } });
		ids = { a: a.json.profile_id, lead: l.json.profile_id };
	});

	const M = `${P}/market`;
	const order = (n, extra = {}) => ({
		external_id: `order-${n}`,
		matching: 'email',
		email: 'buyer@example.com',
		endpoint: 'website',
		status: 'new',
		total_price: '1500',
		currency: 'USD',
		lines: [{ external_id: 'line-1', product: 'sku_tshirt_red_m', final_price_per_item: '1500', count: 1 }],
		...extra,
	});
	const importOrders = (data, extra = {}) => api(`${M}/orders/import`, { data, ...extra });
	const listAll = async (extra = {}) => (await api(`${M}/orders/list`, extra)).json;

	describe('orders', () => {
		test('import with custom field definitions and line statuses; the order is listed', async () => {
			const r = await importOrders(
				[
					order(1, {
						tags: ['gift', 'gift', 'express'],
						delivery_cost: '50',
						region: 'region_moscow',
						create_time: '2022-01-02 15:04:05',
						custom_fields: { payment: 'card' },
						lines: [
							{ external_id: 'line-1', product: 'tshirt', base_price_per_item: '1700', min_price_per_item: '1200', final_price_per_item: '1450', count: 1, status: 'packed', custom_fields: { size: 'M' } },
							{ external_id: 'line-2', product: 'socks', count: 2 },
						],
					}),
				],
				{
					skip_triggers: true,
					custom_fields: [
						{ external_id: 'payment', name: 'Payment', entity_type: 'order', value_type: 'unicode', required: true },
						{ external_id: 'gift_wrap', name: 'Gift wrap', entity_type: 'order', value_type: 'bool', default_value: false },
						{ external_id: 'size', name: 'Size', entity_type: 'line_order', value_type: 'unicode' },
					],
					custom_line_statuses: [{ external_id: 'packed', name: 'Packed', type: 'in_process' }],
				},
			);
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation' });
			const list = await listAll();
			expect(list).toEqual({
				error: 0,
				error_text: '',
				next_from_id: expect.any(String),
				result: [
					{
						id: 1,
						profile: { profile_id: ids.a, xxh: emu.store.xxh(ids.a) },
						external_id: 'order-1',
						endpoint: 'website',
						tags: ['gift', 'express'],
						status: 'new',
						delivery_cost: '50',
						total_price: '1500',
						currency: 'USD',
						custom_fields: { payment: 'card', gift_wrap: false },
						region: 'region_moscow',
						lines: [
							{ external_id: 'line-1', status: 'packed', product: 'tshirt', base_price_per_item: '1700', min_price_per_item: '1200', final_price_per_item: '1450', count: 1, custom_fields: { size: 'M' }, currency: 'USD' },
							{ external_id: 'line-2', status: 'new', product: 'socks', base_price_per_item: '', min_price_per_item: '', final_price_per_item: '', count: 2, custom_fields: {}, currency: 'USD' },
						],
						create_time: '2022-01-02T15:04:05Z',
						update_time: expect.stringMatching(/Z$/),
					},
				],
			});
			expect(emu.commerce.getLineStatuses()).toEqual([{ external_id: 'packed', name: 'Packed', type: 'in_process' }]);
			expect(emu.commerce.getMarketCustomFields().map((d) => d.external_id)).toEqual(['payment', 'gift_wrap', 'size']);
			expect(emu.ledger.filter((e) => e.op === 'order.import')).toEqual([expect.objectContaining({ skipTriggers: true, data: expect.objectContaining({ orders: [{ id: 1, external_id: 'order-1', profile_id: ids.a }] }) })]);
			// a re-import updates the order (same id, create_time kept)
			expect((await importOrders([order(1, { status: 'paid', custom_fields: { payment: 'cash' } })])).json.error).toBe(0);
			expect(emu.commerce.getOrder('order-1')).toMatchObject({ id: 1, status: 'paid', create_time: '2022-01-02T15:04:05Z', custom_fields: { payment: 'cash', gift_wrap: false } });
			expect(emu.commerce.getOrders()).toHaveLength(1);
		});

		test('import: 400 for missing or mistyped parameters (naming them), 404 for unknown settings or buyers, 450 for values, 409', async () => {
			const err = async (data, extra) => (await importOrders(data, extra)).json;
			expect((await api(`${M}/orders/import`, {})).json.error).toBe(400);
			expect((await err([])).error).toBe(400);
			expect(await err([order(1, { endpoint: undefined })])).toMatchObject({ error: 400, error_text: expect.stringContaining("'data[0].endpoint'") });
			expect(await err([order(1), order(2, { lines: [] })])).toMatchObject({ error: 400, error_text: expect.stringContaining("'data[1].lines'") });
			expect(await err([order(1, { lines: [{ external_id: 'l', product: 'p', count: '1' }] })])).toMatchObject({ error: 400, error_text: expect.stringContaining('data[0].lines[0].count') });
			expect(await err([order(1, { lines: [{ external_id: 'l', count: 1 }] })])).toMatchObject({ error: 400, error_text: expect.stringContaining('data[0].lines[0].product') });
			expect(await err([order(1, { total_price: 1500 })])).toMatchObject({ error: 400 });
			expect(await err([order(1, { matching: 'email', email: undefined })])).toMatchObject({ error: 400, error_text: expect.stringContaining('data[0].email') });
			expect(await err([order(1)], { custom_fields: [{ external_id: 'x', name: 'X', entity_type: 'order' }] })).toMatchObject({ error: 400, error_text: expect.stringContaining('custom_fields[0].value_type') });
			expect(await err([order(1)], { custom_line_statuses: [{ external_id: 'x', name: 'X' }] })).toMatchObject({ error: 400 });
			expect((await err([order(1, { endpoint: 'kiosk' })])).error).toBe(404);
			expect((await err([order(1, { currency: 'JPY' })])).error).toBe(404);
			expect((await err([order(1, { status: 'lost' })])).error).toBe(404);
			expect((await err([order(1, { region: 'region_mars' })])).error).toBe(404);
			expect((await err([order(1, { lines: [{ external_id: 'l', product: 'p', count: 1, status: 'packed' }] })])).error).toBe(404);
			expect((await err([order(1, { email: 'nobody@example.com' })])).error).toBe(404);
			// the touchpoint "partner" is in database 2: its buyers are found there
			expect((await err([order(1, { endpoint: 'partner' })])).error).toBe(404);
			expect((await err([order(1, { total_price: '15,00' })])).error).toBe(450);
			expect((await err([order(1, { lines: [{ external_id: 'l', product: 'p', count: 0 }] })])).error).toBe(450);
			expect((await err([order(1, { lines: [{ external_id: 'l', product: 'p', count: 1 }, { external_id: 'l', product: 'q', count: 1 }] })])).error).toBe(450);
			expect((await err([order(1, { create_time: '2022-13-45' })])).error).toBe(450);
			expect((await err([order(1, { custom_fields: { payment: 'card' } })])).error).toBe(450);
			expect((await err([order(1)], { custom_fields: [{ external_id: 'n', name: 'N', entity_type: 'order', value_type: 'int', required: true }] })).error).toBe(450);
			expect((await err([order(1, { custom_fields: { n: 'one' } })], { custom_fields: [{ external_id: 'n', name: 'N', entity_type: 'order', value_type: 'int' }] })).error).toBe(450);
			expect((await err([order(1)], { custom_fields: [{ external_id: 'n', name: 'N', entity_type: 'customer', value_type: 'int' }] })).error).toBe(450);
			expect((await err([order(1)], { custom_fields: [{ external_id: 'n', name: 'N', entity_type: 'order', value_type: 'money' }] })).error).toBe(450);
			expect((await err([order(1)], { custom_line_statuses: [{ external_id: 'x', name: 'X', type: 'lost' }] })).error).toBe(450);
			expect((await err([order(1)], { custom_line_statuses: [{ external_id: 'delivered', name: 'X', type: 'delivered' }] })).error).toBe(409);
			// all or nothing: nothing was applied
			expect(emu.commerce.getOrders()).toEqual([]);
			expect(emu.commerce.getMarketCustomFields()).toEqual([]);
			expect(emu.ledger.filter((e) => e.op.startsWith('order.'))).toEqual([]);
			expect((await err([order(1)], { custom_fields: [{ external_id: 'n', name: 'N', entity_type: 'order', value_type: 'int' }] })).error).toBe(0);
			expect((await err([order(2)], { custom_fields: [{ external_id: 'n', name: 'N', entity_type: 'order', value_type: 'unicode' }] })).error).toBe(409);
			expect((await importOrders([order(3)], {}).then((r) => r)).json.error).toBe(0);
			expect((await api(`${M}/orders/import`, { data: [order(4)] }, { token: emu.tokens.readOnly })).json.error).toBe(403);
		});

		test('orders/list pages over several pages; the endpoint filter; an imported order is listed, a deleted one is not', async () => {
			await importOrders([1, 2, 3, 4, 5].map((n) => order(n, n % 2 ? {} : { endpoint: 'shop' })));
			const seen = [];
			let from = '';
			let pages = 0;
			for (;;) {
				const r = await listAll({ limit: 2, from_id: from });
				expect(r.error).toBe(0);
				if (r.result.length === 0) {
					expect(r.next_from_id).toBe(from);
					break;
				}
				pages += 1;
				seen.push(...r.result.map((o) => o.external_id));
				from = r.next_from_id;
			}
			expect(pages).toBe(3);
			expect(seen).toEqual(['order-1', 'order-2', 'order-3', 'order-4', 'order-5']);
			expect((await listAll({ endpoint: 'shop' })).result.map((o) => o.external_id)).toEqual(['order-2', 'order-4']);
			expect((await listAll({ endpoint: 'kiosk' })).error).toBe(404);
			expect((await listAll({ from_id: 'garbage' })).error).toBe(400);
			expect((await listAll({ limit: 0 })).error).toBe(400);
			const del = await api(`${M}/orders/delete`, { external_id: 'order-2' });
			expect(del.json).toEqual({ error: 0, error_text: '' });
			expect((await listAll()).result.map((o) => o.external_id)).toEqual(['order-1', 'order-3', 'order-4', 'order-5']);
			expect((await api(`${M}/orders/delete`, { id: 4 })).json.error).toBe(0);
			expect((await listAll()).result.map((o) => o.external_id)).toEqual(['order-1', 'order-3', 'order-5']);
			expect((await api(`${M}/orders/delete`, { external_id: 'order-2' })).json.error).toBe(404);
			expect((await api(`${M}/orders/delete`, {})).json.error).toBe(400);
			expect((await api(`${M}/orders/delete`, { id: 1, external_id: 'order-3' })).json.error).toBe(404);
			expect((await api(`${M}/orders/delete`, { external_id: 'order-1' }, { token: emu.tokens.noDelete })).json.error).toBe(403);
			expect(emu.ledger.filter((e) => e.op === 'order.delete').map((e) => e.data)).toEqual([{ id: 2, external_id: 'order-2' }, { id: 4, external_id: 'order-4' }]);
		});

		test('orders of a database outside the token zone are not visible', async () => {
			await importOrders([order(1), order(2, { endpoint: 'partner', email: 'partner@example.com' })]);
			expect((await listAll()).result).toHaveLength(2);
			const lim = await api(`${M}/orders/list`, {}, { token: emu.tokens.limited });
			expect(lim.json.result.map((o) => o.external_id)).toEqual(['order-1']);
			expect((await api(`${M}/orders/get_status`, { external_id: 'order-2' }, { token: emu.tokens.limited })).json.error).toBe(404);
			expect((await api(`${M}/orders/import`, { data: [order(3, { endpoint: 'partner', email: 'partner@example.com' })] }, { token: emu.tokens.limited })).json.error).toBe(404);
			expect((await api(`${M}/orders/list`, {}, { token: emu.tokens.otherAccount })).json.result).toEqual([]);
		});

		test('get_status answers `result`; update_order_line_status', async () => {
			await importOrders([order(1, { endpoint: 'marketplace', status: 'delivered' })], { custom_line_statuses: [{ external_id: 'returned_to_shop', name: 'Returned', type: 'refunded' }] });
			const s = await api(`${M}/orders/get_status`, { external_id: 'order-1' });
			expect(s.json).toEqual({ error: 0, error_text: '', result: { endpoint: 'marketplace', status: 'delivered' } });
			expect((await api(`${M}/orders/get_status`, { id: 1 })).json.result).toEqual({ endpoint: 'marketplace', status: 'delivered' });
			expect((await api(`${M}/orders/get_status`, {})).json.error).toBe(400);
			expect((await api(`${M}/orders/get_status`, { id: '1' })).json.error).toBe(400);
			expect((await api(`${M}/orders/get_status`, { external_id: 'nope' })).json.error).toBe(404);
			const u = (extra) => api(`${M}/orders/update_order_line_status`, { order_external_id: 'order-1', order_line_external_id: 'line-1', status_external_id: 'delivering', ...extra });
			expect((await u()).json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.commerce.getOrder('order-1').lines[0].status).toBe('delivering');
			expect((await u({ status_external_id: 'returned_to_shop' })).json.error).toBe(0);
			expect((await listAll()).result[0].lines[0].status).toBe('returned_to_shop');
			expect((await u({ status_external_id: 'lost' })).json.error).toBe(404);
			expect((await u({ order_line_external_id: 'line-9' })).json.error).toBe(404);
			expect((await u({ order_external_id: 'order-9' })).json.error).toBe(404);
			expect((await u({ status_external_id: undefined })).json).toMatchObject({ error: 400, error_text: expect.stringContaining('status_external_id') });
			expect(emu.ledger.filter((e) => e.op === 'order.line_status').map((e) => e.data.to)).toEqual(['delivering', 'returned_to_shop']);
		});
	});

	describe('preorder', () => {
		const data = (extra = {}) => ({
			endpoint: 'website',
			status: 'new',
			currency: 'RUB',
			total_price: '2500.00',
			final_total_price: '2500.00',
			lines: [{ external_id: 'line_1', product: 'tshirt', count: 2 }, { external_id: 'line_2', sku: 'sku-red', final_price_per_item: '100' }],
			...extra,
		});

		test('preorder calculates without creating anything; preorder_commit creates the order', async () => {
			await api(`${M}/products/import`, { data: [{ external_id: 'tshirt', name: 'T-shirt', price: '1150.50', currency: 'RUB' }] });
			const n = emu.ledger.length;
			const r = await api(`${M}/orders/preorder`, { external_id: '12', matching: 'email', email: 'buyer@example.com', data: data() });
			expect(r.json).toEqual({
				error: 0,
				error_text: 'Successful operation',
				data: {
					external_id: '12',
					profile_id: ids.a,
					endpoint: 'website',
					currency: 'RUB',
					total_price: '2500.00',
					delivery_cost: '0.00',
					lines_total: '2401.00',
					discount: '0.00',
					final_total_price: '2500.00',
					points_to_redeem: '0.00',
					points_to_accrue: '0.00',
					lines: [
						{ external_id: 'line_1', product: 'tshirt', count: 2, price_per_item: '1150.50', total_price: '2301.00', discount: '0.00' },
						{ external_id: 'line_2', sku: 'sku-red', count: 1, price_per_item: '100.00', total_price: '100.00', discount: '0.00' },
					],
				},
			});
			expect(emu.ledger.length).toBe(n);
			expect(emu.commerce.getOrders()).toEqual([]);
			// the commit: the member key without `matching`
			const c = await api(`${M}/orders/preorder_commit`, { external_id: '12', phone: '+79000000001', skip_triggers: true, data: data({ region: 'region_moscow' }) });
			expect(c.json.data).toMatchObject({ id: 1, external_id: '12', profile_id: ids.a, final_total_price: '2500.00' });
			expect(emu.commerce.getOrder('12')).toMatchObject({ source: 'preorder_commit', status: 'new', region: 'region_moscow', lines: [expect.objectContaining({ product: 'tshirt', count: 2, status: 'new' }), expect.objectContaining({ sku: 'sku-red', count: 1 })] });
			expect((await listAll()).result.map((o) => o.external_id)).toEqual(['12']);
			expect(emu.ledger.filter((e) => e.op === 'order.preorder_commit')).toEqual([expect.objectContaining({ profileId: ids.a, skipTriggers: true })]);
			expect((await api(`${M}/orders/preorder_commit`, { external_id: '12', email: 'buyer@example.com', data: data() })).json.error).toBe(409);
			expect((await api(`${M}/orders/preorder`, { external_id: '12', matching: 'email', email: 'buyer@example.com', data: data() })).json.error).toBe(409);
		});

		test('validation', async () => {
			const pre = async (body) => (await api(`${M}/orders/preorder`, { external_id: '1', matching: 'email', email: 'buyer@example.com', data: data(), ...body })).json;
			const commit = async (body) => (await api(`${M}/orders/preorder_commit`, { external_id: '1', email: 'buyer@example.com', data: data(), ...body })).json;
			expect((await pre({ matching: undefined })).error).toBe(400);
			expect((await pre({ matching: 'custom', field_name: 'crm_id', field_value: 'x' })).error).toBe(400);
			expect((await pre({ external_id: undefined })).error).toBe(400);
			expect((await pre({ data: undefined })).error).toBe(400);
			expect((await pre({ data: data({ lines: [] }) })).error).toBe(400);
			expect((await pre({ data: data({ lines: [{ external_id: 'l' }] }) })).error).toBe(400);
			expect((await pre({ data: data({ lines: [{ external_id: 'l', product: 'a', sku: 'b' }] }) })).error).toBe(400);
			expect((await pre({ data: data({ final_total_price: undefined }) })).error).toBe(0);
			expect((await pre({ data: data({ endpoint: 'kiosk' }) })).error).toBe(404);
			expect((await pre({ data: data({ status: 'confirmed' }) })).error).toBe(0);
			expect((await pre({ email: 'nobody@example.com' })).error).toBe(404);
			expect((await pre({ data: data({ total_price: 'abc' }) })).error).toBe(450);
			expect((await commit({ data: data({ final_total_price: undefined }) })).error).toBe(400);
			expect((await commit({ email: undefined })).error).toBe(400);
			expect((await commit({ email: undefined, matching: 'profile_id', profile_id: ids.a })).error).toBe(0);
			expect((await api(`${M}/orders/preorder_commit`, { external_id: '2', email: 'buyer@example.com', data: data() }, { token: emu.tokens.readOnly })).json.error).toBe(403);
			// preorder is a calculation: a read-only token may use it
			expect((await api(`${M}/orders/preorder`, { external_id: '2', matching: 'email', email: 'buyer@example.com', data: data() }, { token: emu.tokens.readOnly })).json.error).toBe(0);
		});
	});

	describe('products and SKUs', () => {
		test('import with categories and custom fields; list with SKUs; delete (SKUs of a deleted product go too)', async () => {
			const p = await api(`${M}/products/import`, {
				categories: [{ external_id: 'cat_clothes', name: 'Clothes' }, { external_id: 'cat_shirts', name: 'Shirts', parent_external_id: 'cat_clothes' }],
				custom_fields: [{ external_id: 'material', name: 'Material', entity_type: 'product', value_type: 'unicode' }, { external_id: 'color', name: 'Color', entity_type: 'sku', value_type: 'unicode', required: true }],
				data: [
					{ external_id: 'tshirt', name: 'T-shirt', price: '20', old_price: '25', currency: 'USD', categories: ['cat_shirts'], tags: ['summer'], pictures: ['https://example.com/t.png'], custom_fields: { material: 'cotton' } },
					{ external_id: 'socks', name: 'Socks' },
				],
			});
			expect(p.json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.commerce.getProduct('tshirt')).toMatchObject({ id: 1, price: '20', categories: ['cat_shirts'], custom_fields: { material: 'cotton' } });
			expect(emu.commerce.getCategories().map((c) => c.external_id)).toEqual(['cat_clothes', 'cat_shirts']);
			const s = await api(`${M}/sku/import`, {
				data: [
					{ external_id: 'sku_tshirt_red_m', name: 'T-shirt red M', product_external_id: 'tshirt', price: '20', currency: 'USD', count: 5, is_available: true, barcode: [4600000000001], custom_fields: { color: 'red' }, regional_data: [{ external_id: 'region_spb', price: '22', count: 1 }] },
					{ external_id: 'sku_tshirt_blue_l', name: 'T-shirt blue L', product_external_id: 'tshirt', custom_fields: { color: 'blue' } },
					{ external_id: 'sku_socks', name: 'Socks', product_external_id: 'socks', custom_fields: { color: 'white' } },
				],
			});
			expect(s.json.error).toBe(0);
			const list = await api(`${M}/products/list`, {});
			expect(list.json).toEqual({
				error: 0,
				error_text: '',
				next_from_id: expect.any(String),
				result: [
					{ id: 1, name: 'T-shirt', external_id: 'tshirt', sku: [{ name: 'T-shirt red M', external_id: 'sku_tshirt_red_m' }, { name: 'T-shirt blue L', external_id: 'sku_tshirt_blue_l' }] },
					{ id: 2, name: 'Socks', external_id: 'socks', sku: [{ name: 'Socks', external_id: 'sku_socks' }] },
				],
			});
			expect((await api(`${M}/sku/list`, {})).json.result).toEqual([
				{ id: 1, name: 'T-shirt red M', external_id: 'sku_tshirt_red_m' },
				{ id: 2, name: 'T-shirt blue L', external_id: 'sku_tshirt_blue_l' },
				{ id: 3, name: 'Socks', external_id: 'sku_socks' },
			]);
			// re-import updates (same id)
			expect((await api(`${M}/products/import`, { data: [{ external_id: 'socks', name: 'Warm socks' }] })).json.error).toBe(0);
			expect(emu.commerce.getProduct('socks')).toMatchObject({ id: 2, name: 'Warm socks' });
			const d = await api(`${M}/products/delete`, { external_ids: ['tshirt', 'unknown'] });
			expect(d.json).toEqual({ deleted_count: 1, error: 0, error_text: '' });
			expect((await api(`${M}/products/list`, {})).json.result.map((x) => x.external_id)).toEqual(['socks']);
			expect((await api(`${M}/sku/list`, {})).json.result.map((x) => x.external_id)).toEqual(['sku_socks']);
			expect((await api(`${M}/sku/delete`, { ids: [3, 99] })).json).toEqual({ deleted_count: 1, error: 0, error_text: '' });
			expect((await api(`${M}/sku/list`, {})).json.result).toEqual([]);
			expect((await api(`${M}/products/delete`, { ids: [2] })).json.deleted_count).toBe(1);
			expect((await api(`${M}/products/list`, {})).json.result).toEqual([]);
			expect(emu.ledger.map((e) => e.op).filter((op) => /^(product|sku)\./.test(op))).toEqual(['product.import', 'sku.import', 'product.import', 'product.delete', 'sku.delete', 'product.delete']);
		});

		test('products/list and sku/list page over several pages', async () => {
			await api(`${M}/products/import`, { data: [1, 2, 3, 4, 5].map((n) => ({ external_id: `p${n}`, name: `P${n}` })) });
			await api(`${M}/sku/import`, { data: [1, 2, 3].map((n) => ({ external_id: `s${n}`, name: `S${n}`, product_external_id: 'p1' })) });
			for (const [path, expected, pagesExpected] of [['products', ['p1', 'p2', 'p3', 'p4', 'p5'], 3], ['sku', ['s1', 's2', 's3'], 2]]) {
				const seen = [];
				let from;
				let pages = 0;
				for (;;) {
					const r = await api(`${M}/${path}/list`, { limit: 2, ...(from !== undefined ? { from_id: from } : {}) });
					expect(r.json.error).toBe(0);
					if (r.json.result.length === 0) break;
					pages += 1;
					seen.push(...r.json.result.map((x) => x.external_id));
					from = r.json.next_from_id;
				}
				expect([path, seen, pages]).toEqual([path, expected, pagesExpected]);
			}
			expect((await api(`${M}/sku/list`, { from_id: 'p-1' })).json.error).toBe(400);
		});

		test('validation', async () => {
			const imp = async (body) => (await api(`${M}/products/import`, body)).json;
			const sku = async (body) => (await api(`${M}/sku/import`, body)).json;
			expect((await imp({})).error).toBe(400);
			expect((await imp({ data: [] })).error).toBe(400);
			expect(await imp({ data: [{ external_id: 'x' }] })).toMatchObject({ error: 400, error_text: expect.stringContaining('data[0].name') });
			expect((await imp({ data: [{ external_id: 'x', name: 'X', tags: 'a' }] })).error).toBe(400);
			expect((await imp({ data: [{ external_id: 'x', name: 'X', price: 20 }] })).error).toBe(400);
			expect((await imp({ data: [{ external_id: 'x', name: 'X' }], categories: [{ external_id: 'c' }] })).error).toBe(400);
			expect((await imp({ data: [{ external_id: 'x', name: 'X', currency: 'JPY' }] })).error).toBe(404);
			expect((await imp({ data: [{ external_id: 'x', name: 'X', categories: ['nope'] }] })).error).toBe(404);
			expect((await imp({ data: [{ external_id: 'x', name: 'X' }], categories: [{ external_id: 'c', name: 'C', parent_external_id: 'nope' }] })).error).toBe(404);
			expect((await imp({ data: [{ external_id: 'x', name: 'X' }], categories: [{ external_id: 'a', name: 'A', parent_external_id: 'b' }, { external_id: 'b', name: 'B', parent_external_id: 'a' }] })).error).toBe(450);
			expect((await imp({ data: [{ external_id: 'x', name: 'X', price: '2,5' }] })).error).toBe(450);
			expect((await imp({ data: [{ external_id: 'x', name: 'X', custom_fields: { nope: 1 } }] })).error).toBe(450);
			expect((await imp({ data: [{ external_id: 'x', name: 'X' }, { external_id: 'x', name: 'Y' }] })).error).toBe(450);
			expect(await sku({ data: [{ external_id: 's', name: 'S' }] })).toMatchObject({ error: 400, error_text: expect.stringContaining('product_external_id') });
			expect((await sku({ data: [{ external_id: 's', name: 'S', product_external_id: 'p', barcode: ['1'] }] })).error).toBe(400);
			expect((await sku({ data: [{ external_id: 's', name: 'S', product_external_id: 'nope' }] })).error).toBe(404);
			expect((await imp({ data: [{ external_id: 'p', name: 'P' }] })).error).toBe(0);
			expect((await sku({ data: [{ external_id: 's', name: 'S', product_external_id: 'p', description: 'd'.repeat(1001) }] })).error).toBe(450);
			expect((await sku({ data: [{ external_id: 's', name: 'S', product_external_id: 'p', count: -1 }] })).error).toBe(450);
			expect((await sku({ data: [{ external_id: 's', name: 'S', product_external_id: 'p', regional_data: [{ external_id: 'region_mars' }] }] })).error).toBe(404);
			expect((await api(`${M}/products/delete`, {})).json.error).toBe(400);
			expect((await api(`${M}/products/delete`, { ids: ['1'] })).json.error).toBe(400);
			expect((await api(`${M}/sku/delete`, { external_ids: [] })).json.error).toBe(400);
			expect((await api(`${M}/products/delete`, { external_ids: ['p'] }, { token: emu.tokens.noDelete })).json.error).toBe(403);
			expect((await api(`${M}/products/import`, { data: [{ external_id: 'q', name: 'Q' }] }, { token: emu.tokens.readOnly })).json.error).toBe(403);
			expect((await api(`${M}/products/list`, {}, { token: emu.tokens.readOnly })).json.result).toHaveLength(1);
			expect((await api(`${M}/products/list`, {}, { token: emu.tokens.otherAccount })).json.result).toEqual([]);
		});
	});
});
