/**
 * The Segment resource over real HTTP against the Altcraft emulator, run through n8n's real execution engine
 * (30-segments.md).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import type { Emulator } from './support/audience';
import {
	createEmulator,
	createProfile,
	DEFAULT_SEED,
	emailSub,
	emptyLocator,
	expectInputError,
	expectWorkflowIssues,
	jsonOf,
	NOT_FOUND,
	requestsTo,
	runNode,
	useEmulator,
} from './support/audience';

const emulator = useEmulator();

const seg = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'segment', operation, ...extra });
const condition = (name: string, value: string, operator = 'equal') => ({ condition: [{ compo: 'default', name, operator, value }] });
const member = (operation: 'addProfile' | 'removeProfile', segmentId: number, profileId: string, extra: IDataObject = {}) =>
	seg(operation, { segment: byId(segmentId), database: byId(1), profileId, ...extra });
const profilesOf = (segmentId: number, extra: IDataObject = {}) => seg('getProfiles', { segment: byId(segmentId), database: byId(1), returnAll: true, ...extra });

describe('Segment: a static segment from Create to Delete', () => {
	test('Create → Get → Update → Add Profile → Get Profiles → Remove Profile → Delete', async () => {
		const emu = emulator();
		const jane = await createProfile(emu, 'jane@example.com', { _fname: 'Jane' });
		const john = await createProfile(emu, 'john@example.com', { _fname: 'John' });

		const created = await runNode(emu, seg('create', { name: 'Manual list', segmentType: 'static', database: byId(1) }));
		expect(created.status).toBe('success');
		const id = created.items[0].json.saved_id as number;
		expect(jsonOf(created)).toEqual([{ saved_id: expect.any(Number) }]);
		expect(requestsTo(emu, '/api/v1.1/segments/add/')[0].body).toMatchObject({ name: 'Manual list', is_static: true, is_refresh_daily: false, list_id: 1 });

		expect(jsonOf(await runNode(emu, seg('get', { segment: byId(id) })))).toEqual([{ id, name: 'Manual list', count: 0, segment: [] }]);

		const updated = await runNode(emu, seg('update', { segment: byId(id), name: 'Manual list (renamed)', segmentType: 'static', database: byId(1) }));
		expect(jsonOf(updated)).toEqual([{ success: true }]);
		expect(requestsTo(emu, '/api/v1.1/segments/update/')[0].body).toMatchObject({ id, name: 'Manual list (renamed)', is_static: true, list_id: 1 });

		for (const profileId of [jane, john]) expect(jsonOf(await runNode(emu, member('addProfile', id, profileId)))).toEqual([{ success: true }]);
		// Adding again changes nothing.
		await runNode(emu, member('addProfile', id, jane, { additionalFields: { skipTriggers: true } }));
		expect(requestsTo(emu, '/api/v1.1/profiles/segstatic/add')[2].body).toMatchObject({ segment_id: id, db_id: 1, profile_id: jane, skip_triggers: true });

		expect((await runNode(emu, seg('get', { segment: byId(id) }))).items[0].json).toMatchObject({ name: 'Manual list (renamed)', count: 2 });
		const members = await runNode(emu, profilesOf(id));
		expect(jsonOf(members).map((p) => [p.id, p.email, p._fname])).toEqual([
			[jane, 'jane@example.com', 'Jane'],
			[john, 'john@example.com', 'John'],
		]);

		expect(jsonOf(await runNode(emu, member('removeProfile', id, jane)))).toEqual([{ success: true }]);
		expect(jsonOf(await runNode(emu, profilesOf(id))).map((p) => p.id)).toEqual([john]);
		// The profile itself stays.
		expect(emu.store.getProfile(jane)).toMatchObject({ email: 'jane@example.com', static_segments: [] });

		const deleted = await runNode(emu, seg('delete', { segment: byId(id) }));
		expect(jsonOf(deleted)).toEqual([{ deleted: true }]);
		expect((await runNode(emu, seg('get', { segment: byId(id) }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.store.getSegment(id)).toBeUndefined();
		expect(emu.store.getProfile(john)).toMatchObject({ static_segments: [] });
		expect(emu.ledger.filter((e) => e.op.startsWith('segment.')).map((e) => e.op)).toEqual([
			'segment.add',
			'segment.update',
			'segment.profile_add',
			'segment.profile_add',
			'segment.profile_add',
			'segment.profile_remove',
			'segment.delete',
		]);
	});

	test('Delete of an unknown segment is 404 and deletes nothing', async () => {
		const emu = emulator();
		expect((await runNode(emu, seg('delete', { segment: byId(77) }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.ledger).toEqual([]);
		expect(emu.store.getSegment(1)).not.toBeNull();
	});
});

describe('Segment: dynamic and updatable segments', () => {
	test('a dynamic segment from conditions takes the matching profiles; Update with JSON rules changes them', async () => {
		const emu = emulator();
		await createProfile(emu, 'vip1@example.com', { is_vip: true, orders_count: 5 });
		await createProfile(emu, 'vip2@example.com', { is_vip: true, orders_count: 1 });
		await createProfile(emu, 'plain@example.com', { is_vip: false, orders_count: 5 });

		const created = await runNode(emu, seg('create', { name: 'VIPs', segmentType: 'dynamic', database: byId(1), rulesMode: 'builder', combineWith: 'and', conditions: condition('is_vip', 'true') }));
		const id = created.items[0].json.saved_id as number;
		const sent = requestsTo(emu, '/api/v1.1/segments/add/')[0].body;
		expect(sent).toMatchObject({
			name: 'VIPs',
			is_static: false,
			segment: [{ condition: 'and', list_id: 1, limit: 0, percent_from: 0, percent_to: 100, queries: [{ compo: 'default', name: 'is_vip', operator: 'equal', value: [{ name: 'default', value: 'true' }] }] }],
		});
		expect(sent).not.toHaveProperty('list_id');

		const read = await runNode(emu, seg('get', { segment: byId(id) }));
		expect(read.items[0].json).toMatchObject({ id, name: 'VIPs', count: 2, segment: sent?.segment });

		// Rules copied as JSON (a block without list_id gets the chosen database).
		const rules = [{ condition: 'or', queries: [{ compo: 'default', name: 'orders_count', operator: 'equal', value: [{ name: 'default', value: '5' }] }] }];
		const updated = await runNode(emu, seg('update', { segment: byId(id), name: 'Five orders', segmentType: 'dynamic', database: byId(1), rulesMode: 'json', rulesJson: JSON.stringify(rules) }));
		expect(jsonOf(updated)).toEqual([{ success: true }]);
		expect((await runNode(emu, seg('get', { segment: byId(id) }))).items[0].json).toMatchObject({ name: 'Five orders', count: 2, segment: [{ ...rules[0], list_id: 1 }] });

		// Dynamic segments take no manual members, and their profiles are not listed by Get Profiles.
		const profileId = await createProfile(emu, 'x@example.com');
		expect((await runNode(emu, member('addProfile', id, profileId))).error?.message).toMatch(/\(Altcraft error 450\)/);
		expect((await runNode(emu, profilesOf(id))).error?.message).toMatch(/\(Altcraft error 450\)/);
		// Changing the type of an existing segment is refused.
		expect((await runNode(emu, seg('update', { segment: byId(id), name: 'Static now', segmentType: 'static', database: byId(1) }))).error?.message).toMatch(/\(Altcraft error 4\d\d\)/);
	});

	test('an updatable segment is rebuilt from its rules, with the daily schedule', async () => {
		const emu = emulator();
		await createProfile(emu, 'big@example.com', { orders_count: 10 });
		await createProfile(emu, 'small@example.com', { orders_count: 1 });
		const created = await runNode(emu, seg('create', { name: 'Big buyers', segmentType: 'updatable', refreshDaily: true, database: byId(1), conditions: condition('orders_count', '10') }));
		const id = created.items[0].json.saved_id as number;
		expect(requestsTo(emu, '/api/v1.1/segments/add/')[0].body).toMatchObject({ is_static: true, is_refresh_daily: true, segment: [expect.objectContaining({ list_id: 1 })] });
		expect((await runNode(emu, seg('get', { segment: byId(id) }))).items[0].json).toMatchObject({ count: 1 });
		expect(jsonOf(await runNode(emu, profilesOf(id))).map((p) => p.email)).toEqual(['big@example.com']);
	});
});

describe('Segment: statistics', () => {
	async function seedMembers(emu: Emulator): Promise<void> {
		for (const [email, status] of [['m1@example.com', 'subscribed'], ['m2@example.com', 'subscribed'], ['m3@example.com', 'unsubscribed']]) {
			const profileId = await createProfile(emu, email, { is_vip: true, subscriptions: [emailSub(1, email, status)] });
			await runNode(emu, member('addProfile', 1, profileId));
		}
		await createProfile(emu, 'outsider@example.com', { subscriptions: [emailSub(1, 'outsider@example.com')] });
	}
	const sendable = (n: number) => [{ channel: 'email', status: { subscribed_sendable: n, unconfirmed_sendable: 0 } }];

	test('Get Statistics of a static segment and of a dynamic one (which needs its database)', async () => {
		const emu = emulator();
		await seedMembers(emu);
		expect(jsonOf(await runNode(emu, seg('getStats', { segment: byId(1), resourceId: byId(1), database: emptyLocator })))).toEqual(sendable(2));
		expect(jsonOf(await runNode(emu, seg('getStats', { segment: byId(4), resourceId: byId(1), database: byId(1) })))).toEqual(sendable(2));
		expect(requestsTo(emu, '/api/v1.1/segments/get_counters').map((r) => r.body?.list_id)).toEqual([undefined, 1]);
		const withoutDb = await runNode(emu, seg('getStats', { segment: byId(4), resourceId: byId(1), database: emptyLocator }));
		expect(withoutDb.error?.message).toMatch(/\(Altcraft error 400\)/);
	});

	test('Refresh Statistics: wait for the result, or return the task ID', async () => {
		const emu = emulator();
		await seedMembers(emu);
		const waited = await runNode(emu, seg('refreshStats', { segment: byId(4), resourceId: byId(1), database: byId(1) }));
		expect(jsonOf(waited)).toEqual([{ task_id: expect.any(String), status: 'completed', progress: 100, result: [{ channels: sendable(2) }] }]);
		expect(requestsTo(emu, '/api/v1.1/segments/refresh_counters')[0].body).toMatchObject({ id: 4, resource_id: 1, db_id: 1 });

		const idOnly = await runNode(emu, seg('refreshStats', { segment: byId(1), resourceId: byId(1), database: emptyLocator, waitForTask: false }));
		expect(jsonOf(idOnly)).toEqual([{ task_id: expect.any(String) }]);
		const status = await runNode(emu, { resource: 'task', operation: 'getStatus', taskId: idOnly.items[0].json.task_id as string });
		expect(status.items[0].json.status).toBe('processing');
	});
});

describe('Segment errors', () => {
	test('unknown segment or profile: 404', async () => {
		const emu = emulator();
		expect((await runNode(emu, seg('get', { segment: byId(99) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, member('addProfile', 99, 'aaaaaaaaaaaaaaaaaaaaaaaa'))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, member('addProfile', 1, 'aaaaaaaaaaaaaaaaaaaaaaaa'))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, seg('update', { segment: byId(99), name: 'X', segmentType: 'static', database: byId(1) }))).error?.message).toMatch(NOT_FOUND);
	});

	test('a name taken by another segment is 409', async () => {
		const emu = emulator();
		const result = await runNode(emu, seg('create', { name: 'VIP customers', segmentType: 'static', database: byId(1) }));
		expect(result.error?.message).toMatch(/\(Altcraft error 409\)/);
	});

	test('missing or bad input names the field and the item; nothing is sent', async () => {
		const emu = emulator();
		await expectWorkflowIssues(emu, seg('create', { name: '', segmentType: 'static', database: byId(1) }));
		await expectInputError(emu, seg('create', { name: '={{ $json.name }}', segmentType: 'static', database: byId(1) }), 'Name: is required (item 0)', { name: '' });
		await expectInputError(emu, seg('create', { name: 'No rules', segmentType: 'dynamic', database: byId(1), conditions: {} }), 'Conditions: add at least one condition (item 0)');
		await expectInputError(
			emu,
			seg('create', { name: 'Bad JSON', segmentType: 'dynamic', database: byId(1), rulesMode: 'json', rulesJson: '[{"condition": "and",' }),
			/^Rules \(JSON\): is not valid JSON/,
		);
		await expectInputError(
			emu,
			seg('create', { name: 'Slice', segmentType: 'dynamic', database: byId(1), conditions: condition('is_vip', 'true'), blockOptions: { percentFrom: 60, percentTo: 40 } }),
			'Block Options → Percent From: must be below Percent To (40) (item 0)',
		);
		await expectInputError(emu, member('addProfile', 1, '={{ $json.id }}'), 'Profile ID: is required (item 0)', { id: '' });
		await expectInputError(emu, seg('delete', { segment: byId('={{ $json.id }}') }), 'Segment: must be a whole number, got an empty string (item 0)', { id: '' });
		expect(emu.ledger).toEqual([]);
	});
});

describe('Segment: Get Many and Get Profiles page through more than one page', () => {
	let bulk: Emulator;
	beforeAll(async () => {
		const seed = DEFAULT_SEED as { segments: IDataObject[] };
		bulk = await createEmulator({
			seed: {
				...DEFAULT_SEED,
				segments: [...seed.segments, ...Array.from({ length: 1100 }, (_, i) => ({ id: 10 + i, db_id: 1, name: `Bulk segment ${i}`, type: 'static', ui_tags: i < 3 ? ['promo'] : [] }))],
				// 1,150 profiles in static segment 2, and one outside it.
				profiles: [
					...Array.from({ length: 1150 }, (_, i) => ({ db_id: 1, email: `member${i}@example.com`, segments: [2] })),
					{ db_id: 1, email: 'outside@example.com' },
				],
			},
		});
	});
	afterAll(async () => bulk.close());

	test('Get Many: Return All, a Limit and a tag filter', async () => {
		const before = bulk.requests.length;
		const all = await runNode(bulk, seg('getAll', { returnAll: true, filters: {} }));
		expect(all.items).toHaveLength(1104);
		expect(new Set(jsonOf(all).map((s) => s.id)).size).toBe(1104);
		expect(all.items[0].json).toEqual({ id: 1, name: 'VIP customers', ui_tags: [], Groups: [{ Id: 0, Name: 'main' }] });
		expect(bulk.requests.slice(before).map((r) => r.body?.from_id)).toEqual([undefined, 1006, 1110]);

		const some = await runNode(bulk, seg('getAll', { returnAll: false, limit: 10, filters: {} }));
		expect(jsonOf(some).map((s) => s.id)).toEqual([1, 2, 3, 4, 10, 11, 12, 13, 14, 15]);
		const tagged = await runNode(bulk, seg('getAll', { returnAll: true, filters: { uiTags: 'promo' } }));
		expect(jsonOf(tagged).map((s) => s.name)).toEqual(['Bulk segment 0', 'Bulk segment 1', 'Bulk segment 2']);
	});

	test('Get Profiles: Return All follows the profile cursor; a Limit', async () => {
		const before = bulk.requests.length;
		const all = await runNode(bulk, profilesOf(2));
		expect(all.status).toBe('success');
		expect(all.items).toHaveLength(1150);
		expect(new Set(jsonOf(all).map((p) => p.id)).size).toBe(1150);
		expect(jsonOf(all).some((p) => p.email === 'outside@example.com')).toBe(false);
		const pages = bulk.requests.slice(before);
		expect(pages.map((r) => r.path)).toEqual(Array(pages.length).fill('/api/v1.1/profiles/segstatic/list'));
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[0].body).toMatchObject({ segment_id: 2, db_id: 1, limit: 1000 });
		expect(pages[1].body?.from_id).toEqual(expect.any(String));

		const some = await runNode(bulk, profilesOf(2, { returnAll: false, limit: 3 }));
		expect(jsonOf(some).map((p) => p.email)).toEqual(['member0@example.com', 'member1@example.com', 'member2@example.com']);
	});
});
