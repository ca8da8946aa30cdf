/**
 * Volume through real n8n: a 2,000-item import, and Get Many with Return All over more than 1,000 profiles
 * (several pages of profiles/list). One n8n user folder and one emulator for the file.
 */
import { altcraftApi, altcraftCredential, closeE2e, openE2e, secretsOf } from './altcraft';
import type { E2eEmulator } from './altcraft';
import { describeE2E, expectNoSecrets, N8nRuntime } from './runner';

const CREDENTIAL = { id: 'altcraftE2eBulk01', name: 'Altcraft (emulator)' };
const WORKFLOWS = {
	bulkImport: { id: 'e2eBulkImport001', file: 'test/e2e/workflows/bulk-import.json', credential: CREDENTIAL },
	getAll: { id: 'e2eGetManyAll001', file: 'test/e2e/workflows/get-many-all.json', credential: CREDENTIAL },
};
const SEEDED = 2500;

describeE2E('n8n 2.8.4 runs the packed node: volume', () => {
	let emu: E2eEmulator;
	let n8n: N8nRuntime;

	beforeAll(async () => {
		({ emu, n8n } = await openE2e('bulk', (e) => [altcraftCredential(e, CREDENTIAL, e.tokens.admin)], WORKFLOWS));
	});

	afterAll(() => closeE2e(n8n, emu));

	test('2,000 items in, 2,000 profiles created, one output item per input item', async () => {
		const run = (await n8n.execute(WORKFLOWS.bulkImport.id)).expectSuccess();
		const output = run.items('Import Profiles');
		expect(output).toHaveLength(2000);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.profile_id).toMatch(/^[0-9a-f]{24}$/);
		});
		expect(new Set(output.map((i) => i.json.profile_id)).size).toBe(2000);

		expect(emu.store.countProfiles(1)).toBe(2000);
		expect(emu.ledger.filter((e) => e.op === 'profile.create')).toHaveLength(2000);
		const p1234 = emu.store.getProfileByEmail(1, 'bulk-1234@example.com');
		expect(p1234).toMatchObject({ _fname: 'Bulk 1234', orders_count: 1234 % 7 });
		expect(p1234?.id).toBe(output[1234].json.profile_id);
		// However the node groups items into requests (one per item, or import_batch), every answer was a success.
		const imports = emu.requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/import'));
		expect(imports.length).toBeGreaterThanOrEqual(1);
		expect(imports.every((r) => r.status === 200 && !r.error)).toBe(true);
		// In real n8n too, the credential puts the token into the body the node serialized itself (and the header).
		expect(imports.every((r) => (r.body as { token?: string }).token === emu.tokens.admin)).toBe(true);
		expect(imports.every((r) => r.headers.authorization === `Bearer ${emu.tokens.admin}`)).toBe(true);
	});

	test(`Get Many with Return All pages through ${SEEDED} profiles`, async () => {
		// Seeded directly through the API, into database 2 (the import above fills database 1).
		for (let from = 0; from < SEEDED; from += 1000) {
			const data = Array.from({ length: Math.min(1000, SEEDED - from) }, (_, i) => ({ email: `seed-${from + i}@example.com`, _fname: `Seed ${from + i}` }));
			const answer = await altcraftApi(emu, 'profiles/import_batch', { db_id: 2, matching: 'email', data });
			expect(answer.error).toBe(0);
		}
		expect(emu.store.countProfiles(2)).toBe(SEEDED);
		const pagesBefore = emu.requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/list')).length;

		const run = (await n8n.execute(WORKFLOWS.getAll.id)).expectSuccess();
		const items = run.items('Get All Profiles');
		expect(items).toHaveLength(SEEDED);
		expect(new Set(items.map((i) => i.json.email)).size).toBe(SEEDED);
		expect(items.find((i) => i.json.email === 'seed-2499@example.com')?.json).toMatchObject({ _fname: 'Seed 2499', id: expect.any(String) });
		// Fields to Return: only the requested fields (and the id, which Altcraft always sends).
		expect(Object.keys(items[0].json).sort()).toEqual(['_fname', 'email', 'id']);
		const pages = emu.requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/list')).length - pagesBefore;
		expect(pages).toBeGreaterThanOrEqual(Math.ceil(SEEDED / 1000));
	});

	test('no token string appears in anything n8n printed in this file', () => {
		expectNoSecrets(n8n.output(), secretsOf(emu));
	});
});
