/**
 * Unit tests of the Altcraft Trigger's webhook() with a small fake IWebhookFunctions: what a delivery turns into
 * (items, reply, static data), one behaviour per block.
 */
import type { IDataObject, IHookFunctions, INodeParameters } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as hooks from '../../emulator/actionHooks';
import { ACTION_HOOK_EVENT_TYPES, eventTypeOptions } from '../../nodes/AltcraftTrigger/events';
import {
	dropDuplicates,
	eventFingerprint,
	flattenEventData,
	SEEN_EVENTS_KEY,
	SUCCESS_BODY,
} from '../../nodes/AltcraftTrigger/receiver';
import { callWebhook, itemsOf, trigger, triggerWorkflow } from './helpers';

const json = (value: unknown) => ({ body: value, rawBody: JSON.stringify(value) });

function expectStarted(reply: { status?: number; body?: string }, items: IDataObject[], count: number) {
	expect(reply.status).toBe(200);
	expect(reply.body).toBe(SUCCESS_BODY);
	expect(items).toHaveLength(count);
}

describe('a delivery becomes one item per event', () => {
	test('a batch of three events gives three items, each the event as sent', async () => {
		const events = hooks.buildEvents(3, { types: ['deliv', 'open', 'click'] });
		const { result, reply } = await callWebhook(json(events));
		expectStarted(reply, itemsOf(result), 3);
		expect(itemsOf(result)).toEqual(events);
	});

	test('one event of every documented type passes the default filter (All Events)', async () => {
		const events = hooks.buildOneOfEach();
		const { result, reply } = await callWebhook(json(events));
		expectStarted(reply, itemsOf(result), hooks.ALL_EVENT_TYPES.length);
		expect(itemsOf(result).map((e) => e.event_type)).toEqual(hooks.ALL_EVENT_TYPES);
	});

	test('the parsed body is used when n8n kept no raw body', async () => {
		const events = hooks.buildEvents(2);
		const { result, reply } = await callWebhook({ body: events });
		expectStarted(reply, itemsOf(result), 2);
	});

	test('a plain JSON object (one event, e.g. from a scenario API call) gives one item', async () => {
		const event = hooks.buildEvent('click');
		const { result, reply } = await callWebhook(json(event));
		expectStarted(reply, itemsOf(result), 1);
		expect(itemsOf(result)[0]).toEqual(event);
	});

	test('an object of the user\'s own shape passes too when All Events is selected', async () => {
		const custom = { order_id: 'A-17', email: 'eddie@example.com' };
		const { result } = await callWebhook(json(custom));
		expect(itemsOf(result)).toEqual([custom]);
	});

	test('an empty array is answered with success and starts nothing', async () => {
		const { result, reply } = await callWebhook(json([]));
		expect(reply.status).toBe(200);
		expect(reply.body).toBe(SUCCESS_BODY);
		expect(result.workflowData).toBeUndefined();
	});

	test('n8n answers the success message as soon as the execution starts (respond immediately)', async () => {
		const { result } = await callWebhook(json(hooks.buildEvents(1)));
		expect(result.noWebhookResponse).toBeUndefined();
		expect(result.webhookResponse).toBe(SUCCESS_BODY);
		const description = trigger.description.webhooks?.find((w) => w.name === 'default');
		expect(description).toEqual(expect.objectContaining({ httpMethod: 'POST', responseMode: 'onReceived', responseData: SUCCESS_BODY }));
	});

	test('a 1,000-event batch gives 1,000 items quickly', async () => {
		const events = hooks.buildEvents(1000);
		const started = Date.now();
		const { result, reply } = await callWebhook({
			...json(events),
			parameters: { dropDuplicates: true, options: { flattenEventData: true } },
		});
		const elapsed = Date.now() - started;
		expectStarted(reply, itemsOf(result), 1000);
		expect(itemsOf(result)[999].event_type).toBe(events[999].event_type);
		expect(elapsed).toBeLessThan(1000);
	});
});

describe('event-type filter', () => {
	const events = hooks.buildEvents(hooks.ALL_EVENT_TYPES.length * 2);

	test.each([
		[['click'], ['click']],
		[['deliv', 'undeliv', 'hbounce'], ['deliv', 'undeliv', 'hbounce']],
		[['send_sms', 'open_push', 'import_api'], ['send_sms', 'open_push', 'import_api']],
		[['*', 'click'], hooks.ALL_EVENT_TYPES],
	])('Events %j keeps only %j', async (selected, expected) => {
		const { result, reply } = await callWebhook({ ...json(events), parameters: { events: selected } });
		expect(reply.status).toBe(200);
		const types = new Set(itemsOf(result).map((e) => e.event_type));
		expect([...types].sort()).toEqual([...expected].sort());
		expect(itemsOf(result)).toHaveLength(expected.length * 2);
	});

	test('a delivery with nothing selected in it is answered with success and starts nothing', async () => {
		const { result, reply } = await callWebhook({ ...json(hooks.buildEvents(5, { types: ['open'] })), parameters: { events: ['click'] } });
		expect(reply.status).toBe(200);
		expect(reply.body).toBe(SUCCESS_BODY);
		expect(result.workflowData).toBeUndefined();
	});

	test('Other Event Types adds undocumented names', async () => {
		const batch = [hooks.buildEvent('deliv_push'), hooks.buildEvent('click'), hooks.buildEvent('open')];
		const { result } = await callWebhook({
			...json(batch),
			parameters: { events: ['click'], options: { otherEventTypes: 'deliv_push, undeliv_push' } },
		});
		expect(itemsOf(result).map((e) => e.event_type)).toEqual(['deliv_push', 'click']);
	});

	test('with specific types, objects without event_type are dropped', async () => {
		const { result } = await callWebhook({ ...json({ order_id: 1 }), parameters: { events: ['click'] } });
		expect(result.workflowData).toBeUndefined();
	});

	test('Ignore Test Events drops events of test sends', async () => {
		const batch = [hooks.buildEvent('deliv', { isTest: true }), hooks.buildEvent('deliv', { seq: 1 })];
		const { result } = await callWebhook({ ...json(batch), parameters: { options: { ignoreTestEvents: true } } });
		expect(itemsOf(result).map((e) => e.is_test)).toEqual([false]);
	});

	test('the filter offers "All Events" and every documented type, sorted, matching the emulator', () => {
		const options = eventTypeOptions();
		expect(options[0].value).toBe('*');
		const names = options.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		expect(ACTION_HOOK_EVENT_TYPES.map((t) => t.value).sort()).toEqual([...hooks.ALL_EVENT_TYPES].sort());
	});
});

describe('protection', () => {
	const header = { authentication: 'headerAuth', headerName: 'X-Altcraft-Hook-Secret', headerValue: 's3cr3t-value-123' };
	const events = hooks.buildEvents(4);

	test.each([
		['missing', {}],
		['wrong', { 'X-Altcraft-Hook-Secret': 'guess' }],
		['wrong case of value', { 'X-Altcraft-Hook-Secret': 'S3CR3T-VALUE-123' }],
		['in another header', { Authorization: 's3cr3t-value-123' }],
	])('header %s: 401, no items, and the reply names neither the header nor the value', async (_label, headers) => {
		const { result, reply } = await callWebhook({ ...json(events), parameters: header, headers });
		expect(reply.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
		expect(reply.body).not.toContain('X-Altcraft-Hook-Secret');
		expect(reply.body).not.toContain('s3cr3t');
	});

	test('the right header (name in any case) lets the events through', async () => {
		const { result, reply } = await callWebhook({
			...json(events),
			parameters: header,
			headers: { 'x-altcraft-hook-secret': 's3cr3t-value-123' },
		});
		expectStarted(reply, itemsOf(result), 4);
	});

	test('an Authorization header with a Bearer value works like any other', async () => {
		const { result, reply } = await callWebhook({
			...json(events),
			parameters: { authentication: 'headerAuth', headerName: 'Authorization', headerValue: 'Bearer abcdefghijklmnop' },
			headers: { Authorization: 'Bearer abcdefghijklmnop' },
		});
		expectStarted(reply, itemsOf(result), 4);
	});

	const secret = { authentication: 'secretPath', secretPathSegment: 'Zk3-9qW_x7LmP2vT' };

	test('secret path: the trigger\'s own route (with the secret) accepts events', async () => {
		const { result, reply } = await callWebhook({ ...json(events), parameters: secret, webhookName: 'default' });
		expectStarted(reply, itemsOf(result), 4);
	});

	test('secret path: a POST to the routes without or with another secret gets 401 and no items', async () => {
		const { result, reply } = await callWebhook({ ...json(events), parameters: secret, webhookName: 'setup' });
		expect(reply.status).toBe(401);
		expect(result.workflowData).toBeUndefined();
	});

	test('without a secret path, a POST to a hidden route gets 404', async () => {
		const { result, reply } = await callWebhook({ ...json(events), webhookName: 'setup' });
		expect(reply.status).toBe(404);
		expect(result.workflowData).toBeUndefined();
	});

	test.each([
		[{ authentication: 'secretPath', secretPathSegment: 'short' }, /Secret Path Segment/],
		[{ authentication: 'secretPath', secretPathSegment: 'has/slash/and-more-chars' }, /Secret Path Segment/],
		[{ authentication: 'secretPath' }, /Secret Path Segment/],
		[{ authentication: 'headerAuth', headerName: 'X-Secret', headerValue: '' }, /Header Value/],
		[{ authentication: 'headerAuth', headerName: 'X-Secret', headerValue: '   ' }, /Header Value/],
		[{ authentication: 'basicAuth' }, /Unknown Authentication/],
		[{ authentication: 'headerAuth', headerName: 'Bad Header', headerValue: 'v' }, /Header Name/],
	])('settings that protect nothing fail loudly: %j', async (parameters, message) => {
		await expect(callWebhook({ ...json(events), parameters: parameters as INodeParameters })).rejects.toThrow(message);
		await expect(callWebhook({ ...json(events), parameters: parameters as INodeParameters })).rejects.toBeInstanceOf(
			NodeOperationError,
		);
	});

	test('activation (webhookMethods.create) refuses the same settings and accepts good ones', async () => {
		const hookContext = (parameters: INodeParameters) => {
			const { node } = triggerWorkflow(parameters);
			return {
				getNode: () => node,
				getNodeParameter: (name: string, fallback?: unknown) => (name in node.parameters ? node.parameters[name] : fallback),
			} as unknown as IHookFunctions;
		};
		const methods = trigger.webhookMethods.default;
		await expect(methods.create.call(hookContext({ authentication: 'secretPath', secretPathSegment: 'x' }))).rejects.toThrow(
			/Secret Path Segment/,
		);
		await expect(methods.create.call(hookContext(secret))).resolves.toBe(true);
		await expect(methods.create.call(hookContext({}))).resolves.toBe(true);
		await expect(methods.checkExists.call(hookContext({}))).resolves.toBe(false);
		await expect(methods.delete.call(hookContext({}))).resolves.toBe(true);
	});
});

describe('requests that are not deliveries', () => {
	test.each(['GET', 'PUT', 'PATCH', 'DELETE', 'HEAD'])('%s gets 405 with Allow: POST and starts nothing', async (method) => {
		const { result, reply } = await callWebhook({ ...json(hooks.buildEvents(1)), method });
		expect(reply.status).toBe(405);
		expect(reply.headers.allow).toBe('POST');
		expect(result.workflowData).toBeUndefined();
	});

	test('the method is checked before the protection', async () => {
		const { reply } = await callWebhook({
			method: 'GET',
			parameters: { authentication: 'headerAuth', headerName: 'X-Secret', headerValue: 'v' },
		});
		expect(reply.status).toBe(405);
	});

	test.each([
		['not JSON', { rawBody: 'event_type=click', headers: { 'Content-Type': 'application/json' } }, 400],
		['truncated JSON', { rawBody: '[{"event_type":"click"', headers: { 'Content-Type': 'application/json' } }, 400],
		['an empty body', { rawBody: '', headers: { 'Content-Type': 'application/json' } }, 400],
		['an empty body, nothing parsed', { body: {} }, 400],
		['an empty object', json({}), 400],
		['a number', json(42), 400],
		['a string', json('OK'), 400],
		['null', json(null), 400],
		['an array with a non-object', json([hooks.buildEvent('click'), 7]), 400],
		['an array of arrays', json([[hooks.buildEvent('click')]]), 400],
		['a form', { body: { a: '1' }, rawBody: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415],
		['XML', { body: { a: '1' }, rawBody: '<a>1</a>', headers: { 'Content-Type': 'application/xml' } }, 415],
		['a form without raw body', { body: { a: '1' }, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415],
	])('%s gets a 4xx and starts nothing', async (_label, request, status) => {
		const { result, reply } = await callWebhook(request);
		expect(reply.status).toBe(status);
		expect(reply.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(reply.body ?? '')).toEqual({ error: expect.any(String) });
		expect(result.workflowData).toBeUndefined();
	});

	test('JSON sent with a missing or wrong Content-Type is still read from the raw body', async () => {
		const events = hooks.buildEvents(2);
		for (const contentType of ['text/plain', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
			const { result, reply } = await callWebhook({
				body: { [JSON.stringify(events)]: '' },
				rawBody: Buffer.from(JSON.stringify(events)),
				headers: { 'Content-Type': contentType },
			});
			expectStarted(reply, itemsOf(result), 2);
		}
		const { result } = await callWebhook({ body: JSON.stringify(events), headers: { 'Content-Type': 'text/plain' } });
		expect(itemsOf(result)).toHaveLength(2);
	});

	test('no refusal could ever pass for success: no reply body but the success one contains "ok"', async () => {
		const refusals = [
			await callWebhook({ method: 'GET' }),
			await callWebhook({ rawBody: 'OK' }),
			await callWebhook({ ...json('OK') }),
			await callWebhook({ ...json([]), webhookName: 'setup' }),
			await callWebhook({ ...json([]), webhookName: 'setup', parameters: { authentication: 'secretPath', secretPathSegment: 'OKOKOKOKOKOKOKOK' } }),
			await callWebhook({ ...json([]), parameters: { authentication: 'headerAuth', headerName: 'X-TOKEN', headerValue: 'OK' } }),
			await callWebhook({ rawBody: 'OK', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
		];
		for (const { reply } of refusals) {
			expect(reply.status).toBeGreaterThanOrEqual(400);
			expect(reply.body).not.toMatch(/ok/i);
		}
	});
});

describe('duplicate deliveries (Drop Duplicate Events)', () => {
	const parameters = { dropDuplicates: true };

	test('a redelivered batch starts nothing the second time; new events in it still pass', async () => {
		const staticData: IDataObject = {};
		const first = hooks.buildEvents(5);
		const one = await callWebhook({ ...json(first), parameters, staticData });
		expect(itemsOf(one.result)).toHaveLength(5);

		const again = await callWebhook({ ...json(first), parameters, staticData });
		expect(again.reply.status).toBe(200);
		expect(again.reply.body).toBe(SUCCESS_BODY);
		expect(again.result.workflowData).toBeUndefined();

		const mixed = [...first.slice(0, 2), ...hooks.buildEvents(2, { startSeq: 100 })];
		const three = await callWebhook({ ...json(mixed), parameters, staticData });
		expect(itemsOf(three.result)).toEqual(mixed.slice(2));

		const seen = (staticData[SEEN_EVENTS_KEY] as IDataObject).seen as IDataObject;
		expect(Object.keys(seen)).toHaveLength(7);
	});

	test('the memory survives a JSON round trip (n8n stores static data in its database)', async () => {
		let stored = '{}';
		const deliver = async (events: IDataObject[]) => {
			const staticData = JSON.parse(stored) as IDataObject;
			const { result } = await callWebhook({ ...json(events), parameters, staticData });
			stored = JSON.stringify(staticData);
			return itemsOf(result);
		};
		const events = hooks.buildEvents(3);
		expect(await deliver(events)).toHaveLength(3);
		expect(await deliver(events)).toHaveLength(0);
	});

	test('duplicates inside one batch are dropped too', async () => {
		const event = hooks.buildEvent('click');
		const { result } = await callWebhook({ ...json([event, { ...event }, event]), parameters, staticData: {} });
		expect(itemsOf(result)).toHaveLength(1);
	});

	test('without the option, a redelivery starts the workflow again and nothing is stored', async () => {
		const staticData: IDataObject = {};
		const events = hooks.buildEvents(3);
		await callWebhook({ ...json(events), staticData });
		const { result } = await callWebhook({ ...json(events), staticData });
		expect(itemsOf(result)).toHaveLength(3);
		expect(staticData).toEqual({});
	});

	test('events are remembered only for the window', async () => {
		const staticData: IDataObject = {};
		const events = hooks.buildEvents(2);
		const now = jest.spyOn(Date, 'now');
		try {
			now.mockReturnValue(Date.UTC(2024, 4, 1, 10, 0, 0));
			await callWebhook({ ...json(events), parameters: { ...parameters, duplicateWindowMinutes: 10 }, staticData });
			now.mockReturnValue(Date.UTC(2024, 4, 1, 10, 9, 0));
			expect(itemsOf((await callWebhook({ ...json(events), parameters: { ...parameters, duplicateWindowMinutes: 10 }, staticData })).result)).toHaveLength(0);
			now.mockReturnValue(Date.UTC(2024, 4, 1, 10, 11, 0));
			expect(itemsOf((await callWebhook({ ...json(events), parameters: { ...parameters, duplicateWindowMinutes: 10 }, staticData })).result)).toHaveLength(2);
		} finally {
			now.mockRestore();
		}
	});

	test('the memory is bounded: the oldest events are forgotten first', () => {
		const staticData: IDataObject = {};
		const events = hooks.buildEvents(10);
		const options = { windowSeconds: 3600, maxEntries: 4, nowSeconds: 1_700_000_000 };
		dropDuplicates(events, staticData, options);
		const seen = (staticData[SEEN_EVENTS_KEY] as IDataObject).seen as IDataObject;
		expect(Object.keys(seen)).toEqual(events.slice(6).map((e) => eventFingerprint(e)));
		// The newest four are still known, the sixth-newest is not.
		expect(dropDuplicates(events.slice(6), staticData, options).kept).toHaveLength(0);
		expect(dropDuplicates([events[5]], staticData, options).kept).toHaveLength(1);
	});

	test('a 1,000-event batch delivered twice is remembered within the default cap', async () => {
		const staticData: IDataObject = {};
		const events = hooks.buildEvents(1000);
		expect(itemsOf((await callWebhook({ ...json(events), parameters, staticData })).result)).toHaveLength(1000);
		expect(itemsOf((await callWebhook({ ...json(events), parameters, staticData })).result)).toHaveLength(0);
		expect(JSON.stringify(staticData).length).toBeLessThan(1000 * 40);
	});

	test.each([
		['no profile', { profile_id: undefined, _xxh: undefined, _md5: undefined, subscription_hash_id: undefined }],
		['no date', { event_date: undefined }],
		['no type', { event_type: undefined }],
	])('events with %s are never dropped', async (_label, without) => {
		const event = { ...hooks.buildEvent('deliv'), ...without };
		const { result } = await callWebhook({ ...json([event, event]), parameters, staticData: {} });
		expect(itemsOf(result)).toHaveLength(2);
		expect(eventFingerprint(JSON.parse(JSON.stringify(event)))).toBeUndefined();
	});

	test('two clicks on different links of one message are different events', () => {
		const a = hooks.buildEvent('click');
		const b = { ...a, event_data: { ...(a.event_data as IDataObject), link_url: 'https://shop.example.org/other' } };
		expect(eventFingerprint(a)).not.toBe(eventFingerprint(b));
		expect(eventFingerprint(a)).toBe(eventFingerprint(JSON.parse(JSON.stringify(a))));
	});
});

describe('Flatten Event Data', () => {
	test('moves event_data fields to the top level and keeps every other documented field', async () => {
		const event = hooks.buildEvent('click');
		const { result } = await callWebhook({ ...json([event]), parameters: { options: { flattenEventData: true } } });
		const [item] = itemsOf(result);
		const { event_data: data, ...rest } = event;
		expect(item).toEqual({ ...rest, ...(data as IDataObject) });
		expect(item.link_url).toBe((data as IDataObject).link_url);
		expect(item).not.toHaveProperty('event_data');
	});

	test('a name used at both levels keeps the top-level value; the other gets the prefix event_data_', () => {
		expect(flattenEventData({ event_type: 'x', list_id: 1, event_data: { list_id: 2, ip: '1.1.1.1' } })).toEqual({
			event_type: 'x',
			list_id: 1,
			event_data_list_id: 2,
			ip: '1.1.1.1',
		});
	});

	test('an event without an event_data object is left as it is', () => {
		expect(flattenEventData({ order_id: 1 })).toEqual({ order_id: 1 });
		expect(flattenEventData({ event_data: 'text' })).toEqual({ event_data: 'text' });
	});

	test('without the option the output is the event as sent, event_data nested', async () => {
		const event = hooks.buildEvent('deliv');
		const { result } = await callWebhook(json([event]));
		expect(itemsOf(result)[0]).toEqual(event);
	});
});
