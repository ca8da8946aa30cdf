// @ts-check
'use strict';

/**
 * Sending messages (41-campaigns.md "Shared concepts", 42-automation.md): the per-message parameters (`content`,
 * `custom_data`, `attach`, `subscription_filter`, `timeout`), the checks that a mailing can send, the choice of the
 * profile's subscriptions a message goes to, the delivery itself (a SendRecord in the sends ledger, a ledger entry,
 * an action-history event, a registered send message id for `profiles/message_unsub` and `webver/get`, a line of
 * the mailing log) and a run of a broadcast/regular mailing over its audience.
 */

const crypto = require('node:crypto');
const { ApiError } = require('./errors');
const P = require('./params');
const { isEmail } = require('./fields');
const { recordEvent } = require('./history');
const { prepareData } = require('./profile-write');
const { mergeSubscriptions } = require('./subscriptions');
const { resolveOne } = require('./matching');
const { segmentProfiles } = require('./segments');

/**
 * @typedef {import('../handlers/common').HandlerContext} HandlerContext
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Subscription} Subscription
 * @typedef {import('../store').Resource} Resource
 * @typedef {import('../store').SuppressionList} SuppressionList
 * @typedef {import('./matching').Ident} Ident
 * @typedef {import('./messaging').Messaging} Messaging
 * @typedef {import('./messaging').Mailing} Mailing
 * @typedef {import('./messaging').Template} Template
 * @typedef {import('./messaging').Message} Message
 * @typedef {import('./messaging').Attachment} Attachment
 * @typedef {import('./messaging').SendRecord} SendRecord
 * @typedef {{ email?: string, phone?: string, subscription_id?: string, provider?: string, not_strict: boolean }} SubscriptionFilter
 * @typedef {{ resource: Resource, template: Template, message: Message }} SendSetup
 */

/** @param {string} what */
function invalid(what) {
	return new ApiError(450, `Validation error: ${what}`);
}

// ------------------------------------------------------------------ parameters

/**
 * `content` (object, optional): the `{apicontent.*}` data.
 * @param {Record<string, any>} b
 * @returns {Record<string, any>}
 */
function readContent(b) {
	return P.optObject(b, 'content') ?? {};
}

/**
 * `custom_data` (object, optional): data for Action hooks.
 * @param {Record<string, any>} b
 * @returns {Record<string, any> | null}
 */
function readCustomData(b) {
	return P.optObject(b, 'custom_data') ?? null;
}

const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URI_RE = /^data:([a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+)?((?:;[a-z0-9_.+-]+=[^;,]*)*);base64,(.*)$/is;
const MIME_RE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

/**
 * A base64 data URI (`data:text/csv;base64,SEVMTE8K`): its media type (default `application/octet-stream`) and bytes,
 * or null when the string is not one.
 * @param {string} s
 * @returns {{ mimetype: string, data: Buffer } | null}
 */
function parseDataUri(s) {
	const m = DATA_URI_RE.exec(s);
	if (!m) return null;
	const b64 = m[3].replace(/\s+/g, '');
	if (!BASE64_RE.test(b64) || b64.length % 4 !== 0) return null;
	return { mimetype: (m[1] || 'application/octet-stream').toLowerCase(), data: Buffer.from(b64, 'base64') };
}

/**
 * `attach` (array of File objects, optional). A File object is `{name, data}` (base64 data URI) or `{name, file_key}`
 * (an id answered by file_upload), with an optional `mimetype`. Not an array → 400; a malformed element → 450; an
 * unknown `file_key` → 404.
 * @param {HandlerContext} ctx
 * @param {Messaging} ms
 * @param {Record<string, any>} b
 * @returns {Attachment[]}
 */
function readAttach(ctx, ms, b) {
	const v = b.attach;
	if (v === undefined || v === null) return [];
	if (!Array.isArray(v)) throw new ApiError(400, "Parameter 'attach' must be an array of File objects");
	return v.map((el, i) => {
		const label = `attach[${i}]`;
		if (!P.isPlainObject(el)) throw invalid(`${label} must be an object {name, data} or {name, file_key}`);
		if (typeof el.name !== 'string' || el.name.trim() === '') throw invalid(`${label}.name is required (the file name, a non-empty string)`);
		if (el.mimetype !== undefined && el.mimetype !== null && (typeof el.mimetype !== 'string' || !MIME_RE.test(el.mimetype))) {
			throw invalid(`${label}.mimetype must be a media type such as "text/csv"`);
		}
		const hasData = el.data !== undefined && el.data !== null && el.data !== '';
		const hasKey = el.file_key !== undefined && el.file_key !== null && el.file_key !== '';
		if (hasData && hasKey) throw invalid(`${label}: give either 'data' or 'file_key', not both`);
		if (!hasData && !hasKey) throw invalid(`${label} needs 'data' (a base64 data URI) or 'file_key' (an uploaded file)`);
		if (hasData) {
			if (typeof el.data !== 'string') throw invalid(`${label}.data must be a string (a base64 data URI)`);
			const parsed = parseDataUri(el.data);
			if (!parsed) throw invalid(`${label}.data must be a base64 data URI such as "data:text/plain;base64,SEVMTE8K"`);
			return { name: el.name, mimetype: el.mimetype || parsed.mimetype, size: parsed.data.length };
		}
		if (typeof el.file_key !== 'string') throw invalid(`${label}.file_key must be a string (the id answered by file_upload)`);
		const f = ms.files.get(el.file_key);
		if (!f || f.accountId !== ctx.principal.accountId) throw new ApiError(404, `Uploaded file '${el.file_key}' not found (${label}.file_key)`);
		return { name: el.name, mimetype: el.mimetype || f.mimetype, size: f.size, file_key: f.id };
	});
}

/**
 * `timeout` `{days, hours, minutes}` (import_and_start family): the delay before the send, in minutes.
 * @param {Record<string, any>} b
 * @returns {number}
 */
function readTimeout(b) {
	const t = P.optObject(b, 'timeout');
	if (!t) return 0;
	let minutes = 0;
	for (const [k, mult] of /** @type {Array<[string, number]>} */ ([['days', 1440], ['hours', 60], ['minutes', 1]])) {
		const v = t[k];
		if (v === undefined || v === null) continue;
		if (!Number.isInteger(v) || v < 0) throw invalid(`timeout.${k} must be a non-negative integer`);
		minutes += v * mult;
	}
	return minutes;
}

/**
 * `subscription_filter` (optional object): `email`, `phone`, or `subscription_id` (+ `provider`) of the subscription
 * that gets the message, and `not_strict` (default false).
 * @param {Record<string, any>} b
 * @returns {SubscriptionFilter | null}
 */
function readSubscriptionFilter(b) {
	const f = P.optObject(b, 'subscription_filter');
	if (!f) return null;
	/** @type {SubscriptionFilter} */
	const out = { not_strict: false };
	for (const k of /** @type {const} */ (['email', 'phone', 'subscription_id', 'provider'])) {
		const v = f[k];
		if (v === undefined || v === null || v === '') continue;
		if (typeof v !== 'string') throw invalid(`subscription_filter.${k} must be a string`);
		out[k] = v;
	}
	if (f.not_strict !== undefined && f.not_strict !== null) {
		if (typeof f.not_strict !== 'boolean') throw invalid('subscription_filter.not_strict must be a boolean');
		out.not_strict = f.not_strict;
	}
	if (out.email === undefined && out.phone === undefined && out.subscription_id === undefined) {
		throw invalid('subscription_filter needs email, phone or subscription_id');
	}
	return out;
}

/**
 * The filter must name the contact of the mailing's channel (450 otherwise).
 * @param {SubscriptionFilter | null} f
 * @param {string} channel
 */
function checkFilterChannel(f, channel) {
	if (!f) return;
	const need = channel === 'email' ? 'email' : channel === 'sms' ? 'phone' : 'subscription_id';
	if (f[need] === undefined) throw invalid(`subscription_filter.${need} is required for a mailing of channel ${channel}`);
}

// ------------------------------------------------------------------ can the mailing send?

/**
 * The mailing's resource and the template of its (first) message, checked for sending: a resource is set (450), the
 * template still exists (450), is not a draft (450) and has content for the mailing's channel (450).
 * @param {HandlerContext} ctx
 * @param {Messaging} ms
 * @param {Mailing} m
 * @returns {SendSetup}
 */
function sendSetup(ctx, ms, m) {
	if (!m.resource_id) throw invalid(`mailing ${m.id} has no resource (resource_id) to send through`);
	const resource = ctx.store.visibleResource(ctx.principal, m.resource_id);
	if (!resource) throw new ApiError(404, `Resource ${m.resource_id} of mailing ${m.id} not found`);
	const message = m.content[0];
	if (!message) throw invalid(`mailing ${m.id} has no content`);
	const template = ms.visibleTemplate(ctx.principal, message.message_id);
	if (!template) throw invalid(`template ${message.message_id} of mailing ${m.id} no longer exists`);
	if (template.is_draft) throw invalid(`template ${template.id} of mailing ${m.id} is a draft and cannot be sent`);
	if (!template.channels.some((c) => c.sid === m.send_channel)) {
		throw invalid(`template ${template.id} has no content for channel ${m.send_channel}`);
	}
	return { resource, template, message };
}

// ------------------------------------------------------------------ recipients

/**
 * @param {Store} store
 * @param {SuppressionList[]} lists
 * @param {Subscription} s
 */
function suppressed(store, lists, s) {
	/** @type {{ email?: string, phone?: string }} */
	const contact = {};
	if (s.email_data) contact.email = s.email_data.email;
	else if (s.phone_data) contact.phone = s.phone_data.phone;
	else return false;
	return lists.some((l) => {
		const r = store.suppressMatch(l, contact);
		return r.email_matched || r.domain_matched || r.phone_matched;
	});
}

/**
 * @param {Subscription} s
 * @param {SubscriptionFilter} f
 */
function fitsFilter(s, f) {
	if (s.email_data) return f.email !== undefined && s.email_data.email.trim().toLowerCase() === f.email.trim().toLowerCase();
	if (s.phone_data) return f.phone !== undefined && s.phone_data.phone.replace(/\D/g, '') === f.phone.replace(/\D/g, '');
	if (s.push_data) {
		return f.subscription_id !== undefined && s.push_data.subscription_id === f.subscription_id && (f.provider === undefined || f.provider === s.push_data.provider);
	}
	return false;
}

/**
 * The subscriptions of a profile that a message of the mailing goes to: not deleted, to the mailing's resource and
 * channel, status `subscribed` (also `unconfirmed` for a `for_confirm` mailing; any status with
 * `unconditional_sending`), contact not blocked by the suppression lists of the database or of the template. With a
 * `subscription_filter` only the subscription it names (`not_strict`: the normal choice when it is not found). E-mail
 * and SMS: one subscription (lowest priority value first); push: all (`fanout`) or the newest (`last`).
 * @param {Store} store
 * @param {DbState} db
 * @param {Subscription[]} subscriptions
 * @param {Mailing} m
 * @param {Template} template
 * @param {SubscriptionFilter | null} filter
 * @returns {Subscription[]}
 */
function pickSubscriptions(store, db, subscriptions, m, template, filter) {
	const lists = store.suppressionListsFor(db).slice();
	if (template.suppress_id) {
		const l = store.suppressionLists.get(template.suppress_id);
		if (l && !lists.includes(l)) lists.push(l);
	}
	const cand = subscriptions.filter(
		(s) =>
			!s.is_delete &&
			s.resource_id === m.resource_id &&
			s.channel === m.send_channel &&
			(m.unconditional_sending || s.status === 'subscribed' || (m.for_confirm && s.status === 'unconfirmed')) &&
			!suppressed(store, lists, s),
	);
	let chosen = cand;
	if (filter) {
		const narrowed = cand.filter((s) => fitsFilter(s, filter));
		chosen = narrowed.length ? narrowed : filter.not_strict ? cand : [];
	}
	if (chosen.length <= 1) return chosen;
	if (m.send_channel === 'push') {
		if (m.push_sending_mode !== 'last') return chosen;
		let newest = chosen[0];
		for (const s of chosen) if (s.reg_info.date >= newest.reg_info.date) newest = s;
		return [newest];
	}
	let best = chosen[0];
	for (const s of chosen) if (s.priority < best.priority) best = s;
	return [best];
}

/**
 * The answer to a single launch for a profile without a sendable subscription: 404 (the subscription is the object
 * that is not found).
 * @param {Mailing} m
 * @param {string | null} profileId  null: the profile an import would create
 */
function noSubscriptionError(m, profileId) {
	return new ApiError(
		404,
		`${profileId ? `Profile ${profileId}` : 'The profile'} has no subscription that can receive mailing ${m.id} (resource ${m.resource_id}, channel ${m.send_channel}: not deleted, status subscribed, not suppressed)`,
	);
}

/**
 * The subscriptions an imported profile would have after the import (without applying it), so that a trigger
 * launch can be refused before anything changes. Also runs the validation of the data (400/404/413/450) and of the
 * matching (404 for profile_id, 435).
 * @param {HandlerContext} ctx
 * @param {DbState} db
 * @param {{ matching: string, ident: Ident, data: Record<string, any>, resourceId?: number, skipInvalidSubs?: boolean }} p
 * @returns {Subscription[]}
 */
function plannedSubscriptions(ctx, db, p) {
	const prepared = prepareData(ctx, db, p.data, Boolean(p.skipInvalidSubs));
	const target = resolveOne(ctx.store, db, p.matching, p.ident, p.resourceId);
	if (!target && p.matching === 'profile_id') throw new ApiError(404, `Profile not found in database ${db.info.id} (matching 'profile_id')`);
	const regIp = typeof p.data._regip === 'string' ? p.data._regip : typeof p.data._ip === 'string' ? p.data._ip : '';
	return mergeSubscriptions(target ? target.subscriptions : [], prepared.subs, ctx.now, regIp);
}

// ------------------------------------------------------------------ rendering

/**
 * Replace `{apicontent.<key>}` (dot paths allowed) with the value from `content`; an unknown key becomes ''.
 * @param {unknown} text
 * @param {Record<string, any>} content
 * @returns {string}
 */
function render(text, content) {
	if (typeof text !== 'string') return '';
	return text.replace(/\{apicontent\.([A-Za-z0-9_.-]+)\}/g, (_, path) => {
		/** @type {any} */
		let v = content;
		for (const part of String(path).split('.')) v = v !== null && typeof v === 'object' ? v[part] : undefined;
		if (v === undefined || v === null) return '';
		return typeof v === 'object' ? JSON.stringify(v) : String(v);
	});
}

/**
 * The message as sent: the template's content for the channel, with the mailing's overrides (subject, sender) and
 * the `{apicontent.*}` variables replaced.
 * @param {Template} template
 * @param {Message} message
 * @param {string} channel
 * @param {Record<string, any>} content
 * @returns {Record<string, any>}
 */
function renderMessage(template, message, channel, content) {
	const ch = template.channels.find((c) => c.sid === channel);
	const f = ch ? ch.fields : {};
	if (channel === 'email') {
		/** @type {Record<string, any>} */
		const out = {
			subject: render(message.subject || f.subject || '', content),
			from_email: message.from_email || f.from_email || '',
			from_name: message.from_name || f.from_name || '',
			replyto_email: message.replyto_email || f.replyto_email || '',
			replyto_name: message.replyto_name || f.replyto_name || '',
			html: render(f.html || '', content),
			text: render(f.text || '', content),
		};
		if (f.is_amp) out.amp = render(f.amp || '', content);
		return out;
	}
	/** @type {Record<string, any>} */
	const out = {};
	for (const [k, v] of Object.entries(f)) out[k] = typeof v === 'string' ? render(v, content) : v;
	return out;
}

// ------------------------------------------------------------------ delivery

/**
 * @param {Subscription} s
 * @returns {Record<string, string>}
 */
function contactOf(s) {
	if (s.email_data) return { email: s.email_data.email };
	if (s.phone_data) return { phone: s.phone_data.phone };
	if (s.push_data) return { provider: s.push_data.provider, subscription_id: s.push_data.subscription_id };
	return {};
}

/** History action of a send, per channel (the send event names of the Action hooks). */
/** @type {Record<string, string>} */
const SEND_ACTION = { email: 'send', sms: 'send_sms', push: 'send_push' };

/**
 * Send one message of the mailing to each of the given subscriptions of the profile.
 * @param {HandlerContext} ctx
 * @param {Messaging} ms
 * @param {{ kind: 'trigger' | 'mailing', mailing: Mailing, setup: SendSetup, profile: Profile, subs: Subscription[],
 *   content: Record<string, any>, customData: Record<string, any> | null, files: Attachment[], delayMinutes?: number,
 *   skipTriggers?: boolean }} spec
 * @returns {SendRecord[]}
 */
function deliver(ctx, ms, spec) {
	const { mailing: m, setup, profile: p } = spec;
	const delay = (spec.delayMinutes || 0) + (m.skip_minutes || 0);
	const sendAt = new Date(Date.parse(ctx.now) + delay * 60000).toISOString();
	/** @type {SendRecord[]} */
	const out = [];
	for (const s of spec.subs) {
		const smid = `emu${crypto.randomBytes(16).toString('base64url')}`;
		const to = contactOf(s);
		/** @type {SendRecord} */
		const rec = {
			seq: ms.sends.length + 1,
			smid,
			accountId: m.accountId,
			kind: spec.kind,
			path: ctx.path,
			requestId: ctx.requestId,
			mailingId: m.id,
			mailingType: m.type,
			triggerId: m.type === 'trigger' ? m.id : null,
			profileId: p.id,
			dbId: p.dbId,
			resourceId: m.resource_id,
			channel: m.send_channel,
			to,
			templateId: setup.template.id,
			message: renderMessage(setup.template, setup.message, m.send_channel, spec.content),
			content: structuredClone(spec.content),
			customData: spec.customData ? structuredClone(spec.customData) : null,
			attachments: spec.files.map((f) => f.name),
			files: spec.files.map((f) => ({ ...f })),
			skipTriggers: Boolean(spec.skipTriggers),
			sendAt,
			at: ctx.now,
		};
		ms.sends.push(rec);
		ms.sendsBySmid.set(smid, rec);
		ctx.store.sentMessages.set(smid, { smid, dbId: p.dbId, profileId: p.id, resourceId: m.resource_id, channel: m.send_channel });
		recordEvent(ctx.store, p, {
			action: SEND_ACTION[m.send_channel] || 'send',
			datetime: ctx.now,
			sub: s,
			smid,
			messageId: setup.template.id,
			campaignId: m.id,
			campaignName: m.name,
			messageName: setup.template.name,
		});
		ctx.ledger(
			spec.kind === 'trigger' ? 'trigger.send' : 'mailing.send',
			p.dbId,
			p.id,
			{
				mailingId: m.id,
				smid,
				channel: m.send_channel,
				resourceId: m.resource_id,
				templateId: setup.template.id,
				to,
				content: rec.content,
				customData: rec.customData,
				attachments: rec.attachments,
				sendAt,
			},
			{ skipTriggers: Boolean(spec.skipTriggers) },
		);
		ms.log(m, 'INFO', `Message ${smid} sent to ${Object.values(to).join(' ')} (profile ${p.id})`, ctx.now);
		out.push(rec);
	}
	return out;
}

// ------------------------------------------------------------------ runs of broadcast / regular mailings

/**
 * Send a broadcast/regular (or split-test) mailing to its audience — the mailing's `data_type`/`data_id` or the
 * override — once per profile, at most `limit` messages (0 = no cap). Profiles without a sendable subscription are
 * skipped (a WARN line in the mailing log). One ledger entry `mailing.run` per run plus one `mailing.send` per message.
 * @param {HandlerContext} ctx
 * @param {Messaging} ms
 * @param {Mailing} m
 * @param {SendSetup} setup
 * @param {{ sourceType: string, sourceId: number, limit: number, content: Record<string, any>, files: Attachment[] }} run
 * @returns {{ audience: number, sent: number }}
 */
function runMailing(ctx, ms, m, setup, run) {
	/** @type {Profile[]} */
	let profiles = [];
	if (run.sourceType === 'list') {
		const db = ctx.store.databases.get(run.sourceId);
		profiles = db ? db.order.slice() : [];
	} else if (run.sourceType === 'segment') {
		const seg = ctx.store.segments.get(run.sourceId);
		profiles = seg ? segmentProfiles(ctx.store, seg) : [];
	}
	ms.log(m, 'INFO', `Run started: ${run.sourceType} ${run.sourceId}, ${profiles.length} profiles${run.limit ? `, limit ${run.limit}` : ''}`, ctx.now);
	let sent = 0;
	for (const p of profiles) {
		if (run.limit && sent >= run.limit) break;
		const db = /** @type {DbState} */ (ctx.store.databases.get(p.dbId));
		if (!setup.resource.dbs_ids.includes(p.dbId)) continue;
		let subs = pickSubscriptions(ctx.store, db, p.subscriptions, m, setup.template, null);
		if (subs.length === 0) {
			ms.log(m, 'WARN', `Profile ${p.id} skipped: no subscription to resource ${m.resource_id} (${m.send_channel}) that can receive messages`, ctx.now);
			continue;
		}
		if (run.limit) subs = subs.slice(0, run.limit - sent);
		sent += deliver(ctx, ms, { kind: 'mailing', mailing: m, setup, profile: p, subs, content: run.content, customData: null, files: run.files }).length;
	}
	m.runs += 1;
	ms.log(m, 'INFO', `Run finished: ${sent} messages sent`, ctx.now);
	ctx.ledger('mailing.run', null, null, { mailingId: m.id, type: m.type, source: { type: run.sourceType, id: run.sourceId }, limit: run.limit, audience: profiles.length, sent });
	return { audience: profiles.length, sent };
}

/**
 * Check an e-mail-valued string (450 when not empty and not an address).
 * @param {unknown} v
 * @param {string} label
 */
function checkOptEmail(v, label) {
	if (v === undefined || v === null || v === '') return;
	if (typeof v !== 'string' || !isEmail(v.trim())) throw invalid(`${label} must be an e-mail address`);
}

module.exports = {
	readContent,
	readCustomData,
	readAttach,
	readTimeout,
	readSubscriptionFilter,
	checkFilterChannel,
	parseDataUri,
	sendSetup,
	pickSubscriptions,
	noSubscriptionError,
	plannedSubscriptions,
	render,
	renderMessage,
	deliver,
	runMailing,
	checkOptEmail,
	invalid,
};
