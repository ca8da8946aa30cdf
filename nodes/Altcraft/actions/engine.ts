import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AltcraftAnswer, AltcraftConnection } from '../transport';
import { callAltcraft } from '../transport';
import { deriveRequestId, pinnedRequestId } from '../transport/requestId';
import { operationFields } from './description';
import { inputError } from './common/values';
import { pinnedKeyOf, retryPolicyOf } from './common/options';
import { finishTask } from './common/tasks';
import { itemParameterReader } from './parameters';
import type { CursorPaging, Field, ItemContext, Operation } from './types';

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
		param: itemParameterReader(exec, itemIndex),
		send: async (call) => {
			let requestId: string | undefined;
			// Only the operation's own call changes something; follow-up reads (tasks/status, downloads) get no id.
			const modifying = operation.isModifying ? operation.isModifying(ctx) : operation.modifying;
			if (modifying && call.body && call.path === operationPath(ctx)) {
				// Variants of one operation (e.g. Remove All e-mails / domains) and custom calls may send the same body:
				// the path tells them apart.
				const byPath = operation.variants || operation.resolvePath;
				const key = `${operation.resource}.${operation.value}${byPath ? `:${call.path}` : ''}`;
				const pinned = pinnedKeyOf(ctx);
				requestId = pinned ? pinnedRequestId(pinned, key) : deriveRequestId(exec, key, [itemIndex], call.body);
			}
			return callAltcraft(exec, connection, ctx.policy, { ...call, requestId, itemIndex });
		},
	};
	ctx.policy = retryPolicyOf(ctx);
	return ctx;
}

/**
 * Typed fields → request body. Validation happens here, before anything is sent. `checkSize: false` leaves the body
 * size check to the caller (the batch path sizes each entry anyway and checks only bodies that may be too large).
 */
export function buildBody(ctx: ItemContext, checkSize = true): IDataObject {
	const body: IDataObject = {};
	const fields = fieldsOf(ctx.operation);
	for (let i = 0; i < fields.length; i++) {
		const field = fields[i];
		if (!field.apply || !isShown(field, ctx)) continue;
		field.apply(body, ctx.param(field.name, field.fallback), ctx);
	}
	if (checkSize) checkBodySize(ctx, body);
	return body;
}

/** A field with its display conditions read out once per operation (not once per field and item). */
interface CompiledField {
	name: string;
	fallback: unknown;
	apply?: Field['apply'];
	load?: Field['load'];
	show: Array<[string, unknown[]]>;
	hide: Array<[string, unknown[]]>;
}

const compiledFields = new WeakMap<Operation, CompiledField[]>();

function fieldsOf(operation: Operation): CompiledField[] {
	let fields = compiledFields.get(operation);
	if (!fields) {
		fields = operationFields(operation).map(({ property, apply, load }) => {
			const { show, hide } = property.displayOptions ?? {};
			// resource and operation are the same for every item of the operation.
			const conditions = (of: typeof show) =>
				Object.entries(of ?? {})
					.filter(([name]) => name !== 'resource' && name !== 'operation')
					.map(([name, values]): [string, unknown[]] => [name, (values ?? []) as unknown[]]);
			return { name: property.name, fallback: property.default, apply, load, show: conditions(show), hide: conditions(hide) };
		});
		compiledFields.set(operation, fields);
	}
	return fields;
}

/** Altcraft refuses request bodies over 10 MB (00-interaction.md §5); attachments (loaded later) have their own limit. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Room for what is added after the body is built: the token of the credential. */
const TOKEN_ROOM_BYTES = 1024;

/**
 * Whether a body of about this many bytes (an entry plus its shared part) could be over the limit: then the exact
 * check runs. The margin covers what a batch entry leaves out of the single call's body (the trigger's id key).
 */
export function mayExceedBodyLimit(approximateBytes: number): boolean {
	return approximateBytes + TOKEN_ROOM_BYTES + 64 * 1024 > MAX_BODY_BYTES;
}

/**
 * The UTF-8 size of a value's JSON, computed without building the string: a single call's body is serialized once,
 * by the HTTP client. Exact for what the node sends; escapes of control characters are counted as \uXXXX.
 */
export function jsonBytes(value: unknown): number {
	if (value === null || value === undefined) return 4;
	switch (typeof value) {
		case 'string': {
			let bytes = Buffer.byteLength(value) + 2;
			for (let i = 0; i < value.length; i++) {
				const code = value.charCodeAt(i);
				if (code === 34 || code === 92) bytes += 1;
				else if (code < 32) bytes += code === 8 || code === 9 || code === 10 || code === 12 || code === 13 ? 1 : 5;
			}
			return bytes;
		}
		case 'number':
		case 'boolean':
			return String(value).length;
		case 'object': {
			if (Array.isArray(value)) return value.reduce((sum: number, entry) => sum + jsonBytes(entry) + 1, 1) + (value.length ? 0 : 1);
			let bytes = 2;
			let first = true;
			// Object.keys, not Object.entries: no array per property for every item of a large sync.
			for (const key of Object.keys(value as object)) {
				const entry = (value as Record<string, unknown>)[key];
				if (entry === undefined || typeof entry === 'function') continue;
				bytes += jsonBytes(key) + 1 + jsonBytes(entry) + (first ? 0 : 1);
				first = false;
			}
			return bytes;
		}
		default:
			return 0;
	}
}

/** A body that cannot fit in one request is refused before sending, naming its largest field and the item. */
export function checkBodySize(ctx: ItemContext, body: IDataObject): void {
	const bytes = jsonBytes(body);
	if (bytes + TOKEN_ROOM_BYTES <= MAX_BODY_BYTES) return;
	const largest = largestField(body);
	throw inputError(
		ctx,
		`Field "${largest.path}"`,
		`is ${megabytes(largest.bytes)}, too large: the request would be ${megabytes(bytes)} and Altcraft accepts at most 10 MB per request`,
		`Shorten the value of "${largest.path}" for item ${ctx.itemIndex}, or store large content elsewhere and send a link.`,
	);
}

/** The field that holds most of the body: descends while one child holds at least half of its parent. */
function largestField(body: IDataObject): { path: string; bytes: number } {
	let value: unknown = body;
	let path = '';
	let bytes = jsonBytes(body);
	for (let depth = 0; depth < 8 && value !== null && typeof value === 'object'; depth++) {
		let best: { key: string; value: unknown; bytes: number } | undefined;
		for (const [key, inner] of Object.entries(value as object)) {
			const size = jsonBytes(inner);
			if (!best || size > best.bytes) best = { key, value: inner, bytes: size };
		}
		if (!best || (depth > 0 && best.bytes * 2 < bytes)) break;
		path = Array.isArray(value) ? `${path}[${best.key}]` : path ? `${path}.${best.key}` : best.key;
		value = best.value;
		bytes = best.bytes;
	}
	return { path, bytes };
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The fields' I/O after validation (Field.load), e.g. binary attachments read into the body. */
export async function loadBody(ctx: ItemContext, body: IDataObject): Promise<void> {
	for (const field of fieldsOf(ctx.operation)) {
		if (!field.load || !isShown(field, ctx)) continue;
		await field.load(body, ctx.param(field.name, field.fallback), ctx);
	}
}

/** Whether any field of the operation has I/O to do after validation (most have none: no await per item then). */
export function hasLoad(operation: Operation): boolean {
	return fieldsOf(operation).some((field) => field.load !== undefined);
}

/** Whether a field is visible for this item's parameters (its own show/hide, not resource/operation). */
function isShown(field: CompiledField, ctx: ItemContext): boolean {
	// A controlling parameter that is itself hidden reads as null: then this one is hidden too. Indexed loops: this
	// runs for every field of every item, and destructuring iterators would allocate each time.
	for (let i = 0; i < field.show.length; i++) if (!field.show[i][1].includes(ctx.param(field.show[i][0], null))) return false;
	for (let i = 0; i < field.hide.length; i++) if (field.hide[i][1].includes(ctx.param(field.hide[i][0], null))) return false;
	return true;
}

/** The path of this item's call: the operation's own, or the variant its field value picks. */
export function operationPath(ctx: ItemContext): string {
	const { variants, path, resolvePath } = ctx.operation;
	if (resolvePath) return resolvePath(ctx);
	if (!variants) return path;
	const value = String(ctx.param(variants.param, ''));
	const endpoint = variants.endpoints[value];
	if (!endpoint) {
		const label = ctx.operation.fields.find((field) => field.property.name === variants.param)?.property.displayName ?? variants.param;
		throw new NodeOperationError(ctx.exec.getNode(), `${label}: "${value}" is not supported by this operation (item ${ctx.itemIndex})`, {
			itemIndex: ctx.itemIndex,
			description: `Use one of: ${Object.keys(variants.endpoints).join(', ')}.`,
		});
	}
	return endpoint.path;
}

export async function runOperation(ctx: ItemContext): Promise<INodeExecutionData[]> {
	const results = await sendOperation(ctx);
	const simplify = ctx.operation.simplify;
	if (!simplify || !ctx.param<boolean>('simplify', true)) return results;
	return results.map((result) => ({ ...result, json: simplify(result.json, ctx) }));
}

async function sendOperation(ctx: ItemContext): Promise<INodeExecutionData[]> {
	const operation = ctx.operation;
	const path = operationPath(ctx);
	const body = buildBody(ctx);
	await loadBody(ctx, body);
	if (operation.execute) return operation.execute(ctx, body);
	if (operation.paging && 'cursorParam' in operation.paging) return fetchPages(ctx, operation.paging, path, body);
	const answer = await ctx.send({ path, body });
	if (operation.task) return finishTask(ctx, answer);
	const results = shapeAnswer(operation, answer);
	return operation.paging ? results.slice(0, limitOf(ctx)) : results;
}

/** Return All / Limit of a Get Many. */
function limitOf(ctx: ItemContext): number {
	return ctx.param<boolean>('returnAll', false) ? Infinity : Math.max(1, Number(ctx.param<number>('limit', 50)));
}

export function shapeAnswer(operation: Operation, answer: AltcraftAnswer): INodeExecutionData[] {
	const rest = { ...answer.body };
	delete rest.error;
	delete rest.error_text;
	const mark = (json: IDataObject): IDataObject => (answer.duplicate ? { ...json, duplicateRequest: true } : json);
	const dataKey = operation.dataKey ?? 'data';
	switch (operation.response) {
		case 'data': {
			const data = rest[dataKey];
			if (Array.isArray(data)) return data.map((entry) => ({ json: entry as IDataObject }));
			return [{ json: mark(data && typeof data === 'object' ? (data as IDataObject) : rest) }];
		}
		case 'list':
			return (Array.isArray(rest[dataKey]) ? (rest[dataKey] as IDataObject[]) : []).map((entry) => ({ json: entry }));
		case 'deleted': {
			// Top-level answers (e.g. deleted_count of the Market deletes) are kept next to the data object's; a bare
			// value is the deleted object's ID (templates/delete answers data = the ID).
			const { data, ...top } = rest;
			const answered = data && typeof data === 'object' ? (data as IDataObject) : typeof data === 'number' || typeof data === 'string' ? { id: data } : {};
			return [{ json: mark({ deleted: true, ...top, ...answered }) }];
		}
		case 'success': {
			if (rest.data === null || rest.data === undefined) delete rest.data;
			return [{ json: mark({ success: true, ...rest }) }];
		}
		default:
			// An answer of nothing but the envelope (the Market imports) still tells the workflow it worked.
			return [{ json: mark(Object.keys(rest).length ? rest : { success: true }) }];
	}
}

/**
 * Cursor paging (00-interaction.md §8): pass next_from_id back as from_id; stop on an empty page. The cursor is sent
 * back as the platform gave it: an opaque string (profiles, subscriptions, history) or an int (databases, resources).
 */
async function fetchPages(ctx: ItemContext, paging: CursorPaging, path: string, body: IDataObject): Promise<INodeExecutionData[]> {
	const limit = limitOf(ctx);
	const results: INodeExecutionData[] = [];
	let cursor = body[paging.cursorParam];
	while (results.length < limit) {
		const pageBody: IDataObject = {
			...body,
			[paging.limitParam]: Math.min(paging.maxPageSize, limit - results.length),
		};
		if (cursor !== undefined && cursor !== '') pageBody[paging.cursorParam] = cursor;
		const answer = await ctx.send({ path, body: pageBody });
		const data = answer.body[ctx.operation.dataKey ?? 'data'];
		const page = Array.isArray(data) ? (data as IDataObject[]) : [];
		if (page.length === 0) break;
		for (const entry of page.slice(0, limit - results.length)) results.push({ json: entry });
		let next = answer.body[paging.nextCursor];
		if ((next === undefined || next === null || next === '') && paging.lastItemCursor) {
			if (page.length < Number(pageBody[paging.limitParam])) break;
			next = page[page.length - 1][paging.lastItemCursor];
		}
		if (next === undefined || next === null || next === '' || next === cursor) break;
		cursor = next;
	}
	return results;
}
