/**
 * The workflows in examples/ run as shipped (a user imports them and picks a credential): the suite maps their
 * credential placeholder to its own credential and the installed-package node type (n8n-nodes-altcraft.altcraft) to the
 * custom-extension one (CUSTOM.altcraft), and nothing else.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { altcraftApi, altcraftCredential, closeE2e, openE2e, secretsOf } from './altcraft';
import type { E2eEmulator } from './altcraft';
import { describeE2E, expectNoSecrets, N8nRuntime, PACKAGE_NODE_PREFIX, REPO_ROOT } from './runner';
import type { WorkflowJson } from './runner';

const CREDENTIAL = { id: 'altcraftE2eExampl', name: 'Altcraft account' };
const EXAMPLES = {
	crmSync: { id: 'e2eExampleCrm001', file: 'examples/crm-contact-sync.json', credential: CREDENTIAL },
	nightlyExport: { id: 'e2eExampleExport', file: 'examples/nightly-segment-export.json', credential: CREDENTIAL },
};

describe('examples/ are importable workflow files', () => {
	const files = fs.readdirSync(path.join(REPO_ROOT, 'examples')).filter((f) => f.endsWith('.json'));

	test('every example is run by a test file of this suite', () => {
		// The send examples run in examples-sends.test.ts; every other example runs here.
		const elsewhere = fs.readFileSync(path.join(__dirname, 'examples-sends.test.ts'), 'utf8');
		const covered = Object.values(EXAMPLES).map((e) => path.basename(e.file));
		for (const file of files) expect({ file, covered: covered.includes(file) || elsewhere.includes(`examples/${file}`) }).toEqual({ file, covered: true });
	});

	test.each(files)('%s: our nodes use the published type and a credential placeholder, and no id', (file) => {
		const workflow = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')) as WorkflowJson;
		expect(workflow.id).toBeUndefined();
		const ours = workflow.nodes.filter((n) => n.type.startsWith(PACKAGE_NODE_PREFIX));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) expect(node.credentials).toEqual({ altcraftApi: { id: 'REPLACE_WITH_YOUR_CREDENTIAL_ID', name: 'Altcraft account' } });
		expect(workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
		expect(JSON.stringify(workflow)).not.toMatch(/CUSTOM\.|emu-|e2e-/);
	});
});

describeE2E('n8n 2.8.4 runs the examples against the emulator', () => {
	let emu: E2eEmulator;
	let n8n: N8nRuntime;

	beforeAll(async () => {
		({ emu, n8n } = await openE2e('examples', (e) => [altcraftCredential(e, CREDENTIAL, e.tokens.admin)], EXAMPLES));
	});

	afterAll(() => closeE2e(n8n, emu));

	test('CRM contact sync: creates or updates profiles matched by crm_id, twice without duplicates', async () => {
		// Already in Altcraft: CRM-1002 under an old e-mail; CRM-1003 unsubscribed from the newsletter.
		const seeded = await altcraftApi(emu, 'profiles/import_batch', {
			db_id: 1,
			matching: 'email',
			data: [
				{ email: 'boris.old@example.com', crm_id: 'CRM-1002', _fname: 'Borya' },
				{ email: 'vera@example.com', crm_id: 'CRM-1003', subscriptions: [{ resource_id: 1, channel: 'email', email: 'vera@example.com', status: 'unsubscribed' }] },
			],
		});
		expect(seeded.error).toBe(0);
		const borisId = emu.store.getProfileByEmail(1, 'boris.old@example.com')?.id;

		const first = (await n8n.execute(EXAMPLES.crmSync.id)).expectSuccess();
		const output = first.items('Create or Update Profile');
		expect(output).toHaveLength(3);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[1].json.profile_id).toBe(borisId);
		expect(emu.store.countProfiles(1)).toBe(3);

		const anna = emu.store.getProfileByEmail(1, 'anna@example.com');
		expect(anna).toMatchObject({ crm_id: 'CRM-1001', _fname: 'Anna', _lname: 'Ivanova', _city: 'Kazan', phones: ['+79001234501'] });
		expect(anna?.subscriptions).toEqual([
			expect.objectContaining({ resource_id: 1, channel: 'email', status: 'subscribed', email_data: expect.objectContaining({ email: 'anna@example.com' }) }),
		]);
		// Matched by CRM ID, not by e-mail: Boris's profile got his new address.
		expect(emu.store.getProfileByEmail(1, 'boris@example.com')).toMatchObject({ id: borisId, _fname: 'Boris', crm_id: 'CRM-1002' });
		// Status "Keep Current": an unsubscribe in Altcraft survives the sync.
		const vera = emu.store.getProfileByEmail(1, 'vera@example.com');
		expect(vera?.subscriptions).toEqual([expect.objectContaining({ resource_id: 1, status: 'unsubscribed' })]);

		const second = (await n8n.execute(EXAMPLES.crmSync.id)).expectSuccess();
		expect(second.items('Create or Update Profile').map((i) => i.json.profile_id)).toEqual(output.map((i) => i.json.profile_id));
		expect(emu.store.countProfiles(1)).toBe(3);
	});

	test('nightly segment export: the rows of the dynamic VIP segment, and a CSV file of them', async () => {
		emu.reset();
		const seeded = await altcraftApi(emu, 'profiles/import_batch', {
			db_id: 1,
			matching: 'email',
			data: [
				{ email: 'vip-1@example.com', _fname: 'Vip One', is_vip: true },
				{ email: 'vip-2@example.com', _fname: 'Vip, "Two"', is_vip: true },
				{ email: 'regular@example.com', _fname: 'Regular', is_vip: false },
				{ email: 'vip-3@example.com', is_vip: true, tags: ['a', 'b'] },
			],
		});
		expect(seeded.error).toBe(0);

		const run = (await n8n.execute(EXAMPLES.nightlyExport.id)).expectSuccess();
		// `n8n execute` starts the workflow from one of its two triggers; the export runs once either way.
		expect(run.runs('Export Segment')).toBe(1);
		expect(run.nodesRun.filter((n) => n === 'Run Manually' || n === 'Every Night at 2:00')).toHaveLength(1);
		const rows = run.items('Export Segment');
		expect(rows.map((r) => r.json.email).sort()).toEqual(['vip-1@example.com', 'vip-2@example.com', 'vip-3@example.com']);
		expect(rows.find((r) => r.json.email === 'vip-2@example.com')?.json._fname).toBe('Vip, "Two"');
		for (const row of rows) expect(row.json.id).toMatch(/^[0-9a-f]{24}$/);
		expect(emu.requests.some((r) => r.path === '/api/v1.1/profiles/get_all' && (r.body as { source_type?: string }).source_type === 'segment')).toBe(true);

		const files = run.items('Build CSV File');
		expect(files).toHaveLength(1);
		const binary = files[0].binary?.data;
		const today = new Date().toISOString().slice(0, 10);
		expect(binary).toMatchObject({ mimeType: 'text/csv', fileName: `altcraft-segment-export-${today}.csv` });
		const csv = n8n.readBinary(binary).toString('utf8').replace(/^\uFEFF/, '');
		const lines = csv.trim().split(/\r?\n/);
		expect(lines[0].split(',')).toEqual(expect.arrayContaining(['id', 'email', '_fname']));
		expect(lines).toHaveLength(4);
		expect(csv).toContain('vip-2@example.com,"Vip, ""Two"""');
	});

	test('no token string appears in anything n8n printed in this file', () => {
		expectNoSecrets(n8n.output(), secretsOf(emu));
	});
});
