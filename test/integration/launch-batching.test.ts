/**
 * Trigger Mailing → Launch grouped into start_batch and Scenario → Import Profile and Start grouped into
 * workflows/import_and_start_batch: both opt-in. Each item gets its own outcome from the batch answer; an item the
 * answer does not confirm is an error, never a silent success. Exactly once under faults is proven by the emulator's
 * send ledger and scenario starts.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { jsonOf, requestsTo, runNode } from './support/audience';
import { pairs, params, subscriber, useMessagingEmulator } from './support/messaging';

jest.setTimeout(120_000);

const emulator = useMessagingEmulator();
const exactly = (emu: ReturnType<typeof emulator>, path: string) => requestsTo(emu, path).filter((r) => r.path === path);

const START = '/api/v1.1/campaigns/triggers/start/';
const START_BATCH = '/api/v1.1/campaigns/triggers/start_batch';
const SCENARIO_IMPORT = '/api/v1.1/workflows/import_and_start';
const SCENARIO_BATCH = '/api/v1.1/workflows/import_and_start_batch';
const MISSING_ID = '0123456789abcdef01234567';

const launch = (matching: string, options: IDataObject) =>
	params('triggerMailing', 'start', {
		triggerMailing: byId(1),
		matching,
		...(matching === 'profile_id' ? { profileId: '={{ $json.id }}' } : { email: '={{ $json.email }}' }),
		// start_batch takes one content for the whole request: items with equal content travel together.
		contentValues: pairs({ campaign: 'spring' }),
		options,
	});

describe('Trigger Mailing → Launch into start_batch', () => {
	test('off by default: one start per item', async () => {
		const emu = emulator();
		const ids = [await subscriber(emu, 'a@example.com'), await subscriber(emu, 'b@example.com')];
		const result = await runNode(emu, launch('profile_id', {}), { input: ids.map((id, i) => ({ json: { id, order: `A-${i}` } })) });
		expect(result.status).toBe('success');
		expect(exactly(emu, START)).toHaveLength(2);
		expect(requestsTo(emu, START_BATCH)).toHaveLength(0);
	});

	test('opted in, by profile ID: one request per batch; a profile not reached is its item\'s error; the same profile twice never shares a batch', async () => {
		const emu = emulator();
		const a = await subscriber(emu, 'a@example.com');
		const b = await subscriber(emu, 'b@example.com');
		const input = [a, MISSING_ID, b, a].map((id, i) => ({ json: { id, order: `A-${i}` } }));
		const result = await runNode(emu, launch('profile_id', { batching: true }), { input, node: { continueOnFail: true } });
		expect(result.status).toBe('success');
		const batches = requestsTo(emu, START_BATCH).map((r) => r.body as IDataObject);
		expect(batches.map((body) => (body.data as IDataObject[]).map((entry) => entry.profile_id))).toEqual([[a, MISSING_ID, b]]);
		// The second item of profile a starts the next group; a group of one is sent as the single launch.
		expect(exactly(emu, START).map((r) => (r.body as IDataObject).profile_id)).toEqual([a]);
		expect(batches[0]).toMatchObject({ trigger_id: 1, matching: 'profile_id' });
		const out = jsonOf(result);
		expect(out[0]).toEqual({ success: true, profile_id: a });
		expect(out[1]).toMatchObject({ error: `Profile ${MISSING_ID} was not reached (item 1)` });
		expect(out[2]).toEqual({ success: true, profile_id: b });
		expect(out[3]).toEqual({ success: true });
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		// Like four single launches: a twice, b once (the missing profile gets nothing).
		expect(emu.getSends({ triggerId: 1 }).map((send) => send.profileId)).toEqual([a, b, a]);
	});

	test('opted in, without Continue On Fail: a profile not reached stops the node naming the item', async () => {
		const emu = emulator();
		const a = await subscriber(emu, 'a@example.com');
		const result = await runNode(emu, launch('profile_id', { batching: true }), { input: [{ json: { id: a } }, { json: { id: MISSING_ID } }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`Profile ${MISSING_ID} was not reached (item 1)`);
	});

	test('opted in: items whose content differs are not grouped (start_batch takes one content per request)', async () => {
		const emu = emulator();
		const ids = [await subscriber(emu, 'a@example.com'), await subscriber(emu, 'b@example.com')];
		const parameters = { ...launch('profile_id', { batching: true }), contentValues: pairs({ order_id: '={{ $json.order }}' }) } as INodeParameters;
		const result = await runNode(emu, parameters, { input: ids.map((id, i) => ({ json: { id, order: `A-${i}` } })) });
		expect(result.status).toBe('success');
		expect(exactly(emu, START)).toHaveLength(2);
		expect(requestsTo(emu, START_BATCH)).toHaveLength(0);
	});

	test('opted in, matched by e-mail: sent one by one (start_batch answers profile IDs, which cannot be told apart by e-mail)', async () => {
		const emu = emulator();
		await subscriber(emu, 'a@example.com');
		await subscriber(emu, 'b@example.com');
		const input = ['a@example.com', 'b@example.com'].map((email) => ({ json: { email } }));
		const result = await runNode(emu, launch('email', { batching: true }), { input });
		expect(result.status).toBe('success');
		expect(exactly(emu, START)).toHaveLength(2);
		expect(requestsTo(emu, START_BATCH)).toHaveLength(0);
	});

	test('exactly once under faults (429, 500, dropped answers after the send): proven by the send ledger', async () => {
		const emu = emulator();
		const ids: string[] = [];
		for (let i = 0; i < 200; i++) ids.push(await subscriber(emu, `t${i}@example.com`));
		emu.requests.length = 0;
		(emu.faults as unknown as { setRates(rates: IDataObject | null): void }).setRates({ error429: 0.2, error500: 0.05, dropAfterApply: 0.2, retryAfterSec: 0, path: START_BATCH, seed: 31 });
		const input = ids.map((id, i) => ({ json: { id, order: `A-${i}` } }));
		const result = await runNode(emu, launch('profile_id', { batching: true, batchSize: 10 }), { input });
		(emu.faults as unknown as { setRates(rates: IDataObject | null): void }).setRates(null);
		expect(result.error?.message).toBeUndefined();
		expect(jsonOf(result).every((json, i) => json.success === true && json.profile_id === ids[i])).toBe(true);
		const sent = emu.getSends({ triggerId: 1 });
		expect(sent.map((send) => send.profileId).sort()).toEqual([...ids].sort());
		expect(sent.every((send) => send.content?.campaign === 'spring' && send.requestId !== null)).toBe(true);
		expect(emu.faults.history.some((fault) => fault.kind === 'dropAfterApply')).toBe(true);
		expect(emu.requests.some((request) => request.duplicate)).toBe(true);
	});
});

const importAndStart = (options: IDataObject) =>
	params('scenario', 'importAndStart', {
		scenario: byId(1),
		database: byId(1),
		matching: 'email',
		email: '={{ $json.email }}',
		dataMode: 'json',
		profileJson: '={{ $json.profile }}',
		contentValues: pairs({ source: 'crm' }),
		options,
	});

const contact = (email: string, extra: IDataObject = {}) => ({ json: { email, profile: { _fname: email.split('@')[0], ...extra } } });

describe('Scenario → Import Profile and Start into import_and_start_batch', () => {
	test('off by default: one import_and_start per item', async () => {
		const emu = emulator();
		const result = await runNode(emu, importAndStart({}), { input: [contact('a@example.com'), contact('b@example.com')] });
		expect(result.status).toBe('success');
		expect(exactly(emu, SCENARIO_IMPORT)).toHaveLength(2);
		expect(requestsTo(emu, SCENARIO_BATCH)).toHaveLength(0);
	});

	test('opted in: one request, each item its own profile_id; a refused entry fails only its item', async () => {
		const emu = emulator();
		const input = [contact('a@example.com'), contact('b@example.com', { _birthday: 'not a date' }), contact('c@example.com')];
		const result = await runNode(emu, importAndStart({ batching: true }), { input, node: { continueOnFail: true } });
		expect(result.status).toBe('success');
		expect(exactly(emu, SCENARIO_IMPORT)).toHaveLength(0);
		const body = requestsTo(emu, SCENARIO_BATCH)[0].body as IDataObject;
		expect(body).toMatchObject({ workflow_id: 1, db_id: 1, matching: 'email', content: { source: 'crm' } });
		const out = jsonOf(result);
		expect(out[0]).toEqual({ profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		expect(out[1]).toMatchObject({ errorCode: 450 });
		expect(out[2]).toEqual({ profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
		expect(emu.messaging.getScenarioStarts().map((start) => start.profileId)).toEqual([out[0].profile_id, out[2].profile_id]);
	});

	test('exactly once under faults: proven by the scenario starts', async () => {
		const emu = emulator();
		(emu.faults as unknown as { setRates(rates: IDataObject | null): void }).setRates({ error429: 0.2, error500: 0.05, dropAfterApply: 0.2, retryAfterSec: 0, path: SCENARIO_BATCH, seed: 32 });
		const input = Array.from({ length: 200 }, (_, i) => contact(`s${i}@example.com`));
		const result = await runNode(emu, importAndStart({ batching: true, batchSize: 10 }), { input });
		(emu.faults as unknown as { setRates(rates: IDataObject | null): void }).setRates(null);
		expect(result.error?.message).toBeUndefined();
		const out = jsonOf(result);
		expect(out).toHaveLength(200);
		const starts = emu.messaging.getScenarioStarts();
		expect(starts).toHaveLength(200);
		expect(new Set(starts.map((start) => start.profileId)).size).toBe(200);
		expect(out.map((json) => json.profile_id)).toEqual(starts.map((start) => start.profileId));
		expect(emu.faults.history.some((fault) => fault.kind === 'dropAfterApply')).toBe(true);
	});
});
