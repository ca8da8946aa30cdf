import type { FlagDefinition } from '../common/fields';
import { objectField, objectListFilters, returnAllFields, stringField, switchFlag } from '../common/fields';
import { attachmentsField, audienceOverrideFields, contentFields } from '../common/sending';
import { parseJsonObject, toBoolean, toDateTime, toInteger } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Any mailing, whatever its kind (41-campaigns.md part C): the API paths say "campaigns", the current UI says
// "mailing". Every call names the mailing with `id`.

const resource = 'mailing';

const theMailing = (): Field => objectField('mailing', 'id');

export const PAGING = fromIdPaging(1000);

/** Filters of the mailing list calls besides tags and groups. */
export const MAILING_LIST_FILTERS = {
	type: {
		key: 'type',
		property: {
			displayName: 'Type',
			name: 'type',
			type: 'options',
			options: [
				{ name: 'Broadcast', value: 'broadcast' },
				{ name: 'Regular', value: 'regular' },
				{ name: 'Split Test', value: 'splittest' },
				{ name: 'Trigger', value: 'trigger' },
			],
			default: 'trigger',
			description: 'Only mailings of this kind',
		},
		convert: (_ctx: ItemContext, _label: string, value: unknown) => value,
	},
	isActive: switchFlag('is_active', 'Active', 'isActive', 'Whether to list only active mailings (on) or only inactive ones (off)', true),
	attributes: {
		key: 'attributes',
		property: {
			displayName: 'Attributes (JSON)',
			name: 'attributes',
			type: 'json',
			default: '{}',
			description: 'Attribute filter, e.g. {"season": {"options": ["spring_2024"]}}',
		},
		convert: parseJsonObject,
	},
} satisfies Record<string, FlagDefinition>;

const copyName = (): Field =>
	stringField('name', { displayName: 'Name of the Copy', name: 'name', placeholder: 'e.g. Welcome (copy)', description: 'Empty gives the platform default name' });

const operations: Operation[] = [
	{
		resource,
		value: 'activate',
		name: 'Activate',
		action: 'Activate a mailing',
		description: 'Activate a mailing; optionally send it right now, to another database or segment and with content variables (campaigns/activate/)',
		path: apiPath('campaigns/activate/'),
		reference: 'mailing.activate',
		modifying: true,
		response: 'success',
		fields: [
			theMailing(),
			{
				property: { displayName: 'Send Now', name: 'runNow', type: 'boolean', default: false, description: 'Whether to start sending immediately' },
				apply: (body, value, ctx) => {
					if (toBoolean(ctx, 'Send Now', value)) body.run_now = true;
				},
			},
			...audienceOverrideFields({ runNow: [true] }),
			...contentFields(),
			attachmentsField(),
		],
	},
	{
		resource,
		value: 'deactivate',
		name: 'Deactivate',
		action: 'Deactivate a mailing',
		description: 'Stop a mailing; messages already queued still go out unless aborted (campaigns/deactivate)',
		path: apiPath('campaigns/deactivate'),
		reference: 'mailing.deactivate',
		modifying: true,
		response: 'success',
		fields: [
			theMailing(),
			{
				property: {
					displayName: 'Abort Queued Messages',
					name: 'abortIfRunning',
					type: 'boolean',
					default: false,
					description: 'Whether to drop the messages still queued instead of letting them go out',
				},
				apply: (body, value, ctx) => {
					if (toBoolean(ctx, 'Abort Queued Messages', value)) body.abort_if_running = true;
				},
			},
		],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many mailings',
		description: 'List the mailings of every kind, optionally by type, state, tags or groups (campaigns/list)',
		path: apiPath('campaigns/list'),
		reference: 'mailing.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [
			...returnAllFields(),
			objectListFilters(['uiTags', 'groups', 'groupsId'], [MAILING_LIST_FILTERS.type, MAILING_LIST_FILTERS.isActive, MAILING_LIST_FILTERS.attributes]),
		],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a mailing',
		description: 'Read the settings of a mailing of any kind: type, state, audience, messages (campaigns/get)',
		path: apiPath('campaigns/get'),
		reference: 'mailing.get',
		modifying: false,
		response: 'data',
		fields: [theMailing()],
	},
	{
		resource,
		value: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a mailing',
		description: 'Whether a mailing is active or completed, and its status text (campaigns/get_status)',
		path: apiPath('campaigns/get_status'),
		reference: 'mailing.getStatus',
		modifying: false,
		response: 'data',
		fields: [theMailing()],
	},
	{
		resource,
		value: 'getLog',
		name: 'Get Log',
		action: 'Get the log of a mailing',
		description: 'Read the log entries of a mailing (level, message, time), optionally from a given time (campaigns/log_v2)',
		path: apiPath('campaigns/log_v2'),
		reference: 'mailing.getLog',
		modifying: false,
		response: 'list',
		fields: [
			theMailing(),
			{
				property: { displayName: 'From Time', name: 'fromTime', type: 'dateTime', default: '', description: 'Only entries from this time on' },
				apply: (body, value, ctx) => {
					if (value !== '' && value !== undefined && value !== null) body.from_time = toDateTime(ctx, 'From Time', value);
				},
			},
			{
				property: {
					displayName: 'Limit',
					name: 'limit',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 50,
					description: 'Max number of results to return',
				},
				apply: (body, value, ctx) => {
					body.limit = toInteger(ctx, 'Limit', value, { min: 1 });
				},
			},
		],
	},
	{
		resource,
		value: 'clone',
		name: 'Clone',
		action: 'Clone a mailing',
		description: 'Copy a mailing with its content and settings into a new one (campaigns/clone)',
		path: apiPath('campaigns/clone'),
		reference: 'mailing.clone',
		modifying: true,
		response: 'data',
		// The page shows the path; id and an optional name of the copy are the reference's reading of it.
		fields: [theMailing(), copyName()],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a mailing',
		description: 'Delete a mailing of any kind (campaigns/delete)',
		// In the docs' sidebar only: path and `id` are the reference's guess.
		path: apiPath('campaigns/delete'),
		reference: 'mailing.delete',
		unconfirmed: true,
		modifying: true,
		response: 'deleted',
		fields: [theMailing()],
	},
];

export const mailing: ResourceDefinition = {
	value: resource,
	name: 'Mailing',
	description: 'Any mailing (broadcast, regular, trigger, split test): activate, stop, status, log',
	operations,
};

export { copyName };
