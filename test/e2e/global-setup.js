// Jest globalSetup of the end-to-end suite (test/e2e/jest.config.js), run once before every test file:
// 1. installs the real n8n runtime outside the repository, or finds it in its cache (scripts/e2e/install-n8n.mjs);
// 2. builds the package and packs it exactly as it would be published (`npm pack`), then extracts the tarball into a
//    temporary folder that n8n loads as a custom extension (N8N_CUSTOM_EXTENSIONS), never the repository itself.
// The folders are handed to the test workers through environment variables (workers start after this and inherit them).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

function log(message) {
	process.stderr.write(`[e2e] ${message}\n`);
}

/** npm of the running node: `npm run test:e2e` sets npm_execpath; otherwise the one next to node, or PATH's. */
function npm(args, options = {}) {
	const execPath = process.env.npm_execpath;
	const cli = execPath && /npm-cli\.js$/.test(execPath) ? execPath : path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	const [command, prefix] = fs.existsSync(cli) ? [process.execPath, [cli]] : ['npm', []];
	return spawnSync(command, [...prefix, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
}

function check(result, what) {
	if (result.error) throw new Error(`${what}: ${result.error.message}`);
	if (result.status !== 0) {
		throw new Error(`${what} failed (exit ${result.status}):\n${String(result.stdout ?? '').slice(-4000)}\n${String(result.stderr ?? '').slice(-4000)}`);
	}
	return result;
}

module.exports = async function globalSetup() {
	const started = Date.now();

	// 1. The n8n runtime (cold: a few minutes; cached: well under a second).
	const install = check(
		spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'e2e', 'install-n8n.mjs'), '--print'], {
			cwd: ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
		'installing n8n (scripts/e2e/install-n8n.mjs)',
	);
	const n8nHome = install.stdout.trim().split('\n').pop();

	// 2. Build, pack, extract.
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'altcraft-e2e-'));
	if (process.env.ALTCRAFT_E2E_SKIP_BUILD === '1') {
		log('ALTCRAFT_E2E_SKIP_BUILD=1: packing the existing dist/');
	} else {
		check(npm(['run', 'build']), 'npm run build');
	}
	const pack = check(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp]), 'npm pack');
	const packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
	const tarball = path.join(tmp, packed[0].filename);
	const extensions = path.join(tmp, 'extension');
	fs.mkdirSync(extensions);
	check(spawnSync('tar', ['-xzf', tarball, '-C', extensions], { encoding: 'utf8' }), 'extracting the packed tarball');
	const extension = path.join(extensions, 'package');
	const manifest = JSON.parse(fs.readFileSync(path.join(extension, 'package.json'), 'utf8'));
	for (const file of [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])]) {
		if (!fs.existsSync(path.join(extension, file))) throw new Error(`the packed tarball lacks ${file}, listed in package.json "n8n"`);
	}

	process.env.ALTCRAFT_E2E_N8N_HOME = n8nHome;
	process.env.ALTCRAFT_E2E_EXTENSION = extension;
	process.env.ALTCRAFT_E2E_TMP = tmp;
	process.env.ALTCRAFT_E2E_TARBALL = tarball;
	log(`n8n in ${n8nHome}; ${packed[0].filename} (${packed[0].entryCount} files) extracted to ${extension}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};
