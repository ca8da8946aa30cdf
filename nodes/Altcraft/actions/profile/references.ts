import type { IDataObject } from 'n8n-workflow';

import type { MatchingMode } from '../common/fields';
import { customFieldNameField, identifierOf, SINGLE_VALUE_MODES } from '../common/fields';
import { inputError, toInteger } from '../common/values';
import type { Field, ItemContext } from '../types';

export { customFieldNameField };

/** Matching modes for merge and split: those whose identifier is a single value inside each profile reference. */
export const REFERENCE_MODES: MatchingMode[] = SINGLE_VALUE_MODES;

const referenceValues = [
	{
		displayName: 'Database ID',
		name: 'databaseId',
		type: 'number' as const,
		default: 0,
		description: 'Database of this profile; 0 uses the database chosen above',
	},
	{
		displayName: 'Value',
		name: 'value',
		type: 'string' as const,
		default: '',
		description: 'The e-mail, phone, profile ID or custom field value, as the matching mode says',
	},
];

/** A list (or one) of profile references {db_id, <identifier>} for merge and split. */
export function profileReferencesField(
	key: 'source' | 'destination',
	displayName: string,
	multiple: boolean,
): Field {
	return {
		property: {
			displayName,
			name: multiple ? `${key}Profiles` : `${key}Profile`,
			type: 'fixedCollection',
			typeOptions: { multipleValues: multiple },
			placeholder: 'Add Profile',
			default: {},
			required: true,
			options: [{ displayName: 'Profile', name: 'profile', values: referenceValues }],
		},
		apply: (body, value, ctx) => {
			const entries = ((value as IDataObject)?.profile as IDataObject[] | IDataObject | undefined) ?? [];
			const list = (Array.isArray(entries) ? entries : [entries]).map((entry, index) =>
				referenceOf(ctx, body, entry, multiple ? `${displayName} → #${index + 1}` : displayName),
			);
			if (list.length === 0) throw inputError(ctx, displayName, 'add at least one profile');
			body[key] = multiple ? list : list[0];
		},
	};
}

function referenceOf(ctx: ItemContext, body: IDataObject, entry: IDataObject, label: string): IDataObject {
	const fallbackDb = ctx.param<unknown>('database', undefined);
	const databaseId = entry.databaseId ? entry.databaseId : fallbackDb;
	if (databaseId === undefined || databaseId === '' || databaseId === 0) {
		throw inputError(ctx, `${label} → Database ID`, 'is required');
	}
	return {
		db_id: toInteger(ctx, `${label} → Database ID`, databaseId, { min: 1 }),
		...identifierOf(ctx, body.matching, entry.value, `${label} → Value`),
	};
}
