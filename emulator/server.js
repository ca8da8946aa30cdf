// @ts-check
'use strict';

/**
 * HTTP layer shared by all endpoints: body reading (size limit → plain-text 413), fault injection, routing (paths
 * with or without trailing slash; unknown → 501), method check (405), Content-Type (415), JSON parsing (400),
 * authentication and roles (401 / 403), per-token rate limit (429), request deduplication (§6), the response
 * envelope and the request log.
 */

const http = require('node:http');
const crypto = require('node:crypto');
const { ApiError, RawResponse, SUCCESS_TEXT } = require('./lib/errors');
const { isPlainObject } = require('./lib/params');
const { normalizePath } = require('./handlers');

/**
 * @typedef {import('./store').Store} Store
 * @typedef {import('./faults').Faults} Faults
 * @typedef {import('./faults').Fault} Fault
 * @typedef {import('./handlers').Router} Router
 * @typedef {import('./handlers/common').Route} Route
 * @typedef {import('./handlers/common').HandlerContext} HandlerContext
 * @typedef {import('./handlers/common').HandlerOptions} HandlerOptions
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: import('node:http').IncomingHttpHeaders,
 *   body: any, duplicate: boolean, status: number | null, requestId: string | null, error?: number, fault?: string }} RequestRecord
 * @typedef {{ limit: number, windowMs: number, retryAfterSec?: number }} RateLimit
 * @typedef {{ status: number, headers: Record<string, string>, body: string, at: number }} DedupEntry
 */

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} max
 * @returns {Promise<{ buf: Buffer, tooLarge: boolean, aborted: boolean }>}
 */
function readBody(req, max) {
	return new Promise((resolve) => {
		const cl = Number(req.headers['content-length']);
		let tooLarge = Number.isFinite(cl) && cl > max;
		let size = 0;
		/** @type {Buffer[]} */
		const chunks = [];
		let done = false;
		/** @param {boolean} aborted */
		const finish = (aborted) => {
			if (done) return;
			done = true;
			resolve({ buf: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge, aborted });
		};
		req.on('data', (/** @type {Buffer} */ c) => {
			size += c.length;
			if (size > max) tooLarge = true;
			if (!tooLarge) chunks.push(c);
		});
		req.on('end', () => finish(false));
		req.on('error', () => finish(true));
		req.on('close', () => finish(!req.complete));
	});
}

/**
 * @param {import('node:http').IncomingHttpHeaders} h
 * @returns {string | undefined}
 */
function bearer(h) {
	const a = h.authorization;
	if (typeof a !== 'string') return undefined;
	const m = /^Bearer\s+(.+)$/i.exec(a.trim());
	return m ? m[1].trim() : undefined;
}

/**
 * @param {import('node:http').IncomingHttpHeaders} h
 * @param {string} name
 * @returns {string | null}
 */
function header(h, name) {
	const v = h[name];
	if (Array.isArray(v)) return v[0] ?? null;
	return typeof v === 'string' && v !== '' ? v : null;
}

const GATEWAY_TEXT = { http502: '502 Bad Gateway', http503: '503 Service Temporarily Unavailable', http504: '504 Gateway Time-out' };

class EmulatorServer {
	/**
	 * @param {{ store: Store, router: Router, faults: Faults, options: HandlerOptions }} deps
	 */
	constructor(deps) {
		this.store = deps.store;
		this.router = deps.router;
		this.faults = deps.faults;
		this.options = deps.options;
		/** @type {RequestRecord[]} */
		this.requests = [];
		/** @type {Map<string, DedupEntry>} */
		this.dedup = new Map();
		this._dedupInserts = 0;
		/** @type {RateLimit | null} */
		this.rateLimit = null;
		/** @type {Map<string, { start: number, count: number }>} */
		this._rl = new Map();
		/** @type {Set<import('node:http').ServerResponse>} */
		this.hung = new Set();
		this.server = http.createServer((req, res) => {
			this._handle(req, res).catch((e) => {
				// Last resort: never leave a request without an answer because of an emulator bug.
				console.error('[altcraft-emulator] internal error', e);
				if (!res.headersSent) this._send(res, null, 500, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify({ error: 500, error_text: `Internal error: ${e && e.message}` }));
			});
		});
		this.server.keepAliveTimeout = 5000;
	}

	/**
	 * @param {number} port
	 * @param {string} host
	 * @returns {Promise<number>} the bound port
	 */
	listen(port, host) {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(port, host, () => {
				this.server.off('error', reject);
				const addr = this.server.address();
				resolve(typeof addr === 'object' && addr ? addr.port : port);
			});
		});
	}

	/** @returns {Promise<void>} */
	close() {
		this._destroyHung();
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	/** Forget requests, dedup cache, rate-limit state and hung connections. */
	resetState() {
		this.requests.length = 0;
		this.dedup.clear();
		this.rateLimit = null;
		this._rl.clear();
		this._destroyHung();
	}

	_destroyHung() {
		for (const res of this.hung) res.socket?.destroy();
		this.hung.clear();
	}

	/** @param {RateLimit | null} cfg */
	setRateLimit(cfg) {
		this.rateLimit = cfg ? { ...cfg } : null;
		this._rl.clear();
	}

	/**
	 * @param {string} token
	 * @returns {number | null} Retry-After seconds when over the limit
	 */
	_rateCheck(token) {
		const cfg = this.rateLimit;
		if (!cfg) return null;
		const now = Date.now();
		let st = this._rl.get(token);
		if (!st || now - st.start >= cfg.windowMs) {
			st = { start: now, count: 0 };
			this._rl.set(token, st);
		}
		if (st.count >= cfg.limit) return cfg.retryAfterSec ?? Math.max(1, Math.ceil((st.start + cfg.windowMs - now) / 1000));
		st.count += 1;
		return null;
	}

	/**
	 * Dedup key: token + Request-ID when sent, else a hash of token, method, path (with query) and body.
	 * @param {string} token
	 * @param {string | null} requestId
	 * @param {string} method
	 * @param {string} pathAndQuery
	 * @param {string} raw
	 */
	_dedupKey(token, requestId, method, pathAndQuery, raw) {
		const t = crypto.createHash('sha256').update(token).digest('hex').slice(0, 16);
		if (requestId) return `${t}:${requestId}`;
		return `${t}:sha256:${crypto.createHash('sha256').update(`${method}\n${pathAndQuery}\n${raw}`).digest('hex')}`;
	}

	/**
	 * @param {string} key
	 * @returns {DedupEntry | undefined}
	 */
	_dedupGet(key) {
		const e = this.dedup.get(key);
		if (!e) return undefined;
		if (Date.now() - e.at >= this.options.dedupWindowSec * 1000) {
			this.dedup.delete(key);
			return undefined;
		}
		return e;
	}

	/**
	 * @param {string} key
	 * @param {DedupEntry} e
	 */
	_dedupSet(key, e) {
		this.dedup.set(key, e);
		if (++this._dedupInserts % 1000 === 0) {
			const limit = Date.now() - this.options.dedupWindowSec * 1000;
			for (const [k, v] of this.dedup) if (v.at <= limit) this.dedup.delete(k);
		}
	}

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {RequestRecord | null} rec
	 * @param {number} status
	 * @param {Record<string, string>} headers
	 * @param {string | Buffer} body
	 */
	_send(res, rec, status, headers, body) {
		if (rec) rec.status = status;
		res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
		res.end(body);
	}

	/**
	 * HTTP status of an envelope error: 200, or the code itself in 'mirror' mode (or when forced).
	 * @param {number} code
	 * @param {boolean} [force]
	 */
	_statusFor(code, force) {
		if (code >= 400 && code <= 599 && (force || this.options.httpErrorStatus === 'mirror')) return code;
		return 200;
	}

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {RequestRecord | null} rec
	 * @param {number} code
	 * @param {string} text
	 * @param {{ status?: number, headers?: Record<string, string>, force?: boolean }} [opt]
	 */
	_error(res, rec, code, text, opt = {}) {
		if (rec) rec.error = code;
		this._send(res, rec, opt.status ?? this._statusFor(code, opt.force), { 'content-type': 'application/json; charset=utf-8', ...(opt.headers || {}) }, JSON.stringify({ error: code, error_text: text }));
	}

	/**
	 * Faults that answer (or not) without executing anything. Returns true when the request is finished.
	 * @param {Fault} fault
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {RequestRecord | null} rec
	 * @returns {boolean}
	 */
	_preFault(fault, req, res, rec) {
		if (rec) rec.fault = fault.kind;
		switch (fault.kind) {
			case 'error500':
				this._error(res, rec, 500, 'Internal error of the service (injected fault)', { status: 500 });
				return true;
			case 'error429':
				this._error(res, rec, 429, 'Too many requests (injected fault)', { status: 429, headers: { 'retry-after': String(fault.retryAfterSec) } });
				return true;
			case 'http502':
			case 'http503':
			case 'http504': {
				const status = Number(fault.kind.slice(4));
				this._send(res, rec, status, { 'content-type': 'text/plain; charset=utf-8' }, `${GATEWAY_TEXT[fault.kind]}\n`);
				return true;
			}
			case 'dropBeforeApply':
				req.socket.destroy();
				return true;
			case 'hang':
				this.hung.add(res);
				res.on('close', () => this.hung.delete(res));
				return true;
			default:
				return false;
		}
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async _handle(req, res) {
		const u = new URL(req.url || '/', 'http://emulator.local');
		const pathname = u.pathname;
		/** @type {Record<string, string>} */
		const query = Object.fromEntries(u.searchParams);
		const requestId = header(req.headers, 'request-id') ?? header(req.headers, 'x-request-id');
		/** @type {RequestRecord | null} */
		const rec = this.options.recordRequests
			? { method: req.method || '', path: pathname, query, headers: { ...req.headers }, body: null, duplicate: false, status: null, requestId }
			: null;
		if (rec) this.requests.push(rec);

		// A call that may carry files (route flag fileBody) reads up to maxFileBodyBytes (100 MB); once parsed, a body over
		// maxBodyBytes is only accepted when fileBody() says it carries files.
		const pre = pathname.startsWith('/api/') ? this.router.find(pathname) : undefined;
		const fileBody = pre && pre.fileBody ? pre.fileBody : null;
		const limit = fileBody ? Math.max(this.options.maxBodyBytes, this.options.maxFileBodyBytes) : this.options.maxBodyBytes;
		const { buf, tooLarge, aborted } = await readBody(req, limit);
		if (aborted) return;
		if (tooLarge) {
			this._send(res, rec, 413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, '413 Request Entity Too Large\n');
			return;
		}
		const raw = buf.toString('utf8');
		/** @type {any} */
		let parsed = {};
		let parseError = false;
		if (raw.trim() !== '') {
			try {
				parsed = JSON.parse(raw);
			} catch {
				parseError = true;
			}
		}
		if (rec) rec.body = raw === '' ? null : parseError ? raw : parsed;
		if (fileBody && buf.length > this.options.maxBodyBytes && (parseError || !isPlainObject(parsed) || !fileBody(parsed))) {
			this._send(res, rec, 413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }, '413 Request Entity Too Large\n');
			return;
		}

		if (!pathname.startsWith('/api/')) {
			this._send(res, rec, 404, { 'content-type': 'text/plain; charset=utf-8' }, '404 Not Found\n');
			return;
		}
		const fault = this.faults.take(pathname);
		if (fault && this._preFault(fault, req, res, rec)) return;
		const dropAfter = fault !== null && fault.kind === 'dropAfterApply';
		/**
		 * Envelope error answer (or, under dropAfterApply, no answer at all).
		 * @param {number} code
		 * @param {string} text
		 * @param {{ status?: number, headers?: Record<string, string>, force?: boolean }} [opt]
		 */
		const fail = (code, text, opt) => {
			if (dropAfter) {
				if (rec) rec.error = code;
				req.socket.destroy();
				return;
			}
			this._error(res, rec, code, text, opt);
		};

		const route = this.router.find(pathname);
		if (!route) return fail(501, `The method does not exist: ${pathname}`);
		const method = route.method || 'POST';
		if (req.method !== method) {
			return fail(400, `HTTP method ${req.method} is not allowed here; use ${method}`, { status: 405, headers: { allow: method } });
		}
		const ct = header(req.headers, 'content-type');
		if (raw !== '' && !(ct && /^application\/json\s*(;|$)/i.test(ct.trim()))) {
			return fail(415, `Content-Type '${ct ?? ''}' is not supported; send the body as application/json`);
		}
		if (parseError) return fail(400, 'The request body is not valid JSON');
		if (!isPlainObject(parsed)) return fail(400, 'The request body must be a JSON object');

		// ---- authentication
		const forceHttp = route.auth === 'bearer';
		let token;
		if (forceHttp) {
			token = bearer(req.headers);
		} else {
			if (parsed.token !== undefined && parsed.token !== null && typeof parsed.token !== 'string') {
				return fail(400, "Parameter 'token' must be a string");
			}
			token = parsed.token || bearer(req.headers) || query.token || undefined;
		}
		if (!token) {
			return fail(401, forceHttp ? 'No API token: send an "Authorization: Bearer <token>" header' : 'No API token: send "token" in the body or an "Authorization: Bearer <token>" header', { force: forceHttp });
		}
		const principal = this.store.principalForToken(token);
		if (!principal) return fail(401, 'The API token is invalid', { force: forceHttp });
		if (route.modifying && !principal.canModify) return fail(403, "The token's role has no right to change data (read-only token)", { force: forceHttp });
		if (route.permission === 'delete' && !principal.canDelete) return fail(403, "The token's role has no right to delete profiles", { force: forceHttp });

		// ---- rate limit (per token)
		const retryAfter = this._rateCheck(token);
		if (retryAfter !== null) {
			return fail(429, 'Too many requests: the rate limit of the platform is exceeded', { status: 429, headers: { 'retry-after': String(retryAfter) } });
		}

		// ---- deduplication
		const dedupOn = route.dedup ?? route.modifying;
		/** @type {string | null} */
		let dkey = null;
		if (dedupOn) {
			dkey = this._dedupKey(token, requestId, req.method, normalizePath(pathname) + u.search, raw);
			const hit = this._dedupGet(dkey);
			if (hit) {
				if (rec) {
					rec.duplicate = true;
					rec.error = 0;
				}
				if (dropAfter) {
					if (rec) rec.status = null;
					req.socket.destroy();
					return;
				}
				return this._send(res, rec, hit.status, { ...hit.headers, 'duplicate-request': 'true', 'duplicate-key': dkey }, hit.body);
			}
		}

		// ---- execute
		/** @type {HandlerContext} */
		const ctx = {
			store: this.store,
			body: parsed,
			principal,
			token,
			route,
			path: /** @type {string} */ (route.path),
			requestPath: pathname,
			requestId,
			headers: req.headers,
			query,
			options: this.options,
			now: new Date().toISOString(),
			ledger: (op, dbId, profileId, data, extra) => {
				this.store.appendLedgerEntry(/** @type {string} */ (route.path), requestId, op, dbId, profileId, data, extra);
			},
		};
		/** @type {number} */
		let status;
		/** @type {Record<string, string>} */
		let headers;
		/** @type {string | Buffer} */
		let body;
		let code = 0;
		try {
			const result = route.handle(ctx);
			if (result instanceof RawResponse) {
				status = result.status;
				headers = result.headers;
				body = result.body;
			} else {
				const env = { error: 0, error_text: SUCCESS_TEXT, ...result };
				code = env.error;
				status = this._statusFor(code, forceHttp);
				headers = { 'content-type': 'application/json; charset=utf-8' };
				body = JSON.stringify(env);
			}
		} catch (e) {
			if (!(e instanceof ApiError)) {
				console.error('[altcraft-emulator] handler error', e);
				e = new ApiError(500, `Internal error: ${e && /** @type {Error} */ (e).message}`);
			}
			code = e.code;
			status = this._statusFor(code, forceHttp);
			headers = { 'content-type': 'application/json; charset=utf-8' };
			body = JSON.stringify({ error: code, error_text: e.text });
		}
		if (rec) rec.error = code;
		if (dkey && code === 0) this._dedupSet(dkey, { status, headers, body: body.toString(), at: Date.now() });
		if (dropAfter) {
			req.socket.destroy();
			return;
		}
		this._send(res, rec, status, headers, body);
	}
}

module.exports = { EmulatorServer };
