// @ts-check
'use strict';

/**
 * Default seed state of the emulator: one account with two profile databases, four resources, a few
 * segments, and API tokens with different roles. A custom seed passed to `createEmulator({ seed })` has the
 * same shape; missing top-level keys fall back to the defaults below.
 *
 * @typedef {'string'|'email'|'phones'|'date'|'int'|'float'|'bool'|'tags'|'object'|'arr_object'|'ip'|'gender'} FieldType
 * @typedef {{ name: string, title: string, type: FieldType, dictionary?: string }} FieldSeed
 * @typedef {{ name: string, title: string, type: 'int'|'float'|'unicode'|'bool', required?: boolean, dictionary?: string }} SubFieldSeed
 * @typedef {{ id: number, accountId?: number, name: string, description?: string, suppress_id?: number,
 *   ui_tags?: string[], groups?: Array<{ id: number, name: string }>, fields: FieldSeed[] }} DatabaseSeed
 * @typedef {{ id: number, accountId?: number, name: string, channels: string[], dbs_ids: number[], rtoken: string,
 *   trk_domain?: string, url?: string, categories?: string[], groups?: Array<{ id: number, name: string }>,
 *   fields?: Record<string, SubFieldSeed[]> }} ResourceSeed
 * @typedef {{ id: number, accountId?: number, db_id: number, name: string, type: 'static'|'dynamic'|'updatable',
 *   query?: Record<string, any>, segment?: any[], is_refresh_daily?: boolean, ui_tags?: string[],
 *   groups?: Array<{ id: number, name: string }> }} SegmentSeed
 *   (`segment`: rule blocks as in 30-segments.md; `query`: a MongoDB-subset query, an emulator shortcut for dynamic segments)
 * @typedef {{ id: number, accountId?: number, name: string, db_a: number, db_b: number }} RelationTypeSeed
 * @typedef {{ id: number, accountId?: number, name: string, description?: string, is_global?: boolean, ui_tags?: string[],
 *   groups?: Array<{ id: number, name: string }>, emails?: string[], domains?: string[], phones?: string[] }} SuppressionListSeed
 * @typedef {'admin'|'readOnly'|'noDelete'|'limited'} Role
 * @typedef {{ name: string, token: string, role: Role, accountId?: number, dbIds?: number[] }} TokenSeed
 * @typedef {{ db_id: number, [field: string]: any }} ProfileSeed
 * @typedef {{ smid: string, dbId: number, profileId: string, resourceId: number, channel?: string }} SentMessageSeed
 * @typedef {{ accounts?: Array<{ id: number, name: string }>, tokens?: TokenSeed[], databases?: DatabaseSeed[],
 *   resources?: ResourceSeed[], segments?: SegmentSeed[], profiles?: ProfileSeed[], sentMessages?: SentMessageSeed[],
 *   relationTypes?: RelationTypeSeed[], suppressionLists?: SuppressionListSeed[] }} Seed
 */

/** Token strings of the default seed, by token name. `otherAccount` belongs to a second, empty account. */
const DEFAULT_TOKENS = Object.freeze({
	admin: 'emu-admin-0f6c2b8e4d1a47c9b3e5',
	readOnly: 'emu-readonly-7a1d9c3f5e2b48a6',
	noDelete: 'emu-nodelete-3c8e1f7a9b2d46e0',
	limited: 'emu-limited-9e4b2a6c8d1f43b7',
	otherAccount: 'emu-otheracct-5d2f8b1e7c3a49d6',
});

/** @type {FieldSeed[]} */
const CUSTOM_FIELDS = [
	{ name: 'crm_id', title: 'CRM ID', type: 'string' },
	{ name: 'orders_count', title: 'Orders count', type: 'int' },
	{ name: 'balance', title: 'Balance', type: 'float' },
	{ name: 'is_vip', title: 'VIP', type: 'bool' },
	{ name: 'tags', title: 'Tags', type: 'tags' },
	{ name: 'prefs', title: 'Preferences', type: 'object' },
	{ name: 'purchases', title: 'Purchases', type: 'arr_object' },
	{ name: 'signup_date', title: 'Sign-up date', type: 'date' },
];

/** @type {Seed} */
const DEFAULT_SEED = {
	accounts: [
		{ id: 1, name: 'Emulator account' },
		{ id: 2, name: 'Other account' },
	],
	tokens: [
		{ name: 'admin', token: DEFAULT_TOKENS.admin, role: 'admin', accountId: 1 },
		{ name: 'readOnly', token: DEFAULT_TOKENS.readOnly, role: 'readOnly', accountId: 1 },
		{ name: 'noDelete', token: DEFAULT_TOKENS.noDelete, role: 'noDelete', accountId: 1 },
		{ name: 'limited', token: DEFAULT_TOKENS.limited, role: 'limited', accountId: 1, dbIds: [1] },
		{ name: 'otherAccount', token: DEFAULT_TOKENS.otherAccount, role: 'admin', accountId: 2 },
	],
	databases: [
		{
			id: 1,
			name: 'Customers',
			description: 'Customers of the shop',
			suppress_id: 0,
			ui_tags: ['crm'],
			groups: [{ id: 0, name: 'main' }],
			fields: CUSTOM_FIELDS,
		},
		{
			id: 2,
			name: 'Leads',
			description: 'Leads from web forms',
			suppress_id: 0,
			ui_tags: ['marketing'],
			groups: [{ id: 0, name: 'main' }, { id: 1, name: 'marketing' }],
			fields: [
				...CUSTOM_FIELDS,
				{ name: 'lead_source', title: 'Lead source', type: 'string' },
				{ name: 'score', title: 'Score', type: 'int' },
			],
		},
	],
	resources: [
		{
			id: 1,
			name: 'Newsletter',
			channels: ['email'],
			dbs_ids: [1],
			rtoken: 'rt-newsletter-2fHLS9YR9daS-a90b371eecc2952f',
			trk_domain: 'trk.example.com',
			url: 'https://example.com',
			categories: ['news', 'promo', 'digest'],
			groups: [{ id: 0, name: 'main' }],
			fields: { email: [{ name: 'visits', title: 'Visits', type: 'int' }, { name: 'source', title: 'Source', type: 'unicode' }] },
		},
		{
			id: 2,
			name: 'SMS alerts',
			channels: ['sms'],
			dbs_ids: [1],
			rtoken: 'rt-sms-8c1d7e3f0a9b4c2d',
			trk_domain: 'trk.example.com',
			url: 'https://example.com/sms',
			categories: ['alerts'],
			groups: [{ id: 0, name: 'main' }],
			fields: { sms: [{ name: 'opt_in_source', title: 'Opt-in source', type: 'unicode' }] },
		},
		{
			id: 3,
			name: 'Leads mail',
			channels: ['email'],
			dbs_ids: [2],
			rtoken: 'rt-leads-5b9e2d4c6a8f1e3b',
			trk_domain: 'trk.example.com',
			url: 'https://example.com/leads',
			categories: ['offers'],
			groups: [{ id: 1, name: 'marketing' }],
			fields: { email: [] },
		},
		{
			id: 4,
			name: 'App push',
			channels: ['push'],
			dbs_ids: [1],
			rtoken: 'rt-push-1a2b3c4d5e6f7a8b',
			trk_domain: 'trk.example.com',
			url: 'https://app.example.com',
			categories: [],
			groups: [{ id: 0, name: 'main' }],
			fields: { push: [{ name: 'app_version', title: 'App version', type: 'unicode' }] },
		},
	],
	segments: [
		{ id: 1, db_id: 1, name: 'VIP customers', type: 'static' },
		{ id: 2, db_id: 1, name: 'Newsletter readers', type: 'static' },
		{ id: 3, db_id: 2, name: 'Hot leads', type: 'static' },
		{
			id: 4,
			db_id: 1,
			name: 'Flagged VIP (dynamic)',
			type: 'dynamic',
			segment: [
				{
					condition: 'and',
					list_id: 1,
					limit: 0,
					percent_from: 0,
					percent_to: 100,
					queries: [{ compo: 'default', name: 'is_vip', operator: 'equal', value: [{ name: 'default', value: 'true' }] }],
				},
			],
		},
	],
	profiles: [],
	sentMessages: [],
	// Relation types (rel_id): profile_a lives in db_a (the recipient), profile_b in db_b (the initiator).
	relationTypes: [
		{ id: 1, name: 'Referred by', db_a: 1, db_b: 2 },
		{ id: 2, name: 'Follows', db_a: 1, db_b: 1 },
	],
	// Every account has one global suppression list (attached to every database of the account).
	suppressionLists: [
		{ id: 1, name: 'Global suppression list', description: 'Account-wide stop list', is_global: true },
		{ id: 2, name: 'Complainers', description: '' },
		{ id: 3, accountId: 2, name: 'Global suppression list', description: '', is_global: true },
	],
};

/**
 * Deep-frozen copies would make accidental mutation of the default seed impossible; a deep freeze is cheap.
 * @param {any} o
 * @returns {any}
 */
function deepFreeze(o) {
	if (o && typeof o === 'object' && !Object.isFrozen(o)) {
		Object.freeze(o);
		for (const k of Object.keys(o)) deepFreeze(o[k]);
	}
	return o;
}
deepFreeze(DEFAULT_SEED);

module.exports = { DEFAULT_SEED, DEFAULT_TOKENS };
