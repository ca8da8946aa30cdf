/**
 * Timeouts and the retry budget, through n8n's real engine against the emulator:
 * - a hung answer is abandoned after Options → Timeout and retried, and the change is applied once, also when the
 *   platform had applied it before the answer got lost (a proxy that swallows the answer);
 * - the total time spent retrying is bounded by Options → Max Retry Time: no attempt starts after it, so a run ends
 *   within Max Retry Time + Timeout, and a larger Max Retry Time retries longer.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, runAltcraft } from '../helpers/altcraftWorkflow';
import { localServer, startEmulator, type Emulator } from './support';

jest.setTimeout(60_000);

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const IMPORT = '/api/v1.1/profiles/import';

const upsert = (email: string, options: IDataObject): INodeParameters => ({
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email,
	dataMode: 'json',
	profileJson: JSON.stringify({ _fname: 'Jane' }),
	options: options as INodeParameters,
});

const importsOf = () => emu.requests.filter((request) => request.path === IMPORT);
const appliedTo = (email: string) => emu.ledger.filter((entry) => entry.op.startsWith('profile.') && (entry.data as IDataObject | undefined)?.email === email);

describe('a hung answer is abandoned after the timeout and retried safely', () => {
	test('hang before the change: abandoned after Timeout (1 s), retried, applied once', async () => {
		emu.faults.inject({ kind: 'hang', count: 1, path: IMPORT });
		const started = Date.now();
		const result = await runAltcraft({ baseUrl: emu.url, token: emu.tokens.admin, parameters: upsert('hang@example.com', { timeout: 1 }) });
		const elapsed = Date.now() - started;

		expect(result.error?.message).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.profile_id).toEqual(expect.any(String));
		expect(elapsed).toBeGreaterThanOrEqual(1000); // the first attempt waited out the timeout
		expect(elapsed).toBeLessThan(5000);
		const attempts = importsOf();
		expect(attempts).toHaveLength(2);
		expect(attempts[0].status).toBeNull(); // never answered
		expect(attempts[1].requestId).toBe(attempts[0].requestId);
		expect(emu.ledger.filter((entry) => entry.op === 'profile.create')).toHaveLength(1);
	});

	test('hang after the change (the answer is lost on the way back): the retry is answered from deduplication, applied once', async () => {
		// A proxy in front of the emulator: it forwards every request, but swallows the emulator's first answer.
		let swallowed = 0;
		const proxy = await localServer((req, body, res) => {
			void (async () => {
				const forwarded = await fetch(`${emu.url}${req.url}`, {
					method: req.method,
					headers: { 'Content-Type': String(req.headers['content-type']), ...(req.headers['request-id'] ? { 'Request-ID': String(req.headers['request-id']) } : {}) },
					body,
				});
				const text = await forwarded.text();
				if (swallowed++ === 0) return; // applied by the emulator, never answered to the node
				res.writeHead(forwarded.status, Object.fromEntries([...forwarded.headers].filter(([name]) => !['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(name))));
				res.end(text);
			})();
		});
		try {
			const started = Date.now();
			const result = await runAltcraft({ baseUrl: proxy.url, token: emu.tokens.admin, parameters: upsert('lost@example.com', { timeout: 1 }) });
			const elapsed = Date.now() - started;

			expect(result.error?.message).toBeUndefined();
			expect(elapsed).toBeGreaterThanOrEqual(1000);
			const attempts = importsOf();
			expect(attempts).toHaveLength(2);
			expect(attempts.map((attempt) => attempt.duplicate)).toEqual([false, true]);
			expect(attempts[1].requestId).toBe(attempts[0].requestId);
			expect(emu.ledger.filter((entry) => entry.op === 'profile.create' || entry.op === 'profile.update')).toHaveLength(1);
			expect(appliedTo('lost@example.com').length).toBeLessThanOrEqual(1);
			// The output is the first answer, replayed, and says so.
			expect(result.items[0].json).toMatchObject({ profile_id: expect.any(String), duplicateRequest: true });
		} finally {
			await proxy.close();
		}
	});
});

describe('the total retry time is bounded and configurable (Options → Max Retry Time)', () => {
	test('hung answers forever: the run ends within Max Retry Time + Timeout, with a clear error', async () => {
		emu.faults.inject({ kind: 'hang', count: 100, path: IMPORT });
		const started = Date.now();
		const result = await runAltcraft({
			baseUrl: emu.url,
			token: emu.tokens.admin,
			parameters: upsert('forever@example.com', { timeout: 1, maxRetries: 20, maxRetryTime: 2 }),
		});
		const elapsed = Date.now() - started;

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Could not get an answer from Altcraft: .+ \(tried [23] times\)$/);
		expect(result.error?.description).toMatch(/timed out|Timeout/);
		expect(elapsed).toBeLessThanOrEqual(2000 + 1000 + 500); // Max Retry Time + one Timeout + scheduling slack
		expect(importsOf().length).toBeLessThan(21); // the budget ended it, not Max Retries
		expect(emu.ledger).toHaveLength(0);
	});

	test.each([
		[2, 2, 2],
		[5, 4, 5],
	])('429 with Retry-After 1 s forever, Max Retry Time %i s: %i–%i attempts, then a clear error', async (budgetSeconds, minAttempts, maxAttempts) => {
		emu.faults.inject({ kind: 'error429', count: 100, path: IMPORT, retryAfterSec: 1 });
		const started = Date.now();
		const result = await runAltcraft({
			baseUrl: emu.url,
			token: emu.tokens.admin,
			parameters: upsert('busy@example.com', { maxRetries: 20, maxRetryTime: budgetSeconds }),
		});
		const elapsed = Date.now() - started;

		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Request limit exceeded \(Altcraft error 429\): .*\(tried \d+ times\)$/);
		const attempts = importsOf().length;
		expect(attempts).toBeGreaterThanOrEqual(minAttempts);
		expect(attempts).toBeLessThanOrEqual(maxAttempts);
		// Each wait honoured Retry-After (at least 1 s), and no wait went past the budget.
		expect(elapsed).toBeGreaterThanOrEqual((attempts - 1) * 1000);
		expect(elapsed).toBeLessThanOrEqual(budgetSeconds * 1000 + 500);
		expect(emu.ledger).toHaveLength(0);
	});
});
