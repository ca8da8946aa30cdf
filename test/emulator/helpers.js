'use strict';

/** Raw-HTTP helpers for the emulator tests (global fetch, like a documentation example would do). */

/**
 * POST a JSON body (token added unless opts.token === null) and return status, headers, text and parsed JSON.
 * @param {{ url: string, tokens: Record<string, string> }} emu
 * @param {string} path
 * @param {any} [body]
 * @param {{ token?: string | null, headers?: Record<string, string>, method?: string, raw?: string, signal?: AbortSignal }} [opts]
 */
async function call(emu, path, body, opts = {}) {
	const token = opts.token === undefined ? emu.tokens.admin : opts.token;
	const headers = { 'content-type': 'application/json', ...(opts.headers || {}) };
	let payload;
	if (opts.raw !== undefined) payload = opts.raw;
	else if (body !== undefined) payload = JSON.stringify(token === null ? body : { token, ...body });
	const res = await fetch(emu.url + path, { method: opts.method || 'POST', headers, body: payload, signal: opts.signal });
	const text = await res.text();
	let json = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = null;
	}
	return { status: res.status, headers: res.headers, text, json };
}

/** @param {{ url: string, tokens: Record<string, string> }} emu */
function client(emu) {
	return (/** @type {string} */ path, /** @type {any} */ body, /** @type {any} */ opts) => call(emu, path, body, opts);
}

const P = '/api/v1.1';

module.exports = { call, client, P };
