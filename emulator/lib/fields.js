// @ts-check
'use strict';

/**
 * Profile database fields: definitions of the system fields, type validation of values (envelope error 450 naming
 * the field) and the field functions of 10-profiles.md §15 (set, unset, incr, add, delete, upsert).
 */

const net = require('node:net');
const { ApiError } = require('./errors');
const { isPlainObject } = require('./params');

/**
 * @typedef {import('../seed').FieldType} FieldType
 * @typedef {{ name: string, title: string, type: FieldType, category: 'system'|'custom', dictionary?: string }} FieldDef
 * @typedef {{ action: 'set', value: any } | { action: 'unset' } | { action: 'incr', value: number }
 *   | { action: 'add', value: any[] } | { action: 'delete', value: any[] } | { action: 'upsert', value: any, submatch: string }} FieldOp
 */

/** System fields every database has (writable ones). */
/** @type {Array<{ name: string, title: string, type: FieldType, dictionary?: string }>} */
const SYSTEM_FIELDS = [
	{ name: 'email', title: 'E-mail', type: 'email' },
	{ name: 'phones', title: 'Phones', type: 'phones' },
	{ name: '_fname', title: 'First name', type: 'string' },
	{ name: '_lname', title: 'Last name', type: 'string' },
	{ name: '_mname', title: 'Middle name', type: 'string' },
	{ name: '_bdate', title: 'Birth date', type: 'date' },
	{ name: '_sex', title: 'Gender', type: 'gender', dictionary: 'genders' },
	{ name: '_status', title: 'Global status', type: 'int' },
	{ name: '_tz', title: 'Time zone', type: 'string', dictionary: 'tz' },
	{ name: '_city', title: 'City', type: 'string' },
	{ name: '_region', title: 'Region', type: 'string' },
	{ name: '_country', title: 'Country', type: 'string' },
	{ name: '_ip', title: 'IP address', type: 'ip' },
	{ name: '_browser', title: 'Browser', type: 'string', dictionary: 'browsers' },
	{ name: '_regdate', title: 'Registration date', type: 'date' },
	{ name: '_regip', title: 'Registration IP', type: 'ip' },
	{ name: '_regurl', title: 'Registration URL', type: 'string' },
	{ name: '_regcity', title: 'Registration city', type: 'string' },
	{ name: '_regcountry', title: 'Registration country', type: 'string' },
	{ name: '_vendor', title: 'Lead source', type: 'string' },
];

/** Read-only fields that appear in profiles/get output and may not be sent. */
const READ_ONLY_FIELDS = new Set([
	'id', '_id', 'db_id', '_acid', '_createtime', '_updatetime', '_md5', '_xxh', '_xxm', '_emaildomain', '_domaingroup',
	'_lat', '_lon', '_is_desktop', '_is_test', '_deliv_exist', '_deliv_date', '_open_exist', '_open_date', '_click_exist',
	'_click_date', '_confirm_exist',
]);

/** Fixed location written by `detect_geo` when the data carries a valid `_regip` / `_ip`. */
const GEO_FIXED = Object.freeze({ _city: 'Moscow', _region: 'Moscow', _country: 'RU' });

const EMAIL_RE = /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;
const PHONE_STRIP_RE = /[\s\-().]/g;

const GENDER_MALE = new Set(['male', 'm', 'man', 'masculine', '♂', 'мужской', 'муж', 'м', 'мужчина']);
const GENDER_FEMALE = new Set(['female', 'f', 'fem', 'feminine', 'woman', 'w', '♀', 'женский', 'жен', 'ж', 'женщина']);

/**
 * @param {string} s
 * @returns {boolean}
 */
function isEmail(s) {
	return s.length <= 254 && EMAIL_RE.test(s);
}

/**
 * Lower-cased, trimmed e-mail: the key used for uniqueness and matching.
 * @param {unknown} s
 * @returns {string}
 */
function normEmail(s) {
	return typeof s === 'string' ? s.trim().toLowerCase() : '';
}

/**
 * @param {string} s
 * @returns {boolean}
 */
function isPhone(s) {
	return /^\+?\d{7,15}$/.test(s.replace(PHONE_STRIP_RE, ''));
}

/**
 * Digits only: the key used for phone matching ("+7 900 000-00-00" → "79000000000").
 * @param {unknown} s
 * @returns {string}
 */
function normPhone(s) {
	return typeof s === 'string' ? s.replace(/\D/g, '') : '';
}

/**
 * @param {string} s
 * @returns {boolean}
 */
function isDate(s) {
	const m = DATE_RE.exec(s);
	if (!m) return false;
	const y = Number(m[1]);
	const mo = Number(m[2]);
	const d = Number(m[3]);
	if (mo < 1 || mo > 12 || d < 1) return false;
	const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
	if (d > daysInMonth) return false;
	if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 60))) return false;
	return true;
}

/**
 * @param {FieldDef} def
 * @param {string} what
 */
function fieldError(def, what) {
	return new ApiError(450, `Validation error: field '${def.name}' ${what}`);
}

/** @type {Record<FieldType, string>} */
const TYPE_TEXT = {
	string: 'must be a string',
	email: 'must be a valid e-mail address',
	phones: 'must be an array of phone numbers (strings such as "+79000000000")',
	date: 'must be a date (RFC 3339, e.g. "1990-02-22T21:00:00Z", or "YYYY-MM-DD")',
	int: 'must be an integer',
	float: 'must be a number',
	bool: 'must be a boolean',
	tags: 'must be an array of strings (tags)',
	object: 'must be an object',
	arr_object: 'must be an array of objects',
	ip: 'must be an IPv4 or IPv6 address',
	gender: 'must be a gender: 0, 1 (male), 2 (female) or a known spelling such as "male" / "female"',
};

/**
 * Check a plain value against the field type; returns the value to store.
 * @param {FieldDef} def
 * @param {unknown} v
 * @returns {any}
 */
function checkValue(def, v) {
	switch (def.type) {
		case 'string':
			if (typeof v === 'string') return v;
			break;
		case 'email':
			if (typeof v === 'string' && isEmail(v.trim())) return v.trim();
			break;
		case 'phones':
			if (Array.isArray(v) && v.every((x) => typeof x === 'string' && isPhone(x))) return v.slice();
			break;
		case 'date':
			if (typeof v === 'string' && isDate(v)) return v;
			break;
		case 'int':
			if (Number.isInteger(v)) return v;
			break;
		case 'float':
			if (typeof v === 'number' && Number.isFinite(v)) return v;
			break;
		case 'bool':
			if (typeof v === 'boolean') return v;
			break;
		case 'tags':
			if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return Array.from(new Set(v));
			break;
		case 'object':
			if (isPlainObject(v)) return structuredClone(v);
			break;
		case 'arr_object':
			if (Array.isArray(v) && v.every((x) => isPlainObject(x))) return structuredClone(v);
			break;
		case 'ip':
			if (typeof v === 'string' && net.isIP(v) !== 0) return v;
			break;
		case 'gender': {
			if (v === 0 || v === 1 || v === 2) return v;
			if (typeof v === 'string') {
				const s = v.trim().toLowerCase();
				if (s === '0' || s === '' || s === 'unknown') return 0;
				if (s === '1' || GENDER_MALE.has(s)) return 1;
				if (s === '2' || GENDER_FEMALE.has(s)) return 2;
			}
			break;
		}
	}
	throw fieldError(def, TYPE_TEXT[def.type]);
}

/**
 * A function object is `{ action, value?, submatch? }` with a string `action` and no other keys.
 * @param {unknown} v
 * @returns {v is { action: string, value?: any, submatch?: any }}
 */
function isFunctionObject(v) {
	if (!isPlainObject(v) || typeof v.action !== 'string') return false;
	for (const k of Object.keys(v)) if (k !== 'action' && k !== 'value' && k !== 'submatch') return false;
	return true;
}

/**
 * Turn the value sent for a field into an operation, validating it (450 on any problem).
 * `null` means unset.
 * @param {FieldDef} def
 * @param {unknown} raw
 * @returns {FieldOp}
 */
function parseFieldOp(def, raw) {
	if (raw === null) {
		if (def.name === 'email') throw fieldError(def, 'cannot be unset');
		return { action: 'unset' };
	}
	if (!isFunctionObject(raw)) return { action: 'set', value: checkValue(def, raw) };
	const action = raw.action;
	const has = Object.prototype.hasOwnProperty.call(raw, 'value');
	switch (action) {
		case 'set':
			if (!has) throw fieldError(def, "function 'set' needs a 'value'");
			if (raw.value === null) return parseFieldOp(def, null);
			return { action: 'set', value: checkValue(def, raw.value) };
		case 'unset':
			if (def.name === 'email') throw fieldError(def, "function 'unset' is not allowed for the e-mail field");
			return { action: 'unset' };
		case 'incr':
			if (def.type !== 'int' && def.type !== 'float') throw fieldError(def, `function 'incr' is only allowed for int and float fields (field type is ${def.type})`);
			if (typeof raw.value !== 'number' || !Number.isFinite(raw.value)) throw fieldError(def, "function 'incr' needs a numeric 'value'");
			if (def.type === 'int' && !Number.isInteger(raw.value)) throw fieldError(def, "function 'incr' on an int field needs an integer 'value'");
			return { action: 'incr', value: raw.value };
		case 'add':
		case 'delete': {
			if (!has) throw fieldError(def, `function '${action}' needs a 'value'`);
			const list = Array.isArray(raw.value) ? raw.value : [raw.value];
			if (def.type === 'tags') {
				if (!list.every((x) => typeof x === 'string')) throw fieldError(def, `function '${action}' needs an array of strings (tags)`);
			} else if (def.type === 'arr_object') {
				if (!list.every((x) => isPlainObject(x))) throw fieldError(def, `function '${action}' needs an array of objects`);
			} else {
				throw fieldError(def, `function '${action}' is only allowed for tags and arr_object fields (field type is ${def.type})`);
			}
			return { action, value: structuredClone(list) };
		}
		case 'upsert':
			if (def.type !== 'object' && def.type !== 'arr_object') {
				throw fieldError(def, `function 'upsert' is only allowed for object and arr_object fields (field type is ${def.type})`);
			}
			if (typeof raw.submatch !== 'string' || raw.submatch === '') throw fieldError(def, "function 'upsert' needs a 'submatch' (property path)");
			if (!has) throw fieldError(def, "function 'upsert' needs a 'value'");
			return { action: 'upsert', value: structuredClone(raw.value), submatch: raw.submatch };
		default:
			throw fieldError(def, `unknown function '${action}' (allowed: set, unset, incr, add, delete, upsert)`);
	}
}

/**
 * @param {unknown} a
 * @param {unknown} b
 * @returns {boolean}
 */
function deepEqual(a, b) {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
	}
	const ao = /** @type {Record<string, unknown>} */ (a);
	const bo = /** @type {Record<string, unknown>} */ (b);
	const ka = Object.keys(ao);
	if (ka.length !== Object.keys(bo).length) return false;
	return ka.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && deepEqual(ao[k], bo[k]));
}

/**
 * Set a dot path inside an object, creating intermediate objects.
 * @param {Record<string, any>} obj
 * @param {string} path
 * @param {any} value
 */
function setPath(obj, path, value) {
	const parts = path.split('.');
	let cur = obj;
	for (let i = 0; i < parts.length - 1; i++) {
		if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
		cur = cur[parts[i]];
	}
	cur[parts[parts.length - 1]] = value;
}

/**
 * @param {Record<string, any>} obj
 * @param {string} path
 * @returns {boolean}
 */
function hasPath(obj, path) {
	let cur = obj;
	for (const p of path.split('.')) {
		if (!isPlainObject(cur) || !Object.prototype.hasOwnProperty.call(cur, p)) return false;
		cur = cur[p];
	}
	return true;
}

/**
 * Apply one operation to a (copied) field map. Never mutates arrays/objects in place.
 * @param {Record<string, any>} fields
 * @param {FieldDef} def
 * @param {FieldOp} op
 */
function applyFieldOp(fields, def, op) {
	const name = def.name;
	const cur = fields[name];
	switch (op.action) {
		case 'set':
			fields[name] = op.value;
			return;
		case 'unset':
			delete fields[name];
			return;
		case 'incr': {
			const next = (typeof cur === 'number' ? cur : 0) + op.value;
			fields[name] = def.type === 'float' ? Math.round(next * 1e9) / 1e9 : next;
			return;
		}
		case 'add': {
			const list = Array.isArray(cur) ? cur.slice() : [];
			if (def.type === 'tags') {
				for (const t of op.value) if (!list.includes(t)) list.push(t);
			} else {
				list.push(...structuredClone(op.value));
			}
			fields[name] = list;
			return;
		}
		case 'delete': {
			if (!Array.isArray(cur)) return;
			fields[name] = def.type === 'tags'
				? cur.filter((t) => !op.value.includes(t))
				: cur.filter((el) => !op.value.some((/** @type {unknown} */ x) => deepEqual(x, el)));
			return;
		}
		case 'upsert': {
			if (def.type === 'object') {
				const obj = isPlainObject(cur) ? structuredClone(cur) : {};
				setPath(obj, op.submatch, structuredClone(op.value));
				fields[name] = obj;
			} else {
				const list = Array.isArray(cur) ? cur : [];
				fields[name] = list.map((el) => {
					if (!isPlainObject(el) || !hasPath(el, op.submatch)) return el;
					const copy = structuredClone(el);
					setPath(copy, op.submatch, structuredClone(op.value));
					return copy;
				});
			}
		}
	}
}

/**
 * Index keys of a stored value (for custom matching): scalars → one key, arrays → one key per element.
 * @param {FieldDef} def
 * @param {unknown} v
 * @returns {string[]}
 */
function indexKeys(def, v) {
	if (v === undefined || v === null) return [];
	if (def.type === 'email') return [normEmail(v)];
	if (def.type === 'phones') return Array.isArray(v) ? v.map(normPhone) : [];
	if (Array.isArray(v)) return v.filter((x) => x === null || typeof x !== 'object').map((x) => String(x));
	if (typeof v === 'object') return [];
	return [String(v)];
}

/**
 * Keys to look up for a `field_value` of custom matching. A tags field accepts "tag_1, tag_2" (all must match).
 * @param {FieldDef} def
 * @param {string | number} value
 * @returns {string[]}
 */
function matchKeys(def, value) {
	if (def.type === 'tags' && typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
	if (def.type === 'email') return [normEmail(value)];
	if (def.type === 'phones') return [normPhone(String(value))];
	if ((def.type === 'int' || def.type === 'float') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return [String(Number(value))];
	}
	return [String(value)];
}

/**
 * Coerce a matching `field_value` into a storable value for the field (used when import creates a profile).
 * @param {FieldDef} def
 * @param {string | number} value
 * @returns {any}
 */
function coerceMatchValue(def, value) {
	if ((def.type === 'int' || def.type === 'float') && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return checkValue(def, Number(value));
	}
	if (def.type === 'string' && typeof value === 'number') return String(value);
	if (def.type === 'tags') return checkValue(def, matchKeys(def, value));
	if (def.type === 'phones') return checkValue(def, [String(value)]);
	return checkValue(def, value);
}

module.exports = {
	SYSTEM_FIELDS,
	READ_ONLY_FIELDS,
	GEO_FIXED,
	isEmail,
	isPhone,
	isDate,
	normEmail,
	normPhone,
	checkValue,
	parseFieldOp,
	applyFieldOp,
	deepEqual,
	indexKeys,
	matchKeys,
	coerceMatchValue,
	fieldError,
};
