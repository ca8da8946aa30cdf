/**
 * The Relation and Action History resources over real HTTP against the Altcraft emulator, run through n8n's real
 * execution engine (11-subscriptions.md §9–16).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import {
	api,
	createProfile,
	emailSub,
	expectInputError,
	jsonOf,
	NOT_FOUND,
	requestsTo,
	runNode,
	useEmulator,
} from './support/audience';

const emulator = useEmulator();

const ALL_TIME = { dateFrom: '2000-01-01', dateTo: '2099-12-31' };

// ---------------------------------------------------------------------------------------------------------------
// Relations: type 1 "Referred by" links profile_a of db 1 (the recipient) with profile_b of db 2 (the initiator).

const weights = (...entries: Array<[string, string, string?]>) => ({
	property: entries.map(([name, value, type]) => ({ name, value, ...(type ? { type } : {}) })),
});

const link = (operation: string, profileA: string, profileB: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'relation',
	operation,
	relationTypeId: 1,
	matching: 'profile_id',
	profileA,
	profileB,
	...extra,
});

const linksOf = (operation: 'get' | 'getCounter', profileId: string): INodeParameters => ({
	resource: 'relation',
	operation,
	relationTypeId: 1,
	matching: 'profile_id',
	profileId,
});

describe('Relation: attach → get → change properties → get counters → detach', () => {
	test('the whole life of one link', async () => {
		const emu = emulator();
		const a = await createProfile(emu, 'recipient@example.com', {}, 1);
		const b = await createProfile(emu, 'referrer@example.com', {}, 2);

		const attached = await runNode(emu, link('attach', a, b, { weights: weights(['user_like', '1'], ['is_online', 'true', 'boolean']) }));
		expect(attached.status).toBe('success');
		expect(jsonOf(attached)).toEqual([{ profile_a: a, profile_b: b, relation_id: 1 }]);
		const attach = requestsTo(emu, '/api/v1.1/relations/attach')[0];
		expect(attach.body).toMatchObject({ rel_id: 1, matching: 'profile_id', profile_a: { profile_id: a }, profile_b: { profile_id: b }, weights: { user_like: 1, is_online: true } });

		const got = await runNode(emu, linksOf('get', a));
		expect(jsonOf(got)).toEqual([
			expect.objectContaining({ profile_id_a: a, profile_id_b: b, db_b: 2, props: { user_like: { value: 1 }, is_online: { value: true } } }),
		]);

		// Change Properties adds; Overwrite Properties replaces.
		expect(jsonOf(await runNode(emu, link('strengthen', a, b, { weights: weights(['user_like', '2'], ['donate', '100']) })))).toEqual([
			{ profile_a: a, profile_b: b, relation_id: 1 },
		]);
		expect((await runNode(emu, linksOf('get', a))).items[0].json.props).toEqual({ user_like: { value: 3 }, is_online: { value: true }, donate: { value: 100 } });
		await runNode(emu, link('strengthen', a, b, { weights: weights(['donate', '-40']) }));
		await runNode(emu, link('edit', a, b, { weights: weights(['is_online', 'false', 'boolean'], ['user_like', '10']) }));
		expect((await runNode(emu, linksOf('get', a))).items[0].json.props).toEqual({ user_like: { value: 10 }, is_online: { value: false }, donate: { value: 60 } });

		// A second initiator: the counters add up the properties of every link of the recipient.
		const c = await createProfile(emu, 'second@example.com', {}, 2);
		await runNode(emu, link('edit', a, c, { weights: weights(['user_like', '5'], ['is_online', 'true', 'boolean']) }));
		const counters = await runNode(emu, linksOf('getCounter', a));
		expect(jsonOf(counters)).toEqual([
			{ profile_id: a, profile_xxh: emu.store.xxh(a), props: { user_like: { value: 15 }, is_online: { value: 1 }, donate: { value: 60 } } },
		]);

		const detached = await runNode(emu, link('detach', a, b));
		expect(jsonOf(detached)).toEqual([{ profile_a: a, profile_b: b, relation_id: 1 }]);
		expect(jsonOf(await runNode(emu, linksOf('get', a))).map((r) => r.profile_id_b)).toEqual([c]);
		await runNode(emu, link('detach', a, c));
		const none = await runNode(emu, linksOf('get', a));
		expect(none.status).toBe('success');
		expect(none.items).toEqual([]);
		expect(emu.store.getRelations(1)).toEqual([]);
		expect(emu.ledger.filter((e) => e.op.startsWith('relation.')).map((e) => e.op)).toEqual([
			'relation.attach',
			'relation.strengthen',
			'relation.strengthen',
			'relation.edit',
			'relation.edit',
			'relation.detach',
			'relation.detach',
		]);
	});

	test('profiles found by e-mail instead of profile ID; Get by e-mail', async () => {
		const emu = emulator();
		const a = await createProfile(emu, 'fan@example.com', {}, 1);
		const b = await createProfile(emu, 'star@example.com', {}, 1);
		const follows = { relationTypeId: 2, matching: 'email' };
		const attached = await runNode(emu, { ...link('attach', 'fan@example.com', 'star@example.com'), ...follows });
		expect(jsonOf(attached)).toEqual([{ profile_a: a, profile_b: b, relation_id: 2 }]);
		expect(requestsTo(emu, '/api/v1.1/relations/attach')[0].body).toMatchObject({ matching: 'email', profile_a: { email: 'fan@example.com' }, profile_b: { email: 'star@example.com' } });

		const got = await runNode(emu, { resource: 'relation', operation: 'get', relationTypeId: 2, matching: 'email', email: 'fan@example.com' });
		expect(jsonOf(got)).toEqual([expect.objectContaining({ profile_id_a: a, profile_id_b: b, db_b: 1, props: {} })]);
	});

	test('attaching an existing link is 409; detaching a missing one is 404; an unknown profile is 404', async () => {
		const emu = emulator();
		const a = await createProfile(emu, 'recipient@example.com', {}, 1);
		const b = await createProfile(emu, 'referrer@example.com', {}, 2);
		await runNode(emu, link('attach', a, b));
		const again = await runNode(emu, link('attach', a, b));
		expect(again.error?.message).toMatch(/\(Altcraft error 409\)/);

		await runNode(emu, link('detach', a, b));
		expect((await runNode(emu, link('detach', a, b))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, link('attach', a, 'bbbbbbbbbbbbbbbbbbbbbbbb'))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, linksOf('get', 'cccccccccccccccccccccccc'))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, { ...linksOf('getCounter', a), relationTypeId: 99 })).error?.message).toMatch(NOT_FOUND);
		expect(emu.ledger.filter((e) => e.op.startsWith('relation.')).map((e) => e.op)).toEqual(['relation.attach', 'relation.detach']);
	});

	test('missing input names the field and the item; nothing is sent', async () => {
		const emu = emulator();
		const a = await createProfile(emu, 'recipient@example.com', {}, 1);
		await expectInputError(emu, link('attach', a, '={{ $json.b }}'), 'Profile B: is required (item 0)', { b: '' });
		await expectInputError(emu, link('strengthen', a, 'bbbbbbbbbbbbbbbbbbbbbbbb', { weights: {} }), 'Relation Properties: add at least one property (item 0)');
		await expectInputError(
			emu,
			link('strengthen', a, 'bbbbbbbbbbbbbbbbbbbbbbbb', { weights: weights(['user_like', 'a lot']) }),
			'Relation Properties → #1 → Value: must be a number, got "a lot" (item 0)',
		);
		await expectInputError(emu, { ...link('attach', 'not-an-email', 'x@example.com'), matching: 'email' }, 'Profile A: "not-an-email" is not an e-mail address (item 0)');
		expect(emu.ledger.filter((e) => e.op.startsWith('relation.'))).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Action history

describe('Action History: Get', () => {
	test('the events of one profile, found by e-mail or by its hash, within a period', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'reader@example.com', { subscriptions: [emailSub(1, 'reader@example.com')] });
		emu.addHistoryEvent({ dbId: 1, profileId, action: 'send', datetime: '2024-03-01T10:00:00Z', resourceId: 1, campaignId: 7, campaignName: 'Spring', smid: 'smid-1' });
		emu.addHistoryEvent({ dbId: 1, profileId, action: 'open', datetime: '2024-03-02T08:00:00Z', resourceId: 1, campaignId: 7, smid: 'smid-1' });
		emu.addHistoryEvent({ dbId: 1, profileId, action: 'click', datetime: '2024-04-15T12:00:00Z', resourceId: 1, campaignId: 7, smid: 'smid-1' });
		// Someone else's events stay out.
		const other = await createProfile(emu, 'other@example.com');
		emu.addHistoryEvent({ dbId: 1, profileId: other, action: 'send', datetime: '2024-03-01T10:00:00Z' });

		const base = { resource: 'history', operation: 'get', database: byId(1) };
		const byEmail = await runNode(emu, { ...base, identifyBy: 'matching', matching: 'email', email: 'reader@example.com' });
		expect(byEmail.status).toBe('success');
		// The seeded events by date, then the emulator's own events of today (profile create, subscription add).
		expect(jsonOf(byEmail).map((e) => e.action)).toEqual(['send', 'open', 'click', 'profile_create', 'subscription_add']);
		expect(byEmail.items[0].json).toMatchObject({
			profile_id: profileId,
			xxh: emu.store.xxh(profileId),
			email: 'reader@example.com',
			list_id: 1,
			campaign_id: 7,
			campaign_name: 'Spring',
			smid: 'smid-1',
			subscription: expect.objectContaining({ resource_id: 1, channel: 'email', email: 'reader@example.com' }),
		});
		expect(requestsTo(emu, '/api/v1.1/subscribers/history_get')[0].body).toMatchObject({ list_id: 1, matching: 'email', email: 'reader@example.com' });

		const march = await runNode(emu, { ...base, identifyBy: 'xxh', xxh: emu.store.xxh(profileId), dateFrom: '2024-03-01', dateTo: '2024-03-31' });
		expect(jsonOf(march).map((e) => e.action)).toEqual(['send', 'open']);
		const sent = requestsTo(emu, '/api/v1.1/subscribers/history_get')[1].body;
		expect(sent).toMatchObject({ list_id: 1, xxh: emu.store.xxh(profileId), date_from: '2024-03-01', date_to: '2024-03-31' });
		expect(sent).not.toHaveProperty('matching');

		const byId24 = await runNode(emu, { ...base, identifyBy: 'matching', matching: 'profile_id', profileId, dateFrom: '2024-04-01', dateTo: '2024-04-30' });
		expect(jsonOf(byId24).map((e) => e.action)).toEqual(['click']);
	});

	test('subscription changes made through the node show up in the history', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'jane@example.com', { subscriptions: [emailSub(1, 'jane@example.com')] });
		const sub = { resource: 'subscription', database: byId(1), profileId, resourceId: byId(1), channel: 'email', email: 'jane@example.com' };
		await runNode(emu, { ...sub, operation: 'delete' });
		await runNode(emu, { ...sub, operation: 'restore' });
		const history = await runNode(emu, { resource: 'history', operation: 'get', database: byId(1), identifyBy: 'matching', matching: 'profile_id', profileId });
		expect(jsonOf(history).map((e) => e.action)).toEqual(['profile_create', 'subscription_add', 'subscription_delete', 'subscription_undelete']);
	});

	test('an unknown profile is 404; a missing hash or an empty date is caught before sending', async () => {
		const emu = emulator();
		const base = { resource: 'history', operation: 'get', database: byId(1) };
		expect((await runNode(emu, { ...base, identifyBy: 'matching', matching: 'email', email: 'nobody@example.com' })).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, { ...base, identifyBy: 'xxh', xxh: '0123456789abcdef' })).error?.message).toMatch(NOT_FOUND);
		await expectInputError(emu, { ...base, identifyBy: 'xxh', xxh: '={{ $json.hash }}' }, 'Profile Hash (XXH): is required (item 0)', { hash: '' });
		await expectInputError(
			emu,
			{ resource: 'history', operation: 'getAll', database: byId(1), dateFrom: '={{ $json.from }}', dateTo: '2024-01-31', returnAll: true },
			'From Date: is required (item 0)',
			{ from: '' },
		);
		await expectInputError(
			emu,
			{ resource: 'history', operation: 'getAll', database: byId(1), dateFrom: 'last monday', dateTo: '2024-01-31', returnAll: true },
			'From Date: must be a date like 2024-01-31, got "last monday" (item 0)',
		);
	});
});

describe('Action History: Get Many pages through the database', () => {
	test('Return All over more profiles than one page; a Limit; profile fields added to each row', async () => {
		const emu = emulator();
		const data = Array.from({ length: 1250 }, (_, i) => ({ email: `h${i}@example.com`, _fname: `H${i}` }));
		await api(emu, 'profiles/import_batch', { db_id: 1, matching: 'email', data });
		const before = emu.requests.length;

		const all = await runNode(emu, { resource: 'history', operation: 'getAll', database: byId(1), ...ALL_TIME, returnAll: true, includeFields: '_fname, email' });
		expect(all.status).toBe('success');
		expect(all.items).toHaveLength(1250);
		expect(new Set(jsonOf(all).map((e) => e.profile_id)).size).toBe(1250);
		expect(jsonOf(all).every((e) => e.action === 'profile_create')).toBe(true);
		const row = jsonOf(all).find((e) => e.email === 'h7@example.com');
		expect(row?.fields).toEqual({ _fname: 'H7', email: 'h7@example.com' });
		const pages = emu.requests.slice(before).filter((r) => r.path === '/api/v1.1/subscribers/history_get_all');
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[0].body).toMatchObject({ list_id: 1, date_from: '2000-01-01', date_to: '2099-12-31', limit: 1000, fields: ['_fname', 'email'] });
		expect(pages[1].body?.from_id).toMatch(/^[0-9a-f]{16}\.\d{8}$/);

		const mark = emu.requests.length;
		const some = await runNode(emu, { resource: 'history', operation: 'getAll', database: byId(1), ...ALL_TIME, returnAll: false, limit: 7 });
		expect(some.items).toHaveLength(7);
		expect(emu.requests.slice(mark).map((r) => r.body?.limit)).toEqual([7]);

		const empty = await runNode(emu, { resource: 'history', operation: 'getAll', database: byId(1), dateFrom: '2001-01-01', dateTo: '2001-12-31', returnAll: true });
		expect(empty.status).toBe('success');
		expect(empty.items).toEqual([]);
	});
});
