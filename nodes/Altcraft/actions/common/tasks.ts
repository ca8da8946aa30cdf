import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { apiPath } from '../../transport';
import type { AltcraftAnswer } from '../../transport';
import type { Field, ItemContext } from '../types';

/** The fields every task-starting operation gets (Operation.task): wait for the result, or take the task ID. */
export const taskFields: Field[] = [
	{
		property: {
			displayName: 'Wait for Completion',
			name: 'waitForTask',
			type: 'boolean',
			default: true,
			description: 'Whether to wait until the task has finished and return its result, or return the task ID at once',
		},
	},
	{
		property: {
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: 'How long to wait for the task to finish',
			displayOptions: { show: { waitForTask: [true] } },
		},
	},
];

/** After a task-starting call: return { task_id } or, when asked to wait, { task_id, status, progress, result }. */
export async function finishTask(ctx: ItemContext, answer: AltcraftAnswer): Promise<INodeExecutionData[]> {
	const taskId = String(((answer.body.data ?? {}) as IDataObject).task_id ?? '');
	if (!taskId || !ctx.param<boolean>('waitForTask', true)) return [{ json: { task_id: taskId } }];
	const task = await waitForTask(ctx, taskId, ctx.param<number>('waitTimeout', 600) * 1000);
	return [{ json: { task_id: taskId, ...task } }];
}

const DONE = new Set(['completed', 'success', 'done', 'finished']);
const FAILED = new Set(['failed', 'error', 'canceled', 'cancelled']);

/**
 * Polls tasks/status (00-interaction.md §8) until the task is done, with a growing interval, bounded by timeoutMs.
 * Returns the task's `data` ({status, progress, result}).
 */
export async function waitForTask(ctx: ItemContext, taskId: string, timeoutMs: number): Promise<IDataObject> {
	const started = Date.now();
	let interval = 500;
	for (;;) {
		const answer = await ctx.send({ path: apiPath('tasks/status'), body: { task_id: taskId } });
		const data = (answer.body.data ?? {}) as IDataObject;
		const status = String(data.status ?? '').toLowerCase();
		if (DONE.has(status)) return data;
		if (FAILED.has(status)) {
			throw new NodeOperationError(ctx.exec.getNode(), `Altcraft task ${taskId} ended with status "${status}"`, {
				itemIndex: ctx.itemIndex,
				description: JSON.stringify(data.result ?? data.errors ?? {}).slice(0, 500),
			});
		}
		if (Date.now() - started + interval > timeoutMs) {
			throw new NodeOperationError(
				ctx.exec.getNode(),
				`Altcraft task ${taskId} did not finish within ${Math.round(timeoutMs / 1000)} s (status "${status || 'unknown'}", progress ${String(data.progress ?? '?')}%)`,
				{ itemIndex: ctx.itemIndex, description: 'Raise the wait timeout, or return the task ID and check it later with Task → Get Status.' },
			);
		}
		await sleep(interval);
		interval = Math.min(5000, Math.round(interval * 1.5));
	}
}
