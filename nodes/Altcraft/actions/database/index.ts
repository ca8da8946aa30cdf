import { additionalFields, databaseField, FLAGS, objectListFilters, resourceField, returnAllFields } from '../common/fields';
import { inputError, toBoolean } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Profile databases: 20-databases.md. In this section the database ID is sent as `id`, not db_id.

const resource = 'database';

const theDatabase = (): Field => databaseField('id');

const confirmWipe: Field = {
	property: {
		displayName: 'Confirm Wipe',
		name: 'confirmWipe',
		type: 'boolean',
		default: false,
		description: 'Whether you really mean to delete every profile of this database with its history; nothing is sent unless this is on',
	},
	apply: (_body, value, ctx) => {
		if (!toBoolean(ctx, 'Confirm Wipe', value)) {
			throw inputError(ctx, 'Confirm Wipe', 'must be on to wipe a database', 'Wiping deletes every profile of the database and cannot be undone. Turn on "Confirm Wipe" if that is what you want.');
		}
	},
};

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many databases',
		description: 'List the profile databases of the account, optionally by tags or access groups (databases/list/)',
		path: apiPath('databases/list/'),
		reference: 'database.list',
		modifying: false,
		response: 'list',
		// from_id is an int here (the first database ID of the page); next_from_id is passed back as it comes.
		paging: fromIdPaging(1000),
		fields: [...returnAllFields(), objectListFilters(['uiTags', 'groups', 'groupsId'])],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a database',
		description: 'Read the name, description and linked suppression list of a database (databases/get/)',
		path: apiPath('databases/get/'),
		reference: 'database.get',
		modifying: false,
		response: 'data',
		fields: [theDatabase()],
	},
	{
		resource,
		value: 'getFields',
		name: 'Get Fields',
		action: 'Get the fields of a database',
		description: 'List the system and custom profile fields of a database with their types (databases/fields_get/)',
		path: apiPath('databases/fields_get/'),
		reference: 'database.fieldsGet',
		modifying: false,
		response: 'list',
		// The page is not readable: `id` (not db_id) by analogy with the rest of the section (20-databases.md §5).
		fields: [theDatabase()],
	},
	{
		resource,
		value: 'getStats',
		name: 'Get Statistics',
		action: 'Get the statistics of a database',
		description:
			'Subscription counts of a database for one resource, per channel and status; may be stale, refresh them first when exact numbers matter (databases/get_counters)',
		path: apiPath('databases/get_counters'),
		reference: 'database.getCounters',
		modifying: false,
		response: 'list',
		fields: [theDatabase(), resourceField()],
	},
	{
		resource,
		value: 'refreshStats',
		name: 'Refresh Statistics',
		action: 'Refresh the statistics of a database',
		description: 'Recount the subscription statistics of a database for one resource, as a task (databases/refresh_counters)',
		path: apiPath('databases/refresh_counters'),
		reference: 'database.refreshCounters',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: [theDatabase(), resourceField(), additionalFields([FLAGS.feedbackUrl])],
	},
	{
		resource,
		value: 'wipe',
		name: 'Wipe',
		action: 'Wipe a database',
		description:
			'IRREVERSIBLY delete ALL profiles of a database (customers and seeds) with everything attached to them, keeping only statistics; works only where the platform allows data wipes (databases/wipe)',
		path: apiPath('databases/wipe'),
		reference: 'database.wipe',
		modifying: true,
		response: 'deleted',
		fields: [theDatabase(), confirmWipe],
	},
];

export const database: ResourceDefinition = {
	value: resource,
	name: 'Database',
	description: 'Profile databases: list, fields, statistics, wipe',
	operations,
};
