import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { AltcraftAnswer, AltcraftConnection, RetryPolicy } from '../transport';
import { callAltcraft, entryError } from '../transport';
import { deriveRequestId, stableStringify } from '../transport/requestId';
import { shapeAnswer } from './engine';
import type { BatchCounterpart, ItemContext, Operation } from './types';

/** The platform accepts 10 MB bodies by default; stay clear of it with room for the token and the envelope. */
export const MAX_BATCH_BYTES = 9 * 1024 * 1024;

export interface PreparedItem {
	itemIndex: number;
	policy: RetryPolicy;
	/** Set when the item's body can be one entry of the batch call. */
	entry?: {
		sharedKey: string;
		shared: IDataObject;
		value: unknown;
		bytes: number;
		path: string;
		entriesKey: string;
		/** Entries with the same key never travel in one batch (`reachedIds`: the profile a batch reaches once). */
		uniqueKey?: string;
	};
}

/** The item's part of its batch call, or undefined when it must be sent alone. */
export function entryOf(spec: BatchCounterpart, ctx: ItemContext, body: IDataObject): PreparedItem['entry'] {
	const route = spec.route ? spec.route(ctx) : { path: spec.path, entriesKey: spec.entriesKey };
	if (!route) return undefined;
	const split = spec.split ? spec.split(ctx, body) : asEntry(spec, body);
	if (!split || split.entry === undefined) return undefined;
	let uniqueKey: string | undefined;
	if (spec.answer === 'reachedIds') {
		// Only an entry that names its profile can be found in the answer's list of profile IDs.
		const id = (split.entry as IDataObject | null)?.profile_id;
		if (typeof id !== 'string') return undefined;
		uniqueKey = id.toLowerCase();
	}
	return {
		...route,
		shared: split.shared,
		value: split.entry,
		// Items travel together only to the same call with the same shared part.
		sharedKey: sharedKeyOf(ctx.exec, route.path, split.shared),
		// Measured without building the JSON: a string made now would live until the batch is sent, long enough to
		// reach V8's old space, and a large sync would leave it full of them (measured: +45 MB at 100,000 items).
		bytes: jsonBytes(split.entry) + 1,
		uniqueKey,
	};
}

/**
 * The last shared key built in each execution: consecutive items almost always share one, so it is built (and held)
 * once. Keyed weakly by the execution, so nothing outlives it or passes between executions.
 */
const lastShared = new WeakMap<IExecuteFunctions, { path: string; shared: IDataObject; key: string }>();

/** `path` plus the shared part's stable JSON; equal to the previous item's key string when its parts are equal. */
function sharedKeyOf(exec: IExecuteFunctions, path: string, shared: IDataObject): string {
	const last = lastShared.get(exec);
	if (last && last.path === path && samePrimitives(last.shared, shared)) return last.key;
	const key = `${path} ${stableStringify(shared)}`;
	lastShared.set(exec, { path, shared, key });
	return key;
}

/** Whether two objects hold the same keys with the same primitive values (objects inside are not compared). */
function samePrimitives(a: IDataObject, b: IDataObject): boolean {
	let count = 0;
	for (const key in a) {
		if (!Object.prototype.hasOwnProperty.call(a, key)) continue;
		const value = a[key];
		if ((value !== null && typeof value === 'object') || !Object.prototype.hasOwnProperty.call(b, key) || b[key] !== value) return false;
		count++;
	}
	for (const key in b) if (Object.prototype.hasOwnProperty.call(b, key)) count--;
	return count === 0;
}

export type Unit = { kind: 'single'; item: PreparedItem } | { kind: 'batch'; items: PreparedItem[] };

/** A single call's body as one entry plus the shared top-level part, or undefined when it must go alone. */
export function asEntry(spec: BatchCounterpart, body: IDataObject): { shared: IDataObject; entry: unknown } | undefined {
	const shared: IDataObject = {};
	const { entryFrom = 'data', perEntry = [], shared: sharedKeys = [] } = spec;
	let value = body[entryFrom];
	const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
	if (isObject) value = { ...(value as IDataObject) };
	for (const [key, keyValue] of Object.entries(body)) {
		if (key === entryFrom) continue;
		if (sharedKeys.includes(key)) shared[key] = keyValue;
		else if (perEntry.includes(key) && isObject) {
			const entry = value as IDataObject;
			// The entry's own field would be read as the identifier: a different value cannot be expressed.
			if (key in entry && stableStringify(entry[key]) !== stableStringify(keyValue)) return undefined;
			entry[key] = keyValue;
		} else return undefined; // a parameter the batch call does not take
	}
	if (value === undefined) return undefined;
	return { shared, entry: value };
}

/**
 * The UTF-8 size of a value's JSON, computed without building the string (a 100,000-item sync would otherwise
 * allocate every body twice). Exact for what the node sends; escapes of control characters are counted as \uXXXX.
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

/** Consecutive items with equal shared parts form batches, cut by count and by body size; the rest go alone. */
export function planUnits(items: PreparedItem[], maxCount: number, maxBytes = MAX_BATCH_BYTES): Unit[] {
	const units: Unit[] = [];
	let current: PreparedItem[] = [];
	let bytes = 0;
	const keys = new Set<string>();
	const flush = () => {
		if (current.length === 1) units.push({ kind: 'single', item: current[0] });
		else if (current.length > 1) units.push({ kind: 'batch', items: current });
		current = [];
		bytes = 0;
		keys.clear();
	};
	for (const item of items) {
		const entry = item.entry;
		if (!entry || entry.bytes > maxBytes) {
			flush();
			units.push({ kind: 'single', item });
			continue;
		}
		const fits =
			current.length > 0 &&
			current[0].entry!.sharedKey === entry.sharedKey &&
			current.length < maxCount &&
			bytes + entry.bytes <= maxBytes &&
			!(entry.uniqueKey !== undefined && keys.has(entry.uniqueKey));
		if (!fits) flush();
		current.push(item);
		bytes += entry.bytes;
		if (entry.uniqueKey !== undefined) keys.add(entry.uniqueKey);
	}
	flush();
	return units;
}

/** Sends one batch; every item of it gets its own outcome from the per-entry `result` array. */
export async function sendBatch(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	items: PreparedItem[],
): Promise<Array<INodeExecutionData[] | Error>> {
	const { path, entriesKey, shared } = items[0].entry!;
	const indices = items.map((item) => item.itemIndex);
	const body: IDataObject = { ...shared, [entriesKey]: items.map((item) => item.entry!.value) as IDataObject[] };
	const requestId = deriveRequestId(exec, `${operation.resource}.${operation.value}.batch`, indices, body);
	let answer;
	try {
		answer = await callAltcraft(exec, connection, items[0].policy, { path, body, requestId, itemIndex: indices[0] });
	} catch (error) {
		const err = error as Error & { description?: string };
		err.description = `${err.description ?? ''} The items ${indices[0]}–${indices[indices.length - 1]} were sent together in one batch.`.trim();
		return items.map(() => err);
	}
	return batchOutcomes(exec, operation, connection, path, items, answer);
}

/** Every item of an answered batch gets its own outcome; one the answer does not confirm gets an error. */
function batchOutcomes(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	path: string,
	items: PreparedItem[],
	answer: AltcraftAnswer,
): Array<INodeExecutionData[] | Error> {
	const kind = operation.batch?.answer ?? 'perEntry';
	const results = Array.isArray(answer.body.result) ? (answer.body.result as unknown[]) : undefined;
	const unconfirmed = (item: PreparedItem, why: string) =>
		batchItemError(exec, path, item.itemIndex, `Altcraft's answer to the batch does not confirm item ${item.itemIndex}: ${why}`, 'Its outcome is unknown. Check the data in Altcraft before sending this item again.');
	if (kind === 'counted') {
		const count = answer.body.total_count;
		if (typeof count === 'number' && count !== items.length) {
			return items.map((item) => unconfirmed(item, `it counts ${count} of the ${items.length} entries sent`));
		}
		const shaped = shapeAnswer(operation, answer);
		return items.map(() => shaped.map((result) => ({ ...result, json: { ...result.json } })));
	}
	if (kind === 'reachedIds') {
		const reached = new Set((results ?? []).map((id) => String(id).toLowerCase()));
		return items.map((item) => {
			const profileId = String((item.entry!.value as IDataObject).profile_id);
			if (!reached.has(profileId.toLowerCase())) {
				return batchItemError(
					exec,
					path,
					item.itemIndex,
					`Profile ${profileId} was not reached (item ${item.itemIndex})`,
					'Altcraft did not list this profile among those it sent to: the profile was not found, or it has no subscription that can receive this mailing.',
				);
			}
			const json: IDataObject = { success: true, profile_id: profileId };
			if (answer.duplicate) json.duplicateRequest = true;
			return [{ json }];
		});
	}
	// Per-entry results in input order (profiles/*_batch, import_and_start_batch).
	const perEntry = results !== undefined && results.length === items.length && results.every((r) => r !== null && typeof r === 'object');
	if (!perEntry) {
		const why = `it holds ${results ? results.length : 'no'} per-entry results for ${items.length} entries`;
		return items.map((item) => unconfirmed(item, why));
	}
	return items.map((item, n) => {
		const result = results[n] as IDataObject;
		if (typeof result.error === 'number' && result.error !== 0) {
			return entryError(exec, connection, path, result, item.itemIndex);
		}
		// Copied without the envelope keys rather than `delete`d: a deleted key turns an object into a slow
		// dictionary several times its size, and 100,000 of these outlive the whole execution.
		const json: IDataObject = {};
		for (const key of Object.keys(result)) if (key !== 'error' && key !== 'error_text') json[key] = result[key];
		if (answer.duplicate) json.duplicateRequest = true;
		return [{ json }];
	});
}

/** An item's outcome that the node reads from the batch answer (no error code of the platform's own). */
function batchItemError(exec: IExecuteFunctions, path: string, itemIndex: number, message: string, description: string): NodeApiError {
	const error = new NodeApiError(exec.getNode(), { path } as JsonObject, { message, description, itemIndex });
	error.message = message;
	return error;
}
