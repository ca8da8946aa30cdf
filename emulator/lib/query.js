// @ts-check
'use strict';

/**
 * A MongoDB query subset for profiles/list `query` and profiles/get_all `custom_request`:
 * field equality (arrays match when they contain the value), dot paths, $and, $or, $nor, $eq, $ne, $in, $nin,
 * $gt, $gte, $lt, $lte, $exists. Anything else → 400.
 */

const { ApiError } = require('./errors');
const { isPlainObject } = require('./params');
const { deepEqual } = require('./fields');

/** @typedef {(doc: Record<string, any>) => boolean} Predicate */

const FIELD_OPS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists']);

/**
 * Terminal values at a dot path; arrays on the way are traversed element-wise.
 * @param {any} doc
 * @param {string[]} parts
 * @returns {any[]}
 */
function valuesAt(doc, parts) {
	/** @type {any[]} */
	let cur = [doc];
	for (const part of parts) {
		/** @type {any[]} */
		const next = [];
		for (const v of cur) {
			if (Array.isArray(v)) {
				for (const el of v) if (isPlainObject(el) && Object.prototype.hasOwnProperty.call(el, part)) next.push(el[part]);
			} else if (isPlainObject(v) && Object.prototype.hasOwnProperty.call(v, part)) {
				next.push(v[part]);
			}
		}
		cur = next;
	}
	return cur;
}

/**
 * @param {any[]} vals
 * @param {(x: any) => boolean} test
 * @returns {boolean}
 */
function anyValue(vals, test) {
	for (const v of vals) {
		if (test(v)) return true;
		if (Array.isArray(v) && v.some(test)) return true;
	}
	return false;
}

/**
 * @param {any} a
 * @param {any} b
 * @returns {number | null}  null when not comparable
 */
function compare(a, b) {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
	return null;
}

/**
 * @param {string} path
 * @param {unknown} cond
 * @param {string} where
 * @returns {Predicate}
 */
function compileField(path, cond, where) {
	const parts = path === '_id' ? ['id'] : path.split('.');
	const isOps = isPlainObject(cond) && Object.keys(cond).some((k) => k.startsWith('$'));
	if (!isOps) {
		return (doc) => {
			const vals = valuesAt(doc, parts);
			if (cond === null && vals.length === 0) return true;
			return anyValue(vals, (x) => deepEqual(x, cond));
		};
	}
	const ops = /** @type {Record<string, any>} */ (cond);
	/** @type {Predicate[]} */
	const tests = [];
	for (const [op, arg] of Object.entries(ops)) {
		if (!FIELD_OPS.has(op)) throw new ApiError(400, `Parameter '${where}': unsupported operator '${op}' on field '${path}'`);
		switch (op) {
			case '$eq':
				tests.push((doc) => anyValue(valuesAt(doc, parts), (x) => deepEqual(x, arg)));
				break;
			case '$ne':
				tests.push((doc) => !anyValue(valuesAt(doc, parts), (x) => deepEqual(x, arg)));
				break;
			case '$in':
			case '$nin': {
				if (!Array.isArray(arg)) throw new ApiError(400, `Parameter '${where}': '${op}' needs an array (field '${path}')`);
				/** @type {Predicate} */
				const t = (doc) => {
					const vals = valuesAt(doc, parts);
					if (vals.length === 0 && arg.includes(null)) return true;
					return anyValue(vals, (x) => arg.some((a) => deepEqual(x, a)));
				};
				tests.push(op === '$in' ? t : (doc) => !t(doc));
				break;
			}
			case '$exists':
				if (typeof arg !== 'boolean' && arg !== 0 && arg !== 1) throw new ApiError(400, `Parameter '${where}': '$exists' needs a boolean (field '${path}')`);
				tests.push((doc) => (valuesAt(doc, parts).length > 0) === Boolean(arg));
				break;
			default: {
				if (typeof arg !== 'number' && typeof arg !== 'string') {
					throw new ApiError(400, `Parameter '${where}': '${op}' needs a number or a string (field '${path}')`);
				}
				/** @type {(c: number) => boolean} */
				const ok = op === '$gt' ? (c) => c > 0 : op === '$gte' ? (c) => c >= 0 : op === '$lt' ? (c) => c < 0 : (c) => c <= 0;
				tests.push((doc) => anyValue(valuesAt(doc, parts), (x) => {
					const c = compare(x, arg);
					return c !== null && ok(c);
				}));
			}
		}
	}
	return (doc) => tests.every((t) => t(doc));
}

/**
 * @param {unknown} q
 * @param {string} [where]  parameter name for error texts
 * @returns {Predicate}
 */
function compileQuery(q, where = 'query') {
	if (!isPlainObject(q)) throw new ApiError(400, `Parameter '${where}' must be an object`);
	/** @type {Predicate[]} */
	const tests = [];
	for (const [key, cond] of Object.entries(q)) {
		if (key === '$and' || key === '$or' || key === '$nor') {
			if (!Array.isArray(cond) || cond.length === 0) throw new ApiError(400, `Parameter '${where}': '${key}' needs a non-empty array`);
			const subs = cond.map((c) => compileQuery(c, where));
			if (key === '$and') tests.push((doc) => subs.every((t) => t(doc)));
			else if (key === '$or') tests.push((doc) => subs.some((t) => t(doc)));
			else tests.push((doc) => !subs.some((t) => t(doc)));
		} else if (key.startsWith('$')) {
			throw new ApiError(400, `Parameter '${where}': unsupported operator '${key}'`);
		} else {
			tests.push(compileField(key, cond, where));
		}
	}
	return (doc) => tests.every((t) => t(doc));
}

module.exports = { compileQuery };
