// @ts-check
'use strict';

/**
 * Suppression lists (31-suppression-lists.md), all under /api/v1.1/suppresses/: add, update (unconfirmed), get,
 * list, delete (unconfirmed), export (task + download), and the entry actions for e-mails, domains and phones:
 * *_check, *_add, the batch adds (emails_add, domains_add, phones_add), *_remove, and the remove-all calls, whose
 * paths the reference does not know (the emulator uses emails_remove, domains_remove, phones_remove).
 *
 * Entries are kept normalised: e-mails and domains lower-cased, phones by their digits. Removals of e-mails and
 * domains accept the MD5 hash (hex) of the normalised value. An e-mail check also matches the e-mail's domain.
 */

const crypto = require('node:crypto');
const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { isEmail, isPhone } = require('../lib/fields');
const { toCsv } = require('../lib/csv');
const { Store } = require('../store');
const { pageById, readIntPaging, matchesGroups } = require('./common');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 * @typedef {import('../store').SuppressionList} SuppressionList
 * @typedef {'emails' | 'domains' | 'phones'} Kind
 */

const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * @param {HandlerContext} ctx
 * @param {number} id
 * @returns {SuppressionList}
 */
function requireList(ctx, id) {
	const l = ctx.store.visibleSuppressionList(ctx.principal, id);
	if (!l) throw new ApiError(404, `Suppression list ${id} not found (it does not exist or is outside the token's visibility zone)`);
	return l;
}

/**
 * @param {SuppressionList} l
 */
function view(l) {
	return { id: l.id, name: l.name, is_global: l.is_global, description: l.description };
}

/**
 * @param {HandlerContext} ctx
 * @param {string} name
 * @param {number} [exceptId]
 */
function checkNameFree(ctx, name, exceptId) {
	for (const l of ctx.store.visibleSuppressionLists(ctx.principal)) {
		if (l.id !== exceptId && l.name.toLowerCase() === name.toLowerCase()) {
			throw new ApiError(409, `A suppression list named '${name}' already exists (id ${l.id})`);
		}
	}
}

// ------------------------------------------------------------------ lists

/** @param {HandlerContext} ctx */
function add(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const name = P.reqString(b, 'name');
	const description = P.optString(b, 'description') ?? '';
	checkNameFree(ctx, name);
	/** @type {SuppressionList} */
	const l = {
		id: ctx.store.nextSuppressionListId(),
		accountId: ctx.principal.accountId,
		name,
		description,
		is_global: false,
		ui_tags: [],
		groups: [{ id: 0, name: 'main' }],
		emails: new Map(),
		domains: new Map(),
		phones: new Map(),
	};
	ctx.store.suppressionLists.set(l.id, l);
	ctx.ledger('suppression.list_add', null, null, { id: l.id, name });
	return { data: { saved_id: l.id } };
}

/** @param {HandlerContext} ctx */
function update(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const name = P.optString(b, 'name');
	const description = P.optString(b, 'description');
	const l = requireList(ctx, id);
	if (name !== undefined && name.trim() === '') throw new ApiError(450, "Validation error: 'name' must not be empty");
	if (name !== undefined) checkNameFree(ctx, name, id);
	if (name !== undefined) l.name = name;
	if (description !== undefined) l.description = description;
	ctx.ledger('suppression.list_update', null, null, { id, ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) });
	return {};
}

/** @param {HandlerContext} ctx */
function get(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	return { data: view(requireList(ctx, P.reqInt(b, 'id'))) };
}

/** @param {HandlerContext} ctx */
function list(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const { fromId, limit } = readIntPaging(b);
	const f = { ui_tags: P.optStringArray(b, 'ui_tags'), groups: P.optStringArray(b, 'groups'), groupsId: P.optIntArray(b, 'groups_id') };
	const items = ctx.store.visibleSuppressionLists(ctx.principal).filter((l) => matchesGroups(f, l));
	const { page, next_from_id, total_count } = pageById(items, fromId, limit);
	return { data: page.map(view), next_from_id, total_count };
}

/**
 * The global list cannot be deleted, nor a list that a database uses as its `suppress_id` (450).
 * @param {HandlerContext} ctx
 */
function del(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const l = requireList(ctx, P.reqInt(b, 'id'));
	if (l.is_global) throw new ApiError(450, `Validation error: suppression list ${l.id} is the account's global list and cannot be deleted`);
	for (const db of ctx.store.databases.values()) {
		if (db.info.suppress_id === l.id) throw new ApiError(450, `Validation error: suppression list ${l.id} is attached to database ${db.info.id}`);
	}
	ctx.store.suppressionLists.delete(l.id);
	ctx.ledger('suppression.list_delete', null, null, { id: l.id, name: l.name });
	return {};
}

/**
 * Export task: a CSV `type,md5` (one row per entry, MD5 of the normalised value), downloadable like a profile export.
 * @param {HandlerContext} ctx
 */
function exportList(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const type = P.optString(b, 'type') ?? 'all';
	if (!['emails', 'phones', 'domains', 'all'].includes(type)) throw new ApiError(400, 'Parameter \'type\' must be "emails", "phones", "domains" or "all"');
	const l = requireList(ctx, id);
	/** @type {Kind[]} */
	const kinds = type === 'all' ? ['emails', 'domains', 'phones'] : [/** @type {Kind} */ (type)];
	const rows = [];
	for (const k of kinds) for (const e of l[k].values()) rows.push({ type: k.slice(0, -1), md5: e.md5 });
	const uuid = crypto.randomUUID();
	const filename = `${id}_suppress_${type}_export.csv`;
	const path = `/api/download/${uuid}/${filename}`;
	const task = ctx.store.createTask({
		accountId: ctx.principal.accountId,
		type: 'suppress_export',
		dbId: null,
		pollsUntilDone: ctx.options.taskPollsUntilDone,
		result: { errors: [], source_id: id, total: rows.length, type, urls: [path] },
		files: [path],
	});
	ctx.store.files.set(path, {
		path,
		accountId: ctx.principal.accountId,
		dbId: null,
		contentType: 'text/csv; charset=utf-8',
		filename,
		body: toCsv(['type', 'md5'], rows),
		taskId: task.id,
	});
	return { data: { task_id: task.id } };
}

// ------------------------------------------------------------------ entries

/**
 * @param {Kind} kind
 * @param {string} v
 */
function validEntry(kind, v) {
	if (kind === 'emails') return isEmail(v.trim());
	if (kind === 'domains') return DOMAIN_RE.test(Store.suppressKey('domains', v));
	return isPhone(v);
}

/** @param {Kind} kind */
function what(kind) {
	return kind === 'emails' ? 'an e-mail address' : kind === 'domains' ? 'a domain name' : 'a phone number';
}

/**
 * @param {Kind} kind
 * @param {string} param
 * @param {string} v
 */
function checkEntry(kind, param, v) {
	if (!validEntry(kind, v)) throw new ApiError(450, `Validation error: '${param}' must be ${what(kind)}`);
}

/**
 * @param {HandlerContext} ctx
 * @param {Kind} kind
 * @param {string} param  the body parameter of the value (email / domain / value)
 */
function check(ctx, kind, param) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const v = P.reqString(b, param);
	const l = requireList(ctx, id);
	checkEntry(kind, param, v);
	let m;
	if (kind === 'emails') m = ctx.store.suppressMatch(l, { email: v });
	else if (kind === 'phones') m = ctx.store.suppressMatch(l, { phone: v });
	else m = { email_matched: false, domain_matched: l.domains.has(Store.suppressKey('domains', v)), phone_matched: false };
	return { matched: m.email_matched || m.domain_matched || m.phone_matched, ...m };
}

/**
 * Add one entry. Already listed → success, nothing changes. Answer: e-mail: envelope only; domain and phone:
 * `data: {"<value>": true}`.
 * @param {HandlerContext} ctx
 * @param {Kind} kind
 * @param {string} param
 */
function addOne(ctx, kind, param) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const v = P.reqString(b, param);
	const l = requireList(ctx, id);
	checkEntry(kind, param, v);
	const added = ctx.store.suppressAdd(l, kind, v, ctx.now);
	ctx.ledger(`suppression.${kind.slice(0, -1)}_add`, null, null, { list_id: id, value: v, added });
	return kind === 'emails' ? {} : { data: { [v]: true } };
}

/**
 * Add many. E-mails / domains: an invalid value fails the whole request (450); phones: invalid ones are counted in
 * `total_invalid` and skipped. A value already listed (or repeated in the request) counts in `total_duplicated`.
 * @param {HandlerContext} ctx
 * @param {Kind} kind
 * @param {string} param  emails / domains / values
 */
function addMany(ctx, kind, param) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const values = P.reqArray(b, param);
	values.forEach((v, i) => {
		if (typeof v !== 'string') throw new ApiError(400, `Parameter '${param}[${i}]' must be a string`);
	});
	const l = requireList(ctx, id);
	if (kind !== 'phones') values.forEach((v, i) => checkEntry(kind, `${param}[${i}]`, v));
	let imported = 0;
	let duplicated = 0;
	let invalid = 0;
	for (const v of values) {
		if (kind === 'phones' && !validEntry(kind, v)) invalid += 1;
		else if (ctx.store.suppressAdd(l, kind, v, ctx.now)) imported += 1;
		else duplicated += 1;
	}
	ctx.ledger(`suppression.${kind}_add`, null, null, { list_id: id, count: values.length, imported });
	const out = { total_count: values.length, total_imported: imported, total_duplicated: duplicated };
	return kind === 'phones' ? { ...out, total_invalid: invalid } : { ...out, total_updated: 0 };
}

/**
 * Remove one entry (e-mails and domains: the value or its MD5 hash). Not listed → 404.
 * @param {HandlerContext} ctx
 * @param {Kind} kind
 * @param {string} param
 */
function removeOne(ctx, kind, param) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqInt(b, 'id');
	const v = P.reqString(b, param);
	const l = requireList(ctx, id);
	const key = ctx.store.suppressFind(l, kind, v);
	if (key === null) throw new ApiError(404, `'${v}' is not in suppression list ${id}`);
	l[kind].delete(key);
	ctx.ledger(`suppression.${kind.slice(0, -1)}_remove`, null, null, { list_id: id, value: v });
	return kind === 'emails' ? {} : { data: null };
}

/**
 * Remove every entry of a kind. Answer: `removed_count`.
 * @param {HandlerContext} ctx
 * @param {Kind} kind
 */
function removeAll(ctx, kind) {
	const b = ctx.body;
	P.checkFormat(b);
	const l = requireList(ctx, P.reqInt(b, 'id'));
	const n = l[kind].size;
	l[kind].clear();
	ctx.ledger(`suppression.${kind}_remove_all`, null, null, { list_id: l.id, removed: n });
	return { removed_count: n };
}

const S = '/api/v1.1/suppresses';

/** @type {RouteTable} */
module.exports = {
	[`${S}/add`]: { modifying: true, handle: add },
	[`${S}/update`]: { modifying: true, handle: update },
	[`${S}/get`]: { modifying: false, handle: get },
	[`${S}/list`]: { modifying: false, handle: list },
	[`${S}/delete`]: { modifying: true, handle: del },
	[`${S}/export`]: { modifying: false, handle: exportList },
	[`${S}/email_check`]: { modifying: false, handle: (ctx) => check(ctx, 'emails', 'email') },
	[`${S}/email_add`]: { modifying: true, handle: (ctx) => addOne(ctx, 'emails', 'email') },
	[`${S}/emails_add`]: { modifying: true, handle: (ctx) => addMany(ctx, 'emails', 'emails') },
	[`${S}/email_remove`]: { modifying: true, handle: (ctx) => removeOne(ctx, 'emails', 'email') },
	[`${S}/emails_remove`]: { modifying: true, handle: (ctx) => removeAll(ctx, 'emails') },
	[`${S}/domain_check`]: { modifying: false, handle: (ctx) => check(ctx, 'domains', 'domain') },
	[`${S}/domain_add`]: { modifying: true, handle: (ctx) => addOne(ctx, 'domains', 'domain') },
	[`${S}/domains_add`]: { modifying: true, handle: (ctx) => addMany(ctx, 'domains', 'domains') },
	[`${S}/domain_remove`]: { modifying: true, handle: (ctx) => removeOne(ctx, 'domains', 'domain') },
	[`${S}/domains_remove`]: { modifying: true, handle: (ctx) => removeAll(ctx, 'domains') },
	[`${S}/phone_check`]: { modifying: false, handle: (ctx) => check(ctx, 'phones', 'value') },
	[`${S}/phone_add`]: { modifying: true, handle: (ctx) => addOne(ctx, 'phones', 'value') },
	[`${S}/phones_add`]: { modifying: true, handle: (ctx) => addMany(ctx, 'phones', 'values') },
	[`${S}/phone_remove`]: { modifying: true, handle: (ctx) => removeOne(ctx, 'phones', 'value') },
	[`${S}/phones_remove`]: { modifying: true, handle: (ctx) => removeAll(ctx, 'phones') },
};
