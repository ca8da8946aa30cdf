// `npm run bench:emulator`: the emulator's own cost per profile on the bulk import path (issue 5: the emulator must not
// be the bottleneck of a batched n8n run). Starts the emulator in this process and posts the same profiles/import_batch
// bodies as the raw client of scripts/bench-scenario.js (10 × 1,000 profiles, 10 fields and one e-mail subscription each)
// over loopback HTTP. Prints µs per profile; it asserts nothing.
//
//   handler  time inside the route's handle() (validation, matching, merge, indexes, ledger, history)
//   server   handler + what the HTTP layer does per request (JSON parse, dedup hash, envelope, serialisation),
//            measured as the wall time of the requests minus nothing: the bodies are serialised before timing and
//            sent with node:http from this process, so the client side is small but not zero
//
// Passes: `create` (an empty database, as `npm run bench` runs it) and `update` (the same 10,000 profiles imported
// again: matching finds them, the subscription merge updates the existing one).
// Options: --rounds N (default 5; the median is printed), --count N (default 10000), --batch N (default 1000).
// For a CPU profile: node --cpu-prof --cpu-prof-dir=/tmp/emu-prof scripts/bench-emulator.js
const http = require('node:http');
const { createEmulator } = require('../emulator');

const arg = (name, dflt) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : dflt);
const ROUNDS = arg('--rounds', 5);
const COUNT = arg('--count', 10_000);
const BATCH = arg('--batch', 1000);

const { contact, importEntry } = require('./bench-data');

/** The request bodies of the raw client of scripts/bench-scenario.js, serialised. */
function bodies(token, pass) {
	const out = [];
	for (let start = 0; start < COUNT; start += BATCH) {
		const data = [];
		for (let i = start; i < Math.min(COUNT, start + BATCH); i++) {
			const json = contact(i);
			data.push(importEntry(json));
		}
		out.push({ requestId: `bench-${pass}-${start}`, body: JSON.stringify({ token, db_id: 1, matching: 'email', data }) });
	}
	return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** @returns {Promise<string>} */
function post(url, requestId, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${url}/api/v1.1/profiles/import_batch`,
			{ method: 'POST', agent, headers: { 'content-type': 'application/json', 'request-id': requestId, 'content-length': Buffer.byteLength(body) } },
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

const median = (xs) => {
	const s = xs.slice().sort((a, b) => a - b);
	return s[Math.floor(s.length / 2)];
};
const us = (ms) => ((ms * 1000) / COUNT).toFixed(1);

async function main() {
	const emu = await createEmulator({ recordRequests: false });
	const route = emu.router.find('/api/v1.1/profiles/import_batch');
	if (!route) throw new Error('no import_batch route');
	const handle = route.handle;
	let handlerMs = 0;
	route.handle = (ctx) => {
		const t = performance.now();
		try {
			return handle(ctx);
		} finally {
			handlerMs += performance.now() - t;
		}
	};
	/** @type {Record<string, { server: number[], handler: number[] }>} */
	const figures = { create: { server: [], handler: [] }, update: { server: [], handler: [] } };
	try {
		console.log(`emulator on ${emu.url}; ${COUNT} profiles in batches of ${BATCH}; ${ROUNDS} rounds (+1 warm-up); Node ${process.version}`);
		for (let round = 0; round <= ROUNDS; round++) {
			emu.reset();
			for (const pass of ['create', 'update']) {
				const reqs = bodies(emu.tokens.admin, `${round}-${pass}`);
				handlerMs = 0;
				let errors = 0;
				const started = performance.now();
				for (const r of reqs) {
					const answer = JSON.parse(await post(emu.url, r.requestId, r.body));
					if (answer.error !== 0 || answer.result.some((x) => x.error !== 0)) errors++;
				}
				const wall = performance.now() - started;
				if (errors) console.log(`  (${pass}: ${errors} requests had errors)`);
				if (round > 0) {
					figures[pass].server.push(wall);
					figures[pass].handler.push(handlerMs);
				}
			}
		}
		console.log('\n| pass | handler µs/profile | server µs/profile (HTTP round trips) |');
		console.log('|---|---:|---:|');
		for (const [pass, f] of Object.entries(figures)) {
			console.log(`| ${pass} | ${us(median(f.handler))} | ${us(median(f.server))} |`);
		}
		console.log(`\nledger entries after the last round: ${emu.ledger.length}; profiles in database 1: ${emu.store.countProfiles(1)}`);
	} finally {
		agent.destroy();
		await emu.close();
	}
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
