/**
 * Import Profile and Launch grouped into import_and_start_batch: opt-in (the public docs do not show that call's
 * answer), each item still gets its own result, and a refused profile fails only its own item.
 */
import type { IDataObject } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { jsonOf, requestsTo, runNode } from './support/audience';
import { pairs, params, useMessagingEmulator } from './support/messaging';

const emulator = useMessagingEmulator();
const exactly = (emu: ReturnType<typeof emulator>, path: string) => requestsTo(emu, path).filter((r) => r.path === path);

const IMPORT = '/api/v1.1/campaigns/triggers/import_and_start';
const IMPORT_BATCH = '/api/v1.1/campaigns/triggers/import_and_start_batch';

const importAndLaunch = (options: IDataObject) =>
	params('triggerMailing', 'importAndStart', {
		triggerMailing: byId(1),
		matching: 'email',
		email: '={{ $json.email }}',
		dataMode: 'json',
		profileJson: '={{ $json.profile }}',
		contentValues: pairs({ campaign: 'spring' }),
		options,
	});

const contact = (email: string, subscribed = true) => ({
	json: { email, profile: { _fname: email.split('@')[0], ...(subscribed ? { subscriptions: [{ resource_id: 1, channel: 'email', email }] } : {}) } },
});

test('off by default: one import_and_start per item', async () => {
	const emu = emulator();
	const result = await runNode(emu, importAndLaunch({}), { input: [contact('a@example.com'), contact('b@example.com')] });
	expect(result.status).toBe('success');
	expect(exactly(emu, IMPORT)).toHaveLength(2);
	expect(requestsTo(emu, IMPORT_BATCH)).toHaveLength(0);
	expect(emu.sends).toHaveLength(2);
});

test('opted in: one batch request, one send per profile, one result per item; a refused profile fails only its item', async () => {
	const emu = emulator();
	const input = [contact('a@example.com'), contact('nosub@example.com', false), contact('c@example.com')];
	const result = await runNode(emu, importAndLaunch({ batching: true }), { input, node: { continueOnFail: true } });
	expect(result.status).toBe('success');
	expect(requestsTo(emu, IMPORT_BATCH)).toHaveLength(1);
	expect(exactly(emu, IMPORT)).toHaveLength(0);
	const body = requestsTo(emu, IMPORT_BATCH)[0].body as IDataObject;
	expect(body).toMatchObject({ trigger_id: 1, matching: 'email', content: { campaign: 'spring' } });
	expect((body.data as IDataObject[]).map((entry) => (entry.data as IDataObject).email)).toEqual(['a@example.com', 'nosub@example.com', 'c@example.com']);
	const out = jsonOf(result);
	expect(out).toHaveLength(3);
	expect(out[0]).toMatchObject({ profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
	expect(out[1]).toMatchObject({ errorCode: 404 });
	expect(out[2]).toMatchObject({ profile_id: expect.stringMatching(/^[0-9a-f]{24}$/) });
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(emu.sends).toHaveLength(2);
});
