'use strict';

const crypto = require('node:crypto');
const { createEmulator } = require('../../emulator');
const { call, P } = require('./helpers');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('loyalty programs', () => {
	let emu;
	let api;
	let ids;
	beforeAll(async () => {
		emu = await createEmulator();
		// a fresh Request-ID per call, as the node sends: identical bodies are separate requests unless a test pins the ID
		api = (path, body, opts = {}) => call(emu, path, body, { ...opts, headers: { 'request-id': crypto.randomUUID(), ...(opts.headers || {}) } });
	});
	afterAll(() => emu.close());

	const Y = `${P}/loyalty`;
	const A = { loyalty_program_id: 1, matching: 'email', email: 'anna@example.com' };

	beforeEach(async () => {
		emu.reset();
		const a = await api(`${P}/profiles/import`, { db_id: 1, email: 'anna@example.com', data: { email: 'anna@example.com', crm_id: 'C-1', phones: ['+79000000001'] } });
		const b = await api(`${P}/profiles/import`, { db_id: 1, email: 'boris@example.com', data: { email: 'boris@example.com' } });
		const l = await api(`${P}/profiles/import`, { db_id: 2, email: 'lead@example.com', data: { email: 'lead@example.com' } });
		ids = { a: a.json.profile_id, b: b.json.profile_id, lead: l.json.profile_id };
		expect((await api(`${Y}/register_member`, A)).json.error).toBe(0);
	});

	const balance = async (extra = {}) => (await api(`${Y}/account/balance`, { ...A, ...extra })).json;
	const accrue = async (extra) => (await api(`${Y}/accrue_points`, { ...A, ...extra })).json;
	const redeem = async (extra) => (await api(`${Y}/redeeme_points`, { ...A, ...extra })).json;

	describe('members', () => {
		test('register_member / delete_member answer the profile_id; 409 for a member, 404 for a non-member', async () => {
			const r = await api(`${Y}/register_member`, { loyalty_program_id: 1, matching: 'profile_id', profile_id: ids.b, registration_date: '2024-09-01T12:34:56Z' });
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation', profile_id: ids.b });
			expect(emu.commerce.getLoyaltyMember(1, ids.b)).toEqual({ profile_id: ids.b, registered_at: '2024-09-01T12:34:56Z' });
			expect((await api(`${Y}/register_member`, A)).json.error).toBe(409);
			const d = await api(`${Y}/delete_member`, { loyalty_program_id: 1, matching: 'custom', field_name: 'crm_id', field_value: 'C-1' });
			expect(d.json).toEqual({ error: 0, error_text: 'Successful operation', profile_id: ids.a });
			expect(emu.commerce.getLoyaltyMember(1, ids.a)).toBeUndefined();
			expect((await api(`${Y}/delete_member`, A)).json.error).toBe(404);
			expect((await balance()).error).toBe(404);
			expect(emu.ledger.map((e) => e.op).filter((op) => op.startsWith('loyalty.'))).toEqual(['loyalty.member_register', 'loyalty.member_register', 'loyalty.member_delete']);
		});

		test('parameters: 400 for a missing program, matching or identifier, or an unlisted mode; 404 for unknown objects', async () => {
			expect((await api(`${Y}/register_member`, { matching: 'email', email: 'boris@example.com' })).json.error).toBe(400);
			expect((await api(`${Y}/register_member`, { loyalty_program_id: '1', matching: 'email', email: 'boris@example.com' })).json.error).toBe(400);
			expect((await api(`${Y}/register_member`, { loyalty_program_id: 1, email: 'boris@example.com' })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'matching'") });
			expect((await api(`${Y}/register_member`, { loyalty_program_id: 1, matching: 'email' })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'email'") });
			expect((await api(`${Y}/register_member`, { loyalty_program_id: 1, matching: 'email_sub', email: 'boris@example.com' })).json.error).toBe(400);
			expect((await api(`${Y}/register_member`, { loyalty_program_id: 9, matching: 'email', email: 'boris@example.com' })).json.error).toBe(404);
			expect((await api(`${Y}/register_member`, { loyalty_program_id: 1, matching: 'email', email: 'nobody@example.com' })).json.error).toBe(404);
			expect((await api(`${Y}/register_member`, { loyalty_program_id: 1, matching: 'email', email: 'boris@example.com', registration_date: 'yesterday' })).json.error).toBe(450);
			// program 2 is bound to database 2: outside the limited token's zone, and another account sees no program
			const lead = { loyalty_program_id: 2, matching: 'email', email: 'lead@example.com' };
			expect((await api(`${Y}/register_member`, lead, { token: emu.tokens.limited })).json.error).toBe(404);
			expect((await api(`${Y}/register_member`, lead, { token: emu.tokens.otherAccount })).json.error).toBe(404);
			expect((await api(`${Y}/register_member`, lead)).json).toMatchObject({ error: 0, profile_id: ids.lead });
			expect((await api(`${Y}/register_member`, { ...lead, email: 'boris@example.com' })).json.error).toBe(404);
			expect((await api(`${Y}/register_member`, lead, { token: emu.tokens.readOnly })).json.error).toBe(403);
		});
	});

	describe('points', () => {
		test('accrue: a final transaction moves the balance; the answer has transaction_id and the active balance', async () => {
			expect(await balance()).toEqual({ error: 0, error_text: 'Successful operation', data: { total_balance: '0.00', active_balance: '0.00' } });
			const r = await accrue({ amount: '100.50', transaction_eid: 'order-1-accrual', external_data: { order_id: '1' } });
			expect(r).toEqual({ error: 0, error_text: 'Successful operation', data: { transaction_id: expect.stringMatching(UUID), balance: '100.50' } });
			expect((await balance()).data).toEqual({ total_balance: '100.50', active_balance: '100.50' });
			expect((await balance({ points_currency_eid: 'stars' })).data).toEqual({ total_balance: '0.00', active_balance: '0.00' });
			expect(emu.commerce.getTransaction('order-1-accrual')).toMatchObject({ state: 'final', type: 'accrual', amount: '100.50', external_data: { order_id: '1' } });
			expect((await accrue({ amount: '1', transaction_eid: 'order-1-accrual' })).error).toBe(409);
			expect(emu.ledger.filter((e) => e.op === 'loyalty.accrue')).toHaveLength(1);
		});

		test('a temporary accrual counts only once committed; the commit creates a new transaction', async () => {
			const t = await accrue({ amount: '50', is_temp: true, transaction_eid: 'tmp-1' });
			expect(t.data.balance).toBe('0.00');
			expect((await balance()).data.total_balance).toBe('0.00');
			const c = await api(`${Y}/commit_transaction`, { transaction_eid: 'tmp-1' });
			expect(c.json.data).toEqual({ transaction_id: expect.stringMatching(UUID), balance: '50.00' });
			expect(c.json.data.transaction_id).not.toBe(t.data.transaction_id);
			expect(emu.commerce.getTransaction(t.data.transaction_id)).toMatchObject({ state: 'committed', committed_as: c.json.data.transaction_id });
			expect(emu.commerce.getTransaction('tmp-1')).toMatchObject({ transaction_id: c.json.data.transaction_id, state: 'final', temp_of: t.data.transaction_id });
			expect((await balance()).data).toEqual({ total_balance: '50.00', active_balance: '50.00' });
			// commit twice, roll back a committed one: 450
			expect((await api(`${Y}/commit_transaction`, { transaction_eid: 'tmp-1' })).json.error).toBe(450);
			expect((await api(`${Y}/commit_transaction`, { transaction_id: t.data.transaction_id })).json.error).toBe(450);
			expect((await api(`${Y}/rollback_transaction`, { transaction_eid: 'tmp-1' })).json.error).toBe(450);
		});

		test('redeem: held temporary redemptions, insufficient points, rollback and cancel', async () => {
			await accrue({ amount: '150.50' });
			const hold = await redeem({ amount: '30', is_temp: true, transaction_eid: 'r-1', promotion_id: 'PROMO123' });
			expect(hold).toMatchObject({ error: 0, data: { balance: '150.50' } });
			// 150.50 active − 30 held = 120.50 available
			expect(await redeem({ amount: '130' })).toMatchObject({ error: 450, error_text: expect.stringContaining('insufficient') });
			const rb = await api(`${Y}/rollback_transaction`, { transaction_eid: 'r-1' });
			expect(rb.json.data).toEqual({ transaction_id: hold.data.transaction_id, balance: '150.50' });
			expect((await api(`${Y}/rollback_transaction`, { transaction_eid: 'r-1' })).json.error).toBe(450);
			expect((await api(`${Y}/commit_transaction`, { transaction_id: hold.data.transaction_id })).json.error).toBe(450);
			const r = await redeem({ amount: '130' });
			expect(r.data.balance).toBe('20.50');
			const c = await api(`${Y}/cancel_transaction`, { transaction_id: r.data.transaction_id });
			expect(c.json.data).toEqual({ transaction_id: r.data.transaction_id, balance: '150.50' });
			expect((await api(`${Y}/cancel_transaction`, { transaction_id: r.data.transaction_id })).json.error).toBe(450);
			expect((await balance()).data).toEqual({ total_balance: '150.50', active_balance: '150.50' });
			// a committed temporary redemption keeps its id
			const t = await redeem({ amount: '50.50', is_temp: true });
			const cm = await api(`${Y}/commit_transaction`, { transaction_id: t.data.transaction_id });
			expect(cm.json.data).toEqual({ transaction_id: t.data.transaction_id, balance: '100.00' });
			// a pending temporary transaction can be cancelled too
			const t2 = await accrue({ amount: '5', is_temp: true });
			expect((await api(`${Y}/cancel_transaction`, { transaction_id: t2.data.transaction_id })).json.data.balance).toBe('100.00');
			expect(emu.commerce.getTransaction(t2.data.transaction_id).state).toBe('cancelled');
		});

		test('an accrual whose points are spent cannot be cancelled until the redemption is', async () => {
			const a = await accrue({ amount: '10', points_currency_eid: 'stars' });
			const r = await redeem({ amount: '10', points_currency_iid: 2, promotion_id: 'spend_stars' });
			expect(r.data.balance).toBe('0.00');
			expect((await api(`${Y}/cancel_transaction`, { transaction_id: a.data.transaction_id })).json).toMatchObject({ error: 450, error_text: expect.stringContaining('redeemed') });
			expect((await api(`${Y}/cancel_transaction`, { transaction_id: r.data.transaction_id })).json.data.balance).toBe('10.00');
			expect((await api(`${Y}/cancel_transaction`, { transaction_id: a.data.transaction_id })).json.data.balance).toBe('0.00');
		});

		test('activation and expiration dates, expiring points, the lifetime of a currency, temp timeouts (advanceClock)', async () => {
			const day = 86400;
			const iso = (s) => new Date(Date.now() + s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
			await accrue({ amount: '40', activation_date: iso(2 * day), expiration_date: iso(10 * day) });
			await accrue({ amount: '60' });
			expect((await balance()).data).toEqual({ total_balance: '100.00', active_balance: '60.00' });
			const exp = await api(`${Y}/account/expiring_points`, { ...A, points_currency_eid: 'bonus_points', date_from: iso(9 * day), date_to: iso(11 * day) });
			expect(exp.json).toEqual({ error: 0, error_text: 'Successful operation', data: { expiring_points: '40.00' } });
			// bonus_points live 365 days by default
			const year = await api(`${Y}/account/expiring_points`, { ...A, points_currency_iid: 1, date_from: iso(364 * day), date_to: iso(366 * day) });
			expect(year.json.data.expiring_points).toBe('60.00');
			emu.commerce.advanceClock(3 * day);
			expect((await balance()).data).toEqual({ total_balance: '100.00', active_balance: '100.00' });
			emu.commerce.advanceClock(8 * day);
			expect((await balance()).data).toEqual({ total_balance: '60.00', active_balance: '60.00' });
			const t = await accrue({ amount: '5', is_temp: true, temp_timeout_sec: 60 });
			emu.commerce.advanceClock(61);
			expect((await api(`${Y}/commit_transaction`, { transaction_id: t.data.transaction_id })).json).toMatchObject({ error: 450, error_text: expect.stringContaining('temp_timeout_sec') });
			expect(emu.commerce.getTransaction(t.data.transaction_id)).toMatchObject({ state: 'rolled_back', end_reason: 'timeout' });
			expect((await api(`${Y}/account/expiring_points`, { ...A, date_from: iso(0), date_to: iso(1) })).json.error).toBe(400);
			expect((await api(`${Y}/account/expiring_points`, { ...A, points_currency_iid: 1, date_from: iso(day), date_to: iso(0) })).json.error).toBe(450);
			expect((await api(`${Y}/account/expiring_points`, { ...A, points_currency_iid: 1, date_from: 'soon', date_to: iso(0) })).json.error).toBe(450);
			expect((await api(`${Y}/account/expiring_points`, { ...A, points_currency_iid: 1, date_to: iso(0) })).json.error).toBe(400);
		});

		test('validation of accrue / redeem', async () => {
			expect((await accrue({})).error).toBe(400);
			expect((await accrue({ amount: 10 })).error).toBe(400);
			expect((await accrue({ amount: '10', is_temp: 'yes' })).error).toBe(400);
			expect((await accrue({ amount: '10', external_data: 'x' })).error).toBe(400);
			expect((await accrue({ amount: '10.555' })).error).toBe(450);
			expect((await accrue({ amount: '0' })).error).toBe(450);
			expect((await accrue({ amount: '-5' })).error).toBe(450);
			expect((await accrue({ amount: '10', temp_timeout_sec: 0, is_temp: true })).error).toBe(450);
			expect((await accrue({ amount: '10', expiration_date: '2001-01-01T00:00:00Z' })).error).toBe(450);
			expect((await accrue({ amount: '10', points_currency_eid: 'gems' })).error).toBe(404);
			expect((await accrue({ amount: '10', points_currency_iid: 1, points_currency_eid: 'stars' })).error).toBe(450);
			expect((await accrue({ amount: '10', points_currency_iid: 4 })).error).toBe(404);
			expect((await accrue({ amount: '10', promotion_id: 'nope' })).error).toBe(404);
			expect((await accrue({ amount: '10', promotion_id: 'winter_sale' })).error).toBe(450);
			expect((await accrue({ amount: '20000', promotion_id: 'PROMO123' })).error).toBe(450);
			expect((await accrue({ amount: '10', promotion_id: '3' })).data.balance).toBe('10.00');
			expect((await redeem({ amount: '1', promotion_id: 'welcome_bonus' })).error).toBe(450);
			expect((await redeem({ amount: '1', points_currency_eid: 'tier_points' })).error).toBe(450);
			expect((await api(`${Y}/accrue_points`, { ...A, email: 'boris@example.com', amount: '1' })).json.error).toBe(404);
			expect((await api(`${Y}/accrue_points`, { ...A, amount: '1' }, { token: emu.tokens.readOnly })).json.error).toBe(403);
			expect((await api(`${Y}/commit_transaction`, {})).json.error).toBe(400);
			expect((await api(`${Y}/commit_transaction`, { transaction_id: 5 })).json.error).toBe(400);
			expect((await api(`${Y}/commit_transaction`, { transaction_eid: 'nope' })).json.error).toBe(404);
			const t = await accrue({ amount: '1', is_temp: true, transaction_eid: 'mine' });
			expect((await api(`${Y}/commit_transaction`, { transaction_eid: 'mine' }, { token: emu.tokens.otherAccount })).json.error).toBe(404);
			const other = await accrue({ amount: '1', is_temp: true, transaction_eid: 'other' });
			expect((await api(`${Y}/commit_transaction`, { transaction_id: t.data.transaction_id, transaction_eid: 'other' })).json.error).toBe(450);
			expect(other.error).toBe(0);
		});
	});

	test('tiers: the cumulative tier group of the qualification currency', async () => {
		const tiers = async () => (await api(`${Y}/account/tiers`, { ...A, tiers_group_id: 10 })).json;
		const first = await tiers();
		expect(first.data).toEqual([{ tiers_group_type: 'cumulative', tier_id: 101, tier_eid: 'bronze', tier_order: 0, reached_at: expect.any(String) }]);
		await accrue({ amount: '700', points_currency_eid: 'tier_points' });
		expect((await tiers()).data).toHaveLength(1);
		await accrue({ amount: '500', points_currency_eid: 'tier_points' });
		expect((await tiers()).data.map((t) => t.tier_eid)).toEqual(['bronze', 'silver']);
		expect((await api(`${Y}/account/tiers`, A)).json.error).toBe(400);
		expect((await api(`${Y}/account/tiers`, { ...A, tiers_group_id: 11 })).json.error).toBe(404);
	});

	test('account/transactions: paged by the last transaction_id (ids grow with time), 20 by default, at most 100', async () => {
		const made = [];
		for (let i = 1; i <= 5; i++) made.push((await accrue({ amount: `${i}`, transaction_eid: `t${i}` })).data.transaction_id);
		const c = await api(`${Y}/cancel_transaction`, { transaction_eid: 't5' });
		expect(c.json.error).toBe(0);
		await accrue({ amount: '1', is_temp: true }); // pending: not listed
		const all = await api(`${Y}/account/transactions`, { ...A, points_currency_eid: 'bonus_points' });
		expect(all.json.data).toHaveLength(6);
		expect(all.json.next_from_id).toBeUndefined();
		expect(all.json.data[0]).toEqual({
			transaction_id: made[0],
			transaction_eid: 't1',
			created_at: expect.any(String),
			transaction_type: 'accrual',
			amount: '1.00',
			balance_before: '0.00',
			balance_after: '1.00',
			points_currency_iid: 1,
			points_currency_eid: 'bonus_points',
			promo_iid: 0,
			promo_eid: '',
			description: '',
			activation_date: expect.any(String),
			expiration_date: expect.any(String),
			source_type: 'api',
			source_iid: 0,
			cancelled_transaction_id: '',
			is_cancelled: false,
			external_data: null,
		});
		expect(all.json.data[4]).toMatchObject({ transaction_id: made[4], is_cancelled: true });
		expect(all.json.data[5]).toMatchObject({ transaction_type: 'cancel', amount: '5.00', balance_before: '15.00', balance_after: '10.00', cancelled_transaction_id: made[4] });
		const seen = [];
		let from;
		let pages = 0;
		for (;;) {
			const r = await api(`${Y}/account/transactions`, { ...A, points_currency_iid: 1, limit: 2, ...(from ? { from_id: from } : {}) });
			expect(r.json.error).toBe(0);
			if (r.json.data.length === 0) break;
			pages += 1;
			seen.push(...r.json.data.map((t) => t.transaction_id));
			from = r.json.data[r.json.data.length - 1].transaction_id;
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(all.json.data.map((t) => t.transaction_id));
		expect((await api(`${Y}/account/transactions`, { ...A })).json.error).toBe(400);
		expect((await api(`${Y}/account/transactions`, { ...A, points_currency_iid: 1, limit: 101 })).json.error).toBe(400);
		expect((await api(`${Y}/account/transactions`, { ...A, points_currency_iid: 1, from_id: 'abc' })).json.error).toBe(400);
	});

	test('trigger_promotions: paged by id with next_from_id and total_count; is_active filter', async () => {
		const ids = [];
		let from = 0;
		let pages = 0;
		for (;;) {
			const r = await api(`${Y}/trigger_promotions`, { loyalty_program_id: 1, limit: 2, from_id: from });
			expect(r.json).toMatchObject({ error: 0, total_count: 5 });
			if (r.json.data.length === 0) {
				expect(r.json.next_from_id).toBe(from);
				break;
			}
			pages += 1;
			ids.push(...r.json.data.map((p) => p.id));
			from = r.json.next_from_id;
		}
		expect(pages).toBe(3);
		expect(ids).toEqual([1, 2, 3, 4, 5]);
		const first = await api(`${Y}/trigger_promotions`, { loyalty_program_id: 1 });
		expect(first.json.data[1]).toEqual({
			id: 2,
			name: 'Order cashback',
			description: expect.any(String),
			external_id: 'PROMO123',
			start_date: '2024-01-01T00:00:00Z',
			end_date: '',
			is_active: true,
			redeem_rules: expect.arrayContaining([{ points_currency_iid: 1, points_currency_eid: 'bonus_points', static_amount: '', min_amount: '1.00', max_amount: '5000.00' }]),
			accrual_rules: expect.any(Array),
		});
		const active = await api(`${Y}/trigger_promotions`, { loyalty_program_id: 1, is_active: false });
		expect(active.json).toMatchObject({ total_count: 1, data: [{ id: 4 }] });
		expect((await api(`${Y}/trigger_promotions`, { loyalty_program_id: 1, limit: 0 })).json.error).toBe(400);
		expect((await api(`${Y}/trigger_promotions`, {})).json.error).toBe(400);
		expect((await api(`${Y}/trigger_promotions`, { loyalty_program_id: 3 })).json.error).toBe(404);
	});

	test('transactions_export: a task that completes with a CSV download', async () => {
		await accrue({ amount: '12.30', transaction_eid: 'e1' });
		await accrue({ amount: '1', points_currency_eid: 'stars' });
		const t = await api(`${Y}/transactions_export`, { loyalty_program_id: 1, points_currency_eid: 'bonus_points', date_from: '2000-01-01T00:00:00Z', date_to: '2100-01-01T00:00:00Z' });
		expect(t.json).toEqual({ error: 0, error_text: 'Successful operation', data: { task_id: expect.stringMatching(/^task_/) } });
		const p1 = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
		expect(p1.json.data.status).toBe('processing');
		const done = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
		expect(done.json.data).toMatchObject({ status: 'completed', progress: 100, result: { source_id: 1, total: 1, urls: [expect.stringMatching(/^\/api\/download\/.+\/1_loyalty_transactions_export\.csv$/)] } });
		const file = await fetch(emu.url + done.json.data.result.urls[0], { headers: { authorization: `Bearer ${emu.tokens.admin}` } });
		expect(file.status).toBe(200);
		const lines = (await file.text()).trim().split('\r\n');
		expect(lines[0].split(',').slice(0, 6)).toEqual(['transaction_id', 'transaction_eid', 'profile_id', 'created_at', 'transaction_type', 'amount']);
		expect(lines).toHaveLength(2);
		expect(lines[1]).toContain(`,e1,${ids.a},`);
		expect(lines[1]).toContain(',12.30,');
		expect((await api(`${Y}/transactions_export`, { loyalty_program_id: 1, date_from: '2000-01-01T00:00:00Z', date_to: '2100-01-01T00:00:00Z' })).json.error).toBe(400);
		expect((await api(`${Y}/transactions_export`, { loyalty_program_id: 1, points_currency_iid: 1, date_to: '2100-01-01T00:00:00Z' })).json.error).toBe(400);
		expect((await api(`${Y}/transactions_export`, { loyalty_program_id: 1, points_currency_iid: 1, date_from: '2100-01-01T00:00:00Z', date_to: '2000-01-01T00:00:00Z' })).json.error).toBe(450);
		expect((await api(`${Y}/transactions_export`, { loyalty_program_id: 2, points_currency_iid: 4, date_from: '2000-01-01', date_to: '2100-01-01' }, { token: emu.tokens.limited })).json.error).toBe(404);
		// reading: a read-only token may export, and the export is not deduplicated
		expect((await api(`${Y}/transactions_export`, { loyalty_program_id: 1, points_currency_iid: 1, date_from: '2000-01-01', date_to: '2100-01-01' }, { token: emu.tokens.readOnly })).json.error).toBe(0);
	});

	test('delete_member removes the points account; a new registration starts from zero', async () => {
		await accrue({ amount: '10', transaction_eid: 'gone' });
		await api(`${Y}/delete_member`, A);
		expect(emu.commerce.getTransactions({ profileId: ids.a })).toEqual([]);
		expect((await api(`${Y}/commit_transaction`, { transaction_eid: 'gone' })).json.error).toBe(404);
		await api(`${Y}/register_member`, A);
		expect((await balance()).data).toEqual({ total_balance: '0.00', active_balance: '0.00' });
	});

	test('a repeat of an accrual with the same Request-ID is answered from the cache', async () => {
		const headers = { 'request-id': 'accrue-1' };
		const first = await api(`${Y}/accrue_points`, { ...A, amount: '10' }, { headers });
		const n = emu.ledger.length;
		const again = await api(`${Y}/accrue_points`, { ...A, amount: '10' }, { headers });
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(again.json).toEqual(first.json);
		expect(emu.ledger.length).toBe(n);
		expect((await balance()).data.total_balance).toBe('10.00');
	});
});
