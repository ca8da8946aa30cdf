// @ts-check
'use strict';

/**
 * Resources section (21-resources.md): list, get, fields_get, get_counters (path unconfirmed), refresh_counters
 * (task). The resource id is sent as `id`, the database as `list_id`.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { countSubscriptions, refreshCountersTask } = require('../lib/counters');
const { requireResource, pageById, readIntPaging, requireDb, requireLinkedResource, readFeedback } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 */

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const groups = P.optStringArray(b, 'groups');
	const groupsId = P.optIntArray(b, 'groups_id');
	const items = ctx.store
		.visibleResources(ctx.principal)
		.filter((r) => !groups || groups.length === 0 || r.groups.some((g) => groups.includes(g.name)))
		.filter((r) => !groupsId || groupsId.length === 0 || r.groups.some((g) => groupsId.includes(g.id)));
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return {
		data: page.map((r) => ({ id: r.id, name: r.name, groups: r.groups.map((g) => ({ id: g.id, name: g.name })) })),
		next_from_id,
		total_count,
	};
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const r = requireResource(ctx, P.reqInt(b, 'id'));
	return { data: { id: r.id, name: r.name, channels: r.channels.slice(), dbs_ids: r.dbs_ids.slice(), trk_domain: r.trk_domain, url: r.url } };
}

/** @param {HandlerContext} ctx */
function fieldsGet(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const channel = P.reqString(b, 'channel');
	const r = requireResource(ctx, id);
	if (!r.channels.includes(channel)) {
		throw new ApiError(400, `Parameter 'channel': resource ${id} has no channel '${channel}' (channels: ${r.channels.join(', ')})`);
	}
	return {
		data: (r.fields[channel] || []).map((f) => ({
			category: f.category,
			name: f.name,
			title: f.title,
			type: f.type,
			required: Boolean(f.required),
			...(f.dictionary ? { dictionary: f.dictionary } : {}),
		})),
	};
}

/**
 * Statistics of the resource: in one database (`list_id`, which must be linked: 413), or over all the databases
 * linked to the resource that the token can see.
 * @param {HandlerContext} ctx
 */
function getCounters(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const listId = P.optInt(b, 'list_id');
	const r = requireResource(ctx, id);
	if (listId !== undefined) {
		const db = requireDb(ctx, listId);
		requireLinkedResource(ctx, id, db);
		return { data: countSubscriptions(ctx.store, r, db.order) };
	}
	const profiles = [];
	for (const dbId of r.dbs_ids) {
		const db = ctx.store.visibleDatabase(ctx.principal, dbId);
		if (db) profiles.push(...db.order);
	}
	return { data: countSubscriptions(ctx.store, r, profiles) };
}

/** @param {HandlerContext} ctx */
function refreshCounters(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const listId = P.reqInt(b, 'list_id');
	const feedback = readFeedback(b);
	const r = requireResource(ctx, id);
	const db = requireDb(ctx, listId);
	requireLinkedResource(ctx, id, db);
	return refreshCountersTask(ctx, 'resource_refresh_counters', db.info.id, countSubscriptions(ctx.store, r, db.order), feedback);
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/resources/list': { modifying: false, handle: list },
	'/api/v1.1/resources/get': { modifying: false, handle: get },
	'/api/v1.1/resources/fields_get': { modifying: false, handle: fieldsGet },
	'/api/v1.1/resources/get_counters': { modifying: false, handle: getCounters },
	'/api/v1.1/resources/refresh_counters': { modifying: false, handle: refreshCounters },
};
