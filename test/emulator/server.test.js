'use strict';

const { createEmulator, DEFAULT_TOKENS } = require('../../emulator');
const { client, P } = require('./helpers');

describe('emulator HTTP layer', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	describe('routing and envelope', () => {
		test('exposes url and the default tokens', () => {
			expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(emu.tokens).toMatchObject({
				admin: DEFAULT_TOKENS.admin,
				readOnly: DEFAULT_TOKENS.readOnly,
				noDelete: DEFAULT_TOKENS.noDelete,
				limited: DEFAULT_TOKENS.limited,
			});
		});

		test('documented path works with and without trailing slash', async () => {
			const a = await api(`${P}/databases/list/`, {});
			const b = await api(`${P}/databases/list`, {});
			expect(a.json).toMatchObject({ error: 0, error_text: 'Successful operation' });
			expect(b.json).toEqual(a.json);
			const c = await api(`${P}/resources/list/`, {});
			expect(c.json.error).toBe(0);
		});

		test('unknown method path → 501 "The method does not exist" (HTTP 200 by default)', async () => {
			const r = await api(`${P}/profiles/nope`, {});
			expect(r.status).toBe(200);
			expect(r.json.error).toBe(501);
			expect(r.json.error_text).toMatch(/method does not exist/i);
		});

		test('non-POST → HTTP 405 with envelope error 400', async () => {
			const r = await api(`${P}/databases/list/`, undefined, { method: 'GET' });
			expect(r.status).toBe(405);
			expect(r.headers.get('allow')).toBe('POST');
			expect(r.json.error).toBe(400);
		});

		test('Content-Type other than application/json → 415', async () => {
			const r = await api(`${P}/databases/list/`, undefined, {
				headers: { 'content-type': 'application/xml' },
				raw: `<xml><token>${emu.tokens.admin}</token></xml>`,
			});
			expect(r.json.error).toBe(415);
			const t = await api(`${P}/databases/list/`, undefined, {
				headers: { 'content-type': 'text/plain' },
				raw: JSON.stringify({ token: emu.tokens.admin }),
			});
			expect(t.json.error).toBe(415);
			const ok = await api(`${P}/databases/list/`, {}, { headers: { 'content-type': 'application/json; charset=utf-8' } });
			expect(ok.json.error).toBe(0);
		});

		test('unparsable JSON → 400; a non-object body → 400', async () => {
			const r = await api(`${P}/profiles/import`, undefined, { raw: '{"token": "x", "db_id": ' });
			expect(r.json).toEqual({ error: 400, error_text: expect.stringMatching(/not valid JSON/) });
			const a = await api(`${P}/profiles/import`, undefined, { raw: '[1,2]' });
			expect(a.json.error).toBe(400);
		});

		test('requests are logged with lower-case headers and the parsed body', async () => {
			await api(`${P}/databases/get/`, { id: 1 }, { headers: { 'X-Custom': 'yes' } });
			expect(emu.requests).toHaveLength(1);
			expect(emu.requests[0]).toMatchObject({
				method: 'POST',
				path: `${P}/databases/get/`,
				body: { token: emu.tokens.admin, id: 1 },
				duplicate: false,
				status: 200,
			});
			expect(emu.requests[0].headers['x-custom']).toBe('yes');
		});

		test('non-API paths answer a plain 404', async () => {
			const r = await fetch(`${emu.url}/`);
			expect(r.status).toBe(404);
		});
	});

	describe('authentication and roles', () => {
		test('missing token → 401', async () => {
			const r = await api(`${P}/databases/list/`, {}, { token: null });
			expect(r.json.error).toBe(401);
		});

		test('unknown token → 401 saying the token is invalid', async () => {
			const r = await api(`${P}/databases/list/`, {}, { token: 'nope' });
			expect(r.json.error).toBe(401);
			expect(r.json.error_text).toMatch(/invalid/i);
		});

		test('Authorization: Bearer and ?token= are accepted', async () => {
			const b = await api(`${P}/databases/list/`, {}, { token: null, headers: { authorization: `Bearer ${emu.tokens.admin}` } });
			expect(b.json.error).toBe(0);
			const q = await fetch(`${emu.url}${P}/databases/list/?token=${emu.tokens.admin}`, { method: 'POST' });
			expect((await q.json()).error).toBe(0);
		});

		test('readOnly token: reads work, modifying calls → 403', async () => {
			const read = await api(`${P}/databases/get/`, { id: 1 }, { token: emu.tokens.readOnly });
			expect(read.json.error).toBe(0);
			const write = await api(`${P}/profiles/import`, { db_id: 1, email: 'a@example.com', data: {} }, { token: emu.tokens.readOnly });
			expect(write.json.error).toBe(403);
			expect(emu.ledger).toHaveLength(0);
		});

		test('noDelete token: import works, profiles/delete → 403', async () => {
			const imp = await api(`${P}/profiles/import`, { db_id: 1, email: 'a@example.com', data: {} }, { token: emu.tokens.noDelete });
			expect(imp.json.error).toBe(0);
			const del = await api(`${P}/profiles/delete`, { db_id: 1, email: 'a@example.com' }, { token: emu.tokens.noDelete });
			expect(del.json.error).toBe(403);
			expect(del.json.error_text).toMatch(/delete profiles/);
			expect(emu.store.getProfile(imp.json.profile_id)).toBeDefined();
		});

		test('limited token sees database 1 and its resources only (others → 404)', async () => {
			const t = { token: emu.tokens.limited };
			const list = await api(`${P}/databases/list/`, {}, t);
			expect(list.json.data.map((d) => d.id)).toEqual([1]);
			expect((await api(`${P}/databases/get/`, { id: 2 }, t)).json.error).toBe(404);
			expect((await api(`${P}/profiles/import`, { db_id: 2, email: 'a@example.com', data: {} }, t)).json.error).toBe(404);
			expect((await api(`${P}/resources/get`, { id: 3 }, t)).json.error).toBe(404);
			expect((await api(`${P}/resources/get`, { id: 1 }, t)).json.error).toBe(0);
			const res = await api(`${P}/resources/list`, {}, t);
			expect(res.json.data.map((r) => r.id)).toEqual([1, 2, 4]);
		});
	});

	describe('httpErrorStatus: mirror', () => {
		test('HTTP status mirrors 4xx/5xx envelope errors', async () => {
			const m = await createEmulator({ httpErrorStatus: 'mirror' });
			try {
				const mapi = client(m);
				const nf = await mapi(`${P}/databases/get/`, { id: 99 });
				expect(nf.status).toBe(404);
				expect(nf.json.error).toBe(404);
				const v = await mapi(`${P}/profiles/import`, { db_id: 1, email: 'a@example.com', data: { orders_count: 'many' } });
				expect(v.status).toBe(450);
				const unauth = await mapi(`${P}/databases/list/`, {}, { token: null });
				expect(unauth.status).toBe(401);
				const ok = await mapi(`${P}/databases/list/`, {});
				expect(ok.status).toBe(200);
			} finally {
				await m.close();
			}
		});
	});

	describe('body size', () => {
		test('body over maxBodyBytes → HTTP 413 plain text, nothing applied', async () => {
			const small = await createEmulator({ maxBodyBytes: 2000 });
			try {
				const data = Array.from({ length: 100 }, (_, i) => ({ email: `u${i}@example.com` }));
				const r = await client(small)(`${P}/profiles/import_batch`, { db_id: 1, data });
				expect(r.status).toBe(413);
				expect(r.json).toBeNull();
				expect(r.text).toMatch(/Too Large/);
				expect(small.ledger).toHaveLength(0);
				expect(small.store.countProfiles(1)).toBe(0);
			} finally {
				await small.close();
			}
		});
	});

	describe('rate limit', () => {
		test('per token: over the limit → HTTP 429 + envelope 429 + Retry-After', async () => {
			emu.setRateLimit({ limit: 2, windowMs: 60000, retryAfterSec: 3 });
			expect((await api(`${P}/databases/list/`, {})).json.error).toBe(0);
			expect((await api(`${P}/databases/list/`, {})).json.error).toBe(0);
			const r = await api(`${P}/databases/list/`, {});
			expect(r.status).toBe(429);
			expect(r.json.error).toBe(429);
			expect(r.headers.get('retry-after')).toBe('3');
			const other = await api(`${P}/databases/list/`, {}, { token: emu.tokens.readOnly });
			expect(other.json.error).toBe(0);
			emu.setRateLimit(null);
			expect((await api(`${P}/databases/list/`, {})).json.error).toBe(0);
		});

		test('a new window lets requests through again', async () => {
			emu.setRateLimit({ limit: 1, windowMs: 100 });
			expect((await api(`${P}/databases/list/`, {})).status).toBe(200);
			expect((await api(`${P}/databases/list/`, {})).status).toBe(429);
			await new Promise((r) => setTimeout(r, 120));
			expect((await api(`${P}/databases/list/`, {})).status).toBe(200);
		});
	});

	describe('faults', () => {
		const importBody = { db_id: 1, email: 'f@example.com', data: { _fname: 'F' } };

		test('error500: HTTP 500 + envelope 500, nothing applied; the next request works', async () => {
			emu.faults.inject({ kind: 'error500' });
			const r = await api(`${P}/profiles/import`, importBody);
			expect(r.status).toBe(500);
			expect(r.json.error).toBe(500);
			expect(emu.ledger).toHaveLength(0);
			const ok = await api(`${P}/profiles/import`, importBody);
			expect(ok.json.error).toBe(0);
			expect(emu.ledger).toHaveLength(1);
		});

		test('error429: HTTP 429 + envelope 429 + Retry-After, nothing applied', async () => {
			emu.faults.inject({ kind: 'error429', retryAfterSec: 7 });
			const r = await api(`${P}/profiles/import`, importBody);
			expect(r.status).toBe(429);
			expect(r.json.error).toBe(429);
			expect(r.headers.get('retry-after')).toBe('7');
			expect(emu.ledger).toHaveLength(0);
		});

		test.each([
			['http502', 502],
			['http503', 503],
			['http504', 504],
		])('%s: plain-text gateway answer, no envelope, nothing applied', async (kind, status) => {
			emu.faults.inject({ kind });
			const r = await api(`${P}/profiles/import`, importBody);
			expect(r.status).toBe(status);
			expect(r.json).toBeNull();
			expect(r.headers.get('content-type')).toMatch(/text\/plain/);
			expect(emu.ledger).toHaveLength(0);
		});

		test('dropBeforeApply: connection closed without answer, nothing applied', async () => {
			emu.faults.inject({ kind: 'dropBeforeApply' });
			await expect(api(`${P}/profiles/import`, importBody)).rejects.toThrow();
			expect(emu.ledger).toHaveLength(0);
			expect(emu.store.countProfiles(1)).toBe(0);
		});

		test('dropAfterApply: applied, no answer; the retry with the same Request-ID is a replay (exactly once)', async () => {
			emu.faults.inject({ kind: 'dropAfterApply' });
			const h = { headers: { 'Request-ID': 'req-drop-1' } };
			await expect(api(`${P}/profiles/import`, importBody, h)).rejects.toThrow();
			expect(emu.ledger).toHaveLength(1);
			const retry = await api(`${P}/profiles/import`, importBody, h);
			expect(retry.json.error).toBe(0);
			expect(retry.headers.get('duplicate-request')).toBe('true');
			expect(retry.json.profile_id).toBe(emu.ledger[0].profileId);
			expect(emu.ledger).toHaveLength(1);
			expect(emu.requests[emu.requests.length - 1].duplicate).toBe(true);
		});

		test('hang: never answers until the client gives up', async () => {
			emu.faults.inject({ kind: 'hang' });
			const t0 = Date.now();
			await expect(api(`${P}/profiles/import`, importBody, { signal: AbortSignal.timeout(150) })).rejects.toThrow();
			expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
			expect(emu.ledger).toHaveLength(0);
			expect((await api(`${P}/profiles/import`, importBody)).json.error).toBe(0);
		});

		test('count and path restriction (string tail or RegExp)', async () => {
			emu.faults.inject({ kind: 'error500', count: 2, path: 'profiles/import' });
			expect((await api(`${P}/profiles/import_batch`, { db_id: 1, data: [] })).json.error).toBe(0);
			expect((await api(`${P}/databases/list/`, {})).json.error).toBe(0);
			expect((await api(`${P}/profiles/import`, importBody)).status).toBe(500);
			expect((await api(`${P}/profiles/import`, importBody)).status).toBe(500);
			expect((await api(`${P}/profiles/import`, importBody)).status).toBe(200);
			emu.faults.inject({ kind: 'http503', path: /databases/ });
			expect((await api(`${P}/profiles/get/`, { db_id: 1, email: 'f@example.com' })).status).toBe(200);
			expect((await api(`${P}/databases/get/`, { id: 1 })).status).toBe(503);
			expect(emu.faults.history.map((h) => h.kind)).toEqual(['error500', 'error500', 'http503']);
		});

		test('faults count only API requests', async () => {
			emu.faults.inject({ kind: 'error500' });
			expect((await fetch(`${emu.url}/health`)).status).toBe(404);
			expect((await api(`${P}/databases/list/`, {})).status).toBe(500);
		});

		test('setRates: seeded random faults are reproducible; null turns them off', async () => {
			const run = async () => {
				emu.reset();
				emu.faults.setRates({ error429: 0.3, error500: 0.2, retryAfterSec: 2, seed: 42 });
				const codes = [];
				for (let i = 0; i < 20; i++) codes.push((await api(`${P}/databases/list/`, {})).status);
				return codes;
			};
			const a = await run();
			const b = await run();
			expect(a).toEqual(b);
			expect(a).toContain(429);
			expect(a).toContain(500);
			expect(a).toContain(200);
			emu.faults.setRates(null);
			for (let i = 0; i < 5; i++) expect((await api(`${P}/databases/list/`, {})).status).toBe(200);
		});

		test('random dropAfterApply + retries with Request-ID still apply each import exactly once', async () => {
			emu.faults.setRates({ dropAfterApply: 0.3, error500: 0.2, dropBeforeApply: 0.1, seed: 7 });
			for (let i = 0; i < 15; i++) {
				const body = { db_id: 1, email: `r${i}@example.com`, data: { orders_count: { action: 'incr', value: 1 } } };
				for (let attempt = 0; attempt < 30; attempt++) {
					try {
						const r = await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': `item-${i}` } });
						if (r.json && r.json.error === 0) break;
					} catch {
						/* dropped: retry */
					}
				}
			}
			emu.faults.setRates(null);
			expect(emu.ledger).toHaveLength(15);
			const profiles = emu.store.findProfiles(1);
			expect(profiles).toHaveLength(15);
			expect(profiles.every((p) => p.orders_count === 1)).toBe(true);
		});

		test('clear() removes queued faults and rates', async () => {
			emu.faults.inject({ kind: 'error500', count: 5 });
			emu.faults.setRates({ error500: 1 });
			emu.faults.clear();
			expect((await api(`${P}/databases/list/`, {})).status).toBe(200);
		});
	});

	describe('deduplication (§6)', () => {
		const body = { db_id: 1, email: 'd@example.com', data: { orders_count: { action: 'incr', value: 1 } } };

		test('identical body without Request-ID → replay with Duplicate-Request/Duplicate-Key; ledger unchanged', async () => {
			const a = await api(`${P}/profiles/import`, body);
			const b = await api(`${P}/profiles/import`, body);
			expect(a.headers.get('duplicate-request')).toBeNull();
			expect(b.headers.get('duplicate-request')).toBe('true');
			expect(b.headers.get('duplicate-key')).toBeTruthy();
			expect(b.status).toBe(a.status);
			expect(b.text).toBe(a.text);
			expect(emu.ledger).toHaveLength(1);
			expect(emu.requests.map((r) => r.duplicate)).toEqual([false, true]);
			expect(emu.store.getProfile(a.json.profile_id).orders_count).toBe(1);
		});

		test('the same Request-ID is a repeat even with another body; X-Request-ID is accepted', async () => {
			const a = await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': 'k1' } });
			const b = await api(`${P}/profiles/import`, { ...body, data: { _fname: 'Other' } }, { headers: { 'Request-ID': 'k1' } });
			expect(b.headers.get('duplicate-request')).toBe('true');
			expect(b.json).toEqual(a.json);
			expect(emu.ledger).toHaveLength(1);
			const c = await api(`${P}/profiles/import`, body, { headers: { 'X-Request-ID': 'k2' } });
			const d = await api(`${P}/profiles/import`, body, { headers: { 'X-Request-ID': 'k2' } });
			expect(c.headers.get('duplicate-request')).toBeNull();
			expect(d.headers.get('duplicate-request')).toBe('true');
			expect(emu.ledger).toHaveLength(2);
		});

		test('different Request-IDs execute identical bodies twice (intentional repeat)', async () => {
			const a = await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': 'u1' } });
			await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': 'u2' } });
			expect(emu.ledger).toHaveLength(2);
			expect(emu.store.getProfile(a.json.profile_id).orders_count).toBe(2);
		});

		test('the key includes the token', async () => {
			await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': 'same' } });
			const b = await api(`${P}/profiles/import`, body, { token: emu.tokens.noDelete, headers: { 'Request-ID': 'same' } });
			expect(b.headers.get('duplicate-request')).toBeNull();
			expect(emu.ledger).toHaveLength(2);
		});

		test('a failed request is executed again when repeated', async () => {
			const bad = { db_id: 1, email: 'd@example.com', data: { orders_count: 'x' } };
			const a = await api(`${P}/profiles/import`, bad, { headers: { 'Request-ID': 'bad' } });
			const b = await api(`${P}/profiles/import`, bad, { headers: { 'Request-ID': 'bad' } });
			expect(a.json.error).toBe(450);
			expect(b.json.error).toBe(450);
			expect(b.headers.get('duplicate-request')).toBeNull();
			emu.faults.inject({ kind: 'error500' });
			expect((await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': 'r500' } })).status).toBe(500);
			const retry = await api(`${P}/profiles/import`, body, { headers: { 'Request-ID': 'r500' } });
			expect(retry.json.error).toBe(0);
			expect(retry.headers.get('duplicate-request')).toBeNull();
			expect(emu.ledger).toHaveLength(1);
		});

		test('non-modifying calls are not deduplicated', async () => {
			await api(`${P}/profiles/import`, body);
			const g1 = await api(`${P}/profiles/get/`, { db_id: 1, email: 'd@example.com' });
			const g2 = await api(`${P}/profiles/get/`, { db_id: 1, email: 'd@example.com' });
			expect(g1.json.error).toBe(0);
			expect(g2.headers.get('duplicate-request')).toBeNull();
		});

		test('outside the window a repeat is executed again', async () => {
			const short = await createEmulator({ dedupWindowSec: 0.1 });
			try {
				const sapi = client(short);
				await sapi(`${P}/profiles/import`, body);
				expect((await sapi(`${P}/profiles/import`, body)).headers.get('duplicate-request')).toBe('true');
				await new Promise((r) => setTimeout(r, 120));
				expect((await sapi(`${P}/profiles/import`, body)).headers.get('duplicate-request')).toBeNull();
				expect(short.ledger).toHaveLength(2);
			} finally {
				await short.close();
			}
		});
	});

	describe('reset and options', () => {
		test('reset() empties ledger, requests, dedup cache and faults', async () => {
			await api(`${P}/profiles/import`, { db_id: 1, email: 'z@example.com', data: {} });
			emu.faults.inject({ kind: 'error500', count: 3 });
			emu.reset();
			expect(emu.ledger).toHaveLength(0);
			expect(emu.requests).toHaveLength(0);
			expect(emu.store.countProfiles(1)).toBe(0);
			const r = await api(`${P}/profiles/import`, { db_id: 1, email: 'z@example.com', data: {} });
			expect(r.status).toBe(200);
			expect(r.headers.get('duplicate-request')).toBeNull();
		});

		test('recordRequests: false keeps no request log', async () => {
			const q = await createEmulator({ recordRequests: false });
			try {
				await client(q)(`${P}/databases/list/`, {});
				expect(q.requests).toHaveLength(0);
			} finally {
				await q.close();
			}
		});

		test('a custom seed replaces parts of the default one', async () => {
			const { DEFAULT_SEED } = require('../../emulator');
			const s = await createEmulator({
				seed: {
					databases: [{ id: 7, name: 'Only', fields: [{ name: 'code', title: 'Code', type: 'string' }] }],
					resources: [],
					segments: [],
					profiles: [{ db_id: 7, email: 'seed@example.com', code: 'A1' }],
				},
			});
			try {
				const sapi = client(s);
				const list = await sapi(`${P}/databases/list/`, {});
				expect(list.json.data).toEqual([{ id: 7, name: 'Only', ui_tags: [], Groups: [] }]);
				const g = await sapi(`${P}/profiles/get/`, { db_id: 7, matching: 'custom', field_name: 'code', field_value: 'A1' });
				expect(g.json.data.email).toBe('seed@example.com');
				expect(s.ledger).toHaveLength(0);
				expect(DEFAULT_SEED.databases).toHaveLength(2);
			} finally {
				await s.close();
			}
		});
	});
});
