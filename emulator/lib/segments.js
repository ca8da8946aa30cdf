// @ts-check
'use strict';

/**
 * Segments (30-segments.md): validation of the rule blocks (`segment` array of segments/add/ and update/),
 * their evaluation against profiles, and segment membership for every segment type:
 * - static: the profiles put into it (profiles/segstatic/add, add_to_segments, ...), kept in `profile.segments`;
 * - updatable: a static list rebuilt from its rules when the segment is created or updated (also kept in `profile.segments`);
 * - dynamic: evaluated every time it is used (rule blocks, or a MongoDB-subset `query` given in a seed).
 */

const { ApiError } = require('./errors');
const { isPlainObject } = require('./params');
const { compileQuery } = require('./query');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Principal} Principal
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Segment} Segment
 * @typedef {(p: Profile) => boolean} ProfilePredicate
 */

/** Operators of a rule query that the emulator evaluates (the platform's full vocabulary is not published). */
const OPERATORS = [
	'equal',
	'not_equal',
	'contains',
	'not_contains',
	'starts_with',
	'ends_with',
	'greater',
	'greater_or_equal',
	'less',
	'less_or_equal',
	'exists',
	'not_exists',
];
/** Operators that need no `value`. */
const NO_VALUE = new Set(['exists', 'not_exists']);
/** Names a query may test besides the fields of the database (read-only system values). */
const DERIVED = new Set(['id', '_createtime', '_emaildomain', '_domaingroup']);
const MAX_DEPTH = 5;

/** @param {string} what */
function ruleError(what) {
	return new ApiError(450, `Validation error: ${what}`);
}

/**
 * @param {unknown} v
 * @param {number} lo
 * @param {number} hi
 */
function intIn(v, lo, hi) {
	return Number.isInteger(v) && /** @type {number} */ (v) >= lo && /** @type {number} */ (v) <= hi;
}

/**
 * Check one query object (recursively through `child`).
 * @param {unknown} q
 * @param {string} label
 * @param {DbState} db
 * @param {number} depth
 */
function checkQuery(q, label, db, depth) {
	if (!isPlainObject(q)) throw ruleError(`${label} must be an object`);
	if (depth > MAX_DEPTH) throw ruleError(`${label}: queries are nested deeper than ${MAX_DEPTH} levels`);
	const child = q.child;
	if (child !== undefined && child !== null && !Array.isArray(child)) throw ruleError(`${label}.child must be an array`);
	const hasChildren = Array.isArray(child) && child.length > 0;
	if (typeof q.compo !== 'string' || q.compo === '') throw ruleError(`${label}.compo is required (a string such as "default")`);
	if (q.name !== undefined && q.name !== null && typeof q.name !== 'string') throw ruleError(`${label}.name must be a string`);
	const name = typeof q.name === 'string' ? q.name : '';
	if (name === '' && !hasChildren) throw ruleError(`${label}.name is required (the field being tested)`);
	if (name !== '' && !db.fields.has(name) && !DERIVED.has(name)) {
		throw ruleError(`${label}.name: '${name}' is not a field of database ${db.info.id}`);
	}
	if (q.operator !== undefined && q.operator !== null) {
		if (typeof q.operator !== 'string' || !OPERATORS.includes(q.operator)) {
			throw ruleError(`${label}.operator must be one of ${OPERATORS.join(', ')}`);
		}
	}
	const op = typeof q.operator === 'string' ? q.operator : 'equal';
	for (const k of ['type', 'condition']) {
		if (q[k] !== undefined && q[k] !== null && typeof q[k] !== 'string') throw ruleError(`${label}.${k} must be a string`);
	}
	if (typeof q.condition === 'string' && !['', 'and', 'or'].includes(q.condition)) throw ruleError(`${label}.condition must be "and", "or" or ""`);
	const value = q.value;
	if (value !== undefined && value !== null) {
		if (!Array.isArray(value)) throw ruleError(`${label}.value must be an array of {name, value} objects`);
		value.forEach((v, i) => {
			if (!isPlainObject(v)) throw ruleError(`${label}.value[${i}] must be an object {name, value}`);
			if (v.name !== undefined && typeof v.name !== 'string') throw ruleError(`${label}.value[${i}].name must be a string`);
			const t = typeof v.value;
			if (t !== 'string' && t !== 'number' && t !== 'boolean') throw ruleError(`${label}.value[${i}].value must be a string, number or boolean`);
		});
	}
	if (name !== '' && !NO_VALUE.has(op) && !(Array.isArray(value) && value.length > 0)) {
		throw ruleError(`${label}.value must hold at least one {name, value} for operator '${op}'`);
	}
	if (hasChildren) /** @type {any[]} */ (child).forEach((c, i) => checkQuery(c, `${label}.child[${i}]`, db, depth + 1));
}

/**
 * Validate the `segment` array (rule blocks). All blocks must draw from one database (visible to the token: 404).
 * @param {Store} store
 * @param {Principal} principal
 * @param {unknown[]} blocks
 * @param {number | undefined} dbId  the segment's database when already known (top-level list_id, or the existing segment's)
 * @returns {DbState}
 */
function checkRules(store, principal, blocks, dbId) {
	if (blocks.length === 0) throw ruleError("'segment' must contain at least one rule block");
	/** @type {DbState | null} */
	let db = null;
	blocks.forEach((b, i) => {
		const label = `segment[${i}]`;
		if (!isPlainObject(b)) throw ruleError(`${label} must be an object`);
		if (b.condition !== 'and' && b.condition !== 'or') throw ruleError(`${label}.condition must be "and" or "or"`);
		if (!Number.isInteger(b.list_id)) throw ruleError(`${label}.list_id is required (an integer database ID)`);
		const d = store.visibleDatabase(principal, b.list_id);
		if (!d) throw new ApiError(404, `Database ${b.list_id} not found (${label}.list_id)`);
		const want = db ? db.info.id : dbId;
		if (want !== undefined && d.info.id !== want) {
			throw ruleError(`${label}.list_id ${d.info.id}: all rule blocks of a segment must use its database ${want} (the database of a segment cannot be changed)`);
		}
		db = d;
		if (b.limit !== undefined && b.limit !== null && !intIn(b.limit, 0, Number.MAX_SAFE_INTEGER)) throw ruleError(`${label}.limit must be an integer >= 0`);
		if (b.percent_from !== undefined && b.percent_from !== null && !intIn(b.percent_from, 0, 99)) throw ruleError(`${label}.percent_from must be an integer 0-99`);
		if (b.percent_to !== undefined && b.percent_to !== null && !intIn(b.percent_to, 1, 100)) throw ruleError(`${label}.percent_to must be an integer 1-100`);
		if ((b.percent_from ?? 0) >= (b.percent_to ?? 100)) throw ruleError(`${label}: percent_from must be lower than percent_to`);
		if (!Array.isArray(b.queries) || b.queries.length === 0) throw ruleError(`${label}.queries must be a non-empty array`);
		b.queries.forEach((/** @type {unknown} */ q, /** @type {number} */ j) => checkQuery(q, `${label}.queries[${j}]`, d, 1));
	});
	return /** @type {DbState} */ (/** @type {unknown} */ (db));
}

/**
 * Values of a profile that a query tests.
 * @param {Profile} p
 * @param {string} compo
 * @param {string} name
 * @returns {any[]}
 */
function valuesOf(p, compo, name) {
	const email = typeof p.fields.email === 'string' && p.fields.email.includes('@') ? p.fields.email : '';
	const domain = email ? email.split('@')[1].toLowerCase() : '';
	if (compo === 'domaingroup' || name === '_domaingroup') return domain ? [domain.split('.')[0]] : [];
	if (name === '_emaildomain') return domain ? [domain] : [];
	if (name === 'id') return [p.id];
	if (name === '_createtime') return [p.createdAt];
	const v = p.fields[name];
	if (v === undefined || v === null || v === '') return [];
	return Array.isArray(v) ? v.filter((x) => x !== null && typeof x !== 'object') : typeof v === 'object' ? [] : [v];
}

/**
 * @param {any} pv  profile value
 * @param {any} cv  compared value
 */
function eq(pv, cv) {
	if (typeof pv === 'boolean') return pv === (cv === true || cv === 1 || String(cv).toLowerCase() === 'true' || cv === '1');
	if (typeof pv === 'number') return String(cv).trim() !== '' && Number(cv) === pv;
	return String(pv).toLowerCase() === String(cv).toLowerCase();
}

/**
 * @param {any} pv
 * @param {any} cv
 * @returns {number}
 */
function cmp(pv, cv) {
	const a = Number(pv);
	const b = Number(cv);
	if (typeof pv !== 'boolean' && Number.isFinite(a) && Number.isFinite(b) && String(cv).trim() !== '') return a - b;
	const sa = String(pv);
	const sb = String(cv);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * @param {Record<string, any>} q  a validated query
 * @returns {ProfilePredicate}
 */
function compileRuleQuery(q) {
	const op = typeof q.operator === 'string' ? q.operator : 'equal';
	const name = typeof q.name === 'string' ? q.name : '';
	const compo = String(q.compo);
	const cvs = Array.isArray(q.value) ? q.value.map((/** @type {any} */ v) => v.value) : [];
	/** @type {ProfilePredicate | null} */
	let own = null;
	if (name !== '') {
		/** @type {Record<string, (pv: any, cv: any) => boolean>} */
		const tests = {
			equal: eq,
			not_equal: eq,
			contains: (/** @type {any} */ pv, /** @type {any} */ cv) => String(pv).toLowerCase().includes(String(cv).toLowerCase()),
			not_contains: (/** @type {any} */ pv, /** @type {any} */ cv) => String(pv).toLowerCase().includes(String(cv).toLowerCase()),
			starts_with: (/** @type {any} */ pv, /** @type {any} */ cv) => String(pv).toLowerCase().startsWith(String(cv).toLowerCase()),
			ends_with: (/** @type {any} */ pv, /** @type {any} */ cv) => String(pv).toLowerCase().endsWith(String(cv).toLowerCase()),
			greater: (/** @type {any} */ pv, /** @type {any} */ cv) => cmp(pv, cv) > 0,
			greater_or_equal: (/** @type {any} */ pv, /** @type {any} */ cv) => cmp(pv, cv) >= 0,
			less: (/** @type {any} */ pv, /** @type {any} */ cv) => cmp(pv, cv) < 0,
			less_or_equal: (/** @type {any} */ pv, /** @type {any} */ cv) => cmp(pv, cv) <= 0,
			exists: () => true,
			not_exists: () => true,
		};
		const test = tests[op] || eq;
		const negate = op === 'not_equal' || op === 'not_contains';
		if (op === 'exists') own = (p) => valuesOf(p, compo, name).length > 0;
		else if (op === 'not_exists') own = (p) => valuesOf(p, compo, name).length === 0;
		else {
			own = (p) => {
				const pvs = valuesOf(p, compo, name);
				const hit = pvs.some((pv) => cvs.some((/** @type {any} */ cv) => test(pv, cv)));
				return negate ? !hit : hit;
			};
		}
	}
	const children = Array.isArray(q.child) ? q.child.map((/** @type {any} */ c) => compileRuleQuery(c)) : [];
	if (children.length === 0) return /** @type {ProfilePredicate} */ (own);
	const parts = own ? [own, ...children] : children;
	return q.condition === 'or' ? (p) => parts.some((f) => f(p)) : (p) => parts.every((f) => f(p));
}

/**
 * Profiles selected by validated rule blocks: per block, the profiles of its database matching its queries (in
 * insertion order), cut to the percent slice and the limit; the union of the blocks.
 * @param {Store} store
 * @param {any[]} blocks
 * @returns {Set<Profile>}
 */
function evaluateRules(store, blocks) {
	/** @type {Set<Profile>} */
	const out = new Set();
	for (const b of blocks) {
		const db = store.databases.get(b.list_id);
		if (!db) continue;
		const preds = b.queries.map((/** @type {any} */ q) => compileRuleQuery(q));
		const match = b.condition === 'or' ? (/** @type {Profile} */ p) => preds.some((/** @type {ProfilePredicate} */ f) => f(p)) : (/** @type {Profile} */ p) => preds.every((/** @type {ProfilePredicate} */ f) => f(p));
		let hits = db.order.filter(match);
		const from = b.percent_from ?? 0;
		const to = b.percent_to ?? 100;
		if (from > 0 || to < 100) hits = hits.slice(Math.floor((hits.length * from) / 100), Math.floor((hits.length * to) / 100));
		if (b.limit) hits = hits.slice(0, b.limit);
		for (const p of hits) out.add(p);
	}
	return out;
}

/**
 * What a MongoDB-subset query sees of a profile (same as profiles/list).
 * @param {Profile} p
 * @returns {Record<string, any>}
 */
function queryDoc(p) {
	return { ...p.fields, id: p.id, db_id: p.dbId, _createtime: p.createdAt, subscriptions: p.subscriptions };
}

/**
 * Membership test of a segment.
 * @param {Store} store
 * @param {Segment} seg
 * @returns {ProfilePredicate}
 */
function segmentPredicate(store, seg) {
	if (seg.type !== 'dynamic') return (p) => p.segments.has(seg.id);
	if (seg.rules && seg.rules.length) {
		const set = evaluateRules(store, seg.rules);
		return (p) => set.has(p);
	}
	if (seg.query) {
		const pred = compileQuery(seg.query, 'segment query');
		return (p) => p.dbId === seg.db_id && pred(queryDoc(p));
	}
	return () => false;
}

/**
 * Profiles of a segment, in insertion order.
 * @param {Store} store
 * @param {Segment} seg
 * @returns {Profile[]}
 */
function segmentProfiles(store, seg) {
	const db = store.databases.get(seg.db_id);
	if (!db) return [];
	const pred = segmentPredicate(store, seg);
	return db.order.filter(pred);
}

/**
 * Rebuild the stored membership of an updatable segment from its rules.
 * @param {Store} store
 * @param {Segment} seg
 */
function rebuildUpdatable(store, seg) {
	const db = store.databases.get(seg.db_id);
	if (!db || seg.type !== 'updatable') return;
	const set = evaluateRules(store, seg.rules || []);
	for (const p of db.order) {
		if (set.has(p)) p.segments.add(seg.id);
		else p.segments.delete(seg.id);
	}
}

module.exports = { OPERATORS, checkRules, evaluateRules, segmentPredicate, segmentProfiles, rebuildUpdatable, queryDoc };
