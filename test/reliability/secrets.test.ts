/**
 * The token never leaves the node: for every error path — each error code, HTTP and network failures, timeouts,
 * validation errors, Continue On Fail items, per-entry batch errors, bad credentials — the token string appears
 * nowhere in what the node returns or throws, as n8n's real engine keeps and serialises it: the output items, the
 * errors on them, `run.data.resultData.error`, the run data, and JSON.stringify of all of it (also of the error
 * objects with their non-enumerable properties such as `stack`).
 *
 * Two servers: the emulator (the real error paths), and a hostile server that echoes the token it received into
 * every answer (error texts, HTML pages, redirects), so that scrubbing is proven and not just the emulator's manners.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { ALTCRAFT_ERROR_CODES } from '../../nodes/Altcraft/transport/errors';
import { byId, NODE_NAME, runAltcraft, type AltcraftRun } from '../helpers/altcraftWorkflow';
import { api, localServer, startEmulator, type Emulator } from './support';

jest.setTimeout(60_000);

let emu: Emulator;
let small: Emulator; // a platform with a 4 KB body limit, for HTTP 413
let echo: Awaited<ReturnType<typeof localServer>>;
/** What the hostile server answers next: a function of the token it received. */
let echoAnswer: (token: string) => { status: number; headers?: Record<string, string>; body: string } | 'destroy';

beforeAll(async () => {
	emu = await startEmulator();
	small = await startEmulator({ maxBodyBytes: 4096 });
	echo = await localServer((req, body, res) => {
		let token = '';
		try {
			token = String((JSON.parse(body) as IDataObject).token ?? '');
		} catch {
			token = body;
		}
		const answer = echoAnswer(token);
		if (answer === 'destroy') {
			req.socket.destroy();
			return;
		}
		res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
		res.end(answer.body);
	});
});
afterAll(async () => {
	await emu.close();
	await small.close();
	await echo.close();
});
beforeEach(() => {
	emu.reset();
	small.reset();
	echo.received.length = 0;
});

// ------------------------------------------------------------------------------------------------- the check

/** Every string reachable from a value: own properties enumerable or not (an Error's message, stack, description). */
function allStrings(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
	if (typeof value === 'string') {
		out.push(value);
		return out;
	}
	if (value === null || typeof value !== 'object' || seen.has(value)) return out;
	seen.add(value);
	if (Buffer.isBuffer(value)) {
		out.push(value.toString('utf8'));
		return out;
	}
	for (const key of Object.getOwnPropertyNames(value)) {
		out.push(key);
		let inner: unknown;
		try {
			inner = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		allStrings(inner, seen, out);
	}
	return out;
}

function safeStringify(value: unknown, withHidden = false): string {
	const seen = new WeakSet();
	return (
		JSON.stringify(value, function (_key, inner: unknown) {
			if (inner !== null && typeof inner === 'object') {
				if (seen.has(inner)) return '[circular]';
				seen.add(inner);
				if (withHidden && inner instanceof Error) {
					return Object.fromEntries(Object.getOwnPropertyNames(inner).map((name) => [name, (inner as unknown as Record<string, unknown>)[name]]));
				}
			}
			return inner;
		}) ?? ''
	);
}

/**
 * What n8n keeps of a run and what it shows: none of it may hold the token. When the workflow itself holds the token
 * (a user typed it into a field), the node's parameters — part of the workflow, copied into the run data by n8n —
 * are left out of the check; everything the node produced is still checked.
 */
function expectTokenNowhere(result: AltcraftRun, token: string, tokenInParameters = false) {
	const strip = (value: unknown) => (tokenInParameters ? withoutNodeParameters(value) : value);
	const nodeRun = result.runs[NODE_NAME]?.[0];
	const errors = [result.error, nodeRun?.error, ...result.items.map((item) => item.error)].filter(Boolean);
	const texts = [
		safeStringify(strip(result.run)), // what n8n persists: run.data.resultData (runData, error, lastNodeExecuted…)
		safeStringify(strip(result.error)), // run.data.resultData.error
		safeStringify(result.items),
		safeStringify(strip(nodeRun)),
		...errors.map((error) => safeStringify(strip(error), true)), // with message, stack, description, context
		...errors.map((error) => String(error)),
		...allStrings(strip(result.run)),
		...allStrings(result.items),
	];
	const leaks = texts.filter((text) => text.includes(token));
	expect(leaks).toEqual([]);
}

/** A deep copy without the `parameters` of workflow nodes (objects with a type and a typeVersion). */
function withoutNodeParameters(value: unknown, seen = new Map<unknown, unknown>()): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value)) return seen.get(value);
	const copy: Record<string, unknown> = Array.isArray(value) ? ([] as unknown as Record<string, unknown>) : {};
	seen.set(value, copy);
	const isNode = 'typeVersion' in value && 'type' in value && 'parameters' in value;
	for (const key of Object.getOwnPropertyNames(value)) {
		if (isNode && key === 'parameters') continue;
		copy[key] = withoutNodeParameters((value as Record<string, unknown>)[key], seen);
	}
	return copy;
}

// ------------------------------------------------------------------------------------------------- the paths

type Target = 'emulator' | 'echo' | 'closed' | 'small';

interface Path {
	title: string;
	target: Target;
	parameters: INodeParameters;
	/** Default: the emulator's admin token, or the canary token for the echo server. */
	token?: string;
	/** The credential's Base URL, when it is not the target's. */
	baseUrl?: string;
	input?: INodeExecutionData[];
	continueOnFail?: boolean;
	setup?: () => void | Promise<void>;
	/** Whether the token must have reached the server (to prove the path really sent it). */
	sent?: boolean;
	/** The workflow itself holds the token (typed into a field by mistake). */
	tokenInParameters?: boolean;
	/** The error the path must produce (its message), to prove the path was taken. */
	message?: RegExp;
}

const CANARY = 'tok_CANARY_5b9e2d71c4a8f036';

const options = (extra: IDataObject = {}): INodeParameters => ({ maxRetries: 0, ...extra }) as INodeParameters;
const getProfile = (email = 'nobody@example.com', extra: IDataObject = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'get',
	database: byId(1),
	matching: 'email',
	email,
	options: options(extra),
});
const upsert = (email: string, data: IDataObject | string = { _fname: 'Jane' }, extra: IDataObject = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email,
	dataMode: 'json',
	profileJson: typeof data === 'string' ? data : JSON.stringify(data),
	options: options(extra),
});
const create = (email: string): INodeParameters => ({ ...upsert(email, { email, _fname: 'Jane' }), operation: 'create' });
const custom = (path: string, body: IDataObject, modifiesData = false): INodeParameters => ({
	resource: 'customApiCall',
	operation: 'request',
	path,
	body: JSON.stringify(body),
	modifiesData,
	options: options(),
});
const batchUpsert = (): INodeParameters => ({
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email: '={{ $json.email }}',
	dataMode: 'fields',
	profileFields: { field: [{ name: 'orders_count', value: '={{ $json.orders }}' }] },
	options: options(),
});
const batchInput = [
	{ json: { email: 'b0@example.com', orders: 1 } },
	{ json: { email: 'b1@example.com', orders: 'many' } },
	{ json: { email: 'b2@example.com', orders: 3 } },
];

const emulatorPaths: Path[] = [
	{ title: 'error 400 (a parameter missing)', message: /Altcraft error 400/, target: 'emulator', parameters: custom('profiles/get/', { matching: 'email' }) },
	{ title: 'error 401 (a wrong token)', message: /Altcraft error 401/, target: 'emulator', token: 'wrong-token-canary-8c1f3e', parameters: getProfile() },
	{ title: 'error 403 (a read-only token writes)', message: /Altcraft error 403/, target: 'emulator', token: 'emu-readonly-7a1d9c3f5e2b48a6', parameters: upsert('ro@example.com') },
	{ title: 'error 404 (no such profile)', message: /Altcraft error 404/, target: 'emulator', parameters: getProfile() },
	{
		title: 'error 409 (the e-mail exists)', message: /Altcraft error 409/,
		target: 'emulator',
		parameters: create('dup@example.com'),
		setup: async () => void (await api(emu, 'profiles/import', { db_id: 1, matching: 'email', email: 'dup@example.com', data: { email: 'dup@example.com' } })),
	},
	{
		title: 'error 413 (a resource of another database)', message: /Altcraft error 413/,
		target: 'emulator',
		parameters: custom('subscriptions/set', { db_id: 1, profile_id: '5f4fa1a5ce9448665fef548e', resource_id: 3, channel: 'email', email: 'sub@example.com' }, true),
	},
	{ title: 'error 429 (the rate limit), Max Retries 0', message: /Altcraft error 429/, target: 'emulator', parameters: getProfile(), setup: () => emu.setRateLimit({ limit: 0, windowMs: 60_000, retryAfterSec: 0 }) },
	{
		title: 'error 435 (ambiguous matching)', message: /Altcraft error 435/,
		target: 'emulator',
		parameters: { ...getProfile(), matching: 'custom', fieldName: 'crm_id', fieldValue: 'CRM-1' },
		setup: async () => {
			await api(emu, 'profiles/add', { db_id: 1, data: { email: 'x1@example.com', crm_id: 'CRM-1' } });
			await api(emu, 'profiles/add', { db_id: 1, data: { email: 'x2@example.com', crm_id: 'CRM-1' } });
		},
	},
	{ title: 'error 450 (a field the database lacks)', message: /Altcraft error 450.*no_such_field/, target: 'emulator', parameters: upsert('f@example.com', { no_such_field: 1 }) },
	{ title: 'error 500 (injected)', message: /Altcraft error 500/, target: 'emulator', parameters: getProfile(), setup: () => emu.faults.inject({ kind: 'error500', count: 5 }) },
	{ title: 'error 501 (no such method)', message: /Altcraft error 501/, target: 'emulator', parameters: custom('no_such/method', {}) },
	...(['http502', 'http503', 'http504'] as const).map((kind): Path => ({
		title: `${kind} (a gateway page)`,
		target: 'emulator',
		parameters: getProfile(),
		message: new RegExp(`HTTP ${kind.slice(4)}`),
		setup: () => emu.faults.inject({ kind, count: 5 }),
	})),
	{ title: 'a connection dropped before the change', message: /ECONNRESET/, target: 'emulator', parameters: upsert('drop@example.com'), setup: () => emu.faults.inject({ kind: 'dropBeforeApply', count: 5 }) },
	{ title: 'a connection dropped after the change', message: /ECONNRESET/, target: 'emulator', parameters: upsert('drop2@example.com'), setup: () => emu.faults.inject({ kind: 'dropAfterApply', count: 5 }) },
	{ title: 'a timeout (a hung answer)', message: /ECONNABORTED|timeout/i, target: 'emulator', parameters: getProfile('x@example.com', { timeout: 1 }), setup: () => emu.faults.inject({ kind: 'hang', count: 5 }) },
	// The platform refuses the body unread, so its request log has no body to show the token in.
	{ title: 'HTTP 413 (a body over the platform limit)', message: /HTTP 413/, target: 'small', parameters: upsert('big@example.com', { _fname: 'x'.repeat(8000) }), sent: false },
	{ title: 'a refused connection (nothing listens)', message: /ECONNREFUSED/, target: 'closed', parameters: getProfile(), sent: false },
	{ title: 'per-entry batch errors, Continue On Fail', message: /Altcraft error 450/, target: 'emulator', parameters: batchUpsert(), input: batchInput, continueOnFail: true },
	{ title: 'per-entry batch errors, stop on error', message: /Altcraft error 450/, target: 'emulator', parameters: batchUpsert(), input: batchInput },
	{ title: 'error 404 with Continue On Fail', message: /Altcraft error 404/, target: 'emulator', parameters: getProfile(), continueOnFail: true },
	{ title: 'error 500 with Continue On Fail', message: /Altcraft error 500/, target: 'emulator', parameters: getProfile(), continueOnFail: true, setup: () => emu.faults.inject({ kind: 'error500', count: 5 }) },
];

const validationPaths: Path[] = [
	{ title: 'validation: an e-mail that is not one', target: 'emulator', parameters: upsert('not-an-email'), sent: false },
	{ title: 'validation: invalid JSON', target: 'emulator', parameters: upsert('j@example.com', '{"_fname": '), sent: false },
	{ title: 'validation: the token typed into the e-mail field', target: 'emulator', parameters: upsert('emu-admin-0f6c2b8e4d1a47c9b3e5'), sent: false, tokenInParameters: true },
	{ title: 'validation: the token typed into a date field', target: 'emulator', parameters: upsert('d@example.com', { _bdate: 'emu-admin-0f6c2b8e4d1a47c9b3e5' }), sent: false, tokenInParameters: true },
	{
		title: 'validation: the token in Additional Body Fields',
		target: 'emulator',
		parameters: upsert('t@example.com', { _fname: 'T' }, { additionalBodyFields: JSON.stringify({ token: 'emu-admin-0f6c2b8e4d1a47c9b3e5' }) }),
		sent: false,
		tokenInParameters: true,
	},
	{ title: 'validation with Continue On Fail', target: 'emulator', parameters: upsert('emu-admin-0f6c2b8e4d1a47c9b3e5'), continueOnFail: true, sent: false, tokenInParameters: true },
	{ title: 'an unknown operation (a thrown error)', target: 'emulator', parameters: { resource: 'profile', operation: 'explode' }, sent: false },
	{
		title: 'a Base URL with the token as password',
		target: 'emulator',
		baseUrl: 'http://user:emu-admin-0f6c2b8e4d1a47c9b3e5@127.0.0.1:1/',
		parameters: getProfile(),
		sent: false,
	},
	{
		title: 'a Base URL with the token in the query',
		target: 'emulator',
		baseUrl: 'http://127.0.0.1:1/?token=emu-admin-0f6c2b8e4d1a47c9b3e5',
		parameters: getProfile(),
		sent: false,
	},
];

// The hostile server echoes the token into every kind of answer.
const echoPaths: Array<Path & { answer: (token: string) => { status: number; headers?: Record<string, string>; body: string } | 'destroy' }> = [
	...Object.keys(ALTCRAFT_ERROR_CODES)
		.map(Number)
		.filter((code) => code !== 0)
		.flatMap((code) => [
			{
				title: `echo: error ${code} in an HTTP 200 envelope, token in error_text`,
				target: 'echo' as const,
				parameters: getProfile(),
				answer: (token: string) => ({ status: 200, body: JSON.stringify({ error: code, error_text: `token ${token} refused`, data: { token } }) }),
			},
			{
				title: `echo: error ${code} mirrored as HTTP ${code}, token in error_text and headers`,
				target: 'echo' as const,
				parameters: upsert('e@example.com'),
				continueOnFail: code % 2 === 0,
				answer: (token: string) => ({ status: code, headers: { 'x-token': token, 'retry-after': '0' }, body: JSON.stringify({ error: code, error_text: `${token}` }) }),
			},
		]),
	{ title: 'echo: HTTP 502 HTML page with the token', target: 'echo', parameters: getProfile(), answer: (token) => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html>${token}</html>` }) },
	{ title: 'echo: HTTP 401 plain text with the token', target: 'echo', parameters: getProfile(), answer: (token) => ({ status: 401, headers: { 'content-type': 'text/plain' }, body: `bad token ${token}` }) },
	{ title: 'echo: a redirect whose Location holds the token', target: 'echo', parameters: getProfile(), answer: (token) => ({ status: 302, headers: { location: `http://127.0.0.1:1/?t=${token}` }, body: token }) },
	{ title: 'echo: HTTP 200 that is not an envelope, with the token', target: 'echo', parameters: getProfile(), answer: (token) => ({ status: 200, headers: { 'content-type': 'text/plain' }, body: `hello ${token}` }) },
	{ title: 'echo: HTTP 200 with a broken JSON body holding the token', target: 'echo', parameters: getProfile(), answer: (token) => ({ status: 200, body: `{"error": 0, "token": "${token}"` }) },
	{ title: 'echo: the connection dropped', target: 'echo', parameters: upsert('d@example.com'), answer: () => 'destroy' },
	{
		title: 'echo: per-entry batch errors with the token, Continue On Fail',
		target: 'echo',
		parameters: batchUpsert(),
		input: [{ json: { email: 'a@example.com', orders: 1 } }, { json: { email: 'b@example.com', orders: 2 } }],
		continueOnFail: true,
		answer: (token) => ({
			status: 200,
			body: JSON.stringify({ error: 0, error_text: '', result: [{ error: 450, error_text: `field x: ${token}` }, { error: 0, profile_id: '5f4fa1a5ce9448665fef548e' }] }),
		}),
	},
	{
		title: 'echo: per-entry batch errors with the token, stop on error',
		target: 'echo',
		parameters: batchUpsert(),
		input: [{ json: { email: 'a@example.com', orders: 1 } }, { json: { email: 'b@example.com', orders: 2 } }],
		answer: (token) => ({ status: 200, body: JSON.stringify({ error: 0, error_text: '', result: [{ error: 0 }, { error: 435, error_text: token }] }) }),
	},
];

async function runPath(path: Path): Promise<{ result: AltcraftRun; token: string }> {
	const token = path.token ?? (path.target === 'echo' ? CANARY : emu.tokens.admin);
	const baseUrl =
		path.baseUrl ?? { emulator: emu.url, small: small.url, echo: echo.url, closed: 'http://127.0.0.1:1' }[path.target];
	await path.setup?.();
	const result = await runAltcraft({
		baseUrl,
		token,
		parameters: path.parameters,
		input: path.input,
		node: path.continueOnFail ? { continueOnFail: true } : {},
	});
	return { result, token };
}

function expectAnErrorHappened(result: AltcraftRun, path: Path) {
	let message: unknown;
	if (path.continueOnFail) {
		expect(result.status).toBe('success');
		message = result.items.find((item) => item.json.error !== undefined)?.json.error;
	} else {
		expect(result.status).toBe('error');
		message = result.error?.message;
	}
	expect(message).toEqual(expect.any(String));
	if (path.message) expect(message).toMatch(path.message);
}

describe('the token appears nowhere in what the node returns or throws', () => {
	test.each(emulatorPaths.map((path) => [path.title, path] as const))('%s', async (_title, path) => {
		const { result, token } = await runPath(path);
		expectAnErrorHappened(result, path);
		expectTokenNowhere(result, token, path.tokenInParameters);
		const server = path.target === 'small' ? small : emu;
		if (path.target === 'small') expect(small.requests.map((request) => request.status)).toEqual([413]);
		if (path.sent !== false) expect(server.requests.some((request) => JSON.stringify(request.body).includes(token))).toBe(true);
	});

	test.each(validationPaths.map((path) => [path.title, path] as const))('%s', async (_title, path) => {
		const { result, token } = await runPath(path);
		expectAnErrorHappened(result, path);
		expectTokenNowhere(result, token, path.tokenInParameters);
		expect(emu.requests).toHaveLength(0);
	});

	test.each(echoPaths.map((path) => [path.title, path] as const))('%s', async (_title, path) => {
		echoAnswer = path.answer;
		const { result, token } = await runPath(path);
		expectAnErrorHappened(result, path);
		expectTokenNowhere(result, token);
		expect(echo.received.some((request) => request.body.includes(token))).toBe(true); // the server had it to echo
	});

	test('the table covers every error code of the platform', () => {
		const codes = Object.keys(ALTCRAFT_ERROR_CODES).map(Number).filter((code) => code !== 0);
		const titles = echoPaths.map((path) => path.title).join('\n');
		for (const code of codes) expect(titles).toContain(`error ${code} `);
		expect(emulatorPaths.length + validationPaths.length + echoPaths.length).toBeGreaterThan(60);
	});
});
