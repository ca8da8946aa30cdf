import { db } from '../helpers/fakeContext';
import {
	emptyLocator,
	fromList,
	ok,
	operationRows,
	pagingTests,
	PID,
	secondItemFails,
	validationRows,
	type Row,
} from '../helpers/operationRows';

// Subscription operations: parameters in, the documented path and body out (11-subscriptions.md §1–8).

const base = { resource: 'subscription', options: {} };
const one = { ...base, database: db(1), profileId: PID, resourceId: fromList(3) };

const rows: Row[] = [
	{
		title: 'Create or Update: an e-mail subscription with every optional property',
		params: {
			...one,
			operation: 'upsert',
			channel: 'email',
			email: 'jane@example.com',
			additionalFields: {
				status: 'subscribed',
				priority: 0,
				categories: 'news, promo',
				customFields: '{"_device_type": "web"}',
				registrationDate: '2018-08-22T00:00:00.000Z',
				registrationIp: '203.0.113.7',
				registrationUrl: 'https://example.com/signup',
				skipTriggers: true,
			},
		},
		path: '/api/v1.1/subscriptions/set',
		body: {
			db_id: 1,
			profile_id: PID,
			resource_id: 3,
			channel: 'email',
			email: 'jane@example.com',
			status: 'subscribed',
			priority: 0,
			cats: ['news', 'promo'],
			custom_fields: { _device_type: 'web' },
			date: '2018-08-22T00:00:00.000Z',
			ip: '203.0.113.7',
			url: 'https://example.com/signup',
			skip_triggers: true,
		},
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Create or Update: a Telegram subscription (chat ID in cc_data), nothing optional',
		params: { ...one, operation: 'upsert', channel: 'telegram_bot', telegramChatId: '123456', additionalFields: { customFields: '{}' } },
		path: '/api/v1.1/subscriptions/set',
		body: { db_id: 1, profile_id: PID, resource_id: 3, channel: 'telegram_bot', cc_data: { id: '123456' } },
		modifying: true,
	},
	{
		title: 'Create or Update: a WhatsApp subscription (phone in cc_data)',
		params: { ...one, operation: 'upsert', channel: 'whatsapp', phone: '+79000000000', additionalFields: {} },
		path: '/api/v1.1/subscriptions/set',
		body: { db_id: 1, profile_id: PID, resource_id: 3, channel: 'whatsapp', cc_data: { phone: '+79000000000' } },
		modifying: true,
	},
	{
		title: 'Get a push subscription (provider + device token)',
		params: { ...one, operation: 'get', channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: 'dev-1' },
		path: '/api/v1.1/subscriptions/get',
		body: { db_id: 1, profile_id: PID, resource_id: 3, channel: 'push', provider: 'Firefox', subscription_id: 'dev-1' },
		answer: { ...ok, data: { channel: 'push', status: 'subscribed', resource_id: 3 } },
		output: [{ channel: 'push', status: 'subscribed', resource_id: 3 }],
	},
	{
		title: 'Get Many of a profile: the whole list comes in one answer; the Limit cuts it',
		params: { ...base, operation: 'getAll', database: db(1), profileId: PID, returnAll: false, limit: 2 },
		path: '/api/v1.1/subscriptions/list',
		body: { db_id: 1, profile_id: PID },
		answer: { ...ok, data: [{ resource_id: 1 }, { resource_id: 2 }, { resource_id: 3 }] },
		output: [{ resource_id: 1 }, { resource_id: 2 }],
	},
	{
		title: 'Get Many of a profile with Return All',
		params: { ...base, operation: 'getAll', database: db(1), profileId: PID, returnAll: true },
		path: '/api/v1.1/subscriptions/list',
		body: { db_id: 1, profile_id: PID },
		answer: { ...ok, data: [{ resource_id: 1 }, { resource_id: 2 }, { resource_id: 3 }] },
		output: [{ resource_id: 1 }, { resource_id: 2 }, { resource_id: 3 }],
	},
	{
		title: 'Get Many Across Profiles of a resource, one database, filtered by channel and status',
		params: {
			...base,
			operation: 'getAllAcrossProfiles',
			resourceId: fromList(1),
			database: db(1),
			returnAll: false,
			limit: 500,
			filters: { channel: 'email', status: 'subscribed' },
		},
		path: '/api/v1.1/subscriptions/list_all',
		body: { resource_id: 1, db_id: 1, limit: 500, channel: 'email', status: 'subscribed' },
		answer: { ...ok, data: [{ profile_id: PID, channel: 'email' }], total_count: 1 },
		output: [{ profile_id: PID, channel: 'email' }],
	},
	{
		title: 'Delete an SMS subscription (soft delete)',
		params: { ...one, operation: 'delete', channel: 'sms', phone: '+79000000000' },
		path: '/api/v1.1/subscriptions/delete',
		body: { db_id: 1, profile_id: PID, resource_id: 3, channel: 'sms', phone: '+79000000000' },
		output: [{ deleted: true }],
		modifying: true,
	},
	{
		title: 'Restore a deleted e-mail subscription',
		params: { ...one, operation: 'restore', channel: 'email', email: 'jane@example.com' },
		path: '/api/v1.1/subscriptions/undelete',
		body: { db_id: 1, profile_id: PID, resource_id: 3, channel: 'email', email: 'jane@example.com' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Suspend All of one channel in a database (no resource)',
		params: { ...base, operation: 'suspendAll', database: db(1), resourceId: emptyLocator, channel: 'email' },
		path: '/api/v1.1/subscriptions/suspend_all',
		body: { db_id: 1, channel: 'email' },
		answer: { ...ok, updated: 50 },
		output: [{ updated: 50 }],
		modifying: true,
	},
	{
		title: 'Unsuspend All of one resource in a database (every channel)',
		params: { ...base, operation: 'unsuspendAll', database: db(1), resourceId: fromList(3), channel: '' },
		path: '/api/v1.1/subscriptions/unsuspend_all',
		body: { db_id: 1, resource_id: 3 },
		answer: { ...ok, updated: 7 },
		output: [{ updated: 7 }],
		modifying: true,
	},
];

describe('Subscription operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Subscription → Get Many Across Profiles paging (string cursor)', () => {
	pagingTests({
		params: { ...base, operation: 'getAllAcrossProfiles', resourceId: fromList(1), database: emptyLocator, filters: {} },
		path: '/api/v1.1/subscriptions/list_all',
		body: { resource_id: 1 },
		cursors: ['0014a2feb331ace2.20200124134127', '0014a2feb331ace9.20200124134128'],
	});
});

describe('Subscription input validation', () => {
	validationRows([
		{
			title: 'an e-mail subscription without the e-mail',
			params: { ...one, operation: 'get', channel: 'email', email: '' },
			message: 'Email: is required (item 0)',
		},
		{
			title: 'a profile ID that is not 24 hex characters',
			params: { ...one, operation: 'delete', profileId: 'abc', channel: 'sms', phone: '+79000000000' },
			message: 'Profile ID: "abc" is not a profile ID (24 hexadecimal characters) (item 0)',
		},
		{
			title: 'a push subscription without the device token',
			params: { ...one, operation: 'restore', channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: '' },
			message: 'Push Subscription ID: is required (item 0)',
		},
		{
			title: 'Suspend All without a database',
			params: { ...base, operation: 'suspendAll', database: emptyLocator, resourceId: emptyLocator, channel: '' },
			message: 'Database: must be a whole number, got an empty string (item 0)',
		},
	]);

	secondItemFails({
		good: { ...one, operation: 'get', channel: 'email', email: 'jane@example.com' },
		bad: { ...one, operation: 'get', channel: 'email', email: 'not-an-email' },
		message: 'Email: "not-an-email" is not an e-mail address (item 1)',
	});
});
