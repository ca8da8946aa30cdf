/**
 * The Database, Resource and Task resources over real HTTP against the Altcraft emulator, run through n8n's real
 * execution engine (20-databases.md, 21-resources.md, 00-interaction.md §8).
 */
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

/** Three Newsletter subscribers in db 1 (one unsubscribed), one SMS subscriber, one lead in db 2. */
async function seedAudience(emu: Emulator): Promise<void> {
	await createProfile(emu, 'a@example.com', { subscriptions: [emailSub(1, 'a@example.com')] });
	await createProfile(emu, 'b@example.com', { subscriptions: [emailSub(1, 'b@example.com')] });
	await createProfile(emu, 'c@example.com', { subscriptions: [emailSub(1, 'c@example.com', 'unsubscribed'), { resource_id: 2, channel: 'sms', phone: '+79000000003' }] });
	await createProfile(emu, 'lead@example.com', { subscriptions: [emailSub(3, 'lead@example.com')] }, 2);
}

const newsletterCounters = (subscribed: number, unsubscribed: number) => [
	{
		channel: 'email',
		status: expect.objectContaining({ all: subscribed + unsubscribed, subscribed, unsubscribed, suspended: 0, subscribed_sendable: subscribed }),
	},
];

// ---------------------------------------------------------------------------------------------------------------

describe('Database', () => {
	const db = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'database', operation, ...extra });

	test('Get Many lists the databases; the filters narrow them', async () => {
		const emu = emulator();
		const all = await runNode(emu, db('getAll', { returnAll: true, filters: {} }));
		expect(jsonOf(all)).toEqual([
			{ id: 1, name: 'Customers', ui_tags: ['crm'], Groups: [{ Id: 0, Name: 'main' }] },
			{ id: 2, name: 'Leads', ui_tags: ['marketing'], Groups: [{ Id: 0, Name: 'main' }, { Id: 1, Name: 'marketing' }] },
		]);
		expect(jsonOf(await runNode(emu, db('getAll', { returnAll: true, filters: { uiTags: 'crm' } }))).map((d) => d.id)).toEqual([1]);
		expect(jsonOf(await runNode(emu, db('getAll', { returnAll: true, filters: { groups: 'marketing' } }))).map((d) => d.id)).toEqual([2]);
		expect(jsonOf(await runNode(emu, db('getAll', { returnAll: true, filters: { groupsId: '1' } }))).map((d) => d.id)).toEqual([2]);
		expect(jsonOf(await runNode(emu, db('getAll', { returnAll: false, limit: 1, filters: {} }))).map((d) => d.id)).toEqual([1]);
	});

	test('Get and Get Fields', async () => {
		const emu = emulator();
		expect(jsonOf(await runNode(emu, db('get', { database: byId(2) })))).toEqual([{ id: 2, name: 'Leads', suppress_id: 0, description: 'Leads from web forms' }]);
		const fields = jsonOf(await runNode(emu, db('getFields', { database: byId(2) })));
		expect(fields).toEqual(expect.arrayContaining([
			expect.objectContaining({ name: 'email', category: 'system' }),
			expect.objectContaining({ name: 'crm_id', type: 'string', category: 'custom' }),
			expect.objectContaining({ name: 'score', type: 'int', category: 'custom' }),
		]));
		expect(requestsTo(emu, '/api/v1.1/databases/fields_get/')[0].body).toMatchObject({ id: 2 });
	});

	test('Get Statistics counts the subscriptions of one resource in the database', async () => {
		const emu = emulator();
		await seedAudience(emu);
		const stats = await runNode(emu, db('getStats', { database: byId(1), resourceId: byId(1) }));
		expect(jsonOf(stats)).toEqual(newsletterCounters(2, 1));
		expect(requestsTo(emu, '/api/v1.1/databases/get_counters')[0].body).toMatchObject({ id: 1, resource_id: 1 });
		const sms = await runNode(emu, db('getStats', { database: byId(1), resourceId: byId(2) }));
		expect(sms.items[0].json).toMatchObject({ channel: 'sms', status: { all: 1, subscribed: 1 } });
		// Resource 3 is linked to the Leads database only.
		expect((await runNode(emu, db('getStats', { database: byId(1), resourceId: byId(3) }))).error?.message).toMatch(/\(Altcraft error 413\)/);
	});

	test('Refresh Statistics: wait for the task and get its result, or take the task ID and ask Task → Get Status', async () => {
		const emu = emulator();
		await seedAudience(emu);
		const waited = await runNode(emu, db('refreshStats', { database: byId(1), resourceId: byId(1), additionalFields: { feedbackUrl: 'https://n8n.example.com/hook' } }));
		expect(waited.status).toBe('success');
		expect(jsonOf(waited)).toEqual([
			{ task_id: expect.any(String), status: 'completed', progress: 100, result: [{ channels: newsletterCounters(2, 1) }] },
		]);
		const started = requestsTo(emu, '/api/v1.1/databases/refresh_counters')[0];
		expect(started.body).toMatchObject({ id: 1, resource_id: 1, feedback: { type: 'JSON', url: 'https://n8n.example.com/hook' } });
		expect(requestsTo(emu, '/api/v1.1/tasks/status').map((r) => r.body?.task_id)).toEqual([waited.items[0].json.task_id, waited.items[0].json.task_id]);

		const idOnly = await runNode(emu, db('refreshStats', { database: byId(1), resourceId: byId(1), waitForTask: false }));
		const taskId = idOnly.items[0].json.task_id as string;
		expect(jsonOf(idOnly)).toEqual([{ task_id: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
		expect(requestsTo(emu, '/api/v1.1/tasks/status')).toHaveLength(2);

		const first = await runNode(emu, { resource: 'task', operation: 'getStatus', taskId });
		expect(jsonOf(first)).toEqual([{ status: 'processing', progress: 50 }]);
		const second = await runNode(emu, { resource: 'task', operation: 'getStatus', taskId });
		expect(jsonOf(second)).toEqual([{ status: 'completed', progress: 100, result: [{ channels: newsletterCounters(2, 1) }] }]);
	});

	test('Wipe: refused without the confirmation (nothing sent), then deletes every profile of the database', async () => {
		const emu = emulator();
		await seedAudience(emu);
		expect(emu.store.countProfiles(1)).toBe(3);

		await expectInputError(
			emu,
			db('wipe', { database: byId(1), confirmWipe: false }),
			'Confirm Wipe: must be on to wipe a database (item 0)',
		);
		await expectInputError(emu, db('wipe', { database: byId(1) }), 'Confirm Wipe: must be on to wipe a database (item 0)');
		await expectInputError(emu, db('wipe', { database: byId(1), confirmWipe: '={{ $json.sure }}' }), 'Confirm Wipe: must be on to wipe a database (item 0)', { sure: false });
		expect(requestsTo(emu, '/api/v1.1/databases/wipe')).toEqual([]);
		expect(emu.store.countProfiles(1)).toBe(3);

		const wiped = await runNode(emu, db('wipe', { database: byId(1), confirmWipe: true }));
		expect(wiped.status).toBe('success');
		expect(jsonOf(wiped)).toEqual([{ deleted: true, count_profile: 3, count_action: expect.any(Number) }]);
		expect(wiped.items[0].json.count_action).toBeGreaterThanOrEqual(3);
		expect(emu.store.countProfiles(1)).toBe(0);
		expect(emu.store.countProfiles(2)).toBe(1);
		expect(requestsTo(emu, '/api/v1.1/databases/wipe')[0].headers['request-id']).toEqual(expect.any(String));
		expect(jsonOf(await runNode(emu, db('getStats', { database: byId(1), resourceId: byId(1) })))).toEqual(newsletterCounters(0, 0));
	});

	test('Wipe where the platform forbids it, or with a token without the delete right: 403, nothing deleted', async () => {
		const emu = emulator();
		await seedAudience(emu);
		emu.options.allowDataWipe = false;
		const forbidden = await runNode(emu, { resource: 'database', operation: 'wipe', database: byId(1), confirmWipe: true });
		expect(forbidden.error?.message).toMatch(/\(Altcraft error 403\)/);
		emu.options.allowDataWipe = true;
		const noDelete = await runNode(emu, { resource: 'database', operation: 'wipe', database: byId(1), confirmWipe: true }, { token: emu.tokens.noDelete });
		expect(noDelete.error?.message).toMatch(/\(Altcraft error 403\)/);
		expect(emu.store.countProfiles(1)).toBe(3);
		expect(emu.ledger.filter((e) => e.op === 'database.wipe')).toEqual([]);
	});

	test('an unknown database is 404; an empty one is refused', async () => {
		const emu = emulator();
		expect((await runNode(emu, db('get', { database: byId(99) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, db('wipe', { database: byId(99), confirmWipe: true }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, db('get', { database: byId(2) }), { token: emu.tokens.limited })).error?.message).toMatch(NOT_FOUND);
		await expectWorkflowIssues(emu, db('get', { database: { __rl: true, mode: 'list', value: '' } }));
		await expectInputError(emu, db('get', { database: byId('={{ $json.id }}') }), 'Database: must be a whole number, got "abc" (item 0)', { id: 'abc' });
	});
});

// ---------------------------------------------------------------------------------------------------------------

describe('Resource', () => {
	const res = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'resource', operation, ...extra });

	test('Get Many, Get and Get Subscription Fields', async () => {
		const emu = emulator();
		const all = await runNode(emu, res('getAll', { returnAll: true, filters: {} }));
		expect(jsonOf(all).map((r) => [r.id, r.name])).toEqual([
			[1, 'Newsletter'],
			[2, 'SMS alerts'],
			[3, 'Leads mail'],
			[4, 'App push'],
		]);
		expect(jsonOf(await runNode(emu, res('getAll', { returnAll: true, filters: { groups: 'marketing' } }))).map((r) => r.id)).toEqual([3]);
		expect(jsonOf(await runNode(emu, res('getAll', { returnAll: false, limit: 2, filters: {} }))).map((r) => r.id)).toEqual([1, 2]);

		expect(jsonOf(await runNode(emu, res('get', { resourceId: byId(1) })))).toEqual([
			{ id: 1, name: 'Newsletter', channels: ['email'], dbs_ids: [1], trk_domain: 'trk.example.com', url: 'https://example.com' },
		]);
		const fields = jsonOf(await runNode(emu, res('getFields', { resourceId: byId(1), channel: 'email' })));
		expect(fields).toEqual(expect.arrayContaining([
			{ category: 'custom', name: 'visits', title: 'Visits', type: 'int', required: false },
			{ category: 'custom', name: 'source', title: 'Source', type: 'unicode', required: false },
		]));
		expect(requestsTo(emu, '/api/v1.1/resources/fields_get')[0].body).toMatchObject({ id: 1, channel: 'email' });
		// A channel the resource does not have.
		expect((await runNode(emu, res('getFields', { resourceId: byId(1), channel: 'sms' }))).error?.message).toMatch(/\(Altcraft error 400\)/);
	});

	test('Get Statistics, for one database or all of them; Refresh Statistics with and without waiting', async () => {
		const emu = emulator();
		await seedAudience(emu);
		expect(jsonOf(await runNode(emu, res('getStats', { resourceId: byId(1), database: byId(1) })))).toEqual(newsletterCounters(2, 1));
		expect(jsonOf(await runNode(emu, res('getStats', { resourceId: byId(3), database: { __rl: true, mode: 'list', value: '' } })))).toEqual(newsletterCounters(1, 0));
		expect(requestsTo(emu, '/api/v1.1/resources/get_counters').map((r) => r.body?.list_id)).toEqual([1, undefined]);

		const waited = await runNode(emu, res('refreshStats', { resourceId: byId(1), database: byId(1) }));
		expect(jsonOf(waited)).toEqual([{ task_id: expect.any(String), status: 'completed', progress: 100, result: [{ channels: newsletterCounters(2, 1) }] }]);
		expect(requestsTo(emu, '/api/v1.1/resources/refresh_counters')[0].body).toMatchObject({ id: 1, list_id: 1 });

		const idOnly = await runNode(emu, res('refreshStats', { resourceId: byId(1), database: byId(1), waitForTask: false }));
		expect(jsonOf(idOnly)).toEqual([{ task_id: expect.any(String) }]);
		expect(emu.store.tasks.has(idOnly.items[0].json.task_id as string)).toBe(true);
	});

	test('a task that outlives the wait timeout fails with a hint; Task → Get Status of an unknown task is 404', async () => {
		const emu = emulator();
		emu.options.taskPollsUntilDone = 1000;
		try {
			const slow = await runNode(emu, res('refreshStats', { resourceId: byId(1), database: byId(1), waitTimeout: 1 }));
			expect(slow.status).toBe('error');
			expect(slow.error?.message).toMatch(/^Altcraft task [0-9a-f-]{36} did not finish within 1 s \(status "processing"/);
			expect(slow.error?.description).toMatch(/Task → Get Status/);
		} finally {
			emu.options.taskPollsUntilDone = 1;
		}
		const unknown = await runNode(emu, { resource: 'task', operation: 'getStatus', taskId: '00000000-0000-4000-8000-000000000000' });
		expect(unknown.error?.message).toMatch(NOT_FOUND);
		await expectInputError(emu, { resource: 'task', operation: 'getStatus', taskId: '={{ $json.id }}' }, 'Task ID: is required (item 0)', { id: '' });
	});

	test('an unknown resource is 404; one outside the token\'s zone too', async () => {
		const emu = emulator();
		expect((await runNode(emu, res('get', { resourceId: byId(42) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, res('get', { resourceId: byId(3) }), { token: emu.tokens.limited })).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, res('refreshStats', { resourceId: byId(42), database: byId(1) }))).error?.message).toMatch(NOT_FOUND);
	});
});

// ---------------------------------------------------------------------------------------------------------------

describe('Get Many pages through more than one page (1,200 more databases and resources)', () => {
	let bulk: Emulator;
	beforeAll(async () => {
		const seed = DEFAULT_SEED as { databases: IDataObject[]; resources: IDataObject[] };
		bulk = await createEmulator({
			seed: {
				...DEFAULT_SEED,
				databases: [...seed.databases, ...Array.from({ length: 1200 }, (_, i) => ({ id: 10 + i, name: `Bulk database ${i}`, ui_tags: i % 2 ? ['odd'] : [], fields: [] }))],
				resources: [
					...seed.resources,
					...Array.from({ length: 1200 }, (_, i) => ({ id: 10 + i, name: `Bulk resource ${i}`, channels: ['email'], dbs_ids: [1], rtoken: `rt-bulk-${i}` })),
				],
			},
		});
	});
	afterAll(async () => bulk.close());

	test.each([
		['database', '/api/v1.1/databases/list/', 1202],
		['resource', '/api/v1.1/resources/list', 1204],
	])('%s → Get Many: Return All follows the int cursor; a Limit over one page size', async (resource, path, total) => {
		const before = bulk.requests.length;
		const all = await runNode(bulk, { resource, operation: 'getAll', returnAll: true, filters: {} });
		expect(all.status).toBe('success');
		const ids = jsonOf(all).map((o) => o.id as number);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		expect(ids.slice(-1)).toEqual([1209]);
		const pages = bulk.requests.slice(before).filter((r) => r.path === path);
		// 1,000 a page, then from_id = the next_from_id answered (an int), until a page comes back empty.
		expect(pages.map((r) => r.body?.from_id)).toEqual([undefined, ids[1000], 1210]);
		expect(pages.map((r) => r.body?.limit)).toEqual([1000, 1000, 1000]);

		const mark = bulk.requests.length;
		const some = await runNode(bulk, { resource, operation: 'getAll', returnAll: false, limit: 1100, filters: {} });
		expect(some.items).toHaveLength(1100);
		expect(new Set(jsonOf(some).map((o) => o.id)).size).toBe(1100);
		expect(bulk.requests.slice(mark).map((r) => r.body?.limit)).toEqual([1000, 100]);
	});

	test('a filter applies to every page', async () => {
		const odd = await runNode(bulk, { resource: 'database', operation: 'getAll', returnAll: true, filters: { uiTags: 'odd' } });
		expect(odd.items).toHaveLength(600);
		expect(jsonOf(odd).every((d) => (d.ui_tags as string[]).includes('odd'))).toBe(true);
	});

});
