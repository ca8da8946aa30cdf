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
	entry?: BatchEntry;
}

export interface BatchEntry {
	path: string;
	entriesKey: string;
	sharedKey: string;
	shared: IDataObject;
	/** The entry's JSON: built once, measured, then copied into its batch's body when its chunk is planned. */
	json: string;
	bytes: number;
	/** Entries with the same key never travel in one batch (`reachedIds`: the profile a batch reaches once). */
	uniqueKey?: string;
	/** The profile the entry names: a `reachedIds` answer confirms it by this ID. */
	profileId?: string;
}

/**
 * A batch ready to go: its body is serialized once, while the previous batch is still in flight, so that the next
 * request leaves as soon as the previous answer arrives. The same bytes are hashed for the Request-ID and sent by
 * every attempt; the credential adds the token.
 */
export interface BatchRequest {
	path: string;
	policy: RetryPolicy;
	itemIndices: number[];
	/** The profile each entry names, for `reachedIds` answers. */
	profileIds?: string[];
	body: Buffer;
	requestId: string;
}

/** The item's part of its batch call, or undefined when it must be sent alone. */
export function entryOf(spec: BatchCounterpart, ctx: ItemContext, body: IDataObject): BatchEntry | undefined {
	const route = spec.route ? spec.route(ctx) : { path: spec.path, entriesKey: spec.entriesKey };
	if (!route) return undefined;
	const split = spec.split ? spec.split(ctx, body) : asEntry(spec, body);
	if (!split || split.entry === undefined) return undefined;
	let profileId: string | undefined;
	if (spec.answer === 'reachedIds') {
		// Only an entry that names its profile can be found in the answer's list of profile IDs.
		const id = (split.entry as IDataObject | null)?.profile_id;
		if (typeof id !== 'string') return undefined;
		profileId = id;
	}
	// The JSON string lives only until its chunk is planned (a few milliseconds, in V8's young generation); then
	// it is copied into the batch body. Held until sending, 100,000 of them filled old space (measured: +45 MB).
	const json = JSON.stringify(split.entry);
	// Items travel together only to the same call with the same shared part.
	const { key: sharedKey, shared } = sharedPartOf(ctx.exec, route.path, split.shared);
	return {
		path: route.path,
		entriesKey: route.entriesKey,
		shared,
		json,
		bytes: Buffer.byteLength(json) + 1,
		sharedKey,
		uniqueKey: profileId?.toLowerCase(),
		profileId,
	};
}

/**
 * The last shared part built in each execution: consecutive items almost always share one, so its key is built
 * once and its object is held once, not once per item. Keyed weakly by the execution, so nothing outlives it or
 * passes between executions.
 */
const lastShared = new WeakMap<IExecuteFunctions, { path: string; shared: IDataObject; key: string }>();

/** The shared part (the previous item's object when equal) and its key: `path` plus the part's stable JSON. */
function sharedPartOf(exec: IExecuteFunctions, path: string, shared: IDataObject): { shared: IDataObject; key: string } {
	const last = lastShared.get(exec);
	if (last && last.path === path && samePrimitives(last.shared, shared)) return last;
	const part = { path, shared, key: `${path} ${stableStringify(shared)}` };
	lastShared.set(exec, part);
	return part;
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

/** What the plan makes of prepared items: batches of entries, and items that go alone. */
export type PlannedUnit = { kind: 'single'; item: PreparedItem } | { kind: 'batch'; items: PreparedItem[] };
/** What is sent: an item alone, or a serialized batch. */
export type Unit = { kind: 'single'; item: PreparedItem } | { kind: 'batch'; batch: BatchRequest };

/** A single call's body as one entry plus the shared top-level part, or undefined when it must go alone. */
export function asEntry(spec: BatchCounterpart, body: IDataObject): { shared: IDataObject; entry: unknown } | undefined {
	const shared: IDataObject = {};
	const { entryFrom = 'data', perEntry = [], shared: sharedKeys = [] } = spec;
	let value = body[entryFrom];
	const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
	if (isObject) value = { ...(value as IDataObject) };
	for (const key of Object.keys(body)) {
		if (key === entryFrom) continue;
		const keyValue = body[key];
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

/** Consecutive items with equal shared parts form batches, cut by count and by body size; the rest go alone. */
export function planUnits(items: PreparedItem[], maxCount: number, maxBytes = MAX_BATCH_BYTES): PlannedUnit[] {
	const units: PlannedUnit[] = [];
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

/** The batch call of planned items: one body holding the shared part and every entry's JSON. */
export function serializeBatch(exec: IExecuteFunctions, operation: Operation, items: PreparedItem[]): BatchRequest {
	const { path, entriesKey, shared } = items[0].entry!;
	const head = JSON.stringify(shared);
	const open = `${head.length > 2 ? `${head.slice(0, -1)},` : '{'}${JSON.stringify(entriesKey)}:[`;
	// Each entry is written straight into the body: no joined copy of the whole batch as a string first.
	let size = Buffer.byteLength(open) + 2;
	for (const item of items) size += item.entry!.bytes;
	const buffer = Buffer.alloc(size);
	let offset = buffer.write(open);
	items.forEach((item, n) => {
		if (n > 0) offset = buffer.writeUInt8(COMMA, offset);
		offset += buffer.write(item.entry!.json, offset);
	});
	offset += buffer.write(']}', offset);
	const body = buffer.subarray(0, offset); // the sizes are exact: this is the whole buffer
	const indices = items.map((item) => item.itemIndex);
	return {
		path,
		policy: items[0].policy,
		itemIndices: indices,
		profileIds: items[0].entry!.profileId === undefined ? undefined : items.map((item) => item.entry!.profileId!),
		body,
		requestId: deriveRequestId(exec, `${operation.resource}.${operation.value}.batch`, indices, body),
	};
}

const COMMA = 0x2c;

/** Sends one batch; every item of it gets its own outcome from the per-entry `result` array. */
export async function sendBatch(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	batch: BatchRequest,
): Promise<Array<INodeExecutionData[] | Error>> {
	const { path, itemIndices, body, requestId } = batch;
	const first = itemIndices[0];
	let answer;
	try {
		answer = await callAltcraft(exec, connection, batch.policy, { path, json: body, requestId, itemIndex: first });
	} catch (error) {
		const err = error as Error & { description?: string };
		err.description = `${err.description ?? ''} The items ${first}–${itemIndices[itemIndices.length - 1]} were sent together in one batch.`.trim();
		return itemIndices.map(() => err);
	}
	return batchOutcomes(exec, operation, connection, batch, answer);
}

/**
 * Every item of an answered batch gets its own outcome; one the answer does not confirm gets an error. Results are
 * made with their pairedItem here, as each answer arrives, rather than all at once after the last one.
 */
function batchOutcomes(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	{ path, itemIndices, profileIds }: BatchRequest,
	answer: AltcraftAnswer,
): Array<INodeExecutionData[] | Error> {
	const kind = operation.batch?.answer ?? 'perEntry';
	const results = Array.isArray(answer.body.result) ? (answer.body.result as unknown[]) : undefined;
	const count = itemIndices.length;
	const unconfirmed = (itemIndex: number, why: string) =>
		batchItemError(exec, path, itemIndex, `Altcraft's answer to the batch does not confirm item ${itemIndex}: ${why}`, 'Its outcome is unknown. Check the data in Altcraft before sending this item again.');
	if (kind === 'counted') {
		const counted = answer.body.total_count;
		if (typeof counted === 'number' && counted !== count) {
			return itemIndices.map((itemIndex) => unconfirmed(itemIndex, `it counts ${counted} of the ${count} entries sent`));
		}
		const shaped = shapeAnswer(operation, answer);
		return itemIndices.map((itemIndex) => shaped.map((result) => ({ ...result, json: { ...result.json }, pairedItem: { item: itemIndex } })));
	}
	if (kind === 'reachedIds') {
		const reached = new Set((results ?? []).map((id) => String(id).toLowerCase()));
		return itemIndices.map((itemIndex, n) => {
			const profileId = String(profileIds?.[n]);
			if (!reached.has(profileId.toLowerCase())) {
				return batchItemError(
					exec,
					path,
					itemIndex,
					`Profile ${profileId} was not reached (item ${itemIndex})`,
					'Altcraft did not list this profile among those it sent to: the profile was not found, or it has no subscription that can receive this mailing.',
				);
			}
			const json: IDataObject = { success: true, profile_id: profileId };
			if (answer.duplicate) json.duplicateRequest = true;
			return [{ json, pairedItem: { item: itemIndex } }];
		});
	}
	// Per-entry results in input order (profiles/*_batch, import_and_start_batch).
	const perEntry = results !== undefined && results.length === count && results.every((r) => r !== null && typeof r === 'object');
	if (!perEntry) {
		const why = `it holds ${results ? results.length : 'no'} per-entry results for ${count} entries`;
		return itemIndices.map((itemIndex) => unconfirmed(itemIndex, why));
	}
	return itemIndices.map((itemIndex, n) => {
		const result = results[n] as IDataObject;
		if (typeof result.error === 'number' && result.error !== 0) {
			return entryError(exec, connection, path, result, itemIndex);
		}
		// Copied without the envelope keys rather than `delete`d: a deleted key turns an object into a slow
		// dictionary several times its size, and 100,000 of these outlive the whole execution.
		const json: IDataObject = {};
		for (const key of Object.keys(result)) if (key !== 'error' && key !== 'error_text') json[key] = result[key];
		if (answer.duplicate) json.duplicateRequest = true;
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}

/** An item's outcome that the node reads from the batch answer (no error code of the platform's own). */
function batchItemError(exec: IExecuteFunctions, path: string, itemIndex: number, message: string, description: string): NodeApiError {
	const error = new NodeApiError(exec.getNode(), { path } as JsonObject, { message, description, itemIndex });
	error.message = message;
	return error;
}
