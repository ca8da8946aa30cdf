// @ts-check
'use strict';

/**
 * Subscriptions section (11-subscriptions.md §1–8): set, list, list_all, get, delete, undelete, suspend_all,
 * unsuspend_all. The profile is `db_id` + `profile_id`; one subscription is `resource_id` + `channel` + the contact
 * fields of the channel (email / phone / provider + subscription_id / cc_data). Answers use the flat subscription form.
 */

const net = require('node:net');
const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { parseSubscription, mergeSubscriptions, parseStatus, toFlatSubscription } = require('../lib/subscriptions');
const { isDate } = require('../lib/fields');
const { recordEvent } = require('../lib/history');
const { subContactKey } = require('../store');
const { requireDb, requireResource, requireLinkedResource, readProfileId, requireProfile } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Subscription} Subscription
 * @typedef {import('../lib/subscriptions').SubInput} SubInput
 */

/**
 * Top-level identification of one subscription: 400 for missing / mistyped parameters.
 * @param {Record<string, any>} b
 * @returns {{ resourceId: number, channel: string, raw: Record<string, any> }}
 */
function readSubIdent(b) {
	const resourceId = P.reqInt(b, 'resource_id');
	const channel = P.reqString(b, 'channel');
	/** @type {Record<string, any>} */
	const raw = { resource_id: resourceId, channel };
	if (channel === 'email') raw.email = P.reqString(b, 'email');
	else if (channel === 'sms') raw.phone = P.reqString(b, 'phone');
	else if (channel === 'push') {
		raw.provider = P.reqString(b, 'provider');
		raw.subscription_id = P.reqString(b, 'subscription_id');
	} else raw.cc_data = P.reqObject(b, 'cc_data');
	return { resourceId, channel, raw };
}

/**
 * @param {Profile} p
 * @param {SubInput} inp
 * @returns {number}
 */
function findSub(p, inp) {
	return p.subscriptions.findIndex((s) => s.resource_id === inp.resource.id && s.channel === inp.channel && subContactKey(s) === inp.contactKey);
}

/**
 * Common start of get/delete/undelete: parameters, database, resource, subscription identity, profile.
 * @param {HandlerContext} ctx
 * @returns {{ db: DbState, p: Profile, inp: SubInput, index: number }}
 */
function locate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const profileId = readProfileId(b);
	const { resourceId, raw } = readSubIdent(b);
	const db = requireDb(ctx, dbId);
	requireLinkedResource(ctx, resourceId, db);
	const inp = parseSubscription(ctx.store, ctx.principal, db, raw, 'subscription');
	const p = requireProfile(ctx, db, profileId);
	return { db, p, inp, index: findSub(p, inp) };
}

/** @param {HandlerContext} ctx */
function set(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const profileId = readProfileId(b);
	const { resourceId, raw } = readSubIdent(b);
	if (b.status !== undefined && b.status !== null) {
		if (typeof b.status !== 'string' && !Number.isInteger(b.status)) throw new ApiError(400, "Parameter 'status' must be a string or an integer");
		raw.status = b.status;
	}
	const priority = P.optInt(b, 'priority');
	if (priority !== undefined) raw.priority = priority;
	const customFields = P.optObject(b, 'custom_fields');
	if (customFields) raw.custom_fields = customFields;
	if (b.cats !== undefined && b.cats !== null) raw.cats = P.optStringArray(b, 'cats');
	const date = P.optString(b, 'date');
	const ip = P.optString(b, 'ip');
	const url = P.optString(b, 'url');
	const skipTriggers = P.optBool(b, 'skip_triggers', false);
	const db = requireDb(ctx, dbId);
	requireLinkedResource(ctx, resourceId, db);
	const inp = parseSubscription(ctx.store, ctx.principal, db, raw, 'subscription');
	if (date !== undefined && !isDate(date)) throw new ApiError(450, "Validation error: 'date' must be an RFC 3339 date");
	if (ip !== undefined && ip !== '' && net.isIP(ip) === 0) throw new ApiError(450, "Validation error: 'ip' must be an IPv4 or IPv6 address");
	const p = requireProfile(ctx, db, profileId);

	const at = findSub(p, inp);
	const subs = mergeSubscriptions(p.subscriptions, [inp], date ?? ctx.now, ip ?? '');
	const idx = at >= 0 ? at : subs.length - 1;
	const s = subs[idx];
	if (at >= 0) {
		if (date !== undefined) s.reg_info.date = date;
		if (ip !== undefined) s.reg_info.ip = ip;
	}
	if (url !== undefined) /** @type {Record<string, any>} */ (s.reg_info).url = url;
	ctx.store.replaceProfile(p, p.fields, subs, ctx.now);
	ctx.ledger('subscription.set', db.info.id, p.id, { created: at < 0, subscription: toFlatSubscription(s) }, { skipTriggers });
	recordEvent(ctx.store, p, { action: at < 0 ? 'subscription_add' : 'subscription_update', datetime: ctx.now, sub: s });
	return {};
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const profileId = readProfileId(b);
	const db = requireDb(ctx, dbId);
	const p = requireProfile(ctx, db, profileId);
	return { data: p.subscriptions.map(toFlatSubscription) };
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const { db, p, index } = locate(ctx);
	if (index < 0) throw new ApiError(404, `Profile ${p.id} of database ${db.info.id} has no such subscription`);
	return { data: toFlatSubscription(p.subscriptions[index]) };
}

/**
 * delete / undelete: set the soft-delete flag. A subscription that already has the requested state is left alone
 * (success, nothing recorded).
 * @param {HandlerContext} ctx
 * @param {boolean} flag
 */
function setDeleted(ctx, flag) {
	const { db, p, index } = locate(ctx);
	if (index < 0) throw new ApiError(404, `Profile ${p.id} of database ${db.info.id} has no such subscription`);
	if (p.subscriptions[index].is_delete === flag) return {};
	const subs = p.subscriptions.slice();
	const s = structuredClone(subs[index]);
	s.is_delete = flag;
	subs[index] = s;
	ctx.store.replaceProfile(p, p.fields, subs, ctx.now);
	ctx.ledger(flag ? 'subscription.delete' : 'subscription.undelete', db.info.id, p.id, { subscription: toFlatSubscription(s) });
	recordEvent(ctx.store, p, { action: flag ? 'subscription_delete' : 'subscription_undelete', datetime: ctx.now, sub: s });
	return {};
}

/**
 * suspend_all (subscribed → suspended) / unsuspend_all (suspended → subscribed) within a database, optionally only
 * one channel and/or one resource. Soft-deleted subscriptions are left alone.
 * @param {HandlerContext} ctx
 * @param {boolean} suspend
 */
function suspendAll(ctx, suspend) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const channel = P.optString(b, 'channel');
	const resourceId = P.optInt(b, 'resource_id');
	const db = requireDb(ctx, dbId);
	if (resourceId !== undefined) requireLinkedResource(ctx, resourceId, db);
	const [src, dst] = suspend ? ['subscribed', 'suspended'] : ['suspended', 'subscribed'];
	let updated = 0;
	for (const p of db.order.slice()) {
		/** @type {number[]} */
		const hits = [];
		p.subscriptions.forEach((s, i) => {
			if (!s.is_delete && s.status === src && (!channel || s.channel === channel) && (resourceId === undefined || s.resource_id === resourceId)) hits.push(i);
		});
		if (!hits.length) continue;
		const subs = p.subscriptions.slice();
		for (const i of hits) {
			const s = structuredClone(subs[i]);
			s.status = dst;
			subs[i] = s;
		}
		ctx.store.replaceProfile(p, p.fields, subs, ctx.now);
		for (const i of hits) recordEvent(ctx.store, p, { action: 'subscription_update', datetime: ctx.now, sub: subs[i] });
		updated += hits.length;
	}
	ctx.ledger(suspend ? 'subscription.suspend_all' : 'subscription.unsuspend_all', db.info.id, null, {
		updated,
		channel: channel ?? null,
		resourceId: resourceId ?? null,
	});
	return { updated };
}

/**
 * Cursor of list_all: `<profile seq: 12 hex><subscription index: 4 hex>.<yyyymmddhhmmss of the profile>` — the
 * last row of the page; the next page starts after it.
 * @param {Profile} p
 * @param {number} i
 */
function encodeCursor(p, i) {
	return `${p.seq.toString(16).padStart(12, '0')}${i.toString(16).padStart(4, '0')}.${p.createdAt.replace(/\D/g, '').slice(0, 14)}`;
}

/**
 * @param {string} c
 * @returns {number} position key seq * 65536 + index (0 = from the start)
 */
function decodeCursor(c) {
	if (c === '') return -1;
	const m = /^([0-9a-f]{12})([0-9a-f]{4})\.\d{14}$/.exec(c);
	if (!m) throw new ApiError(400, "Parameter 'from_id' is not a valid cursor (pass the next_from_id of the previous page, or an empty string)");
	return parseInt(m[1], 16) * 65536 + parseInt(m[2], 16);
}

/** @param {HandlerContext} ctx */
function listAll(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const resourceId = P.reqInt(b, 'resource_id');
	const dbId = P.optInt(b, 'db_id');
	const channel = P.optString(b, 'channel');
	const statusRaw = P.optString(b, 'status');
	/** @type {string | undefined} */
	let status;
	if (statusRaw !== undefined && statusRaw !== '') {
		const st = parseStatus(statusRaw);
		if (!st) throw new ApiError(400, `Parameter 'status': unknown status '${statusRaw}'`);
		status = st;
	}
	const fromId = P.optString(b, 'from_id') ?? '';
	const after = decodeCursor(fromId);
	const limit = P.optInt(b, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	const resource = requireResource(ctx, resourceId);
	/** @type {DbState[]} */
	let dbs;
	if (dbId !== undefined) {
		const db = requireDb(ctx, dbId);
		requireLinkedResource(ctx, resourceId, db);
		dbs = [db];
	} else {
		dbs = resource.dbs_ids.map((id) => ctx.store.visibleDatabase(ctx.principal, id)).filter((d) => d !== null);
	}
	if (channel !== undefined && channel !== '' && !resource.channels.includes(channel)) {
		throw new ApiError(400, `Parameter 'channel': resource ${resourceId} has no channel '${channel}' (channels: ${resource.channels.join(', ')})`);
	}
	/** @type {Array<{ p: Profile, i: number, key: number }>} */
	const rows = [];
	for (const db of dbs) {
		for (const p of db.order) {
			p.subscriptions.forEach((s, i) => {
				if (s.resource_id !== resourceId) return;
				if (channel && s.channel !== channel) return;
				if (status && s.status !== status) return;
				rows.push({ p, i, key: p.seq * 65536 + i });
			});
		}
	}
	rows.sort((x, y) => x.key - y.key);
	const page = rows.filter((r) => r.key > after).slice(0, limit);
	const last = page[page.length - 1];
	return {
		data: page.map(({ p, i }) => {
			const s = p.subscriptions[i];
			return { db_id: p.dbId, profile_id: p.id, _xxh: ctx.store.xxh(p.id), hash_id: s.hash_id, ...toFlatSubscription(s) };
		}),
		next_from_id: last ? encodeCursor(last.p, last.i) : fromId,
		total_count: rows.length,
	};
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/subscriptions/set': { modifying: true, handle: set },
	'/api/v1.1/subscriptions/list': { modifying: false, handle: list },
	'/api/v1.1/subscriptions/list_all': { modifying: false, handle: listAll },
	'/api/v1.1/subscriptions/get': { modifying: false, handle: get },
	'/api/v1.1/subscriptions/delete': { modifying: true, handle: (ctx) => setDeleted(ctx, true) },
	'/api/v1.1/subscriptions/undelete': { modifying: true, handle: (ctx) => setDeleted(ctx, false) },
	'/api/v1.1/subscriptions/suspend_all': { modifying: true, handle: (ctx) => suspendAll(ctx, true) },
	'/api/v1.1/subscriptions/unsuspend_all': { modifying: true, handle: (ctx) => suspendAll(ctx, false) },
};
