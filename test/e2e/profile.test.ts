/**
 * Real n8n 2.8.4 running the packed package (CUSTOM.altcraft) against the Altcraft emulator: profile import, get and
 * delete; Profile Data through the resource mapper; a wrong token; Continue On Fail with good and bad items. One n8n
 * user folder and one emulator for the file.
 */
import type { IDataObject } from 'n8n-workflow';

import { altcraftApi, altcraftCredential, closeE2e, openE2e, secretsOf, wrongToken } from './altcraft';
import type { E2eEmulator } from './altcraft';
import { describeE2E, expectNoSecrets, N8nRuntime } from './runner';
import type { Execution } from './runner';

const GOOD = { id: 'altcraftE2eGood01', name: 'Altcraft (emulator)' };
const WRONG = { id: 'altcraftE2eWrong1', name: 'Altcraft (wrong token)' };
const WORKFLOWS = {
	lifecycle: { id: 'e2eProfileLife01', file: 'test/e2e/workflows/profile-lifecycle.json', credential: GOOD },
	wrongToken: { id: 'e2eWrongToken001', file: 'test/e2e/workflows/wrong-token.json', credential: WRONG },
	continueOnFail: { id: 'e2eContinueFail1', file: 'test/e2e/workflows/continue-on-fail.json', credential: GOOD },
	mapper: { id: 'e2eProfileMapper1', file: 'test/e2e/workflows/profile-mapper.json', credential: GOOD },
};

describeE2E('n8n 2.8.4 runs the packed node: profiles', () => {
	let emu: E2eEmulator;
	let n8n: N8nRuntime;
	const badToken = wrongToken();
	let errorOutputRun: Execution | undefined;

	beforeAll(async () => {
		({ emu, n8n } = await openE2e('profile', (e) => [altcraftCredential(e, GOOD, e.tokens.admin), altcraftCredential(e, WRONG, badToken)], WORKFLOWS));
	});

	afterAll(() => closeE2e(n8n, emu));

	test('import three contacts, read each back, delete them; a read after the delete is "not found"', async () => {
		const run = (await n8n.execute(WORKFLOWS.lifecycle.id)).expectSuccess();

		const imported = run.items('Import Profile');
		expect(imported).toHaveLength(3);
		const ids = imported.map((i) => i.json.profile_id as string);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect(imported.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		const read = run.items('Get Profile');
		expect(read.map((i) => i.json)).toEqual([
			expect.objectContaining({ id: ids[0], db_id: 1, email: 'life-1@example.com', _fname: 'Anna', crm_id: 'LIFE-1' }),
			expect.objectContaining({ id: ids[1], email: 'life-2@example.com', _fname: 'Boris', crm_id: 'LIFE-2' }),
			expect.objectContaining({ id: ids[2], email: 'life-3@example.com', _fname: 'Vera', crm_id: 'LIFE-3' }),
		]);
		expect(read[0].json.subscriptions).toEqual([expect.objectContaining({ resource_id: 1, channel: 'email', status: 'subscribed' })]);

		expect(run.items('Delete Profile').map((i) => i.json)).toEqual(ids.map((id) => expect.objectContaining({ deleted: true, profile_id: id })));
		const afterDelete = run.items('Get Deleted Profile');
		expect(afterDelete).toHaveLength(3);
		for (const item of afterDelete) expect(String(item.json.error)).toMatch(/Altcraft error 404/);

		expect(emu.store.getProfileByEmail(1, 'life-1@example.com')).toBeUndefined();
		const ops = emu.ledger.filter((e) => ids.includes(String(e.profileId))).map((e) => e.op);
		expect(ops.filter((op) => op === 'profile.create')).toHaveLength(3);
		expect(ops.filter((op) => op === 'profile.delete')).toHaveLength(3);
		// The token went in the JSON body of every call, as the credential's generic `authenticate` says.
		const calls = emu.requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/'));
		expect(calls.length).toBeGreaterThanOrEqual(3);
		for (const call of calls) expect((call.body as { token?: string }).token).toBe(emu.tokens.admin);
	});

	test('a wrong token fails the workflow with our 401 message, and the token is nowhere in what n8n printed', async () => {
		const run = await n8n.execute(WORKFLOWS.wrongToken.id);
		expect(run.cli.code).not.toBe(0);
		expect(run.status).toBe('error');
		expect(String(run.error?.message)).toMatch(/^API token required \(Altcraft error 401\)/);
		expect(String(run.error?.description)).toMatch(/token/i);
		expect(run.nodeError('Get Profile')?.message).toBe(run.error?.message);
		// n8n itself prints the message on its error path too
		expect(run.cli.stdout + run.cli.stderr).toMatch(/API token required \(Altcraft error 401\)/);
		expectNoSecrets(run.cli.stdout + run.cli.stderr, [badToken], 'the failed run');
		// The emulator did see it (so the search above looked for the right string).
		expect(emu.requests.some((r) => (r.body as { token?: string } | null)?.token === badToken)).toBe(true);
	});

	test('Continue On Fail: one output item per input item, in order, errors as items', async () => {
		for (const email of ['cof-ok-1@example.com', 'cof-ok-2@example.com']) {
			expect((await altcraftApi(emu, 'profiles/import', { db_id: 1, matching: 'email', email, data: { email } })).error).toBe(0);
		}
		const run = (await n8n.execute(WORKFLOWS.continueOnFail.id)).expectSuccess();

		// onError: continueRegularOutput: four items on the one output, in input order, each paired with its input.
		const regular = run.items('Update Profile');
		expect(regular).toHaveLength(4);
		expect(regular.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(regular[0].json.profile_id).toMatch(/^[0-9a-f]{24}$/);
		expect(String(regular[1].json.error)).toMatch(/"broken" is not an e-mail address/);
		expect(regular[2].json.profile_id).toMatch(/^[0-9a-f]{24}$/);
		expect(String(regular[3].json.error)).toMatch(/Altcraft error 404/);

		// The second branch (On Error: Continue (using error output)) ran over the same items after the first.
		expect(run.items('Update Profile (Error Output)', { output: 0 }).length + run.items('Update Profile (Error Output)', { output: 1 }).length).toBe(4);
		expect(emu.store.getProfileByEmail(1, 'cof-ok-1@example.com')?._city).toBe('Kazan');
		expect(emu.store.getProfileByEmail(1, 'cof-missing@example.com')).toBeUndefined();
		errorOutputRun = run;
	});

	// Failed items carry the item-level `error`, which is what n8n's engine routes to the error output.
	test('Continue (using error output): n8n routes the failed items to the error output', () => {
		const node = 'Update Profile (Error Output)';
		expect(errorOutputRun).toBeDefined();
		const ok = errorOutputRun!.items(node, { output: 0 });
		const failed = errorOutputRun!.items(node, { output: 1 });
		expect(ok.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failed.map((i) => i.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		expect(String(failed[0].json.error)).toMatch(/"broken" is not an e-mail address/);
		expect(String(failed[1].json.error)).toMatch(/Altcraft error 404/);
	});

	test('Profile Data mapped with the resource mapper: text from a CRM export lands typed, in one batch, and reads back', async () => {
		const run = (await n8n.execute(WORKFLOWS.mapper.id)).expectSuccess();

		const imported = run.items('Import via Mapper');
		expect(imported).toHaveLength(3);
		const ids = imported.map((i) => i.json.profile_id as string);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect(imported.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);

		// The three items went together into profiles/import_batch, each value converted to its field's type.
		const batches = emu.requests.filter((r) => r.path === '/api/v1.1/profiles/import_batch' && (r.body as { db_id?: number }).db_id === 2);
		expect(batches).toHaveLength(1);
		const entries = (batches[0].body as { data: IDataObject[] }).data;
		expect(entries[0]).toEqual({
			email: 'mapper-1@example.com',
			_fname: 'Anna',
			orders_count: 3,
			balance: 10.5,
			is_vip: true,
			tags: ['b2b', 'gold'],
			prefs: { lang: 'ru' },
			purchases: [{ sku: 'A1', qty: 2 }],
			signup_date: '2024-03-01T09:00:00Z',
			_bdate: '1990-02-22',
			phones: ['+79000000001'],
			_sex: 'female',
			lead_source: 'n8n e2e',
		});
		// A local time is read in the workflow's time zone (Europe/Moscow, UTC+3); empty values are skipped.
		expect(entries[1]).toMatchObject({ signup_date: '2024-03-02T07:15:00Z', score: 42, is_vip: false, orders_count: 0 });
		expect(entries[1]).not.toHaveProperty('_bdate');
		expect(entries[2]).toMatchObject({ purchases: [{ sku: 'B2', qty: 1 }], phones: ['79000000004'], is_vip: true, balance: 0.25 });
		expect(entries[2]).not.toHaveProperty('tags');
		expect(entries[2]).not.toHaveProperty('prefs');

		const read = run.items('Read Back').map((i) => i.json);
		expect(read).toEqual([
			expect.objectContaining({ id: ids[0], db_id: 2, email: 'mapper-1@example.com', _fname: 'Anna', orders_count: 3, balance: 10.5, is_vip: true, tags: ['b2b', 'gold'], prefs: { lang: 'ru' }, purchases: [{ sku: 'A1', qty: 2 }], phones: ['+79000000001'], _sex: 2, lead_source: 'n8n e2e' }),
			expect.objectContaining({ id: ids[1], email: 'mapper-2@example.com', orders_count: 0, balance: -1, is_vip: false, tags: ['new'], prefs: {}, purchases: [], phones: ['+79000000002', '+79000000003'], _sex: 1, score: 42 }),
			expect.objectContaining({ id: ids[2], email: 'mapper-3@example.com', orders_count: 7, is_vip: true, purchases: [{ sku: 'B2', qty: 1 }], _sex: 2, score: 5 }),
		]);
		expect(read[0]).not.toHaveProperty('score');
		expect(String(read[1].signup_date)).toMatch(/^2024-03-02T07:15:00/);
	});

	test('no token string appears in anything n8n printed in this file', () => {
		expect(n8n.transcript.length).toBeGreaterThanOrEqual(5);
		expectNoSecrets(n8n.output(), secretsOf(emu, badToken));
	});
});
