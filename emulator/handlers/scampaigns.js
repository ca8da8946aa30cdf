// @ts-check
'use strict';

/**
 * Campaigns — super-campaigns that group mailings and scenarios (41-campaigns.md part F): `scampaigns/list`, `get`,
 * `activate`, `deactivate`, `completed`, `get_status`.
 *
 * State machine (`state`): inactive → active (activate without a start date, or one in the past) or waiting (a start
 * date in the future); waiting → active when the start date has passed; active/waiting → inactive (deactivate, or
 * the deactivate date has passed); inactive/waiting/active → completed (`completed`, or the completed date has
 * passed) — irreversible. Dates are evaluated whenever the campaign is read. `completed` also deactivates the mailings
 * and scenarios of `audience.extension_conf`. A request for the state the campaign is already in succeeds and changes
 * nothing; any other transition out of completed, deleted or cloning gets 450.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { messagingOf, CAMPAIGN_STATES } = require('../lib/messaging');
const { readGroupFilters, readAttributesFilter, matchesAttributes } = require('../lib/mailings');
const { invalid } = require('../lib/sending');
const { pageById, readIntPaging, matchesGroups } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../lib/messaging').Campaign} Campaign
 * @typedef {import('../lib/messaging').CampaignState} CampaignState
 */

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Apply the dates that have passed.
 * @param {Campaign} c
 * @param {number} now
 */
function settle(c, now) {
	const due = (/** @type {string} */ d) => d !== '' && Date.parse(d) <= now;
	if (c.state === 'waiting' && due(c.activate_date)) c.state = 'active';
	if ((c.state === 'active' || c.state === 'waiting') && due(c.deactivate_date)) c.state = 'inactive';
	if ((c.state === 'active' || c.state === 'waiting' || c.state === 'inactive') && due(c.completed_date)) c.state = 'completed';
}

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {Campaign}
 */
function requireCampaign(ctx, id) {
	const c = messagingOf(ctx.store).visibleCampaign(ctx.principal, id);
	if (!c) throw new ApiError(404, `Campaign ${id} not found (it does not exist or is outside the token's visibility zone)`);
	settle(c, Date.parse(ctx.now));
	return c;
}

/**
 * @param {Campaign} c
 */
function view(c) {
	return {
		id: c.id,
		name: c.name,
		description: c.description,
		tags: c.tags.slice(),
		state: c.state,
		is_delete: c.state === 'deleted',
		createtime: c.createtime,
		updatetime: c.updatetime,
		updated_user: c.updated_user,
		activate_date: c.activate_date,
		deactivate_date: c.deactivate_date,
		completed_date: c.completed_date,
		audience: structuredClone(c.audience),
		ui_tags: c.ui_tags.slice(),
		groups: c.groups.map((g) => ({ id: g.id, name: g.name })),
		attributes: structuredClone(c.attributes),
	};
}

/**
 * The mailings and scenarios of a campaign (audience.extension_conf) that the token can see.
 * @param {HandlerContext} ctx
 * @param {Campaign} c
 */
function activities(ctx, c) {
	const ms = messagingOf(ctx.store);
	const conf = c.audience.extension_conf || {};
	/** @type {Array<Record<string, any>>} */
	const out = [];
	for (const [key, type] of [['triggers', 'trigger'], ['broadcasts', 'broadcast'], ['regulars', 'regular'], ['abns', 'splittest']]) {
		for (const id of (conf[key] && conf[key].ids) || []) {
			const m = ms.visibleMailing(ctx.principal, id);
			if (m) out.push({ type, id: m.id, name: m.name, is_active: m.is_active });
		}
	}
	for (const id of (conf.workflows && conf.workflows.ids) || []) {
		const s = ms.visibleScenario(ctx.principal, id);
		if (s) out.push({ type: 'workflow', id: s.id, name: s.name, is_active: s.is_active });
	}
	return out;
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const state = P.optString(b, 'state');
	if (state !== undefined && !CAMPAIGN_STATES.includes(state)) throw new ApiError(400, `Parameter 'state' must be one of ${CAMPAIGN_STATES.join(', ')}`);
	const g = readGroupFilters(b);
	const attrs = readAttributesFilter(b);
	const now = Date.parse(ctx.now);
	const items = [...messagingOf(ctx.store).campaigns.values()]
		.filter((c) => c.accountId === ctx.principal.accountId)
		.filter((c) => (settle(c, now), state === undefined ? c.state !== 'deleted' : c.state === state))
		.filter((c) => matchesGroups(g, c) && matchesAttributes(attrs, c.attributes))
		.sort((x, y) => x.id - y.id);
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return { data: page.map(view), next_from_id, total_count };
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const withActivities = P.optBool(b, 'marketing_activities', false);
	const c = requireCampaign(ctx, id);
	return { data: [{ ...view(c), ...(withActivities ? { marketing_activities: activities(ctx, c) } : {}) }] };
}

/** @param {HandlerContext} ctx */
function getStatus(ctx) {
	P.checkFormat(ctx.body);
	return { data: { status: requireCampaign(ctx, P.reqInt(ctx.body, 'id')).state } };
}

/**
 * An RFC 3339 date parameter: not a string → 400, not a date-time → 450; '' or absent → ''.
 * @param {Record<string, any>} b
 * @param {string} name
 * @returns {string}
 */
function readDate(b, name) {
	const v = P.optString(b, name);
	if (v === undefined || v === '') return '';
	if (!RFC3339.test(v) || Number.isNaN(Date.parse(v))) throw invalid(`'${name}' must be an RFC 3339 date-time such as 2025-04-01T18:45:00Z`);
	return new Date(v).toISOString();
}

/**
 * @param {Campaign} c
 * @param {string} action
 */
function refuseFinal(c, action) {
	if (c.state === 'completed') throw invalid(`campaign ${c.id} is completed; completion is irreversible, it cannot be ${action}`);
	if (c.state === 'deleted') throw invalid(`campaign ${c.id} is deleted; it cannot be ${action}`);
	if (c.state === 'cloning') throw invalid(`campaign ${c.id} is being cloned; it cannot be ${action} yet`);
}

/** @param {HandlerContext} ctx */
function activate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	// the parameter table names the start `activate_date`, the example and the note `start_date`: both are accepted
	const start = b.start_date !== undefined && b.start_date !== null ? readDate(b, 'start_date') : readDate(b, 'activate_date');
	const stop = readDate(b, 'deactivate_date');
	const done = readDate(b, 'completed_date');
	const now = Date.parse(ctx.now);
	const from = start === '' ? now : Date.parse(start);
	if (stop !== '' && Date.parse(stop) <= from) throw invalid("'deactivate_date' must be later than the start date");
	if (done !== '' && Date.parse(done) <= from) throw invalid("'completed_date' must be later than the start date");
	const c = requireCampaign(ctx, id);
	refuseFinal(c, 'activated');
	/** @type {CampaignState} */
	const next = from > now ? 'waiting' : 'active';
	const changed = c.state !== next || c.activate_date !== start || c.deactivate_date !== stop || c.completed_date !== done;
	if (changed) {
		const before = c.state;
		c.state = next;
		c.activate_date = start;
		c.deactivate_date = stop;
		c.completed_date = done;
		c.updatetime = ctx.now;
		c.updated_user = ctx.principal.name;
		ctx.ledger('campaign.activate', null, null, { campaignId: id, from: before, to: next, activate_date: start, deactivate_date: stop, completed_date: done });
	}
	return { data: null };
}

/** @param {HandlerContext} ctx */
function deactivate(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const c = requireCampaign(ctx, P.reqInt(b, 'id'));
	if (c.state === 'inactive') return { data: null };
	refuseFinal(c, 'deactivated');
	const before = c.state;
	c.state = 'inactive';
	c.updatetime = ctx.now;
	c.updated_user = ctx.principal.name;
	ctx.ledger('campaign.deactivate', null, null, { campaignId: c.id, from: before, to: 'inactive' });
	return { data: null };
}

/** @param {HandlerContext} ctx */
function completed(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const c = requireCampaign(ctx, P.reqInt(b, 'id'));
	if (c.state === 'completed') return { data: null };
	refuseFinal(c, 'completed');
	const ms = messagingOf(ctx.store);
	const conf = c.audience.extension_conf || {};
	/** @type {number[]} */
	const mailings = [];
	for (const key of ['triggers', 'broadcasts', 'regulars', 'abns']) {
		for (const id of (conf[key] && conf[key].ids) || []) {
			const m = ms.mailings.get(id);
			if (m && m.accountId === c.accountId && m.is_active) {
				m.is_active = false;
				ms.log(m, 'INFO', `Mailing deactivated: campaign ${c.id} completed`, ctx.now);
				mailings.push(id);
			}
		}
	}
	/** @type {number[]} */
	const scenarios = [];
	for (const id of (conf.workflows && conf.workflows.ids) || []) {
		const s = ms.scenarios.get(id);
		if (s && s.accountId === c.accountId && s.is_active) {
			s.is_active = false;
			scenarios.push(id);
		}
	}
	const before = c.state;
	c.state = 'completed';
	c.updatetime = ctx.now;
	c.updated_user = ctx.principal.name;
	ctx.ledger('campaign.complete', null, null, { campaignId: c.id, from: before, to: 'completed', deactivatedMailings: mailings, deactivatedScenarios: scenarios });
	return { data: null };
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/scampaigns/list': { modifying: false, handle: list },
	'/api/v1.1/scampaigns/get': { modifying: false, handle: get },
	'/api/v1.1/scampaigns/activate': { modifying: true, handle: activate },
	'/api/v1.1/scampaigns/deactivate': { modifying: true, handle: deactivate },
	'/api/v1.1/scampaigns/completed': { modifying: true, handle: completed },
	'/api/v1.1/scampaigns/get_status': { modifying: false, handle: getStatus },
};
