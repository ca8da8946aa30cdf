import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { fakeExecuteFunctions, sentBodies, TEST_TOKEN } from '../helpers/fakeContext';
import { ok, operationRows, run, validationRows, type Row } from '../helpers/operationRows';

// Custom API Call: any method under /api/v1.1/ with a JSON body, through the same transport (token from the
// credential, envelope check, error mapping, retries, Request-ID when it modifies data).

const base = { resource: 'customApiCall', operation: 'request', options: {}, body: '{}', modifiesData: true };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const requestIdOf = (headers: unknown) => (headers as IDataObject | undefined)?.['Request-ID'];

const rows: Row[] = [
	{
		title: 'A relative path with a trailing slash and a JSON body, modifying',
		params: { ...base, path: 'campaigns/triggers/start/', body: '{"trigger_id": 7, "db_id": 1, "email": "john@example.com"}' },
		path: '/api/v1.1/campaigns/triggers/start/',
		body: { trigger_id: 7, db_id: 1, email: 'john@example.com' },
		answer: { ...ok, data: { launch_id: 55 } },
		output: [{ data: { launch_id: 55 } }],
		modifying: true,
	},
	{
		title: 'A read: no Request-ID; the body may come as an object from an expression',
		params: { ...base, path: '/api/v1.1/templates/list', body: { limit: 10 }, modifiesData: false },
		path: '/api/v1.1/templates/list',
		body: { limit: 10 },
		answer: { ...ok, data: [{ id: 1 }], next_from_id: 2 },
		output: [{ data: [{ id: 1 }], next_from_id: 2 }],
	},
	{
		title: 'An empty body and the Additional Body Fields of Options are merged',
		params: { ...base, path: 'tasks/status', body: '', modifiesData: false, options: { additionalBodyFields: '{"task_id": "t-1"}' } },
		path: '/api/v1.1/tasks/status',
		body: { task_id: 't-1' },
		answer: { ...ok, data: { status: 'completed' } },
		output: [{ data: { status: 'completed' } }],
	},
];

describe('Custom API Call: path, body and Request-ID', () => {
	operationRows(rows);
});

describe('Custom API Call: path normalisation', () => {
	const accepted: Array<[string, string]> = [
		['campaigns/triggers/start/', '/api/v1.1/campaigns/triggers/start/'],
		['/api/v1.1/campaigns/triggers/start/', '/api/v1.1/campaigns/triggers/start/'],
		['api/v1.1/profiles/get/', '/api/v1.1/profiles/get/'],
		['  profiles/import  ', '/api/v1.1/profiles/import'],
		['market/orders/update_order_line_status', '/api/v1.1/market/orders/update_order_line_status'],
		['v2.test/x-y_z', '/api/v1.1/v2.test/x-y_z'],
	];
	test.each(accepted)('accepts %j → %s', async (path, expected) => {
		const { ctx } = await run({ ...base, path, modifiesData: false }, [ok]);
		expect(ctx.requests.map((request) => request.url)).toEqual([`https://altcraft.test${expected}`]);
	});

	validationRows([
		{ title: 'an empty path', params: { ...base, path: '' }, message: 'Path: is required (item 0)' },
		{ title: 'an https URL', params: { ...base, path: 'https://evil.example.com/api/v1.1/x' }, message: 'Path: must be a path, not a full URL (item 0)' },
		{ title: 'a scheme-relative URL', params: { ...base, path: '//evil.example.com/api/v1.1/x' }, message: 'Path: must be a path, not a full URL (item 0)' },
		{ title: 'a javascript: URL', params: { ...base, path: 'javascript:alert(1)' }, message: 'Path: must be a path, not a full URL (item 0)' },
		{ title: 'a query string', params: { ...base, path: 'profiles/get?token=x' }, message: 'Path: must not contain a query (?…) or fragment (#…) (item 0)' },
		{ title: 'a fragment', params: { ...base, path: 'profiles/get#x' }, message: 'Path: must not contain a query (?…) or fragment (#…) (item 0)' },
		{ title: 'a ".." segment', params: { ...base, path: 'profiles/../../download/x' }, message: 'Path: must not contain "." or ".." segments (item 0)' },
		{ title: 'a ".." climbing out of the prefix', params: { ...base, path: '/api/v1.1/../v1.0/lists/1/import' }, message: 'Path: must not contain "." or ".." segments (item 0)' },
		{ title: 'a "." segment', params: { ...base, path: './profiles/get' }, message: 'Path: must not contain "." or ".." segments (item 0)' },
		{ title: 'the v1.0 API', params: { ...base, path: '/api/v1.0/lists/1/import' }, message: 'Path: "/api/v1.0/lists/1/import" is outside /api/v1.1/ (item 0)' },
		{ title: 'the download family', params: { ...base, path: '/api/download/file.csv' }, message: 'Path: "/api/download/file.csv" is outside /api/v1.1/ (item 0)' },
		{ title: 'a relative api/ path of another family', params: { ...base, path: 'api/integrations/any/profile_import' }, message: 'Path: "api/integrations/any/profile_import" is outside /api/v1.1/ (item 0)' },
		{ title: 'a host-absolute path without the prefix', params: { ...base, path: '/push_subscribe' }, message: 'Path: "/push_subscribe" is outside /api/v1.1/ (item 0)' },
		{ title: 'the prefix alone', params: { ...base, path: '/api/v1.1/' }, message: 'Path: names no method (item 0)' },
		{ title: 'an empty segment', params: { ...base, path: 'profiles//get' }, message: 'Path: must not contain empty segments ("//") (item 0)' },
		{ title: 'an encoded dot', params: { ...base, path: 'profiles/%2e%2e/x' }, message: 'Path: may only contain letters, digits, "_", "-", "." and "/" (item 0)' },
		{ title: 'a backslash', params: { ...base, path: 'profiles\\..\\x' }, message: 'Path: may only contain letters, digits, "_", "-", "." and "/" (item 0)' },
		{ title: 'a space inside', params: { ...base, path: 'profiles/ get' }, message: 'Path: may only contain letters, digits, "_", "-", "." and "/" (item 0)' },
	]);
});

describe('Custom API Call: the body', () => {
	validationRows([
		{ title: 'a token in the body', params: { ...base, path: 'profiles/get', body: '{"token": "other"}' }, message: 'Body (JSON): must not contain "token" (item 0)' },
		{ title: 'a token in any spelling', params: { ...base, path: 'profiles/get', body: { Token: 'x' } }, message: 'Body (JSON): must not contain "token" (item 0)' },
		{ title: 'a list instead of an object', params: { ...base, path: 'profiles/get', body: '[1, 2]' }, message: 'Body (JSON): must be a JSON object, e.g. {"key": "value"} (item 0)' },
		{
			title: 'a token through the Additional Body Fields',
			params: { ...base, path: 'profiles/get', options: { additionalBodyFields: '{"token": "x"}' } },
			message: 'Options → Additional Body Fields (JSON): must not contain "token" (item 0)',
		},
	]);

	test('the token comes only from the credential', async () => {
		const { ctx } = await run({ ...base, path: 'profiles/get/', body: '{"db_id": 1}', modifiesData: false }, [ok]);
		expect((ctx.requests[0].body as IDataObject).token).toBe(TEST_TOKEN);
		expect(sentBodies(ctx)).toEqual([{ db_id: 1 }]);
	});
});

describe('Custom API Call: through the same transport', () => {
	test('the Request-ID depends on the path: the same body to two methods gets two ids', async () => {
		const a = await run({ ...base, path: 'campaigns/activate/', body: '{"id": 1}' }, [ok]);
		const b = await run({ ...base, path: 'campaigns/deactivate/', body: '{"id": 1}' }, [ok]);
		const again = await run({ ...base, path: 'campaigns/activate/', body: '{"id": 1}' }, [ok]);
		expect(requestIdOf(a.ctx.requests[0].headers)).toMatch(UUID);
		expect(requestIdOf(a.ctx.requests[0].headers)).not.toBe(requestIdOf(b.ctx.requests[0].headers));
		expect(requestIdOf(a.ctx.requests[0].headers)).toBe(requestIdOf(again.ctx.requests[0].headers));
	});

	test('a pinned Request ID is used when modifying', async () => {
		const a = await run({ ...base, path: 'campaigns/activate/', body: '{"id": 1}', options: { requestId: 'order-7' } }, [ok]);
		const b = await run({ ...base, path: 'campaigns/activate/', body: '{"id": 2}', options: { requestId: 'order-7' } }, [ok]);
		expect(requestIdOf(a.ctx.requests[0].headers)).toBe(requestIdOf(b.ctx.requests[0].headers));
	});

	test('a duplicate answer is marked', async () => {
		const { output } = await run({ ...base, path: 'campaigns/activate/', body: '{"id": 1}' }, [
			{ statusCode: 200, headers: { 'duplicate-request': 'true' }, body: { ...ok, data: null } },
		]);
		expect(output.map((item) => item.json)).toEqual([{ data: null, duplicateRequest: true }]);
	});

	test('an error envelope becomes a NodeApiError with the mapped meaning', async () => {
		const ctx = fakeExecuteFunctions({ params: { ...base, path: 'nothing/here' }, answers: [{ error: 501, error_text: 'Method not found' }] });
		const error = await new Altcraft().execute.call(ctx).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toContain('Altcraft error 501');
		expect(ctx.requests).toHaveLength(1);
	});

	test('a rate limit is retried with the same Request-ID', async () => {
		const ctx = fakeExecuteFunctions({
			params: { ...base, path: 'campaigns/activate/', body: '{"id": 1}' },
			answers: [{ statusCode: 429, headers: { 'retry-after': '0' }, body: { error: 429, error_text: 'Too many requests' } }, ok],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests).toHaveLength(2);
		expect(requestIdOf(ctx.requests[0].headers)).toBe(requestIdOf(ctx.requests[1].headers));
		expect(output.map((item) => item.json)).toEqual([{ success: true }]);
	});

	test('with Continue On Fail a bad path becomes an error item; the good item is sent', async () => {
		const ctx = fakeExecuteFunctions({
			params: (itemIndex) => ({ ...base, path: itemIndex === 0 ? 'profiles/get/' : 'https://x.example.com/' }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			answers: [ok],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests).toHaveLength(1);
		expect(output[1].json.error).toBe('Path: must be a path, not a full URL (item 1)');
	});

	test('a refused path is a NodeOperationError with a hint', async () => {
		const ctx = fakeExecuteFunctions({ params: { ...base, path: '/api/v1.0/lists/1/import' }, answers: [ok] });
		const error = (await new Altcraft().execute.call(ctx).catch((e: unknown) => e)) as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.description).toContain('relative to /api/v1.1/');
	});
});
