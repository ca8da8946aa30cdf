// `npm run bench`: the cost of a large profile sync, measured against the emulator on loopback through n8n's
// execution engine. Prints figures and ratios; it asserts nothing (targets are in issue 5 and the README).
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const { createEmulator } = require('../emulator');

const BATCH_SIZE = 1000;


// The child process must finish while this process keeps serving its requests: run it asynchronously.
function runScenarioAsync(emulator, scenario, count) {
	return new Promise((resolve, reject) => {
		emulator.reset();
		const { execFile } = require('node:child_process');
		const args = JSON.stringify({ scenario, url: emulator.url, token: emulator.tokens.admin, count, batchSize: BATCH_SIZE });
		execFile(process.execPath, [path.join(__dirname, 'bench-scenario.js'), args], { encoding: 'utf8', maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
			if (error) return reject(new Error(`${scenario}: ${stderr || error.message}`));
			const figures = JSON.parse(stdout.trim().split('\n').pop());
			const applied = emulator.ledger.length - figures.warmUp;
			if (scenario !== 'passthrough' && applied !== count) return reject(new Error(`${scenario}: the emulator applied ${applied} of ${count} profiles`));
			resolve(figures);
		});
	});
}

const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
	const emulator = await createEmulator({ recordRequests: false });
	try {
		console.log(`Altcraft emulator on ${emulator.url}; batch size ${BATCH_SIZE}; Node ${process.version}`);
		console.log("Each scenario runs in its own process, after an untimed warm-up run of itself on 2,000 other contacts.\n");
		const rows = [];
		const measure = async (label, scenario, count) => {
			process.stdout.write(`running ${label}…\n`);
			const figures = await runScenarioAsync(emulator, scenario, count);
			rows.push({ label, count, ...figures });
			return figures;
		};
		// `--only speed` runs the three 10,000-profile scenarios, `--only memory` the two 100,000-item ones.
		const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
		if (only !== undefined && only !== 'speed' && only !== 'memory') throw new Error('--only takes speed or memory');
		const speed = only !== 'memory';
		const memory = only !== 'speed';
		const batched = speed && (await measure('n8n, batching on', 'batched', 10_000));
		const perItem = speed && (await measure('n8n, batching off', 'perItem', 10_000));
		const raw = speed && (await measure('raw client, same batches', 'raw', 10_000));
		const big = memory && (await measure('n8n, batching on', 'batched', 100_000));
		const pass = memory && (await measure('n8n, pass-through node', 'passthrough', 100_000));

		console.log('\n| scenario | profiles | wall time | requests | profiles/s | peak memory |');
		console.log('|---|---:|---:|---:|---:|---:|');
		for (const r of rows) {
			console.log(`| ${r.label} | ${fmt(r.count)} | ${fmt(r.wallMs / 1000, 2)} s | ${fmt(r.requests)} | ${fmt(r.count / (r.wallMs / 1000))} | ${fmt(r.maxRssMB)} MB |`);
		}
		console.log('\nratios (targets from issue 5):');
		if (speed) {
			console.log(`  batched vs per-item speed-up:       ${fmt(perItem.wallMs / batched.wallMs, 1)}x   (target ≥ 20x)`);
			console.log(`  batched vs raw client time:         ${fmt(batched.wallMs / raw.wallMs, 2)}x   (target ≤ 1.5x)`);
		}
		if (memory) console.log(`  100,000 batched vs pass-through memory: ${fmt(big.maxRssMB / pass.maxRssMB, 2)}x   (target ≤ 1.5x)`);
		if (speed) console.log(`  emulator cost per profile (upper bound, raw client): ${fmt((raw.wallMs * 1000) / 10_000, 1)} µs`);
	} finally {
		await emulator.close();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
