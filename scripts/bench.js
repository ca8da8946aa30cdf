// `npm run bench`: the cost of a large profile sync, measured against the emulator on loopback through n8n's
// execution engine. Prints figures and ratios; it asserts nothing (targets are in issue 5 and the README).
const { execFile } = require('node:child_process');
const path = require('node:path');
const { createEmulator } = require('../emulator');

const BATCH_SIZE = 1000;

/** How long the emulator took over each request, from its arrival to the end of its answer, in arrival order. */
const emulatorBusyMs = [];

// The child process must finish while this process keeps serving its requests: run it asynchronously.
function runScenarioAsync(emulator, scenario, count) {
	return new Promise((resolve, reject) => {
		emulator.reset();
		const args = JSON.stringify({ scenario, url: emulator.url, token: emulator.tokens.admin, count, batchSize: BATCH_SIZE });
		execFile(process.execPath, [path.join(__dirname, 'bench-scenario.js'), args], { encoding: 'utf8', maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
			if (error) return reject(new Error(`${scenario}: ${stderr || error.message}`));
			const figures = JSON.parse(stdout.trim().split('\n').pop());
			const applied = emulator.ledger.length - figures.warmUp;
			if (scenario !== 'passthrough' && applied !== count) return reject(new Error(`${scenario}: the emulator applied ${applied} of ${count} profiles`));
			// The timed run's requests are the last ones (its warm-up run came first).
			const timed = emulatorBusyMs.splice(0).slice(-figures.requests);
			resolve({ ...figures, emulatorMs: figures.requests ? timed.reduce((sum, ms) => sum + ms, 0) : 0 });
		});
	});
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main() {
	// `--only speed` runs the three 10,000-profile scenarios, `--only memory` the two 100,000-item ones.
	const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
	if (only !== undefined && only !== 'speed' && only !== 'memory') throw new Error('--only takes speed or memory');
	// `--rounds N`: measured rounds of each scenario (median reported); the per-item run is the slow one.
	const rounds = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : 5;
	if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds takes a positive whole number');
	const speed = only !== 'memory';
	const memory = only !== 'speed';

	const emulator = await createEmulator({ recordRequests: false });
	emulator.httpServer.prependListener('request', (request, response) => {
		const started = performance.now();
		response.once('finish', () => emulatorBusyMs.push(performance.now() - started));
	});
	try {
		console.log(`Altcraft emulator on ${emulator.url}; batch size ${BATCH_SIZE}; Node ${process.version}`);
		console.log('Each scenario runs in its own process, after an untimed warm-up run of itself on 2,000 other contacts.');
		console.log('The emulator is warmed up first (one untimed run of each fast scenario); then the scenarios take turns,');
		console.log(`${rounds} measured rounds each (per-item: ${Math.min(rounds, 3)}), and the median of each is reported.\n`);
		/** Every run of a scenario at a size, under `scenario count`. */
		const runs = new Map();
		const measure = async (label, scenario, count) => {
			const figures = await runScenarioAsync(emulator, scenario, count);
			const key = `${scenario} ${count}`;
			if (!runs.has(key)) runs.set(key, { label, count, all: [] });
			runs.get(key).all.push(figures);
		};
		if (speed) {
			// The emulator is a long-lived server too: its code and its store warm up on the first runs. Without this
			// round, whichever scenario ran first would pay for it.
			process.stdout.write('warming up the emulator…\n');
			await runScenarioAsync(emulator, 'batched', 10_000);
			await runScenarioAsync(emulator, 'raw', 10_000);
			for (let round = 1; round <= rounds; round++) {
				process.stdout.write(`round ${round} of ${rounds}…\n`);
				await measure('n8n, batching on', 'batched', 10_000);
				if (round <= 3) await measure('n8n, batching off', 'perItem', 10_000);
				await measure('raw client, same batches', 'raw', 10_000);
			}
		}
		if (memory) {
			for (let round = 1; round <= Math.min(rounds, 3); round++) {
				process.stdout.write(`100,000 items, round ${round}…\n`);
				await measure('n8n, batching on', 'batched', 100_000);
				await measure('n8n, pass-through node', 'passthrough', 100_000);
			}
		}

		const summary = (r) => ({
			...r,
			wallMs: median(r.all.map((f) => f.wallMs)),
			emulatorMs: median(r.all.map((f) => f.emulatorMs)),
			requests: r.all[0].requests,
			maxRssMB: median(r.all.map((f) => f.maxRssMB)),
		});
		const rows = [...runs.values()].map(summary);
		const row = (scenario, count) => summary(runs.get(`${scenario} ${count}`));
		console.log('\n| scenario | profiles | wall time (median) | all runs | requests | emulator busy (median) | profiles/s | peak memory (median) |');
		console.log('|---|---:|---:|---|---:|---:|---:|---:|');
		for (const r of rows) {
			const all = r.all.map((f) => fmt(f.wallMs / 1000, 2)).join(' / ');
			const busy = r.requests ? `${fmt(r.emulatorMs / 1000, 2)} s` : '–';
			console.log(`| ${r.label} | ${fmt(r.count)} | ${fmt(r.wallMs / 1000, 2)} s | ${all} | ${fmt(r.requests)} | ${busy} | ${fmt(r.count / (r.wallMs / 1000))} | ${fmt(r.maxRssMB)} MB |`);
		}
		console.log('\nratios of the medians (targets from issue 5):');
		if (speed) {
			const batched = row('batched', 10_000);
			const perItem = row('perItem', 10_000);
			const raw = row('raw', 10_000);
			console.log(`  batched vs per-item speed-up:       ${fmt(perItem.wallMs / batched.wallMs, 1)}x   (target ≥ 20x)`);
			console.log(`  batched vs raw client time:         ${fmt(batched.wallMs / raw.wallMs, 2)}x   (target ≤ 1.5x)`);
			// From the arrival of each request to the end of its answer: parsing, the import itself, the answer.
			console.log(`  emulator cost per profile (its busy time in the batched runs): ${fmt((batched.emulatorMs * 1000) / 10_000, 1)} µs`);
			console.log(`  share of the batched wall time the emulator was busy: ${fmt((100 * batched.emulatorMs) / batched.wallMs)}%`);
		}
		if (memory) {
			const big = row('batched', 100_000);
			const pass = row('passthrough', 100_000);
			console.log(`  100,000 batched vs pass-through memory: ${fmt(big.maxRssMB / pass.maxRssMB, 2)}x   (target ≤ 1.5x)`);
		}
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
