// @ts-check
'use strict';

/**
 * Altcraft Platform API v1.1 emulator: a real HTTP server on 127.0.0.1 that follows the reference in
 * /work/shared/altcraft-api. See README.md for the options, the test-control API and the documented choices.
 */

const { Store, toApiProfile } = require('./store');
const { EmulatorServer } = require('./server');
const { Faults, FAULT_KINDS } = require('./faults');
const { createRouter } = require('./handlers');
const { DEFAULT_SEED, DEFAULT_TOKENS } = require('./seed');
const { ApiError, RawResponse } = require('./lib/errors');
const { writeProfile } = require('./lib/profile-write');
const { recordEvent } = require('./lib/history');
const { createCommerceControl } = require('./lib/commerce-control');
const { DEFAULT_COMMERCE_SEED } = require('./lib/commerce-seed');
const { messagingOf, DEFAULT_MESSAGING_SEED } = require('./lib/messaging');

/**
 * @typedef {import('./seed').Seed} Seed
 * @typedef {import('./faults').InjectSpec} InjectSpec
 * @typedef {import('./faults').Rates} Rates
 * @typedef {import('./server').RateLimit} RateLimit
 * @typedef {import('./server').RequestRecord} RequestRecord
 * @typedef {import('./store').LedgerEntry} LedgerEntry
 * @typedef {import('./store').SentMessage} SentMessage
 * @typedef {{ port?: number, host?: string, seed?: Seed, httpErrorStatus?: 'always200' | 'mirror', dedupWindowSec?: number,
 *   maxBodyBytes?: number, maxBatchSize?: number, taskPollsUntilDone?: number, recordRequests?: boolean,
 *   allowDataWipe?: boolean, maxFileBodyBytes?: number }} EmulatorOptions
 * @typedef {import('./store').HistoryEvent} HistoryEvent
 * @typedef {{ dbId: number, profileId: string, action: string, datetime?: string, resourceId?: number, channel?: string,
 *   smid?: string, messageId?: number, campaignId?: number, campaignName?: string, messageName?: string, count?: number }} HistoryEventSpec
 */

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	httpErrorStatus: /** @type {'always200' | 'mirror'} */ ('always200'),
	dedupWindowSec: 86400,
	maxBodyBytes: 10 * 1024 * 1024,
	maxBatchSize: 10000,
	taskPollsUntilDone: 1,
	recordRequests: true,
	allowDataWipe: true,
	// body limit of calls that carry files (file_upload; attach on trigger/mailing/scenario launches): 100 MB
	maxFileBodyBytes: 100 * 1024 * 1024,
};

/**
 * @param {Seed} seed
 * @returns {Seed} the seed with missing top-level keys taken from DEFAULT_SEED (deep copy)
 */
function completeSeed(seed) {
	return structuredClone({ ...DEFAULT_SEED, ...seed });
}

class Emulator {
	/** @param {EmulatorOptions} [options] */
	constructor(options = {}) {
		const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
		if (o.httpErrorStatus !== 'always200' && o.httpErrorStatus !== 'mirror') throw new Error("httpErrorStatus must be 'always200' or 'mirror'");
		for (const k of /** @type {const} */ (['dedupWindowSec', 'maxBodyBytes', 'maxBatchSize', 'taskPollsUntilDone', 'maxFileBodyBytes'])) {
			if (typeof o[k] !== 'number' || !(o[k] >= 0)) throw new Error(`${k} must be a non-negative number`);
		}
		/** @type {Seed} */
		this.seed = completeSeed(options.seed || DEFAULT_SEED);
		this.options = {
			httpErrorStatus: o.httpErrorStatus,
			dedupWindowSec: o.dedupWindowSec,
			maxBodyBytes: o.maxBodyBytes,
			maxBatchSize: o.maxBatchSize,
			taskPollsUntilDone: o.taskPollsUntilDone,
			recordRequests: Boolean(o.recordRequests),
			allowDataWipe: Boolean(o.allowDataWipe),
			maxFileBodyBytes: o.maxFileBodyBytes,
		};
		this._port = o.port;
		this._host = o.host;
		this.store = new Store(this.seed);
		this.faults = new Faults();
		this.router = createRouter();
		this._server = new EmulatorServer({ store: this.store, router: this.router, faults: this.faults, options: this.options });
		/** @type {Record<string, string>} token strings by name: admin, readOnly, noDelete, limited, otherAccount */
		this.tokens = Object.fromEntries((this.seed.tokens || []).map((t) => [t.name, t.token]));
		this.url = '';
		this.port = 0;
		/** test control of the loyalty and commerce sections (promo codes, goals, loyalty, app push, Market): lib/commerce-control.js */
		this.commerce = createCommerceControl(this.store);
		messagingOf(this.store); // the messaging seed (templates, mailings, ...) is checked now, not on first use
		this._loadSeedProfiles();
	}

	/** @returns {Promise<this>} */
	async _listen() {
		this.port = await this._server.listen(this._port, this._host);
		this.url = `http://${this._host}:${this.port}`;
		return this;
	}

	/** @returns {import('node:http').Server} the HTTP server, for tools that time requests (npm run bench) */
	get httpServer() {
		return this._server.server;
	}

	/** @returns {RequestRecord[]} the request log (empty when recordRequests is false) */
	get requests() {
		return this._server.requests;
	}

	/**
	 * Test control of the messaging sections (templates, mailings, campaigns, scenarios, senders, files, sends):
	 * lib/messaging.js. A getter: `reset()` replaces the state.
	 * @returns {import('./lib/messaging').Messaging}
	 */
	get messaging() {
		return messagingOf(this.store);
	}

	/** @returns {import('./lib/messaging').SendRecord[]} every message sent (trigger launches and mailing runs), in order */
	get sends() {
		return messagingOf(this.store).sends;
	}

	/**
	 * Sends (copies) filtered by `mailingId`, `triggerId`, `profileId`, `channel`, `kind` ('trigger' | 'mailing'), `smid`.
	 * @param {import('./lib/messaging').SendFilter} [filter]
	 * @returns {import('./lib/messaging').SendRecord[]}
	 */
	getSends(filter) {
		return messagingOf(this.store).getSends(filter);
	}

	/** @returns {LedgerEntry[]} applied changes, in order */
	get ledger() {
		return this.store.ledger;
	}

	/**
	 * Per-token rate limit; `null` turns it off.
	 * @param {RateLimit | null} cfg
	 */
	setRateLimit(cfg) {
		if (cfg) {
			if (!Number.isInteger(cfg.limit) || cfg.limit < 0) throw new Error('setRateLimit: limit must be a non-negative integer');
			if (!(typeof cfg.windowMs === 'number' && cfg.windowMs > 0)) throw new Error('setRateLimit: windowMs must be a positive number');
		}
		this._server.setRateLimit(cfg);
	}

	/**
	 * Register a sent message so that profiles/message_unsub can resolve its smid.
	 * @param {{ smid?: string, dbId: number, profileId: string, resourceId: number, channel?: string }} m
	 * @returns {SentMessage}
	 */
	addSentMessage(m) {
		const smid = m.smid || `emu${require('node:crypto').randomBytes(16).toString('base64url')}`;
		/** @type {SentMessage} */
		const msg = { smid, dbId: m.dbId, profileId: m.profileId, resourceId: m.resourceId, ...(m.channel ? { channel: m.channel } : {}) };
		this.store.sentMessages.set(smid, msg);
		return msg;
	}

	/**
	 * Seed an action-history event of a profile (a message event such as `send`, `deliv`, `open`, `click`; any
	 * action string is accepted). `datetime` defaults to now; with `resourceId` (and optionally `channel`) the event's
	 * `subscription` is the profile's current subscription to that resource.
	 * @param {HistoryEventSpec} e
	 * @returns {HistoryEvent}
	 */
	addHistoryEvent(e) {
		const p = this.store.profiles.get(e.profileId);
		if (!p || p.dbId !== e.dbId) throw new Error(`addHistoryEvent: profile ${e.profileId} not found in database ${e.dbId}`);
		if (typeof e.action !== 'string' || e.action === '') throw new Error('addHistoryEvent: action must be a non-empty string');
		const datetime = e.datetime ?? new Date().toISOString();
		if (Number.isNaN(Date.parse(datetime))) throw new Error(`addHistoryEvent: datetime '${datetime}' is not a date`);
		const sub =
			e.resourceId === undefined
				? null
				: p.subscriptions.find((s) => s.resource_id === e.resourceId && (!e.channel || s.channel === e.channel) && !s.is_delete) || null;
		return structuredClone(
			recordEvent(this.store, p, {
				action: e.action,
				datetime: new Date(datetime).toISOString(),
				sub,
				channel: e.channel,
				resourceId: e.resourceId,
				smid: e.smid,
				messageId: e.messageId,
				campaignId: e.campaignId,
				campaignName: e.campaignName,
				messageName: e.messageName,
				count: e.count,
			}),
		);
	}

	/** Back to the seed state: store, ledger, request log, faults, dedup cache, rate limit. */
	reset() {
		this.store.reset();
		this._loadSeedProfiles();
		this.faults.reset();
		this._server.resetState();
	}

	/** @returns {Promise<void>} */
	close() {
		return this._server.close();
	}

	_loadSeedProfiles() {
		const now = new Date().toISOString();
		for (const [i, sp] of (this.seed.profiles || []).entries()) {
			const { db_id: dbId, id, segments, ...data } = sp;
			const db = this.store.databases.get(dbId);
			if (!db) throw new Error(`seed.profiles[${i}]: unknown database ${dbId}`);
			const principal = {
				name: 'seed', token: '', role: /** @type {'admin'} */ ('admin'), accountId: db.info.accountId, canModify: true, canDelete: true, dbIds: null,
			};
			try {
				const { profile } = writeProfile({ store: this.store, principal, now }, db, { kind: 'add', data, id });
				for (const s of segments || []) profile.segments.add(s);
			} catch (e) {
				throw new Error(`seed.profiles[${i}]: ${e instanceof ApiError ? e.text : e}`);
			}
		}
	}
}

/**
 * Start an emulator on 127.0.0.1 (a free port unless `port` is given).
 * @param {EmulatorOptions} [options]
 * @returns {Promise<Emulator>}
 */
async function createEmulator(options = {}) {
	const emu = new Emulator(options);
	return emu._listen();
}

module.exports = {
	createEmulator,
	Emulator,
	DEFAULT_SEED,
	DEFAULT_TOKENS,
	FAULT_KINDS,
	ApiError,
	RawResponse,
	toApiProfile,
	DEFAULT_COMMERCE_SEED,
	DEFAULT_MESSAGING_SEED,
};
