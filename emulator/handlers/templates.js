// @ts-check
'use strict';

/**
 * Message templates (40-templates.md): `templates/list`, `get`, `add`, `update` (unconfirmed path), `delete`.
 *
 * A template holds one Channel object `{sid, fields}` per channel. The fields of the e-mail and SMS channels are
 * those of the reference's tables (another key: 450); push, Telegram and custom channels accept any keys whose values
 * are strings, numbers or booleans. `update` changes only what is sent (a sent `channels` replaces all channels).
 * A template that a (not deleted) mailing uses cannot be deleted (450).
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { messagingOf, TEMPLATE_SIDS } = require('../lib/messaging');
const { readGroupFilters } = require('../lib/mailings');
const { checkOptEmail, invalid } = require('../lib/sending');
const { pageById, readIntPaging, matchesGroups } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/messaging').Template} Template
 * @typedef {import('../lib/messaging').TemplateChannel} TemplateChannel
 * @typedef {import('../lib/messaging').Group} Group
 */

/** Field types of the channels the reference documents completely. */
/** @type {Record<string, Record<string, 'string' | 'bool' | 'int'>>} */
const CHANNEL_FIELDS = {
	email: {
		subject: 'string',
		html: 'string',
		text: 'string',
		is_amp: 'bool',
		amp: 'string',
		from_email: 'string',
		from_name: 'string',
		replyto_email: 'string',
		replyto_name: 'string',
		is_not_inline: 'bool',
	},
	sms: { sms: 'string', sms_max_count: 'int', add_sms_url_scheme: 'bool' },
};

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {Template}
 */
function requireTemplate(ctx, id) {
	const t = messagingOf(ctx.store).visibleTemplate(ctx.principal, id);
	if (!t) throw new ApiError(404, `Template ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return t;
}

/**
 * `channels`: a non-empty array of Channel objects with distinct sids.
 * @param {HandlerContext} ctx
 * @param {Record<string, any>} b
 * @param {boolean} required
 * @returns {Array<{ sid: string, fields: Record<string, any> }> | undefined}
 */
function readChannels(ctx, b, required) {
	const v = b.channels;
	if (v === undefined || v === null) {
		if (required) throw new ApiError(400, "Parameter 'channels' is required");
		return undefined;
	}
	if (!Array.isArray(v)) throw new ApiError(400, "Parameter 'channels' must be an array of Channel objects");
	if (v.length === 0) throw invalid("'channels' needs at least one Channel object");
	/** @type {Set<string>} */
	const seen = new Set();
	return v.map((c, i) => {
		const label = `channels[${i}]`;
		if (!P.isPlainObject(c)) throw invalid(`${label} must be an object {sid, fields}`);
		if (typeof c.sid !== 'string' || !TEMPLATE_SIDS.includes(c.sid)) throw invalid(`${label}.sid must be one of ${TEMPLATE_SIDS.join(', ')}`);
		if (seen.has(c.sid)) throw invalid(`${label}: channel ${c.sid} is given twice`);
		seen.add(c.sid);
		if (!P.isPlainObject(c.fields)) throw invalid(`${label}.fields is required (an object)`);
		const spec = CHANNEL_FIELDS[c.sid];
		for (const [k, val] of Object.entries(c.fields)) {
			if (spec) {
				const type = spec[k];
				if (!type) throw invalid(`${label}.fields: unknown field '${k}' for channel ${c.sid} (known: ${Object.keys(spec).join(', ')})`);
				const ok = type === 'string' ? typeof val === 'string' : type === 'bool' ? typeof val === 'boolean' : Number.isInteger(val) && val >= 0;
				if (!ok && val !== null) throw invalid(`${label}.fields.${k} must be ${type === 'int' ? 'a non-negative integer' : `a ${type === 'bool' ? 'boolean' : 'string'}`}`);
			} else if (val !== null && !['string', 'number', 'boolean'].includes(typeof val)) {
				throw invalid(`${label}.fields.${k} must be a string, a number or a boolean`);
			}
		}
		if (c.sid === 'email') {
			checkOptEmail(c.fields.from_email, `${label}.fields.from_email`);
			checkOptEmail(c.fields.replyto_email, `${label}.fields.replyto_email`);
		}
		return { sid: c.sid, fields: structuredClone(c.fields) };
	});
}

/**
 * `groups` (access group ids of the account; an unknown id → 404).
 * @param {HandlerContext} ctx
 * @param {Record<string, any>} b
 * @returns {Group[] | undefined}
 */
function readGroups(ctx, b) {
	const ids = P.optIntArray(b, 'groups');
	if (!ids) return undefined;
	const ms = messagingOf(ctx.store);
	return ids.map((id) => {
		if (!ms.groups.has(id)) throw new ApiError(404, `Access group ${id} not found`);
		return ms.group(id);
	});
}

/**
 * The optional settings of add/update as a patch.
 * @param {HandlerContext} ctx
 * @param {Record<string, any>} b
 * @returns {Partial<Template>}
 */
function readSettings(ctx, b) {
	/** @type {Partial<Template>} */
	const patch = {};
	const descr = P.optString(b, 'descr');
	if (descr !== undefined) patch.description = descr;
	const url = P.optString(b, 'json_url');
	if (url !== undefined) {
		if (url !== '' && !/^https?:\/\/\S+$/i.test(url)) throw invalid("'json_url' must be an http(s) URL");
		patch.json_url = url;
	}
	const tags = P.optStringArray(b, 'ui_tags');
	if (tags !== undefined) patch.ui_tags = tags.slice();
	const groups = readGroups(ctx, b);
	if (groups !== undefined) patch.groups = groups;
	if (b.is_draft !== undefined && b.is_draft !== null) patch.is_draft = P.optBool(b, 'is_draft', false);
	if (b.is_confirm !== undefined && b.is_confirm !== null) patch.is_confirm = P.optBool(b, 'is_confirm', false);
	const sup = P.optInt(b, 'suppress_id');
	if (sup !== undefined) {
		if (sup !== 0 && !ctx.store.visibleSuppressionList(ctx.principal, sup)) throw new ApiError(404, `Suppression list ${sup} not found`);
		patch.suppress_id = sup;
	}
	return patch;
}

/**
 * @param {Template} t
 */
function view(t) {
	return {
		id: t.id,
		name: t.name,
		description: t.description,
		updated_user: t.updated_user,
		update_time: t.update_time,
		channels: t.channels.map((c) => ({ id: c.id, sid: c.sid, fields: structuredClone(c.fields) })),
		json_url: t.json_url,
		ui_tags: t.ui_tags.slice(),
		groups: t.groups.map((g) => ({ id: g.id, name: g.name })),
		is_draft: t.is_draft,
		is_confirm: t.is_confirm,
		suppress_id: t.suppress_id,
	};
}

/**
 * templates/list element: the template without the channels' content.
 * @param {Template} t
 */
function summary(t) {
	return {
		id: t.id,
		name: t.name,
		description: t.description,
		updated_user: t.updated_user,
		update_time: t.update_time,
		channels: t.channels.map((c) => ({ id: c.id, sid: c.sid })),
		ui_tags: t.ui_tags.slice(),
		groups: t.groups.map((g) => ({ id: g.id, name: g.name })),
		is_draft: t.is_draft,
	};
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const channel = P.optString(b, 'channel');
	if (channel !== undefined && channel !== '' && !TEMPLATE_SIDS.includes(channel)) {
		throw new ApiError(400, `Parameter 'channel' must be one of ${TEMPLATE_SIDS.join(', ')}`);
	}
	const g = readGroupFilters(b);
	const items = [...messagingOf(ctx.store).templates.values()]
		.filter((t) => t.accountId === ctx.principal.accountId)
		.filter((t) => !channel || t.channels.some((c) => c.sid === channel))
		.filter((t) => matchesGroups(g, t))
		.sort((x, y) => x.id - y.id);
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return { data: page.map(summary), next_from_id, total_count };
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	P.checkFormat(ctx.body);
	return { data: view(requireTemplate(ctx, P.reqInt(ctx.body, 'id'))) };
}

/** @param {HandlerContext} ctx */
function add(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const name = P.reqString(b, 'name');
	const channels = /** @type {Array<{ sid: string, fields: Record<string, any> }>} */ (readChannels(ctx, b, true));
	const settings = readSettings(ctx, b);
	/** @type {Template} */
	const t = {
		id: ms.nextId('template'),
		accountId: ctx.principal.accountId,
		name,
		description: '',
		channels: channels.map((c) => ({ id: ms.nextChannelId(), ...c })),
		json_url: '',
		ui_tags: [],
		groups: [ms.group(0)],
		is_draft: false,
		is_confirm: false,
		suppress_id: 0,
		createtime: ctx.now,
		update_time: ctx.now,
		updated_user: ctx.principal.name,
		...settings,
	};
	ms.templates.set(t.id, t);
	ctx.ledger('template.add', null, null, { id: t.id, name, channels: channels.map((c) => c.sid) });
	return { data: { saved_id: t.id } };
}

/** @param {HandlerContext} ctx */
function update(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = P.reqInt(b, 'id');
	const name = P.optString(b, 'name');
	if (name !== undefined && name.trim() === '') throw invalid("'name' must not be empty");
	const channels = readChannels(ctx, b, false);
	const settings = readSettings(ctx, b);
	const t = requireTemplate(ctx, id);
	if (name !== undefined) t.name = name;
	if (channels) {
		// a channel kept by sid keeps its id
		t.channels = channels.map((c) => ({ id: t.channels.find((o) => o.sid === c.sid)?.id ?? ms.nextChannelId(), ...c }));
	}
	Object.assign(t, settings);
	t.update_time = ctx.now;
	t.updated_user = ctx.principal.name;
	ctx.ledger('template.update', null, null, { id, fields: Object.keys(b).filter((k) => k !== 'token' && k !== 'id') });
	return {};
}

/** @param {HandlerContext} ctx */
function del(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const t = requireTemplate(ctx, id);
	const ms = messagingOf(ctx.store);
	const user = [...ms.mailings.values()].find((m) => !m.is_deleted && m.content.some((c) => c.message_id === id));
	if (user) throw invalid(`template ${id} is used by mailing ${user.id}; change or delete the mailing first`);
	ms.templates.delete(t.id);
	ctx.ledger('template.delete', null, null, { id });
	return { data: id };
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/templates/list': { modifying: false, handle: list },
	'/api/v1.1/templates/get': { modifying: false, handle: get },
	'/api/v1.1/templates/add': { modifying: true, handle: add },
	'/api/v1.1/templates/update': { modifying: true, handle: update },
	'/api/v1.1/templates/delete': { modifying: true, handle: del },
};
