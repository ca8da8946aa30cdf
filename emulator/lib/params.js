// @ts-check
'use strict';

/**
 * Validation of top-level request parameters. A missing required parameter or a parameter of the wrong JSON
 * type is answered with envelope error 400 naming the parameter (like the platform's "request is incorrect").
 */

const { ApiError } = require('./errors');

/** @typedef {Record<string, any>} Body */

/**
 * @param {unknown} v
 * @returns {v is Record<string, any>}
 */
function isPlainObject(v) {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {string} name */
function missing(name) {
	return new ApiError(400, `Parameter '${name}' is required`);
}

/**
 * @param {string} name
 * @param {string} what
 */
function wrongType(name, what) {
	return new ApiError(400, `Parameter '${name}' must be ${what}`);
}

/** @param {unknown} v */
function absent(v) {
	return v === undefined || v === null;
}

/**
 * @param {Body} body
 * @param {string} name
 * @param {string} [label]
 * @returns {number}
 */
function reqInt(body, name, label = name) {
	const v = body[name];
	if (absent(v)) throw missing(label);
	if (!Number.isInteger(v)) throw wrongType(label, 'an integer');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @param {string} [label]
 * @returns {number | undefined}
 */
function optInt(body, name, label = name) {
	const v = body[name];
	if (absent(v)) return undefined;
	if (!Number.isInteger(v)) throw wrongType(label, 'an integer');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @param {string} [label]
 * @returns {string}
 */
function reqString(body, name, label = name) {
	const v = body[name];
	if (absent(v) || v === '') throw missing(label);
	if (typeof v !== 'string') throw wrongType(label, 'a string');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @param {string} [label]
 * @returns {string | undefined}
 */
function optString(body, name, label = name) {
	const v = body[name];
	if (absent(v)) return undefined;
	if (typeof v !== 'string') throw wrongType(label, 'a string');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @param {boolean} dflt
 * @returns {boolean}
 */
function optBool(body, name, dflt) {
	const v = body[name];
	if (absent(v)) return dflt;
	if (typeof v !== 'boolean') throw wrongType(name, 'a boolean');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @param {string} [label]
 * @returns {Record<string, any>}
 */
function reqObject(body, name, label = name) {
	const v = body[name];
	if (absent(v)) throw missing(label);
	if (!isPlainObject(v)) throw wrongType(label, 'an object');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @returns {Record<string, any> | undefined}
 */
function optObject(body, name) {
	const v = body[name];
	if (absent(v)) return undefined;
	if (!isPlainObject(v)) throw wrongType(name, 'an object');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @returns {any[]}
 */
function reqArray(body, name) {
	const v = body[name];
	if (absent(v)) throw missing(name);
	if (!Array.isArray(v)) throw wrongType(name, 'an array');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @returns {number[] | undefined}
 */
function optIntArray(body, name) {
	const v = body[name];
	if (absent(v)) return undefined;
	if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) throw wrongType(name, 'an array of integers');
	return v;
}

/**
 * @param {Body} body
 * @param {string} name
 * @returns {string[] | undefined}
 */
function optStringArray(body, name) {
	const v = body[name];
	if (absent(v)) return undefined;
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw wrongType(name, 'an array of strings');
	return v;
}

/**
 * `format` is accepted on most calls; the emulator answers JSON only.
 * @param {Body} body
 */
function checkFormat(body) {
	const f = optString(body, 'format');
	if (f !== undefined && f.toLowerCase() !== 'json') {
		throw new ApiError(400, `Parameter 'format': only "json" is supported by this server`);
	}
}

module.exports = {
	isPlainObject,
	reqInt,
	optInt,
	reqString,
	optString,
	optBool,
	reqObject,
	optObject,
	reqArray,
	optIntArray,
	optStringArray,
	checkFormat,
};
