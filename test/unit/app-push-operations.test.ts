import { operationRows, validationRows, type Row } from '../helpers/operationRows';

// App Push operations (60-app-push.md): pushes/post_events. push_subscribe is not an operation (another host,
// resource token; see the catalogue test).

const base = { resource: 'appPush', operation: 'addEvent', options: {}, launchId: 12345, provider: 'android-firebase', subscriptionId: 'fcm-token-1', uid: 'uid-1' };

const rows: Row[] = [
	{
		title: 'Delivered and opened (events 3)',
		params: { ...base, events: 3 },
		path: '/api/v1.1/pushes/post_events',
		body: { events: 3, launch_id: 12345, provider: 'android-firebase', subscription_id: 'fcm-token-1', uid: 'uid-1' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Opened only; a launch ID from an expression string becomes a number',
		params: { ...base, events: 2, launchId: '777' },
		path: '/api/v1.1/pushes/post_events',
		body: { events: 2, launch_id: 777, provider: 'android-firebase', subscription_id: 'fcm-token-1', uid: 'uid-1' },
		modifying: true,
	},
];

describe('App Push operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('App Push input validation', () => {
	validationRows([
		{ title: 'no device token', params: { ...base, events: 1, subscriptionId: '' }, message: 'Push Subscription ID: is required (item 0)' },
		{ title: 'no message UID', params: { ...base, events: 1, uid: '' }, message: 'Message UID: is required (item 0)' },
		{ title: 'a launch ID that is not a number', params: { ...base, events: 1, launchId: 'abc' }, message: 'Launch ID: must be a whole number, got "abc" (item 0)' },
	]);
});
