// @ts-check
'use strict';

/**
 * Goals (51-goals-events.md): POST /api/v1.1/goals/register records one goal (`goal` + `value`) or several (`goals[]`)
 * of a pixel for a profile found by matching in `db_id`. Recorded goals are kept (emu.commerce.getGoals()) and each call
 * adds one ledger entry `goal.register`. The profile is not changed (`enrich_profile` and `vendor` are stored with
 * the goal only).
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const C = require('../lib/commerce');
const { requireDb, isPlainObject } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/commerce').GoalEvent} GoalEvent
 */

const GOAL_MODES = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];

/**
 * Latin or Cyrillic letters, digits, spaces and tabs, currency signs and ! # $ % & * + - . , : ; ' = ? @ ^ _ ( ) [ ] / \ |
 * (digits are not in the documented list; the emulator accepts them).
 */
const GOAL_NAME_RE = /^[A-Za-z\u0400-\u04FF0-9 \t\p{Sc}!#$%&*+\-.,:;'=?@^_()[\]/\\|]+$/u;
const PIXEL_DATA_MAX = 1024;

/**
 * @param {string} name
 * @param {string} label
 */
function checkGoalName(name, label) {
	if ([...name].length > 128) throw new ApiError(450, `Validation error: '${label}' must be at most 128 characters`);
	if (!GOAL_NAME_RE.test(name)) {
		throw new ApiError(450, `Validation error: '${label}' may only hold Latin or Cyrillic letters, digits, spaces, currency signs and ! # $ % & * + - . , : ; ' = ? @ ^ _ ( ) [ ] / \\ |`);
	}
}

/** @param {unknown} v */
function isScalar(v) {
	return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** @param {HandlerContext} ctx */
function register(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const dbId = P.reqInt(b, 'db_id');
	const pixelId = P.reqInt(b, 'pixel_id');
	const goal = P.optString(b, 'goal');
	const hasGoal = goal !== undefined && goal !== '';
	const hasGoals = b.goals !== undefined && b.goals !== null;
	if (!hasGoal && !hasGoals) throw new ApiError(400, "Parameter 'goal' or 'goals' is required");
	if (hasGoal && hasGoals) throw new ApiError(400, "Send either 'goal' (with 'value') or 'goals', not both");
	/** @type {Array<{ goal: string, value: number | null, label: string }>} */
	const items = [];
	if (hasGoal) {
		const v = b.value;
		if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v))) throw new ApiError(400, "Parameter 'value' must be a number");
		items.push({ goal: /** @type {string} */ (goal), value: typeof v === 'number' ? v : null, label: 'goal' });
	} else {
		const list = P.reqArray(b, 'goals');
		if (list.length === 0) throw new ApiError(400, "Parameter 'goals' must contain at least one goal");
		list.forEach((g, i) => {
			if (!isPlainObject(g)) throw new ApiError(400, `Parameter 'goals[${i}]' must be an object {goal, value}`);
			const name = C.nestedString(g, 'goal', `goals[${i}].`);
			const v = g.value;
			if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v))) throw new ApiError(400, `Parameter 'goals[${i}].value' must be a number`);
			items.push({ goal: name, value: typeof v === 'number' ? v : null, label: `goals[${i}].goal` });
		});
	}
	P.optString(b, 'date');
	const pixelData = P.optObject(b, 'pixel_data');
	const skipTriggers = P.optBool(b, 'skip_triggers', false);
	const enrich = P.optBool(b, 'enrich_profile', true);
	const isTest = P.optBool(b, 'is_test', false);
	/** @type {Record<string, string>} */
	const extra = {};
	for (const k of ['vendor', 'referer', 'user_agent', 'accept_language', 'client_ip']) extra[k] = P.optString(b, k) ?? '';
	const key = C.readProfileKey(b, { modes: GOAL_MODES, required: false });

	const db = requireDb(ctx, dbId);
	const pixel = C.commerce(ctx.store).pixels.get(pixelId);
	if (!pixel || pixel.accountId !== ctx.principal.accountId) throw new ApiError(404, `Pixel ${pixelId} not found (it does not exist or is outside the token's visibility zone)`);
	const profile = C.resolveProfile(ctx.store, db, key);

	for (const it of items) checkGoalName(it.goal, it.label);
	const date = C.readDate(b, 'date', false);
	if (pixelData) {
		for (const [k, v] of Object.entries(pixelData)) {
			if (!isScalar(v) && !(Array.isArray(v) && v.every(isScalar))) {
				throw new ApiError(450, `Validation error: 'pixel_data.${k}': pixel_data must be flat (no nested objects)`);
			}
		}
		if (Buffer.byteLength(JSON.stringify(pixelData)) > PIXEL_DATA_MAX) throw new ApiError(450, 'Validation error: pixel_data is larger than 1 KB');
	}

	const s = C.commerce(ctx.store);
	const now = C.isoSec(C.nowMs(ctx.store));
	const when = date ? date.iso : now;
	for (const it of items) {
		/** @type {GoalEvent} */
		const ev = {
			id: s.goals.length + 1,
			accountId: ctx.principal.accountId,
			dbId: db.info.id,
			profileId: profile.id,
			pixel_id: pixel.id,
			goal: it.goal,
			value: it.value,
			date: when,
			pixel_data: pixelData ? structuredClone(pixelData) : null,
			is_test: isTest,
			skip_triggers: skipTriggers,
			enrich_profile: enrich,
			vendor: extra.vendor,
			referer: extra.referer,
			user_agent: extra.user_agent,
			accept_language: extra.accept_language,
			client_ip: extra.client_ip,
			registered_at: now,
		};
		s.goals.push(ev);
	}
	ctx.ledger(
		'goal.register',
		db.info.id,
		profile.id,
		{ pixel_id: pixel.id, goals: items.map((i) => ({ goal: i.goal, value: i.value })), date: when, is_test: isTest },
		{ skipTriggers },
	);
	return {};
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/goals/register': { modifying: true, handle: register },
};
