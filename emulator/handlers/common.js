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
 * `handle(ctx)` returns the envelope fields besides `error`/`error_text` (or a RawResponse), or throws ApiError
 * before applying anything.
 */

const { ApiError } = require('../lib/errors');
const { optInt } = require('../lib/params');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Principal} Principal
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Resource} Resource
 * @typedef {{ httpErrorStatus: 'always200' | 'mirror', dedupWindowSec: number, maxBodyBytes: number, maxBatchSize: number,
 *   taskPollsUntilDone: number, recordRequests: boolean }} HandlerOptions
 * @typedef {{ store: Store, body: Record<string, any>, principal: Principal, token: string, route: Route, path: string,
 *   requestPath: string, requestId: string | null, headers: import('node:http').IncomingHttpHeaders,
 *   query: Record<string, string>, options: HandlerOptions, now: string,
 *   ledger: (op: string, dbId: number | null, profileId: string | null, data?: any, extra?: Record<string, any>) => void }} HandlerContext
 * @typedef {{ modifying: boolean, dedup?: boolean, permission?: 'delete', method?: string, prefix?: boolean,
 *   auth?: 'token' | 'bearer', path?: string,
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

module.exports = { requireDb, requireResource, checkMatchingResource, pageById, readIntPaging };
