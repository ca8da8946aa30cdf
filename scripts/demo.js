// The demo: starts the Altcraft emulator on 127.0.0.1, runs an example workflow through n8n's execution engine
// with the built node (dist/), and prints what each Altcraft node returned.
//   Start (3 CRM contacts) → "Import contacts" (Profile: Create or Update, matched by crm_id)
//                          → "Read back" (Profile: Get, the first contact, once)
require('./ts-register');
const { createEmulator } = require('../emulator');
const { runWorkflow } = require('../test/harness/index.ts');
const { Altcraft } = require('../dist/nodes/Altcraft/Altcraft.node.js');
const { AltcraftApi } = require('../dist/credentials/AltcraftApi.credentials.js');

const contacts = [
	{ id: 'CRM-1001', email: 'anna@example.com', first_name: 'Anna', city: 'Kazan' },
	{ id: 'CRM-1002', email: 'boris@example.com', first_name: 'Boris', city: 'Omsk' },
	{ id: 'CRM-1003', email: 'vera@example.com', first_name: 'Vera', city: 'Perm' },
];
const database = { __rl: true, mode: 'id', value: '1' };
const credentials = { altcraftApi: { id: '1', name: 'Altcraft (emulator)' } };

async function main() {
	const emulator = await createEmulator({ port: 0 });
	try {
		console.log(`Altcraft emulator listening on ${emulator.url}\n`);
		const result = await runWorkflow({
			nodeTypes: { 'CUSTOM.altcraft': new Altcraft() },
			credentialTypes: [new AltcraftApi()],
			credentials: { altcraftApi: { platform: 'onPremise', baseUrl: emulator.url, token: emulator.tokens.admin } },
			input: contacts.map((json) => ({ json })),
			nodes: [
				{
					name: 'Import contacts',
					type: 'CUSTOM.altcraft',
					credentials,
					parameters: {
						resource: 'profile',
						operation: 'upsert',
						database,
						matching: 'custom',
						fieldName: 'crm_id',
						fieldValue: '={{ $json.id }}',
						dataMode: 'fields',
						profileFields: {
							field: [
								{ name: 'crm_id', value: '={{ $json.id }}' },
								{ name: 'email', value: '={{ $json.email }}' },
								{ name: '_fname', value: '={{ $json.first_name }}' },
								{ name: '_city', value: '={{ $json.city }}' },
							],
						},
						subscriptions: {
							subscription: [{ resourceId: 1, channel: 'email', email: '={{ $json.email }}', status: 'subscribed' }],
						},
					},
				},
				{
					name: 'Read back',
					type: 'CUSTOM.altcraft',
					credentials,
					executeOnce: true,
					parameters: { resource: 'profile', operation: 'get', database, matching: 'email', email: contacts[0].email },
				},
			],
		});
		for (const name of ['Import contacts', 'Read back']) {
			console.log(`── ${name} ──`);
			for (const item of result.outputs[name]?.[0] ?? []) console.log(JSON.stringify(item.json));
			console.log();
		}
		console.log(`workflow status: ${result.status}; changes applied by the emulator: ${emulator.ledger.length}`);
		if (result.status !== 'success') {
			console.error(result.error?.message);
			process.exitCode = 1;
		}
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
