'use strict';

const fs = require('node:fs');
const crypto = require('node:crypto');
const { createEmulator } = require('../../emulator');
const { createRouter } = require('../../emulator/handlers');
const { call, P } = require('./helpers');

const CATALOGUE = '/work/shared/altcraft-api/endpoints.json';
const maybe = fs.existsSync(CATALOGUE) ? test : test.skip;

/** The loyalty and commerce resources of endpoints.json; appPush.subscribe goes to another host (not emulated). */
const RESOURCES = ['promoCode', 'goal', 'loyalty', 'appPush', 'order', 'product', 'sku'];
const NOT_EMULATED = ['appPush.subscribe'];
const SECTIONS = /^\/api\/v1\.1\/(promocodes|goals|loyalty|pushes|market)\//;

maybe('every request of the loyalty and commerce resources is routed under its documented path', () => {
	const entries = JSON.parse(fs.readFileSync(CATALOGUE, 'utf8')).filter((e) => RESOURCES.includes(e.resource) && !NOT_EMULATED.includes(e.id));
	const router = createRouter();
	const paths = new Set(router.paths());
	expect(entries.filter((e) => !paths.has(e.path)).map((e) => e.id)).toEqual([]);
	// and nothing else is routed in these sections
	const documented = new Set(entries.map((e) => e.path));
	expect(router.paths().filter((p) => SECTIONS.test(p) && !documented.has(p))).toEqual([]);
});

/**
 * Every modifying call of these sections is deduplicated: a repeat with the same Request-ID gets the original answer
 * plus `Duplicate-Request: true` and applies nothing (the ledger does not grow).
 */
describe('deduplication of the loyalty and commerce calls', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = (path, body, opts = {}) => call(emu, path, body, { ...opts, headers: { 'request-id': crypto.randomUUID(), ...(opts.headers || {}) } });
	});
	afterAll(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		await api(`${P}/profiles/import`, {
			db_id: 1,
			email: 'a@example.com',
			data: { email: 'a@example.com', subscriptions: [{ resource_id: 4, channel: 'push', provider: 'android-firebase', subscription_id: 'tok-1' }] },
		});
	});

	const member = { loyalty_program_id: 1, matching: 'email', email: 'a@example.com' };
	const reg = ['/loyalty/register_member', () => member];
	const order = (id) => ({ external_id: id, email: 'a@example.com', endpoint: 'website', status: 'new', total_price: '10', currency: 'RUB', lines: [{ external_id: 'l1', product: 'p1', count: 1 }] });
	const preData = { endpoint: 'website', status: 'new', currency: 'RUB', total_price: '10', final_total_price: '10', lines: [{ external_id: 'l1', product: 'p1' }] };
	const attach = ['/promocodes/attach', () => ({ loyalty_id: 1, db_id: 1, email: 'a@example.com', code: 'WELCOME-001' })];
	const temp = (eid) => ['/loyalty/accrue_points', () => ({ ...member, amount: '5', is_temp: true, transaction_eid: eid })];

	/** [path, body(), preparation calls [path, body()][]] */
	const CASES = [
		['/promocodes/import', () => ({ loyalty_id: 1, codes: ['NEW-1'] }), []],
		['/promocodes/activate', () => ({ loyalty_id: 1, code: 'WELCOME-001' }), [attach]],
		['/promocodes/update', () => ({ loyalty_id: 1, code: 'WELCOME-001', expire_date: '2030-01-01T00:00:00Z' }), []],
		['/promocodes/attach', attach[1], []],
		['/promocodes/detach', attach[1], [attach]],
		['/goals/register', () => ({ db_id: 1, pixel_id: 1, email: 'a@example.com', goal: 'purchase', value: 1 }), []],
		['/loyalty/register_member', () => member, []],
		['/loyalty/delete_member', () => member, [reg]],
		['/loyalty/accrue_points', () => ({ ...member, amount: '5' }), [reg]],
		['/loyalty/redeeme_points', () => ({ ...member, amount: '5' }), [reg, ['/loyalty/accrue_points', () => ({ ...member, amount: '50' })]]],
		['/loyalty/commit_transaction', () => ({ transaction_eid: 't1' }), [reg, temp('t1')]],
		['/loyalty/rollback_transaction', () => ({ transaction_eid: 't1' }), [reg, temp('t1')]],
		['/loyalty/cancel_transaction', () => ({ transaction_eid: 't1' }), [reg, temp('t1')]],
		['/pushes/post_events', () => ({ events: 1, launch_id: 1, provider: 'android-firebase', subscription_id: 'tok-1', uid: 'u1' }), []],
		['/market/orders/import', () => ({ data: [order('o1')] }), []],
		['/market/orders/delete', () => ({ external_id: 'o1' }), [['/market/orders/import', () => ({ data: [order('o1')] })]]],
		['/market/orders/update_order_line_status', () => ({ order_external_id: 'o1', order_line_external_id: 'l1', status_external_id: 'delivered' }), [['/market/orders/import', () => ({ data: [order('o1')] })]]],
		['/market/orders/preorder_commit', () => ({ external_id: 'o2', email: 'a@example.com', data: preData }), []],
		['/market/products/import', () => ({ data: [{ external_id: 'p1', name: 'P1' }] }), []],
		['/market/products/delete', () => ({ external_ids: ['p1'] }), [['/market/products/import', () => ({ data: [{ external_id: 'p1', name: 'P1' }] })]]],
		['/market/sku/import', () => ({ data: [{ external_id: 's1', name: 'S1', product_external_id: 'p1' }] }), [['/market/products/import', () => ({ data: [{ external_id: 'p1', name: 'P1' }] })]]],
		[
			'/market/sku/delete',
			() => ({ external_ids: ['s1'] }),
			[
				['/market/products/import', () => ({ data: [{ external_id: 'p1', name: 'P1' }] })],
				['/market/sku/import', () => ({ data: [{ external_id: 's1', name: 'S1', product_external_id: 'p1' }] })],
			],
		],
	];

	test('the table covers every modifying route of these sections', () => {
		const router = createRouter();
		const modifying = router.paths().filter((p) => SECTIONS.test(p) && router.find(p).modifying);
		expect(modifying.map((p) => p.slice('/api/v1.1'.length)).sort()).toEqual(CASES.map((c) => c[0]).sort());
	});

	test.each(CASES)('%s: a repeat with the same Request-ID is answered from the cache and applies nothing', async (path, body, prep) => {
		for (const [pp, pb] of prep) expect([pp, (await api(P + pp, pb())).json.error]).toEqual([pp, 0]);
		const headers = { 'request-id': `dedup-${path}` };
		const first = await api(P + path, body(), { headers });
		expect([path, first.json.error]).toEqual([path, 0]);
		expect(first.headers.get('duplicate-request')).toBeNull();
		const n = emu.ledger.length;
		const last = emu.ledger[n - 1];
		expect(last.path).toBe(P + path);
		expect(last.requestId).toBe(headers['request-id']);
		const again = await api(P + path, body(), { headers });
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(again.text).toBe(first.text);
		expect(emu.ledger.length).toBe(n);
	});

	test('without a Request-ID the same body is a repeat too (checksum of the request)', async () => {
		const body = { db_id: 1, pixel_id: 1, email: 'a@example.com', goal: 'visit' };
		const first = await call(emu, `${P}/goals/register`, body);
		const again = await call(emu, `${P}/goals/register`, body);
		expect(first.json.error).toBe(0);
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(emu.commerce.getGoals()).toHaveLength(1);
		expect(emu.ledger.filter((e) => e.op === 'goal.register')).toHaveLength(1);
	});

	test('reads are not deduplicated', async () => {
		const a = await call(emu, `${P}/promocodes/get`, { loyalty_id: 1, code: 'WELCOME-001' });
		const b = await call(emu, `${P}/promocodes/get`, { loyalty_id: 1, code: 'WELCOME-001' });
		expect(a.json.error).toBe(0);
		expect(b.headers.get('duplicate-request')).toBeNull();
	});
});
