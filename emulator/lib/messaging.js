// @ts-check
'use strict';

/**
 * State of the messaging sections — templates (40), mailings of every kind (41: `campaigns/*`), campaigns
 * (super-campaigns, `scampaigns/*`), scenarios (42: `workflows/*`), senders and virtual senders (71), uploaded files
 * and the sends (80: `file_upload`, `webver/get`) — kept in `store.extensions` (cleared by `store.reset()`), so the
 * shared store knows nothing about it: `messagingOf(store)` returns the state of a store, created on first use from
 * the seed's `messaging` key, else DEFAULT_MESSAGING_SEED.
 *
 * Every message the emulator "sends" is a SendRecord in `sends` (the sends ledger); every profile put into a
 * scenario is a ScenarioStart in `starts`.
 */

const { DEFAULT_MESSAGING_SEED } = require('./messaging-seed');

/**
 * @typedef {import('../store').Store} Store
 * @typedef {import('../store').Principal} Principal
 * @typedef {import('./messaging-seed').MessagingSeed} MessagingSeed
 * @typedef {import('./messaging-seed').Group} Group
 * @typedef {{ id: number, sid: string, fields: Record<string, any> }} TemplateChannel
 * @typedef {{ id: number, accountId: number, name: string, description: string, channels: TemplateChannel[],
 *   json_url: string, ui_tags: string[], groups: Group[], is_draft: boolean, is_confirm: boolean, suppress_id: number,
 *   createtime: string, update_time: string, updated_user: string }} Template
 * @typedef {{ message_id: number, subject: string, from_email: string, from_name: string, replyto_email: string,
 *   replyto_name: string }} Message
 * @typedef {{ level: string, message: string, time: string }} LogEntry
 * @typedef {'trigger' | 'regular' | 'broadcast' | 'splittest'} MailingType
 * @typedef {{ id: number, accountId: number, type: MailingType, name: string, descr: string, is_active: boolean,
 *   is_completed: boolean, is_deleted: boolean, send_channel: string, resource_id: number, list_id: number,
 *   data_type: string, data_id: number, content: Message[], trigger_type: string, skip_minutes: number, action: string,
 *   update_query: any[], subid: string, for_confirm: boolean, ui_tags: string[], groups: Group[],
 *   attributes: Record<string, any>, policy_id: number, push_sending_mode: string, virtual_sender_id: number,
 *   is_random_tracking_prefix: boolean, custom_tracking_domains: string[], blind_carbon_copy: string[],
 *   unconditional_sending: boolean, start_schedule: Record<string, any> | null, limit: number, aglimit_count: number,
 *   aglimit_percent: number, createtime: string, update_time: string, updated_user: string, log: LogEntry[],
 *   runs: number }} Mailing
 * @typedef {{ id: number, accountId: number, name: string, list_id: number, is_active: boolean, mode: string,
 *   ui_tags: string[], groups: Group[], nodes: any[], attributes: Record<string, any>, createtime: string,
 *   update_time: string }} Scenario
 * @typedef {'cloning' | 'inactive' | 'waiting' | 'active' | 'completed' | 'deleted'} CampaignState
 * @typedef {{ id: number, accountId: number, name: string, description: string, tags: string[], state: CampaignState,
 *   audience: Record<string, any>, ui_tags: string[], groups: Group[], attributes: Record<string, any>,
 *   createtime: string, updatetime: string, updated_user: string, activate_date: string, deactivate_date: string,
 *   completed_date: string }} Campaign
 * @typedef {{ id: number, accountId: number, name: string, type: string, channel: string }} Sender
 * @typedef {{ sender_id: number, percent: number, from_email?: string, replyto_email?: string, from_name?: string }} RuleSender
 * @typedef {{ type: string, value: string, senders: RuleSender[] }} Rule
 * @typedef {{ id: number, accountId: number, name: string, email_rules: Rule[], sms_rules: Rule[] }} VirtualSender
 * @typedef {{ id: string, accountId: number, name: string, mimetype: string, size: number, data: Buffer,
 *   createtime: string }} UploadedFile
 * @typedef {{ name: string, mimetype: string, size: number, file_key?: string }} Attachment
 * @typedef {{ seq: number, smid: string, accountId: number, kind: 'trigger' | 'mailing', path: string,
 *   requestId: string | null, mailingId: number, mailingType: MailingType, triggerId: number | null, profileId: string,
 *   dbId: number, resourceId: number, channel: string, to: Record<string, string>, templateId: number,
 *   message: Record<string, any>, content: Record<string, any>, customData: Record<string, any> | null,
 *   attachments: string[], files: Attachment[], skipTriggers: boolean, sendAt: string, at: string }} SendRecord
 * @typedef {{ seq: number, scenarioId: number, profileId: string, dbId: number, content: Record<string, any>,
 *   customData: Record<string, any> | null, attachments: string[], subscriptionFilter: Record<string, any> | null,
 *   skipTriggers: boolean, path: string, requestId: string | null, at: string }} ScenarioStart
 * @typedef {{ mailingId?: number, triggerId?: number, profileId?: string, channel?: string, kind?: 'trigger' | 'mailing',
 *   smid?: string }} SendFilter
 */

/** Channel codes of templates (40-templates.md, Channel object). */
const TEMPLATE_SIDS = ['email', 'sms', 'push', 'telegram_bot', 'telegram_group', 'custom_channel'];
/** Channels of mailings (`send_channel`). */
const SEND_CHANNELS = ['email', 'sms', 'push'];
const MAILING_TYPES = ['trigger', 'regular', 'broadcast', 'splittest'];
const TRIGGER_TYPES = ['api_call', 'api_import', 'action', 'update', 'pixel', 'subscribe'];
const CAMPAIGN_STATES = ['cloning', 'inactive', 'waiting', 'active', 'completed', 'deleted'];

/**
 * @template {{ id: number }} T
 * @param {Map<number, T>} map
 */
function maxId(map) {
	let m = 0;
	for (const id of map.keys()) m = Math.max(m, id);
	return m;
}

class Messaging {
	/**
	 * @param {Store} store
	 * @param {MessagingSeed} seed
	 */
	constructor(store, seed) {
		this.store = store;
		const now = new Date().toISOString();
		/** @type {Map<number, string>} */
		this.groups = new Map((seed.groups || [{ id: 0, name: 'main' }]).map((g) => [g.id, g.name]));
		/** @type {Map<number, Template>} */
		this.templates = new Map();
		/** @type {Map<number, Mailing>} */
		this.mailings = new Map();
		/** @type {Map<number, Scenario>} */
		this.scenarios = new Map();
		/** @type {Map<number, Campaign>} */
		this.campaigns = new Map();
		/** @type {Map<number, Sender>} */
		this.senders = new Map();
		/** @type {Map<number, VirtualSender>} */
		this.virtualSenders = new Map();
		/** @type {Map<string, UploadedFile>} */
		this.files = new Map();
		/** @type {SendRecord[]} the sends ledger */
		this.sends = [];
		/** @type {Map<string, SendRecord>} */
		this.sendsBySmid = new Map();
		/** @type {ScenarioStart[]} */
		this.starts = [];
		this._channelId = 0;

		for (const t of seed.templates || []) {
			this.templates.set(t.id, {
				id: t.id,
				accountId: t.accountId ?? 1,
				name: t.name,
				description: t.description ?? '',
				channels: t.channels.map((c) => ({ id: this.nextChannelId(), sid: c.sid, fields: structuredClone(c.fields) })),
				json_url: t.json_url ?? '',
				ui_tags: (t.ui_tags || []).slice(),
				groups: (t.groups || [0]).map((id) => this.group(id)),
				is_draft: Boolean(t.is_draft),
				is_confirm: Boolean(t.is_confirm),
				suppress_id: t.suppress_id ?? 0,
				createtime: now,
				update_time: now,
				updated_user: 'seed',
			});
		}
		for (const m of seed.mailings || []) {
			if (!MAILING_TYPES.includes(m.type)) throw new Error(`seed.messaging.mailings ${m.id}: unknown type '${m.type}'`);
			for (const msg of m.content) {
				if (!this.templates.has(msg.message_id)) throw new Error(`seed.messaging.mailings ${m.id}: unknown template ${msg.message_id}`);
			}
			let listId = m.list_id ?? 0;
			if (m.type === 'trigger' && !listId && m.resource_id) {
				const r = store.resources.get(m.resource_id);
				if (!r) throw new Error(`seed.messaging.mailings ${m.id}: unknown resource ${m.resource_id}`);
				listId = r.dbs_ids[0] ?? 0;
			}
			this.mailings.set(m.id, {
				...Messaging.blankMailing(m.type, m.accountId ?? 1, now, 'seed'),
				id: m.id,
				name: m.name,
				descr: m.descr ?? '',
				is_active: Boolean(m.is_active),
				is_completed: Boolean(m.is_completed),
				send_channel: m.send_channel,
				resource_id: m.resource_id ?? 0,
				list_id: listId,
				data_type: m.data_type ?? (m.type === 'trigger' ? 'list' : ''),
				data_id: m.data_id ?? (m.type === 'trigger' ? listId : 0),
				content: m.content.map((c) => Messaging.message(c)),
				trigger_type: m.type === 'trigger' ? m.trigger_type ?? 'api_call' : '',
				skip_minutes: m.skip_minutes ?? 0,
				subid: m.subid ?? '',
				for_confirm: Boolean(m.for_confirm),
				ui_tags: (m.ui_tags || []).slice(),
				groups: (m.groups || [{ id: 0, name: 'main' }]).map((g) => ({ ...g })),
				attributes: structuredClone(m.attributes || {}),
				push_sending_mode: m.push_sending_mode ?? 'fanout',
				virtual_sender_id: m.virtual_sender_id ?? 0,
				unconditional_sending: Boolean(m.unconditional_sending),
				limit: m.limit ?? 0,
				start_schedule: m.start_schedule ? structuredClone(m.start_schedule) : null,
				log: [{ level: 'INFO', message: 'Mailing created', time: now }],
			});
		}
		for (const s of seed.scenarios || []) {
			this.scenarios.set(s.id, {
				id: s.id,
				accountId: s.accountId ?? 1,
				name: s.name,
				list_id: s.list_id,
				is_active: Boolean(s.is_active),
				mode: s.mode ?? 'skip',
				ui_tags: (s.ui_tags || []).slice(),
				groups: (s.groups || [{ id: 0, name: 'main' }]).map((g) => ({ ...g })),
				nodes: structuredClone(s.nodes || [{ node_id: 1, name: 'start', title: 'DEFAULT_START_NODE_TITLE', type: 'start' }]),
				attributes: structuredClone(s.attributes || {}),
				createtime: now,
				update_time: now,
			});
		}
		for (const c of seed.campaigns || []) {
			if (!CAMPAIGN_STATES.includes(c.state)) throw new Error(`seed.messaging.campaigns ${c.id}: unknown state '${c.state}'`);
			this.campaigns.set(c.id, {
				id: c.id,
				accountId: c.accountId ?? 1,
				name: c.name,
				description: c.description ?? '',
				tags: (c.tags || []).slice(),
				state: c.state,
				audience: Messaging.audience(c.audience),
				ui_tags: (c.ui_tags || []).slice(),
				groups: (c.groups || [{ id: 0, name: 'main' }]).map((g) => ({ ...g })),
				attributes: structuredClone(c.attributes || {}),
				createtime: now,
				updatetime: now,
				updated_user: 'seed',
				activate_date: '',
				deactivate_date: '',
				completed_date: '',
			});
		}
		for (const s of seed.senders || []) {
			this.senders.set(s.id, { id: s.id, accountId: s.accountId ?? 1, name: s.name, type: s.type, channel: s.channel });
		}
		for (const v of seed.virtualSenders || []) {
			this.virtualSenders.set(v.id, {
				id: v.id,
				accountId: v.accountId ?? 1,
				name: v.name,
				email_rules: structuredClone(v.email_rules),
				sms_rules: structuredClone(v.sms_rules),
			});
		}
		this._next = {
			template: maxId(this.templates) + 1,
			mailing: maxId(this.mailings) + 1,
			scenario: maxId(this.scenarios) + 1,
			campaign: maxId(this.campaigns) + 1,
			virtualSender: maxId(this.virtualSenders) + 1,
		};
	}

	/**
	 * @param {MailingType} type
	 * @param {number} accountId
	 * @param {string} now
	 * @param {string} user
	 * @returns {Mailing}
	 */
	static blankMailing(type, accountId, now, user) {
		return {
			id: 0,
			accountId,
			type,
			name: '',
			descr: '',
			is_active: false,
			is_completed: false,
			is_deleted: false,
			send_channel: 'email',
			resource_id: 0,
			list_id: 0,
			data_type: '',
			data_id: 0,
			content: [],
			trigger_type: '',
			skip_minutes: 0,
			action: '',
			update_query: [],
			subid: '',
			for_confirm: false,
			ui_tags: [],
			groups: [{ id: 0, name: 'main' }],
			attributes: {},
			policy_id: 0,
			push_sending_mode: 'fanout',
			virtual_sender_id: 0,
			is_random_tracking_prefix: false,
			custom_tracking_domains: [],
			blind_carbon_copy: [],
			unconditional_sending: false,
			start_schedule: null,
			limit: 0,
			aglimit_count: 0,
			aglimit_percent: 0,
			createtime: now,
			update_time: now,
			updated_user: user,
			log: [],
			runs: 0,
		};
	}

	/**
	 * @param {Partial<Message> & { message_id: number }} c
	 * @returns {Message}
	 */
	static message(c) {
		return {
			message_id: c.message_id,
			subject: c.subject ?? '',
			from_email: c.from_email ?? '',
			from_name: c.from_name ?? '',
			replyto_email: c.replyto_email ?? '',
			replyto_name: c.replyto_name ?? '',
		};
	}

	/**
	 * @param {Record<string, any> | undefined} a
	 * @returns {Record<string, any>}
	 */
	static audience(a) {
		const ext = (a && a.extension_conf) || {};
		/** @type {Record<string, { ids: number[] }>} */
		const conf = {};
		for (const k of ['workflows', 'triggers', 'broadcasts', 'regulars', 'abns', 'placements']) conf[k] = { ids: ((ext[k] && ext[k].ids) || []).slice() };
		return {
			state: (a && a.state) || 'ready',
			seg_id: (a && a.seg_id) || 0,
			list_id: (a && a.list_id) || 0,
			extension_conf: conf,
			lcg: structuredClone((a && a.lcg) || { stratification_field_settings: [], ignore_entities: [] }),
		};
	}

	/** @returns {number} */
	nextChannelId() {
		return ++this._channelId;
	}

	/**
	 * @param {'template' | 'mailing' | 'scenario' | 'campaign' | 'virtualSender'} kind
	 * @returns {number}
	 */
	nextId(kind) {
		return this._next[kind]++;
	}

	/**
	 * An access group by id (`{id, name}`), or undefined when the account has no such group.
	 * @param {number} id
	 * @returns {Group}
	 */
	group(id) {
		return { id, name: this.groups.get(id) ?? '' };
	}

	// ---------------------------------------------------------------- visibility

	/**
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Template | null}
	 */
	visibleTemplate(principal, id) {
		const t = this.templates.get(id);
		return t && t.accountId === principal.accountId ? t : null;
	}

	/**
	 * A mailing is visible when it belongs to the token's account, is not deleted, and its resource and audience
	 * (database or segment) are visible to the token.
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Mailing | null}
	 */
	visibleMailing(principal, id) {
		const m = this.mailings.get(id);
		if (!m || m.is_deleted || m.accountId !== principal.accountId) return null;
		if (m.resource_id && !this.store.visibleResource(principal, m.resource_id)) return null;
		if (m.list_id && !this.store.visibleDatabase(principal, m.list_id)) return null;
		if (m.data_type === 'list' && m.data_id && !this.store.visibleDatabase(principal, m.data_id)) return null;
		if (m.data_type === 'segment' && m.data_id && !this.store.visibleSegment(principal, m.data_id)) return null;
		return m;
	}

	/**
	 * @param {Principal} principal
	 * @returns {Mailing[]} sorted by id
	 */
	visibleMailings(principal) {
		return [...this.mailings.values()].filter((m) => this.visibleMailing(principal, m.id) !== null).sort((a, b) => a.id - b.id);
	}

	/**
	 * A scenario is visible when it belongs to the account and its database is visible.
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Scenario | null}
	 */
	visibleScenario(principal, id) {
		const s = this.scenarios.get(id);
		if (!s || s.accountId !== principal.accountId || !this.store.visibleDatabase(principal, s.list_id)) return null;
		return s;
	}

	/**
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Campaign | null}
	 */
	visibleCampaign(principal, id) {
		const c = this.campaigns.get(id);
		return c && c.accountId === principal.accountId ? c : null;
	}

	/**
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {VirtualSender | null}
	 */
	visibleVirtualSender(principal, id) {
		const v = this.virtualSenders.get(id);
		return v && v.accountId === principal.accountId ? v : null;
	}

	/**
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Sender | null}
	 */
	visibleSender(principal, id) {
		const s = this.senders.get(id);
		return s && s.accountId === principal.accountId ? s : null;
	}

	/**
	 * @param {Mailing} m
	 * @param {string} level
	 * @param {string} message
	 * @param {string} time
	 */
	log(m, level, message, time) {
		m.log.push({ level, message, time });
	}

	// ---------------------------------------------------------------- test-control views

	/**
	 * Sends (copies), optionally filtered. `triggerId` is `mailingId` restricted to trigger sends.
	 * @param {SendFilter} [filter]
	 * @returns {SendRecord[]}
	 */
	getSends(filter = {}) {
		return this.sends
			.filter(
				(s) =>
					(filter.mailingId === undefined || s.mailingId === filter.mailingId) &&
					(filter.triggerId === undefined || s.triggerId === filter.triggerId) &&
					(filter.profileId === undefined || s.profileId === filter.profileId) &&
					(filter.channel === undefined || s.channel === filter.channel) &&
					(filter.kind === undefined || s.kind === filter.kind) &&
					(filter.smid === undefined || s.smid === filter.smid),
			)
			.map((s) => structuredClone(s));
	}

	/**
	 * Scenario starts (copies), optionally of one scenario and/or profile.
	 * @param {{ scenarioId?: number, profileId?: string }} [filter]
	 * @returns {ScenarioStart[]}
	 */
	getScenarioStarts(filter = {}) {
		return this.starts
			.filter((s) => (filter.scenarioId === undefined || s.scenarioId === filter.scenarioId) && (filter.profileId === undefined || s.profileId === filter.profileId))
			.map((s) => structuredClone(s));
	}

	/**
	 * The stored mailing (copy; deleted ones too, with `is_deleted`), including its `log`.
	 * @param {number} id
	 * @returns {Mailing | undefined}
	 */
	getMailing(id) {
		const m = this.mailings.get(id);
		return m ? structuredClone(m) : undefined;
	}

	/**
	 * @param {number} id
	 * @returns {Template | undefined}
	 */
	getTemplate(id) {
		const t = this.templates.get(id);
		return t ? structuredClone(t) : undefined;
	}

	/**
	 * @param {number} id
	 * @returns {Scenario | undefined}
	 */
	getScenario(id) {
		const s = this.scenarios.get(id);
		return s ? structuredClone(s) : undefined;
	}

	/**
	 * @param {number} id
	 * @returns {Campaign | undefined}
	 */
	getCampaign(id) {
		const c = this.campaigns.get(id);
		return c ? structuredClone(c) : undefined;
	}

	/**
	 * @param {number} id
	 * @returns {VirtualSender | undefined}
	 */
	getVirtualSender(id) {
		const v = this.virtualSenders.get(id);
		return v ? structuredClone(v) : undefined;
	}

	/**
	 * An uploaded file (its content as a Buffer).
	 * @param {string} id
	 * @returns {UploadedFile | undefined}
	 */
	getFile(id) {
		const f = this.files.get(id);
		return f ? { ...f, data: Buffer.from(f.data) } : undefined;
	}
}

/** Key of the messaging state in `store.extensions` (which `store.reset()` clears). */
const EXTENSION_KEY = 'messaging';

/**
 * The `messaging` key of the store's seed, else DEFAULT_MESSAGING_SEED.
 * @param {Store} store
 * @returns {MessagingSeed}
 */
function seedOf(store) {
	const seed = /** @type {{ messaging?: MessagingSeed }} */ (store.seed);
	if (seed.messaging) return seed.messaging;
	// The default messaging seed follows the store's seed: a custom seed without resource 1 (say) gets no mailings of it.
	const d = DEFAULT_MESSAGING_SEED;
	return {
		...d,
		mailings: (d.mailings || []).filter(
			(m) =>
				(!m.resource_id || store.resources.has(m.resource_id)) &&
				(m.data_type !== 'list' || !m.data_id || store.databases.has(m.data_id)) &&
				(m.data_type !== 'segment' || !m.data_id || store.segments.has(m.data_id)),
		),
		scenarios: (d.scenarios || []).filter((x) => store.databases.has(x.list_id)),
	};
}

/**
 * The messaging state of a store, created from the seed on first use after construction or `store.reset()`.
 * @param {Store} store
 * @returns {Messaging}
 */
function messagingOf(store) {
	let m = store.extensions.get(EXTENSION_KEY);
	if (!m) {
		m = new Messaging(store, seedOf(store));
		store.extensions.set(EXTENSION_KEY, m);
	}
	return m;
}

/**
 * Back to the seed state (store.reset() does this implicitly: the state is re-created on next use).
 * @param {Store} store
 * @returns {Messaging}
 */
function resetMessaging(store) {
	const m = new Messaging(store, seedOf(store));
	store.extensions.set(EXTENSION_KEY, m);
	return m;
}

module.exports = {
	Messaging,
	messagingOf,
	resetMessaging,
	DEFAULT_MESSAGING_SEED,
	TEMPLATE_SIDS,
	SEND_CHANNELS,
	MAILING_TYPES,
	TRIGGER_TYPES,
	CAMPAIGN_STATES,
};
