/**
 * The send examples in examples/ run as shipped, like examples.test.ts does it for the others: the suite maps their
 * credential placeholder to its own credential and the installed-package node type (n8n-nodes-altcraft.altcraft) to
 * the custom-extension one (CUSTOM.altcraft), and nothing else.
 *
 * `n8n execute` always starts a workflow at its Manual Trigger (n8n's findCliWorkflowStart), so the webhook example
 * runs through its "Run Manually" → "Sample Order Paid Event" branch, which has the shape of the Webhook node's output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { altcraftApi, altcraftCredential, closeE2e, openE2e, secretsOf } from './altcraft';
import type { E2eEmulator } from './altcraft';
import { describeE2E, expectNoSecrets, N8nRuntime, PACKAGE_NODE_PREFIX, REPO_ROOT } from './runner';
import type { WorkflowJson } from './runner';

type SendsEmulator = E2eEmulator & {
	sends: IDataObject[];
	commerce: { getPromoCode(loyaltyId: number, code: string): IDataObject | undefined };
};

const CREDENTIAL = { id: 'altcraftE2eSendEx', name: 'Altcraft account' };
const EXAMPLES = {
	orderPaid: { id: 'e2eExampleOrderPaid', file: 'examples/transactional-send-on-webhook.json', credential: CREDENTIAL },
	promoCode: { id: 'e2eExamplePromoSend', file: 'examples/promo-code-attach-and-send.json', credential: CREDENTIAL },
};

const read = (file: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')) as WorkflowJson;

describe('the send examples are importable workflow files', () => {
	test.each(Object.values(EXAMPLES).map((e) => e.file))('%s: published node type, credential placeholder, no id, a Manual Trigger', (file) => {
		const workflow = read(file);
		expect(workflow.id).toBeUndefined();
		const ours = workflow.nodes.filter((n) => n.type.startsWith(PACKAGE_NODE_PREFIX));
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) expect(node.credentials).toEqual({ altcraftApi: { id: 'REPLACE_WITH_YOUR_CREDENTIAL_ID', name: 'Altcraft account' } });
		expect(workflow.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger')).toBe(true);
		expect(JSON.stringify(workflow)).not.toMatch(/CUSTOM\.|emu-|e2e-/);
	});

	test('the webhook example: a POST webhook and its sample branch both lead to the send', () => {
		const workflow = read(EXAMPLES.orderPaid.file);
		const webhook = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		expect(webhook?.parameters).toMatchObject({ httpMethod: 'POST', path: 'altcraft-order-paid' });
		expect(webhook?.webhookId).toEqual(expect.any(String));
		const target = (from: string) => ((workflow.connections[from] as { main: Array<Array<{ node: string }>> }).main[0] ?? []).map((c) => c.node);
		expect(target(webhook!.name)).toEqual(['Send Order Confirmation']);
		expect(target('Sample Order Paid Event')).toEqual(['Send Order Confirmation']);
	});
});

describeE2E('n8n 2.8.4 runs the send examples against the emulator', () => {
	let emu: SendsEmulator;
	let n8n: N8nRuntime;

	beforeAll(async () => {
		({ emu, n8n } = await openE2e<SendsEmulator>('examples-sends', (e) => [altcraftCredential(e, CREDENTIAL, e.tokens.admin)], EXAMPLES));
	});

	afterAll(() => closeE2e(n8n, emu));

	test('order paid → Import Profile and Launch: creates the subscribed profile and sends once with order_id and total', async () => {
		emu.reset();
		expect(emu.store.getProfileByEmail(1, 'anna@example.com')).toBeUndefined();

		const run = (await n8n.execute(EXAMPLES.orderPaid.id)).expectSuccess();
		expect(run.nodesRun).toContain('Run Manually');
		expect(run.nodesRun).not.toContain('Order Paid');

		const output = run.items('Send Order Confirmation');
		expect(output.map((i) => i.json)).toEqual([{ success: true, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
		const profileId = output[0].json.profile_id;

		expect(emu.store.countProfiles(1)).toBe(1);
		const anna = emu.store.getProfileByEmail(1, 'anna@example.com');
		expect(anna).toMatchObject({ id: profileId, _fname: 'Anna' });
		expect(anna?.subscriptions).toEqual([expect.objectContaining({ resource_id: 1, channel: 'email', status: 'subscribed' })]);

		expect(emu.sends).toHaveLength(1);
		expect(emu.sends[0]).toMatchObject({ kind: 'trigger', triggerId: 1, profileId, channel: 'email', to: { email: 'anna@example.com' }, content: { order_id: 'A-1001', total: '59.90' } });
		expect((emu.sends[0].message as IDataObject).subject).toBe('Your order A-1001');

		const calls = emu.requests.filter((r) => r.path.startsWith('/api/v1.1/campaigns/triggers/'));
		expect(calls.map((c) => c.path)).toEqual(['/api/v1.1/campaigns/triggers/import_and_start']);
		expect(calls[0].body).toMatchObject({ trigger_id: 1, matching: 'email', email: 'anna@example.com', content: { order_id: 'A-1001', total: '59.90' } });
	});

	test('promo code → Attach a free code to the profile → Launch with that code as a content variable', async () => {
		emu.reset();
		const email = 'anna@example.com';
		const seeded = await altcraftApi(emu, 'profiles/import', {
			db_id: 1,
			matching: 'email',
			email,
			data: { email, _fname: 'Anna', subscriptions: [{ resource_id: 1, channel: 'email', email }] },
		});
		expect(seeded.error).toBe(0);
		const profileId = emu.store.getProfileByEmail(1, email)?.id;
		// WELCOME-001 is already taken: the workflow must pick the next free code.
		expect((await altcraftApi(emu, 'profiles/import', { db_id: 1, matching: 'email', email: 'taken@example.com', data: { email: 'taken@example.com' } })).error).toBe(0);
		expect((await altcraftApi(emu, 'promocodes/attach', { loyalty_id: 1, db_id: 1, matching: 'email', email: 'taken@example.com', code: 'WELCOME-001' })).error).toBe(0);

		const run = (await n8n.execute(EXAMPLES.promoCode.id)).expectSuccess();

		expect(run.items('Pick a Free Code').map((i) => i.json)).toEqual([{ email, first_name: 'Anna', code: 'WELCOME-002' }]);
		expect(run.items('Attach Promo Code').map((i) => i.json)).toEqual([{ success: true }]);
		expect(emu.commerce.getPromoCode(1, 'WELCOME-002')).toMatchObject({ attached: [expect.objectContaining({ profile_id: profileId, db_id: 1 })] });
		const attachCalls = emu.requests.filter((r) => r.path === '/api/v1.1/promocodes/attach');
		expect(attachCalls.map((c) => c.body)).toEqual([
			expect.objectContaining({ loyalty_id: 1, code: 'WELCOME-001' }),
			expect.objectContaining({ loyalty_id: 1, db_id: 1, matching: 'email', email, code: 'WELCOME-002' }),
		]);

		expect(run.items('Send Promo Code').map((i) => i.json)).toEqual([{ success: true }]);
		expect(emu.sends).toHaveLength(1);
		expect(emu.sends[0]).toMatchObject({ kind: 'trigger', triggerId: 1, profileId, to: { email }, content: { promo_code: 'WELCOME-002', first_name: 'Anna' } });
	});

	test('no token string appears in anything n8n printed in this file', () => {
		expectNoSecrets(n8n.output(), secretsOf(emu));
	});
});
