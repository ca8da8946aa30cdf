// @ts-check
'use strict';

/**
 * Subscriptions inside profile data (00-interaction.md §10.2–10.3): accepts the flat form
 * (`{resource_id, channel, email}`) and the nested form (`email_data` / `phone_data` / `push_data` / `cc_data`),
 * and stores/returns the nested read form (channel, resource_id, status as a word, priority, email_data{...},
 * custom_fields, cats, hash_id, is_delete, reg_info, resource_name).
 */

const crypto = require('node:crypto');
const { ApiError } = require('./errors');
const { isPlainObject } = require('./params');
const { isEmail, isPhone, normEmail, normPhone } = require('./fields');
const { subContactKey } = require('../store');
const { copyData } = require('./copy');

/**
 * Hex MD5 of a string (one-shot `crypto.hash` where Node has it: no Hash object per call).
 * @type {(s: string) => string}
 */
const md5 = typeof crypto.hash === 'function'
	? (s) => crypto.hash('md5', s, 'hex')
	: (s) => crypto.createHash('md5').update(s).digest('hex');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Principal} Principal
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Resource} Resource
 * @typedef {import('../store').Subscription} Subscription
 * @typedef {{ action: 'set', value: any } | { action: 'unset' } | { action: 'incr', value: number }} SubFieldOp
 * @typedef {{ email_data?: { email: string, domain: string, domain_group: string },
 *   phone_data?: { phone: string }, push_data?: { provider: string, subscription_id: string },
 *   cc_data?: Record<string, any> }} SubContact  the contact part of a subscription as sent; the e-mail MD5 of
 *   `email_data` is only computed when a new subscription is stored (it is the MD5 of `contactKey`)
 * @typedef {{ index: number, resource: Resource, channel: string, contactKey: string, contact: SubContact,
 *   status?: string, priority?: number, fieldOps: Array<[string, SubFieldOp]>, cats?: string[] }} SubInput
 */

const STATUS_WORDS = ['subscribed', 'unsubscribed', 'complained', 'hardbounced', 'unconfirmed', 'suspended', 'invalid'];

/**
 * Status as word or number → word; `-1` → undefined (keep); anything else → null (invalid).
 * @param {unknown} v
 * @returns {string | undefined | null}
 */
function parseStatus(v) {
	if (v === -1 || v === '-1') return undefined;
	if (Number.isInteger(v) && /** @type {number} */ (v) >= 0 && /** @type {number} */ (v) < STATUS_WORDS.length) {
		return STATUS_WORDS[/** @type {number} */ (v)];
	}
	if (typeof v === 'string') {
		const s = v.trim().toLowerCase();
		if (STATUS_WORDS.includes(s)) return s;
		if (/^\d$/.test(s) && Number(s) < STATUS_WORDS.length) return STATUS_WORDS[Number(s)];
	}
	return null;
}

/**
 * Where a subscription came from: its index in `data.subscriptions`, or a label (e.g. "subscription" for the
 * top-level subscription of the subscriptions/* calls).
 * @param {number | string} i
 */
function subLabel(i) {
	return typeof i === 'number' ? `subscriptions[${i}]` : i;
}

/**
 * @param {number | string} i
 * @param {string} what
 */
function subError(i, what) {
	return new ApiError(450, `Validation error: ${subLabel(i)} ${what}`);
}

/**
 * Validate one input subscription against the database and the token's visibility zone.
 * Unknown (or invisible) resource → 404; resource not linked to the database → 413; anything else invalid → 450.
 * @param {Store} store
 * @param {Principal} principal
 * @param {DbState} db
 * @param {unknown} raw
 * @param {number | string} i  index in data.subscriptions, or a label
 * @returns {SubInput}
 */
function parseSubscription(store, principal, db, raw, i) {
	if (!isPlainObject(raw)) throw subError(i, 'must be an object');
	const rid = raw.resource_id;
	if (rid === undefined || rid === null) throw subError(i, "needs 'resource_id'");
	if (!Number.isInteger(rid)) throw subError(i, "'resource_id' must be an integer");
	const resource = store.visibleResource(principal, rid);
	if (!resource) throw new ApiError(404, `Resource ${rid} not found (${subLabel(i)})`);
	if (!resource.dbs_ids.includes(db.info.id)) {
		throw new ApiError(413, `Database ${db.info.id} is not available in resource ${rid} (${subLabel(i)})`);
	}
	const channel = raw.channel;
	if (channel === undefined || channel === null || channel === '') throw subError(i, "needs 'channel'");
	if (typeof channel !== 'string') throw subError(i, "'channel' must be a string");
	if (!resource.channels.includes(channel)) {
		throw subError(i, `channel '${channel}' is not enabled in resource ${rid} (channels: ${resource.channels.join(', ')})`);
	}

	/** @type {SubInput['contact']} */
	let contact;
	let contactKey;
	const ed = isPlainObject(raw.email_data) ? raw.email_data : {};
	const pd = isPlainObject(raw.phone_data) ? raw.phone_data : {};
	const pu = isPlainObject(raw.push_data) ? raw.push_data : {};
	if (channel === 'email') {
		const email = ed.email ?? raw.email;
		if (typeof email !== 'string' || !isEmail(email.trim())) throw subError(i, "needs a valid 'email' (or email_data.email) for channel email");
		const e = email.trim();
		const domain = e.split('@')[1].toLowerCase();
		contact = { email_data: { email: e, domain, domain_group: domain.split('.')[0] } };
		contactKey = normEmail(e);
	} else if (channel === 'sms') {
		const phone = pd.phone ?? raw.phone;
		if (typeof phone !== 'string' || !isPhone(phone)) throw subError(i, "needs a valid 'phone' (or phone_data.phone) for channel sms");
		contact = { phone_data: { phone } };
		contactKey = normPhone(phone);
	} else if (channel === 'push') {
		const provider = pu.provider ?? raw.provider;
		const sid = pu.subscription_id ?? raw.subscription_id;
		if (typeof provider !== 'string' || provider === '' || typeof sid !== 'string' || sid === '') {
			throw subError(i, "needs 'provider' and 'subscription_id' (or push_data{provider, subscription_id}) for channel push");
		}
		contact = { push_data: { provider, subscription_id: sid } };
		contactKey = `${provider}|${sid}`;
	} else {
		const cc = raw.cc_data;
		if (!isPlainObject(cc)) throw subError(i, `needs 'cc_data' for channel ${channel}`);
		if (channel === 'telegram_bot') {
			if (typeof cc.id !== 'string' && !Number.isInteger(cc.id)) throw subError(i, "needs cc_data.id (chat id) for channel telegram_bot");
			contactKey = `id:${cc.id}`;
		} else if (['whatsapp', 'viber', 'notify'].includes(channel)) {
			if (typeof cc.phone !== 'string' || !isPhone(cc.phone)) throw subError(i, `needs a valid cc_data.phone for channel ${channel}`);
			contactKey = `phone:${normPhone(cc.phone)}`;
		} else {
			contactKey = cc.id !== undefined ? `id:${cc.id}` : JSON.stringify(cc);
		}
		contact = { cc_data: copyData(cc) };
	}

	/** @type {SubInput} */
	const out = { index: typeof i === 'number' ? i : 0, resource, channel, contactKey, contact, fieldOps: [] };
	if (raw.status !== undefined && raw.status !== null) {
		const st = parseStatus(raw.status);
		if (st === null) throw subError(i, `has an unknown status ${JSON.stringify(raw.status)} (use ${STATUS_WORDS.join(', ')} or 0-6)`);
		if (st !== undefined) out.status = st;
	}
	if (raw.priority !== undefined && raw.priority !== null) {
		if (!Number.isInteger(raw.priority) || raw.priority < -1) throw subError(i, "'priority' must be an integer >= 0");
		if (raw.priority !== -1) out.priority = raw.priority;
	}
	if (raw.custom_fields !== undefined && raw.custom_fields !== null) {
		if (!isPlainObject(raw.custom_fields)) throw subError(i, "'custom_fields' must be an object");
		const defs = resource.fields[channel] || [];
		for (const [name, value] of Object.entries(raw.custom_fields)) {
			const def = defs.find((d) => d.name === name);
			if (!def) throw subError(i, `custom field '${name}' is not defined for resource ${rid}, channel ${channel}`);
			out.fieldOps.push([name, parseSubFieldOp(def.type, value, i, name)]);
		}
	}
	if (raw.cats !== undefined && raw.cats !== null) {
		if (!Array.isArray(raw.cats) || !raw.cats.every((c) => typeof c === 'string')) throw subError(i, "'cats' must be an array of strings");
		const unknown = raw.cats.filter((c) => !resource.categories.includes(c));
		if (unknown.length) throw subError(i, `unknown categories of resource ${rid}: ${unknown.join(', ')}`);
		out.cats = Array.from(new Set(raw.cats));
	}
	return out;
}

/**
 * @param {string} type
 * @param {unknown} v
 * @returns {boolean}
 */
function subValueOk(type, v) {
	if (type === 'int') return Number.isInteger(v);
	if (type === 'float') return typeof v === 'number' && Number.isFinite(v);
	if (type === 'bool') return typeof v === 'boolean';
	return typeof v === 'string';
}

/**
 * @param {string} type
 * @param {unknown} v
 * @param {number | string} i
 * @param {string} name
 * @returns {SubFieldOp}
 */
function parseSubFieldOp(type, v, i, name) {
	if (v === null) return { action: 'unset' };
	if (isPlainObject(v) && typeof v.action === 'string') {
		if (v.action === 'unset') return { action: 'unset' };
		if (v.action === 'set') {
			if (!subValueOk(type, v.value)) throw subError(i, `custom field '${name}' must be of type ${type}`);
			return { action: 'set', value: v.value };
		}
		if (v.action === 'incr') {
			if (type !== 'int' && type !== 'float') throw subError(i, `custom field '${name}': 'incr' is only allowed for numeric fields`);
			if (!subValueOk(type, v.value)) throw subError(i, `custom field '${name}': 'incr' needs a ${type} value`);
			return { action: 'incr', value: v.value };
		}
		throw subError(i, `custom field '${name}': unknown function '${v.action}' (allowed: set, unset, incr)`);
	}
	if (!subValueOk(type, v)) throw subError(i, `custom field '${name}' must be of type ${type}`);
	return { action: 'set', value: v };
}

/**
 * @param {Record<string, any>} fields
 * @param {Array<[string, SubFieldOp]>} ops
 * @returns {Record<string, any>}
 */
function applySubFieldOps(fields, ops) {
	const out = { ...fields };
	for (const [name, op] of ops) {
		if (op.action === 'unset') delete out[name];
		else if (op.action === 'incr') out[name] = (typeof out[name] === 'number' ? out[name] : 0) + op.value;
		else out[name] = op.value;
	}
	return out;
}

/**
 * Merge input subscriptions into a profile's stored ones: same resource + channel + contact updates the existing
 * subscription (only what was sent); anything else is appended as a new one (status subscribed, priority 0 unless sent).
 * @param {Subscription[]} existing
 * @param {SubInput[]} inputs
 * @param {string} now
 * @param {string} ip
 * @returns {Subscription[]}
 */
function mergeSubscriptions(existing, inputs, now, ip) {
	if (inputs.length === 0) return existing;
	const out = existing.slice();
	for (const inp of inputs) {
		const rid = inp.resource.id;
		const at = out.findIndex((s) => s.resource_id === rid && s.channel === inp.channel && subContactKey(s) === inp.contactKey);
		if (at >= 0) {
			const s = copyData(out[at]);
			if (inp.status !== undefined) s.status = inp.status;
			if (inp.priority !== undefined) s.priority = inp.priority;
			if (inp.fieldOps.length) s.custom_fields = applySubFieldOps(s.custom_fields, inp.fieldOps);
			if (inp.cats !== undefined) s.cats = inp.cats.slice();
			s.is_delete = false;
			out[at] = s;
		} else {
			// built key by key in the order of the read form (channel … priority, the contact, custom_fields … reg_info)
			const s = /** @type {Subscription} */ (/** @type {unknown} */ ({
				channel: inp.channel,
				resource_id: rid,
				resource_name: inp.resource.name,
				status: inp.status ?? 'subscribed',
				priority: inp.priority ?? 0,
			}));
			// the contact part as sent (one of the *_data objects), copied so that the stored subscription owns it
			const c = inp.contact;
			if (c.email_data) {
				const ed = c.email_data;
				s.email_data = { email: ed.email, domain: ed.domain, domain_group: ed.domain_group, md5: md5(inp.contactKey) };
			} else if (c.phone_data) {
				s.phone_data = { phone: c.phone_data.phone };
			} else if (c.push_data) {
				s.push_data = { provider: c.push_data.provider, subscription_id: c.push_data.subscription_id };
			} else if (c.cc_data) {
				s.cc_data = copyData(c.cc_data);
			}
			s.custom_fields = applySubFieldOps({}, inp.fieldOps);
			s.cats = inp.cats ? inp.cats.slice() : [];
			s.hash_id = md5(`${rid}|${inp.channel}|${inp.contactKey}`);
			s.is_delete = false;
			s.reg_info = { date: now, ip };
			out.push(s);
		}
	}
	return out;
}

/**
 * The form the subscriptions/* and history calls return: flat contact fields (`email` / `phone` /
 * `provider` + `subscription_id` / `cc_data`) instead of the `*_data` objects of profiles/get.
 * @param {Subscription} s
 * @returns {Record<string, any>}
 */
function toFlatSubscription(s) {
	/** @type {Record<string, any>} */
	const out = { resource_id: s.resource_id, resource_name: s.resource_name, channel: s.channel };
	if (s.email_data) out.email = s.email_data.email;
	if (s.phone_data) out.phone = s.phone_data.phone;
	if (s.push_data) {
		out.provider = s.push_data.provider;
		out.subscription_id = s.push_data.subscription_id;
	}
	if (s.cc_data) out.cc_data = copyData(s.cc_data);
	out.priority = s.priority;
	out.status = s.status;
	out.custom_fields = copyData(s.custom_fields);
	out.cats = s.cats.slice();
	out.is_delete = s.is_delete;
	return out;
}

module.exports = { STATUS_WORDS, parseStatus, parseSubscription, mergeSubscriptions, toFlatSubscription };
