import { stringField } from '../common/fields';
import { apiPath } from '../../transport';
import type { Operation, ResourceDefinition } from '../types';

// Sent messages (80-misc.md §2; the catalogue files this call under "misc").

const resource = 'message';

const operations: Operation[] = [
	{
		resource,
		value: 'getWebVersion',
		name: 'Get Web Version',
		action: 'Get the web version of a message',
		description: 'Read the stored browser copy of a sent e-mail: creation time, sender, subject, body (webver/get)',
		path: apiPath('webver/get'),
		reference: 'misc.getWebVersion',
		modifying: false,
		response: 'data',
		fields: [
			stringField('send_message_id', {
				displayName: 'Sent Message ID',
				name: 'sendMessageId',
				required: true,
				description: 'ID of the sent message (its web version), e.g. from an action hook event',
			}),
		],
	},
];

export const message: ResourceDefinition = {
	value: resource,
	name: 'Message',
	description: 'Sent messages',
	operations,
};
