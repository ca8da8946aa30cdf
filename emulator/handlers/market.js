// @ts-check
'use strict';

/**
 * Market (61-market.md) and the Market checkout of loyalty (52-loyalty.md §10–11), all under /api/v1.1/market/:
 * orders/import, orders/list, orders/delete, orders/get_status, orders/update_order_line_status, orders/preorder,
 * orders/preorder_commit, products/import, products/list, products/delete, sku/import, sku/list, sku/delete.
 *
 * Market data belong to the account. Its settings come from the seed (currencies, sales channels with their touchpoints
 * and database, regions, order statuses); custom fields, custom line statuses and categories are created by imports.
 * An order's buyer is found by matching in the database of the order's touchpoint (a touchpoint whose database the
 * token does not see is unknown: 404). Imports are all-or-nothing: the whole request is checked before anything is
 * applied. Lists answer `result` and an opaque `next_from_id`.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const C = require('../lib/commerce');
const { MODES } = require('../lib/matching');
const { isDate } = require('../lib/fields');
const { isPlainObject } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/commerce').Market} Market
 * @typedef {import('../lib/commerce').MarketFieldDef} MarketFieldDef
 * @typedef {import('../lib/commerce').LineStatus} LineStatus
 * @typedef {import('../lib/commerce').Category} Category
 * @typedef {import('../lib/commerce').Order} Order
 * @typedef {import('../lib/commerce').OrderLine} OrderLine
 * @typedef {import('../lib/commerce').Product} Product
 * @typedef {import('../lib/commerce').Sku} Sku
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {{ path: string, external_id: string, status?: string, product?: string, sku?: string, count?: number,
 *   base_price_per_item?: string, min_price_per_item?: string, final_price_per_item?: string,
 *   custom_fields?: Record<string, any> }} LineDraft
 * @typedef {{ path: string, external_id?: string, key?: { mode: string, ident: import('../lib/matching').Ident },
 *   endpoint: string, tags?: string[], status: string, delivery_cost?: string, total_price: string,
 *   final_total_price?: string, currency: string, create_time?: string, update_time?: string,
 *   custom_fields?: Record<string, any>, region?: string, lines: LineDraft[] }} OrderDraft
 */

const ENTITY_TYPES = ['product', 'sku', 'order', 'line_order'];
const VALUE_TYPES = ['unicode', 'int', 'float', 'bool', 'date'];
const LINE_STATUS_TYPES = ['delivered', 'canceled', 'refunded', 'in_process'];
const PRICE_KEYS = /** @type {const} */ (['base_price_per_item', 'min_price_per_item', 'final_price_per_item']);
const ORDER_MODES = Object.keys(MODES);
const PREORDER_MODES = ['email', 'phone', 'profile_id'];

/**
 * @param {HandlerContext} ctx
 * @returns {Market}
 */
function mk(ctx) {
	return C.market(ctx.store, ctx.principal.accountId);
}

// ------------------------------------------------------------------ cursors

/**
 * @param {string} prefix
 * @param {number} id
 */
function encodeCursor(prefix, id) {
	return `${prefix}-${id}`;
}

/**
 * `from_id` of a Market list: empty or absent = from the start; otherwise a `next_from_id` this server issued (400).
 * @param {Record<string, any>} b
 * @param {string} prefix
 * @returns {{ after: number, sent: string }}
 */
function readCursor(b, prefix) {
	const v = P.optString(b, 'from_id');
	if (v === undefined || v === '') return { after: 0, sent: '' };
	const m = new RegExp(`^${prefix}-(\\d{1,15})$`).exec(v);
	if (!m) throw new ApiError(400, "Parameter 'from_id' is not a valid cursor (pass the next_from_id of the previous page, or an empty string)");
	return { after: Number(m[1]), sent: v };
}

/**
 * @param {Record<string, any>} b
 * @returns {number}
 */
function readLimit(b) {
	const limit = P.optInt(b, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	return limit;
}

// ------------------------------------------------------------------ definitions: custom fields, line statuses, categories

/**
 * `custom_fields[]` (definitions) of an import: the structure (400).
 * @param {Record<string, any>} b
 * @returns {MarketFieldDef[]}
 */
function readFieldDefs(b) {
	const list = b.custom_fields === undefined || b.custom_fields === null ? [] : P.reqArray(b, 'custom_fields');
	return list.map((d, i) => {
		const path = `custom_fields[${i}].`;
		if (!isPlainObject(d)) throw new ApiError(400, `Parameter 'custom_fields[${i}]' must be an object`);
		return {
			external_id: C.nestedString(d, 'external_id', path),
			name: C.nestedString(d, 'name', path),
			entity_type: C.nestedString(d, 'entity_type', path),
			value_type: C.nestedString(d, 'value_type', path),
			required: C.nestedOptBool(d, 'required', path) ?? false,
			...(d.default_value !== undefined && d.default_value !== null ? { default_value: structuredClone(d.default_value) } : {}),
		};
	});
}

/**
 * @param {string} type
 * @param {unknown} v
 */
function valueFits(type, v) {
	switch (type) {
		case 'unicode':
			return typeof v === 'string';
		case 'int':
			return Number.isInteger(v);
		case 'float':
			return typeof v === 'number' && Number.isFinite(v);
		case 'bool':
			return typeof v === 'boolean';
		case 'date':
			return typeof v === 'string' && isDate(v);
		default:
			return false;
	}
}

/**
 * Check the definitions (450: entity or value type, default value; 409: a field redefined with another value type) and
 * return the definitions in force for the request (stored + new).
 * @param {Market} m
 * @param {MarketFieldDef[]} defs
 * @returns {Map<string, MarketFieldDef>}
 */
function checkFieldDefs(m, defs) {
	const all = new Map(m.customFields);
	defs.forEach((d, i) => {
		if (!ENTITY_TYPES.includes(d.entity_type)) throw new ApiError(450, `Validation error: 'custom_fields[${i}].entity_type' must be one of ${ENTITY_TYPES.join(', ')}`);
		if (!VALUE_TYPES.includes(d.value_type)) throw new ApiError(450, `Validation error: 'custom_fields[${i}].value_type' must be one of ${VALUE_TYPES.join(', ')}`);
		if (d.default_value !== undefined && !valueFits(d.value_type, d.default_value)) {
			throw new ApiError(450, `Validation error: 'custom_fields[${i}].default_value' is not a ${d.value_type} value`);
		}
		const k = `${d.entity_type}:${d.external_id}`;
		const old = all.get(k);
		if (old && old.value_type !== d.value_type) {
			throw new ApiError(409, `The ${d.entity_type} custom field '${d.external_id}' already exists with value type '${old.value_type}'`);
		}
		all.set(k, d);
	});
	return all;
}

/**
 * Custom field values of an entity (450: unknown field, wrong type, required field missing); defaults filled in.
 * @param {Map<string, MarketFieldDef>} defs
 * @param {string} entity
 * @param {Record<string, any> | undefined} values
 * @param {string} path  e.g. `data[0].`
 * @param {boolean} [partial]  overrides (regional data): no defaults, no required fields
 * @returns {Record<string, any>}
 */
function checkCustomValues(defs, entity, values, path, partial = false) {
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(values || {})) {
		if (v === null) continue;
		const d = defs.get(`${entity}:${k}`);
		if (!d) throw new ApiError(450, `Validation error: '${path}custom_fields.${k}': there is no ${entity} custom field '${k}'`);
		if (!valueFits(d.value_type, v)) throw new ApiError(450, `Validation error: '${path}custom_fields.${k}' must be a ${d.value_type} value`);
		out[k] = structuredClone(v);
	}
	if (partial) return out;
	for (const d of defs.values()) {
		if (d.entity_type !== entity || Object.prototype.hasOwnProperty.call(out, d.external_id)) continue;
		if (d.default_value !== undefined) out[d.external_id] = structuredClone(d.default_value);
		else if (d.required) throw new ApiError(450, `Validation error: '${path}custom_fields.${d.external_id}' is required`);
	}
	return out;
}

/**
 * `custom_line_statuses[]`: structure (400).
 * @param {Record<string, any>} b
 * @returns {LineStatus[]}
 */
function readLineStatuses(b) {
	const list = b.custom_line_statuses === undefined || b.custom_line_statuses === null ? [] : P.reqArray(b, 'custom_line_statuses');
	return list.map((d, i) => {
		const path = `custom_line_statuses[${i}].`;
		if (!isPlainObject(d)) throw new ApiError(400, `Parameter 'custom_line_statuses[${i}]' must be an object`);
		return { external_id: C.nestedString(d, 'external_id', path), name: C.nestedString(d, 'name', path), type: C.nestedString(d, 'type', path) };
	});
}

/**
 * `categories[]`: structure (400).
 * @param {Record<string, any>} b
 * @returns {Category[]}
 */
function readCategories(b) {
	const list = b.categories === undefined || b.categories === null ? [] : P.reqArray(b, 'categories');
	return list.map((d, i) => {
		const path = `categories[${i}].`;
		if (!isPlainObject(d)) throw new ApiError(400, `Parameter 'categories[${i}]' must be an object`);
		return {
			external_id: C.nestedString(d, 'external_id', path),
			name: C.nestedString(d, 'name', path),
			parent_external_id: C.nestedOptString(d, 'parent_external_id', path) ?? '',
		};
	});
}

/**
 * The categories in force for the request (stored + new); an unknown parent: 404; a cycle: 450.
 * @param {Market} m
 * @param {Category[]} cats
 * @returns {Map<string, Category>}
 */
function checkCategories(m, cats) {
	const all = new Map(m.categories);
	for (const c of cats) all.set(c.external_id, c);
	cats.forEach((c, i) => {
		if (c.parent_external_id !== '' && !all.has(c.parent_external_id)) {
			throw new ApiError(404, `'categories[${i}].parent_external_id': category '${c.parent_external_id}' not found`);
		}
	});
	for (const c of cats) {
		const seen = new Set([c.external_id]);
		let p = c.parent_external_id;
		while (p !== '') {
			if (seen.has(p)) throw new ApiError(450, `Validation error: category '${c.external_id}' is its own ancestor`);
			seen.add(p);
			p = /** @type {Category} */ (all.get(p)).parent_external_id;
		}
	}
	return all;
}

// ------------------------------------------------------------------ orders: reading and checking

/**
 * The structure of an order object (400).
 * @param {Record<string, any>} o
 * @param {string} path  e.g. `data[0].` or `data.`
 * @param {{ externalId: boolean, finalRequired: boolean, skuAllowed: boolean, countRequired: boolean, keyModes: string[] | null }} opt
 * @returns {OrderDraft}
 */
function readOrder(o, path, opt) {
	/** @type {OrderDraft} */
	const d = {
		path,
		...(opt.externalId ? { external_id: C.nestedString(o, 'external_id', path) } : {}),
		...(opt.keyModes ? { key: C.readProfileKey(o, { modes: opt.keyModes, required: false, prefix: path }) } : {}),
		endpoint: C.nestedString(o, 'endpoint', path),
		tags: C.nestedStringArray(o, 'tags', path),
		status: C.nestedString(o, 'status', path),
		delivery_cost: C.nestedOptString(o, 'delivery_cost', path),
		total_price: C.nestedString(o, 'total_price', path),
		final_total_price: opt.finalRequired ? C.nestedString(o, 'final_total_price', path) : C.nestedOptString(o, 'final_total_price', path),
		currency: C.nestedString(o, 'currency', path),
		create_time: C.nestedOptString(o, 'create_time', path),
		update_time: C.nestedOptString(o, 'update_time', path),
		region: C.nestedOptString(o, 'region', path),
		lines: [],
	};
	if (o.custom_fields !== undefined && o.custom_fields !== null) {
		if (!isPlainObject(o.custom_fields)) throw new ApiError(400, `Parameter '${path}custom_fields' must be an object`);
		d.custom_fields = o.custom_fields;
	}
	const lines = o.lines;
	if (lines === undefined || lines === null) throw new ApiError(400, `Parameter '${path}lines' is required`);
	if (!Array.isArray(lines)) throw new ApiError(400, `Parameter '${path}lines' must be an array`);
	if (lines.length === 0) throw new ApiError(400, `Parameter '${path}lines' must contain at least one line`);
	lines.forEach((l, j) => {
		const lp = `${path}lines[${j}].`;
		if (!isPlainObject(l)) throw new ApiError(400, `Parameter '${path}lines[${j}]' must be an object`);
		/** @type {LineDraft} */
		const line = { path: lp, external_id: C.nestedString(l, 'external_id', lp), status: C.nestedOptString(l, 'status', lp) };
		const product = C.nestedOptString(l, 'product', lp);
		const sku = opt.skuAllowed ? C.nestedOptString(l, 'sku', lp) : undefined;
		if (opt.skuAllowed) {
			if ((product === undefined || product === '') && (sku === undefined || sku === '')) throw new ApiError(400, `Parameter '${lp}product' or '${lp}sku' is required`);
			if (product && sku) throw new ApiError(400, `Send either '${lp}product' or '${lp}sku', not both`);
		} else if (product === undefined || product === '') {
			throw new ApiError(400, `Parameter '${lp}product' is required`);
		}
		if (product) line.product = product;
		if (sku) line.sku = sku;
		const count = l.count;
		if (count === undefined || count === null) {
			if (opt.countRequired) throw new ApiError(400, `Parameter '${lp}count' is required`);
		} else if (!Number.isInteger(count)) {
			throw new ApiError(400, `Parameter '${lp}count' must be an integer`);
		} else {
			line.count = count;
		}
		for (const k of PRICE_KEYS) {
			const v = C.nestedOptString(l, k, lp);
			if (v !== undefined && v !== '') line[k] = v;
		}
		if (l.custom_fields !== undefined && l.custom_fields !== null) {
			if (!isPlainObject(l.custom_fields)) throw new ApiError(400, `Parameter '${lp}custom_fields' must be an object`);
			line.custom_fields = l.custom_fields;
		}
		d.lines.push(line);
	});
	return d;
}

/**
 * References to Market settings (404): touchpoint (and its database, which the token must see), currency, region,
 * order status, line statuses (built-in, stored custom ones, or ones created by this request).
 * @param {HandlerContext} ctx
 * @param {Market} m
 * @param {OrderDraft} d
 * @param {Set<string>} lineStatuses  custom line statuses in force
 * @returns {DbState}
 */
function checkOrderRefs(ctx, m, d, lineStatuses) {
	const ep = m.endpoints.get(d.endpoint);
	const db = ep ? ctx.store.visibleDatabase(ctx.principal, ep.dbId) : null;
	if (!ep || !db) throw new ApiError(404, `'${d.path}endpoint': touchpoint '${d.endpoint}' not found`);
	if (!m.currencies.has(d.currency)) throw new ApiError(404, `'${d.path}currency': currency '${d.currency}' is not set up in the account`);
	if (d.region !== undefined && d.region !== '' && !m.regions.has(d.region)) throw new ApiError(404, `'${d.path}region': region '${d.region}' not found`);
	if (!m.orderStatuses.has(d.status)) throw new ApiError(404, `'${d.path}status': order status '${d.status}' not found`);
	for (const l of d.lines) {
		if (l.status !== undefined && l.status !== '' && !C.BUILTIN_LINE_STATUSES.includes(l.status) && !lineStatuses.has(l.status)) {
			throw new ApiError(404, `'${l.path}status': line status '${l.status}' not found`);
		}
	}
	return db;
}

/**
 * @param {string} v
 * @param {string} label
 */
function checkDecimal(v, label) {
	if (C.toCents(v) === null) throw new ApiError(450, `Validation error: '${label}' must be a non-negative decimal number with at most two decimals, got "${v}"`);
}

/**
 * @param {string | undefined} v
 * @param {string} label
 * @returns {string | undefined} RFC 3339 (UTC)
 */
function checkTime(v, label) {
	if (v === undefined || v === '') return undefined;
	const ms = C.parseDateMs(v.trim());
	if (Number.isNaN(ms)) throw new ApiError(450, `Validation error: '${label}' is not a valid date`);
	return C.isoSec(ms);
}

/**
 * Values of an order (450): prices, dates, counts, repeated line ids, custom fields.
 * @param {OrderDraft} d
 * @param {Map<string, MarketFieldDef>} defs
 * @returns {{ create_time?: string, update_time?: string, custom_fields: Record<string, any>, lineFields: Array<Record<string, any>> }}
 */
function checkOrderValues(d, defs) {
	checkDecimal(d.total_price, `${d.path}total_price`);
	if (d.final_total_price !== undefined && d.final_total_price !== '') checkDecimal(d.final_total_price, `${d.path}final_total_price`);
	if (d.delivery_cost !== undefined && d.delivery_cost !== '') checkDecimal(d.delivery_cost, `${d.path}delivery_cost`);
	const create_time = checkTime(d.create_time, `${d.path}create_time`);
	const update_time = checkTime(d.update_time, `${d.path}update_time`);
	const seen = new Set();
	const lineFields = d.lines.map((l) => {
		if (seen.has(l.external_id)) throw new ApiError(450, `Validation error: '${l.path}external_id': line '${l.external_id}' appears twice in the order`);
		seen.add(l.external_id);
		if (l.count !== undefined && l.count < 1) throw new ApiError(450, `Validation error: '${l.path}count' must be at least 1`);
		for (const k of PRICE_KEYS) {
			const v = l[k];
			if (v !== undefined) checkDecimal(v, `${l.path}${k}`);
		}
		return checkCustomValues(defs, 'line_order', l.custom_fields, l.path);
	});
	return { create_time, update_time, custom_fields: checkCustomValues(defs, 'order', d.custom_fields, d.path), lineFields };
}

/**
 * The buyer (404 not found, 435 several).
 * @param {HandlerContext} ctx
 * @param {DbState} db
 * @param {{ mode: string, ident: import('../lib/matching').Ident }} key
 * @returns {Profile}
 */
function findBuyer(ctx, db, key) {
	return C.resolveProfile(ctx.store, db, key);
}

/**
 * Build (or rebuild, keeping the id and create_time) an order from a checked draft.
 * @param {HandlerContext} ctx
 * @param {Market} m
 * @param {OrderDraft} d
 * @param {string} externalId
 * @param {DbState} db
 * @param {Profile} buyer
 * @param {ReturnType<typeof checkOrderValues>} vals
 * @param {'import' | 'preorder_commit'} source
 * @returns {Order}
 */
function storeOrder(ctx, m, d, externalId, db, buyer, vals, source) {
	const now = C.isoSec(C.nowMs(ctx.store));
	const old = m.orders.get(externalId);
	/** @type {Order} */
	const o = {
		id: old ? old.id : C.commerce(ctx.store).nextOrderId++,
		accountId: m.accountId,
		external_id: externalId,
		dbId: db.info.id,
		profileId: buyer.id,
		endpoint: d.endpoint,
		tags: d.tags ? [...new Set(d.tags)] : [],
		status: d.status,
		...(d.delivery_cost !== undefined && d.delivery_cost !== '' ? { delivery_cost: d.delivery_cost } : {}),
		total_price: d.total_price,
		...(d.final_total_price !== undefined && d.final_total_price !== '' ? { final_total_price: d.final_total_price } : {}),
		currency: d.currency,
		custom_fields: vals.custom_fields,
		...(d.region !== undefined && d.region !== '' ? { region: d.region } : {}),
		lines: d.lines.map((l, j) => ({
			external_id: l.external_id,
			status: l.status !== undefined && l.status !== '' ? l.status : 'new',
			...(l.product !== undefined ? { product: l.product } : {}),
			...(l.sku !== undefined ? { sku: l.sku } : {}),
			count: l.count ?? 1,
			...(l.base_price_per_item !== undefined ? { base_price_per_item: l.base_price_per_item } : {}),
			...(l.min_price_per_item !== undefined ? { min_price_per_item: l.min_price_per_item } : {}),
			...(l.final_price_per_item !== undefined ? { final_price_per_item: l.final_price_per_item } : {}),
			custom_fields: vals.lineFields[j],
		})),
		create_time: vals.create_time ?? (old ? old.create_time : now),
		update_time: vals.update_time ?? now,
		source,
	};
	m.orders.set(externalId, o);
	return o;
}

// ------------------------------------------------------------------ orders: endpoints

/** @param {HandlerContext} ctx */
function importOrders(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const fieldDefs = readFieldDefs(b);
	const lineStatuses = readLineStatuses(b);
	const skipTriggers = P.optBool(b, 'skip_triggers', false);
	const data = P.reqArray(b, 'data');
	if (data.length === 0) throw new ApiError(400, "Parameter 'data' must contain at least one order");
	if (data.length > ctx.options.maxBatchSize) throw new ApiError(400, `Too many orders in one request: ${data.length} > ${ctx.options.maxBatchSize}`);
	const drafts = data.map((o, i) => {
		if (!isPlainObject(o)) throw new ApiError(400, `Parameter 'data[${i}]' must be an object`);
		return readOrder(o, `data[${i}].`, { externalId: true, finalRequired: false, skuAllowed: false, countRequired: true, keyModes: ORDER_MODES });
	});

	const m = mk(ctx);
	const statuses = new Set([...m.lineStatuses.keys(), ...lineStatuses.map((s) => s.external_id)]);
	const dbs = drafts.map((d) => checkOrderRefs(ctx, m, d, statuses));
	const defs = checkFieldDefs(m, fieldDefs);
	lineStatuses.forEach((s, i) => {
		if (!LINE_STATUS_TYPES.includes(s.type)) throw new ApiError(450, `Validation error: 'custom_line_statuses[${i}].type' must be one of ${LINE_STATUS_TYPES.join(', ')}`);
		if (C.BUILTIN_LINE_STATUSES.includes(s.external_id)) throw new ApiError(409, `'custom_line_statuses[${i}].external_id': '${s.external_id}' is a built-in line status`);
	});
	const vals = drafts.map((d) => checkOrderValues(d, defs));
	const buyers = drafts.map((d, i) => findBuyer(ctx, dbs[i], /** @type {any} */ (d.key)));

	for (const d of fieldDefs) m.customFields.set(`${d.entity_type}:${d.external_id}`, d);
	for (const s of lineStatuses) m.lineStatuses.set(s.external_id, s);
	const orders = drafts.map((d, i) => storeOrder(ctx, m, d, /** @type {string} */ (d.external_id), dbs[i], buyers[i], vals[i], 'import'));
	ctx.ledger(
		'order.import',
		null,
		null,
		{
			orders: orders.map((o) => ({ id: o.id, external_id: o.external_id, profile_id: o.profileId })),
			custom_fields: fieldDefs.map((d) => `${d.entity_type}:${d.external_id}`),
			custom_line_statuses: lineStatuses.map((s) => s.external_id),
		},
		{ skipTriggers },
	);
	return {};
}

/**
 * @param {HandlerContext} ctx
 * @param {Order} o
 */
function orderVisible(ctx, o) {
	return ctx.store.visibleDatabase(ctx.principal, o.dbId) !== null;
}

/** @param {HandlerContext} ctx */
function listOrders(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const cur = readCursor(b, 'o');
	const limit = readLimit(b);
	const endpoint = P.optString(b, 'endpoint');
	const m = mk(ctx);
	if (endpoint !== undefined && endpoint !== '') {
		const ep = m.endpoints.get(endpoint);
		if (!ep || !ctx.store.visibleDatabase(ctx.principal, ep.dbId)) throw new ApiError(404, `Touchpoint '${endpoint}' not found`);
	}
	const page = [...m.orders.values()]
		.filter((o) => orderVisible(ctx, o) && (endpoint === undefined || endpoint === '' || o.endpoint === endpoint) && o.id > cur.after)
		.sort((x, y) => x.id - y.id)
		.slice(0, limit);
	return {
		error_text: '',
		next_from_id: page.length ? encodeCursor('o', page[page.length - 1].id) : cur.sent,
		result: page.map((o) => C.orderView(ctx.store, o)),
	};
}

/**
 * The order named by `id` and/or `external_id` (400 when neither; unknown, invisible or the two naming different
 * orders: 404).
 * @param {HandlerContext} ctx
 * @returns {Order}
 */
function readOrderRef(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.optInt(b, 'id');
	const ext = P.optString(b, 'external_id');
	const hasExt = ext !== undefined && ext !== '';
	if (id === undefined && !hasExt) throw new ApiError(400, "Parameter 'id' or 'external_id' is required");
	const m = mk(ctx);
	const byExt = hasExt ? m.orders.get(/** @type {string} */ (ext)) : undefined;
	const byId = id !== undefined ? [...m.orders.values()].find((o) => o.id === id) : undefined;
	const o = hasExt ? byExt : byId;
	if (!o || (id !== undefined && byId !== o) || !orderVisible(ctx, o)) {
		throw new ApiError(404, `Order ${hasExt ? `'${ext}'` : id} not found`);
	}
	return o;
}

/** @param {HandlerContext} ctx */
function deleteOrder(ctx) {
	const o = readOrderRef(ctx);
	mk(ctx).orders.delete(o.external_id);
	ctx.ledger('order.delete', o.dbId, o.profileId, { id: o.id, external_id: o.external_id });
	return { error_text: '' };
}

/** @param {HandlerContext} ctx */
function getStatus(ctx) {
	const o = readOrderRef(ctx);
	return { error_text: '', result: { endpoint: o.endpoint, status: o.status } };
}

/** @param {HandlerContext} ctx */
function updateLineStatus(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const orderId = P.reqString(b, 'order_external_id');
	const lineId = P.reqString(b, 'order_line_external_id');
	const status = P.reqString(b, 'status_external_id');
	const m = mk(ctx);
	const o = m.orders.get(orderId);
	if (!o || !orderVisible(ctx, o)) throw new ApiError(404, `Order '${orderId}' not found`);
	const line = o.lines.find((l) => l.external_id === lineId);
	if (!line) throw new ApiError(404, `Line '${lineId}' not found in order '${orderId}'`);
	if (!C.BUILTIN_LINE_STATUSES.includes(status) && !m.lineStatuses.has(status)) throw new ApiError(404, `Line status '${status}' not found`);
	const from = line.status;
	line.status = status;
	o.update_time = C.isoSec(C.nowMs(ctx.store));
	ctx.ledger('order.line_status', o.dbId, o.profileId, { external_id: o.external_id, line: lineId, from, to: status });
	return {};
}

// ------------------------------------------------------------------ preorder

/**
 * The price of one unit of a line: its final or base price, else the catalogue price of the SKU (`sku`, or `product`
 * naming a SKU) or of the product; null when unknown.
 * @param {Market} m
 * @param {LineDraft} l
 * @returns {number | null}
 */
function unitPrice(m, l) {
	const own = l.final_price_per_item ?? l.base_price_per_item;
	if (own !== undefined) return C.toCents(own);
	/** @type {Record<string, any> | undefined} */
	let item;
	if (l.sku !== undefined) item = m.skus.get(l.sku);
	else if (l.product !== undefined) item = m.skus.get(l.product) || m.products.get(l.product);
	return item && typeof item.price === 'string' ? C.toCents(item.price) : null;
}

/**
 * The calculation of an order: the emulator's Market has no discount or points promotions, so the discount is 0 and
 * the final total is the total sent.
 * @param {Market} m
 * @param {OrderDraft} d
 * @param {string} externalId
 * @param {Profile} buyer
 */
function calculate(m, d, externalId, buyer) {
	let linesTotal = 0;
	const lines = d.lines.map((l) => {
		const unit = unitPrice(m, l);
		const count = l.count ?? 1;
		if (unit !== null) linesTotal += unit * count;
		return {
			external_id: l.external_id,
			...(l.product !== undefined ? { product: l.product } : {}),
			...(l.sku !== undefined ? { sku: l.sku } : {}),
			count,
			price_per_item: unit === null ? '' : C.fmtCents(unit),
			total_price: unit === null ? '' : C.fmtCents(unit * count),
			discount: '0.00',
		};
	});
	const total = /** @type {number} */ (C.toCents(d.total_price));
	return {
		external_id: externalId,
		profile_id: buyer.id,
		endpoint: d.endpoint,
		currency: d.currency,
		total_price: C.fmtCents(total),
		delivery_cost: d.delivery_cost ? C.fmtCents(/** @type {number} */ (C.toCents(d.delivery_cost))) : '0.00',
		lines_total: C.fmtCents(linesTotal),
		discount: '0.00',
		final_total_price: C.fmtCents(total),
		points_to_redeem: '0.00',
		points_to_accrue: '0.00',
		lines,
	};
}

/**
 * preorder / preorder_commit: check everything, then calculate (and, for the commit, create the order).
 * @param {HandlerContext} ctx
 * @param {boolean} commit
 */
function preorder(ctx, commit) {
	const b = ctx.body;
	P.checkFormat(b);
	const externalId = P.reqString(b, 'external_id');
	/** @type {{ mode: string, ident: import('../lib/matching').Ident }} */
	let key;
	if (commit) {
		// "profile_id / email / phone: one of the three" (no matching listed; when sent it is honoured)
		const m = b.matching;
		let mode = typeof m === 'string' && m !== '' ? m : undefined;
		if (mode === undefined) {
			mode = ['profile_id', 'email', 'phone'].find((k) => b[k] !== undefined && b[k] !== null && b[k] !== '');
			if (mode === undefined) throw new ApiError(400, "Parameter 'profile_id', 'email' or 'phone' is required");
		}
		key = C.readProfileKey({ ...b, matching: mode }, { modes: PREORDER_MODES, required: true });
	} else {
		key = C.readProfileKey(b, { modes: PREORDER_MODES, required: true });
	}
	const skipTriggers = commit ? P.optBool(b, 'skip_triggers', false) : false;
	const data = P.reqObject(b, 'data');
	const d = readOrder(data, 'data.', { externalId: false, finalRequired: commit, skuAllowed: true, countRequired: false, keyModes: null });
	const m = mk(ctx);
	const db = checkOrderRefs(ctx, m, d, new Set(m.lineStatuses.keys()));
	const vals = checkOrderValues(d, new Map(m.customFields));
	const buyer = findBuyer(ctx, db, key);
	const existing = m.orders.get(externalId);
	if (existing) throw new ApiError(409, `Order '${externalId}' already exists`);
	const calc = calculate(m, d, externalId, buyer);
	if (!commit) return { data: calc };
	const o = storeOrder(ctx, m, d, externalId, db, buyer, vals, 'preorder_commit');
	ctx.ledger('order.preorder_commit', db.info.id, buyer.id, { id: o.id, external_id: externalId, final_total_price: d.final_total_price }, { skipTriggers });
	return { data: { id: o.id, ...calc } };
}

// ------------------------------------------------------------------ products and SKUs

/**
 * Common fields of a product or SKU (400 structure).
 * @param {Record<string, any>} o
 * @param {string} path
 * @returns {Record<string, any>}
 */
function readItem(o, path) {
	/** @type {Record<string, any>} */
	const it = { name: C.nestedString(o, 'name', path), external_id: C.nestedString(o, 'external_id', path) };
	for (const k of ['price', 'old_price', 'currency', 'manufacturer_name', 'description', 'url']) {
		const v = C.nestedOptString(o, k, path);
		if (v !== undefined && v !== '') it[k] = v;
	}
	for (const k of ['tags', 'pictures', 'categories']) {
		const v = C.nestedStringArray(o, k, path);
		if (v !== undefined) it[k] = v;
	}
	if (o.custom_fields !== undefined && o.custom_fields !== null) {
		if (!isPlainObject(o.custom_fields)) throw new ApiError(400, `Parameter '${path}custom_fields' must be an object`);
		it.custom_fields = o.custom_fields;
	}
	return it;
}

/**
 * SKU-only fields (400 structure).
 * @param {Record<string, any>} o
 * @param {string} path
 * @param {Record<string, any>} it
 */
function readSkuFields(o, path, it) {
	it.product_external_id = C.nestedString(o, 'product_external_id', path);
	if (o.count !== undefined && o.count !== null) {
		if (!Number.isInteger(o.count)) throw new ApiError(400, `Parameter '${path}count' must be an integer`);
		it.count = o.count;
	}
	const exp = C.nestedOptString(o, 'expiration_time', path);
	if (exp !== undefined) it.expiration_time = exp;
	for (const k of ['is_available', 'delivery', 'manufacturer_warranty']) {
		const v = C.nestedOptBool(o, k, path);
		if (v !== undefined) it[k] = v;
	}
	if (o.barcode !== undefined && o.barcode !== null) {
		if (!Array.isArray(o.barcode) || !o.barcode.every((x) => Number.isInteger(x))) throw new ApiError(400, `Parameter '${path}barcode' must be an array of integers`);
		it.barcode = o.barcode.slice();
	}
	if (o.regional_data !== undefined && o.regional_data !== null) {
		if (!Array.isArray(o.regional_data)) throw new ApiError(400, `Parameter '${path}regional_data' must be an array`);
		it.regional_data = o.regional_data.map((r, i) => {
			const rp = `${path}regional_data[${i}].`;
			if (!isPlainObject(r)) throw new ApiError(400, `Parameter '${path}regional_data[${i}]' must be an object`);
			/** @type {Record<string, any>} */
			const out = { external_id: C.nestedString(r, 'external_id', rp) };
			for (const k of ['price', 'old_price', 'currency']) {
				const v = C.nestedOptString(r, k, rp);
				if (v !== undefined && v !== '') out[k] = v;
			}
			if (r.count !== undefined && r.count !== null) {
				if (!Number.isInteger(r.count)) throw new ApiError(400, `Parameter '${rp}count' must be an integer`);
				out.count = r.count;
			}
			for (const k of ['is_available', 'delivery']) {
				const v = C.nestedOptBool(r, k, rp);
				if (v !== undefined) out[k] = v;
			}
			if (r.custom_fields !== undefined && r.custom_fields !== null) {
				if (!isPlainObject(r.custom_fields)) throw new ApiError(400, `Parameter '${rp}custom_fields' must be an object`);
				out.custom_fields = r.custom_fields;
			}
			return out;
		});
	}
}

/**
 * products/import and sku/import: definitions, categories and items; all-or-nothing.
 * @param {HandlerContext} ctx
 * @param {'product' | 'sku'} entity
 */
function importItems(ctx, entity) {
	const b = ctx.body;
	P.checkFormat(b);
	const fieldDefs = readFieldDefs(b);
	const cats = readCategories(b);
	const data = P.reqArray(b, 'data');
	if (data.length === 0) throw new ApiError(400, "Parameter 'data' must contain at least one item");
	if (data.length > ctx.options.maxBatchSize) throw new ApiError(400, `Too many items in one request: ${data.length} > ${ctx.options.maxBatchSize}`);
	const items = data.map((o, i) => {
		const path = `data[${i}].`;
		if (!isPlainObject(o)) throw new ApiError(400, `Parameter 'data[${i}]' must be an object`);
		const it = readItem(o, path);
		if (entity === 'sku') readSkuFields(o, path, it);
		return { path, it };
	});

	const m = mk(ctx);
	const allCats = checkCategories(m, cats);
	for (const { path, it } of items) {
		if (it.currency !== undefined && !m.currencies.has(it.currency)) throw new ApiError(404, `'${path}currency': currency '${it.currency}' is not set up in the account`);
		for (const c of it.categories || []) if (!allCats.has(c)) throw new ApiError(404, `'${path}categories': category '${c}' not found`);
		if (entity === 'sku') {
			if (!m.products.has(it.product_external_id)) throw new ApiError(404, `'${path}product_external_id': product '${it.product_external_id}' not found`);
			/** @type {Array<Record<string, any>>} */ (it.regional_data || []).forEach((r, i) => {
				if (!m.regions.has(r.external_id)) throw new ApiError(404, `'${path}regional_data[${i}].external_id': region '${r.external_id}' not found`);
				if (r.currency !== undefined && !m.currencies.has(r.currency)) throw new ApiError(404, `'${path}regional_data[${i}].currency': currency '${r.currency}' is not set up in the account`);
			});
		}
	}
	const defs = checkFieldDefs(m, fieldDefs);
	const seen = new Set();
	for (const { path, it } of items) {
		if (seen.has(it.external_id)) throw new ApiError(450, `Validation error: '${path}external_id': '${it.external_id}' appears twice in the request`);
		seen.add(it.external_id);
		for (const k of ['price', 'old_price']) if (it[k] !== undefined) checkDecimal(it[k], `${path}${k}`);
		if (entity === 'sku' && it.description !== undefined && [...it.description].length > 1000) {
			throw new ApiError(450, `Validation error: '${path}description' must be at most 1000 characters`);
		}
		if (entity === 'sku' && it.count !== undefined && it.count < 0) throw new ApiError(450, `Validation error: '${path}count' must not be negative`);
		it.custom_fields = checkCustomValues(defs, entity, it.custom_fields, path);
		/** @type {Array<Record<string, any>>} */ (it.regional_data || []).forEach((r, i) => {
			const rp = `${path}regional_data[${i}].`;
			for (const k of ['price', 'old_price']) if (r[k] !== undefined) checkDecimal(r[k], `${rp}${k}`);
			if (r.count !== undefined && r.count < 0) throw new ApiError(450, `Validation error: '${rp}count' must not be negative`);
			if (r.custom_fields !== undefined) r.custom_fields = checkCustomValues(defs, 'sku', r.custom_fields, rp, true);
		});
	}

	for (const d of fieldDefs) m.customFields.set(`${d.entity_type}:${d.external_id}`, d);
	for (const c of cats) m.categories.set(c.external_id, c);
	const s = C.commerce(ctx.store);
	const store = entity === 'product' ? m.products : m.skus;
	const saved = items.map(({ it }) => {
		const old = store.get(it.external_id);
		/** @type {Record<string, any> & { id: number, external_id: string }} */
		const rec = { ...structuredClone(it), external_id: it.external_id, id: old ? old.id : entity === 'product' ? s.nextProductId++ : s.nextSkuId++ };
		store.set(it.external_id, /** @type {any} */ (rec));
		return rec;
	});
	ctx.ledger(`${entity}.import`, null, null, {
		items: saved.map((r) => ({ id: r.id, external_id: r.external_id })),
		categories: cats.map((c) => c.external_id),
		custom_fields: fieldDefs.map((d) => `${d.entity_type}:${d.external_id}`),
	});
	return {};
}

/**
 * @param {HandlerContext} ctx
 * @param {'product' | 'sku'} entity
 */
function listItems(ctx, entity) {
	const b = ctx.body;
	P.checkFormat(b);
	const prefix = entity === 'product' ? 'p' : 's';
	const cur = readCursor(b, prefix);
	const limit = readLimit(b);
	const m = mk(ctx);
	const src = entity === 'product' ? [...m.products.values()] : [...m.skus.values()];
	const page = src.filter((x) => x.id > cur.after).sort((x, y) => x.id - y.id).slice(0, limit);
	const result = page.map((x) =>
		entity === 'product'
			? {
					id: x.id,
					name: x.name,
					external_id: x.external_id,
					sku: [...m.skus.values()]
						.filter((k) => k.product_external_id === x.external_id)
						.sort((p, q) => p.id - q.id)
						.map((k) => ({ name: k.name, external_id: k.external_id })),
				}
			: { id: x.id, name: x.name, external_id: x.external_id },
	);
	return { error_text: '', next_from_id: page.length ? encodeCursor(prefix, page[page.length - 1].id) : cur.sent, result };
}

/**
 * Delete by `ids` and/or `external_ids` (at least one non-empty: 400); unknown ones are skipped. Deleting a product
 * deletes its SKUs too (they are not counted in `deleted_count`).
 * @param {HandlerContext} ctx
 * @param {'product' | 'sku'} entity
 */
function deleteItems(ctx, entity) {
	const b = ctx.body;
	P.checkFormat(b);
	const ids = P.optIntArray(b, 'ids') ?? [];
	const exts = P.optStringArray(b, 'external_ids') ?? [];
	if (ids.length === 0 && exts.length === 0) throw new ApiError(400, "Parameter 'ids' or 'external_ids' is required (a non-empty array)");
	const m = mk(ctx);
	/** @type {Map<string, Product | Sku>} */
	const store = entity === 'product' ? m.products : m.skus;
	const gone = [...store.values()].filter((x) => ids.includes(x.id) || exts.includes(x.external_id));
	/** @type {string[]} */
	const skusGone = [];
	for (const x of gone) {
		store.delete(x.external_id);
		if (entity === 'product') {
			for (const k of [...m.skus.values()]) {
				if (k.product_external_id === x.external_id) {
					m.skus.delete(k.external_id);
					skusGone.push(k.external_id);
				}
			}
		}
	}
	ctx.ledger(`${entity}.delete`, null, null, { external_ids: gone.map((x) => x.external_id), ...(entity === 'product' ? { skus: skusGone } : {}) });
	return { deleted_count: gone.length, error_text: '' };
}

const M = '/api/v1.1/market';

/** @type {RouteTable} */
module.exports = {
	[`${M}/orders/import`]: { modifying: true, handle: importOrders },
	[`${M}/orders/list`]: { modifying: false, handle: listOrders },
	[`${M}/orders/delete`]: { modifying: true, permission: 'delete', handle: deleteOrder },
	[`${M}/orders/get_status`]: { modifying: false, handle: getStatus },
	[`${M}/orders/update_order_line_status`]: { modifying: true, handle: updateLineStatus },
	[`${M}/orders/preorder`]: { modifying: false, handle: (ctx) => preorder(ctx, false) },
	[`${M}/orders/preorder_commit`]: { modifying: true, handle: (ctx) => preorder(ctx, true) },
	[`${M}/products/import`]: { modifying: true, handle: (ctx) => importItems(ctx, 'product') },
	[`${M}/products/list`]: { modifying: false, handle: (ctx) => listItems(ctx, 'product') },
	[`${M}/products/delete`]: { modifying: true, permission: 'delete', handle: (ctx) => deleteItems(ctx, 'product') },
	[`${M}/sku/import`]: { modifying: true, handle: (ctx) => importItems(ctx, 'sku') },
	[`${M}/sku/list`]: { modifying: false, handle: (ctx) => listItems(ctx, 'sku') },
	[`${M}/sku/delete`]: { modifying: true, permission: 'delete', handle: (ctx) => deleteItems(ctx, 'sku') },
};
