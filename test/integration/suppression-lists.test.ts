/**
 * The Suppression List resource over real HTTP against the Altcraft emulator, run through n8n's real execution
 * engine (31-suppression-lists.md).
 */
import { createHash } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import type { Emulator } from './support/audience';
import {
	createEmulator,
	createProfile,
	DEFAULT_SEED,
	emailSub,
	expectInputError,
	expectWorkflowIssues,
	jsonOf,
	NOT_FOUND,
	requestsTo,
	runNode,
	useEmulator,
} from './support/audience';

const emulator = useEmulator();

const sup = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'suppressionList', operation, ...extra });
/** An entry operation on list 2 ("Complainers") unless said otherwise. */
const entry = (operation: string, entryType: 'email' | 'domain' | 'phone', value: IDataObject, listId = 2) =>
	sup(operation, { suppressionList: byId(listId), entryType, ...value });
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const NOTHING = { matched: false, email_matched: false, domain_matched: false, phone_matched: false };

describe('Suppression List: the list itself', () => {
	test('Create → Get → Update → Get Many → Delete', async () => {
		const emu = emulator();
		const created = await runNode(emu, sup('create', { name: 'Bounced 2025' }));
		expect(created.status).toBe('success');
		expect(jsonOf(created)).toEqual([{ saved_id: expect.any(Number) }]);
		const id = created.items[0].json.saved_id as number;

		expect(jsonOf(await runNode(emu, sup('get', { suppressionList: byId(id) })))).toEqual([{ id, name: 'Bounced 2025', is_global: false, description: '' }]);
		expect(jsonOf(await runNode(emu, sup('update', { suppressionList: byId(id), name: 'Hard bounces' })))).toEqual([{ success: true }]);
		expect(requestsTo(emu, '/api/v1.1/suppresses/update')[0].body).toMatchObject({ id, name: 'Hard bounces' });
		expect((await runNode(emu, sup('get', { suppressionList: byId(id) }))).items[0].json.name).toBe('Hard bounces');

		const all = await runNode(emu, sup('getAll', { returnAll: true, filters: {} }));
		expect(jsonOf(all)).toEqual([
			{ id: 1, name: 'Global suppression list', is_global: true, description: 'Account-wide stop list' },
			{ id: 2, name: 'Complainers', is_global: false, description: '' },
			{ id, name: 'Hard bounces', is_global: false, description: '' },
		]);

		const deleted = await runNode(emu, sup('delete', { suppressionList: byId(id) }));
		expect(jsonOf(deleted)).toEqual([{ deleted: true }]);
		expect((await runNode(emu, sup('get', { suppressionList: byId(id) }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.store.getSuppressionList(id)).toBeUndefined();
		expect(emu.ledger.map((e) => e.op)).toEqual(['suppression.list_add', 'suppression.list_update', 'suppression.list_delete']);
	});

	test('Delete: the global list is refused (450), an unknown one is 404; nothing is deleted', async () => {
		const emu = emulator();
		expect((await runNode(emu, sup('delete', { suppressionList: byId(1) }))).error?.message).toMatch(/\(Altcraft error 450\)/);
		expect((await runNode(emu, sup('delete', { suppressionList: byId(42) }))).error?.message).toMatch(NOT_FOUND);
		// Another account's global list is outside the token's visibility zone.
		expect((await runNode(emu, sup('delete', { suppressionList: byId(3) }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.store.getSuppressionList(1)).toBeDefined();
		expect(emu.ledger).toEqual([]);
	});

	test('a name already used is 409', async () => {
		const emu = emulator();
		expect((await runNode(emu, sup('create', { name: 'Complainers' }))).error?.message).toMatch(/\(Altcraft error 409\)/);
	});
});

describe('Suppression List: entries', () => {
	test('an e-mail: Add One → Check finds it → Remove → Check does not', async () => {
		const emu = emulator();
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'spam@example.com' })))).toEqual([NOTHING]);
		expect(jsonOf(await runNode(emu, entry('add', 'email', { email: 'spam@example.com' })))).toEqual([{ success: true }]);
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'spam@example.com' })))).toEqual([{ ...NOTHING, matched: true, email_matched: true }]);
		// Per list: the global list does not have it.
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'spam@example.com' }, 1)))).toEqual([NOTHING]);

		expect(jsonOf(await runNode(emu, entry('remove', 'email', { email: 'spam@example.com' })))).toEqual([{ deleted: true }]);
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'spam@example.com' })))).toEqual([NOTHING]);
		expect((await runNode(emu, entry('remove', 'email', { email: 'spam@example.com' }))).error?.message).toMatch(NOT_FOUND);
		expect(requestsTo(emu, '/api/v1.1/suppresses/').map((r) => r.path.split('/').pop())).toEqual([
			'email_check',
			'email_add',
			'email_check',
			'email_check',
			'email_remove',
			'email_check',
			'email_remove',
		]);
	});

	test('a domain blocks every e-mail of it; removal by MD5 hash', async () => {
		const emu = emulator();
		expect(jsonOf(await runNode(emu, entry('add', 'domain', { domain: 'spammy.example' })))).toEqual([{ success: true, data: { 'spammy.example': true } }]);
		expect(jsonOf(await runNode(emu, entry('check', 'domain', { domain: 'spammy.example' })))).toEqual([{ ...NOTHING, matched: true, domain_matched: true }]);
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'anyone@spammy.example' })))).toEqual([{ ...NOTHING, matched: true, domain_matched: true }]);

		expect(jsonOf(await runNode(emu, entry('remove', 'domain', { domain: md5('spammy.example') })))).toEqual([{ deleted: true }]);
		expect(requestsTo(emu, '/api/v1.1/suppresses/domain_remove')[0].body).toMatchObject({ id: 2, domain: md5('spammy.example') });
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'anyone@spammy.example' })))).toEqual([NOTHING]);
	});

	test('a phone: sent as value; Add → Check → Remove', async () => {
		const emu = emulator();
		expect(jsonOf(await runNode(emu, entry('add', 'phone', { phone: '+79001112233' })))).toEqual([{ success: true, data: { '+79001112233': true } }]);
		expect(requestsTo(emu, '/api/v1.1/suppresses/phone_add')[0].body).toMatchObject({ id: 2, value: '+79001112233' });
		expect(jsonOf(await runNode(emu, entry('check', 'phone', { phone: '+7 (900) 111-22-33' })))).toEqual([{ ...NOTHING, matched: true, phone_matched: true }]);
		expect(jsonOf(await runNode(emu, entry('remove', 'phone', { phone: '+79001112233' })))).toEqual([{ deleted: true }]);
		expect(jsonOf(await runNode(emu, entry('check', 'phone', { phone: '+79001112233' })))).toEqual([NOTHING]);
	});

	test('Add One for several input items (each e-mail from an expression): one output item per input item', async () => {
		const emu = emulator();
		const emails = ['one@example.com', 'two@example.com', 'three@example.com'];
		const added = await runNode(emu, entry('add', 'email', { email: '={{ $json.email }}' }), { input: emails.map((email) => ({ json: { email } })) });
		expect(added.status).toBe('success');
		expect(jsonOf(added)).toEqual([expect.objectContaining({ success: true }), expect.objectContaining({ success: true }), expect.objectContaining({ success: true })]);
		expect(added.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emu.store.getSuppressionList(2)?.emails.sort()).toEqual(['one@example.com', 'three@example.com', 'two@example.com']);
	});

	test('Add Many counts new, duplicate and (phones) invalid entries', async () => {
		const emu = emulator();
		const first = await runNode(emu, entry('addMany', 'email', { emails: 'a@example.com\nb@example.com, c@example.com' }));
		expect(jsonOf(first)).toEqual([{ total_count: 3, total_imported: 3, total_duplicated: 0, total_updated: 0 }]);
		expect(requestsTo(emu, '/api/v1.1/suppresses/emails_add')[0].body).toMatchObject({ id: 2, emails: ['a@example.com', 'b@example.com', 'c@example.com'] });
		const again = await runNode(emu, entry('addMany', 'email', { emails: ['c@example.com', 'd@example.com'] as unknown as string }));
		expect(jsonOf(again)).toEqual([{ total_count: 2, total_imported: 1, total_duplicated: 1, total_updated: 0 }]);

		expect(jsonOf(await runNode(emu, entry('addMany', 'domain', { domains: 'x.example\ny.example' })))).toEqual([
			{ total_count: 2, total_imported: 2, total_duplicated: 0, total_updated: 0 },
		]);
		const phones = await runNode(emu, entry('addMany', 'phone', { phones: '+79009009001\n+79009009002\nnot a phone' }));
		expect(jsonOf(phones)).toEqual([{ total_count: 3, total_imported: 2, total_duplicated: 0, total_invalid: 1 }]);
		expect(requestsTo(emu, '/api/v1.1/suppresses/phones_add')[0].body).toMatchObject({ values: ['+79009009001', '+79009009002', 'not a phone'] });

		expect(emu.store.getSuppressionList(2)).toMatchObject({
			emails: ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com'],
			domains: ['x.example', 'y.example'],
			phones: ['+79009009001', '+79009009002'],
		});
	});

	test('Remove All empties one entry type and leaves the others', async () => {
		const emu = emulator();
		await runNode(emu, entry('addMany', 'email', { emails: 'a@example.com, b@example.com' }));
		await runNode(emu, entry('addMany', 'domain', { domains: 'x.example' }));
		await runNode(emu, entry('addMany', 'phone', { phones: '+79009009001, +79009009002, +79009009003' }));

		expect(jsonOf(await runNode(emu, entry('removeAll', 'email', {})))).toEqual([{ removed_count: 2 }]);
		expect(emu.store.getSuppressionList(2)).toMatchObject({ emails: [], domains: ['x.example'], phones: expect.any(Array) });
		expect(jsonOf(await runNode(emu, entry('check', 'email', { email: 'a@example.com' })))).toEqual([NOTHING]);
		expect(jsonOf(await runNode(emu, entry('removeAll', 'email', {})))).toEqual([{ removed_count: 0 }]);

		expect(jsonOf(await runNode(emu, entry('removeAll', 'phone', {})))).toEqual([{ removed_count: 3 }]);
		expect(jsonOf(await runNode(emu, entry('removeAll', 'domain', {})))).toEqual([{ removed_count: 1 }]);
		expect(emu.store.getSuppressionList(2)).toMatchObject({ emails: [], domains: [], phones: [] });
		expect(requestsTo(emu, '/api/v1.1/suppresses/').filter((r) => r.path.endsWith('s_remove')).map((r) => [r.path.split('/').pop(), r.body?.id])).toEqual([
			['emails_remove', 2],
			['emails_remove', 2],
			['phones_remove', 2],
			['domains_remove', 2],
		]);
		// Each removal is its own request (a Request-ID per call): the repeated Remove All was not answered from the dedup cache.
		expect(requestsTo(emu, '/api/v1.1/suppresses/emails_remove').map((r) => r.duplicate)).toEqual([false, false]);
	});

	test('suppressing a subscriber makes it unsendable in the database statistics', async () => {
		const emu = emulator();
		await createProfile(emu, 'ok@example.com', { subscriptions: [emailSub(1, 'ok@example.com')] });
		await createProfile(emu, 'blocked@example.com', { subscriptions: [emailSub(1, 'blocked@example.com')] });
		await runNode(emu, entry('add', 'email', { email: 'blocked@example.com' }, 1));
		const stats = await runNode(emu, { resource: 'database', operation: 'getStats', database: byId(1), resourceId: byId(1) });
		expect(stats.items[0].json).toMatchObject({ channel: 'email', status: { subscribed: 2, subscribed_sendable: 1 } });
		await runNode(emu, entry('removeAll', 'email', {}, 1));
		const after = await runNode(emu, { resource: 'database', operation: 'getStats', database: byId(1), resourceId: byId(1) });
		expect(after.items[0].json).toMatchObject({ status: { subscribed: 2, subscribed_sendable: 2 } });
	});
});

describe('Suppression List: Export', () => {
	test('wait for the task and get the file URL, or return the task ID', async () => {
		const emu = emulator();
		await runNode(emu, entry('addMany', 'email', { emails: 'a@example.com, b@example.com' }));
		await runNode(emu, entry('add', 'domain', { domain: 'x.example' }));

		const waited = await runNode(emu, sup('export', { suppressionList: byId(2), exportType: 'emails' }));
		expect(waited.status).toBe('success');
		const result = waited.items[0].json.result as IDataObject;
		expect(jsonOf(waited)).toEqual([{ task_id: expect.any(String), status: 'completed', progress: 100, result: expect.any(Object) }]);
		expect(result).toMatchObject({ source_id: 2, total: 2, type: 'emails', urls: [expect.stringMatching(/^\/api\/download\/.+\.csv$/)] });
		expect(requestsTo(emu, '/api/v1.1/suppresses/export')[0].body).toMatchObject({ id: 2, type: 'emails' });
		// The file holds MD5 hashes.
		const file = await fetch(`${emu.url}${(result.urls as string[])[0]}`, { headers: { Authorization: `Bearer ${emu.tokens.admin}` } });
		expect(await file.text()).toContain(md5('a@example.com'));

		const idOnly = await runNode(emu, sup('export', { suppressionList: byId(2), exportType: 'all', waitForTask: false }));
		expect(jsonOf(idOnly)).toEqual([{ task_id: expect.any(String) }]);
		const status = await runNode(emu, { resource: 'task', operation: 'getStatus', taskId: idOnly.items[0].json.task_id as string });
		expect(status.items[0].json).toMatchObject({ status: 'processing' });
		const done = await runNode(emu, { resource: 'task', operation: 'getStatus', taskId: idOnly.items[0].json.task_id as string });
		expect(done.items[0].json).toMatchObject({ status: 'completed', result: { total: 3, type: 'all' } });
	});

	test('an unknown list is 404', async () => {
		const emu = emulator();
		expect((await runNode(emu, sup('export', { suppressionList: byId(42), exportType: 'all' }))).error?.message).toMatch(NOT_FOUND);
	});
});

describe('Suppression List: bad input is caught before sending', () => {
	test('missing or malformed values name the field and the item', async () => {
		const emu = emulator();
		await expectWorkflowIssues(emu, entry('add', 'email', { email: '' }));
		await expectInputError(emu, entry('add', 'email', { email: '={{ $json.e }}' }), 'Email: is required (item 0)', { e: '' });
		await expectInputError(emu, entry('check', 'email', { email: 'nope' }), 'Email: "nope" is not an e-mail address (item 0)');
		await expectInputError(emu, entry('addMany', 'email', { emails: 'a@example.com, nope' }), 'Emails: "nope" is not an e-mail address (item 0)');
		await expectInputError(emu, entry('addMany', 'phone', { phones: '={{ $json.list }}' }), 'Phones: add at least one entry (item 0)', { list: '' });
		await expectInputError(emu, entry('removeAll', 'email', {}, 0), 'Suppression List: must be between 1 and 9007199254740991, got 0 (item 0)');
		await expectInputError(emu, sup('create', { name: '={{ $json.n }}' }), 'Name: is required (item 0)', { n: '' });
		await expectInputError(emu, sup('create', { name: '={{ $json.n }}' }), 'Name: is required (item 0)', { n: '   ' });
		await expectInputError(emu, sup('delete', { suppressionList: byId('={{ $json.id }}') }), 'Suppression List: must be a whole number, got an empty string (item 0)', { id: '' });
		expect(emu.ledger).toEqual([]);
	});
});

describe('Suppression List: Get Many pages through more than one page', () => {
	let bulk: Emulator;
	beforeAll(async () => {
		const seed = DEFAULT_SEED as { suppressionLists: IDataObject[] };
		bulk = await createEmulator({
			seed: { ...DEFAULT_SEED, suppressionLists: [...seed.suppressionLists, ...Array.from({ length: 1100 }, (_, i) => ({ id: 10 + i, name: `Bulk list ${i}` }))] },
		});
	});
	afterAll(async () => bulk.close());

	test('Return All and a Limit', async () => {
		const before = bulk.requests.length;
		const all = await runNode(bulk, sup('getAll', { returnAll: true, filters: {} }));
		// List 3 is the other account's.
		expect(all.items).toHaveLength(1102);
		expect(new Set(jsonOf(all).map((l) => l.id)).size).toBe(1102);
		expect(jsonOf(all).some((l) => l.id === 3)).toBe(false);
		expect(bulk.requests.slice(before).map((r) => r.body?.from_id)).toEqual([undefined, 1008, 1110]);

		const some = await runNode(bulk, sup('getAll', { returnAll: false, limit: 1001, filters: {} }));
		expect(some.items).toHaveLength(1001);
		expect(jsonOf(some).slice(-1)[0].id).toBe(1008);
	});
});
