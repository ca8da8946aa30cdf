/** The Action Hooks player (emulator/actionHooks.js) on its own: documented event shape, batching, success rule. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import * as hooks from '../../emulator/actionHooks';

describe('events', () => {
	test('every documented type, with the documented general fields', () => {
		const events = hooks.buildOneOfEach();
		expect(events.map((e) => e.event_type)).toEqual(hooks.ALL_EVENT_TYPES);
		for (const event of events) {
			expect(event).toEqual(
				expect.objectContaining({
					event_type: expect.any(String),
					event_date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
					account_id: expect.any(Number),
					is_test: false,
					event_data: expect.any(Object),
					profile_id: expect.stringMatching(/^[0-9a-f]{24}$/),
					list_id: expect.any(Number),
					_xxh: expect.stringMatching(/^[0-9a-f]{16}$/),
					_md5: expect.stringMatching(/^[0-9a-f]{32}$/),
					custom_data: { email: expect.stringContaining('@') },
				}),
			);
		}
	});

	test('tracking events carry geo and client data, clicks a link, delivery events the example ids', () => {
		const click = hooks.buildEvent('click').event_data;
		expect(click).toEqual(expect.objectContaining({ link_url: expect.any(String), ip: expect.any(String), device: 'web' }));
		expect(hooks.buildEvent('open').event_data).not.toHaveProperty('link_url');
		expect(hooks.buildEvent('click_push').event_data).toHaveProperty('extra_uid');
		expect(hooks.buildEvent('deliv').event_data).toEqual(
			expect.objectContaining({ message_id: expect.any(Number), segment_id: 0, campaign_id: expect.any(Number) }),
		);
		expect(hooks.buildEvent('send_sms').subscription[0]).toEqual(expect.objectContaining({ channel: 'sms', phone: expect.any(String) }));
	});

	test('sequence numbers make dates unique and deterministic; overrides win', () => {
		const events = hooks.buildEvents(50);
		expect(new Set(events.map((e) => e.event_date)).size).toBe(50);
		expect(hooks.buildEvents(50)).toEqual(events);
		expect(hooks.buildEvent('click', { overrides: { is_test: true } }).is_test).toBe(true);
	});

	test('batches are cut by the maximum batch size', () => {
		expect(hooks.toBatches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(() => hooks.toBatches([1], 0)).toThrow(RangeError);
	});
});

describe('delivery', () => {
	test('POSTs JSON arrays with the auth header and reports status and body per batch', async () => {
		const received: Array<{ method?: string; type?: string; secret?: string | string[]; body: unknown[] }> = [];
		const server = http.createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				received.push({ method: req.method, type: req.headers['content-type'], secret: req.headers['x-secret'], body: JSON.parse(text) });
				res.writeHead(received.length === 2 ? 500 : 200);
				res.end(received.length === 2 ? 'failed' : 'OK');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
			const replies = await hooks.deliver(url, hooks.buildEvents(5), { batchSize: 2, authHeader: { name: 'X-Secret', value: 's' } });
			expect(replies.map((r) => [r.status, r.body, r.events])).toEqual([
				[200, 'OK', 2],
				[500, 'failed', 2],
				[200, 'OK', 1],
			]);
			expect(received.map((r) => [r.method, r.type, r.secret, r.body.length])).toEqual([
				['POST', 'application/json', 's', 2],
				['POST', 'application/json', 's', 2],
				['POST', 'application/json', 's', 1],
			]);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	test('success: HTTP 200 and, when a pattern is set, a body matching it', () => {
		const reply = (status: number, body: string) => ({ status, body, headers: {} });
		expect(hooks.isSuccess(reply(200, 'OK'), '.*OK.*')).toBe(true);
		expect(hooks.isSuccess(reply(200, 'anything'))).toBe(true);
		expect(hooks.isSuccess(reply(200, 'fine'), 'OK')).toBe(false);
		expect(hooks.isSuccess(reply(401, 'OK'), 'OK')).toBe(false);
	});
});
