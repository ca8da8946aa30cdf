import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AltcraftAnswer, AltcraftConnection } from '../transport';
import { callAltcraft } from '../transport';
import { deriveRequestId, pinnedRequestId } from '../transport/requestId';
import { operationFields } from './description';
import { pinnedKeyOf, retryPolicyOf } from './common/options';
import { finishTask } from './common/tasks';
import type { ItemContext, Operation } from './types';

export function createItemContext(
	exec: IExecuteFunctions,
	operation: Operation,
	itemIndex: number,
	connection: AltcraftConnection,
): ItemContext {
	const ctx: ItemContext = {
		exec,
		itemIndex,
		operation,
		connection,
		policy: undefined as never,
		param: <T>(name: string, fallback?: T) =>
			exec.getNodeParameter(name, itemIndex, fallback as never, { extractValue: true }) as T,
		send: async (call) => {
			let requestId: string | undefined;
			if (operation.modifying && call.body) {
				const key = `${operation.resource}.${operation.value}`;
				const pinned = pinnedKeyOf(ctx);
				requestId = pinned ? pinnedRequestId(pinned, key) : deriveRequestId(exec, key, [itemIndex], call.body);
			}
			return callAltcraft(exec, connection, ctx.policy, { ...call, requestId, itemIndex });
		},
	};
	ctx.policy = retryPolicyOf(ctx);
	return ctx;
}

/** Typed fields → request body. Validation happens here, before anything is sent. */
export function buildBody(ctx: ItemContext): IDataObject {
	const body: IDataObject = {};
	for (const field of operationFields(ctx.operation)) {
		if (!field.apply || !isShown(field.property, ctx)) continue;
		field.apply(body, ctx.param(field.property.name, field.property.default), ctx);
	}
	return body;
}

/** Whether a property is visible for this item's parameters (its own show/hide, not resource/operation). */
function isShown(property: INodeProperties, ctx: ItemContext): boolean {
	const { show, hide } = property.displayOptions ?? {};
	for (const [name, values] of Object.entries(show ?? {})) {
		if (name === 'resource' || name === 'operation') continue;
		if (!(values ?? []).includes(ctx.param(name) as never)) return false;
	}
	for (const [name, values] of Object.entries(hide ?? {})) {
		if ((values ?? []).includes(ctx.param(name) as never)) return false;
	}
	return true;
}

export async function runOperation(ctx: ItemContext): Promise<INodeExecutionData[]> {
	const operation = ctx.operation;
	const body = buildBody(ctx);
	if (operation.execute) return operation.execute(ctx, body);
	if (operation.paging) return fetchPages(ctx, body);
	const answer = await ctx.send({ path: operation.path, body });
	if (operation.task) return finishTask(ctx, answer);
	return shapeAnswer(operation, answer);
}

export function shapeAnswer(operation: Operation, answer: AltcraftAnswer): INodeExecutionData[] {
	const rest = { ...answer.body };
	delete rest.error;
	delete rest.error_text;
	const mark = (json: IDataObject): IDataObject => (answer.duplicate ? { ...json, duplicateRequest: true } : json);
	switch (operation.response) {
		case 'data': {
			const data = rest.data;
			if (Array.isArray(data)) return data.map((entry) => ({ json: entry as IDataObject }));
			return [{ json: mark(data && typeof data === 'object' ? (data as IDataObject) : rest) }];
		}
		case 'list':
			return (Array.isArray(rest.data) ? rest.data : []).map((entry) => ({ json: entry as IDataObject }));
		case 'deleted':
			return [{ json: mark({ deleted: true, ...((rest.data as IDataObject) ?? {}) }) }];
		default:
			return [{ json: mark(rest) }];
	}
}

/** Cursor paging (00-interaction.md §8): pass next_from_id back as from_id; stop on an empty page. */
async function fetchPages(ctx: ItemContext, body: IDataObject): Promise<INodeExecutionData[]> {
	const paging = ctx.operation.paging!;
	const returnAll = ctx.param<boolean>('returnAll', false);
	const limit = returnAll ? Infinity : Math.max(1, Number(ctx.param<number>('limit', 50)));
	const results: INodeExecutionData[] = [];
	let cursor = body[paging.cursorParam];
	while (results.length < limit) {
		const pageBody: IDataObject = {
			...body,
			[paging.limitParam]: Math.min(paging.maxPageSize, limit - results.length),
		};
		if (cursor !== undefined && cursor !== '') pageBody[paging.cursorParam] = cursor;
		const answer = await ctx.send({ path: ctx.operation.path, body: pageBody });
		const page = Array.isArray(answer.body.data) ? (answer.body.data as IDataObject[]) : [];
		if (page.length === 0) break;
		for (const entry of page.slice(0, limit - results.length)) results.push({ json: entry });
		const next = answer.body[paging.nextCursor];
		if (next === undefined || next === null || next === '' || next === cursor) break;
		cursor = next;
	}
	return results;
}
