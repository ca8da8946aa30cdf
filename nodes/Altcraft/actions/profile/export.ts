import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { parseCsv } from '../common/csv';
import { taskFields, waitForTask } from '../common/tasks';
import type { Field, ItemContext } from '../types';

/** Output choices of the export and the wait bound; read by exportProfiles, not sent. */
export const exportOutputFields: Field[] = [
	{
		property: {
			displayName: 'Output',
			name: 'exportOutput',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Rows', value: 'rows', description: 'One item per exported profile' },
				{ name: 'File', value: 'file', description: 'The exported file as binary data' },
				{ name: 'Task ID Only', value: 'task', description: 'Start the export and return its task ID without waiting' },
			],
			default: 'rows',
		},
	},
	{
		property: {
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the file in',
			displayOptions: { show: { exportOutput: ['file'] } },
		},
	},
	// The same wait bound as every task-starting operation, hidden when only the task ID is wanted.
	{ property: { ...taskFields[1].property, displayOptions: { hide: { exportOutput: ['task'] } } } },
];

const MIME: Record<string, string> = { csv: 'text/csv', json: 'application/json' };

/** profiles/get_all → tasks/status → GET /api/download/… (10-profiles.md §10). */
export async function exportProfiles(ctx: ItemContext, body: IDataObject): Promise<INodeExecutionData[]> {
	const started = await ctx.send({ path: ctx.operation.path, body });
	const taskId = String(((started.body.data ?? {}) as IDataObject).task_id ?? '');
	const output = ctx.param<string>('exportOutput', 'rows');
	if (output === 'task' || taskId === '') return [{ json: { task_id: taskId } }];

	const task = await waitForTask(ctx, taskId, ctx.param<number>('waitTimeout', 600) * 1000);
	const result = (task.result ?? {}) as IDataObject;
	const urls = Array.isArray(result.urls) ? (result.urls as string[]) : [];
	const summary = { task_id: taskId, total: result.total, source_type: body.source_type, source_id: body.source_id };

	const items: INodeExecutionData[] = [];
	for (const url of urls) {
		const path = url.startsWith('/') ? url : `/${url}`;
		const file = await ctx.send({ path, method: 'GET', download: true });
		const data = file.data ?? Buffer.alloc(0);
		const fileName = path.split('/').pop() || `export.${String(body.file_format ?? 'csv')}`;
		if (output === 'file') {
			const binary = await ctx.exec.helpers.prepareBinaryData(data, fileName, MIME[String(body.file_format ?? 'csv')]);
			items.push({ json: { ...summary, fileName }, binary: { [ctx.param<string>('binaryPropertyName', 'data')]: binary } });
			continue;
		}
		const text = data.toString('utf8');
		const rows = body.file_format === 'json' ? (JSON.parse(text) as IDataObject[]) : (parseCsv(text) as IDataObject[]);
		for (const row of rows) items.push({ json: row });
	}
	return output === 'file' && items.length === 0 ? [{ json: { ...summary, fileName: null } }] : items;
}
