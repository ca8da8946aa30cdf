// @ts-check
'use strict';

/**
 * Plays Altcraft delivering Action Hooks ("JSON batch request", HTTP POST) to a URL, for tests of the Altcraft
 * Trigger node. Written from the reference (shared/altcraft-api/90-webhooks-and-callbacks.md §2–§4), not from the
 * node: events have the documented fields, a delivery is a POST of a JSON array, batches are cut by a maximum batch
 * size, and an optional header comes from a Custom Authentication connection. Node built-ins only.
 *
 *   const hooks = require('./emulator/actionHooks');
 *   const events = hooks.buildEvents(250, { types: ['deliv', 'click'] });
 *   const replies = await hooks.deliver(url, events, { batchSize: 100, authHeader: { name: 'X-Hook-Secret', value: 's' } });
 *   // replies: [{ status: 200, body: 'OK', headers, events: 100 }, …]
 *
 * Not documented, so chosen here: the Content-Type is application/json (overridable); `_xxh` is a 64-bit hash that
 * looks like Altcraft's but is not XXHash; the `event_data` of delivery events carries the documented example fields
 * (message_id, segment_id, campaign_id) plus launch_id and send_message_id, import events carry an empty object.
 */

const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

/** Documented `event_type` values by channel (§4). Unconfirmed names (e.g. deliv_push) are left out. */
const EVENT_TYPES = Object.freeze({
	email: Object.freeze([
		'send', 'reply', 'uopen', 'open', 'uclick', 'click', 'confirm', 'confirmsub', 'unsub', 'complain',
		'sbounce', 'hbounce', 'suppress', 'deliv', 'undeliv', 'read', 'glanced', 'skimmed',
	]),
	profileImport: Object.freeze(['import_manual', 'import_file', 'import_api']),
	sms: Object.freeze(['send_sms', 'click_sms', 'uclick_sms', 'deliv_sms', 'undeliv_sms', 'unsub_sms']),
	push: Object.freeze(['uopen_push', 'open_push', 'send_push', 'click_push', 'uclick_push']),
});

/** @type {readonly string[]} */
const ALL_EVENT_TYPES = Object.freeze([
	...EVENT_TYPES.email,
	...EVENT_TYPES.profileImport,
	...EVENT_TYPES.sms,
	...EVENT_TYPES.push,
]);

/** Tracking events (§3.1): their event_data carries geo, client and link data. */
const TRACKING_EVENT_TYPES = Object.freeze([
	'uopen', 'open', 'uclick', 'click', 'confirm', 'confirmsub', 'unsub', 'read', 'glanced', 'skimmed',
	'uclick_sms', 'click_sms', 'unsub_sms', 'uopen_push', 'open_push', 'click_push', 'uclick_push',
]);

const CLICK_TYPES = new Set(['uclick', 'click', 'confirm', 'confirmsub', 'unsub', 'uclick_sms', 'click_sms', 'unsub_sms', 'click_push', 'uclick_push']);

/**
 * @typedef {Record<string, any>} ActionHookEvent
 * @typedef {{ seq?: number, accountId?: number, listId?: number, profiles?: number, isTest?: boolean,
 *   startDate?: string | Date, resourceId?: number, overrides?: Record<string, any> }} EventOptions
 *   seq: sequence number that makes ids and the date unique (default 0); profiles: how many distinct profiles the
 *   sequence cycles through (default 10); startDate: date of seq 0 (default 2024-05-01T10:00:00Z), +1.5 s per seq.
 * @typedef {{ name: string, value: string }} AuthHeader
 * @typedef {{ status: number, body: string, headers: import('node:http').IncomingHttpHeaders }} HttpReply
 * @typedef {{ method?: string, headers?: Record<string, string>, authHeader?: AuthHeader, contentType?: string | null,
 *   timeoutMs?: number }} PostOptions
 *   contentType null sends no Content-Type header.
 */

/** @param {string} text @param {number} length */
function hex(text, length) {
	return crypto.createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** @param {string} type */
function channelOf(type) {
	if (type.endsWith('_sms')) return 'sms';
	if (type.endsWith('_push')) return 'push';
	if (type.startsWith('import_')) return 'import';
	return 'email';
}

/**
 * RFC 3339 with nanoseconds, as Altcraft writes event_date (e.g. 2018-03-04T13:13:19.034315796Z).
 * @param {Date} date @param {number} nanosWithinMilli 0…999999
 */
function rfc3339Nano(date, nanosWithinMilli) {
	const iso = date.toISOString(); // 2024-05-01T10:00:00.123Z
	return `${iso.slice(0, 23)}${String(nanosWithinMilli % 1000000).padStart(6, '0')}Z`;
}

/**
 * One event of the given type with the documented fields (§3).
 * @param {string} type an event_type (any string; unknown types get delivery-style event_data)
 * @param {EventOptions} [options]
 * @returns {ActionHookEvent}
 */
function buildEvent(type, options = {}) {
	const seq = options.seq ?? 0;
	const profiles = Math.max(1, options.profiles ?? 10);
	const profileNo = seq % profiles;
	const email = `user${profileNo}@example.org`;
	const phone = `+7900${String(1000000 + profileNo).slice(-7)}`;
	const start = options.startDate ? new Date(options.startDate) : new Date('2024-05-01T10:00:00.000Z');
	const date = new Date(start.getTime() + seq * 1500);
	const channel = channelOf(type);
	const resourceId = options.resourceId ?? (channel === 'sms' ? 2 : channel === 'push' ? 4 : 1);
	const campaignId = 130 + (seq % 3);
	const messageId = 5 + (seq % 2);

	/** @type {ActionHookEvent} */
	let eventData;
	if (channel === 'import') {
		eventData = {};
	} else if (TRACKING_EVENT_TYPES.includes(type)) {
		eventData = {
			message_id: messageId,
			campaign_id: campaignId,
			segment_id: 0,
			resource_id: resourceId,
			ip: `203.0.113.${(seq % 250) + 1}`,
			country: '.ru',
			city: 'Moscow',
			region: 'Moscow',
			postal_code: '101000',
			tz: 'Europe/Moscow',
			lat: 55.7558,
			lon: 37.6173,
			user_agent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/125.0',
			os: 'Linux',
			browser: 'Firefox',
			device: channel === 'push' ? 'mobile' : 'web',
			launch_id: `launch-${campaignId}-${Math.floor(seq / 100)}`,
			send_message_id: hex(`smid:${campaignId}:${profileNo}`, 24),
		};
		if (CLICK_TYPES.has(type)) eventData.link_url = `https://shop.example.org/item/${seq % 7}`;
		if (channel === 'push') eventData.extra_uid = hex(`uid:${seq}`, 12);
	} else {
		eventData = {
			message_id: messageId,
			segment_id: 0,
			campaign_id: campaignId,
			launch_id: `launch-${campaignId}-${Math.floor(seq / 100)}`,
			send_message_id: hex(`smid:${campaignId}:${profileNo}`, 24),
		};
	}

	/** @type {ActionHookEvent} */
	const subscription =
		channel === 'sms'
			? { resource_id: resourceId, channel: 'sms', phone, priority: 0, status: 'subscribed', ccsub: {} }
			: channel === 'push'
				? {
						resource_id: resourceId,
						channel: 'push',
						provider: 'androidfirebase',
						subscription_id: hex(`push:${profileNo}`, 32),
						priority: 0,
						status: 'subscribed',
						ccsub: {},
					}
				: { resource_id: resourceId, channel: 'email', email, priority: 0, status: 'subscribed', ccsub: {} };

	/** @type {ActionHookEvent} */
	const event = {
		event_type: type,
		event_date: rfc3339Nano(date, (seq * 7919) % 1000000),
		account_id: options.accountId ?? 161,
		list_id: options.listId ?? 50,
		profile_id: hex(`profile:${profileNo}`, 24),
		_xxh: hex(`xxh:${email}`, 16),
		_md5: crypto.createHash('md5').update(email).digest('hex'),
		is_test: options.isTest ?? false,
		is_static: false,
		subscription_hash_id: hex(`sub:${channel}:${profileNo}`, 16),
		event_data: eventData,
		custom_data: { email },
		subscription: [subscription],
	};
	return { ...event, ...(options.overrides ?? {}) };
}

/**
 * `count` events, cycling through `types` (default: every documented type), seq numbers from `startSeq`.
 * @param {number} count
 * @param {EventOptions & { types?: readonly string[], startSeq?: number }} [options]
 */
function buildEvents(count, options = {}) {
	const types = options.types && options.types.length ? options.types : ALL_EVENT_TYPES;
	const startSeq = options.startSeq ?? 0;
	/** @type {ActionHookEvent[]} */
	const events = [];
	for (let i = 0; i < count; i++) {
		events.push(buildEvent(types[i % types.length], { ...options, seq: startSeq + i }));
	}
	return events;
}

/**
 * One event of every documented type.
 * @param {EventOptions} [options]
 */
function buildOneOfEach(options = {}) {
	return ALL_EVENT_TYPES.map((type, i) => buildEvent(type, { ...options, seq: (options.seq ?? 0) + i }));
}

/**
 * Cuts events into batches of at most `batchSize` ("Maximum batch size" of the hook).
 * @template T @param {T[]} events @param {number} batchSize @returns {T[][]}
 */
function toBatches(events, batchSize) {
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
	/** @type {T[][]} */
	const batches = [];
	for (let i = 0; i < events.length; i += batchSize) batches.push(events.slice(i, i + batchSize));
	return batches;
}

/**
 * One HTTP request the way the hook sends it. `body` is serialised with JSON.stringify unless it is a string or a
 * Buffer (to send malformed bodies on purpose).
 * @param {string} url @param {unknown} body @param {PostOptions} [options] @returns {Promise<HttpReply>}
 */
function post(url, body, options = {}) {
	const target = new URL(url);
	const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
	/** @type {Record<string, string>} */
	const headers = { 'User-Agent': 'Altcraft-ActionHooks-Emulator/1.0', ...(options.headers ?? {}) };
	const contentType = options.contentType === undefined ? 'application/json' : options.contentType;
	if (contentType !== null) headers['Content-Type'] = contentType;
	if (options.authHeader) headers[options.authHeader.name] = options.authHeader.value;
	const method = (options.method ?? 'POST').toUpperCase();
	const withBody = method !== 'GET' && method !== 'HEAD';
	if (withBody) headers['Content-Length'] = String(Buffer.byteLength(payload));
	const client = target.protocol === 'https:' ? https : http;

	return new Promise((resolve, reject) => {
		const request = client.request(target, { method, headers }, (response) => {
			/** @type {Buffer[]} */
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () =>
				resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: response.headers }),
			);
			response.on('error', reject);
		});
		request.setTimeout(options.timeoutMs ?? 30000, () => request.destroy(new Error(`No answer from ${url} in time`)));
		request.on('error', reject);
		if (withBody) request.write(payload);
		request.end();
	});
}

/**
 * POSTs one batch (a JSON array of events).
 * @param {string} url @param {ActionHookEvent[]} events @param {PostOptions} [options]
 */
function postBatch(url, events, options = {}) {
	return post(url, events, options);
}

/**
 * Delivers events as Altcraft does: cut into batches of `batchSize` (default 100), one POST per batch, one after
 * the other. Resolves with one reply per batch.
 * @param {string} url @param {ActionHookEvent[]} events
 * @param {PostOptions & { batchSize?: number }} [options]
 * @returns {Promise<Array<HttpReply & { events: number }>>}
 */
async function deliver(url, events, options = {}) {
	const { batchSize = 100, ...postOptions } = options;
	const replies = [];
	for (const batch of toBatches(events, batchSize)) {
		const reply = await postBatch(url, batch, postOptions);
		replies.push({ ...reply, events: batch.length });
	}
	return replies;
}

/**
 * Whether a reply counts as a successful delivery: "API response success message" is a regular expression the
 * reply must match; when it is empty, any HTTP 200 counts (§2). Whether a matching body with another status counts is
 * not documented; this helper requires HTTP 200 in both cases.
 * @param {HttpReply} reply @param {string} [successPattern]
 */
function isSuccess(reply, successPattern = '') {
	if (reply.status !== 200) return false;
	return successPattern === '' || new RegExp(successPattern).test(reply.body);
}

module.exports = {
	EVENT_TYPES,
	ALL_EVENT_TYPES,
	TRACKING_EVENT_TYPES,
	buildEvent,
	buildEvents,
	buildOneOfEach,
	toBatches,
	post,
	postBatch,
	deliver,
	isSuccess,
};
