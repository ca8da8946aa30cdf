'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

const STATUS = (over = {}) => ({
	all: 0,
	subscribed: 0,
	unsubscribed: 0,
	complained: 0,
	hardbounced: 0,
	unconfirmed: 0,
	suspended: 0,
	invalid: 0,
	subscribed_sendable: 0,
	unconfirmed_sendable: 0,
	...over,
});

describe('counters (databases, resources), recount tasks and databases/wipe', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	/** Five profiles of db 1 with e-mail subscriptions of several statuses, one of them deleted; one SMS subscription. */
	async function fill() {
		const statuses = ['subscribed', 'subscribed', 'unconfirmed', 'hardbounced', 'subscribed'];
		const ids = [];
		for (const [i, status] of statuses.entries()) {
			const email = `c${i}@example.com`;
			const subs = [{ resource_id: 1, channel: 'email', email, status }];
			if (i === 0) subs.push({ resource_id: 2, channel: 'sms', phone: '+79000000100', status: 'suspended' });
			const r = await api(`${P}/profiles/import`, { db_id: 1, email, data: { email, subscriptions: subs } });
			ids.push(r.json.profile_id);
		}
		await api(`${P}/subscriptions/delete`, { db_id: 1, profile_id: ids[4], resource_id: 1, channel: 'email', email: 'c4@example.com' });
		return ids;
	}

	/** Poll tasks/status until completed; returns every answer. */
	async function poll(taskId) {
		const out = [];
		for (let i = 0; i < 10; i++) {
			const r = await api(`${P}/tasks/status`, { task_id: taskId });
			expect(r.json.error).toBe(0);
			out.push(r.json.data);
			if (r.json.data.status === 'completed') break;
		}
		return out;
	}

	test('databases/get_counters counts the stored subscriptions per channel and status', async () => {
		await fill();
		const r = await api(`${P}/databases/get_counters`, { id: 1, resource_id: 1 });
		expect(r.json).toEqual({
			error: 0,
			error_text: 'Successful operation',
			data: [{ channel: 'email', status: STATUS({ all: 4, subscribed: 2, unconfirmed: 1, hardbounced: 1, subscribed_sendable: 2, unconfirmed_sendable: 1 }) }],
		});
		const sms = await api(`${P}/databases/get_counters`, { id: 1, resource_id: 2 });
		expect(sms.json.data).toEqual([{ channel: 'sms', status: STATUS({ all: 1, suspended: 1 }) }]);
		expect((await api(`${P}/databases/get_counters`, { id: 1 })).json.error).toBe(400);
		expect((await api(`${P}/databases/get_counters`, { resource_id: 1 })).json.error).toBe(400);
		expect((await api(`${P}/databases/get_counters`, { id: 9, resource_id: 1 })).json.error).toBe(404);
		expect((await api(`${P}/databases/get_counters`, { id: 1, resource_id: 9 })).json.error).toBe(404);
		expect((await api(`${P}/databases/get_counters`, { id: 1, resource_id: 3 })).json.error).toBe(413);
	});

	test('suppressed contacts are not sendable (global list applies to every database of the account)', async () => {
		await fill();
		await api(`${P}/suppresses/email_add`, { id: 1, email: 'c0@example.com' });
		await api(`${P}/suppresses/domain_add`, { id: 2, domain: 'example.com' }); // list 2 is not attached to db 1
		const r = await api(`${P}/databases/get_counters`, { id: 1, resource_id: 1 });
		expect(r.json.data[0].status).toMatchObject({ subscribed: 2, subscribed_sendable: 1, unconfirmed_sendable: 1 });
	});

	test('databases/refresh_counters: a task that goes processing → completed with the counters', async () => {
		await fill();
		const t = await api(`${P}/databases/refresh_counters`, { id: 1, resource_id: 1, feedback: { type: 'JSON', url: 'https://example.com/hook' } });
		expect(t.json).toEqual({ error: 0, error_text: 'Successful operation', data: { task_id: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
		const answers = await poll(t.json.data.task_id);
		expect(answers.map((a) => a.status)).toEqual(['processing', 'completed']);
		expect(answers[1]).toEqual({
			status: 'completed',
			progress: 100,
			result: [{ channels: [{ channel: 'email', status: STATUS({ all: 4, subscribed: 2, unconfirmed: 1, hardbounced: 1, subscribed_sendable: 2, unconfirmed_sendable: 1 }) }] }],
		});
		expect(emu.store.tasks.get(t.json.data.task_id).feedback).toEqual({ type: 'JSON', url: 'https://example.com/hook' });
		expect((await api(`${P}/databases/refresh_counters`, { id: 1 })).json.error).toBe(400);
		expect((await api(`${P}/databases/refresh_counters`, { id: 1, resource_id: 1, feedback: 'x' })).json.error).toBe(400);
		expect((await api(`${P}/databases/refresh_counters`, { id: 2, resource_id: 3 }, { token: emu.tokens.limited })).json.error).toBe(404);
		// a read-only token may start a recount (it changes no data)
		expect((await api(`${P}/databases/refresh_counters`, { id: 1, resource_id: 1 }, { token: emu.tokens.readOnly })).json.error).toBe(0);
	});

	test('resources/get_counters (per database or over all linked ones) and resources/refresh_counters', async () => {
		await fill();
		const one = await api(`${P}/resources/get_counters`, { id: 1, list_id: 1 });
		expect(one.json.data[0].status).toMatchObject({ all: 4, subscribed: 2 });
		const all = await api(`${P}/resources/get_counters`, { id: 1 });
		expect(all.json.data).toEqual(one.json.data);
		const leads = await api(`${P}/resources/get_counters`, { id: 3 });
		expect(leads.json.data).toEqual([{ channel: 'email', status: STATUS() }]);
		expect((await api(`${P}/resources/get_counters`, {})).json.error).toBe(400);
		expect((await api(`${P}/resources/get_counters`, { id: 1, list_id: 2 })).json.error).toBe(413);
		expect((await api(`${P}/resources/get_counters`, { id: 77 })).json.error).toBe(404);
		const t = await api(`${P}/resources/refresh_counters`, { id: 2, list_id: 1 });
		const answers = await poll(t.json.data.task_id);
		expect(answers[answers.length - 1]).toMatchObject({ status: 'completed', result: [{ channels: [{ channel: 'sms', status: STATUS({ all: 1, suspended: 1 }) }] }] });
		expect((await api(`${P}/resources/refresh_counters`, { id: 2 })).json.error).toBe(400);
		expect((await api(`${P}/resources/refresh_counters`, { id: 2, list_id: 2 })).json.error).toBe(413);
	});

	test('databases/wipe deletes every profile of the database (with history and relations); other databases stay', async () => {
		const ids = await fill();
		const lead = (await api(`${P}/profiles/add`, { db_id: 2, data: { email: 'lead@example.com' } })).json.profile_id;
		await api(`${P}/relations/edit`, { rel_id: 1, profile_a: { profile_id: ids[0] }, profile_b: { profile_id: lead }, weights: { w: 1 } });
		const actions = emu.store.getHistory({ dbId: 1 }).length;
		expect((await api(`${P}/databases/wipe`, { id: 1 }, { token: emu.tokens.noDelete })).json.error).toBe(403);
		expect((await api(`${P}/databases/wipe`, { id: 1 }, { token: emu.tokens.readOnly })).json.error).toBe(403);
		const w = await api(`${P}/databases/wipe`, { id: 1 });
		expect(w.json).toEqual({ error: 0, error_text: 'Successful operation', data: { count_action: actions, count_profile: 5 } });
		expect(emu.store.countProfiles(1)).toBe(0);
		expect(emu.store.countProfiles(2)).toBe(1);
		expect(emu.store.getHistory({ dbId: 1 })).toEqual([]);
		expect(emu.store.getRelations()).toEqual([]);
		expect((await api(`${P}/profiles/get/`, { db_id: 1, email: 'c1@example.com' })).json.error).toBe(404);
		expect((await api(`${P}/profiles/list`, { db_id: 1 })).json.data).toEqual([]);
		expect((await api(`${P}/databases/get_counters`, { id: 1, resource_id: 1 })).json.data[0].status.all).toBe(0);
		expect(emu.ledger[emu.ledger.length - 1]).toMatchObject({ op: 'database.wipe', dbId: 1, data: { count_profile: 5, count_action: actions } });
		// the database can be filled again
		expect((await api(`${P}/profiles/import`, { db_id: 1, email: 'c1@example.com', data: {} })).json.error).toBe(0);
		expect((await api(`${P}/databases/wipe`, {})).json.error).toBe(400);
		expect((await api(`${P}/databases/wipe`, { id: 2 }, { token: emu.tokens.limited })).json.error).toBe(404);
	});

	test('allowDataWipe: false → 403 and nothing is deleted', async () => {
		const e2 = await createEmulator({ allowDataWipe: false });
		try {
			const api2 = client(e2);
			await api2(`${P}/profiles/add`, { db_id: 1, data: { email: 'keep@example.com' } });
			const w = await api2(`${P}/databases/wipe`, { id: 1 });
			expect(w.json.error).toBe(403);
			expect(w.json.error_text).toMatch(/ALLOW_DATA_WIPE/);
			expect(e2.store.countProfiles(1)).toBe(1);
			e2.options.allowDataWipe = true;
			expect((await api2(`${P}/databases/wipe`, { id: 1 }, { headers: { 'request-id': 'wipe-2' } })).json.data.count_profile).toBe(1);
		} finally {
			await e2.close();
		}
	});
});
