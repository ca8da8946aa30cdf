'use strict';

const crypto = require('node:crypto');
const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

const md5 = (s) => crypto.createHash('md5').update(s).digest('hex');

describe('suppression lists', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const S = `${P}/suppresses`;
	const NOT = { matched: false, email_matched: false, domain_matched: false, phone_matched: false };

	describe('lists', () => {
		test('add / get / update / delete; name conflicts 409; the global list', async () => {
			const a = await api(`${S}/add`, { name: 'Complainers 2025' });
			expect(a.json).toEqual({ error: 0, error_text: 'Successful operation', data: { saved_id: 4 } });
			const g = await api(`${S}/get`, { id: 4 });
			expect(g.json.data).toEqual({ id: 4, name: 'Complainers 2025', is_global: false, description: '' });
			expect((await api(`${S}/get`, { id: 1 })).json.data).toMatchObject({ id: 1, is_global: true });
			expect((await api(`${S}/add`, { name: 'complainers 2025' })).json.error).toBe(409);
			expect((await api(`${S}/add`, {})).json.error).toBe(400);
			expect((await api(`${S}/add`, { name: 5 })).json.error).toBe(400);
			const u = await api(`${S}/update`, { id: 4, name: 'Renamed', description: 'd' });
			expect(u.json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect(emu.store.getSuppressionList(4)).toMatchObject({ name: 'Renamed', description: 'd' });
			expect((await api(`${S}/update`, { id: 4, name: 'Complainers' })).json.error).toBe(409);
			expect((await api(`${S}/update`, { id: 4, name: '  ' })).json.error).toBe(450);
			expect((await api(`${S}/update`, { name: 'x' })).json.error).toBe(400);
			expect((await api(`${S}/update`, { id: 40, name: 'x' })).json.error).toBe(404);
			expect((await api(`${S}/delete`, { id: 1 })).json.error).toBe(450);
			expect((await api(`${S}/delete`, { id: 4 })).json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await api(`${S}/get`, { id: 4 })).json.error).toBe(404);
			expect((await api(`${S}/delete`, {})).json.error).toBe(400);
			// lists of another account are invisible
			expect((await api(`${S}/get`, { id: 3 })).json.error).toBe(404);
			expect((await api(`${S}/get`, { id: 1 }, { token: emu.tokens.otherAccount })).json.error).toBe(404);
			expect(emu.ledger.map((e) => e.op)).toEqual(['suppression.list_add', 'suppression.list_update', 'suppression.list_delete']);
		});

		test('list: next_from_id / total_count, paging over several pages', async () => {
			for (let i = 0; i < 3; i++) await api(`${S}/add`, { name: `L${i}` });
			const first = await api(`${S}/list`, {});
			expect(first.json.data.map((l) => l.id)).toEqual([1, 2, 4, 5, 6]);
			expect(first.json.data[0]).toEqual({ id: 1, name: 'Global suppression list', is_global: true, description: 'Account-wide stop list' });
			expect(first.json).toMatchObject({ next_from_id: 7, total_count: 5 });
			const ids = [];
			let from = 1;
			let pages = 0;
			for (;;) {
				const r = await api(`${S}/list`, { from_id: from, limit: 2 });
				if (r.json.data.length === 0) break;
				pages += 1;
				ids.push(...r.json.data.map((l) => l.id));
				from = r.json.next_from_id;
			}
			expect(pages).toBe(3);
			expect(ids).toEqual([1, 2, 4, 5, 6]);
			expect((await api(`${S}/list`, {}, { token: emu.tokens.otherAccount })).json.data.map((l) => l.id)).toEqual([3]);
			expect((await api(`${S}/list`, { limit: 'x' })).json.error).toBe(400);
		});
	});

	describe('entries', () => {
		test('e-mails: add → check matched; remove (also by MD5) → check negative; remove of an absent one → 404', async () => {
			expect((await api(`${S}/email_check`, { id: 2, email: 'john@example.com' })).json).toEqual({ error: 0, error_text: 'Successful operation', ...NOT });
			expect((await api(`${S}/email_add`, { id: 2, email: 'John@Example.com' })).json).toEqual({ error: 0, error_text: 'Successful operation' });
			const c = await api(`${S}/email_check`, { id: 2, email: 'john@example.com' });
			expect(c.json).toMatchObject({ matched: true, email_matched: true, domain_matched: false, phone_matched: false });
			expect((await api(`${S}/email_check`, { id: 1, email: 'john@example.com' })).json.matched).toBe(false);
			expect((await api(`${S}/email_remove`, { id: 2, email: 'john@example.com' })).json).toEqual({ error: 0, error_text: 'Successful operation' });
			expect((await api(`${S}/email_check`, { id: 2, email: 'john@example.com' })).json).toMatchObject(NOT);
			await api(`${S}/email_add`, { id: 2, email: 'jane@example.com' });
			expect((await api(`${S}/email_remove`, { id: 2, email: md5('jane@example.com') })).json.error).toBe(0);
			expect(emu.store.getSuppressionList(2).emails).toEqual([]);
			expect((await api(`${S}/email_remove`, { id: 2, email: 'jane@example.com' })).json.error).toBe(404);
		});

		test('e-mail batch counters; domains apply to e-mails of the domain; domain answers', async () => {
			const r = await api(`${S}/emails_add`, { id: 2, emails: ['a@example.com', 'b@example.com', 'A@example.com'] });
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation', total_count: 3, total_imported: 2, total_duplicated: 1, total_updated: 0 });
			expect((await api(`${S}/emails_add`, { id: 2, emails: ['b@example.com', 'c@example.com'] })).json).toMatchObject({ total_imported: 1, total_duplicated: 1 });
			const d = await api(`${S}/domain_add`, { id: 2, domain: 'spam.example' });
			expect(d.json).toEqual({ error: 0, error_text: 'Successful operation', data: { 'spam.example': true } });
			expect((await api(`${S}/email_check`, { id: 2, email: 'anyone@spam.example' })).json).toMatchObject({ matched: true, email_matched: false, domain_matched: true });
			expect((await api(`${S}/email_check`, { id: 2, email: 'anyone@sub.spam.example' })).json.matched).toBe(false);
			expect((await api(`${S}/domain_check`, { id: 2, domain: 'SPAM.example' })).json).toEqual({ error: 0, error_text: 'Successful operation', matched: true, domain_matched: true, email_matched: false, phone_matched: false });
			const many = await api(`${S}/domains_add`, { id: 2, domains: ['spam.example', 'junk.example'] });
			expect(many.json).toMatchObject({ total_count: 2, total_imported: 1, total_duplicated: 1, total_updated: 0 });
			expect((await api(`${S}/domain_remove`, { id: 2, domain: md5('junk.example') })).json).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect((await api(`${S}/domain_remove`, { id: 2, domain: 'spam.example' })).json.error).toBe(0);
			expect((await api(`${S}/email_check`, { id: 2, email: 'anyone@spam.example' })).json.matched).toBe(false);
			expect((await api(`${S}/domain_remove`, { id: 2, domain: 'spam.example' }, { headers: { 'request-id': 'again' } })).json.error).toBe(404);
		});

		test('phones: value / values; invalid numbers counted; digits compared', async () => {
			const a = await api(`${S}/phone_add`, { id: 2, value: '+7 900 000-00-01' });
			expect(a.json).toEqual({ error: 0, error_text: 'Successful operation', data: { '+7 900 000-00-01': true } });
			expect((await api(`${S}/phone_check`, { id: 2, value: '+79000000001' })).json).toEqual({ error: 0, error_text: 'Successful operation', matched: true, phone_matched: true, email_matched: false, domain_matched: false });
			const many = await api(`${S}/phones_add`, { id: 2, values: ['+79009009001', '+79009009002', 'not a phone', '79000000001'] });
			expect(many.json).toEqual({ error: 0, error_text: 'Successful operation', total_count: 4, total_imported: 2, total_duplicated: 1, total_invalid: 1 });
			expect((await api(`${S}/phone_remove`, { id: 2, value: '+79000000001' })).json).toEqual({ error: 0, error_text: 'Successful operation', data: null });
			expect((await api(`${S}/phone_check`, { id: 2, value: '+79000000001' })).json.matched).toBe(false);
			expect(emu.store.getSuppressionList(2).phones).toEqual(['+79009009001', '+79009009002']);
		});

		test('remove-all per kind empties only that kind', async () => {
			await api(`${S}/emails_add`, { id: 2, emails: ['a@example.com', 'b@example.com'] });
			await api(`${S}/domains_add`, { id: 2, domains: ['x.example'] });
			await api(`${S}/phones_add`, { id: 2, values: ['+79000000001', '+79000000002', '+79000000003'] });
			const r = await api(`${S}/emails_remove`, { id: 2 });
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation', removed_count: 2 });
			expect(emu.store.getSuppressionList(2)).toMatchObject({ emails: [], domains: ['x.example'] });
			expect((await api(`${S}/email_check`, { id: 2, email: 'a@example.com' })).json.email_matched).toBe(false);
			expect((await api(`${S}/phones_remove`, { id: 2 })).json.removed_count).toBe(3);
			expect((await api(`${S}/domains_remove`, { id: 2 })).json.removed_count).toBe(1);
			expect(emu.store.getSuppressionList(2)).toMatchObject({ emails: [], domains: [], phones: [] });
			expect((await api(`${S}/domains_remove`, {})).json.error).toBe(400);
			expect((await api(`${S}/phones_remove`, { id: 99 })).json.error).toBe(404);
		});

		test('validation: 400 for missing / mistyped parameters, 450 for bad values, 404 for unknown lists', async () => {
			const cases = [
				[`${S}/email_check`, { email: 'a@example.com' }, 400, /'id'/],
				[`${S}/email_check`, { id: 2 }, 400, /'email'/],
				[`${S}/email_add`, { id: '2', email: 'a@example.com' }, 400, /'id'/],
				[`${S}/emails_add`, { id: 2, emails: 'a@example.com' }, 400, /'emails'/],
				[`${S}/emails_add`, { id: 2, emails: ['a@example.com', 5] }, 400, /emails\[1\]/],
				[`${S}/domains_add`, { id: 2 }, 400, /'domains'/],
				[`${S}/phone_add`, { id: 2, phone: '+79000000001' }, 400, /'value'/],
				[`${S}/phones_add`, { id: 2, value: ['+79000000001'] }, 400, /'values'/],
				[`${S}/email_add`, { id: 2, email: 'not-an-email' }, 450, /email/],
				[`${S}/emails_add`, { id: 2, emails: ['ok@example.com', 'bad'] }, 450, /emails\[1\]/],
				[`${S}/domain_add`, { id: 2, domain: 'no spaces.com' }, 450, /domain/],
				[`${S}/phone_add`, { id: 2, value: '12' }, 450, /value/],
				[`${S}/email_check`, { id: 2, email: 'x' }, 450, /email/],
				[`${S}/email_add`, { id: 99, email: 'a@example.com' }, 404, /99/],
				[`${S}/phone_check`, { id: 3, value: '+79000000001' }, 404, /3/],
			];
			for (const [path, body, code, text] of cases) {
				const r = await api(path, body);
				expect([path, JSON.stringify(body), r.json.error]).toEqual([path, JSON.stringify(body), code]);
				expect(r.json.error_text).toMatch(text);
			}
			expect(emu.store.getSuppressionList(2)).toMatchObject({ emails: [], domains: [], phones: [] });
			expect(emu.ledger).toHaveLength(0);
			expect((await api(`${S}/email_add`, { id: 2, email: 'a@example.com' }, { token: emu.tokens.readOnly })).json.error).toBe(403);
			expect((await api(`${S}/email_check`, { id: 2, email: 'a@example.com' }, { token: emu.tokens.readOnly })).json.error).toBe(0);
		});
	});

	describe('export', () => {
		test('a task that completes with a download URL; the CSV holds MD5 hashes', async () => {
			await api(`${S}/emails_add`, { id: 2, emails: ['a@example.com', 'b@example.com'] });
			await api(`${S}/domain_add`, { id: 2, domain: 'x.example' });
			await api(`${S}/phone_add`, { id: 2, value: '+79000000001' });
			const t = await api(`${S}/export`, { id: 2, type: 'all' });
			expect(t.json).toEqual({ error: 0, error_text: 'Successful operation', data: { task_id: expect.any(String) } });
			const first = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
			expect(first.json.data.status).toBe('processing');
			const done = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
			expect(done.json.data).toEqual({
				status: 'completed',
				progress: 100,
				result: { errors: [], source_id: 2, total: 4, type: 'all', urls: [expect.stringMatching(/^\/api\/download\/[0-9a-f-]{36}\/2_suppress_all_export\.csv$/)] },
			});
			const url = done.json.data.result.urls[0];
			const res = await fetch(emu.url + url, { headers: { authorization: `Bearer ${emu.tokens.admin}` } });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/text\/csv/);
			const csv = await res.text();
			expect(csv.split('\r\n')).toEqual([
				'type,md5',
				`email,${md5('a@example.com')}`,
				`email,${md5('b@example.com')}`,
				`domain,${md5('x.example')}`,
				`phone,${md5('79000000001')}`,
				'',
			]);
			expect((await fetch(emu.url + url, { headers: { authorization: `Bearer ${emu.tokens.otherAccount}` } })).status).toBe(403);
			const emails = await api(`${S}/export`, { id: 2, type: 'emails' });
			await api(`${P}/tasks/status`, { task_id: emails.json.data.task_id });
			expect((await api(`${P}/tasks/status`, { task_id: emails.json.data.task_id })).json.data.result).toMatchObject({ total: 2, type: 'emails' });
			expect((await api(`${S}/export`, { id: 2, type: 'everything' })).json.error).toBe(400);
			expect((await api(`${S}/export`, {})).json.error).toBe(400);
			expect((await api(`${S}/export`, { id: 99 })).json.error).toBe(404);
			expect((await api(`${P}/tasks/status`, { task_id: t.json.data.task_id }, { token: emu.tokens.otherAccount })).json.error).toBe(404);
		});
	});
});
