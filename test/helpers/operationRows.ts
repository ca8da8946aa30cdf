import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { fakeExecuteFunctions, sentBodies, type FakeAnswer, type FakeContext } from './fakeContext';

// Table-driven checks shared by the per-resource operation tests: one row per operation (parameters in, the
// documented path and exact body out), Get Many paging, task waits, and input validation.

export const ok = { error: 0, error_text: 'Successful operation' };
export const PID = '5f4fa1a5ce9448665fef548e';
export const PID_B = '5d441038439e7363f3c26539';
const BASE = 'https://altcraft.test';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A resource locator chosen from the list (the value is the ID). */
export const fromList = (id: number | string) => ({ __rl: true, mode: 'list', value: String(id) });
/** An optional resource locator left empty. */
export const emptyLocator = { __rl: true, mode: 'list', value: '' };

export interface Row {
	title: string;
	params: Record<string, unknown>;
	path: string;
	body: IDataObject;
	answer?: FakeAnswer;
	output?: IDataObject[];
	modifying?: boolean;
}

const requestIdOf = (request: IHttpRequestOptions) => (request.headers as IDataObject | undefined)?.['Request-ID'];

export async function run(params: Record<string, unknown>, answers?: FakeOptionsAnswers) {
	const ctx = fakeExecuteFunctions({ params, answers });
	const [output] = await new Altcraft().execute.call(ctx);
	return { ctx, output };
}

type FakeOptionsAnswers = FakeAnswer[] | ((request: IHttpRequestOptions, callIndex: number) => FakeAnswer);

/** One test per row: exactly one POST to the documented path with exactly the expected body. */
export function operationRows(rows: Row[]): void {
	test.each(rows)('$title', async (row) => {
		const { ctx, output } = await run(row.params, [row.answer ?? ok]);
		expect(ctx.requests).toHaveLength(1);
		const [request] = ctx.requests;
		expect(request.method).toBe('POST');
		expect(request.url).toBe(`${BASE}${row.path}`);
		expect(sentBodies(ctx)[0]).toEqual(row.body);
		if (row.modifying) expect(requestIdOf(request)).toMatch(UUID);
		else expect(requestIdOf(request)).toBeUndefined();
		if (row.output) expect(output.map((item) => item.json)).toEqual(row.output);
		for (const item of output) expect(item.pairedItem).toEqual({ item: 0 });
	});
}

/**
 * A Get Many that follows the platform's cursor: Return All reads every page (cursor passed back as it came, int
 * or string) until an empty one; a Limit stops as soon as it is reached and asks only for what is missing.
 */
export function pagingTests({
	params,
	path,
	body,
	cursors,
	pageSize = 1000,
	dataKey = 'data',
}: {
	params: Record<string, unknown>;
	path: string;
	body: IDataObject;
	cursors: [unknown, unknown];
	/** The largest page the call serves (sent as the limit of Return All). */
	pageSize?: number;
	/** Envelope key of the entries (Market lists answer `result`). */
	dataKey?: string;
}): void {
	const page = (ids: number[], next?: unknown) => ({ ...ok, [dataKey]: ids.map((id) => ({ id })), ...(next !== undefined ? { next_from_id: next } : {}), total_count: 3 });

	test('Return All follows next_from_id until an empty page', async () => {
		const { ctx, output } = await run({ ...params, returnAll: true }, [page([1, 2], cursors[0]), page([3], cursors[1]), page([])]);
		expect(output.map((item) => item.json.id)).toEqual([1, 2, 3]);
		expect(ctx.requests.every((request) => request.url === `${BASE}${path}`)).toBe(true);
		expect(sentBodies(ctx)).toEqual([
			{ ...body, limit: pageSize },
			{ ...body, limit: pageSize, from_id: cursors[0] },
			{ ...body, limit: pageSize, from_id: cursors[1] },
		]);
		for (const request of ctx.requests) expect(requestIdOf(request)).toBeUndefined();
	});

	test('a Limit stops paging once reached and asks only for what is missing', async () => {
		const { ctx, output } = await run({ ...params, returnAll: false, limit: 3 }, [page([1, 2], cursors[0]), page([3, 4], cursors[1])]);
		expect(output.map((item) => item.json.id)).toEqual([1, 2, 3]);
		expect(sentBodies(ctx)).toEqual([
			{ ...body, limit: 3 },
			{ ...body, limit: 1, from_id: cursors[0] },
		]);
	});
}

/**
 * A task-starting operation: waits by polling tasks/status (no Request-ID on the polls) and returns the result,
 * or returns the task ID at once.
 */
export function taskTests({ params, path, body, result }: { params: Record<string, unknown>; path: string; body: IDataObject; result: unknown }): void {
	const answers = (request: IHttpRequestOptions, index: number): FakeAnswer => {
		if (request.url.endsWith(path)) return { ...ok, data: { task_id: 'task-1' } };
		return index < 2 ? { ...ok, data: { status: 'processing', progress: 40 } } : { ...ok, data: { status: 'completed', progress: 100, result } };
	};

	test('waits for the task: polls tasks/status, then returns its result', async () => {
		const { ctx, output } = await run({ ...params, waitForTask: true, waitTimeout: 30 }, answers);
		expect(ctx.requests.map((request) => request.url)).toEqual([
			`${BASE}${path}`,
			`${BASE}/api/v1.1/tasks/status`,
			`${BASE}/api/v1.1/tasks/status`,
		]);
		expect(sentBodies(ctx)).toEqual([body, { task_id: 'task-1' }, { task_id: 'task-1' }]);
		expect(requestIdOf(ctx.requests[0])).toMatch(UUID);
		expect(requestIdOf(ctx.requests[1])).toBeUndefined();
		expect(requestIdOf(ctx.requests[2])).toBeUndefined();
		expect(output.map((item) => item.json)).toEqual([{ task_id: 'task-1', status: 'completed', progress: 100, result }]);
	});

	test('without waiting: returns the task ID after one call', async () => {
		const { ctx, output } = await run({ ...params, waitForTask: false }, answers);
		expect(ctx.requests).toHaveLength(1);
		expect(sentBodies(ctx)).toEqual([body]);
		expect(output.map((item) => item.json)).toEqual([{ task_id: 'task-1' }]);
	});
}

export interface InvalidRow {
	title: string;
	params: Record<string, unknown>;
	/** The error message: names the field and the item. */
	message: string;
}

/** Bad input is refused before anything is sent, with a NodeOperationError that names the field and the item. */
export function validationRows(rows: InvalidRow[]): void {
	test.each(rows)('$title', async (row) => {
		const ctx: FakeContext = fakeExecuteFunctions({ params: row.params, answers: [ok] });
		const error = await new Altcraft().execute.call(ctx).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(row.message);
		expect(ctx.requests).toHaveLength(0);
	});
}

/** With Continue On Fail, the bad item (here the second) becomes an error item naming it; the good one is sent. */
export function secondItemFails({ good, bad, message }: { good: Record<string, unknown>; bad: Record<string, unknown>; message: string }): void {
	test('with Continue On Fail the bad second item gives an error naming item 1; the first is sent', async () => {
		const ctx = fakeExecuteFunctions({
			params: (itemIndex) => (itemIndex === 0 ? good : bad),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
			answers: [ok],
		});
		const [output] = await new Altcraft().execute.call(ctx);
		expect(ctx.requests).toHaveLength(1);
		expect(output).toHaveLength(2);
		expect(output[1].json.error).toBe(message);
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});
}
