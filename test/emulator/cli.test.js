'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

test('cli.js prints {url, tokens}, serves requests (--no-data-wipe: wipe refused) and stops on SIGTERM', async () => {
	const child = spawn(process.execPath, [path.join(__dirname, '../../emulator/cli.js'), '--port', '0', '--no-data-wipe'], { stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	try {
		const line = await new Promise((resolve, reject) => {
			const rl = readline.createInterface({ input: child.stdout });
			rl.once('line', resolve);
			child.once('exit', () => reject(new Error('cli exited early')));
		});
		const info = JSON.parse(line);
		expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(Object.keys(info.tokens)).toEqual(expect.arrayContaining(['admin', 'readOnly', 'noDelete', 'limited']));
		const r = await fetch(`${info.url}/api/v1.1/databases/list/`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token: info.tokens.admin }),
		});
		expect((await r.json()).error).toBe(0);
		const w = await fetch(`${info.url}/api/v1.1/databases/wipe`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ token: info.tokens.admin, id: 1 }),
		});
		expect((await w.json()).error).toBe(403);
	} finally {
		child.kill('SIGTERM');
	}
	expect(await exited).toEqual({ code: 0, signal: null });
});
