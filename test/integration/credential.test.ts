/**
 * The credential's own test request (what n8n's "Test" button sends), resolved with n8n's expression engine and
 * sent to the emulator; its rules decide the verdict the way n8n's credential tester applies them.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { AltcraftApi } from '../../credentials/AltcraftApi.credentials';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator } = require('../../emulator');

let emu: { url: string; tokens: Record<string, string>; requests: Array<{ path: string; body: IDataObject }>; close(): Promise<void> };
beforeAll(async () => {
	emu = await createEmulator();
});
afterAll(async () => emu.close());

const credential = new AltcraftApi();
const node: INode = { id: 'n', name: 'n', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const workflow = new Workflow({
	nodes: [node],
	connections: {},
	active: false,
	nodeTypes: { getByName: () => undefined, getByNameAndVersion: () => undefined, getKnownTypes: () => ({}) } as never,
});
const resolve = (value: unknown, credentials: ICredentialDataDecryptedObject) =>
	typeof value === 'string' && value.startsWith('=')
		? workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '')
		: value;

async function testCredential(credentials: ICredentialDataDecryptedObject): Promise<{ ok: true } | { ok: false; message: string }> {
	const request = credential.test.request;
	const baseURL = resolve(request.baseURL, credentials) as string;
	const authenticated = await credential.authenticate(credentials, { url: `${baseURL}${request.url}`, body: request.body as IDataObject, headers: { 'Content-Type': 'application/json' } });
	const response = await fetch(authenticated.url, {
		method: request.method,
		headers: authenticated.headers as Record<string, string>,
		body: JSON.stringify(authenticated.body),
	});
	if (!response.ok) return { ok: false, message: `HTTP ${response.status}` };
	const body = (await response.json()) as IDataObject;
	for (const rule of credential.test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value) {
			return { ok: false, message: rule.properties.message };
		}
	}
	return { ok: true };
}

const onPremise = (token: string, baseUrl = emu.url) => ({ token, platform: 'onPremise', baseUrl, ignoreSslIssues: false });

test('a valid token passes', async () => {
	expect(await testCredential(onPremise(emu.tokens.admin))).toEqual({ ok: true });
	const sent = emu.requests[emu.requests.length - 1];
	expect(sent.path).toBe('/api/v1.1/databases/list/');
	expect(sent.body).toMatchObject({ limit: 1 });
});

test('a base URL with a trailing slash works the same', async () => {
	expect(await testCredential(onPremise(emu.tokens.admin, `${emu.url}/`))).toEqual({ ok: true });
});

test('a wrong token is rejected with a clear message', async () => {
	const result = await testCredential(onPremise('not-a-real-token'));
	expect(result).toEqual({ ok: false, message: expect.stringMatching(/rejected the API token \(error 401\)/) });
});

test('the cloud platform points at the documented host', () => {
	expect(resolve(credential.test.request.baseURL, { platform: 'cloud', token: 't' })).toBe('https://ru.altkraft.com');
	expect(resolve(credential.test.request.baseURL, onPremise('t', 'https://ac.example.com/x/'))).toBe('https://ac.example.com/x');
});
