// @ts-check
'use strict';

/**
 * Action history (11-subscriptions.md §9–10): events recorded by the emulator when it applies profile and
 * subscription changes, plus message events seeded by tests (`emu.addHistoryEvent`), and the row form that
 * subscribers/history_get and history_get_all return (the reference's field names: xxh, profile_id, email,
 * list_id, action, count, datetime, message_id, campaign_id, campaign_name, message_name, event_id, smid, channel,
 * subscription, subscriptions).
 *
 * Actions the emulator records itself:
 * - `profile_create`, `profile_update`: profiles/import, update, add and their batch variants;
 * - `subscription_add`, `subscription_update`: a subscription created / changed (by a profile write, subscriptions/set,
 *   suspend_all, unsuspend_all);
 * - `subscription_delete`, `subscription_undelete`: subscriptions/delete and undelete;
 * - `unsubscribe`: profiles/message_unsub (with the message's smid).
 */

const { toFlatSubscription } = require('./subscriptions');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Profile} Profile
 * @typedef {import('../store').Subscription} Subscription
 * @typedef {import('../store').HistoryEvent} HistoryEvent
 * @typedef {{ action: string, datetime: string, sub?: Subscription | null, channel?: string, resourceId?: number | null,
 *   smid?: string, messageId?: number, campaignId?: number, campaignName?: string, messageName?: string, count?: number }} EventSpec
 */

/**
 * Record one event of a profile.
 * @param {Store} store
 * @param {Profile} p
 * @param {EventSpec} e
 * @returns {HistoryEvent}
 */
function recordEvent(store, p, e) {
	const sub = e.sub || null;
	return store.pushHistory({
		event_id: store.nextEventId(),
		dbId: p.dbId,
		profileId: p.id,
		email: typeof p.fields.email === 'string' ? p.fields.email : '',
		action: e.action,
		count: e.count ?? 1,
		datetime: e.datetime,
		channel: e.channel ?? (sub ? sub.channel : ''),
		resource_id: e.resourceId ?? (sub ? sub.resource_id : null),
		subscription: sub ? toFlatSubscription(sub) : null,
		smid: e.smid ?? '',
		message_id: e.messageId ?? 0,
		campaign_id: e.campaignId ?? 0,
		campaign_name: e.campaignName ?? '',
		message_name: e.messageName ?? '',
	});
}

/**
 * Events of a profile write: `profile_create` / `profile_update`, then one `subscription_add` /
 * `subscription_update` per subscription that the write created or touched (the merge keeps untouched
 * subscriptions as the same objects and appends new ones).
 * @param {Store} store
 * @param {Profile} p  after the write
 * @param {boolean} created
 * @param {Subscription[]} before  the subscriptions before the write
 * @param {string} now
 */
function recordProfileWrite(store, p, created, before, now) {
	recordEvent(store, p, { action: created ? 'profile_create' : 'profile_update', datetime: now });
	recordSubscriptionChanges(store, p, before, now);
}

/**
 * @param {Store} store
 * @param {Profile} p
 * @param {Subscription[]} before
 * @param {string} now
 */
function recordSubscriptionChanges(store, p, before, now) {
	p.subscriptions.forEach((s, i) => {
		if (i < before.length && before[i] === s) return;
		recordEvent(store, p, { action: i < before.length ? 'subscription_update' : 'subscription_add', datetime: now, sub: s });
	});
}

/**
 * The API row of an event.
 * @param {Store} store
 * @param {HistoryEvent} ev
 * @param {string[]} [fields]  profile fields to add as `fields{}` (history_get_all)
 * @returns {Record<string, any>}
 */
function historyRow(store, ev, fields) {
	const p = store.profiles.get(ev.profileId);
	/** @type {Record<string, any>} */
	const row = {
		xxh: store.xxh(ev.profileId),
		profile_id: ev.profileId,
		email: p && typeof p.fields.email === 'string' ? p.fields.email : ev.email,
		list_id: ev.dbId,
		action: ev.action,
		count: ev.count,
		datetime: ev.datetime,
		message_id: ev.message_id,
		campaign_id: ev.campaign_id,
		campaign_name: ev.campaign_name,
		message_name: ev.message_name,
		event_id: ev.event_id,
		smid: ev.smid,
		channel: ev.channel,
		subscription: ev.subscription ? structuredClone(ev.subscription) : null,
		subscriptions: p ? p.subscriptions.map(toFlatSubscription) : [],
	};
	if (fields) {
		/** @type {Record<string, any>} */
		const f = {};
		if (p) for (const name of fields) if (p.fields[name] !== undefined) f[name] = structuredClone(p.fields[name]);
		row.fields = f;
	}
	return row;
}

/**
 * Whether an event falls in the period (dates `YYYY-MM-DD`, inclusive, compared with the event's UTC date).
 * @param {HistoryEvent} ev
 * @param {string | undefined} from
 * @param {string | undefined} to
 */
function inPeriod(ev, from, to) {
	const d = new Date(ev.datetime).toISOString().slice(0, 10);
	return (!from || d >= from) && (!to || d <= to);
}

/**
 * Events sorted by date, then by id.
 * @param {HistoryEvent[]} events
 * @returns {HistoryEvent[]}
 */
function sortEvents(events) {
	return events.slice().sort((a, b) => {
		const ta = Date.parse(a.datetime);
		const tb = Date.parse(b.datetime);
		return ta !== tb ? ta - tb : a.event_id - b.event_id;
	});
}

module.exports = { recordEvent, recordProfileWrite, recordSubscriptionChanges, historyRow, inPeriod, sortEvents };
