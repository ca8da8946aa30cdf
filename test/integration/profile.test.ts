/**
 * The Profile resource over real HTTP against the Altcraft emulator, run through n8n's real execution engine.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, runAltcraft } from '../helpers/altcraftWorkflow';
import { useEmulator } from './support/audience';

const emu = useEmulator();

const run = (parameters: INodeParameters, extra: Partial<Parameters<typeof runAltcraft>[0]> = {}) =>
	runAltcraft({ baseUrl: emu().url, token: emu().tokens.admin, parameters, ...extra });

const upsert = (email: string, fields: IDataObject = {}, options: IDataObject = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'upsert',
	database: byId(1),
	matching: 'email',
	email,
	dataMode: 'json',
	profileJson: JSON.stringify({ email, ...fields }),
	options: options as INodeParameters,
});
const get = (email: string): INodeParameters => ({ resource: 'profile', operation: 'get', database: byId(1), matching: 'email', email });

async function api(path: string, body: IDataObject, token = emu().tokens.admin) {
	const response = await fetch(`${emu().url}/api/v1.1/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token, ...body }),
	});
	return (await response.json()) as IDataObject;
}

function expectTokenNowhere(value: unknown) {
	for (const token of Object.values(emu().tokens)) expect(JSON.stringify(value)).not.toContain(token);
}

describe('Profile operations round-trip through the emulator', () => {
	test('Create or Update creates, then updates the same profile; Get reads it back', async () => {
		const created = await run(upsert('jane@example.com', { _fname: 'Jane', orders_count: 1 }));
		expect(created.status).toBe('success');
		const profileId = created.items[0].json.profile_id as string;
		expect(profileId).toMatch(/^[0-9a-f]{24}$/);

		const updated = await run({
			...upsert('jane@example.com'),
			dataMode: 'fields',
			profileFields: { field: [{ name: 'orders_count', action: 'incr', value: '2' }, { name: '_lname', action: 'set', value: 'Doe' }] },
			subscriptions: { subscription: [{ resourceId: 1, channel: 'email', email: 'jane@example.com', status: 'subscribed' }] },
		});
		expect(updated.items[0].json.profile_id).toBe(profileId);

		const read = await run(get('jane@example.com'));
		expect(read.items[0].json).toMatchObject({ id: profileId, _fname: 'Jane', _lname: 'Doe', orders_count: 3 });
		const subscriptions = read.items[0].json.subscriptions as IDataObject[];
		expect(subscriptions).toEqual([expect.objectContaining({ resource_id: 1, channel: 'email', status: 'subscribed' })]);
		expect(emu().ledger.filter((e) => e.profileId === profileId).map((e) => e.op)).toEqual(['profile.create', 'profile.update']);
	});

	test('Create adds without lookup; Update by profile ID; Update of a missing profile is 404', async () => {
		const created = await run({ resource: 'profile', operation: 'create', database: byId(1), dataMode: 'json', profileJson: '{"email":"new@example.com","_fname":"New"}' });
		const profileId = created.items[0].json.profile_id as string;
		const updated = await run({ resource: 'profile', operation: 'update', database: byId(1), matching: 'profile_id', profileId, dataMode: 'json', profileJson: '{"_city":"Kazan"}' });
		expect(updated.items[0].json.profile_id).toBe(profileId);
		expect((await run(get('new@example.com'))).items[0].json._city).toBe('Kazan');

		const missing = await run({ resource: 'profile', operation: 'update', database: byId(1), matching: 'email', email: 'nobody@example.com', dataMode: 'json', profileJson: '{"_city":"Kazan"}' });
		expect(missing.status).toBe('error');
		expect(missing.error?.message).toMatch(/^The object is not found in the token's visibility zone \(Altcraft error 404\)/);
	});

	test('Get Many with Return All pages through more than one page', async () => {
		const profiles = Array.from({ length: 2100 }, (_, i) => ({ email: `p${i}@example.com`, _fname: `P${i}` }));
		expect((await api('profiles/import_batch', { db_id: 1, data: profiles })).error).toBe(0);
		const all = await run({ resource: 'profile', operation: 'getAll', database: byId(1), returnAll: true, filters: { fields: 'email' } });
		expect(all.items).toHaveLength(2100);
		expect(new Set(all.items.map((i) => i.json.email)).size).toBe(2100);
		const pages = emu().requests.filter((r) => r.path.startsWith('/api/v1.1/profiles/list'));
		expect(pages.length).toBeGreaterThanOrEqual(3);

		const some = await run({ resource: 'profile', operation: 'getAll', database: byId(1), returnAll: false, limit: 5, filters: { query: '{"_fname": {"$in": ["P1", "P2"]}}' } });
		expect(some.items.map((i) => i.json._fname).sort()).toEqual(['P1', 'P2']);
	});

	test('Delete removes the profile', async () => {
		await run(upsert('gone@example.com'));
		const deleted = await run({ resource: 'profile', operation: 'delete', database: byId(1), matching: 'email', email: 'gone@example.com' });
		expect(deleted.items[0].json).toMatchObject({ deleted: true, profile_id: expect.any(String) });
		expect((await run(get('gone@example.com'))).error?.message).toMatch(/Altcraft error 404/);
	});

	test('Merge and Split', async () => {
		await run(upsert('a@example.com', { _fname: 'A' }));
		await run(upsert('b@example.com', { _lname: 'B' }));
		const merged = await run({
			resource: 'profile',
			operation: 'merge',
			database: byId(1),
			matching: 'email',
			sourceProfiles: { profile: [{ databaseId: 0, value: 'a@example.com' }, { databaseId: 0, value: 'b@example.com' }] },
			destinationProfile: { profile: { databaseId: 0, value: 'ab@example.com' } },
		});
		expect(merged.status).toBe('success');
		expect(emu().ledger.some((e) => e.op === 'profile.merge')).toBe(true);

		const split = await run({
			resource: 'profile',
			operation: 'split',
			database: byId(1),
			matching: 'email',
			sourceProfile: { profile: { databaseId: 0, value: 'ab@example.com' } },
			destinationProfiles: { profile: [{ databaseId: 0, value: 'c@example.com' }, { databaseId: 0, value: 'd@example.com' }] },
		});
		expect(split.status).toBe('success');
		expect(emu().ledger.some((e) => e.op === 'profile.split')).toBe(true);
	});

	test('Unsubscribe From Message', async () => {
		const created = await run({
			...upsert('u@example.com'),
			subscriptions: { subscription: [{ resourceId: 1, channel: 'email', email: 'u@example.com', status: 'subscribed' }] },
		});
		const profileId = created.items[0].json.profile_id as string;
		emu().addSentMessage({ smid: 'smid-1', dbId: 1, profileId, resourceId: 1 });
		const rtoken = emu().store.getResource(1).rtoken as string;
		const result = await run({ resource: 'profile', operation: 'unsubscribe', resourceToken: rtoken, sentMessageId: 'smid-1' });
		expect(result.items[0].json.profile_id).toBe(profileId);
		const read = await run(get('u@example.com'));
		expect((read.items[0].json.subscriptions as IDataObject[])[0].status).toBe('unsubscribed');
	});

	test('Export returns the rows, or the file as binary data', async () => {
		await run(upsert('x1@example.com', { _fname: 'X, "one"' }));
		await run(upsert('x2@example.com', { _fname: 'Two' }));
		const base = { resource: 'profile', operation: 'export', sourceType: 'database', sourceId: 1 };
		const rows = await run({ ...base, fileFormat: 'csv', exportOutput: 'rows' });
		expect(rows.status).toBe('success');
		expect(rows.items.map((i) => i.json.email).sort()).toEqual(['x1@example.com', 'x2@example.com']);
		expect(rows.items.find((i) => i.json.email === 'x1@example.com')?.json._fname).toBe('X, "one"');

		const file = await run({ ...base, fileFormat: 'json', exportOutput: 'file' });
		expect(file.items).toHaveLength(1);
		const binary = file.items[0].binary?.data;
		expect(binary?.mimeType).toBe('application/json');
		expect(file.items[0].json).toMatchObject({ total: 2 });

		const task = await run({ ...base, fileFormat: 'csv', exportOutput: 'task' });
		expect(task.items[0].json.task_id).toEqual(expect.any(String));
	});
});

describe('errors from the platform', () => {
	test('a wrong token fails with error 401, and the token appears nowhere', async () => {
		const result = await runAltcraft({ baseUrl: emu().url, token: 'wrong-token-123456', parameters: get('jane@example.com') });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^API token required \(Altcraft error 401\)/);
		expect(JSON.stringify(result.run)).not.toContain('wrong-token-123456');
	});

	test('a read-only token may not import (403); a token without the delete right may not delete (403)', async () => {
		const readOnly = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.readOnly, parameters: upsert('r@example.com') });
		expect(readOnly.error?.message).toMatch(/^No rights for this action \(Altcraft error 403\)/);
		expect(readOnly.error?.description).toMatch(/role/);

		await run(upsert('keep@example.com'));
		const noDelete = await runAltcraft({
			baseUrl: emu().url,
			token: emu().tokens.noDelete,
			parameters: { resource: 'profile', operation: 'delete', database: byId(1), matching: 'email', email: 'keep@example.com' },
		});
		expect(noDelete.error?.message).toMatch(/Altcraft error 403/);
		expectTokenNowhere(noDelete.run);
	});

	test('a database outside the visibility zone is 404', async () => {
		const result = await runAltcraft({ baseUrl: emu().url, token: emu().tokens.limited, parameters: { ...get('a@example.com'), database: byId(2) } });
		expect(result.error?.message).toMatch(/Altcraft error 404/);
	});

	test('an ambiguous match is 435 and says to narrow it', async () => {
		await run({ ...upsert('one@example.com', { crm_id: 'DUP' }) });
		await run({ ...upsert('two@example.com', { crm_id: 'DUP' }) });
		const result = await run({ resource: 'profile', operation: 'get', database: byId(1), matching: 'custom', fieldName: 'crm_id', fieldValue: 'DUP' });
		expect(result.error?.message).toMatch(/^Ambiguous search.*\(Altcraft error 435\)/);
		expect(result.error?.description).toMatch(/Narrow/);
	});

	test('Continue On Fail: one output item per input item, errors as items, pairedItem kept', async () => {
		const emails = ['ok1@example.com', 'broken', 'ok2@example.com', 'missing@example.com'];
		const result = await run(
			{
				resource: 'profile',
				operation: 'update',
				database: byId(1),
				matching: 'email',
				email: '={{ $json.email }}',
				dataMode: 'json',
				profileJson: '{"_city": "Omsk"}',
			},
			{ input: emails.map((email) => ({ json: { email } })), node: { continueOnFail: true } },
		);
		// ok1 and ok2 do not exist yet either: create them first in a second run to mix successes and failures
		expect(result.items).toHaveLength(4);
		await run(upsert('ok1@example.com'));
		await run(upsert('ok2@example.com'));
		const mixed = await run(
			{
				resource: 'profile',
				operation: 'update',
				database: byId(1),
				matching: 'email',
				email: '={{ $json.email }}',
				dataMode: 'json',
				profileJson: '{"_city": "Omsk"}',
			},
			{ input: emails.map((email) => ({ json: { email } })), node: { continueOnFail: true } },
		);
		expect(mixed.status).toBe('success');
		expect(mixed.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(mixed.items[0].json.profile_id).toEqual(expect.any(String));
		expect(mixed.items[1].json.error).toMatch(/Email: "broken" is not an e-mail address \(item 1\)/);
		expect(mixed.items[2].json.profile_id).toEqual(expect.any(String));
		expect(mixed.items[3].json).toMatchObject({ errorCode: 404 });
		expectTokenNowhere(mixed.run);
	});
});

describe('retries and exactly-once', () => {
	test('a connection dropped after the change was applied is retried and applied once', async () => {
		emu().faults.inject({ kind: 'dropAfterApply', count: 1, path: '/api/v1.1/profiles/import' });
		const result = await run(upsert('once@example.com', { _fname: 'Once' }));
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ profile_id: expect.any(String), duplicateRequest: true });
		expect(emu().ledger.filter((e) => e.op === 'profile.create')).toHaveLength(1);
		const imports = emu().requests.filter((r) => r.path === '/api/v1.1/profiles/import');
		expect(imports).toHaveLength(2);
		expect(imports[0].headers['request-id']).toBe(imports[1].headers['request-id']);
	});

	test("n8n's own Retry On Fail re-sends the same Request-ID: still applied once", async () => {
		emu().faults.inject({ kind: 'dropAfterApply', count: 1, path: '/api/v1.1/profiles/import' });
		const result = await run(upsert('n8nretry@example.com', { orders_count: { action: 'incr', value: 1 } }, { maxRetries: 0 }), {
			node: { retryOnFail: true, maxTries: 2, waitBetweenTries: 1 },
		});
		expect(result.status).toBe('success');
		expect(result.runs.Altcraft).toHaveLength(1);
		expect(emu().ledger.filter((e) => e.op === 'profile.create' || e.op === 'profile.update')).toHaveLength(1);
		const imports = emu().requests.filter((r) => r.path === '/api/v1.1/profiles/import');
		expect(imports.map((r) => r.duplicate)).toEqual([false, true]); // the node ran twice; the second was a replay
		expect(imports[0].headers['request-id']).toBe(imports[1].headers['request-id']);
	});

	test('429 with Retry-After is waited out', async () => {
		emu().faults.inject({ kind: 'error429', count: 1, retryAfterSec: 1 });
		const started = Date.now();
		const result = await run(upsert('patient@example.com'));
		expect(result.status).toBe('success');
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		expect(emu().ledger.filter((e) => e.op === 'profile.create')).toHaveLength(1);
	});

	test('500s and gateway errors are retried, 501 is not', async () => {
		emu().faults.inject({ kind: 'error500', count: 1 });
		emu().faults.inject({ kind: 'http502', count: 1 });
		expect((await run(upsert('flaky@example.com'))).status).toBe('success');

		const unknown = await run({ resource: 'profile', operation: 'get', database: byId(1), matching: 'email', email: 'a@b.co', options: { additionalBodyFields: '{}' } });
		expect(unknown.status).toBe('error'); // not found, for completeness
		const before = emu().requests.length;
		const missingMethod = await fetch(`${emu().url}/api/v1.1/profiles/nope`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: emu().tokens.admin }) });
		expect(((await missingMethod.json()) as IDataObject).error).toBe(501);
		expect(emu().requests.length).toBe(before + 1);
	});

	test('a hung answer is abandoned after the timeout and retried safely', async () => {
		emu().faults.inject({ kind: 'hang', count: 1, path: '/api/v1.1/profiles/import' });
		const result = await run(upsert('slow@example.com', {}, { timeout: 1 }));
		expect(result.status).toBe('success');
		expect(emu().requests.filter((r) => r.path === '/api/v1.1/profiles/import')).toHaveLength(2);
		expect(emu().ledger.filter((e) => e.op === 'profile.create')).toHaveLength(1);
	});
});
