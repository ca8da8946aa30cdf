/**
 * Fault injection through n8n's real engine against the emulator: 20 % of the requests answered 429 (Retry-After 0),
 * 5 % answered 500, 3 % of the connections dropped after the change was applied. With the node's default settings
 * every input item yields exactly one output item, in order, and the emulator's ledger shows every change applied
 * exactly once — with the node's own retries, and with n8n's "Retry On Fail" on top.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { byId, runAltcraft, type AltcraftRun } from '../helpers/altcraftWorkflow';
import { countBy, pairedIndex, startEmulator, type Emulator } from './support';

jest.setTimeout(240_000);

const FAULTS = { error429: 0.2, error500: 0.05, dropAfterApply: 0.03, retryAfterSec: 0 };

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator({ recordRequests: true });
});
afterAll(async () => emu.close());
beforeEach(() => emu.reset());

const importParameters = (options: IDataObject = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email: '={{ $json.email }}',
	dataMode: 'fields',
	profileFields: {
		field: [
			{ name: '_fname', value: '={{ $json.name }}' },
			{ name: 'orders_count', value: '={{ $json.orders }}', valueType: 'number' },
		],
	},
	subscriptions: { subscription: [{ resourceId: 1, channel: 'email', email: '={{ $json.email }}', status: 'subscribed' }] },
	options: options as INodeParameters,
});

const contacts = (n: number, prefix = 'c'): INodeExecutionData[] =>
	Array.from({ length: n }, (_, i) => ({ json: { email: `${prefix}${i}@example.com`, name: `C${i}`, orders: i } }));

interface Tally {
	inputItems: number;
	outputItems: number;
	errorItems: number;
	applied: number;
	duplicates: number;
	losses: number;
	requests: number;
	replays: number;
	faults: Record<string, number>;
	seconds: number;
}

/** Checks the outcome of an import run against the ledger and returns the counts the suite prints. */
function tallyImports(result: AltcraftRun, input: INodeExecutionData[], started: number): Tally {
	const creates = emu.ledger.filter((entry) => entry.op === 'profile.create' || entry.op === 'profile.update');
	const appliedPerProfile = countBy(creates, (entry) => String(entry.profileId));
	const profileIds = Object.keys(appliedPerProfile);
	const expectedEmails = new Set(input.map((item) => String(item.json.email)));
	const storedEmails = new Set(emu.store.findProfiles(1).map((profile) => String(profile.email)));
	return {
		inputItems: input.length,
		outputItems: result.items.length,
		errorItems: result.items.filter((item) => item.json.error !== undefined || item.error !== undefined).length,
		applied: profileIds.length,
		duplicates: creates.length - profileIds.length,
		losses: [...expectedEmails].filter((email) => !storedEmails.has(email)).length,
		requests: emu.requests.length,
		replays: emu.requests.filter((request) => request.duplicate).length,
		faults: countBy(emu.faults.history, (fault) => fault.kind),
		seconds: Math.round((Date.now() - started) / 100) / 10,
	};
}

function report(title: string, tally: Tally) {
	// The counts the issue asks the suite to print.
	// eslint-disable-next-line no-console
	console.log(`${title}\n${JSON.stringify(tally, null, 2)}`);
}

function expectOneOutputPerItemInOrder(result: AltcraftRun, n: number) {
	expect(result.items).toHaveLength(n);
	const outOfOrder = result.items.findIndex((item, i) => pairedIndex(item) !== i);
	expect(outOfOrder).toBe(-1);
}

describe('10,000 profile imports under 20 % 429, 5 % 500 and 3 % dropped-after-apply', () => {
	test('default node settings (batching on): one output per item, every profile applied exactly once', async () => {
		const input = contacts(10_000);
		// Seeds are picked so that every fault kind occurs (the PRNG draws once per request, in request order).
		emu.faults.setRates({ ...FAULTS, seed: 25 });
		const started = Date.now();
		const result = await runAltcraft({ baseUrl: emu.url, token: emu.tokens.admin, parameters: importParameters(), input });
		emu.faults.setRates(null);
		const tally = tallyImports(result, input, started);
		report('Fault suite: 10,000 imports, default settings', tally);

		expect(result.status).toBe('success');
		expectOneOutputPerItemInOrder(result, 10_000);
		expect(result.items.every((item) => typeof item.json.profile_id === 'string')).toBe(true);
		expect(tally).toMatchObject({ errorItems: 0, applied: 10_000, duplicates: 0, losses: 0 });
		expect(emu.store.countProfiles(1)).toBe(10_000);
		// The faults really happened, and at least one lost answer was replayed from the deduplication cache.
		expect(tally.faults.error429).toBeGreaterThan(0);
		expect(tally.faults.error500).toBeGreaterThan(0);
		expect(tally.faults.dropAfterApply).toBeGreaterThan(0);
		expect(tally.replays).toBeGreaterThan(0);
		// A replayed batch's items say so; the output is otherwise the one of a first answer.
		expect(result.items.some((item) => item.json.duplicateRequest === true)).toBe(true);
	});

	test('denser: Batch Size 500 (20 batches) meets more faults, with the same result', async () => {
		const input = contacts(10_000);
		emu.faults.setRates({ ...FAULTS, seed: 32 });
		const started = Date.now();
		const result = await runAltcraft({ baseUrl: emu.url, token: emu.tokens.admin, parameters: importParameters({ batching: true, batchSize: 500 }), input });
		emu.faults.setRates(null);
		const tally = tallyImports(result, input, started);
		report('Fault suite: 10,000 imports, Batch Size 500', tally);

		expect(result.status).toBe('success');
		expectOneOutputPerItemInOrder(result, 10_000);
		expect(tally).toMatchObject({ errorItems: 0, applied: 10_000, duplicates: 0, losses: 0 });
		expect(tally.faults.dropAfterApply).toBeGreaterThan(2);
		expect(tally.replays).toBe(tally.faults.dropAfterApply);
	});

	test("with n8n's Retry On Fail on top of the node's own retries: still zero duplicates", async () => {
		const input = contacts(10_000);
		emu.faults.setRates({ ...FAULTS, seed: 17 });
		const started = Date.now();
		const result = await runAltcraft({
			baseUrl: emu.url,
			token: emu.tokens.admin,
			parameters: importParameters(),
			input,
			node: { retryOnFail: true, maxTries: 5, waitBetweenTries: 1 },
		});
		emu.faults.setRates(null);
		const tally = tallyImports(result, input, started);
		report('Fault suite: 10,000 imports, Retry On Fail (maxTries 5) + default settings', tally);

		expect(result.status).toBe('success');
		expectOneOutputPerItemInOrder(result, 10_000);
		expect(tally).toMatchObject({ errorItems: 0, applied: 10_000, duplicates: 0, losses: 0 });
	});

	test("Retry On Fail doing the retrying (node's Max Retries 0): every re-run is answered from deduplication, zero duplicates", async () => {
		// Without its own retries the node fails on the first fault; n8n then re-runs the whole node with every item.
		// The batches that were already applied carry the same Request-IDs and are answered from the platform's
		// deduplication instead of being imported again.
		const input = contacts(3_000, 'r');
		emu.faults.setRates({ ...FAULTS, seed: 90 });
		const started = Date.now();
		const result = await runAltcraft({
			baseUrl: emu.url,
			token: emu.tokens.admin,
			parameters: importParameters({ maxRetries: 0 }),
			input,
			node: { retryOnFail: true, maxTries: 5, waitBetweenTries: 1 },
		});
		emu.faults.setRates(null);
		const tally = tallyImports(result, input, started);
		report("Fault suite: 3,000 imports, Retry On Fail with the node's Max Retries 0", tally);

		expect(result.status).toBe('success');
		expectOneOutputPerItemInOrder(result, 3_000);
		expect(tally).toMatchObject({ errorItems: 0, applied: 3_000, duplicates: 0, losses: 0 });
		// The engine really re-ran the node: batches were sent again and answered as repeats.
		expect(tally.replays).toBeGreaterThan(0);
		const batchRequestIds = emu.requests.filter((r) => r.path.endsWith('/import_batch')).map((r) => r.requestId);
		expect(new Set(batchRequestIds).size).toBe(3); // three batches, whatever the number of attempts and re-runs
	});
});
