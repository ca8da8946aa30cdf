// @ts-check
'use strict';

/**
 * Shared types and helpers of the endpoint handlers.
 *
 * A handler module exports a route table: `{ '<documented path>': Route, ... }`. A Route is
 * `{ modifying, handle(ctx) }` plus optional flags:
 * - `modifying: true`  the call changes data: read-only tokens get 403; deduplicated (§6) unless `dedup: false`.
 * - `permission: 'delete'`  needs the "delete profiles" right of the token's role (403 otherwise).
 * - `method: 'GET'`  (default POST) — `prefix: true` to match every path under the key.
 * - `auth: 'bearer'`  token only from `Authorization: Bearer`; auth errors and ApiErrors become real HTTP statuses.
 * - `fileBody(body)`  the call may carry files: its body may be up to `maxFileBodyBytes` (100 MB) when `fileBody`
 *   returns true for the parsed body (e.g. a non-empty `attach`); otherwise the usual `maxBodyBytes` applies.
 * `handle(ctx)` returns the envelope fields besides `error`/`error_text` (or a RawResponse), or throws ApiError
 * before applying anything.
 */

const { ApiError } = require('../lib/errors');
const { optInt, optObject, isPlainObject } = require('../lib/params');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Principal} Principal
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Resource} Resource
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Segment} Segment
 * @typedef {{ httpErrorStatus: 'always200' | 'mirror', dedupWindowSec: number, maxBodyBytes: number, maxBatchSize: number,
 *   taskPollsUntilDone: number, recordRequests: boolean, allowDataWipe: boolean, maxFileBodyBytes: number }} HandlerOptions
 * @typedef {{ store: Store, body: Record<string, any>, principal: Principal, token: string, route: Route, path: string,
 *   requestPath: string, requestId: string | null, headers: import('node:http').IncomingHttpHeaders,
 *   query: Record<string, string>, options: HandlerOptions, now: string,
 *   ledger: (op: string, dbId: number | null, profileId: string | null, data?: any, extra?: Record<string, any>) => void }} HandlerContext
 * @typedef {{ modifying: boolean, dedup?: boolean, permission?: 'delete', method?: string, prefix?: boolean,
 *   auth?: 'token' | 'bearer', path?: string, fileBody?: (body: Record<string, any>) => boolean,
 *   handle: (ctx: HandlerContext) => Record<string, any> | import('../lib/errors').RawResponse }} Route
 * @typedef {Record<string, Route>} RouteTable
 */

/**
 * Database visible to the token, else 404 (outside the visibility zone or missing).
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {DbState}
 */
function requireDb(ctx, id) {
	const db = ctx.store.visibleDatabase(ctx.principal, id);
	if (!db) throw new ApiError(404, `Database ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return db;
}

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {Resource}
 */
function requireResource(ctx, id) {
	const r = ctx.store.visibleResource(ctx.principal, id);
	if (!r) throw new ApiError(404, `Resource ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return r;
}

/**
 * Resource used to narrow matching: must be visible (404) and linked to the database (413).
 * @param {HandlerContext} ctx
 * @param {number | undefined} id
 * @param {DbState} db
 */
function checkMatchingResource(ctx, id, db) {
	if (id === undefined) return;
	const r = requireResource(ctx, id);
	if (!r.dbs_ids.includes(db.info.id)) throw new ApiError(413, `Database ${db.info.id} is not available in resource ${id}`);
}

/**
 * Page of items with integer ids: `from_id` inclusive (default 1), `limit` (default 1000).
 * @template {{ id: number }} T
 * @param {T[]} items  sorted by id
 * @param {number} fromId
 * @param {number} limit
 * @returns {{ page: T[], next_from_id: number, total_count: number }}
 */
function pageById(items, fromId, limit) {
	const page = items.filter((x) => x.id >= fromId).slice(0, limit);
	const next = page.length ? page[page.length - 1].id + 1 : fromId;
	return { page, next_from_id: next, total_count: items.length };
}

/**
 * @param {Record<string, any>} body
 * @returns {{ fromId: number, limit: number }}
 */
function readIntPaging(body) {
	const fromId = optInt(body, 'from_id') ?? 1;
	const limit = optInt(body, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	return { fromId, limit };
}

/**
 * A profile ID parameter: required, 24 hex characters (400 otherwise).
 * @param {Record<string, any>} body
 * @param {string} [name]
 * @returns {string}
 */
function readProfileId(body, name = 'profile_id') {
	const v = body[name];
	if (v === undefined || v === null || v === '') throw new ApiError(400, `Parameter '${name}' is required`);
	if (typeof v !== 'string') throw new ApiError(400, `Parameter '${name}' must be a string`);
	if (!/^[0-9a-f]{24}$/i.test(v)) throw new ApiError(400, `Parameter '${name}' must be a 24-character hex profile ID`);
	return v.toLowerCase();
}

/**
 * The profile with this ID in the database, else 404.
 * @param {HandlerContext} ctx
 * @param {DbState} db
 * @param {string} id
 * @returns {Profile}
 */
function requireProfile(ctx, db, id) {
	const p = ctx.store.profiles.get(id);
	if (!p || p.dbId !== db.info.id) throw new ApiError(404, `Profile ${id} not found in database ${db.info.id}`);
	return p;
}

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {Segment}
 */
function requireSegment(ctx, id) {
	const s = ctx.store.visibleSegment(ctx.principal, id);
	if (!s) throw new ApiError(404, `Segment ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return s;
}

/**
 * The resource must be visible (404) and linked to the database (413).
 * @param {HandlerContext} ctx
 * @param {number} id
 * @param {DbState} db
 * @returns {Resource}
 */
function requireLinkedResource(ctx, id, db) {
	const r = requireResource(ctx, id);
	if (!r.dbs_ids.includes(db.info.id)) throw new ApiError(413, `Database ${db.info.id} is not available in resource ${id}`);
	return r;
}

/**
 * `feedback` of the recount calls: `{type, url}` (both strings when present). Stored with the task; the emulator
 * does not push anything.
 * @param {Record<string, any>} body
 * @returns {Record<string, any> | undefined}
 */
function readFeedback(body) {
	const f = optObject(body, 'feedback');
	if (!f) return undefined;
	for (const k of ['type', 'url']) {
		if (f[k] !== undefined && f[k] !== null && typeof f[k] !== 'string') throw new ApiError(400, `Parameter 'feedback.${k}' must be a string`);
	}
	return structuredClone(f);
}

/**
 * A `YYYY-MM-DD` date parameter: wrong type → 400, not a real date → 450.
 * @param {Record<string, any>} body
 * @param {string} name
 * @param {boolean} required
 * @returns {string | undefined}
 */
function readDay(body, name, required) {
	const v = body[name];
	if (v === undefined || v === null || v === '') {
		if (required) throw new ApiError(400, `Parameter '${name}' is required`);
		return undefined;
	}
	if (typeof v !== 'string') throw new ApiError(400, `Parameter '${name}' must be a string (YYYY-MM-DD)`);
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
	const ok = m && (() => {
		const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
		return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
	})();
	if (!ok) throw new ApiError(450, `Validation error: '${name}' must be a date in the form YYYY-MM-DD`);
	return v;
}

/**
 * Filters of the list calls with access groups: `ui_tags`, `groups` (names), `groups_id`; an item matches when it has
 * any of the values given.
 * @param {{ ui_tags?: string[] | undefined, groups?: string[] | undefined, groupsId?: number[] | undefined }} f
 * @param {{ ui_tags: string[], groups: Array<{ id: number, name: string }> }} item
 */
function matchesGroups(f, item) {
	if (f.ui_tags && f.ui_tags.length && !item.ui_tags.some((t) => /** @type {string[]} */ (f.ui_tags).includes(t))) return false;
	if (f.groups && f.groups.length && !item.groups.some((g) => /** @type {string[]} */ (f.groups).includes(g.name))) return false;
	if (f.groupsId && f.groupsId.length && !item.groups.some((g) => /** @type {number[]} */ (f.groupsId).includes(g.id))) return false;
	return true;
}

module.exports = {
	requireDb,
	requireResource,
	checkMatchingResource,
	pageById,
	readIntPaging,
	readProfileId,
	requireProfile,
	requireSegment,
	requireLinkedResource,
	readFeedback,
	readDay,
	matchesGroups,
	isPlainObject,
};
