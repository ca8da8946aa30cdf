import {
	additionalFields,
	databaseField,
	FLAGS,
	objectListFilters,
	profileIdField,
	resourceField,
	returnAllFields,
	segmentField,
	stringField,
} from '../common/fields';
import { apiPath } from '../../transport';
import { simplifyProfile } from '../common/simplify';
import type { Field, Operation, ResourceDefinition } from '../types';
import { segmentDefinitionFields } from './rules';
import { fromIdPaging } from '../common/paging';

// Segments (dynamic, static, updatable): 30-segments.md. The segment ID is `id`, except in the static-segment
// membership calls (profiles/segstatic/*), which take segment_id + db_id + profile_id.

const resource = 'segment';

const theSegment = (): Field => segmentField('id');

const segmentName = (description: string): Field =>
	stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. VIP customers', description });

/** The static-segment membership calls: one profile, by ID only. */
const membership = (): Field[] => [
	segmentField('segment_id', { description: 'The static segment; dynamic and updatable segments do not take manual changes' }),
	databaseField('db_id'),
	profileIdField(),
	additionalFields([FLAGS.skipTriggers]),
];

const PAGING = fromIdPaging(1000);

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many segments',
		description: 'List the segments of the account, optionally by tags or access groups (segments/list/)',
		path: apiPath('segments/list/'),
		reference: 'segment.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields(), objectListFilters(['uiTags', 'groups', 'groupsId'])],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a segment',
		description: 'Read the name, profile count and rules of a segment (segments/get/)',
		path: apiPath('segments/get/'),
		reference: 'segment.get',
		modifying: false,
		response: 'data',
		fields: [theSegment()],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a segment',
		description: 'Create a dynamic segment from rules, a static segment to fill with profiles, or an updatable one (segments/add/)',
		path: apiPath('segments/add/'),
		reference: 'segment.add',
		modifying: true,
		response: 'data',
		fields: [segmentName('Name of the new segment'), ...segmentDefinitionFields],
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a segment',
		description: 'Replace the name, type and rules of a segment; its database cannot change (segments/update/)',
		path: apiPath('segments/update/'),
		reference: 'segment.update',
		modifying: true,
		response: 'success',
		fields: [theSegment(), segmentName('The segment name; give the current one to keep it'), ...segmentDefinitionFields],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a segment',
		description: 'Permanently delete a segment (its definition and, for a static segment, its list of members); the profiles stay (segments/delete/)',
		// The page could not be read: path and `id` are the reference's guess by analogy with the other calls.
		path: apiPath('segments/delete/'),
		reference: 'segment.delete',
		unconfirmed: true,
		modifying: true,
		response: 'deleted',
		fields: [theSegment()],
	},
	{
		resource,
		value: 'getStats',
		name: 'Get Statistics',
		action: 'Get the statistics of a segment',
		description: 'Sendable subscriptions of the segment to one resource, per channel; may be stale, refresh them first (segments/get_counters)',
		path: apiPath('segments/get_counters'),
		reference: 'segment.getCounters',
		modifying: false,
		response: 'list',
		// The database is list_id on this page (another rendering says db_id; open contradiction 1 of the index).
		fields: [
			theSegment(),
			resourceField(),
			databaseField('list_id', { required: false, description: 'Database of the profiles; needed for dynamic segments' }),
		],
	},
	{
		resource,
		value: 'refreshStats',
		name: 'Refresh Statistics',
		action: 'Refresh the statistics of a segment',
		description: 'Recount the subscription statistics of a segment for one resource, as a task (segments/refresh_counters)',
		path: apiPath('segments/refresh_counters'),
		reference: 'segment.refreshCounters',
		modifying: true,
		task: true,
		response: 'envelope',
		// Here the database is db_id, as the refresh page names it.
		fields: [
			theSegment(),
			resourceField(),
			databaseField('db_id', { required: false, description: 'Database of the profiles; needed for dynamic segments' }),
		],
	},
	{
		resource,
		value: 'addProfile',
		name: 'Add Profile',
		action: 'Add a profile to a static segment',
		description: 'Put one profile, by its ID, into a static segment (profiles/segstatic/add)',
		path: apiPath('profiles/segstatic/add'),
		reference: 'segment.addProfile',
		modifying: true,
		response: 'success',
		fields: membership(),
	},
	{
		resource,
		value: 'removeProfile',
		name: 'Remove Profile',
		action: 'Remove a profile from a static segment',
		description: 'Take one profile, by its ID, out of a static segment; the profile itself stays (profiles/segstatic/remove)',
		path: apiPath('profiles/segstatic/remove'),
		reference: 'segment.removeProfile',
		modifying: true,
		response: 'success',
		fields: membership(),
	},
	{
		resource,
		value: 'getProfiles',
		name: 'Get Profiles',
		action: 'Get the profiles of a static segment',
		description: 'List the profiles in a static segment with their data (profiles/segstatic/list)',
		// The reference has no path for this call (its page could not be read). Chosen: profiles/segstatic/list
		// next to the documented segstatic/add and segstatic/remove, with their segment_id + db_id, paged like
		// profiles/list (from_id → next_from_id). Profile → Export with a segment source is the documented way.
		path: apiPath('profiles/segstatic/list'),
		reference: 'segment.getStaticProfiles',
		unconfirmed: true,
		modifying: false,
		response: 'list',
		paging: PAGING,
		simplify: simplifyProfile,
		fields: [segmentField('segment_id', { description: 'The static segment' }), databaseField('db_id'), ...returnAllFields()],
	},
];

export const segment: ResourceDefinition = {
	value: resource,
	name: 'Segment',
	description: 'Dynamic, static and updatable segments of profiles',
	operations,
};
