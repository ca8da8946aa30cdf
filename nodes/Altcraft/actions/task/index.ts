import { stringField } from '../common/fields';
import { apiPath } from '../../transport';
import type { Operation, ResourceDefinition } from '../types';

// Asynchronous tasks (00-interaction.md §8): exports and statistics recounts answer a task_id; tasks/status tells
// how far the task is and, once completed, its result.

const resource = 'task';

const operations: Operation[] = [
	{
		resource,
		value: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a task',
		description: 'Read the status, progress and, once completed, the result of an export or statistics task (tasks/status)',
		path: apiPath('tasks/status'),
		reference: 'task.status',
		modifying: false,
		response: 'data',
		fields: [
			stringField('task_id', {
				displayName: 'Task ID',
				name: 'taskId',
				required: true,
				placeholder: 'e.g. 6908adeb-346e-4f5e-9f68-df062bf795cf',
				description: 'The task_id answered by the call that started the task',
			}),
		],
	},
];

export const task: ResourceDefinition = {
	value: resource,
	name: 'Task',
	description: 'Asynchronous tasks: exports and statistics recounts',
	operations,
};
