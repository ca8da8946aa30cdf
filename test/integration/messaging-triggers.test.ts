/**
 * Trigger Mailing over real HTTP against the Altcraft emulator, through n8n's real execution engine
 * (41-campaigns.md parts A and B): the transactional sends, proven by the emulator's sends ledger (`emu.sends`),
 * exactly once under lost answers, 429, 500 and n8n's own Retry On Fail, and the management calls.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { api, expectInputError, jsonOf, locatorFrom, NOT_FOUND, requestsTo, runNode } from './support/audience';
import { attemptsTo, onlyBody, opsOf, pairs, params, subscriber, useMessagingEmulator, VALIDATION, withFile } from './support/messaging';

const emulator = useMessagingEmulator();

const trg = (operation: string, extra: IDataObject = {}) => params('triggerMailing', operation, extra);
/** Seed: trigger mailing 1 "Order confirmation (API)", active, api_call, e-mail, resource 1, template 1. */
const launch = (extra: IDataObject = {}) => trg('start', { triggerMailing: byId(1), matching: 'email', email: 'anna@example.com', ...extra });

const START = '/api/v1.1/campaigns/triggers/start/';
const IMPORT = '/api/v1.1/campaigns/triggers/import_and_start';
const START_BATCH = '/api/v1.1/campaigns/triggers/start_batch';
const IMPORT_BATCH = '/api/v1.1/campaigns/triggers/import_and_start_batch';
const START_TASK = '/api/v1.1/campaigns/triggers/start_batch_task';
const IMPORT_TASK = '/api/v1.1/campaigns/triggers/import_and_start_batch_task';

const PDF = '%PDF-1.4 invoice A-1001';

describe('Trigger Mailing → Launch: one profile, one message', () => {
	test('content variables and custom data as name/value rows, an attachment from the binary input: exactly one send', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com', { _fname: 'Anna' });

		const result = await runNode(
			emu,
			launch({
				email: '={{ $json.email }}',
				contentMode: 'pairs',
				contentValues: pairs({ order_id: '={{ $json.order }}', total: '59.90' }),
				customDataMode: 'pairs',
				customDataValues: pairs({ crm_event_id: 'E-7' }),
				attachments: { attachment: [{ binaryPropertyName: 'data' }] },
			}),
			{ input: [withFile({ email: 'anna@example.com', order: 'A-1001' }, 'invoice-A-1001.pdf', PDF)] },
		);

		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true }]);
		expect(emu.sends).toHaveLength(1);
		const [send] = emu.sends;
		expect(send).toMatchObject({
			kind: 'trigger',
			triggerId: 1,
			profileId: anna,
			channel: 'email',
			to: { email: 'anna@example.com' },
			templateId: 1,
			content: { order_id: 'A-1001', total: '59.90' },
			customData: { crm_event_id: 'E-7' },
			attachments: ['invoice-A-1001.pdf'],
			files: [{ name: 'invoice-A-1001.pdf', mimetype: 'application/pdf', size: PDF.length }],
		});
		// The template's {apicontent.*} variables are filled in.
		expect(send.message.subject).toBe('Your order A-1001');
		expect(send.message.text).toBe('Hello! Order A-1001 is confirmed, total 59.90.');

		// `id` names the mailing in triggers/start/ (not trigger_id); the file travels as a data URI; a Request-ID goes along.
		const body = onlyBody(emu, START);
		expect(body).toMatchObject({ id: 1, matching: 'email', email: 'anna@example.com', attach: [{ name: 'invoice-A-1001.pdf', data: `data:application/pdf;base64,${Buffer.from(PDF).toString('base64')}` }] });
		expect(body).not.toHaveProperty('trigger_id');
		expect(send.requestId).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
		expect(opsOf(emu, 'trigger.')).toEqual(['trigger.send']);
	});

	test('content and custom data as JSON, a renamed attachment, a subscription filter and resource narrowing', async () => {
		const emu = emulator();
		// Two e-mail subscriptions: the filter picks the second one.
		const anna = await subscriber(emu, 'anna@example.com', {
			subscriptions: [
				{ resource_id: 1, channel: 'email', email: 'anna@example.com', status: 'subscribed' },
				{ resource_id: 1, channel: 'email', email: 'anna.work@example.com', status: 'subscribed' },
			],
		});

		const result = await runNode(
			emu,
			launch({
				matchingResourceId: 1,
				contentMode: 'json',
				contentJson: '{"order_id": "A-2", "items": [{"sku": "X1"}], "total": 10}',
				customDataMode: 'json',
				customDataJson: '={{ { source: $json.source } }}',
				attachments: { attachment: [{ binaryPropertyName: 'scan', fileName: 'receipt.png' }] },
				additionalFields: { subscriptionFilter: { filter: { channel: 'email', email: 'anna.work@example.com', notStrict: false } } },
			}),
			{ input: [withFile({ source: 'crm' }, 'IMG_0001.png', 'png-bytes', 'image/png', 'scan')] },
		);

		expect(result.status).toBe('success');
		expect(emu.getSends({ profileId: anna })).toEqual([
			expect.objectContaining({
				to: { email: 'anna.work@example.com' },
				content: { order_id: 'A-2', items: [{ sku: 'X1' }], total: 10 },
				customData: { source: 'crm' },
				attachments: ['receipt.png'],
				files: [expect.objectContaining({ name: 'receipt.png', mimetype: 'image/png' })],
			}),
		]);
		expect(onlyBody(emu, START)).toMatchObject({ resource_id: 1, subscription_filter: { email: 'anna.work@example.com', not_strict: false } });
	});

	test('by profile ID and by a custom field; an SMS trigger renders its text', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com', { crm_id: 'C-9' });
		const ben = await subscriber(emu, 'ben@example.com', {
			subscriptions: [{ resource_id: 2, channel: 'sms', phone: '+79000000001', status: 'subscribed' }],
		});

		expect(jsonOf(await runNode(emu, launch({ matching: 'profile_id', profileId: anna, contentValues: pairs({ order_id: 'P-1' }) })))).toEqual([{ success: true }]);
		expect(jsonOf(await runNode(emu, launch({ matching: 'custom', fieldName: 'crm_id', fieldValue: 'C-9', contentValues: pairs({ order_id: 'P-2' }) })))).toEqual([{ success: true }]);
		// Seed trigger 3: "SMS code (API)", resource 2, template 3 "Your code is {apicontent.code}".
		const sms = await runNode(emu, trg('start', { triggerMailing: byId(3), matching: 'phone', phone: '+7 900 000-00-01', contentValues: pairs({ code: '4711' }) }));
		expect(sms.status).toBe('success');

		expect(emu.sends.map((s) => [s.profileId, s.channel, s.content])).toEqual([
			[anna, 'email', { order_id: 'P-1' }],
			[anna, 'email', { order_id: 'P-2' }],
			[ben, 'sms', { code: '4711' }],
		]);
		expect(emu.sends[2]).toMatchObject({ to: { phone: '+79000000001' }, message: { sms: 'Your code is 4711' } });
	});

	test('an attachment over the 10 MB body limit of other calls goes through (files: up to 100 MB)', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		const archive = Buffer.alloc(11 * 1024 * 1024, 7);
		const result = await runNode(emu, launch({ attachments: { attachment: [{ binaryPropertyName: 'data' }] } }), { input: [withFile({}, 'photos.zip', archive, 'application/zip')] });
		expect(result.status).toBe('success');
		expect(emu.sends).toEqual([expect.objectContaining({ attachments: ['photos.zip'], files: [{ name: 'photos.zip', mimetype: 'application/zip', size: archive.length }] })]);
	});

	test('several input items: one send per item, each with its own content', async () => {
		const emu = emulator();
		for (const name of ['a', 'b', 'c']) await subscriber(emu, `${name}@example.com`);
		const result = await runNode(emu, launch({ email: '={{ $json.email }}', contentValues: pairs({ order_id: '={{ $json.order }}' }) }), {
			input: ['a', 'b', 'c'].map((name, i) => ({ json: { email: `${name}@example.com`, order: `O-${i}` } })),
		});
		expect(jsonOf(result)).toEqual([{ success: true }, { success: true }, { success: true }]);
		expect(emu.sends.map((s) => [s.to.email, s.content?.order_id])).toEqual([
			['a@example.com', 'O-0'],
			['b@example.com', 'O-1'],
			['c@example.com', 'O-2'],
		]);
		// Each item has its own Request-ID.
		expect(new Set(requestsTo(emu, START).map((r) => r.headers['request-id'])).size).toBe(3);
	});
});

describe('Trigger Mailing → Import Profile and Launch', () => {
	test('creates the profile (JSON data with a subscription) and sends; then updates it field by field and sends again', async () => {
		const emu = emulator();
		const created = await runNode(
			emu,
			trg('importAndStart', {
				triggerMailing: byId(1),
				matching: 'email',
				email: 'new@example.com',
				dataMode: 'json',
				profileJson: JSON.stringify({ _fname: 'Nina', crm_id: 'C-1', subscriptions: [{ resource_id: 1, channel: 'email', email: 'new@example.com' }] }),
				contentValues: pairs({ order_id: 'N-1' }),
				customDataMode: 'json',
				customDataJson: '{"crm_event_id": "E-1"}',
			}),
		);
		expect(created.status).toBe('success');
		const profileId = created.items[0].json.profile_id as string;
		expect(jsonOf(created)).toEqual([{ success: true, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
		expect(emu.store.getProfile(profileId)).toMatchObject({ db_id: 1, email: 'new@example.com', _fname: 'Nina', crm_id: 'C-1' });
		expect(emu.sends).toEqual([expect.objectContaining({ profileId, content: { order_id: 'N-1' }, customData: { crm_event_id: 'E-1' } })]);
		const body = onlyBody(emu, IMPORT);
		expect(body).toMatchObject({ trigger_id: 1, matching: 'email', email: 'new@example.com' });
		expect(body).not.toHaveProperty('id');
		// The database parameter only lists fields: import_and_start takes none.
		expect(body).not.toHaveProperty('db_id');

		const updated = await runNode(
			emu,
			trg('importAndStart', {
				triggerMailing: byId(1),
				database: byId(1),
				matching: 'email',
				email: 'new@example.com',
				dataMode: 'fields',
				profileFields: { field: [{ name: '_fname', value: 'Nina-Maria' }, { name: 'orders_count', action: 'incr', value: '1' }] },
				contentValues: pairs({ order_id: 'N-2' }),
				attachments: { attachment: [{ binaryPropertyName: 'data' }] },
				additionalFields: { skipTriggers: true, delay: { delay: { days: 0, hours: 1, minutes: 30 } } },
			}),
			{ input: [withFile({}, 'n-2.pdf', PDF)] },
		);
		expect(jsonOf(updated)).toEqual([{ success: true, profile_id: profileId }]);
		expect(emu.store.countProfiles(1)).toBe(1);
		expect(emu.store.getProfile(profileId)).toMatchObject({ _fname: 'Nina-Maria', orders_count: 1, crm_id: 'C-1' });
		expect(emu.sends).toHaveLength(2);
		const second = emu.sends[1];
		expect(second).toMatchObject({ profileId, content: { order_id: 'N-2' }, attachments: ['n-2.pdf'], skipTriggers: true });
		// The delay moves the send time by 1 h 30 min.
		expect(Date.parse(second.sendAt) - Date.parse((second as unknown as { at: string }).at)).toBe(90 * 60 * 1000);
		expect(opsOf(emu, 'profile.')).toEqual(['profile.create', 'profile.update']);
	});

	test('a profile that would have no subscription to send to is refused (404): nothing imported, nothing sent', async () => {
		const emu = emulator();
		const result = await runNode(emu, trg('importAndStart', { triggerMailing: byId(1), matching: 'email', email: 'nosub@example.com', dataMode: 'json', profileJson: '{"_fname": "No"}' }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/\(Altcraft error 404\).*no subscription/);
		expect(emu.store.countProfiles(1)).toBe(0);
		expect(emu.sends).toEqual([]);
	});
});

describe('Trigger Mailing → Launch for Many / Import Many and Launch', () => {
	test('Launch for Many: one message per profile found, own custom data per row, shared content; unknown e-mails left out', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');
		const ben = await subscriber(emu, 'ben@example.com');

		const result = await runNode(
			emu,
			trg('startBatch', {
				triggerMailing: byId(1),
				matching: 'email',
				profiles: {
					profile: [
						{ identifier: 'anna@example.com', customData: '{"seat": "1A"}' },
						{ identifier: 'ghost@example.com', customData: '{}' },
						{ identifier: 'ben@example.com', customData: '{}' },
					],
				},
				contentValues: pairs({ order_id: 'FLIGHT-1' }),
				customDataMode: 'json',
				customDataJson: '{"campaign": "boarding"}',
			}),
		);
		expect(jsonOf(result)).toEqual([{ success: true, result: [anna, ben] }]);
		expect(emu.sends.map((s) => [s.profileId, s.content, s.customData])).toEqual([
			[anna, { order_id: 'FLIGHT-1' }, { campaign: 'boarding', seat: '1A' }],
			[ben, { order_id: 'FLIGHT-1' }, { campaign: 'boarding' }],
		]);
		const body = onlyBody(emu, START_BATCH);
		expect(body).toMatchObject({ trigger_id: 1, matching: 'email', data: [{ email: 'anna@example.com', custom_data: { seat: '1A' } }, { email: 'ghost@example.com' }, { email: 'ben@example.com' }] });
		expect(body).not.toHaveProperty('id');
	});

	test('Launch for Many from a JSON array of profile IDs, with an attachment for every message', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');
		const ben = await subscriber(emu, 'ben@example.com');
		const result = await runNode(
			emu,
			trg('startBatch', {
				triggerMailing: byId(1),
				matching: 'profile_id',
				profilesMode: 'json',
				profilesJson: '={{ $json.ids.map(id => ({ profile_id: id })) }}',
				attachments: { attachment: [{ binaryPropertyName: 'data' }] },
			}),
			{ input: [withFile({ ids: [ben, anna] }, 'terms.pdf', PDF)] },
		);
		expect(jsonOf(result)).toEqual([{ success: true, result: [ben, anna] }]);
		expect(emu.sends.map((s) => [s.profileId, s.attachments])).toEqual([
			[ben, ['terms.pdf']],
			[anna, ['terms.pdf']],
		]);
	});

	test('Import Many and Launch: creates and updates profiles, sends to each; an entry without a subscription fails alone', async () => {
		const emu = emulator();
		const old = await subscriber(emu, 'old@example.com', { _fname: 'Old' });
		const result = await runNode(
			emu,
			trg('importAndStartBatch', {
				triggerMailing: byId(1),
				matching: 'email',
				profiles: {
					profile: [
						{ identifier: 'old@example.com', profileData: '{"_fname": "Olga"}' },
						{ identifier: 'fresh@example.com', profileData: JSON.stringify({ _fname: 'Fred', subscriptions: [{ resource_id: 1, channel: 'email', email: 'fresh@example.com' }] }) },
						{ identifier: 'nosub@example.com', profileData: '{}' },
					],
				},
				contentValues: pairs({ order_id: 'BULK' }),
				additionalFields: { skipTriggers: true },
			}),
		);
		expect(result.status).toBe('success');
		const entries = result.items[0].json.result as IDataObject[];
		expect(entries).toEqual([
			{ error: 0, error_text: 'Successful operation', profile_id: old },
			{ error: 0, error_text: 'Successful operation', profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) },
			{ error: 404, error_text: expect.stringMatching(/subscription/) },
		]);
		const fresh = entries[1].profile_id as string;
		expect(emu.store.getProfile(old)).toMatchObject({ _fname: 'Olga' });
		expect(emu.store.getProfile(fresh)).toMatchObject({ email: 'fresh@example.com', _fname: 'Fred' });
		expect(emu.store.countProfiles(1)).toBe(2);
		expect(emu.sends.map((s) => [s.profileId, s.content, s.skipTriggers])).toEqual([
			[old, { order_id: 'BULK' }, true],
			[fresh, { order_id: 'BULK' }, true],
		]);
		const body = onlyBody(emu, IMPORT_BATCH);
		// The e-mail goes inside each profile's data, as the documented example puts it.
		expect(body).toMatchObject({ trigger_id: 1, matching: 'email', data: [{ data: { email: 'old@example.com', _fname: 'Olga' } }, { data: { email: 'fresh@example.com' } }, { data: { email: 'nosub@example.com' } }] });
		expect(body).not.toHaveProperty('id');
	});
});

describe('Trigger Mailing → the task variants', () => {
	test('Launch for Many as Task: waits for the task and returns the profiles reached; `id` names the mailing', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');
		const result = await runNode(emu, trg('startBatchTask', { triggerMailing: byId(1), matching: 'email', profiles: { profile: [{ identifier: 'anna@example.com' }, { identifier: 'ghost@example.com' }] }, contentValues: pairs({ order_id: 'T-1' }) }));
		expect(jsonOf(result)).toEqual([{ task_id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'completed', progress: 100, result: [anna] }]);
		expect(emu.sends).toEqual([expect.objectContaining({ profileId: anna, content: { order_id: 'T-1' } })]);
		const body = onlyBody(emu, START_TASK);
		expect(body).toMatchObject({ id: 1, data: [{ email: 'anna@example.com' }, { email: 'ghost@example.com' }] });
		expect(body).not.toHaveProperty('trigger_id');
		expect(requestsTo(emu, '/api/v1.1/tasks/status').length).toBeGreaterThanOrEqual(1);
	});

	test('Launch for Many as Task without waiting returns only the task ID, which Task → Get Status reads later', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');
		const result = await runNode(emu, trg('startBatchTask', { triggerMailing: byId(1), matching: 'email', profiles: { profile: [{ identifier: 'anna@example.com' }] }, waitForTask: false }));
		const taskId = result.items[0].json.task_id as string;
		expect(jsonOf(result)).toEqual([{ task_id: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
		expect(requestsTo(emu, '/api/v1.1/tasks/status')).toEqual([]);
		expect(emu.sends.map((s) => s.profileId)).toEqual([anna]);
		// The emulator answers "processing" to the first poll.
		expect(jsonOf(await runNode(emu, params('task', 'getStatus', { taskId })))).toEqual([expect.objectContaining({ status: 'processing' })]);
		expect(jsonOf(await runNode(emu, params('task', 'getStatus', { taskId })))).toEqual([expect.objectContaining({ status: 'completed', result: [anna] })]);
	});

	test('Import Many and Launch as Task: per-profile results; `trigger_id` names the mailing', async () => {
		const emu = emulator();
		const result = await runNode(
			emu,
			trg('importAndStartBatchTask', {
				triggerMailing: byId(1),
				matching: 'email',
				profilesMode: 'json',
				profilesJson: JSON.stringify([
					{ data: { email: 'dan@example.com', subscriptions: [{ resource_id: 1, channel: 'email', email: 'dan@example.com' }] } },
					{ email: 'eve@example.com', subscriptions: [{ resource_id: 1, channel: 'email', email: 'eve@example.com' }] },
				]),
			}),
		);
		expect(result.status).toBe('success');
		const [task] = jsonOf(result);
		expect(task).toMatchObject({ status: 'completed', result: [{ error: 0, profile_id: expect.any(String) }, { error: 0, profile_id: expect.any(String) }] });
		expect(emu.sends.map((s) => s.to.email)).toEqual(['dan@example.com', 'eve@example.com']);
		const body = onlyBody(emu, IMPORT_TASK);
		expect(body).toMatchObject({ trigger_id: 1, data: [{ data: { email: 'dan@example.com' } }, { data: { email: 'eve@example.com' } }] });
		expect(body).not.toHaveProperty('id');
	});

	test('the emulator is strict about the key of each launch: the other spelling is refused, so the node proves its choice', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		const cases: Array<[string, string, string, IDataObject]> = [
			['campaigns/triggers/start/', 'id', 'trigger_id', { matching: 'email', email: 'anna@example.com' }],
			['campaigns/triggers/import_and_start', 'trigger_id', 'id', { matching: 'email', email: 'anna@example.com', data: {} }],
			['campaigns/triggers/start_batch', 'trigger_id', 'id', { matching: 'email', data: [{ email: 'anna@example.com' }] }],
			['campaigns/triggers/import_and_start_batch', 'trigger_id', 'id', { matching: 'email', data: [{ data: { email: 'anna@example.com' } }] }],
			['campaigns/triggers/start_batch_task', 'id', 'trigger_id', { matching: 'email', data: [{ email: 'anna@example.com' }] }],
			['campaigns/triggers/import_and_start_batch_task', 'trigger_id', 'id', { matching: 'email', data: [{ data: { email: 'anna@example.com' } }] }],
		];
		for (const [path, right, wrong, body] of cases) {
			await expect(api(emu, path, { [wrong]: 1, ...body })).rejects.toThrow(`${path}: 400 Parameter '${right}' is required (this call takes '${right}', not '${wrong}')`);
		}
		expect(emu.sends).toEqual([]);
	});
});

describe('Trigger Mailing: exactly once under retries', () => {
	const launchAnna = (options: IDataObject = {}) => launch({ contentValues: pairs({ order_id: 'ONCE-1' }), options });

	test('the connection drops after the send was made: the node retries with the same Request-ID, gets the replay, one send', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		emu.faults.inject({ kind: 'dropAfterApply', path: 'campaigns/triggers/start/' });

		const result = await runNode(emu, launchAnna());
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true, duplicateRequest: true }]);
		expect(emu.sends).toHaveLength(1);
		const attempts = requestsTo(emu, START);
		expect(attempts).toHaveLength(2);
		expect(attempts[1].headers['request-id']).toBe(attempts[0].headers['request-id']);
		expect(attempts.map((r) => r.duplicate)).toEqual([false, true]);
		expect(emu.faults.history.map((f) => f.kind)).toEqual(['dropAfterApply']);
	});

	test("n8n's own Retry On Fail (Options → Max Retries 0): the node fails once, n8n re-runs it, still one send", async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		emu.faults.inject({ kind: 'dropAfterApply', path: 'campaigns/triggers/start/' });

		const result = await runNode(emu, launchAnna({ maxRetries: 0 }), { node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 } });
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true, duplicateRequest: true }]);
		expect(emu.sends).toHaveLength(1);
		const attempts = requestsTo(emu, START);
		expect(attempts).toHaveLength(2);
		// The re-run derives the same Request-ID (same execution, node, item and body).
		expect(attempts[1].headers['request-id']).toBe(attempts[0].headers['request-id']);
		expect(attempts[1].duplicate).toBe(true);
	});

	test('without any retry the lost answer is an error, and the message was still sent once (nothing to repeat blindly)', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		emu.faults.inject({ kind: 'dropAfterApply', path: 'campaigns/triggers/start/' });
		const result = await runNode(emu, launchAnna({ maxRetries: 0 }));
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Could not get an answer from Altcraft/);
		expect(emu.sends).toHaveLength(1);
	});

	test('429 with Retry-After: the node waits it out and sends once', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		emu.faults.inject({ kind: 'error429', path: 'campaigns/triggers/start/', retryAfterSec: 1 });
		const started = Date.now();
		const result = await runNode(emu, launchAnna());
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true }]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(emu.sends).toHaveLength(1);
		expect(attemptsTo(emu, START).map((r) => r.status)).toEqual([429, 200]);
	});

	test('500 twice, then success: one send', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		emu.faults.inject({ kind: 'error500', path: 'campaigns/triggers/start/', count: 2 });
		const result = await runNode(emu, launchAnna());
		expect(result.status).toBe('success');
		expect(emu.sends).toHaveLength(1);
		expect(attemptsTo(emu, START).map((r) => r.status)).toEqual([500, 500, 200]);
	});

	test('Import Profile and Launch whose answer is lost: one profile, one send', async () => {
		const emu = emulator();
		emu.faults.inject({ kind: 'dropAfterApply', path: 'campaigns/triggers/import_and_start' });
		const result = await runNode(
			emu,
			trg('importAndStart', { triggerMailing: byId(1), matching: 'email', email: 'once@example.com', dataMode: 'json', profileJson: JSON.stringify({ subscriptions: [{ resource_id: 1, channel: 'email', email: 'once@example.com' }] }) }),
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true, profile_id: expect.any(String), duplicateRequest: true }]);
		expect(emu.store.countProfiles(1)).toBe(1);
		expect(emu.sends).toHaveLength(1);
		expect(opsOf(emu, 'profile.')).toEqual(['profile.create']);
	});

	test('a new execution with the same payload is a new send (deduplication is per execution, not per payload)', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		await runNode(emu, launchAnna());
		await runNode(emu, launchAnna());
		expect(emu.sends).toHaveLength(2);
		// With a pinned Request ID the second execution is recognised as a repeat.
		await runNode(emu, launchAnna({ requestId: 'order-ONCE-1' }));
		const repeat = await runNode(emu, launchAnna({ requestId: 'order-ONCE-1' }));
		expect(jsonOf(repeat)).toEqual([{ success: true, duplicateRequest: true }]);
		expect(emu.sends).toHaveLength(3);
	});
});

describe('Trigger Mailing: management', () => {
	test('Create → Get → Launch → Update → Get → Clone → Get Many', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');

		const created = await runNode(
			emu,
			trg('create', {
				name: 'Password reset',
				triggerType: 'api_call',
				sendChannel: 'email',
				messages: { message: [{ templateId: 1, subject: 'Reset {apicontent.order_id}', fromName: 'Security' }] },
				resourceId: byId(1),
				additionalFields: { isActive: true, subid: 'security', attributes: '{"season": "all_year"}' },
			}),
		);
		expect(created.status).toBe('success');
		const id = created.items[0].json.saved_id as number;
		expect(jsonOf(created)).toEqual([{ saved_id: expect.any(Number) }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/triggers/add/')).toEqual(
			expect.objectContaining({ name: 'Password reset', trigger_type: 'api_call', send_channel: 'email', resource_id: 1, is_active: true, subid: 'security', content: [{ message_id: 1, subject: 'Reset {apicontent.order_id}', from_name: 'Security' }] }),
		);

		const read = await runNode(emu, trg('get', { triggerMailing: byId(id) }));
		expect(read.items[0].json).toMatchObject({ id, name: 'Password reset', is_active: true, trigger_type: 'api_call', send_channel: 'email', resource_id: 1, list_id: 1, subid: 'security', content: [{ message_id: 1, subject: 'Reset {apicontent.order_id}', from_name: 'Security' }] });

		// The new mailing sends, with its own subject override.
		expect((await runNode(emu, trg('start', { triggerMailing: byId(id), matching: 'email', email: 'anna@example.com', contentValues: pairs({ order_id: 'R-1' }) }))).status).toBe('success');
		expect(emu.getSends({ triggerId: id })).toEqual([expect.objectContaining({ profileId: anna, message: expect.objectContaining({ subject: 'Reset R-1', from_name: 'Security' }) })]);

		const updated = await runNode(emu, trg('update', { triggerMailing: byId(id), name: 'Password reset v2', triggerType: 'api_call', messages: { message: [{ templateId: 1 }] }, additionalFields: { skipMinutes: 5 } }));
		expect(jsonOf(updated)).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/triggers/update/')).toMatchObject({ id, name: 'Password reset v2', trigger_type: 'api_call', content: [{ message_id: 1 }], skip_minutes: 5 });
		expect((await runNode(emu, trg('get', { triggerMailing: byId(id) }))).items[0].json).toMatchObject({ name: 'Password reset v2', skip_minutes: 5, is_active: true, send_channel: 'email' });

		const cloned = await runNode(emu, trg('clone', { triggerMailing: byId(id), name: 'Password reset (B)' }));
		const cloneId = cloned.items[0].json.saved_id as number;
		expect(cloneId).toBeGreaterThan(id);
		expect((await runNode(emu, trg('get', { triggerMailing: byId(cloneId) }))).items[0].json).toMatchObject({ name: 'Password reset (B)', is_active: false, skip_minutes: 5 });

		const all = jsonOf(await runNode(emu, trg('getAll', { returnAll: true })));
		expect(all.every((m) => m.type === 'trigger')).toBe(true);
		expect(all.filter((m) => [id, cloneId].includes(m.id as number)).map((m) => [m.name, m.is_active])).toEqual([
			['Password reset v2', true],
			['Password reset (B)', false],
		]);
		expect(opsOf(emu, 'mailing.')).toEqual(['mailing.add', 'mailing.update', 'mailing.clone']);
	});

	test('Create with the "action" and "field update" trigger types (their fields only shown for them)', async () => {
		const emu = emulator();
		const action = await runNode(emu, trg('create', { name: 'On click', triggerType: 'action', action: 'click', sendChannel: 'email', messages: { message: [{ templateId: 2 }] }, resourceId: byId(1) }));
		expect(action.status).toBe('success');
		expect(onlyBody(emu, '/api/v1.1/campaigns/triggers/add/')).toMatchObject({ trigger_type: 'action', action: 'click' });

		const onUpdate = await runNode(emu, trg('create', { name: 'On CRM change', triggerType: 'update', updateQuery: '[{"fieldname": "crm_id"}]', sendChannel: 'sms', messages: { message: [{ templateId: 3 }] }, resourceId: byId(2) }));
		expect(onUpdate.status).toBe('success');
		const id = onUpdate.items[0].json.saved_id as number;
		expect((await runNode(emu, trg('get', { triggerMailing: byId(id) }))).items[0].json).toMatchObject({ trigger_type: 'update', update_query: [{ fieldname: 'crm_id' }], send_channel: 'sms', resource_id: 2 });
		// Such a mailing cannot be launched through the API.
		expect((await runNode(emu, trg('start', { triggerMailing: byId(id), matching: 'phone', phone: '+79000000000' }))).error?.message).toMatch(VALIDATION);
	});
});

describe('Trigger Mailing: Update changes only what it is given', () => {
	test('a new name keeps the "action" trigger type and the messages (read from the mailing first)', async () => {
		const emu = emulator();
		const created = await runNode(emu, trg('create', { name: 'On click', triggerType: 'action', action: 'click', sendChannel: 'email', messages: { message: [{ templateId: 2, subject: 'Hi' }] }, resourceId: byId(1) }));
		const id = created.items[0].json.saved_id as number;
		const before = (await runNode(emu, trg('get', { triggerMailing: byId(id) }))).items[0].json;

		const renamed = await runNode(emu, trg('update', { triggerMailing: byId(id), name: 'On click v2' }));
		expect([renamed.status, renamed.error?.message]).toEqual(['success', undefined]);
		expect(renamed.items.map((item) => item.json)).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/triggers/update/')).toMatchObject({ id, name: 'On click v2', trigger_type: 'action', action: 'click', content: before.content });
		expect(emu.requests.filter((r) => r.path.startsWith('/api/v1.1/campaigns/triggers/')).map((r) => r.path).slice(-3)).toEqual([
			'/api/v1.1/campaigns/triggers/get',
			'/api/v1.1/campaigns/triggers/get',
			'/api/v1.1/campaigns/triggers/update/',
		]);
		const after = (await runNode(emu, trg('get', { triggerMailing: byId(id) }))).items[0].json;
		expect(after).toMatchObject({ name: 'On click v2', trigger_type: 'action', action: 'click', content: before.content });
	});

	test('everything given: one update call, no read', async () => {
		const emu = emulator();
		const created = await runNode(emu, trg('create', { name: 'Reset', triggerType: 'api_call', sendChannel: 'email', messages: { message: [{ templateId: 1 }] }, resourceId: byId(1) }));
		const id = created.items[0].json.saved_id as number;
		emu.requests.length = 0;
		await runNode(emu, trg('update', { triggerMailing: byId(id), name: 'Reset v2', triggerType: 'pixel', messages: { message: [{ templateId: 2 }] } }));
		expect(emu.requests.map((r) => r.path)).toEqual(['/api/v1.1/campaigns/triggers/update/']);
		expect((await runNode(emu, trg('get', { triggerMailing: byId(id) }))).items[0].json).toMatchObject({ name: 'Reset v2', trigger_type: 'pixel', content: [{ message_id: 2 }] });
	});
});

describe('Trigger Mailing: errors', () => {
	test('unknown trigger mailing, a mailing of another kind: the 404 message, nothing sent', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		for (const parameters of [
			launch({ triggerMailing: byId(999) }),
			launch({ triggerMailing: byId(5) }), // a regular mailing
			trg('get', { triggerMailing: byId(999) }),
			trg('update', { triggerMailing: byId(999), name: 'X', triggerType: 'api_call', messages: { message: [{ templateId: 1 }] } }),
			trg('clone', { triggerMailing: byId(999) }),
			trg('importAndStart', { triggerMailing: byId(999), matching: 'email', email: 'anna@example.com' }),
		] as INodeParameters[]) {
			const result = await runNode(emu, parameters);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(NOT_FOUND);
		}
		expect(emu.sends).toEqual([]);
	});

	test('an inactive trigger, an unknown profile, a profile without a subscription: the platform says why, nothing sent', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		await api(emu, 'profiles/import', { db_id: 1, matching: 'email', email: 'nosub@example.com', data: { email: 'nosub@example.com' } });
		expect((await runNode(emu, launch({ triggerMailing: byId(2) }))).error?.message).toMatch(/\(Altcraft error 450\).*not active/);
		expect((await runNode(emu, launch({ email: 'ghost@example.com' }))).error?.message).toMatch(/\(Altcraft error 404\).*Profile not found/);
		expect((await runNode(emu, launch({ email: 'nosub@example.com' }))).error?.message).toMatch(/\(Altcraft error 404\).*no subscription/);
		expect(emu.sends).toEqual([]);
	});

	test('missing required values stop the item before anything is sent, naming the field and the item', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		await expectInputError(emu, launch({ email: '={{ $json.email }}' }), 'Email: is required (item 0)', { email: '' });
		await expectInputError(emu, launch({ email: '={{ $json.email }}' }), 'Email: "not-an-email" is not an e-mail address (item 0)', { email: 'not-an-email' });
		await expectInputError(emu, launch({ triggerMailing: locatorFrom('={{ $json.id }}') }), /^Trigger Mailing: .* \(item 0\)$/, { id: '' });
		await expectInputError(emu, launch({ attachments: { attachment: [{ binaryPropertyName: 'data' }] } }), 'Attachments → #1 → Input Binary Field: the input item has no binary field "data" (item 0)');
		await expectInputError(emu, launch({ contentMode: 'json', contentJson: '={{ $json.content }}' }), /^Content Variables \(JSON\): .* \(item 0\)$/, { content: '[1, 2]' });
		await expectInputError(emu, launch({ matching: 'profile_id', profileId: '={{ $json.id }}' }), 'Profile ID: "42" is not a profile ID (24 hexadecimal characters) (item 0)', { id: '42' });
		await expectInputError(emu, trg('startBatch', { triggerMailing: byId(1), matching: 'email', profiles: { profile: [{ identifier: '={{ $json.email }}' }] } }), 'Recipients → #1 → Identifier: is required (item 0)', { email: '' });
		await expectInputError(emu, trg('importAndStartBatch', { triggerMailing: byId(1), matching: 'email', profilesMode: 'json', profilesJson: '={{ $json.list }}' }), 'Profiles (JSON): must be a non-empty JSON array of objects (item 0)', { list: '[]' });
		await expectInputError(emu, trg('create', { name: '={{ $json.name }}', triggerType: 'api_call', sendChannel: 'email', messages: { message: [{ templateId: 1 }] } }), 'Name: is required (item 0)', { name: '' });
		expect(emu.sends).toEqual([]);
	});

	test('Continue On Fail: the item whose profile is unknown gets its error, the others are sent', async () => {
		const emu = emulator();
		await subscriber(emu, 'a@example.com');
		await subscriber(emu, 'c@example.com');
		const result = await runNode(emu, launch({ email: '={{ $json.email }}' }), {
			input: [{ json: { email: 'a@example.com' } }, { json: { email: 'ghost@example.com' } }, { json: { email: 'c@example.com' } }],
			node: { onError: 'continueRegularOutput' },
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([{ success: true }, expect.objectContaining({ error: expect.stringMatching(/\(Altcraft error 404\).*Profile not found/), errorCode: 404 }), { success: true }]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(emu.sends.map((s) => s.to.email)).toEqual(['a@example.com', 'c@example.com']);
	});

	test('the second of two items is invalid: the error names item 1; the first item was sent', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		const result = await runNode(emu, launch({ email: '={{ $json.email }}' }), { input: [{ json: { email: 'anna@example.com' } }, { json: { email: '' } }] });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Email: is required (item 1)');
		expect(emu.sends).toHaveLength(1);
	});
});
