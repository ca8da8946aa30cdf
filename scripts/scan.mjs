// Runs both local halves of n8n's community-package verification scanner (@n8n/scan-community-package):
// the source (package.json, nodes/, credentials/) and the packed tarball exactly as npm would publish it.
// The provenance half needs a real publish and is out of scope. Expects `npm run build` to have run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'altcraft-scan-'));

try {
	const [{ filename, files }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	);
	const unpacked = path.join(work, 'package');
	execFileSync('tar', ['-xzf', path.join(work, filename), '-C', work]);
	const outside = files.map((f) => f.path).filter((p) => !p.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(p));
	if (outside.length) throw new Error(`the tarball ships files outside dist/: ${outside.join(', ')}`);
	if (files.some((f) => /(^|\/)(test|emulator|scripts)\//.test(f.path))) throw new Error('the tarball ships test code');

	let failed = false;
	for (const [label, dir, patterns] of [
		['source', root, SOURCE_FILE_PATTERNS],
		[`tarball ${filename} (${files.length} files)`, unpacked, undefined],
	]) {
		const result = await analyzePackage(dir, patterns);
		console.log(`${result.passed ? 'PASS' : 'FAIL'} scanner: ${label}${result.message ? ` — ${result.message}` : ''}`);
		if (!result.passed) {
			failed = true;
			console.log(result.details ?? result.error ?? '');
		}
	}
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
