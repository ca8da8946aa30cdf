import {
	ALL_MATCHING_MODES,
	databaseField,
	dateField,
	matchingFields,
	returnAllFields,
	showWhen,
	stringField,
} from '../common/fields';
import { toStringList } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Action history (events) of profiles: 11-subscriptions.md §9–10. Note the subscribers/ prefix and that the
// database is sent as list_id, not db_id.

const resource = 'history';

/** history_get finds the profile by its xx-hash ID (xxh) or by any matching mode. */
const identifyBy: Field = {
	property: {
		displayName: 'Identify Profile By',
		name: 'identifyBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Matching', value: 'matching', description: 'E-mail, phone, profile ID, custom field, …' },
			{ name: 'Profile Hash (XXH)', value: 'xxh', description: 'The xx-hash ID of the profile (_xxh), e.g. 0eb51aefd919f90a' },
		],
		default: 'matching',
	},
};

const dateFrom = (required: boolean) =>
	dateField('date_from', { displayName: 'From Date', name: 'dateFrom', required, description: 'First day of the period' });
const dateTo = (required: boolean) =>
	dateField('date_to', { displayName: 'To Date', name: 'dateTo', required, description: 'Last day of the period' });

const operations: Operation[] = [
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get the action history of a profile',
		description:
			'List the events of one profile (sends, opens, clicks, subscription changes, …), optionally within a period (subscribers/history_get)',
		path: apiPath('subscribers/history_get'),
		reference: 'history.get',
		modifying: false,
		response: 'list',
		fields: [
			databaseField('list_id'),
			identifyBy,
			stringField('xxh', {
				displayName: 'Profile Hash (XXH)',
				name: 'xxh',
				required: true,
				placeholder: 'e.g. 0eb51aefd919f90a',
				displayOptions: { show: { identifyBy: ['xxh'] } },
			}),
			...matchingFields(ALL_MATCHING_MODES).map((field) => showWhen(field, { identifyBy: ['matching'] })),
			dateFrom(false),
			dateTo(false),
		],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get the action history of many profiles',
		description: 'List the events of all profiles of a database within a period, page by page (subscribers/history_get_all)',
		path: apiPath('subscribers/history_get_all'),
		reference: 'history.getAll',
		modifying: false,
		response: 'list',
		// The page size counts profiles, and a profile may bring several rows; the next-page cursor is named
		// next_from_id by analogy with the other list calls (unconfirmed).
		paging: fromIdPaging(1000),
		fields: [
			databaseField('list_id'),
			dateFrom(true),
			dateTo(true),
			...returnAllFields(),
			{
				property: {
					displayName: 'Profile Fields to Include',
					name: 'includeFields',
					type: 'string',
					default: '',
					placeholder: 'e.g. _fname, CustomNumber',
					description: 'Comma-separated profile fields added to each row as "fields"',
				},
				apply: (body, value) => {
					const fields = toStringList(value);
					if (fields.length) body.fields = fields;
				},
			},
		],
	},
];

export const history: ResourceDefinition = {
	value: resource,
	name: 'Action History',
	description: 'Events of profiles: sends, opens, clicks, subscription changes',
	operations,
};
