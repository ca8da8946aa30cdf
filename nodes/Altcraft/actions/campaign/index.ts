import type { FlagDefinition } from '../common/fields';
import { objectField, objectListFilters, returnAllFields } from '../common/fields';
import { isEmpty, toBoolean, toDateTime } from '../common/values';
import { MAILING_LIST_FILTERS, PAGING } from '../mailing';
import { apiPath } from '../../transport';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';

// Campaigns (41-campaigns.md part F; platform v73+; API prefix scampaigns/): containers that group mailings and
// scenarios into one strategy, with an audience and a control group. Every call names the campaign with `id`.

const resource = 'campaign';

const theCampaign = (): Field => objectField('campaign', 'id');

const STATES = [
	{ name: 'Active', value: 'active' },
	{ name: 'Cloning', value: 'cloning' },
	{ name: 'Completed', value: 'completed' },
	{ name: 'Deleted', value: 'deleted' },
	{ name: 'Inactive', value: 'inactive' },
	{ name: 'Waiting', value: 'waiting' },
];

const stateFilter: FlagDefinition = {
	key: 'state',
	property: { displayName: 'State', name: 'state', type: 'options', options: STATES, default: 'active', description: 'Only campaigns in this state' },
	convert: (_ctx: ItemContext, _label: string, value: unknown) => value,
};

/** An optional date and time sent as RFC 3339 (a date picker's local time is read in the workflow's time zone). */
const dateTimeField = (keys: string[], displayName: string, name: string, description: string): Field => ({
	property: { displayName, name, type: 'dateTime', default: '', description },
	apply: (body, value, ctx) => {
		if (isEmpty(value)) return;
		const date = toDateTime(ctx, displayName, value);
		for (const key of keys) body[key] = date;
	},
});

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many campaigns',
		description: 'List the campaigns, optionally by state, tags, groups or attributes (scampaigns/list)',
		path: apiPath('scampaigns/list'),
		reference: 'campaign.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields(), objectListFilters(['uiTags', 'groups', 'groupsId'], [stateFilter, MAILING_LIST_FILTERS.attributes])],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a campaign',
		description: 'Read a campaign: state, audience, control group, optionally its mailings and scenarios (scampaigns/get)',
		path: apiPath('scampaigns/get'),
		reference: 'campaign.get',
		modifying: false,
		response: 'data',
		fields: [
			theCampaign(),
			{
				property: {
					displayName: 'Include Marketing Activities',
					name: 'marketingActivities',
					type: 'boolean',
					default: false,
					description: 'Whether to include the mailings and scenarios of the campaign',
				},
				apply: (body, value, ctx) => {
					if (toBoolean(ctx, 'Include Marketing Activities', value)) body.marketing_activities = true;
				},
			},
		],
	},
	{
		resource,
		value: 'activate',
		name: 'Activate',
		action: 'Activate a campaign',
		description: 'Activate a campaign now or from a start date, optionally with end dates (scampaigns/activate)',
		path: apiPath('scampaigns/activate'),
		reference: 'campaign.activate',
		modifying: true,
		response: 'success',
		fields: [
			theCampaign(),
			// The parameter table names the start activate_date, the example and its note start_date (empty = now):
			// a given start goes out under both names; none activates now.
			dateTimeField(['activate_date', 'start_date'], 'Start Date', 'startDate', 'When the campaign starts; empty activates it now'),
			dateTimeField(['deactivate_date'], 'Deactivate Date', 'deactivateDate', 'When the campaign pauses'),
			dateTimeField(['completed_date'], 'Complete Date', 'completedDate', 'When the campaign completes (for good)'),
		],
	},
	{
		resource,
		value: 'deactivate',
		name: 'Deactivate',
		action: 'Deactivate a campaign',
		description: 'Pause a campaign; its settings stay and it can be activated again (scampaigns/deactivate)',
		path: apiPath('scampaigns/deactivate'),
		reference: 'campaign.deactivate',
		modifying: true,
		response: 'success',
		fields: [theCampaign()],
	},
	{
		resource,
		value: 'complete',
		name: 'Complete',
		action: 'Complete a campaign',
		description: 'End a campaign for good: sending stops and its mailings and scenarios become inactive; cannot be undone (scampaigns/completed)',
		path: apiPath('scampaigns/completed'),
		reference: 'campaign.complete',
		modifying: true,
		response: 'success',
		fields: [theCampaign()],
	},
	{
		resource,
		value: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a campaign',
		description: 'Read the state of a campaign: cloning, inactive, waiting, active, completed or deleted (scampaigns/get_status)',
		path: apiPath('scampaigns/get_status'),
		reference: 'campaign.getStatus',
		modifying: false,
		response: 'data',
		fields: [theCampaign()],
	},
];

export const campaign: ResourceDefinition = {
	value: resource,
	name: 'Campaign',
	description: 'Campaigns that group mailings and scenarios (platform v73+)',
	operations,
};
