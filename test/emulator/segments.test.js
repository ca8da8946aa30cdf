'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

describe('segments', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const SG = `${P}/segments`;
	const SS = `${P}/profiles/segstatic`;
	const add = async (email, extra = {}, dbId = 1) => (await api(`${P}/profiles/add`, { db_id: dbId, data: { email, ...extra } })).json.profile_id;
	const rule = (queries, over = {}) => ({ condition: 'and', list_id: 1, limit: 0, percent_from: 0, percent_to: 100, queries, ...over });
	const q = (name, value, operator = 'equal') => ({ compo: 'default', name, operator, value: [{ name: 'default', value }] });

	test('list/: capitalised Groups, paging over several pages, filters', async () => {
		const r = await api(`${SG}/list/`, {});
		expect(r.json.data[0]).toEqual({ id: 1, name: 'VIP customers', ui_tags: [], Groups: [{ Id: 0, Name: 'main' }] });
		expect(r.json).toMatchObject({ next_from_id: 5, total_count: 4 });
		const ids = [];
		let from = 1;
		for (let i = 0; i < 5; i++) {
			const p = await api(`${SG}/list/`, { from_id: from, limit: 3 });
			if (p.json.data.length === 0) break;
			ids.push(...p.json.data.map((s) => s.id));
			from = p.json.next_from_id;
		}
		expect(ids).toEqual([1, 2, 3, 4]);
		expect((await api(`${SG}/list/`, { groups: ['other'] })).json.data).toEqual([]);
		expect((await api(`${SG}/list/`, {}, { token: emu.tokens.limited })).json.data.map((s) => s.id)).toEqual([1, 2, 4]);
		expect((await api(`${SG}/list/`, { limit: 0 })).json.error).toBe(400);
		expect((await api(`${SG}/list/`, { from_id: '2' })).json.error).toBe(400);
	});

	test('get/: count, id, name, segment (rules); unknown → 404; id required', async () => {
		await add('vip@example.com', { is_vip: true });
		await add('plain@example.com', { is_vip: false });
		const g = await api(`${SG}/get/`, { id: 4 });
		expect(g.json.data).toEqual({ count: 1, id: 4, name: 'Flagged VIP (dynamic)', segment: [rule([q('is_vip', 'true')])] });
		expect((await api(`${SG}/get/`, { id: 1 })).json.data).toEqual({ count: 0, id: 1, name: 'VIP customers', segment: [] });
		expect((await api(`${SG}/get/`, {})).json.error).toBe(400);
		expect((await api(`${SG}/get/`, { id: 99 })).json.error).toBe(404);
		expect((await api(`${SG}/get/`, { id: 3 }, { token: emu.tokens.limited })).json.error).toBe(404);
	});

	test('add/: static, dynamic and updatable segments; saved_id; name conflicts 409', async () => {
		const a = await add('anna@example.com', { _sex: 2, orders_count: 5, _fname: 'Anna' });
		await add('bob@example.com', { _sex: 1, orders_count: 1 });
		const st = await api(`${SG}/add/`, { name: 'Manual list', is_static: true, is_refresh_daily: false, list_id: 1 });
		expect(st.json).toEqual({ error: 0, error_text: 'Successful operation', data: { saved_id: 5 } });
		const dyn = await api(`${SG}/add/`, { name: 'Women', is_static: false, segment: [rule([q('_sex', '2')])] });
		expect(dyn.json.data.saved_id).toBe(6);
		expect((await api(`${SG}/get/`, { id: 6 })).json.data).toMatchObject({ count: 1, segment: [rule([q('_sex', '2')])] });
		const upd = await api(`${SG}/add/`, { name: 'Big buyers', is_static: true, is_refresh_daily: true, segment: [rule([q('orders_count', '3', 'greater')])] });
		expect(emu.store.getSegment(upd.json.data.saved_id)).toMatchObject({ type: 'updatable', db_id: 1, is_refresh_daily: true, members: [a] });
		// or-combination, nested child queries, percent slice and limit
		const or = await api(`${SG}/add/`, {
			name: 'Either',
			segment: [rule([q('_fname', 'Anna'), { compo: 'default', name: 'orders_count', operator: 'less', value: [{ name: 'default', value: 2 }] }], { condition: 'or' })],
		});
		expect((await api(`${SG}/get/`, { id: or.json.data.saved_id })).json.data.count).toBe(2);
		const lim = await api(`${SG}/add/`, { name: 'One of them', segment: [rule([{ compo: 'default', name: 'email', operator: 'exists' }], { limit: 1 })] });
		expect((await api(`${SG}/get/`, { id: lim.json.data.saved_id })).json.data.count).toBe(1);
		const nested = await api(`${SG}/add/`, {
			name: 'Nested',
			segment: [rule([{ compo: 'default', name: '', condition: 'or', child: [q('_sex', '1'), q('_fname', 'Anna')] }])],
		});
		expect((await api(`${SG}/get/`, { id: nested.json.data.saved_id })).json.data.count).toBe(2);
		const dup = await api(`${SG}/add/`, { name: 'women', is_static: true, list_id: 1 });
		expect(dup.json.error).toBe(409);
		expect(emu.ledger.filter((e) => e.op === 'segment.add')).toHaveLength(6);
	});

	test('add/: parameter errors 400, malformed rules 450, unknown database 404', async () => {
		const cases = [
			[{ is_static: true, list_id: 1 }, 400, /'name'/],
			[{ name: 'S', is_static: true }, 400, /'list_id'/],
			[{ name: 'D' }, 400, /'segment'/],
			[{ name: 'D', segment: {} }, 400, /'segment'/],
			[{ name: 'D', is_static: 'yes', list_id: 1 }, 400, /'is_static'/],
			[{ name: 'D', segment: [] }, 450, /at least one/],
			[{ name: 'D', segment: ['x'] }, 450, /segment\[0\]/],
			[{ name: 'D', segment: [rule([q('_sex', '2')], { condition: 'xor' })] }, 450, /condition/],
			[{ name: 'D', segment: [rule([q('_sex', '2')], { list_id: undefined })] }, 450, /list_id/],
			[{ name: 'D', segment: [rule([])] }, 450, /queries/],
			[{ name: 'D', segment: [rule([{ name: '_sex', value: [{ value: '1' }] }])] }, 450, /compo/],
			[{ name: 'D', segment: [rule([q('no_such_field', '1')])] }, 450, /no_such_field/],
			[{ name: 'D', segment: [rule([q('_sex', '1', 'like')])] }, 450, /operator/],
			[{ name: 'D', segment: [rule([{ compo: 'default', name: '_sex', operator: 'equal' }])] }, 450, /value/],
			[{ name: 'D', segment: [rule([{ compo: 'default', name: '_sex', value: '1' }])] }, 450, /value/],
			[{ name: 'D', segment: [rule([q('_sex', '1')], { percent_from: 50, percent_to: 40 })] }, 450, /percent/],
			[{ name: 'D', segment: [rule([q('_sex', '1')]), rule([q('_sex', '1')], { list_id: 2 })] }, 450, /database/],
			[{ name: 'D', list_id: 2, segment: [rule([q('_sex', '1')])] }, 450, /database/],
			[{ name: 'D', segment: [rule([q('_sex', '1')], { list_id: 9 })] }, 404, /Database 9/],
			[{ name: 'S', is_static: true, list_id: 9 }, 404, /Database 9/],
		];
		for (const [body, code, text] of cases) {
			const r = await api(`${SG}/add/`, body);
			expect([JSON.stringify(body), r.json.error]).toEqual([JSON.stringify(body), code]);
			expect(r.json.error_text).toMatch(text);
		}
		expect(emu.store.segments.size).toBe(4);
		expect(emu.ledger).toHaveLength(0);
	});

	test('update/ and delete/', async () => {
		await add('x@example.com', { _sex: 1 });
		const u = await api(`${SG}/update/`, { id: 1, name: 'VIP (renamed)', list_id: 1, is_static: true, is_refresh_daily: false });
		expect(u.json).toEqual({ error: 0, error_text: 'Successful operation' });
		expect((await api(`${SG}/get/`, { id: 1 })).json.data.name).toBe('VIP (renamed)');
		const ud = await api(`${SG}/update/`, { id: 4, name: 'Men', segment: [rule([q('_sex', '1')])] });
		expect(ud.json.error).toBe(0);
		expect((await api(`${SG}/get/`, { id: 4 })).json.data).toMatchObject({ name: 'Men', count: 1 });
		const cases = [
			[{ id: 1, list_id: 1 }, 400, /'name'/],
			[{ name: 'X', list_id: 1 }, 400, /'id'/],
			[{ id: 1, name: 'X' }, 400, /'list_id'/],
			[{ id: 4, name: 'X' }, 400, /'segment'/],
			[{ id: 1, name: 'X', list_id: 2 }, 450, /database/],
			[{ id: 1, name: 'X', list_id: 1, is_static: false }, 450, /type/],
			[{ id: 1, name: 'X', list_id: 1, segment: [rule([q('_sex', '1')])] }, 450, /static/],
			[{ id: 4, name: 'X', segment: [rule([q('_sex', '1')], { list_id: 2 })] }, 450, /database/],
			[{ id: 4, name: 'X', segment: [rule([q('_sex', '1', 'like')])] }, 450, /operator/],
			[{ id: 1, name: 'Newsletter readers', list_id: 1 }, 409, /already exists/],
			[{ id: 99, name: 'X', list_id: 1 }, 404, /Segment 99/],
		];
		for (const [body, code, text] of cases) {
			const r = await api(`${SG}/update/`, body);
			expect([JSON.stringify(body), r.json.error]).toEqual([JSON.stringify(body), code]);
			expect(r.json.error_text).toMatch(text);
		}
		const id = (await api(`${P}/profiles/import`, { db_id: 1, email: 'x@example.com', add_to_segments: [2], data: {} })).json.profile_id;
		expect(emu.store.getProfile(id).static_segments).toEqual([2]);
		expect((await api(`${SG}/delete/`, { id: 2 })).json).toEqual({ error: 0, error_text: 'Successful operation' });
		expect(emu.store.getProfile(id).static_segments).toEqual([]);
		expect((await api(`${SG}/get/`, { id: 2 })).json.error).toBe(404);
		expect((await api(`${SG}/delete/`, { id: 2 }, { headers: { 'request-id': 'del-again' } })).json.error).toBe(404);
		expect((await api(`${SG}/delete/`, {})).json.error).toBe(400);
		expect(emu.ledger.filter((e) => e.op.startsWith('segment.')).map((e) => e.op)).toEqual(['segment.update', 'segment.update', 'segment.delete']);
	});

	test('segstatic add / remove / list: membership of static segments, paged listing', async () => {
		const ids = [];
		for (let i = 0; i < 5; i++) ids.push(await add(`m${i}@example.com`, { crm_id: `M${i}` }));
		for (const id of ids) {
			const r = await api(`${SS}/add`, { segment_id: 1, db_id: 1, profile_id: id, skip_triggers: true });
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation' });
		}
		expect(emu.store.getSegment(1).members).toEqual(ids);
		expect(emu.ledger.filter((e) => e.op === 'segment.profile_add')[0]).toMatchObject({ dbId: 1, profileId: ids[0], skipTriggers: true, data: { segment_id: 1 } });
		await api(`${SS}/remove`, { segment_id: 1, db_id: 1, profile_id: ids[2] });
		const seen = [];
		let from = '';
		let pages = 0;
		for (;;) {
			const r = await api(`${SS}/list`, { segment_id: 1, db_id: 1, limit: 2, from_id: from, fields: ['email', 'crm_id'] });
			expect(r.json.error).toBe(0);
			expect(r.json.total_count).toBe(4);
			if (r.json.data.length === 0) {
				expect(r.json.next_from_id).toBe(from);
				break;
			}
			pages += 1;
			for (const p of r.json.data) expect(Object.keys(p).sort()).toEqual(['crm_id', 'email', 'id']);
			seen.push(...r.json.data.map((p) => p.email));
			from = r.json.next_from_id;
		}
		expect(pages).toBe(2);
		expect(seen).toEqual(['m0@example.com', 'm1@example.com', 'm3@example.com', 'm4@example.com']);
		const full = await api(`${SS}/list`, { segment_id: 1, db_id: 1, limit: 1 });
		expect(full.json.data[0]).toMatchObject({ id: ids[0], db_id: 1, email: 'm0@example.com', subscriptions: [] });
		// exported members of the segment match
		const t = await api(`${P}/profiles/get_all`, { source_type: 'segment', source_id: 1 });
		await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
		expect((await api(`${P}/tasks/status`, { task_id: t.json.data.task_id })).json.data.result.total).toBe(4);
	});

	test('segstatic validation: dynamic / updatable segments → 450; other database → 450; 400 / 404', async () => {
		const id = await add('v@example.com');
		const lead = await add('lead@example.com', {}, 2);
		const upd = (await api(`${SG}/add/`, { name: 'Upd', is_static: true, segment: [rule([q('email', 'v@example.com')])] })).json.data.saved_id;
		const base = { segment_id: 1, db_id: 1, profile_id: id };
		const cases = [
			[`${SS}/add`, { ...base, segment_id: 4 }, 450, /dynamic/],
			[`${SS}/remove`, { ...base, segment_id: upd }, 450, /updatable/],
			[`${SS}/add`, { ...base, segment_id: 3 }, 450, /database 2/],
			[`${SS}/add`, { ...base, segment_id: undefined }, 400, /'segment_id'/],
			[`${SS}/add`, { ...base, db_id: undefined }, 400, /'db_id'/],
			[`${SS}/add`, { ...base, profile_id: undefined }, 400, /'profile_id'/],
			[`${SS}/add`, { ...base, profile_id: 12 }, 400, /'profile_id'/],
			[`${SS}/add`, { ...base, skip_triggers: 'yes' }, 400, /'skip_triggers'/],
			[`${SS}/add`, { ...base, segment_id: 99 }, 404, /Segment 99/],
			[`${SS}/add`, { ...base, db_id: 9 }, 404, /Database 9/],
			[`${SS}/add`, { ...base, profile_id: lead }, 404, /Profile/],
			[`${SS}/list`, { segment_id: 4, db_id: 1 }, 450, /dynamic/],
			[`${SS}/list`, { segment_id: 1 }, 400, /'db_id'/],
			[`${SS}/list`, { segment_id: 1, db_id: 1, from_id: 'bad' }, 400, /'from_id'/],
		];
		for (const [path, body, code, text] of cases) {
			const r = await api(path, body);
			expect([path, JSON.stringify(body), r.json.error]).toEqual([path, JSON.stringify(body), code]);
			expect(r.json.error_text).toMatch(text);
		}
		// the updatable segment's stored membership is listable
		expect((await api(`${SS}/list`, { segment_id: upd, db_id: 1 })).json.data.map((p) => p.id)).toEqual([id]);
	});

	test('get_counters / refresh_counters over the segment profiles (sendable counters)', async () => {
		for (const [i, status] of ['subscribed', 'unconfirmed', 'subscribed'].entries()) {
			const email = `s${i}@example.com`;
			await api(`${P}/profiles/import`, { db_id: 1, email, add_to_segments: i < 2 ? [1] : [], data: { is_vip: i !== 1, subscriptions: [{ resource_id: 1, channel: 'email', email, status }] } });
		}
		const st = await api(`${SG}/get_counters`, { id: 1, resource_id: 1 });
		expect(st.json.data).toEqual([{ channel: 'email', status: { subscribed_sendable: 1, unconfirmed_sendable: 1 } }]);
		const dyn = await api(`${SG}/get_counters`, { id: 4, resource_id: 1, list_id: 1 });
		expect(dyn.json.data).toEqual([{ channel: 'email', status: { subscribed_sendable: 2, unconfirmed_sendable: 0 } }]);
		expect((await api(`${SG}/get_counters`, { id: 4, resource_id: 1, db_id: 1 })).json.data).toEqual(dyn.json.data);
		expect((await api(`${SG}/get_counters`, { id: 4, resource_id: 1 })).json.error).toBe(400);
		expect((await api(`${SG}/get_counters`, { id: 1 })).json.error).toBe(400);
		expect((await api(`${SG}/get_counters`, { id: 4, resource_id: 1, list_id: 2 })).json.error).toBe(450);
		expect((await api(`${SG}/get_counters`, { id: 1, resource_id: 3 })).json.error).toBe(413);
		expect((await api(`${SG}/get_counters`, { id: 42, resource_id: 1 })).json.error).toBe(404);
		const t = await api(`${SG}/refresh_counters`, { id: 4, resource_id: 1, db_id: 1 });
		expect(t.json.data.task_id).toEqual(expect.any(String));
		expect((await api(`${P}/tasks/status`, { task_id: t.json.data.task_id })).json.data.status).toBe('processing');
		expect((await api(`${P}/tasks/status`, { task_id: t.json.data.task_id })).json.data).toEqual({ status: 'completed', progress: 100, result: [{ channels: dyn.json.data }] });
		expect((await api(`${SG}/refresh_counters`, { id: 4, resource_id: 1 })).json.error).toBe(400);
	});
});
