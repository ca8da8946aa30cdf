/**
 * Mailing, Regular Mailing, Broadcast Mailing and Campaign over real HTTP against the Altcraft emulator, through
 * n8n's real execution engine (41-campaigns.md parts C–F): runs proven by the sends ledger, the mailing state
 * machine (activate / deactivate / complete / delete), logs, clones and the campaign states.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { api, expectInputError, jsonOf, locatorFrom, NOT_FOUND, requestsTo, runNode } from './support/audience';
import type { MessagingEmulator } from './support/messaging';
import { onlyBody, opsOf, pairs, params, subscriber, useMessagingEmulator, VALIDATION, withFile } from './support/messaging';

const emulator = useMessagingEmulator();

const mailing = (operation: string, extra: IDataObject = {}) => params('mailing', operation, extra);
const regular = (operation: string, extra: IDataObject = {}) => params('regularMailing', operation, extra);
const broadcast = (operation: string, extra: IDataObject = {}) => params('broadcastMailing', operation, extra);
const campaign = (operation: string, extra: IDataObject = {}) => params('campaign', operation, extra);

const statusOf = async (emu: MessagingEmulator, id: number) => (await runNode(emu, mailing('getStatus', { mailing: byId(id) }))).items[0].json;
const campaignState = async (emu: MessagingEmulator, id: number) => (await runNode(emu, campaign('getStatus', { campaign: byId(id) }))).items[0].json.status;

/** Four profiles of database 1: three with a sendable e-mail subscription to resource 1, one without. */
async function audience(emu: MessagingEmulator): Promise<Record<'a' | 'b' | 'c' | 'd', string>> {
	const a = await subscriber(emu, 'a@example.com');
	const b = await subscriber(emu, 'b@example.com');
	const c = await subscriber(emu, 'c@example.com');
	const d = (await api(emu, 'profiles/import', { db_id: 1, matching: 'email', email: 'd@example.com', data: { email: 'd@example.com' } })).profile_id as string;
	return { a, b, c, d };
}

describe('Mailing → Activate with Send Now: a run to another audience, then the broadcast is completed', () => {
	test('Activate (Send Now, a segment instead of the database, content and an attachment) → sends → Get Status → Get Log → Clone → Activate the copy', async () => {
		const emu = emulator();
		const { a, b, c } = await audience(emu);
		for (const profileId of [a, c]) await api(emu, 'profiles/segstatic/add', { segment_id: 1, db_id: 1, profile_id: profileId });

		// Seed mailing 6: broadcast "Spring sale", inactive, database 1, resource 1, template 2.
		const activated = await runNode(
			emu,
			mailing('activate', {
				mailing: byId(6),
				runNow: true,
				overrideSourceType: 'segment',
				segment: byId(1),
				contentValues: pairs({ promo: 'SPRING' }),
				attachments: { attachment: [{ binaryPropertyName: 'data' }] },
			}),
			{ input: [withFile({}, 'catalogue.pdf', '%PDF catalogue')] },
		);
		expect(activated.status).toBe('success');
		expect(jsonOf(activated)).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/activate/')).toMatchObject({ id: 6, run_now: true, override_source_type: 'segment', override_source_id: 1, content: { promo: 'SPRING' }, attach: [{ name: 'catalogue.pdf' }] });
		expect(emu.getSends({ mailingId: 6 }).map((s) => [s.kind, s.profileId, s.content, s.attachments])).toEqual([
			['mailing', a, { promo: 'SPRING' }, ['catalogue.pdf']],
			['mailing', c, { promo: 'SPRING' }, ['catalogue.pdf']],
		]);
		expect(emu.getSends({ profileId: b })).toEqual([]);

		// A run completes a broadcast.
		expect(await statusOf(emu, 6)).toEqual({ is_active: false, is_completed: true, status: 'Completed' });
		const log = jsonOf(await runNode(emu, mailing('getLog', { mailing: byId(6), limit: 100 })));
		expect(log.map((line) => line.message)).toEqual(
			expect.arrayContaining(['Mailing activated', expect.stringMatching(/sent to a@example\.com/), expect.stringMatching(/sent to c@example\.com/), 'Broadcast completed']),
		);
		expect(log.every((line) => ['INFO', 'WARN'].includes(line.level as string) && typeof line.time === 'string')).toBe(true);
		// A completed broadcast cannot be activated again…
		expect((await runNode(emu, mailing('activate', { mailing: byId(6) }))).error?.message).toMatch(/\(Altcraft error 450\).*completed/);

		// …but its copy can: an inactive, not completed mailing named as asked.
		const cloned = await runNode(emu, mailing('clone', { mailing: byId(6), name: 'Spring sale (2nd wave)' }));
		const copy = cloned.items[0].json.saved_id as number;
		expect(jsonOf(cloned)).toEqual([{ saved_id: expect.any(Number) }]);
		expect((await runNode(emu, mailing('get', { mailing: byId(copy) }))).items[0].json).toMatchObject({ id: copy, name: 'Spring sale (2nd wave)', type: 'broadcast', is_active: false, is_completed: false, data_type: 'list', data_id: 1 });
		// Its own audience (database 1), capped at 2 messages for this run.
		await runNode(emu, mailing('activate', { mailing: byId(copy), runNow: true, overrideLimit: 2 }));
		expect(requestsTo(emu, '/api/v1.1/campaigns/activate/')[2].body).toEqual(expect.objectContaining({ id: copy, run_now: true, override_limit: 2 }));
		expect(emu.getSends({ mailingId: copy }).map((s) => s.profileId)).toEqual([a, b]);
		expect(opsOf(emu, 'mailing.')).toEqual(['mailing.activate', 'mailing.send', 'mailing.send', 'mailing.run', 'mailing.clone', 'mailing.activate', 'mailing.send', 'mailing.send', 'mailing.run']);
	});

	test('Activate without Send Now only activates: nothing is sent, and the override fields are not sent either', async () => {
		const emu = emulator();
		await audience(emu);
		// Seed mailing 9: split test, inactive, database 1.
		const result = await runNode(emu, mailing('activate', { mailing: byId(9) }));
		expect(jsonOf(result)).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/activate/')).toEqual({ id: 9, token: emu.tokens.admin });
		expect(await statusOf(emu, 9)).toEqual({ is_active: true, is_completed: false, status: 'Active' });
		expect(emu.sends).toEqual([]);
		// Send Now on a trigger mailing is refused: triggers are launched per profile.
		expect((await runNode(emu, mailing('activate', { mailing: byId(1), runNow: true }))).error?.message).toMatch(VALIDATION);
	});
});

describe('Mailing: Deactivate, Delete (refused while active), Get, Get Many, Get Log', () => {
	test('Activate → Delete refused → Deactivate (abort queued) → Get Status → Delete → Get is 404', async () => {
		const emu = emulator();
		// Seed mailing 2: trigger "Abandoned cart (API)", inactive.
		await runNode(emu, mailing('activate', { mailing: byId(2) }));
		expect(await statusOf(emu, 2)).toMatchObject({ is_active: true, status: 'Active' });

		const refused = await runNode(emu, mailing('delete', { mailing: byId(2) }));
		expect(refused.status).toBe('error');
		expect(refused.error?.message).toMatch(/\(Altcraft error 450\).*mailing 2 is active; deactivate it before deleting/);

		expect(jsonOf(await runNode(emu, mailing('deactivate', { mailing: byId(2), abortIfRunning: true })))).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/deactivate')).toMatchObject({ id: 2, abort_if_running: true });
		expect(await statusOf(emu, 2)).toEqual({ is_active: false, is_completed: false, status: 'Inactive' });
		// Deactivating an inactive mailing succeeds without change.
		expect(jsonOf(await runNode(emu, mailing('deactivate', { mailing: byId(2) })))).toEqual([{ success: true }]);

		expect(jsonOf(await runNode(emu, mailing('delete', { mailing: byId(2) })))).toEqual([{ deleted: true }]);
		expect(emu.messaging.getMailing(2)?.is_deleted).toBe(true);
		for (const operation of ['get', 'getStatus', 'getLog', 'activate', 'deactivate', 'clone', 'delete']) {
			expect((await runNode(emu, mailing(operation, { mailing: byId(2) }))).error?.message).toMatch(NOT_FOUND);
		}
		expect(emu.ledger.filter((e) => e.op.startsWith('mailing.')).map((e) => [e.op, e.data?.abortIfRunning])).toEqual([
			['mailing.activate', undefined],
			['mailing.deactivate', true],
			['mailing.delete', undefined],
		]);
	});

	test('Get reads any kind; Get Many filters by type, state and tags, with a limit', async () => {
		const emu = emulator();
		expect((await runNode(emu, mailing('get', { mailing: byId(5) }))).items[0].json).toMatchObject({ id: 5, name: 'Weekly digest', type: 'regular', is_active: true, data_type: 'segment', data_id: 2, resource_id: 1 });
		expect((await runNode(emu, mailing('get', { mailing: byId(1) }))).items[0].json).toMatchObject({ id: 1, type: 'trigger', status: 'Active' });

		const activeTriggers = jsonOf(await runNode(emu, mailing('getAll', { returnAll: true, filters: { type: 'trigger', isActive: true } })));
		expect(activeTriggers.map((m) => m.id)).toEqual([1, 3, 4, 7, 8]);
		expect(requestsTo(emu, '/api/v1.1/campaigns/list')[0].body).toMatchObject({ type: 'trigger', is_active: true, limit: 1000 });

		const inactive = jsonOf(await runNode(emu, mailing('getAll', { returnAll: true, filters: { isActive: false } })));
		expect(inactive.map((m) => [m.id, m.type])).toEqual([
			[2, 'trigger'],
			[6, 'broadcast'],
			[9, 'splittest'],
		]);
		expect(jsonOf(await runNode(emu, mailing('getAll', { returnAll: true, filters: { uiTags: 'newsletter' } }))).map((m) => m.id)).toEqual([5, 6]);
		expect(jsonOf(await runNode(emu, mailing('getAll', { returnAll: true, filters: { attributes: '{"season": {"options": ["spring_2024"]}}' } }))).map((m) => m.id)).toEqual([5, 6]);

		const two = await runNode(emu, mailing('getAll', { limit: 2 }));
		expect(jsonOf(two).map((m) => m.id)).toEqual([1, 2]);
		expect(requestsTo(emu, '/api/v1.1/campaigns/list').at(-1)?.body).toMatchObject({ limit: 2 });
	});

	test('Clone of a regular mailing without a name: an inactive copy named "<name> (copy)" with the same settings', async () => {
		const emu = emulator();
		const cloned = await runNode(emu, mailing('clone', { mailing: byId(5) }));
		const id = cloned.items[0].json.saved_id as number;
		expect(onlyBody(emu, '/api/v1.1/campaigns/clone')).toEqual({ id: 5, token: emu.tokens.admin });
		expect((await runNode(emu, regular('get', { regularMailing: byId(id) }))).items[0].json).toMatchObject({
			id,
			name: 'Weekly digest (copy)',
			type: 'regular',
			is_active: false,
			data_type: 'segment',
			data_id: 2,
			start_schedule: { start_mins: [0], start_hours: [10], start_wdays: [1], tz: 'Europe/Moscow' },
		});
		expect(await statusOf(emu, 5)).toMatchObject({ is_active: true });
	});

	test('Get Log from a time picked in the date picker (local time of the workflow) and with a limit', async () => {
		const emu = emulator();
		const all = jsonOf(await runNode(emu, mailing('getLog', { mailing: byId(1) })));
		expect(all).toEqual([{ level: 'INFO', message: 'Mailing created', time: expect.any(String) }]);
		expect(requestsTo(emu, '/api/v1.1/campaigns/log_v2')[0].body).toMatchObject({ id: 1, limit: 50 });

		// n8n's date picker gives "2099-01-01T00:00:00" without an offset: the node reads it in the workflow's time zone
		// (n8n's default America/New_York here, UTC-5 in January) and sends RFC 3339.
		const future = await runNode(emu, mailing('getLog', { mailing: byId(1), fromTime: '2099-01-01T00:00:00' }));
		expect(future.status).toBe('success');
		expect(jsonOf(future)).toEqual([]);
		expect(requestsTo(emu, '/api/v1.1/campaigns/log_v2')[1].body).toMatchObject({ from_time: '2099-01-01T05:00:00Z' });
		// A value with its own offset goes as given.
		expect(jsonOf(await runNode(emu, mailing('getLog', { mailing: byId(1), fromTime: '2000-01-01T00:00:00+03:00', limit: 1 })))).toHaveLength(1);
		expect(requestsTo(emu, '/api/v1.1/campaigns/log_v2')[2].body).toMatchObject({ from_time: '2000-01-01T00:00:00+03:00', limit: 1 });
	});

	test('missing or malformed values stop the item before anything is sent', async () => {
		const emu = emulator();
		await expectInputError(emu, mailing('get', { mailing: locatorFrom('={{ $json.id }}') }), 'Mailing: must be a whole number, got an empty string (item 0)', { id: '' });
		await expectInputError(emu, mailing('getLog', { mailing: byId(1), fromTime: '={{ $json.since }}' }), 'From Time: must be a date and time like 2024-01-31T10:00:00Z, got "yesterday" (item 0)', { since: 'yesterday' });
		await expectInputError(emu, mailing('getLog', { mailing: byId(1), fromTime: '={{ $json.since }}' }), /^From Time: .*"2024-02-30T10:00:00".* \(item 0\)$/, { since: '2024-02-30T10:00:00' });
		await expectInputError(emu, mailing('activate', { mailing: byId(6), runNow: true, overrideSourceType: 'list', database: locatorFrom('={{ $json.db }}') }), 'Database: must be a whole number, got "x" (item 0)', { db: 'x' });
	});
});

describe('Regular Mailing', () => {
	test('Create → Get → Update → Get Many → Launch (another audience, content, attachment) → sends', async () => {
		const emu = emulator();
		const { a, b, c } = await audience(emu);

		const created = await runNode(
			emu,
			regular('create', {
				name: 'Monthly news',
				audienceType: 'list',
				database: byId(1),
				sendChannel: 'email',
				messages: { message: [{ templateId: 2, subject: 'News of {apicontent.month}' }] },
				resourceId: byId(1),
				additionalFields: { subid: 'monthly', startSchedule: { schedule: { mins: '0', hours: '9', mdays: '1', tz: 'Europe/Moscow' } }, sendingLimit: 100, limitGrowthPercent: 5 },
			}),
		);
		expect(created.status).toBe('success');
		const id = created.items[0].json.saved_id as number;
		expect(onlyBody(emu, '/api/v1.1/campaigns/regulars/add/')).toMatchObject({
			name: 'Monthly news',
			data_type: 'list',
			data_id: 1,
			send_channel: 'email',
			resource_id: 1,
			content: [{ message_id: 2, subject: 'News of {apicontent.month}' }],
			subid: 'monthly',
			start_schedule: { start_mins: [0], start_hours: [9], start_mdays: [1], tz: 'Europe/Moscow' },
			limit: 100,
			agllimit_percent: 5,
		});
		expect((await runNode(emu, regular('get', { regularMailing: byId(id) }))).items[0].json).toMatchObject({
			id,
			name: 'Monthly news',
			type: 'regular',
			is_active: false,
			data_type: 'list',
			data_id: 1,
			limit: 100,
			aglimit_percent: 5,
			start_schedule: { start_mins: [0], start_hours: [9], start_mdays: [1], tz: 'Europe/Moscow' },
		});

		// Launch needs an active mailing.
		expect((await runNode(emu, regular('launch', { regularMailing: byId(id) }))).error?.message).toMatch(/\(Altcraft error 450\).*not active/);

		const updated = await runNode(emu, regular('update', { regularMailing: byId(id), name: 'Monthly news (active)', audienceType: 'segment', segment: byId(1), messages: { message: [{ templateId: 2, subject: 'News {apicontent.month}' }] }, additionalFields: { isActive: true } }));
		expect(jsonOf(updated)).toEqual([{ success: true }]);
		expect(onlyBody(emu, '/api/v1.1/campaigns/regulars/update/')).toMatchObject({ id, name: 'Monthly news (active)', data_type: 'segment', data_id: 1, is_active: true });
		expect(onlyBody(emu, '/api/v1.1/campaigns/regulars/update/')).not.toHaveProperty('send_channel');
		expect((await runNode(emu, regular('get', { regularMailing: byId(id) }))).items[0].json).toMatchObject({ name: 'Monthly news (active)', is_active: true, data_type: 'segment', data_id: 1, send_channel: 'email' });

		const active = jsonOf(await runNode(emu, regular('getAll', { returnAll: true, filters: { isActive: true } })));
		expect(active.map((m) => [m.id, m.type, m.is_active])).toEqual([
			[5, 'regular', true],
			[id, 'regular', true],
		]);

		// One extra run now, to database 1 instead of the (empty) segment.
		const launched = await runNode(
			emu,
			regular('launch', { regularMailing: byId(id), overrideSourceType: 'list', database: byId(1), contentValues: pairs({ month: 'May' }), attachments: { attachment: [{ binaryPropertyName: 'data', fileName: 'may.pdf' }] } }),
			{ input: [withFile({}, 'x.pdf', '%PDF may')] },
		);
		expect(jsonOf(launched)).toEqual([{ success: true }]);
		expect(requestsTo(emu, '/api/v1.1/campaigns/regulars/start').at(-1)?.body).toMatchObject({ id, override_source_type: 'list', override_source_id: 1, content: { month: 'May' }, attach: [{ name: 'may.pdf' }] });
		const sends = emu.getSends({ mailingId: id });
		expect(sends.map((s) => s.profileId)).toEqual([a, b, c]);
		expect(sends[0]).toMatchObject({ kind: 'mailing', mailingType: 'regular', message: { subject: 'News May' }, attachments: ['may.pdf'] });
		// A regular mailing stays active after a run.
		expect(await statusOf(emu, id)).toMatchObject({ is_active: true, is_completed: false });
		// The profile without a subscription was skipped with a warning.
		expect(emu.messaging.getMailing(id)?.log.some((line) => line.level === 'WARN' && /skipped/.test(line.message))).toBe(true);
	});

	test('Launch of a broadcast through Regular Mailing, or of an unknown one, is 404', async () => {
		const emu = emulator();
		expect((await runNode(emu, regular('launch', { regularMailing: byId(6) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, regular('get', { regularMailing: byId(999) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, regular('update', { regularMailing: byId(1), name: 'x', audienceType: 'list', database: byId(1), messages: { message: [{ templateId: 2 }] } }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.sends).toEqual([]);
	});
});

describe('Broadcast Mailing', () => {
	test('Create → Get → Update (activate, limit) → Get Many → Launch (capped) → completed → Launch again refused', async () => {
		const emu = emulator();
		const { a, b } = await audience(emu);

		const created = await runNode(emu, broadcast('create', { name: 'Flash sale', audienceType: 'list', database: byId(1), sendChannel: 'email', messages: { message: [{ templateId: 2, subject: 'Flash sale' }] }, resourceId: byId(1) }));
		const id = created.items[0].json.saved_id as number;
		expect(onlyBody(emu, '/api/v1.1/campaigns/broadcasts/add')).toMatchObject({ name: 'Flash sale', data_type: 'list', data_id: 1, send_channel: 'email', resource_id: 1 });
		expect((await runNode(emu, broadcast('get', { broadcastMailing: byId(id) }))).items[0].json).toMatchObject({ id, name: 'Flash sale', type: 'broadcast', is_active: false, is_completed: false, status: 'Inactive' });

		// Launch needs an active broadcast.
		expect((await runNode(emu, broadcast('launch', { broadcastMailing: byId(id) }))).error?.message).toMatch(/\(Altcraft error 450\).*not active/);

		const updated = await runNode(emu, broadcast('update', { broadcastMailing: byId(id), name: 'Flash sale!', audienceType: 'list', database: byId(1), messages: { message: [{ templateId: 2, subject: 'Flash sale!' }] }, additionalFields: { isActive: true, sendingLimit: 10 } }));
		expect(jsonOf(updated)).toEqual([{ success: true }]);
		expect((await runNode(emu, broadcast('get', { broadcastMailing: byId(id) }))).items[0].json).toMatchObject({ name: 'Flash sale!', is_active: true, limit: 10 });
		expect(jsonOf(await runNode(emu, broadcast('getAll', { returnAll: true }))).map((m) => [m.id, m.is_active])).toEqual([
			[6, false],
			[id, true],
		]);

		const launched = await runNode(emu, broadcast('launch', { broadcastMailing: byId(id), overrideLimit: 2 }));
		expect(jsonOf(launched)).toEqual([{ success: true }]);
		expect(requestsTo(emu, '/api/v1.1/campaigns/broadcasts/start').at(-1)?.body).toEqual({ id, override_limit: 2, token: emu.tokens.admin });
		expect(emu.getSends({ mailingId: id }).map((s) => [s.profileId, s.message.subject])).toEqual([
			[a, 'Flash sale!'],
			[b, 'Flash sale!'],
		]);
		expect(await statusOf(emu, id)).toEqual({ is_active: false, is_completed: true, status: 'Completed' });
		expect((await runNode(emu, broadcast('launch', { broadcastMailing: byId(id) }))).error?.message).toMatch(/\(Altcraft error 450\).*completed; clone it/);
		expect(emu.getSends({ mailingId: id })).toHaveLength(2);
	});

	test('Launch to a segment of another database than the resource serves is refused (413); unknown ids are 404', async () => {
		const emu = emulator();
		await runNode(emu, mailing('activate', { mailing: byId(6) }));
		// Segment 3 is on database 2, which resource 1 does not serve.
		const result = await runNode(emu, broadcast('launch', { broadcastMailing: byId(6), overrideSourceType: 'segment', segment: byId(3) }));
		expect(result.error?.message).toMatch(/\(Altcraft error 413\)/);
		expect((await runNode(emu, broadcast('launch', { broadcastMailing: byId(5) }))).error?.message).toMatch(NOT_FOUND);
		expect((await runNode(emu, broadcast('get', { broadcastMailing: byId(999) }))).error?.message).toMatch(NOT_FOUND);
		expect(emu.sends).toEqual([]);
	});
});

describe('Campaign: the state machine', () => {
	test('Get Many (by state) → Get with its mailings → Activate → Deactivate → Activate from a date → Complete → refused afterwards', async () => {
		const emu = emulator();
		expect(jsonOf(await runNode(emu, campaign('getAll', { returnAll: true }))).map((c) => [c.id, c.state])).toEqual([
			[1, 'inactive'],
			[2, 'active'],
			[3, 'completed'],
			[4, 'cloning'],
		]);
		expect(jsonOf(await runNode(emu, campaign('getAll', { returnAll: true, filters: { state: 'completed' } }))).map((c) => c.id)).toEqual([3]);

		const read = await runNode(emu, campaign('get', { campaign: byId(1), marketingActivities: true }));
		expect(jsonOf(read)).toEqual([
			expect.objectContaining({
				id: 1,
				name: 'Spring 2025',
				state: 'inactive',
				marketing_activities: expect.arrayContaining([
					{ type: 'trigger', id: 2, name: 'Abandoned cart (API)', is_active: false },
					{ type: 'regular', id: 5, name: 'Weekly digest', is_active: true },
					{ type: 'workflow', id: 2, name: 'Win-back', is_active: false },
				]),
			}),
		]);
		expect(onlyBody(emu, '/api/v1.1/scampaigns/get')).toMatchObject({ id: 1, marketing_activities: true });

		expect(jsonOf(await runNode(emu, campaign('activate', { campaign: byId(1) })))).toEqual([{ success: true }]);
		expect(requestsTo(emu, '/api/v1.1/scampaigns/activate')[0].body).toEqual({ id: 1, token: emu.tokens.admin });
		expect(await campaignState(emu, 1)).toBe('active');

		expect(jsonOf(await runNode(emu, campaign('deactivate', { campaign: byId(1) })))).toEqual([{ success: true }]);
		expect(await campaignState(emu, 1)).toBe('inactive');

		// Dates from n8n's date picker (local time, no offset) are sent as RFC 3339 in UTC (workflow time zone
		// America/New_York, n8n's default); a future start makes the campaign wait.
		const dated = await runNode(emu, campaign('activate', { campaign: byId(1), startDate: '2099-01-01T00:00:00', deactivateDate: '2099-07-01T12:00:00', completedDate: '2099-12-31T23:00:00Z' }));
		expect(dated.status).toBe('success');
		expect(requestsTo(emu, '/api/v1.1/scampaigns/activate')[1].body).toMatchObject({
			id: 1,
			activate_date: '2099-01-01T05:00:00Z',
			start_date: '2099-01-01T05:00:00Z',
			deactivate_date: '2099-07-01T16:00:00Z',
			completed_date: '2099-12-31T23:00:00Z',
		});
		expect(await campaignState(emu, 1)).toBe('waiting');

		expect(jsonOf(await runNode(emu, campaign('complete', { campaign: byId(1) })))).toEqual([{ success: true }]);
		expect(await campaignState(emu, 1)).toBe('completed');
		// Completing deactivates the campaign's mailings and scenarios.
		expect(await statusOf(emu, 5)).toMatchObject({ is_active: false });
		expect(emu.messaging.getScenario(2)).toMatchObject({ is_active: false });
		expect(emu.ledger.find((e) => e.op === 'campaign.complete')?.data).toMatchObject({ deactivatedMailings: [5] });

		for (const operation of ['activate', 'deactivate']) {
			expect((await runNode(emu, campaign(operation, { campaign: byId(1) }))).error?.message).toMatch(/\(Altcraft error 450\).*completed/);
		}
		// Completing again succeeds without change.
		expect(jsonOf(await runNode(emu, campaign('complete', { campaign: byId(1) })))).toEqual([{ success: true }]);
		expect(opsOf(emu, 'campaign.')).toEqual(['campaign.activate', 'campaign.deactivate', 'campaign.activate', 'campaign.complete']);
	});

	test('errors: unknown campaign (404), an end before the start (450), a date that is not one (before sending)', async () => {
		const emu = emulator();
		for (const operation of ['get', 'getStatus', 'activate', 'deactivate', 'complete']) {
			expect((await runNode(emu, campaign(operation, { campaign: byId(77) }))).error?.message).toMatch(NOT_FOUND);
		}
		const backwards = await runNode(emu, campaign('activate', { campaign: byId(1), startDate: '2099-02-01T00:00:00Z', deactivateDate: '2099-01-01T00:00:00Z' }));
		expect(backwards.error?.message).toMatch(/\(Altcraft error 450\).*deactivate_date/);
		// A campaign being cloned cannot be activated yet.
		expect((await runNode(emu, campaign('activate', { campaign: byId(4) }))).error?.message).toMatch(VALIDATION);
		await expectInputError(emu, campaign('activate', { campaign: byId(1), startDate: '={{ $json.start }}' }), 'Start Date: must be a date and time like 2024-01-31T10:00:00Z, got "next monday" (item 0)', { start: 'next monday' });
		await expectInputError(emu, campaign('getStatus', { campaign: locatorFrom('={{ $json.id }}') }), 'Campaign: must be a whole number, got "abc" (item 0)', { id: 'abc' });
		expect(opsOf(emu, 'campaign.')).toEqual([]);
	});
});
