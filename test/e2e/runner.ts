/**
 * The end-to-end runner: drives a real n8n runtime (installed by scripts/e2e/install-n8n.mjs, found through
 * test/e2e/global-setup.js) with the packed package loaded as a custom extension.
 *
 * One `N8nRuntime` = one isolated n8n user folder (SQLite database, encryption key, settings) in a temporary folder.
 * A test file creates one, imports its credentials and all its workflows once, then runs each workflow headless with
 * `n8n execute --id=… --rawOutput` and reads the items every node returned from the printed run data.
 * `startServer()` runs `n8n start` on a loopback port for what only the REST API offers (the credential test).
 * Every line n8n printed is kept in `transcript`, so a test can assert that no secret ever appeared in it.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

export const E2E_ENABLED = process.env.ALTCRAFT_E2E === '1';

/** `describe` under the e2e config (test/e2e/jest.config.js), `describe.skip` under the regular jest run. */
export const describeE2E: jest.Describe = E2E_ENABLED ? describe : describe.skip;

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

interface Prepared {
	n8nHome: string;
	extension: string;
	tmp: string;
}

function prepared(): Prepared {
	const n8nHome = process.env.ALTCRAFT_E2E_N8N_HOME;
	const extension = process.env.ALTCRAFT_E2E_EXTENSION;
	const tmp = process.env.ALTCRAFT_E2E_TMP;
	if (!n8nHome || !extension || !tmp) {
		throw new Error('The e2e runtime is not prepared: run the suite with `npm run test:e2e` (test/e2e/jest.config.js).');
	}
	return { n8nHome, extension, tmp };
}

/** A free TCP port on loopback (n8n needs fixed port numbers for its HTTP server and its task broker). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

// ---------------------------------------------------------------------------------------------------------------
// Workflows and credentials

export interface CredentialRef {
	id: string;
	name: string;
}

export interface CredentialFixture extends CredentialRef {
	type: string;
	data: IDataObject;
}

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: IDataObject;
	credentials?: Record<string, CredentialRef>;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: IDataObject;
	settings?: IDataObject;
	[key: string]: unknown;
}

/** The type of our node as an installed community package, and as n8n names it when loaded from a custom folder. */
export const PACKAGE_NODE_PREFIX = 'n8n-nodes-altcraft.';
export const CUSTOM_NODE_PREFIX = 'CUSTOM.';

/**
 * Reads a workflow file (path relative to the repository) and makes it runnable here: gives it `id`, points every
 * `altcraftApi` credential reference at `credential`, and renames the installed-package node types of the examples
 * (`n8n-nodes-altcraft.altcraft`) to the custom-extension ones (`CUSTOM.altcraft`).
 */
export function loadWorkflow(file: string, { id, credential }: { id: string; credential: CredentialRef }): WorkflowJson {
	if (id.length > 21) throw new Error(`workflow id "${id}" is longer than the 21 characters n8n execute accepts`);
	const workflow = JSON.parse(fs.readFileSync(path.resolve(REPO_ROOT, file), 'utf8')) as WorkflowJson;
	const nodes = workflow.nodes.map((node) => {
		const copy: WorkflowNode = { ...node };
		if (copy.type.startsWith(PACKAGE_NODE_PREFIX)) copy.type = CUSTOM_NODE_PREFIX + copy.type.slice(PACKAGE_NODE_PREFIX.length);
		if (copy.credentials?.altcraftApi) copy.credentials = { ...copy.credentials, altcraftApi: { id: credential.id, name: credential.name } };
		return copy;
	});
	return { ...workflow, id, active: false, nodes, settings: { executionOrder: 'v1', ...(workflow.settings ?? {}) } };
}

// ---------------------------------------------------------------------------------------------------------------
// Results

export interface CliResult {
	args: string[];
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
	timedOut: boolean;
}

export interface RunItem {
	json: IDataObject;
	binary?: Record<string, IDataObject>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }>;
	error?: IDataObject;
}

interface TaskData {
	executionStatus?: string;
	error?: IDataObject;
	data?: { main?: Array<RunItem[] | null> };
}

/**
 * Finds the run data n8n printed: `JSON.stringify(run, null, 2)`, i.e. a line "{" up to the next line "}", after
 * whatever log lines came first (task broker, "Execution was NOT successful", …).
 */
export function parseRunOutput(stdout: string): IDataObject | undefined {
	const lines = stdout.split(/\r?\n/);
	for (let start = lines.indexOf('{'); start >= 0; start = lines.indexOf('{', start + 1)) {
		const end = lines.indexOf('}', start + 1);
		if (end < 0) return undefined;
		try {
			const parsed = JSON.parse(lines.slice(start, end + 1).join('\n')) as IDataObject;
			if (parsed && typeof parsed === 'object' && 'data' in parsed) return parsed;
		} catch {
			// not the run data; look further
		}
	}
	return undefined;
}

/** One `n8n execute` of one workflow. */
export class Execution {
	constructor(
		readonly workflowId: string,
		readonly cli: CliResult,
		readonly run: IDataObject | undefined,
	) {}

	/** success | error | … as n8n reports it; "unparsed" when no run data was printed. */
	get status(): string {
		return String(this.run?.status ?? 'unparsed');
	}

	private get resultData(): IDataObject {
		return ((this.run?.data as IDataObject | undefined)?.resultData ?? {}) as IDataObject;
	}

	/** The workflow's error (the first node that failed without Continue On Fail). */
	get error(): IDataObject | undefined {
		return this.resultData.error as IDataObject | undefined;
	}

	/** Names of the nodes that ran, in the order of the run data. */
	get nodesRun(): string[] {
		return Object.keys((this.resultData.runData ?? {}) as IDataObject);
	}

	private task(node: string, runIndex: number): TaskData | undefined {
		const runs = ((this.resultData.runData ?? {}) as Record<string, TaskData[]>)[node];
		return runs?.[runIndex < 0 ? runs.length + runIndex : runIndex];
	}

	/** How many times a node ran. */
	runs(node: string): number {
		return (((this.resultData.runData ?? {}) as Record<string, TaskData[]>)[node] ?? []).length;
	}

	/** The items a node returned on one of its outputs (last run by default). */
	items(node: string, { output = 0, runIndex = -1 } = {}): RunItem[] {
		return this.task(node, runIndex)?.data?.main?.[output] ?? [];
	}

	/** The error a node stopped with, if it did. */
	nodeError(node: string, runIndex = -1): IDataObject | undefined {
		return this.task(node, runIndex)?.error;
	}

	/** A short account for failure messages. */
	describe(): string {
		return `workflow ${this.workflowId}: exit ${this.cli.code}, status ${this.status}, ${this.cli.ms} ms; error: ${JSON.stringify(this.error?.message)}\n--- stdout (tail) ---\n${this.cli.stdout.slice(-3000)}\n--- stderr (tail) ---\n${this.cli.stderr.slice(-3000)}`;
	}

	/** Fails with the n8n output unless the run succeeded. */
	expectSuccess(): this {
		if (this.cli.code !== 0 || this.status !== 'success') throw new Error(`expected a successful run\n${this.describe()}`);
		return this;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// The runtime

/** Variables of the parent process that must not leak into n8n (jest sets NODE_ENV=test, which n8n reacts to). */
function baseEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|GENERIC_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|JEST_|ALTCRAFT_E2E)/.test(key)) continue;
		env[key] = value;
	}
	return env;
}

export class N8nRuntime {
	/** Every n8n command run in this user folder, with all it printed. */
	readonly transcript: CliResult[] = [];

	private readonly servers = new Set<N8nServer>();

	private constructor(
		readonly userFolder: string,
		private readonly prepared: Prepared,
		private readonly encryptionKey: string,
	) {}

	/** A fresh, isolated n8n user folder under the run's temporary folder. */
	static create(label: string): N8nRuntime {
		const setup = prepared();
		const parent = path.join(setup.tmp, 'users');
		fs.mkdirSync(parent, { recursive: true });
		const userFolder = fs.mkdtempSync(path.join(parent, `${label.replace(/[^a-z0-9-]/gi, '-')}-`));
		return new N8nRuntime(userFolder, setup, randomBytes(24).toString('hex'));
	}

	get n8nBin(): string {
		return path.join(this.prepared.n8nHome, 'node_modules', 'n8n', 'bin', 'n8n');
	}

	/** The environment of every n8n process: isolated, headless, quiet towards the internet. */
	env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
		return {
			...baseEnv(),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_CUSTOM_EXTENSIONS: this.prepared.extension,
			// SQLite in the user folder: no database server.
			DB_TYPE: 'sqlite',
			// No telemetry, version checks, personalisation survey, templates or banners fetched from n8n.io.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			// Installing community packages from npm is not what this suite tests; our package comes as a custom extension.
			N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_LOG_LEVEL: 'info',
			// Dates in expressions ($now) the same on every machine.
			GENERIC_TIMEZONE: 'UTC',
			// Our node talks to the emulator on loopback: never through a proxy.
			NO_PROXY: '127.0.0.1,localhost',
			no_proxy: '127.0.0.1,localhost',
			...extra,
		};
	}

	/** Runs one n8n CLI command in this user folder. */
	async cli(args: string[], { timeoutMs = 180_000, env = {} }: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
		// Every n8n process starts a task broker on a fixed port: give each its own, so parallel test files never clash.
		const brokerPort = await freePort();
		const started = Date.now();
		const child = spawn(process.execPath, [this.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
		let timedOut = false;
		let killTimer: NodeJS.Timeout | undefined;
		// On timeout: SIGTERM first, so that n8n stops its task-runner child itself; SIGKILL if it does not go.
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGTERM');
			killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		}, timeoutMs);
		const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (c, s) => resolve([c, s]));
		}).finally(() => {
			clearTimeout(timer);
			clearTimeout(killTimer);
		});
		const result: CliResult = {
			args,
			code,
			signal,
			stdout: Buffer.concat(stdout).toString('utf8'),
			stderr: Buffer.concat(stderr).toString('utf8'),
			ms: Date.now() - started,
			timedOut,
		};
		this.record(result);
		if (timedOut) throw new Error(`n8n ${args.join(' ')} did not finish within ${timeoutMs} ms\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		return result;
	}

	private async cliChecked(args: string[], expect: RegExp): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0 || !expect.test(result.stdout + result.stderr)) {
			throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
		}
		return result;
	}

	/** `n8n import:credentials`: the data is given in clear and encrypted by n8n with this folder's key. */
	async importCredentials(credentials: CredentialFixture[]): Promise<void> {
		const file = path.join(this.userFolder, `credentials-${randomBytes(4).toString('hex')}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			await this.cliChecked(['import:credentials', `--input=${file}`], new RegExp(`Successfully imported ${credentials.length} credential`));
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** `n8n import:workflow`: all of them with one command. */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		for (const workflow of workflows) if (!workflow.id) throw new Error(`workflow "${workflow.name}" has no id`);
		const file = path.join(this.userFolder, `workflows-${randomBytes(4).toString('hex')}.json`);
		fs.writeFileSync(file, JSON.stringify(workflows));
		await this.cliChecked(['import:workflow', `--input=${file}`], new RegExp(`Successfully imported ${workflows.length} workflow`));
	}

	/** `n8n execute --id=… --rawOutput`, headless; the run data parsed from what it printed. */
	async execute(workflowId: string, { timeoutMs = 180_000 } = {}): Promise<Execution> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs });
		return new Execution(workflowId, result, parseRunOutput(result.stdout));
	}

	/**
	 * The bytes of a binary property of an output item: inline base64, or (n8n 2.x default) a file n8n stored under
	 * <user folder>/.n8n/storage, referenced as "filesystem-v2:<path>".
	 */
	readBinary(binary: IDataObject | undefined): Buffer {
		if (!binary) throw new Error('no binary data');
		const id = String(binary.id ?? '');
		const [mode, ...rest] = id.split(':');
		if (mode.startsWith('filesystem')) return fs.readFileSync(path.join(this.userFolder, '.n8n', 'storage', rest.join(':')));
		if (typeof binary.data === 'string' && !id) return Buffer.from(binary.data, 'base64');
		throw new Error(`binary data stored as "${id}" cannot be read here`);
	}

	/** `n8n start` on a free loopback port, ready for REST calls. */
	async startServer(): Promise<N8nServer> {
		const server = await N8nServer.start(this);
		this.servers.add(server);
		return server;
	}

	/** Everything every n8n process of this runtime printed so far. */
	output(): string {
		return this.transcript.map((r) => `$ n8n ${r.args.join(' ')}\n${r.stdout}\n${r.stderr}`).join('\n');
	}

	/** Stops servers still running (the user folder goes with the run's temporary folder). */
	async dispose(): Promise<void> {
		await Promise.all([...this.servers].map((s) => s.stop()));
		this.servers.clear();
	}

	/** @internal Keeps what a process printed, also as files under <user folder>/logs (see ALTCRAFT_E2E_KEEP=1). */
	record(result: CliResult): void {
		this.transcript.push(result);
		const logs = path.join(this.userFolder, 'logs');
		fs.mkdirSync(logs, { recursive: true });
		const base = path.join(logs, `${String(this.transcript.length).padStart(2, '0')}-${result.args.join('_').replace(/[^a-z0-9=_-]/gi, '')}`);
		fs.writeFileSync(`${base}.stdout.txt`, result.stdout);
		fs.writeFileSync(`${base}.stderr.txt`, result.stderr);
	}
}

// ---------------------------------------------------------------------------------------------------------------
// n8n as a server (REST API), for what the CLI cannot do

export interface RestAnswer<T = IDataObject> {
	status: number;
	body: T;
	text: string;
}

export class N8nServer {
	private cookie = '';

	private stopped: Promise<void> | undefined;

	private constructor(
		private readonly runtime: N8nRuntime,
		private readonly child: ChildProcess,
		readonly url: string,
		private readonly output: { stdout: Buffer[]; stderr: Buffer[]; started: number; args: string[] },
		private readonly exited: Promise<[number | null, NodeJS.Signals | null]>,
	) {}

	static async start(runtime: N8nRuntime, { timeoutMs = 120_000 } = {}): Promise<N8nServer> {
		const [port, brokerPort] = [await freePort(), await freePort()];
		const args = ['start'];
		const child = spawn(process.execPath, [runtime.n8nBin, ...args], {
			cwd: runtime.userFolder,
			env: runtime.env({
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				N8N_SECURE_COOKIE: 'false',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				N8N_PUBLIC_API_DISABLED: 'true',
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const output = { stdout: [] as Buffer[], stderr: [] as Buffer[], started: Date.now(), args };
		child.stdout?.on('data', (chunk: Buffer) => output.stdout.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => output.stderr.push(chunk));
		const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
		const server = new N8nServer(runtime, child, `http://127.0.0.1:${port}`, output, exited);

		// /healthz answers before the REST routes exist: wait until /rest/settings answers JSON.
		const deadline = Date.now() + timeoutMs;
		let exitedEarly = false;
		void exited.then(() => (exitedEarly = true));
		for (;;) {
			if (exitedEarly) {
				await server.stop();
				throw new Error(`n8n start exited before it was ready:\n${server.printed().slice(-4000)}`);
			}
			try {
				const answer = await fetch(`${server.url}/rest/settings`);
				if (answer.ok && (answer.headers.get('content-type') ?? '').includes('json')) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				await server.stop();
				throw new Error(`n8n start was not ready within ${timeoutMs} ms:\n${server.printed().slice(-4000)}`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		return server;
	}

	/** What the server printed so far (stdout and stderr). */
	printed(): string {
		return `${Buffer.concat(this.output.stdout).toString('utf8')}\n${Buffer.concat(this.output.stderr).toString('utf8')}`;
	}

	/** A REST call as the signed-in owner (after setupOwner). */
	async rest<T = IDataObject>(method: string, route: string, body?: unknown): Promise<RestAnswer<T>> {
		return this.request<T>(method, `/rest/${route.replace(/^\//, '')}`, body);
	}

	/** Any path of the server (e.g. /types/nodes.json, /icons/…), with the owner's session cookie. */
	async request<T = IDataObject>(method: string, pathname: string, body?: unknown): Promise<RestAnswer<T> & { contentType: string }> {
		const response = await fetch(`${this.url}/${pathname.replace(/^\//, '')}`, {
			method,
			headers: { 'content-type': 'application/json', ...(this.cookie ? { cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = undefined;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON
		}
		const setCookie = response.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		return { status: response.status, body: parsed as T, text, contentType: response.headers.get('content-type') ?? '' };
	}

	/** The first-run owner setup (as the UI's setup screen does it); the session cookie is kept for later calls. */
	async setupOwner(owner = { email: 'owner@example.com', firstName: 'E2E', lastName: 'Owner', password: `E2e-${randomBytes(8).toString('hex')}-Pw1` }): Promise<IDataObject> {
		const answer = await this.rest('POST', 'owner/setup', owner);
		if (answer.status !== 200 || !this.cookie) throw new Error(`owner setup failed: HTTP ${answer.status} ${answer.text.slice(0, 500)}`);
		return (answer.body.data ?? {}) as IDataObject;
	}

	/**
	 * The editor's "Test" button on a saved credential: read it (secrets come back blanked), then post it to
	 * /rest/credentials/test; n8n puts the stored secrets back in and runs the credential type's `test` request.
	 * `change` edits fields first, as a user typing into the open credential before testing would.
	 */
	async testCredential(id: string, change: IDataObject = {}): Promise<{ read: RestAnswer; test: RestAnswer }> {
		const read = await this.rest('GET', `credentials/${encodeURIComponent(id)}?includeData=true`);
		if (read.status !== 200) throw new Error(`reading credential ${id} failed: HTTP ${read.status} ${read.text.slice(0, 500)}`);
		const stored = (read.body.data ?? {}) as IDataObject;
		const credentials = { id: stored.id, name: stored.name, type: stored.type, data: { ...((stored.data ?? {}) as IDataObject), ...change } };
		const test = await this.rest('POST', 'credentials/test', { credentials });
		return { read, test };
	}

	/** SIGTERM, then SIGKILL after 20 s; what it printed goes into the runtime's transcript. */
	async stop(): Promise<void> {
		if (!this.stopped) {
			this.stopped = (async () => {
				if (this.child.exitCode === null && this.child.signalCode === null) {
					this.child.kill('SIGTERM');
					const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
					await this.exited;
					clearTimeout(timer);
				}
				const [code, signal] = await this.exited;
				this.runtime.record({
					args: this.output.args,
					code,
					signal,
					stdout: Buffer.concat(this.output.stdout).toString('utf8'),
					stderr: Buffer.concat(this.output.stderr).toString('utf8'),
					ms: Date.now() - this.output.started,
					timedOut: false,
				});
			})();
		}
		return this.stopped;
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets

/** Fails naming where a secret appeared (the secrets are test tokens, so naming them is harmless). */
export function expectNoSecrets(text: string, secrets: string[], where = 'n8n output'): void {
	for (const secret of secrets) {
		if (!secret) continue;
		const at = text.indexOf(secret);
		if (at >= 0) {
			throw new Error(`a secret (${secret.slice(0, 6)}…) appears in ${where}: …${text.slice(Math.max(0, at - 300), at + secret.length + 100)}…`);
		}
	}
}
