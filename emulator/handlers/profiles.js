// @ts-check
'use strict';

/**
 * Profiles section (10-profiles.md): import, update, add, import_batch, update_batch, add_batch, get, list, delete,
 * merge, split, message_unsub, get_all (export task; status and download live in tasks.js).
 */

const crypto = require('node:crypto');
const { ApiError, SUCCESS_TEXT } = require('../lib/errors');
const P = require('../lib/params');
const { readMatching, readIdent, checkFieldName, resolveOne, identityFields, stripIdentKeys } = require('../lib/matching');
const { writeProfile, prepareData, checkEmailUnique } = require('../lib/profile-write');
const { applyFieldOp, checkValue } = require('../lib/fields');
const { compileQuery } = require('../lib/query');
const { toCsv } = require('../lib/csv');
const { toApiProfile, subContactKey } = require('../store');
const { requireDb, checkMatchingResource } = require('./common');
const { segmentPredicate, queryDoc } = require('../lib/segments');
const { recordEvent } = require('../lib/history');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Subscription} Subscription
 * @typedef {import('../lib/fields').FieldDef} FieldDef
 * @typedef {import('../lib/matching').Ident} Ident
 */

/** Matching modes profiles/delete documents. */
const DELETE_MODES = ['email', 'phone', 'profile_id', 'custom'];

/** @param {Record<string, any>} b */
function readWriteOpts(b) {
	return {
		skipTriggers: P.optBool(b, 'skip_triggers', false),
		skipInvalidSubs: P.optBool(b, 'skip_invalid_subscriptions', false),
		detectGeo: P.optBool(b, 'detect_geo', false),
	};
}

/** @param {string} mode */
function isCustom(mode) {
	return mode === 'custom' || mode === 'custom_sub';
}

// ------------------------------------------------------------------ single writes

/**
 * @param {HandlerContext} ctx
 * @param {'import' | 'update' | 'add'} kind
 */
function single(ctx, kind) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	// profiles/add: "with empty/missing data an empty profile is created"
	const data = kind === 'add' ? P.optObject(b, 'data') ?? {} : P.reqObject(b, 'data');
	const opts = readWriteOpts(b);
	if (kind === 'add') {
		const db = requireDb(ctx, dbId);
		const { profile } = writeProfile(ctx, db, { kind, data, ...opts });
		return { error_text: '', profile_id: profile.id };
	}
	const matching = readMatching(b);
	const resourceId = P.optInt(b, 'resource_id');
	const addToSegments = P.optIntArray(b, 'add_to_segments');
	const removeFromSegments = P.optIntArray(b, 'remove_from_segments');
	const ident = readIdent(b, matching);
	const db = requireDb(ctx, dbId);
	checkFieldName(db, matching, ident.field_name);
	checkMatchingResource(ctx, resourceId, db);
	const { profile } = writeProfile(ctx, db, { kind, matching, ident, data, resourceId, addToSegments, removeFromSegments, ...opts });
	return { profile_id: profile.id };
}

// ------------------------------------------------------------------ batch writes

/**
 * @param {HandlerContext} ctx
 * @param {'import' | 'update' | 'add'} kind
 */
function batch(ctx, kind) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const data = P.reqArray(b, 'data');
	if (data.length > ctx.options.maxBatchSize) {
		throw new ApiError(400, `Parameter 'data': ${data.length} profiles in one request; at most ${ctx.options.maxBatchSize} are allowed`);
	}
	const opts = readWriteOpts(b);
	const matching = kind === 'add' ? 'email' : readMatching(b);
	const fieldName = kind !== 'add' && isCustom(matching) ? P.reqString(b, 'field_name') : undefined;
	const resourceId = kind === 'add' ? undefined : P.optInt(b, 'resource_id');
	const db = requireDb(ctx, dbId);
	checkFieldName(db, matching, fieldName);
	checkMatchingResource(ctx, resourceId, db);
	const result = data.map((el, i) => {
		try {
			if (!P.isPlainObject(el)) throw new ApiError(400, `data[${i}] must be an object`);
			if (kind === 'add') {
				const { profile } = writeProfile(ctx, db, { kind, data: el, ...opts });
				return { error: 0, error_text: SUCCESS_TEXT, profile_id: profile.id };
			}
			const ident = readIdent(el, matching, { prefix: `data[${i}].`, fieldName, batchElement: true });
			const { profile } = writeProfile(ctx, db, { kind, matching, ident, data: stripIdentKeys(el, matching, db), resourceId, ...opts });
			return { error: 0, error_text: SUCCESS_TEXT, profile_id: profile.id };
		} catch (e) {
			if (e instanceof ApiError) return { error: e.code, error_text: e.text };
			throw e;
		}
	});
	return { result };
}

// ------------------------------------------------------------------ get / list / delete

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const matching = readMatching(b);
	const resourceId = P.optInt(b, 'resource_id');
	const ident = readIdent(b, matching);
	const db = requireDb(ctx, dbId);
	checkFieldName(db, matching, ident.field_name);
	checkMatchingResource(ctx, resourceId, db);
	const p = resolveOne(ctx.store, db, matching, ident, resourceId);
	if (!p) throw new ApiError(404, `Profile not found in database ${dbId} (matching '${matching}')`);
	return { data: toApiProfile(p) };
}

/**
 * Cursor of profiles/list: `<seq as 16 hex>.<yyyymmddhhmmss>` (opaque to clients).
 * @param {Profile} p
 */
function encodeCursor(p) {
	return `${p.seq.toString(16).padStart(16, '0')}.${p.createdAt.replace(/\D/g, '').slice(0, 14)}`;
}

/**
 * @param {string} c
 * @returns {number}
 */
function decodeCursor(c) {
	if (c === '') return 0;
	const m = /^([0-9a-f]{16})\.\d{14}$/.exec(c);
	if (!m) throw new ApiError(400, "Parameter 'from_id' is not a valid cursor (pass the next_from_id of the previous page, or an empty string)");
	return parseInt(m[1], 16);
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const fromId = P.optString(b, 'from_id') ?? '';
	const limit = P.optInt(b, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	const query = P.optObject(b, 'query');
	const pred = query ? compileQuery(query, 'query') : null;
	const fields = P.optStringArray(b, 'fields');
	const afterSeq = decodeCursor(fromId);
	const db = requireDb(ctx, dbId);
	/** @type {Profile[]} */
	const page = [];
	for (const p of ctx.store.profilesAfter(db, afterSeq)) {
		if (pred && !pred(queryDoc(p))) continue;
		page.push(p);
		if (page.length >= limit) break;
	}
	const next = page.length ? encodeCursor(page[page.length - 1]) : fromId;
	return { data: page.map((p) => project(toApiProfile(p), fields)), next_from_id: next };
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

/** @param {HandlerContext} ctx */
function del(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const matching = readMatching(b, DELETE_MODES, 'profiles/delete');
	const resourceId = P.optInt(b, 'resource_id');
	const ident = readIdent(b, matching);
	const db = requireDb(ctx, dbId);
	checkFieldName(db, matching, ident.field_name);
	checkMatchingResource(ctx, resourceId, db);
	const p = resolveOne(ctx.store, db, matching, ident, resourceId);
	if (!p) throw new ApiError(404, `Profile not found in database ${dbId} (matching '${matching}')`);
	ctx.store.deleteProfile(p);
	ctx.ledger('profile.delete', dbId, p.id);
	return { data: { profile_id: p.id } };
}

// ------------------------------------------------------------------ merge / split

/**
 * Database of a source/destination entry: its own `db_id`, else the default.
 * @param {HandlerContext} ctx
 * @param {Record<string, any>} entry
 * @param {number | undefined} dflt
 * @param {string} label
 * @returns {DbState}
 */
function entryDb(ctx, entry, dflt, label) {
	const id = P.optInt(entry, 'db_id', `${label}.db_id`) ?? dflt;
	if (id === undefined) throw new ApiError(400, `Parameter '${label}.db_id' is required`);
	return requireDb(ctx, id);
}

/**
 * @param {HandlerContext} ctx
 * @param {Record<string, any>} entry
 * @param {string} matching
 * @param {string} label
 * @param {DbState} db
 * @returns {Ident}
 */
function entryIdent(ctx, entry, matching, label, db) {
	const b = ctx.body;
	const fieldName = isCustom(matching) ? (typeof entry.field_name === 'string' ? entry.field_name : P.optString(b, 'field_name')) : undefined;
	const ident = readIdent(entry, matching, { prefix: `${label}.`, fieldName, fallbackFieldValue: b.field_value });
	checkFieldName(db, matching, ident.field_name);
	return ident;
}

/**
 * Initial fields of a profile that merge/split creates: its matching identifier.
 * @param {DbState} db
 * @param {string} matching
 * @param {Ident} ident
 * @returns {Record<string, any>}
 */
function createdFields(db, matching, ident) {
	const idf = identityFields(db, matching, ident);
	/** @type {Record<string, any>} */
	const out = {};
	for (const k of Object.keys(idf)) out[k] = checkValue(/** @type {FieldDef} */ (db.fields.get(k)), idf[k]);
	return out;
}

/**
 * Copy subscriptions of `from` to `to` when the resource is linked to the target database and `to` has no such
 * subscription yet.
 * @param {HandlerContext} ctx
 * @param {Subscription[]} to
 * @param {Subscription[]} from
 * @param {DbState} db
 * @returns {Subscription[]}
 */
function copySubs(ctx, to, from, db) {
	const out = to.slice();
	for (const s of from) {
		if (s.is_delete) continue;
		const r = ctx.store.resources.get(s.resource_id);
		if (!r || !r.dbs_ids.includes(db.info.id)) continue;
		const key = subContactKey(s);
		if (out.some((x) => x.resource_id === s.resource_id && x.channel === s.channel && subContactKey(x) === key)) continue;
		out.push(structuredClone(s));
	}
	return out;
}

/**
 * The parameters merge and split share (10-profiles.md §16, §18), validated alike.
 * @param {any} b
 */
function readMergeOptions(b) {
	const data = P.optObject(b, 'data');
	const matching = readMatching(b);
	P.optString(b, 'field_name');
	const skipTriggers = P.optBool(b, 'skip_triggers', false);
	const withSubs = P.optBool(b, 'subscriptions', true);
	P.optBool(b, 'history', true);
	const staticSegments = P.optBool(b, 'static_segments', false);
	P.optObject(b, 'subscription_filters');
	return { data, matching, skipTriggers, withSubs, staticSegments };
}

/** @param {HandlerContext} ctx */
function merge(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const source = P.reqArray(b, 'source');
	if (source.length === 0) throw new ApiError(400, "Parameter 'source' must not be empty");
	const destination = P.reqObject(b, 'destination');
	const { data, matching, skipTriggers, withSubs, staticSegments } = readMergeOptions(b);

	/** @type {Profile[]} */
	const sources = [];
	source.forEach((s, i) => {
		if (!P.isPlainObject(s)) throw new ApiError(400, `Parameter 'source[${i}]' must be an object`);
		const sdb = entryDb(ctx, s, dbId, `source[${i}]`);
		const p = resolveOne(ctx.store, sdb, matching, entryIdent(ctx, s, matching, `source[${i}]`, sdb));
		if (!p) throw new ApiError(404, `Profile of source[${i}] not found in database ${sdb.info.id}`);
		if (!sources.includes(p)) sources.push(p);
	});
	const ddb = entryDb(ctx, destination, dbId, 'destination');
	const dIdent = entryIdent(ctx, destination, matching, 'destination', ddb);
	const dest = resolveOne(ctx.store, ddb, matching, dIdent);
	if (!dest && matching === 'profile_id') throw new ApiError(404, `Profile of destination not found in database ${ddb.info.id}`);
	const srcs = sources.filter((p) => p !== dest);
	const prepared = data ? prepareData(ctx, ddb, data, false) : null;

	const fields = dest ? { ...dest.fields } : createdFields(ddb, matching, dIdent);
	/** @type {Array<[Profile, Record<string, any>]>} */
	const clearEmail = [];
	for (const s of srcs) {
		for (const [k, v] of Object.entries(s.fields)) {
			if (!ddb.fields.has(k) || fields[k] !== undefined || v === undefined || v === null || v === '') continue;
			fields[k] = structuredClone(v);
			if (k === 'email') {
				const f = { ...s.fields };
				delete f.email;
				clearEmail.push([s, f]);
			}
		}
	}
	if (prepared) for (const [def, op] of prepared.ops) applyFieldOp(fields, def, op);
	checkEmailUnique(ddb, fields, dest, new Set(clearEmail.map(([s]) => s.id)));
	let subs = dest ? dest.subscriptions : [];
	if (withSubs) for (const s of srcs) subs = copySubs(ctx, subs, s.subscriptions, ddb);

	for (const [s, f] of clearEmail) ctx.store.replaceProfile(s, f, s.subscriptions, ctx.now);
	let target;
	if (dest) {
		ctx.store.replaceProfile(dest, fields, subs, ctx.now);
		target = dest;
	} else {
		target = ctx.store.createProfile(ddb, fields, subs, ctx.now);
	}
	if (staticSegments) {
		for (const s of srcs) {
			for (const segId of s.segments) {
				const seg = ctx.store.segments.get(segId);
				if (seg && seg.db_id === ddb.info.id) target.segments.add(segId);
			}
			s.segments.clear();
		}
	}
	ctx.ledger('profile.merge', ddb.info.id, target.id, { sources: srcs.map((s) => s.id), created: !dest, data: data ?? null }, { skipTriggers });
	return { data: { profile_id: target.id } };
}

/** @param {HandlerContext} ctx */
function split(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const source = P.reqObject(b, 'source');
	const destination = P.reqArray(b, 'destination');
	if (destination.length === 0) throw new ApiError(400, "Parameter 'destination' must not be empty");
	const { data, matching, skipTriggers, withSubs, staticSegments } = readMergeOptions(b);

	if (source.db_id === undefined || source.db_id === null) throw new ApiError(400, "Parameter 'source.db_id' is required");
	const sdb = entryDb(ctx, source, undefined, 'source');
	const src = resolveOne(ctx.store, sdb, matching, entryIdent(ctx, source, matching, 'source', sdb));
	if (!src) throw new ApiError(404, `Profile of source not found in database ${sdb.info.id}`);

	/** @type {Array<{ db: DbState, existing: Profile | null, fields: Record<string, any>, subs: Subscription[] }>} */
	const plans = [];
	/** @type {Set<string>} */
	const plannedEmails = new Set();
	destination.forEach((d, i) => {
		const label = `destination[${i}]`;
		if (!P.isPlainObject(d)) throw new ApiError(400, `Parameter '${label}' must be an object`);
		const ddb = entryDb(ctx, d, sdb.info.id, label);
		const ident = entryIdent(ctx, d, matching, label, ddb);
		const existing = resolveOne(ctx.store, ddb, matching, ident);
		if (existing === src) throw new ApiError(400, `Parameter '${label}' designates the source profile itself`);
		if (existing && plans.some((pl) => pl.existing === existing)) throw new ApiError(400, `Parameter '${label}' designates the same profile as an earlier destination`);
		if (!existing && matching === 'profile_id') throw new ApiError(404, `Profile of ${label} not found in database ${ddb.info.id}`);
		const fields = existing ? { ...existing.fields } : createdFields(ddb, matching, ident);
		for (const [k, v] of Object.entries(src.fields)) {
			if (k === 'email' || !ddb.fields.has(k) || fields[k] !== undefined || v === undefined || v === null) continue;
			fields[k] = structuredClone(v);
		}
		if (data) for (const [def, op] of prepareData(ctx, ddb, data, false).ops) applyFieldOp(fields, def, op);
		checkEmailUnique(ddb, fields, existing);
		if (typeof fields.email === 'string' && (!existing || existing.fields.email !== fields.email)) {
			const key = `${ddb.info.id}|${fields.email.toLowerCase()}`;
			if (plannedEmails.has(key)) throw new ApiError(409, `Two destinations would get the same e-mail '${fields.email}'`);
			plannedEmails.add(key);
		}
		const subs = withSubs ? copySubs(ctx, existing ? existing.subscriptions : [], src.subscriptions, ddb) : existing ? existing.subscriptions : [];
		plans.push({ db: ddb, existing, fields, subs });
	});

	/** @type {string[]} */
	const ids = [];
	/** @type {string[]} */
	const createdIds = [];
	for (const pl of plans) {
		let p;
		if (pl.existing) {
			ctx.store.replaceProfile(pl.existing, pl.fields, pl.subs, ctx.now);
			p = pl.existing;
		} else {
			p = ctx.store.createProfile(pl.db, pl.fields, pl.subs, ctx.now);
			createdIds.push(p.id);
		}
		if (staticSegments) {
			for (const segId of src.segments) {
				const seg = ctx.store.segments.get(segId);
				if (seg && seg.db_id === pl.db.info.id) p.segments.add(segId);
			}
		}
		ids.push(p.id);
	}
	if (staticSegments) src.segments.clear();
	ctx.ledger('profile.split', sdb.info.id, src.id, { destinations: ids, created: createdIds, data: data ?? null }, { skipTriggers });
	return { data: { profile_ids: ids } };
}

// ------------------------------------------------------------------ message_unsub

/** @param {HandlerContext} ctx */
function messageUnsub(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const rtoken = P.reqString(b, 'rtoken');
	const smid = P.reqString(b, 'smid');
	const categories = P.optStringArray(b, 'categories');
	const resource = ctx.store.visibleResources(ctx.principal).find((r) => r.rtoken === rtoken);
	if (!resource) throw new ApiError(404, 'Resource with this rtoken not found');
	const msg = ctx.store.sentMessages.get(smid);
	if (!msg || msg.resourceId !== resource.id) throw new ApiError(404, `Message '${smid}' not found for resource ${resource.id}`);
	const db = requireDb(ctx, msg.dbId);
	const p = ctx.store.profiles.get(msg.profileId);
	if (!p || p.dbId !== db.info.id) throw new ApiError(404, `Profile of message '${smid}' not found`);
	const hits = p.subscriptions.filter((s) => !s.is_delete && s.resource_id === resource.id && (!msg.channel || s.channel === msg.channel));
	if (hits.length === 0) throw new ApiError(404, `Profile ${p.id} has no subscription to resource ${resource.id}`);
	if (categories) {
		const unknown = categories.filter((c) => !resource.categories.includes(c));
		if (unknown.length) throw new ApiError(450, `Validation error: unknown categories of resource ${resource.id}: ${unknown.join(', ')}`);
	}
	const before = p.subscriptions;
	const subs = p.subscriptions.map((s) => {
		if (!hits.includes(s)) return s;
		const c = structuredClone(s);
		if (categories && categories.length) c.cats = c.cats.filter((x) => !categories.includes(x));
		else c.status = 'unsubscribed';
		return c;
	});
	ctx.store.replaceProfile(p, p.fields, subs, ctx.now);
	ctx.ledger('subscription.unsubscribe', db.info.id, p.id, { resourceId: resource.id, smid, categories: categories ?? null });
	subs.forEach((s, i) => {
		if (s !== before[i]) recordEvent(ctx.store, p, { action: 'unsubscribe', datetime: ctx.now, sub: s, smid });
	});
	return { profile_id: p.id };
}

// ------------------------------------------------------------------ get_all (export task)

/** @param {HandlerContext} ctx */
function getAll(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const sourceType = P.reqString(b, 'source_type');
	if (sourceType !== 'database' && sourceType !== 'segment') throw new ApiError(400, "Parameter 'source_type' must be \"database\" or \"segment\"");
	const sourceId = P.reqInt(b, 'source_id');
	const fileFormat = (P.optString(b, 'file_format') ?? 'csv').toLowerCase();
	if (fileFormat !== 'csv' && fileFormat !== 'json') throw new ApiError(400, "Parameter 'file_format' must be \"csv\" or \"json\"");
	const custom = P.optObject(b, 'custom_request');
	const filter = custom ? compileQuery(custom, 'custom_request') : null;

	/** @type {DbState} */
	let db;
	/** @type {(p: Profile) => boolean} */
	let inSource;
	if (sourceType === 'database') {
		db = requireDb(ctx, sourceId);
		inSource = () => true;
	} else {
		const seg = ctx.store.visibleSegment(ctx.principal, sourceId);
		if (!seg) throw new ApiError(404, `Segment ${sourceId} not found (it does not exist or is outside the token's visibility zone)`);
		db = /** @type {DbState} */ (ctx.store.databases.get(seg.db_id));
		inSource = segmentPredicate(ctx.store, seg);
	}
	const profiles = db.order.filter((p) => inSource(p) && (!filter || filter(queryDoc(p))));
	const views = profiles.map(toApiProfile);
	const uuid = crypto.randomUUID();
	const filename = `${sourceId}_${sourceType}_export.${fileFormat}`;
	const path = `/api/download/${uuid}/${filename}`;
	let body;
	if (fileFormat === 'json') {
		body = JSON.stringify(views);
	} else {
		const present = new Set();
		for (const p of profiles) for (const k of Object.keys(p.fields)) present.add(k);
		const columns = ['id', ...db.fieldList.map((f) => f.name).filter((n) => present.has(n)), '_createtime'];
		if (profiles.some((p) => p.subscriptions.length)) columns.push('subscriptions');
		body = toCsv(columns, views);
	}
	const task = ctx.store.createTask({
		accountId: ctx.principal.accountId,
		type: 'profiles_export',
		dbId: db.info.id,
		pollsUntilDone: ctx.options.taskPollsUntilDone,
		result: { errors: [], source_id: sourceId, total: profiles.length, type: sourceType, urls: [path] },
		files: [path],
		id: `task_${crypto.randomUUID()}`,
	});
	ctx.store.files.set(path, {
		path,
		accountId: ctx.principal.accountId,
		dbId: db.info.id,
		contentType: fileFormat === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8',
		filename,
		body,
		taskId: task.id,
	});
	return { data: { task_id: task.id } };
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/profiles/import': { modifying: true, handle: (ctx) => single(ctx, 'import') },
	'/api/v1.1/profiles/update': { modifying: true, handle: (ctx) => single(ctx, 'update') },
	'/api/v1.1/profiles/add': { modifying: true, handle: (ctx) => single(ctx, 'add') },
	'/api/v1.1/profiles/import_batch': { modifying: true, handle: (ctx) => batch(ctx, 'import') },
	'/api/v1.1/profiles/update_batch': { modifying: true, handle: (ctx) => batch(ctx, 'update') },
	'/api/v1.1/profiles/add_batch/': { modifying: true, handle: (ctx) => batch(ctx, 'add') },
	'/api/v1.1/profiles/get/': { modifying: false, handle: get },
	'/api/v1.1/profiles/list': { modifying: false, handle: list },
	'/api/v1.1/profiles/delete': { modifying: true, permission: 'delete', handle: del },
	'/api/v1.1/profiles/merge': { modifying: true, handle: merge },
	'/api/v1.1/profiles/split': { modifying: true, handle: split },
	'/api/v1.1/profiles/message_unsub': { modifying: true, handle: messageUnsub },
	'/api/v1.1/profiles/get_all': { modifying: false, handle: getAll },
};
