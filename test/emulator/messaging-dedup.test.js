'use strict';

const { createEmulator } = require('../../emulator');
const { createRouter } = require('../../emulator/handlers');
const { client, P } = require('./helpers');

/**
 * Every modifying call of the messaging sections is deduplicated by the server layer: a repeat with the same
 * Request-ID gets the original answer plus `Duplicate-Request: true`, and nothing is applied again (no ledger entry,
 * no send, no scenario start, no task, no file).
 */
describe('deduplication of the messaging calls', () => {
	let emu;
	let api;
	beforeAll(async () => {
		emu = await createEmulator();
		api = client(emu);
	});
	afterAll(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		await api(`${P}/profiles/import`, { db_id: 1, email: 'a@example.com', data: { subscriptions: [{ resource_id: 1, channel: 'email', email: 'a@example.com' }] } });
	});

	const email = 'a@example.com';
	const sub = (e) => ({ email: e, subscriptions: [{ resource_id: 1, channel: 'email', email: e }] });
	const content = [{ message_id: 2 }];
	const rules = { email_rules: [{ type: 'default', value: '', senders: [{ sender_id: 1, percent: 100 }] }], sms_rules: [] };
	const file = { header: 'a.csv', data: 'data:text/csv;base64,ZW1haWwK' };

	/** [path, body, preparation calls [path, body][]] */
	const CASES = [
		['/templates/add', { name: 'T', channels: [{ sid: 'email', fields: { subject: 'x' } }] }, []],
		['/templates/update', { id: 2, name: 'Digest' }, []],
		['/templates/delete', { id: 5 }, []],
		['/campaigns/activate/', { id: 6, run_now: true }, []],
		['/campaigns/deactivate', { id: 1 }, []],
		['/campaigns/clone', { id: 1 }, []],
		['/campaigns/delete', { id: 2 }, []],
		['/campaigns/regulars/add/', { name: 'R', data_type: 'list', data_id: 1, send_channel: 'email', resource_id: 1, content }, []],
		['/campaigns/regulars/update/', { id: 5, name: 'W' }, []],
		['/campaigns/regulars/start', { id: 5, override_source_type: 'list', override_source_id: 1 }, []],
		['/campaigns/broadcasts/add', { name: 'B', data_type: 'list', data_id: 1, send_channel: 'email', resource_id: 1, content }, []],
		['/campaigns/broadcasts/update/', { id: 6, name: 'S' }, []],
		['/campaigns/broadcasts/start', { id: 6 }, [['/campaigns/activate/', { id: 6 }]]],
		['/campaigns/triggers/add/', { name: 'T', trigger_type: 'api_call', send_channel: 'email', resource_id: 1, content }, []],
		['/campaigns/triggers/update/', { id: 1, name: 'O', trigger_type: 'api_call', content: [{ message_id: 1 }] }, []],
		['/campaigns/triggers/clone', { id: 1 }, []],
		['/campaigns/triggers/start/', { id: 1, email }, []],
		['/campaigns/triggers/import_and_start', { trigger_id: 1, email: 'n@example.com', data: sub('n@example.com') }, []],
		['/campaigns/triggers/start_batch', { trigger_id: 1, data: [{ email }] }, []],
		['/campaigns/triggers/import_and_start_batch', { trigger_id: 1, data: [{ data: sub('n@example.com') }] }, []],
		['/campaigns/triggers/start_batch_task', { id: 1, data: [{ email }] }, []],
		['/campaigns/triggers/import_and_start_batch_task', { trigger_id: 1, data: [{ data: sub('n@example.com') }] }, []],
		['/scampaigns/activate', { id: 1 }, []],
		['/scampaigns/deactivate', { id: 2 }, []],
		['/scampaigns/completed', { id: 2 }, []],
		['/workflows/start', { id: 1, email }, []],
		['/workflows/import_and_start', { workflow_id: 1, matching: 'email', email: 'n@example.com', data: {} }, []],
		['/workflows/import_and_start_batch', { workflow_id: 1, matching: 'email', data: [{ data: { email: 'n@example.com' } }] }, []],
		['/workflows/import_and_start_batch_task', { workflow_id: 1, matching: 'email', data: [{ data: { email: 'n@example.com' } }] }, []],
		['/workflows/activate', { id: 2 }, []],
		['/workflows/deactivate', { id: 1 }, []],
		['/vsenders/add', { name: 'V', ...rules }, []],
		['/vsenders/update', { id: 1, name: 'R' }, []],
		['/vsenders/clone', { id: 1 }, []],
		['/vsenders/delete', { id: 2 }, []],
		['/file_upload', file, []],
	];

	test('the table covers every modifying messaging route', () => {
		const router = createRouter();
		const sections = /^\/api\/v1\.1\/(templates|campaigns|scampaigns|workflows|senders|vsenders|file_upload|webver)\b/;
		const modifying = router.paths().filter((p) => sections.test(p) && router.find(p).modifying);
		expect(modifying.map((p) => p.slice('/api/v1.1'.length)).sort()).toEqual(CASES.map((c) => c[0]).sort());
	});

	test.each(CASES)('%s: a repeat with the same Request-ID is answered from the cache and applies nothing', async (path, body, prep) => {
		for (const [pp, pb] of prep) expect((await api(P + pp, pb)).json.error).toBe(0);
		const h = { headers: { 'request-id': `dedup-${path}` } };
		const first = await api(P + path, body, h);
		expect([path, first.json.error, first.json.error_text]).toEqual([path, 0, 'Successful operation']);
		const counts = () => [emu.ledger.length, emu.sends.length, emu.messaging.starts.length, emu.store.tasks.size, emu.messaging.files.size];
		const before = counts();
		const again = await api(P + path, body, h);
		expect(again.headers.get('duplicate-request')).toBe('true');
		expect(again.text).toBe(first.text);
		expect(counts()).toEqual(before);
	});

	test('reads are not deduplicated', async () => {
		await api(`${P}/campaigns/triggers/start/`, { id: 1, email });
		const smid = emu.sends[0].smid;
		for (const [path, body] of [
			['/campaigns/get', { id: 1 }],
			['/campaigns/log_v2', { id: 1 }],
			['/templates/list', {}],
			['/workflows/list', {}],
			['/scampaigns/get_status', { id: 1 }],
			['/vsenders/get', { id: 1 }],
			['/webver/get', { send_message_id: smid }],
		]) {
			await api(P + path, body, { headers: { 'request-id': 'same' } });
			const r = await api(P + path, body, { headers: { 'request-id': 'same' } });
			expect([path, r.json.error, r.headers.get('duplicate-request')]).toEqual([path, 0, null]);
		}
	});
});
