import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { AltcraftConnection } from '../transport';
import { connect } from '../transport';
import type { PreparedItem, Unit } from './batch';
import { entryOf, planUnits, sendBatch, serializeBatch } from './batch';
import { pinnedKeyOf, throughputOf } from './common/options';
import { buildBody, checkBodySize, createItemContext, hasLoad, loadBody, mayExceedBodyLimit, runOperation } from './engine';
import { findOperation } from './index';
import type { Operation } from './types';

type Outcome = INodeExecutionData[] | Error;

/** Turns of the event loop given to a chunk's requests before the next chunk is prepared. */
const SEND_TURNS = 4;

/**
 * Runs the input items through their operation: one by one (with bounded concurrency), or grouped into the
 * platform's batch call. Every input item yields exactly one outcome; with Continue On Fail errors become items.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const outcomes: Outcome[] = new Array(items.length);
	const stopOnError = !this.continueOnFail();
	if (items.length === 0) return [[]];

	try {
		const operation = operationOf(this);
		const connection = await connect(this);
		const first = createItemContext(this, operation, 0, connection);
		const { batching, batchSize, concurrency } = throughputOf(first);
		const run = (units: Unit[]) => runInWindows(this, operation, connection, units, concurrency, outcomes, stopOnError);
		if (batching && items.length > 1) {
			// Items are prepared chunk by chunk while the previous chunk's batches are in flight: the CPU work of
			// building bodies overlaps the platform's, and no more than one chunk of bodies is held in memory.
			const chunk = batchSize * concurrency;
			let inFlight: Promise<void> = Promise.resolve();
			for (let start = 0; start < items.length; start += chunk) {
				let units: Unit[];
				try {
					units = await prepareBatches(this, operation, connection, start, Math.min(items.length, start + chunk), batchSize, outcomes, stopOnError);
				} catch (error) {
					await inFlight.catch(() => undefined);
					throw asNodeError(this, error, start);
				}
				await inFlight;
				inFlight = run(units);
				inFlight.catch(() => undefined); // handled when awaited; not an unhandled rejection meanwhile
				// Let the requests leave before the next chunk is prepared: on its way to the wire a request takes a few
				// turns of the event loop (credentials, the HTTP client, the socket), and preparing a chunk holds the loop
				// for milliseconds. Measured on 10,000 profiles (median of 7 runs): 233 ms with 4 turns, 259 ms with none,
				// 284 ms with one.
				for (let turn = 0; turn < SEND_TURNS; turn++) await sleep(0);
			}
			await inFlight;
		} else {
			await run(items.map((_, itemIndex): Unit => ({ kind: 'single', item: { itemIndex } as PreparedItem })));
		}
	} catch (error) {
		// Nothing per item could run (unknown operation, bad credential): every item gets this outcome.
		if (stopOnError) throw asNodeError(this, error, 0);
		for (let i = 0; i < items.length; i++) outcomes[i] ??= error as Error;
	}

	const output: INodeExecutionData[] = [];
	const errorOutput = this.getNode().onError === 'continueErrorOutput';
	outcomes.forEach((outcome, itemIndex) => {
		if (outcome instanceof Error) {
			const item: INodeExecutionData = { json: errorJson(outcome), pairedItem: { item: itemIndex } };
			// Under "Continue (using error output)" n8n routes items by their `error`; it then keeps only the message
			// in json. Under "Continue" the item keeps its description and error code.
			if (errorOutput) item.error = asNodeError(this, outcome, itemIndex) as NodeApiError;
			output.push(item);
		}
		else {
			// Batch results already carry their item (see batchOutcomes); the others get it here.
			for (const result of outcome ?? []) output.push(result.pairedItem ? result : { ...result, pairedItem: { item: itemIndex } });
		}
	});
	return [output];
}

function operationOf(exec: IExecuteFunctions): Operation {
	// Resource and operation take no expressions: they are the same for every item.
	const resource = exec.getNodeParameter('resource', 0) as string;
	const name = exec.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, name);
	if (!operation) throw new NodeOperationError(exec.getNode(), `The operation "${name}" of "${resource}" is not supported`);
	return operation;
}

/** Sends units with at most `concurrency` requests in flight; without Continue On Fail the first error stops new ones. */
async function runInWindows(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	units: Unit[],
	concurrency: number,
	outcomes: Outcome[],
	stopOnError: boolean,
): Promise<void> {
	// A rolling pool: a slow request (a retry waiting out a 429) holds one slot, not the whole group.
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (next < units.length && !(stopOnError && failed)) {
			const unit = units[next++];
			await runUnit(exec, operation, connection, unit, outcomes);
			const indices = unit.kind === 'batch' ? unit.batch.itemIndices : [unit.item.itemIndex];
			if (indices.some((index) => outcomes[index] instanceof Error)) failed = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, worker));
	if (stopOnError) throwFirstError(exec, outcomes);
}

/** Validates the items of a chunk before any of them is sent, then groups the valid ones into serialized batches. */
async function prepareBatches(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	from: number,
	to: number,
	batchSize: number,
	outcomes: Outcome[],
	stopOnError: boolean,
): Promise<Unit[]> {
	const prepared: PreparedItem[] = [];
	const load = hasLoad(operation);
	for (let itemIndex = from; itemIndex < to; itemIndex++) {
		try {
			const ctx = createItemContext(exec, operation, itemIndex, connection);
			// The body's size is checked below from the entry's size, which the batch plan needs anyway: one pass
			// over each item's JSON instead of two.
			const body = buildBody(ctx, false);
			// A pinned Request ID belongs to one item's request: such an item goes alone.
			if (load) await loadBody(ctx, body);
			const entry = pinnedKeyOf(ctx) ? undefined : entryOf(operation.batch!, ctx, body);
			// The shared part's JSON is no longer than its key (the key is the path plus that JSON): a UTF-8 bound.
			if (!entry || mayExceedBodyLimit(entry.bytes + 3 * entry.sharedKey.length)) checkBodySize(ctx, body);
			prepared.push({ itemIndex, policy: ctx.policy, entry });
		} catch (error) {
			if (stopOnError) throw asNodeError(exec, error, itemIndex);
			outcomes[itemIndex] = error as Error;
		}
	}
	return planUnits(prepared, batchSize).map((unit): Unit =>
		unit.kind === 'batch' ? { kind: 'batch', batch: serializeBatch(exec, operation, unit.items) } : unit,
	);
}

async function runUnit(
	exec: IExecuteFunctions,
	operation: Operation,
	connection: AltcraftConnection,
	unit: Unit,
	outcomes: Outcome[],
): Promise<void> {
	if (unit.kind === 'batch') {
		const results = await sendBatch(exec, operation, connection, unit.batch);
		unit.batch.itemIndices.forEach((itemIndex, n) => (outcomes[itemIndex] = results[n]));
		return;
	}
	const { itemIndex } = unit.item;
	try {
		outcomes[itemIndex] = await runOperation(createItemContext(exec, operation, itemIndex, connection));
	} catch (error) {
		outcomes[itemIndex] = error as Error;
	}
}

function throwFirstError(exec: IExecuteFunctions, outcomes: Outcome[]): void {
	const index = outcomes.findIndex((outcome) => outcome instanceof Error);
	if (index >= 0) throw asNodeError(exec, outcomes[index], index);
}

/** Our errors already name the item; anything else is wrapped so that it does too. */
function asNodeError(exec: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError) return new NodeApiError(exec.getNode(), error as unknown as JsonObject);
	return new NodeOperationError(exec.getNode(), error as Error, { itemIndex });
}

function errorJson(error: unknown) {
	const err = error as { message?: string; description?: string | null; httpCode?: string | null };
	return {
		error: err.message ?? String(error),
		...(err.description ? { description: err.description } : {}),
		...(err.httpCode ? { errorCode: Number(err.httpCode) || err.httpCode } : {}),
	};
}
