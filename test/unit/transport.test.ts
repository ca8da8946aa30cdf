import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { ALTCRAFT_ERROR_CODES } from '../../nodes/Altcraft/actions/../transport/errors';
import { normaliseBaseUrl } from '../../nodes/Altcraft/transport/connection';
import { backoffMs, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../nodes/Altcraft/transport';
import { optionsField } from '../../nodes/Altcraft/actions/common/options';
import { findOperation } from '../../nodes/Altcraft/actions';
import { db, fakeExecuteFunctions, TEST_TOKEN, type FakeAnswer } from '../helpers/fakeContext';

const getProfile = (options: IDataObject = { maxRetries: 0 }) => ({
	resource: 'profile',
	operation: 'get',
	database: db(1),
	matching: 'email',
	email: 'jane@example.com',
	matchingResourceId: 0,
	options,
});
const importProfile = (email = 'jane@example.com', options: IDataObject = {}) => ({
	resource: 'profile',
	operation: 'upsert',
	database: db(1),
	matching: 'email',
	email,
	matchingResourceId: 0,
	dataMode: 'json',
	profileJson: { _fname: 'Jane' },
	subscriptions: {},
	additionalFields: {},
	options,
});

async function runExpectingError(params: IDataObject, answers: FakeAnswer[] | ((r: never, i: number) => FakeAnswer)) {
	const ctx = fakeExecuteFunctions({ params, answers: answers as never });
	const error = await new Altcraft().execute.call(ctx).then(
		() => undefined,
		(e: unknown) => e,
	);
	return { ctx, error: error as NodeApiError };
}

function expectNoToken(value: unknown) {
	const text = JSON.stringify(value, Object.getOwnPropertyNames(value ?? {}));
	expect(text).not.toContain(TEST_TOKEN);
	if (value instanceof Error) {
		expect(value.message).not.toContain(TEST_TOKEN);
		expect(String((value as NodeApiError).description ?? '')).not.toContain(TEST_TOKEN);
		expect(JSON.stringify(value)).not.toContain(TEST_TOKEN);
	}
}

describe('every error code of the platform becomes a clear NodeApiError', () => {
	const codes = Object.keys(ALTCRAFT_ERROR_CODES).map(Number).filter((code) => code !== 0);

	test('the table has the 15 codes of the seed', () => {
		expect(Object.keys(ALTCRAFT_ERROR_CODES).map(Number).sort((a, b) => a - b)).toEqual([
			0, 400, 401, 402, 403, 404, 409, 413, 415, 429, 435, 441, 450, 500, 501,
		]);
	});

	test.each(codes)('error %i in an HTTP 200 envelope', async (code) => {
		const { ctx, error } = await runExpectingError(getProfile(), [
			{ error: code, error_text: `Platform text for ${code} (token ${TEST_TOKEN})` },
		]);
		expect(error).toBeInstanceOf(NodeApiError);
		const { meaning, hint } = ALTCRAFT_ERROR_CODES[code];
		expect(error.message).toBe(`${meaning} (Altcraft error ${code}): Platform text for ${code} (token ***)`);
		expect(error.description).toBe(hint);
		expect(error.httpCode).toBe(String(code));
		expect(ctx.requests).toHaveLength(1); // Max Retries 0: one attempt, whatever the code
		expectNoToken(error);
	});

	test.each(codes)('error %i mirrored in the HTTP status', async (code) => {
		const { error } = await runExpectingError(getProfile(), [
			{ statusCode: code, body: { error: code, error_text: 'mirrored' } },
		]);
		expect(error.message).toBe(`${ALTCRAFT_ERROR_CODES[code].meaning} (Altcraft error ${code}): mirrored`);
	});

	test('code 0 is success and returns the data', async () => {
		const ctx = fakeExecuteFunctions({ params: getProfile(), answers: [{ error: 0, error_text: 'Successful operation', data: { id: 'x' } }] });
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output[0].json).toEqual({ id: 'x' });
	});

	test('the hints say what to do for the codes users meet most', () => {
		expect(ALTCRAFT_ERROR_CODES[403].hint).toMatch(/role/);
		expect(ALTCRAFT_ERROR_CODES[404].hint).toMatch(/groups|visib/i);
		expect(ALTCRAFT_ERROR_CODES[435].hint).toMatch(/Narrow/);
	});
});

describe('retries', () => {
	const fast = { maxRetries: 3 };
	const tooMany: FakeAnswer = { statusCode: 429, body: { error: 429, error_text: 'Too many requests' }, headers: { 'retry-after': '0' } };

	test.each([
		['envelope 429', tooMany],
		['envelope 500', { statusCode: 200, body: { error: 500, error_text: 'Internal' }, headers: { 'retry-after': '0' } }],
		['HTTP 502 without envelope', { statusCode: 502, body: '<html>Bad Gateway</html>', headers: { 'retry-after': '0' } }],
		['HTTP 503 without envelope', { statusCode: 503, body: 'Service Unavailable', headers: { 'retry-after': '0' } }],
		['HTTP 504 without envelope', { statusCode: 504, body: '', headers: { 'retry-after': '0' } }],
		['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
		['a timeout', Object.assign(new Error('timeout of 60000ms exceeded'), { code: 'ECONNABORTED' })],
	] as Array<[string, FakeAnswer]>)('%s is retried, then succeeds', async (_title, failure) => {
		const ctx = fakeExecuteFunctions({
			params: importProfile('jane@example.com', fast),
			answers: [failure, failure, { error: 0, error_text: '', profile_id: 'p1' }],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output[0].json).toEqual({ profile_id: 'p1' });
		expect(ctx.requests).toHaveLength(3);
		const ids = ctx.requests.map((r) => (r.headers as IDataObject)['Request-ID']);
		expect(new Set(ids).size).toBe(1); // the same Request-ID on every attempt: the platform can deduplicate
	});

	test.each([400, 401, 402, 403, 404, 409, 413, 415, 435, 441, 450, 501])('error %i is never retried', async (code) => {
		const { ctx, error } = await runExpectingError(importProfile('jane@example.com', fast), [{ error: code, error_text: 'no' }]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(ctx.requests).toHaveLength(1);
	});

	test('retries are bounded by Max Retries and the error says how often it tried', async () => {
		const { ctx, error } = await runExpectingError(importProfile('jane@example.com', { maxRetries: 2 }), [tooMany]);
		expect(ctx.requests).toHaveLength(3);
		expect(error.message).toBe('Request limit exceeded (Altcraft error 429): Too many requests (tried 3 times)');
	});

	test('Retry-After is waited out', async () => {
		const started = Date.now();
		const ctx = fakeExecuteFunctions({
			params: importProfile('jane@example.com', fast),
			answers: [{ ...tooMany, headers: { 'retry-after': '1' } } as FakeAnswer, { error: 0, error_text: '', profile_id: 'p1' }],
		});
		await new Altcraft().execute.call(ctx);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	});

	test('a network error that never heals ends in a clear error without the token', async () => {
		const failure = Object.assign(new Error(`connect ECONNREFUSED 10.0.0.1:443`), {
			code: 'ECONNREFUSED',
			config: { data: JSON.stringify({ token: TEST_TOKEN }) },
		});
		const { ctx, error } = await runExpectingError(importProfile('jane@example.com', { maxRetries: 1 }), [failure]);
		expect(ctx.requests).toHaveLength(2);
		expect(error.message).toBe('Could not get an answer from Altcraft: ECONNREFUSED (tried 2 times)');
		expectNoToken(error);
	});

	test('a redirect is not followed and not retried: the token would go with it', async () => {
		const { ctx, error } = await runExpectingError(getProfile({ maxRetries: 3 }), [
			{ statusCode: 301, body: '', headers: { location: 'https://elsewhere.example/' } },
		]);
		expect(ctx.requests).toHaveLength(1);
		expect(ctx.requests[0].disableFollowRedirect).toBe(true);
		expect(error.message).toBe('Altcraft answered HTTP 301');
		expect(error.description).toMatch(/redirect/);
	});

	test('an over-size body answered by a proxy (HTTP 413) is explained, not retried', async () => {
		const { ctx, error } = await runExpectingError(getProfile({ maxRetries: 3 }), [{ statusCode: 413, body: 'Request Entity Too Large' }]);
		expect(ctx.requests).toHaveLength(1);
		expect(error.description).toMatch(/10 MB/);
	});

	test('backoff grows exponentially with jitter and honours Retry-After', () => {
		for (let attempt = 1; attempt <= 8; attempt++) {
			const ceiling = Math.min(30_000, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
			const wait = backoffMs(attempt, DEFAULT_RETRY_POLICY);
			expect(wait).toBeGreaterThanOrEqual(ceiling / 2);
			expect(wait).toBeLessThanOrEqual(ceiling);
		}
		expect(backoffMs(1, DEFAULT_RETRY_POLICY, 7000)).toBeGreaterThanOrEqual(7000);
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
		expect(parseRetryAfter('soon')).toBeUndefined();
	});

	test('the UI defaults of the Options collection are the transport defaults', () => {
		const options = optionsField(findOperation('profile', 'upsert')!).property.options as Array<{ name: string; default: number }>;
		const byName = Object.fromEntries(options.map((o) => [o.name, o.default]));
		expect(byName.maxRetries).toBe(DEFAULT_RETRY_POLICY.maxRetries);
		expect(byName.timeout * 1000).toBe(DEFAULT_RETRY_POLICY.timeoutMs);
		expect(byName.maxRetryTime * 1000).toBe(DEFAULT_RETRY_POLICY.maxRetryTimeMs);
	});
});

describe('deduplication', () => {
	const idOf = async (params: IDataObject, executionId = 'exec-1', items = 1) => {
		const ctx = fakeExecuteFunctions({ params, executionId, items: Array.from({ length: items }, () => ({ json: {} })), answers: [{ error: 0, error_text: '', profile_id: 'p' }] });
		await new Altcraft().execute.call(ctx);
		return ctx.requests.map((r) => (r.headers as IDataObject)['Request-ID'] as string);
	};

	test('the same item in the same execution gets the same Request-ID (survives n8n Retry On Fail)', async () => {
		expect(await idOf(importProfile())).toEqual(await idOf(importProfile()));
	});

	test('a new execution, another item or another body gets a new one', async () => {
		const [first] = await idOf(importProfile());
		expect((await idOf(importProfile(), 'exec-2'))[0]).not.toBe(first);
		expect((await idOf(importProfile('other@example.com')))[0]).not.toBe(first);
		const two = await idOf(importProfile('jane@example.com', { batching: false }), 'exec-1', 2);
		expect(two[0]).toBe(first);
		expect(two[1]).not.toBe(first);
	});

	test('a pinned Request ID option is stable across executions', async () => {
		const pinned = importProfile('jane@example.com', { requestId: 'order-42' });
		expect((await idOf(pinned, 'exec-1'))[0]).toBe((await idOf(pinned, 'exec-9'))[0]);
	});

	test('reads carry no Request-ID', async () => {
		const ctx = fakeExecuteFunctions({ params: getProfile(), answers: [{ error: 0, error_text: '', data: {} }] });
		await new Altcraft().execute.call(ctx);
		expect((ctx.requests[0].headers as IDataObject)['Request-ID']).toBeUndefined();
	});

	test('an answer flagged as a duplicate is a success, marked in the output', async () => {
		const ctx = fakeExecuteFunctions({
			params: importProfile(),
			answers: [{ statusCode: 200, body: { error: 0, error_text: '', profile_id: 'p1' }, headers: { 'duplicate-request': 'true' } }],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output[0].json).toEqual({ profile_id: 'p1', duplicateRequest: true });
	});
});

describe('Continue On Fail', () => {
	test('every input item yields exactly one output item with pairedItem', async () => {
		const emails = ['a@example.com', 'not-an-email', 'c@example.com', 'd@example.com'];
		const ctx = fakeExecuteFunctions({
			params: (i) => importProfile(emails[i], { maxRetries: 0, batching: false }),
			items: emails.map((email) => ({ json: { email } })),
			continueOnFail: true,
			answers: (request) =>
				(request.body as IDataObject).email === 'c@example.com'
					? { error: 435, error_text: 'Several profiles match' }
					: { error: 0, error_text: '', profile_id: 'p' },
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(output).toHaveLength(4);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toEqual({ profile_id: 'p' });
		expect(output[1].json.error).toBe('Email: "not-an-email" is not an e-mail address (item 1)');
		expect(output[2].json).toMatchObject({ error: expect.stringContaining('Altcraft error 435'), errorCode: 435 });
		expect(output[3].json).toEqual({ profile_id: 'p' });
		expect(ctx.requests).toHaveLength(3); // the invalid item was never sent
		expectNoToken(output);
	});

	test.each([
		['one by one: items before it were sent', false, 1],
		['batched: every item is validated before anything is sent', true, 0],
	])('without it, the first failure stops the node and names the item (%s)', async (_title, batching, sent) => {
		const ctx = fakeExecuteFunctions({
			params: (i) => importProfile(i === 1 ? 'bad' : 'a@example.com', { batching }),
			items: [{ json: {} }, { json: {} }, { json: {} }],
		});
		const error = await new Altcraft().execute.call(ctx).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toContain('(item 1)');
		expect(ctx.requests).toHaveLength(sent);
	});
});

describe('base URL of an on-premise credential', () => {
	const node = { name: 'Altcraft' } as never;
	test.each([
		['https://altcraft.example.com', 'https://altcraft.example.com'],
		['https://altcraft.example.com/', 'https://altcraft.example.com'],
		['  https://altcraft.example.com//  ', 'https://altcraft.example.com'],
		['https://example.com/altcraft/', 'https://example.com/altcraft'],
		['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
	])('%s → %s', (input, expected) => {
		expect(normaliseBaseUrl(node, input)).toBe(expected);
	});

	test.each([
		['', /empty/],
		['altcraft.example.com', /https:\/\//],
		['ftp://altcraft.example.com', /https:\/\//],
		['javascript:alert(1)', /https:\/\//],
		['https://user:pass@altcraft.example.com', /user name or password/],
		['https://altcraft.example.com/?token=x', /query/],
		['https://altcraft.example.com/#x', /fragment/],
		['https://', /not a valid URL|no host/],
	])('%s is refused', (input, message) => {
		expect(() => normaliseBaseUrl(node, input)).toThrow(message);
	});

	test('cloud accounts go to the documented host', async () => {
		const ctx = fakeExecuteFunctions({ params: getProfile(), credentials: { token: TEST_TOKEN, platform: 'cloud' }, answers: [{ error: 0, error_text: '', data: {} }] });
		await new Altcraft().execute.call(ctx);
		expect(ctx.requests[0].url).toBe('https://ru.altkraft.com/api/v1.1/profiles/get/');
	});
});
