import { API_PREFIX, apiPath } from '../../transport';
import { inputError, parseJsonObject, requireString, toBoolean } from '../common/values';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';

// Custom API Call: any method of the Altcraft API v1.1 that the node has no operation for, sent through the same
// engine and transport as every operation (token from the credential, envelope check, error mapping, retries,
// Request-ID deduplication). Only paths under /api/v1.1/ of the credential's host are allowed, so that the token
// cannot be sent anywhere else.

const resource = 'customApiCall';

const SHORT_PREFIX = API_PREFIX.slice(1); // "api/v1.1/"

/**
 * The path of a custom call: "campaigns/triggers/start/" (under /api/v1.1/) or "/api/v1.1/campaigns/triggers/start/".
 * Refused: full URLs, other API families (/api/v1.0/, /api/download/…), "." and ".." segments, empty segments,
 * queries and fragments, and any character other than letters, digits, "_", "-", "." and "/".
 */
export function customPath(ctx: ItemContext, value: unknown): string {
	const label = 'Path';
	const raw = requireString(ctx, label, value);
	const example = 'Give the method path relative to /api/v1.1/, e.g. campaigns/triggers/start/';
	if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//') || raw.startsWith('\\\\')) {
		throw inputError(ctx, label, 'must be a path, not a full URL', `${example}. The host comes from the Altcraft credential.`);
	}
	if (/[?#]/.test(raw)) {
		throw inputError(ctx, label, 'must not contain a query (?…) or fragment (#…)', `${example}, and put every parameter into the JSON body.`);
	}
	let method: string;
	if (raw.startsWith(API_PREFIX)) method = raw.slice(API_PREFIX.length);
	else if (raw.startsWith(SHORT_PREFIX)) method = raw.slice(SHORT_PREFIX.length);
	else if (raw.startsWith('/') || /^api\//i.test(raw)) {
		throw inputError(ctx, label, `"${raw}" is outside /api/v1.1/`, `${example}. Only the API v1.1 can be called from here.`);
	} else method = raw;
	if (method === '') throw inputError(ctx, label, 'names no method', example);
	if (!/^[A-Za-z0-9_./-]+$/.test(method)) {
		throw inputError(ctx, label, 'may only contain letters, digits, "_", "-", "." and "/"', example);
	}
	const segments = method.replace(/\/$/, '').split('/');
	if (segments.some((segment) => segment === '')) throw inputError(ctx, label, 'must not contain empty segments ("//")', example);
	if (segments.some((segment) => segment === '.' || segment === '..')) {
		throw inputError(ctx, label, 'must not contain "." or ".." segments', example);
	}
	return apiPath(method);
}

const fields: Field[] = [
	{
		property: {
			displayName: 'Path',
			name: 'path',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. campaigns/triggers/start/',
			description: 'The API method, relative to /api/v1.1/ (or starting with /api/v1.1/), spelled as the Altcraft docs spell it',
		},
		// Checked by resolvePath before the body is built.
	},
	{
		property: {
			displayName: 'Body (JSON)',
			name: 'body',
			type: 'json',
			default: '{}',
			description: 'The parameters of the call as a JSON object; the token is added from the credential',
		},
		apply: (body, value, ctx) => {
			const given = parseJsonObject(ctx, 'Body (JSON)', value) ?? {};
			if (Object.keys(given).some((key) => key.toLowerCase() === 'token')) {
				throw inputError(ctx, 'Body (JSON)', 'must not contain "token"', 'The token comes from the Altcraft API credential.');
			}
			Object.assign(body, given);
		},
	},
	{
		property: {
			displayName: 'Modifies Data',
			name: 'modifiesData',
			type: 'boolean',
			default: true,
			description:
				'Whether the call changes data or launches something: it then carries a Request-ID, so that retries never apply it twice. Turn off for reads.',
		},
	},
];

const operations: Operation[] = [
	{
		resource,
		value: 'request',
		name: 'Make a Request',
		action: 'Make an API request',
		description:
			'Call any Altcraft API v1.1 method this node has no operation for: POST a JSON body to a path under /api/v1.1/ and get the answer without error fields',
		path: apiPath('{path}'),
		modifying: true,
		isModifying: (ctx) => toBoolean(ctx, 'Modifies Data', ctx.param('modifiesData', true)),
		resolvePath: (ctx) => customPath(ctx, ctx.param('path', '')),
		response: 'envelope',
		fields,
	},
];

export const customApiCall: ResourceDefinition = {
	value: resource,
	name: 'Custom API Call',
	description: 'Any Altcraft API v1.1 method, with a JSON body',
	operations,
};
