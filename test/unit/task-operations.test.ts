import { ok, operationRows, validationRows, type Row } from '../helpers/operationRows';

// Task operations (00-interaction.md §8): tasks/status with the task_id a task-starting call answered.

const rows: Row[] = [
	{
		title: 'Get Status of a finished export',
		params: { resource: 'task', operation: 'getStatus', taskId: '6908adeb-346e-4f5e-9f68-df062bf795cf', options: {} },
		path: '/api/v1.1/tasks/status',
		body: { task_id: '6908adeb-346e-4f5e-9f68-df062bf795cf' },
		answer: { ...ok, data: { status: 'completed', progress: 100, result: { total: 2, urls: ['/api/download/x.csv'] } } },
		output: [{ status: 'completed', progress: 100, result: { total: 2, urls: ['/api/download/x.csv'] } }],
	},
];

describe('Task operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Task input validation', () => {
	validationRows([
		{ title: 'Get Status without a task ID', params: { resource: 'task', operation: 'getStatus', taskId: '', options: {} }, message: 'Task ID: is required (item 0)' },
	]);
});
