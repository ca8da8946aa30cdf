import { integerField, stringField } from '../common/fields';
import { apiPath } from '../../transport';
import type { Operation, ResourceDefinition } from '../types';

// Application push notifications: 60-app-push.md. Only pushes/post_events is an operation. The other request of
// the section, push_subscribe, is served by the platform's "cookiesaver" (pixel/push) host, not under /api/v1.1/
// of the API host, and is authenticated by a resource token instead of the API token: sending it through the
// credential would hand the API token to another host, and its profile fields are not fully documented. Apps
// reach it through the Altcraft mobile SDK.

const resource = 'appPush';

const operations: Operation[] = [
	{
		resource,
		value: 'addEvent',
		name: 'Add Event',
		action: 'Add an app push event',
		description: 'Report that a mobile push was delivered, opened, or both, for apps that do not use the Altcraft SDK (pushes/post_events)',
		path: apiPath('pushes/post_events'),
		reference: 'appPush.postEvents',
		modifying: true,
		response: 'success',
		fields: [
			{
				property: {
					displayName: 'Event',
					name: 'events',
					type: 'options',
					options: [
						{ name: 'Delivered', value: 1 },
						{ name: 'Opened', value: 2 },
						{ name: 'Delivered and Opened', value: 3 },
					],
					default: 1,
				},
				apply: (body, value) => {
					body.events = Number(value);
				},
			},
			integerField(
				'launch_id',
				{ displayName: 'Launch ID', name: 'launchId', required: true, description: 'The launch ID Altcraft put into the data payload of the push' },
				{ min: 1 },
			),
			stringField('provider', {
				displayName: 'Push Provider',
				name: 'provider',
				required: true,
				placeholder: 'e.g. android-firebase',
				description: 'Provider ID of the push subscription',
			}),
			stringField('subscription_id', {
				displayName: 'Push Subscription ID',
				name: 'subscriptionId',
				required: true,
				description: 'The device push token of the subscription',
			}),
			stringField('uid', {
				displayName: 'Message UID',
				name: 'uid',
				required: true,
				description: 'The message identifier Altcraft put into the data payload of the push',
			}),
		],
	},
];

export const appPush: ResourceDefinition = {
	value: resource,
	name: 'App Push',
	description: 'Delivery and open events of mobile app pushes',
	operations,
};
