// @ts-check
'use strict';

/**
 * Mailings (41-campaigns.md parts C, D, E): the calls valid for any mailing (`campaigns/list`, `get`, `get_status`,
 * `log_v2`, `activate/`, `deactivate`, `clone`, `delete` (unconfirmed)), regular mailings (`campaigns/regulars/*`)
 * and broadcast mailings (`campaigns/broadcasts/*`; list/get/update unconfirmed). Trigger mailings: triggers.js.
 *
 * State machine: inactive ⇄ active (activate / deactivate). A broadcast is completed by a run (activate with
 * run_now, or broadcasts/start) and then can only be cloned, updated or deleted. A regular mailing stays active
 * after its runs. An active mailing cannot be deleted.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { messagingOf, Messaging, MAILING_TYPES } = require('../lib/messaging');
const M = require('../lib/mailings');
const S = require('../lib/sending');
const { requireMailing, listOf, cloneMailing } = M;

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/messaging').Mailing} Mailing
 * @typedef {import('../lib/messaging').MailingType} MailingType
 */

// ------------------------------------------------------------------ generic calls

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const type = P.optString(b, 'type');
	if (type !== undefined && !MAILING_TYPES.includes(type)) throw new ApiError(400, `Parameter 'type' must be one of ${MAILING_TYPES.join(', ')}`);
	return listOf(ctx, (m) => type === undefined || m.type === type, M.summaryView);
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	P.checkFormat(ctx.body);
	return { data: M.mailingView(requireMailing(ctx, P.reqInt(ctx.body, 'id'))) };
}

/** @param {HandlerContext} ctx */
function getStatus(ctx) {
	P.checkFormat(ctx.body);
	const m = requireMailing(ctx, P.reqInt(ctx.body, 'id'));
	return { data: { is_active: m.is_active, is_completed: m.is_completed, status: M.statusOf(m) } };
}

/** @param {HandlerContext} ctx */
function logV2(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const fromTime = P.optString(b, 'from_time');
	const limit = P.optInt(b, 'limit') ?? 1000;
	if (limit < 1) throw new ApiError(400, "Parameter 'limit' must be a positive integer");
	let from = -Infinity;
	if (fromTime !== undefined && fromTime !== '') {
		from = Date.parse(fromTime);
		if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(fromTime) || Number.isNaN(from)) {
			throw S.invalid("'from_time' must be an RFC 3339 date-time such as 2024-05-01T10:00:00Z");
		}
	}
	const m = requireMailing(ctx, id);
	return { data: m.log.filter((e) => Date.parse(e.time) >= from).slice(0, limit).map((e) => ({ ...e })) };
}

/**
 * The audience override of a run: `override_source_type` (list | segment) + `override_source_id`, `override_limit`.
 * @param {HandlerContext} ctx
 * @param {Mailing} m
 * @returns {{ sourceType: string, sourceId: number, limit: number }}
 */
function readOverride(ctx, m) {
	const b = ctx.body;
	const type = P.optString(b, 'override_source_type');
	const id = P.optInt(b, 'override_source_id');
	const limit = P.optInt(b, 'override_limit');
	if (limit !== undefined && limit < 0) throw S.invalid("'override_limit' must not be negative");
	if ((type === undefined) !== (id === undefined)) {
		throw new ApiError(400, `Parameter '${type === undefined ? 'override_source_type' : 'override_source_id'}' is required with '${type === undefined ? 'override_source_id' : 'override_source_type'}'`);
	}
	if (type !== undefined && id !== undefined) {
		const dbId = M.audienceDb(ctx, type, id, 'override_source_type');
		const r = ctx.store.resources.get(m.resource_id);
		if (r && !r.dbs_ids.includes(dbId)) throw new ApiError(413, `Database ${dbId} is not available in resource ${m.resource_id}`);
		return { sourceType: type, sourceId: id, limit: limit ?? m.limit };
	}
	if (!m.data_type || !m.data_id) throw S.invalid(`mailing ${m.id} has no audience (data_type/data_id); give override_source_type and override_source_id`);
	return { sourceType: m.data_type, sourceId: m.data_id, limit: limit ?? m.limit };
}

/**
 * A run of a broadcast/regular/split-test mailing; a broadcast is completed by it.
 * @param {HandlerContext} ctx
 * @param {Mailing} m
 */
function runNow(ctx, m) {
	const ms = messagingOf(ctx.store);
	const b = ctx.body;
	const content = S.readContent(b);
	const files = S.readAttach(ctx, ms, b);
	const override = readOverride(ctx, m);
	const setup = S.sendSetup(ctx, ms, m);
	return () => {
		S.runMailing(ctx, ms, m, setup, { ...override, content, files });
		if (m.type === 'broadcast') {
			m.is_completed = true;
			m.is_active = false;
			ms.log(m, 'INFO', 'Broadcast completed', ctx.now);
		}
	};
}

/** @param {HandlerContext} ctx */
function activate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const run = P.optBool(b, 'run_now', false);
	const overrides = ['override_source_type', 'override_source_id', 'override_limit', 'content', 'attach'].filter((k) => b[k] !== undefined && b[k] !== null);
	if (!run && overrides.some((k) => k.startsWith('override_'))) throw new ApiError(400, "Parameters 'override_*' are only accepted with run_now: true");
	const m = requireMailing(ctx, id);
	const ms = messagingOf(ctx.store);
	if (m.is_completed) throw S.invalid(`mailing ${id} is completed; clone it to send again`);
	if (run && m.type === 'trigger') throw S.invalid(`mailing ${id} is a trigger mailing: run_now is for broadcast and regular mailings (launch triggers with campaigns/triggers/start/)`);
	// an active mailing must be able to send (resource, template not a draft, content for the channel)
	const go = run ? runNow(ctx, m) : (S.sendSetup(ctx, ms, m), null);
	if (!m.is_active) {
		m.is_active = true;
		ms.log(m, 'INFO', 'Mailing activated', ctx.now);
		ctx.ledger('mailing.activate', null, null, { mailingId: id, type: m.type, runNow: run });
	}
	if (go) go();
	return { data: null };
}

/** @param {HandlerContext} ctx */
function deactivate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const abort = P.optBool(b, 'abort_if_running', false);
	const m = requireMailing(ctx, id);
	if (m.is_active) {
		m.is_active = false;
		messagingOf(ctx.store).log(m, 'INFO', `Mailing deactivated${abort ? ' (queued messages dropped)' : ''}`, ctx.now);
		ctx.ledger('mailing.deactivate', null, null, { mailingId: id, type: m.type, abortIfRunning: abort });
	}
	return { data: null };
}

/** @param {HandlerContext} ctx */
function del(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const m = requireMailing(ctx, id);
	if (m.is_active) throw S.invalid(`mailing ${id} is active; deactivate it before deleting`);
	m.is_deleted = true;
	ctx.ledger('mailing.delete', null, null, { mailingId: id, type: m.type });
	return {};
}

// ------------------------------------------------------------------ regular and broadcast mailings

/**
 * @param {HandlerContext} ctx
 * @param {'regular' | 'broadcast'} type
 */
function add(ctx, type) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const name = P.reqString(b, 'name');
	const dataType = P.reqString(b, 'data_type');
	const dataId = P.reqInt(b, 'data_id');
	const channel = M.readSendChannel(b);
	if (b.content === undefined || b.content === null) throw new ApiError(400, "Parameter 'content' is required");
	if (!Array.isArray(b.content)) throw new ApiError(400, "Parameter 'content' must be an array of message objects");
	const isActive = P.optBool(b, 'is_active', false);
	const resourceId = P.optInt(b, 'resource_id');
	const common = M.readCommon(ctx, ms, b);
	const runSettings = M.readRunSettings(b);
	const dbId = M.audienceDb(ctx, dataType, dataId);
	if (resourceId !== undefined) M.checkResource(ctx, resourceId, channel, dbId);
	const content = /** @type {import('../lib/messaging').Message[]} */ (M.readMessages(ctx, ms, b, channel, true));
	/** @type {Mailing} */
	const m = {
		...Messaging.blankMailing(type, ctx.principal.accountId, ctx.now, ctx.principal.name),
		...common,
		...runSettings,
		id: ms.nextId('mailing'),
		name,
		send_channel: channel,
		resource_id: resourceId ?? 0,
		data_type: dataType,
		data_id: dataId,
		content,
		log: [{ level: 'INFO', message: 'Mailing created', time: ctx.now }],
	};
	if (isActive) S.sendSetup(ctx, ms, m);
	m.is_active = isActive;
	ms.mailings.set(m.id, m);
	ctx.ledger('mailing.add', dbId, null, { mailingId: m.id, type, name, isActive });
	return { data: { saved_id: m.id } };
}

/**
 * Update of a regular/broadcast mailing (unconfirmed): `id` + any create field; only what is sent changes;
 * `send_channel` is ignored (the channel cannot change).
 * @param {HandlerContext} ctx
 * @param {'regular' | 'broadcast'} type
 */
function update(ctx, type) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = P.reqInt(b, 'id');
	const name = P.optString(b, 'name');
	if (name !== undefined && name.trim() === '') throw S.invalid("'name' must not be empty");
	const dataType = P.optString(b, 'data_type');
	const dataId = P.optInt(b, 'data_id');
	if ((dataType === undefined) !== (dataId === undefined)) throw new ApiError(400, "Parameters 'data_type' and 'data_id' go together");
	const resourceId = P.optInt(b, 'resource_id');
	const isActive = b.is_active === undefined || b.is_active === null ? undefined : P.optBool(b, 'is_active', false);
	const common = M.readCommon(ctx, ms, b);
	const runSettings = M.readRunSettings(b);
	const m = requireMailing(ctx, id, [type]);
	const dbId = dataType !== undefined && dataId !== undefined ? M.audienceDb(ctx, dataType, dataId) : m.data_type ? M.audienceDb(ctx, m.data_type, m.data_id) : 0;
	const rid = resourceId ?? m.resource_id;
	if (rid) M.checkResource(ctx, rid, m.send_channel, dbId);
	const content = M.readMessages(ctx, ms, b, m.send_channel, false);
	/** @type {Mailing} */
	const next = {
		...m,
		...common,
		...runSettings,
		...(name !== undefined ? { name } : {}),
		...(dataType !== undefined && dataId !== undefined ? { data_type: dataType, data_id: dataId } : {}),
		resource_id: rid,
		...(content ? { content } : {}),
		update_time: ctx.now,
		updated_user: ctx.principal.name,
	};
	if (isActive === true && m.is_completed) throw S.invalid(`mailing ${id} is completed; clone it to send again`);
	if (isActive === true) S.sendSetup(ctx, ms, next);
	if (isActive !== undefined) next.is_active = isActive;
	Object.assign(m, next);
	ms.log(m, 'INFO', 'Mailing updated', ctx.now);
	ctx.ledger('mailing.update', null, null, { mailingId: id, type, fields: Object.keys(b).filter((k) => k !== 'token' && k !== 'id') });
	return {};
}

/**
 * Launch now (regulars/start, broadcasts/start): the mailing must be active; overrides, content and attach apply to
 * this run.
 * @param {HandlerContext} ctx
 * @param {'regular' | 'broadcast'} type
 */
function start(ctx, type) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const m = requireMailing(ctx, id, [type]);
	if (m.is_completed) throw S.invalid(`mailing ${id} is completed; clone it to send again`);
	if (!m.is_active) throw S.invalid(`mailing ${id} is not active; activate it first (campaigns/activate/)`);
	runNow(ctx, m)();
	return {};
}

/**
 * @param {(m: Mailing) => Record<string, any>} view
 * @param {MailingType} type
 * @returns {(ctx: HandlerContext) => Record<string, any>}
 */
function typedList(view, type) {
	return (ctx) => {
		P.checkFormat(ctx.body);
		return listOf(ctx, (m) => m.type === type, view);
	};
}

/**
 * @param {MailingType} type
 * @returns {(ctx: HandlerContext) => Record<string, any>}
 */
function typedGet(type) {
	return (ctx) => {
		P.checkFormat(ctx.body);
		return { data: M.runnableView(requireMailing(ctx, P.reqInt(ctx.body, 'id'), [type])) };
	};
}

/**
 * @param {Mailing} m
 */
function runnableSummary(m) {
	return {
		id: m.id,
		name: m.name,
		type: m.type,
		is_active: m.is_active,
		...(m.type === 'broadcast' ? { is_completed: m.is_completed } : {}),
		for_confirm: m.for_confirm,
		ui_tags: m.ui_tags.slice(),
		groups: M.groupsOut(m.groups),
	};
}

/** Body carries files when `attach` is a non-empty array (then the 100 MB body limit applies). */
/** @param {Record<string, any>} b */
const withAttach = (b) => Array.isArray(b.attach) && b.attach.length > 0;

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/campaigns/list': { modifying: false, handle: list },
	'/api/v1.1/campaigns/get': { modifying: false, handle: get },
	'/api/v1.1/campaigns/get_status': { modifying: false, handle: getStatus },
	'/api/v1.1/campaigns/log_v2': { modifying: false, handle: logV2 },
	'/api/v1.1/campaigns/activate/': { modifying: true, fileBody: withAttach, handle: activate },
	'/api/v1.1/campaigns/deactivate': { modifying: true, handle: deactivate },
	'/api/v1.1/campaigns/clone': { modifying: true, handle: (ctx) => cloneMailing(ctx) },
	'/api/v1.1/campaigns/delete': { modifying: true, handle: del },
	'/api/v1.1/campaigns/regulars/list/': { modifying: false, handle: typedList(runnableSummary, 'regular') },
	'/api/v1.1/campaigns/regulars/get': { modifying: false, handle: typedGet('regular') },
	'/api/v1.1/campaigns/regulars/add/': { modifying: true, handle: (ctx) => add(ctx, 'regular') },
	'/api/v1.1/campaigns/regulars/update/': { modifying: true, handle: (ctx) => update(ctx, 'regular') },
	'/api/v1.1/campaigns/regulars/start': { modifying: true, fileBody: withAttach, handle: (ctx) => start(ctx, 'regular') },
	'/api/v1.1/campaigns/broadcasts/list/': { modifying: false, handle: typedList(runnableSummary, 'broadcast') },
	'/api/v1.1/campaigns/broadcasts/get': { modifying: false, handle: typedGet('broadcast') },
	'/api/v1.1/campaigns/broadcasts/add': { modifying: true, handle: (ctx) => add(ctx, 'broadcast') },
	'/api/v1.1/campaigns/broadcasts/update/': { modifying: true, handle: (ctx) => update(ctx, 'broadcast') },
	'/api/v1.1/campaigns/broadcasts/start': { modifying: true, fileBody: withAttach, handle: (ctx) => start(ctx, 'broadcast') },
};
