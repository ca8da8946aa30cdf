// @ts-check
'use strict';

/**
 * Action history (11-subscriptions.md §9–10): subscribers/history_get (one profile) and history_get_all (paged by
 * profile). The database is `list_id`. See lib/history.js for the recorded events and the row form.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { readMatching, readIdent, checkFieldName, resolveOne } = require('../lib/matching');
const { historyRow, inPeriod, sortEvents } = require('../lib/history');
const { requireDb, checkMatchingResource, readDay } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').Profile} Profile
 */

/**
 * @param {string | undefined} from
 * @param {string | undefined} to
 */
function checkPeriod(from, to) {
	if (from && to && from > to) throw new ApiError(450, "Validation error: 'date_from' is later than 'date_to'");
}

/** @param {HandlerContext} ctx */
function historyGet(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const listId = P.reqInt(b, 'list_id');
	const xxh = P.optString(b, 'xxh');
	if (xxh !== undefined && xxh !== '' && !/^[0-9a-f]{16}$/i.test(xxh)) throw new ApiError(400, "Parameter 'xxh' must be a 16-character hex xx-hash profile ID");
	const useXxh = xxh !== undefined && xxh !== '';
	const matching = useXxh ? '' : readMatching(b);
	const ident = useXxh ? null : readIdent(b, matching);
	const resourceId = P.optInt(b, 'resource_id');
	const from = readDay(b, 'date_from', false);
	const to = readDay(b, 'date_to', false);
	checkPeriod(from, to);
	const db = requireDb(ctx, listId);
	/** @type {Profile | null} */
	let p;
	if (useXxh) {
		p = ctx.store.profileByXxh(db, /** @type {string} */ (xxh));
	} else {
		checkFieldName(db, matching, /** @type {any} */ (ident).field_name);
		checkMatchingResource(ctx, resourceId, db);
		p = resolveOne(ctx.store, db, matching, /** @type {any} */ (ident), resourceId);
	}
	if (!p) throw new ApiError(404, `Profile not found in database ${listId}`);
	const events = sortEvents(ctx.store.historyOf(p.id).filter((e) => inPeriod(e, from, to)));
	return { data: events.map((e) => historyRow(ctx.store, e)) };
}

/**
 * Cursor of history_get_all: `<xxh>.<yyyymmdd>`, the first profile of the page (by xx-hash order). The answer's
 * `next_from_id` is the xx-hash after the last profile of the page (+1), with `date_to` as the date part.
 * @param {string} c
 * @returns {bigint} the first xx-hash of the page
 */
function decodeCursor(c) {
	if (c === '') return 0n;
	const m = /^([0-9a-f]{16})\.\d{8}$/i.exec(c);
	if (!m) throw new ApiError(400, "Parameter 'from_id' is not a valid cursor (pass the next_from_id of the previous page, or an empty string)");
	return BigInt(`0x${m[1]}`);
}

/** @param {HandlerContext} ctx */
function historyGetAll(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const listId = P.reqInt(b, 'list_id');
	const from = /** @type {string} */ (readDay(b, 'date_from', true));
	const to = /** @type {string} */ (readDay(b, 'date_to', true));
	const fromId = P.optString(b, 'from_id') ?? '';
	const start = decodeCursor(fromId);
	const limit = P.optInt(b, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	const fields = P.optStringArray(b, 'fields');
	checkPeriod(from, to);
	const db = requireDb(ctx, listId);
	/** @type {Array<{ h: bigint, xxh: string, p: Profile }>} */
	const withEvents = [];
	for (const p of db.order) {
		if (!ctx.store.historyOf(p.id).some((e) => inPeriod(e, from, to))) continue;
		const xxh = ctx.store.xxh(p.id);
		withEvents.push({ h: BigInt(`0x${xxh}`), xxh, p });
	}
	withEvents.sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : 0));
	const page = withEvents.filter((x) => x.h >= start).slice(0, limit);
	const data = [];
	for (const { p } of page) {
		for (const e of sortEvents(ctx.store.historyOf(p.id).filter((ev) => inPeriod(ev, from, to)))) data.push(historyRow(ctx.store, e, fields || []));
	}
	const last = page[page.length - 1];
	const next = last ? `${(last.h + 1n).toString(16).padStart(16, '0')}.${to.replace(/-/g, '')}` : fromId;
	return { data, next_from_id: next };
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/subscribers/history_get': { modifying: false, handle: historyGet },
	'/api/v1.1/subscribers/history_get_all': { modifying: false, handle: historyGetAll },
};
