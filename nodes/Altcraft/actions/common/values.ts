import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { scrubSecrets } from '../../transport/connection';
import type { ItemContext } from '../types';

/**
 * Bad input: names the field and the item, and is thrown before anything is sent. A value quoted in the message is
 * scrubbed of the token, in case the token itself was typed or mapped into a field by mistake.
 */
export function inputError(ctx: ItemContext, field: string, problem: string, hint?: string): NodeOperationError {
	const scrub = (text: string) => scrubSecrets(text, ctx.connection?.secrets ?? []);
	return new NodeOperationError(ctx.exec.getNode(), scrub(`${field}: ${problem} (item ${ctx.itemIndex})`), {
		itemIndex: ctx.itemIndex,
		description: scrub(hint ?? `Fix the value of "${field}" for item ${ctx.itemIndex}.`),
	});
}

export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A JSON parameter arrives as a string typed by the user or as an object from an expression. */
export function parseJson(ctx: ItemContext, field: string, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		throw inputError(ctx, field, `is not valid JSON (${(error as Error).message})`);
	}
}

export function parseJsonObject(ctx: ItemContext, field: string, value: unknown): IDataObject | undefined {
	const parsed = parseJson(ctx, field, value);
	if (parsed === undefined || parsed === null) return undefined;
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw inputError(ctx, field, 'must be a JSON object, e.g. {"key": "value"}');
	}
	return parsed as IDataObject;
}

export function toInteger(
	ctx: ItemContext,
	field: string,
	value: unknown,
	{ min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = {},
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number)) {
		throw inputError(ctx, field, `must be a whole number, got ${describe(value)}`);
	}
	if (number < min || number > max) {
		throw inputError(ctx, field, `must be between ${min} and ${max}, got ${number}`);
	}
	return number;
}

export function toNumber(ctx: ItemContext, field: string, value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw inputError(ctx, field, `must be a number, got ${describe(value)}`);
	}
	return number;
}

export function toBoolean(ctx: ItemContext, field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 1 || value === '1') return true;
	if (value === 'false' || value === 0 || value === '0') return false;
	throw inputError(ctx, field, `must be true or false, got ${describe(value)}`);
}

/** A list typed as "a, b, c", or an array from an expression. */
export function toStringList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((v) => String(v).trim()).filter((v) => v !== '');
	if (isEmpty(value)) return [];
	return String(value)
		.split(',')
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

export function toIntegerList(ctx: ItemContext, field: string, value: unknown): number[] {
	return toStringList(value).map((v) => toInteger(ctx, field, v, { min: 0 }));
}

export function requireString(ctx: ItemContext, field: string, value: unknown): string {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw inputError(ctx, field, value === undefined || (typeof value === 'string' && value.trim() === '') ? 'is required' : `must be text, got ${describe(value)}`);
	}
	return value.trim();
}

/** A calendar date as YYYY-MM-DD, from a date picker ("2024-01-31T00:00:00"), a plain date, or a Date. */
export function toDateOnly(ctx: ItemContext, field: string, value: unknown): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
	const text = typeof value === 'object' && value !== null && 'toISO' in value ? String((value as { toISO: () => string }).toISO()) : value;
	const match = typeof text === 'string' ? /^\s*(\d{4}-\d{2}-\d{2})/.exec(text) : null;
	if (!match || !isDateText(match[1])) throw inputError(ctx, field, `must be a date like 2024-01-31, got ${describe(value)}`);
	return match[1];
}

/** A date and time as text (RFC 3339 is what Altcraft documents), from a date picker, a string or a Date. */
/** The text of a date-time value as given (RFC 3339, or a date picker's local time). */
function dateTimeText(ctx: ItemContext, field: string, value: unknown): string {
	if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
	if (typeof value === 'object' && value !== null && 'toISO' in value) return String((value as { toISO: () => string }).toISO());
	const text = requireString(ctx, field, value);
	if (!/^\d{4}-\d{2}-\d{2}/.test(text) || !isDateText(text.slice(0, 10))) {
		throw inputError(ctx, field, `must be a date and time like 2024-01-31T10:00:00Z, got ${describe(value)}`);
	}
	return text;
}

/** A list typed one per line or comma-separated, or an array from an expression. */
export function toLineList(value: unknown): string[] {
	if (Array.isArray(value)) return toStringList(value);
	if (isEmpty(value)) return [];
	return toStringList(String(value).split(/[\r\n]+/).join(','));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmailAddress(text: string): boolean {
	return EMAIL.test(text);
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** A date as Altcraft takes it: RFC 3339 ("1990-02-22T21:00:00Z") or a plain "1990-02-22", with a real day and time. */
export function isDateText(text: string): boolean {
	const match = DATE_TEXT.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
	if (match[4] === undefined) return true;
	return Number(match[4]) <= 23 && Number(match[5]) <= 59 && (match[6] === undefined || Number(match[6]) <= 60);
}

export function requireEmail(ctx: ItemContext, field: string, value: unknown): string {
	const email = requireString(ctx, field, value);
	if (!EMAIL.test(email)) throw inputError(ctx, field, `"${truncate(email)}" is not an e-mail address`);
	return email;
}

export function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'nothing';
	if (typeof value === 'string') return value === '' ? 'an empty string' : `"${truncate(value)}"`;
	if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
	return `${typeof value} ${String(value)}`;
}

function truncate(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A date and time as Altcraft takes it: RFC 3339 with an offset (e.g. campaigns/log_v2 `from_time`, the
 * scampaigns dates; 41-campaigns.md). n8n's date picker gives local time without an offset ("2025-04-01T18:45:00"):
 * that is read in the workflow's time zone, as the user sees it, and sent in UTC. Values with an offset pass as given.
 */
export function toDateTime(ctx: ItemContext, label: string, value: unknown): string {
	const text = dateTimeText(ctx, label, value);
	if (RFC3339.test(text)) return text;
	const local = LOCAL_DATE_TIME.exec(text);
	if (!local) throw inputError(ctx, label, `must be a date and time like 2024-01-31T10:00:00Z, got ${describe(value)}`);
	const [year, month, day, hour = 0, minute = 0, second = 0] = local.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
		throw inputError(ctx, label, `${describe(value)} is not a real date and time`);
	}
	const timeZone = ctx.exec.getTimezone?.() || 'UTC';
	// The offset at the wall time, then at the instant found (they differ only around a clock change).
	let utc = wall - zoneOffsetMs(timeZone, wall);
	utc = wall - zoneOffsetMs(timeZone, utc);
	return new Date(utc).toISOString().replace(/\.000Z$/, 'Z');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** How far a time zone's wall clock is ahead of UTC at an instant, in ms. */
function zoneOffsetMs(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}


// ---------------------------------------------------------------------------------------------------------------
// Values mapped with n8n's resource mapper: converted to the column's type (methods/resourceMapping.ts maps the
// Altcraft field types to n8n's) before the profile checks and the platform's own.

/** A value that carries nothing: nothing, null, blank text, or an empty list. */
export function isEmptyMapped(value: unknown): boolean {
	return isEmpty(value) || (Array.isArray(value) && value.length === 0);
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One mapped value converted to an n8n field type: number, boolean, dateTime (RFC 3339; a plain calendar date stays
 * YYYY-MM-DD), array (a list, a JSON array text or comma-separated text), object (an object or JSON object text),
 * string. Other types (options) pass as given. Throws a NodeOperationError naming the field and the item.
 */
export function toMappedType(ctx: ItemContext, label: string, value: unknown, type: string | undefined): IDataObject[string] {
	switch (type) {
		case 'number':
			return toNumber(ctx, label, typeof value === 'string' ? value.trim() : value);
		case 'boolean': {
			if (typeof value === 'boolean') return value;
			const word = typeof value === 'number' || typeof value === 'string' ? String(value).trim().toLowerCase() : undefined;
			if (word !== undefined && TRUE_WORDS.has(word)) return true;
			if (word !== undefined && FALSE_WORDS.has(word)) return false;
			throw inputError(ctx, label, `must be true or false, got ${describe(value)}`, `Give true/false, 1/0 or yes/no for "${label}" of item ${ctx.itemIndex}.`);
		}
		case 'dateTime': {
			if (typeof value === 'number') {
				throw inputError(
					ctx,
					label,
					`must be a date and time like 2024-01-31T10:00:00Z, got ${describe(value)}`,
					'A number is ambiguous (seconds or milliseconds): convert it, e.g. {{ DateTime.fromSeconds($json.time).toISO() }}.',
				);
			}
			if (typeof value === 'string' && CALENDAR_DATE.test(value.trim())) {
				const date = value.trim();
				if (!isDateText(date)) throw inputError(ctx, label, `"${date}" is not a real date`);
				return date; // a calendar date (a birthday) has no time zone
			}
			return toDateTime(ctx, label, typeof value === 'string' ? value.trim() : value);
		}
		case 'array': {
			if (Array.isArray(value)) return value as IDataObject[string];
			if (typeof value === 'string') {
				const text = value.trim();
				if (text.startsWith('[')) {
					const parsed = parseJson(ctx, label, text);
					if (!Array.isArray(parsed)) throw inputError(ctx, label, 'must be a list');
					return parsed as IDataObject[string];
				}
				// One JSON object: a list of one (object-array fields).
				if (text.startsWith('{')) return [parseJsonObject(ctx, label, text) as IDataObject];
				return toStringList(text);
			}
			if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
			if (value !== null && typeof value === 'object') return [value as IDataObject];
			throw inputError(ctx, label, `must be a list, got ${describe(value)}`);
		}
		case 'object': {
			const parsed = typeof value === 'string' ? parseJson(ctx, label, value.trim()) : value;
			if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw inputError(ctx, label, `must be an object (or JSON object text such as {"key": "value"}), got ${describe(value)}`);
			}
			return parsed as IDataObject;
		}
		case 'string':
			if (typeof value === 'string') return value;
			if (typeof value === 'number' || typeof value === 'boolean') return String(value);
			if (value instanceof Date) return value.toISOString();
			if (value !== null && typeof value === 'object' && 'toISO' in value) return String((value as { toISO: () => string }).toISO());
			throw inputError(ctx, label, `must be text, got ${describe(value)}`);
		default:
			return value as IDataObject[string];
	}
}
