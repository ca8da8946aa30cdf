#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Standalone emulator: `node emulator/cli.js [--port N] [--mirror] [--seed file.json] [--no-record]
 * [--task-polls N] [--dedup-window-sec N] [--no-data-wipe]`. Prints one JSON line `{"url":..., "tokens":{...}}` and runs until
 * SIGTERM / SIGINT.
 */

const fs = require('node:fs');
const { createEmulator } = require('./index');

/**
 * @param {string[]} argv
 * @returns {import('./index').EmulatorOptions}
 */
function parseArgs(argv) {
	/** @type {import('./index').EmulatorOptions} */
	const o = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
		const next = () => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`${flag} needs a value`);
			return v;
		};
		switch (flag) {
			case '--port':
				o.port = Number(next());
				break;
			case '--mirror':
				o.httpErrorStatus = 'mirror';
				break;
			case '--seed':
				o.seed = JSON.parse(fs.readFileSync(next(), 'utf8'));
				break;
			case '--no-record':
				o.recordRequests = false;
				break;
			case '--task-polls':
				o.taskPollsUntilDone = Number(next());
				break;
			case '--dedup-window-sec':
				o.dedupWindowSec = Number(next());
				break;
			case '--no-data-wipe':
				o.allowDataWipe = false;
				break;
			default:
				throw new Error(`unknown argument ${a}`);
		}
	}
	return o;
}

async function main() {
	const emu = await createEmulator(parseArgs(process.argv.slice(2)));
	process.stdout.write(`${JSON.stringify({ url: emu.url, tokens: emu.tokens })}\n`);
	let closing = false;
	const stop = () => {
		if (closing) return;
		closing = true;
		emu.close().then(() => process.exit(0), () => process.exit(1));
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((e) => {
	process.stderr.write(`altcraft emulator: ${e && e.message ? e.message : e}\n`);
	process.exit(1);
});
