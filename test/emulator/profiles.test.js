'use strict';

const { createEmulator } = require('../../emulator');
const { client, P } = require('./helpers');

describe('profiles endpoints', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const imp = (body, opts) => api(`${P}/profiles/import`, { db_id: 1, ...body }, opts);
	const get = (body) => api(`${P}/profiles/get/`, { db_id: 1, ...body });

	describe('import / update / add / get', () => {
		test('the read form adds the read-only system fields of 10-profiles.md §9', async () => {
			const a = await imp({ matching: 'email', email: 'Jane@Example.com', data: { email: 'Jane@Example.com', _fname: 'Jane' } });
			const { data } = (await get({ email: 'jane@example.com' })).json;
			expect(data).toMatchObject({
				id: a.json.profile_id,
				_xxh: expect.stringMatching(/^[0-9a-f]{16}$/),
				_md5: require('node:crypto').createHash('md5').update('jane@example.com').digest('hex'),
				_emaildomain: 'example.com',
				_domaingroup: 'example',
				_deliv_exist: false,
				_open_exist: false,
				_click_exist: false,
				_confirm_exist: false,
				_is_test: false,
			});
			// The same _xxh as the profile's other appearances (orders, history) use.
			expect(data._xxh).toBe(emu.store.xxh(a.json.profile_id));
		});

		test('import creates, then updates the profile found by e-mail', async () => {
			const a = await imp({ matching: 'email', email: 'jane@example.com', data: { email: 'jane@example.com', _fname: 'Jane' } });
			expect(a.json).toEqual({ error: 0, error_text: 'Successful operation', profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
			const b = await imp({ email: 'jane@example.com', data: { _lname: 'Doe' } });
			expect(b.json.profile_id).toBe(a.json.profile_id);
			expect(emu.ledger.map((e) => e.op)).toEqual(['profile.create', 'profile.update']);
			expect(emu.ledger[0]).toMatchObject({ seq: 1, path: `${P}/profiles/import`, requestId: null, dbId: 1, profileId: a.json.profile_id });
			const g = await get({ email: 'jane@example.com' });
			expect(g.json.data).toMatchObject({ id: a.json.profile_id, db_id: 1, email: 'jane@example.com', _fname: 'Jane', _lname: 'Doe' });
		});

		test('import takes the identifier into a new profile (email / phones / custom field)', async () => {
			const a = await imp({ email: 'id@example.com', data: { _fname: 'Id' } });
			expect(emu.store.getProfile(a.json.profile_id).email).toBe('id@example.com');
			const b = await imp({ matching: 'phone', phone: '+79001112233', data: {} });
			expect(emu.store.getProfile(b.json.profile_id).phones).toEqual(['+79001112233']);
			const c = await imp({ matching: 'custom', field_name: 'orders_count', field_value: '5', data: {} });
			expect(emu.store.getProfile(c.json.profile_id).orders_count).toBe(5);
		});

		test('update never creates (404); profile_id matching never creates (404)', async () => {
			const u = await api(`${P}/profiles/update`, { db_id: 1, email: 'ghost@example.com', data: { _fname: 'X' } });
			expect(u.json.error).toBe(404);
			const i = await imp({ matching: 'profile_id', profile_id: 'aaaaaaaaaaaaaaaaaaaaaaaa', data: { _fname: 'X' } });
			expect(i.json.error).toBe(404);
			expect(emu.ledger).toHaveLength(0);
		});

		test('update by profile_id', async () => {
			const a = await imp({ email: 'p@example.com', data: {} });
			const u = await api(`${P}/profiles/update`, { db_id: 1, matching: 'profile_id', profile_id: a.json.profile_id, data: { orders_count: { action: 'incr', value: 1 } } });
			expect(u.json).toEqual({ error: 0, error_text: 'Successful operation', profile_id: a.json.profile_id });
			expect(emu.store.getProfile(a.json.profile_id).orders_count).toBe(1);
		});

		test('add answers an empty error_text; refuses a duplicate e-mail (409); empty data creates an empty profile', async () => {
			const a = await api(`${P}/profiles/add`, { db_id: 1, data: { email: 'add@example.com', _fname: 'Add' }, skip_triggers: true });
			expect(a.json).toEqual({ error: 0, error_text: '', profile_id: expect.any(String) });
			expect(emu.ledger[0]).toMatchObject({ op: 'profile.create', skipTriggers: true });
			const dup = await api(`${P}/profiles/add`, { db_id: 1, data: { email: 'ADD@example.com' } });
			expect(dup.json.error).toBe(409);
			const empty = await api(`${P}/profiles/add`, { db_id: 1 });
			expect(empty.json.error).toBe(0);
			expect(emu.store.countProfiles(1)).toBe(2);
		});

		test('get returns fields and nested subscriptions; unknown profile → 404', async () => {
			await imp({
				email: 'g@example.com',
				data: {
					email: 'g@example.com',
					phones: ['+79000000001'],
					subscriptions: [
						{ resource_id: 1, channel: 'email', email: 'g@example.com', status: 'subscribed', cats: ['news'], custom_fields: { visits: 3 } },
						{ resource_id: 2, channel: 'sms', phone_data: { phone: '+79000000001' }, status: 4, priority: 2 },
						{ resource_id: 4, channel: 'push', push_data: { provider: 'android-firebase', subscription_id: 'dev-1' } },
					],
				},
			});
			const g = await get({ email: 'g@example.com' });
			const subs = g.json.data.subscriptions;
			expect(subs).toHaveLength(3);
			expect(subs[0]).toMatchObject({
				channel: 'email',
				resource_id: 1,
				status: 'subscribed',
				priority: 0,
				email_data: { email: 'g@example.com', domain: 'example.com' },
				custom_fields: { visits: 3 },
				cats: ['news'],
				is_delete: false,
				hash_id: expect.any(String),
				reg_info: { date: expect.any(String) },
			});
			expect(subs[0]).not.toHaveProperty('email');
			expect(subs[1]).toMatchObject({ channel: 'sms', phone_data: { phone: '+79000000001' }, status: 'unconfirmed', priority: 2 });
			expect(subs[2]).toMatchObject({ channel: 'push', push_data: { provider: 'android-firebase', subscription_id: 'dev-1' }, status: 'subscribed' });
			expect((await get({ email: 'none@example.com' })).json.error).toBe(404);
		});

		test('subscription status/priority change only when sent', async () => {
			const sub = { resource_id: 1, channel: 'email', email: 's@example.com' };
			await imp({ email: 's@example.com', data: { subscriptions: [{ ...sub, status: 'unsubscribed', priority: 3 }] } });
			await imp({ email: 's@example.com', data: { subscriptions: [{ ...sub, custom_fields: { source: 'web' } }] } });
			let s = (await get({ email: 's@example.com' })).json.data.subscriptions;
			expect(s).toHaveLength(1);
			expect(s[0]).toMatchObject({ status: 'unsubscribed', priority: 3, custom_fields: { source: 'web' } });
			await imp({ email: 's@example.com', data: { subscriptions: [{ ...sub, status: 0 }] } });
			s = (await get({ email: 's@example.com' })).json.data.subscriptions;
			expect(s[0].status).toBe('subscribed');
		});
	});

	describe('parameter and field validation', () => {
		test.each([
			[{ email: 'a@example.com', data: {} }, /db_id/, 'missing db_id'],
			[{ db_id: '1', email: 'a@example.com', data: {} }, /db_id.*integer/, 'db_id not an integer'],
			[{ db_id: 1, email: 'a@example.com' }, /data/, 'missing data'],
			[{ db_id: 1, email: 'a@example.com', data: [] }, /data.*object/, 'data not an object'],
			[{ db_id: 1, matching: 'fax', email: 'a@example.com', data: {} }, /matching/, 'unknown matching'],
			[{ db_id: 1, data: {} }, /email/, 'missing identifier'],
			[{ db_id: 1, matching: 'push_sub', provider: 'Firefox', data: {} }, /subscription_id/, 'missing one of two identifiers'],
			[{ db_id: 1, email: 'a@example.com', data: {}, skip_triggers: 'yes' }, /skip_triggers/, 'bool param of wrong type'],
			[{ db_id: 1, matching: 'custom', field_name: 'nope', field_value: 1, data: {} }, /field_name/, 'unknown field_name'],
		])('400 naming the parameter: %#', async (body, re) => {
			const r = await api(`${P}/profiles/import`, body);
			expect(r.json.error).toBe(400);
			expect(r.json.error_text).toMatch(re);
		});

		test.each([
			[{ nickname: 'x' }, /nickname/],
			[{ orders_count: 'ten' }, /orders_count/],
			[{ orders_count: 1.5 }, /orders_count/],
			[{ balance: '10' }, /balance/],
			[{ is_vip: 'true' }, /is_vip/],
			[{ email: 'not-an-email' }, /email/],
			[{ signup_date: '2024-02-30' }, /signup_date/],
			[{ _bdate: '22.02.1990' }, /_bdate/],
			[{ tags: 'a,b' }, /tags/],
			[{ prefs: [1] }, /prefs/],
			[{ purchases: [1, 2] }, /purchases/],
			[{ phones: ['abc'] }, /phones/],
			[{ _regip: '300.1.1.1' }, /_regip/],
			[{ _sex: 'robot' }, /_sex/],
			[{ _createtime: '2020-01-01' }, /_createtime.*read-only/],
		])('450 naming the field: %j', async (data, re) => {
			const r = await imp({ email: 'v@example.com', data });
			expect(r.json.error).toBe(450);
			expect(r.json.error_text).toMatch(re);
			expect(emu.ledger).toHaveLength(0);
		});

		test('valid values of every type are stored', async () => {
			const data = {
				_fname: 'Ann',
				_bdate: '1990-02-22T21:00:00Z',
				_sex: 'female',
				crm_id: 'C-1',
				orders_count: 3,
				balance: 10.5,
				is_vip: true,
				tags: ['a', 'b', 'a'],
				prefs: { lang: 'en' },
				purchases: [{ sku: 'x', qty: 1 }],
				signup_date: '2024-01-31',
				_regip: '10.0.0.1',
				phones: ['+7 (900) 000-00-02'],
			};
			const r = await imp({ email: 'types@example.com', data });
			expect(r.json.error).toBe(0);
			expect(emu.store.getProfile(r.json.profile_id)).toMatchObject({ ...data, _sex: 2, tags: ['a', 'b'] });
		});

		test('409 when another profile owns the e-mail', async () => {
			await imp({ email: 'one@example.com', data: {} });
			const b = await imp({ email: 'two@example.com', data: {} });
			const r = await api(`${P}/profiles/update`, { db_id: 1, matching: 'profile_id', profile_id: b.json.profile_id, data: { email: 'ONE@example.com' } });
			expect(r.json.error).toBe(409);
			expect(emu.store.getProfile(b.json.profile_id).email).toBe('two@example.com');
		});

		test('subscriptions: unknown resource → 404; resource of another database → 413; invalid → 450', async () => {
			const r404 = await imp({ email: 'a@example.com', data: { subscriptions: [{ resource_id: 99, channel: 'email', email: 'a@example.com' }] } });
			expect(r404.json.error).toBe(404);
			const r413 = await imp({ email: 'a@example.com', data: { subscriptions: [{ resource_id: 3, channel: 'email', email: 'a@example.com' }] } });
			expect(r413.json.error).toBe(413);
			const bad = [
				{ resource_id: 1, channel: 'sms', phone: '+79000000000' },
				{ resource_id: 1, channel: 'email', email: 'nope' },
				{ resource_id: 1, channel: 'email', email: 'a@example.com', status: 'maybe' },
				{ resource_id: 1, channel: 'email', email: 'a@example.com', cats: ['unknown-cat'] },
				{ resource_id: 1, channel: 'email', email: 'a@example.com', custom_fields: { nope: 1 } },
				{ resource_id: 1, email: 'a@example.com' },
			];
			for (const s of bad) {
				const r = await imp({ email: 'a@example.com', data: { subscriptions: [s] } });
				expect(r.json.error).toBe(450);
			}
			expect(emu.ledger).toHaveLength(0);
		});

		test('skip_invalid_subscriptions drops invalid subscriptions instead of failing', async () => {
			const r = await imp({
				email: 'k@example.com',
				skip_invalid_subscriptions: true,
				data: {
					subscriptions: [
						{ resource_id: 3, channel: 'email', email: 'k@example.com' },
						{ resource_id: 1, channel: 'email', email: 'k@example.com' },
						{ resource_id: 99, channel: 'email', email: 'k@example.com' },
					],
				},
			});
			expect(r.json.error).toBe(0);
			const subs = emu.store.getProfile(r.json.profile_id).subscriptions;
			expect(subs.map((s) => s.resource_id)).toEqual([1]);
		});

		test('limited token: subscription to a resource outside its zone → 404', async () => {
			const r = await imp({ email: 'l@example.com', data: { subscriptions: [{ resource_id: 3, channel: 'email', email: 'l@example.com' }] } }, { token: emu.tokens.limited });
			expect(r.json.error).toBe(404);
		});
	});

	describe('matching modes (§9)', () => {
		let A; // email field a@, phone +79000000001, sms sub +79000000011, crm A-1, tags [x,y]
		let B; // email field b@, email sub on resource 1: sub-b@, push sub
		beforeEach(async () => {
			A = (await imp({
				email: 'a@example.com',
				data: {
					phones: ['+79000000001'],
					crm_id: 'A-1',
					tags: ['x', 'y'],
					subscriptions: [{ resource_id: 2, channel: 'sms', phone: '+79000000011', custom_fields: { opt_in_source: 'shop' } }],
				},
			})).json.profile_id;
			B = (await imp({
				email: 'b@example.com',
				data: {
					crm_id: 'B-1',
					tags: ['y'],
					subscriptions: [
						{ resource_id: 1, channel: 'email', email: 'sub-b@example.com' },
						{ resource_id: 4, channel: 'push', provider: 'Firefox', subscription_id: 'tok-b' },
					],
				},
			})).json.profile_id;
		});
		const id = async (body) => {
			const r = await get(body);
			return r.json.error === 0 ? r.json.data.id : r.json.error;
		};

		test('email / email_profile / email_sub', async () => {
			expect(await id({ email: 'A@Example.com' })).toBe(A);
			expect(await id({ email: 'sub-b@example.com' })).toBe(B);
			expect(await id({ matching: 'email_profile', email: 'sub-b@example.com' })).toBe(404);
			expect(await id({ matching: 'email_profile', email: 'b@example.com' })).toBe(B);
			expect(await id({ matching: 'email_sub', email: 'b@example.com' })).toBe(404);
			expect(await id({ matching: 'email_sub', email: 'sub-b@example.com' })).toBe(B);
		});

		test('phone / phone_sub', async () => {
			expect(await id({ matching: 'phone', phone: '+7 900 000-00-01' })).toBe(A);
			expect(await id({ matching: 'phone', phone: '+79000000011' })).toBe(A);
			expect(await id({ matching: 'phone_sub', phone: '+79000000001' })).toBe(404);
			expect(await id({ matching: 'phone_sub', phone: '+79000000011' })).toBe(A);
		});

		test('email_phone / email_phone_sub', async () => {
			expect(await id({ matching: 'email_phone', phone: '+79000000001' })).toBe(A);
			expect(await id({ matching: 'email_phone', email: 'b@example.com' })).toBe(B);
			expect(await id({ matching: 'email_phone', email: 'b@example.com', phone: '+79000000001' })).toBe(435);
			expect(await id({ matching: 'email_phone_sub', email: 'sub-b@example.com' })).toBe(B);
			expect(await id({ matching: 'email_phone_sub', phone: '+79000000011' })).toBe(A);
			expect(await id({ matching: 'email_phone' })).toBe(400);
		});

		test('profile_id, push_sub, custom, custom_sub', async () => {
			expect(await id({ matching: 'profile_id', profile_id: B })).toBe(B);
			expect(await id({ matching: 'profile_id', profile_id: 'xyz' })).toBe(400);
			expect(await id({ matching: 'push_sub', provider: 'Firefox', subscription_id: 'tok-b' })).toBe(B);
			expect(await id({ matching: 'custom', field_name: 'crm_id', field_value: 'A-1' })).toBe(A);
			expect(await id({ matching: 'custom', field_name: 'tags', field_value: 'x, y' })).toBe(A);
			expect(await id({ matching: 'custom', field_name: 'tags', field_value: 'y' })).toBe(435);
			expect(await id({ matching: 'custom_sub', field_name: 'opt_in_source', field_value: 'shop' })).toBe(A);
		});

		test('profile_id of another database is not found', async () => {
			const r = await api(`${P}/profiles/get/`, { db_id: 2, matching: 'profile_id', profile_id: A });
			expect(r.json.error).toBe(404);
		});

		test('ambiguous match → 435; resource_id narrows the subscription part', async () => {
			// C owns the profile e-mail sub-b@ too, in its own field: "email" now matches B (subscription) and C (field)
			const C = (await api(`${P}/profiles/add`, { db_id: 1, data: { email: 'sub-b@example.com' } })).json.profile_id;
			expect(await id({ email: 'sub-b@example.com' })).toBe(435);
			const amb = await imp({ email: 'sub-b@example.com', data: { _fname: 'X' } });
			expect(amb.json.error).toBe(435);
			expect(await id({ matching: 'email_profile', email: 'sub-b@example.com' })).toBe(C);
			expect(await id({ matching: 'email_sub', email: 'sub-b@example.com', resource_id: 1 })).toBe(B);
			const narrowed = await get({ matching: 'email_sub', email: 'sub-b@example.com', resource_id: 2 });
			expect(narrowed.json.error).toBe(404);
			expect((await get({ email: 'a@example.com', resource_id: 3 })).json.error).toBe(413);
			expect((await get({ email: 'a@example.com', resource_id: 77 })).json.error).toBe(404);
		});

		test('index stays right after e-mail changes and deletes', async () => {
			await api(`${P}/profiles/update`, { db_id: 1, email: 'a@example.com', data: { email: 'a2@example.com' } });
			expect(await id({ email: 'a@example.com' })).toBe(404);
			expect(await id({ email: 'a2@example.com' })).toBe(A);
			await api(`${P}/profiles/delete`, { db_id: 1, email: 'a2@example.com' });
			expect(await id({ matching: 'phone', phone: '+79000000001' })).toBe(404);
			expect(await id({ matching: 'custom', field_name: 'crm_id', field_value: 'A-1' })).toBe(404);
		});
	});

	describe('field functions (§15)', () => {
		let pid;
		beforeEach(async () => {
			pid = (await imp({
				email: 'f@example.com',
				data: { orders_count: 2, balance: 1.25, tags: ['a', 'b'], prefs: { lang: 'en', ui: { theme: 'dark' } }, purchases: [{ sku: 'x', qty: 1 }, { id: 2 }], crm_id: 'C' },
			})).json.profile_id;
		});
		const upd = (data) => api(`${P}/profiles/update`, { db_id: 1, matching: 'profile_id', profile_id: pid, data });
		const prof = () => emu.store.getProfile(pid);

		test('set / unset / incr', async () => {
			expect((await upd({ orders_count: { action: 'incr', value: 3 }, balance: { action: 'incr', value: -0.25 } })).json.error).toBe(0);
			expect(prof()).toMatchObject({ orders_count: 5, balance: 1 });
			expect((await upd({ _fname: { action: 'set', value: 'Ann' }, crm_id: { action: 'unset' } })).json.error).toBe(0);
			expect(prof()._fname).toBe('Ann');
			expect(prof()).not.toHaveProperty('crm_id');
			expect((await upd({ is_vip: { action: 'incr', value: 1 } })).json.error).toBe(450);
		});

		test('incr on a field without a value starts from 0', async () => {
			await upd({ orders_count: { action: 'unset' } });
			await upd({ orders_count: { action: 'incr', value: 4 } });
			expect(prof().orders_count).toBe(4);
		});

		test('add / delete tags and arr_object elements', async () => {
			await upd({ tags: { action: 'add', value: ['b', 'c'] } });
			expect(prof().tags).toEqual(['a', 'b', 'c']);
			await upd({ tags: { action: 'delete', value: ['a'] } });
			expect(prof().tags).toEqual(['b', 'c']);
			await upd({ purchases: { action: 'add', value: [{ sku: 'y', qty: 2 }] } });
			expect(prof().purchases).toHaveLength(3);
			await upd({ purchases: { action: 'delete', value: [{ sku: 'x', qty: 1 }] } });
			expect(prof().purchases).toEqual([{ id: 2 }, { sku: 'y', qty: 2 }]);
		});

		test('upsert on object (dot path) and arr_object (every element having the property)', async () => {
			await upd({ prefs: { action: 'upsert', submatch: 'ui.theme', value: 'light' } });
			expect(prof().prefs).toEqual({ lang: 'en', ui: { theme: 'light' } });
			await upd({ purchases: { action: 'upsert', submatch: 'qty', value: 9 } });
			expect(prof().purchases).toEqual([{ sku: 'x', qty: 9 }, { id: 2 }]);
		});

		test('type rules → 450', async () => {
			const cases = [
				{ crm_id: { action: 'incr', value: 1 } },
				{ orders_count: { action: 'incr', value: 1.5 } },
				{ orders_count: { action: 'incr', value: '1' } },
				{ orders_count: { action: 'add', value: [1] } },
				{ tags: { action: 'add', value: [1] } },
				{ crm_id: { action: 'upsert', submatch: 'x', value: 1 } },
				{ prefs: { action: 'upsert', value: 1 } },
				{ email: { action: 'unset' } },
				{ email: null },
				{ orders_count: { action: 'multiply', value: 2 } },
				{ orders_count: { action: 'set', value: 'x' } },
			];
			for (const data of cases) {
				const r = await upd(data);
				expect([JSON.stringify(data), r.json.error]).toEqual([JSON.stringify(data), 450]);
			}
			expect(emu.ledger).toHaveLength(1);
		});

		test('null unsets a field', async () => {
			await upd({ crm_id: null });
			expect(prof()).not.toHaveProperty('crm_id');
		});
	});

	describe('import options', () => {
		test('detect_geo sets _city/_country from the IP unless sent', async () => {
			const r = await imp({ email: 'geo@example.com', detect_geo: true, data: { _regip: '95.84.1.1' } });
			expect(emu.store.getProfile(r.json.profile_id)).toMatchObject({ _city: 'Moscow', _country: 'RU' });
			const r2 = await imp({ email: 'geo2@example.com', detect_geo: true, data: { _ip: '95.84.1.1', _city: 'Kazan' } });
			expect(emu.store.getProfile(r2.json.profile_id)).toMatchObject({ _city: 'Kazan', _country: 'RU' });
			const r3 = await imp({ email: 'geo3@example.com', data: { _regip: '95.84.1.1' } });
			expect(emu.store.getProfile(r3.json.profile_id)).not.toHaveProperty('_city');
		});

		test('add_to_segments / remove_from_segments record static membership; unknown ids are ignored', async () => {
			const r = await imp({ email: 'seg@example.com', add_to_segments: [1, 2, 3, 4, 999], data: {} });
			expect(r.json.error).toBe(0);
			expect(emu.store.getProfile(r.json.profile_id).static_segments).toEqual([1, 2]);
			await imp({ email: 'seg@example.com', remove_from_segments: [1], data: {} });
			expect(emu.store.getProfile(r.json.profile_id).static_segments).toEqual([2]);
			expect((await imp({ email: 'seg@example.com', add_to_segments: '1', data: {} })).json.error).toBe(400);
		});

		test('skip_triggers is recorded in the ledger', async () => {
			await imp({ email: 't@example.com', skip_triggers: true, data: {} });
			await imp({ email: 't@example.com', data: {} }, { headers: { 'Request-ID': 'x' } });
			expect(emu.ledger.map((e) => e.skipTriggers)).toEqual([true, false]);
			expect(emu.ledger[1].requestId).toBe('x');
		});
	});

	describe('batch calls', () => {
		test('import_batch: result[] in input order, failures per entry, top-level error 0', async () => {
			await imp({ email: 'exists@example.com', data: { _fname: 'Old' } });
			const r = await api(`${P}/profiles/import_batch`, {
				db_id: 1,
				matching: 'email',
				skip_triggers: true,
				data: [
					{ email: 'new@example.com', _fname: 'New', subscriptions: [{ channel: 'email', email_data: { email: 'new@example.com' }, resource_id: 1 }] },
					{ email: 'exists@example.com', _fname: 'Updated' },
					{ email: 'bad@example.com', orders_count: 'x' },
					{ _fname: 'No email' },
					'not an object',
					{ email: 'sub@example.com', subscriptions: [{ channel: 'email', email: 'sub@example.com', resource_id: 3 }] },
				],
			});
			expect(r.json.error).toBe(0);
			expect(r.json.result.map((x) => x.error)).toEqual([0, 0, 450, 400, 400, 413]);
			expect(r.json.result[0]).toEqual({ error: 0, error_text: 'Successful operation', profile_id: expect.any(String) });
			expect(r.json.result[2].error_text).toMatch(/orders_count/);
			expect(emu.store.getProfileByEmail(1, 'exists@example.com')._fname).toBe('Updated');
			expect(emu.ledger.slice(1).map((e) => e.op)).toEqual(['profile.create', 'profile.update']);
			expect(emu.store.getProfileByEmail(1, 'new@example.com').subscriptions[0].email_data.email).toBe('new@example.com');
		});

		test('import_batch: duplicates inside one batch update the profile created earlier in it', async () => {
			const r = await api(`${P}/profiles/import_batch`, { db_id: 1, data: [{ email: 'x@example.com', orders_count: 1 }, { email: 'X@example.com', orders_count: { action: 'incr', value: 1 } }] });
			expect(r.json.result[0].profile_id).toBe(r.json.result[1].profile_id);
			expect(emu.store.getProfile(r.json.result[0].profile_id).orders_count).toBe(2);
		});

		test('import_batch with phone and custom matching reads identifiers from each element', async () => {
			const r = await api(`${P}/profiles/import_batch`, {
				db_id: 1,
				matching: 'custom',
				field_name: 'crm_id',
				data: [{ crm_id: 'C-1', _fname: 'One' }, { field_value: 'C-2', _fname: 'Two' }],
			});
			expect(r.json.result.map((x) => x.error)).toEqual([0, 0]);
			expect(emu.store.getProfile(r.json.result[1].profile_id).crm_id).toBe('C-2');
			const p = await api(`${P}/profiles/import_batch`, { db_id: 1, matching: 'phone', data: [{ phone: '+79005550001', _fname: 'Ph' }, { phones: ['+79005550002'] }] });
			expect(p.json.result.map((x) => x.error)).toEqual([0, 0]);
			expect(emu.store.getProfile(p.json.result[0].profile_id).phones).toEqual(['+79005550001']);
			const noField = await api(`${P}/profiles/import_batch`, { db_id: 1, matching: 'custom', data: [] });
			expect(noField.json.error).toBe(400);
		});

		test('update_batch never creates; -1 keeps subscription status/priority', async () => {
			await imp({ email: 'u@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'u@example.com', status: 'suspended', priority: 4 }] } });
			const r = await api(`${P}/profiles/update_batch`, {
				db_id: 1,
				data: [
					{ email: 'u@example.com', _lname: 'Smith', subscriptions: [{ resource_id: 1, channel: 'email', email: 'u@example.com', status: -1, priority: -1, cats: ['promo'] }] },
					{ email: 'missing@example.com', _lname: 'X' },
				],
			});
			expect(r.json.error).toBe(0);
			expect(r.json.result.map((x) => x.error)).toEqual([0, 404]);
			const p = emu.store.getProfileByEmail(1, 'u@example.com');
			expect(p._lname).toBe('Smith');
			expect(p.subscriptions[0]).toMatchObject({ status: 'suspended', priority: 4, cats: ['promo'] });
			expect(emu.store.countProfiles(1)).toBe(1);
		});

		test('add_batch: no lookup, duplicate e-mail refused per entry', async () => {
			const r = await api(`${P}/profiles/add_batch/`, {
				db_id: 1,
				data: [{ _fname: 'John', subscriptions: [{ channel: 'email', email_data: { email: 'john@example.com' }, resource_id: 1 }] }, { email: 'd@example.com' }, { email: 'd@example.com' }],
			});
			expect(r.json.result.map((x) => x.error)).toEqual([0, 0, 409]);
			expect(emu.ledger.filter((e) => e.path === `${P}/profiles/add_batch/`)).toHaveLength(2);
		});

		test('data must be an array; more than maxBatchSize entries → 400', async () => {
			expect((await api(`${P}/profiles/import_batch`, { db_id: 1, data: {} })).json.error).toBe(400);
			const small = await createEmulator({ maxBatchSize: 2 });
			try {
				const r = await client(small)(`${P}/profiles/import_batch`, { db_id: 1, data: [{ email: 'a@x.io' }, { email: 'b@x.io' }, { email: 'c@x.io' }] });
				expect(r.json.error).toBe(400);
				expect(small.ledger).toHaveLength(0);
			} finally {
				await small.close();
			}
		});

		test('10,000 profiles in one import_batch, then updated in place, quickly', async () => {
			const data = Array.from({ length: 10000 }, (_, i) => ({ email: `bulk${i}@example.com`, orders_count: i, phones: [`+7900${String(i).padStart(7, '0')}`] }));
			const t0 = Date.now();
			const r = await api(`${P}/profiles/import_batch`, { db_id: 1, data });
			const r2 = await api(`${P}/profiles/import_batch`, { db_id: 1, data: data.map((d) => ({ email: d.email, orders_count: { action: 'incr', value: 1 } })) });
			const ms = Date.now() - t0;
			expect(r.json.result.every((x) => x.error === 0)).toBe(true);
			expect(r2.json.result.every((x) => x.error === 0)).toBe(true);
			expect(emu.store.countProfiles(1)).toBe(10000);
			expect(emu.store.getProfileByEmail(1, 'bulk9999@example.com').orders_count).toBe(10000);
			expect(ms).toBeLessThan(5000);
		});
	});

	describe('list (cursor paging)', () => {
		beforeEach(async () => {
			const data = Array.from({ length: 25 }, (_, i) => ({
				email: `l${i}@example.com`,
				_city: i % 2 ? 'Moscow' : 'Bay City',
				_lname: i < 3 ? 'Black' : 'White',
				orders_count: i,
				tags: i % 5 === 0 ? ['five'] : [],
			}));
			await api(`${P}/profiles/import_batch`, { db_id: 1, data });
			await api(`${P}/profiles/import`, { db_id: 2, email: 'other-db@example.com', data: {} });
		});
		const list = (body) => api(`${P}/profiles/list`, { db_id: 1, ...body });

		test('pages through all profiles; the page after the last one is empty', async () => {
			const seen = [];
			let from = '';
			const sizes = [];
			for (let i = 0; i < 10; i++) {
				const r = await list({ from_id: from, limit: 10 });
				expect(r.json.error).toBe(0);
				sizes.push(r.json.data.length);
				if (r.json.data.length === 0) break;
				seen.push(...r.json.data.map((p) => p.email));
				expect(typeof r.json.next_from_id).toBe('string');
				from = r.json.next_from_id;
			}
			expect(sizes).toEqual([10, 10, 5, 0]);
			expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `l${i}@example.com`));
		});

		test('default limit is 1000', async () => {
			const r = await list({});
			expect(r.json.data).toHaveLength(25);
		});

		test('query subset and fields projection', async () => {
			const q = async (query) => (await list({ query })).json.data.length;
			expect(await q({ _city: 'Moscow' })).toBe(12);
			expect(await q({ $or: [{ _lname: 'Black' }, { _city: 'Moscow' }] })).toBe(14);
			expect(await q({ $and: [{ _city: 'Moscow' }, { orders_count: { $gte: 20 } }] })).toBe(2);
			expect(await q({ orders_count: { $in: [1, 2, 3] } })).toBe(3);
			expect(await q({ orders_count: { $gt: 5, $lte: 8 } })).toBe(3);
			expect(await q({ orders_count: { $lt: 2 } })).toBe(2);
			expect(await q({ _lname: { $ne: 'White' } })).toBe(3);
			expect(await q({ tags: 'five' })).toBe(5);
			expect(await q({ crm_id: { $exists: false } })).toBe(25);
			expect(await q({ _city: { $exists: true } })).toBe(25);
			const r = await list({ query: { _lname: 'Black' }, fields: ['_id', 'email', '_lname'] });
			expect(r.json.data[0]).toEqual({ id: expect.any(String), email: 'l0@example.com', _lname: 'Black' });
			expect((await list({ query: { orders_count: { $regex: 'x' } } })).json.error).toBe(400);
			expect((await list({ query: [1] })).json.error).toBe(400);
		});

		test('paging with a query', async () => {
			const r1 = await list({ query: { _city: 'Moscow' }, limit: 5 });
			const r2 = await list({ query: { _city: 'Moscow' }, limit: 5, from_id: r1.json.next_from_id });
			const r3 = await list({ query: { _city: 'Moscow' }, limit: 5, from_id: r2.json.next_from_id });
			const r4 = await list({ query: { _city: 'Moscow' }, limit: 5, from_id: r3.json.next_from_id });
			expect([r1, r2, r3, r4].map((r) => r.json.data.length)).toEqual([5, 5, 2, 0]);
		});

		test('bad cursor → 400; subscriptions come in nested form', async () => {
			expect((await list({ from_id: 'garbage' })).json.error).toBe(400);
			expect((await list({ from_id: 12 })).json.error).toBe(400);
			await imp({ email: 'l0@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'l0@example.com' }] } });
			const r = await list({ limit: 1, fields: ['subscriptions'] });
			expect(r.json.data[0].subscriptions[0]).toMatchObject({ channel: 'email', email_data: { email: 'l0@example.com' } });
		});
	});

	describe('delete', () => {
		test('deletes and answers data.profile_id', async () => {
			const a = await imp({ email: 'del@example.com', data: {} });
			const r = await api(`${P}/profiles/delete`, { db_id: 1, matching: 'email', email: 'del@example.com' });
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation', data: { profile_id: a.json.profile_id } });
			expect(emu.ledger[1]).toMatchObject({ op: 'profile.delete', dbId: 1, profileId: a.json.profile_id });
			expect(emu.store.getProfile(a.json.profile_id)).toBeUndefined();
			expect((await get({ email: 'del@example.com' })).json.error).toBe(404);
			expect((await api(`${P}/profiles/delete`, { db_id: 1, email: 'del@example.com' })).json.error).toBe(404);
		});

		test('only the documented matching modes', async () => {
			expect((await api(`${P}/profiles/delete`, { db_id: 1, matching: 'email_sub', email: 'x@example.com' })).json.error).toBe(400);
			const a = await imp({ email: 'c@example.com', data: { crm_id: 'Z' } });
			const r = await api(`${P}/profiles/delete`, { db_id: 1, matching: 'custom', field_name: 'crm_id', field_value: 'Z' });
			expect(r.json.data.profile_id).toBe(a.json.profile_id);
		});
	});

	describe('merge and split', () => {
		test('merge: sources fill the destination; a copied e-mail is cleared in the source; subscriptions copied', async () => {
			const s1 = (await imp({ email: 'old1@example.com', data: { _fname: 'Old', crm_id: 'S1', subscriptions: [{ resource_id: 1, channel: 'email', email: 'old1@example.com' }] } })).json.profile_id;
			const s2 = (await imp({ email: 'old2@example.com', data: { _lname: 'Two', crm_id: 'S2' } })).json.profile_id;
			const d = (await imp({ email: 'main@example.com', data: { crm_id: 'MAIN' } })).json.profile_id;
			const r = await api(`${P}/profiles/merge`, {
				db_id: 1,
				matching: 'email',
				source: [{ db_id: 1, email: 'old1@example.com' }, { db_id: 1, email: 'old2@example.com' }],
				destination: { db_id: 1, email: 'main@example.com' },
				data: { is_vip: true },
				subscriptions: true,
			});
			expect(r.json).toEqual({ error: 0, error_text: 'Successful operation', data: { profile_id: d } });
			const dest = emu.store.getProfile(d);
			expect(dest).toMatchObject({ email: 'main@example.com', crm_id: 'MAIN', _fname: 'Old', _lname: 'Two', is_vip: true });
			expect(dest.subscriptions.map((s) => s.email_data.email)).toEqual(['old1@example.com']);
			expect(emu.store.getProfile(s1).email).toBe('old1@example.com');
			expect(emu.ledger[emu.ledger.length - 1]).toMatchObject({ op: 'profile.merge', profileId: d, data: { sources: [s1, s2], created: false } });
		});

		test('merge into a new destination moves the e-mail; missing source → 404', async () => {
			const s1 = (await imp({ email: 'm1@example.com', data: { _fname: 'M', crm_id: 'M1' } })).json.profile_id;
			await api(`${P}/profiles/add`, { db_id: 1, data: { _lname: 'NoMail', crm_id: 'NM' } });
			const r = await api(`${P}/profiles/merge`, {
				db_id: 1,
				matching: 'custom',
				field_name: 'crm_id',
				source: [{ field_value: 'NM' }, { field_value: 'M1' }],
				destination: { field_value: 'NEW' },
			});
			expect(r.json.error).toBe(0);
			const dest = emu.store.getProfile(r.json.data.profile_id);
			expect(dest).toMatchObject({ crm_id: 'NEW', _lname: 'NoMail', _fname: 'M', email: 'm1@example.com' });
			expect(emu.store.getProfile(s1)).not.toHaveProperty('email');
			expect(emu.store.getProfileByEmail(1, 'm1@example.com').id).toBe(dest.id);
			const r2 = await api(`${P}/profiles/merge`, { db_id: 1, source: [{ email: 'm1@example.com' }], destination: { email: 'fresh@example.com' } });
			expect(emu.store.getProfile(r2.json.data.profile_id)).toMatchObject({ email: 'fresh@example.com', _fname: 'M' });
			const missing = await api(`${P}/profiles/merge`, { db_id: 1, source: [{ email: 'ghost@example.com' }], destination: { email: 'fresh@example.com' } });
			expect(missing.json.error).toBe(404);
			expect((await api(`${P}/profiles/merge`, { db_id: 1, source: [], destination: {} })).json.error).toBe(400);
		});

		test('merge email into a destination that already has one leaves the source e-mail', async () => {
			await imp({ email: 'x1@example.com', data: {} });
			await imp({ email: 'x2@example.com', data: {} });
			const r = await api(`${P}/profiles/merge`, { db_id: 1, source: [{ email: 'x1@example.com' }], destination: { email: 'x2@example.com' } });
			expect(r.json.error).toBe(0);
			expect(emu.store.getProfileByEmail(1, 'x1@example.com')).toBeDefined();
		});

		test('split: source copied to several destinations; answers data.profile_ids', async () => {
			const src = (await imp({ email: 'shared@example.com', add_to_segments: [1], data: { _lname: 'Family', subscriptions: [{ resource_id: 2, channel: 'sms', phone: '+79000000009' }] } })).json.profile_id;
			const existing = (await imp({ email: 'person2@example.com', data: { _fname: 'Two' } })).json.profile_id;
			const r = await api(`${P}/profiles/split`, {
				source: { db_id: 1, email: 'shared@example.com' },
				destination: [{ db_id: 1, email: 'person1@example.com' }, { db_id: 1, email: 'person2@example.com' }],
				data: { is_vip: false },
				static_segments: true,
			});
			expect(r.json.error).toBe(0);
			expect(r.json.data.profile_ids).toHaveLength(2);
			expect(r.json.data.profile_ids[1]).toBe(existing);
			const p1 = emu.store.getProfile(r.json.data.profile_ids[0]);
			expect(p1).toMatchObject({ email: 'person1@example.com', _lname: 'Family', is_vip: false, static_segments: [1] });
			expect(p1.subscriptions[0].phone_data.phone).toBe('+79000000009');
			expect(emu.store.getProfile(existing)).toMatchObject({ _fname: 'Two', _lname: 'Family' });
			expect(emu.store.getProfile(src)).toMatchObject({ email: 'shared@example.com', static_segments: [] });
			expect(emu.ledger[emu.ledger.length - 1]).toMatchObject({ op: 'profile.split', profileId: src });
			expect((await api(`${P}/profiles/split`, { source: { email: 'shared@example.com' }, destination: [{ email: 'a@example.com' }] })).json.error).toBe(400);
			expect((await api(`${P}/profiles/split`, { source: { db_id: 1, email: 'shared@example.com' }, destination: [{ email: 'shared@example.com' }] })).json.error).toBe(400);
		});
	});

	describe('message_unsub', () => {
		test('unsubscribes the subscription of the message resource; categories only drop categories', async () => {
			const pid = (await imp({ email: 'mu@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'mu@example.com', cats: ['news', 'promo'] }] } })).json.profile_id;
			const msg = emu.addSentMessage({ smid: 'smid-1', dbId: 1, profileId: pid, resourceId: 1 });
			expect(msg.smid).toBe('smid-1');
			const rtoken = emu.store.getResource(1).rtoken;
			const c = await api(`${P}/profiles/message_unsub`, { rtoken, smid: 'smid-1', categories: ['promo'] });
			expect(c.json).toEqual({ error: 0, error_text: 'Successful operation', profile_id: pid });
			expect(emu.store.getProfile(pid).subscriptions[0]).toMatchObject({ status: 'subscribed', cats: ['news'] });
			const u = await api(`${P}/profiles/message_unsub`, { rtoken, smid: 'smid-1' });
			expect(u.json.profile_id).toBe(pid);
			expect(emu.store.getProfile(pid).subscriptions[0].status).toBe('unsubscribed');
			expect(emu.ledger.filter((e) => e.op === 'subscription.unsubscribe')).toHaveLength(2);
		});

		test('errors: unknown smid / wrong rtoken → 404; missing params → 400', async () => {
			const pid = (await imp({ email: 'mu@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'mu@example.com' }] } })).json.profile_id;
			const { smid } = emu.addSentMessage({ dbId: 1, profileId: pid, resourceId: 1 });
			expect((await api(`${P}/profiles/message_unsub`, { rtoken: emu.store.getResource(1).rtoken, smid: 'nope' })).json.error).toBe(404);
			expect((await api(`${P}/profiles/message_unsub`, { rtoken: emu.store.getResource(2).rtoken, smid })).json.error).toBe(404);
			expect((await api(`${P}/profiles/message_unsub`, { rtoken: 'bad', smid })).json.error).toBe(404);
			expect((await api(`${P}/profiles/message_unsub`, { smid })).json.error).toBe(400);
		});
	});

	describe('get_all → tasks/status → download', () => {
		beforeEach(async () => {
			await imp({ email: 'e1@example.com', data: { _fname: 'Ann, "the first"', occupation: undefined, tags: ['a', 'b'], is_vip: true } });
			await imp({ email: 'e2@example.com', add_to_segments: [1], data: { _fname: 'Bob', subscriptions: [{ resource_id: 1, channel: 'email', email: 'e2@example.com' }] } });
			await api(`${P}/profiles/import`, { db_id: 2, email: 'lead@example.com', data: {} });
		});

		const runExport = async (body, polls = 2) => {
			const t = await api(`${P}/profiles/get_all`, body);
			expect(t.json.error).toBe(0);
			expect(t.json.data.task_id).toMatch(/^task_/);
			const statuses = [];
			let last;
			for (let i = 0; i < polls; i++) {
				last = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
				statuses.push(last.json.data.status);
			}
			return { taskId: t.json.data.task_id, statuses, last: last.json };
		};

		test('csv: processing, then completed with result; the file downloads with the Bearer token', async () => {
			const { statuses, last } = await runExport({ source_type: 'database', source_id: 1, file_format: 'csv' });
			expect(statuses).toEqual(['processing', 'completed']);
			expect(last.data).toEqual({
				status: 'completed',
				progress: 100,
				result: { errors: [], source_id: 1, total: 2, type: 'database', urls: [expect.stringMatching(/^\/api\/download\/[0-9a-f-]{36}\/1_database_export\.csv$/)] },
			});
			const url = last.data.result.urls[0];
			const res = await fetch(emu.url + url, { headers: { authorization: `Bearer ${emu.tokens.admin}` } });
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/text\/csv/);
			const csv = await res.text();
			const lines = csv.split('\r\n');
			expect(lines[0].split(',').slice(0, 2)).toEqual(['id', 'email']);
			expect(lines[0]).toContain('tags');
			expect(lines[0]).toContain('subscriptions');
			expect(csv).toContain('"Ann, ""the first"""');
			expect(csv).toContain('"[""a"",""b""]"');
			expect(lines.filter(Boolean)).toHaveLength(3);
		});

		test('json format, custom_request filter, segment source', async () => {
			const { last } = await runExport({ source_type: 'database', source_id: 1, file_format: 'json', custom_request: { _fname: 'Bob' } });
			const res = await fetch(emu.url + last.data.result.urls[0], { headers: { authorization: `Bearer ${emu.tokens.admin}` } });
			const body = await res.json();
			expect(body).toHaveLength(1);
			expect(body[0]).toMatchObject({ email: 'e2@example.com', subscriptions: [{ channel: 'email' }] });
			const seg = await runExport({ source_type: 'segment', source_id: 1, file_format: 'json' });
			expect(seg.last.data.result).toMatchObject({ type: 'segment', source_id: 1, total: 1 });
			const dyn = await runExport({ source_type: 'segment', source_id: 4 });
			expect(dyn.last.data.result.total).toBe(1);
		});

		test('taskPollsUntilDone: 0 completes at the first poll; 3 needs four polls', async () => {
			for (const [n, expected] of [[0, ['completed']], [3, ['processing', 'processing', 'processing', 'completed']]]) {
				const e = await createEmulator({ taskPollsUntilDone: n });
				try {
					const c = client(e);
					const t = await c(`${P}/profiles/get_all`, { source_type: 'database', source_id: 1 });
					const seen = [];
					for (let i = 0; i < expected.length; i++) seen.push((await c(`${P}/tasks/status`, { task_id: t.json.data.task_id })).json.data);
					expect(seen.map((s) => s.status)).toEqual(expected);
					if (n === 3) expect(seen[0].progress).toBe(25);
				} finally {
					await e.close();
				}
			}
		});

		test('download: no token 401, other account 403, not finished 404; unknown task 404', async () => {
			const t = await api(`${P}/profiles/get_all`, { source_type: 'database', source_id: 1 });
			const first = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
			expect(first.json.data.status).toBe('processing');
			const done = await api(`${P}/tasks/status`, { task_id: t.json.data.task_id });
			const url = emu.url + done.json.data.result.urls[0];
			expect((await fetch(url)).status).toBe(401);
			expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
			expect((await fetch(url, { headers: { authorization: `Bearer ${emu.tokens.otherAccount}` } })).status).toBe(403);
			expect((await fetch(url, { headers: { authorization: `Bearer ${emu.tokens.readOnly}` } })).status).toBe(200);
			const t2 = await api(`${P}/profiles/get_all`, { source_type: 'database', source_id: 2 });
			const d2 = await api(`${P}/tasks/status`, { task_id: t2.json.data.task_id });
			expect(d2.json.data.status).toBe('processing');
			const st = emu.store.tasks.get(t2.json.data.task_id);
			expect((await fetch(emu.url + st.files[0], { headers: { authorization: `Bearer ${emu.tokens.admin}` } })).status).toBe(404);
			await api(`${P}/tasks/status`, { task_id: t2.json.data.task_id });
			expect((await fetch(emu.url + st.files[0], { headers: { authorization: `Bearer ${emu.tokens.limited}` } })).status).toBe(403);
			expect((await api(`${P}/tasks/status`, { task_id: 'task_nope' })).json.error).toBe(404);
			expect((await api(`${P}/tasks/status`, {})).json.error).toBe(400);
			expect((await fetch(`${emu.url}/api/download/xxx/file.csv`, { headers: { authorization: `Bearer ${emu.tokens.admin}` } })).status).toBe(404);
			expect((await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${emu.tokens.admin}` } })).status).toBe(405);
		});

		test('parameter errors', async () => {
			expect((await api(`${P}/profiles/get_all`, { source_type: 'table', source_id: 1 })).json.error).toBe(400);
			expect((await api(`${P}/profiles/get_all`, { source_type: 'database' })).json.error).toBe(400);
			expect((await api(`${P}/profiles/get_all`, { source_type: 'database', source_id: 1, file_format: 'xlsx' })).json.error).toBe(400);
			expect((await api(`${P}/profiles/get_all`, { source_type: 'database', source_id: 9 })).json.error).toBe(404);
			expect((await api(`${P}/profiles/get_all`, { source_type: 'segment', source_id: 9 })).json.error).toBe(404);
			expect((await api(`${P}/profiles/get_all`, { source_type: 'database', source_id: 2 }, { token: emu.tokens.limited })).json.error).toBe(404);
			const ro = await api(`${P}/profiles/get_all`, { source_type: 'database', source_id: 1 }, { token: emu.tokens.readOnly });
			expect(ro.json.error).toBe(0);
		});
	});
});
