/**
 * Base URL hardening through n8n's real engine: malformed, non-http(s) and credential-bearing Base URLs are refused
 * with a clear error before any request; redirects are never followed, so a server that redirects to another host
 * never gets the token sent on (the second server receives nothing).
 */
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { byId, runAltcraft } from '../helpers/altcraftWorkflow';
import { fakeExecuteFunctions, TEST_TOKEN } from '../helpers/fakeContext';
import { localServer, startEmulator, type Emulator } from './support';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const getProfile: INodeParameters = { resource: 'profile', operation: 'get', database: byId(1), matching: 'email', email: 'jane@example.com' };
const upsert: INodeParameters = {
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email: 'jane@example.com',
	dataMode: 'json',
	profileJson: '{"_fname": "Jane"}',
};

describe('a Base URL that is not plainly http(s)://host[/prefix] is refused before any request', () => {
	test.each([
		['', /is empty/],
		['   ', /is empty/],
		['altcraft.example.com', /must start with https:\/\/ or http:\/\//],
		['//altcraft.example.com', /must start with https:\/\//],
		['ftp://altcraft.example.com', /must start with https:\/\//],
		['file:///etc/passwd', /must start with https:\/\//],
		['javascript:alert(1)', /must start with https:\/\//],
		['ws://altcraft.example.com', /must start with https:\/\//],
		['https://user:secret@altcraft.example.com', /user name or password/],
		['https://:secret@altcraft.example.com', /user name or password/],
		['https://user@altcraft.example.com', /user name or password/],
		['https://altcraft.example.com%2F@evil.example', /user name or password/],
		['https://altcraft.example.com/?token=abc', /query/],
		['https://altcraft.example.com/api?', /query/],
		['https://altcraft.example.com/#top', /fragment/],
		['https://', /not a valid URL|no host/],
		['http://[::1', /not a valid URL/],
		['https://altcraft.example.com:99999', /not a valid URL/],
		['https://alt craft.example.com', /spaces/],
		['https://altcraft.example.com\\@evil.example', /"\\"/],
		['https://alt\ncraft.example.com', /line breaks/],
		['https://altcraft.example.com\t/', /spaces|control/],
	])('%j → %s', async (baseUrl, message) => {
		const result = await runAltcraft({ baseUrl, token: emu.tokens.admin, parameters: getProfile });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^The Base URL of the Altcraft credential /);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(/e\.g\. https:\/\/altcraft\.example\.com/);
		expect(result.requestCount).toBe(0);
		expect(emu.requests).toHaveLength(0);
	});

	test('with Continue On Fail every item gets the error, and nothing is sent', async () => {
		const result = await runAltcraft({
			baseUrl: 'https://user:pass@altcraft.example.com',
			token: emu.tokens.admin,
			parameters: upsert,
			input: [{ json: {} }, { json: {} }, { json: {} }],
			node: { continueOnFail: true },
		});
		expect(result.items).toHaveLength(3);
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		expect(result.items.every((item) => /user name or password/.test(String(item.json.error)))).toBe(true);
		expect(result.requestCount).toBe(0);
	});

	test.each([
		(url: string) => url,
		(url: string) => `${url}/`,
		(url: string) => `  ${url.replace('http://', 'HTTP://')}//  `,
	])('a plain Base URL works (%#)', async (shape) => {
		const result = await runAltcraft({ baseUrl: shape(emu.url), token: emu.tokens.admin, parameters: upsert });
		expect(result.error?.message).toBeUndefined();
		expect(emu.requests.map((request) => request.path)).toEqual(['/api/v1.1/profiles/import']);
	});
});

describe('redirects are never followed: the token does not reach another host', () => {
	test.each([301, 302, 303, 307, 308])('HTTP %i to a second server: it receives nothing, the node explains', async (status) => {
		const second = await localServer((_req, _body, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"error": 0, "error_text": "", "data": {}}');
		});
		const first = await localServer((req, _body, res) => {
			res.writeHead(status, { location: `${second.url}${req.url}` });
			res.end();
		});
		try {
			for (const parameters of [getProfile, upsert]) {
				const result = await runAltcraft({ baseUrl: first.url, token: emu.tokens.admin, parameters: { ...parameters, options: { maxRetries: 3 } } });
				expect(result.status).toBe('error');
				expect(result.error?.message).toBe(`Altcraft answered HTTP ${status}`);
				expect(result.error?.description).toMatch(/redirect/);
			}
			expect(first.received).toHaveLength(2); // one each, not retried
			expect(first.received.every((request) => request.body.includes(emu.tokens.admin))).toBe(true);
			expect(second.received).toHaveLength(0);
		} finally {
			await first.close();
			await second.close();
		}
	});

	test('a redirect to the same host is not followed either', async () => {
		const server = await localServer((req, _body, res) => {
			if (req.url?.startsWith('/moved')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"error": 0, "error_text": "", "data": {}}');
				return;
			}
			res.writeHead(307, { location: `/moved${req.url}` });
			res.end();
		});
		try {
			const result = await runAltcraft({ baseUrl: server.url, token: emu.tokens.admin, parameters: getProfile });
			expect(result.error?.message).toBe('Altcraft answered HTTP 307');
			expect(server.received.map((request) => request.url)).toEqual(['/api/v1.1/profiles/get/']);
		} finally {
			await server.close();
		}
	});
});

describe('the transport sends the token to the Base URL host only', () => {
	test.each([
		['a download URL on another host', 'https://evil.example/api/download/x.csv'],
		['a protocol-relative URL', '//evil.example/api/download/x.csv'],
	])('%s from an export answer stays on the credential host', async (_title, url) => {
		// tasks/status answers an export whose file URL points elsewhere: the node prefixes it with its own Base URL.
		let call = 0;
		const ctx = fakeExecuteFunctions({
			params: { resource: 'profile', operation: 'export', sourceType: 'database', sourceId: 1, fileFormat: 'csv', customRequest: '{}', exportOutput: 'file', binaryPropertyName: 'data', waitTimeout: 5, options: {} },
			answers: () => {
				call++;
				if (call === 1) return { error: 0, error_text: '', data: { task_id: 't1' } };
				if (call === 2) return { error: 0, error_text: '', data: { status: 'completed', progress: 100, result: { urls: [url], total: 0 } } };
				return { statusCode: 200, body: Buffer.from('email\n') };
			},
		});
		await new Altcraft().execute.call(ctx);
		expect(ctx.requests).toHaveLength(3); // get_all, tasks/status, the download
		const hosts = ctx.requests.map((request) => new URL(String(request.url)).host);
		expect(hosts.every((host) => host === 'altcraft.test')).toBe(true);
		expect(JSON.stringify(ctx.requests.map((request) => request.url))).not.toContain(TEST_TOKEN);
	});

	test('a path that would leave the host is refused by the transport itself', async () => {
		const { callAltcraft, DEFAULT_RETRY_POLICY } = await import('../../nodes/Altcraft/transport');
		const ctx = fakeExecuteFunctions({ params: {} });
		const connection = { baseUrl: 'https://altcraft.test', skipTlsCheck: false, secrets: [TEST_TOKEN] };
		for (const path of ['@evil.example/api', 'evil.example/api']) {
			const error = await callAltcraft(ctx, connection, DEFAULT_RETRY_POLICY, { path }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(NodeApiError);
			expect((error as Error).message).toMatch(/another host/);
		}
		expect(ctx.requests).toHaveLength(0);
	});
});
