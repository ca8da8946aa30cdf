// @ts-check
'use strict';

/**
 * Automation scenarios (42-automation.md): `workflows/start`, `import_and_start`, `import_and_start_batch`,
 * `import_and_start_batch_task`, `list`, `activate`, `deactivate` (unconfirmed path).
 *
 * The emulator does not run scenario nodes: putting a profile into a scenario is recorded as a ScenarioStart
 * (`emu.messaging.getScenarioStarts()`) and a ledger entry `scenario.start`. Only an active scenario accepts profiles
 * (450). A scenario belongs to one database (`list_id`); its profiles are looked up / imported there. No subscription
 * is needed to enter a scenario.
 */

const { ApiError, SUCCESS_TEXT } = require('../lib/errors');
const P = require('../lib/params');
const { MODES, readMatching, readIdent, checkFieldName, resolveOne, stripIdentKeys } = require('../lib/matching');
const { writeProfile } = require('../lib/profile-write');
const { compileQuery } = require('../lib/query');
const { queryDoc } = require('../lib/segments');
const { messagingOf } = require('../lib/messaging');
const { readGroupFilters, readAttributesFilter, matchesAttributes } = require('../lib/mailings');
const S = require('../lib/sending');
const { pageById, readIntPaging, matchesGroups, requireDb, checkMatchingResource } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').DbState} DbState
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../lib/messaging').Scenario} Scenario
 * @typedef {import('../lib/messaging').Attachment} Attachment
 * @typedef {import('../lib/matching').Ident} Ident
 * @typedef {{ content: Record<string, any>, customData: Record<string, any> | null, files: Attachment[],
 *   subscriptionFilter: Record<string, any> | null, skipTriggers: boolean }} StartData
 */

const START_MODES = ['email', 'phone', 'profile_id', 'custom'];
const IMPORT_MODES = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {Scenario}
 */
function requireScenario(ctx, id) {
	const s = messagingOf(ctx.store).visibleScenario(ctx.principal, id);
	if (!s) throw new ApiError(404, `Scenario ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return s;
}

/**
 * A scenario that accepts profiles: visible (404) and active (450); with its database.
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {{ s: Scenario, db: DbState }}
 */
function enterable(ctx, id) {
	const s = requireScenario(ctx, id);
	if (!s.is_active) throw S.invalid(`scenario ${id} is not active (activate it with workflows/activate)`);
	return { s, db: requireDb(ctx, s.list_id) };
}

/**
 * Record the entry of a profile into the scenario.
 * @param {HandlerContext} ctx
 * @param {Scenario} s
 * @param {Profile} p
 * @param {StartData} d
 */
function enter(ctx, s, p, d) {
	const ms = messagingOf(ctx.store);
	const attachments = d.files.map((f) => f.name);
	ms.starts.push({
		seq: ms.starts.length + 1,
		scenarioId: s.id,
		profileId: p.id,
		dbId: p.dbId,
		content: structuredClone(d.content),
		customData: d.customData ? structuredClone(d.customData) : null,
		attachments,
		subscriptionFilter: d.subscriptionFilter ? structuredClone(d.subscriptionFilter) : null,
		skipTriggers: d.skipTriggers,
		path: ctx.path,
		requestId: ctx.requestId,
		at: ctx.now,
	});
	ctx.ledger('scenario.start', p.dbId, p.id, { scenarioId: s.id, content: d.content, customData: d.customData, attachments }, { skipTriggers: d.skipTriggers });
}

/** @param {Record<string, any>} b */
function readImportOpts(b) {
	return {
		skipTriggers: P.optBool(b, 'skip_triggers', false),
		skipInvalidSubs: P.optBool(b, 'skip_invalid_subscriptions', false),
		detectGeo: P.optBool(b, 'detect_geo', false),
	};
}

/**
 * `workflow_id` of the import calls (a 400 that names it when `id` was sent instead).
 * @param {Record<string, any>} b
 */
function readWorkflowId(b) {
	if ((b.workflow_id === undefined || b.workflow_id === null) && b.id !== undefined && b.id !== null) {
		throw new ApiError(400, "Parameter 'workflow_id' is required (this call takes 'workflow_id', not 'id')");
	}
	return P.reqInt(b, 'workflow_id');
}

/**
 * `matching` of the import calls: required (42-automation.md).
 * @param {Record<string, any>} b
 * @param {string} method
 */
function readRequiredMatching(b, method) {
	if (b.matching === undefined || b.matching === null || b.matching === '') throw new ApiError(400, "Parameter 'matching' is required");
	return readMatching(b, IMPORT_MODES, method);
}

/**
 * `db_id` of the import calls: optional; when sent it must be the scenario's database (450) and visible (404).
 * @param {HandlerContext} ctx
 * @param {number | undefined} dbId
 * @param {Scenario} s
 */
function checkDbId(ctx, dbId, s) {
	if (dbId === undefined) return;
	requireDb(ctx, dbId);
	if (dbId !== s.list_id) throw S.invalid(`scenario ${s.id} works with database ${s.list_id}, not ${dbId}`);
}

/** @param {HandlerContext} ctx */
function start(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	if ((b.id === undefined || b.id === null) && b.workflow_id !== undefined && b.workflow_id !== null) {
		throw new ApiError(400, "Parameter 'id' is required (this call takes 'id', not 'workflow_id')");
	}
	const id = P.reqInt(b, 'id');
	const customRequest = P.optObject(b, 'custom_request');
	const hasMatching = b.matching !== undefined && b.matching !== null && b.matching !== '';
	if (customRequest && hasMatching) throw new ApiError(400, "Give either 'matching' (with the profile's key) or 'custom_request', not both");
	const matching = customRequest ? null : readMatching(b, START_MODES, 'workflows/start');
	const ident = matching ? readIdent(b, matching) : null;
	const pred = customRequest ? compileQuery(customRequest, 'custom_request') : null;
	const resourceId = P.optInt(b, 'resource_id');
	const filter = S.readSubscriptionFilter(b);
	/** @type {StartData} */
	const d = {
		content: S.readContent(b),
		customData: S.readCustomData(b),
		files: S.readAttach(ctx, ms, b),
		subscriptionFilter: pred ? null : filter,
		skipTriggers: false,
	};
	const { s, db } = enterable(ctx, id);
	if (pred) {
		for (const p of db.order.filter((x) => pred(queryDoc(x)))) enter(ctx, s, p, d);
		return {};
	}
	const mode = /** @type {string} */ (matching);
	const key = /** @type {Ident} */ (ident);
	checkFieldName(db, mode, key.field_name);
	checkMatchingResource(ctx, resourceId, db);
	const p = resolveOne(ctx.store, db, mode, key, resourceId);
	if (!p) throw new ApiError(404, `Profile not found in database ${db.info.id} (matching '${mode}')`);
	enter(ctx, s, p, d);
	return {};
}

/** @param {HandlerContext} ctx */
function importAndStart(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = readWorkflowId(b);
	const matching = readRequiredMatching(b, 'workflows/import_and_start');
	const ident = readIdent(b, matching);
	const dbId = P.optInt(b, 'db_id');
	const data = P.optObject(b, 'data') ?? {};
	const resourceId = P.optInt(b, 'resource_id');
	const opts = readImportOpts(b);
	/** @type {StartData} */
	const d = { content: S.readContent(b), customData: S.readCustomData(b), files: S.readAttach(ctx, ms, b), subscriptionFilter: null, skipTriggers: opts.skipTriggers };
	const { s, db } = enterable(ctx, id);
	checkDbId(ctx, dbId, s);
	checkFieldName(db, matching, ident.field_name);
	checkMatchingResource(ctx, resourceId, db);
	const { profile } = writeProfile(ctx, db, { kind: 'import', matching, ident, data, resourceId, ...opts });
	enter(ctx, s, profile, d);
	return { profile_id: profile.id };
}

/**
 * import_and_start_batch(_task): entries `{data: {...}}` (matching key at the entry's top level or inside `data`),
 * each imported and entered on its own; per-entry `{error, error_text, profile_id}`.
 * @param {HandlerContext} ctx
 * @returns {{ s: Scenario, db: DbState, result: Array<Record<string, any>> }}
 */
function batchCore(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const ms = messagingOf(ctx.store);
	const id = readWorkflowId(b);
	const matching = readRequiredMatching(b, ctx.path.replace('/api/v1.1/', ''));
	const data = P.reqArray(b, 'data');
	if (data.length > ctx.options.maxBatchSize) {
		throw new ApiError(400, `Parameter 'data': ${data.length} profiles in one request; at most ${ctx.options.maxBatchSize} are allowed`);
	}
	const fieldName = matching === 'custom' ? P.reqString(b, 'field_name') : undefined;
	const dbId = P.optInt(b, 'db_id');
	const resourceId = P.optInt(b, 'resource_id');
	const opts = readImportOpts(b);
	const content = S.readContent(b);
	const customData = S.readCustomData(b);
	const files = S.readAttach(ctx, ms, b);
	const { s, db } = enterable(ctx, id);
	checkDbId(ctx, dbId, s);
	checkFieldName(db, matching, fieldName);
	checkMatchingResource(ctx, resourceId, db);
	const result = data.map((el, i) => {
		try {
			if (!P.isPlainObject(el)) throw new ApiError(400, `data[${i}] must be an object {data: {...}}`);
			const pdata = el.data;
			if (!P.isPlainObject(pdata)) throw new ApiError(400, `data[${i}].data is required (an object with the profile fields)`);
			const own = el.custom_data;
			if (own !== undefined && own !== null && !P.isPlainObject(own)) throw new ApiError(400, `data[${i}].custom_data must be an object`);
			const atTop = MODES[matching].ids.some((k) => k !== 'field_name' && el[k] !== undefined && el[k] !== null && el[k] !== '');
			const ident = atTop
				? readIdent(el, matching, { prefix: `data[${i}].`, fieldName })
				: readIdent(pdata, matching, { prefix: `data[${i}].data.`, fieldName, batchElement: true });
			const { profile } = writeProfile(ctx, db, { kind: 'import', matching, ident, data: stripIdentKeys(pdata, matching, db), resourceId, ...opts });
			enter(ctx, s, profile, { content, customData: own ? { ...(customData || {}), ...own } : customData, files, subscriptionFilter: null, skipTriggers: opts.skipTriggers });
			return { error: 0, error_text: SUCCESS_TEXT, profile_id: profile.id };
		} catch (e) {
			if (e instanceof ApiError) return { error: e.code, error_text: e.text };
			throw e;
		}
	});
	return { s, db, result };
}

/**
 * workflows/list element (groups as `{ID, title}`, as documented).
 * @param {Scenario} s
 */
function view(s) {
	return {
		id: s.id,
		name: s.name,
		list_id: s.list_id,
		is_active: s.is_active,
		mode: s.mode,
		ui_tags: s.ui_tags.slice(),
		groups: s.groups.map((g) => ({ ID: g.id, title: g.name })),
		nodes: structuredClone(s.nodes),
	};
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const g = readGroupFilters(b);
	const attrs = readAttributesFilter(b);
	const ms = messagingOf(ctx.store);
	const items = [...ms.scenarios.values()]
		.filter((s) => ms.visibleScenario(ctx.principal, s.id) && matchesGroups(g, s) && matchesAttributes(attrs, s.attributes))
		.sort((x, y) => x.id - y.id);
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return { data: page.map(view), next_from_id, total: total_count };
}

/** @param {HandlerContext} ctx */
function activate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const skip = P.optBool(b, 'skip_profiles', false);
	const s = requireScenario(ctx, id);
	if (!s.is_active || skip) {
		s.is_active = true;
		s.update_time = ctx.now;
		ctx.ledger('scenario.activate', s.list_id, null, { scenarioId: id, skipProfiles: skip });
	}
	return { data: null };
}

/** @param {HandlerContext} ctx */
function deactivate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const s = requireScenario(ctx, P.reqInt(b, 'id'));
	if (s.is_active) {
		s.is_active = false;
		s.update_time = ctx.now;
		ctx.ledger('scenario.deactivate', s.list_id, null, { scenarioId: s.id });
	}
	return { data: null };
}

/** @param {Record<string, any>} b */
const withAttach = (b) => Array.isArray(b.attach) && b.attach.length > 0;

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/workflows/start': { modifying: true, fileBody: withAttach, handle: start },
	'/api/v1.1/workflows/import_and_start': { modifying: true, fileBody: withAttach, handle: importAndStart },
	'/api/v1.1/workflows/import_and_start_batch': { modifying: true, fileBody: withAttach, handle: (ctx) => ({ result: batchCore(ctx).result }) },
	'/api/v1.1/workflows/import_and_start_batch_task': {
		modifying: true,
		fileBody: withAttach,
		handle: (ctx) => {
			const { db, result } = batchCore(ctx);
			const t = ctx.store.createTask({ accountId: ctx.principal.accountId, type: 'workflow_import_and_start_batch', dbId: db.info.id, pollsUntilDone: ctx.options.taskPollsUntilDone, result });
			return { data: { task_id: t.id } };
		},
	},
	'/api/v1.1/workflows/list': { modifying: false, handle: list },
	'/api/v1.1/workflows/activate': { modifying: true, handle: activate },
	'/api/v1.1/workflows/deactivate': { modifying: true, handle: deactivate },
};
