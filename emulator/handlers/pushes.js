// @ts-check
'use strict';

/**
 * Application push events (60-app-push.md §2): POST /api/v1.1/pushes/post_events reports that a mobile push was
 * delivered (`events` 1), opened (2) or both (3). The push subscription (`provider` + `subscription_id`) must belong to
 * a profile of a database the token sees (404 otherwise). Events are recorded (emu.commerce.getPushEvents()) with one
 * ledger entry `push.events`. The other request of the section, push_subscribe, is served by another host and is not
 * emulated here.
 */

const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const C = require('../lib/commerce');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 */

/** @param {HandlerContext} ctx */
function postEvents(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const events = P.reqInt(b, 'events');
	const launchId = P.reqInt(b, 'launch_id');
	const provider = P.reqString(b, 'provider');
	const subscriptionId = P.reqString(b, 'subscription_id');
	const uid = P.reqString(b, 'uid');
	/** @type {Array<{ dbId: number, profileId: string }>} */
	const profiles = [];
	for (const db of ctx.store.visibleDatabases(ctx.principal)) {
		const ids = db.idx.push.get(`${provider}|${subscriptionId}`);
		if (ids) for (const id of ids) profiles.push({ dbId: db.info.id, profileId: id });
	}
	if (profiles.length === 0) {
		throw new ApiError(404, `Push subscription not found (provider '${provider}', subscription_id '${subscriptionId}')`);
	}
	if (![1, 2, 3].includes(events)) throw new ApiError(450, "Validation error: 'events' must be 1 (delivered), 2 (opened) or 3 (delivered and opened)");
	if (launchId < 1) throw new ApiError(450, "Validation error: 'launch_id' must be a positive integer");
	if (uid.trim() === '') throw new ApiError(450, "Validation error: 'uid' must not be blank");
	const s = C.commerce(ctx.store);
	const ev = {
		id: s.pushEvents.length + 1,
		accountId: ctx.principal.accountId,
		events,
		delivered: events === 1 || events === 3,
		opened: events === 2 || events === 3,
		launch_id: launchId,
		provider,
		subscription_id: subscriptionId,
		uid,
		profiles,
		at: C.isoSec(C.nowMs(ctx.store)),
	};
	s.pushEvents.push(ev);
	ctx.ledger('push.events', profiles[0].dbId, profiles[0].profileId, {
		events,
		launch_id: launchId,
		uid,
		provider,
		subscription_id: subscriptionId,
		profiles: profiles.map((p) => p.profileId),
	});
	return {};
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/pushes/post_events': { modifying: true, handle: postEvents },
};
