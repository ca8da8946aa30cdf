// @ts-check
'use strict';

/**
 * Test-control API of the loyalty and commerce sections: `emu.commerce` (see README.md, "Test-control API").
 * Read helpers return copies; `advanceClock` moves the clock these sections use (activation and expiry of points,
 * temporary transaction timeouts, promo code expiry).
 */

const C = require('./commerce');
const L = require('./loyalty');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('./commerce').PromoProgram} PromoProgram
 * @typedef {import('./commerce').PromoCode} PromoCode
 */

/**
 * @param {Store} store
 */
function createCommerceControl(store) {
	/**
	 * @param {PromoProgram} prog
	 * @param {PromoCode} c
	 */
	const codeView = (prog, c) => {
		const expired = c.expireMs !== null && c.expireMs <= C.nowMs(store);
		return {
			code: c.code,
			loyalty_id: prog.id,
			created: c.created,
			attached: c.attached.map((a) => ({ profile_id: a.profileId, db_id: a.dbId, at: a.at })),
			activated: c.activated,
			expire_date: c.expireDate,
			is_expired: expired,
			is_free: c.attached.length === 0 && c.activated === '' && !expired,
		};
	};
	/** @param {number} accountId */
	const mkt = (accountId) => C.market(store, accountId);
	// build the state now, so that a malformed seed fails when the emulator is created, not on the first request
	C.commerce(store);
	L.loyalty(store);

	return {
		/**
		 * Move the clock of these sections forward (or back, with a negative number).
		 * @param {number} seconds
		 */
		advanceClock(seconds) {
			if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new Error('advanceClock: seconds must be a number');
			C.commerce(store).clockOffsetMs += seconds * 1000;
		},
		/** @returns {string} the current time of these sections (RFC 3339) */
		now() {
			return C.isoSec(C.nowMs(store));
		},

		// ---------------------------------------------------------- promo codes
		/**
		 * @param {number} loyaltyId
		 * @param {string} code
		 */
		getPromoCode(loyaltyId, code) {
			const prog = C.commerce(store).promoPrograms.get(loyaltyId);
			const c = prog && prog.codes.get(code);
			return prog && c ? codeView(prog, c) : undefined;
		},
		/** @param {number} loyaltyId */
		getPromoCodes(loyaltyId) {
			const prog = C.commerce(store).promoPrograms.get(loyaltyId);
			return prog ? [...prog.codes.values()].sort((a, b) => a.seq - b.seq).map((c) => codeView(prog, c)) : [];
		},

		// ---------------------------------------------------------- goals and push events
		/** @param {{ dbId?: number, profileId?: string, pixelId?: number }} [filter] */
		getGoals(filter = {}) {
			return C.commerce(store)
				.goals.filter((g) => (filter.dbId === undefined || g.dbId === filter.dbId) && (filter.profileId === undefined || g.profileId === filter.profileId) && (filter.pixelId === undefined || g.pixel_id === filter.pixelId))
				.map((g) => structuredClone(g));
		},
		getPushEvents() {
			return C.commerce(store).pushEvents.map((e) => structuredClone(e));
		},

		// ---------------------------------------------------------- loyalty
		/**
		 * @param {number} programId
		 * @param {string} profileId
		 */
		getLoyaltyMember(programId, profileId) {
			const p = L.loyalty(store).programs.get(programId);
			const m = p && p.members.get(profileId);
			return m ? { profile_id: m.profileId, registered_at: m.registeredAt } : undefined;
		},
		/**
		 * Balances of a member (the program's default currency unless one is named by iid or eid).
		 * @param {number} programId
		 * @param {string} profileId
		 * @param {number | string} [currency]
		 */
		getBalance(programId, profileId, currency) {
			L.sweep(store);
			const p = L.loyalty(store).programs.get(programId);
			if (!p) return undefined;
			const cur =
				currency === undefined
					? p.currencies.find((c) => c.isDefault) || p.currencies[0]
					: p.currencies.find((c) => (typeof currency === 'number' ? c.iid === currency : c.eid === currency));
			if (!cur) return undefined;
			const bal = L.balance(store, programId, profileId, cur.iid);
			return { total_balance: C.fmtCents(bal.total), active_balance: C.fmtCents(bal.active) };
		},
		/**
		 * Every stored transaction (pending, rolled back and cancelled ones included), in creation order.
		 * @param {{ programId?: number, profileId?: string, state?: string }} [filter]
		 */
		getTransactions(filter = {}) {
			L.sweep(store);
			return [...L.loyalty(store).txs.values()]
				.filter((t) => (filter.programId === undefined || t.programId === filter.programId) && (filter.profileId === undefined || t.profileId === filter.profileId) && (filter.state === undefined || t.state === filter.state))
				.sort((a, b) => (a.transaction_id < b.transaction_id ? -1 : 1))
				.map(L.txDebugView);
		},
		/**
		 * A transaction by its transaction_id, or by its transaction_eid (account 1 unless given).
		 * @param {string} idOrEid
		 * @param {number} [accountId]
		 */
		getTransaction(idOrEid, accountId = 1) {
			L.sweep(store);
			const s = L.loyalty(store);
			const t = s.txs.get(idOrEid) || s.txs.get(s.eids.get(`${accountId}|${idOrEid}`) || '');
			return t ? L.txDebugView(t) : undefined;
		},

		// ---------------------------------------------------------- Market
		/**
		 * @param {string} externalId
		 * @param {number} [accountId]
		 */
		getOrder(externalId, accountId = 1) {
			const o = mkt(accountId).orders.get(externalId);
			return o ? { ...C.orderView(store, o), db_id: o.dbId, source: o.source } : undefined;
		},
		/** @param {number} [accountId] */
		getOrders(accountId = 1) {
			return [...mkt(accountId).orders.values()].sort((a, b) => a.id - b.id).map((o) => ({ ...C.orderView(store, o), db_id: o.dbId, source: o.source }));
		},
		/**
		 * @param {string} externalId
		 * @param {number} [accountId]
		 */
		getProduct(externalId, accountId = 1) {
			const p = mkt(accountId).products.get(externalId);
			return p ? structuredClone(p) : undefined;
		},
		/**
		 * @param {string} externalId
		 * @param {number} [accountId]
		 */
		getSku(externalId, accountId = 1) {
			const k = mkt(accountId).skus.get(externalId);
			return k ? structuredClone(k) : undefined;
		},
		/** @param {number} [accountId] */
		getCategories(accountId = 1) {
			return [...mkt(accountId).categories.values()].map((c) => ({ ...c }));
		},
		/** @param {number} [accountId] */
		getMarketCustomFields(accountId = 1) {
			return [...mkt(accountId).customFields.values()].map((d) => structuredClone(d));
		},
		/**
		 * Custom line statuses (the built-in ones are new, processing, delivering, delivered, canceled, refunded).
		 * @param {number} [accountId]
		 */
		getLineStatuses(accountId = 1) {
			return [...mkt(accountId).lineStatuses.values()].map((s) => ({ ...s }));
		},
	};
}

module.exports = { createCommerceControl };
