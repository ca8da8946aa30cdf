// @ts-check
'use strict';

/**
 * Miscellaneous (80-misc.md): `file_upload` and `webver/get`.
 *
 * file_upload: `header` (the file name) and `data` (a base64 data URI) → `data: {file: <uuid>}`; the file is kept
 * (`emu.messaging.getFile(id)`) and can be attached to messages with `attach: [{name, file_key: <uuid>}]`. The body
 * of this call may be up to `maxFileBodyBytes` (100 MB, the platform's limit for files) instead of `maxBodyBytes`.
 *
 * webver/get: `send_message_id` of a message the emulator sent (a SendRecord's `smid`) → `data: {createtime,
 * email: {...}}`, the message as rendered when it was sent. Only e-mail messages have a web version (SMS and push:
 * 404), and only the sender's account sees it.
 */

const crypto = require('node:crypto');
const { ApiError } = require('../lib/errors');
const P = require('../lib/params');
const { messagingOf } = require('../lib/messaging');
const { parseDataUri, invalid } = require('../lib/sending');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 */

/** @param {HandlerContext} ctx */
function upload(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const header = P.reqString(b, 'header');
	const data = P.reqString(b, 'data');
	if (header.trim() === '' || /[\\/\0]/.test(header)) throw invalid("'header' must be a file name such as \"emails.csv\" (no path)");
	const parsed = parseDataUri(data);
	if (!parsed) throw invalid("'data' must be a base64 data URI such as \"data:text/csv;base64,SEVMTE8K\"");
	if (parsed.data.length > ctx.options.maxFileBodyBytes) throw invalid(`the file is larger than ${ctx.options.maxFileBodyBytes} bytes`);
	const ms = messagingOf(ctx.store);
	const id = crypto.randomUUID();
	ms.files.set(id, { id, accountId: ctx.principal.accountId, name: header, mimetype: parsed.mimetype, size: parsed.data.length, data: parsed.data, createtime: ctx.now });
	ctx.ledger('file.upload', null, null, { id, name: header, mimetype: parsed.mimetype, size: parsed.data.length });
	return { data: { file: id } };
}

/** @param {HandlerContext} ctx */
function webver(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const smid = P.reqString(b, 'send_message_id');
	const s = messagingOf(ctx.store).sendsBySmid.get(smid);
	if (!s || s.accountId !== ctx.principal.accountId || !ctx.store.visibleDatabase(ctx.principal, s.dbId)) {
		throw new ApiError(404, `Sent message '${smid}' not found`);
	}
	if (s.channel !== 'email') throw new ApiError(404, `Sent message '${smid}' is a ${s.channel} message; only e-mail messages have a web version`);
	const m = s.message;
	return {
		data: {
			createtime: s.at,
			email: {
				subject: m.subject,
				from_email: m.from_email,
				from_name: m.from_name,
				replyto_email: m.replyto_email,
				replyto_name: m.replyto_name,
				to_email: s.to.email,
				html: m.html,
				text: m.text,
				...(m.amp !== undefined ? { amp: m.amp } : {}),
				attachments: s.attachments.slice(),
			},
		},
	};
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/file_upload': { modifying: true, fileBody: () => true, handle: upload },
	'/api/v1.1/webver/get': { modifying: false, handle: webver },
};
