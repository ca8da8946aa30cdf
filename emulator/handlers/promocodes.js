// @ts-check
'use strict';

/**
 * Promo codes (50-promo-codes.md), all under /api/v1.1/promocodes/: import, get, activate, update, attach, detach,
 * export_all. Every call names a promo code program with `loyalty_id` (programs belong to the account; another
 * account's program or an unknown one: 404). A code's life: imported → attached to a profile → activated; it expires at
 * its `expire_date`. A code is *free* when it is not attached, not activated and not expired. In a program without
 * multiple use a code is attached to at most one profile.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const C = require('../lib/commerce');
const { requireDb } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/commerce').PromoProgram} PromoProgram
 * @typedef {import('../lib/commerce').PromoCode} PromoCode
 */

/** Matching modes attach and detach list (50-promo-codes.md §5). */
const PROFILE_MODES = ['email', 'phone', 'profile_id', 'custom'];
const MAX_CODE_LENGTH = 255;

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {PromoProgram}
 */
function requireProgram(ctx, id) {
	const p = C.commerce(ctx.store).promoPrograms.get(id);
	if (!p || p.accountId !== ctx.principal.accountId) {
		throw new ApiError(404, `Promo code program ${id} not found (it does not exist or is outside the token's visibility zone)`);
	}
	return p;
}

/**
 * @param {PromoProgram} prog
 * @param {string} code
 * @returns {PromoCode}
 */
function requireCode(prog, code) {
	const c = prog.codes.get(code.trim());
	if (!c) throw new ApiError(404, `Promo code '${code}' not found in program ${prog.id}`);
	return c;
}

/**
 * @param {HandlerContext} ctx
 * @param {PromoCode} c
 */
function isExpired(ctx, c) {
	return c.expireMs !== null && c.expireMs <= C.nowMs(ctx.store);
}

/**
 * @param {HandlerContext} ctx
 * @param {PromoProgram} prog
 * @param {PromoCode} c
 */
function codeView(ctx, prog, c) {
	const expired = isExpired(ctx, c);
	return {
		code: c.code,
		loyalty_id: prog.id,
		created: c.created,
		is_attached: c.attached.length > 0,
		is_activated: c.activated !== '',
		is_expired: expired,
		attached: c.attached.length > 0 ? c.lastAttached : '',
		activated: c.activated,
		expired: expired ? c.expireDate : '',
		expire_date: c.expireDate,
	};
}

/**
 * A code to add: trimmed, non-empty, at most 255 characters; `null` when invalid.
 * @param {string} raw
 * @returns {string | null}
 */
function cleanCode(raw) {
	const c = raw.trim();
	return c === '' || c.length > MAX_CODE_LENGTH || /\s/.test(c) ? null : c;
}

/** @param {HandlerContext} ctx */
function importCodes(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'loyalty_id');
	const codes = P.reqArray(b, 'codes');
	if (codes.length === 0) throw new ApiError(400, "Parameter 'codes' must contain at least one code");
	codes.forEach((c, i) => {
		if (typeof c !== 'string') throw new ApiError(400, `Parameter 'codes[${i}]' must be a string`);
	});
	const prog = requireProgram(ctx, id);
	const now = C.isoSec(C.nowMs(ctx.store));
	const s = C.commerce(ctx.store);
	const results = [];
	/** @type {string[]} */
	const inserted = [];
	let duplicated = 0;
	let discarded = 0;
	for (const raw of /** @type {string[]} */ (codes)) {
		const code = cleanCode(raw);
		if (code === null) {
			results.push({ code: raw, error: 450, error_text: `Validation error: a code must be 1–${MAX_CODE_LENGTH} characters without spaces` });
		} else if (prog.codes.has(code)) {
			duplicated += 1;
			results.push({ code, error: 409, error_text: 'The code already exists in the program' });
		} else if (prog.capacity !== null && prog.codes.size >= prog.capacity) {
			discarded += 1;
			results.push({ code, error: 450, error_text: `The program's capacity (${prog.capacity} codes) is reached` });
		} else {
			prog.codes.set(code, C.newPromoCode(s, code, now));
			inserted.push(code);
			results.push({ code, error: 0, error_text: '' });
		}
	}
	ctx.ledger('promocode.import', null, null, { loyalty_id: prog.id, inserted, duplicated, discarded_by_limit: discarded });
	return { data: results, inserted: inserted.length, duplicated, discarded_by_limit: discarded };
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'loyalty_id');
	const code = P.reqString(b, 'code');
	const prog = requireProgram(ctx, id);
	return { data: codeView(ctx, prog, requireCode(prog, code)) };
}

/**
 * Activation needs an attached code that is neither activated nor expired (450 otherwise).
 * @param {HandlerContext} ctx
 * @param {PromoCode} c
 */
function checkActivatable(ctx, c) {
	if (c.attached.length === 0) throw new ApiError(450, `Validation error: promo code '${c.code}' is not attached to a profile`);
	if (c.activated !== '') throw new ApiError(450, `Validation error: promo code '${c.code}' is already activated`);
	if (isExpired(ctx, c)) throw new ApiError(450, `Validation error: promo code '${c.code}' has expired`);
}

/** @param {HandlerContext} ctx */
function activate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'loyalty_id');
	const code = P.reqString(b, 'code');
	const prog = requireProgram(ctx, id);
	const c = requireCode(prog, code);
	checkActivatable(ctx, c);
	c.activated = C.isoSec(C.nowMs(ctx.store));
	ctx.ledger('promocode.activate', null, null, { loyalty_id: prog.id, code: c.code });
	return { data: null };
}

/** @param {HandlerContext} ctx */
function update(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'loyalty_id');
	const code = P.reqString(b, 'code');
	const activated = b.activated === undefined || b.activated === null ? undefined : P.optBool(b, 'activated', false);
	const expireRaw = P.optString(b, 'expire_date');
	if (activated === undefined && (expireRaw === undefined || expireRaw === '')) {
		throw new ApiError(400, "Parameter 'activated' or 'expire_date' is required");
	}
	const prog = requireProgram(ctx, id);
	const c = requireCode(prog, code);
	const expire = C.readDate(b, 'expire_date', false);
	/** @type {Record<string, any>} */
	const changes = {};
	if (activated === true && c.activated === '') {
		if (c.attached.length === 0) throw new ApiError(450, `Validation error: promo code '${c.code}' is not attached to a profile`);
	}
	if (expire) {
		c.expireDate = expire.iso;
		c.expireMs = expire.ms;
		changes.expire_date = expire.iso;
	}
	if (activated !== undefined) {
		if (activated && c.activated === '') c.activated = C.isoSec(C.nowMs(ctx.store));
		if (!activated) c.activated = '';
		changes.activated = activated;
	}
	ctx.ledger('promocode.update', null, null, { loyalty_id: prog.id, code: c.code, ...changes });
	return {};
}

/**
 * The parameter and lookup phases of attach / detach.
 * @param {HandlerContext} ctx
 * @param {boolean} codeRequired
 */
function readAttachParams(ctx, codeRequired) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'loyalty_id');
	const dbId = P.reqInt(b, 'db_id');
	const code = codeRequired ? P.reqString(b, 'code') : P.optString(b, 'code');
	const key = C.readProfileKey(b, { modes: PROFILE_MODES, required: false });
	const prog = requireProgram(ctx, id);
	const db = requireDb(ctx, dbId);
	const profile = C.resolveProfile(ctx.store, db, key);
	return { prog, db, profile, code: code === undefined || code.trim() === '' ? undefined : code };
}

/**
 * With `code`: that code (a new one is imported first); without: the first free code of the program (in a program
 * with multiple use: the first unexpired code the profile does not have yet).
 * @param {HandlerContext} ctx
 */
function attach(ctx) {
	const { prog, db, profile, code } = readAttachParams(ctx, false);
	const s = C.commerce(ctx.store);
	const now = C.isoSec(C.nowMs(ctx.store));
	/** @type {PromoCode | undefined} */
	let c;
	let imported = false;
	if (code !== undefined) {
		const clean = cleanCode(code);
		if (clean === null) throw new ApiError(450, `Validation error: 'code' must be 1–${MAX_CODE_LENGTH} characters without spaces`);
		c = prog.codes.get(clean);
		if (c) {
			const mine = c.attached.some((a) => a.profileId === profile.id);
			if (!mine && c.attached.length > 0 && !prog.multipleUse) {
				throw new ApiError(409, `Promo code '${clean}' is already attached to another profile (the program does not allow multiple use)`);
			}
			if (!mine && isExpired(ctx, c)) throw new ApiError(450, `Validation error: promo code '${clean}' has expired`);
			if (!mine && c.activated !== '' && !prog.multipleUse) throw new ApiError(450, `Validation error: promo code '${clean}' is already activated`);
		} else {
			if (prog.capacity !== null && prog.codes.size >= prog.capacity) {
				throw new ApiError(450, `Validation error: the program's capacity (${prog.capacity} codes) is reached`);
			}
			c = C.newPromoCode(s, clean, now);
			imported = true;
		}
	} else {
		for (const x of prog.codes.values()) {
			if (isExpired(ctx, x)) continue;
			if (prog.multipleUse ? !x.attached.some((a) => a.profileId === profile.id) : x.attached.length === 0 && x.activated === '') {
				c = x;
				break;
			}
		}
		if (!c) throw new ApiError(404, `No free promo code left in program ${prog.id}`);
	}
	const changed = !c.attached.some((a) => a.profileId === profile.id);
	if (imported) prog.codes.set(c.code, c);
	if (changed) {
		c.attached.push({ profileId: profile.id, dbId: db.info.id, at: now });
		c.lastAttached = now;
	}
	ctx.ledger('promocode.attach', db.info.id, profile.id, { loyalty_id: prog.id, code: c.code, imported, changed });
	return { data: null };
}

/** @param {HandlerContext} ctx */
function detach(ctx) {
	const { prog, db, profile, code } = readAttachParams(ctx, true);
	const c = requireCode(prog, /** @type {string} */ (code));
	if (c.attached.length > 1) throw new ApiError(435, `Promo code '${c.code}' is attached to several profiles; it cannot be detached`);
	if (!c.attached.some((a) => a.profileId === profile.id)) {
		throw new ApiError(404, `Promo code '${c.code}' is not attached to profile ${profile.id}`);
	}
	c.attached = [];
	ctx.ledger('promocode.detach', db.info.id, profile.id, { loyalty_id: prog.id, code: c.code });
	return {};
}

/** @param {HandlerContext} ctx */
function exportAll(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const prog = requireProgram(ctx, P.reqInt(b, 'loyalty_id'));
	const data = [...prog.codes.values()]
		.sort((x, y) => x.seq - y.seq)
		.map((c) => ({ code: c.code, ...(c.attached.length > 0 ? { attached: c.lastAttached } : {}), ...(c.activated !== '' ? { activated: c.activated } : {}) }));
	return { data };
}

const S = '/api/v1.1/promocodes';

/** @type {RouteTable} */
module.exports = {
	[`${S}/import`]: { modifying: true, handle: importCodes },
	[`${S}/get`]: { modifying: false, handle: get },
	[`${S}/activate`]: { modifying: true, handle: activate },
	[`${S}/update`]: { modifying: true, handle: update },
	[`${S}/attach`]: { modifying: true, handle: attach },
	[`${S}/detach`]: { modifying: true, handle: detach },
	[`${S}/export_all`]: { modifying: false, handle: exportAll },
};
