/**
 * Simplify (on by default) on the operations that output whole profiles, against the emulator's read form of a
 * profile through n8n's engine: read-only system fields go, the profile's own fields stay, subscriptions become flat.
 */
import type { IDataObject } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { byId } from '../helpers/altcraftWorkflow';
import { api, createProfile, emailSub, jsonOf, runNode, useEmulator } from './support/audience';

const emulator = useEmulator();

const READ_ONLY = ['_xxh', '_md5', '_emaildomain', '_domaingroup', '_deliv_exist', '_open_exist', '_click_exist', '_confirm_exist', '_is_test'];

async function seedAnn(): Promise<string> {
	const emu = emulator();
	const id = await createProfile(emu, 'ann@example.com', {
		_fname: 'Ann',
		_city: 'Kazan',
		crm_id: 'CRM-1',
		subscriptions: [emailSub(1, 'ann@example.com')],
	});
	await api(emu, 'profiles/segstatic/add', { segment_id: 1, db_id: 1, profile_id: id });
	return id;
}

const getAnn = (extra: IDataObject = {}) =>
	runNode(emulator(), { resource: 'profile', operation: 'get', database: byId(1), matching: 'email', email: 'ann@example.com', ...extra });

describe('Simplify', () => {
	test('is offered exactly on the operations that output profiles, on by default', () => {
		const offered = new Altcraft().description.properties
			.filter((property) => property.name === 'simplify')
			.map((property) => `${String(property.displayOptions?.show?.resource)}.${String(property.displayOptions?.show?.operation)}`);
		expect(offered.sort()).toEqual(['profile.get', 'profile.getAll', 'segment.getProfiles']);
		for (const property of new Altcraft().description.properties.filter((p) => p.name === 'simplify')) expect(property.default).toBe(true);
	});

	test('Profile → Get: the raw answer has the read-only fields; the simplified one has the own fields and flat subscriptions', async () => {
		const id = await seedAnn();
		const raw = jsonOf(await getAnn({ simplify: false }))[0];
		for (const name of READ_ONLY) expect(raw).toHaveProperty(name);
		expect((raw.subscriptions as IDataObject[])[0]).toHaveProperty('email_data.email', 'ann@example.com');

		const simple = jsonOf(await getAnn())[0];
		expect(simple).toEqual({
			id,
			db_id: 1,
			email: 'ann@example.com',
			_fname: 'Ann',
			_city: 'Kazan',
			crm_id: 'CRM-1',
			_createtime: raw._createtime,
			subscriptions: [{ resource_id: 1, resource_name: 'Newsletter', channel: 'email', status: 'subscribed', priority: 0, email: 'ann@example.com', cats: [] }],
		});
	});

	test('Profile → Get Many: simplified, except the fields asked for by name', async () => {
		await seedAnn();
		const all = jsonOf(await runNode(emulator(), { resource: 'profile', operation: 'getAll', database: byId(1), returnAll: true }));
		expect(all).toHaveLength(1);
		for (const name of READ_ONLY) expect(all[0]).not.toHaveProperty(name);
		expect(all[0]).toMatchObject({ _fname: 'Ann', crm_id: 'CRM-1' });

		const asked = jsonOf(
			await runNode(emulator(), { resource: 'profile', operation: 'getAll', database: byId(1), returnAll: true, filters: { fields: 'email, _xxh, _md5' } }),
		);
		expect(asked[0]).toHaveProperty('_xxh');
		expect(asked[0]).toHaveProperty('_md5');
		expect(asked[0]).not.toHaveProperty('_deliv_exist');
	});

	test('Segment → Get Profiles: simplified by default, raw when switched off', async () => {
		await seedAnn();
		const params = { resource: 'segment', operation: 'getProfiles', segment: byId(1), database: byId(1), returnAll: true };
		const simple = jsonOf(await runNode(emulator(), params))[0];
		const raw = jsonOf(await runNode(emulator(), { ...params, simplify: false }))[0];
		expect(simple).not.toHaveProperty('_xxh');
		expect(raw).toHaveProperty('_xxh');
		expect(simple.crm_id).toBe('CRM-1');
		expect(Object.keys(simple).length).toBeLessThan(Object.keys(raw).length);
	});
});
