// @ts-check
'use strict';

/**
 * Profile relations (11-subscriptions.md §11–16): attach (path unconfirmed), detach, strengthen, edit, get,
 * get_counter. A relation type `rel_id` links a profile of its database A (`profile_a`, the recipient) with a
 * profile of its database B (`profile_b`, the initiator); every link carries properties (`weights`).
 *
 * Profile identification: `profile_a` / `profile_b` objects (write calls) or the top level (get, get_counter) carry
 * the identifier fields. The mode is the object's own `matching`, else the top-level `matching`, else inferred from
 * the identifier present (`profile_id` → profile_id, `email` → email, `phone` → phone, `field_name` → custom), so the
 * documented examples with only `{profile_id}` work. Allowed modes: email, email_profile, phone, profile_id, custom.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { readMatching, readIdent, checkFieldName, resolveOne } = require('../lib/matching');
const { Store } = require('../store');
const { requireDb, checkMatchingResource } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').RelationType} RelationType
 * @typedef {import('../store').Relation} Relation
 * @typedef {import('../lib/matching').Ident} Ident
 * @typedef {{ label: string, mode: string, ident: Ident, resourceId: number | undefined }} ProfileRef
 */

const REL_MODES = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];

/**
 * Read (400 checks only) the identification of a profile from `src` (a profile_a/profile_b object or the body).
 * @param {Record<string, any>} body
 * @param {Record<string, any>} src
 * @param {string} label  '' for the top level, else 'profile_a' / 'profile_b'
 * @returns {ProfileRef}
 */
function readRef(body, src, label) {
	const prefix = label ? `${label}.` : '';
	const explicit = src.matching ?? body.matching;
	let mode;
	if (explicit !== undefined && explicit !== null && explicit !== '') {
		mode = readMatching({ matching: explicit }, REL_MODES, 'the relations calls');
	} else if (src.profile_id !== undefined && src.profile_id !== null) mode = 'profile_id';
	else if (src.email !== undefined && src.email !== null) mode = 'email';
	else if (src.phone !== undefined && src.phone !== null) mode = 'phone';
	else if ((src.field_name ?? body.field_name) !== undefined) mode = 'custom';
	else throw new ApiError(400, `Parameter '${prefix}profile_id' (or another identifier: email, phone, field_name + field_value) is required`);
	const fieldName = mode === 'custom' ? (typeof src.field_name === 'string' ? src.field_name : P.optString(body, 'field_name')) : undefined;
	const ident = readIdent(src, mode, { prefix, fieldName });
	const resourceId = P.optInt(src, 'resource_id', `${prefix}resource_id`) ?? P.optInt(body, 'resource_id');
	return { label: label || 'profile', mode, ident, resourceId };
}

/**
 * @param {HandlerContext} ctx
 * @param {DbState} db
 * @param {ProfileRef} ref
 * @returns {Profile}
 */
function resolveRef(ctx, db, ref) {
	checkFieldName(db, ref.mode, ref.ident.field_name);
	checkMatchingResource(ctx, ref.resourceId, db);
	const p = resolveOne(ctx.store, db, ref.mode, ref.ident, ref.resourceId);
	if (!p) throw new ApiError(404, `Profile of ${ref.label} not found in database ${db.info.id} (matching '${ref.mode}')`);
	return p;
}

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {RelationType}
 */
function requireRelType(ctx, id) {
	const t = ctx.store.visibleRelationType(ctx.principal, id);
	if (!t) throw new ApiError(404, `Relation type ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return t;
}

/**
 * @param {Record<string, any> | undefined} w
 * @param {'number' | 'value'} kind  number: finite numbers only (strengthen); value: numbers or booleans
 * @returns {Array<[string, number | boolean]>}
 */
function checkWeights(w, kind) {
	if (!w) return [];
	const entries = Object.entries(w);
	if (entries.length === 0) throw new ApiError(450, "Validation error: 'weights' must name at least one property");
	for (const [k, v] of entries) {
		const ok = (typeof v === 'number' && Number.isFinite(v)) || (kind === 'value' && typeof v === 'boolean');
		if (!ok) throw new ApiError(450, `Validation error: weights.${k} must be ${kind === 'number' ? 'a number' : 'a number or a boolean'}`);
	}
	return /** @type {Array<[string, number | boolean]>} */ (entries);
}

/**
 * attach / detach / strengthen / edit.
 * @param {HandlerContext} ctx
 * @param {'attach' | 'detach' | 'strengthen' | 'edit'} op
 */
function write(ctx, op) {
	const b = ctx.body;
	P.checkFormat(b);
	const relId = P.reqInt(b, 'rel_id');
	const a = P.reqObject(b, 'profile_a');
	const bb = P.reqObject(b, 'profile_b');
	const refA = readRef(b, a, 'profile_a');
	const refB = readRef(b, bb, 'profile_b');
	const weightsObj = op === 'strengthen' || op === 'edit' ? P.reqObject(b, 'weights') : op === 'attach' ? P.optObject(b, 'weights') : undefined;
	P.optBool(b, 'skip_triggers', false);
	const type = requireRelType(ctx, relId);
	const weights = checkWeights(weightsObj, op === 'strengthen' ? 'number' : 'value');
	const pa = resolveRef(ctx, requireDb(ctx, type.db_a), refA);
	const pb = resolveRef(ctx, requireDb(ctx, type.db_b), refB);
	if (pa === pb) throw new ApiError(450, 'Validation error: profile_a and profile_b are the same profile');
	const key = Store.relationKey(relId, pa.id, pb.id);
	const existing = ctx.store.relations.get(key);
	if (op === 'attach' && existing) throw new ApiError(409, `Profiles ${pa.id} and ${pb.id} are already linked by relation ${relId}`);
	if (op === 'detach' && !existing) throw new ApiError(404, `Profiles ${pa.id} and ${pb.id} are not linked by relation ${relId}`);
	if (op === 'strengthen' && existing) {
		for (const [k] of weights) {
			if (typeof existing.props[k] === 'boolean') throw new ApiError(450, `Validation error: property '${k}' holds a boolean and cannot be increased or decreased`);
		}
	}

	if (op === 'detach') {
		ctx.store.relations.delete(key);
	} else {
		/** @type {Relation} */
		const rel = existing || { relId, a: pa.id, b: pb.id, dbA: type.db_a, dbB: type.db_b, props: {}, createdAt: ctx.now, updatedAt: ctx.now };
		for (const [k, v] of weights) {
			if (op === 'strengthen') rel.props[k] = (typeof rel.props[k] === 'number' ? /** @type {number} */ (rel.props[k]) : 0) + /** @type {number} */ (v);
			else rel.props[k] = v;
		}
		rel.updatedAt = ctx.now;
		if (!existing) ctx.store.relations.set(key, rel);
	}
	ctx.ledger(`relation.${op}`, type.db_a, pa.id, {
		rel_id: relId,
		profile_b: pb.id,
		created: op !== 'detach' && !existing,
		...(weightsObj ? { weights: structuredClone(weightsObj) } : {}),
	});
	return { error_text: '', profile_a: pa.id, profile_b: pb.id, relation_id: relId };
}

/**
 * @param {Record<string, number | boolean>} props
 * @returns {Record<string, { value: number | boolean }>}
 */
function wrapProps(props) {
	return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, { value: v }]));
}

/**
 * @param {HandlerContext} ctx
 * @returns {{ type: RelationType, p: Profile, links: Relation[] }}
 */
function readTop(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const relId = P.reqInt(b, 'rel_id');
	const ref = readRef(b, b, '');
	const type = requireRelType(ctx, relId);
	const p = resolveRef(ctx, requireDb(ctx, type.db_a), ref);
	const links = [...ctx.store.relations.values()].filter((r) => r.relId === relId && r.a === p.id);
	return { type, p, links };
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const { links } = readTop(ctx);
	return {
		data: links.map((r) => ({
			profile_id_a: r.a,
			xxh_a: ctx.store.xxh(r.a),
			profile_id_b: r.b,
			xxh_b: ctx.store.xxh(r.b),
			db_b: r.dbB,
			props: wrapProps(r.props),
		})),
		total_count: links.length,
	};
}

/**
 * Aggregated properties of all links of the profile: numbers are summed; a boolean property counts the links where it
 * is true.
 * @param {HandlerContext} ctx
 */
function getCounter(ctx) {
	const { p, links } = readTop(ctx);
	/** @type {Record<string, number>} */
	const sum = {};
	for (const r of links) {
		for (const [k, v] of Object.entries(r.props)) sum[k] = (sum[k] || 0) + (typeof v === 'boolean' ? (v ? 1 : 0) : v);
	}
	return { data: { profile_id: p.id, profile_xxh: ctx.store.xxh(p.id), props: wrapProps(sum) } };
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/relations/attach': { modifying: true, handle: (ctx) => write(ctx, 'attach') },
	'/api/v1.1/relations/detach': { modifying: true, handle: (ctx) => write(ctx, 'detach') },
	'/api/v1.1/relations/strengthen': { modifying: true, handle: (ctx) => write(ctx, 'strengthen') },
	'/api/v1.1/relations/edit': { modifying: true, handle: (ctx) => write(ctx, 'edit') },
	'/api/v1.1/relations/get': { modifying: false, handle: get },
	'/api/v1.1/relations/get_counter': { modifying: false, handle: getCounter },
};
