import type { IDataObject } from 'n8n-workflow';

import type { MatchingMode } from '../common/fields';
import { databaseField, integerField, matchingFields, returnAllFields, stringField } from '../common/fields';
import { inputError, isEmpty, toBoolean, toDateTime, toLineList } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';

// Promo codes: 50-promo-codes.md. Every call names the promo code program with `loyalty_id` (not the
// loyalty_program_id of the Loyalty Program calls). Attach and detach find the profile in a database (db_id) by
// the modes their page lists: profile_id, email, phone, custom.

const resource = 'promoCode';

const PROFILE_MODES: MatchingMode[] = ['email', 'phone', 'profile_id', 'custom'];

const program = (): Field =>
	integerField(
		'loyalty_id',
		{ displayName: 'Promo Code Program ID', name: 'loyaltyId', required: true, description: 'ID of the promo code program (loyalty_id). The API has no call that lists programs: the ID is shown in Altcraft on the program\'s page.' },
		{ min: 1 },
	);

const code = (description = 'The promo code'): Field =>
	stringField('code', { displayName: 'Code', name: 'code', required: true, placeholder: 'e.g. SUMMER-2025', description });

const updateFields: Field = {
	property: {
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Activated',
				name: 'activated',
				type: 'boolean',
				default: true,
				description: 'Whether the code is activated (used); off deactivates it',
			},
			{ displayName: 'Expire Date', name: 'expireDate', type: 'dateTime', default: '', description: 'The new expiry date and time of the code' },
		],
	},
	apply: (body, value, ctx) => {
		const chosen = (value ?? {}) as IDataObject;
		if (chosen.activated !== undefined) body.activated = toBoolean(ctx, 'Update Fields → Activated', chosen.activated);
		if (!isEmpty(chosen.expireDate)) body.expire_date = toDateTime(ctx, 'Update Fields → Expire Date', chosen.expireDate);
		if (body.activated === undefined && body.expire_date === undefined) {
			throw inputError(ctx, 'Update Fields', 'add Activated or Expire Date', 'The platform needs at least one of them to update a code.');
		}
	},
};

const operations: Operation[] = [
	{
		resource,
		value: 'import',
		name: 'Import',
		action: 'Import promo codes',
		description: 'Load codes into a promo code program; answers per-code results and inserted / duplicated counts (promocodes/import)',
		path: apiPath('promocodes/import'),
		reference: 'promoCode.import',
		modifying: true,
		response: 'envelope',
		fields: [
			program(),
			{
				property: {
					displayName: 'Codes',
					name: 'codes',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					required: true,
					placeholder: 'e.g. CODE-1, CODE-2',
					description: 'One per line or comma-separated; an array from an expression also works',
				},
				apply: (body, value, ctx) => {
					const codes = toLineList(value);
					if (codes.length === 0) throw inputError(ctx, 'Codes', 'add at least one code');
					body.codes = codes;
				},
			},
		],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a promo code',
		description: 'Read whether a code is attached, activated or expired, and when (promocodes/get)',
		path: apiPath('promocodes/get'),
		reference: 'promoCode.get',
		modifying: false,
		response: 'data',
		fields: [program(), code()],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many promo codes',
		description: 'List the codes of a promo code program with their attach and activation times (promocodes/export_all)',
		path: apiPath('promocodes/export_all'),
		reference: 'promoCode.exportAll',
		modifying: false,
		response: 'list',
		// No paging parameters are documented: the whole program comes in one answer.
		paging: { wholeList: true },
		fields: [program(), ...returnAllFields()],
	},
	{
		resource,
		value: 'activate',
		name: 'Activate',
		action: 'Activate a promo code',
		description: 'Mark a code as used (redeemed); the code must be attached to a profile (promocodes/activate)',
		path: apiPath('promocodes/activate'),
		reference: 'promoCode.activate',
		modifying: true,
		response: 'success',
		fields: [program(), code('The code to mark as used')],
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a promo code',
		description: 'Activate or deactivate a code, or change its expiry date (promocodes/update)',
		path: apiPath('promocodes/update'),
		reference: 'promoCode.update',
		modifying: true,
		response: 'success',
		fields: [program(), code(), updateFields],
	},
	{
		resource,
		value: 'attach',
		name: 'Attach',
		action: 'Attach a promo code to a profile',
		description:
			'Give a profile a promo code: the given one (imported first if it does not exist) or, without a code, a free code of the program (promocodes/attach)',
		path: apiPath('promocodes/attach'),
		reference: 'promoCode.attach',
		modifying: true,
		response: 'success',
		fields: [
			program(),
			databaseField('db_id', { description: 'The database of the profile' }),
			...matchingFields(PROFILE_MODES, { narrowByResource: false }),
			stringField('code', {
				displayName: 'Code',
				name: 'code',
				placeholder: 'e.g. SUMMER-2025',
				description: 'The code to attach; leave empty to attach a free code of the program (the answer does not name it)',
			}),
		],
	},
	{
		resource,
		value: 'detach',
		name: 'Detach',
		action: 'Detach a promo code from a profile',
		description: 'Take a promo code away from a profile; fails when the code is attached to several profiles (promocodes/detach)',
		path: apiPath('promocodes/detach'),
		reference: 'promoCode.detach',
		modifying: true,
		response: 'success',
		fields: [
			program(),
			databaseField('db_id', { description: 'The database of the profile' }),
			...matchingFields(PROFILE_MODES, { narrowByResource: false }),
			code('The code to detach'),
		],
	},
];

export const promoCode: ResourceDefinition = {
	value: resource,
	name: 'Promo Code',
	description: 'Promo codes of a promo code program: import, attach to profiles, activate',
	operations,
};
