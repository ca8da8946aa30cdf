// @ts-check
'use strict';

/**
 * Databases section (20-databases.md): list/, get/, fields_get/, get_counters, refresh_counters (task), wipe.
 * The database id is sent as `id`.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { countSubscriptions, refreshCountersTask } = require('../lib/counters');
const { requireDb, pageById, readIntPaging, requireLinkedResource, readFeedback } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 */

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const uiTags = P.optStringArray(b, 'ui_tags');
	const groups = P.optStringArray(b, 'groups');
	const groupsId = P.optIntArray(b, 'groups_id');
	const items = ctx.store
		.visibleDatabases(ctx.principal)
		.map((db) => db.info)
		.filter((d) => !uiTags || uiTags.length === 0 || d.ui_tags.some((t) => uiTags.includes(t)))
		.filter((d) => !groups || groups.length === 0 || d.groups.some((g) => groups.includes(g.name)))
		.filter((d) => !groupsId || groupsId.length === 0 || d.groups.some((g) => groupsId.includes(g.id)));
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return {
		data: page.map((d) => ({ id: d.id, name: d.name, ui_tags: d.ui_tags.slice(), Groups: d.groups.map((g) => ({ Id: g.id, Name: g.name })) })),
		next_from_id,
		total_count,
	};
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const db = requireDb(ctx, P.reqInt(b, 'id'));
	const d = db.info;
	return { data: { id: d.id, name: d.name, suppress_id: d.suppress_id, description: d.description } };
}

/** @param {HandlerContext} ctx */
function fieldsGet(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const db = requireDb(ctx, P.reqInt(b, 'id'));
	return {
		data: db.fieldList.map((f) => ({
			name: f.name,
			title: f.title,
			type: f.type,
			category: f.category,
			required: false,
			...(f.dictionary ? { dictionary: f.dictionary } : {}),
		})),
	};
}

/**
 * Subscription statistics of one resource in one database, from the stored profiles.
 * @param {HandlerContext} ctx
 */
function getCounters(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const resourceId = P.reqInt(b, 'resource_id');
	const db = requireDb(ctx, id);
	const r = requireLinkedResource(ctx, resourceId, db);
	return { data: countSubscriptions(ctx.store, r, db.order) };
}

/**
 * Recount task: its result (`[{channels: [...]}]`) is the statistics at the time the task was created.
 * @param {HandlerContext} ctx
 */
function refreshCounters(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const resourceId = P.reqInt(b, 'resource_id');
	const feedback = readFeedback(b);
	const db = requireDb(ctx, id);
	const r = requireLinkedResource(ctx, resourceId, db);
	return refreshCountersTask(ctx, 'database_refresh_counters', db.info.id, countSubscriptions(ctx.store, r, db.order), feedback);
}

/**
 * Delete every profile of the database with its history and relations. Refused with 403 unless the emulator option
 * `allowDataWipe` (the platform's ALLOW_DATA_WIPE) is on.
 * @param {HandlerContext} ctx
 */
function wipe(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const db = requireDb(ctx, id);
	if (!ctx.options.allowDataWipe) {
		throw new ApiError(403, 'Wiping databases is disabled on this platform (ALLOW_DATA_WIPE is not set in the configuration)');
	}
	const { profiles, events, relations } = ctx.store.wipeDatabase(db);
	ctx.ledger('database.wipe', db.info.id, null, { count_profile: profiles, count_action: events, relations });
	return { data: { count_action: events, count_profile: profiles } };
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/databases/list/': { modifying: false, handle: list },
	'/api/v1.1/databases/get/': { modifying: false, handle: get },
	'/api/v1.1/databases/fields_get/': { modifying: false, handle: fieldsGet },
	'/api/v1.1/databases/get_counters': { modifying: false, handle: getCounters },
	'/api/v1.1/databases/refresh_counters': { modifying: false, handle: refreshCounters },
	'/api/v1.1/databases/wipe': { modifying: true, permission: 'delete', handle: wipe },
};
