// @ts-check
'use strict';

/**
 * Fault injection for API requests (`/api/...`): a queue of injected faults (each for `count` requests, optionally
 * restricted to a path) and optional random faults drawn from a seeded PRNG.
 */

/**
 * @typedef {'error500' | 'error429' | 'http502' | 'http503' | 'http504' | 'dropBeforeApply' | 'dropAfterApply' | 'hang'} FaultKind
 * @typedef {{ kind: FaultKind, count?: number, path?: string | RegExp, retryAfterSec?: number }} InjectSpec
 * @typedef {{ kind: FaultKind, remaining: number, path?: string | RegExp, retryAfterSec: number }} QueuedFault
 * @typedef {Partial<Record<FaultKind, number>> & { retryAfterSec?: number, seed?: number, path?: string | RegExp }} Rates
 * @typedef {{ kind: FaultKind, retryAfterSec: number }} Fault
 */

/** @type {FaultKind[]} */
const FAULT_KINDS = ['error500', 'error429', 'http502', 'http503', 'http504', 'dropBeforeApply', 'dropAfterApply', 'hang'];

/**
 * mulberry32: small, fast, seeded PRNG in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
function mulberry32(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @param {string} p
 */
function norm(p) {
	return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

/**
 * A string matches the path exactly (trailing slash ignored) or as its tail: 'profiles/import' matches
 * '/api/v1.1/profiles/import' but not '/api/v1.1/profiles/import_batch'.
 * @param {string | RegExp | undefined} spec
 * @param {string} pathname
 */
function pathMatches(spec, pathname) {
	if (spec === undefined) return true;
	if (spec instanceof RegExp) return spec.test(pathname);
	const a = norm(pathname);
	const s = norm(spec);
	return a === s || a.endsWith(s.startsWith('/') ? s : `/${s}`);
}

class Faults {
	constructor() {
		/** @type {QueuedFault[]} */
		this.queue = [];
		/** @type {Rates | null} */
		this.rates = null;
		/** @type {(() => number) | null} */
		this._rng = null;
		/** @type {Array<{ kind: FaultKind, path: string, at: string }>} faults actually applied, in order */
		this.history = [];
	}

	/**
	 * @param {InjectSpec} spec
	 * @returns {this}
	 */
	inject(spec) {
		if (!spec || !FAULT_KINDS.includes(spec.kind)) throw new Error(`faults.inject: unknown kind ${spec && spec.kind} (use ${FAULT_KINDS.join(', ')})`);
		const count = spec.count ?? 1;
		if (!Number.isInteger(count) || count < 1) throw new Error('faults.inject: count must be a positive integer');
		this.queue.push({ kind: spec.kind, remaining: count, path: spec.path, retryAfterSec: spec.retryAfterSec ?? 1 });
		return this;
	}

	/**
	 * @param {Rates | null} rates
	 * @returns {this}
	 */
	setRates(rates) {
		if (rates === null || rates === undefined) {
			this.rates = null;
			this._rng = null;
			return this;
		}
		let sum = 0;
		for (const k of Object.keys(rates)) {
			if (k === 'retryAfterSec' || k === 'seed' || k === 'path') continue;
			if (!FAULT_KINDS.includes(/** @type {FaultKind} */ (k))) throw new Error(`faults.setRates: unknown kind ${k}`);
			const v = /** @type {number} */ (rates[/** @type {FaultKind} */ (k)]);
			if (typeof v !== 'number' || v < 0 || v > 1) throw new Error(`faults.setRates: rate of ${k} must be between 0 and 1`);
			sum += v;
		}
		if (sum > 1) throw new Error('faults.setRates: the rates add up to more than 1');
		this.rates = { ...rates };
		this._rng = mulberry32(rates.seed ?? 1);
		return this;
	}

	/** Remove queued faults and random rates (history is kept until reset). */
	clear() {
		this.queue.length = 0;
		this.rates = null;
		this._rng = null;
	}

	reset() {
		this.clear();
		this.history.length = 0;
	}

	/** @returns {number} how many injected faults are still queued (sum of remaining counts) */
	pending() {
		return this.queue.reduce((n, q) => n + q.remaining, 0);
	}

	/**
	 * The fault for this request, if any (consumes one injected fault or draws from the rates).
	 * @param {string} pathname
	 * @returns {Fault | null}
	 */
	take(pathname) {
		for (let i = 0; i < this.queue.length; i++) {
			const q = this.queue[i];
			if (!pathMatches(q.path, pathname)) continue;
			q.remaining -= 1;
			if (q.remaining <= 0) this.queue.splice(i, 1);
			return this._record({ kind: q.kind, retryAfterSec: q.retryAfterSec }, pathname);
		}
		const rates = this.rates;
		if (rates && this._rng && pathMatches(rates.path, pathname)) {
			const r = this._rng();
			let acc = 0;
			for (const k of FAULT_KINDS) {
				acc += rates[k] || 0;
				if (r < acc) return this._record({ kind: k, retryAfterSec: rates.retryAfterSec ?? 1 }, pathname);
			}
		}
		return null;
	}

	/**
	 * @param {Fault} f
	 * @param {string} pathname
	 * @returns {Fault}
	 */
	_record(f, pathname) {
		this.history.push({ kind: f.kind, path: pathname, at: new Date().toISOString() });
		return f;
	}
}

module.exports = { Faults, FAULT_KINDS, mulberry32, pathMatches };
