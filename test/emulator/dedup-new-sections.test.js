'use strict';

const { createEmulator } = require('../../emulator');
const { createRouter } = require('../../emulator/handlers');
const { client, P } = require('./helpers');

/**
 * Every modifying call of the subscriptions, relations, databases, segments and suppression-list sections is
 * deduplicated like the profile writes: a repeat with the same Request-ID gets the original answer plus
 * `Duplicate-Request: true`, and nothing is applied again (the ledger does not grow).
 */
describe('deduplication of the new modifying calls', () => {
	let emu;
	let api;
	let ids;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	/** Seed state plus a profile in db 1 (with an e-mail subscription to resource 1) and one in db 2. */
	async function setup() {
		emu.reset();
		const a = await api(`${P}/profiles/import`, {
			db_id: 1,
			email: 'a@example.com',
			data: { email: 'a@example.com', subscriptions: [{ resource_id: 1, channel: 'email', email: 'a@example.com' }] },
		});
		const b = await api(`${P}/profiles/add`, { db_id: 2, data: { email: 'b@example.com' } });
		ids = { a: a.json.profile_id, b: b.json.profile_id };
	}
	beforeEach(setup);

	const sub = () => ({ db_id: 1, profile_id: ids.a, resource_id: 1, channel: 'email', email: 'a@example.com' });
	const rel = (weights) => ({ rel_id: 1, profile_a: { profile_id: ids.a }, profile_b: { profile_id: ids.b }, ...(weights ? { weights } : {}) });
	const seg = () => ({ segment_id: 1, db_id: 1, profile_id: ids.a });

	/** [path, body(), preparation calls [path, body()][]] */
	const CASES = [
		['/subscriptions/set', () => ({ ...sub(), status: 'unsubscribed' }), []],
		['/subscriptions/delete', sub, []],
		['/subscriptions/undelete', sub, [['/subscriptions/delete', sub]]],
		['/subscriptions/suspend_all', () => ({ db_id: 1 }), []],
		['/subscriptions/unsuspend_all', () => ({ db_id: 1 }), [['/subscriptions/suspend_all', () => ({ db_id: 1 })]]],
		['/relations/attach', () => rel({ w: 1 }), []],
		['/relations/detach', () => rel(), [['/relations/attach', () => rel()]]],
		['/relations/strengthen', () => rel({ w: 2 }), []],
		['/relations/edit', () => rel({ w: 3 }), []],
		['/databases/wipe', () => ({ id: 2 }), []],
		['/segments/add/', () => ({ name: 'New', is_static: true, list_id: 1 }), []],
		['/segments/update/', () => ({ id: 1, name: 'Renamed', list_id: 1 }), []],
		['/segments/delete/', () => ({ id: 2 }), []],
		['/profiles/segstatic/add', seg, []],
		['/profiles/segstatic/remove', seg, [['/profiles/segstatic/add', seg]]],
		['/suppresses/add', () => ({ name: 'New list' }), []],
		['/suppresses/update', () => ({ id: 2, name: 'Renamed' }), []],
		['/suppresses/delete', () => ({ id: 2 }), []],
		['/suppresses/email_add', () => ({ id: 2, email: 'x@example.com' }), []],
		['/suppresses/emails_add', () => ({ id: 2, emails: ['x@example.com', 'y@example.com'] }), []],
		['/suppresses/email_remove', () => ({ id: 2, email: 'x@example.com' }), [['/suppresses/email_add', () => ({ id: 2, email: 'x@example.com' })]]],
		['/suppresses/emails_remove', () => ({ id: 2 }), [['/suppresses/email_add', () => ({ id: 2, email: 'x@example.com' })]]],
		['/suppresses/domain_add', () => ({ id: 2, domain: 'x.example' }), []],
		['/suppresses/domains_add', () => ({ id: 2, domains: ['x.example'] }), []],
		['/suppresses/domain_remove', () => ({ id: 2, domain: 'x.example' }), [['/suppresses/domain_add', () => ({ id: 2, domain: 'x.example' })]]],
		['/suppresses/domains_remove', () => ({ id: 2 }), [['/suppresses/domain_add', () => ({ id: 2, domain: 'x.example' })]]],
		['/suppresses/phone_add', () => ({ id: 2, value: '+79000000001' }), []],
		['/suppresses/phones_add', () => ({ id: 2, values: ['+79000000001'] }), []],
		['/suppresses/phone_remove', () => ({ id: 2, value: '+79000000001' }), [['/suppresses/phone_add', () => ({ id: 2, value: '+79000000001' })]]],
		['/suppresses/phones_remove', () => ({ id: 2 }), [['/suppresses/phone_add', () => ({ id: 2, value: '+79000000001' })]]],
	];

	test('the table covers every new modifying route', () => {
		const router = createRouter();
		const sections = /^\/api\/v1\.1\/(subscriptions|relations|databases|segments|suppresses|profiles\/segstatic)\//;
		const modifying = router.paths().filter((p) => sections.test(p) && router.find(p).modifying);
		expect(modifying.map((p) => p.slice('/api/v1.1'.length)).sort()).toEqual(CASES.map((c) => c[0]).sort());
	});

	test.each(CASES)('%s: a repeat with the same Request-ID is answered from the cache and applies nothing', async (path, body, prep) => {
		for (const [pp, pb] of prep) expect((await api(P + pp, pb())).json.error).toBe(0);
		const rid = `dedup-${path}`;
		const first = await api(P + path, body(), { headers: { 'request-id': rid } });
		expect([path, first.json.error, first.json.error_text]).toEqual([path, 0, expect.any(String)]);
		expect(first.headers.get('duplicate-request')).toBeNull();
		const ledger = emu.ledger.length;
		const again = await api(P + path, body(), { headers: { 'request-id': rid } });
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(again.text).toBe(first.text);
		expect(emu.ledger).toHaveLength(ledger);
		// without a Request-ID the checksum of the body identifies the repeat (from the same state again)
		await setup();
		for (const [pp, pb] of prep) await api(P + pp, pb());
		const c1 = await api(P + path, body());
		expect(c1.json.error).toBe(0);
		const c2 = await api(P + path, body());
		expect(c2.headers.get('duplicate-request')).toBe('true');
		expect(c2.text).toBe(c1.text);
	});

	test('a dropped answer (dropAfterApply) and the retry: strengthen applies once, emails_add counts once', async () => {
		emu.faults.inject({ kind: 'dropAfterApply', path: 'relations/strengthen' });
		const body = rel({ w: 5 });
		await expect(api(`${P}/relations/strengthen`, body, { headers: { 'request-id': 'r-1' } })).rejects.toThrow();
		const retry = await api(`${P}/relations/strengthen`, body, { headers: { 'request-id': 'r-1' } });
		expect(retry.headers.get('duplicate-request')).toBe('true');
		expect(retry.json).toMatchObject({ error: 0, profile_a: ids.a, profile_b: ids.b });
		expect(emu.store.getRelations(1)[0].props).toEqual({ w: 5 });
		const e1 = await api(`${P}/suppresses/emails_add`, { id: 2, emails: ['q@example.com'] }, { headers: { 'request-id': 'e-1' } });
		const e2 = await api(`${P}/suppresses/emails_add`, { id: 2, emails: ['q@example.com'] }, { headers: { 'request-id': 'e-1' } });
		expect(e2.json).toEqual(e1.json);
		expect(e2.json.total_imported).toBe(1);
		// a new Request-ID is a new request
		const e3 = await api(`${P}/suppresses/emails_add`, { id: 2, emails: ['q@example.com'] }, { headers: { 'request-id': 'e-2' } });
		expect(e3.json).toMatchObject({ total_imported: 0, total_duplicated: 1 });
	});

	test('reads, checks, exports and recounts are not deduplicated', async () => {
		for (const [path, body] of [
			['/subscriptions/get', sub()],
			['/suppresses/email_check', { id: 2, email: 'a@example.com' }],
			['/suppresses/export', { id: 2 }],
			['/databases/refresh_counters', { id: 1, resource_id: 1 }],
		]) {
			await api(P + path, body, { headers: { 'request-id': 'same' } });
			const r = await api(P + path, body, { headers: { 'request-id': 'same' } });
			expect([path, r.headers.get('duplicate-request')]).toEqual([path, null]);
		}
	});
});
