'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

/**
 * Mailings (41-campaigns.md parts B–F): the generic `campaigns/*` calls, regular, broadcast and trigger mailing
 * management, runs of broadcast/regular mailings, and the campaign (super-campaign) state machine.
 */
describe('mailings and campaigns', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	let rid = 0;
	/** A call with a fresh Request-ID (identical bodies are distinct requests here; dedup is tested in messaging-triggers). */
	const j = (path, body, opts = {}) => api(P + path, body, { headers: { 'request-id': `m-${++rid}` }, ...opts }).then((r) => r.json);

	/** Profiles of db 1 with an e-mail subscription to resource 1; the first `inSeg2` are put into static segment 2. */
	async function audience(n, inSeg2 = 0) {
		const ids = [];
		for (let i = 0; i < n; i++) {
			const email = `u${i}@example.com`;
			const r = await j('/profiles/import', { db_id: 1, email, data: { email, subscriptions: [{ resource_id: 1, channel: 'email', email }] }, ...(i < inSeg2 ? { add_to_segments: [2] } : {}) });
			ids.push(r.profile_id);
		}
		return ids;
	}

	/** Every page of a list call with `limit`. */
	async function pages(path, body, limit) {
		const out = [];
		let from = 1;
		let total;
		for (let i = 0; i < 20; i++) {
			const r = await j(path, { ...body, from_id: from, limit });
			expect(r.error).toBe(0);
			total = r.total_count ?? r.total;
			if (r.data.length === 0) break;
			expect(r.data.length).toBeLessThanOrEqual(limit);
			out.push(r.data.map((x) => x.id));
			from = r.next_from_id;
		}
		return { pages: out, total };
	}

	describe('campaigns/* (any mailing)', () => {
		test('list: paging over several pages, filters, 400 for an unknown type', async () => {
			const all = await pages('/campaigns/list', {}, 4);
			expect(all.pages).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
			expect(all.total).toBe(9);
			const r = await j('/campaigns/list', {});
			expect(r.data[0]).toEqual({ id: 1, name: 'Order confirmation (API)', type: 'trigger', is_active: true, subid: 'orders', for_confirm: false, ui_tags: ['transactional'], groups: [{ id: 0, name: 'main' }] });
			expect((await j('/campaigns/list', { type: 'trigger', is_active: false })).data.map((m) => m.id)).toEqual([2]);
			expect((await j('/campaigns/list', { type: 'regular' })).data.map((m) => m.id)).toEqual([5]);
			expect((await j('/campaigns/list', { ui_tags: ['newsletter'] })).data.map((m) => m.id)).toEqual([5, 6]);
			expect((await j('/campaigns/list', { groups: ['marketing'] })).data.map((m) => m.id)).toEqual([5, 6, 8]);
			expect((await j('/campaigns/list', { groups_id: [1], type: 'broadcast' })).data.map((m) => m.id)).toEqual([6]);
			expect((await j('/campaigns/list', { attributes: { season: { options: ['spring_2024'] } } })).data.map((m) => m.id)).toEqual([5, 6]);
			expect((await j('/campaigns/list', { type: 'email' })).error).toBe(400);
			expect((await j('/campaigns/list', { is_active: 'yes' })).error).toBe(400);
			expect((await j('/campaigns/list', { attributes: { season: 'x' } })).error).toBe(400);
			// the limited token does not see mailing 8 (resource 3, database 2)
			expect((await j('/campaigns/list', {}, { token: emu.tokens.limited })).data.map((m) => m.id)).not.toContain(8);
			expect((await j('/campaigns/list', {}, { token: emu.tokens.otherAccount })).data).toEqual([]);
		});

		test('get, get_status, 404 outside visibility, 400 without id', async () => {
			const g = await j('/campaigns/get', { id: 6 });
			expect(g.data).toMatchObject({ id: 6, type: 'broadcast', status: 'Inactive', is_active: false, is_completed: false, data_type: 'list', data_id: 1, resource_id: 1, content: [{ message_id: 2, subject: 'Spring sale' }], send_email_content: true });
			expect((await j('/campaigns/get_status', { id: 1 })).data).toEqual({ is_active: true, is_completed: false, status: 'Active' });
			expect((await j('/campaigns/get', {})).error).toBe(400);
			expect((await j('/campaigns/get', { id: 99 })).error).toBe(404);
			expect((await j('/campaigns/get', { id: 8 }, { token: emu.tokens.limited })).error).toBe(404);
			expect((await j('/campaigns/get_status', { id: 1 }, { token: emu.tokens.otherAccount })).error).toBe(404);
		});

		test('activate / deactivate: state changes recorded once; an active mailing cannot be deleted', async () => {
			expect(await j('/campaigns/activate/', { id: 2 })).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect((await j('/campaigns/get_status', { id: 2 })).data.status).toBe('Active');
			await j('/campaigns/activate/', { id: 2 });
			expect(emu.ledger.filter((e) => e.op === 'mailing.activate')).toHaveLength(1);
			expect((await j('/campaigns/delete', { id: 2 })).error).toBe(450);
			expect(await j('/campaigns/deactivate', { id: 2, abort_if_running: true })).toMatchObject({ error: 0, data: null });
			expect((await j('/campaigns/deactivate', { id: 2, abort_if_running: 'yes' })).error).toBe(400);
			expect((await j('/campaigns/get_status', { id: 2 })).data).toEqual({ is_active: false, is_completed: false, status: 'Inactive' });
			expect(emu.ledger.map((e) => e.op)).toEqual(['mailing.activate', 'mailing.deactivate']);
			expect((await j('/campaigns/activate/', { id: 2 }, { token: emu.tokens.readOnly })).error).toBe(403);
			// a mailing whose template is a draft cannot be activated
			const t = await j('/campaigns/triggers/add/', { name: 'Draft trigger', trigger_type: 'api_call', send_channel: 'email', resource_id: 1, content: [{ message_id: 5 }] });
			expect(await j('/campaigns/activate/', { id: t.data.saved_id })).toMatchObject({ error: 450, error_text: expect.stringContaining('draft') });
		});

		test('activate with run_now: a broadcast sends to its audience once and is completed', async () => {
			const ids = await audience(3);
			await j('/profiles/add', { db_id: 1, data: { email: 'nosub@example.com' } });
			const r = await j('/campaigns/activate/', { id: 6, run_now: true, content: { x: 1 } });
			expect(r).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect(emu.getSends({ mailingId: 6 }).map((s) => s.profileId)).toEqual(ids);
			expect(emu.sends.every((s) => s.kind === 'mailing' && s.triggerId === null && s.message.subject === 'Spring sale')).toBe(true);
			expect(emu.ledger.filter((e) => e.op === 'mailing.send')).toHaveLength(3);
			expect(emu.ledger.find((e) => e.op === 'mailing.run').data).toMatchObject({ mailingId: 6, audience: 4, sent: 3, source: { type: 'list', id: 1 } });
			expect((await j('/campaigns/get_status', { id: 6 })).data).toEqual({ is_active: false, is_completed: true, status: 'Completed' });
			const log = (await j('/campaigns/log_v2', { id: 6 })).data;
			expect(log.some((e) => e.level === 'WARN')).toBe(true);
			expect((await j('/campaigns/activate/', { id: 6, run_now: true })).error).toBe(450);
			expect((await j('/campaigns/broadcasts/start', { id: 6 })).error).toBe(450);
			// the clone can be sent again
			const c = await j('/campaigns/clone', { id: 6, name: 'Spring sale again' });
			expect(c).toMatchObject({ error: 0, data: { saved_id: 10 } });
			expect((await j('/campaigns/get', { id: 10 })).data).toMatchObject({ name: 'Spring sale again', is_active: false, is_completed: false, type: 'broadcast' });
		});

		test('run_now overrides: segment audience and limit; override without run_now → 400; db not linked → 413; trigger → 450', async () => {
			const ids = await audience(4, 3);
			expect((await j('/campaigns/activate/', { id: 6, override_source_type: 'segment', override_source_id: 2 })).error).toBe(400);
			expect((await j('/campaigns/activate/', { id: 6, run_now: true, override_source_type: 'segment' })).error).toBe(400);
			expect((await j('/campaigns/activate/', { id: 6, run_now: true, override_source_type: 'db', override_source_id: 1 })).error).toBe(400);
			expect((await j('/campaigns/activate/', { id: 6, run_now: true, override_source_type: 'list', override_source_id: 2 })).error).toBe(413);
			expect((await j('/campaigns/activate/', { id: 6, run_now: true, override_source_type: 'segment', override_source_id: 77 })).error).toBe(404);
			expect((await j('/campaigns/activate/', { id: 6, run_now: true, override_limit: -1 })).error).toBe(450);
			expect((await j('/campaigns/activate/', { id: 1, run_now: true })).error).toBe(450);
			expect(emu.sends).toHaveLength(0);
			expect(emu.ledger).toHaveLength(4);
			const r = await j('/campaigns/activate/', { id: 6, run_now: true, override_source_type: 'segment', override_source_id: 2, override_limit: 2 });
			expect(r.error).toBe(0);
			expect(emu.sends.map((s) => s.profileId)).toEqual(ids.slice(0, 2));
		});

		test('log_v2: entries, from_time, limit; validation', async () => {
			await audience(1);
			await j('/campaigns/triggers/start/', { id: 1, email: 'u0@example.com' });
			const all = (await j('/campaigns/log_v2', { id: 1 })).data;
			expect(all.length).toBe(2);
			expect(all[0]).toEqual({ level: 'INFO', message: 'Mailing created', time: expect.any(String) });
			expect((await j('/campaigns/log_v2', { id: 1, limit: 1 })).data).toHaveLength(1);
			expect((await j('/campaigns/log_v2', { id: 1, from_time: '2999-01-01T00:00:00Z' })).data).toEqual([]);
			expect((await j('/campaigns/log_v2', { id: 1, from_time: 'yesterday' })).error).toBe(450);
			expect((await j('/campaigns/log_v2', { id: 1, from_time: 5 })).error).toBe(400);
			expect((await j('/campaigns/log_v2', {})).error).toBe(400);
			expect((await j('/campaigns/log_v2', { id: 42 })).error).toBe(404);
		});

		test('clone and delete', async () => {
			expect((await j('/campaigns/clone', {})).error).toBe(400);
			expect((await j('/campaigns/clone', { id: 77 })).error).toBe(404);
			const c = await j('/campaigns/clone', { id: 1 });
			expect((await j('/campaigns/triggers/get', { id: c.data.saved_id })).data).toMatchObject({ name: 'Order confirmation (API) (copy)', is_active: false, trigger_type: 'api_call', resource_id: 1, list_id: 1 });
			expect(await j('/campaigns/delete', { id: c.data.saved_id })).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await j('/campaigns/get', { id: c.data.saved_id })).error).toBe(404);
			expect((await j('/campaigns/delete', { id: c.data.saved_id })).error).toBe(404);
			expect(emu.messaging.getMailing(c.data.saved_id).is_deleted).toBe(true);
			expect(emu.ledger.map((e) => e.op)).toEqual(['mailing.clone', 'mailing.delete']);
		});
	});

	describe('regular mailings', () => {
		const REG = { name: 'Monthly', data_type: 'list', data_id: 1, send_channel: 'email', resource_id: 1, content: [{ message_id: 2, subject: 'Monthly news' }] };

		test('add → get → list → update → start (active only; it stays active)', async () => {
			await audience(2);
			const add = await j('/campaigns/regulars/add/', { ...REG, start_schedule: { start_mins: [0], start_hours: [9], start_mdays: [1], tz: 'Europe/Moscow' }, limit: 100, agllimit_percent: 5.5 });
			expect(add).toMatchObject({ error: 0, data: { saved_id: 10 } });
			const g = (await j('/campaigns/regulars/get', { id: 10 })).data;
			expect(g).toMatchObject({ id: 10, name: 'Monthly', type: 'regular', is_active: false, data_type: 'list', data_id: 1, send_channel: 'email', resource_id: 1, limit: 100, aglimit_percent: 5.5, start_schedule: { start_hours: [9], tz: 'Europe/Moscow' } });
			const all = await pages('/campaigns/regulars/list/', {}, 1);
			expect(all.pages).toEqual([[5], [10]]);
			expect((await j('/campaigns/regulars/list/', { is_active: true })).data.map((m) => m.id)).toEqual([5]);
			expect((await j('/campaigns/regulars/start', { id: 10 })).error).toBe(450);
			expect(await j('/campaigns/regulars/update/', { id: 10, name: 'Monthly digest', is_active: true, send_channel: 'sms', limit: 1 })).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await j('/campaigns/regulars/get', { id: 10 })).data).toMatchObject({ name: 'Monthly digest', is_active: true, send_channel: 'email', limit: 1 });
			const s = await j('/campaigns/regulars/start', { id: 10, content: { k: 'v' }, attach: [{ name: 'a.txt', data: 'data:text/plain;base64,SEVMTE8K' }] });
			expect(s).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.getSends({ mailingId: 10 })).toHaveLength(1); // limit 1 per run
			expect(emu.getSends({ mailingId: 10 })[0]).toMatchObject({ content: { k: 'v' }, attachments: ['a.txt'], message: { subject: 'Monthly news' } });
			expect((await j('/campaigns/regulars/start', { id: 10, override_limit: 0 })).error).toBe(0);
			expect(emu.getSends({ mailingId: 10 })).toHaveLength(3);
			expect((await j('/campaigns/regulars/get', { id: 10 })).data.is_active).toBe(true);
			expect((await j('/campaigns/regulars/start', { id: 6 })).error).toBe(404); // a broadcast
			expect((await j('/campaigns/regulars/get', { id: 1 })).error).toBe(404); // a trigger
		});

		test('add validation: 400 for parameters, 404 unknown objects, 413 resource not linked, 450 values', async () => {
			const bad = async (patch, code, text) => {
				const r = await j('/campaigns/regulars/add/', { ...REG, ...patch });
				expect([patch, r.error, r.error_text]).toEqual([patch, code, text ? expect.stringContaining(text) : expect.any(String)]);
			};
			await bad({ name: undefined }, 400, "'name'");
			await bad({ data_type: undefined }, 400, "'data_type'");
			await bad({ data_type: 'database' }, 400, "'data_type'");
			await bad({ data_id: '1' }, 400, "'data_id'");
			await bad({ send_channel: 'fax' }, 400, "'send_channel'");
			await bad({ content: undefined }, 400, "'content'");
			await bad({ content: {} }, 400, "'content'");
			await bad({ push_sending_mode: 'all' }, 400, 'push_sending_mode');
			await bad({ agllimit_percent: '5' }, 400, 'agllimit_percent');
			await bad({ data_id: 99 }, 404);
			await bad({ data_type: 'segment', data_id: 99 }, 404);
			await bad({ resource_id: 99 }, 404);
			await bad({ content: [{ message_id: 99 }] }, 404);
			await bad({ virtual_sender_id: 99 }, 404);
			await bad({ resource_id: 3 }, 413);
			await bad({ resource_id: 2 }, 450, 'channel');
			await bad({ content: [] }, 450);
			await bad({ content: [{ subject: 'x' }] }, 450, 'message_id');
			await bad({ content: [{ message_id: 3 }] }, 450, 'no content for channel email');
			await bad({ content: [{ message_id: 2, from_email: 'nope' }] }, 450, 'from_email');
			await bad({ limit: -1 }, 450);
			await bad({ start_schedule: { start_hours: [25] } }, 450, 'start_hours');
			await bad({ start_schedule: { tz: 'Mars/Olympus' } }, 450, 'tz');
			await bad({ start_schedule: { every: 'day' } }, 450);
			await bad({ blind_carbon_copy: ['not-an-email'] }, 450);
			expect(emu.messaging.getMailing(10)).toBeUndefined();
			expect(emu.ledger).toHaveLength(0);
		});

		test('a deprecated channel flag forces the e-mail channel', async () => {
			const r = await j('/campaigns/regulars/add/', { ...REG, send_channel: 'sms', resource_id: 2, content: [{ message_id: 1 }], send_sms_content: true });
			expect(r).toMatchObject({ error: 450, error_text: expect.stringContaining('channel email') });
			const ok = await j('/campaigns/regulars/add/', { ...REG, send_channel: 'sms', resource_id: undefined, content: [{ message_id: 1 }], content_type: 'sms' });
			expect(ok.error).toBe(0);
			expect((await j('/campaigns/regulars/get', { id: ok.data.saved_id })).data.send_channel).toBe('email');
		});
	});

	describe('broadcast mailings', () => {
		test('add → list → get → update → activate → start', async () => {
			const ids = await audience(2, 1);
			const add = await j('/campaigns/broadcasts/add', { name: 'Launch', data_type: 'segment', data_id: 2, send_channel: 'email', resource_id: 1, content: [{ message_id: 2 }] });
			expect(add.data.saved_id).toBe(10);
			expect((await j('/campaigns/broadcasts/list/', {})).data.map((m) => [m.id, m.type, m.is_completed])).toEqual([[6, 'broadcast', false], [10, 'broadcast', false]]);
			expect((await pages('/campaigns/broadcasts/list/', {}, 1)).pages).toEqual([[6], [10]]);
			expect((await j('/campaigns/broadcasts/get', { id: 10 })).data).toMatchObject({ id: 10, status: 'Inactive', data_type: 'segment', data_id: 2 });
			expect((await j('/campaigns/broadcasts/get', { id: 5 })).error).toBe(404);
			expect(await j('/campaigns/broadcasts/update/', { id: 10, data_type: 'list', data_id: 1, content: [{ message_id: 2, subject: 'Launch day' }] })).toMatchObject({ error: 0 });
			expect((await j('/campaigns/broadcasts/update/', { id: 10, data_type: 'list' })).error).toBe(400);
			expect((await j('/campaigns/broadcasts/update/', { id: 10, name: '' })).error).toBe(450);
			expect((await j('/campaigns/broadcasts/update/', { id: 99 })).error).toBe(404);
			expect((await j('/campaigns/broadcasts/start', { id: 10 })).error).toBe(450); // not active
			await j('/campaigns/activate/', { id: 10 });
			expect((await j('/campaigns/broadcasts/start', { id: 10, override_source_type: 'segment', override_source_id: 2 })).error).toBe(0);
			expect(emu.getSends({ mailingId: 10 }).map((s) => [s.profileId, s.message.subject])).toEqual([[ids[0], 'Launch day']]);
			expect((await j('/campaigns/broadcasts/get', { id: 10 })).data).toMatchObject({ is_active: false, is_completed: true, status: 'Completed' });
		});
	});

	describe('trigger mailing management', () => {
		const TRG = { name: 'Password reset (API)', trigger_type: 'api_call', send_channel: 'email', resource_id: 1, content: [{ message_id: 1, subject: 'Reset' }] };

		test('add → get → list (paged) → update → clone; the new trigger can be launched', async () => {
			const add = await j('/campaigns/triggers/add/', { ...TRG, is_active: true, skip_minutes: 5, is_random_trk_prefix: true, custom_trk_domain: ['t.example.com'], attributes: { season: 'x' } });
			expect(add).toMatchObject({ error: 0, data: { saved_id: 10 } });
			const g = (await j('/campaigns/triggers/get', { id: 10 })).data;
			expect(g).toMatchObject({ id: 10, is_active: true, trigger_type: 'api_call', skip_minutes: 5, resource_id: 1, list_id: 1, send_channel: 'email', is_random_tracking_prefix: true, custom_tracking_domains: ['t.example.com'], call_url: expect.any(String) });
			const all = await pages('/campaigns/triggers/list/', {}, 3);
			expect(all.pages).toEqual([[1, 2, 3], [4, 7, 8], [10]]);
			expect((await j('/campaigns/triggers/list/', { limit: 1 })).data[0]).toMatchObject({ id: 1, type: 'trigger', trigger_type: 'api_call' });
			await j('/profiles/import', { db_id: 1, email: 'r@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'r@example.com' }] } });
			expect((await j('/campaigns/triggers/start/', { id: 10, email: 'r@example.com' })).error).toBe(0);
			expect(emu.sends[0]).toMatchObject({ mailingId: 10, message: { subject: 'Reset' } });
			expect(Date.parse(emu.sends[0].sendAt) - Date.parse(emu.sends[0].at)).toBe(5 * 60000);
			// update: name, content and trigger_type are required; send_channel is ignored
			expect((await j('/campaigns/triggers/update/', { id: 10, name: 'X', trigger_type: 'api_call' })).error).toBe(400);
			expect((await j('/campaigns/triggers/update/', { id: 10, name: 'X', content: [{ message_id: 1 }] })).error).toBe(400);
			const u = await j('/campaigns/triggers/update/', { id: 10, name: 'Reset v2', trigger_type: 'api_call', content: [{ message_id: 1, subject: 'Reset v2' }], send_channel: 'sms', is_active: false });
			expect(u).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await j('/campaigns/triggers/get', { id: 10 })).data).toMatchObject({ name: 'Reset v2', send_channel: 'email', is_active: false, content: [{ subject: 'Reset v2' }] });
			const c = await j('/campaigns/triggers/clone', { id: 10, name: 'Reset v3' });
			expect(c).toMatchObject({ error: 0, data: { saved_id: 11 } });
			expect((await j('/campaigns/triggers/clone', { id: 5 })).error).toBe(404); // not a trigger
			expect(emu.ledger.filter((e) => e.op.startsWith('mailing.')).map((e) => e.op)).toEqual(['mailing.add', 'mailing.update', 'mailing.clone']);
		});

		test('add validation', async () => {
			const bad = async (patch, code) => expect([patch, (await j('/campaigns/triggers/add/', { ...TRG, ...patch })).error]).toEqual([patch, code]);
			await bad({ trigger_type: undefined }, 400);
			await bad({ trigger_type: 'webhook' }, 400);
			await bad({ trigger_type: 'action' }, 400); // needs action
			await bad({ trigger_type: 'update' }, 400); // needs update_query
			await bad({ trigger_type: 'update', update_query: [{}] }, 450);
			await bad({ send_channel: undefined }, 400);
			await bad({ content: undefined }, 400);
			await bad({ skip_minutes: -5 }, 450);
			await bad({ resource_id: 42 }, 404);
			await bad({ resource_id: 4 }, 450); // push resource, e-mail trigger
			await bad({ resource_id: 1, content: [{ message_id: 5 }], is_active: true }, 450); // draft template
			expect((await j('/campaigns/triggers/add/', { ...TRG, trigger_type: 'update', update_query: [{ fieldname: 'crm_id', fieldtype: 'string' }] })).error).toBe(0);
			expect((await j('/campaigns/triggers/add/', { ...TRG }, { token: emu.tokens.readOnly })).error).toBe(403);
		});
	});

	describe('campaigns (scampaigns/*)', () => {
		test('list: states, paging, filters', async () => {
			expect((await pages('/scampaigns/list', {}, 2)).pages).toEqual([[1, 2], [3, 4]]);
			expect((await j('/scampaigns/list', { state: 'active' })).data.map((c) => c.id)).toEqual([2]);
			expect((await j('/scampaigns/list', { attributes: { season: ['spring_2025'] } })).data.map((c) => c.id)).toEqual([1]);
			expect((await j('/scampaigns/list', { state: 'paused' })).error).toBe(400);
			expect((await j('/scampaigns/list', {}, { token: emu.tokens.otherAccount })).data).toEqual([]);
		});

		test('get (data[]) with marketing activities; get_status', async () => {
			const g = await j('/scampaigns/get', { id: 1, marketing_activities: true });
			expect(g.data).toHaveLength(1);
			expect(g.data[0]).toMatchObject({ id: 1, name: 'Spring 2025', state: 'inactive', is_delete: false, audience: { seg_id: 2, list_id: 1, extension_conf: { regulars: { ids: [5] } } } });
			expect(g.data[0].marketing_activities.map((a) => [a.type, a.id])).toEqual([['trigger', 2], ['broadcast', 6], ['regular', 5], ['workflow', 2]]);
			expect((await j('/scampaigns/get', { id: 1 })).data[0].marketing_activities).toBeUndefined();
			expect((await j('/scampaigns/get_status', { id: 2 })).data).toEqual({ status: 'active' });
			expect((await j('/scampaigns/get', { id: 9 })).error).toBe(404);
			expect((await j('/scampaigns/get_status', {})).error).toBe(400);
		});

		test('state machine: activate now / later, deactivate, completed (irreversible, nested mailings and scenarios stopped)', async () => {
			const status = async (id) => (await j('/scampaigns/get_status', { id })).data.status;
			expect(await j('/scampaigns/activate', { id: 1, start_date: '2999-01-01T00:00:00Z' })).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect(await status(1)).toBe('waiting');
			expect((await j('/scampaigns/activate', { id: 1, activate_date: 'soon' })).error).toBe(450);
			expect((await j('/scampaigns/activate', { id: 1, start_date: '2030-01-01T00:00:00Z', deactivate_date: '2029-01-01T00:00:00Z' })).error).toBe(450);
			expect((await j('/scampaigns/activate', { id: 1, start_date: 7 })).error).toBe(400);
			await j('/scampaigns/activate', { id: 1 });
			expect(await status(1)).toBe('active');
			expect(await j('/scampaigns/deactivate', { id: 1 })).toMatchObject({ error: 0, data: null });
			expect(await status(1)).toBe('inactive');
			await j('/scampaigns/deactivate', { id: 1 }); // already inactive: nothing recorded
			// completed: the nested mailings 5 (regular, active) and scenario 2 stop
			await j('/campaigns/activate/', { id: 2 });
			await j('/workflows/activate', { id: 2 });
			expect(await j('/scampaigns/completed', { id: 1 })).toMatchObject({ error: 0, data: null });
			expect(await status(1)).toBe('completed');
			expect(emu.messaging.getMailing(5).is_active).toBe(false);
			expect(emu.messaging.getMailing(2).is_active).toBe(false);
			expect(emu.messaging.getScenario(2).is_active).toBe(false);
			expect(emu.ledger.filter((e) => e.op.startsWith('campaign.')).map((e) => [e.op, e.data.to])).toEqual([
				['campaign.activate', 'waiting'],
				['campaign.activate', 'active'],
				['campaign.deactivate', 'inactive'],
				['campaign.complete', 'completed'],
			]);
			expect(emu.ledger.find((e) => e.op === 'campaign.complete').data).toMatchObject({ deactivatedMailings: [2, 5], deactivatedScenarios: [2] });
			expect((await j('/scampaigns/activate', { id: 1 })).error).toBe(450);
			expect((await j('/scampaigns/deactivate', { id: 1 })).error).toBe(450);
			expect((await j('/scampaigns/completed', { id: 1 })).error).toBe(0);
			expect((await j('/scampaigns/activate', { id: 4 })).error).toBe(450); // cloning
			expect((await j('/scampaigns/activate', { id: 3 })).error).toBe(450); // completed in the seed
		});

		test('dates that have passed are applied when the campaign is read', async () => {
			const soon = new Date(Date.now() + 150).toISOString();
			await j('/scampaigns/activate', { id: 1, start_date: soon });
			expect((await j('/scampaigns/get_status', { id: 1 })).data.status).toBe('waiting');
			await new Promise((r) => setTimeout(r, 200));
			expect((await j('/scampaigns/get_status', { id: 1 })).data.status).toBe('active');
		});
	});
});
