// @ts-check
'use strict';

/**
 * The write path shared by profiles/import, update, add and their batch variants (and by the seed loader):
 * validate the data (450 / subscription 404, 413, 450), find the target (matching; 404 / 435), compute the new
 * fields (field functions, identity fields on creation, detect_geo), check e-mail uniqueness (409), merge
 * subscriptions, commit, update static segments, write the ledger entry and the action-history events.
 */

const { ApiError } = require('./errors');
const { READ_ONLY_FIELDS, GEO_FIXED, parseFieldOp, applyFieldOp, checkValue, normEmail } = require('./fields');
const { parseSubscription, mergeSubscriptions } = require('./subscriptions');
const { resolveOne, identityFields } = require('./matching');
const { recordProfileWrite } = require('./history');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Principal} Principal
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('./fields').FieldDef} FieldDef
 * @typedef {import('./fields').FieldOp} FieldOp
 * @typedef {import('./subscriptions').SubInput} SubInput
 * @typedef {import('./matching').Ident} Ident
 * @typedef {{ store: Store, principal: Principal, now: string,
 *   ledger?: (op: string, dbId: number | null, profileId: string | null, data?: any, extra?: Record<string, any>) => void }} WriteContext
 * @typedef {{ kind: 'import' | 'update' | 'add', matching?: string, ident?: Ident, data: Record<string, any>,
 *   resourceId?: number, skipTriggers?: boolean, skipInvalidSubs?: boolean, detectGeo?: boolean,
 *   addToSegments?: number[], removeFromSegments?: number[], id?: string }} WriteParams
 */

/**
 * Validate profile data against the database: field names and types (450), subscriptions (404 / 413 / 450, or
 * dropped with skip_invalid_subscriptions).
 * @param {WriteContext} ctx
 * @param {DbState} db
 * @param {Record<string, any>} data
 * @param {boolean} skipInvalidSubs
 * @returns {{ ops: Array<[FieldDef, FieldOp]>, subs: SubInput[], dropped: Array<{ index: number, error: number, error_text: string }> }}
 */
function prepareData(ctx, db, data, skipInvalidSubs) {
	/** @type {Array<[FieldDef, FieldOp]>} */
	const ops = [];
	for (const name of Object.keys(data)) {
		if (name === 'subscriptions') continue;
		const def = db.fields.get(name);
		if (!def) {
			if (READ_ONLY_FIELDS.has(name)) throw new ApiError(450, `Validation error: field '${name}' is read-only`);
			throw new ApiError(450, `Validation error: unknown field '${name}' (not a field of database ${db.info.id})`);
		}
		ops.push([def, parseFieldOp(def, data[name])]);
	}
	/** @type {SubInput[]} */
	const subs = [];
	/** @type {Array<{ index: number, error: number, error_text: string }>} */
	const dropped = [];
	const raw = data.subscriptions;
	if (raw !== undefined && raw !== null) {
		if (!Array.isArray(raw)) throw new ApiError(450, "Validation error: field 'subscriptions' must be an array");
		raw.forEach((r, i) => {
			try {
				subs.push(parseSubscription(ctx.store, ctx.principal, db, r, i));
			} catch (e) {
				if (skipInvalidSubs && e instanceof ApiError) dropped.push({ index: i, error: e.code, error_text: e.text });
				else throw e;
			}
		});
	}
	return { ops, subs, dropped };
}

/**
 * @param {DbState} db
 * @param {Record<string, any>} fields
 * @param {Profile | null} target
 * @param {Set<string>} [ignore]  ids whose e-mail is being cleared by the same operation
 */
function checkEmailUnique(db, fields, target, ignore) {
	const e = fields.email;
	if (typeof e !== 'string' || e === '') return;
	const key = normEmail(e);
	if (target && normEmail(target.fields.email) === key) return;
	const owners = db.idx.email.get(key);
	if (owners) {
		for (const id of owners) {
			if ((!target || id !== target.id) && !(ignore && ignore.has(id))) {
				throw new ApiError(409, `Another profile of database ${db.info.id} already has the e-mail '${e}' (e-mail is unique)`);
			}
		}
	}
}

/**
 * Static segments of the database to add the profile to / remove it from; unknown ids are ignored.
 * @param {WriteContext} ctx
 * @param {DbState} db
 * @param {Profile} p
 * @param {number[] | undefined} add
 * @param {number[] | undefined} remove
 */
function updateSegments(ctx, db, p, add, remove) {
	for (const [list, on] of /** @type {Array<[number[] | undefined, boolean]>} */ ([[add, true], [remove, false]])) {
		for (const id of list || []) {
			const s = ctx.store.visibleSegment(ctx.principal, id);
			if (!s || s.type !== 'static' || s.db_id !== db.info.id) continue;
			if (on) p.segments.add(id);
			else p.segments.delete(id);
		}
	}
}

/**
 * @param {WriteContext} ctx
 * @param {DbState} db
 * @param {WriteParams} p
 * @returns {{ profile: Profile, created: boolean }}
 */
function writeProfile(ctx, db, p) {
	const prepared = prepareData(ctx, db, p.data, Boolean(p.skipInvalidSubs));
	const matching = p.matching || 'email';
	/** @type {Profile | null} */
	let target = null;
	if (p.kind !== 'add') {
		target = resolveOne(ctx.store, db, matching, /** @type {Ident} */ (p.ident), p.resourceId);
		if (!target && (p.kind === 'update' || matching === 'profile_id')) {
			throw new ApiError(404, `Profile not found in database ${db.info.id} (matching '${matching}')`);
		}
	}
	/** @type {Record<string, any>} */
	let fields;
	if (target) {
		fields = { ...target.fields };
	} else {
		fields = {};
		if (p.kind === 'import') {
			const idf = identityFields(db, matching, /** @type {Ident} */ (p.ident));
			for (const k of Object.keys(idf)) fields[k] = checkValue(/** @type {FieldDef} */ (db.fields.get(k)), idf[k]);
		}
	}
	for (const [def, op] of prepared.ops) applyFieldOp(fields, def, op);
	if (p.detectGeo) {
		const ip = typeof p.data._regip === 'string' ? p.data._regip : typeof p.data._ip === 'string' ? p.data._ip : undefined;
		if (ip) {
			for (const [k, v] of Object.entries(GEO_FIXED)) if (!Object.prototype.hasOwnProperty.call(p.data, k) && db.fields.has(k)) fields[k] = v;
		}
	}
	checkEmailUnique(db, fields, target);
	const regIp = typeof p.data._regip === 'string' ? p.data._regip : typeof p.data._ip === 'string' ? p.data._ip : '';
	const subs = mergeSubscriptions(target ? target.subscriptions : [], prepared.subs, ctx.now, regIp);

	let profile;
	const created = !target;
	const before = target ? target.subscriptions : [];
	if (target) {
		ctx.store.replaceProfile(target, fields, subs, ctx.now);
		profile = target;
	} else {
		profile = ctx.store.createProfile(db, fields, subs, ctx.now, p.id);
	}
	updateSegments(ctx, db, profile, p.addToSegments, p.removeFromSegments);
	if (ctx.ledger) {
		// API writes (not the seed loader) leave action-history events.
		recordProfileWrite(ctx.store, profile, created, before, ctx.now);
		ctx.ledger(created ? 'profile.create' : 'profile.update', db.info.id, profile.id, p.data, {
			skipTriggers: Boolean(p.skipTriggers),
			...(prepared.dropped.length ? { droppedSubscriptions: prepared.dropped } : {}),
		});
	}
	return { profile, created };
}

module.exports = { prepareData, writeProfile, checkEmailUnique, updateSegments };
