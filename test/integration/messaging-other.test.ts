/**
 * Template, Scenario, Sender, Virtual Sender, File and Message over real HTTP against the Altcraft emulator, through
 * n8n's real execution engine (40-templates.md, 42-automation.md, 71-senders.md, 80-misc.md).
 */
import type { IDataObject } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { api, expectInputError, jsonOf, locatorFrom, NOT_FOUND, requestsTo, runNode } from './support/audience';
import { onlyBody, opsOf, pairs, params, subscriber, useMessagingEmulator, VALIDATION, withFile } from './support/messaging';

const emulator = useMessagingEmulator();

const template = (operation: string, extra: IDataObject = {}) => params('template', operation, extra);
const scenario = (operation: string, extra: IDataObject = {}) => params('scenario', operation, extra);
const vsender = (operation: string, extra: IDataObject = {}) => params('virtualSender', operation, extra);

describe('Template', () => {
	test('Create (e-mail and SMS fields) → Get → a trigger mailing sends it → Update → Get Many by channel → Delete refused while used', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');

		const created = await runNode(
			emu,
			template('create', {
				name: 'Order shipped',
				channels: {
					email: { subject: 'Order {apicontent.order_id} is on its way', html: '<p>Tracking: {apicontent.tracking}</p>', text: 'Tracking: {apicontent.tracking}', fromEmail: 'shop@example.com', fromName: 'Shop', keepCss: true },
					sms: { sms: 'Order {apicontent.order_id} shipped', smsMaxCount: 2 },
				},
				additionalFields: { descr: 'Shipping notice', uiTags: 'transactional, shipping', groups: '0, 1' },
			}),
		);
		expect(created.status).toBe('success');
		const id = created.items[0].json.saved_id as number;
		expect(jsonOf(created)).toEqual([{ saved_id: expect.any(Number) }]);
		expect(onlyBody(emu, '/api/v1.1/templates/add')).toMatchObject({
			name: 'Order shipped',
			descr: 'Shipping notice',
			ui_tags: ['transactional', 'shipping'],
			groups: [0, 1],
			channels: [
				{ sid: 'email', fields: { subject: 'Order {apicontent.order_id} is on its way', html: '<p>Tracking: {apicontent.tracking}</p>', from_email: 'shop@example.com', from_name: 'Shop', is_not_inline: true } },
				{ sid: 'sms', fields: { sms: 'Order {apicontent.order_id} shipped', sms_max_count: 2 } },
			],
		});

		const read = await runNode(emu, template('get', { template: byId(id) }));
		expect(read.items[0].json).toMatchObject({
			id,
			name: 'Order shipped',
			description: 'Shipping notice',
			ui_tags: ['transactional', 'shipping'],
			channels: [
				{ id: expect.any(Number), sid: 'email', fields: expect.objectContaining({ subject: 'Order {apicontent.order_id} is on its way' }) },
				{ id: expect.any(Number), sid: 'sms', fields: expect.objectContaining({ sms: 'Order {apicontent.order_id} shipped' }) },
			],
		});

		// A trigger mailing with the new template renders its variables.
		const trigger = await runNode(emu, params('triggerMailing', 'create', { name: 'Shipping', triggerType: 'api_call', sendChannel: 'email', messages: { message: [{ templateId: id }] }, resourceId: byId(1), additionalFields: { isActive: true } }));
		const triggerId = trigger.items[0].json.saved_id as number;
		await runNode(emu, params('triggerMailing', 'start', { triggerMailing: byId(triggerId), matching: 'email', email: 'anna@example.com', contentValues: pairs({ order_id: 'A-7', tracking: 'TRK-1' }) }));
		expect(emu.getSends({ triggerId })).toEqual([expect.objectContaining({ profileId: anna, templateId: id, message: expect.objectContaining({ subject: 'Order A-7 is on its way', html: '<p>Tracking: TRK-1</p>', from_email: 'shop@example.com' }) })]);

		// Update replaces the channels: only e-mail is left, the e-mail channel keeps its id.
		const emailChannelId = (read.items[0].json.channels as IDataObject[])[0].id;
		const updated = await runNode(emu, template('update', { template: byId(id), name: 'Order shipped (v2)', channels: { email: { subject: 'Shipped: {apicontent.order_id}', html: '<p>v2</p>' } } }));
		expect(jsonOf(updated)).toEqual([{ success: true }]);
		const after = (await runNode(emu, template('get', { template: byId(id) }))).items[0].json;
		expect(after).toMatchObject({ name: 'Order shipped (v2)', channels: [{ id: emailChannelId, sid: 'email', fields: { subject: 'Shipped: {apicontent.order_id}', html: '<p>v2</p>' } }] });

		const sms = jsonOf(await runNode(emu, template('getAll', { returnAll: true, filters: { channel: 'sms' } })));
		expect(sms.map((t) => t.id)).toEqual([1, 3]);
		expect(requestsTo(emu, '/api/v1.1/templates/list')[0].body).toMatchObject({ channel: 'sms' });
		expect(jsonOf(await runNode(emu, template('getAll', { limit: 2 }))).map((t) => t.id)).toEqual([1, 2]);

		const refused = await runNode(emu, template('delete', { template: byId(id) }));
		expect(refused.error?.message).toMatch(new RegExp(`\\(Altcraft error 450\\).*template ${id} is used by mailing ${triggerId}`));
		expect(opsOf(emu, 'template.')).toEqual(['template.add', 'template.update']);
	});

	test('Create from channel JSON (push, Telegram) → Delete → Get is 404', async () => {
		const emu = emulator();
		const created = await runNode(
			emu,
			template('create', {
				name: 'Multi-channel',
				channelsMode: 'json',
				channelsJson: JSON.stringify([
					{ sid: 'push', fields: { title: 'Sale', body: '{apicontent.discount}% off' } },
					{ sid: 'telegram_bot', fields: { text: 'Sale today' } },
				]),
				additionalFields: { isDraft: true },
			}),
		);
		const id = created.items[0].json.saved_id as number;
		expect(emu.messaging.getTemplate(id)).toMatchObject({ name: 'Multi-channel', is_draft: true, channels: [{ sid: 'push' }, { sid: 'telegram_bot' }] });
		expect(jsonOf(await runNode(emu, template('getAll', { returnAll: true, filters: { channel: 'telegram_bot' } }))).map((t) => t.id)).toEqual([id]);

		const deleted = await runNode(emu, template('delete', { template: byId(id) }));
		expect(jsonOf(deleted)).toEqual([{ deleted: true, id }]);
		expect((await runNode(emu, template('get', { template: byId(id) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, template('delete', { template: byId(id) }))).error?.message).toMatch(NOT_FOUND);
	});

	test('errors: unknown template (404), a channel the platform refuses (450), missing values before sending', async () => {
		const emu = emulator();
		expect((await runNode(emu, template('get', { template: byId(999) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, template('update', { template: byId(999), name: 'x', channels: { sms: { sms: 'x' } } }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, template('create', { name: 'Fax', channelsMode: 'json', channelsJson: '[{"sid": "fax", "fields": {}}]' }))).error?.message).toMatch(VALIDATION);
		await expectInputError(emu, template('create', { name: '={{ $json.name }}', channels: { email: { subject: 'x' } } }), 'Name: is required (item 0)', { name: '' });
		await expectInputError(emu, template('create', { name: 'x', channels: { email: { subject: 'x', fromEmail: '={{ $json.from }}' } } }), 'Channels → Email → From Email: "shop" is not an e-mail address (item 0)', { from: 'shop' });
		await expectInputError(emu, template('create', { name: 'x', channelsMode: 'json', channelsJson: '={{ $json.channels }}' }), 'Channels (JSON): element 1 needs a "sid", got an object (item 0)', { channels: '[{"fields": {}}]' });
		await expectInputError(emu, template('get', { template: locatorFrom('={{ $json.id }}') }), 'Template: must be a whole number, got an empty string (item 0)', { id: '' });
		expect(opsOf(emu, 'template.')).toEqual([]);
	});
});

describe('Scenario', () => {
	test('Start for Profile: an existing profile enters, with content, custom data and an attachment; `id` names the scenario', async () => {
		const emu = emulator();
		const anna = await subscriber(emu, 'anna@example.com');
		const result = await runNode(
			emu,
			scenario('start', {
				scenario: byId(1),
				matching: 'email',
				email: 'anna@example.com',
				contentValues: pairs({ cart_total: '120.00' }),
				customDataMode: 'json',
				customDataJson: '{"source": "crm"}',
				attachments: { attachment: [{ binaryPropertyName: 'data' }] },
			}),
			{ input: [withFile({}, 'cart.pdf', '%PDF cart')] },
		);
		expect(jsonOf(result)).toEqual([{ success: true }]);
		expect(emu.messaging.getScenarioStarts()).toEqual([expect.objectContaining({ scenarioId: 1, profileId: anna, dbId: 1, content: { cart_total: '120.00' }, customData: { source: 'crm' }, attachments: ['cart.pdf'] })]);
		const body = onlyBody(emu, '/api/v1.1/workflows/start');
		expect(body).toMatchObject({ id: 1, matching: 'email', email: 'anna@example.com' });
		expect(body).not.toHaveProperty('workflow_id');
		// Nothing is sent by the emulator's scenarios.
		expect(emu.sends).toEqual([]);
	});

	test('Import Profile and Start creates the profile in the chosen database; `workflow_id` names the scenario', async () => {
		const emu = emulator();
		const result = await runNode(
			emu,
			scenario('importAndStart', {
				scenario: byId(1),
				database: byId(1),
				matching: 'email',
				email: 'zed@example.com',
				dataMode: 'fields',
				profileFields: { field: [{ name: '_fname', value: 'Zed' }] },
				contentValues: pairs({ source: 'crm' }),
				additionalFields: { skipTriggers: true },
			}),
		);
		expect(jsonOf(result)).toEqual([{ success: true, profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
		const profileId = result.items[0].json.profile_id as string;
		expect(emu.store.getProfile(profileId)).toMatchObject({ db_id: 1, email: 'zed@example.com', _fname: 'Zed' });
		expect(emu.messaging.getScenarioStarts()).toEqual([expect.objectContaining({ scenarioId: 1, profileId, content: { source: 'crm' }, skipTriggers: true })]);
		const body = onlyBody(emu, '/api/v1.1/workflows/import_and_start');
		expect(body).toMatchObject({ workflow_id: 1, db_id: 1, matching: 'email', email: 'zed@example.com', data: { _fname: 'Zed' } });
		expect(body).not.toHaveProperty('id');
	});

	test('Import Many and Start, synchronous and as a task: per-profile results, every profile enters', async () => {
		const emu = emulator();
		const batch = await runNode(emu, scenario('importAndStartBatch', { scenario: byId(1), matching: 'email', profiles: { profile: [{ identifier: 'a@example.com', profileData: '{"_fname": "A"}' }, { identifier: 'b@example.com' }] } }));
		const entries = batch.items[0].json.result as IDataObject[];
		expect(entries).toEqual([
			{ error: 0, error_text: 'Successful operation', profile_id: expect.any(String) },
			{ error: 0, error_text: 'Successful operation', profile_id: expect.any(String) },
		]);
		expect(onlyBody(emu, '/api/v1.1/workflows/import_and_start_batch')).toMatchObject({ workflow_id: 1, matching: 'email', data: [{ data: { email: 'a@example.com', _fname: 'A' } }, { data: { email: 'b@example.com' } }] });

		const task = await runNode(emu, scenario('importAndStartBatchTask', { scenario: byId(1), matching: 'email', profilesMode: 'json', profilesJson: '[{"data": {"email": "c@example.com"}}]' }));
		expect(jsonOf(task)).toEqual([{ task_id: expect.any(String), status: 'completed', progress: 100, result: [{ error: 0, error_text: 'Successful operation', profile_id: expect.any(String) }] }]);
		const noWait = await runNode(emu, scenario('importAndStartBatchTask', { scenario: byId(1), matching: 'email', profilesMode: 'json', profilesJson: '[{"data": {"email": "d@example.com"}}]', waitForTask: false }));
		expect(jsonOf(noWait)).toEqual([{ task_id: expect.any(String) }]);

		expect(emu.messaging.getScenarioStarts().map((s) => emu.store.getProfile(s.profileId)?.email)).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
		expect(emu.store.countProfiles(1)).toBe(4);
	});

	test('Get Many → Activate (emptying it) → Start → Deactivate → Start refused', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		const all = jsonOf(await runNode(emu, scenario('getAll', { returnAll: true })));
		expect(all.map((s) => [s.id, s.name, s.is_active])).toEqual([
			[1, 'Onboarding', true],
			[2, 'Win-back', false],
			[3, 'Lead nurturing', true],
		]);
		expect(all[0]).toMatchObject({ list_id: 1, nodes: expect.arrayContaining([expect.objectContaining({ type: 'start', title: 'DEFAULT_START_NODE_TITLE' })]) });
		expect(jsonOf(await runNode(emu, scenario('getAll', { returnAll: true, filters: { uiTags: 'B2B' } }))).map((s) => s.id)).toEqual([3]);

		// Win-back is inactive: profiles cannot enter.
		expect((await runNode(emu, scenario('start', { scenario: byId(2), matching: 'email', email: 'anna@example.com' }))).error?.message).toMatch(/\(Altcraft error 450\).*not active/);
		expect(jsonOf(await runNode(emu, scenario('activate', { scenario: byId(2), skipProfiles: true })))).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/workflows/activate')).toMatchObject({ id: 2, skip_profiles: true });
		expect(emu.messaging.getScenario(2)).toMatchObject({ is_active: true });
		expect(jsonOf(await runNode(emu, scenario('start', { scenario: byId(2), matching: 'email', email: 'anna@example.com' })))).toEqual([{ success: true }]);

		expect(jsonOf(await runNode(emu, scenario('deactivate', { scenario: byId(2) })))).toEqual([{ success: true }]);
		expect(emu.messaging.getScenario(2)).toMatchObject({ is_active: false });
		expect((await runNode(emu, scenario('start', { scenario: byId(2), matching: 'email', email: 'anna@example.com' }))).error?.message).toMatch(VALIDATION);
		expect(emu.messaging.getScenarioStarts({ scenarioId: 2 })).toHaveLength(1);
		expect(opsOf(emu, 'scenario.')).toEqual(['scenario.activate', 'scenario.start', 'scenario.deactivate']);
	});

	test('the emulator is strict about `id` / `workflow_id`; unknown scenarios are 404; missing values stop the item', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com');
		await expect(api(emu, 'workflows/start', { workflow_id: 1, matching: 'email', email: 'anna@example.com' })).rejects.toThrow(/workflows\/start: 400/);
		await expect(api(emu, 'workflows/import_and_start', { id: 1, db_id: 1, matching: 'email', email: 'anna@example.com', data: {} })).rejects.toThrow(/workflows\/import_and_start: 400/);
		for (const operation of ['start', 'importAndStart', 'importAndStartBatch', 'activate', 'deactivate']) {
			const result = await runNode(emu, scenario(operation, { scenario: byId(99), database: byId(1), matching: 'email', email: 'anna@example.com', profiles: { profile: [{ identifier: 'anna@example.com' }] } }));
			expect(result.error?.message).toMatch(NOT_FOUND);
		}
		await expectInputError(emu, scenario('start', { scenario: byId(1), matching: 'email', email: '={{ $json.email }}' }), 'Email: is required (item 0)', { email: '' });
		await expectInputError(emu, scenario('importAndStart', { scenario: byId(1), database: locatorFrom('={{ $json.db }}'), matching: 'email', email: 'a@example.com' }), 'Database: must be a whole number, got an empty string (item 0)', { db: '' });
		await expectInputError(emu, scenario('importAndStartBatch', { scenario: byId(1), matching: 'email', profiles: { profile: [{ identifier: '={{ $json.email }}' }] } }), 'Profiles → #1 → Identifier: "nope" is not an e-mail address (item 0)', { email: 'nope' });
		expect(emu.messaging.getScenarioStarts()).toEqual([]);
	});
});

describe('Sender and Virtual Sender', () => {
	test('Sender → Get Many lists the delivery agents', async () => {
		const emu = emulator();
		expect(jsonOf(await runNode(emu, params('sender', 'getAll', { returnAll: true })))).toEqual([
			{ channel: 'email', id: 1, name: 'AKMTA sender', type: 'akmta' },
			{ channel: 'sms', id: 2, name: 'Bulk SMS sender', type: 'bulksms_com' },
			{ channel: 'email', id: 3, name: 'Backup MTA', type: 'akmta' },
			{ channel: 'push', id: 4, name: 'Firebase push', type: 'firebase' },
		]);
		expect(jsonOf(await runNode(emu, params('sender', 'getAll', { limit: 1 })))).toHaveLength(1);
	});

	test('Create (rule rows) → Get → Update (rename only, then JSON rules) → Clone → Delete → Get is 404', async () => {
		const emu = emulator();
		const created = await runNode(
			emu,
			vsender('create', {
				name: 'Split route',
				rulesMode: 'rows',
				emailRules: {
					sender: [
						{ type: 'default', value: '', senderId: 1, percent: 60, fromEmail: 'news@example.com', fromName: 'News' },
						{ type: 'default', value: '', senderId: 3, percent: 40 },
					],
				},
				smsRules: { sender: [{ type: 'default', senderId: 2, percent: 100, fromName: 'Shop' }] },
			}),
		);
		expect(created.status).toBe('success');
		const id = created.items[0].json.saved_id as number;
		const expectedEmailRules = [{ type: 'default', value: '', senders: [{ sender_id: 1, percent: 60, from_email: 'news@example.com', from_name: 'News' }, { sender_id: 3, percent: 40 }] }];
		expect(onlyBody(emu, '/api/v1.1/vsenders/add')).toMatchObject({ name: 'Split route', email_rules: expectedEmailRules, sms_rules: [{ type: 'default', value: '', senders: [{ sender_id: 2, percent: 100, from_name: 'Shop' }] }] });
		expect((await runNode(emu, vsender('get', { virtualSender: byId(id) }))).items[0].json).toMatchObject({ id, name: 'Split route', email_rules: expectedEmailRules });

		// Rename only: the rules stay (none sent).
		expect(jsonOf(await runNode(emu, vsender('update', { virtualSender: byId(id), name: 'Split route (main)' })))).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/vsenders/update')).toEqual({ id, name: 'Split route (main)', token: emu.tokens.admin });
		expect(emu.messaging.getVirtualSender(id)).toMatchObject({ name: 'Split route (main)', email_rules: expectedEmailRules });

		const jsonRules = [{ type: 'default', value: '', senders: [{ sender_id: 3, percent: 100 }] }];
		await runNode(emu, vsender('update', { virtualSender: byId(id), rulesMode: 'json', emailRulesJson: JSON.stringify(jsonRules), smsRulesJson: '[]' }));
		expect((await runNode(emu, vsender('get', { virtualSender: byId(id) }))).items[0].json).toMatchObject({ name: 'Split route (main)', email_rules: jsonRules, sms_rules: [] });

		const cloned = await runNode(emu, vsender('clone', { virtualSender: byId(id) }));
		const copy = cloned.items[0].json.saved_id as number;
		expect((await runNode(emu, vsender('get', { virtualSender: byId(copy) }))).items[0].json).toMatchObject({ name: 'Clone of Split route (main)', email_rules: jsonRules });
		expect(jsonOf(await runNode(emu, vsender('getAll', { returnAll: true }))).map((v) => [v.id, v.email_channel, v.sms_channel])).toEqual([
			[1, true, false],
			[2, true, true],
			[id, true, false],
			[copy, true, false],
		]);

		expect(jsonOf(await runNode(emu, vsender('delete', { virtualSender: byId(copy) })))).toEqual([{ deleted: true }]);
		expect((await runNode(emu, vsender('get', { virtualSender: byId(copy) }))).error?.message).toMatch(NOT_FOUND);
		expect(opsOf(emu, 'vsender.')).toEqual(['vsender.add', 'vsender.update', 'vsender.update', 'vsender.clone', 'vsender.delete']);
	});

	test('errors: shares not summing to 100, a sender of another channel (450); used by a mailing (450); unknown (404); bad rows before sending', async () => {
		const emu = emulator();
		expect((await runNode(emu, vsender('create', { name: 'Bad', emailRules: { sender: [{ type: 'default', senderId: 1, percent: 50 }] } }))).error?.message).toMatch(VALIDATION);
		expect((await runNode(emu, vsender('create', { name: 'Bad', emailRules: { sender: [{ type: 'default', senderId: 2, percent: 100 }] } }))).error?.message).toMatch(VALIDATION);
		expect((await runNode(emu, vsender('create', { name: 'Bad', emailRules: { sender: [{ type: 'default', senderId: 77, percent: 100 }] } }))).error?.message).toMatch(NOT_FOUND);

		// A trigger mailing routed through virtual sender 1 keeps it from being deleted.
		await runNode(emu, params('triggerMailing', 'update', { triggerMailing: byId(1), name: 'Order confirmation (API)', triggerType: 'api_call', messages: { message: [{ templateId: 1 }] }, additionalFields: { virtualSenderId: 1 } }));
		expect((await runNode(emu, vsender('delete', { virtualSender: byId(1) }))).error?.message).toMatch(/\(Altcraft error 450\)/);
		for (const operation of ['get', 'update', 'clone', 'delete']) {
			expect((await runNode(emu, vsender(operation, { virtualSender: byId(99), name: 'x' }))).error?.message).toMatch(NOT_FOUND);
		}
		await expectInputError(emu, vsender('create', { name: 'x', emailRules: { sender: [{ type: 'default', senderId: '={{ $json.sender }}', percent: 100 }] } }), 'Email Rules → #1 → Sender: must be a whole number, got "main" (item 0)', { sender: 'main' });
		await expectInputError(emu, vsender('create', { name: 'x', rulesMode: 'json', emailRulesJson: '={{ $json.rules }}' }), 'Email Rules (JSON): must be a JSON array of rules, got an object (item 0)', { rules: '{"type": "default"}' });
		expect(opsOf(emu, 'vsender.')).toEqual([]);
	});
});

describe('File and Message', () => {
	test('File → Upload from binary input returns an ID readable on the platform; File Name overrides the name', async () => {
		const emu = emulator();
		const csv = 'email\nanna@example.com\n';
		const uploaded = await runNode(emu, params('file', 'upload', {}), { input: [withFile({}, 'list.csv', csv, 'text/csv')] });
		expect(uploaded.status).toBe('success');
		const fileId = uploaded.items[0].json.file as string;
		expect(jsonOf(uploaded)).toEqual([{ file: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
		expect(emu.messaging.getFile(fileId)).toMatchObject({ name: 'list.csv', mimetype: 'text/csv', size: csv.length });
		expect(emu.messaging.getFile(fileId)?.data.toString()).toBe(csv);
		expect(onlyBody(emu, '/api/v1.1/file_upload')).toMatchObject({ header: 'list.csv', data: `data:text/csv;base64,${Buffer.from(csv).toString('base64')}` });

		// Another binary field and another name; a file uploaded this way can be attached by its key.
		const renamed = await runNode(emu, params('file', 'upload', { binaryPropertyName: 'report', fileName: 'report-2025.pdf' }), { input: [withFile({}, 'tmp.bin', '%PDF report', 'application/pdf', 'report')] });
		const reportId = renamed.items[0].json.file as string;
		expect(emu.messaging.getFile(reportId)).toMatchObject({ name: 'report-2025.pdf', mimetype: 'application/pdf' });
		await subscriber(emu, 'anna@example.com');
		await api(emu, 'campaigns/triggers/start/', { id: 1, matching: 'email', email: 'anna@example.com', attach: [{ name: 'report-2025.pdf', file_key: reportId }] });
		expect(emu.sends[0]).toMatchObject({ attachments: ['report-2025.pdf'], files: [expect.objectContaining({ file_key: reportId })] });
		expect(opsOf(emu, 'file.')).toEqual(['file.upload', 'file.upload']);
	});

	test('File → Upload without the binary field stops before sending', async () => {
		const emu = emulator();
		await expectInputError(emu, params('file', 'upload', { binaryPropertyName: 'missing' }), 'Input Binary Field: the input item has no binary field "missing" (item 0)');
	});

	test('Message → Get Web Version of a trigger send: the rendered e-mail with its attachment; SMS and unknown IDs are 404', async () => {
		const emu = emulator();
		await subscriber(emu, 'anna@example.com', { subscriptions: [{ resource_id: 1, channel: 'email', email: 'anna@example.com' }, { resource_id: 2, channel: 'sms', phone: '+79000000001' }] });
		await runNode(emu, params('triggerMailing', 'start', { triggerMailing: byId(1), matching: 'email', email: 'anna@example.com', contentValues: pairs({ order_id: 'W-1', total: '5.00' }), attachments: { attachment: [{ binaryPropertyName: 'data' }] } }), {
			input: [withFile({}, 'w-1.pdf', '%PDF w-1')],
		});
		const [send] = emu.sends;

		const web = await runNode(emu, params('message', 'getWebVersion', { sendMessageId: '={{ $json.smid }}' }), { input: [{ json: { smid: send.smid } }] });
		expect(web.status).toBe('success');
		expect(jsonOf(web)).toEqual([
			{
				createtime: expect.any(String),
				email: expect.objectContaining({
					subject: 'Your order W-1',
					from_email: 'shop@example.com',
					from_name: 'Example shop',
					to_email: 'anna@example.com',
					html: '<html><body><p>Hello! Order W-1 is confirmed, total 5.00.</p></body></html>',
					text: 'Hello! Order W-1 is confirmed, total 5.00.',
					attachments: ['w-1.pdf'],
				}),
			},
		]);
		expect(onlyBody(emu, '/api/v1.1/webver/get')).toMatchObject({ send_message_id: send.smid });

		await runNode(emu, params('triggerMailing', 'start', { triggerMailing: byId(3), matching: 'phone', phone: '+79000000001', contentValues: pairs({ code: '1' }) }));
		const smsSend = emu.getSends({ channel: 'sms' })[0];
		expect((await runNode(emu, params('message', 'getWebVersion', { sendMessageId: smsSend.smid }))).error?.message).toMatch(/\(Altcraft error 404\).*sms message/);
		expect((await runNode(emu, params('message', 'getWebVersion', { sendMessageId: 'no-such-message' }))).error?.message).toMatch(/\(Altcraft error 404\)/);
		await expectInputError(emu, params('message', 'getWebVersion', { sendMessageId: '={{ $json.smid }}' }), 'Sent Message ID: is required (item 0)', { smid: '' });
	});
});
