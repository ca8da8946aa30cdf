import { objectField, objectListFilters, returnAllFields } from '../common/fields';
import { attachmentsField, audienceOverrideFields, contentFields } from '../common/sending';
import { MAILING_LIST_FILTERS, PAGING } from '../mailing';
import { scheduledMailingFields } from '../mailing/settings';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';

// Regular mailings (41-campaigns.md part D): re-send on a schedule, never finish on their own. Cloning, activation
// and status go through the generic Mailing calls.

const resource = 'regularMailing';

const theMailing = (): Field => objectField('regularMailing', 'id');

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many regular mailings',
		description: 'List the regular mailings, optionally only active ones or by tags or groups (campaigns/regulars/list/)',
		path: apiPath('campaigns/regulars/list/'),
		reference: 'regularMailing.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [
			...returnAllFields(),
			objectListFilters(['uiTags', 'groups', 'groupsId'], [MAILING_LIST_FILTERS.isActive, MAILING_LIST_FILTERS.attributes]),
		],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a regular mailing',
		description: 'Read a regular mailing: audience, messages, schedule, limits (campaigns/regulars/get)',
		path: apiPath('campaigns/regulars/get'),
		reference: 'regularMailing.get',
		modifying: false,
		response: 'data',
		fields: [theMailing()],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a regular mailing',
		description: 'Create a mailing that sends templates to a database or segment on a schedule (campaigns/regulars/add/)',
		path: apiPath('campaigns/regulars/add/'),
		reference: 'regularMailing.add',
		modifying: true,
		response: 'data',
		fields: scheduledMailingFields({ create: true }),
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a regular mailing',
		description: 'Change the name, audience, messages and schedule of a regular mailing; the channel stays (campaigns/regulars/update/)',
		// In the docs' sidebar only: path and parameters (id + the create fields) are the reference's guess.
		path: apiPath('campaigns/regulars/update/'),
		reference: 'regularMailing.update',
		unconfirmed: true,
		modifying: true,
		response: 'success',
		fields: [theMailing(), ...scheduledMailingFields({ create: false })],
	},
	{
		resource,
		value: 'launch',
		name: 'Launch',
		action: 'Launch a regular mailing now',
		description: 'Run one extra send of an active regular mailing now, optionally to another audience and with content variables (campaigns/regulars/start)',
		path: apiPath('campaigns/regulars/start'),
		reference: 'regularMailing.start',
		modifying: true,
		response: 'success',
		fields: [theMailing(), ...audienceOverrideFields(), ...contentFields(), attachmentsField()],
	},
];

export const regularMailing: ResourceDefinition = {
	value: resource,
	name: 'Regular Mailing',
	description: 'Mailings that re-send on a schedule',
	operations,
};
