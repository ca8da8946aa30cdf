import { createHash, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, INode, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALL_EVENTS } from './events';

/**
 * Receiving Altcraft Action Hooks (shared/altcraft-api/90-webhooks-and-callbacks.md §2–§3): a POST whose body is a
 * JSON array of events. Refused requests are answered by the node (4xx, nothing starts); accepted ones by n8n with
 * HTTP 200 and SUCCESS_BODY as soon as the execution has started, with one item per event that passed the checks.
 * Everything here is pure or works through IWebhookFunctions, so unit tests need no server.
 */

/** The body of every successful reply. The notice tells users to enter exactly this as the hook's success message. */
export const SUCCESS_BODY = 'OK';

/** Segment of the webhook path, after n8n's webhook id: `<n8n>/webhook/<webhook id>/altcraft[/<secret>]`. */
export const PATH_SEGMENT = 'altcraft';

/** Key of the duplicate-detection memory in the node's workflow static data. */
export const SEEN_EVENTS_KEY = 'altcraftSeenEvents';

const SECRET_SEGMENT_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export type Authentication = 'none' | 'headerAuth' | 'secretPath';

export interface TriggerSettings {
	authentication: Authentication;
	headerName: string;
	headerValue: string;
	secretPathSegment: string;
	events: string[];
	otherEventTypes: string;
	ignoreTestEvents: boolean;
	flattenEventData: boolean;
	dropDuplicates: boolean;
	duplicateWindowMinutes: number;
	duplicateMaxEvents: number;
}

/** A refused request: its HTTP status and a message for whoever reads Altcraft's delivery log. */
export class Refusal {
	constructor(
		readonly status: number,
		readonly message: string,
		readonly headers: Record<string, string> = {},
	) {}
}

type ParameterReader = (name: string, fallback: unknown) => unknown;

/** Reads the node's settings; used by webhook() and by the activation check. */
export function readSettings(getParameter: ParameterReader): TriggerSettings {
	const options = (getParameter('options', {}) ?? {}) as IDataObject;
	const authentication = String(getParameter('authentication', 'none')) as Authentication;
	const dropDuplicates = getParameter('dropDuplicates', false) === true;
	return {
		authentication,
		headerName: authentication === 'headerAuth' ? String(getParameter('headerName', '') ?? '').trim() : '',
		headerValue: authentication === 'headerAuth' ? String(getParameter('headerValue', '') ?? '') : '',
		secretPathSegment: authentication === 'secretPath' ? String(getParameter('secretPathSegment', '') ?? '') : '',
		events: toStringList(getParameter('events', [ALL_EVENTS])),
		otherEventTypes: String(options.otherEventTypes ?? ''),
		ignoreTestEvents: options.ignoreTestEvents === true,
		flattenEventData: options.flattenEventData === true,
		dropDuplicates,
		duplicateWindowMinutes: dropDuplicates ? Number(getParameter('duplicateWindowMinutes', 60)) : 60,
		duplicateMaxEvents: dropDuplicates ? Number(getParameter('duplicateMaxEvents', 5000)) : 5000,
	};
}

function toStringList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v));
	if (typeof value === 'string' && value !== '') return [value];
	return [];
}

/**
 * Settings that cannot protect anything are refused loudly (activation fails, or the execution fails), never
 * silently treated as "no protection". Returns the problem, or undefined when the settings are usable.
 */
export function settingsProblem(settings: TriggerSettings): { message: string; description: string } | undefined {
	if (!['none', 'headerAuth', 'secretPath'].includes(settings.authentication)) {
		return { message: `Unknown Authentication "${settings.authentication}"`, description: 'Choose one of the listed options.' };
	}
	if (settings.authentication === 'headerAuth') {
		if (!settings.headerName || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(settings.headerName)) {
			return {
				message: 'Header Name is empty or not a valid HTTP header name',
				description: 'Enter the header your Altcraft Custom Authentication connection sends, e.g. X-Altcraft-Hook-Secret.',
			};
		}
		if (settings.headerValue.trim() === '') {
			return {
				message: 'Header Value is empty',
				description: 'Enter the same secret value as in your Altcraft Custom Authentication connection.',
			};
		}
	}
	if (settings.authentication === 'secretPath' && !SECRET_SEGMENT_PATTERN.test(settings.secretPathSegment)) {
		return {
			message: 'Secret Path Segment must be 16 to 128 letters, digits, "-" or "_"',
			description: 'Use a long random value, e.g. from a password generator, so the URL cannot be guessed.',
		};
	}
	if (settings.dropDuplicates) {
		if (!Number.isFinite(settings.duplicateWindowMinutes) || settings.duplicateWindowMinutes <= 0) {
			return { message: 'Remember Events For must be a positive number of minutes', description: '' };
		}
		if (!Number.isFinite(settings.duplicateMaxEvents) || settings.duplicateMaxEvents < 1) {
			return { message: 'Max Remembered Events must be at least 1', description: '' };
		}
	}
	return undefined;
}

export function assertUsableSettings(node: INode, settings: TriggerSettings): void {
	const problem = settingsProblem(settings);
	if (problem) {
		throw new NodeOperationError(node, `Altcraft Trigger: ${problem.message}`, { description: problem.description });
	}
}

/** Activation check (webhookMethods.default.create): a misconfigured trigger fails to activate, with the reason. */
export function checkSettingsOnActivation(this: IHookFunctions): boolean {
	const settings = readSettings((name, fallback) => this.getNodeParameter(name, fallback));
	assertUsableSettings(this.getNode(), settings);
	return true;
}

// ---------------------------------------------------------------------------------------------
// Request checks
// ---------------------------------------------------------------------------------------------

function sha256(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares two secrets in constant time (over their digests, so lengths leak nothing either). */
export function sameSecret(received: string, expected: string): boolean {
	return timingSafeEqual(sha256(received), sha256(expected));
}

function headerValue(headers: IDataObject, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	if (Array.isArray(value)) return value.map(String).join(', ');
	return typeof value === 'string' ? value : undefined;
}

/** Method, then protection. Returns a refusal, or undefined when the request may deliver events. */
export function checkRequest(
	method: string,
	webhookName: string,
	headers: IDataObject,
	settings: TriggerSettings,
): Refusal | undefined {
	if (method.toUpperCase() !== 'POST') {
		return new Refusal(405, `Method ${method.toUpperCase()} is not allowed: Altcraft delivers events by POST`, {
			Allow: 'POST',
		});
	}
	if (webhookName !== 'default') {
		// The only POST routes besides the trigger's own URL catch a wrong or missing secret path segment.
		if (settings.authentication === 'secretPath') {
			return new Refusal(401, 'Unauthorized: the secret path segment of this URL is wrong or missing');
		}
		return new Refusal(404, 'Not found: this URL does not belong to the trigger');
	}
	if (settings.authentication === 'headerAuth') {
		const received = headerValue(headers, settings.headerName);
		if (received === undefined || !sameSecret(received.trim(), settings.headerValue.trim())) {
			// The header's name is not echoed: it is half of the secret.
			return new Refusal(401, 'Unauthorized: the authentication header is missing or has the wrong value');
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Body
// ---------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is IDataObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/** Content types n8n turns into something other than the JSON that was sent. */
const NON_JSON_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

function mediaType(contentType: unknown): string {
	return String(contentType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

function isNonJsonMediaType(type: string): boolean {
	return NON_JSON_CONTENT_TYPES.includes(type) || type.endsWith('/xml') || type.endsWith('+xml');
}

/**
 * The events of one delivery. Altcraft posts a JSON array; a scenario's API call step may post one JSON object. The
 * raw body is preferred when n8n kept it (its Content-Type is not documented, and n8n parses form and XML bodies
 * into objects that no longer are the JSON that was sent); otherwise the body n8n parsed is used.
 */
export function readEvents(parsedBody: unknown, rawBody: unknown, contentType: unknown): IDataObject[] | Refusal {
	const type = mediaType(contentType);
	let value: unknown;
	let text: string | undefined;
	if (Buffer.isBuffer(rawBody)) text = rawBody.toString('utf8');
	else if (typeof rawBody === 'string') text = rawBody;
	else if (typeof parsedBody === 'string') text = parsedBody;

	if (text !== undefined) {
		if (text.trim() === '') return new Refusal(400, 'Bad request: the body is empty; expected a JSON array of events');
		try {
			value = JSON.parse(text);
		} catch {
			if (isNonJsonMediaType(type)) {
				return new Refusal(415, `Unsupported media type ${type}: send the events as JSON (application/json)`);
			}
			// The parser's message quotes the body, which must never be echoed (it could match the success pattern).
			return new Refusal(400, 'Bad request: the body is not valid JSON; expected a JSON array of events');
		}
	} else {
		if (isNonJsonMediaType(type)) {
			return new Refusal(415, `Unsupported media type ${type}: send the events as JSON (application/json)`);
		}
		value = parsedBody;
		if (value === undefined || value === null || (isPlainObject(value) && Object.keys(value).length === 0)) {
			return new Refusal(400, 'Bad request: the body is empty; expected a JSON array of events');
		}
	}

	if (Array.isArray(value)) {
		const invalid = value.findIndex((event) => !isPlainObject(event));
		if (invalid !== -1) {
			return new Refusal(
				400,
				`Bad request: element ${invalid} of the array is not a JSON object; every event must be an object`,
			);
		}
		return value as IDataObject[];
	}
	if (isPlainObject(value)) {
		if (Object.keys(value).length === 0) {
			return new Refusal(400, 'Bad request: the body is an empty JSON object; expected an event or an array of events');
		}
		return [value];
	}
	return new Refusal(400, 'Bad request: expected a JSON array of events or one event object');
}

// ---------------------------------------------------------------------------------------------
// Filter, duplicates, output shape
// ---------------------------------------------------------------------------------------------

/** The event types to keep, or undefined for all. */
export function selectedEventTypes(settings: TriggerSettings): Set<string> | undefined {
	if (settings.events.includes(ALL_EVENTS)) return undefined;
	const others = settings.otherEventTypes
		.split(/[\s,;]+/)
		.map((t) => t.trim())
		.filter((t) => t !== '');
	const selected = new Set([...settings.events, ...others]);
	return selected.size === 0 ? undefined : selected;
}

export function keepEvent(event: IDataObject, selected: Set<string> | undefined, ignoreTestEvents: boolean): boolean {
	if (ignoreTestEvents && event.is_test === true) return false;
	if (selected === undefined) return true;
	return typeof event.event_type === 'string' && selected.has(event.event_type);
}

function scalar(value: unknown): string | number | boolean | null {
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	return null;
}

/**
 * A fingerprint of an event, or undefined when the event does not carry enough identity to call two deliveries the
 * same: the platform sends no event id, so type, date (nanoseconds) and profile must all be present; account,
 * database, test flag and the message, mailing, launch, sent-message ids and link add precision where present.
 */
export function eventFingerprint(event: IDataObject): string | undefined {
	const type = scalar(event.event_type);
	const date = scalar(event.event_date);
	const profile = scalar(event.profile_id) ?? scalar(event._xxh) ?? scalar(event._md5) ?? scalar(event.subscription_hash_id);
	if (typeof type !== 'string' || type === '' || typeof date !== 'string' || date === '' || profile === null || profile === '') {
		return undefined;
	}
	const data = isPlainObject(event.event_data) ? event.event_data : {};
	const identity = [
		type,
		date,
		profile,
		scalar(event.account_id),
		scalar(event.list_id),
		scalar(event.is_test),
		scalar(data.send_message_id),
		scalar(data.launch_id),
		scalar(data.message_id),
		scalar(data.campaign_id),
		scalar(data.link_url),
	];
	// 96 bits of SHA-256: collisions are out of reach for the few thousand events remembered.
	return createHash('sha256').update(JSON.stringify(identity), 'utf8').digest('base64url').slice(0, 16);
}

interface SeenEvents {
	/** fingerprint → seconds since the epoch when it was first delivered; insertion order is arrival order */
	seen: Record<string, number>;
}

/**
 * Drops events whose fingerprint was delivered within the window, and remembers the new ones in the node's workflow
 * static data (saved with the workflow by n8n, so every worker of a queue-mode setup sees it). The memory is pruned
 * by age and capped in size on every delivery. Best effort: two deliveries handled at the same moment by different
 * workers may both pass, and events without enough identity are never dropped.
 */
export function dropDuplicates(
	events: IDataObject[],
	staticData: IDataObject,
	options: { windowSeconds: number; maxEntries: number; nowSeconds: number },
): { kept: IDataObject[]; duplicates: number } {
	const stored = staticData[SEEN_EVENTS_KEY] as unknown as SeenEvents | undefined;
	const previous = stored && isPlainObject(stored.seen) ? stored.seen : {};
	const oldest = options.nowSeconds - options.windowSeconds;
	const seen = new Map<string, number>();
	let changed = false;
	for (const [key, at] of Object.entries(previous)) {
		if (typeof at === 'number' && at >= oldest && at <= options.nowSeconds + options.windowSeconds) seen.set(key, at);
		else changed = true;
	}

	const kept: IDataObject[] = [];
	let duplicates = 0;
	for (const event of events) {
		const fingerprint = eventFingerprint(event);
		if (fingerprint === undefined) {
			kept.push(event);
			continue;
		}
		if (seen.has(fingerprint)) {
			duplicates++;
			continue;
		}
		seen.set(fingerprint, options.nowSeconds);
		changed = true;
		kept.push(event);
	}

	const maxEntries = Math.max(1, Math.floor(options.maxEntries));
	let entries = [...seen.entries()];
	if (entries.length > maxEntries) {
		entries = entries.slice(entries.length - maxEntries);
		changed = true;
	}
	if (changed) {
		// A new object, so n8n notices the change and saves the static data.
		staticData[SEEN_EVENTS_KEY] = { seen: Object.fromEntries(entries) } as unknown as IDataObject;
	}
	return { kept, duplicates };
}

/**
 * `event_data`'s fields moved to the top level for easy mapping (`{{ $json.link_url }}`). A field whose name is
 * already used at the top level keeps the top-level value, and the event_data one is named `event_data_<name>`.
 */
export function flattenEventData(event: IDataObject): IDataObject {
	const { event_data: data, ...rest } = event;
	if (!isPlainObject(data)) return { ...event };
	const flat: IDataObject = { ...rest };
	for (const [key, value] of Object.entries(data)) {
		flat[key in rest ? `event_data_${key}` : key] = value;
	}
	return flat;
}

// ---------------------------------------------------------------------------------------------
// webhook()
// ---------------------------------------------------------------------------------------------

interface MinimalResponse {
	writeHead(status: number, headers: Record<string, string>): unknown;
	end(body?: string): unknown;
}

/** A refusal is answered by the node itself: n8n's own answers cannot carry a 4xx status. */
function refuse(res: MinimalResponse, refusal: Refusal): IWebhookResponseData {
	res.writeHead(refusal.status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Cache-Control': 'no-store',
		...refusal.headers,
	});
	res.end(JSON.stringify({ error: refusal.message }));
	return { noWebhookResponse: true };
}

export async function receiveActionHooks(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readSettings((name, fallback) => this.getNodeParameter(name, fallback));
	assertUsableSettings(this.getNode(), settings);

	const req = this.getRequestObject() as unknown as { method?: string; rawBody?: unknown };
	const res = this.getResponseObject() as unknown as MinimalResponse;
	const headers = this.getHeaderData() as IDataObject;

	const refusal = checkRequest(String(req.method ?? 'POST'), this.getWebhookName(), headers, settings);
	if (refusal) return refuse(res, refusal);

	const events = readEvents(this.getBodyData(), req.rawBody, headers['content-type']);
	if (events instanceof Refusal) return refuse(res, events);

	const selected = selectedEventTypes(settings);
	let output = events.filter((event) => keepEvent(event, selected, settings.ignoreTestEvents));
	if (settings.dropDuplicates && output.length > 0) {
		output = dropDuplicates(output, this.getWorkflowStaticData('node'), {
			windowSeconds: settings.duplicateWindowMinutes * 60,
			maxEntries: settings.duplicateMaxEvents,
			nowSeconds: Math.floor(Date.now() / 1000),
		}).kept;
	}
	if (settings.flattenEventData) output = output.map(flattenEventData);

	// n8n answers HTTP 200 with SUCCESS_BODY as soon as the execution is started (response mode "onReceived", the
	// body from the webhook description's responseData), or at once when nothing starts. It saves the static data
	// first, so the next delivery already sees the events remembered from this one.
	if (output.length === 0) return { webhookResponse: SUCCESS_BODY };
	return { webhookResponse: SUCCESS_BODY, workflowData: [output.map((event) => ({ json: event }))] };
}
