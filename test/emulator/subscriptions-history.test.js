'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

describe('subscriptions and action history', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const S = `${P}/subscriptions`;
	/** A profile of db 1 with an e-mail subscription to resource 1 and an SMS subscription to resource 2. */
	async function profile(email = 'sub@example.com', phone = '+79000000001') {
		const r = await api(`${P}/profiles/import`, {
			db_id: 1,
			email,
			data: {
				email,
				subscriptions: [
					{ resource_id: 1, channel: 'email', email, cats: ['news'] },
					{ resource_id: 2, channel: 'sms', phone },
				],
			},
		});
		expect(r.json.error).toBe(0);
		return r.json.profile_id;
	}
	const emailSub = (profileId, email = 'sub@example.com', extra = {}) => ({ db_id: 1, profile_id: profileId, resource_id: 1, channel: 'email', email, ...extra });

	describe('set / get / list', () => {
		test('set creates a subscription; get and list return it in the flat form', async () => {
			const id = await profile();
			const s = await api(`${S}/set`, emailSub(id, 'second@example.com', { status: 'unconfirmed', priority: 2, cats: ['promo'], custom_fields: { visits: 4 }, ip: '10.0.0.1', date: '2024-05-01T10:00:00Z' }));
			expect(s.json).toEqual({ error: 0, error_text: 'Successful operation' });
			const g = await api(`${S}/get`, emailSub(id, 'second@example.com'));
			expect(g.json.data).toEqual({
				resource_id: 1,
				resource_name: 'Newsletter',
				channel: 'email',
				email: 'second@example.com',
				priority: 2,
				status: 'unconfirmed',
				custom_fields: { visits: 4 },
				cats: ['promo'],
				is_delete: false,
			});
			const stored = emu.store.getProfile(id).subscriptions.find((x) => x.email_data && x.email_data.email === 'second@example.com');
			expect(stored.reg_info).toEqual({ date: '2024-05-01T10:00:00Z', ip: '10.0.0.1' });
			const l = await api(`${S}/list`, { db_id: 1, profile_id: id });
			expect(l.json.data.map((x) => [x.channel, x.email || x.phone, x.status])).toEqual([
				['email', 'sub@example.com', 'subscribed'],
				['sms', '+79000000001', 'subscribed'],
				['email', 'second@example.com', 'unconfirmed'],
			]);
			expect(emu.ledger.map((e) => e.op)).toEqual(['profile.create', 'subscription.set']);
			expect(emu.ledger[1]).toMatchObject({ dbId: 1, profileId: id, data: { created: true } });
		});

		test('set updates an existing subscription; -1 keeps status and priority; only sent values change', async () => {
			const id = await profile();
			await api(`${S}/set`, emailSub(id, 'sub@example.com', { status: 'suspended', priority: 3 }));
			await api(`${S}/set`, emailSub(id, 'SUB@example.com', { status: -1, priority: -1, custom_fields: { source: 'api' } }));
			const g = await api(`${S}/get`, emailSub(id));
			expect(g.json.data).toMatchObject({ status: 'suspended', priority: 3, cats: ['news'], custom_fields: { source: 'api' } });
			expect(emu.store.getProfile(id).subscriptions).toHaveLength(2);
			await api(`${S}/set`, emailSub(id, 'sub@example.com', { status: 1 }));
			expect((await api(`${S}/get`, emailSub(id))).json.data.status).toBe('unsubscribed');
		});

		test('push and telegram identification', async () => {
			const id = await profile();
			const push = { db_id: 1, profile_id: id, resource_id: 4, channel: 'push', provider: 'Firefox', subscription_id: 'tok-1' };
			expect((await api(`${S}/set`, { ...push, custom_fields: { _os: 'Linux' } })).json.error).toBe(0);
			const g = await api(`${S}/get`, push);
			expect(g.json.data).toMatchObject({ channel: 'push', provider: 'Firefox', subscription_id: 'tok-1', custom_fields: { _os: 'Linux' } });
			expect((await api(`${S}/get`, { ...push, subscription_id: 'tok-2' })).json.error).toBe(404);
			// telegram_bot is not a channel of resource 4 → validation error
			expect((await api(`${S}/set`, { db_id: 1, profile_id: id, resource_id: 4, channel: 'telegram_bot', cc_data: { id: 5 } })).json.error).toBe(450);
		});

		test('parameters: missing / mistyped → 400 naming them; values → 450; unknown objects → 404; unlinked resource → 413', async () => {
			const id = await profile();
			const cases = [
				[{ ...emailSub(id), db_id: undefined }, 400, /'db_id'/],
				[{ ...emailSub(id), profile_id: undefined }, 400, /'profile_id'/],
				[{ ...emailSub(id), profile_id: 'xyz' }, 400, /'profile_id'/],
				[{ ...emailSub(id), resource_id: '1' }, 400, /'resource_id'/],
				[{ ...emailSub(id), channel: undefined }, 400, /'channel'/],
				[{ ...emailSub(id), email: undefined }, 400, /'email'/],
				[{ db_id: 1, profile_id: id, resource_id: 2, channel: 'sms' }, 400, /'phone'/],
				[{ ...emailSub(id), status: true }, 400, /'status'/],
				[{ ...emailSub(id), cats: 'news' }, 400, /'cats'/],
				[{ ...emailSub(id), email: 'not-an-email' }, 450, /email/],
				[{ ...emailSub(id), status: 'sleeping' }, 450, /status/],
				[{ ...emailSub(id), cats: ['nope'] }, 450, /nope/],
				[{ ...emailSub(id), custom_fields: { visits: 'many' } }, 450, /visits/],
				[{ ...emailSub(id), date: 'yesterday' }, 450, /date/],
				[{ ...emailSub(id), db_id: 9 }, 404, /Database 9/],
				[{ ...emailSub(id), resource_id: 99 }, 404, /Resource 99/],
				[{ ...emailSub(id), resource_id: 3 }, 413, /not available/],
				[{ ...emailSub(id), profile_id: 'aaaaaaaaaaaaaaaaaaaaaaaa' }, 404, /Profile/],
			];
			for (const [body, code, text] of cases) {
				const r = await api(`${S}/set`, body);
				expect([JSON.stringify(body), r.json.error]).toEqual([JSON.stringify(body), code]);
				expect(r.json.error_text).toMatch(text);
			}
			expect((await api(`${S}/list`, { db_id: 1 })).json.error).toBe(400);
			expect((await api(`${S}/list`, { db_id: 1, profile_id: 'bbbbbbbbbbbbbbbbbbbbbbbb' })).json.error).toBe(404);
			expect((await api(`${S}/get`, emailSub(id, 'other@example.com'))).json.error).toBe(404);
			expect(emu.ledger).toHaveLength(1);
		});

		test('limited token: database 2 and its resources are invisible (404); read-only token may not set (403)', async () => {
			const id = await profile();
			expect((await api(`${S}/list`, { db_id: 2, profile_id: id }, { token: emu.tokens.limited })).json.error).toBe(404);
			expect((await api(`${S}/set`, emailSub(id), { token: emu.tokens.readOnly })).json.error).toBe(403);
			expect((await api(`${S}/list`, { db_id: 1, profile_id: id }, { token: emu.tokens.readOnly })).json.error).toBe(0);
		});
	});

	describe('delete / undelete', () => {
		test('delete is soft: list shows is_delete; the subscription no longer matches; undelete restores it', async () => {
			const id = await profile();
			const d = await api(`${S}/delete`, emailSub(id));
			expect(d.json).toEqual({ error: 0, error_text: 'Successful operation' });
			const l = await api(`${S}/list`, { db_id: 1, profile_id: id });
			expect(l.json.data.find((x) => x.channel === 'email')).toMatchObject({ email: 'sub@example.com', is_delete: true });
			expect((await api(`${P}/profiles/get/`, { db_id: 1, matching: 'email_sub', email: 'sub@example.com' })).json.error).toBe(404);
			expect((await api(`${S}/get`, emailSub(id))).json.data.is_delete).toBe(true);
			// deleting again changes nothing
			expect((await api(`${S}/delete`, emailSub(id))).json.error).toBe(0);
			expect(emu.ledger.map((e) => e.op)).toEqual(['profile.create', 'subscription.delete']);
			const u = await api(`${S}/undelete`, emailSub(id));
			expect(u.json.error).toBe(0);
			expect((await api(`${S}/get`, emailSub(id))).json.data.is_delete).toBe(false);
			expect((await api(`${P}/profiles/get/`, { db_id: 1, matching: 'email_sub', email: 'sub@example.com' })).json.data.id).toBe(id);
			expect((await api(`${S}/delete`, emailSub(id, 'ghost@example.com'))).json.error).toBe(404);
			expect((await api(`${S}/undelete`, { ...emailSub(id), channel: undefined })).json.error).toBe(400);
		});
	});

	describe('suspend_all / unsuspend_all', () => {
		test('only subscribed ↔ suspended change; filters by channel and resource; updated counts', async () => {
			const a = await profile('a@example.com', '+79000000011');
			await profile('b@example.com', '+79000000012');
			await api(`${S}/set`, emailSub(a, 'a@example.com', { status: 'unsubscribed' }));
			const s1 = await api(`${S}/suspend_all`, { db_id: 1, channel: 'email' });
			expect(s1.json).toEqual({ error: 0, error_text: 'Successful operation', updated: 1 });
			const s2 = await api(`${S}/suspend_all`, { db_id: 1, resource_id: 2 });
			expect(s2.json.updated).toBe(2);
			expect((await api(`${S}/suspend_all`, { db_id: 1 })).json.updated).toBe(0);
			const statuses = () => emu.store.findProfiles(1).flatMap((p) => p.subscriptions.map((s) => `${s.channel}:${s.status}`)).sort();
			expect(statuses()).toEqual(['email:suspended', 'email:unsubscribed', 'sms:suspended', 'sms:suspended']);
			const u = await api(`${S}/unsuspend_all`, { db_id: 1, channel: 'sms', resource_id: 2 });
			expect(u.json.updated).toBe(2);
			expect((await api(`${S}/unsuspend_all`, { db_id: 1 })).json.updated).toBe(1);
			expect(statuses()).toEqual(['email:subscribed', 'email:unsubscribed', 'sms:subscribed', 'sms:subscribed']);
			expect(emu.ledger.filter((e) => e.op.endsWith('suspend_all')).map((e) => e.data.updated)).toEqual([1, 2, 0, 2, 1]);
			expect((await api(`${S}/suspend_all`, {})).json.error).toBe(400);
			expect((await api(`${S}/suspend_all`, { db_id: 1, channel: 5 })).json.error).toBe(400);
			expect((await api(`${S}/suspend_all`, { db_id: 1, resource_id: 3 })).json.error).toBe(413);
			expect((await api(`${S}/unsuspend_all`, { db_id: 7 })).json.error).toBe(404);
		});
	});

	describe('list_all', () => {
		test('pages through the subscriptions of a resource with from_id / next_from_id; filters; total_count', async () => {
			for (let i = 0; i < 5; i++) await profile(`p${i}@example.com`, `+7900000010${i}`);
			await api(`${P}/profiles/import`, { db_id: 1, email: 'p0@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'p0-alt@example.com', status: 'unconfirmed' }] } });
			const seen = [];
			let from = '';
			let pages = 0;
			for (;;) {
				const r = await api(`${S}/list_all`, { resource_id: 1, limit: 2, from_id: from });
				expect(r.json.error).toBe(0);
				expect(r.json.total_count).toBe(6);
				if (r.json.data.length === 0) {
					expect(r.json.next_from_id).toBe(from);
					break;
				}
				pages += 1;
				seen.push(...r.json.data.map((x) => x.email));
				from = r.json.next_from_id;
				expect(from).toMatch(/^[0-9a-f]{16}\.\d{14}$/);
			}
			expect(pages).toBe(3);
			expect(seen).toEqual(['p0@example.com', 'p0-alt@example.com', 'p1@example.com', 'p2@example.com', 'p3@example.com', 'p4@example.com']);
			const first = (await api(`${S}/list_all`, { resource_id: 1, limit: 1 })).json.data[0];
			expect(first).toMatchObject({ db_id: 1, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/), _xxh: expect.stringMatching(/^[0-9a-f]{16}$/), hash_id: expect.any(String), resource_id: 1, channel: 'email', status: 'subscribed' });
			const unconf = await api(`${S}/list_all`, { resource_id: 1, db_id: 1, channel: 'email', status: 'unconfirmed' });
			expect(unconf.json.data.map((x) => x.email)).toEqual(['p0-alt@example.com']);
			expect(unconf.json.total_count).toBe(1);
			expect((await api(`${S}/list_all`, {})).json.error).toBe(400);
			expect((await api(`${S}/list_all`, { resource_id: 1, from_id: 'garbage' })).json.error).toBe(400);
			expect((await api(`${S}/list_all`, { resource_id: 1, status: 'nope' })).json.error).toBe(400);
			expect((await api(`${S}/list_all`, { resource_id: 1, channel: 'sms' })).json.error).toBe(400);
			expect((await api(`${S}/list_all`, { resource_id: 1, db_id: 2 })).json.error).toBe(413);
			expect((await api(`${S}/list_all`, { resource_id: 42 })).json.error).toBe(404);
		});
	});

	describe('action history', () => {
		const H = `${P}/subscribers`;

		test('profile writes and subscription changes leave events; history_get finds them by matching or xxh', async () => {
			const id = await profile();
			await api(`${P}/profiles/update`, { db_id: 1, email: 'sub@example.com', data: { _fname: 'Sue' } });
			await api(`${S}/set`, emailSub(id, 'sub@example.com', { status: 'unsubscribed' }));
			await api(`${S}/delete`, { db_id: 1, profile_id: id, resource_id: 2, channel: 'sms', phone: '+79000000001' });
			const r = await api(`${H}/history_get`, { list_id: 1, email: 'sub@example.com' });
			expect(r.json.error).toBe(0);
			expect(r.json.data.map((e) => [e.action, e.channel])).toEqual([
				['profile_create', ''],
				['subscription_add', 'email'],
				['subscription_add', 'sms'],
				['profile_update', ''],
				['subscription_update', 'email'],
				['subscription_delete', 'sms'],
			]);
			const ev = r.json.data[4];
			expect(ev).toMatchObject({
				xxh: expect.stringMatching(/^[0-9a-f]{16}$/),
				profile_id: id,
				email: 'sub@example.com',
				list_id: 1,
				count: 1,
				datetime: expect.any(String),
				message_id: 0,
				campaign_id: 0,
				event_id: expect.any(Number),
				smid: '',
				subscription: { resource_id: 1, resource_name: 'Newsletter', channel: 'email', email: 'sub@example.com', status: 'unsubscribed' },
			});
			expect(ev.subscriptions).toHaveLength(2);
			const byXxh = await api(`${H}/history_get`, { list_id: 1, xxh: ev.xxh });
			expect(byXxh.json.data).toHaveLength(6);
			const byId = await api(`${H}/history_get`, { list_id: 1, matching: 'profile_id', profile_id: id });
			expect(byId.json.data).toHaveLength(6);
		});

		test('addHistoryEvent seeds message events; date_from / date_to filter (inclusive)', async () => {
			const id = await profile();
			emu.addHistoryEvent({ dbId: 1, profileId: id, action: 'deliv', datetime: '2024-03-01T10:00:00Z', resourceId: 1, smid: 'sm-1', campaignId: 7, campaignName: 'Spring', messageId: 3, messageName: 'Hello' });
			emu.addHistoryEvent({ dbId: 1, profileId: id, action: 'open', datetime: '2024-03-02T09:00:00Z', resourceId: 1 });
			emu.addHistoryEvent({ dbId: 1, profileId: id, action: 'click', datetime: '2024-03-05T12:00:00Z', count: 2 });
			const r = await api(`${H}/history_get`, { list_id: 1, email: 'sub@example.com', date_from: '2024-03-01', date_to: '2024-03-02' });
			expect(r.json.data.map((e) => e.action)).toEqual(['deliv', 'open']);
			expect(r.json.data[0]).toMatchObject({ smid: 'sm-1', campaign_id: 7, campaign_name: 'Spring', message_id: 3, message_name: 'Hello', channel: 'email', subscription: { resource_id: 1, email: 'sub@example.com' } });
			const later = await api(`${H}/history_get`, { list_id: 1, email: 'sub@example.com', date_from: '2024-03-03', date_to: '2024-03-31' });
			expect(later.json.data).toEqual([expect.objectContaining({ action: 'click', count: 2, channel: '', subscription: null })]);
			expect(() => emu.addHistoryEvent({ dbId: 2, profileId: id, action: 'open' })).toThrow(/not found/);
		});

		test('history_get validation: 400 / 450 / 404', async () => {
			await profile();
			expect((await api(`${H}/history_get`, { email: 'sub@example.com' })).json.error).toBe(400);
			expect((await api(`${H}/history_get`, { list_id: 1 })).json.error).toBe(400);
			expect((await api(`${H}/history_get`, { list_id: 1, xxh: 'zz' })).json.error).toBe(400);
			expect((await api(`${H}/history_get`, { list_id: 1, email: 'sub@example.com', date_from: '2024-02-30' })).json.error).toBe(450);
			expect((await api(`${H}/history_get`, { list_id: 1, email: 'sub@example.com', date_from: '2024-03-02', date_to: '2024-03-01' })).json.error).toBe(450);
			expect((await api(`${H}/history_get`, { list_id: 1, email: 'ghost@example.com' })).json.error).toBe(404);
			expect((await api(`${H}/history_get`, { list_id: 1, xxh: '0000000000000000' })).json.error).toBe(404);
			expect((await api(`${H}/history_get`, { list_id: 2, email: 'sub@example.com' }, { token: emu.tokens.limited })).json.error).toBe(404);
		});

		test('history_get_all pages by profile (limit = profiles per page), with fields{}', async () => {
			const ids = [];
			for (let i = 0; i < 5; i++) {
				const r = await api(`${P}/profiles/add`, { db_id: 1, data: { email: `h${i}@example.com`, crm_id: `C${i}` } });
				ids.push(r.json.profile_id);
				emu.addHistoryEvent({ dbId: 1, profileId: r.json.profile_id, action: 'send', datetime: '2024-06-10T08:00:00Z' });
				emu.addHistoryEvent({ dbId: 1, profileId: r.json.profile_id, action: 'open', datetime: '2024-06-11T08:00:00Z' });
			}
			const body = { list_id: 1, date_from: '2024-06-01', date_to: '2024-06-30', limit: 2, fields: ['crm_id'] };
			const profilesSeen = [];
			let from = '';
			let pages = 0;
			for (;;) {
				const r = await api(`${H}/history_get_all`, { ...body, from_id: from });
				expect(r.json.error).toBe(0);
				if (r.json.data.length === 0) break;
				pages += 1;
				const pids = [...new Set(r.json.data.map((e) => e.profile_id))];
				expect(pids.length).toBeLessThanOrEqual(2);
				for (const e of r.json.data) expect(e.fields).toEqual({ crm_id: `C${ids.indexOf(e.profile_id)}` });
				expect(r.json.data.map((e) => e.action)).toEqual(pids.flatMap(() => ['send', 'open']));
				profilesSeen.push(...pids);
				expect(r.json.next_from_id).toMatch(/^[0-9a-f]{16}\.20240630$/);
				from = r.json.next_from_id;
			}
			expect(pages).toBe(3);
			expect(profilesSeen.sort()).toEqual(ids.slice().sort());
			// the profile-create events of today are outside the period
			const june = await api(`${H}/history_get_all`, { list_id: 1, date_from: '2024-06-11', date_to: '2024-06-11' });
			expect(june.json.data).toHaveLength(5);
			expect(june.json.data.every((e) => e.action === 'open' && e.list_id === 1)).toBe(true);
			expect((await api(`${H}/history_get_all`, { list_id: 1, date_from: '2024-06-01' })).json.error).toBe(400);
			expect((await api(`${H}/history_get_all`, { list_id: 1, date_from: '2024-06-01', date_to: '2024-06-31' })).json.error).toBe(450);
			expect((await api(`${H}/history_get_all`, { ...body, from_id: 'x.1' })).json.error).toBe(400);
			expect((await api(`${H}/history_get_all`, { ...body, list_id: 9 })).json.error).toBe(404);
		});

		test('profiles/message_unsub leaves an unsubscribe event with the smid', async () => {
			const id = await profile();
			const msg = emu.addSentMessage({ dbId: 1, profileId: id, resourceId: 1, channel: 'email' });
			const rtoken = emu.store.getResource(1).rtoken;
			expect((await api(`${P}/profiles/message_unsub`, { rtoken, smid: msg.smid })).json.error).toBe(0);
			const r = await api(`${H}/history_get`, { list_id: 1, matching: 'profile_id', profile_id: id });
			const last = r.json.data[r.json.data.length - 1];
			expect(last).toMatchObject({ action: 'unsubscribe', smid: msg.smid, channel: 'email', subscription: { resource_id: 1, status: 'unsubscribed' } });
		});

		test('profiles/delete removes the profile history', async () => {
			const id = await profile();
			expect(emu.store.getHistory({ profileId: id }).length).toBeGreaterThan(0);
			await api(`${P}/profiles/delete`, { db_id: 1, matching: 'profile_id', profile_id: id });
			expect(emu.store.getHistory({ profileId: id })).toEqual([]);
		});
	});
});
