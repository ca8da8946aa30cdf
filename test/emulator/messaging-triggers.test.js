'use strict';

const fs = require('node:fs');
const { createEmulator } = require('../../emulator');
const { createRouter } = require('../../emulator/handlers');
const { client, P } = require('./helpers');

/**
 * Trigger sends (41-campaigns.md part A): `id` vs `trigger_id`, matching, content / custom_data / attach,
 * subscription_filter, the sends ledger, exactly-once under retries (dedup, dropAfterApply), batch and task variants.
 */

const CATALOGUE = '/work/shared/altcraft-api/endpoints.json';
const MESSAGING = ['template', 'mailing', 'regularMailing', 'broadcastMailing', 'triggerMailing', 'campaign', 'scenario', 'sender', 'virtualSender', 'file', 'misc'];
const TXT = 'data:text/plain;base64,SEVMTE8K';

(fs.existsSync(CATALOGUE) ? test : test.skip)('every request of the messaging resources of endpoints.json is implemented', () => {
	const paths = new Set(createRouter().paths());
	const entries = JSON.parse(fs.readFileSync(CATALOGUE, 'utf8')).filter((e) => MESSAGING.includes(e.resource));
	expect(entries.length).toBeGreaterThanOrEqual(55);
	expect(entries.filter((e) => !paths.has(String(e.path).replace('{path}', ''))).map((e) => e.id)).toEqual([]);
});

describe('trigger sends', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	/** A profile of db 1 with an e-mail subscription to resource 1 (plus optional data / subscriptions). */
	async function customer(email, data = {}, subs = []) {
		const r = await api(`${P}/profiles/import`, {
			db_id: 1,
			email,
			data: { email, ...data, subscriptions: [{ resource_id: 1, channel: 'email', email }, ...subs] },
		});
		expect(r.json.error).toBe(0);
		return r.json.profile_id;
	}

	describe('campaigns/triggers/start/ (takes id)', () => {
		test('sends one message with its content, custom_data and attachments; recorded in the sends ledger and the ledger', async () => {
			const pid = await customer('ann@example.com', { _fname: 'Ann' });
			const r = await api(`${P}/campaigns/triggers/start/`, {
				id: 1,
				matching: 'email',
				email: 'ann@example.com',
				content: { order_id: 'A-1001', total: '59.90' },
				custom_data: { crm: 'x1' },
				attach: [{ name: 'invoice.txt', data: TXT }],
			});
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.sends).toHaveLength(1);
			const [s] = emu.getSends({ triggerId: 1, profileId: pid });
			expect(s).toMatchObject({
				mailingId: 1,
				triggerId: 1,
				kind: 'trigger',
				profileId: pid,
				dbId: 1,
				resourceId: 1,
				channel: 'email',
				to: { email: 'ann@example.com' },
				templateId: 1,
				content: { order_id: 'A-1001', total: '59.90' },
				customData: { crm: 'x1' },
				attachments: ['invoice.txt'],
				path: '/api/v1.1/campaigns/triggers/start/',
			});
			expect(s.files).toEqual([{ name: 'invoice.txt', mimetype: 'text/plain', size: 6 }]);
			expect(s.message.subject).toBe('Your order A-1001');
			expect(s.message.text).toContain('total 59.90');
			const sendEntries = emu.ledger.filter((e) => e.op === 'trigger.send');
			expect(sendEntries).toHaveLength(1);
			expect(sendEntries[0]).toMatchObject({ profileId: pid, dbId: 1, data: { mailingId: 1, smid: s.smid, channel: 'email', content: { order_id: 'A-1001' }, customData: { crm: 'x1' }, attachments: ['invoice.txt'] } });
			// the send is an action-history event with its smid, and the mailing log has a line
			const ev = emu.store.getHistory({ profileId: pid }).find((e) => e.action === 'send');
			expect(ev).toMatchObject({ smid: s.smid, campaign_id: 1, message_id: 1, campaign_name: 'Order confirmation (API)', channel: 'email', resource_id: 1 });
			const log = await api(`${P}/campaigns/log_v2`, { id: 1 });
			expect(log.json.data.some((e) => e.level === 'INFO' && e.message.includes(s.smid))).toBe(true);
		});

		test('the send message id gives the web version and works for profiles/message_unsub', async () => {
			const pid = await customer('web@example.com');
			await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'web@example.com', content: { order_id: 'W-7' } });
			const { smid } = emu.sends[0];
			const w = await api(`${P}/webver/get`, { send_message_id: smid });
			expect(w.json.error).toBe(0);
			expect(w.json.data).toMatchObject({ createtime: expect.any(String), email: { subject: 'Your order W-7', to_email: 'web@example.com', from_email: 'shop@example.com' } });
			expect(w.json.data.email.html).toContain('Order W-7 is confirmed');
			expect((await api(`${P}/webver/get`, { send_message_id: 'nope' })).json.error).toBe(404);
			expect((await api(`${P}/webver/get`, { send_message_id: smid }, { token: emu.tokens.otherAccount })).json.error).toBe(404);
			expect((await api(`${P}/webver/get`, {})).json).toMatchObject({ error: 400, error_text: expect.stringContaining('send_message_id') });
			const u = await api(`${P}/profiles/message_unsub`, { rtoken: emu.store.getResource(1).rtoken, smid });
			expect(u.json).toMatchObject({ error: 0, profile_id: pid });
			expect(emu.store.getProfile(pid).subscriptions[0].status).toBe('unsubscribed');
		});

		test('id vs trigger_id: start/ takes id (trigger_id alone → 400 naming id)', async () => {
			await customer('a@example.com');
			const r = await api(`${P}/campaigns/triggers/start/`, { trigger_id: 1, email: 'a@example.com' });
			expect(r.json).toMatchObject({ error: 400, error_text: expect.stringContaining("'id'") });
			expect((await api(`${P}/campaigns/triggers/start/`, { id: '1', email: 'a@example.com' })).json.error).toBe(400);
			expect(emu.sends).toHaveLength(0);
		});

		test('validation: matching modes, keys, objects, the mailing state (404 / 450) and the role', async () => {
			await customer('a@example.com');
			const start = (b, o) => api(`${P}/campaigns/triggers/start/`, b, o).then((r) => r.json);
			expect(await start({ id: 1 })).toMatchObject({ error: 400, error_text: expect.stringContaining("'email'") });
			expect(await start({ id: 1, matching: 'email_sub', email: 'a@example.com' })).toMatchObject({ error: 400 });
			expect(await start({ id: 1, matching: 'custom', field_name: 'crm_id' })).toMatchObject({ error: 400, error_text: expect.stringContaining('field_value') });
			expect(await start({ id: 1, email: 'a@example.com', content: 'x' })).toMatchObject({ error: 400, error_text: expect.stringContaining("'content'") });
			expect(await start({ id: 1, email: 'a@example.com', custom_data: [1] })).toMatchObject({ error: 400, error_text: expect.stringContaining("'custom_data'") });
			expect(await start({ id: 1, matching: 'email', email: 'a@example.com', custom_request: { email: 'a@example.com' } })).toMatchObject({ error: 400 });
			expect(await start({ id: 999, email: 'a@example.com' })).toMatchObject({ error: 404 });
			expect(await start({ id: 5, email: 'a@example.com' })).toMatchObject({ error: 404 }); // a regular mailing
			expect(await start({ id: 2, email: 'a@example.com' })).toMatchObject({ error: 450, error_text: expect.stringContaining('not active') });
			expect(await start({ id: 4, email: 'a@example.com' })).toMatchObject({ error: 450, error_text: expect.stringContaining('api_call') });
			expect(await start({ id: 8, email: 'a@example.com' }, { token: emu.tokens.limited })).toMatchObject({ error: 404 });
			expect(await start({ id: 1, email: 'a@example.com' }, { token: emu.tokens.otherAccount })).toMatchObject({ error: 404 });
			expect(await start({ id: 1, email: 'a@example.com' }, { token: emu.tokens.readOnly })).toMatchObject({ error: 403 });
			expect(await start({ id: 1, email: 'nobody@example.com' })).toMatchObject({ error: 404, error_text: expect.stringContaining('Profile not found') });
			expect(await start({ id: 1, email: 'a@example.com', resource_id: 3 })).toMatchObject({ error: 413 });
			expect(emu.sends).toHaveLength(0);
			expect(emu.ledger.filter((e) => e.op === 'trigger.send')).toHaveLength(0);
		});

		test('a profile without a sendable subscription gets 404 and nothing is sent (no subscription, unsubscribed, suppressed)', async () => {
			await api(`${P}/profiles/add`, { db_id: 1, data: { email: 'nosub@example.com' } });
			await customer('unsub@example.com');
			await api(`${P}/subscriptions/set`, {
				db_id: 1,
				profile_id: emu.store.getProfileByEmail(1, 'unsub@example.com').id,
				resource_id: 1,
				channel: 'email',
				email: 'unsub@example.com',
				status: 'unsubscribed',
			});
			await customer('blocked@example.com');
			await api(`${P}/suppresses/email_add`, { id: 1, email: 'blocked@example.com' });
			for (const email of ['nosub@example.com', 'unsub@example.com', 'blocked@example.com']) {
				const r = await api(`${P}/campaigns/triggers/start/`, { id: 1, email });
				expect([email, r.json.error, r.json.error_text]).toEqual([email, 404, expect.stringContaining('no subscription that can receive mailing 1')]);
			}
			expect(emu.sends).toHaveLength(0);
		});

		test('subscription_filter picks the subscription; not_strict falls back; a filter of another channel gets 450', async () => {
			const pid = await customer('main@example.com', {}, [{ resource_id: 1, channel: 'email', email: 'work@example.com', priority: 1 }]);
			await api(`${P}/campaigns/triggers/start/`, { id: 1, profile_id: pid, matching: 'profile_id' });
			expect(emu.sends[0].to).toEqual({ email: 'main@example.com' }); // lowest priority value first
			await api(`${P}/campaigns/triggers/start/`, { id: 1, matching: 'profile_id', profile_id: pid, subscription_filter: { email: 'work@example.com' } });
			expect(emu.sends[1].to).toEqual({ email: 'work@example.com' });
			const strict = await api(`${P}/campaigns/triggers/start/`, { id: 1, matching: 'profile_id', profile_id: pid, subscription_filter: { email: 'other@example.com' } });
			expect(strict.json.error).toBe(404);
			await api(`${P}/campaigns/triggers/start/`, { id: 1, matching: 'profile_id', profile_id: pid, subscription_filter: { email: 'other@example.com', not_strict: true } });
			expect(emu.sends[2].to).toEqual({ email: 'main@example.com' });
			const wrong = await api(`${P}/campaigns/triggers/start/`, { id: 1, matching: 'profile_id', profile_id: pid, subscription_filter: { phone: '+79000000000' } });
			expect(wrong.json).toMatchObject({ error: 450, error_text: expect.stringContaining('subscription_filter.email') });
			expect((await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'main@example.com', subscription_filter: { email: 5 } })).json.error).toBe(450);
			expect(emu.sends).toHaveLength(3);
		});

		test('custom_request sends to every profile of the query with a sendable subscription', async () => {
			const a = await customer('q1@example.com', { is_vip: true });
			const b = await customer('q2@example.com', { is_vip: true });
			await api(`${P}/profiles/add`, { db_id: 1, data: { email: 'q3@example.com', is_vip: true } }); // no subscription: skipped
			await customer('q4@example.com', { is_vip: false });
			const r = await api(`${P}/campaigns/triggers/start/`, { id: 1, custom_request: { is_vip: true }, content: { order_id: 'Q' } });
			expect(r.json.error).toBe(0);
			expect(emu.sends.map((s) => s.profileId)).toEqual([a, b]);
			const log = emu.messaging.getMailing(1).log;
			expect(log.some((e) => e.level === 'WARN' && e.message.includes('skipped'))).toBe(true);
			expect((await api(`${P}/campaigns/triggers/start/`, { id: 1, custom_request: { $where: 'x' } })).json.error).toBe(400);
		});

		test('attach: shapes are validated (400 not an array, 450 element, 404 unknown file_key); an uploaded file can be attached', async () => {
			await customer('f@example.com');
			const start = (attach) => api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'f@example.com', attach }).then((r) => r.json);
			expect(await start({ name: 'a', data: TXT })).toMatchObject({ error: 400, error_text: expect.stringContaining("'attach'") });
			expect(await start(['x'])).toMatchObject({ error: 450, error_text: expect.stringContaining('attach[0]') });
			expect(await start([{ data: TXT }])).toMatchObject({ error: 450, error_text: expect.stringContaining('attach[0].name') });
			expect(await start([{ name: 'a.txt' }])).toMatchObject({ error: 450 });
			expect(await start([{ name: 'a.txt', data: 'SEVMTE8K' }])).toMatchObject({ error: 450, error_text: expect.stringContaining('data URI') });
			expect(await start([{ name: 'a.txt', data: 'data:text/plain;base64,@@@' }])).toMatchObject({ error: 450 });
			expect(await start([{ name: 'a.txt', data: TXT, mimetype: 'text' }])).toMatchObject({ error: 450, error_text: expect.stringContaining('mimetype') });
			expect(await start([{ name: 'a.txt', file_key: 'missing' }])).toMatchObject({ error: 404 });
			expect(emu.sends).toHaveLength(0);
			const up = await api(`${P}/file_upload`, { header: 'price.csv', data: 'data:text/csv;base64,ZW1haWwKYUBiLmNvbQo=' });
			const fileKey = up.json.data.file;
			expect(await start([{ name: 'price.csv', file_key: fileKey }, { name: 'b.txt', data: TXT, mimetype: 'text/markdown' }])).toMatchObject({ error: 0 });
			expect(emu.sends[0].files).toEqual([
				{ name: 'price.csv', mimetype: 'text/csv', size: 14, file_key: fileKey },
				{ name: 'b.txt', mimetype: 'text/markdown', size: 6 },
			]);
			// another account cannot use the file
			expect((await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'f@example.com', attach: [{ name: 'x', file_key: fileKey }] }, { token: emu.tokens.otherAccount })).json.error).toBe(404);
		});

		test('SMS and push triggers: the phone / every push subscription (fanout); no web version for SMS', async () => {
			const pid = await customer('m@example.com', { phones: ['+79001112233'] }, [
				{ resource_id: 2, channel: 'sms', phone: '+79001112233' },
				{ resource_id: 4, channel: 'push', provider: 'android-firebase', subscription_id: 'tok-1' },
				{ resource_id: 4, channel: 'push', provider: 'ios-apns', subscription_id: 'tok-2' },
			]);
			expect((await api(`${P}/campaigns/triggers/start/`, { id: 3, matching: 'phone', phone: '+7 900 111-22-33', content: { code: '4242' } })).json.error).toBe(0);
			expect(emu.sends[0]).toMatchObject({ channel: 'sms', to: { phone: '+79001112233' }, message: { sms: 'Your code is 4242' } });
			expect((await api(`${P}/webver/get`, { send_message_id: emu.sends[0].smid })).json.error).toBe(404);
			expect((await api(`${P}/campaigns/triggers/start/`, { id: 7, matching: 'profile_id', profile_id: pid, content: { discount: 20 } })).json.error).toBe(0);
			expect(emu.getSends({ mailingId: 7 }).map((s) => s.to.subscription_id)).toEqual(['tok-1', 'tok-2']);
			expect(emu.getSends({ mailingId: 7 })[0].message.body).toBe('20% off today');
			expect(emu.store.getHistory({ profileId: pid }).filter((e) => e.action.startsWith('send')).map((e) => e.action)).toEqual(['send_sms', 'send_push', 'send_push']);
		});
	});

	describe('campaigns/triggers/import_and_start (takes trigger_id)', () => {
		test('imports through the profiles/import path, then sends; answers profile_id', async () => {
			const r = await api(`${P}/campaigns/triggers/import_and_start`, {
				trigger_id: 1,
				matching: 'custom',
				field_name: 'crm_id',
				field_value: 'C-77',
				data: { email: 'john@example.com', _fname: 'John', subscriptions: [{ resource_id: 1, channel: 'email', email: 'john@example.com' }] },
				skip_triggers: true,
				timeout: { days: 0, hours: 1, minutes: 5 },
				content: { order_id: 'B-1' },
				custom_data: { source: 'crm' },
			});
			expect(r.json).toMatchObject({ error: 0, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
			const p = emu.store.getProfile(r.json.profile_id);
			expect(p).toMatchObject({ db_id: 1, crm_id: 'C-77', email: 'john@example.com', _fname: 'John' });
			const create = emu.ledger.find((e) => e.op === 'profile.create');
			expect(create).toMatchObject({ path: '/api/v1.1/campaigns/triggers/import_and_start', profileId: p.id, skipTriggers: true });
			const [s] = emu.sends;
			expect(s).toMatchObject({ profileId: p.id, content: { order_id: 'B-1' }, customData: { source: 'crm' }, skipTriggers: true });
			expect(Date.parse(s.sendAt) - Date.parse(s.at)).toBe(65 * 60000);
			// the same call updates the profile and sends again (a new request)
			const again = await api(`${P}/campaigns/triggers/import_and_start`, { trigger_id: 1, matching: 'custom', field_name: 'crm_id', field_value: 'C-77', data: { _lname: 'Doe' } });
			expect(again.json.profile_id).toBe(p.id);
			expect(emu.ledger.filter((e) => e.op === 'profile.update')).toHaveLength(1);
			expect(emu.sends).toHaveLength(2);
		});

		test('id instead of trigger_id → 400; missing data → 400; invalid data → 450; nothing applied', async () => {
			const j = (b) => api(`${P}/campaigns/triggers/import_and_start`, b).then((r) => r.json);
			expect(await j({ id: 1, email: 'x@example.com', data: {} })).toMatchObject({ error: 400, error_text: expect.stringContaining("'trigger_id'") });
			expect(await j({ trigger_id: 1, email: 'x@example.com' })).toMatchObject({ error: 400, error_text: expect.stringContaining("'data'") });
			expect(await j({ trigger_id: 1, matching: 'push_sub', data: {} })).toMatchObject({ error: 400 });
			expect(await j({ trigger_id: 1, email: 'x@example.com', data: { orders_count: 'many', subscriptions: [{ resource_id: 1, channel: 'email', email: 'x@example.com' }] } })).toMatchObject({ error: 450 });
			expect(await j({ trigger_id: 1, email: 'x@example.com', data: {}, timeout: { minutes: -1 } })).toMatchObject({ error: 450 });
			expect(emu.store.countProfiles(1)).toBe(0);
			expect(emu.ledger).toHaveLength(0);
		});

		test('an imported profile that would have no sendable subscription: 404, the profile is not imported', async () => {
			const r = await api(`${P}/campaigns/triggers/import_and_start`, { trigger_id: 1, email: 'nosub@example.com', data: { email: 'nosub@example.com', _fname: 'N' } });
			expect(r.json).toMatchObject({ error: 404, error_text: expect.stringContaining('no subscription') });
			expect(emu.store.getProfileByEmail(1, 'nosub@example.com')).toBeUndefined();
			expect(emu.ledger).toHaveLength(0);
			// an existing subscription of the profile counts
			await customer('has@example.com');
			expect((await api(`${P}/campaigns/triggers/import_and_start`, { trigger_id: 1, email: 'has@example.com', data: { _fname: 'H' } })).json.error).toBe(0);
		});
	});

	describe('exactly once under retries', () => {
		test('the same start repeated with the same Request-ID: one send, the replay carries Duplicate-Request', async () => {
			await customer('d@example.com');
			const body = { id: 1, email: 'd@example.com', content: { order_id: 'D-1' } };
			const h = { headers: { 'request-id': '6f1c3c1e-0b7e-4a43-9d1a-3c1b2f0a0001' } };
			const first = await api(`${P}/campaigns/triggers/start/`, body, h);
			const second = await api(`${P}/campaigns/triggers/start/`, body, h);
			const third = await api(`${P}/campaigns/triggers/start/`, { ...body, content: { order_id: 'changed' } }, h);
			expect(first.headers.get('duplicate-request')).toBeNull();
			expect(second.headers.get('duplicate-request')).toBe('true');
			expect(second.headers.get('duplicate-key')).toEqual(expect.stringContaining('6f1c3c1e-0b7e-4a43-9d1a-3c1b2f0a0001'));
			expect(second.text).toBe(first.text);
			expect(third.headers.get('duplicate-request')).toBe('true');
			expect(emu.sends).toHaveLength(1);
			expect(emu.ledger.filter((e) => e.op === 'trigger.send')).toHaveLength(1);
			// without a Request-ID the checksum of the body identifies the repeat
			await api(`${P}/campaigns/triggers/start/`, { ...body, content: { order_id: 'D-2' } });
			const rep = await api(`${P}/campaigns/triggers/start/`, { ...body, content: { order_id: 'D-2' } });
			expect(rep.headers.get('duplicate-request')).toBe('true');
			// a new Request-ID is a new send
			await api(`${P}/campaigns/triggers/start/`, body, { headers: { 'request-id': 'other' } });
			expect(emu.sends.map((s) => s.content.order_id)).toEqual(['D-1', 'D-2', 'D-1']);
		});

		test('dropAfterApply on start: the send is applied, the retry gets the replay, still one send', async () => {
			await customer('drop@example.com');
			emu.faults.inject({ kind: 'dropAfterApply', path: 'campaigns/triggers/start/' });
			const body = { id: 1, email: 'drop@example.com', content: { order_id: 'X' } };
			const h = { headers: { 'request-id': 'drop-1' } };
			await expect(api(`${P}/campaigns/triggers/start/`, body, h)).rejects.toThrow();
			expect(emu.sends).toHaveLength(1);
			const retry = await api(`${P}/campaigns/triggers/start/`, body, h);
			expect(retry.headers.get('duplicate-request')).toBe('true');
			expect(retry.json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.sends).toHaveLength(1);
			expect(emu.faults.history.map((f) => f.kind)).toEqual(['dropAfterApply']);
		});

		test('dropAfterApply on import_and_start: one import, one send, the replay has the profile_id', async () => {
			emu.faults.inject({ kind: 'dropAfterApply', path: 'campaigns/triggers/import_and_start' });
			const body = { trigger_id: 1, email: 'new@example.com', data: { email: 'new@example.com', subscriptions: [{ resource_id: 1, channel: 'email', email: 'new@example.com' }] } };
			const h = { headers: { 'request-id': 'imp-1' } };
			await expect(api(`${P}/campaigns/triggers/import_and_start`, body, h)).rejects.toThrow();
			const retry = await api(`${P}/campaigns/triggers/import_and_start`, body, h);
			expect(retry.headers.get('duplicate-request')).toBe('true');
			expect(retry.json.profile_id).toBe(emu.store.getProfileByEmail(1, 'new@example.com').id);
			expect(emu.ledger.map((e) => e.op)).toEqual(['profile.create', 'trigger.send']);
			expect(emu.sends).toHaveLength(1);
		});

		test('a failed launch is not cached: the retry after fixing the state sends', async () => {
			const h = { headers: { 'request-id': 'late' } };
			expect((await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'late@example.com' }, h)).json.error).toBe(404);
			await customer('late@example.com');
			const r = await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'late@example.com' }, h);
			expect([r.json.error, r.headers.get('duplicate-request')]).toEqual([0, null]);
			expect(emu.sends).toHaveLength(1);
		});
	});

	describe('batches and tasks', () => {
		test('start_batch (trigger_id): result = the profile IDs sent to; unknown, ambiguous and unsendable entries are left out', async () => {
			const a = await customer('b1@example.com', { crm_id: 'K1' });
			const b = await customer('b2@example.com', { crm_id: 'K2' });
			await api(`${P}/profiles/add`, { db_id: 1, data: { email: 'b3@example.com', crm_id: 'K3' } });
			const r = await api(`${P}/campaigns/triggers/start_batch`, {
				trigger_id: 1,
				matching: 'custom',
				field_name: 'crm_id',
				data: [{ field_value: 'K1', custom_data: { line: 1 } }, { field_value: 'nope' }, { field_value: 'K3' }, { field_value: 'K2' }, { field_value: 'K1' }],
				content: { order_id: 'batch' },
				custom_data: { shared: true },
			});
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation', result: [a, b] });
			expect(emu.sends.map((s) => [s.profileId, s.customData])).toEqual([
				[a, { shared: true, line: 1 }],
				[b, { shared: true }],
			]);
			expect(emu.ledger.filter((e) => e.op === 'trigger.send')).toHaveLength(2);
		});

		test('start_batch: id instead of trigger_id → 400; malformed entries → 400 for the whole request, nothing sent', async () => {
			await customer('b1@example.com');
			const j = (b) => api(`${P}/campaigns/triggers/start_batch`, b).then((r) => r.json);
			expect(await j({ id: 1, data: [{ email: 'b1@example.com' }] })).toMatchObject({ error: 400, error_text: expect.stringContaining("'trigger_id'") });
			expect(await j({ trigger_id: 1 })).toMatchObject({ error: 400, error_text: expect.stringContaining("'data'") });
			expect(await j({ trigger_id: 1, data: [{ email: 'b1@example.com' }, 'x'] })).toMatchObject({ error: 400, error_text: expect.stringContaining('data[1]') });
			expect(await j({ trigger_id: 1, data: [{ email: 'b1@example.com' }, { phone: '+7900' }] })).toMatchObject({ error: 400, error_text: expect.stringContaining('data[1].email') });
			expect(await j({ trigger_id: 1, matching: 'custom', data: [{ field_value: '1' }] })).toMatchObject({ error: 400, error_text: expect.stringContaining('field_name') });
			expect(emu.sends).toHaveLength(0);
		});

		test('import_and_start_batch (trigger_id): per-entry results in input order with mixed success and failure', async () => {
			const sub = (email) => [{ resource_id: 1, channel: 'email', email }];
			const r = await api(`${P}/campaigns/triggers/import_and_start_batch`, {
				trigger_id: 1,
				matching: 'email',
				data: [
					{ data: { email: 'ok1@example.com', _fname: 'One', subscriptions: sub('ok1@example.com') } },
					{ data: { email: 'nosub@example.com' } },
					{ data: { email: 'bad@example.com', orders_count: 'x', subscriptions: sub('bad@example.com') } },
					'not an object',
					{ email: 'ok2@example.com', data: { _fname: 'Two', subscriptions: sub('ok2@example.com') }, custom_data: { n: 2 } },
					{ data: { _fname: 'no key' } },
				],
				content: { order_id: 'IB' },
			});
			expect(r.json.error).toBe(0);
			const res = r.json.result;
			expect(res.map((x) => x.error)).toEqual([0, 404, 450, 400, 0, 400]);
			expect(res[0]).toEqual({ error: 0, error_text: 'Successful operation', profile_id: expect.any(String) });
			expect(res[1].profile_id).toBeUndefined();
			expect(emu.store.getProfile(res[4].profile_id)).toMatchObject({ email: 'ok2@example.com', _fname: 'Two' });
			expect(emu.store.getProfileByEmail(1, 'nosub@example.com')).toBeUndefined();
			expect(emu.sends.map((s) => [s.profileId, s.customData])).toEqual([
				[res[0].profile_id, null],
				[res[4].profile_id, { n: 2 }],
			]);
			expect((await api(`${P}/campaigns/triggers/import_and_start_batch`, { id: 1, data: [] })).json.error).toBe(400);
		});

		test('start_batch_task (id) → tasks/status: processing, then completed with the profile IDs sent to', async () => {
			const a = await customer('t1@example.com');
			expect((await api(`${P}/campaigns/triggers/start_batch_task`, { trigger_id: 1, data: [] })).json).toMatchObject({ error: 400, error_text: expect.stringContaining("'id'") });
			const r = await api(`${P}/campaigns/triggers/start_batch_task`, { id: 1, data: [{ email: 't1@example.com' }, { email: 'none@example.com' }] }, { headers: { 'request-id': 'task-1' } });
			expect(r.json).toMatchObject({ error: 0, data: { task_id: expect.any(String) } });
			const again = await api(`${P}/campaigns/triggers/start_batch_task`, { id: 1, data: [{ email: 't1@example.com' }] }, { headers: { 'request-id': 'task-1' } });
			expect(again.json.data.task_id).toBe(r.json.data.task_id);
			const s1 = await api(`${P}/tasks/status`, { task_id: r.json.data.task_id });
			expect(s1.json.data.status).toBe('processing');
			const s2 = await api(`${P}/tasks/status`, { task_id: r.json.data.task_id });
			expect(s2.json.data).toEqual({ status: 'completed', progress: 100, result: [a] });
			expect(emu.sends).toHaveLength(1);
			// custom_request at the root instead of data
			const q = await api(`${P}/campaigns/triggers/start_batch_task`, { id: 1, custom_request: { email: 't1@example.com' } });
			await api(`${P}/tasks/status`, { task_id: q.json.data.task_id });
			expect((await api(`${P}/tasks/status`, { task_id: q.json.data.task_id })).json.data.result).toEqual([a]);
			expect((await api(`${P}/tasks/status`, { task_id: q.json.data.task_id }, { token: emu.tokens.otherAccount })).json.error).toBe(404);
		});

		test('import_and_start_batch_task (trigger_id) → completed with per-entry results', async () => {
			expect((await api(`${P}/campaigns/triggers/import_and_start_batch_task`, { id: 1, data: [] })).json.error).toBe(400);
			const r = await api(`${P}/campaigns/triggers/import_and_start_batch_task`, {
				trigger_id: 1,
				data: [{ data: { email: 'x1@example.com', subscriptions: [{ resource_id: 1, channel: 'email', email: 'x1@example.com' }] } }, { data: { email: 'x2@example.com' } }],
			});
			const id = r.json.data.task_id;
			await api(`${P}/tasks/status`, { task_id: id });
			const done = await api(`${P}/tasks/status`, { task_id: id });
			expect(done.json.data.status).toBe('completed');
			expect(done.json.data.result.map((x) => x.error)).toEqual([0, 404]);
			expect(done.json.data.result[0].profile_id).toBe(emu.store.getProfileByEmail(1, 'x1@example.com').id);
			expect(emu.sends).toHaveLength(1);
		});
	});
});

describe('body limits of calls that carry files', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator({ maxBodyBytes: 4096, maxFileBodyBytes: 64 * 1024 });
		api = client(emu);
	});
	afterAll(() => emu.close());

	test('a launch with attach may exceed maxBodyBytes up to maxFileBodyBytes; without files it may not', async () => {
		await api(`${P}/profiles/import`, { db_id: 1, email: 'big@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'big@example.com' }] } });
		const big = `data:text/plain;base64,${Buffer.alloc(8000, 'a').toString('base64')}`;
		const ok = await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'big@example.com', attach: [{ name: 'big.txt', data: big }] });
		expect(ok.json.error).toBe(0);
		expect(emu.sends[0].files[0].size).toBe(8000);
		const noFiles = await api(`${P}/campaigns/triggers/start/`, { id: 1, email: 'big@example.com', content: { pad: 'x'.repeat(8000) } });
		expect(noFiles.status).toBe(413);
		const tooBig = `data:text/plain;base64,${Buffer.alloc(70 * 1024, 'a').toString('base64')}`;
		expect((await api(`${P}/file_upload`, { header: 'a.txt', data: tooBig })).status).toBe(413);
		const up = await api(`${P}/file_upload`, { header: 'a.txt', data: big });
		expect(up.json.error).toBe(0);
		expect(emu.messaging.getFile(up.json.data.file).data.length).toBe(8000);
		// other calls keep maxBodyBytes
		expect((await api(`${P}/profiles/import`, { db_id: 1, email: 'x@example.com', data: { _fname: 'x'.repeat(8000) } })).status).toBe(413);
		expect(emu.sends).toHaveLength(1);
	});
});
