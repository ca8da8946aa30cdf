// @ts-check
'use strict';

/**
 * The opaque profile cursor of profiles/list (and profiles/segstatic/list): `<seq as 16 hex>.<yyyymmddhhmmss>` of
 * the last profile of a page; the next page starts after it. An empty string starts from the beginning.
 */

const { ApiError } = require('./errors');

/** @typedef {import('../store').Profile} Profile */

/** @param {Profile} p */
function encodeProfileCursor(p) {
	return `${p.seq.toString(16).padStart(16, '0')}.${p.createdAt.replace(/\D/g, '').slice(0, 14)}`;
}

/**
 * @param {string} c
 * @returns {number} the seq after which the page starts
 */
function decodeProfileCursor(c) {
	if (c === '') return 0;
	const m = /^([0-9a-f]{16})\.\d{14}$/.exec(c);
	if (!m) throw new ApiError(400, "Parameter 'from_id' is not a valid cursor (pass the next_from_id of the previous page, or an empty string)");
	return parseInt(m[1], 16);
}

module.exports = { encodeProfileCursor, decodeProfileCursor };
