'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

describe('profile relations', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const R = `${P}/relations`;
	const add = async (dbId, email, extra = {}) => (await api(`${P}/profiles/add`, { db_id: dbId, data: { email, ...extra } })).json.profile_id;

	// Seed relation types: 1 "Referred by" (A = db 1, B = db 2), 2 "Follows" (A = B = db 1).
	test('attach / get / get_counter / strengthen / edit / detach', async () => {
		const a = await add(1, 'customer@example.com');
		const b1 = await add(2, 'lead1@example.com');
		const b2 = await add(2, 'lead2@example.com', { crm_id: 'L-2' });
		const at = await api(`${R}/attach`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b1 }, weights: { likes: 1, is_online: true } });
		expect(at.json).toEqual({ error: 0, error_text: '', profile_a: a, profile_b: b1, relation_id: 1 });
		expect((await api(`${R}/attach`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b1 } })).json.error).toBe(409);
		// strengthen creates the link when missing; matching by e-mail / custom inside the objects
		const st = await api(`${R}/strengthen`, { rel_id: 1, profile_a: { email: 'customer@example.com' }, profile_b: { matching: 'custom', field_name: 'crm_id', field_value: 'L-2' }, weights: { likes: 2, donate: 343 } });
		expect(st.json).toMatchObject({ error: 0, error_text: '', profile_a: a, profile_b: b2, relation_id: 1 });
		await api(`${R}/strengthen`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b2 }, weights: { likes: -1 } });
		const g = await api(`${R}/get`, { rel_id: 1, profile_id: a });
		expect(g.json).toMatchObject({ error: 0, error_text: 'Successful operation', total_count: 2 });
		expect(g.json.data).toEqual([
			{ profile_id_a: a, xxh_a: expect.stringMatching(/^[0-9a-f]{16}$/), profile_id_b: b1, xxh_b: expect.stringMatching(/^[0-9a-f]{16}$/), db_b: 2, props: { likes: { value: 1 }, is_online: { value: true } } },
			expect.objectContaining({ profile_id_b: b2, db_b: 2, props: { likes: { value: 1 }, donate: { value: 343 } } }),
		]);
		const c = await api(`${R}/get_counter`, { rel_id: 1, profile_id: a });
		expect(c.json.data).toEqual({ profile_id: a, profile_xxh: g.json.data[0].xxh_a, props: { likes: { value: 2 }, is_online: { value: 1 }, donate: { value: 343 } } });
		// edit overwrites the values sent (booleans allowed), keeps the others
		await api(`${R}/edit`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b1 }, weights: { likes: 10, is_online: false } });
		expect(emu.store.getRelations(1).find((r) => r.profile_b === b1).props).toEqual({ likes: 10, is_online: false });
		// strengthening a boolean is a validation error
		expect((await api(`${R}/strengthen`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b1 }, weights: { is_online: 1 } })).json.error).toBe(450);
		const d = await api(`${R}/detach`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b1 } });
		expect(d.json).toEqual({ error: 0, error_text: '', profile_a: a, profile_b: b1, relation_id: 1 });
		// the same body again would be answered from the dedup cache: send it as a new request
		const again = await api(`${R}/detach`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b1 } }, { headers: { 'request-id': 'detach-2' } });
		expect(again.json.error).toBe(404);
		expect((await api(`${R}/get`, { rel_id: 1, matching: 'email', email: 'customer@example.com' })).json.total_count).toBe(1);
		expect(emu.ledger.filter((e) => e.op.startsWith('relation.')).map((e) => e.op)).toEqual([
			'relation.attach',
			'relation.strengthen',
			'relation.strengthen',
			'relation.edit',
			'relation.detach',
		]);
	});

	test('validation: 400 for missing parameters, 450 for weights, 404 for unknown types / profiles', async () => {
		const a = await add(1, 'x@example.com');
		const b = await add(2, 'y@example.com');
		const body = { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b }, weights: { w: 1 } };
		const cases = [
			[`${R}/edit`, { ...body, rel_id: undefined }, 400, /'rel_id'/],
			[`${R}/edit`, { ...body, profile_a: undefined }, 400, /'profile_a'/],
			[`${R}/edit`, { ...body, profile_b: 'b' }, 400, /'profile_b'/],
			[`${R}/edit`, { ...body, weights: undefined }, 400, /'weights'/],
			[`${R}/strengthen`, { ...body, weights: [1] }, 400, /'weights'/],
			[`${R}/edit`, { ...body, profile_a: {} }, 400, /profile_a/],
			[`${R}/edit`, { ...body, profile_a: { profile_id: 'nope' } }, 400, /profile_a\.profile_id/],
			[`${R}/edit`, { ...body, profile_a: { matching: 'push_sub', provider: 'x', subscription_id: 'y' } }, 400, /matching/],
			[`${R}/strengthen`, { ...body, weights: { w: 'much' } }, 450, /weights\.w/],
			[`${R}/edit`, { ...body, weights: { w: 'text' } }, 450, /weights\.w/],
			[`${R}/edit`, { ...body, weights: {} }, 450, /weights/],
			[`${R}/edit`, { ...body, rel_id: 99 }, 404, /Relation type 99/],
			[`${R}/edit`, { ...body, profile_b: { profile_id: a } }, 404, /profile_b/],
			[`${R}/edit`, { ...body, profile_a: { email: 'ghost@example.com' } }, 404, /profile_a/],
			[`${R}/get`, { rel_id: 1 }, 400, /profile_id/],
			[`${R}/get_counter`, { profile_id: a }, 400, /'rel_id'/],
			[`${R}/get`, { rel_id: 1, profile_id: 'cccccccccccccccccccccccc' }, 404, /not found/],
		];
		for (const [path, b2, code, text] of cases) {
			const r = await api(path, b2);
			expect([path, JSON.stringify(b2), r.json.error]).toEqual([path, JSON.stringify(b2), code]);
			expect(r.json.error_text).toMatch(text);
		}
		// a relation type within one database; a profile cannot relate to itself
		const a2 = await add(1, 'z@example.com');
		expect((await api(`${R}/attach`, { rel_id: 2, profile_a: { profile_id: a }, profile_b: { profile_id: a2 } })).json.error).toBe(0);
		expect((await api(`${R}/attach`, { rel_id: 2, profile_a: { profile_id: a }, profile_b: { profile_id: a } })).json.error).toBe(450);
		// the limited token cannot see database 2, so relation type 1 is invisible to it
		expect((await api(`${R}/get`, { rel_id: 1, profile_id: a }, { token: emu.tokens.limited })).json.error).toBe(404);
		expect((await api(`${R}/get`, { rel_id: 2, profile_id: a }, { token: emu.tokens.limited })).json.total_count).toBe(1);
		expect(emu.ledger.filter((e) => e.op.startsWith('relation.'))).toHaveLength(1);
	});

	test('deleting a profile removes its relations', async () => {
		const a = await add(1, 'x@example.com');
		const b = await add(2, 'y@example.com');
		await api(`${R}/edit`, { rel_id: 1, profile_a: { profile_id: a }, profile_b: { profile_id: b }, weights: { w: 1 } });
		expect(emu.store.getRelations()).toHaveLength(1);
		await api(`${P}/profiles/delete`, { db_id: 2, matching: 'profile_id', profile_id: b });
		expect(emu.store.getRelations()).toEqual([]);
		expect((await api(`${R}/get`, { rel_id: 1, profile_id: a })).json).toMatchObject({ data: [], total_count: 0 });
	});
});
