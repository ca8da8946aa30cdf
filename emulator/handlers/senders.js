// @ts-check
'use strict';

/**
 * Senders (71-senders.md): `senders/list` (read-only; senders are seeded) and virtual senders `vsenders/list`,
 * `get`, `add`, `update` (unconfirmed path), `clone`, `delete`.
 *
 * Rules (`email_rules`, `sms_rules`): `{type, value, senders: [{sender_id, percent, from_email?, replyto_email?,
 * from_name?}]}`. Validation (450): `type` a non-empty string, `default` with an empty `value` and at most one per
 * list, other types with a non-empty `value`; `senders` non-empty, each an existing sender (404) of the list's
 * channel, `percent` 1–100, shares summing to 100, no sender twice; `from_email`/`replyto_email` only in e-mail
 * rules, and valid addresses.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { messagingOf } = require('../lib/messaging');
const { checkOptEmail, invalid } = require('../lib/sending');
const { pageById, readIntPaging } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/messaging').VirtualSender} VirtualSender
 * @typedef {import('../lib/messaging').Rule} Rule
 * @typedef {import('../lib/messaging').RuleSender} RuleSender
 */

/** @param {HandlerContext} ctx */
function sendersList(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const items = [...messagingOf(ctx.store).senders.values()].filter((s) => s.accountId === ctx.principal.accountId).sort((x, y) => x.id - y.id);
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return { data: page.map((s) => ({ channel: s.channel, id: s.id, name: s.name, type: s.type })), next_from_id, total_count };
}

/**
 * @param {HandlerContext} ctx
 * @param {Record<string, any>} b
 * @param {'email_rules' | 'sms_rules'} key
 * @param {boolean} required
 * @returns {Rule[] | undefined}
 */
function readRules(ctx, b, key, required) {
	const v = b[key];
	if (v === undefined || v === null) {
		if (required) throw new ApiError(400, `Parameter '${key}' is required (an array of rule objects, may be empty)`);
		return undefined;
	}
	if (!Array.isArray(v)) throw new ApiError(400, `Parameter '${key}' must be an array of rule objects`);
	const channel = key === 'email_rules' ? 'email' : 'sms';
	const ms = messagingOf(ctx.store);
	/** @type {Set<string>} */
	const seenRules = new Set();
	return v.map((r, i) => {
		const label = `${key}[${i}]`;
		if (!P.isPlainObject(r)) throw invalid(`${label} must be an object {type, value, senders}`);
		if (typeof r.type !== 'string' || r.type.trim() === '') throw invalid(`${label}.type is required (e.g. "default")`);
		const value = r.value ?? '';
		if (typeof value !== 'string') throw invalid(`${label}.value must be a string`);
		if (r.type === 'default' && value !== '') throw invalid(`${label}: a "default" rule has an empty value`);
		if (r.type !== 'default' && value.trim() === '') throw invalid(`${label}.value is required for a rule of type "${r.type}"`);
		const ruleKey = `${r.type}|${value.toLowerCase()}`;
		if (seenRules.has(ruleKey)) throw invalid(`${label}: ${r.type === 'default' ? 'only one "default" rule is allowed' : `the rule ${r.type} "${value}" is given twice`}`);
		seenRules.add(ruleKey);
		if (!Array.isArray(r.senders) || r.senders.length === 0) throw invalid(`${label}.senders must be a non-empty array`);
		/** @type {Set<number>} */
		const seen = new Set();
		let total = 0;
		/** @type {RuleSender[]} */
		const senders = r.senders.map((s, j) => {
			const sl = `${label}.senders[${j}]`;
			if (!P.isPlainObject(s)) throw invalid(`${sl} must be an object {sender_id, percent}`);
			if (!Number.isInteger(s.sender_id)) throw invalid(`${sl}.sender_id is required (an integer)`);
			const sender = ms.visibleSender(ctx.principal, s.sender_id);
			if (!sender) throw new ApiError(404, `Sender ${s.sender_id} not found (${sl}.sender_id)`);
			if (sender.channel !== channel) throw invalid(`${sl}: sender ${s.sender_id} is a ${sender.channel} sender, not ${channel}`);
			if (seen.has(s.sender_id)) throw invalid(`${sl}: sender ${s.sender_id} is given twice in the rule`);
			seen.add(s.sender_id);
			if (!Number.isInteger(s.percent) || s.percent < 1 || s.percent > 100) throw invalid(`${sl}.percent must be an integer from 1 to 100`);
			total += s.percent;
			/** @type {RuleSender} */
			const out = { sender_id: s.sender_id, percent: s.percent };
			for (const k of /** @type {const} */ (['from_email', 'replyto_email', 'from_name'])) {
				const x = s[k];
				if (x === undefined || x === null) continue;
				if (typeof x !== 'string') throw invalid(`${sl}.${k} must be a string`);
				if (k !== 'from_name') {
					if (channel !== 'email') throw invalid(`${sl}.${k} is only allowed in e-mail rules`);
					checkOptEmail(x, `${sl}.${k}`);
				}
				out[k] = x;
			}
			return out;
		});
		if (total !== 100) throw invalid(`${label}: the senders' percents add up to ${total}, not 100`);
		return { type: r.type, value, senders };
	});
}

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {VirtualSender}
 */
function requireVs(ctx, id) {
	const v = messagingOf(ctx.store).visibleVirtualSender(ctx.principal, id);
	if (!v) throw new ApiError(404, `Virtual sender ${id} not found`);
	return v;
}

/** @param {HandlerContext} ctx */
function vsList(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const items = [...messagingOf(ctx.store).virtualSenders.values()].filter((v) => v.accountId === ctx.principal.accountId).sort((x, y) => x.id - y.id);
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return {
		data: page.map((v) => ({ id: v.id, name: v.name, email_channel: v.email_rules.length > 0, sms_channel: v.sms_rules.length > 0 })),
		next_from_id,
		total_count,
	};
}

/** @param {HandlerContext} ctx */
function vsGet(ctx) {
	P.checkFormat(ctx.body);
	const v = requireVs(ctx, P.reqInt(ctx.body, 'id'));
	return { data: { id: v.id, name: v.name, email_rules: structuredClone(v.email_rules), sms_rules: structuredClone(v.sms_rules) } };
}

/** @param {HandlerContext} ctx */
function vsAdd(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const name = P.reqString(b, 'name');
	const email = /** @type {Rule[]} */ (readRules(ctx, b, 'email_rules', true));
	const sms = /** @type {Rule[]} */ (readRules(ctx, b, 'sms_rules', true));
	const ms = messagingOf(ctx.store);
	const v = { id: ms.nextId('virtualSender'), accountId: ctx.principal.accountId, name, email_rules: email, sms_rules: sms };
	ms.virtualSenders.set(v.id, v);
	ctx.ledger('vsender.add', null, null, { id: v.id, name });
	return { data: { saved_id: v.id } };
}

/** @param {HandlerContext} ctx */
function vsUpdate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const name = P.optString(b, 'name');
	if (name !== undefined && name.trim() === '') throw invalid("'name' must not be empty");
	const email = readRules(ctx, b, 'email_rules', false);
	const sms = readRules(ctx, b, 'sms_rules', false);
	const v = requireVs(ctx, id);
	if (name !== undefined) v.name = name;
	if (email) v.email_rules = email;
	if (sms) v.sms_rules = sms;
	ctx.ledger('vsender.update', null, null, { id, fields: Object.keys(b).filter((k) => k !== 'token' && k !== 'id') });
	return {};
}

/** @param {HandlerContext} ctx */
function vsClone(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const name = P.optString(b, 'name');
	if (name !== undefined && name.trim() === '') throw invalid("'name' must not be empty");
	const v = requireVs(ctx, id);
	const ms = messagingOf(ctx.store);
	const copy = { ...structuredClone(v), id: ms.nextId('virtualSender'), name: name ?? `Clone of ${v.name}` };
	ms.virtualSenders.set(copy.id, copy);
	ctx.ledger('vsender.clone', null, null, { id: copy.id, sourceId: id, name: copy.name });
	return { data: { saved_id: copy.id } };
}

/** @param {HandlerContext} ctx */
function vsDelete(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	requireVs(ctx, id);
	const ms = messagingOf(ctx.store);
	const user = [...ms.mailings.values()].find((m) => !m.is_deleted && m.virtual_sender_id === id);
	if (user) throw invalid(`virtual sender ${id} is used by mailing ${user.id}`);
	ms.virtualSenders.delete(id);
	ctx.ledger('vsender.delete', null, null, { id });
	return {};
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/senders/list': { modifying: false, handle: sendersList },
	'/api/v1.1/vsenders/list': { modifying: false, handle: vsList },
	'/api/v1.1/vsenders/get': { modifying: false, handle: vsGet },
	'/api/v1.1/vsenders/add': { modifying: true, handle: vsAdd },
	'/api/v1.1/vsenders/update': { modifying: true, handle: vsUpdate },
	'/api/v1.1/vsenders/clone': { modifying: true, handle: vsClone },
	'/api/v1.1/vsenders/delete': { modifying: true, handle: vsDelete },
};
