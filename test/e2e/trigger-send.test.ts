/**
 * Real n8n 2.8.4 running the packed package (CUSTOM.altcraft) against the Altcraft emulator: a transactional send.
 * Trigger Mailing → Launch for a subscribed profile, with content variables taken from the input item; the emulator's
 * sends ledger (`emu.sends`) proves exactly one message went out, with that content filled into the template.
 */
import type { IDataObject } from 'n8n-workflow';

import { altcraftApi, altcraftCredential, closeE2e, openE2e, secretsOf } from './altcraft';
import type { E2eEmulator } from './altcraft';
import { describeE2E, expectNoSecrets, N8nRuntime } from './runner';

/** The part of the emulator's sends ledger this file reads (emulator/lib/messaging.js, SendRecord). */
type SendsEmulator = E2eEmulator & { sends: IDataObject[] };

const CREDENTIAL = { id: 'altcraftE2eSend01', name: 'Altcraft (emulator)' };
const WORKFLOWS = {
	launch: { id: 'e2eTriggerSend001', file: 'test/e2e/workflows/trigger-send-content.json', credential: CREDENTIAL },
};

describeE2E('n8n 2.8.4 runs the packed node: trigger mailing sends', () => {
	let emu: SendsEmulator;
	let n8n: N8nRuntime;

	beforeAll(async () => {
		({ emu, n8n } = await openE2e<SendsEmulator>('trigger-send', (e) => [altcraftCredential(e, CREDENTIAL, e.tokens.admin)], WORKFLOWS));
	});

	afterAll(() => closeE2e(n8n, emu));

	test('Launch with content variables from the item: exactly one send, with that content, and { success: true }', async () => {
		const email = 'send-1@example.com';
		const seeded = await altcraftApi(emu, 'profiles/import', {
			db_id: 1,
			matching: 'email',
			email,
			data: { email, _fname: 'Sonya', subscriptions: [{ resource_id: 1, channel: 'email', email }] },
		});
		expect(seeded.error).toBe(0);
		const profileId = emu.store.getProfileByEmail(1, email)?.id;
		expect(profileId).toMatch(/^[0-9a-f]{24}$/);
		expect(emu.sends).toHaveLength(0);

		const run = (await n8n.execute(WORKFLOWS.launch.id)).expectSuccess();

		const output = run.items('Launch Trigger Mailing');
		expect(output.map((i) => i.json)).toEqual([{ success: true }]);
		expect(output.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);

		expect(emu.sends).toHaveLength(1);
		const [send] = emu.sends;
		expect(send).toMatchObject({
			kind: 'trigger',
			triggerId: 1,
			profileId,
			channel: 'email',
			to: { email },
			content: { order_id: 'A-1001', total: '59.90' },
		});
		// The template's {apicontent.*} variables are filled in from the item.
		expect((send.message as IDataObject).subject).toBe('Your order A-1001');
		expect((send.message as IDataObject).text).toBe('Hello! Order A-1001 is confirmed, total 59.90.');

		// One call to triggers/start/, naming the mailing with `id`, the token in the body.
		const calls = emu.requests.filter((r) => r.path.startsWith('/api/v1.1/campaigns/triggers/'));
		expect(calls).toHaveLength(1);
		expect(calls[0].path).toBe('/api/v1.1/campaigns/triggers/start/');
		expect(calls[0].body).toMatchObject({ token: emu.tokens.admin, id: 1, matching: 'email', email, content: { order_id: 'A-1001', total: '59.90' } });
		expect(calls[0].body).not.toHaveProperty('trigger_id');
	});

	test('no token string appears in anything n8n printed in this file', () => {
		expect(n8n.transcript.length).toBeGreaterThanOrEqual(3);
		expectNoSecrets(n8n.output(), secretsOf(emu));
	});
});
