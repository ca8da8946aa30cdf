// @ts-check
'use strict';

/**
 * Mailings (41-campaigns.md): reading and validating the fields of the create/update calls of trigger, regular and
 * broadcast mailings, the answer forms of the list/get calls, and the filters shared by the list calls of this part
 * (`attributes`, access groups).
 */

const { ApiError } = require('./errors');
const P = require('./params');
const { requireDb, requireSegment, requireResource, readIntPaging, pageById, matchesGroups } = require('../handlers/common');
const { Messaging, messagingOf, SEND_CHANNELS, TRIGGER_TYPES } = require('./messaging');
const { checkOptEmail, invalid } = require('./sending');

/**
 * @typedef {import('../handlers/common').HandlerContext} HandlerContext
 * @typedef {import('./messaging').Mailing} Mailing
 * @typedef {import('./messaging').Message} Message
 * @typedef {import('./messaging').MailingType} MailingType
 * @typedef {import('./messaging').Group} Group
 */

/** The deprecated channel flags: sending any of them forces the e-mail channel (41-campaigns.md, general rules). */
const LEGACY_FLAGS = ['content_type', 'send_email_content', 'send_sms_content', 'send_push_content'];

/** Start schedule object: int arrays and their ranges, plus `tz`, `profile`, `losers`. */
/** @type {Record<string, [number, number]>} */
const SCHEDULE_ARRAYS = {
	start_mins: [0, 59],
	start_hours: [0, 23],
	start_mdays: [1, 31],
	start_wdays: [0, 7],
	start_months: [1, 12],
	start_years: [2000, 2100],
};

/**
 * A visible mailing (of one of the given types), else 404.
 * @param {HandlerContext} ctx
 * @param {number} id
 * @param {MailingType[]} [types]
 * @returns {Mailing}
 */
function requireMailing(ctx, id, types) {
	const m = messagingOf(ctx.store).visibleMailing(ctx.principal, id);
	if (!m || (types && !types.includes(m.type))) {
		const what = types && types.length === 1 ? `${types[0][0].toUpperCase()}${types[0].slice(1)} mailing` : 'Mailing';
		throw new ApiError(404, `${what} ${id} not found (it does not exist or is outside the token's visibility zone)`);
	}
	return m;
}

// ------------------------------------------------------------------ field readers

/**
 * `send_channel` of a create call (400 when missing or not email/sms/push); a deprecated channel flag forces `email`.
 * @param {Record<string, any>} b
 * @returns {string}
 */
function readSendChannel(b) {
	const ch = P.reqString(b, 'send_channel');
	if (!SEND_CHANNELS.includes(ch)) throw new ApiError(400, `Parameter 'send_channel' must be one of ${SEND_CHANNELS.join(', ')}`);
	if (LEGACY_FLAGS.some((k) => b[k] !== undefined)) return 'email';
	return ch;
}

/**
 * `content`: array of message objects `{message_id, subject, from_email, from_name, replyto_email, replyto_name}`.
 * Missing (when required) or not an array → 400; an element that is malformed, empty list, or a template without the
 * channel → 450; an unknown template → 404.
 * @param {HandlerContext} ctx
 * @param {import('./messaging').Messaging} ms
 * @param {Record<string, any>} b
 * @param {string} channel
 * @param {boolean} required
 * @returns {Message[] | undefined}
 */
function readMessages(ctx, ms, b, channel, required) {
	const v = b.content;
	if (v === undefined || v === null) {
		if (required) throw new ApiError(400, "Parameter 'content' is required");
		return undefined;
	}
	if (!Array.isArray(v)) throw new ApiError(400, "Parameter 'content' must be an array of message objects");
	if (v.length === 0) throw invalid("'content' needs at least one message object");
	return v.map((el, i) => {
		const label = `content[${i}]`;
		if (!P.isPlainObject(el)) throw invalid(`${label} must be an object`);
		if (!Number.isInteger(el.message_id)) throw invalid(`${label}.message_id is required (a template ID, integer)`);
		for (const k of ['subject', 'from_email', 'from_name', 'replyto_email', 'replyto_name']) {
			if (el[k] !== undefined && el[k] !== null && typeof el[k] !== 'string') throw invalid(`${label}.${k} must be a string`);
		}
		checkOptEmail(el.from_email, `${label}.from_email`);
		checkOptEmail(el.replyto_email, `${label}.replyto_email`);
		const t = ms.visibleTemplate(ctx.principal, el.message_id);
		if (!t) throw new ApiError(404, `Template ${el.message_id} not found (${label}.message_id)`);
		if (!t.channels.some((c) => c.sid === channel)) throw invalid(`template ${t.id} (${label}.message_id) has no content for channel ${channel}`);
		return Messaging.message({
			message_id: el.message_id,
			subject: el.subject ?? '',
			from_email: el.from_email ?? '',
			from_name: el.from_name ?? '',
			replyto_email: el.replyto_email ?? '',
			replyto_name: el.replyto_name ?? '',
		});
	});
}

/**
 * @param {Record<string, any>} b
 * @returns {Record<string, any> | null | undefined}
 */
function readSchedule(b) {
	const s = P.optObject(b, 'start_schedule');
	if (!s) return undefined;
	for (const [k, v] of Object.entries(s)) {
		if (Object.prototype.hasOwnProperty.call(SCHEDULE_ARRAYS, k)) {
			const [lo, hi] = SCHEDULE_ARRAYS[k];
			if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x) && x >= lo && x <= hi)) {
				throw invalid(`start_schedule.${k} must be an array of integers from ${lo} to ${hi}`);
			}
		} else if (k === 'tz') {
			if (typeof v !== 'string') throw invalid('start_schedule.tz must be a string (a time zone such as "Europe/Moscow")');
			if (v !== '') {
				try {
					new Intl.DateTimeFormat('en', { timeZone: v });
				} catch {
					throw invalid(`start_schedule.tz: unknown time zone '${v}'`);
				}
			}
		} else if (k === 'profile' || k === 'losers') {
			if (typeof v !== 'boolean') throw invalid(`start_schedule.${k} must be a boolean`);
		} else {
			throw invalid(`start_schedule: unknown key '${k}'`);
		}
	}
	return structuredClone(s);
}

/**
 * A non-negative integer parameter (400 wrong type, 450 negative).
 * @param {Record<string, any>} b
 * @param {string} name
 * @returns {number | undefined}
 */
function optNonNegInt(b, name) {
	const v = P.optInt(b, name);
	if (v !== undefined && v < 0) throw invalid(`'${name}' must not be negative`);
	return v;
}

/**
 * First present spelling of a parameter.
 * @param {Record<string, any>} b
 * @param {string[]} names
 * @returns {string}
 */
function spelling(b, names) {
	return names.find((n) => b[n] !== undefined && b[n] !== null) || names[0];
}

/**
 * The optional settings shared by all mailing kinds, as a patch (only what was sent).
 * @param {HandlerContext} ctx
 * @param {import('./messaging').Messaging} ms
 * @param {Record<string, any>} b
 * @returns {Partial<Mailing>}
 */
function readCommon(ctx, ms, b) {
	/** @type {Partial<Mailing>} */
	const patch = {};
	const descr = P.optString(b, 'descr');
	if (descr !== undefined) patch.descr = descr;
	const subid = P.optString(b, 'subid');
	if (subid !== undefined) patch.subid = subid;
	const policy = P.optInt(b, 'policy_id');
	if (policy !== undefined) patch.policy_id = policy;
	const mode = P.optString(b, 'push_sending_mode');
	if (mode !== undefined) {
		if (mode !== 'fanout' && mode !== 'last') throw new ApiError(400, "Parameter 'push_sending_mode' must be \"fanout\" or \"last\"");
		patch.push_sending_mode = mode;
	}
	const vs = P.optInt(b, 'virtual_sender_id');
	if (vs !== undefined) {
		if (vs !== 0 && !ms.visibleVirtualSender(ctx.principal, vs)) throw new ApiError(404, `Virtual sender ${vs} not found`);
		patch.virtual_sender_id = vs;
	}
	const rnd = spelling(b, ['is_random_tracking_prefix', 'is_random_trk_prefix']);
	if (b[rnd] !== undefined && b[rnd] !== null) patch.is_random_tracking_prefix = P.optBool(b, rnd, false);
	const dom = spelling(b, ['custom_tracking_domains', 'custom_trk_domain']);
	const domains = P.optStringArray(b, dom);
	if (domains !== undefined) patch.custom_tracking_domains = domains.slice();
	const bcc = P.optStringArray(b, 'blind_carbon_copy');
	if (bcc !== undefined) {
		bcc.forEach((e, i) => checkOptEmail(e === '' ? 'x' : e, `blind_carbon_copy[${i}]`));
		patch.blind_carbon_copy = bcc.slice();
	}
	if (b.unconditional_sending !== undefined && b.unconditional_sending !== null) patch.unconditional_sending = P.optBool(b, 'unconditional_sending', false);
	const attrs = P.optObject(b, 'attributes');
	if (attrs !== undefined) patch.attributes = structuredClone(attrs);
	const tags = P.optStringArray(b, 'ui_tags');
	if (tags !== undefined) patch.ui_tags = tags.slice();
	return patch;
}

/**
 * Settings of regular and broadcast mailings (schedule and limits) as a patch.
 * @param {Record<string, any>} b
 * @returns {Partial<Mailing>}
 */
function readRunSettings(b) {
	/** @type {Partial<Mailing>} */
	const patch = {};
	const sched = readSchedule(b);
	if (sched !== undefined) patch.start_schedule = sched;
	const limit = optNonNegInt(b, 'limit');
	if (limit !== undefined) patch.limit = limit;
	const agc = optNonNegInt(b, 'aglimit_count');
	if (agc !== undefined) patch.aglimit_count = agc;
	const pk = spelling(b, ['agllimit_percent', 'aglimit_percent']);
	const pct = b[pk];
	if (pct !== undefined && pct !== null) {
		if (typeof pct !== 'number' || !Number.isFinite(pct)) throw new ApiError(400, `Parameter '${pk}' must be a number`);
		if (pct < 0) throw invalid(`'${pk}' must not be negative`);
		patch.aglimit_percent = pct;
	}
	return patch;
}

/**
 * The audience of a regular/broadcast mailing: `data_type` (list | segment; 400 otherwise) + `data_id` (a visible
 * database or segment: 404). Returns the database the audience lives in.
 * @param {HandlerContext} ctx
 * @param {string} type
 * @param {number} id
 * @param {string} [label]
 * @returns {number} database id
 */
function audienceDb(ctx, type, id, label = 'data_type') {
	if (type === 'list') return requireDb(ctx, id).info.id;
	if (type === 'segment') return requireSegment(ctx, id).db_id;
	throw new ApiError(400, `Parameter '${label}' must be "list" or "segment"`);
}

/**
 * A mailing's resource: visible (404), has the channel (450), and linked to the audience database when there is one (413).
 * @param {HandlerContext} ctx
 * @param {number} resourceId
 * @param {string} channel
 * @param {number} dbId  0 = no audience database to check
 */
function checkResource(ctx, resourceId, channel, dbId) {
	const r = requireResource(ctx, resourceId);
	if (!r.channels.includes(channel)) throw invalid(`resource ${resourceId} has no channel ${channel} (channels: ${r.channels.join(', ')})`);
	if (dbId && !r.dbs_ids.includes(dbId)) throw new ApiError(413, `Database ${dbId} is not available in resource ${resourceId}`);
	return r;
}

/**
 * Trigger settings (`trigger_type`, `skip_minutes`, `action`, `update_query`) as a patch.
 * @param {Record<string, any>} b
 * @param {boolean} required  trigger_type required (create and update both require it)
 * @returns {Partial<Mailing>}
 */
function readTriggerSettings(b, required) {
	/** @type {Partial<Mailing>} */
	const patch = {};
	const tt = required ? P.reqString(b, 'trigger_type') : P.optString(b, 'trigger_type');
	if (tt !== undefined) {
		if (!TRIGGER_TYPES.includes(tt)) throw new ApiError(400, `Parameter 'trigger_type' must be one of ${TRIGGER_TYPES.join(', ')}`);
		patch.trigger_type = tt;
	}
	const skip = optNonNegInt(b, 'skip_minutes');
	if (skip !== undefined) patch.skip_minutes = skip;
	const action = P.optString(b, 'action');
	if (tt === 'action' && (action === undefined || action === '')) throw new ApiError(400, "Parameter 'action' is required for trigger_type \"action\"");
	if (action !== undefined) patch.action = action;
	const uq = b.update_query;
	if (uq !== undefined && uq !== null && !Array.isArray(uq)) throw new ApiError(400, "Parameter 'update_query' must be an array");
	if (tt === 'update' && (!Array.isArray(uq) || uq.length === 0)) throw new ApiError(400, "Parameter 'update_query' is required for trigger_type \"update\"");
	if (Array.isArray(uq)) {
		uq.forEach((q, i) => {
			if (!P.isPlainObject(q) || typeof q.fieldname !== 'string' || q.fieldname === '') throw invalid(`update_query[${i}] needs 'fieldname' (a string)`);
		});
		patch.update_query = structuredClone(uq);
	}
	return patch;
}

// ------------------------------------------------------------------ list filters

/**
 * `attributes` filter of the list calls: `{"season": {"options": ["spring_2024"]}}` or `{"season": ["spring_2025"]}`.
 * @param {Record<string, any>} b
 * @returns {Record<string, any[]> | undefined}
 */
function readAttributesFilter(b) {
	const a = P.optObject(b, 'attributes');
	if (!a) return undefined;
	/** @type {Record<string, any[]>} */
	const out = {};
	for (const [k, v] of Object.entries(a)) {
		const opts = Array.isArray(v) ? v : P.isPlainObject(v) && Array.isArray(v.options) ? v.options : null;
		if (!opts) throw new ApiError(400, `Parameter 'attributes.${k}' must be an array of values or {"options": [values]}`);
		out[k] = opts;
	}
	return out;
}

/**
 * An object matches when, for every attribute of the filter, its value (or one of its values) is one of the options.
 * @param {Record<string, any[]> | undefined} f
 * @param {Record<string, any>} attrs
 */
function matchesAttributes(f, attrs) {
	if (!f) return true;
	for (const [k, opts] of Object.entries(f)) {
		const v = attrs[k];
		const vals = Array.isArray(v) ? v : v === undefined ? [] : [v];
		if (!vals.some((x) => opts.includes(x))) return false;
	}
	return true;
}

/**
 * @param {Record<string, any>} b
 * @returns {{ ui_tags: string[] | undefined, groups: string[] | undefined, groupsId: number[] | undefined }}
 */
function readGroupFilters(b) {
	return { ui_tags: P.optStringArray(b, 'ui_tags'), groups: P.optStringArray(b, 'groups'), groupsId: P.optIntArray(b, 'groups_id') };
}

// ------------------------------------------------------------------ list and clone (shared by the mailing handlers)

/**
 * Paged list of mailings with the common filters (`from_id`, `limit`, `is_active`, `ui_tags`, `groups`,
 * `groups_id`, `attributes`).
 * @param {HandlerContext} ctx
 * @param {(m: Mailing) => boolean} pred
 * @param {(m: Mailing) => Record<string, any>} view
 */
function listOf(ctx, pred, view) {
	const b = ctx.body;
	const { fromId, limit } = readIntPaging(b);
	const isActive = b.is_active === undefined || b.is_active === null ? undefined : P.optBool(b, 'is_active', false);
	const g = readGroupFilters(b);
	const attrs = readAttributesFilter(b);
	const items = messagingOf(ctx.store)
		.visibleMailings(ctx.principal)
		.filter((m) => pred(m) && (isActive === undefined || m.is_active === isActive) && matchesGroups(g, m) && matchesAttributes(attrs, m.attributes));
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return { data: page.map(view), next_from_id, total_count };
}

/**
 * Copy of a mailing: same settings and content, inactive, not completed, a new id. Answer `data: {saved_id}`.
 * @param {HandlerContext} ctx
 * @param {MailingType[]} [types]
 */
function cloneMailing(ctx, types) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const name = P.optString(b, 'name');
	if (name !== undefined && name.trim() === '') throw invalid("'name' must not be empty");
	const m = requireMailing(ctx, id, types);
	const ms = messagingOf(ctx.store);
	/** @type {Mailing} */
	const copy = {
		...structuredClone(m),
		id: ms.nextId('mailing'),
		name: name ?? `${m.name} (copy)`,
		is_active: false,
		is_completed: false,
		is_deleted: false,
		createtime: ctx.now,
		update_time: ctx.now,
		updated_user: ctx.principal.name,
		log: [{ level: 'INFO', message: `Mailing created as a copy of mailing ${m.id}`, time: ctx.now }],
		runs: 0,
	};
	ms.mailings.set(copy.id, copy);
	ctx.ledger('mailing.clone', null, null, { mailingId: copy.id, sourceId: m.id, type: m.type, name: copy.name });
	return { data: { saved_id: copy.id } };
}

// ------------------------------------------------------------------ answer forms

/**
 * @param {Mailing} m
 * @returns {string} "Active", "Inactive" or "Completed"
 */
function statusOf(m) {
	return m.is_completed ? 'Completed' : m.is_active ? 'Active' : 'Inactive';
}

/** @param {Group[]} g */
function groupsOut(g) {
	return g.map((x) => ({ id: x.id, name: x.name }));
}

/**
 * campaigns/list element.
 * @param {Mailing} m
 */
function summaryView(m) {
	return { id: m.id, name: m.name, type: m.type, is_active: m.is_active, subid: m.subid, for_confirm: m.for_confirm, ui_tags: m.ui_tags.slice(), groups: groupsOut(m.groups) };
}

/**
 * campaigns/get.
 * @param {Mailing} m
 */
function mailingView(m) {
	return {
		id: m.id,
		name: m.name,
		type: m.type,
		status: statusOf(m),
		is_active: m.is_active,
		is_completed: m.is_completed,
		data_type: m.data_type,
		data_id: m.data_id,
		resource_id: m.resource_id,
		content: structuredClone(m.content),
		subid: m.subid,
		for_confirm: m.for_confirm,
		push_sending_mode: m.push_sending_mode,
		virtual_sender_id: m.virtual_sender_id,
		update_time: m.update_time,
		updated_user: m.updated_user,
		descr: m.descr,
		send_email_content: m.send_channel === 'email',
		send_sms_content: m.send_channel === 'sms',
		send_push_content: m.send_channel === 'push',
	};
}

/**
 * campaigns/triggers/get.
 * @param {Mailing} m
 */
function triggerView(m) {
	return {
		id: m.id,
		name: m.name,
		is_active: m.is_active,
		trigger_type: m.trigger_type,
		skip_minutes: m.skip_minutes,
		resource_id: m.resource_id,
		list_id: m.list_id,
		send_channel: m.send_channel,
		content: structuredClone(m.content),
		subid: m.subid,
		for_confirm: m.for_confirm,
		policy_id: m.policy_id,
		descr: m.descr,
		push_sending_mode: m.push_sending_mode,
		call_url: `/api/v1.0/trg/${m.id.toString(16).padStart(8, '0')}/`,
		virtual_sender_id: m.virtual_sender_id,
		is_random_tracking_prefix: m.is_random_tracking_prefix,
		custom_tracking_domains: m.custom_tracking_domains.slice(),
		blind_carbon_copy: m.blind_carbon_copy.slice(),
		unconditional_sending: m.unconditional_sending,
		is_new_contact: false,
		is_new_sub: false,
		is_new_ch: false,
		is_status_changed: false,
		action: m.action,
		update_query: structuredClone(m.update_query),
		attributes: structuredClone(m.attributes),
		ui_tags: m.ui_tags.slice(),
		groups: groupsOut(m.groups),
		update_time: m.update_time,
		updated_user: m.updated_user,
	};
}

/**
 * campaigns/regulars/get and campaigns/broadcasts/get.
 * @param {Mailing} m
 */
function runnableView(m) {
	return {
		id: m.id,
		name: m.name,
		type: m.type,
		is_active: m.is_active,
		...(m.type === 'broadcast' ? { is_completed: m.is_completed, status: statusOf(m) } : {}),
		data_type: m.data_type,
		data_id: m.data_id,
		content: structuredClone(m.content),
		send_channel: m.send_channel,
		resource_id: m.resource_id,
		subid: m.subid,
		limit: m.limit,
		aglimit_count: m.aglimit_count,
		aglimit_percent: m.aglimit_percent,
		start_schedule: m.start_schedule ? structuredClone(m.start_schedule) : null,
		policy_id: m.policy_id,
		virtual_sender_id: m.virtual_sender_id,
		is_random_tracking_prefix: m.is_random_tracking_prefix,
		custom_tracking_domains: m.custom_tracking_domains.slice(),
		watcher_list_id: 0,
		watcher_limit: 0,
		blind_carbon_copy: m.blind_carbon_copy.slice(),
		unconditional_sending: m.unconditional_sending,
		skip_unique_checking: false,
		sub_cats_filter: [],
		sub_fields_filter: {},
		push_sending_mode: m.push_sending_mode,
		for_confirm: m.for_confirm,
		attributes: structuredClone(m.attributes),
		ui_tags: m.ui_tags.slice(),
		groups: groupsOut(m.groups),
		descr: m.descr,
		updated_user: m.updated_user,
		update_time: m.update_time,
	};
}

module.exports = {
	requireMailing,
	listOf,
	cloneMailing,
	LEGACY_FLAGS,
	readSendChannel,
	readMessages,
	readCommon,
	readRunSettings,
	readTriggerSettings,
	audienceDb,
	checkResource,
	readAttributesFilter,
	matchesAttributes,
	readGroupFilters,
	statusOf,
	groupsOut,
	summaryView,
	mailingView,
	triggerView,
	runnableView,
};
