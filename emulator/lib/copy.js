// @ts-check
'use strict';

/**
 * Deep copies of JSON-like data (what request bodies and the stored state are made of) without the cost of
 * `structuredClone`, which serialises and deserialises every value: on the profile write path it was among the top
 * costs per profile. The result is what `structuredClone` gives for such data: plain objects (own enumerable string
 * keys, in their order) and dense arrays are copied, primitives are returned. Anything else (a Date, a Map, a class
 * instance, a sparse array, an own `__proto__` key, a function) is handed to `structuredClone`, so the result (or the
 * error) is exactly its own.
 */

/**
 * @template T
 * @param {T} v
 * @returns {T}
 */
function copyData(v) {
	if (typeof v !== 'object' || v === null) {
		if (typeof v === 'function' || typeof v === 'symbol') return structuredClone(v);
		return v;
	}
	const out = copyOrNull(v);
	return out === NOT_PLAIN ? structuredClone(v) : /** @type {T} */ (out);
}

const NOT_PLAIN = Symbol('not plain data');

/**
 * @param {unknown} v
 * @returns {unknown}  the copy, or NOT_PLAIN when `v` (or anything inside it) is not plain data
 */
function copyOrNull(v) {
	if (typeof v !== 'object' || v === null) {
		return typeof v === 'function' || typeof v === 'symbol' ? NOT_PLAIN : v;
	}
	if (Array.isArray(v)) {
		if (Object.getPrototypeOf(v) !== Array.prototype) return NOT_PLAIN;
		const n = v.length;
		const out = new Array(n);
		for (let i = 0; i < n; i++) {
			if (!(i in v)) return NOT_PLAIN;
			const x = v[i];
			if (typeof x !== 'object' || x === null) {
				if (typeof x === 'function' || typeof x === 'symbol') return NOT_PLAIN;
				out[i] = x;
			} else {
				const c = copyOrNull(x);
				if (c === NOT_PLAIN) return NOT_PLAIN;
				out[i] = c;
			}
		}
		return out;
	}
	const proto = Object.getPrototypeOf(v);
	if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
	/** @type {Record<string, unknown>} */
	const src = /** @type {Record<string, unknown>} */ (v);
	/** @type {Record<string, unknown>} */
	const out = {};
	for (const k of Object.keys(src)) {
		if (k === '__proto__') return NOT_PLAIN;
		const x = src[k];
		if (typeof x !== 'object' || x === null) {
			if (typeof x === 'function' || typeof x === 'symbol') return NOT_PLAIN;
			out[k] = x;
		} else {
			const c = copyOrNull(x);
			if (c === NOT_PLAIN) return NOT_PLAIN;
			out[k] = c;
		}
	}
	return out;
}

module.exports = { copyData };
