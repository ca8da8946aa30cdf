// @ts-check
'use strict';

/**
 * Subscription statistics of databases/get_counters, resources/get_counters, segments/get_counters and of the
 * refresh_counters tasks, computed from the stored profiles at call time:
 * one entry per channel of the resource, `status{all, subscribed, unsubscribed, complained, hardbounced,
 * unconfirmed, suspended, invalid, subscribed_sendable, unconfirmed_sendable}`.
 * Soft-deleted subscriptions are not counted. `*_sendable` leaves out subscriptions whose contact is blocked by a
 * suppression list that applies to the profile's database (the account's global list and the database's
 * `suppress_id` list): the e-mail or its domain for e-mail subscriptions, the phone for SMS (and `cc_data.phone`).
 */

const { STATUS_WORDS } = require('./subscriptions');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Resource} Resource
 * @typedef {import('../store').Subscription} Subscription
 * @typedef {import('../store').SuppressionList} SuppressionList
 * @typedef {{ channel: string, status: Record<string, number> }} ChannelCounters
 */

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
	else if (s.cc_data && typeof s.cc_data.phone === 'string') contact.phone = s.cc_data.phone;
	else return false;
	return lists.some((l) => {
		const m = store.suppressMatch(l, contact);
		return m.email_matched || m.domain_matched || m.phone_matched;
	});
}

/**
 * @returns {Record<string, number>}
 */
function emptyStatus() {
	/** @type {Record<string, number>} */
	const st = { all: 0 };
	for (const w of STATUS_WORDS) st[w] = 0;
	st.subscribed_sendable = 0;
	st.unconfirmed_sendable = 0;
	return st;
}

/**
 * Counters of the subscriptions to `resource` held by `profiles`.
 * @param {Store} store
 * @param {Resource} resource
 * @param {Iterable<Profile>} profiles
 * @returns {ChannelCounters[]}
 */
function countSubscriptions(store, resource, profiles) {
	/** @type {Map<string, Record<string, number>>} */
	const by = new Map(resource.channels.map((c) => [c, emptyStatus()]));
	/** @type {Map<number, SuppressionList[]>} */
	const listsByDb = new Map();
	for (const p of profiles) {
		let lists = listsByDb.get(p.dbId);
		if (!lists) {
			const db = store.databases.get(p.dbId);
			lists = db ? store.suppressionListsFor(db) : [];
			listsByDb.set(p.dbId, lists);
		}
		for (const s of p.subscriptions) {
			if (s.is_delete || s.resource_id !== resource.id) continue;
			let st = by.get(s.channel);
			if (!st) {
				st = emptyStatus();
				by.set(s.channel, st);
			}
			st.all += 1;
			st[s.status] = (st[s.status] || 0) + 1;
			if ((s.status === 'subscribed' || s.status === 'unconfirmed') && !suppressed(store, /** @type {SuppressionList[]} */ (lists), s)) {
				st[`${s.status}_sendable`] += 1;
			}
		}
	}
	return [...by].map(([channel, status]) => ({ channel, status }));
}

/**
 * Only the sendable counters (the documented shape of segments/get_counters).
 * @param {ChannelCounters[]} counters
 * @returns {ChannelCounters[]}
 */
function sendableOnly(counters) {
	return counters.map((c) => ({
		channel: c.channel,
		status: { subscribed_sendable: c.status.subscribed_sendable, unconfirmed_sendable: c.status.unconfirmed_sendable },
	}));
}

/**
 * The answer of the refresh_counters calls (databases, resources, segments): a task whose result is the channel
 * counters, counted now.
 * @param {import('../handlers/common').HandlerContext} ctx
 * @param {string} type the task type
 * @param {number} dbId
 * @param {ChannelCounters[]} channels
 * @param {any} feedback
 */
function refreshCountersTask(ctx, type, dbId, channels, feedback) {
	const task = ctx.store.createTask({
		accountId: ctx.principal.accountId,
		type,
		dbId,
		pollsUntilDone: ctx.options.taskPollsUntilDone,
		result: [{ channels }],
		feedback,
	});
	return { data: { task_id: task.id } };
}

module.exports = { countSubscriptions, refreshCountersTask, sendableOnly };
