import type { IDataObject } from 'n8n-workflow';

import type { MatchingMode } from '../common/fields';
import {
	customFieldNameField,
	identifierOf,
	integerField,
	matchingFields,
	matchingModeField,
	matchingResourceField,
	SINGLE_VALUE_MODES,
} from '../common/fields';
import { inputError, requireString, toBoolean, toNumber } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';

// Profile relations: 11-subscriptions.md §11–16 and 00-interaction.md §9. A relation of type rel_id links a
// profile of database A (profile_a, the recipient) with a profile of database B (profile_b, the initiator) and
// carries numeric or boolean properties (weights). The write calls put each profile's identifier inside
// profile_a / profile_b; `matching`, `field_name` and `resource_id` stay at the top level, as the parameter tables
// list them (the placement of `matching` is not confirmed; the documented examples only use {profile_id}).

const resource = 'relation';

/** The modes the relation calls list; profile ID first, as in every documented example. */
const RELATION_MODES: MatchingMode[] = ['profile_id', ...SINGLE_VALUE_MODES.filter((mode) => mode !== 'profile_id')];

const relationType = (): Field =>
	integerField(
		'rel_id',
		{ displayName: 'Relation Type ID', name: 'relationTypeId', required: true, description: 'ID of the relation type, as set up in Altcraft' },
		{ min: 1 },
	);

function relationProfile(key: 'profile_a' | 'profile_b', displayName: string, description: string): Field {
	return {
		property: {
			displayName,
			name: key === 'profile_a' ? 'profileA' : 'profileB',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 5d63dbdb439e7306b596c5d0',
			description: `${description}: its profile ID, e-mail, phone or custom field value, as Match Profile By says`,
		},
		apply: (body, value, ctx) => {
			body[key] = identifierOf(ctx, body.matching, value, displayName);
		},
	};
}

/** The two linked profiles, found the same way. */
const linkedProfiles = (): Field[] => {
	const fields = [
		matchingModeField(RELATION_MODES),
		customFieldNameField(),
		relationProfile('profile_a', 'Profile A', 'The profile of database A (the recipient of the relation)'),
		relationProfile('profile_b', 'Profile B', 'The profile of database B (the initiator of the relation)'),
	];
	const narrowed = matchingResourceField(RELATION_MODES);
	return narrowed ? [...fields, narrowed] : fields;
};

/** The relation's properties (weights): numbers for strengthen; numbers or booleans for edit and attach. */
function relationProperties({ booleans, required, description }: { booleans: boolean; required: boolean; description: string }): Field {
	return {
		property: {
			displayName: 'Relation Properties',
			name: 'weights',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Property',
			default: {},
			required,
			description,
			options: [
				{
					displayName: 'Property',
					name: 'property',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: 'e.g. user_like' },
						...(booleans
							? [
									{
										displayName: 'Type',
										name: 'type',
										type: 'options' as const,
										options: [
											{ name: 'Boolean', value: 'boolean' },
											{ name: 'Number', value: 'number' },
										],
										default: 'number',
									},
								]
							: []),
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. 2' },
					],
				},
			],
		},
		apply: (body, value, ctx) => {
			const entries = ((value as IDataObject)?.property as IDataObject[] | undefined) ?? [];
			if (entries.length === 0) {
				if (required) throw inputError(ctx, 'Relation Properties', 'add at least one property');
				return;
			}
			const weights: IDataObject = {};
			entries.forEach((entry, index) => {
				const label = `Relation Properties → #${index + 1}`;
				const name = requireString(ctx, `${label} → Name`, entry.name);
				weights[name] =
					entry.type === 'boolean' ? toBoolean(ctx, `${label} → Value`, entry.value) : toNumber(ctx, `${label} → Value`, entry.value);
			});
			body.weights = weights;
		},
	};
}

const operations: Operation[] = [
	{
		resource,
		value: 'attach',
		name: 'Attach',
		action: 'Attach a relation between two profiles',
		description: 'Link a profile of database A with a profile of database B under a relation type (relations/attach)',
		// The attach page could not be read; the reference infers relations/attach from relations/detach. Change
		// Properties and Overwrite Properties also create a missing link and are documented.
		path: apiPath('relations/attach'),
		reference: 'relation.attach',
		unconfirmed: true,
		modifying: true,
		response: 'envelope',
		fields: [
			relationType(),
			...linkedProfiles(),
			relationProperties({ booleans: true, required: false, description: 'Initial property values of the link' }),
		],
	},
	{
		resource,
		value: 'detach',
		name: 'Detach',
		action: 'Detach a relation between two profiles',
		description: 'Remove the link between a profile of database A and a profile of database B, with its properties (relations/detach)',
		path: apiPath('relations/detach'),
		reference: 'relation.detach',
		modifying: true,
		response: 'envelope',
		fields: [relationType(), ...linkedProfiles()],
	},
	{
		resource,
		value: 'strengthen',
		name: 'Change Properties',
		action: 'Change the properties of a relation',
		description:
			'Add numbers to the properties of a link (negative numbers decrease them); creates the link if missing (relations/strengthen)',
		path: apiPath('relations/strengthen'),
		reference: 'relation.strengthen',
		modifying: true,
		response: 'envelope',
		fields: [
			relationType(),
			...linkedProfiles(),
			relationProperties({ booleans: false, required: true, description: 'Numbers added to the current values, e.g. user_like = 1; negative to decrease' }),
		],
	},
	{
		resource,
		value: 'edit',
		name: 'Overwrite Properties',
		action: 'Overwrite the properties of a relation',
		description: 'Replace property values of a link with the ones given; creates the link if missing (relations/edit)',
		path: apiPath('relations/edit'),
		reference: 'relation.edit',
		modifying: true,
		response: 'envelope',
		fields: [
			relationType(),
			...linkedProfiles(),
			relationProperties({ booleans: true, required: true, description: 'Values that replace the current ones' }),
		],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get the relations of a profile',
		description: 'List every link of a database-A profile under a relation type: linked profiles, their database and properties (relations/get)',
		path: apiPath('relations/get'),
		reference: 'relation.get',
		modifying: false,
		response: 'list',
		fields: [relationType(), ...matchingFields(RELATION_MODES)],
	},
	{
		resource,
		value: 'getCounter',
		name: 'Get Counters',
		action: 'Get the relation counters of a profile',
		description: "Summary of a database-A profile's links under a relation type and their accumulated properties (relations/get_counter)",
		path: apiPath('relations/get_counter'),
		reference: 'relation.getCounter',
		modifying: false,
		response: 'data',
		fields: [relationType(), ...matchingFields(RELATION_MODES)],
	},
];

export const relation: ResourceDefinition = {
	value: resource,
	name: 'Relation',
	description: 'Links between profiles of two databases, with properties',
	operations,
};
