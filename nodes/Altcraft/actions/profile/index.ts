import type { IDataObject } from 'n8n-workflow';

import {
	additionalFields,
	ALL_MATCHING_MODES,
	databaseField,
	FLAGS,
	integerField,
	jsonObjectField,
	matchingFields,
	matchingModeField,
	profileDataFields,
	returnAllFields,
	stringField,
} from '../common/fields';
import { parseJsonObject, toStringList } from '../common/values';
import { simplifyProfile } from '../common/simplify';
import { apiPath } from '../../transport';
import type { BatchCounterpart, Field, Operation, ResourceDefinition } from '../types';
import { exportOutputFields, exportProfiles } from './export';
import { customFieldNameField, profileReferencesField, REFERENCE_MODES } from './references';
import { fromIdPaging } from '../common/paging';

// Profiles: 10-profiles.md. The batch calls (import_batch, update_batch, add_batch) are not operations of their
// own: the node groups items of Create or Update / Update / Create into them. The quick import and the RabbitMQ
// import are other transports; the database-wide suspend calls exist only in the deprecated v1.0 API.

const resource = 'profile';

const WRITE_FLAGS = [
	FLAGS.skipTriggers,
	FLAGS.skipInvalidSubscriptions,
	FLAGS.detectGeo,
	FLAGS.addToSegments,
	FLAGS.removeFromSegments,
];

const MERGE_FLAGS = [
	FLAGS.skipTriggers,
	FLAGS.copySubscriptions,
	FLAGS.copyHistory,
	FLAGS.moveStaticSegments,
	FLAGS.subscriptionFilters,
];

const resultDataField: Field = jsonObjectField('data', {
	displayName: 'Set Fields on Result (JSON)',
	name: 'resultData',
	description: 'Profile fields to set on the resulting profile(s) afterwards, e.g. {"_fname": "Anna"}',
});

const listFilters: Field = {
	property: {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Query (JSON)',
				name: 'query',
				type: 'json',
				default: '{}',
				description: 'A MongoDB-style query over profile fields, e.g. {"$or": [{"_city": "Moscow"}, {"_city": "Kazan"}]}',
			},
			{
				displayName: 'Fields to Return',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'e.g. email, _fname, subscriptions',
				description: 'Comma-separated field names; empty returns all fields',
			},
		],
	},
	apply: (body, value, ctx) => {
		const filters = (value ?? {}) as IDataObject;
		const query = parseJsonObject(ctx, 'Filters → Query (JSON)', filters.query);
		if (query && Object.keys(query).length) body.query = query;
		const fields = toStringList(filters.fields);
		if (fields.length) body.fields = fields;
	},
};

// Identifiers travel inside each entry of a batch call (00-interaction.md §9); field_name stays shared.
const IDENTIFIERS = ['email', 'phone', 'profile_id', 'field_value', 'provider', 'subscription_id'];
const MATCHING_SHARED = ['db_id', 'matching', 'field_name', 'resource_id'];
const batchOf = (method: string, shared: string[], perEntry: string[]): BatchCounterpart => ({
	path: apiPath(method),
	shared,
	perEntry,
	entryFrom: 'data',
	entriesKey: 'data',
	maxCount: 10_000, // Altcraft: at most 10,000 profiles or 10 MB per request
});

const operations: Operation[] = [
	{
		resource,
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update a profile',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		path: apiPath('profiles/import'),
		modifying: true,
		response: 'envelope',
		batch: batchOf('profiles/import_batch', [...MATCHING_SHARED, 'skip_triggers', 'skip_invalid_subscriptions', 'detect_geo'], IDENTIFIERS),
		fields: [databaseField(), ...matchingFields(ALL_MATCHING_MODES), ...profileDataFields(), additionalFields(WRITE_FLAGS)],
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a profile',
		description: 'Change an existing profile; fails with "not found" instead of creating one (profiles/update)',
		path: apiPath('profiles/update'),
		modifying: true,
		response: 'envelope',
		// update_batch documents no detect_geo: such items go one by one.
		batch: batchOf('profiles/update_batch', [...MATCHING_SHARED, 'skip_triggers', 'skip_invalid_subscriptions'], IDENTIFIERS),
		fields: [databaseField(), ...matchingFields(ALL_MATCHING_MODES), ...profileDataFields(), additionalFields(WRITE_FLAGS)],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a profile',
		description: 'Add a new profile without looking for an existing one; a duplicate e-mail is refused (profiles/add)',
		path: apiPath('profiles/add'),
		modifying: true,
		response: 'envelope',
		batch: batchOf('profiles/add_batch/', ['db_id', 'skip_triggers', 'skip_invalid_subscriptions'], []),
		fields: [databaseField(), ...profileDataFields(), additionalFields([FLAGS.skipTriggers, FLAGS.skipInvalidSubscriptions])],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a profile',
		description: "Read one profile's fields and subscriptions (profiles/get)",
		path: apiPath('profiles/get/'),
		modifying: false,
		response: 'data',
		simplify: simplifyProfile,
		fields: [databaseField(), ...matchingFields(ALL_MATCHING_MODES)],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many profiles',
		description: 'List profiles of a database, optionally filtered by a query (profiles/list)',
		path: apiPath('profiles/list'),
		modifying: false,
		response: 'list',
		simplify: simplifyProfile,
		paging: fromIdPaging(1000),
		fields: [databaseField(), ...returnAllFields(), listFilters],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a profile',
		description:
			"Permanently delete a profile with its event history and relations. The token's role needs the \"delete profiles\" right (profiles/delete).",
		path: apiPath('profiles/delete'),
		modifying: true,
		response: 'deleted',
		fields: [databaseField(), ...matchingFields(['email', 'phone', 'profile_id', 'custom'])],
	},
	{
		resource,
		value: 'merge',
		name: 'Merge',
		action: 'Merge profiles',
		description: 'Combine several source profiles into one destination profile, new or existing (profiles/merge)',
		path: apiPath('profiles/merge'),
		modifying: true,
		response: 'envelope',
		fields: [
			databaseField(),
			matchingModeField(REFERENCE_MODES),
			customFieldNameField(),
			profileReferencesField('source', 'Source Profiles', true),
			profileReferencesField('destination', 'Destination Profile', false),
			resultDataField,
			additionalFields(MERGE_FLAGS),
		],
	},
	{
		resource,
		value: 'split',
		name: 'Split',
		action: 'Split a profile',
		description: 'Split one profile into several new or existing profiles (profiles/split)',
		path: apiPath('profiles/split'),
		modifying: true,
		response: 'envelope',
		fields: [
			databaseField(null),
			matchingModeField(REFERENCE_MODES),
			customFieldNameField(),
			profileReferencesField('source', 'Source Profile', false),
			profileReferencesField('destination', 'Destination Profiles', true),
			resultDataField,
			additionalFields(MERGE_FLAGS),
		],
	},
	{
		resource,
		value: 'unsubscribe',
		name: 'Unsubscribe From Message',
		action: 'Unsubscribe a profile from a message',
		description:
			'Register an unsubscribe from a sent message: the subscription of its resource becomes "unsubscribed" (profiles/message_unsub)',
		path: apiPath('profiles/message_unsub'),
		modifying: true,
		response: 'envelope',
		fields: [
			stringField('rtoken', { displayName: 'Resource Token', name: 'resourceToken', required: true, description: 'The token of the resource the message was sent from' }),
			stringField('smid', { displayName: 'Sent Message ID', name: 'sentMessageId', required: true, description: 'ID of the sent message (smid), from links or webhooks' }),
			{
				property: {
					displayName: 'Categories',
					name: 'categories',
					type: 'string',
					default: '',
					placeholder: 'e.g. promo, news',
					description: 'Comma-separated resource categories; empty unsubscribes from the whole resource',
				},
				apply: (body, value) => {
					const categories = toStringList(value);
					if (categories.length) body.categories = categories;
				},
			},
		],
	},
	{
		resource,
		value: 'export',
		name: 'Export',
		action: 'Export profiles to a file',
		description: 'Export the profiles of a database or segment to a CSV or JSON file, wait for it, and return the rows or the file (profiles/get_all)',
		path: apiPath('profiles/get_all'),
		modifying: false,
		response: 'envelope',
		execute: exportProfiles,
		fields: [
			{
				property: {
					displayName: 'Source',
					name: 'sourceType',
					type: 'options',
					options: [
						{ name: 'Database', value: 'database' },
						{ name: 'Segment', value: 'segment' },
					],
					default: 'database',
				},
				apply: (body, value) => {
					body.source_type = value as string;
				},
			},
			integerField('source_id', { displayName: 'Source ID', name: 'sourceId', required: true, description: 'ID of the database or segment to export' }, { min: 1 }),
			{
				property: {
					displayName: 'File Format',
					name: 'fileFormat',
					type: 'options',
					options: [
						{ name: 'CSV', value: 'csv' },
						{ name: 'JSON', value: 'json' },
					],
					default: 'csv',
				},
				apply: (body, value) => {
					body.file_format = value as string;
				},
			},
			jsonObjectField('custom_request', {
				displayName: 'Filter (JSON)',
				name: 'customRequest',
				description: 'Only profiles whose fields match, e.g. {"occupation": "doctor"}',
			}),
			...exportOutputFields,
		],
	},
];

export const profile: ResourceDefinition = {
	value: resource,
	name: 'Profile',
	description: 'Profiles (contacts) in a database',
	operations,
};
