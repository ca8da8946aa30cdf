// @ts-check
'use strict';

/**
 * Loyalty programs (52-loyalty.md), all under /api/v1.1/loyalty/: register_member, delete_member, account/balance,
 * account/tiers, account/expiring_points, account/transactions (paged by transaction id), trigger_promotions (paged),
 * accrue_points, redeeme_points (the documented spelling), commit_transaction, rollback_transaction,
 * cancel_transaction and transactions_export (a task: tasks/status, then GET /api/download/...).
 *
 * A program is `loyalty_program_id`; it is bound to one database and visible when that database is. Member-scoped calls
 * find the profile in the program's database by `matching` (required: email, phone, profile_id, custom) and need it to
 * be a member. Amounts and balances are decimal strings. See lib/loyalty.js for the transaction state machine.
 */

const crypto = require('node:crypto');
const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { toCsv } = require('../lib/csv');
const C = require('../lib/commerce');
const L = require('../lib/loyalty');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/loyalty').Program} Program
 * @typedef {import('../lib/loyalty').Currency} Currency
 * @typedef {import('../lib/loyalty').Member} Member
 * @typedef {import('../lib/loyalty').Tx} Tx
 * @typedef {import('../lib/loyalty').Promotion} Promotion
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').DbState} DbState
 * @typedef {{ iid?: number, eid?: string }} CurrencySel
 */

/** Matching modes of the member-scoped calls (52-loyalty.md §1). */
const MEMBER_MODES = ['email', 'phone', 'profile_id', 'custom'];

// ------------------------------------------------------------------ lookups

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {Program}
 */
function requireProgram(ctx, id) {
	const p = L.loyalty(ctx.store).programs.get(id);
	if (!p || p.accountId !== ctx.principal.accountId || !ctx.store.visibleDatabase(ctx.principal, p.dbId)) {
		throw new ApiError(404, `Loyalty program ${id} not found (it does not exist or is outside the token's visibility zone)`);
	}
	return p;
}

/**
 * `points_currency_iid` / `points_currency_eid` (types only; 400 when required and both are missing).
 * @param {Record<string, any>} b
 * @param {boolean} required
 * @returns {CurrencySel}
 */
function readCurrencySel(b, required) {
	const iid = P.optInt(b, 'points_currency_iid');
	const eidRaw = P.optString(b, 'points_currency_eid');
	const eid = eidRaw === '' ? undefined : eidRaw;
	if (required && iid === undefined && eid === undefined) {
		throw new ApiError(400, "Parameter 'points_currency_iid' or 'points_currency_eid' is required");
	}
	return { iid, eid };
}

/**
 * The currency named by the selector (unknown: 404; iid and eid of different currencies: 450), else the program's
 * default currency.
 * @param {Program} prog
 * @param {CurrencySel} sel
 * @returns {Currency}
 */
function resolveCurrency(prog, sel) {
	const byIid = sel.iid !== undefined ? prog.currencies.find((c) => c.iid === sel.iid) : undefined;
	const byEid = sel.eid !== undefined ? prog.currencies.find((c) => c.eid === sel.eid) : undefined;
	if (sel.iid !== undefined && !byIid) throw new ApiError(404, `Points currency ${sel.iid} not found in loyalty program ${prog.id}`);
	if (sel.eid !== undefined && !byEid) throw new ApiError(404, `Points currency '${sel.eid}' not found in loyalty program ${prog.id}`);
	if (byIid && byEid && byIid !== byEid) {
		throw new ApiError(450, "Validation error: 'points_currency_iid' and 'points_currency_eid' name different currencies");
	}
	const c = byIid || byEid || prog.currencies.find((x) => x.isDefault) || prog.currencies.find((x) => !x.qualification);
	if (!c) throw new ApiError(404, `Loyalty program ${prog.id} has no points currency`);
	return c;
}

/**
 * @param {Program} prog
 * @param {Profile} profile
 * @returns {Member}
 */
function requireMember(prog, profile) {
	const m = prog.members.get(profile.id);
	if (!m) throw new ApiError(404, `Profile ${profile.id} is not a member of loyalty program ${prog.id}`);
	return m;
}

/**
 * The parameter phase of a member-scoped call: program id, matching (required) and currency selector.
 * @param {HandlerContext} ctx
 * @param {'none' | 'optional' | 'required'} currency
 */
function readMemberParams(ctx, currency) {
	const b = ctx.body;
	P.checkFormat(b);
	const programId = P.reqInt(b, 'loyalty_program_id');
	const key = C.readProfileKey(b, { modes: MEMBER_MODES, required: true });
	const sel = currency === 'none' ? {} : readCurrencySel(b, currency === 'required');
	return { b, programId, key, sel };
}

/**
 * The lookup phase: program (404), profile (404/435).
 * @param {HandlerContext} ctx
 * @param {number} programId
 * @param {{ mode: string, ident: import('../lib/matching').Ident }} key
 * @returns {{ prog: Program, db: DbState, profile: Profile }}
 */
function findMember(ctx, programId, key) {
	L.sweep(ctx.store);
	const prog = requireProgram(ctx, programId);
	const db = /** @type {DbState} */ (ctx.store.databases.get(prog.dbId));
	const profile = C.resolveProfile(ctx.store, db, key);
	return { prog, db, profile };
}

/**
 * @param {HandlerContext} ctx
 * @param {Tx} t
 */
function activeBalance(ctx, t) {
	return C.fmtCents(L.balance(ctx.store, t.programId, t.profileId, t.currencyIid).active);
}

/**
 * Paging limit 1–100 (default 20).
 * @param {Record<string, any>} b
 * @returns {number}
 */
function readLimit100(b) {
	const limit = P.optInt(b, 'limit') ?? 20;
	if (limit < 1 || limit > 100) throw new ApiError(400, "Parameter 'limit' must be an integer from 1 to 100");
	return limit;
}

/**
 * `from_id` of the transaction calls: a transaction UUID (400 otherwise).
 * @param {Record<string, any>} b
 * @returns {string | undefined}
 */
function readUuidCursor(b) {
	const v = P.optString(b, 'from_id');
	if (v === undefined || v === '') return undefined;
	if (!C.UUID_RE.test(v)) throw new ApiError(400, "Parameter 'from_id' must be a transaction ID (UUID)");
	return v.toLowerCase();
}

// ------------------------------------------------------------------ members

/** @param {HandlerContext} ctx */
function registerMember(ctx) {
	const { b, programId, key } = readMemberParams(ctx, 'none');
	P.optString(b, 'registration_date');
	const { prog, db, profile } = findMember(ctx, programId, key);
	const date = C.readDate(b, 'registration_date', false);
	if (prog.members.has(profile.id)) throw new ApiError(409, `Profile ${profile.id} is already a member of loyalty program ${prog.id}`);
	const registeredAt = date ? date.iso : C.isoSec(C.nowMs(ctx.store));
	prog.members.set(profile.id, { profileId: profile.id, registeredAt });
	ctx.ledger('loyalty.member_register', db.info.id, profile.id, { loyalty_program_id: prog.id, registration_date: registeredAt });
	return { profile_id: profile.id };
}

/**
 * Removing a member deletes its points account: its transactions (pending ones included) go with it.
 * @param {HandlerContext} ctx
 */
function deleteMember(ctx) {
	const { programId, key } = readMemberParams(ctx, 'none');
	const { prog, db, profile } = findMember(ctx, programId, key);
	requireMember(prog, profile);
	const s = L.loyalty(ctx.store);
	let removed = 0;
	for (const [k, list] of s.byKey) {
		if (!k.startsWith(`${prog.id}|${profile.id}|`)) continue;
		for (const t of list) {
			s.txs.delete(t.transaction_id);
			if (t.transaction_eid !== '' && s.eids.get(`${t.accountId}|${t.transaction_eid}`) === t.transaction_id) s.eids.delete(`${t.accountId}|${t.transaction_eid}`);
			removed += 1;
		}
		s.byKey.delete(k);
	}
	prog.members.delete(profile.id);
	ctx.ledger('loyalty.member_delete', db.info.id, profile.id, { loyalty_program_id: prog.id, transactions_removed: removed });
	return { profile_id: profile.id };
}

// ------------------------------------------------------------------ account reads

/** @param {HandlerContext} ctx */
function accountBalance(ctx) {
	const { programId, key, sel } = readMemberParams(ctx, 'optional');
	const { prog, profile } = findMember(ctx, programId, key);
	requireMember(prog, profile);
	const cur = resolveCurrency(prog, sel);
	const bal = L.balance(ctx.store, prog.id, profile.id, cur.iid);
	return { data: { total_balance: C.fmtCents(bal.total), active_balance: C.fmtCents(bal.active) } };
}

/** @param {HandlerContext} ctx */
function accountTiers(ctx) {
	const { b, programId, key } = readMemberParams(ctx, 'none');
	const groupId = P.reqInt(b, 'tiers_group_id');
	const { prog, profile } = findMember(ctx, programId, key);
	const member = requireMember(prog, profile);
	const group = prog.tierGroups.find((g) => g.id === groupId);
	if (!group) throw new ApiError(404, `Tier group ${groupId} not found in loyalty program ${prog.id}`);
	return { data: L.tiersReached(ctx.store, prog, group, member) };
}

/** @param {HandlerContext} ctx */
function expiringPoints(ctx) {
	const { b, programId, key, sel } = readMemberParams(ctx, 'required');
	P.reqString(b, 'date_from');
	P.reqString(b, 'date_to');
	const { prog, profile } = findMember(ctx, programId, key);
	requireMember(prog, profile);
	const cur = resolveCurrency(prog, sel);
	const from = /** @type {{ ms: number }} */ (C.readDate(b, 'date_from', true));
	const to = /** @type {{ ms: number }} */ (C.readDate(b, 'date_to', true));
	if (from.ms > to.ms) throw new ApiError(450, "Validation error: 'date_from' is after 'date_to'");
	return { data: { expiring_points: C.fmtCents(L.expiringPoints(ctx.store, prog.id, profile.id, cur.iid, from.ms, to.ms)) } };
}

/**
 * The member's transactions in one currency, ordered by transaction id (creation order); `from_id`: only ids greater
 * than it; no `next_from_id` (as documented: page with the last transaction_id).
 * @param {HandlerContext} ctx
 */
function accountTransactions(ctx) {
	const { b, programId, key, sel } = readMemberParams(ctx, 'required');
	const fromId = readUuidCursor(b);
	const limit = readLimit100(b);
	const { prog, profile } = findMember(ctx, programId, key);
	requireMember(prog, profile);
	const cur = resolveCurrency(prog, sel);
	const rows = (L.loyalty(ctx.store).byKey.get(L.keyOf(prog.id, profile.id, cur.iid)) || [])
		.filter((t) => t.listed && (fromId === undefined || t.transaction_id > fromId))
		.sort((x, y) => (x.transaction_id < y.transaction_id ? -1 : 1))
		.slice(0, limit);
	return { data: rows.map((t) => L.txView(prog, t)) };
}

/**
 * @param {Promotion} p
 */
function promotionView(p) {
	return structuredClone({
		id: p.id,
		name: p.name,
		description: p.description,
		external_id: p.external_id,
		start_date: p.start_date,
		end_date: p.end_date,
		is_active: p.is_active,
		redeem_rules: p.redeem_rules,
		accrual_rules: p.accrual_rules,
	});
}

/**
 * Promotions with an id greater than `from_id` (default 0), `limit` 1–100 (default 20); `next_from_id` is the last id
 * of the page (the `from_id` sent on an empty page); `total_count` counts the promotions after the `is_active` filter.
 * @param {HandlerContext} ctx
 */
function triggerPromotions(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const programId = P.reqInt(b, 'loyalty_program_id');
	const fromId = P.optInt(b, 'from_id') ?? 0;
	if (fromId < 0) throw new ApiError(400, "Parameter 'from_id' must be a non-negative integer");
	const limit = readLimit100(b);
	const isActive = b.is_active === undefined || b.is_active === null ? undefined : P.optBool(b, 'is_active', false);
	const prog = requireProgram(ctx, programId);
	const items = prog.promotions.filter((p) => isActive === undefined || p.is_active === isActive);
	const page = items.filter((p) => p.id > fromId).slice(0, limit);
	return { data: page.map(promotionView), next_from_id: page.length ? page[page.length - 1].id : fromId, total_count: items.length };
}

// ------------------------------------------------------------------ accrue / redeem

/**
 * @param {Program} prog
 * @param {string} ref  the promotion's external_id, or its numeric id as a string
 * @returns {Promotion}
 */
function findPromotion(prog, ref) {
	const p = prog.promotions.find((x) => x.external_id === ref) || (/^\d+$/.test(ref) ? prog.promotions.find((x) => x.id === Number(ref)) : undefined);
	if (!p) throw new ApiError(404, `Trigger promotion '${ref}' not found in loyalty program ${prog.id}`);
	return p;
}

/**
 * @param {HandlerContext} ctx
 * @param {'accrual' | 'redemption'} kind
 */
function movePoints(ctx, kind) {
	const accrue = kind === 'accrual';
	const { b, programId, key, sel } = readMemberParams(ctx, 'optional');
	P.reqString(b, 'amount');
	const promotionRef = P.optString(b, 'promotion_id');
	const isTemp = P.optBool(b, 'is_temp', false);
	const timeoutSec = P.optInt(b, 'temp_timeout_sec');
	P.optString(b, 'created_at');
	if (accrue) {
		P.optString(b, 'activation_date');
		P.optString(b, 'expiration_date');
	}
	const eid = P.optString(b, 'transaction_eid') ?? '';
	const externalData = P.optObject(b, 'external_data');

	const { prog, db, profile } = findMember(ctx, programId, key);
	requireMember(prog, profile);
	const cur = resolveCurrency(prog, sel);
	const promotion = promotionRef !== undefined && promotionRef !== '' ? findPromotion(prog, promotionRef) : null;

	const amount = /** @type {number} */ (C.readDecimal(b, 'amount', true));
	if (amount <= 0) throw new ApiError(450, "Validation error: 'amount' must be greater than 0");
	if (timeoutSec !== undefined && timeoutSec < 1) throw new ApiError(450, "Validation error: 'temp_timeout_sec' must be at least 1");
	const now = C.nowMs(ctx.store);
	const created = C.readDate(b, 'created_at', false);
	const activation = accrue ? C.readDate(b, 'activation_date', false) : undefined;
	const expiration = accrue ? C.readDate(b, 'expiration_date', false) : undefined;
	const activationMs = activation ? activation.ms : now;
	let expirationMs = expiration ? expiration.ms : null;
	if (accrue && !expiration && cur.lifetimeDays !== null) expirationMs = activationMs + cur.lifetimeDays * 86400000;
	if (expirationMs !== null && expirationMs <= activationMs) throw new ApiError(450, "Validation error: 'expiration_date' must be after the activation date");
	if (!accrue && cur.qualification) throw new ApiError(450, `Validation error: qualification points ('${cur.eid}') cannot be redeemed`);
	if (promotion) {
		const startOk = promotion.start_date === '' || C.parseDateMs(promotion.start_date) <= now;
		const endOk = promotion.end_date === '' || C.parseDateMs(promotion.end_date) >= now;
		if (!promotion.is_active || !startOk || !endOk) throw new ApiError(450, `Validation error: trigger promotion '${promotionRef}' is not active`);
		const rule = (accrue ? promotion.accrual_rules : promotion.redeem_rules).find((r) => r.points_currency_iid === cur.iid);
		if (!rule) throw new ApiError(450, `Validation error: trigger promotion '${promotionRef}' has no ${accrue ? 'accrual' : 'redeem'} rule for '${cur.eid}'`);
		const min = rule.min_amount ? C.toCents(rule.min_amount) : null;
		const max = rule.max_amount ? C.toCents(rule.max_amount) : null;
		if (min !== null && amount < min) throw new ApiError(450, `Validation error: 'amount' is below the promotion's minimum ${rule.min_amount}`);
		if (max !== null && amount > max) throw new ApiError(450, `Validation error: 'amount' is above the promotion's maximum ${rule.max_amount}`);
	}
	const s = L.loyalty(ctx.store);
	if (eid !== '' && s.eids.has(`${prog.accountId}|${eid}`)) throw new ApiError(409, `A transaction with transaction_eid '${eid}' already exists`);
	if (!accrue) {
		const r = L.replay(s, prog.id, profile.id, cur.iid, now);
		const available = r.active - L.held(s, prog.id, profile.id, cur.iid);
		if (amount > available) {
			throw new ApiError(450, `Validation error: insufficient points: ${C.fmtCents(Math.max(0, available))} '${cur.eid}' available, ${C.fmtCents(amount)} requested`);
		}
	}
	const t = L.newTx(ctx.store, {
		transaction_eid: eid,
		accountId: prog.accountId,
		programId: prog.id,
		dbId: db.info.id,
		profileId: profile.id,
		currencyIid: cur.iid,
		type: kind,
		amount,
		isTemp,
		timeoutSec: isTemp && timeoutSec !== undefined ? timeoutSec : null,
		createdMs: now,
		created_at: created ? created.iso : C.isoSec(now),
		activationMs,
		expirationMs: accrue ? expirationMs : null,
		promotion,
		external_data: externalData ? structuredClone(externalData) : null,
		description: promotion ? promotion.name : '',
	});
	L.addTx(s, t);
	if (!isTemp) L.makeFinal(ctx.store, t);
	ctx.ledger(accrue ? 'loyalty.accrue' : 'loyalty.redeem', db.info.id, profile.id, {
		loyalty_program_id: prog.id,
		transaction_id: t.transaction_id,
		transaction_eid: eid,
		points_currency_iid: cur.iid,
		amount: C.fmtCents(amount),
		is_temp: isTemp,
	});
	return { data: { transaction_id: t.transaction_id, balance: activeBalance(ctx, t) } };
}

// ------------------------------------------------------------------ commit / rollback / cancel

/**
 * The transaction named by `transaction_id` and/or `transaction_eid` (400 when neither; unknown or invisible: 404;
 * the two naming different transactions: 450). A committed temporary accrual stands for the accrual it created.
 * @param {HandlerContext} ctx
 * @returns {{ t: Tx, prog: Program }}
 */
function readTx(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const idRaw = P.optString(b, 'transaction_id');
	const eidRaw = P.optString(b, 'transaction_eid');
	const id = idRaw === '' ? undefined : idRaw;
	const eid = eidRaw === '' ? undefined : eidRaw;
	if (id === undefined && eid === undefined) throw new ApiError(400, "Parameter 'transaction_id' or 'transaction_eid' is required");
	L.sweep(ctx.store);
	const s = L.loyalty(ctx.store);
	const acc = ctx.principal.accountId;
	/** @param {string | undefined} txId */
	const visible = (txId) => {
		const t = txId === undefined ? undefined : s.txs.get(txId.toLowerCase());
		if (!t || t.accountId !== acc) return undefined;
		const prog = s.programs.get(t.programId);
		if (!prog || !ctx.store.visibleDatabase(ctx.principal, prog.dbId)) return undefined;
		return t;
	};
	const byId = id !== undefined ? visible(id) : undefined;
	if (id !== undefined && !byId) throw new ApiError(404, `Transaction '${id}' not found`);
	const byEid = eid !== undefined ? visible(s.eids.get(`${acc}|${eid}`)) : undefined;
	if (eid !== undefined && !byEid) throw new ApiError(404, `Transaction with transaction_eid '${eid}' not found`);
	/** @param {Tx} t */
	const follow = (t) => (t.state === 'committed' && t.committedAs ? /** @type {Tx} */ (s.txs.get(t.committedAs)) : t);
	if (byId && byEid && follow(byId) !== follow(byEid)) {
		throw new ApiError(450, "Validation error: 'transaction_id' and 'transaction_eid' name different transactions");
	}
	const t = /** @type {Tx} */ (byId || byEid);
	return { t, prog: /** @type {Program} */ (s.programs.get(t.programId)) };
}

/**
 * @param {Tx} t
 * @returns {string}
 */
function stateText(t) {
	switch (t.state) {
		case 'final':
			return t.type === 'cancel' ? 'is a cancellation record' : 'is not a pending temporary transaction (it is final)';
		case 'committed':
			return 'is already committed';
		case 'rolled_back':
			return t.endReason === 'timeout' ? 'was rolled back (its temp_timeout_sec passed)' : 'was rolled back';
		case 'cancelled':
			return 'is cancelled';
		default:
			return 'is pending';
	}
}

/** @param {HandlerContext} ctx */
function commitTx(ctx) {
	const { t } = readTx(ctx);
	if (t.state !== 'pending') throw new ApiError(450, `Validation error: transaction ${t.transaction_id} ${stateText(t)}`);
	const s = L.loyalty(ctx.store);
	let result = t;
	if (t.type === 'redemption') {
		const r = L.replay(s, t.programId, t.profileId, t.currencyIid, C.nowMs(ctx.store), { extraRedemption: t.amount });
		if (!r.ok) throw new ApiError(450, `Validation error: insufficient points to commit redemption ${t.transaction_id}`);
		L.makeFinal(ctx.store, t);
	} else {
		// "Committing a temporary accrual creates a new, full transaction" (52-loyalty.md §9).
		const now = C.nowMs(ctx.store);
		const n = L.newTx(ctx.store, {
			transaction_eid: t.transaction_eid,
			accountId: t.accountId,
			programId: t.programId,
			dbId: t.dbId,
			profileId: t.profileId,
			currencyIid: t.currencyIid,
			type: 'accrual',
			amount: t.amount,
			isTemp: false,
			timeoutSec: null,
			createdMs: now,
			created_at: C.isoSec(now),
			activationMs: t.activationMs,
			expirationMs: t.expirationMs,
			promotion: t.promotion,
			external_data: t.external_data ? structuredClone(t.external_data) : null,
			description: t.description,
			tempOf: t.transaction_id,
		});
		t.state = 'committed';
		t.committedAs = n.transaction_id;
		L.addTx(s, n);
		L.makeFinal(ctx.store, n);
		result = n;
	}
	ctx.ledger('loyalty.commit', t.dbId, t.profileId, {
		loyalty_program_id: t.programId,
		transaction_id: t.transaction_id,
		transaction_eid: t.transaction_eid,
		...(result !== t ? { new_transaction_id: result.transaction_id } : {}),
	});
	return { data: { transaction_id: result.transaction_id, balance: activeBalance(ctx, result) } };
}

/** @param {HandlerContext} ctx */
function rollbackTx(ctx) {
	const { t } = readTx(ctx);
	if (t.state !== 'pending') throw new ApiError(450, `Validation error: only a pending temporary transaction can be rolled back; transaction ${t.transaction_id} ${stateText(t)}`);
	t.state = 'rolled_back';
	t.endReason = 'rollback';
	ctx.ledger('loyalty.rollback', t.dbId, t.profileId, { loyalty_program_id: t.programId, transaction_id: t.transaction_id, transaction_eid: t.transaction_eid });
	return { data: { transaction_id: t.transaction_id, balance: activeBalance(ctx, t) } };
}

/** @param {HandlerContext} ctx */
function cancelTx(ctx) {
	const { t: named } = readTx(ctx);
	const s = L.loyalty(ctx.store);
	const t = named.state === 'committed' && named.committedAs ? /** @type {Tx} */ (s.txs.get(named.committedAs)) : named;
	if (t.state === 'pending') {
		t.state = 'cancelled';
		t.endReason = 'cancel';
	} else if (t.state === 'final' && t.type !== 'cancel') {
		const now = C.nowMs(ctx.store);
		if (t.type === 'accrual' && !L.replay(s, t.programId, t.profileId, t.currencyIid, now, { exclude: t.transaction_id }).ok) {
			throw new ApiError(450, `Validation error: points of accrual ${t.transaction_id} are already redeemed; cancel the redemption first`);
		}
		const before = L.replay(s, t.programId, t.profileId, t.currencyIid, now).total;
		t.state = 'cancelled';
		t.endReason = 'cancel';
		const rec = L.newTx(ctx.store, {
			transaction_eid: '',
			accountId: t.accountId,
			programId: t.programId,
			dbId: t.dbId,
			profileId: t.profileId,
			currencyIid: t.currencyIid,
			type: 'cancel',
			amount: t.amount,
			isTemp: false,
			timeoutSec: null,
			createdMs: now,
			created_at: C.isoSec(now),
			activationMs: now,
			expirationMs: null,
			promotion: null,
			external_data: null,
			description: `Cancellation of ${t.type} ${t.transaction_id}`,
			cancels: t.transaction_id,
		});
		L.addTx(s, rec);
		rec.state = 'final';
		rec.listed = true;
		rec.finalSeq = ++s.finalSeq;
		rec.finalMs = now;
		rec.balance_before = before;
		rec.balance_after = L.replay(s, t.programId, t.profileId, t.currencyIid, now).total;
		t.cancelledBy = rec.transaction_id;
	} else {
		throw new ApiError(450, `Validation error: transaction ${t.transaction_id} ${stateText(t)}`);
	}
	ctx.ledger('loyalty.cancel', t.dbId, t.profileId, { loyalty_program_id: t.programId, transaction_id: t.transaction_id, transaction_eid: t.transaction_eid });
	return { data: { transaction_id: t.transaction_id, balance: activeBalance(ctx, t) } };
}

// ------------------------------------------------------------------ export

const EXPORT_COLUMNS = [
	'transaction_id', 'transaction_eid', 'profile_id', 'created_at', 'transaction_type', 'amount', 'balance_before', 'balance_after',
	'points_currency_iid', 'points_currency_eid', 'promo_iid', 'promo_eid', 'description', 'activation_date', 'expiration_date',
	'source_type', 'source_iid', 'cancelled_transaction_id', 'is_cancelled', 'external_data',
];

/**
 * A task whose CSV holds every transaction of the program in one currency created within [date_from, date_to]
 * (after `from_id` when given), ordered by transaction id.
 * @param {HandlerContext} ctx
 */
function transactionsExport(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const programId = P.reqInt(b, 'loyalty_program_id');
	const sel = readCurrencySel(b, true);
	P.reqString(b, 'date_from');
	P.reqString(b, 'date_to');
	const fromId = readUuidCursor(b);
	L.sweep(ctx.store);
	const prog = requireProgram(ctx, programId);
	const cur = resolveCurrency(prog, sel);
	const from = /** @type {{ ms: number }} */ (C.readDate(b, 'date_from', true));
	const to = /** @type {{ ms: number }} */ (C.readDate(b, 'date_to', true));
	if (from.ms > to.ms) throw new ApiError(450, "Validation error: 'date_from' is after 'date_to'");
	const s = L.loyalty(ctx.store);
	const rows = [...s.txs.values()]
		.filter((t) => t.programId === prog.id && t.currencyIid === cur.iid && t.listed)
		.filter((t) => {
			const ms = C.parseDateMs(t.created_at);
			return ms >= from.ms && ms <= to.ms && (fromId === undefined || t.transaction_id > fromId);
		})
		.sort((x, y) => (x.transaction_id < y.transaction_id ? -1 : 1))
		.map((t) => ({ ...L.txView(prog, t), profile_id: t.profileId }));
	const uuid = crypto.randomUUID();
	const filename = `${prog.id}_loyalty_transactions_export.csv`;
	const path = `/api/download/${uuid}/${filename}`;
	const task = ctx.store.createTask({
		id: `task_${crypto.randomUUID()}`,
		accountId: ctx.principal.accountId,
		type: 'loyalty_transactions_export',
		dbId: prog.dbId,
		pollsUntilDone: ctx.options.taskPollsUntilDone,
		result: { errors: [], source_id: prog.id, total: rows.length, type: 'loyalty_transactions', points_currency_eid: cur.eid, urls: [path] },
		files: [path],
	});
	ctx.store.files.set(path, {
		path,
		accountId: ctx.principal.accountId,
		dbId: prog.dbId,
		contentType: 'text/csv; charset=utf-8',
		filename,
		body: toCsv(EXPORT_COLUMNS, rows),
		taskId: task.id,
	});
	return { data: { task_id: task.id } };
}

const Y = '/api/v1.1/loyalty';

/** @type {RouteTable} */
module.exports = {
	[`${Y}/register_member`]: { modifying: true, handle: registerMember },
	[`${Y}/delete_member`]: { modifying: true, handle: deleteMember },
	[`${Y}/account/balance`]: { modifying: false, handle: accountBalance },
	[`${Y}/account/tiers`]: { modifying: false, handle: accountTiers },
	[`${Y}/account/expiring_points`]: { modifying: false, handle: expiringPoints },
	[`${Y}/account/transactions`]: { modifying: false, handle: accountTransactions },
	[`${Y}/trigger_promotions`]: { modifying: false, handle: triggerPromotions },
	[`${Y}/accrue_points`]: { modifying: true, handle: (ctx) => movePoints(ctx, 'accrual') },
	[`${Y}/redeeme_points`]: { modifying: true, handle: (ctx) => movePoints(ctx, 'redemption') },
	[`${Y}/commit_transaction`]: { modifying: true, handle: commitTx },
	[`${Y}/rollback_transaction`]: { modifying: true, handle: rollbackTx },
	[`${Y}/cancel_transaction`]: { modifying: true, handle: cancelTx },
	[`${Y}/transactions_export`]: { modifying: false, handle: transactionsExport },
};
