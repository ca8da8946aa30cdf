import { objectField, returnAllFields } from '../common/fields';
import { audienceOverrideFields } from '../common/sending';
import { PAGING } from '../mailing';
import { scheduledMailingFields } from '../mailing/settings';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';

// Broadcast mailings (41-campaigns.md part E): one pass over an audience. Only create and launch are documented;
// list, get and update exist in the docs' sidebar, their paths are the reference's guesses by analogy with the
// regular mailings. Mailing → Get Many with type "broadcast", Get and Get Status work for broadcasts in any case.

const resource = 'broadcastMailing';

const theMailing = (): Field => objectField('broadcastMailing', 'id');

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many broadcast mailings',
		description: 'List the broadcast mailings (campaigns/broadcasts/list/)',
		path: apiPath('campaigns/broadcasts/list/'),
		reference: 'broadcastMailing.list',
		unconfirmed: true,
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields()],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a broadcast mailing',
		description: 'Read a broadcast mailing: audience, messages, schedule, limits (campaigns/broadcasts/get)',
		path: apiPath('campaigns/broadcasts/get'),
		reference: 'broadcastMailing.get',
		unconfirmed: true,
		modifying: false,
		response: 'data',
		fields: [theMailing()],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a broadcast mailing',
		description: 'Create a one-time mailing of templates to a database or segment (campaigns/broadcasts/add)',
		path: apiPath('campaigns/broadcasts/add'),
		reference: 'broadcastMailing.add',
		modifying: true,
		response: 'data',
		fields: scheduledMailingFields({ create: true }),
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a broadcast mailing',
		description: 'Change the name, audience, messages and schedule of a broadcast mailing; the channel stays (campaigns/broadcasts/update/)',
		path: apiPath('campaigns/broadcasts/update/'),
		reference: 'broadcastMailing.update',
		unconfirmed: true,
		modifying: true,
		response: 'success',
		fields: [theMailing(), ...scheduledMailingFields({ create: false })],
	},
	{
		resource,
		value: 'launch',
		name: 'Launch',
		action: 'Launch a broadcast mailing now',
		description: 'Start an active broadcast mailing now, optionally to another database or segment (campaigns/broadcasts/start)',
		path: apiPath('campaigns/broadcasts/start'),
		reference: 'broadcastMailing.start',
		modifying: true,
		response: 'success',
		// Whether content and attach are accepted here too is not confirmed: only the overrides are documented.
		fields: [theMailing(), ...audienceOverrideFields()],
	},
];

export const broadcastMailing: ResourceDefinition = {
	value: resource,
	name: 'Broadcast Mailing',
	description: 'One-time mailings to a database or segment',
	operations,
};
