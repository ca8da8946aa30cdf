import {
	additionalFields,
	channelFilterOption,
	databaseField,
	FLAGS,
	profileIdField,
	resourceField,
	returnAllFields,
	setChannelContact,
	SUBSCRIPTION_STATUSES,
	subscriptionChannelFields,
} from '../common/fields';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Subscriptions of profiles to resources: 11-subscriptions.md §1–8. A subscription is identified by the profile
// (db_id + profile_id), the resource and the channel with its contact (e-mail, phone, push token, chat ID).

const resource = 'subscription';

/**
 * The channel and its contact fields. Only the contact fields shown for the chosen channel are read: n8n's
 * getNodeParameter (with extractValue) throws "Could not find property" for a parameter that is not displayed, so
 * reading e.g. `phone` of an e-mail subscription failed every call in a real workflow.
 */
function channelFields(): Field[] {
	const [channel, ...contacts] = subscriptionChannelFields();
	return [
		{
			...channel,
			apply: (body, value, ctx) => {
				const read = (name: string): unknown => {
					const shownFor = (contacts.find((field) => field.property.name === name)?.property.displayOptions?.show?.channel ?? []) as unknown[];
					return shownFor.includes(value) ? ctx.param(name, '') : undefined;
				};
				setChannelContact(ctx, body, {
					channel: value,
					email: read('email'),
					phone: read('phone'),
					provider: read('pushProvider'),
					subscriptionId: read('pushSubscriptionId'),
					chatId: read('telegramChatId'),
				});
			},
		},
		...contacts,
	];
}

/** The profile and the one subscription of it a call is about. */
const oneSubscription = (): Field[] => [databaseField(), profileIdField(), resourceField(), ...channelFields()];

const channelFilter: Field = {
	property: { ...channelFilterOption(), description: 'Only subscriptions of this channel' },
	apply: (body, value) => {
		if (value) body.channel = value as string;
	},
};

/** Scope of the database-wide suspend calls: a database, optionally narrowed to a resource and/or a channel. */
const suspendScope = (): Field[] => [
	databaseField(),
	resourceField('resource_id', { required: false, description: 'Only subscriptions to this resource; leave empty for every resource' }),
	channelFilter,
];

const listAllFilters: Field = additionalFields(
	[
		{ key: 'channel', property: channelFilterOption(), convert: (_ctx, _label, value) => value },
		{
			key: 'status',
			property: { displayName: 'Status', name: 'status', type: 'options', options: SUBSCRIPTION_STATUSES, default: 'subscribed' },
			convert: (_ctx, _label, value) => value,
		},
	],
	{ displayName: 'Filters', name: 'filters', placeholder: 'Add Filter' },
);

const operations: Operation[] = [
	{
		resource,
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a subscription',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		path: apiPath('subscriptions/set'),
		reference: 'subscription.set',
		modifying: true,
		response: 'success',
		fields: [
			...oneSubscription(),
			additionalFields([
				FLAGS.subscriptionStatus,
				FLAGS.subscriptionPriority,
				FLAGS.subscriptionCategories,
				FLAGS.subscriptionFields,
				FLAGS.registrationDate,
				FLAGS.registrationIp,
				FLAGS.registrationUrl,
				FLAGS.skipTriggers,
			]),
		],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a subscription',
		description: 'Read one subscription of a profile: status, priority, categories and fields (subscriptions/get)',
		path: apiPath('subscriptions/get'),
		reference: 'subscription.get',
		modifying: false,
		response: 'data',
		fields: oneSubscription(),
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many subscriptions of a profile',
		description: 'List all subscriptions of one profile, to every resource and channel (subscriptions/list)',
		path: apiPath('subscriptions/list'),
		reference: 'subscription.list',
		modifying: false,
		response: 'list',
		paging: { wholeList: true },
		fields: [databaseField(), profileIdField(), ...returnAllFields()],
	},
	{
		resource,
		value: 'getAllAcrossProfiles',
		name: 'Get Many Across Profiles',
		action: 'Get many subscriptions across profiles',
		description:
			'List the subscriptions of all profiles to one resource, optionally only one database, channel or status (subscriptions/list_all)',
		path: apiPath('subscriptions/list_all'),
		reference: 'subscription.listAll',
		modifying: false,
		response: 'list',
		// The default page size is presumably 1000, like every other list call (unconfirmed).
		paging: fromIdPaging(1000),
		fields: [
			resourceField(),
			databaseField('db_id', { required: false, description: 'Only subscriptions of profiles in this database; leave empty for all' }),
			...returnAllFields(),
			listAllFilters,
		],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a subscription',
		description:
			'Delete one subscription of a profile: it is flagged as deleted (is_delete) and can be brought back with Restore (subscriptions/delete)',
		path: apiPath('subscriptions/delete'),
		reference: 'subscription.delete',
		modifying: true,
		response: 'deleted',
		fields: oneSubscription(),
	},
	{
		resource,
		value: 'restore',
		name: 'Restore',
		action: 'Restore a deleted subscription',
		description: 'Undo the deletion of a subscription so that it is active again (subscriptions/undelete)',
		path: apiPath('subscriptions/undelete'),
		reference: 'subscription.undelete',
		modifying: true,
		response: 'success',
		fields: oneSubscription(),
	},
	{
		resource,
		value: 'suspendAll',
		name: 'Suspend All',
		action: 'Suspend all subscriptions of a database',
		description:
			'Set EVERY "subscribed" subscription of the whole database (or of one resource and/or channel) to "suspended", so no messages go to them until unsuspended; answers the number changed (subscriptions/suspend_all)',
		path: apiPath('subscriptions/suspend_all'),
		reference: 'subscription.suspendAll',
		modifying: true,
		response: 'envelope',
		fields: suspendScope(),
	},
	{
		resource,
		value: 'unsuspendAll',
		name: 'Unsuspend All',
		action: 'Unsuspend all subscriptions of a database',
		description:
			'Set every "suspended" subscription of the database (or of one resource and/or channel) back to "subscribed"; answers the number changed (subscriptions/unsuspend_all)',
		path: apiPath('subscriptions/unsuspend_all'),
		reference: 'subscription.unsuspendAll',
		modifying: true,
		response: 'envelope',
		fields: suspendScope(),
	},
];

export const subscription: ResourceDefinition = {
	value: resource,
	name: 'Subscription',
	description: 'Subscriptions of profiles to resources (e-mail, SMS, push, messengers)',
	operations,
};
