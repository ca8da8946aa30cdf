import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Reads an item's parameters. n8n evaluates every expression through its full engine (a data proxy and a
 * global context per evaluation), which costs far more than a large sync's HTTP. The mappings such syncs use are
 * almost always plain `{{ $json.field }}`: those are read straight from the item, which is exactly what n8n
 * would return; anything else goes through n8n. Values are memoised per item: the engine reads some
 * parameters (the matching mode, the data mode) once per field that depends on them. A parameter that holds no
 * expression at all is the same for every item: it is resolved once per execution and shared (frozen, so that no
 * item can change what the next one reads).
 */
export function itemParameterReader(exec: IExecuteFunctions, itemIndex: number) {
	const shared = sharedOf(exec);
	const memo = new Map<string, unknown>();
	const rawParameters = shared.raw;
	let itemJson: unknown;
	const json = () => (itemJson ??= shared.items()[itemIndex]?.json);

	const viaN8n = (name: string, fallback: unknown): unknown => {
		try {
			return exec.getNodeParameter(name, itemIndex, fallback as never, { extractValue: true });
		} catch (error) {
			// A parameter hidden by its display conditions is not in the node's parameters, and n8n refuses to resolve
			// it ("Could not find property"). For the node that simply means: not set, so the fallback applies.
			if (fallback !== undefined && (error as Error).message === 'Could not find property') return fallback;
			throw new NodeOperationError(exec.getNode(), error as Error, { itemIndex });
		}
	};

	return <T>(name: string, fallback?: T): T => {
		// Constants are shared by every item: no per-item memo entry for them.
		if (shared.constants.has(name)) return shared.constants.get(name) as T;
		if (memo.has(name)) return memo.get(name) as T;
		let value: unknown;
		if (!(name in rawParameters)) value = viaN8n(name, fallback);
		else {
			const raw = rawParameters[name];
			let withExpression = shared.withExpression.get(name);
			if (withExpression === undefined) shared.withExpression.set(name, (withExpression = hasExpression(raw)));
			if (withExpression) {
				const fast = resolveDirect(raw, json, shared.paths);
				value = fast !== NOT_DIRECT && fast !== undefined ? fast : viaN8n(name, fallback);
			} else {
				// No expression: n8n's answer does not depend on the item (resource locators still go through n8n once).
				const fast = resolveDirect(raw, json, shared.paths);
				// n8n may hand out its own stored object: freeze a copy, never the workflow's.
				value = deepFreeze(fast !== NOT_DIRECT && fast !== undefined ? fast : copyOf(viaN8n(name, fallback)));
				shared.constants.set(name, value);
				return value as T;
			}
		}
		memo.set(name, value);
		return value as T;
	};
}

interface SharedParameters {
	/** The node's stored parameters: read once (n8n's getNode() deep-copies the node on every call). */
	raw: Record<string, unknown>;
	items: () => Array<{ json?: unknown }>;
	/** Values of parameters without expressions, equal for every item. */
	constants: Map<string, unknown>;
	/** Whether a stored parameter holds an expression, looked at once per execution. */
	withExpression: Map<string, boolean>;
	/** Plain `{{ $json… }}` expressions read out once per execution: their property path, or null. */
	paths: JsonPaths;
}

/** Expression text → the property path it reads from `$json` (null: not a plain `$json` read). */
type JsonPaths = Map<string, string[] | null>;

/** One per execution context (n8n makes a new one for every run of the node, Retry On Fail included). */
const sharedByContext = new WeakMap<object, SharedParameters>();

function sharedOf(exec: IExecuteFunctions): SharedParameters {
	let shared = sharedByContext.get(exec);
	if (!shared) {
		let items: Array<{ json?: unknown }> | undefined;
		shared = {
			raw: (exec.getNode().parameters ?? {}) as Record<string, unknown>,
			items: () => (items ??= exec.getInputData()),
			constants: new Map(),
			withExpression: new Map(),
			paths: new Map(),
		};
		sharedByContext.set(exec, shared);
	}
	return shared;
}

/** Whether a stored parameter value holds an n8n expression anywhere (a string starting with "="). */
function hasExpression(raw: unknown): boolean {
	if (typeof raw === 'string') return raw.startsWith('=');
	if (raw === null || typeof raw !== 'object') return false;
	for (const value of Array.isArray(raw) ? raw : Object.values(raw)) if (hasExpression(value)) return true;
	return false;
}

function copyOf<T>(value: T): T {
	return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

const NOT_DIRECT = Symbol('not direct');

/** `={{ $json }}`, `={{ $json.a.b }}`, `={{ $json["a b"][0] }}`, nothing else. */
const SIMPLE_JSON_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"[^"\\]*"|'[^'\\]*')\])*)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\["([^"\\]*)"\]|\['([^'\\]*)'\]/g;

/** The property path a plain `{{ $json… }}` expression reads, or null for any other expression. */
function jsonPathOf(expression: string): string[] | null {
	const match = SIMPLE_JSON_EXPRESSION.exec(expression);
	if (!match) return null;
	return Array.from(match[1].matchAll(SEGMENT), ([, name, index, double, single]) => name ?? index ?? double ?? single);
}

/**
 * The value n8n would give, when it can be had without n8n's expression engine; NOT_DIRECT otherwise. `paths`
 * keeps each expression's parsed path, so that a large sync parses it once rather than once per item.
 */
export function resolveDirect(raw: unknown, json: () => unknown, paths?: JsonPaths): unknown {
	if (typeof raw === 'string') {
		if (!raw.startsWith('=')) return raw;
		let path = paths?.get(raw);
		if (path === undefined) {
			path = jsonPathOf(raw);
			paths?.set(raw, path);
		}
		if (path === null) return NOT_DIRECT;
		let value = json();
		for (const segment of path) {
			if (value === null || typeof value !== 'object') return NOT_DIRECT;
			value = (value as Record<string, unknown>)[segment];
		}
		// n8n's own rendering of missing values and of non-JSON objects is left to n8n.
		return value === undefined || (typeof value === 'object' && value !== null && !isPlain(value)) ? NOT_DIRECT : value;
	}
	if (Array.isArray(raw)) {
		const out: unknown[] = [];
		for (const entry of raw) {
			const value = resolveDirect(entry, json, paths);
			if (value === NOT_DIRECT) return NOT_DIRECT;
			out.push(value);
		}
		return out;
	}
	if (raw !== null && typeof raw === 'object') {
		// Resource locators may need n8n's extraction (URL modes): always n8n's.
		if ('__rl' in raw) return NOT_DIRECT;
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(raw)) {
			const value = resolveDirect((raw as Record<string, unknown>)[key], json, paths);
			if (value === NOT_DIRECT) return NOT_DIRECT;
			out[key] = value;
		}
		return out;
	}
	return raw;
}

function isPlain(value: object): boolean {
	const proto = Object.getPrototypeOf(value);
	return Array.isArray(value) || proto === Object.prototype || proto === null;
}

export { NOT_DIRECT };
