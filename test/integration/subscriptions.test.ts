/**
 * The Subscription resource over real HTTP against the Altcraft emulator, run through n8n's real execution engine
 * (11-subscriptions.md §1–8).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import {
	api,
	createProfile,
	emailSub,
	emptyLocator,
	expectInputError,
	expectWorkflowIssues,
	jsonOf,
	locatorFrom,
	NOT_FOUND,
	requestsTo,
	runNode,
	useEmulator,
} from './support/audience';

const emulator = useEmulator();

const base = { resource: 'subscription' };
/** One subscription of a profile: db 1, resource 1 (Newsletter, e-mail) unless said otherwise. */
const one = (operation: string, profileId: string, extra: IDataObject = {}): INodeParameters => ({
	...base,
	operation,
	database: byId(1),
	profileId,
	resourceId: byId(1),
	channel: 'email',
	email: 'jane@example.com',
	...extra,
});

describe('Subscription: one profile', () => {
	test('Create or Update creates a subscription, Get reads it back, a second call changes only what it sends', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'jane@example.com');

		const created = await runNode(emu, {
			...one('upsert', profileId),
			additionalFields: { status: 'subscribed', priority: 2, categories: 'news, promo', customFields: '{"visits": 3, "source": "web"}', registrationIp: '203.0.113.7' },
		});
		expect(created.status).toBe('success');
		expect(jsonOf(created)).toEqual([{ success: true }]);

		const read = await runNode(emu, one('get', profileId));
		expect(jsonOf(read)).toEqual([
			expect.objectContaining({
				resource_id: 1,
				channel: 'email',
				email: 'jane@example.com',
				status: 'subscribed',
				priority: 2,
				cats: ['news', 'promo'],
				custom_fields: { visits: 3, source: 'web' },
				is_delete: false,
			}),
		]);

		const changed = await runNode(emu, { ...one('upsert', profileId), additionalFields: { status: 'unsubscribed' } });
		expect(jsonOf(changed)).toEqual([{ success: true }]);
		const reread = await runNode(emu, one('get', profileId));
		expect(reread.items[0].json).toMatchObject({ status: 'unsubscribed', priority: 2, cats: ['news', 'promo'], custom_fields: { visits: 3 } });
		expect(emu.ledger.filter((e) => e.op === 'subscription.set').map((e) => e.data?.created)).toEqual([true, false]);
	});

	test('SMS and push subscriptions; Get Many lists them all, or up to the Limit', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'multi@example.com');
		const upserts: INodeParameters[] = [
			one('upsert', profileId, { email: 'multi@example.com' }),
			one('upsert', profileId, { resourceId: byId(2), channel: 'sms', phone: '+79000000001' }),
			one('upsert', profileId, { resourceId: byId(4), channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: 'device-token-1' }),
		];
		for (const parameters of upserts) expect((await runNode(emu, parameters)).status).toBe('success');

		const push = await runNode(emu, one('get', profileId, { resourceId: byId(4), channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: 'device-token-1' }));
		expect(push.items[0].json).toMatchObject({ resource_id: 4, channel: 'push', provider: 'Firefox', subscription_id: 'device-token-1', status: 'subscribed' });

		const all = await runNode(emu, { ...base, operation: 'getAll', database: byId(1), profileId, returnAll: true });
		expect(jsonOf(all).map((s) => [s.resource_id, s.channel])).toEqual([
			[1, 'email'],
			[2, 'sms'],
			[4, 'push'],
		]);
		expect(all.items[1].json.phone).toBe('+79000000001');

		const two = await runNode(emu, { ...base, operation: 'getAll', database: byId(1), profileId, returnAll: false, limit: 2 });
		expect(jsonOf(two).map((s) => s.resource_id)).toEqual([1, 2]);
	});

	test('Delete flags the subscription as deleted; Restore brings it back', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'jane@example.com', { subscriptions: [emailSub(1, 'jane@example.com')] });

		const deleted = await runNode(emu, one('delete', profileId));
		expect(jsonOf(deleted)).toEqual([{ deleted: true }]);
		expect((await runNode(emu, one('get', profileId))).items[0].json).toMatchObject({ is_delete: true, status: 'subscribed' });

		const restored = await runNode(emu, one('restore', profileId));
		expect(jsonOf(restored)).toEqual([{ success: true }]);
		expect((await runNode(emu, one('get', profileId))).items[0].json).toMatchObject({ is_delete: false, status: 'subscribed' });
		expect(emu.ledger.map((e) => e.op)).toEqual(['profile.create', 'subscription.delete', 'subscription.undelete']);
	});
});

describe('Subscription: Suspend All / Unsuspend All', () => {
	async function seedFour(): Promise<void> {
		const emu = emulator();
		for (const n of [1, 2, 3]) {
			await createProfile(emu, `s${n}@example.com`, {
				subscriptions: [emailSub(1, `s${n}@example.com`), { resource_id: 2, channel: 'sms', phone: `+7900000000${n}` }],
			});
		}
		// Already unsubscribed: suspend_all leaves it alone.
		await createProfile(emu, 'gone@example.com', { subscriptions: [emailSub(1, 'gone@example.com', 'unsubscribed')] });
	}

	const suspend = (operation: 'suspendAll' | 'unsuspendAll', extra: IDataObject = {}): INodeParameters => ({
		...base,
		operation,
		database: byId(1),
		resourceId: emptyLocator,
		channel: '',
		...extra,
	});

	test('counts what changed; only subscribed ones are suspended; unsuspend reverses exactly those', async () => {
		const emu = emulator();
		await seedFour();

		const byChannel = await runNode(emu, suspend('suspendAll', { channel: 'email' }));
		expect(jsonOf(byChannel)).toEqual([{ updated: 3 }]);
		expect(jsonOf(await runNode(emu, suspend('suspendAll', { channel: 'email' })))).toEqual([{ updated: 0 }]);

		const suspended = await runNode(emu, {
			...base,
			operation: 'getAllAcrossProfiles',
			resourceId: byId(1),
			database: byId(1),
			returnAll: true,
			filters: { status: 'suspended' },
		});
		expect(jsonOf(suspended).map((s) => s.email).sort()).toEqual(['s1@example.com', 's2@example.com', 's3@example.com']);

		// Everything left in the database: the three SMS subscriptions.
		expect(jsonOf(await runNode(emu, suspend('suspendAll')))).toEqual([{ updated: 3 }]);
		// Back for one resource only, then for the rest.
		expect(jsonOf(await runNode(emu, suspend('unsuspendAll', { resourceId: byId(1) })))).toEqual([{ updated: 3 }]);
		expect(jsonOf(await runNode(emu, suspend('unsuspendAll')))).toEqual([{ updated: 3 }]);
		const unsubscribed = await runNode(emu, {
			...base,
			operation: 'getAllAcrossProfiles',
			resourceId: byId(1),
			database: byId(1),
			returnAll: true,
			filters: { status: 'unsubscribed' },
		});
		expect(jsonOf(unsubscribed).map((s) => s.email)).toEqual(['gone@example.com']);

		const bodies = requestsTo(emu, '/api/v1.1/subscriptions/').filter((r) => r.path.includes('suspend_all')).map((r) => r.body);
		expect(bodies.map((b) => ({ ...b, token: undefined }))).toEqual([
			{ db_id: 1, channel: 'email', token: undefined },
			{ db_id: 1, channel: 'email', token: undefined },
			{ db_id: 1, token: undefined },
			{ db_id: 1, resource_id: 1, token: undefined },
			{ db_id: 1, token: undefined },
		]);
	});

	test('Suspend All without a database is refused before anything is sent', async () => {
		const emu = emulator();
		await seedFour();
		await expectWorkflowIssues(emu, suspend('suspendAll', { database: emptyLocator }));
		await expectInputError(emu, suspend('suspendAll', { database: locatorFrom('={{ $json.db }}') }), 'Database: must be a whole number, got an empty string (item 0)', { db: '' });
		expect(emu.ledger.filter((e) => e.op.startsWith('subscription.'))).toEqual([]);
	});
});

describe('Subscription: Get Many Across Profiles pages through a resource', () => {
	test('Return All follows next_from_id over several pages; a Limit asks for no more', async () => {
		const emu = emulator();
		const data = Array.from({ length: 2150 }, (_, i) => ({ email: `l${i}@example.com`, subscriptions: [emailSub(1, `l${i}@example.com`)] }));
		await api(emu, 'profiles/import_batch', { db_id: 1, matching: 'email', data });
		const before = emu.requests.length;

		const all = await runNode(emu, { ...base, operation: 'getAllAcrossProfiles', resourceId: byId(1), database: byId(1), returnAll: true, filters: {} });
		expect(all.status).toBe('success');
		expect(all.items).toHaveLength(2150);
		expect(new Set(jsonOf(all).map((s) => s.profile_id)).size).toBe(2150);
		expect(all.items[0].json).toMatchObject({ db_id: 1, resource_id: 1, channel: 'email', status: 'subscribed', _xxh: expect.stringMatching(/^[0-9a-f]{16}$/) });
		const pages = emu.requests.slice(before).filter((r) => r.path === '/api/v1.1/subscriptions/list_all');
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages[0].body).not.toHaveProperty('from_id');
		expect(pages[1].body?.from_id).toEqual(expect.any(String));

		const mark = emu.requests.length;
		const some = await runNode(emu, { ...base, operation: 'getAllAcrossProfiles', resourceId: byId(1), database: byId(1), returnAll: false, limit: 1500, filters: {} });
		expect(some.items).toHaveLength(1500);
		const limited = emu.requests.slice(mark).map((r) => r.body?.limit);
		expect(limited).toEqual([1000, 500]);
	});
});

describe('Subscription errors', () => {
	test('an unknown profile ID is 404', async () => {
		const emu = emulator();
		const result = await runNode(emu, one('get', 'aaaaaaaaaaaaaaaaaaaaaaaa'));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(NOT_FOUND);
	});

	test('a subscription the profile does not have is 404; so is an unknown resource', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'jane@example.com');
		expect((await runNode(emu, one('delete', profileId))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, one('get', profileId, { resourceId: byId(99) }))).error?.message).toMatch(NOT_FOUND);
	});

	test('a missing e-mail or device token names the field and the item; nothing is sent', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'jane@example.com');
		await expectWorkflowIssues(emu, one('upsert', profileId, { email: '' }));
		await expectInputError(emu, one('upsert', profileId, { email: '={{ $json.email }}' }), 'Email: is required (item 0)', { email: '' });
		await expectInputError(
			emu,
			one('restore', profileId, { resourceId: byId(4), channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: '={{ $json.token }}' }),
			'Push Subscription ID: is required (item 0)',
			{ token: '' },
		);
		await expectInputError(emu, one('get', 'not-a-profile'), 'Profile ID: "not-a-profile" is not a profile ID (24 hexadecimal characters) (item 0)');
		await expectInputError(emu, one('get', profileId, { email: 'jane-at-example.com' }), 'Email: "jane-at-example.com" is not an e-mail address (item 0)');
		expect(emu.ledger.filter((e) => e.op.startsWith('subscription.'))).toEqual([]);
	});

	test('the failing item is named: item 1 of two', async () => {
		const emu = emulator();
		const profileId = await createProfile(emu, 'jane@example.com', { subscriptions: [emailSub(1, 'jane@example.com')] });
		const before = emu.requests.length;
		const result = await runNode(emu, one('get', profileId, { email: '={{ $json.email }}' }), {
			input: [{ json: { email: 'jane@example.com' } }, { json: { email: '' } }],
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Email: is required (item 1)');
		// Item 0 may have been sent (items run one by one); item 1 never was.
		const sent = emu.requests.slice(before);
		expect(sent.length).toBeLessThanOrEqual(1);
		for (const request of sent) expect(request.body?.email).toBe('jane@example.com');
	});
});
