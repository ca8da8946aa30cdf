'use strict';

const crypto = require('node:crypto');
const { createEmulator } = require('../../emulator');
const { call, P } = require('./helpers');

describe('promo codes, goals and app push events', () => {
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
		const a = await api(`${P}/profiles/import`, { db_id: 1, email: 'anna@example.com', data: { email: 'anna@example.com', crm_id: 'C-1' } });
		const b = await api(`${P}/profiles/import`, { db_id: 1, email: 'boris@example.com', data: { email: 'boris@example.com', phones: ['+79000000002'] } });
		const c = await api(`${P}/profiles/import`, {
			db_id: 1,
			email: 'push@example.com',
			data: { email: 'push@example.com', subscriptions: [{ resource_id: 4, channel: 'push', provider: 'android-firebase', subscription_id: 'fcm-token-1' }] },
		});
		ids = { a: a.json.profile_id, b: b.json.profile_id, c: c.json.profile_id };
		expect(Object.values(ids).every((x) => typeof x === 'string')).toBe(true);
	});

	const S = `${P}/promocodes`;
	const attachA = (extra = {}) => api(`${S}/attach`, { loyalty_id: 1, db_id: 1, matching: 'email', email: 'anna@example.com', ...extra });
	const attachB = (extra = {}) => api(`${S}/attach`, { loyalty_id: 1, db_id: 1, matching: 'profile_id', profile_id: ids.b, ...extra });

	describe('promo codes', () => {
		test('get: a seeded code; 400 / 404', async () => {
			const r = await api(`${S}/get`, { loyalty_id: 1, code: 'WELCOME-001' });
			expect(r.json).toEqual({
				error: 0,
				error_text: 'Successful operation',
				data: {
					code: 'WELCOME-001',
					loyalty_id: 1,
					created: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
					is_attached: false,
					is_activated: false,
					is_expired: false,
					attached: '',
					activated: '',
					expired: '',
					expire_date: '',
				},
			});
			expect((await api(`${S}/get`, { loyalty_id: 1 })).json.error).toBe(400);
			expect((await api(`${S}/get`, { code: 'WELCOME-001' })).json.error).toBe(400);
			expect((await api(`${S}/get`, { loyalty_id: 1, code: 'NOPE' })).json.error).toBe(404);
			expect((await api(`${S}/get`, { loyalty_id: 9, code: 'WELCOME-001' })).json.error).toBe(404);
			expect((await api(`${S}/get`, { loyalty_id: 3, code: 'OTHER-1' })).json.error).toBe(404);
			expect((await api(`${S}/get`, { loyalty_id: 3, code: 'OTHER-1' }, { token: emu.tokens.otherAccount })).json.error).toBe(0);
		});

		test('import: per-code results, duplicates and the program capacity', async () => {
			const r = await api(`${S}/import`, { loyalty_id: 2, codes: ['A-1', 'SUMMER-2025', 'A-1', 'B 2', 'A-2', 'A-3'] });
			expect(r.json).toEqual({
				error: 0,
				error_text: 'Successful operation',
				inserted: 2,
				duplicated: 2,
				discarded_by_limit: 1,
				data: [
					{ code: 'A-1', error: 0, error_text: '' },
					{ code: 'SUMMER-2025', error: 409, error_text: expect.any(String) },
					{ code: 'A-1', error: 409, error_text: expect.any(String) },
					{ code: 'B 2', error: 450, error_text: expect.any(String) },
					{ code: 'A-2', error: 0, error_text: '' },
					{ code: 'A-3', error: 450, error_text: expect.stringContaining('capacity') },
				],
			});
			expect(emu.commerce.getPromoCodes(2).map((c) => c.code)).toEqual(['SUMMER-2025', 'A-1', 'A-2']);
			expect(emu.ledger.filter((e) => e.op === 'promocode.import')).toEqual([expect.objectContaining({ data: { loyalty_id: 2, inserted: ['A-1', 'A-2'], duplicated: 2, discarded_by_limit: 1 } })]);
			expect((await api(`${S}/import`, { loyalty_id: 1 })).json.error).toBe(400);
			expect((await api(`${S}/import`, { loyalty_id: 1, codes: 'X' })).json.error).toBe(400);
			expect((await api(`${S}/import`, { loyalty_id: 1, codes: [] })).json.error).toBe(400);
			expect((await api(`${S}/import`, { loyalty_id: 1, codes: ['X', 5] })).json).toMatchObject({ error: 400, error_text: expect.stringContaining('codes[1]') });
			expect((await api(`${S}/import`, { loyalty_id: 7, codes: ['X'] })).json.error).toBe(404);
			expect((await api(`${S}/import`, { loyalty_id: 1, codes: ['X'] }, { token: emu.tokens.readOnly })).json.error).toBe(403);
		});

		test('attach: an attached code is no longer free; without a code a free one is picked; a new code is imported', async () => {
			expect((await attachA({ code: 'WELCOME-002' })).json).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			const got = (await api(`${S}/get`, { loyalty_id: 1, code: 'WELCOME-002' })).json.data;
			expect(got).toMatchObject({ is_attached: true, attached: expect.any(String) });
			expect(emu.commerce.getPromoCode(1, 'WELCOME-002')).toMatchObject({ attached: [{ profile_id: ids.a, db_id: 1 }], is_free: false });
			// the same code for another profile: 409; again for the same profile: no change
			expect((await attachB({ code: 'WELCOME-002' })).json.error).toBe(409);
			expect((await attachA({ code: 'WELCOME-002' })).json.error).toBe(0);
			// without a code: the first free code
			expect((await attachB()).json.error).toBe(0);
			expect(emu.commerce.getPromoCode(1, 'WELCOME-001').attached).toEqual([expect.objectContaining({ profile_id: ids.b })]);
			expect((await attachB()).json.error).toBe(0);
			expect(emu.commerce.getPromoCode(1, 'WELCOME-003').attached).toEqual([expect.objectContaining({ profile_id: ids.b })]);
			// an unknown code is imported and attached
			expect((await attachA({ code: 'VIP-777' })).json.error).toBe(0);
			expect(emu.commerce.getPromoCode(1, 'VIP-777')).toMatchObject({ attached: [expect.objectContaining({ profile_id: ids.a })] });
			// no free code left
			await attachA();
			await attachA();
			expect((await attachA()).json.error).toBe(404);
			expect(emu.ledger.filter((e) => e.op === 'promocode.attach').map((e) => [e.profileId, e.data.code, e.data.imported, e.data.changed])).toEqual([
				[ids.a, 'WELCOME-002', false, true],
				[ids.a, 'WELCOME-002', false, false],
				[ids.b, 'WELCOME-001', false, true],
				[ids.b, 'WELCOME-003', false, true],
				[ids.a, 'VIP-777', true, true],
				[ids.a, 'WELCOME-004', false, true],
				[ids.a, 'WELCOME-005', false, true],
			]);
		});

		test('attach: matching, database and parameter checks', async () => {
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 1, matching: 'custom', field_name: 'crm_id', field_value: 'C-1', code: 'WELCOME-001' })).json.error).toBe(0);
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 1, matching: 'phone', phone: '+7 900 000-00-02' })).json.error).toBe(0);
			expect((await api(`${S}/attach`, { loyalty_id: 1, matching: 'email', email: 'anna@example.com' })).json.error).toBe(400);
			expect((await api(`${S}/attach`, { db_id: 1, matching: 'email', email: 'anna@example.com' })).json.error).toBe(400);
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 1, matching: 'email_sub', email: 'anna@example.com' })).json.error).toBe(400);
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 1, matching: 'email' })).json.error).toBe(400);
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 1, email: 'nobody@example.com' })).json.error).toBe(404);
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 2, email: 'anna@example.com' }, { token: emu.tokens.limited })).json.error).toBe(404);
			expect((await api(`${S}/attach`, { loyalty_id: 1, db_id: 1, email: 'anna@example.com', code: 'HAS SPACE' })).json.error).toBe(450);
		});

		test('a program with multiple use: one code for several profiles; detach then fails as ambiguous', async () => {
			const summer = { loyalty_id: 2, db_id: 1, code: 'SUMMER-2025' };
			expect((await api(`${S}/attach`, { ...summer, email: 'anna@example.com' })).json.error).toBe(0);
			expect((await api(`${S}/attach`, { ...summer, email: 'boris@example.com' })).json.error).toBe(0);
			expect(emu.commerce.getPromoCode(2, 'SUMMER-2025').attached).toHaveLength(2);
			expect((await api(`${S}/detach`, { ...summer, email: 'anna@example.com' })).json.error).toBe(435);
		});

		test('detach: the code becomes free again', async () => {
			await attachA({ code: 'WELCOME-001' });
			expect((await api(`${S}/detach`, { loyalty_id: 1, db_id: 1, email: 'anna@example.com' })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'code'") });
			expect((await api(`${S}/detach`, { loyalty_id: 1, db_id: 1, email: 'boris@example.com', code: 'WELCOME-001' })).json.error).toBe(404);
			expect((await api(`${S}/detach`, { loyalty_id: 1, db_id: 1, email: 'anna@example.com', code: 'NOPE' })).json.error).toBe(404);
			const d = await api(`${S}/detach`, { loyalty_id: 1, db_id: 1, matching: 'email', email: 'anna@example.com', code: 'WELCOME-001' });
			expect(d.json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.commerce.getPromoCode(1, 'WELCOME-001').is_free).toBe(true);
			await attachB();
			expect(emu.commerce.getPromoCode(1, 'WELCOME-001').attached).toEqual([expect.objectContaining({ profile_id: ids.b })]);
			expect(emu.ledger.filter((e) => e.op.startsWith('promocode.')).map((e) => e.op)).toEqual(['promocode.attach', 'promocode.detach', 'promocode.attach']);
		});

		test('activate and update; export_all shows attach and activation times', async () => {
			const act = (code) => api(`${S}/activate`, { loyalty_id: 1, code });
			expect((await act('WELCOME-001')).json).toMatchObject({ error: 450, error_text: expect.stringContaining('not attached') });
			await attachA({ code: 'WELCOME-001' });
			expect((await act('WELCOME-001')).json).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect((await act('WELCOME-001')).json.error).toBe(450);
			expect((await act('NOPE')).json.error).toBe(404);
			expect((await api(`${S}/get`, { loyalty_id: 1, code: 'WELCOME-001' })).json.data).toMatchObject({ is_attached: true, is_activated: true, activated: expect.any(String) });
			const all = await api(`${S}/export_all`, { loyalty_id: 1 });
			expect(all.json.data).toEqual([
				{ code: 'WELCOME-001', attached: expect.any(String), activated: expect.any(String) },
				{ code: 'WELCOME-002' },
				{ code: 'WELCOME-003' },
				{ code: 'WELCOME-004' },
				{ code: 'WELCOME-005' },
			]);
			expect((await api(`${S}/export_all`, {})).json.error).toBe(400);
			expect((await api(`${S}/export_all`, { loyalty_id: 3 })).json.error).toBe(404);
			// update
			const up = (extra) => api(`${S}/update`, { loyalty_id: 1, code: 'WELCOME-001', ...extra });
			expect((await up({})).json).toMatchObject({ error: 400, error_text: expect.stringContaining('expire_date') });
			expect((await up({ activated: 'no' })).json.error).toBe(400);
			expect((await up({ expire_date: 'tomorrow' })).json.error).toBe(450);
			expect((await up({ activated: false })).json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.commerce.getPromoCode(1, 'WELCOME-001').activated).toBe('');
			expect((await up({ expire_date: '2020-01-01T00:00:00Z' })).json.error).toBe(0);
			expect((await api(`${S}/get`, { loyalty_id: 1, code: 'WELCOME-001' })).json.data).toMatchObject({ is_expired: true, expired: '2020-01-01T00:00:00Z', expire_date: '2020-01-01T00:00:00Z' });
			expect((await act('WELCOME-001')).json).toMatchObject({ error: 450, error_text: expect.stringContaining('expired') });
			expect((await api(`${S}/update`, { loyalty_id: 1, code: 'WELCOME-002', activated: true })).json.error).toBe(450);
			// a code that expires later: advanceClock makes it expire
			expect((await api(`${S}/update`, { loyalty_id: 1, code: 'WELCOME-003', expire_date: new Date(Date.now() + 3600e3).toISOString() })).json.error).toBe(0);
			expect(emu.commerce.getPromoCode(1, 'WELCOME-003').is_free).toBe(true);
			emu.commerce.advanceClock(7200);
			expect(emu.commerce.getPromoCode(1, 'WELCOME-003')).toMatchObject({ is_expired: true, is_free: false });
		});
	});

	describe('goals', () => {
		const G = `${P}/goals/register`;
		test('one goal: recorded with its value, date and pixel_data; one ledger entry', async () => {
			const r = await api(G, { db_id: 1, pixel_id: 1, matching: 'email', email: 'anna@example.com', goal: 'purchase', value: 59.9, pixel_data: { order_id: 'A-1001', channel: 'web' }, skip_triggers: true });
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.commerce.getGoals()).toEqual([
				expect.objectContaining({ dbId: 1, profileId: ids.a, pixel_id: 1, goal: 'purchase', value: 59.9, pixel_data: { order_id: 'A-1001', channel: 'web' }, skip_triggers: true, is_test: false }),
			]);
			const e = emu.ledger.find((x) => x.op === 'goal.register');
			expect(e).toMatchObject({ dbId: 1, profileId: ids.a, skipTriggers: true, data: { pixel_id: 1, goals: [{ goal: 'purchase', value: 59.9 }] } });
		});

		test('several goals, custom matching, a date', async () => {
			const r = await api(G, {
				db_id: 1,
				pixel_id: 2,
				matching: 'custom',
				field_name: 'crm_id',
				field_value: 'C-1',
				goals: [{ goal: 'lead_qualified', value: 1 }, { goal: 'deal_amount', value: -2500.5 }, { goal: 'Заказ оформлен' }],
				date: '2025-03-01T12:00:00+03:00',
				is_test: true,
			});
			expect(r.json.error).toBe(0);
			const g = emu.commerce.getGoals({ profileId: ids.a });
			expect(g.map((x) => [x.goal, x.value, x.date, x.is_test])).toEqual([
				['lead_qualified', 1, '2025-03-01T09:00:00Z', true],
				['deal_amount', -2500.5, '2025-03-01T09:00:00Z', true],
				['Заказ оформлен', null, '2025-03-01T09:00:00Z', true],
			]);
		});

		test('validation: 400, 404, 450', async () => {
			const base = { db_id: 1, pixel_id: 1, email: 'anna@example.com' };
			expect((await api(G, { ...base })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'goal' or 'goals'") });
			expect((await api(G, { ...base, goal: 'x', goals: [{ goal: 'y' }] })).json.error).toBe(400);
			expect((await api(G, { pixel_id: 1, email: 'anna@example.com', goal: 'x' })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'db_id'") });
			expect((await api(G, { db_id: 1, email: 'anna@example.com', goal: 'x' })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'pixel_id'") });
			expect((await api(G, { ...base, goal: 'x', value: '5' })).json.error).toBe(400);
			expect((await api(G, { ...base, goals: [] })).json.error).toBe(400);
			expect((await api(G, { ...base, goals: [{ value: 1 }] })).json).toMatchObject({ error: 400, error_text: expect.stringContaining('goals[0].goal') });
			expect((await api(G, { ...base, goal: 'x', pixel_data: 'flat' })).json.error).toBe(400);
			expect((await api(G, { ...base, goal: 'x', matching: 'push_sub' })).json.error).toBe(400);
			expect((await api(G, { ...base, pixel_id: 9, goal: 'x' })).json.error).toBe(404);
			expect((await api(G, { ...base, pixel_id: 3, goal: 'x' })).json.error).toBe(404);
			expect((await api(G, { ...base, db_id: 3, goal: 'x' })).json.error).toBe(404);
			expect((await api(G, { ...base, email: 'nobody@example.com', goal: 'x' })).json.error).toBe(404);
			expect((await api(G, { ...base, goal: 'a'.repeat(129) })).json.error).toBe(450);
			expect((await api(G, { ...base, goal: 'bad{name}' })).json.error).toBe(450);
			expect((await api(G, { ...base, goal: 'x', date: 'now' })).json.error).toBe(450);
			expect((await api(G, { ...base, goal: 'x', pixel_data: { nested: { a: 1 } } })).json.error).toBe(450);
			expect((await api(G, { ...base, goal: 'x', pixel_data: { big: 'x'.repeat(1100) } })).json.error).toBe(450);
			expect((await api(G, { ...base, goal: 'x', pixel_data: { list: ['a', 1] } })).json.error).toBe(0);
			expect((await api(G, { ...base, goal: 'x' }, { token: emu.tokens.readOnly })).json.error).toBe(403);
			expect(emu.commerce.getGoals()).toHaveLength(1);
		});
	});

	describe('app push events', () => {
		const E = `${P}/pushes/post_events`;
		const ev = { events: 3, launch_id: 12345, provider: 'android-firebase', subscription_id: 'fcm-token-1', uid: 'uid-1' };
		test('recorded for the profile of the push subscription', async () => {
			expect((await api(E, ev)).json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.commerce.getPushEvents()).toEqual([
				expect.objectContaining({ events: 3, delivered: true, opened: true, launch_id: 12345, uid: 'uid-1', profiles: [{ dbId: 1, profileId: ids.c }] }),
			]);
			expect(emu.ledger.filter((e) => e.op === 'push.events')).toEqual([expect.objectContaining({ dbId: 1, profileId: ids.c })]);
			expect((await api(E, { ...ev, events: 1, uid: 'uid-2' })).json.error).toBe(0);
			expect(emu.commerce.getPushEvents()[1]).toMatchObject({ delivered: true, opened: false });
		});

		test('validation', async () => {
			for (const k of Object.keys(ev)) {
				const body = { ...ev };
				delete body[k];
				expect([k, (await api(E, body)).json.error]).toEqual([k, 400]);
			}
			expect((await api(E, { ...ev, events: '3' })).json.error).toBe(400);
			expect((await api(E, { ...ev, launch_id: '12345' })).json.error).toBe(400);
			expect((await api(E, { ...ev, events: 4 })).json.error).toBe(450);
			expect((await api(E, { ...ev, launch_id: 0 })).json.error).toBe(450);
			expect((await api(E, { ...ev, subscription_id: 'unknown' })).json.error).toBe(404);
			expect((await api(E, ev, { token: emu.tokens.otherAccount })).json.error).toBe(404);
			expect((await api(E, ev, { token: emu.tokens.readOnly })).json.error).toBe(403);
			expect(emu.commerce.getPushEvents()).toEqual([]);
		});
	});
});
