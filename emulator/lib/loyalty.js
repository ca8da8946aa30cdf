// @ts-check
'use strict';

/**
 * Loyalty programs (52-loyalty.md): programs with points currencies, tier groups and trigger promotions (from the
 * seed), members, and points transactions with their state machine:
 *
 *   accrue / redeem (is_temp: false) ─────────────────────────────→ final ──cancel──→ cancelled (+ a `cancel` record)
 *   accrue / redeem (is_temp: true) → pending ──commit──→ final (a redemption) | committed + a new final accrual
 *                                             ──rollback / temp_timeout_sec──→ rolled_back
 *                                             ──cancel──→ cancelled
 *
 * Balances are derived by replaying the final transactions of a member and currency in the order they became final:
 * an accrual is a lot (active from `activation_date`, gone at `expiration_date`); a redemption takes points from the
 * active lots that expire first. Pending transactions do not count, but pending redemptions are held: a new
 * redemption must fit into the active balance minus the held points.
 */

const { isoSec, fmtCents, timeUuid, nowMs, toCents } = require('./commerce');
const { commerceSeedOf } = require('./commerce-seed');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {{ iid: number, eid: string, name: string, isDefault: boolean, qualification: boolean, lifetimeDays: number | null }} Currency
 * @typedef {{ id: number, eid: string, name: string, order: number, threshold: number }} Tier
 * @typedef {{ id: number, name: string, type: string, currencyIid: number, tiers: Tier[] }} TierGroup
 * @typedef {{ points_currency_iid: number, points_currency_eid: string, static_amount: string, min_amount: string,
 *   max_amount: string }} Rule
 * @typedef {{ id: number, name: string, description: string, external_id: string, start_date: string, end_date: string,
 *   is_active: boolean, accrual_rules: Rule[], redeem_rules: Rule[] }} Promotion
 * @typedef {{ profileId: string, registeredAt: string }} Member
 * @typedef {{ id: number, accountId: number, name: string, dbId: number, externalId: string, currencies: Currency[],
 *   tierGroups: TierGroup[], promotions: Promotion[], members: Map<string, Member> }} Program
 * @typedef {'pending' | 'final' | 'committed' | 'rolled_back' | 'cancelled'} TxState
 * @typedef {{ transaction_id: string, transaction_eid: string, accountId: number, programId: number, dbId: number,
 *   profileId: string, currencyIid: number, type: 'accrual' | 'redemption' | 'cancel', amount: number, isTemp: boolean,
 *   timeoutSec: number | null, createdMs: number, created_at: string, state: TxState, listed: boolean,
 *   finalSeq: number | null, finalMs: number | null, activationMs: number, expirationMs: number | null,
 *   promotion: Promotion | null, external_data: Record<string, any> | null, description: string,
 *   balance_before: number | null, balance_after: number | null, tempOf: string | null, committedAs: string | null,
 *   cancelledBy: string | null, cancels: string | null, endReason: string }} Tx
 * @typedef {{ programs: Map<number, Program>, txs: Map<string, Tx>, byKey: Map<string, Tx[]>, eids: Map<string, string>,
 *   finalSeq: number }} LoyaltyState
 * @typedef {{ id: string, remaining: number, activationMs: number, expirationMs: number | null }} Lot
 */

/**
 * @param {Store} store
 * @returns {LoyaltyState}
 */
function loyalty(store) {
	let s = store.extensions.get('loyalty');
	if (!s) {
		s = createState(store);
		store.extensions.set('loyalty', s);
	}
	return s;
}

/**
 * @param {Store} store
 * @returns {LoyaltyState}
 */
function createState(store) {
	/** @type {LoyaltyState} */
	const s = { programs: new Map(), txs: new Map(), byKey: new Map(), eids: new Map(), finalSeq: 0 };
	for (const p of commerceSeedOf(store.seed).loyaltyPrograms) {
		const currencies = p.currencies.map((c) => ({
			iid: c.iid,
			eid: c.eid,
			name: c.name,
			isDefault: Boolean(c.default),
			qualification: Boolean(c.qualification),
			lifetimeDays: c.lifetime_days ?? null,
		}));
		/** @param {import('./commerce-seed').PromotionRuleSeed} r */
		const rule = (r) => ({
			points_currency_iid: r.points_currency_iid,
			points_currency_eid: (currencies.find((c) => c.iid === r.points_currency_iid) || { eid: '' }).eid,
			static_amount: r.static_amount ?? '',
			min_amount: r.min_amount ?? '',
			max_amount: r.max_amount ?? '',
		});
		s.programs.set(p.id, {
			id: p.id,
			accountId: p.accountId ?? 1,
			name: p.name,
			dbId: p.db_id,
			externalId: p.external_id ?? '',
			currencies,
			tierGroups: (p.tier_groups || []).map((g) => ({
				id: g.id,
				name: g.name,
				type: g.type,
				currencyIid: g.points_currency_iid,
				tiers: g.tiers.map((t, i) => ({ id: t.id, eid: t.eid, name: t.name, order: i, threshold: toCents(t.threshold) ?? 0 })),
			})),
			promotions: (p.trigger_promotions || [])
				.map((x) => ({
					id: x.id,
					name: x.name,
					description: x.description ?? '',
					external_id: x.external_id,
					start_date: x.start_date ?? '',
					end_date: x.end_date ?? '',
					is_active: x.is_active,
					accrual_rules: (x.accrual_rules || []).map(rule),
					redeem_rules: (x.redeem_rules || []).map(rule),
				}))
				.sort((a, b) => a.id - b.id),
			members: new Map(),
		});
	}
	return s;
}

/**
 * @param {number} programId
 * @param {string} profileId
 * @param {number} iid
 */
function keyOf(programId, profileId, iid) {
	return `${programId}|${profileId}|${iid}`;
}

/**
 * Roll back the pending temporary transactions whose `temp_timeout_sec` has passed (checked lazily, on every use).
 * @param {Store} store
 */
function sweep(store) {
	const s = loyalty(store);
	const now = nowMs(store);
	for (const t of s.txs.values()) {
		if (t.state === 'pending' && t.timeoutSec !== null && t.createdMs + t.timeoutSec * 1000 <= now) {
			t.state = 'rolled_back';
			t.endReason = 'timeout';
		}
	}
}

/**
 * @param {LoyaltyState} s
 * @param {Tx} t
 */
function addTx(s, t) {
	s.txs.set(t.transaction_id, t);
	const k = keyOf(t.programId, t.profileId, t.currencyIid);
	let list = s.byKey.get(k);
	if (!list) {
		list = [];
		s.byKey.set(k, list);
	}
	list.push(t);
	if (t.transaction_eid !== '') s.eids.set(`${t.accountId}|${t.transaction_eid}`, t.transaction_id);
}

/**
 * Replay the final accruals and redemptions of a member in one currency.
 * @param {LoyaltyState} s
 * @param {number} programId
 * @param {string} profileId
 * @param {number} iid
 * @param {number} now
 * @param {{ exclude?: string, extraRedemption?: number }} [opt]  leave one transaction out / add a redemption at `now`
 * @returns {{ ok: boolean, lots: Lot[], total: number, active: number }}
 */
function replay(s, programId, profileId, iid, now, opt = {}) {
	const events = (s.byKey.get(keyOf(programId, profileId, iid)) || [])
		.filter((t) => t.state === 'final' && t.type !== 'cancel' && t.transaction_id !== opt.exclude)
		.sort((a, b) => /** @type {number} */ (a.finalSeq) - /** @type {number} */ (b.finalSeq))
		.map((t) => ({ type: t.type, id: t.transaction_id, amount: t.amount, at: /** @type {number} */ (t.finalMs), activationMs: t.activationMs, expirationMs: t.expirationMs }));
	if (opt.extraRedemption !== undefined) {
		events.push({ type: 'redemption', id: '', amount: opt.extraRedemption, at: now, activationMs: now, expirationMs: null });
	}
	/** @type {Lot[]} */
	const lots = [];
	let ok = true;
	for (const e of events) {
		if (e.type === 'accrual') {
			lots.push({ id: e.id, remaining: e.amount, activationMs: e.activationMs, expirationMs: e.expirationMs });
			continue;
		}
		let need = e.amount;
		const usable = lots
			.filter((l) => l.remaining > 0 && l.activationMs <= e.at && (l.expirationMs === null || l.expirationMs > e.at))
			.sort((a, b) => (a.expirationMs ?? Infinity) - (b.expirationMs ?? Infinity));
		for (const l of usable) {
			const take = Math.min(need, l.remaining);
			l.remaining -= take;
			need -= take;
			if (need === 0) break;
		}
		if (need > 0) ok = false;
	}
	let total = 0;
	let active = 0;
	for (const l of lots) {
		if (l.expirationMs !== null && l.expirationMs <= now) continue;
		total += l.remaining;
		if (l.activationMs <= now) active += l.remaining;
	}
	return { ok, lots, total, active };
}

/**
 * Points held by pending temporary redemptions.
 * @param {LoyaltyState} s
 * @param {number} programId
 * @param {string} profileId
 * @param {number} iid
 */
function held(s, programId, profileId, iid) {
	let n = 0;
	for (const t of s.byKey.get(keyOf(programId, profileId, iid)) || []) if (t.state === 'pending' && t.type === 'redemption') n += t.amount;
	return n;
}

/**
 * @param {Store} store
 * @param {number} programId
 * @param {string} profileId
 * @param {number} iid
 * @returns {{ total: number, active: number }}
 */
function balance(store, programId, profileId, iid) {
	const r = replay(loyalty(store), programId, profileId, iid, nowMs(store));
	return { total: r.total, active: r.active };
}

/**
 * Mark a transaction final (its place in the replay order and the total balance before/after).
 * @param {Store} store
 * @param {Tx} t
 */
function makeFinal(store, t) {
	const s = loyalty(store);
	const now = nowMs(store);
	const before = replay(s, t.programId, t.profileId, t.currencyIid, now).total;
	t.state = 'final';
	t.listed = true;
	t.finalSeq = ++s.finalSeq;
	t.finalMs = now;
	t.balance_before = before;
	t.balance_after = replay(s, t.programId, t.profileId, t.currencyIid, now).total;
}

/**
 * A new transaction record (not yet stored).
 * @param {Store} store
 * @param {Omit<Tx, 'transaction_id' | 'state' | 'listed' | 'finalSeq' | 'finalMs' | 'balance_before' | 'balance_after' |
 *   'committedAs' | 'cancelledBy' | 'cancels' | 'endReason' | 'tempOf'> & { tempOf?: string | null, cancels?: string | null }} t
 * @returns {Tx}
 */
function newTx(store, t) {
	return {
		transaction_id: timeUuid(store),
		state: 'pending',
		listed: false,
		finalSeq: null,
		finalMs: null,
		balance_before: null,
		balance_after: null,
		committedAs: null,
		cancelledBy: null,
		endReason: '',
		...t,
		tempOf: t.tempOf ?? null,
		cancels: t.cancels ?? null,
	};
}

/**
 * Tier records reached by a member in a tier group (cumulative: lifetime final accruals of the group's currency).
 * @param {Store} store
 * @param {Program} prog
 * @param {TierGroup} group
 * @param {Member} member
 * @returns {Array<{ tiers_group_type: string, tier_id: number, tier_eid: string, tier_order: number, reached_at: string }>}
 */
function tiersReached(store, prog, group, member) {
	const s = loyalty(store);
	const accruals = (s.byKey.get(keyOf(prog.id, member.profileId, group.currencyIid)) || [])
		.filter((t) => t.state === 'final' && t.type === 'accrual')
		.sort((a, b) => /** @type {number} */ (a.finalSeq) - /** @type {number} */ (b.finalSeq));
	const out = [];
	for (const tier of group.tiers) {
		let reached = tier.threshold <= 0 ? member.registeredAt : '';
		if (!reached) {
			let sum = 0;
			for (const t of accruals) {
				sum += t.amount;
				if (sum >= tier.threshold) {
					reached = isoSec(/** @type {number} */ (t.finalMs));
					break;
				}
			}
		}
		if (reached) out.push({ tiers_group_type: group.type, tier_id: tier.id, tier_eid: tier.eid, tier_order: tier.order, reached_at: reached });
	}
	return out;
}

/**
 * Points of a member that expire within [from, to] (the remaining points of the lots with an expiration date there).
 * @param {Store} store
 * @param {number} programId
 * @param {string} profileId
 * @param {number} iid
 * @param {number} fromMs
 * @param {number} toMs
 * @returns {number}
 */
function expiringPoints(store, programId, profileId, iid, fromMs, toMs) {
	const r = replay(loyalty(store), programId, profileId, iid, nowMs(store));
	let n = 0;
	for (const l of r.lots) if (l.expirationMs !== null && l.expirationMs >= fromMs && l.expirationMs <= toMs) n += l.remaining;
	return n;
}

/**
 * The API form of a transaction (account/transactions, export).
 * @param {Program} prog
 * @param {Tx} t
 * @returns {Record<string, any>}
 */
function txView(prog, t) {
	const cur = prog.currencies.find((c) => c.iid === t.currencyIid);
	return {
		transaction_id: t.transaction_id,
		transaction_eid: t.transaction_eid,
		created_at: t.created_at,
		transaction_type: t.type,
		amount: fmtCents(t.amount),
		balance_before: t.balance_before === null ? '' : fmtCents(t.balance_before),
		balance_after: t.balance_after === null ? '' : fmtCents(t.balance_after),
		points_currency_iid: t.currencyIid,
		points_currency_eid: cur ? cur.eid : '',
		promo_iid: t.promotion ? t.promotion.id : 0,
		promo_eid: t.promotion ? t.promotion.external_id : '',
		description: t.description,
		activation_date: t.type === 'accrual' ? isoSec(t.activationMs) : '',
		expiration_date: t.type === 'accrual' && t.expirationMs !== null ? isoSec(t.expirationMs) : '',
		source_type: t.type === 'cancel' ? 'transaction' : 'api',
		source_iid: 0,
		cancelled_transaction_id: t.cancels ?? '',
		is_cancelled: t.state === 'cancelled',
		external_data: t.external_data ? structuredClone(t.external_data) : null,
	};
}

/**
 * The stored form of a transaction for assertions (every state, pending ones included).
 * @param {Tx} t
 */
function txDebugView(t) {
	return {
		transaction_id: t.transaction_id,
		transaction_eid: t.transaction_eid,
		loyalty_program_id: t.programId,
		profile_id: t.profileId,
		points_currency_iid: t.currencyIid,
		type: t.type,
		amount: fmtCents(t.amount),
		is_temp: t.isTemp,
		state: t.state,
		end_reason: t.endReason,
		temp_of: t.tempOf,
		committed_as: t.committedAs,
		cancelled_by: t.cancelledBy,
		cancels: t.cancels,
		created_at: t.created_at,
		promotion_id: t.promotion ? t.promotion.id : null,
		external_data: t.external_data ? structuredClone(t.external_data) : null,
	};
}

module.exports = {
	loyalty,
	sweep,
	addTx,
	replay,
	held,
	balance,
	makeFinal,
	newTx,
	tiersReached,
	expiringPoints,
	txView,
	txDebugView,
	keyOf,
};
