/**
 * The Altcraft Trigger's webhook() served over real HTTP on 127.0.0.1 (routed the way n8n routes webhooks), with
 * emulator/actionHooks.js playing Altcraft: real POSTs of Action Hook batches, real replies judged by the hook's
 * success pattern.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import * as hooks from '../../emulator/actionHooks';
import { SEEN_EVENTS_KEY } from '../../nodes/AltcraftTrigger/receiver';
import { serveTrigger, WEBHOOK_ID } from './helpers';
import type { ServedTrigger } from './helpers';

const SECRET = 'q7N-x2Lp_9RvTz4KbW8m';
const SUCCESS_PATTERNS = ['OK', '.*OK.*', '^OK$'];

let served: ServedTrigger[] = [];
async function serve(parameters: INodeParameters = {}) {
	const trigger = await serveTrigger(parameters);
	served.push(trigger);
	return trigger;
}

afterEach(async () => {
	await Promise.all(served.map((s) => s.close()));
	served = [];
});

const itemsOf = (trigger: ServedTrigger) => trigger.executions.map((items) => items.map((item) => item.json));

describe('Altcraft delivers batches to the trigger', () => {
	test('250 events in batches of 100: three successful deliveries, three executions, every event one item', async () => {
		const trigger = await serve();
		const events = hooks.buildEvents(250);
		const replies = await hooks.deliver(trigger.productionUrl, events, { batchSize: 100 });

		expect(replies.map((r) => [r.status, r.body, r.events])).toEqual([
			[200, 'OK', 100],
			[200, 'OK', 100],
			[200, 'OK', 50],
		]);
		for (const reply of replies) {
			for (const pattern of SUCCESS_PATTERNS) expect(hooks.isSuccess(reply, pattern)).toBe(true);
			expect(hooks.isSuccess(reply)).toBe(true);
		}
		expect(trigger.executions.map((e) => e.length)).toEqual([100, 100, 50]);
		expect(itemsOf(trigger).flat()).toEqual(events);
	});

	test('batch size 1: one execution per event, for every documented event type', async () => {
		const trigger = await serve();
		const events = hooks.buildOneOfEach();
		const replies = await hooks.deliver(trigger.productionUrl, events, { batchSize: 1 });
		expect(replies.every((r) => r.status === 200 && r.body === 'OK')).toBe(true);
		expect(itemsOf(trigger)).toEqual(events.map((event) => [event]));
	});

	test('a 1,000-event batch in one POST', async () => {
		const trigger = await serve({ dropDuplicates: true, options: { flattenEventData: true } });
		const [reply] = await hooks.deliver(trigger.productionUrl, hooks.buildEvents(1000), { batchSize: 1000 });
		expect(reply.status).toBe(200);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0]).toHaveLength(1000);
		expect(trigger.executions[0][0].json).toHaveProperty('message_id');
	});

	test('the filter: only the selected types start the workflow; the rest are still acknowledged', async () => {
		const trigger = await serve({ events: ['click', 'deliv_sms'] });
		const replies = await hooks.deliver(trigger.productionUrl, hooks.buildEvents(64), { batchSize: 16 });
		expect(replies.every((r) => hooks.isSuccess(r, 'OK'))).toBe(true);
		const types = itemsOf(trigger).flat().map((e) => e.event_type);
		expect(new Set(types)).toEqual(new Set(['click', 'deliv_sms']));
		expect(types).toHaveLength(4);
	});

	test('a scenario API call posting one JSON object gives one item', async () => {
		const trigger = await serve();
		const event = hooks.buildEvent('open');
		const reply = await hooks.post(trigger.productionUrl, event);
		expect(reply.status).toBe(200);
		expect(itemsOf(trigger)).toEqual([[event]]);
	});

	test('JSON sent without a Content-Type is read all the same', async () => {
		const trigger = await serve();
		const reply = await hooks.postBatch(trigger.productionUrl, hooks.buildEvents(3), { contentType: null });
		expect(reply.status).toBe(200);
		expect(trigger.executions[0]).toHaveLength(3);
	});
});

describe('redelivery with Drop Duplicate Events', () => {
	test('the same batch twice starts the workflow once; the memory is in the saved static data', async () => {
		const trigger = await serve({ dropDuplicates: true });
		const events = hooks.buildEvents(20);
		const first = await hooks.deliver(trigger.productionUrl, events, { batchSize: 20 });
		const second = await hooks.deliver(trigger.productionUrl, events, { batchSize: 20 });
		expect([...first, ...second].every((r) => hooks.isSuccess(r, 'OK'))).toBe(true);
		expect(trigger.executions).toHaveLength(1);
		const memory = trigger.savedStaticData()[SEEN_EVENTS_KEY] as IDataObject;
		expect(Object.keys(memory.seen as IDataObject)).toHaveLength(20);
	});

	test('a partly repeated batch starts the workflow with the new events only', async () => {
		const trigger = await serve({ dropDuplicates: true });
		const events = hooks.buildEvents(30);
		await hooks.deliver(trigger.productionUrl, events.slice(0, 20), { batchSize: 10 });
		await hooks.deliver(trigger.productionUrl, events.slice(10), { batchSize: 20 });
		expect(itemsOf(trigger).map((items) => items.length)).toEqual([10, 10, 10]);
		expect(itemsOf(trigger).flat()).toEqual(events);
	});
});

describe('protection over HTTP', () => {
	const header = { authentication: 'headerAuth', headerName: 'X-Altcraft-Hook-Secret', headerValue: 'h00k-s3cret-value' };

	test('header auth: without or with a wrong header 401 and nothing starts; the right header delivers', async () => {
		const trigger = await serve(header);
		const events = hooks.buildEvents(5);
		const none = await hooks.postBatch(trigger.productionUrl, events);
		const wrong = await hooks.postBatch(trigger.productionUrl, events, {
			authHeader: { name: 'X-Altcraft-Hook-Secret', value: 'guess' },
		});
		expect([none.status, wrong.status]).toEqual([401, 401]);
		expect(hooks.isSuccess(none, 'OK') || hooks.isSuccess(wrong, 'OK')).toBe(false);
		expect(trigger.executions).toHaveLength(0);

		const right = await hooks.deliver(trigger.productionUrl, events, {
			batchSize: 2,
			authHeader: { name: 'X-Altcraft-Hook-Secret', value: 'h00k-s3cret-value' },
		});
		expect(right.map((r) => r.status)).toEqual([200, 200, 200]);
		expect(itemsOf(trigger).flat()).toEqual(events);
	});

	test('secret path: the URL to paste ends with the secret; other secrets and no secret get 401 from the node', async () => {
		const trigger = await serve({ authentication: 'secretPath', secretPathSegment: SECRET });
		expect(trigger.productionUrl).toBe(`${trigger.baseUrl}/webhook/${WEBHOOK_ID}/altcraft/${SECRET}`);
		const events = hooks.buildEvents(2);
		const base = `${trigger.baseUrl}/webhook/${WEBHOOK_ID}/altcraft`;

		const wrong = await hooks.postBatch(`${base}/guessed-secret-value`, events);
		const missing = await hooks.postBatch(base, events);
		expect([wrong.status, missing.status]).toEqual([401, 401]);
		expect(JSON.parse(wrong.body)).toEqual({ error: expect.stringMatching(/^Unauthorized/) });
		expect(trigger.executions).toHaveLength(0);

		const right = await hooks.postBatch(trigger.productionUrl, events);
		expect(right.status).toBe(200);
		expect(itemsOf(trigger)).toEqual([events]);
	});

	test('secret path: a URL outside the trigger\'s routes gets n8n\'s 404', async () => {
		const trigger = await serve({ authentication: 'secretPath', secretPathSegment: SECRET });
		const reply = await hooks.postBatch(`${trigger.productionUrl}/extra`, hooks.buildEvents(1));
		expect(reply.status).toBe(404);
		expect(trigger.executions).toHaveLength(0);
	});

	test('a misconfigured secret fails the execution (n8n answers 500) instead of accepting anyone', async () => {
		const trigger = await serve({ authentication: 'secretPath', secretPathSegment: 'short' });
		const reply = await hooks.postBatch(trigger.productionUrl, hooks.buildEvents(1));
		expect(reply.status).toBe(500);
		expect(trigger.executions).toHaveLength(0);
		expect(trigger.failures).toEqual([expect.stringMatching(/Secret Path Segment/)]);
	});
});

describe('requests that are not deliveries', () => {
	test.each(['GET', 'PUT', 'PATCH', 'DELETE'])('%s gets 405 with Allow: POST', async (method) => {
		const trigger = await serve({ authentication: 'secretPath', secretPathSegment: SECRET });
		const reply = await hooks.post(trigger.productionUrl, [], { method });
		expect(reply.status).toBe(405);
		expect(reply.headers.allow).toBe('POST');
		expect(trigger.executions).toHaveLength(0);
	});

	test.each([
		['malformed JSON', 'not json at all', 'application/json', 400],
		['an empty body', '', 'application/json', 400],
		['a form', 'event_type=click', 'application/x-www-form-urlencoded', 415],
		['XML', '<events><event/></events>', 'application/xml', 415],
		['a JSON array of strings', '["click","open"]', 'application/json', 400],
	])('%s gets a clear 4xx that never passes for success', async (_label, body, contentType, status) => {
		const trigger = await serve();
		const reply = await hooks.post(trigger.productionUrl, body, { contentType });
		expect(reply.status).toBe(status);
		expect(JSON.parse(reply.body).error).toEqual(expect.any(String));
		for (const pattern of SUCCESS_PATTERNS) expect(hooks.isSuccess(reply, pattern)).toBe(false);
		expect(trigger.executions).toHaveLength(0);
	});
});
