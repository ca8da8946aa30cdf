#!/usr/bin/env node
// Installs the real n8n runtime used by the end-to-end suite (test/e2e) into a cache folder OUTSIDE the repository.
//
//   node scripts/e2e/install-n8n.mjs            installs once, then answers from the cache in well under a second
//   node scripts/e2e/install-n8n.mjs --force    reinstalls
//   node scripts/e2e/install-n8n.mjs --print    prints the folder (installing first if needed)
//
// Environment:
//   N8N_E2E_HOME      the install folder (default $HOME/.cache/n8n-nodes-altcraft/n8n-<version>)
//   N8N_E2E_VERSION   the n8n version (default 2.8.4, the newest that runs on Node 20)
//   N8N_E2E_NODEDIR   Node headers for building sqlite3 (default: the prefix of the running node when it has
//                     include/node/node_version.h; otherwise node-gyp downloads the headers)
//
// Why it is done this way (see /work/shared/n8n-node-conventions.md §1):
// - n8n-nodes-base fetches `xlsx` from a CDN outside the registry: overridden with the registry's xlsx@0.18.5;
// - install scripts are off (a Kafka addon downloads zlib, others fetch prebuilt binaries from GitHub);
//   the one native module n8n needs for its default SQLite database, sqlite3, is then compiled here with node-gyp.
// The install goes into a staging folder that is renamed into place only when complete, and a marker file records
// what was installed, so an interrupted run never leaves a half-installed runtime that looks finished.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = process.env.N8N_E2E_VERSION || '2.8.4';
export const MARKER = '.n8n-e2e-installed.json';

export function n8nHome() {
	return process.env.N8N_E2E_HOME || path.join(os.homedir(), '.cache', 'n8n-nodes-altcraft', `n8n-${N8N_VERSION}`);
}

/** What the marker must say for the cached install to be reused. */
function expectedMarker() {
	return { n8n: N8N_VERSION, node: process.versions.node.split('.')[0], modules: process.versions.modules, platform: process.platform, arch: process.arch };
}

export function n8nBin(home = n8nHome()) {
	return path.join(home, 'node_modules', 'n8n', 'bin', 'n8n');
}

function sqliteBinding(home) {
	return path.join(home, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
}

export function isInstalled(home = n8nHome()) {
	try {
		const marker = JSON.parse(fs.readFileSync(path.join(home, MARKER), 'utf8'));
		const want = expectedMarker();
		return Object.keys(want).every((k) => marker[k] === want[k]) && fs.existsSync(n8nBin(home)) && fs.existsSync(sqliteBinding(home));
	} catch {
		return false;
	}
}

function log(message) {
	process.stderr.write(`[install-n8n] ${message}\n`);
}

/**
 * The environment for npm and node-gyp: when this runs under `npm run …` (e.g. from the jest globalSetup), npm has
 * exported the calling project's settings (npm_config_local_prefix, npm_package_*, npm_lifecycle_*, its .npmrc
 * values); none of them may steer the install in the cache folder. Registry, cache, proxy and CA settings stay.
 */
function cleanEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_(package_|lifecycle_|command$|execpath$|node_execpath$)/i.test(key)) continue;
		if (/^npm_config_(local_prefix|prefix|global_prefix|globalconfig|call|yes|workspaces?|include_workspace_root|save.*|omit|include|only|production|ignore_scripts|allow_scripts|audit|fund|update_notifier|package_lock.*|dry_run|global|location|nodedir|node_gyp|jobs)$/i.test(key)) continue;
		env[key] = value;
	}
	return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

function run(command, args, cwd, { quiet = false } = {}) {
	const started = Date.now();
	log(`${path.basename(command)} ${args.join(' ')}   (in ${cwd})`);
	const result = spawnSync(command, args, {
		cwd,
		stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'],
		env: cleanEnv(),
		maxBuffer: 256 * 1024 * 1024,
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		if (quiet) process.stderr.write(`${String(result.stdout).slice(-8000)}\n${String(result.stderr).slice(-8000)}\n`);
		throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
	}
	log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function npmCommand() {
	// The npm that belongs to the running node, whatever is first on PATH.
	const cli = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
	return fs.existsSync(cli) ? [process.execPath, [cli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

function nodeGypCommand(home) {
	const candidates = [
		path.join(home, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
		path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
	];
	const found = candidates.find((c) => fs.existsSync(c));
	if (found) return [process.execPath, [found]];
	const [npm, npmArgs] = npmCommand();
	// npx from the same npm: downloads node-gyp from the registry if nothing local has it.
	const npx = path.join(path.dirname(npmArgs[0] ?? ''), 'npx-cli.js');
	return fs.existsSync(npx) ? [process.execPath, [npx, '--yes', 'node-gyp']] : [npm === 'npm.cmd' ? 'npx.cmd' : 'npx', ['--yes', 'node-gyp']];
}

function nodeDir() {
	if (process.env.N8N_E2E_NODEDIR) return process.env.N8N_E2E_NODEDIR;
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h')) ? prefix : undefined;
}

export function installN8n({ force = false } = {}) {
	const home = n8nHome();
	if (!force && isInstalled(home)) return home;

	const started = Date.now();
	const parent = path.dirname(home);
	fs.mkdirSync(parent, { recursive: true });
	const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(home)}.staging-`));
	try {
		log(`installing n8n@${N8N_VERSION} into ${home} (staging ${staging})`);
		fs.writeFileSync(
			path.join(staging, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-e2e-runtime',
					private: true,
					description: 'The n8n runtime of the n8n-nodes-altcraft end-to-end suite (scripts/e2e/install-n8n.mjs)',
					dependencies: { n8n: N8N_VERSION },
					overrides: { xlsx: 'npm:xlsx@0.18.5' },
				},
				null,
				2,
			),
		);
		// No .npmrc of the repository applies here (the folder is outside it); keep registry settings of the user.
		const [npm, npmArgs] = npmCommand();
		run(npm, [...npmArgs, 'install', '--ignore-scripts', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], staging);

		const sqlite = path.join(staging, 'node_modules', 'sqlite3');
		if (!fs.existsSync(sqlite)) throw new Error('n8n installed without sqlite3: cannot build its database driver');
		const [gyp, gypArgs] = nodeGypCommand(staging);
		const dir = nodeDir();
		// The compiler's output is long; it is shown only when the build fails.
		run(gyp, [...gypArgs, 'rebuild', '--jobs=max', ...(dir ? [`--nodedir=${dir}`] : [])], sqlite, { quiet: true });
		if (!fs.existsSync(sqliteBinding(staging))) throw new Error(`sqlite3 built, but ${sqliteBinding(staging)} is missing`);

		// Smoke tests: the driver opens a database, and the CLI loads and answers its version.
		const driver = spawnSync(process.execPath, ['-e', `const s = require(${JSON.stringify(sqlite)}); new s.Database(':memory:').close()`], { encoding: 'utf8' });
		if (driver.status !== 0) throw new Error(`the sqlite3 driver does not load: ${driver.stderr}`);
		const smokeFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-smoke-'));
		const version = spawnSync(process.execPath, [n8nBin(staging), '--version'], {
			encoding: 'utf8',
			env: { ...cleanEnv(), NODE_ENV: 'production', N8N_USER_FOLDER: smokeFolder, N8N_DIAGNOSTICS_ENABLED: 'false' },
		});
		fs.rmSync(smokeFolder, { recursive: true, force: true });
		if (!String(version.stdout).includes(N8N_VERSION)) {
			throw new Error(`n8n --version answered ${JSON.stringify(version.stdout)} ${JSON.stringify(version.stderr)}`);
		}
		fs.writeFileSync(path.join(staging, MARKER), JSON.stringify({ ...expectedMarker(), installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) }, null, 2));

		fs.rmSync(home, { recursive: true, force: true });
		try {
			fs.renameSync(staging, home);
		} catch (error) {
			// Another run installed it at the same moment: use theirs.
			if (!isInstalled(home)) throw error;
			fs.rmSync(staging, { recursive: true, force: true });
		}
		log(`n8n@${N8N_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
		return home;
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		throw error;
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		const force = process.argv.includes('--force');
		const cached = !force && isInstalled();
		const home = installN8n({ force });
		if (cached) log(`n8n@${N8N_VERSION} already installed in ${home}`);
		if (process.argv.includes('--print')) process.stdout.write(`${home}\n`);
	} catch (error) {
		log(`FAILED: ${error.message}`);
		process.exit(1);
	}
}
