'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

/** Templates (40), senders and virtual senders (71), file_upload (80) and scenarios (42). */
describe('templates, senders, files, scenarios', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	let rid = 0;
	/** A call with a fresh Request-ID unless headers are given. */
	const j = (path, body, opts = {}) => api(P + path, body, { headers: { 'request-id': `t-${++rid}` }, ...opts }).then((r) => r.json);

	/** All pages of a list call. */
	async function pages(path, body, limit) {
		const out = [];
		let from = 1;
		for (let i = 0; i < 20; i++) {
			const r = await j(path, { ...body, from_id: from, limit });
			expect(r.error).toBe(0);
			if (r.data.length === 0) break;
			out.push(r.data.map((x) => x.id));
			from = r.next_from_id;
		}
		return out;
	}

	describe('templates', () => {
		const EMAIL = { sid: 'email', fields: { subject: 'Hi {apicontent.name}', html: '<p>Hi</p>', text: 'Hi', is_amp: false, from_email: 'me@example.com' } };

		test('list: paging, channel and group filters', async () => {
			expect(await pages('/templates/list', {}, 4)).toEqual([[1, 2, 3, 4], [5, 6]]);
			const r = await j('/templates/list', { limit: 1 });
			expect(r).toMatchObject({ next_from_id: 2, total_count: 6 });
			expect(r.data[0]).toMatchObject({ id: 1, name: 'Order confirmation', channels: [{ id: expect.any(Number), sid: 'email' }, { id: expect.any(Number), sid: 'sms' }], is_draft: false });
			expect(r.data[0].channels[0].fields).toBeUndefined();
			expect((await j('/templates/list', { channel: 'sms' })).data.map((t) => t.id)).toEqual([1, 3]);
			expect((await j('/templates/list', { channel: 'push', limit: 1, from_id: 1 })).data.map((t) => t.id)).toEqual([4]);
			expect((await j('/templates/list', { groups: ['marketing'] })).data.map((t) => t.id)).toEqual([2, 5, 6]);
			expect((await j('/templates/list', { ui_tags: ['transactional'] })).data.map((t) => t.id)).toEqual([1, 3]);
			expect((await j('/templates/list', { channel: 'fax' })).error).toBe(400);
			expect((await j('/templates/list', { limit: 0 })).error).toBe(400);
			expect((await j('/templates/list', {}, { token: emu.tokens.otherAccount })).data).toEqual([]);
		});

		test('add → get → update → delete', async () => {
			const add = await j('/templates/add', { name: 'Welcome', descr: 'First mail', channels: [EMAIL, { sid: 'sms', fields: { sms: 'Hi', sms_max_count: 2 } }], ui_tags: ['onboarding'], groups: [1], is_draft: false, suppress_id: 2 });
			expect(add).toEqual({ error: 0, error_text: 'Successful operation', data: { saved_id: 7 } });
			const g = (await j('/templates/get', { id: 7 })).data;
			expect(g).toMatchObject({ id: 7, name: 'Welcome', description: 'First mail', ui_tags: ['onboarding'], groups: [{ id: 1, name: 'marketing' }], suppress_id: 2, is_draft: false, updated_user: 'admin' });
			expect(g.channels.map((c) => [c.sid, c.fields])).toEqual([['email', EMAIL.fields], ['sms', { sms: 'Hi', sms_max_count: 2 }]]);
			const emailId = g.channels[0].id;
			expect(await j('/templates/update', { id: 7, name: 'Welcome!', channels: [{ sid: 'email', fields: { subject: 'New' } }] })).toEqual({ error: 0, error_text: 'Successful operation' });
			const u = (await j('/templates/get', { id: 7 })).data;
			expect(u).toMatchObject({ name: 'Welcome!', description: 'First mail', channels: [{ id: emailId, sid: 'email', fields: { subject: 'New' } }] });
			expect(await j('/templates/delete', { id: 7 })).toEqual({ error: 0, error_text: 'Successful operation', data: 7 });
			expect((await j('/templates/get', { id: 7 })).error).toBe(404);
			expect((await j('/templates/delete', { id: 7 })).error).toBe(404);
			expect(emu.ledger.map((e) => e.op)).toEqual(['template.add', 'template.update', 'template.delete']);
		});

		test('validation: 400 parameters, 450 channel objects, 404 unknown objects; a template in use cannot be deleted', async () => {
			const bad = async (body, code, text) => {
				const r = await j('/templates/add', { name: 'T', channels: [EMAIL], ...body });
				expect([body, r.error, r.error_text]).toEqual([body, code, text ? expect.stringContaining(text) : expect.any(String)]);
			};
			await bad({ name: undefined }, 400, "'name'");
			await bad({ channels: undefined }, 400, "'channels'");
			await bad({ channels: EMAIL }, 400, "'channels'");
			await bad({ is_draft: 'no' }, 400, 'is_draft');
			await bad({ groups: ['marketing'] }, 400, 'groups');
			await bad({ channels: [] }, 450);
			await bad({ channels: [{ sid: 'fax', fields: {} }] }, 450, 'sid');
			await bad({ channels: [EMAIL, EMAIL] }, 450, 'twice');
			await bad({ channels: [{ sid: 'email' }] }, 450, 'fields');
			await bad({ channels: [{ sid: 'email', fields: { subjct: 'x' } }] }, 450, 'subjct');
			await bad({ channels: [{ sid: 'email', fields: { is_amp: 'yes' } }] }, 450, 'is_amp');
			await bad({ channels: [{ sid: 'email', fields: { from_email: 'nobody' } }] }, 450, 'from_email');
			await bad({ channels: [{ sid: 'sms', fields: { sms_max_count: -1 } }] }, 450);
			await bad({ channels: [{ sid: 'push', fields: { title: { x: 1 } } }] }, 450);
			await bad({ json_url: 'ftp://x' }, 450);
			await bad({ groups: [7] }, 404);
			await bad({ suppress_id: 99 }, 404);
			expect((await j('/templates/add', { name: 'Push', channels: [{ sid: 'push', fields: { title: 'T', body: 'B', badge: 1 } }] })).error).toBe(0);
			expect((await j('/templates/get', {})).error).toBe(400);
			expect((await j('/templates/get', { id: 'x' })).error).toBe(400);
			expect((await j('/templates/update', { id: 99, name: 'x' })).error).toBe(404);
			expect((await j('/templates/update', { id: 1, name: '' })).error).toBe(450);
			expect((await j('/templates/delete', { id: 1 })).error).toBe(450); // used by mailing 1
			expect((await j('/templates/delete', { id: 1 }, { token: emu.tokens.readOnly })).error).toBe(403);
			expect((await j('/templates/get', { id: 1 }, { token: emu.tokens.otherAccount })).error).toBe(404);
		});
	});

	describe('senders and virtual senders', () => {
		const RULES = { email_rules: [{ type: 'default', value: '', senders: [{ sender_id: 1, percent: 60, from_email: 'a@example.com' }, { sender_id: 3, percent: 40 }] }], sms_rules: [] };

		test('senders/list pages', async () => {
			expect(await pages('/senders/list', {}, 3)).toEqual([[1, 2, 3], [4]]);
			expect((await j('/senders/list', { limit: 1 })).data).toEqual([{ channel: 'email', id: 1, name: 'AKMTA sender', type: 'akmta' }]);
			expect((await j('/senders/list', { from_id: 'a' })).error).toBe(400);
		});

		test('vsenders: add → get → list (paged) → update → clone → delete', async () => {
			const add = await j('/vsenders/add', { name: 'Route', ...RULES });
			expect(add).toEqual({ error: 0, error_text: 'Successful operation', data: { saved_id: 3 } });
			expect((await j('/vsenders/get', { id: 3 })).data).toEqual({ id: 3, name: 'Route', ...RULES });
			expect(await pages('/vsenders/list', {}, 2)).toEqual([[1, 2], [3]]);
			expect((await j('/vsenders/list', {})).data[2]).toEqual({ id: 3, name: 'Route', email_channel: true, sms_channel: false });
			expect(await j('/vsenders/update', { id: 3, sms_rules: [{ type: 'default', senders: [{ sender_id: 2, percent: 100, from_name: 'Shop' }] }] })).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await j('/vsenders/get', { id: 3 })).data).toMatchObject({ name: 'Route', email_rules: RULES.email_rules, sms_rules: [{ type: 'default', value: '', senders: [{ sender_id: 2, percent: 100, from_name: 'Shop' }] }] });
			expect(await j('/vsenders/clone', { id: 3 })).toMatchObject({ error: 0, data: { saved_id: 4 } });
			expect((await j('/vsenders/get', { id: 4 })).data.name).toBe('Clone of Route');
			expect(await j('/vsenders/delete', { id: 4 })).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await j('/vsenders/get', { id: 4 })).error).toBe(404);
			expect(emu.ledger.map((e) => e.op)).toEqual(['vsender.add', 'vsender.update', 'vsender.clone', 'vsender.delete']);
		});

		test('vsenders: validation of the rules structure; a virtual sender in use cannot be deleted', async () => {
			const rule = (senders, extra = {}) => ({ type: 'default', value: '', senders, ...extra });
			const bad = async (body, code, text) => {
				const r = await j('/vsenders/add', { name: 'V', ...RULES, ...body });
				expect([body, r.error, r.error_text]).toEqual([body, code, text ? expect.stringContaining(text) : expect.any(String)]);
			};
			await bad({ name: undefined }, 400, "'name'");
			await bad({ email_rules: undefined }, 400, "'email_rules'");
			await bad({ sms_rules: undefined }, 400, "'sms_rules'");
			await bad({ sms_rules: {} }, 400, "'sms_rules'");
			await bad({ email_rules: ['x'] }, 450);
			await bad({ email_rules: [{ senders: [{ sender_id: 1, percent: 100 }] }] }, 450, 'type');
			await bad({ email_rules: [rule([])] }, 450, 'senders');
			await bad({ email_rules: [rule([{ sender_id: 1, percent: 50 }])] }, 450, 'add up to 50');
			await bad({ email_rules: [rule([{ sender_id: 1, percent: 0 }, { sender_id: 3, percent: 100 }])] }, 450, 'percent');
			await bad({ email_rules: [rule([{ sender_id: 1, percent: 50 }, { sender_id: 1, percent: 50 }])] }, 450, 'twice');
			await bad({ email_rules: [rule([{ sender_id: 2, percent: 100 }])] }, 450, 'sms sender');
			await bad({ email_rules: [rule([{ sender_id: 9, percent: 100 }])] }, 404);
			await bad({ email_rules: [rule([{ sender_id: 1, percent: 100 }], { value: 'x' })] }, 450, 'empty value');
			await bad({ email_rules: [rule([{ sender_id: 1, percent: 100 }]), rule([{ sender_id: 3, percent: 100 }])] }, 450, 'only one');
			await bad({ email_rules: [{ type: 'domain', value: '', senders: [{ sender_id: 1, percent: 100 }] }] }, 450, 'value');
			await bad({ email_rules: [rule([{ sender_id: 1, percent: 100, from_email: 'bad' }])] }, 450, 'from_email');
			await bad({ sms_rules: [rule([{ sender_id: 2, percent: 100, from_email: 'a@example.com' }])] }, 450, 'only allowed in e-mail rules');
			expect((await j('/vsenders/add', { name: 'Domains', email_rules: [rule([{ sender_id: 1, percent: 100 }]), { type: 'domain', value: 'gmail.com', senders: [{ sender_id: 3, percent: 100 }] }], sms_rules: [] })).error).toBe(0);
			// in use by a mailing
			await j('/campaigns/triggers/update/', { id: 1, name: 'Order confirmation (API)', trigger_type: 'api_call', content: [{ message_id: 1 }], virtual_sender_id: 1 });
			expect((await j('/vsenders/delete', { id: 1 })).error).toBe(450);
			expect((await j('/vsenders/update', { id: 1, name: '' })).error).toBe(450);
			expect((await j('/vsenders/get', { id: 1 }, { token: emu.tokens.otherAccount })).error).toBe(404);
		});
	});

	describe('file_upload', () => {
		test('stores the file and answers its id; validation', async () => {
			const r = await j('/file_upload', { header: 'emails.csv', data: 'data:text/csv;base64,ZW1haWwKYUBiLmNvbQo=' });
			expect(r).toEqual({ error: 0, error_text: 'Successful operation', data: { file: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
			const f = emu.messaging.getFile(r.data.file);
			expect(f).toMatchObject({ name: 'emails.csv', mimetype: 'text/csv', size: 14, accountId: 1 });
			expect(f.data.toString()).toBe('email\na@b.com\n');
			expect(emu.ledger[0]).toMatchObject({ op: 'file.upload', data: { id: r.data.file, name: 'emails.csv', size: 14 } });
			expect((await j('/file_upload', { data: 'data:text/csv;base64,ZW1haWwK' })).error).toBe(400);
			expect((await j('/file_upload', { header: 'a.csv' })).error).toBe(400);
			expect((await j('/file_upload', { header: 'a.csv', data: 5 })).error).toBe(400);
			expect((await j('/file_upload', { header: 'a.csv', data: 'ZW1haWwK' })).error).toBe(450);
			expect((await j('/file_upload', { header: '../a.csv', data: 'data:text/csv;base64,ZW1haWwK' })).error).toBe(450);
			expect((await j('/file_upload', { header: 'a.csv', data: 'data:text/csv;base64,ZW1haWwK' }, { token: emu.tokens.readOnly })).error).toBe(403);
		});
	});

	describe('scenarios (workflows/*)', () => {
		async function customer(email) {
			return (await j('/profiles/import', { db_id: 1, email, data: { email } })).profile_id;
		}

		test('list: paging with `total`, filters, visibility', async () => {
			expect(await pages('/workflows/list', {}, 2)).toEqual([[1, 2], [3]]);
			const r = await j('/workflows/list', { from_id: 1, limit: 1 });
			expect(r).toMatchObject({ next_from_id: 2, total: 3 });
			expect(r.total_count).toBeUndefined();
			expect(r.data[0]).toMatchObject({ id: 1, name: 'Onboarding', list_id: 1, is_active: true, mode: 'skip', groups: [{ ID: 0, title: 'main' }], nodes: expect.arrayContaining([expect.objectContaining({ type: 'start' })]) });
			expect((await j('/workflows/list', { ui_tags: ['B2B'] })).data.map((s) => s.id)).toEqual([3]);
			expect((await j('/workflows/list', { groups_id: [1] })).data.map((s) => s.id)).toEqual([2, 3]);
			expect((await j('/workflows/list', {}, { token: emu.tokens.limited })).data.map((s) => s.id)).toEqual([1, 2]);
		});

		test('start (id): records the start with content and custom_data; ledger scenario.start', async () => {
			const pid = await customer('s@example.com');
			const r = await j('/workflows/start', { id: 1, matching: 'profile_id', profile_id: pid, content: { cart_total: '120.00' }, custom_data: { c: 1 }, attach: [{ name: 'a.txt', data: 'data:text/plain;base64,SEVMTE8K' }] });
			expect(r).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.messaging.getScenarioStarts({ scenarioId: 1 })).toEqual([
				expect.objectContaining({ scenarioId: 1, profileId: pid, dbId: 1, content: { cart_total: '120.00' }, customData: { c: 1 }, attachments: ['a.txt'], path: '/api/v1.1/workflows/start' }),
			]);
			expect(emu.ledger.filter((e) => e.op === 'scenario.start')).toEqual([expect.objectContaining({ profileId: pid, dbId: 1, data: expect.objectContaining({ scenarioId: 1 }) })]);
			expect(emu.sends).toHaveLength(0); // scenario nodes are not run
			// custom_request puts every matching profile in
			await customer('s2@example.com');
			await j('/workflows/start', { id: 1, custom_request: { email: { $in: ['s@example.com', 's2@example.com'] } } });
			expect(emu.messaging.getScenarioStarts()).toHaveLength(3);
		});

		test('start: validation, 404s, inactive scenario (450); dedup of a repeated start', async () => {
			await customer('v@example.com');
			expect((await j('/workflows/start', { workflow_id: 1, email: 'v@example.com' })).error_text).toContain("'id'");
			expect((await j('/workflows/start', { id: 1 })).error).toBe(400);
			expect((await j('/workflows/start', { id: 1, matching: 'push_sub', provider: 'x', subscription_id: 'y' })).error).toBe(400);
			expect((await j('/workflows/start', { id: 1, email: 'v@example.com', subscription_filter: { email: 1 } })).error).toBe(450);
			expect((await j('/workflows/start', { id: 9, email: 'v@example.com' })).error).toBe(404);
			expect((await j('/workflows/start', { id: 3, email: 'v@example.com' }, { token: emu.tokens.limited })).error).toBe(404);
			expect((await j('/workflows/start', { id: 1, email: 'none@example.com' })).error).toBe(404);
			expect((await j('/workflows/start', { id: 2, email: 'v@example.com' })).error).toBe(450);
			const h = { headers: { 'request-id': 'wf-1' } };
			const a = await api(`${P}/workflows/start`, { id: 1, email: 'v@example.com' }, h);
			const b = await api(`${P}/workflows/start`, { id: 1, email: 'v@example.com' }, h);
			expect([a.json.error, b.headers.get('duplicate-request')]).toEqual([0, 'true']);
			expect(emu.messaging.getScenarioStarts()).toHaveLength(1);
		});

		test('import_and_start (workflow_id): imports, then starts; matching required; db_id must be the scenario database', async () => {
			expect((await j('/workflows/import_and_start', { id: 1, matching: 'email', email: 'i@example.com' })).error_text).toContain("'workflow_id'");
			expect((await j('/workflows/import_and_start', { workflow_id: 1, email: 'i@example.com' })).error_text).toContain("'matching'");
			expect((await j('/workflows/import_and_start', { workflow_id: 1, matching: 'email', email: 'i@example.com', db_id: 2 })).error).toBe(450);
			expect((await j('/workflows/import_and_start', { workflow_id: 1, matching: 'email', email: 'i@example.com', data: { score: 1 } })).error).toBe(450);
			expect(emu.store.countProfiles(1)).toBe(0);
			const r = await j('/workflows/import_and_start', {
				workflow_id: 1,
				db_id: 1,
				matching: 'email',
				email: 'i@example.com',
				data: { _fname: 'Ivy', subscriptions: [{ email: 'i@example.com', resource_id: 1, channel: 'email' }] },
				skip_triggers: true,
				content: { source: 'crm' },
			});
			expect(r).toMatchObject({ error: 0, profile_id: expect.any(String) });
			expect(emu.store.getProfile(r.profile_id)).toMatchObject({ email: 'i@example.com', _fname: 'Ivy' });
			expect(emu.ledger.map((e) => [e.op, e.skipTriggers])).toEqual([['profile.create', true], ['scenario.start', true]]);
		});

		test('import_and_start_batch: per-entry results; the task variant completes with them', async () => {
			const body = {
				workflow_id: 1,
				matching: 'email',
				data: [{ data: { email: 'b1@example.com', _fname: 'A' } }, { data: { _fname: 'no key' } }, { data: { email: 'b3@example.com', orders_count: 'x' } }, 7, { email: 'b5@example.com', data: { _fname: 'E' } }],
			};
			const r = await j('/workflows/import_and_start_batch', body);
			expect(r.error).toBe(0);
			expect(r.result.map((x) => x.error)).toEqual([0, 400, 450, 400, 0]);
			expect(emu.messaging.getScenarioStarts().map((s) => s.profileId)).toEqual([r.result[0].profile_id, r.result[4].profile_id]);
			expect((await j('/workflows/import_and_start_batch', { workflow_id: 1, data: [] })).error).toBe(400); // matching required
			emu.reset();
			const t = await j('/workflows/import_and_start_batch_task', body);
			expect(t).toMatchObject({ error: 0, data: { task_id: expect.any(String) } });
			expect((await j('/tasks/status', { task_id: t.data.task_id })).data.status).toBe('processing');
			const done = await j('/tasks/status', { task_id: t.data.task_id });
			expect(done.data.status).toBe('completed');
			expect(done.data.result.map((x) => x.error)).toEqual([0, 400, 450, 400, 0]);
		});

		test('activate / deactivate (state recorded once; skip_profiles recorded)', async () => {
			expect(await j('/workflows/activate', { id: 2 })).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect(emu.messaging.getScenario(2).is_active).toBe(true);
			await j('/workflows/activate', { id: 2 });
			await j('/workflows/activate', { id: 2, skip_profiles: true });
			expect(await j('/workflows/deactivate', { id: 2 })).toMatchObject({ error: 0, data: null });
			await j('/workflows/deactivate', { id: 2 });
			expect(emu.ledger.map((e) => [e.op, e.data.skipProfiles])).toEqual([['scenario.activate', false], ['scenario.activate', true], ['scenario.deactivate', undefined]]);
			expect((await j('/workflows/activate', { id: 9 })).error).toBe(404);
			expect((await j('/workflows/activate', { id: 1, skip_profiles: 1 })).error).toBe(400);
		});
	});
});
