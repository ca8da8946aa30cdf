// One benchmark scenario in its own process, so that its peak memory is its own. Run by scripts/bench.js.
require('./ts-register');
const { runWorkflow } = require('../test/harness/index.ts');
const { Altcraft } = require('../dist/nodes/Altcraft/Altcraft.node.js');
const { AltcraftApi } = require('../dist/credentials/AltcraftApi.credentials.js');

const { scenario, url, token, count, batchSize } = JSON.parse(process.argv[2]);

const { contact, importEntry } = require('./bench-data');

class PassThrough {
	description = { displayName: 'Pass Through', name: 'bench.passThrough', group: ['transform'], version: 1, description: '', defaults: { name: 'Pass Through' }, inputs: ['main'], outputs: ['main'], properties: [] };
	async execute() {
		return [this.getInputData().map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

/** Warm-up runs of this many contacts each (other e-mails) come first, untimed: see main below. */
const WARM_UP = 2000;
const WARM_UP_RUNS = 3;

async function viaN8n(batching, count, prefix) {
	const input = Array.from({ length: count }, (_, i) => ({ json: contact(i, prefix) }));
	const started = performance.now();
	const result = await runWorkflow({
		nodeTypes: { 'CUSTOM.altcraft': new Altcraft(), 'bench.passThrough': new PassThrough() },
		credentialTypes: [new AltcraftApi()],
		credentials: { altcraftApi: { platform: 'onPremise', baseUrl: url, token } },
		recordRequests: false,
		input,
		nodes: [
			scenario === 'passthrough'
				? { name: 'Node', type: 'bench.passThrough', parameters: {} }
				: {
						name: 'Node',
						type: 'CUSTOM.altcraft',
						credentials: { altcraftApi: { id: '1', name: 'bench' } },
						parameters: {
							resource: 'profile',
							operation: 'upsert',
							database: { __rl: true, mode: 'id', value: '1' },
							matching: 'email',
							email: '={{ $json.email }}',
							dataMode: 'json',
							profileJson: '={{ $json }}',
							subscriptions: { subscription: [{ resourceId: 1, channel: 'email', email: '={{ $json.email }}', status: 'subscribed' }] },
							options: { batching, batchSize },
						},
					},
		],
	});
	const wallMs = performance.now() - started;
	const items = result.outputs.Node?.[0] ?? [];
	const failed = items.filter((item) => item.json.error).length;
	if (result.status !== 'success' || items.length !== count || failed) {
		throw new Error(`${scenario}: status ${result.status}, ${items.length} items, ${failed} failed: ${result.error?.message ?? ''}`);
	}
	return { wallMs, requests: result.requestCount };
}

/** The physical limit of this setup: the same batch requests, posted directly. */
async function rawClient(count, prefix) {
	const input = Array.from({ length: count }, (_, i) => ({ json: contact(i, prefix) }));
	const started = performance.now();
	let requests = 0;
	for (let start = 0; start < input.length; start += batchSize) {
		const data = input.slice(start, start + batchSize).map(({ json }) => importEntry(json));
		const response = await fetch(`${url}/api/v1.1/profiles/import_batch`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'Request-ID': `raw-${prefix}-${start}` },
			body: JSON.stringify({ token, db_id: 1, matching: 'email', data }),
		});
		const body = await response.json();
		requests++;
		if (body.error !== 0 || body.result.some((r) => r.error !== 0)) throw new Error(`raw: ${JSON.stringify(body).slice(0, 300)}`);
	}
	return { wallMs: performance.now() - started, requests };
}

(async () => {
	// n8n runs as a long-lived process: its first executions load and compile code (the expression engine, the
	// HTTP client, the Workflow set-up…) that every later one finds ready. Each scenario, the raw client included,
	// first runs itself a few times on other contacts, untimed, so the figures compare steady states rather than
	// start-up costs. V8 optimises a function after several calls: one warm-up run left n8n's per-execution set-up
	// about three times slower than in a long-lived worker.
	const run = (n, prefix) => (scenario === 'raw' ? rawClient(n, prefix) : viaN8n(scenario !== 'perItem', n, prefix));
	for (let warmUp = 0; warmUp < WARM_UP_RUNS; warmUp++) await run(WARM_UP, `warmup${warmUp}-`);
	const figures = { ...(await run(count, 'contact')), warmUp: scenario === 'passthrough' ? 0 : WARM_UP * WARM_UP_RUNS };
	const maxRssMB = process.resourceUsage().maxRSS / 1024;
	process.stdout.write(`${JSON.stringify({ ...figures, maxRssMB })}\n`);
})().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(1);
});
