'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

describe('databases and resources endpoints', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());

	describe('databases', () => {
		test('list/: capitalised Groups, next_from_id, total_count', async () => {
			const r = await api(`${P}/databases/list/`, {});
			expect(r.json).toEqual({
				error: 0,
				error_text: 'Successful operation',
				data: [
					{ id: 1, name: 'Customers', ui_tags: ['crm'], Groups: [{ Id: 0, Name: 'main' }] },
					{ id: 2, name: 'Leads', ui_tags: ['marketing'], Groups: [{ Id: 0, Name: 'main' }, { Id: 1, Name: 'marketing' }] },
				],
				next_from_id: 3,
				total_count: 2,
			});
		});

		test('list/ paging: from_id inclusive (default 1), limit; past the end → empty page', async () => {
			const p1 = await api(`${P}/databases/list/`, { limit: 1 });
			expect(p1.json.data.map((d) => d.id)).toEqual([1]);
			expect(p1.json.next_from_id).toBe(2);
			const p2 = await api(`${P}/databases/list/`, { limit: 1, from_id: p1.json.next_from_id });
			expect(p2.json.data.map((d) => d.id)).toEqual([2]);
			const p3 = await api(`${P}/databases/list/`, { limit: 1, from_id: p2.json.next_from_id });
			expect(p3.json.data).toEqual([]);
			expect(p3.json.total_count).toBe(2);
			expect((await api(`${P}/databases/list/`, { from_id: '1' })).json.error).toBe(400);
			expect((await api(`${P}/databases/list/`, { limit: 0 })).json.error).toBe(400);
		});

		test('list/ filters by ui_tags, groups and groups_id', async () => {
			const ids = async (b) => (await api(`${P}/databases/list/`, b)).json.data.map((d) => d.id);
			expect(await ids({ ui_tags: ['marketing'] })).toEqual([2]);
			expect(await ids({ groups: ['main'] })).toEqual([1, 2]);
			expect(await ids({ groups_id: [1] })).toEqual([2]);
		});

		test('get/: id, name, suppress_id, description; unknown → 404; missing id → 400', async () => {
			const r = await api(`${P}/databases/get/`, { id: 1 });
			expect(r.json.data).toEqual({ id: 1, name: 'Customers', suppress_id: 0, description: 'Customers of the shop' });
			expect((await api(`${P}/databases/get/`, { id: 42 })).json.error).toBe(404);
			const miss = await api(`${P}/databases/get/`, {});
			expect(miss.json.error).toBe(400);
			expect(miss.json.error_text).toMatch(/'id'/);
		});

		test('fields_get/: system and custom fields with types', async () => {
			const r = await api(`${P}/databases/fields_get/`, { id: 1 });
			expect(r.json.error).toBe(0);
			const byName = Object.fromEntries(r.json.data.map((f) => [f.name, f]));
			expect(byName.email).toEqual({ name: 'email', title: 'E-mail', type: 'email', category: 'system', required: false });
			expect(byName.phones).toMatchObject({ type: 'phones', category: 'system' });
			expect(byName._bdate).toMatchObject({ type: 'date', category: 'system' });
			for (const [name, type] of [['crm_id', 'string'], ['orders_count', 'int'], ['balance', 'float'], ['is_vip', 'bool'], ['tags', 'tags'], ['prefs', 'object'], ['purchases', 'arr_object'], ['signup_date', 'date']]) {
				expect(byName[name]).toMatchObject({ name, type, category: 'custom', required: false });
			}
			const leads = await api(`${P}/databases/fields_get/`, { id: 2 });
			expect(leads.json.data.map((f) => f.name)).toContain('lead_source');
			expect((await api(`${P}/databases/fields_get/`, { db_id: 1 })).json.error).toBe(400);
			expect((await api(`${P}/databases/fields_get/`, { id: 2 }, { token: emu.tokens.limited })).json.error).toBe(404);
		});
	});

	describe('resources', () => {
		test('list: lower-case groups, paging', async () => {
			const r = await api(`${P}/resources/list`, {});
			expect(r.json.data).toEqual([
				{ id: 1, name: 'Newsletter', groups: [{ id: 0, name: 'main' }] },
				{ id: 2, name: 'SMS alerts', groups: [{ id: 0, name: 'main' }] },
				{ id: 3, name: 'Leads mail', groups: [{ id: 1, name: 'marketing' }] },
				{ id: 4, name: 'App push', groups: [{ id: 0, name: 'main' }] },
			]);
			expect(r.json).toMatchObject({ next_from_id: 5, total_count: 4 });
			const p = await api(`${P}/resources/list`, { from_id: 2, limit: 2 });
			expect(p.json.data.map((x) => x.id)).toEqual([2, 3]);
			expect(p.json.next_from_id).toBe(4);
			expect((await api(`${P}/resources/list`, { groups_id: [1] })).json.data.map((x) => x.id)).toEqual([3]);
		});

		test('get: channels, dbs_ids, trk_domain, url', async () => {
			const r = await api(`${P}/resources/get`, { id: 1 });
			expect(r.json.data).toEqual({ id: 1, name: 'Newsletter', channels: ['email'], dbs_ids: [1], trk_domain: 'trk.example.com', url: 'https://example.com' });
			expect((await api(`${P}/resources/get`, { id: 99 })).json.error).toBe(404);
		});

		test('fields_get: per channel; channel required and must be enabled', async () => {
			const r = await api(`${P}/resources/fields_get`, { id: 1, channel: 'email' });
			expect(r.json.data).toEqual(expect.arrayContaining([
				{ category: 'system', name: '_device_type', title: 'Device type', type: 'unicode', required: false, dictionary: 'devices' },
				{ category: 'custom', name: 'visits', title: 'Visits', type: 'int', required: false },
			]));
			expect((await api(`${P}/resources/fields_get`, { id: 1 })).json.error).toBe(400);
			expect((await api(`${P}/resources/fields_get`, { id: 1, channel: 'sms' })).json.error).toBe(400);
			expect((await api(`${P}/resources/fields_get`, { id: 4, channel: 'push' })).json.data.map((f) => f.name)).toContain('app_version');
		});
	});
});
