// @ts-check
'use strict';

/** Databases section (20-databases.md): list/, get/, fields_get/. The database id is sent as `id`. */

const P = require('../lib/params');
const { requireDb, pageById, readIntPaging } = require('./common');

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

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/databases/list/': { modifying: false, handle: list },
	'/api/v1.1/databases/get/': { modifying: false, handle: get },
	'/api/v1.1/databases/fields_get/': { modifying: false, handle: fieldsGet },
};
