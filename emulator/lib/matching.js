// @ts-check
'use strict';

/**
 * Profile matching (00-interaction.md §9): the `matching` modes, reading their identifier fields, and finding the
 * profiles they designate through the store's per-database indexes (no scans).
 */

const { ApiError } = require('./errors');
const { isPlainObject } = require('./params');
const { normEmail, normPhone, matchKeys, coerceMatchValue } = require('./fields');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {{ email?: string, phone?: string, profile_id?: string, field_name?: string, field_value?: string | number,
 *   provider?: string, subscription_id?: string }} Ident
 */

/** Identifier fields per mode; `any: true` = at least one of them. */
/** @type {Record<string, { ids: Array<keyof Ident>, any?: boolean }>} */
const MODES = {
	email: { ids: ['email'] },
	email_profile: { ids: ['email'] },
	email_sub: { ids: ['email'] },
	phone: { ids: ['phone'] },
	phone_sub: { ids: ['phone'] },
	profile_id: { ids: ['profile_id'] },
	push_sub: { ids: ['provider', 'subscription_id'] },
	custom: { ids: ['field_name', 'field_value'] },
	custom_sub: { ids: ['field_name', 'field_value'] },
	email_phone: { ids: ['email', 'phone'], any: true },
	email_phone_sub: { ids: ['email', 'phone'], any: true },
};

/**
 * Read and check the `matching` parameter (default `email`).
 * @param {Record<string, any>} body
 * @param {string[]} [allowed]  modes this method accepts (default: all)
 * @param {string} [method]
 * @returns {string}
 */
function readMatching(body, allowed, method) {
	const m = body.matching;
	if (m === undefined || m === null || m === '') return 'email';
	if (typeof m !== 'string') throw new ApiError(400, "Parameter 'matching' must be a string");
	if (!Object.prototype.hasOwnProperty.call(MODES, m)) {
		throw new ApiError(400, `Parameter 'matching': unknown mode '${m}' (allowed: ${(allowed || Object.keys(MODES)).join(', ')})`);
	}
	if (allowed && !allowed.includes(m)) {
		throw new ApiError(400, `Parameter 'matching': mode '${m}' is not supported by ${method} (allowed: ${allowed.join(', ')})`);
	}
	return m;
}

/**
 * Read the identifier fields of a mode from an object (top level of the request, an element of a batch, or a
 * source/destination entry). Missing or mistyped → 400.
 * @param {Record<string, any>} src
 * @param {string} mode
 * @param {{ prefix?: string, fieldName?: string, batchElement?: boolean, fallbackFieldValue?: unknown }} [opt]
 * @returns {Ident}
 */
function readIdent(src, mode, opt = {}) {
	const prefix = opt.prefix || '';
	/** @type {Ident} */
	const id = {};
	/**
	 * @param {string} key
	 * @param {unknown} v
	 */
	const str = (key, v) => {
		if (v === undefined || v === null || v === '') return undefined;
		if (typeof v !== 'string') throw new ApiError(400, `Parameter '${prefix}${key}' must be a string`);
		return v;
	};
	switch (mode) {
		case 'email':
		case 'email_profile':
		case 'email_sub':
			id.email = str('email', src.email);
			break;
		case 'phone':
		case 'phone_sub':
			id.phone = str('phone', src.phone);
			if (id.phone === undefined && opt.batchElement && Array.isArray(src.phones) && typeof src.phones[0] === 'string') id.phone = src.phones[0];
			break;
		case 'email_phone':
		case 'email_phone_sub':
			id.email = str('email', src.email);
			id.phone = str('phone', src.phone);
			if (id.phone === undefined && opt.batchElement && Array.isArray(src.phones) && typeof src.phones[0] === 'string') id.phone = src.phones[0];
			break;
		case 'profile_id': {
			const v = str('profile_id', src.profile_id);
			if (v !== undefined && !/^[0-9a-f]{24}$/i.test(v)) throw new ApiError(400, `Parameter '${prefix}profile_id' must be a 24-character hex profile ID`);
			id.profile_id = v === undefined ? undefined : v.toLowerCase();
			break;
		}
		case 'push_sub':
			id.provider = str('provider', src.provider);
			id.subscription_id = str('subscription_id', src.subscription_id);
			break;
		case 'custom':
		case 'custom_sub': {
			id.field_name = opt.fieldName !== undefined ? opt.fieldName : str('field_name', src.field_name);
			let v = src.field_value;
			if (v === undefined || v === null || v === '') v = opt.fallbackFieldValue;
			if ((v === undefined || v === null || v === '') && opt.batchElement && id.field_name !== undefined) v = src[id.field_name];
			if (v !== undefined && v !== null && v !== '') {
				if (typeof v !== 'string' && typeof v !== 'number') throw new ApiError(400, `Parameter '${prefix}field_value' must be a string or a number`);
				id.field_value = v;
			}
			break;
		}
	}
	const spec = MODES[mode];
	const present = spec.ids.filter((k) => id[k] !== undefined);
	if (spec.any ? present.length === 0 : present.length !== spec.ids.length) {
		const need = spec.ids.filter((k) => id[k] === undefined).map((k) => `'${prefix}${k}'`);
		throw new ApiError(400, `Parameter ${spec.any ? spec.ids.map((k) => `'${prefix}${k}'`).join(' or ') : need.join(' and ')} ${spec.any || need.length === 1 ? 'is' : 'are'} required for matching '${mode}'`);
	}
	return id;
}

/**
 * For `custom` matching the field must exist in the database (400 otherwise).
 * @param {DbState} db
 * @param {string} mode
 * @param {string | undefined} fieldName
 */
function checkFieldName(db, mode, fieldName) {
	if (mode === 'custom' && fieldName !== undefined && !db.fields.has(fieldName)) {
		throw new ApiError(400, `Parameter 'field_name': '${fieldName}' is not a field of database ${db.info.id}`);
	}
}

/**
 * @param {Set<string>} acc
 * @param {Set<string> | undefined} s
 */
function addAll(acc, s) {
	if (s) for (const x of s) acc.add(x);
}

/**
 * Profile ids of `db` designated by the identifier. `resourceId` narrows the subscription part of the search.
 * @param {Store} store
 * @param {DbState} db
 * @param {string} mode
 * @param {Ident} id
 * @param {number} [resourceId]
 * @returns {Set<string>}
 */
function findIds(store, db, mode, id, resourceId) {
	const idx = db.idx;
	const r = resourceId !== undefined ? `r${resourceId}|` : '';
	/** @type {Set<string>} */
	const out = new Set();
	const e = id.email !== undefined ? normEmail(id.email) : undefined;
	const ph = id.phone !== undefined ? normPhone(id.phone) : undefined;
	switch (mode) {
		case 'email':
			if (e) addAll(out, idx.email.get(e)), addAll(out, idx.subEmail.get(r + e));
			break;
		case 'email_profile':
			if (e) addAll(out, idx.email.get(e));
			break;
		case 'email_sub':
			if (e) addAll(out, idx.subEmail.get(r + e));
			break;
		case 'phone':
			if (ph) addAll(out, idx.phone.get(ph)), addAll(out, idx.subPhone.get(r + ph));
			break;
		case 'phone_sub':
			if (ph) addAll(out, idx.subPhone.get(r + ph));
			break;
		case 'email_phone':
			if (e) addAll(out, idx.email.get(e));
			if (ph) addAll(out, idx.phone.get(ph));
			break;
		case 'email_phone_sub':
			if (e) addAll(out, idx.subEmail.get(r + e));
			if (ph) addAll(out, idx.subPhone.get(r + ph));
			break;
		case 'profile_id': {
			const p = store.profiles.get(/** @type {string} */ (id.profile_id));
			if (p && p.dbId === db.info.id) out.add(p.id);
			break;
		}
		case 'push_sub':
			addAll(out, idx.push.get(`${r}${id.provider}|${id.subscription_id}`));
			break;
		case 'custom': {
			const def = db.fields.get(/** @type {string} */ (id.field_name));
			if (!def) break;
			const map = store.fieldIndex(db, def.name);
			const keys = matchKeys(def, /** @type {string | number} */ (id.field_value));
			/** @type {string[] | null} */
			let acc = null;
			for (const k of keys) {
				const s = map.get(k);
				if (!s) return new Set();
				acc = acc === null ? [...s] : acc.filter((x) => s.has(x));
			}
			if (acc) for (const x of acc) out.add(x);
			break;
		}
		case 'custom_sub': {
			const map = store.subFieldIndex(db, /** @type {string} */ (id.field_name));
			addAll(out, map.get(r + String(id.field_value)));
			break;
		}
	}
	return out;
}

/**
 * The single profile designated by the identifier, or null; several → 435.
 * @param {Store} store
 * @param {DbState} db
 * @param {string} mode
 * @param {Ident} id
 * @param {number} [resourceId]
 * @returns {Profile | null}
 */
function resolveOne(store, db, mode, id, resourceId) {
	const ids = findIds(store, db, mode, id, resourceId);
	if (ids.size > 1) {
		throw new ApiError(435, `Ambiguous matching '${mode}': ${ids.size} profiles of database ${db.info.id} match; narrow the search`);
	}
	if (ids.size === 0) return null;
	return /** @type {Profile} */ (store.profiles.get(/** @type {string} */ (ids.values().next().value)));
}

/**
 * Fields a profile created by import gets from its matching identifier (unless the data sets them).
 * @param {DbState} db
 * @param {string} mode
 * @param {Ident} id
 * @returns {Record<string, any>}
 */
function identityFields(db, mode, id) {
	/** @type {Record<string, any>} */
	const out = {};
	if ((mode === 'email' || mode === 'email_profile' || mode === 'email_phone') && id.email !== undefined) out.email = id.email;
	if ((mode === 'phone' || mode === 'email_phone') && id.phone !== undefined) out.phones = [id.phone];
	if (mode === 'custom' && id.field_name !== undefined && id.field_value !== undefined) {
		const def = db.fields.get(id.field_name);
		if (def) out[def.name] = coerceMatchValue(def, id.field_value);
	}
	return out;
}

/**
 * Keys of a batch element that are matching identifiers, not database fields (removed before field validation).
 * @param {Record<string, any>} el
 * @param {string} mode
 * @param {DbState} db
 * @returns {Record<string, any>}
 */
function stripIdentKeys(el, mode, db) {
	if (!isPlainObject(el)) return el;
	const keys = MODES[mode] ? MODES[mode].ids : [];
	/** @type {Record<string, any> | null} */
	let copy = null;
	for (const k of keys) {
		if (db.fields.has(k) || !Object.prototype.hasOwnProperty.call(el, k)) continue;
		if (!copy) copy = { ...el };
		delete copy[k];
	}
	return copy || el;
}

module.exports = { MODES, readMatching, readIdent, checkFieldName, findIds, resolveOne, identityFields, stripIdentKeys };
