import type { IDataObject } from 'n8n-workflow';

import type { Field, ItemContext } from '../types';
import { SYSTEM_PROFILE_FIELDS } from './fields';
import { toStringList } from './values';

/** The switch every operation with a `simplify` function gets (Operation.simplify), on by default as in n8n's nodes. */
export const simplifyField: Field = {
	property: {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return a simplified version of the response instead of the raw data: profiles without their read-only system fields (hashes, activity flags, geo) and with flat subscriptions',
	},
};

// A profile as the platform reads it (10-profiles.md §9) carries dozens of read-only system fields (hashes, activity
// flags and dates, geo) and subscriptions in a nested form. The simplified profile keeps what a workflow reads and
// writes back: identifiers, the writable system fields, custom fields, and flat subscriptions.
const KEPT_SYSTEM_FIELDS = new Set(['_createtime', '_postal_code', ...Object.keys(SYSTEM_PROFILE_FIELDS)]);

/** Where each channel's contact sits in the nested form; its keys are lifted to the top of the subscription. */
const CONTACT_OBJECTS = ['email_data', 'phone_data', 'push_data'];
const CONTACT_KEYS = new Set(['email', 'phone', 'provider', 'subscription_id']);
const KEPT_SUBSCRIPTION_KEYS = ['resource_id', 'resource_name', 'channel', 'status', 'priority', 'cc_data', 'cats'];

/** Fields the user asked for by name (Filters → Fields to Return) are kept whatever they are. */
export function simplifyProfile(profile: IDataObject, ctx: ItemContext): IDataObject {
	const requested = new Set(toStringList((ctx.param<IDataObject>('filters', {}) ?? {}).fields));
	const simple: IDataObject = {};
	for (const [name, value] of Object.entries(profile)) {
		if (name === 'subscriptions') continue;
		if (!name.startsWith('_') || KEPT_SYSTEM_FIELDS.has(name) || requested.has(name)) simple[name] = value;
	}
	if (Array.isArray(profile.subscriptions)) simple.subscriptions = (profile.subscriptions as IDataObject[]).map(simplifySubscription);
	return simple;
}

function simplifySubscription(subscription: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const key of KEPT_SUBSCRIPTION_KEYS) {
		if (subscription[key] !== undefined) simple[key] = subscription[key];
	}
	for (const key of CONTACT_KEYS) {
		if (subscription[key] !== undefined) simple[key] = subscription[key];
	}
	for (const holder of CONTACT_OBJECTS) {
		const contact = subscription[holder];
		if (!contact || typeof contact !== 'object') continue;
		for (const [key, value] of Object.entries(contact as IDataObject)) {
			if (CONTACT_KEYS.has(key)) simple[key] = value;
		}
	}
	const customFields = subscription.custom_fields as IDataObject | undefined;
	if (customFields && Object.keys(customFields).length) simple.custom_fields = customFields;
	if (subscription.is_delete === true) simple.is_delete = true;
	return simple;
}
