/**
 * Promo Code, Goal, Loyalty Program and App Push over real HTTP against the Altcraft emulator, run through n8n's real
 * execution engine (50-promo-codes.md, 51-goals-events.md, 52-loyalty.md, 60-app-push.md; emulator C1–C10).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { expectInputError, jsonOf, NOT_FOUND, runNode } from './support/audience';
import type { CommerceEmulator } from './support/commerce';
import {
	asAudience,
	call,
	CONFLICT,
	DEFAULT_COMMERCE_SEED,
	errorOf,
	opsOf,
	requestsAt,
	RFC3339,
	shopper,
	useCommerceEmulator,
	UUID,
} from './support/commerce';

const emulator = useCommerceEmulator();

const run = (emu: CommerceEmulator, parameters: INodeParameters, extra: Parameters<typeof runNode>[2] = {}) =>
	runNode(asAudience(emu), parameters, extra);
const inputError = (emu: CommerceEmulator, parameters: INodeParameters, message: string | RegExp, input: IDataObject = {}) =>
	expectInputError(asAudience(emu), parameters, message, input);

const DAY = 86_400_000;
/** A date `days` from the emulator's clock, RFC 3339. */
const inDays = (emu: CommerceEmulator, days: number) => new Date(Date.parse(emu.commerce.now()) + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

// ---------------------------------------------------------------------------------------------------------------
// Promo codes

const promo = (operation: string, extra: IDataObject = {}, loyaltyId = 1): INodeParameters => ({ resource: 'promoCode', operation, loyaltyId, ...extra });
/** Attach / detach: the profile in database 1 by e-mail unless said otherwise. */
const toProfile = (email: string, extra: IDataObject = {}): IDataObject => ({ database: byId(1), matching: 'email', email, ...extra });

describe('Promo Code', () => {
	test('Import → Get → Attach (no longer free: another profile gets 409) → Activate → Detach → Get Many', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');
		await shopper(emu, 'bob@example.com');

		const imported = await run(emu, promo('import', { codes: 'VIP-100, VIP-101\nWELCOME-001' }));
		expect(imported.status).toBe('success');
		expect(jsonOf(imported)).toEqual([
			{
				data: [
					{ code: 'VIP-100', error: 0, error_text: '' },
					{ code: 'VIP-101', error: 0, error_text: '' },
					{ code: 'WELCOME-001', error: 409, error_text: 'The code already exists in the program' },
				],
				inserted: 2,
				duplicated: 1,
				discarded_by_limit: 0,
			},
		]);
		expect(requestsAt(emu, 'promocodes/import')[0].body).toMatchObject({ loyalty_id: 1, codes: ['VIP-100', 'VIP-101', 'WELCOME-001'] });

		const fresh = await run(emu, promo('get', { code: 'VIP-100' }));
		expect(jsonOf(fresh)).toEqual([
			{
				code: 'VIP-100',
				loyalty_id: 1,
				created: expect.stringMatching(RFC3339),
				is_attached: false,
				is_activated: false,
				is_expired: false,
				attached: '',
				activated: '',
				expired: '',
				expire_date: '',
			},
		]);

		expect(jsonOf(await run(emu, promo('attach', toProfile('ann@example.com', { code: 'VIP-100' }))))).toEqual([{ success: true }]);
		expect(requestsAt(emu, 'promocodes/attach')[0].body).toMatchObject({ loyalty_id: 1, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'VIP-100' });
		expect(emu.commerce.getPromoCode(1, 'VIP-100')).toMatchObject({ is_free: false, attached: [{ profile_id: ann, db_id: 1 }] });
		// Attaching it to the same profile again changes nothing; to another profile is refused with our 409 message.
		expect((await run(emu, promo('attach', toProfile('ann@example.com', { code: 'VIP-100' })))).status).toBe('success');
		const taken = await run(emu, promo('attach', toProfile('bob@example.com', { code: 'VIP-100' })));
		expect(taken.status).toBe('error');
		expect(taken.error?.message).toMatch(CONFLICT);
		expect(taken.error?.message).toContain("Promo code 'VIP-100' is already attached to another profile");
		expect(taken.error?.description).toMatch(/unique value/);

		expect(jsonOf(await run(emu, promo('activate', { code: 'VIP-100' })))).toEqual([{ success: true }]);
		const used = (await run(emu, promo('get', { code: 'VIP-100' }))).items[0].json;
		expect(used).toMatchObject({ is_attached: true, is_activated: true, attached: expect.stringMatching(RFC3339), activated: expect.stringMatching(RFC3339) });
		// A code is activated once.
		expect((await run(emu, promo('activate', { code: 'VIP-100' }))).error?.message).toMatch(errorOf(450));

		expect(jsonOf(await run(emu, promo('detach', toProfile('ann@example.com', { code: 'VIP-100' }))))).toEqual([{ success: true }]);
		expect(emu.commerce.getPromoCode(1, 'VIP-100')).toMatchObject({ attached: [], is_free: false }); // activated: stays used
		// Detaching it again: it is not attached to that profile any more.
		expect((await run(emu, promo('detach', toProfile('ann@example.com', { code: 'VIP-100' })))).error?.message).toMatch(NOT_FOUND);

		const all = await run(emu, promo('getAll', { returnAll: true }));
		expect(jsonOf(all)).toEqual([
			{ code: 'WELCOME-001' },
			{ code: 'WELCOME-002' },
			{ code: 'WELCOME-003' },
			{ code: 'WELCOME-004' },
			{ code: 'WELCOME-005' },
			{ code: 'VIP-100', activated: used.activated },
			{ code: 'VIP-101' },
		]);
		expect(opsOf(emu).filter((op) => op.startsWith('promocode.'))).toEqual([
			'promocode.import',
			'promocode.attach',
			'promocode.attach',
			'promocode.activate',
			'promocode.detach',
		]);
	});

	test('Attach without a code gives the first free one; an unknown code is imported on attach; phone / profile ID / custom field matching', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', { crm_id: 'CRM-1' });
		await shopper(emu, 'bob@example.com', { phones: ['+79001112233'] });

		expect((await run(emu, promo('attach', { database: byId(1), matching: 'profile_id', profileId: ann, code: '' }))).status).toBe('success');
		expect(requestsAt(emu, 'promocodes/attach')[0].body).not.toHaveProperty('code');
		expect(emu.commerce.getPromoCode(1, 'WELCOME-001')).toMatchObject({ attached: [{ profile_id: ann }] });
		// The next free code goes to the next profile.
		expect((await run(emu, promo('attach', { database: byId(1), matching: 'phone', phone: '+79001112233' }))).status).toBe('success');
		expect(emu.commerce.getPromoCode(1, 'WELCOME-002')?.attached).toHaveLength(1);

		expect((await run(emu, promo('attach', { database: byId(1), matching: 'custom', fieldName: 'crm_id', fieldValue: 'CRM-1', code: 'BRAND-NEW' }))).status).toBe('success');
		expect(emu.commerce.getPromoCode(1, 'BRAND-NEW')).toMatchObject({ attached: [{ profile_id: ann }] });
		const exported = jsonOf(await run(emu, promo('getAll', { returnAll: true })));
		expect(exported.filter((c) => c.attached).map((c) => c.code)).toEqual(['WELCOME-001', 'WELCOME-002', 'BRAND-NEW']);

		expect((await run(emu, promo('detach', { database: byId(1), matching: 'custom', fieldName: 'crm_id', fieldValue: 'CRM-1', code: 'BRAND-NEW' }))).status).toBe('success');
		expect(emu.commerce.getPromoCode(1, 'BRAND-NEW')?.is_free).toBe(true);
	});

	test('a program with multiple use: one code for several profiles, which then cannot be detached (435)', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await shopper(emu, 'bob@example.com');
		for (const email of ['ann@example.com', 'bob@example.com']) {
			expect((await run(emu, promo('attach', toProfile(email, { code: 'SUMMER-2025' }), 2))).status).toBe('success');
		}
		expect(emu.commerce.getPromoCode(2, 'SUMMER-2025')?.attached).toHaveLength(2);
		expect((await run(emu, promo('detach', toProfile('ann@example.com', { code: 'SUMMER-2025' }), 2))).error?.message).toMatch(errorOf(435));
	});

	test('Update: a new expiry date, then deactivation; an expired code cannot be attached', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await shopper(emu, 'bob@example.com');
		const expiry = inDays(emu, 30);
		expect(jsonOf(await run(emu, promo('update', { code: 'WELCOME-003', updateFields: { expireDate: expiry } })))).toEqual([{ success: true }]);
		expect(requestsAt(emu, 'promocodes/update')[0].body).toEqual({ token: emu.tokens.admin, loyalty_id: 1, code: 'WELCOME-003', expire_date: expiry });
		expect((await run(emu, promo('get', { code: 'WELCOME-003' }))).items[0].json).toMatchObject({ expire_date: expiry, is_expired: false, expired: '' });

		await run(emu, promo('attach', toProfile('ann@example.com', { code: 'WELCOME-003' })));
		await run(emu, promo('activate', { code: 'WELCOME-003' }));
		expect(jsonOf(await run(emu, promo('update', { code: 'WELCOME-003', updateFields: { activated: false } })))).toEqual([{ success: true }]);
		expect((await run(emu, promo('get', { code: 'WELCOME-003' }))).items[0].json).toMatchObject({ is_activated: false, activated: '' });

		emu.commerce.advanceClock(31 * 86_400);
		expect((await run(emu, promo('get', { code: 'WELCOME-003' }))).items[0].json).toMatchObject({ is_expired: true, expired: expiry });
		await run(emu, promo('detach', toProfile('ann@example.com', { code: 'WELCOME-003' })));
		expect((await run(emu, promo('attach', toProfile('bob@example.com', { code: 'WELCOME-003' })))).error?.message).toMatch(errorOf(450));
	});

	test('Get Many has no paging parameters: the whole program in one answer, cut by Limit', async () => {
		const emu = emulator();
		const codes = Array.from({ length: 150 }, (_, i) => `BULK-${String(i).padStart(3, '0')}`);
		await call(emu, 'promocodes/import', { loyalty_id: 1, codes });

		const all = await run(emu, promo('getAll', { returnAll: true }));
		expect(all.items).toHaveLength(155);
		expect(all.items[154].json).toEqual({ code: 'BULK-149' });
		const limited = await run(emu, promo('getAll', { returnAll: false, limit: 7 }));
		expect(jsonOf(limited).map((c) => c.code)).toEqual(['WELCOME-001', 'WELCOME-002', 'WELCOME-003', 'WELCOME-004', 'WELCOME-005', 'BULK-000', 'BULK-001']);
		expect(requestsAt(emu, 'promocodes/export_all').map((r) => r.body)).toEqual([
			{ token: emu.tokens.admin, loyalty_id: 1 },
			{ token: emu.tokens.admin, loyalty_id: 1 },
		]);
	});

	test('unknown code, unknown program and another account’s program: our 404 message', async () => {
		const emu = emulator();
		expect((await run(emu, promo('get', { code: 'NOPE' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, promo('activate', { code: 'NOPE' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, promo('getAll', { returnAll: true }, 99))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, promo('get', { code: 'OTHER-1' }, 3))).error?.message).toMatch(NOT_FOUND);
		// No such profile to attach to.
		expect((await run(emu, promo('attach', toProfile('ghost@example.com', { code: 'WELCOME-001' })))).error?.message).toMatch(NOT_FOUND);
		expect(emu.ledger).toEqual([]);
	});

	test('missing parameters stop before anything is sent, naming the field and the item', async () => {
		const emu = emulator();
		await inputError(emu, promo('get', { code: '={{ $json.code }}' }), 'Code: is required (item 0)', { code: '' });
		await inputError(emu, promo('import', { codes: '={{ $json.codes }}' }), 'Codes: add at least one code (item 0)', { codes: ' , ' });
		await inputError(emu, promo('update', { code: 'WELCOME-001', updateFields: {} }), 'Update Fields: add Activated or Expire Date (item 0)');
		await inputError(emu, promo('detach', toProfile('={{ $json.email }}', { code: 'WELCOME-001' })), 'Email: is required (item 0)', { email: '' });
		await inputError(emu, promo('get', { loyaltyId: '={{ $json.program }}', code: 'X' }), /^Promo Code Program ID: .*\(item 0\)$/, { program: 0 });
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Goals

const goal = (extra: IDataObject): INodeParameters => ({ resource: 'goal', operation: 'register', database: byId(1), pixelId: 1, matching: 'email', email: 'ann@example.com', ...extra });

describe('Goal', () => {
	test('Register one goal with a value and event data: recorded for the profile', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');
		const result = await run(
			emu,
			goal({
				goal: 'purchase',
				value: 59.9,
				additionalFields: { pixelData: '{"order_id": "A-1001", "items": ["sku-1", "sku-2"]}', date: '2025-03-01T12:00:00+03:00', isTest: true, vendor: 'altcraft' },
			}),
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true }]);
		expect(requestsAt(emu, 'goals/register')[0].headers['request-id']).toEqual(expect.any(String));
		expect(emu.commerce.getGoals()).toEqual([
			expect.objectContaining({
				dbId: 1,
				profileId: ann,
				pixel_id: 1,
				goal: 'purchase',
				value: 59.9,
				date: '2025-03-01T09:00:00Z',
				pixel_data: { order_id: 'A-1001', items: ['sku-1', 'sku-2'] },
				is_test: true,
				vendor: 'altcraft',
				enrich_profile: true,
				skip_triggers: false,
			}),
		]);
		expect(opsOf(emu)).toEqual(['profile.create', 'goal.register']);
	});

	test('Register several goals at once, the profile found by a custom field, triggers skipped', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', { crm_id: 'CRM-7' });
		const result = await run(
			emu,
			goal({
				pixelId: 2,
				matching: 'custom',
				fieldName: 'crm_id',
				fieldValue: 'CRM-7',
				goalMode: 'several',
				goals: { goal: [{ goal: 'lead_qualified', value: 1 }, { goal: 'deal_amount', value: 2500 }, { goal: 'refund', value: -20 }] },
				additionalFields: { skipTriggers: true, enrichProfile: false },
			}),
		);
		expect(result.status).toBe('success');
		expect(requestsAt(emu, 'goals/register')[0].body).toMatchObject({
			db_id: 1,
			pixel_id: 2,
			matching: 'custom',
			field_name: 'crm_id',
			field_value: 'CRM-7',
			goals: [
				{ goal: 'lead_qualified', value: 1 },
				{ goal: 'deal_amount', value: 2500 },
				{ goal: 'refund', value: -20 },
			],
			skip_triggers: true,
			enrich_profile: false,
		});
		expect(requestsAt(emu, 'goals/register')[0].body).not.toHaveProperty('goal');
		expect(emu.commerce.getGoals({ profileId: ann }).map((g) => [g.goal, g.value, g.pixel_id, g.skip_triggers])).toEqual([
			['lead_qualified', 1, 2, true],
			['deal_amount', 2500, 2, true],
			['refund', -20, 2, true],
		]);
		expect(emu.ledger.filter((e) => e.op === 'goal.register')).toEqual([expect.objectContaining({ profileId: ann, skipTriggers: true })]);
	});

	test('by profile ID and by e-mail in the profile field only; a value of 0 is not sent', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');
		expect((await run(emu, goal({ matching: 'profile_id', profileId: ann, goal: 'visit', value: 0 }))).status).toBe('success');
		expect((await run(emu, goal({ matching: 'email_profile', goal: 'visit' }))).status).toBe('success');
		expect(requestsAt(emu, 'goals/register').map((r) => r.body)).toEqual([
			{ token: emu.tokens.admin, db_id: 1, pixel_id: 1, matching: 'profile_id', profile_id: ann, goal: 'visit' },
			{ token: emu.tokens.admin, db_id: 1, pixel_id: 1, matching: 'email_profile', email: 'ann@example.com', goal: 'visit' },
		]);
		expect(emu.commerce.getGoals().map((g) => g.value)).toEqual([null, null]);
	});

	test('event data that is not flat is refused by the node before sending, as the reference and the platform do', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await inputError(emu, goal({ goal: 'purchase', additionalFields: { pixelData: '{"order": {"id": 1}}' } }), 'Additional Fields → Event Data (JSON): must be flat: "order" is an object (item 0)');
		await inputError(
			emu,
			goal({ goal: 'purchase', additionalFields: { pixelData: '{"lines": [{"sku": "a"}, {"sku": "b"}]}' } }),
			'Additional Fields → Event Data (JSON): must be flat: "lines" holds objects or arrays (item 0)',
		);
		await inputError(emu, goal({ goal: 'purchase', additionalFields: { pixelData: '{"matrix": [[1, 2]]}' } }), /must be flat: "matrix" holds objects or arrays \(item 0\)$/);
		await inputError(emu, goal({ goal: 'purchase', additionalFields: { pixelData: JSON.stringify({ note: 'n'.repeat(1100) }) } }), /must be at most 1 KB, got \d+ bytes \(item 0\)$/);
		// What the node lets through, the emulator accepts (flat: scalars and arrays of scalars).
		const flat = await run(emu, goal({ goal: 'purchase', additionalFields: { pixelData: '{"a": 1, "b": null, "c": true, "d": [1, "x", false]}' } }));
		expect(flat.status).toBe('success');
		expect(emu.commerce.getGoals()[0].pixel_data).toEqual({ a: 1, b: null, c: true, d: [1, 'x', false] });
	});

	test('unknown pixel, another account’s pixel, unknown profile: our 404 message; nothing recorded', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		expect((await run(emu, goal({ pixelId: 42, goal: 'x' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, goal({ pixelId: 3, goal: 'x' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, goal({ email: 'ghost@example.com', goal: 'x' }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.commerce.getGoals()).toEqual([]);
	});

	test('missing parameters: no goal name, an empty goal list, no pixel', async () => {
		const emu = emulator();
		await inputError(emu, goal({ goal: '={{ $json.goal }}' }), 'Goal Name: is required (item 0)', { goal: '' });
		await inputError(emu, goal({ goal: '={{ $json.goal }}' }), 'Goal Name: must be at most 128 characters, got 129 (item 0)', { goal: 'g'.repeat(129) });
		await inputError(emu, goal({ goalMode: 'several', goals: {} }), 'Goal List: add at least one goal (item 0)');
		await inputError(emu, goal({ pixelId: '={{ $json.pixel }}', goal: 'x' }), /^Pixel ID: .*\(item 0\)$/, { pixel: '' });
	});
});

// ---------------------------------------------------------------------------------------------------------------
// App push

const pushEvent = (extra: IDataObject = {}): INodeParameters => ({
	resource: 'appPush',
	operation: 'addEvent',
	events: 1,
	launchId: 777,
	provider: 'android-firebase',
	subscriptionId: 'fcm-token-ann',
	uid: 'msg-1',
	...extra,
});

describe('App Push', () => {
	test('Add Event: delivered, opened, both — recorded with the profile of the push subscription', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', {
			subscriptions: [{ resource_id: 4, channel: 'push', provider: 'android-firebase', subscription_id: 'fcm-token-ann' }],
		});
		for (const events of [1, 2, 3]) {
			const result = await run(emu, pushEvent({ events, uid: `msg-${events}` }));
			expect(result.status).toBe('success');
			expect(jsonOf(result)).toEqual([{ success: true }]);
		}
		expect(requestsAt(emu, 'pushes/post_events')[0].body).toEqual({
			token: emu.tokens.admin,
			events: 1,
			launch_id: 777,
			provider: 'android-firebase',
			subscription_id: 'fcm-token-ann',
			uid: 'msg-1',
		});
		expect(emu.commerce.getPushEvents().map((e) => [e.events, e.delivered, e.opened, e.uid, e.profiles])).toEqual([
			[1, true, false, 'msg-1', [{ dbId: 1, profileId: ann }]],
			[2, false, true, 'msg-2', [{ dbId: 1, profileId: ann }]],
			[3, true, true, 'msg-3', [{ dbId: 1, profileId: ann }]],
		]);
		expect(opsOf(emu).filter((op) => op === 'push.events')).toHaveLength(3);
	});

	test('events of several items from expressions: one output item each', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com', { subscriptions: [{ resource_id: 4, channel: 'push', provider: 'ios-apns', subscription_id: 'apns-1' }] });
		const result = await run(emu, pushEvent({ provider: 'ios-apns', subscriptionId: 'apns-1', launchId: '={{ $json.launch }}', uid: '={{ $json.uid }}' }), {
			input: [{ json: { launch: 10, uid: 'a' } }, { json: { launch: '11', uid: 'b' } }],
		});
		expect(result.status).toBe('success');
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(emu.commerce.getPushEvents().map((e) => [e.launch_id, e.uid])).toEqual([
			[10, 'a'],
			[11, 'b'],
		]);
	});

	test('an unknown push subscription: our 404 message; missing parameters stop before sending', async () => {
		const emu = emulator();
		expect((await run(emu, pushEvent())).error?.message).toMatch(NOT_FOUND);
		await inputError(emu, pushEvent({ uid: '={{ $json.uid }}' }), 'Message UID: is required (item 0)', { uid: '' });
		await inputError(emu, pushEvent({ subscriptionId: '={{ $json.token }}' }), 'Push Subscription ID: is required (item 0)', { token: '' });
		// Blank text counts as missing.
		await inputError(emu, pushEvent({ provider: '={{ $json.provider }}' }), /^Push Provider: .+ \(item 0\)$/, { provider: '   ' });
		await inputError(emu, pushEvent({ launchId: '={{ $json.launch }}' }), 'Launch ID: must be a whole number, got "abc" (item 0)', { launch: 'abc' });
		expect(emu.commerce.getPushEvents()).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------------------------
// Loyalty programs

const loyalty = (operation: string, extra: IDataObject = {}): INodeParameters => ({ resource: 'loyalty', operation, loyaltyProgramId: 1, ...extra });
const member = (email: string): IDataObject => ({ matching: 'email', email });
const transaction = (operation: string, by: 'eid' | 'id', value: string): INodeParameters =>
	by === 'eid' ? { resource: 'loyalty', operation, transactionBy: 'eid', transactionEid: value } : { resource: 'loyalty', operation, transactionBy: 'id', transactionId: value };

describe('Loyalty Program', () => {
	test('Register → Accrue (temporary) → Commit → Balance → Redeem → Roll Back / Cancel → Transactions → Expiring Points → Tier → Remove', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');

		const registered = await run(emu, loyalty('registerMember', { ...member('ann@example.com'), additionalFields: { registrationDate: '2025-01-15T10:00:00Z' } }));
		expect(jsonOf(registered)).toEqual([{ profile_id: ann }]);
		expect(emu.commerce.getLoyaltyMember(1, ann)).toEqual({ profile_id: ann, registered_at: '2025-01-15T10:00:00Z' });
		expect((await run(emu, loyalty('registerMember', member('ann@example.com')))).error?.message).toMatch(CONFLICT);

		// A temporary accrual holds nothing yet: the active balance stays 0.
		const temp = await run(emu, loyalty('accruePoints', { ...member('ann@example.com'), amount: '500', additionalFields: { isTemp: true, tempTimeout: 3600, transactionEid: 'order-1-accrual', externalData: '{"order_id": "1"}' } }));
		expect(jsonOf(temp)).toEqual([{ transaction_id: expect.stringMatching(UUID), balance: '0.00' }]);
		expect(requestsAt(emu, 'loyalty/accrue_points')[0].body).toMatchObject({
			loyalty_program_id: 1,
			matching: 'email',
			email: 'ann@example.com',
			amount: '500',
			is_temp: true,
			temp_timeout_sec: 3600,
			transaction_eid: 'order-1-accrual',
			external_data: { order_id: '1' },
		});
		const tempId = temp.items[0].json.transaction_id as string;
		expect(emu.commerce.getTransaction(tempId)).toMatchObject({ state: 'pending', is_temp: true });

		// Committing a temporary accrual creates the final one (a new transaction_id), as the reference says.
		const committed = await run(emu, transaction('commitTransaction', 'eid', 'order-1-accrual'));
		expect(jsonOf(committed)).toEqual([{ transaction_id: expect.stringMatching(UUID), balance: '500.00' }]);
		const accrualId = committed.items[0].json.transaction_id as string;
		expect(accrualId).not.toBe(tempId);
		expect(requestsAt(emu, 'loyalty/commit_transaction')[0].body).toEqual({ token: emu.tokens.admin, transaction_eid: 'order-1-accrual' });
		// A committed transaction cannot be committed again.
		expect((await run(emu, transaction('commitTransaction', 'id', tempId))).error?.message).toMatch(errorOf(450));

		expect(jsonOf(await run(emu, loyalty('getBalance', member('ann@example.com'))))).toEqual([{ total_balance: '500.00', active_balance: '500.00' }]);
		expect(jsonOf(await run(emu, loyalty('getBalance', { ...member('ann@example.com'), currencyBy: 'eid', currencyEid: 'stars' })))).toEqual([
			{ total_balance: '0.00', active_balance: '0.00' },
		]);

		// A temporary redemption, rolled back by its transaction ID: the points come back.
		const hold = await run(emu, loyalty('redeemPoints', { ...member('ann@example.com'), amount: '200', additionalFields: { isTemp: true, transactionEid: 'order-2-redeem' } }));
		expect(hold.status).toBe('success');
		expect(requestsAt(emu, 'loyalty/redeeme_points')).toHaveLength(1);
		const holdId = hold.items[0].json.transaction_id as string;
		// Held points cannot be spent twice.
		expect((await run(emu, loyalty('redeemPoints', { ...member('ann@example.com'), amount: '400' }))).error?.message).toMatch(errorOf(450));
		const rolledBack = await run(emu, transaction('rollbackTransaction', 'id', holdId));
		expect(jsonOf(rolledBack)).toEqual([{ transaction_id: holdId, balance: '500.00' }]);
		expect(emu.commerce.getTransaction(holdId)).toMatchObject({ state: 'rolled_back', end_reason: 'rollback' });

		// A final redemption, then cancelled (a refund) by its external ID.
		const spent = await run(emu, loyalty('redeemPoints', { ...member('ann@example.com'), amount: '120.50', additionalFields: { transactionEid: 'order-3-redeem' } }));
		expect(jsonOf(spent)).toEqual([{ transaction_id: expect.stringMatching(UUID), balance: '379.50' }]);
		const spentId = spent.items[0].json.transaction_id as string;
		const cancelled = await run(emu, transaction('cancelTransaction', 'eid', 'order-3-redeem'));
		expect(jsonOf(cancelled)).toEqual([{ transaction_id: spentId, balance: '500.00' }]);
		expect(emu.commerce.getTransaction(spentId)).toMatchObject({ state: 'cancelled' });

		// Qualification points for the tier.
		await run(emu, loyalty('accruePoints', { ...member('ann@example.com'), amount: '1200', currencyBy: 'iid', currencyIid: 3 }));

		const history = await run(emu, loyalty('getTransactions', { ...member('ann@example.com'), currencyBy: 'eid', currencyEid: 'bonus_points', returnAll: true }));
		expect(history.status).toBe('success');
		expect(jsonOf(history).map((t) => [t.transaction_id, t.transaction_type, t.amount, t.balance_before, t.balance_after, t.is_cancelled])).toEqual([
			[accrualId, 'accrual', '500.00', '0.00', '500.00', false],
			[spentId, 'redemption', '120.50', '500.00', '379.50', true],
			[expect.stringMatching(UUID), 'cancel', '120.50', '379.50', '500.00', false],
		]);
		expect(history.items[0].json).toMatchObject({ transaction_eid: 'order-1-accrual', points_currency_eid: 'bonus_points', external_data: { order_id: '1' } });
		expect(history.items[2].json).toMatchObject({ cancelled_transaction_id: spentId, source_type: 'transaction' });

		// The 500 points expire 365 days after the accrual.
		const expiring = await run(emu, loyalty('getExpiringPoints', { ...member('ann@example.com'), currencyBy: 'iid', currencyIid: 1, dateFrom: inDays(emu, 300), dateTo: inDays(emu, 400) }));
		expect(jsonOf(expiring)).toEqual([{ expiring_points: '500.00' }]);
		const notYet = await run(emu, loyalty('getExpiringPoints', { ...member('ann@example.com'), currencyBy: 'eid', currencyEid: 'bonus_points', dateFrom: inDays(emu, 0), dateTo: inDays(emu, 30) }));
		expect(jsonOf(notYet)).toEqual([{ expiring_points: '0.00' }]);

		const tiers = await run(emu, loyalty('getTiers', { ...member('ann@example.com'), tiersGroupId: 10 }));
		expect(jsonOf(tiers)).toEqual([
			{ tiers_group_type: 'cumulative', tier_id: 101, tier_eid: 'bronze', tier_order: 0, reached_at: '2025-01-15T10:00:00Z' },
			{ tiers_group_type: 'cumulative', tier_id: 102, tier_eid: 'silver', tier_order: 1, reached_at: expect.stringMatching(RFC3339) },
		]);

		const removed = await run(emu, loyalty('removeMember', member('ann@example.com')));
		expect(jsonOf(removed)).toEqual([{ deleted: true, profile_id: ann }]);
		expect(emu.commerce.getLoyaltyMember(1, ann)).toBeUndefined();
		expect(emu.commerce.getTransactions({ profileId: ann })).toEqual([]);
		// No longer a member: every member call is 404; the profile itself stays.
		expect((await run(emu, loyalty('getBalance', member('ann@example.com')))).error?.message).toMatch(NOT_FOUND);
		expect(emu.store.getProfile(ann)).not.toBeNull();

		expect(opsOf(emu).filter((op) => op.startsWith('loyalty.'))).toEqual([
			'loyalty.member_register',
			'loyalty.accrue',
			'loyalty.commit',
			'loyalty.redeem',
			'loyalty.rollback',
			'loyalty.redeem',
			'loyalty.cancel',
			'loyalty.accrue',
			'loyalty.member_delete',
		]);
	});

	test('members found by phone, profile ID and a custom field; a promotion and dates with the accrual', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', { phones: ['+79001112233'], crm_id: 'CRM-9' });
		expect(jsonOf(await run(emu, loyalty('registerMember', { matching: 'custom', fieldName: 'crm_id', fieldValue: 'CRM-9' })))).toEqual([{ profile_id: ann }]);
		const accrued = await run(
			emu,
			loyalty('accruePoints', {
				matching: 'phone',
				phone: '+79001112233',
				amount: 250,
				currencyBy: 'eid',
				currencyEid: 'bonus_points',
				additionalFields: { promotionId: 'PROMO123', activationDate: inDays(emu, 10), expirationDate: inDays(emu, 100) },
			}),
		);
		// Not active before its activation date.
		expect(jsonOf(accrued)).toEqual([{ transaction_id: expect.stringMatching(UUID), balance: '0.00' }]);
		expect(requestsAt(emu, 'loyalty/accrue_points')[0].body).toMatchObject({ amount: '250', promotion_id: 'PROMO123', points_currency_eid: 'bonus_points' });
		expect(jsonOf(await run(emu, loyalty('getBalance', { matching: 'profile_id', profileId: ann })))).toEqual([{ total_balance: '250.00', active_balance: '0.00' }]);
		emu.commerce.advanceClock(11 * 86_400);
		expect(jsonOf(await run(emu, loyalty('getBalance', { matching: 'profile_id', profileId: ann })))).toEqual([{ total_balance: '250.00', active_balance: '250.00' }]);
		const tx = emu.commerce.getTransactions({ profileId: ann })[0];
		expect(tx).toMatchObject({ promotion_id: 2, amount: '250.00' });
		// Over the promotion's maximum: 450.
		const tooMuch = await run(emu, loyalty('accruePoints', { matching: 'phone', phone: '+79001112233', amount: '20000', additionalFields: { promotionId: 'PROMO123' } }));
		expect(tooMuch.error?.message).toMatch(errorOf(450));
	});

	test('a temporary transaction not committed within its timeout is rolled back; cancelling a final accrual', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');
		await call(emu, 'loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
		const temp = await run(emu, loyalty('accruePoints', { ...member('ann@example.com'), amount: '30', additionalFields: { isTemp: true, tempTimeout: 60, transactionEid: 'late' } }));
		expect(temp.status).toBe('success');
		emu.commerce.advanceClock(61);
		expect((await run(emu, transaction('commitTransaction', 'eid', 'late'))).error?.message).toMatch(errorOf(450));
		expect(emu.commerce.getTransaction('late')).toMatchObject({ state: 'rolled_back', end_reason: 'timeout' });

		const accrued = await run(emu, loyalty('accruePoints', { ...member('ann@example.com'), amount: '75', additionalFields: { transactionEid: 'gift' } }));
		const accrualId = accrued.items[0].json.transaction_id as string;
		expect(jsonOf(await run(emu, transaction('cancelTransaction', 'id', accrualId)))).toEqual([{ transaction_id: accrualId, balance: '0.00' }]);
		expect(emu.commerce.getBalance(1, ann)).toEqual({ total_balance: '0.00', active_balance: '0.00' });
		// A cancelled transaction cannot be cancelled again.
		expect((await run(emu, transaction('cancelTransaction', 'eid', 'gift'))).error?.message).toMatch(errorOf(450));
	});

	test('Get Transactions pages by the last transaction_id: Return All over two pages, and a Limit over two pages', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await call(emu, 'loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
		for (let i = 1; i <= 130; i++) {
			await call(emu, 'loyalty/accrue_points', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com', amount: `${i}.00`, points_currency_eid: 'stars' });
		}
		const params = { ...member('ann@example.com'), currencyBy: 'eid', currencyEid: 'stars' };
		const all = await run(emu, loyalty('getTransactions', { ...params, returnAll: true }));
		expect(all.items).toHaveLength(130);
		expect(jsonOf(all).map((t) => t.amount)).toEqual(Array.from({ length: 130 }, (_, i) => `${i + 1}.00`));
		const pages = requestsAt(emu, 'loyalty/account/transactions');
		expect(pages.map((r) => [r.body?.limit, r.body?.from_id])).toEqual([
			[100, undefined],
			[100, all.items[99].json.transaction_id],
		]);

		const limited = await run(emu, loyalty('getTransactions', { ...params, returnAll: false, limit: 120 }));
		expect(jsonOf(limited).map((t) => t.amount)).toEqual(Array.from({ length: 120 }, (_, i) => `${i + 1}.00`));
		expect(requestsAt(emu, 'loyalty/account/transactions').slice(2).map((r) => [r.body?.limit, r.body?.from_id])).toEqual([
			[100, undefined],
			[20, all.items[99].json.transaction_id],
		]);
		const few = await run(emu, loyalty('getTransactions', { ...params, returnAll: false, limit: 3 }));
		expect(jsonOf(few).map((t) => t.amount)).toEqual(['1.00', '2.00', '3.00']);
	});

	test('Export Transactions: waits for the task and returns its result (the CSV holds the period), or only the task ID', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await call(emu, 'loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
		for (const amount of ['10.00', '20.00', '30.00']) {
			await call(emu, 'loyalty/accrue_points', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com', amount });
		}
		const period = { dateFrom: inDays(emu, -1), dateTo: inDays(emu, 1) };
		const waited = await run(emu, loyalty('exportTransactions', { currencyBy: 'eid', currencyEid: 'bonus_points', ...period }));
		expect(waited.status).toBe('success');
		expect(jsonOf(waited)).toEqual([
			{
				task_id: expect.stringMatching(/^task_/),
				status: 'completed',
				progress: 100,
				result: {
					errors: [],
					source_id: 1,
					total: 3,
					type: 'loyalty_transactions',
					points_currency_eid: 'bonus_points',
					urls: [expect.stringMatching(/^\/api\/download\/.+\/1_loyalty_transactions_export\.csv$/)],
				},
			},
		]);
		const taskId = waited.items[0].json.task_id;
		expect(requestsAt(emu, 'tasks/status').map((r) => r.body?.task_id)).toEqual([taskId, taskId]);
		const url = ((waited.items[0].json.result as IDataObject).urls as string[])[0];
		const csv = await (await fetch(`${emu.url}${url}`, { headers: { Authorization: `Bearer ${emu.tokens.admin}` } })).text();
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0]).toMatch(/^transaction_id,transaction_eid,profile_id,created_at,transaction_type,amount,/);
		expect(lines).toHaveLength(4);

		// Without waiting: only the task ID, no status polls.
		const before = requestsAt(emu, 'tasks/status').length;
		const started = await run(emu, loyalty('exportTransactions', { currencyBy: 'iid', currencyIid: 1, ...period, waitForTask: false }));
		expect(jsonOf(started)).toEqual([{ task_id: expect.stringMatching(/^task_/) }]);
		expect(requestsAt(emu, 'tasks/status')).toHaveLength(before);
		expect(requestsAt(emu, 'loyalty/transactions_export')[1].body).toMatchObject({ loyalty_program_id: 1, points_currency_iid: 1, date_from: period.dateFrom, date_to: period.dateTo });
	});

	test('unknown program, unknown transaction, unknown currency, a non-member: our 404 message', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		expect((await run(emu, loyalty('registerMember', { ...member('ann@example.com'), loyaltyProgramId: 77 }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, loyalty('getBalance', member('ann@example.com')))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, transaction('commitTransaction', 'eid', 'never-made'))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, transaction('cancelTransaction', 'id', '01234567-89ab-7def-8123-456789abcdef'))).error?.message).toMatch(NOT_FOUND);
		await call(emu, 'loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
		expect((await run(emu, loyalty('getBalance', { ...member('ann@example.com'), currencyBy: 'eid', currencyEid: 'diamonds' }))).error?.message).toMatch(NOT_FOUND);
		expect((await run(emu, loyalty('getTiers', { ...member('ann@example.com'), tiersGroupId: 99 }))).error?.message).toMatch(NOT_FOUND);
		expect(opsOf(emu)).toEqual(['profile.create', 'loyalty.member_register']);
	});

	test('missing parameters stop before anything is sent, naming the field and the item', async () => {
		const emu = emulator();
		await inputError(emu, loyalty('accruePoints', { ...member('ann@example.com'), amount: '={{ $json.amount }}' }), 'Amount: is required (item 0)', { amount: '' });
		await inputError(emu, loyalty('redeemPoints', { ...member('ann@example.com'), amount: '={{ $json.amount }}' }), 'Amount: must be a decimal number like 100.50, got "2,5" (item 0)', { amount: '2,5' });
		await inputError(emu, transaction('commitTransaction', 'eid', '={{ $json.eid }}'), 'Transaction External ID: is required (item 0)', { eid: '' });
		await inputError(emu, transaction('rollbackTransaction', 'id', '={{ $json.id }}'), 'Transaction ID: is required (item 0)', { id: '' });
		await inputError(emu, loyalty('getTransactions', { ...member('ann@example.com'), currencyBy: 'eid', currencyEid: '={{ $json.currency }}', returnAll: true }), 'Currency External ID: is required (item 0)', { currency: '' });
		await inputError(emu, loyalty('getExpiringPoints', { ...member('ann@example.com'), currencyBy: 'iid', currencyIid: 1, dateFrom: '={{ $json.from }}', dateTo: '2030-01-01T00:00:00Z' }), 'Date From: is required (item 0)', { from: '' });
		await inputError(emu, loyalty('registerMember', { matching: 'profile_id', profileId: '={{ $json.id }}' }), 'Profile ID: "nope" is not a profile ID (24 hexadecimal characters) (item 0)', { id: 'nope' });
	});
});

describe('Loyalty Program: trigger promotions over several pages', () => {
	const many = (() => {
		const seed = structuredClone(DEFAULT_COMMERCE_SEED) as { loyaltyPrograms: Array<IDataObject & { trigger_promotions: IDataObject[] }> };
		seed.loyaltyPrograms[0].trigger_promotions = Array.from({ length: 130 }, (_, i) => ({
			id: i + 1,
			name: `Promotion ${i + 1}`,
			external_id: `promo_${i + 1}`,
			start_date: '2024-01-01T00:00:00Z',
			is_active: (i + 1) % 10 !== 0,
			accrual_rules: [{ points_currency_iid: 1 }],
		}));
		return seed;
	})();
	const seeded = useCommerceEmulator({ seed: { loyaltyPrograms: many.loyaltyPrograms } });

	test('Return All follows next_from_id to the end; a Limit stops after two pages; the status filter', async () => {
		const emu = seeded();
		const all = await run(emu, loyalty('getTriggerPromotions', { returnAll: true }));
		expect(all.items).toHaveLength(130);
		expect(all.items.map((i) => i.json.id)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
		expect(requestsAt(emu, 'loyalty/trigger_promotions').map((r) => [r.body?.limit, r.body?.from_id])).toEqual([
			[100, undefined],
			[100, 100],
			[100, 130],
		]);

		const limited = await run(emu, loyalty('getTriggerPromotions', { returnAll: false, limit: 120 }));
		expect(limited.items.map((i) => i.json.id)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
		expect(requestsAt(emu, 'loyalty/trigger_promotions').slice(3).map((r) => [r.body?.limit, r.body?.from_id])).toEqual([
			[100, undefined],
			[20, 100],
		]);

		const inactive = await run(emu, loyalty('getTriggerPromotions', { returnAll: true, filters: { isActive: 'inactive' } }));
		expect(inactive.items.map((i) => i.json.id)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130]);
		const active = await run(emu, loyalty('getTriggerPromotions', { returnAll: true, filters: { isActive: 'active' } }));
		expect(active.items).toHaveLength(117);
		expect(active.items[0].json).toEqual({
			id: 1,
			name: 'Promotion 1',
			description: '',
			external_id: 'promo_1',
			start_date: '2024-01-01T00:00:00Z',
			end_date: '',
			is_active: true,
			redeem_rules: [],
			accrual_rules: [{ points_currency_iid: 1, points_currency_eid: 'bonus_points', static_amount: '', min_amount: '', max_amount: '' }],
		});
	});
});
