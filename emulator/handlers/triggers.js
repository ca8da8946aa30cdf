// @ts-check
'use strict';

/**
 * Trigger mailings (41-campaigns.md parts A and B): management (`campaigns/triggers/list/`, `get`, `add/`,
 * `update/`, `clone`) and the launches — the transactional sends:
 *
 * | call                          | mailing id   | answer                                                   |
 * |-------------------------------|--------------|----------------------------------------------------------|
 * | `triggers/start/`             | `id`         | bare envelope                                             |
 * | `triggers/import_and_start`   | `trigger_id` | `profile_id`                                              |
 * | `triggers/start_batch`        | `trigger_id` | `result`: profile IDs the mailing was sent to             |
 * | `triggers/import_and_start_batch` | `trigger_id` | `result[]`: `{error, error_text, profile_id}` per entry |
 * | `triggers/start_batch_task`   | `id`         | `data.task_id`; task result = start_batch's `result`      |
 * | `triggers/import_and_start_batch_task` | `trigger_id` | `data.task_id`; task result = the per-entry `result[]` |
 *
 * Only an active trigger mailing of trigger type `api_call` can be launched (else 450). The profile is looked up in
 * (and imported into) the trigger's database (`list_id`: the first database of its resource). A message goes to
 * the profile's sendable subscription(s) (lib/sending.js pickSubscriptions); a single launch for a profile without
 * one gets 404 and changes nothing (import_and_start does not import either).
 */

const { ApiError, SUCCESS_TEXT } = require('../lib/errors');
const P = require('../lib/params');
const { MODES, readMatching, readIdent, checkFieldName, resolveOne, stripIdentKeys } = require('../lib/matching');
const { writeProfile } = require('../lib/profile-write');
const { compileQuery } = require('../lib/query');
const { queryDoc } = require('../lib/segments');
const { messagingOf, Messaging } = require('../lib/messaging');
const M = require('../lib/mailings');
const S = require('../lib/sending');
const { requireDb, checkMatchingResource } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../lib/messaging').Mailing} Mailing
 * @typedef {import('../lib/messaging').Messaging} MessagingState
 * @typedef {import('../lib/messaging').Attachment} Attachment
 * @typedef {import('../lib/matching').Ident} Ident
 * @typedef {import('../lib/sending').SendSetup} SendSetup
 * @typedef {(doc: Record<string, any>) => boolean} Predicate
 */

/** Matching modes per call (41-campaigns.md A.0). */
const START_MODES = ['email', 'phone', 'profile_id', 'custom'];
const IMPORT_MODES = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];
const BATCH_MODES = Object.keys(MODES);
const TASK_MODES = ['email', 'email_profile', 'email_sub', 'phone', 'phone_sub', 'profile_id', 'custom'];

/**
 * The mailing id parameter of a launch call; a 400 that names the other spelling when that one was sent.
 * @param {Record<string, any>} b
 * @param {'id' | 'trigger_id'} name
 * @returns {number}
 */
function readTriggerId(b, name) {
	const other = name === 'id' ? 'trigger_id' : 'id';
	if ((b[name] === undefined || b[name] === null) && b[other] !== undefined && b[other] !== null) {
		throw new ApiError(400, `Parameter '${name}' is required (this call takes '${name}', not '${other}')`);
	}
	return P.reqInt(b, name);
}

/**
 * The trigger mailing of a launch: visible trigger (404), active (450), trigger type `api_call` (450), able to send
 * (450), with its database.
 * @param {HandlerContext} ctx
 * @param {MessagingState} ms
 * @param {number} id
 * @returns {{ m: Mailing, setup: SendSetup, db: DbState }}
 */
function launchable(ctx, ms, id) {
	const m = M.requireMailing(ctx, id, ['trigger']);
	if (!m.is_active) throw S.invalid(`trigger mailing ${id} is not active (activate it with campaigns/activate/)`);
	if (m.trigger_type !== 'api_call') throw S.invalid(`trigger mailing ${id} has trigger type '${m.trigger_type}'; only 'api_call' triggers can be launched through the API`);
	const setup = S.sendSetup(ctx, ms, m);
	const db = requireDb(ctx, m.list_id);
	return { m, setup, db };
}

/**
 * @param {Record<string, any>} b
 */
function readImportOpts(b) {
	return {
		skipTriggers: P.optBool(b, 'skip_triggers', false),
		skipInvalidSubs: P.optBool(b, 'skip_invalid_subscriptions', false),
		detectGeo: P.optBool(b, 'detect_geo', false),
	};
}

/**
 * @param {Record<string, any> | null} root
 * @param {Record<string, any> | null | undefined} own
 * @returns {Record<string, any> | null}
 */
function mergeCustomData(root, own) {
	if (!own) return root;
	return { ...(root || {}), ...own };
}

/**
 * The batch size limit of the emulator (`maxBatchSize`, like the profile batches).
 * @param {HandlerContext} ctx
 * @param {any[]} data
 */
function checkBatchSize(ctx, data) {
	if (data.length > ctx.options.maxBatchSize) {
		throw new ApiError(400, `Parameter 'data': ${data.length} entries in one request; at most ${ctx.options.maxBatchSize} are allowed`);
	}
}

// ------------------------------------------------------------------ management

/**
 * @param {Mailing} m
 */
function triggerSummary(m) {
	return { ...M.summaryView(m), trigger_type: m.trigger_type };
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	P.checkFormat(ctx.body);
	return M.listOf(ctx, (m) => m.type === 'trigger', triggerSummary);
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	P.checkFormat(ctx.body);
	return { data: M.triggerView(M.requireMailing(ctx, P.reqInt(ctx.body, 'id'), ['trigger'])) };
}

/**
 * The database of a trigger on this resource: the first database of the resource visible to the token.
 * @param {HandlerContext} ctx
 * @param {import('../store').Resource} r
 */
function triggerDb(ctx, r) {
	return r.dbs_ids.find((d) => ctx.store.visibleDatabase(ctx.principal, d)) ?? r.dbs_ids[0] ?? 0;
}

/** @param {HandlerContext} ctx */
function add(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const name = P.reqString(b, 'name');
	const trig = M.readTriggerSettings(b, true);
	const channel = M.readSendChannel(b);
	if (b.content === undefined || b.content === null) throw new ApiError(400, "Parameter 'content' is required");
	if (!Array.isArray(b.content)) throw new ApiError(400, "Parameter 'content' must be an array of message objects");
	const isActive = P.optBool(b, 'is_active', false);
	const resourceId = P.optInt(b, 'resource_id');
	const common = M.readCommon(ctx, ms, b);
	const listId = resourceId !== undefined ? triggerDb(ctx, M.checkResource(ctx, resourceId, channel, 0)) : 0;
	const content = /** @type {import('../lib/messaging').Message[]} */ (M.readMessages(ctx, ms, b, channel, true));
	/** @type {Mailing} */
	const m = {
		...Messaging.blankMailing('trigger', ctx.principal.accountId, ctx.now, ctx.principal.name),
		...common,
		...trig,
		id: ms.nextId('mailing'),
		name,
		send_channel: channel,
		resource_id: resourceId ?? 0,
		list_id: listId,
		data_type: 'list',
		data_id: listId,
		content,
		log: [{ level: 'INFO', message: 'Mailing created', time: ctx.now }],
	};
	if (isActive) S.sendSetup(ctx, ms, m);
	m.is_active = isActive;
	ms.mailings.set(m.id, m);
	ctx.ledger('mailing.add', listId || null, null, { mailingId: m.id, type: 'trigger', name, isActive, triggerType: m.trigger_type });
	return { data: { saved_id: m.id } };
}

/**
 * Update (B.4): `id`, `name`, `content`, `trigger_type` required; other fields only change when sent;
 * `send_channel` is ignored.
 * @param {HandlerContext} ctx
 */
function update(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = P.reqInt(b, 'id');
	const name = P.reqString(b, 'name');
	if (b.content === undefined || b.content === null) throw new ApiError(400, "Parameter 'content' is required");
	if (!Array.isArray(b.content)) throw new ApiError(400, "Parameter 'content' must be an array of message objects");
	const trig = M.readTriggerSettings(b, true);
	const isActive = b.is_active === undefined || b.is_active === null ? undefined : P.optBool(b, 'is_active', false);
	const resourceId = P.optInt(b, 'resource_id');
	const common = M.readCommon(ctx, ms, b);
	const m = M.requireMailing(ctx, id, ['trigger']);
	let listId = m.list_id;
	if (resourceId !== undefined && resourceId !== m.resource_id) listId = triggerDb(ctx, M.checkResource(ctx, resourceId, m.send_channel, 0));
	const content = /** @type {import('../lib/messaging').Message[]} */ (M.readMessages(ctx, ms, b, m.send_channel, true));
	/** @type {Mailing} */
	const next = {
		...m,
		...common,
		...trig,
		name,
		content,
		resource_id: resourceId ?? m.resource_id,
		list_id: listId,
		data_id: listId,
		update_time: ctx.now,
		updated_user: ctx.principal.name,
	};
	if (isActive === true) S.sendSetup(ctx, ms, next);
	if (isActive !== undefined) next.is_active = isActive;
	Object.assign(m, next);
	ms.log(m, 'INFO', 'Mailing updated', ctx.now);
	ctx.ledger('mailing.update', null, null, { mailingId: id, type: 'trigger', fields: Object.keys(b).filter((k) => k !== 'token' && k !== 'id') });
	return {};
}

// ------------------------------------------------------------------ launches

/**
 * Profiles of the trigger's database selected by a `custom_request` query, in insertion order.
 * @param {DbState} db
 * @param {Predicate} pred
 * @returns {Profile[]}
 */
function queryProfiles(db, pred) {
	return db.order.filter((p) => pred(queryDoc(p)));
}

/**
 * Send to every sendable profile of an audience (query launches): profiles without a sendable subscription are
 * skipped with a WARN line in the mailing log.
 * @param {HandlerContext} ctx
 * @param {MessagingState} ms
 * @param {{ m: Mailing, setup: SendSetup, db: DbState }} t
 * @param {Profile[]} profiles
 * @param {{ content: Record<string, any>, customData: Record<string, any> | null, files: Attachment[], skipTriggers?: boolean }} msg
 * @param {Set<string>} seen  profiles already sent to by this request (skipped)
 * @returns {string[]} profile IDs sent to
 */
function sendToAll(ctx, ms, t, profiles, msg, seen) {
	/** @type {string[]} */
	const sent = [];
	for (const p of profiles) {
		if (seen.has(p.id)) continue;
		const subs = S.pickSubscriptions(ctx.store, t.db, p.subscriptions, t.m, t.setup.template, null);
		if (subs.length === 0) {
			ms.log(t.m, 'WARN', `Profile ${p.id} skipped: no subscription to resource ${t.m.resource_id} (${t.m.send_channel}) that can receive messages`, ctx.now);
			continue;
		}
		S.deliver(ctx, ms, { kind: 'trigger', mailing: t.m, setup: t.setup, profile: p, subs, ...msg });
		seen.add(p.id);
		sent.push(p.id);
	}
	return sent;
}

/** @param {HandlerContext} ctx */
function start(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = readTriggerId(b, 'id');
	const customRequest = P.optObject(b, 'custom_request');
	const hasMatching = b.matching !== undefined && b.matching !== null && b.matching !== '';
	if (customRequest && hasMatching) throw new ApiError(400, "Give either 'matching' (with the profile's key) or 'custom_request', not both");
	const matching = customRequest ? null : readMatching(b, START_MODES, 'campaigns/triggers/start/');
	const ident = matching ? readIdent(b, matching) : null;
	const pred = customRequest ? compileQuery(customRequest, 'custom_request') : null;
	const resourceId = P.optInt(b, 'resource_id');
	const filter = S.readSubscriptionFilter(b);
	const content = S.readContent(b);
	const customData = S.readCustomData(b);
	const files = S.readAttach(ctx, ms, b);
	const t = launchable(ctx, ms, id);
	const msg = { content, customData, files };
	if (pred) {
		sendToAll(ctx, ms, t, queryProfiles(t.db, pred), msg, new Set());
		return {};
	}
	const mode = /** @type {string} */ (matching);
	const key = /** @type {Ident} */ (ident);
	S.checkFilterChannel(filter, t.m.send_channel);
	checkFieldName(t.db, mode, key.field_name);
	checkMatchingResource(ctx, resourceId, t.db);
	const p = resolveOne(ctx.store, t.db, mode, key, resourceId);
	if (!p) throw new ApiError(404, `Profile not found in database ${t.db.info.id} (matching '${mode}')`);
	const subs = S.pickSubscriptions(ctx.store, t.db, p.subscriptions, t.m, t.setup.template, filter);
	if (subs.length === 0) throw S.noSubscriptionError(t.m, p.id);
	S.deliver(ctx, ms, { kind: 'trigger', mailing: t.m, setup: t.setup, profile: p, subs, ...msg });
	return {};
}

/**
 * Import (upsert) one profile into the trigger's database, then send to it. Refused before anything changes when
 * the imported profile would have no sendable subscription (404).
 * @param {HandlerContext} ctx
 * @param {MessagingState} ms
 * @param {{ m: Mailing, setup: SendSetup, db: DbState }} t
 * @param {{ matching: string, ident: Ident, data: Record<string, any>, resourceId?: number, skipTriggers: boolean,
 *   skipInvalidSubs: boolean, detectGeo: boolean, delayMinutes: number, content: Record<string, any>,
 *   customData: Record<string, any> | null, files: Attachment[] }} q
 * @returns {Profile}
 */
function importAndSend(ctx, ms, t, q) {
	const planned = S.plannedSubscriptions(ctx, t.db, q);
	if (S.pickSubscriptions(ctx.store, t.db, planned, t.m, t.setup.template, null).length === 0) throw S.noSubscriptionError(t.m, null);
	const { profile } = writeProfile(ctx, t.db, {
		kind: 'import',
		matching: q.matching,
		ident: q.ident,
		data: q.data,
		resourceId: q.resourceId,
		skipTriggers: q.skipTriggers,
		skipInvalidSubs: q.skipInvalidSubs,
		detectGeo: q.detectGeo,
	});
	const subs = S.pickSubscriptions(ctx.store, t.db, profile.subscriptions, t.m, t.setup.template, null);
	S.deliver(ctx, ms, {
		kind: 'trigger',
		mailing: t.m,
		setup: t.setup,
		profile,
		subs,
		content: q.content,
		customData: q.customData,
		files: q.files,
		delayMinutes: q.delayMinutes,
		skipTriggers: q.skipTriggers,
	});
	return profile;
}

/** @param {HandlerContext} ctx */
function importAndStart(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = readTriggerId(b, 'trigger_id');
	const data = P.reqObject(b, 'data');
	const matching = readMatching(b, IMPORT_MODES, 'campaigns/triggers/import_and_start');
	const ident = readIdent(b, matching);
	const resourceId = P.optInt(b, 'resource_id');
	const opts = readImportOpts(b);
	const delayMinutes = S.readTimeout(b);
	const content = S.readContent(b);
	const customData = S.readCustomData(b);
	const files = S.readAttach(ctx, ms, b);
	const t = launchable(ctx, ms, id);
	checkFieldName(t.db, matching, ident.field_name);
	checkMatchingResource(ctx, resourceId, t.db);
	const profile = importAndSend(ctx, ms, t, { matching, ident, data, resourceId, ...opts, delayMinutes, content, customData, files });
	return { profile_id: profile.id };
}

/**
 * The entries of start_batch / start_batch_task, validated before anything is sent (a malformed entry: 400 for the
 * whole request): a matching key, or `custom_request`; an optional own `custom_data`.
 * @param {any[]} data
 * @param {string} matching
 * @param {string | undefined} fieldName
 * @returns {Array<{ ident?: Ident, query?: Predicate, customData?: Record<string, any> }>}
 */
function readStartEntries(data, matching, fieldName) {
	return data.map((el, i) => {
		if (!P.isPlainObject(el)) throw new ApiError(400, `Parameter 'data[${i}]' must be an object`);
		const cd = el.custom_data;
		if (cd !== undefined && cd !== null && !P.isPlainObject(cd)) throw new ApiError(400, `Parameter 'data[${i}].custom_data' must be an object`);
		const customData = cd ?? undefined;
		if (el.custom_request !== undefined && el.custom_request !== null) {
			return { query: compileQuery(el.custom_request, `data[${i}].custom_request`), customData };
		}
		return { ident: readIdent(el, matching, { prefix: `data[${i}].`, fieldName, batchElement: true }), customData };
	});
}

/**
 * start_batch and start_batch_task: send to each entry's profile (or query audience) once; entries whose profile is
 * not found, ambiguous, or without a sendable subscription are left out.
 * @param {HandlerContext} ctx
 * @param {'id' | 'trigger_id'} idName
 * @param {string[]} modes
 * @param {boolean} task
 * @returns {{ t: { m: Mailing, setup: SendSetup, db: DbState }, result: string[] }}
 */
function startBatchCore(ctx, idName, modes, task) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = readTriggerId(b, idName);
	const rootQuery = task ? P.optObject(b, 'custom_request') : undefined;
	const data = rootQuery && (b.data === undefined || b.data === null) ? [] : P.reqArray(b, 'data');
	checkBatchSize(ctx, data);
	const matching = readMatching(b, modes, ctx.path.replace('/api/v1.1/', ''));
	const fieldName = matching === 'custom' || matching === 'custom_sub' ? P.reqString(b, 'field_name') : undefined;
	const resourceId = P.optInt(b, 'resource_id');
	const skipTriggers = P.optBool(b, 'skip_triggers', false);
	const content = S.readContent(b);
	const customData = S.readCustomData(b);
	const files = S.readAttach(ctx, ms, b);
	const entries = readStartEntries(data, matching, fieldName);
	const rootPred = rootQuery ? compileQuery(rootQuery, 'custom_request') : null;
	const t = launchable(ctx, ms, id);
	checkFieldName(t.db, matching, fieldName);
	checkMatchingResource(ctx, resourceId, t.db);
	/** @type {Set<string>} */
	const seen = new Set();
	/** @type {string[]} */
	const result = [];
	const msgOf = (/** @type {Record<string, any> | undefined} */ own) => ({ content, customData: mergeCustomData(customData, own), files, skipTriggers });
	if (rootPred) result.push(...sendToAll(ctx, ms, t, queryProfiles(t.db, rootPred), msgOf(undefined), seen));
	entries.forEach((e, i) => {
		/** @type {Profile[]} */
		let profiles = [];
		if (e.query) {
			profiles = queryProfiles(t.db, e.query);
		} else {
			try {
				const p = resolveOne(ctx.store, t.db, matching, /** @type {Ident} */ (e.ident), resourceId);
				if (p) profiles = [p];
				else ms.log(t.m, 'WARN', `data[${i}]: profile not found`, ctx.now);
			} catch (err) {
				if (!(err instanceof ApiError)) throw err;
				ms.log(t.m, 'WARN', `data[${i}]: ${err.text}`, ctx.now);
			}
		}
		result.push(...sendToAll(ctx, ms, t, profiles, msgOf(e.customData), seen));
	});
	return { t, result };
}

/**
 * import_and_start_batch(_task): each entry `{data: {...}}` is imported and sent to on its own; its result is
 * `{error: 0, error_text, profile_id}` or `{error, error_text}` (nothing applied for that entry).
 * @param {HandlerContext} ctx
 * @returns {{ t: { m: Mailing, setup: SendSetup, db: DbState }, result: Array<Record<string, any>> }}
 */
function importBatchCore(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = readTriggerId(b, 'trigger_id');
	const data = P.reqArray(b, 'data');
	checkBatchSize(ctx, data);
	const matching = readMatching(b, IMPORT_MODES, ctx.path.replace('/api/v1.1/', ''));
	const fieldName = matching === 'custom' ? P.reqString(b, 'field_name') : undefined;
	const resourceId = P.optInt(b, 'resource_id');
	const opts = readImportOpts(b);
	const delayMinutes = S.readTimeout(b);
	const content = S.readContent(b);
	const customData = S.readCustomData(b);
	const files = S.readAttach(ctx, ms, b);
	const t = launchable(ctx, ms, id);
	checkFieldName(t.db, matching, fieldName);
	checkMatchingResource(ctx, resourceId, t.db);
	const result = data.map((el, i) => {
		try {
			const { ident, pdata, own } = readImportEntry(el, i, matching, fieldName, t.db);
			const p = importAndSend(ctx, ms, t, {
				matching,
				ident,
				data: pdata,
				resourceId,
				...opts,
				delayMinutes,
				content,
				customData: mergeCustomData(customData, own),
				files,
			});
			return { error: 0, error_text: SUCCESS_TEXT, profile_id: p.id };
		} catch (e) {
			if (e instanceof ApiError) return { error: e.code, error_text: e.text };
			throw e;
		}
	});
	return { t, result };
}

/**
 * One entry of an import batch: `{data: {...profile fields...}}`; the matching key at the entry's top level
 * (`email`, `phone`, `profile_id`, `field_value`) or, as in the documented example, inside its `data`.
 * @param {unknown} el
 * @param {number} i
 * @param {string} matching
 * @param {string | undefined} fieldName
 * @param {DbState} db
 * @returns {{ ident: Ident, pdata: Record<string, any>, own: Record<string, any> | undefined }}
 */
function readImportEntry(el, i, matching, fieldName, db) {
	if (!P.isPlainObject(el)) throw new ApiError(400, `data[${i}] must be an object {data: {...}}`);
	const pdata = el.data;
	if (!P.isPlainObject(pdata)) throw new ApiError(400, `data[${i}].data is required (an object with the profile fields)`);
	const own = el.custom_data;
	if (own !== undefined && own !== null && !P.isPlainObject(own)) throw new ApiError(400, `data[${i}].custom_data must be an object`);
	const keys = MODES[matching].ids;
	const atTop = keys.some((k) => k !== 'field_name' && el[k] !== undefined && el[k] !== null && el[k] !== '');
	const ident = atTop
		? readIdent(el, matching, { prefix: `data[${i}].`, fieldName })
		: readIdent(pdata, matching, { prefix: `data[${i}].data.`, fieldName, batchElement: true });
	return { ident, pdata: stripIdentKeys(pdata, matching, db), own: own ?? undefined };
}

/**
 * @param {HandlerContext} ctx
 * @param {number} dbId
 * @param {string} type
 * @param {any} result
 */
function task(ctx, dbId, type, result) {
	const t = ctx.store.createTask({ accountId: ctx.principal.accountId, type, dbId, pollsUntilDone: ctx.options.taskPollsUntilDone, result });
	return { data: { task_id: t.id } };
}

/** Body carries files when `attach` is a non-empty array (then the 100 MB body limit applies). */
/** @param {Record<string, any>} b */
const withAttach = (b) => Array.isArray(b.attach) && b.attach.length > 0;

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/campaigns/triggers/list/': { modifying: false, handle: list },
	'/api/v1.1/campaigns/triggers/get': { modifying: false, handle: get },
	'/api/v1.1/campaigns/triggers/add/': { modifying: true, handle: add },
	'/api/v1.1/campaigns/triggers/update/': { modifying: true, handle: update },
	'/api/v1.1/campaigns/triggers/clone': { modifying: true, handle: (ctx) => M.cloneMailing(ctx, ['trigger']) },
	'/api/v1.1/campaigns/triggers/start/': { modifying: true, fileBody: withAttach, handle: start },
	'/api/v1.1/campaigns/triggers/import_and_start': { modifying: true, fileBody: withAttach, handle: importAndStart },
	'/api/v1.1/campaigns/triggers/start_batch': {
		modifying: true,
		fileBody: withAttach,
		handle: (ctx) => ({ result: startBatchCore(ctx, 'trigger_id', BATCH_MODES, false).result }),
	},
	'/api/v1.1/campaigns/triggers/import_and_start_batch': { modifying: true, fileBody: withAttach, handle: (ctx) => ({ result: importBatchCore(ctx).result }) },
	'/api/v1.1/campaigns/triggers/start_batch_task': {
		modifying: true,
		fileBody: withAttach,
		handle: (ctx) => {
			const { t, result } = startBatchCore(ctx, 'id', TASK_MODES, true);
			return task(ctx, t.db.info.id, 'trigger_start_batch', result);
		},
	},
	'/api/v1.1/campaigns/triggers/import_and_start_batch_task': {
		modifying: true,
		fileBody: withAttach,
		handle: (ctx) => {
			const { t, result } = importBatchCore(ctx);
			return task(ctx, t.db.info.id, 'trigger_import_and_start_batch', result);
		},
	},
};
