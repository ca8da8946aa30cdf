import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * The Request-ID of a modifying call. It is derived, not random, so that every kind of retry sends the same id:
 * our own backoff loop, and n8n's "Retry On Fail", which re-runs the whole node within the same execution.
 * The platform then replays the first answer instead of applying the change twice. A new execution gives new
 * ids, so a workflow that deliberately repeats a payload on its next run is not swallowed.
 */
export function deriveRequestId(
	ctx: IExecuteFunctions,
	operation: string,
	itemIndices: number[],
	body: IDataObject | Buffer,
): string {
	const node = ctx.getNode();
	const hash = createHash('sha256');
	hash.update(
		JSON.stringify([
			ctx.getExecutionId() ?? '',
			ctx.getWorkflow().id ?? '',
			node.id ?? node.name,
			operation,
			itemIndices,
		]),
	);
	// The node builds bodies deterministically from the same parameters, so plain JSON is stable enough. A batch
	// body arrives serialized: its bytes are what is hashed.
	if (Buffer.isBuffer(body)) hash.update(body);
	else for (const [key, value] of Object.entries(body)) hash.update(`${JSON.stringify(key)}${JSON.stringify(value) ?? 'null'}`);
	return asUuid(hash.digest('hex'));
}

/** A user-pinned key (Options → Request ID) is hashed too: a stable, header-safe value of UUID shape. */
export function pinnedRequestId(key: string, operation: string): string {
	return asUuid(createHash('sha256').update(`${operation}\u0000${key}`).digest('hex'));
}

function asUuid(hex: string): string {
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** JSON with sorted keys, so that equal bodies hash equally whatever order their fields were set in. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	const entries = Object.keys(value as object)
		.sort()
		.filter((key) => (value as IDataObject)[key] !== undefined)
		.map((key) => `${JSON.stringify(key)}:${stableStringify((value as IDataObject)[key])}`);
	return `{${entries.join(',')}}`;
}
