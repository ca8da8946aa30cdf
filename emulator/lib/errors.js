// @ts-check
'use strict';

/** Text of a successful envelope. */
const SUCCESS_TEXT = 'Successful operation';

/** An envelope error: `{ error: code, error_text: text }`. Handlers throw it before applying anything. */
class ApiError extends Error {
	/**
	 * @param {number} code  envelope error code (400, 404, 409, 413, 435, 450, ...)
	 * @param {string} text  human-readable error_text
	 */
	constructor(code, text) {
		super(text);
		this.code = code;
		this.text = text;
	}
}

/** A non-envelope answer (file download). */
class RawResponse {
	/**
	 * @param {number} status
	 * @param {Record<string, string>} headers
	 * @param {string | Buffer} body
	 */
	constructor(status, headers, body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}
}

module.exports = { ApiError, RawResponse, SUCCESS_TEXT };
