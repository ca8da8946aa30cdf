import { returnAllFields } from '../common/fields';
import { PAGING } from '../mailing';
import { apiPath } from '../../transport';
import type { Operation, ResourceDefinition } from '../types';

// Senders (71-senders.md §1): the delivery agents (mail servers, SMS gateways). Read-only in the user API; the
// administrator API that manages them is out of scope.

const resource = 'sender';

const operations: Operation[] = [
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many senders',
		description: 'List the senders (mail servers, SMS gateways) with their type and channel (senders/list)',
		path: apiPath('senders/list'),
		reference: 'sender.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields()],
	},
];

export const sender: ResourceDefinition = {
	value: resource,
	name: 'Sender',
	description: 'The delivery agents (read-only)',
	operations,
};
