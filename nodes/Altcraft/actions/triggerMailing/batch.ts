import type { IDataObject } from 'n8n-workflow';

import type { MatchingMode } from '../common/fields';
import { stringField } from '../common/fields';
import { describe, inputError, parseJson, parseJsonObject, requireEmail, requireString } from '../common/values';
import type { Field, ItemContext } from '../types';

// The "many profiles" launches (41-campaigns.md A.3–A.7; 42-automation.md §3–4): one request carries a data[]
// array with one entry per profile, while matching, field_name, content, attachments and the flags are shared at
// the top level. Here one n8n item gives one request; its profiles come as rows or as a JSON array.
//
// batchEntry() turns ONE profile into ONE entry. It takes the body of a single-profile launch (the identifiers at
// the top level as matchingFields() writes them, `data`, `custom_data`), so grouping many items of
// Launch / Import Profile and Launch into one batch call can reuse it: splitForBatch(buildBody(ctx), kind).

/** Which key names the trigger mailing in each launch call: they differ (41-campaigns.md, "Pitfalls"). */
export const TRIGGER_ID_KEY = {
	start: 'id',
	importAndStart: 'trigger_id',
	startBatch: 'trigger_id',
	importAndStartBatch: 'trigger_id',
	startBatchTask: 'id',
	importAndStartBatchTask: 'trigger_id',
} as const;

/** start: entries hold the identifiers (start_batch, start_batch_task); import: entries wrap profile data. */
export type EntryKind = 'start' | 'import';

/** The identifier keys a single-profile body may carry at its top level (00-interaction.md §9). */
export const IDENTIFIER_KEYS = ['email', 'phone', 'profile_id', 'field_value', 'provider', 'subscription_id'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * One profile → one entry of data[].
 * - start: the identifier keys of A.7 — {email} | {phone} | {profile_id} | {field_value} | {provider, subscription_id} —
 *   plus the profile's own custom_data (start_batch takes custom_data at the root or in each entry).
 * - import: {data: {…profile fields}}, the identifier inside the profile data where the documented example puts it
 *   (e-mail → data.email; a custom field → data[field_name]; a phone → data.phones). A profile ID, which is no
 *   profile field, stays next to data, as in the start entries (placement not confirmed by the public docs).
 */
export function batchEntry(ctx: ItemContext, profile: IDataObject, kind: EntryKind, label = 'Profile'): IDataObject {
	const entry: IDataObject = {};
	if (kind === 'start') {
		for (const key of IDENTIFIER_KEYS) if (profile[key] !== undefined) entry[key] = profile[key];
		const customData = profile.custom_data as IDataObject | undefined;
		if (customData && Object.keys(customData).length) entry.custom_data = customData;
		return entry;
	}
	const data: IDataObject = { ...((profile.data as IDataObject | undefined) ?? {}) };
	const place = (field: string, value: unknown) => {
		if (data[field] !== undefined && !same(data[field], value)) {
			throw inputError(ctx, label, `the profile data sets "${field}" to ${describe(data[field])}, but the profile is matched by ${describe(value)}`, 'In a batch the identifier is read from the profile data: give one value.');
		}
		data[field] = value as IDataObject[string];
	};
	if (profile.email !== undefined) place('email', profile.email);
	if (profile.field_value !== undefined) place(requireString(ctx, 'Custom Field Name', profile.field_name), profile.field_value);
	if (profile.phone !== undefined) {
		const phones = data.phones;
		if (phones === undefined) data.phones = [profile.phone as string];
		else if (!(Array.isArray(phones) ? phones.map(String) : [String(phones)]).includes(String(profile.phone))) {
			throw inputError(ctx, label, `the profile data's phones do not contain the matched phone ${describe(profile.phone)}`);
		}
	}
	if (profile.profile_id !== undefined) entry.profile_id = profile.profile_id;
	entry.data = data;
	return entry;
}

/**
 * A single-profile launch body as its part of a batch call: the entry, and the top-level part that items must share
 * to travel together (trigger key aside: start uses `id`, the batch calls `trigger_id` or `id`, see TRIGGER_ID_KEY).
 */
export function splitForBatch(ctx: ItemContext, body: IDataObject, kind: EntryKind): { shared: IDataObject; entry: IDataObject } {
	const perEntry = new Set([...IDENTIFIER_KEYS, 'data', ...(kind === 'start' ? ['custom_data'] : [])]);
	const shared: IDataObject = {};
	for (const [key, value] of Object.entries(body)) {
		if (!perEntry.has(key) && key !== 'id' && key !== 'trigger_id') shared[key] = value;
	}
	return { shared, entry: batchEntry(ctx, body, kind) };
}

// ---------------------------------------------------------------------------------------------------------------
// The profiles of one request: rows or a JSON array

const EMAIL_MODES: MatchingMode[] = ['email', 'email_profile', 'email_sub'];
const PHONE_MODES: MatchingMode[] = ['phone', 'phone_sub'];
const CUSTOM_MODES: MatchingMode[] = ['custom', 'custom_sub'];

/** One row's identifier as the top-level keys of a single-profile body, for the chosen matching mode. */
export function identifierBody(ctx: ItemContext, matching: string, identifier: unknown, label: string, provider?: unknown): IDataObject {
	const mode = matching as MatchingMode;
	if (EMAIL_MODES.includes(mode)) return { email: requireEmail(ctx, label, identifier) };
	if (PHONE_MODES.includes(mode)) return { phone: requireString(ctx, label, identifier) };
	if (CUSTOM_MODES.includes(mode)) return { field_value: typeof identifier === 'number' ? identifier : requireString(ctx, label, identifier) };
	if (mode === 'profile_id') {
		const id = requireString(ctx, label, identifier);
		if (!/^[0-9a-f]{24}$/i.test(id)) throw inputError(ctx, label, `"${id}" is not a profile ID (24 hexadecimal characters)`);
		return { profile_id: id };
	}
	if (mode === 'push_sub') {
		return { subscription_id: requireString(ctx, label, identifier), provider: requireString(ctx, label.replace(/Identifier$/, 'Push Provider'), provider) };
	}
	// email_phone, email_phone_sub: one value per profile, an e-mail or a phone
	const value = requireString(ctx, label, identifier);
	return value.includes('@') ? { email: requireEmail(ctx, label, value) } : { phone: value };
}

/** field_name: the custom field whose values identify the profiles, once for the whole request. */
export function batchFieldNameField(modes: MatchingMode[]): Field[] {
	const custom = modes.filter((mode) => CUSTOM_MODES.includes(mode));
	if (!custom.length) return [];
	return [
		stringField('field_name', {
			displayName: 'Custom Field Name',
			name: 'fieldName',
			required: true,
			placeholder: 'e.g. crm_id',
			description: 'API name of the field whose values identify the profiles',
			displayOptions: { show: { matching: custom } },
		}),
	];
}

/**
 * The profiles of a batch launch, as rows (an identifier per row, with the profile's data for the import calls or
 * its custom data for the start calls) or as a JSON array of entries, e.g. from an expression.
 */
export function batchProfilesFields(kind: EntryKind, modes: MatchingMode[]): Field[] {
	const title = kind === 'import' ? 'Profiles' : 'Recipients';
	const listLabel = `${title}`;
	const jsonLabel = `${title} (JSON)`;
	const perRow =
		kind === 'import'
			? {
					displayName: 'Profile Data (JSON)',
					name: 'profileData',
					type: 'json' as const,
					default: '{}',
					description: 'Fields of the profile to write, e.g. {"_fname": "Anna", "subscriptions": [...]}',
				}
			: {
					displayName: 'Custom Data (JSON)',
					name: 'customData',
					type: 'json' as const,
					default: '{}',
					description: "This recipient's own data for the action hooks",
				};
	const jsonExample =
		kind === 'import'
			? '[\n  { "data": { "email": "anna@example.com", "_fname": "Anna" } }\n]'
			: '[\n  { "email": "anna@example.com" },\n  { "email": "ben@example.com" }\n]';
	return [
		{
			property: {
				displayName: `${title} Input`,
				name: 'profilesMode',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Using Fields Below', value: 'rows', description: 'One row per profile' },
					{ name: 'Using JSON', value: 'json', description: 'An array of entries as the API takes them, e.g. from an expression' },
				],
				default: 'rows',
			},
		},
		{
			property: {
				displayName: listLabel,
				name: 'profiles',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: kind === 'import' ? 'Add Profile' : 'Add Recipient',
				default: {},
				displayOptions: { show: { profilesMode: ['rows'] } },
				options: [
					{
						displayName: kind === 'import' ? 'Profile' : 'Recipient',
						name: 'profile',
						values: [
							{
								displayName: 'Identifier',
								name: 'identifier',
								type: 'string',
								default: '',
								required: true,
								placeholder: 'e.g. anna@example.com',
								description: 'The e-mail, phone, profile ID, custom field value or push subscription ID, as Match Profile By says',
							},
							...(modes.includes('push_sub')
								? [
										{
											displayName: 'Push Provider',
											name: 'provider',
											type: 'string' as const,
											default: '',
											placeholder: 'e.g. android-firebase',
											displayOptions: { show: { '/matching': ['push_sub'] } },
										},
									]
								: []),
							perRow,
						],
					},
				],
			},
			apply: (body, value, ctx) => {
				const rows = ((value as IDataObject)?.profile as IDataObject[] | undefined) ?? [];
				if (!rows.length) throw inputError(ctx, listLabel, `add at least one ${kind === 'import' ? 'profile' : 'recipient'}`);
				const matching = String(body.matching ?? 'email');
				body.data = rows.map((row, index) => {
					const label = `${listLabel} → #${index + 1}`;
					const profile = identifierBody(ctx, matching, row.identifier, `${label} → Identifier`, row.provider);
					if (body.field_name !== undefined) profile.field_name = body.field_name;
					if (kind === 'import') profile.data = parseJsonObject(ctx, `${label} → Profile Data (JSON)`, row.profileData) ?? {};
					else profile.custom_data = parseJsonObject(ctx, `${label} → Custom Data (JSON)`, row.customData) ?? {};
					return batchEntry(ctx, profile, kind, label);
				});
			},
		},
		{
			property: {
				displayName: jsonLabel,
				name: 'profilesJson',
				type: 'json',
				default: jsonExample,
				description:
					kind === 'import'
						? 'An array with one {"data": {…profile fields…}} per profile; plain profile objects are wrapped in "data"'
						: 'An array with one entry per recipient holding its identifier, e.g. {"email": …}, {"phone": …}, {"profile_id": …} or {"field_value": …}',
				displayOptions: { show: { profilesMode: ['json'] } },
			},
			apply: (body, value, ctx) => {
				const parsed = parseJson(ctx, jsonLabel, value);
				const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : undefined;
				if (!list || list.length === 0) throw inputError(ctx, jsonLabel, 'must be a non-empty JSON array of objects');
				body.data = list.map((element, index) => {
					if (!element || typeof element !== 'object' || Array.isArray(element)) {
						throw inputError(ctx, jsonLabel, `element ${index + 1} must be an object, got ${describe(element)}`);
					}
					const entry = element as IDataObject;
					if (kind === 'start') return entry;
					const data = entry.data;
					return data && typeof data === 'object' && !Array.isArray(data) ? entry : { data: entry };
				});
			},
		},
	];
}
