// @ts-check
'use strict';

/**
 * Asynchronous tasks: POST /api/v1.1/tasks/status and GET /api/download/... (export files).
 * A task answers `processing` for `taskPollsUntilDone` polls, then `completed` with its result.
 */

const { ApiError, RawResponse } = require('../lib/errors');
const P = require('../lib/params');

/**
 * @typedef {import('./common').HandlerContext} HandlerContext
 * @typedef {import('./common').RouteTable} RouteTable
 */

/** @param {HandlerContext} ctx */
function status(ctx) {
	const b = ctx.body;
	P.checkFormat(b);
	const id = P.reqString(b, 'task_id');
	const t = ctx.store.tasks.get(id);
	if (!t || t.accountId !== ctx.principal.accountId || (t.dbId !== null && !ctx.store.visibleDatabase(ctx.principal, t.dbId))) {
		throw new ApiError(404, `Task '${id}' not found`);
	}
	t.polls += 1;
	if (t.polls <= t.pollsUntilDone) {
		return { data: { status: 'processing', progress: Math.floor((100 * t.polls) / (t.pollsUntilDone + 1)) } };
	}
	return { data: { status: 'completed', progress: 100, result: structuredClone(t.result) } };
}

/** @param {HandlerContext} ctx */
function download(ctx) {
	const f = ctx.store.files.get(ctx.requestPath);
	if (!f || !ctx.store.isTaskDone(f.taskId)) throw new ApiError(404, 'File not found');
	if (f.accountId !== ctx.principal.accountId || (f.dbId !== null && !ctx.store.visibleDatabase(ctx.principal, f.dbId))) {
		throw new ApiError(403, 'The token has no access to this file');
	}
	return new RawResponse(
		200,
		{ 'content-type': f.contentType, 'content-disposition': `attachment; filename="${f.filename}"` },
		f.body,
	);
}

/** @type {RouteTable} */
module.exports = {
	'/api/v1.1/tasks/status': { modifying: false, handle: status },
	'/api/download/': { modifying: false, method: 'GET', prefix: true, auth: 'bearer', handle: download },
};
