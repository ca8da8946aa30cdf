import { additionalFields, CHANNELS, databaseField, FLAGS, objectListFilters, resourceField, returnAllFields } from '../common/fields';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Resources (the channel settings subscriptions belong to): 21-resources.md. The resource ID is sent as `id`;
// where a database is needed it is `list_id`.

const resource = 'resource';

const theResource = (): Field => resourceField('id');

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many resources',
		description: 'List the resources of the account, optionally by access groups (resources/list)',
		path: apiPath('resources/list'),
		reference: 'resource.list',
		modifying: false,
		response: 'list',
		paging: fromIdPaging(1000),
		fields: [...returnAllFields(), objectListFilters(['groups', 'groupsId'])],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a resource',
		description: 'Read the channels, linked databases, tracking domain and URL of a resource (resources/get)',
		path: apiPath('resources/get'),
		reference: 'resource.get',
		modifying: false,
		response: 'data',
		fields: [theResource()],
	},
	{
		resource,
		value: 'getFields',
		name: 'Get Subscription Fields',
		action: 'Get the subscription fields of a resource',
		description: 'List the system and custom subscription fields of one channel of a resource (resources/fields_get)',
		path: apiPath('resources/fields_get'),
		reference: 'resource.fieldsGet',
		modifying: false,
		response: 'list',
		fields: [
			theResource(),
			{
				property: { displayName: 'Channel', name: 'channel', type: 'options', options: CHANNELS, default: 'email' },
				apply: (body, value) => {
					body.channel = value as string;
				},
			},
		],
	},
	{
		resource,
		value: 'getStats',
		name: 'Get Statistics',
		action: 'Get the statistics of a resource',
		description: 'Subscription counts of a resource per channel and status (resources/get_counters)',
		// The page could not be read: path and parameters (id, list_id) are the reference's guess, mirroring
		// databases/get_counters. Database → Get Statistics gives the same numbers for a database and resource.
		path: apiPath('resources/get_counters'),
		reference: 'resource.getCounters',
		unconfirmed: true,
		modifying: false,
		response: 'list',
		fields: [theResource(), databaseField('list_id', { required: false, description: 'Count only subscriptions of profiles in this database' })],
	},
	{
		resource,
		value: 'refreshStats',
		name: 'Refresh Statistics',
		action: 'Refresh the statistics of a resource',
		description: 'Recount the subscription statistics of a resource within a database, as a task (resources/refresh_counters)',
		path: apiPath('resources/refresh_counters'),
		reference: 'resource.refreshCounters',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: [theResource(), databaseField('list_id'), additionalFields([FLAGS.feedbackUrl])],
	},
];

export const resourceDefinition: ResourceDefinition = {
	value: resource,
	name: 'Resource',
	description: 'Resources: channel settings that subscriptions belong to',
	operations,
};
