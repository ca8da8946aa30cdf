// @ts-check
'use strict';

/**
 * Segments section (30-segments.md): segments/list/, get/, add/, update/, delete/ (path unconfirmed),
 * get_counters, refresh_counters (task), and the static-segment membership calls profiles/segstatic/add, remove and
 * list (the last one's path is the emulator's choice: the reference has none).
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { checkRules, segmentProfiles, rebuildUpdatable } = require('../lib/segments');
const { countSubscriptions, refreshCountersTask, sendableOnly } = require('../lib/counters');
const { encodeProfileCursor, decodeProfileCursor } = require('../lib/cursor');
const { toApiProfile } = require('../store');
const {
	requireDb,
	pageById,
	readIntPaging,
	readProfileId,
	requireProfile,
	requireSegment,
	requireLinkedResource,
	readFeedback,
	matchesGroups,
} = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').Segment} Segment
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 */

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const f = { ui_tags: P.optStringArray(b, 'ui_tags'), groups: P.optStringArray(b, 'groups'), groupsId: P.optIntArray(b, 'groups_id') };
	const items = ctx.store.visibleSegments(ctx.principal).filter((s) => matchesGroups(f, s));
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return {
		data: page.map((s) => ({ id: s.id, name: s.name, ui_tags: s.ui_tags.slice(), Groups: s.groups.map((g) => ({ Id: g.id, Name: g.name })) })),
		next_from_id,
		total_count,
	};
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const seg = requireSegment(ctx, P.reqInt(b, 'id'));
	return {
		data: {
			count: segmentProfiles(ctx.store, seg).length,
			id: seg.id,
			name: seg.name,
			segment: seg.rules ? structuredClone(seg.rules) : [],
		},
	};
}

/**
 * The `segment` parameter: absent → undefined; not an array → 400.
 * @param {Record<string, any>} b
 * @returns {any[] | undefined}
 */
function readRules(b) {
	const v = b.segment;
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v)) throw new ApiError(400, "Parameter 'segment' must be an array of rule blocks");
	return v;
}

/**
 * @param {HandlerContext} ctx
 * @param {string} name
 * @param {number} [exceptId]
 */
function checkNameFree(ctx, name, exceptId) {
	for (const s of ctx.store.segments.values()) {
		if (s.accountId === ctx.principal.accountId && s.id !== exceptId && s.name.toLowerCase() === name.toLowerCase()) {
			throw new ApiError(409, `A segment named '${name}' already exists (id ${s.id})`);
		}
	}
}

/** @param {HandlerContext} ctx */
function add(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const name = P.reqString(b, 'name');
	const isStatic = P.optBool(b, 'is_static', false);
	const refreshDaily = P.optBool(b, 'is_refresh_daily', false);
	const listId = P.optInt(b, 'list_id');
	const rules = readRules(b);
	const hasRules = rules !== undefined && rules.length > 0;
	/** @type {Segment['type']} */
	const type = !isStatic ? 'dynamic' : hasRules ? 'updatable' : 'static';
	if (type === 'static' && listId === undefined) throw new ApiError(400, "Parameter 'list_id' is required for a static segment");
	if (type === 'dynamic' && rules === undefined) throw new ApiError(400, "Parameter 'segment' (rule blocks) is required for a dynamic segment");
	/** @type {DbState | null} */
	let db = listId !== undefined ? requireDb(ctx, listId) : null;
	if (type !== 'static') db = checkRules(ctx.store, ctx.principal, /** @type {any[]} */ (rules), listId);
	checkNameFree(ctx, name);
	/** @type {Segment} */
	const seg = {
		id: ctx.store.nextSegmentId(),
		accountId: ctx.principal.accountId,
		db_id: /** @type {DbState} */ (db).info.id,
		name,
		type,
		rules: type === 'static' ? undefined : structuredClone(rules),
		is_refresh_daily: refreshDaily,
		ui_tags: [],
		groups: [{ id: 0, name: 'main' }],
	};
	ctx.store.segments.set(seg.id, seg);
	rebuildUpdatable(ctx.store, seg);
	ctx.ledger('segment.add', seg.db_id, null, { id: seg.id, name, type });
	return { data: { saved_id: seg.id } };
}

/** @param {HandlerContext} ctx */
function update(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const name = P.reqString(b, 'name');
	const listId = P.optInt(b, 'list_id');
	const isStatic = b.is_static === undefined || b.is_static === null ? undefined : P.optBool(b, 'is_static', false);
	const refreshDaily = b.is_refresh_daily === undefined || b.is_refresh_daily === null ? undefined : P.optBool(b, 'is_refresh_daily', false);
	const rules = readRules(b);
	const seg = requireSegment(ctx, id);
	if (seg.type === 'static' && listId === undefined) throw new ApiError(400, "Parameter 'list_id' is required for a static segment");
	if (seg.type !== 'static' && rules === undefined) throw new ApiError(400, `Parameter 'segment' (rule blocks) is required for a ${seg.type} segment`);
	if (listId !== undefined) requireDb(ctx, listId);
	if (isStatic !== undefined && isStatic !== (seg.type !== 'dynamic')) {
		throw new ApiError(450, `Validation error: the type of segment ${id} (${seg.type}) cannot be changed`);
	}
	if (listId !== undefined && listId !== seg.db_id) {
		throw new ApiError(450, `Validation error: segment ${id} belongs to database ${seg.db_id}; its database cannot be changed`);
	}
	if (seg.type === 'static' && rules !== undefined && rules.length > 0) {
		throw new ApiError(450, `Validation error: segment ${id} is static and has no rules (create an updatable segment instead)`);
	}
	if (seg.type !== 'static') checkRules(ctx.store, ctx.principal, /** @type {any[]} */ (rules), seg.db_id);
	checkNameFree(ctx, name, id);
	seg.name = name;
	if (seg.type !== 'static') seg.rules = structuredClone(rules);
	if (refreshDaily !== undefined) seg.is_refresh_daily = refreshDaily;
	rebuildUpdatable(ctx.store, seg);
	ctx.ledger('segment.update', seg.db_id, null, { id, name, ...(seg.type !== 'static' ? { segment: structuredClone(rules) } : {}) });
	return {};
}

/** @param {HandlerContext} ctx */
function del(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const seg = requireSegment(ctx, P.reqInt(b, 'id'));
	const db = ctx.store.databases.get(seg.db_id);
	if (db) for (const p of db.order) p.segments.delete(seg.id);
	ctx.store.segments.delete(seg.id);
	ctx.ledger('segment.delete', seg.db_id, null, { id: seg.id, name: seg.name });
	return {};
}

/**
 * Shared start of get_counters / refresh_counters: segment, resource linked to its database, and the database
 * parameter that dynamic segments need (`list_id`, also accepted as `db_id`).
 * @param {HandlerContext} ctx
 * @param {'list_id' | 'db_id'} dbParam  the documented name of the database parameter of the call
 */
function counterSource(ctx, dbParam) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const resourceId = P.reqInt(b, 'resource_id');
	const other = dbParam === 'list_id' ? 'db_id' : 'list_id';
	const dbId = P.optInt(b, dbParam) ?? P.optInt(b, other);
	const seg = requireSegment(ctx, id);
	if (seg.type === 'dynamic' && dbId === undefined) throw new ApiError(400, `Parameter '${dbParam}' is required for a dynamic segment`);
	const db = requireDb(ctx, dbId ?? seg.db_id);
	if (db.info.id !== seg.db_id) throw new ApiError(450, `Validation error: segment ${id} draws from database ${seg.db_id}, not ${db.info.id}`);
	const r = requireLinkedResource(ctx, resourceId, db);
	return { seg, db, counters: sendableOnly(countSubscriptions(ctx.store, r, segmentProfiles(ctx.store, seg))) };
}

/** @param {HandlerContext} ctx */
function getCounters(ctx) {
	return { data: counterSource(ctx, 'list_id').counters };
}

/** @param {HandlerContext} ctx */
function refreshCounters(ctx) {
	const feedback = readFeedback(ctx.body);
	const { db, counters } = counterSource(ctx, 'db_id');
	return refreshCountersTask(ctx, 'segment_refresh_counters', db.info.id, counters, feedback);
}

/**
 * Shared start of the profiles/segstatic/* calls: parameters, database, segment (of that database: else 450).
 * @param {HandlerContext} ctx
 * @param {boolean} withProfile
 */
function segstaticSource(ctx, withProfile) {
	const b = ctx.body;
	P.checkFormat(b);
	const segmentId = P.reqInt(b, 'segment_id');
	const dbId = P.reqInt(b, 'db_id');
	const profileId = withProfile ? readProfileId(b) : '';
	const db = requireDb(ctx, dbId);
	const seg = requireSegment(ctx, segmentId);
	if (seg.db_id !== db.info.id) throw new ApiError(450, `Validation error: segment ${segmentId} belongs to database ${seg.db_id}, not ${dbId}`);
	return { db, seg, profileId };
}

/**
 * @param {HandlerContext} ctx
 * @param {boolean} on
 */
function membership(ctx, on) {
	const skipTriggers = P.optBool(ctx.body, 'skip_triggers', false);
	const { db, seg, profileId } = segstaticSource(ctx, true);
	if (seg.type !== 'static') {
		throw new ApiError(450, `Validation error: segment ${seg.id} is ${seg.type}; only static segments accept manual membership changes`);
	}
	const p = requireProfile(ctx, db, profileId);
	const was = p.segments.has(seg.id);
	if (on) p.segments.add(seg.id);
	else p.segments.delete(seg.id);
	ctx.ledger(on ? 'segment.profile_add' : 'segment.profile_remove', db.info.id, p.id, { segment_id: seg.id, changed: was !== on }, { skipTriggers });
	return {};
}

/**
 * Profiles of a static (or updatable) segment, paged like profiles/list: `from_id` cursor → `next_from_id`,
 * `limit` (default 1000), `fields` projection; plus `total_count` (the segment's size).
 * @param {HandlerContext} ctx
 */
function listProfiles(ctx) {
	const b = ctx.body;
	const fromId = P.optString(b, 'from_id') ?? '';
	const after = decodeProfileCursor(fromId);
	const limit = P.optInt(b, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	const fields = P.optStringArray(b, 'fields');
	const { db, seg } = segstaticSource(ctx, false);
	if (seg.type === 'dynamic') {
		throw new ApiError(450, `Validation error: segment ${seg.id} is dynamic; this call lists the profiles of static segments (export a dynamic one with profiles/get_all)`);
	}
	const members = db.order.filter((p) => p.segments.has(seg.id));
	const page = members.filter((p) => p.seq > after).slice(0, limit);
	const last = page[page.length - 1];
	return {
		data: page.map((p) => project(toApiProfile(p), fields)),
		next_from_id: last ? encodeProfileCursor(last) : fromId,
		total_count: members.length,
	};
}

/**
 * @param {Record<string, any>} view
 * @param {string[] | undefined} fields
 * @returns {Record<string, any>}
 */
function project(view, fields) {
	if (!fields || fields.length === 0) return view;
	/** @type {Record<string, any>} */
	const out = { id: view.id };
	for (const f of fields) {
		const k = f === '_id' ? 'id' : f;
		if (Object.prototype.hasOwnProperty.call(view, k)) out[k] = view[k];
	}
	return out;
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/segments/list/': { modifying: false, handle: list },
	'/api/v1.1/segments/get/': { modifying: false, handle: get },
	'/api/v1.1/segments/add/': { modifying: true, handle: add },
	'/api/v1.1/segments/update/': { modifying: true, handle: update },
	'/api/v1.1/segments/delete/': { modifying: true, handle: del },
	'/api/v1.1/segments/get_counters': { modifying: false, handle: getCounters },
	'/api/v1.1/segments/refresh_counters': { modifying: false, handle: refreshCounters },
	'/api/v1.1/profiles/segstatic/add': { modifying: true, handle: (ctx) => membership(ctx, true) },
	'/api/v1.1/profiles/segstatic/remove': { modifying: true, handle: (ctx) => membership(ctx, false) },
	'/api/v1.1/profiles/segstatic/list': { modifying: false, handle: listProfiles },
};
