import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { AltcraftConnection } from './connection';
import { openConnection, scrubSecrets } from './connection';
import { describeErrorCode, RETRYABLE_HTTP_STATUSES, RETRYABLE_NETWORK_CODES } from './errors';

export { openConnection, scrubSecrets } from './connection';
export type { AltcraftConnection } from './connection';

export const CREDENTIAL_TYPE = 'altcraftApi';
export const API_PREFIX = '/api/v1.1/';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface RetryPolicy {
	/** Retries after the first attempt. */
	maxRetries: number;
	/** Per-attempt timeout; a hung answer is abandoned and retried. */
	timeoutMs: number;
	/** No new attempt starts once this much time has passed since the first one. */
	maxRetryTimeMs: number;
	/** First backoff step; doubles per attempt, with jitter. */
	baseDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxRetries: 10,
	timeoutMs: 60_000,
	maxRetryTimeMs: 300_000,
	baseDelayMs: 500,
};

const MAX_BACKOFF_MS = 30_000;

export interface AltcraftCall {
	/** Path under the base URL, e.g. /api/v1.1/profiles/import */
	path: string;
	body?: IDataObject;
	/** The body already serialized as one JSON object (a batch): sent as it is, the same bytes on every attempt. */
	json?: Buffer;
	method?: 'POST' | 'GET';
	/** Modifying calls carry a Request-ID so that the platform's deduplication makes retries safe. */
	requestId?: string;
	itemIndex?: number;
	/** Download a file (GET /api/download/…): no envelope, raw bytes back. */
	download?: boolean;
}

export interface AltcraftAnswer {
	body: IDataObject;
	/** The platform recognised a repeat and replayed the first answer (Duplicate-Request header). */
	duplicate: boolean;
	status: number;
	/** Raw bytes of a download. */
	data?: Buffer;
	attempts: number;
}

interface FullResponse {
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
}

/** The only function in the package that talks HTTP to Altcraft. */
export async function callAltcraft(
	ctx: RequestContext,
	connection: AltcraftConnection,
	policy: RetryPolicy,
	call: AltcraftCall,
): Promise<AltcraftAnswer> {
	const url = `${connection.baseUrl}${call.path}`;
	// The token goes to the credential's host only, whatever a path (e.g. a download URL from an answer) holds.
	if (!call.path.startsWith('/') || !sameOrigin(url, connection.baseUrl)) {
		throw new NodeApiError(ctx.getNode(), { path: scrubSecrets(call.path, connection.secrets) } as JsonObject, {
			message: 'Refused to send the token to another host than the Base URL of the credential',
			itemIndex: call.itemIndex,
		});
	}
	const options: IHttpRequestOptions = {
		method: call.method ?? 'POST',
		url,
		headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
		json: !call.download,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect would carry the token to wherever it points: never follow one.
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: policy.timeoutMs,
		skipSslCertificateValidation: connection.skipTlsCheck,
	};
	if (call.download) options.encoding = 'arraybuffer';
	else options.body = call.json ?? { ...(call.body ?? {}) };
	if (call.requestId) (options.headers as IDataObject)['Request-ID'] = call.requestId;

	const started = Date.now();
	for (let attempt = 1; ; attempt++) {
		let failure: Failure;
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
			)) as FullResponse;
			const outcome = readResponse(response, call, attempt);
			if ('answer' in outcome) return outcome.answer;
			failure = outcome;
		} catch (error) {
			failure = networkFailure(error);
		}
		const waitMs = failure.retryable ? backoffMs(attempt, policy, failure.retryAfterMs) : -1;
		const withinBudget = Date.now() - started + Math.max(waitMs, 0) <= policy.maxRetryTimeMs;
		if (!failure.retryable || attempt > policy.maxRetries || !withinBudget) {
			throw toNodeError(ctx, connection, call, failure, attempt);
		}
		await sleep(waitMs);
	}
}

function sameOrigin(url: string, baseUrl: string): boolean {
	try {
		return new URL(url).origin === new URL(baseUrl).origin;
	} catch {
		return false;
	}
}

interface Failure {
	retryable: boolean;
	retryAfterMs?: number;
	/** Envelope code, or undefined for HTTP / network failures. */
	code?: number;
	errorText?: string;
	httpStatus?: number;
	network?: string;
}

function readResponse(
	response: FullResponse,
	call: AltcraftCall,
	attempts: number,
): { answer: AltcraftAnswer } | Failure {
	const status = response.statusCode;
	const headers = response.headers ?? {};
	const retryAfterMs = parseRetryAfter(headers['retry-after']);
	if (call.download) {
		if (status >= 200 && status < 300) {
			const data = Buffer.isBuffer(response.body)
				? response.body
				: Buffer.from(response.body as ArrayBuffer);
			return { answer: { body: {}, duplicate: false, status, data, attempts } };
		}
		return { retryable: RETRYABLE_HTTP_STATUSES.has(status), retryAfterMs, httpStatus: status };
	}
	const body = parseBody(response.body);
	if (body && typeof body.error === 'number') {
		const code = body.error;
		if (code === 0 && status < 300) {
			return { answer: { body, duplicate: isDuplicate(headers), status, attempts } };
		}
		const errorText = typeof body.error_text === 'string' ? body.error_text : '';
		if (code === 0) {
			return { retryable: RETRYABLE_HTTP_STATUSES.has(status), retryAfterMs, httpStatus: status, errorText };
		}
		return { retryable: describeErrorCode(code).retryable, retryAfterMs, code, errorText, httpStatus: status };
	}
	if (status >= 200 && status < 300) {
		return { retryable: false, httpStatus: status, errorText: 'The answer is not an Altcraft API envelope' };
	}
	return { retryable: RETRYABLE_HTTP_STATUSES.has(status), retryAfterMs, httpStatus: status };
}

function parseBody(raw: unknown): IDataObject | undefined {
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && !Buffer.isBuffer(raw)) return raw as IDataObject;
	if (typeof raw === 'string' && raw.trimStart().startsWith('{')) {
		try {
			return JSON.parse(raw) as IDataObject;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

function isDuplicate(headers: FullResponse['headers']): boolean {
	const value = headers['duplicate-request'] ?? headers['x-duplicate-request'];
	return String(value).toLowerCase() === 'true';
}

export function parseRetryAfter(value: unknown): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' || text.trim() === '') return undefined;
	const seconds = Number(text);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Exponential backoff with jitter; Retry-After wins when longer. Jitter spreads workers sharing one token. */
export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, policy.baseDelayMs * 2 ** (attempt - 1));
	const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
	if (retryAfterMs === undefined) return Math.round(jittered);
	return Math.round(retryAfterMs + Math.random() * Math.min(1000, policy.baseDelayMs));
}

function networkFailure(error: unknown): Failure {
	// n8n wraps the HTTP client's error in a NodeApiError: the network code lands in httpCode, the text in messages.
	const err = (error ?? {}) as {
		code?: unknown;
		httpCode?: unknown;
		cause?: { code?: unknown };
		message?: unknown;
		messages?: unknown;
	};
	const code = [err.code, err.cause?.code, err.httpCode].find(
		(c) => typeof c === 'string' && /^E[A-Z_]+$/.test(c),
	) as string | undefined;
	const texts = [err.message, ...(Array.isArray(err.messages) ? err.messages : [])].filter(
		(t): t is string => typeof t === 'string',
	);
	const retryable =
		(code !== undefined && RETRYABLE_NETWORK_CODES.has(code)) ||
		texts.some((t) => /socket hang up|timeout|timed out|ECONNRESET|ECONNREFUSED|network/i.test(t));
	// Only the code or the first line of a message: the error object itself holds the request with the token.
	return { retryable, network: code ?? texts[0]?.split('\n')[0] ?? 'unknown network error' };
}

function toNodeError(
	ctx: RequestContext,
	connection: AltcraftConnection,
	call: AltcraftCall,
	failure: Failure,
	attempts: number,
): NodeApiError {
	const tries = attempts > 1 ? ` (tried ${attempts} times)` : '';
	let message: string;
	let description: string;
	if (failure.code !== undefined) {
		const info = describeErrorCode(failure.code);
		message = `${info.meaning} (Altcraft error ${failure.code})${failure.errorText ? `: ${failure.errorText}` : ''}`;
		description = info.hint;
	} else if (failure.network !== undefined) {
		message = `Could not get an answer from Altcraft: ${failure.network}`;
		description =
			'The request timed out or the connection failed. Check the Base URL of the credential and that the host is reachable; raise Timeout or Max Retries in Options if the platform is slow.';
	} else {
		message = `Altcraft answered HTTP ${failure.httpStatus}${failure.errorText ? `: ${failure.errorText}` : ''}`;
		description = httpHint(failure.httpStatus ?? 0);
	}
	const scrub = (text: string) => scrubSecrets(text, connection.secrets);
	const errorResponse: JsonObject = {
		error: failure.code ?? null,
		error_text: scrub(failure.errorText ?? ''),
		httpStatus: failure.httpStatus ?? null,
		path: call.path,
		attempts,
	};
	const error = new NodeApiError(ctx.getNode(), errorResponse, {
		message: scrub(message + tries),
		description: scrub(description),
		httpCode: failure.code !== undefined ? String(failure.code) : failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex: call.itemIndex,
	});
	// NodeApiError swaps messages that mention a network code (ECONNREFUSED…) for a generic text: keep ours.
	error.message = scrub(message + tries);
	return error;
}

function httpHint(status: number): string {
	if (status >= 300 && status < 400) {
		return 'The server answered with a redirect. Set the Base URL of the credential to the final address (e.g. https:// instead of http://); the node never follows redirects so that the token cannot leak.';
	}
	if (status === 413) {
		return 'The request body is larger than the platform accepts (10 MB by default). Lower the batch size or send fewer items at once.';
	}
	if (status === 401 || status === 403) {
		return 'Check the API token of the credential and the rights of its role.';
	}
	if (status === 404) {
		return 'This address does not serve the Altcraft API. Check the Base URL of the credential (including any path prefix).';
	}
	if (RETRYABLE_HTTP_STATUSES.has(status)) {
		return 'Altcraft or a gateway in front of it kept failing. Try again later, or raise Max Retries in Options.';
	}
	return 'The answer was not the Altcraft API envelope. Check the Base URL of the credential.';
}

/** The error of one entry of a batch answer (its own code and text), attributed to that entry's input item. */
export function entryError(
	ctx: RequestContext,
	connection: AltcraftConnection,
	path: string,
	entry: { error?: unknown; error_text?: unknown },
	itemIndex: number,
): NodeApiError {
	const code = typeof entry.error === 'number' ? entry.error : 400;
	const errorText = typeof entry.error_text === 'string' ? entry.error_text : '';
	return toNodeError(ctx, connection, { path, itemIndex }, { retryable: false, code, errorText }, 1);
}

/** Resolves the credential once for an execution; the connection lives only as long as that execute() call. */
export async function connect(ctx: RequestContext): Promise<AltcraftConnection> {
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return openConnection(ctx.getNode(), credentials);
}

export function apiPath(method: string): string {
	return `${API_PREFIX}${method.replace(/^\/+/, '')}`;
}
