import type { IDataObject } from 'n8n-workflow';

import { simplifyProfile } from '../../nodes/Altcraft/actions/common/simplify';
import type { ItemContext } from '../../nodes/Altcraft/actions/types';

const ctxWith = (params: IDataObject = {}) => ({ param: (name: string, fallback?: unknown) => params[name] ?? fallback }) as unknown as ItemContext;

const subscription = (extra: IDataObject): IDataObject => ({
	resource_id: 3,
	resource_name: 'App',
	status: 'subscribed',
	priority: 1,
	hash_id: 'a1b2',
	is_delete: false,
	reg_info: { date: '2026-01-01T00:00:00Z', ip: '' },
	custom_fields: {},
	cats: ['news'],
	...extra,
});

describe('simplifyProfile', () => {
	test.each([
		['email', { channel: 'email', email_data: { email: 'a@b.co', domain: 'b.co', domain_group: 'b', md5: 'x' } }, { email: 'a@b.co' }],
		['sms', { channel: 'sms', phone_data: { phone: '+79000000000' } }, { phone: '+79000000000' }],
		['push', { channel: 'push', push_data: { provider: 'android-firebase', subscription_id: 'tok' } }, { provider: 'android-firebase', subscription_id: 'tok' }],
		['telegram', { channel: 'telegram_bot', cc_data: { id: 42 } }, { cc_data: { id: 42 } }],
		['a flat e-mail', { channel: 'email', email: 'a@b.co' }, { email: 'a@b.co' }],
		['a deleted one with fields', { channel: 'email', email: 'a@b.co', is_delete: true, custom_fields: { _device_type: 'web' } }, { email: 'a@b.co', is_delete: true, custom_fields: { _device_type: 'web' } }],
	])('a %s subscription becomes flat', (_title, given, contact) => {
		const [simple] = simplifyProfile({ id: 'p', subscriptions: [subscription(given)] }, ctxWith()).subscriptions as IDataObject[];
		expect(simple).toEqual({ resource_id: 3, resource_name: 'App', channel: given.channel, status: 'subscribed', priority: 1, cats: ['news'], ...contact });
	});

	test('keeps identifiers, writable system fields and custom fields; drops the read-only system fields', () => {
		const kept = {
			id: 'p',
			db_id: 1,
			email: 'a@b.co',
			phones: ['+79000000000'],
			_fname: 'A',
			_bdate: '1990-02-22',
			_status: 0,
			_postal_code: '420000',
			_createtime: '2026-01-01T00:00:00Z',
			crm_id: 'C-1',
			tags: ['x'],
		};
		const readOnly = { _xxh: 'f00d', _md5: 'beef', _deliv_exist: true, _deliv_date: '2026-01-02T00:00:00Z', _lat: 55.7, _acid: 7 };
		const profile = { ...kept, ...readOnly };
		expect(simplifyProfile(profile, ctxWith())).toEqual(kept);
		expect(simplifyProfile(profile, ctxWith({ filters: { fields: '_xxh, _lat' } }))).toEqual({ ...kept, _xxh: 'f00d', _lat: 55.7 });
	});
});
