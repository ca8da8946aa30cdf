// @ts-check
'use strict';

/** RFC 4180 CSV: CRLF line ends; fields with comma, quote, CR or LF are quoted, quotes doubled. */

/**
 * @param {unknown} v
 * @returns {string}
 */
function cell(v) {
	if (v === undefined || v === null) return '';
	const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * @param {string[]} columns
 * @param {Array<Record<string, any>>} rows
 * @returns {string}
 */
function toCsv(columns, rows) {
	const lines = [columns.map(cell).join(',')];
	for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
	return lines.join('\r\n') + '\r\n';
}

module.exports = { toCsv };
