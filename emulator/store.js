// @ts-check
'use strict';

/**
 * In-memory state of the emulated platform: accounts' databases (with field definitions), resources linked to
 * databases, segments, profiles with subscriptions (indexed per database by e-mail, phone, push token and, lazily,
 * by any field used for custom matching), tasks, export files, sent messages, and the ledger of applied changes.
 *
 * The store knows nothing about HTTP; handlers validate requests and then call the mutation methods here.
 */

const crypto = require('node:crypto');
const { SYSTEM_FIELDS, normEmail, normPhone, indexKeys } = require('./lib/fields');

/**
 * @typedef {import('./seed').Seed} Seed
 * @typedef {import('./seed').Role} Role
 * @typedef {import('./lib/fields').FieldDef} FieldDef
 * @typedef {{ name: string, token: string, role: Role, accountId: number, canModify: boolean, canDelete: boolean,
 *   dbIds: number[] | null }} Principal
 * @typedef {{ id: number, accountId: number, name: string, description: string, suppress_id: number, ui_tags: string[],
 *   groups: Array<{ id: number, name: string }> }} DatabaseInfo
 * @typedef {{ email: Map<string, Set<string>>, phone: Map<string, Set<string>>, subEmail: Map<string, Set<string>>,
 *   subPhone: Map<string, Set<string>>, push: Map<string, Set<string>>, fields: Map<string, Map<string, Set<string>>>,
 *   subFields: Map<string, Map<string, Set<string>>> }} DbIndexes
 * @typedef {{ info: DatabaseInfo, fields: Map<string, FieldDef>, fieldList: FieldDef[], order: Profile[],
 *   idx: DbIndexes }} DbState
 * @typedef {{ name: string, title: string, type: string, required: boolean, category: 'system'|'custom', dictionary?: string }} SubFieldDef
 * @typedef {{ id: number, accountId: number, name: string, channels: string[], dbs_ids: number[], rtoken: string,
 *   trk_domain: string, url: string, categories: string[], groups: Array<{ id: number, name: string }>,
 *   fields: Record<string, SubFieldDef[]> }} Resource
 * @typedef {{ id: number, accountId: number, db_id: number, name: string, type: 'static'|'dynamic'|'updatable',
 *   query?: Record<string, any>, rules?: any[], is_refresh_daily: boolean, ui_tags: string[],
 *   groups: Array<{ id: number, name: string }> }} Segment
 * @typedef {{ channel: string, resource_id: number, resource_name: string, status: string, priority: number,
 *   email_data?: { email: string, domain: string, domain_group: string, md5: string },
 *   phone_data?: { phone: string }, push_data?: { provider: string, subscription_id: string },
 *   cc_data?: Record<string, any>, custom_fields: Record<string, any>, cats: string[], hash_id: string,
 *   is_delete: boolean, reg_info: { date: string, ip: string } }} Subscription
 * @typedef {{ id: string, dbId: number, seq: number, fields: Record<string, any>, subscriptions: Subscription[],
 *   segments: Set<number>, createdAt: string, updatedAt: string }} Profile
 * @typedef {{ id: string, accountId: number, type: string, dbId: number | null, polls: number, pollsUntilDone: number,
 *   createdAt: string, result: any, files: string[], feedback?: Record<string, any> }} Task
 * @typedef {{ path: string, accountId: number, dbId: number | null, contentType: string, filename: string, body: string,
 *   taskId: string }} ExportFile
 * @typedef {{ smid: string, dbId: number, profileId: string, resourceId: number, channel?: string }} SentMessage
 * @typedef {{ seq: number, path: string, requestId: string | null, op: string, dbId: number | null,
 *   profileId: string | null, data?: any, at: string }} LedgerEntry
 * @typedef {{ id: number, accountId: number, name: string, db_a: number, db_b: number }} RelationType
 * @typedef {{ relId: number, a: string, b: string, dbA: number, dbB: number, props: Record<string, number | boolean>,
 *   createdAt: string, updatedAt: string }} Relation
 * @typedef {{ value: string, md5: string, addedAt: string }} SuppressEntry
 * @typedef {{ id: number, accountId: number, name: string, description: string, is_global: boolean, ui_tags: string[],
 *   groups: Array<{ id: number, name: string }>, emails: Map<string, SuppressEntry>, domains: Map<string, SuppressEntry>,
 *   phones: Map<string, SuppressEntry> }} SuppressionList
 * @typedef {{ event_id: number, dbId: number, profileId: string, email: string, action: string, count: number,
 *   datetime: string, channel: string, resource_id: number | null, subscription: Record<string, any> | null, smid: string,
 *   message_id: number, campaign_id: number, campaign_name: string, message_name: string }} HistoryEvent
 */

/** @type {Record<Role, { canModify: boolean, canDelete: boolean }>} */
const ROLES = {
	admin: { canModify: true, canDelete: true },
	readOnly: { canModify: false, canDelete: false },
	noDelete: { canModify: true, canDelete: false },
	limited: { canModify: true, canDelete: true },
};

/** System subscription fields per channel (names from the reference examples: `_device_type`, `_browser_name`, `_os`). */
/** @type {Record<string, SubFieldDef[]>} */
const SYSTEM_SUB_FIELDS = {
	email: [
		{ name: '_device_type', title: 'Device type', type: 'unicode', required: false, category: 'system', dictionary: 'devices' },
		{ name: '_browser_name', title: 'Browser', type: 'unicode', required: false, category: 'system', dictionary: 'browsers' },
		{ name: '_os', title: 'Operating system', type: 'unicode', required: false, category: 'system', dictionary: 'oses' },
	],
	sms: [{ name: '_device_type', title: 'Device type', type: 'unicode', required: false, category: 'system', dictionary: 'devices' }],
	push: [
		{ name: '_device_type', title: 'Device type', type: 'unicode', required: false, category: 'system', dictionary: 'devices' },
		{ name: '_browser_name', title: 'Browser', type: 'unicode', required: false, category: 'system', dictionary: 'browsers' },
		{ name: '_os', title: 'Operating system', type: 'unicode', required: false, category: 'system', dictionary: 'oses' },
	],
};

/**
 * Contact key of a stored subscription: what makes two subscriptions of the same resource and channel different.
 * @param {Subscription} s
 * @returns {string}
 */
function subContactKey(s) {
	if (s.email_data) return normEmail(s.email_data.email);
	if (s.phone_data) return normPhone(s.phone_data.phone);
	if (s.push_data) return `${s.push_data.provider}|${s.push_data.subscription_id}`;
	if (s.cc_data) {
		if (s.cc_data.id !== undefined) return `id:${s.cc_data.id}`;
		if (s.cc_data.phone !== undefined) return `phone:${normPhone(s.cc_data.phone)}`;
		return JSON.stringify(s.cc_data);
	}
	return '';
}

/**
 * @param {Map<string, Set<string>>} map
 * @param {string} key
 * @param {string} id
 */
function addKey(map, key, id) {
	let s = map.get(key);
	if (!s) {
		s = new Set();
		map.set(key, s);
	}
	s.add(id);
}

/**
 * @param {Map<string, Set<string>>} map
 * @param {string} key
 * @param {string} id
 */
function delKey(map, key, id) {
	const s = map.get(key);
	if (s) {
		s.delete(id);
		if (s.size === 0) map.delete(key);
	}
}

class Store {
	/**
	 * @param {Seed} seed
	 */
	constructor(seed) {
		/** @type {Seed} */
		this.seed = seed;
		/** @type {LedgerEntry[]} */
		this.ledger = [];
		/** @type {Map<string, Principal>} */
		this.principals = new Map();
		/** @type {Map<number, { id: number, name: string }>} */
		this.accounts = new Map();
		/** @type {Map<number, DbState>} */
		this.databases = new Map();
		/** @type {Map<number, Resource>} */
		this.resources = new Map();
		/** @type {Map<number, Segment>} */
		this.segments = new Map();
		/** @type {Map<string, Profile>} */
		this.profiles = new Map();
		/** @type {Map<string, Task>} */
		this.tasks = new Map();
		/** @type {Map<string, ExportFile>} */
		this.files = new Map();
		/** @type {Map<string, SentMessage>} */
		this.sentMessages = new Map();
		/** @type {Map<number, RelationType>} */
		this.relationTypes = new Map();
		/** @type {Map<string, Relation>} key `<rel_id>|<profile a>|<profile b>` */
		this.relations = new Map();
		/** @type {Map<number, SuppressionList>} */
		this.suppressionLists = new Map();
		/** @type {HistoryEvent[]} action history, in the order events were recorded */
		this.history = [];
		/** @type {Map<string, HistoryEvent[]>} */
		this.historyByProfile = new Map();
		/** @type {Map<string, string>} */
		this._xxh = new Map();
		this._eventId = 0;
		this._seq = 0;
		this._idCounter = 0;
		this._ledgerMs = -1;
		this._ledgerAt = '';
		/** @type {Map<string, any>} state of section modules (e.g. lib/commerce.js, lib/loyalty.js), created lazily by them from the seed; reset() clears it */
		this.extensions = new Map();
		this.reset();
	}

	/** Back to the seed state (profiles of the seed are loaded by the emulator after this). */
	reset() {
		const seed = this.seed;
		this.ledger.length = 0;
		this.principals.clear();
		this.accounts.clear();
		this.databases.clear();
		this.resources.clear();
		this.segments.clear();
		this.profiles.clear();
		this.tasks.clear();
		this.files.clear();
		this.sentMessages.clear();
		this.relationTypes.clear();
		this.relations.clear();
		this.suppressionLists.clear();
		this.history.length = 0;
		this.historyByProfile.clear();
		this.extensions.clear();
		this._eventId = 0;
		this._seq = 0;
		for (const a of seed.accounts || [{ id: 1, name: 'Emulator account' }]) this.accounts.set(a.id, { id: a.id, name: a.name });
		for (const t of seed.tokens || []) {
			const role = ROLES[t.role];
			if (!role) throw new Error(`seed: unknown role '${t.role}' for token '${t.name}'`);
			this.principals.set(t.token, {
				name: t.name,
				token: t.token,
				role: t.role,
				accountId: t.accountId ?? 1,
				canModify: role.canModify,
				canDelete: role.canDelete,
				dbIds: t.dbIds ? t.dbIds.slice() : null,
			});
		}
		for (const d of seed.databases || []) {
			/** @type {FieldDef[]} */
			const fieldList = [
				...SYSTEM_FIELDS.map((f) => /** @type {FieldDef} */ ({ ...f, category: 'system' })),
				...(d.fields || []).map((f) => /** @type {FieldDef} */ ({ ...f, category: 'custom' })),
			];
			this.databases.set(d.id, {
				info: {
					id: d.id,
					accountId: d.accountId ?? 1,
					name: d.name,
					description: d.description ?? '',
					suppress_id: d.suppress_id ?? 0,
					ui_tags: (d.ui_tags || []).slice(),
					groups: (d.groups || []).map((g) => ({ ...g })),
				},
				fields: new Map(fieldList.map((f) => [f.name, f])),
				fieldList,
				order: [],
				idx: {
					email: new Map(),
					phone: new Map(),
					subEmail: new Map(),
					subPhone: new Map(),
					push: new Map(),
					fields: new Map(),
					subFields: new Map(),
				},
			});
		}
		for (const r of seed.resources || []) {
			/** @type {Record<string, SubFieldDef[]>} */
			const fields = {};
			for (const ch of r.channels) {
				fields[ch] = [
					...(SYSTEM_SUB_FIELDS[ch] || []).map((f) => ({ ...f })),
					...((r.fields && r.fields[ch]) || []).map((f) => ({ required: false, ...f, category: /** @type {'custom'} */ ('custom') })),
				];
			}
			this.resources.set(r.id, {
				id: r.id,
				accountId: r.accountId ?? 1,
				name: r.name,
				channels: r.channels.slice(),
				dbs_ids: r.dbs_ids.slice(),
				rtoken: r.rtoken,
				trk_domain: r.trk_domain ?? '',
				url: r.url ?? '',
				categories: (r.categories || []).slice(),
				groups: (r.groups || []).map((g) => ({ ...g })),
				fields,
			});
		}
		for (const s of seed.segments || []) {
			this.segments.set(s.id, {
				id: s.id,
				accountId: s.accountId ?? 1,
				db_id: s.db_id,
				name: s.name,
				type: s.type,
				query: s.query ? structuredClone(s.query) : undefined,
				rules: s.segment ? structuredClone(s.segment) : undefined,
				is_refresh_daily: Boolean(s.is_refresh_daily),
				ui_tags: (s.ui_tags || []).slice(),
				groups: (s.groups || [{ id: 0, name: 'main' }]).map((g) => ({ ...g })),
			});
		}
		for (const m of seed.sentMessages || []) this.sentMessages.set(m.smid, { ...m });
		for (const t of seed.relationTypes || []) {
			this.relationTypes.set(t.id, { id: t.id, accountId: t.accountId ?? 1, name: t.name, db_a: t.db_a, db_b: t.db_b });
		}
		const now = new Date().toISOString();
		for (const l of seed.suppressionLists || []) {
			/** @type {SuppressionList} */
			const list = {
				id: l.id,
				accountId: l.accountId ?? 1,
				name: l.name,
				description: l.description ?? '',
				is_global: Boolean(l.is_global),
				ui_tags: (l.ui_tags || []).slice(),
				groups: (l.groups || [{ id: 0, name: 'main' }]).map((g) => ({ ...g })),
				emails: new Map(),
				domains: new Map(),
				phones: new Map(),
			};
			for (const e of l.emails || []) this.suppressAdd(list, 'emails', e, now);
			for (const d of l.domains || []) this.suppressAdd(list, 'domains', d, now);
			for (const ph of l.phones || []) this.suppressAdd(list, 'phones', ph, now);
			this.suppressionLists.set(list.id, list);
		}
	}

	// ---------------------------------------------------------------- access

	/**
	 * @param {string} token
	 * @returns {Principal | undefined}
	 */
	principalForToken(token) {
		return this.principals.get(token);
	}

	/**
	 * @param {Principal} principal
	 * @param {number} dbId
	 * @returns {DbState | null}
	 */
	visibleDatabase(principal, dbId) {
		const db = this.databases.get(dbId);
		if (!db || db.info.accountId !== principal.accountId) return null;
		if (principal.dbIds && !principal.dbIds.includes(dbId)) return null;
		return db;
	}

	/**
	 * @param {Principal} principal
	 * @returns {DbState[]}
	 */
	visibleDatabases(principal) {
		return [...this.databases.values()]
			.filter((db) => this.visibleDatabase(principal, db.info.id) !== null)
			.sort((a, b) => a.info.id - b.info.id);
	}

	/**
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Resource | null}
	 */
	visibleResource(principal, id) {
		const r = this.resources.get(id);
		if (!r || r.accountId !== principal.accountId) return null;
		const dbIds = principal.dbIds;
		if (dbIds && !r.dbs_ids.some((d) => dbIds.includes(d))) return null;
		return r;
	}

	/**
	 * @param {Principal} principal
	 * @returns {Resource[]}
	 */
	visibleResources(principal) {
		return [...this.resources.values()]
			.filter((r) => this.visibleResource(principal, r.id) !== null)
			.sort((a, b) => a.id - b.id);
	}

	/**
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {Segment | null}
	 */
	visibleSegment(principal, id) {
		const s = this.segments.get(id);
		if (!s || s.accountId !== principal.accountId || !this.visibleDatabase(principal, s.db_id)) return null;
		return s;
	}

	/**
	 * @param {Principal} principal
	 * @returns {Segment[]}
	 */
	visibleSegments(principal) {
		return [...this.segments.values()].filter((s) => this.visibleSegment(principal, s.id) !== null).sort((a, b) => a.id - b.id);
	}

	/** @returns {number} the id for a new segment */
	nextSegmentId() {
		let max = 0;
		for (const id of this.segments.keys()) max = Math.max(max, id);
		return max + 1;
	}

	/**
	 * A relation type is visible when it belongs to the token's account and both of its databases are visible.
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {RelationType | null}
	 */
	visibleRelationType(principal, id) {
		const t = this.relationTypes.get(id);
		if (!t || t.accountId !== principal.accountId) return null;
		if (!this.visibleDatabase(principal, t.db_a) || !this.visibleDatabase(principal, t.db_b)) return null;
		return t;
	}

	/**
	 * Suppression lists belong to the account; every token of the account sees them.
	 * @param {Principal} principal
	 * @param {number} id
	 * @returns {SuppressionList | null}
	 */
	visibleSuppressionList(principal, id) {
		const l = this.suppressionLists.get(id);
		return l && l.accountId === principal.accountId ? l : null;
	}

	/**
	 * @param {Principal} principal
	 * @returns {SuppressionList[]}
	 */
	visibleSuppressionLists(principal) {
		return [...this.suppressionLists.values()].filter((l) => l.accountId === principal.accountId).sort((a, b) => a.id - b.id);
	}

	/** @returns {number} the id for a new suppression list */
	nextSuppressionListId() {
		let max = 0;
		for (const id of this.suppressionLists.keys()) max = Math.max(max, id);
		return max + 1;
	}

	/**
	 * The suppression lists that apply to a database: the global list(s) of its account and its `suppress_id` list.
	 * @param {DbState} db
	 * @returns {SuppressionList[]}
	 */
	suppressionListsFor(db) {
		return [...this.suppressionLists.values()].filter(
			(l) => l.accountId === db.info.accountId && (l.is_global || (db.info.suppress_id !== 0 && l.id === db.info.suppress_id)),
		);
	}

	// ---------------------------------------------------------------- suppression entries

	/**
	 * Key of a suppression entry: lower-cased e-mail / domain, phone digits.
	 * @param {'emails' | 'domains' | 'phones'} kind
	 * @param {string} value
	 * @returns {string}
	 */
	static suppressKey(kind, value) {
		if (kind === 'phones') return normPhone(value);
		if (kind === 'domains') return value.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
		return normEmail(value);
	}

	/**
	 * @param {SuppressionList} list
	 * @param {'emails' | 'domains' | 'phones'} kind
	 * @param {string} value
	 * @param {string} now
	 * @returns {boolean} whether the entry is new
	 */
	suppressAdd(list, kind, value, now) {
		const key = Store.suppressKey(kind, value);
		if (list[kind].has(key)) return false;
		list[kind].set(key, { value: kind === 'phones' ? value.trim() : key, md5: crypto.createHash('md5').update(key).digest('hex'), addedAt: now });
		return true;
	}

	/**
	 * Find an entry by its value or (e-mails and domains) by the MD5 hash of its key.
	 * @param {SuppressionList} list
	 * @param {'emails' | 'domains' | 'phones'} kind
	 * @param {string} valueOrMd5
	 * @returns {string | null} the entry key
	 */
	suppressFind(list, kind, valueOrMd5) {
		const key = Store.suppressKey(kind, valueOrMd5);
		if (list[kind].has(key)) return key;
		if (kind !== 'phones' && /^[0-9a-f]{32}$/i.test(valueOrMd5.trim())) {
			const h = valueOrMd5.trim().toLowerCase();
			for (const [k, e] of list[kind]) if (e.md5 === h) return k;
		}
		return null;
	}

	/**
	 * @param {SuppressionList} list
	 * @param {{ email?: string, phone?: string }} contact
	 * @returns {{ email_matched: boolean, domain_matched: boolean, phone_matched: boolean }}
	 */
	suppressMatch(list, contact) {
		const email = contact.email !== undefined ? normEmail(contact.email) : '';
		const domain = email.includes('@') ? email.split('@')[1] : '';
		return {
			email_matched: email !== '' && list.emails.has(email),
			domain_matched: domain !== '' && list.domains.has(domain),
			phone_matched: contact.phone !== undefined && normPhone(contact.phone) !== '' && list.phones.has(normPhone(contact.phone)),
		};
	}

	// ---------------------------------------------------------------- relations

	/**
	 * @param {number} relId
	 * @param {string} a
	 * @param {string} b
	 */
	static relationKey(relId, a, b) {
		return `${relId}|${a}|${b}`;
	}

	// ---------------------------------------------------------------- action history

	/**
	 * The profile's xx-hash ID (16 hex characters, derived from the profile ID).
	 * @param {string} profileId
	 * @returns {string}
	 */
	xxh(profileId) {
		let h = this._xxh.get(profileId);
		if (!h) {
			h = profileXxh(profileId);
			this._xxh.set(profileId, h);
		}
		return h;
	}

	/**
	 * @param {DbState} db
	 * @param {string} xxh
	 * @returns {Profile | null}
	 */
	profileByXxh(db, xxh) {
		const h = xxh.toLowerCase();
		for (const p of db.order) if (this.xxh(p.id) === h) return p;
		return null;
	}

	/**
	 * Record an action-history event of a profile.
	 * @param {Omit<HistoryEvent, 'event_id'>} e
	 * @returns {HistoryEvent}
	 */
	addHistory(e) {
		return this.pushHistory({ event_id: this.nextEventId(), ...e });
	}

	/** @returns {number} the id of the next action-history event (the caller then passes the event to pushHistory) */
	nextEventId() {
		return ++this._eventId;
	}

	/**
	 * Record an event that already carries its `event_id` (from nextEventId): the write path builds the event object
	 * in one go instead of copying it.
	 * @param {HistoryEvent} ev
	 * @returns {HistoryEvent}
	 */
	pushHistory(ev) {
		this.history.push(ev);
		let list = this.historyByProfile.get(ev.profileId);
		if (!list) {
			list = [];
			this.historyByProfile.set(ev.profileId, list);
		}
		list.push(ev);
		return ev;
	}

	/**
	 * @param {string} profileId
	 * @returns {HistoryEvent[]}
	 */
	historyOf(profileId) {
		return this.historyByProfile.get(profileId) || [];
	}

	/**
	 * Forget the history events and relations of profiles (which are being deleted).
	 * @param {Set<string>} ids
	 * @returns {{ events: number, relations: number }}
	 */
	_dropAttached(ids) {
		let events = 0;
		for (const id of ids) {
			const list = this.historyByProfile.get(id);
			if (list) {
				events += list.length;
				this.historyByProfile.delete(id);
			}
		}
		if (events) {
			const kept = this.history.filter((e) => !ids.has(e.profileId));
			this.history.length = 0;
			this.history.push(...kept);
		}
		let relations = 0;
		for (const [k, r] of this.relations) {
			if (ids.has(r.a) || ids.has(r.b)) {
				this.relations.delete(k);
				relations += 1;
			}
		}
		return { events, relations };
	}

	// ---------------------------------------------------------------- profiles

	/** @returns {string} a 24-hex profile id (ObjectId-like: time, fixed "machine" part, counter) */
	newProfileId() {
		this._idCounter += 1;
		const t = Math.floor(Date.now() / 1000).toString(16).padStart(8, '0').slice(-8);
		return `${t}e3a1c0${this._idCounter.toString(16).padStart(10, '0')}`;
	}

	/**
	 * @param {DbState} db
	 * @param {Profile} p
	 * @param {boolean} add
	 */
	_index(db, p, add) {
		const op = add ? addKey : delKey;
		const idx = db.idx;
		const f = p.fields;
		if (typeof f.email === 'string' && f.email !== '') op(idx.email, normEmail(f.email), p.id);
		if (Array.isArray(f.phones)) for (const ph of f.phones) op(idx.phone, normPhone(ph), p.id);
		for (const s of p.subscriptions) {
			if (s.is_delete) continue;
			const r = `r${s.resource_id}|`;
			if (s.channel === 'email' && s.email_data) {
				const k = normEmail(s.email_data.email);
				op(idx.subEmail, k, p.id);
				op(idx.subEmail, r + k, p.id);
			} else if (s.channel === 'sms' && s.phone_data) {
				const k = normPhone(s.phone_data.phone);
				op(idx.subPhone, k, p.id);
				op(idx.subPhone, r + k, p.id);
			} else if (s.push_data) {
				const k = `${s.push_data.provider}|${s.push_data.subscription_id}`;
				op(idx.push, k, p.id);
				op(idx.push, r + k, p.id);
			}
			for (const [name, map] of idx.subFields) {
				const v = s.custom_fields[name];
				if (v === undefined || v === null || typeof v === 'object') continue;
				op(map, String(v), p.id);
				op(map, r + String(v), p.id);
			}
		}
		for (const [name, map] of idx.fields) {
			const def = db.fields.get(name);
			if (!def) continue;
			for (const k of indexKeys(def, f[name])) op(map, k, p.id);
		}
	}

	/**
	 * Lazily build (then maintain) an index of a database field, for custom matching.
	 * @param {DbState} db
	 * @param {string} name
	 * @returns {Map<string, Set<string>>}
	 */
	fieldIndex(db, name) {
		let map = db.idx.fields.get(name);
		if (!map) {
			map = new Map();
			const def = db.fields.get(name);
			if (def) for (const p of db.order) for (const k of indexKeys(def, p.fields[name])) addKey(map, k, p.id);
			db.idx.fields.set(name, map);
		}
		return map;
	}

	/**
	 * Lazily build (then maintain) an index of a subscription custom field, for custom_sub matching.
	 * Keys: the value, and `r<resource_id>|<value>`.
	 * @param {DbState} db
	 * @param {string} name
	 * @returns {Map<string, Set<string>>}
	 */
	subFieldIndex(db, name) {
		let map = db.idx.subFields.get(name);
		if (!map) {
			map = new Map();
			for (const p of db.order) {
				for (const s of p.subscriptions) {
					const v = s.custom_fields[name];
					if (s.is_delete || v === undefined || v === null || typeof v === 'object') continue;
					addKey(map, String(v), p.id);
					addKey(map, `r${s.resource_id}|${String(v)}`, p.id);
				}
			}
			db.idx.subFields.set(name, map);
		}
		return map;
	}

	/**
	 * @param {DbState} db
	 * @param {Record<string, any>} fields
	 * @param {Subscription[]} subscriptions
	 * @param {string} now
	 * @param {string} [id]
	 * @returns {Profile}
	 */
	createProfile(db, fields, subscriptions, now, id) {
		/** @type {Profile} */
		const p = {
			id: id || this.newProfileId(),
			dbId: db.info.id,
			seq: ++this._seq,
			fields,
			subscriptions,
			segments: new Set(),
			createdAt: now,
			updatedAt: now,
		};
		this.profiles.set(p.id, p);
		db.order.push(p);
		this._index(db, p, true);
		return p;
	}

	/**
	 * Replace a profile's fields and subscriptions (re-indexing it).
	 * @param {Profile} p
	 * @param {Record<string, any>} fields
	 * @param {Subscription[]} subscriptions
	 * @param {string} now
	 */
	replaceProfile(p, fields, subscriptions, now) {
		const db = /** @type {DbState} */ (this.databases.get(p.dbId));
		this._index(db, p, false);
		p.fields = fields;
		p.subscriptions = subscriptions;
		p.updatedAt = now;
		this._index(db, p, true);
	}

	/**
	 * Delete a profile with what is attached to it (its action history and its relations).
	 * @param {Profile} p
	 * @returns {{ events: number, relations: number }}
	 */
	deleteProfile(p) {
		const db = /** @type {DbState} */ (this.databases.get(p.dbId));
		this._index(db, p, false);
		this.profiles.delete(p.id);
		const i = this._orderIndex(db, p.seq);
		if (i < db.order.length && db.order[i] === p) db.order.splice(i, 1);
		return this._dropAttached(new Set([p.id]));
	}

	/**
	 * Delete every profile of a database (databases/wipe), with their history and relations.
	 * @param {DbState} db
	 * @returns {{ profiles: number, events: number, relations: number }}
	 */
	wipeDatabase(db) {
		const ids = new Set(db.order.map((p) => p.id));
		for (const id of ids) this.profiles.delete(id);
		db.order = [];
		for (const k of /** @type {const} */ (['email', 'phone', 'subEmail', 'subPhone', 'push'])) db.idx[k].clear();
		db.idx.fields.clear();
		db.idx.subFields.clear();
		return { profiles: ids.size, ...this._dropAttached(ids) };
	}

	/**
	 * Position of the first profile with seq >= the given one (binary search over the insertion order).
	 * @param {DbState} db
	 * @param {number} seq
	 * @returns {number}
	 */
	_orderIndex(db, seq) {
		let lo = 0;
		let hi = db.order.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (db.order[mid].seq < seq) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/**
	 * Profiles of a database with seq greater than `afterSeq`, in insertion order.
	 * @param {DbState} db
	 * @param {number} afterSeq
	 * @returns {Generator<Profile>}
	 */
	*profilesAfter(db, afterSeq) {
		for (let i = this._orderIndex(db, afterSeq + 1); i < db.order.length; i++) yield db.order[i];
	}

	// ---------------------------------------------------------------- tasks

	/**
	 * @param {{ id?: string, accountId: number, type: string, dbId: number | null, pollsUntilDone: number, result: any,
	 *   files?: string[], feedback?: Record<string, any> }} t
	 * @returns {Task}
	 */
	createTask(t) {
		/** @type {Task} */
		const task = {
			id: t.id || crypto.randomUUID(),
			accountId: t.accountId,
			type: t.type,
			dbId: t.dbId,
			polls: 0,
			pollsUntilDone: t.pollsUntilDone,
			createdAt: new Date().toISOString(),
			result: t.result,
			files: t.files || [],
			...(t.feedback ? { feedback: t.feedback } : {}),
		};
		this.tasks.set(task.id, task);
		return task;
	}

	/**
	 * @param {string} id
	 * @returns {boolean} whether the task has completed (it completes after `pollsUntilDone` status polls)
	 */
	isTaskDone(id) {
		const t = this.tasks.get(id);
		return Boolean(t && t.polls > t.pollsUntilDone);
	}

	// ---------------------------------------------------------------- ledger

	/**
	 * @param {Omit<LedgerEntry, 'seq' | 'at'>} e
	 * @returns {LedgerEntry}
	 */
	appendLedger(e) {
		const entry = { seq: this.ledger.length + 1, ...e, at: this._ledgerTime() };
		this.ledger.push(entry);
		return entry;
	}

	/**
	 * The same entry as `appendLedger({ path, requestId, op, dbId, profileId, ...(data !== undefined ? { data } : {}),
	 * ...extra })`, built without the intermediate copies (the handlers' `ctx.ledger`, once per written profile).
	 * @param {string} path
	 * @param {string | null} requestId
	 * @param {string} op
	 * @param {number | null} dbId
	 * @param {string | null} profileId
	 * @param {any} data
	 * @param {Record<string, any> | undefined} extra
	 * @returns {LedgerEntry}
	 */
	appendLedgerEntry(path, requestId, op, dbId, profileId, data, extra) {
		/** @type {Record<string, any>} */
		const entry = { seq: this.ledger.length + 1, path, requestId, op, dbId, profileId };
		if (data !== undefined) entry.data = data;
		if (extra) for (const k of Object.keys(extra)) entry[k] = extra[k];
		entry.at = this._ledgerTime();
		this.ledger.push(/** @type {LedgerEntry} */ (entry));
		return /** @type {LedgerEntry} */ (entry);
	}

	/** @returns {string} now as an ISO string (the string of the last call is reused within the same millisecond) */
	_ledgerTime() {
		const ms = Date.now();
		if (ms !== this._ledgerMs) {
			this._ledgerMs = ms;
			this._ledgerAt = new Date(ms).toISOString();
		}
		return this._ledgerAt;
	}

	// ---------------------------------------------------------------- views for assertions

	/**
	 * The profile as `profiles/get` returns it, plus `static_segments` (ids of static segments it belongs to).
	 * @param {Profile} p
	 * @returns {Record<string, any>}
	 */
	profileView(p) {
		return { ...toApiProfile(p), static_segments: [...p.segments].sort((a, b) => a - b) };
	}

	/**
	 * @param {string} id
	 * @returns {Record<string, any> | undefined}
	 */
	getProfile(id) {
		const p = this.profiles.get(id);
		return p ? this.profileView(p) : undefined;
	}

	/**
	 * @param {number} dbId
	 * @param {(p: Record<string, any>) => boolean} [predicate]  receives the view of `getProfile`
	 * @returns {Array<Record<string, any>>}
	 */
	findProfiles(dbId, predicate) {
		const db = this.databases.get(dbId);
		if (!db) return [];
		const out = [];
		for (const p of db.order) {
			const v = this.profileView(p);
			if (!predicate || predicate(v)) out.push(v);
		}
		return out;
	}

	/**
	 * @param {number} dbId
	 * @param {string} email
	 * @returns {Record<string, any> | undefined}
	 */
	getProfileByEmail(dbId, email) {
		const db = this.databases.get(dbId);
		const ids = db && db.idx.email.get(normEmail(email));
		if (!ids || ids.size === 0) return undefined;
		return this.getProfile(/** @type {string} */ (ids.values().next().value));
	}

	/**
	 * @param {number} dbId
	 * @returns {number}
	 */
	countProfiles(dbId) {
		const db = this.databases.get(dbId);
		return db ? db.order.length : 0;
	}

	/**
	 * @param {number} id
	 * @returns {Resource | undefined}
	 */
	getResource(id) {
		return this.resources.get(id);
	}

	/**
	 * @param {number} id
	 * @returns {DatabaseInfo | undefined}
	 */
	getDatabase(id) {
		const db = this.databases.get(id);
		return db ? db.info : undefined;
	}

	/**
	 * A segment with the ids of its member profiles (`members`, evaluated now for dynamic segments).
	 * @param {number} id
	 * @returns {Record<string, any> | undefined}
	 */
	getSegment(id) {
		const s = this.segments.get(id);
		if (!s) return undefined;
		const { segmentProfiles } = require('./lib/segments');
		return { ...structuredClone(s), members: segmentProfiles(this, s).map((p) => p.id) };
	}

	/**
	 * A suppression list with its entries (values as stored: e-mails and domains lower-cased, phones as sent).
	 * @param {number} id
	 * @returns {{ id: number, accountId: number, name: string, description: string, is_global: boolean, emails: string[],
	 *   domains: string[], phones: string[] } | undefined}
	 */
	getSuppressionList(id) {
		const l = this.suppressionLists.get(id);
		if (!l) return undefined;
		return {
			id: l.id,
			accountId: l.accountId,
			name: l.name,
			description: l.description,
			is_global: l.is_global,
			emails: [...l.emails.values()].map((e) => e.value),
			domains: [...l.domains.values()].map((e) => e.value),
			phones: [...l.phones.values()].map((e) => e.value),
		};
	}

	/**
	 * Relations (links), optionally of one relation type.
	 * @param {number} [relId]
	 * @returns {Array<{ rel_id: number, profile_a: string, profile_b: string, db_a: number, db_b: number, props: Record<string, number | boolean> }>}
	 */
	getRelations(relId) {
		return [...this.relations.values()]
			.filter((r) => relId === undefined || r.relId === relId)
			.map((r) => ({ rel_id: r.relId, profile_a: r.a, profile_b: r.b, db_a: r.dbA, db_b: r.dbB, props: { ...r.props } }));
	}

	/**
	 * Action-history events (stored form), optionally of one profile and/or database.
	 * @param {{ profileId?: string, dbId?: number }} [filter]
	 * @returns {HistoryEvent[]}
	 */
	getHistory(filter = {}) {
		const src = filter.profileId !== undefined ? this.historyOf(filter.profileId) : this.history;
		return src.filter((e) => filter.dbId === undefined || e.dbId === filter.dbId).map((e) => structuredClone(e));
	}
}

/**
 * The profile's xx-hash ID: 16 hex characters derived from the profile ID (a real xxHash needs a library).
 * @param {string} profileId
 */
function profileXxh(profileId) {
	return crypto.createHash('sha1').update(`xxh:${profileId}`).digest('hex').slice(0, 16);
}

/**
 * The API (read) form of a profile (10-profiles.md §9): id, db_id, stored fields, then the read-only system fields
 * the platform adds (`_createtime`, `_xxh`, e-mail derived `_md5` / `_emaildomain` / `_domaingroup`, the activity
 * flags, which stay false: the emulator delivers nothing), and subscriptions in the nested form.
 * @param {Profile} p
 * @returns {Record<string, any>}
 */
function toApiProfile(p) {
	/** @type {Record<string, any>} */
	const out = { id: p.id, db_id: p.dbId };
	const f = p.fields;
	for (const k of Object.keys(f)) {
		const v = f[k];
		out[k] = v !== null && typeof v === 'object' ? structuredClone(v) : v;
	}
	out._createtime = p.createdAt;
	out._xxh = profileXxh(p.id);
	if (typeof f.email === 'string' && f.email.includes('@')) {
		const email = f.email.toLowerCase();
		const domain = email.split('@')[1];
		out._md5 = crypto.createHash('md5').update(email).digest('hex');
		out._emaildomain = domain;
		out._domaingroup = domain.split('.')[0];
	}
	for (const flag of READ_ONLY_FLAGS) out[flag] = false;
	out.subscriptions = p.subscriptions.map((s) => structuredClone(s));
	return out;
}

/** Activity flags of the read form; the emulator sends nothing, so nothing was delivered, opened or clicked. */
const READ_ONLY_FLAGS = ['_deliv_exist', '_open_exist', '_click_exist', '_confirm_exist', '_is_test'];

module.exports = { Store, ROLES, toApiProfile, subContactKey };
