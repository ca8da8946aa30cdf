// @ts-check
'use strict';

/**
 * State and shared helpers of the loyalty and commerce sections: promo code programs (50-promo-codes.md), pixels and
 * recorded goals (51-goals-events.md), app push events (60-app-push.md) and Market (61-market.md). Loyalty programs
 * live in ./loyalty.js. The state is kept in `store.extensions` (created lazily from the seed, dropped by
 * `store.reset()`), so the shared store knows nothing about it.
 *
 * Helpers: a clock that tests can advance (`emu.commerce.advanceClock`), RFC 3339 dates, decimal strings as integer
 * hundredths, time-ordered UUIDs (transaction ids, so that "ids greater than from_id" is chronological), and the
 * profile lookup by `matching` used by promo codes, goals, loyalty and orders.
 */

const { ApiError } = require('./errors');
const { isDate } = require('./fields');
const { MODES, readIdent, checkFieldName, resolveOne } = require('./matching');
const { commerceSeedOf } = require('./commerce-seed');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('./matching').Ident} Ident
 * @typedef {import('../handlers/common').HandlerContext} HandlerContext
 * @typedef {{ profileId: string, dbId: number, at: string }} PromoAttachment
 * @typedef {{ code: string, seq: number, created: string, attached: PromoAttachment[], lastAttached: string,
 *   activated: string, expireDate: string, expireMs: number | null }} PromoCode
 * @typedef {{ id: number, accountId: number, name: string, multipleUse: boolean, capacity: number | null,
 *   codes: Map<string, PromoCode> }} PromoProgram
 * @typedef {{ id: number, accountId: number, name: string }} Pixel
 * @typedef {{ id: number, accountId: number, dbId: number, profileId: string, pixel_id: number, goal: string,
 *   value: number | null, date: string, pixel_data: Record<string, any> | null, is_test: boolean, skip_triggers: boolean,
 *   enrich_profile: boolean, vendor: string, referer: string, user_agent: string, accept_language: string,
 *   client_ip: string, registered_at: string }} GoalEvent
 * @typedef {{ id: number, accountId: number, events: number, delivered: boolean, opened: boolean, launch_id: number,
 *   provider: string, subscription_id: string, uid: string, profiles: Array<{ dbId: number, profileId: string }>,
 *   at: string }} PushEvent
 * @typedef {{ external_id: string, name: string, entity_type: string, required: boolean, value_type: string,
 *   default_value?: any }} MarketFieldDef
 * @typedef {{ external_id: string, name: string, type: string }} LineStatus
 * @typedef {{ external_id: string, name: string, parent_external_id: string }} Category
 * @typedef {{ id: number, external_id: string, name: string, [k: string]: any }} Product
 * @typedef {{ id: number, external_id: string, product_external_id: string, name: string, [k: string]: any }} Sku
 * @typedef {{ external_id: string, status: string, product?: string, sku?: string, count: number,
 *   base_price_per_item?: string, min_price_per_item?: string, final_price_per_item?: string,
 *   custom_fields: Record<string, any> }} OrderLine
 * @typedef {{ id: number, accountId: number, external_id: string, dbId: number, profileId: string, endpoint: string,
 *   tags: string[], status: string, delivery_cost?: string, total_price: string, final_total_price?: string,
 *   currency: string, custom_fields: Record<string, any>, region?: string, lines: OrderLine[], create_time: string,
 *   update_time: string, source: 'import' | 'preorder_commit' }} Order
 * @typedef {{ accountId: number, currencies: Set<string>, endpoints: Map<string, { channelId: number, dbId: number }>,
 *   regions: Set<string>, orderStatuses: Set<string>, customFields: Map<string, MarketFieldDef>,
 *   lineStatuses: Map<string, LineStatus>, categories: Map<string, Category>, products: Map<string, Product>,
 *   skus: Map<string, Sku>, orders: Map<string, Order> }} Market
 * @typedef {{ clockOffsetMs: number, lastUuid: number, promoPrograms: Map<number, PromoProgram>, promoSeq: number,
 *   pixels: Map<number, Pixel>, goals: GoalEvent[], pushEvents: PushEvent[], markets: Map<number, Market>,
 *   marketSeeds: import('./commerce-seed').MarketSeed[], nextOrderId: number, nextProductId: number,
 *   nextSkuId: number }} CommerceState
 */

/** Built-in statuses of order lines (61-market.md §1, §5). */
const BUILTIN_LINE_STATUSES = ['new', 'processing', 'delivering', 'delivered', 'canceled', 'refunded'];

// ------------------------------------------------------------------ state

/**
 * @param {Store} store
 * @returns {CommerceState}
 */
function commerce(store) {
	let s = store.extensions.get('commerce');
	if (!s) {
		s = createState(store);
		store.extensions.set('commerce', s);
	}
	return s;
}

/**
 * @param {Store} store
 * @returns {CommerceState}
 */
function createState(store) {
	const seed = commerceSeedOf(store.seed);
	const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
	/** @type {CommerceState} */
	const s = {
		clockOffsetMs: 0,
		lastUuid: 0,
		promoPrograms: new Map(),
		promoSeq: 0,
		pixels: new Map(),
		goals: [],
		pushEvents: [],
		markets: new Map(),
		marketSeeds: seed.market,
		nextOrderId: 1,
		nextProductId: 1,
		nextSkuId: 1,
	};
	for (const p of seed.promoCodePrograms) {
		/** @type {PromoProgram} */
		const prog = { id: p.id, accountId: p.accountId ?? 1, name: p.name, multipleUse: Boolean(p.multiple_use), capacity: p.capacity ?? null, codes: new Map() };
		for (const c of p.codes || []) prog.codes.set(c, newPromoCode(s, c, now));
		s.promoPrograms.set(p.id, prog);
	}
	for (const p of seed.pixels) s.pixels.set(p.id, { id: p.id, accountId: p.accountId ?? 1, name: p.name });
	return s;
}

/**
 * @param {CommerceState} s
 * @param {string} code
 * @param {string} now
 * @returns {PromoCode}
 */
function newPromoCode(s, code, now) {
	return { code, seq: ++s.promoSeq, created: now, attached: [], lastAttached: '', activated: '', expireDate: '', expireMs: null };
}

/**
 * The Market of an account (settings from the seed; an account without seed settings has no currencies or touchpoints).
 * @param {Store} store
 * @param {number} accountId
 * @returns {Market}
 */
function market(store, accountId) {
	const s = commerce(store);
	let m = s.markets.get(accountId);
	if (!m) {
		const seed = s.marketSeeds.find((x) => (x.accountId ?? 1) === accountId);
		/** @type {Map<string, { channelId: number, dbId: number }>} */
		const endpoints = new Map();
		for (const ch of seed ? seed.sales_channels : []) for (const e of ch.endpoints) endpoints.set(e, { channelId: ch.id, dbId: ch.db_id });
		m = {
			accountId,
			currencies: new Set(seed ? seed.currencies : []),
			endpoints,
			regions: new Set(seed ? seed.regions : []),
			orderStatuses: new Set(seed ? seed.order_statuses : []),
			customFields: new Map(),
			lineStatuses: new Map(),
			categories: new Map(),
			products: new Map(),
			skus: new Map(),
			orders: new Map(),
		};
		s.markets.set(accountId, m);
	}
	return m;
}

// ------------------------------------------------------------------ clock and dates

/**
 * The emulator's clock for these sections: real time plus the offset set by `emu.commerce.advanceClock`.
 * @param {Store} store
 * @returns {number}
 */
function nowMs(store) {
	return Date.now() + commerce(store).clockOffsetMs;
}

/**
 * RFC 3339 in UTC without fractions, e.g. `2024-09-01T12:34:56Z`.
 * @param {number} ms
 * @returns {string}
 */
function isoSec(ms) {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const DT_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `YYYY-MM-DD`, `YYYY-MM-DD hh:mm[:ss]` or RFC 3339 (a missing offset means UTC) → epoch ms, NaN when invalid.
 * @param {string} s
 * @returns {number}
 */
function parseDateMs(s) {
	if (!isDate(s)) return NaN;
	const m = /** @type {RegExpExecArray} */ (DT_RE.exec(s));
	const frac = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
	let ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), frac);
	const off = m[8];
	if (off && off !== 'Z' && off !== 'z') {
		const o = /^([+-])(\d{2}):?(\d{2})$/.exec(off);
		if (o) ms -= (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60000;
	}
	return ms;
}

/**
 * A date parameter: wrong JSON type → 400, not a date → 450.
 * @param {Record<string, any>} body
 * @param {string} name
 * @param {boolean} required
 * @param {string} [label]
 * @returns {{ ms: number, iso: string } | undefined}
 */
function readDate(body, name, required, label = name) {
	const v = body[name];
	if (v === undefined || v === null || v === '') {
		if (required) throw new ApiError(400, `Parameter '${label}' is required`);
		return undefined;
	}
	if (typeof v !== 'string') throw new ApiError(400, `Parameter '${label}' must be a string (RFC 3339 date)`);
	const ms = parseDateMs(v.trim());
	if (Number.isNaN(ms)) throw new ApiError(450, `Validation error: '${label}' is not a valid date (RFC 3339, e.g. 2024-09-01T12:34:56Z)`);
	return { ms, iso: isoSec(ms) };
}

// ------------------------------------------------------------------ decimals

const DEC_RE = /^\d+(\.\d{1,2})?$/;

/**
 * A decimal string (`"100.50"`) → integer hundredths, or null when it is not one.
 * @param {string} s
 * @returns {number | null}
 */
function toCents(s) {
	const t = s.trim();
	if (!DEC_RE.test(t)) return null;
	const [i, f = ''] = t.split('.');
	const n = Number(i) * 100 + Number((f + '00').slice(0, 2));
	return Number.isSafeInteger(n) ? n : null;
}

/**
 * @param {number} cents
 * @returns {string} e.g. "100.50"
 */
function fmtCents(cents) {
	const sign = cents < 0 ? '-' : '';
	const a = Math.abs(cents);
	return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/**
 * A decimal-string parameter (amounts and prices are strings): wrong JSON type → 400, not a decimal with at most two
 * fraction digits → 450.
 * @param {Record<string, any>} body
 * @param {string} name
 * @param {boolean} required
 * @param {string} [label]
 * @returns {number | undefined} hundredths
 */
function readDecimal(body, name, required, label = name) {
	const v = body[name];
	if (v === undefined || v === null || v === '') {
		if (required) throw new ApiError(400, `Parameter '${label}' is required`);
		return undefined;
	}
	if (typeof v !== 'string') throw new ApiError(400, `Parameter '${label}' must be a string (a decimal number such as "100.50")`);
	const c = toCents(v);
	if (c === null) throw new ApiError(450, `Validation error: '${label}' must be a non-negative decimal number with at most two decimals, got "${v}"`);
	return c;
}

// ------------------------------------------------------------------ ids

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID whose text order is the order of creation (a UUIDv7-like layout: milliseconds × 4096 + counter, then random).
 * @param {Store} store
 * @returns {string}
 */
function timeUuid(store) {
	const s = commerce(store);
	const n = Math.max(Date.now() * 4096, s.lastUuid + 1);
	s.lastUuid = n;
	const h = n.toString(16).padStart(15, '0');
	const r = require('node:crypto').randomBytes(8).toString('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(12, 15)}-${'89ab'[parseInt(r[0], 16) % 4]}${r.slice(1, 4)}-${r.slice(4, 16)}`;
}

// ------------------------------------------------------------------ profiles by matching

/**
 * Read `matching` and its identifier fields (400 for a missing or mistyped one, or a mode the call does not list).
 * @param {Record<string, any>} src  the object holding `matching` and the identifiers
 * @param {{ modes: string[], required: boolean, prefix?: string, defaultMode?: string }} opt
 * @returns {{ mode: string, ident: Ident }}
 */
function readProfileKey(src, opt) {
	const prefix = opt.prefix || '';
	const m = src.matching;
	/** @type {string} */
	let mode;
	if (m === undefined || m === null || m === '') {
		if (opt.required) throw new ApiError(400, `Parameter '${prefix}matching' is required (${opt.modes.join(', ')})`);
		mode = opt.defaultMode ?? 'email';
	} else {
		if (typeof m !== 'string') throw new ApiError(400, `Parameter '${prefix}matching' must be a string`);
		if (!Object.prototype.hasOwnProperty.call(MODES, m) || !opt.modes.includes(m)) {
			throw new ApiError(400, `Parameter '${prefix}matching': mode '${m}' is not supported here (allowed: ${opt.modes.join(', ')})`);
		}
		mode = m;
	}
	return { mode, ident: readIdent(src, mode, { prefix }) };
}

/**
 * The one profile of `db` designated by the key: unknown custom field 400, none 404, several 435.
 * @param {Store} store
 * @param {DbState} db
 * @param {{ mode: string, ident: Ident }} key
 * @returns {Profile}
 */
function resolveProfile(store, db, key) {
	checkFieldName(db, key.mode, key.ident.field_name);
	const p = resolveOne(store, db, key.mode, key.ident);
	if (!p) throw new ApiError(404, `Profile not found in database ${db.info.id} (matching '${key.mode}')`);
	return p;
}

/**
 * The API form of an order (orders/list): `id`, `profile {profile_id, xxh}`, the order fields and its lines.
 * @param {Store} store
 * @param {Order} o
 */
function orderView(store, o) {
	return {
		id: o.id,
		profile: { profile_id: o.profileId, xxh: store.xxh(o.profileId) },
		external_id: o.external_id,
		endpoint: o.endpoint,
		tags: o.tags.slice(),
		status: o.status,
		delivery_cost: o.delivery_cost ?? '',
		total_price: o.total_price,
		...(o.final_total_price !== undefined ? { final_total_price: o.final_total_price } : {}),
		currency: o.currency,
		custom_fields: structuredClone(o.custom_fields),
		region: o.region ?? '',
		lines: o.lines.map((l) => ({
			external_id: l.external_id,
			status: l.status,
			...(l.product !== undefined ? { product: l.product } : {}),
			...(l.sku !== undefined ? { sku: l.sku } : {}),
			base_price_per_item: l.base_price_per_item ?? '',
			min_price_per_item: l.min_price_per_item ?? '',
			final_price_per_item: l.final_price_per_item ?? '',
			count: l.count,
			custom_fields: structuredClone(l.custom_fields),
			currency: o.currency,
		})),
		create_time: o.create_time,
		update_time: o.update_time,
	};
}

// ------------------------------------------------------------------ small parameter helpers

/**
 * @param {unknown} v
 * @returns {boolean}
 */
function absent(v) {
	return v === undefined || v === null;
}

/**
 * A required string inside a nested object (400 naming the full path).
 * @param {Record<string, any>} o
 * @param {string} key
 * @param {string} path  e.g. `data[0].`
 * @returns {string}
 */
function nestedString(o, key, path) {
	const v = o[key];
	if (absent(v) || v === '') throw new ApiError(400, `Parameter '${path}${key}' is required`);
	if (typeof v !== 'string') throw new ApiError(400, `Parameter '${path}${key}' must be a string`);
	return v;
}

/**
 * An optional string inside a nested object.
 * @param {Record<string, any>} o
 * @param {string} key
 * @param {string} path
 * @returns {string | undefined}
 */
function nestedOptString(o, key, path) {
	const v = o[key];
	if (absent(v)) return undefined;
	if (typeof v !== 'string') throw new ApiError(400, `Parameter '${path}${key}' must be a string`);
	return v;
}

/**
 * An optional array of strings inside a nested object.
 * @param {Record<string, any>} o
 * @param {string} key
 * @param {string} path
 * @returns {string[] | undefined}
 */
function nestedStringArray(o, key, path) {
	const v = o[key];
	if (absent(v)) return undefined;
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new ApiError(400, `Parameter '${path}${key}' must be an array of strings`);
	return v.slice();
}

/**
 * An optional boolean inside a nested object.
 * @param {Record<string, any>} o
 * @param {string} key
 * @param {string} path
 * @returns {boolean | undefined}
 */
function nestedOptBool(o, key, path) {
	const v = o[key];
	if (absent(v)) return undefined;
	if (typeof v !== 'boolean') throw new ApiError(400, `Parameter '${path}${key}' must be a boolean`);
	return v;
}

module.exports = {
	BUILTIN_LINE_STATUSES,
	UUID_RE,
	commerce,
	market,
	newPromoCode,
	nowMs,
	isoSec,
	parseDateMs,
	readDate,
	toCents,
	fmtCents,
	readDecimal,
	timeUuid,
	readProfileKey,
	resolveProfile,
	absent,
	orderView,
	nestedString,
	nestedOptString,
	nestedStringArray,
	nestedOptBool,
};
