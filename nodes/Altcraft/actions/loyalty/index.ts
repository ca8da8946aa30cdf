import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { FlagDefinition, MatchingMode } from '../common/fields';
import { additionalFields, integerField, matchingFields, returnAllFields } from '../common/fields';
import { toDecimalString } from '../common/commerce';
import { inputError, isEmpty, parseJsonObject, requireString, toBoolean, toDateTime, toInteger } from '../common/values';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Loyalty programs: 52-loyalty.md. A program is loyalty_program_id (the promo code calls use loyalty_id instead).
// Member-scoped calls find the member by matching (email, phone, profile_id, custom; no db_id: the program is bound
// to one database, and no resource_id). Amounts and balances are decimal strings. A points currency is picked by
// its internal (points_currency_iid) or external (points_currency_eid) ID. Transactions are addressed by the
// platform's transaction_id or by your own transaction_eid. Preorder and Preorder Commit live under Order.

const resource = 'loyalty';

/** The modes every member-scoped loyalty call lists (§1). */
const MEMBER_MODES: MatchingMode[] = ['email', 'phone', 'profile_id', 'custom'];

const member = (): Field[] => matchingFields(MEMBER_MODES, { narrowByResource: false });

const program = (): Field =>
	integerField(
		'loyalty_program_id',
		{ displayName: 'Loyalty Program ID', name: 'loyaltyProgramId', required: true, description: 'ID of the loyalty program (loyalty_program_id). The API has no call that lists programs: the ID is shown in Altcraft on the program\'s page.' },
		{ min: 1 },
	);

/**
 * Which points currency: by external ID (points_currency_eid) or internal ID (points_currency_iid). Export,
 * expiring points and transactions require one; balance, accrue and redeem fall back to the program's default.
 */
function pointsCurrency(required: boolean): Field[] {
	const show = (by: string) => ({ show: { currencyBy: [by] } });
	const selector: INodeProperties = {
		displayName: 'Points Currency',
		name: 'currencyBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'By External ID', value: 'eid', description: 'The currency ID you set, e.g. bonus_points (points_currency_eid)' },
			{ name: 'By Internal ID', value: 'iid', description: 'The numeric currency ID of the platform (points_currency_iid)' },
			...(required ? [] : [{ name: 'Program Default', value: 'default', description: 'Send no currency' }]),
		],
		default: 'eid',
	};
	if (!required) selector.default = 'default';
	return [
		{ property: selector },
		{
			property: {
				displayName: 'Currency External ID',
				name: 'currencyEid',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. bonus_points',
				displayOptions: show('eid'),
			},
			apply: (body, value, ctx) => {
				body.points_currency_eid = requireString(ctx, 'Currency External ID', value);
			},
		},
		{
			property: {
				displayName: 'Currency Internal ID',
				name: 'currencyIid',
				type: 'number',
				default: 0,
				required: true,
				displayOptions: show('iid'),
			},
			apply: (body, value, ctx) => {
				body.points_currency_iid = toInteger(ctx, 'Currency Internal ID', value, { min: 1 });
			},
		},
	];
}

const dateTime = (key: string, displayName: string, name: string, description: string): Field => ({
	property: { displayName, name, type: 'dateTime', default: '', required: true, description },
	apply: (body, value, ctx) => {
		if (isEmpty(value)) throw inputError(ctx, displayName, 'is required');
		body[key] = toDateTime(ctx, displayName, value);
	},
});

const period = (): Field[] => [
	dateTime('date_from', 'Date From', 'dateFrom', 'Start of the period, inclusive'),
	dateTime('date_to', 'Date To', 'dateTo', 'End of the period, inclusive'),
];

/** commit / rollback / cancel: the transaction by the platform's ID or by your external ID. */
const transaction = (): Field[] => [
	{
		property: {
			displayName: 'Transaction',
			name: 'transactionBy',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'By External ID', value: 'eid', description: 'The transaction_eid you gave when accruing or redeeming' },
				{ name: 'By Transaction ID', value: 'id', description: 'The transaction_id the platform answered' },
			],
			default: 'eid',
		},
	},
	{
		property: {
			displayName: 'Transaction External ID',
			name: 'transactionEid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. order-123-redeem',
			displayOptions: { show: { transactionBy: ['eid'] } },
		},
		apply: (body, value, ctx) => {
			body.transaction_eid = requireString(ctx, 'Transaction External ID', value);
		},
	},
	{
		property: {
			displayName: 'Transaction ID',
			name: 'transactionId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0b6f3c1e-4a4d-4f7e-9a55-2f1f3c5b9d10',
			displayOptions: { show: { transactionBy: ['id'] } },
		},
		apply: (body, value, ctx) => {
			body.transaction_id = requireString(ctx, 'Transaction ID', value);
		},
	},
];

const amount = (description: string): Field => ({
	property: { displayName: 'Amount', name: 'amount', type: 'string', default: '', required: true, placeholder: 'e.g. 100.50', description },
	apply: (body, value, ctx) => {
		body.amount = toDecimalString(ctx, 'Amount', value);
	},
});

const text = (key: string, displayName: string, name: string, placeholder: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'string', default: '', placeholder, description },
	convert: (ctx, label, value) => requireString(ctx, label, value),
});

const date = (key: string, displayName: string, name: string, description: string): FlagDefinition => ({
	key,
	property: { displayName, name, type: 'dateTime', default: '', description },
	convert: (ctx, label, value) => toDateTime(ctx, label, value),
});

/** The optional parameters of accrue and redeem; accrue also takes activation and expiration dates. */
function pointsFlags(accrue: boolean): FlagDefinition[] {
	return [
		text('promotion_id', 'Promotion ID', 'promotionId', 'e.g. PROMO123', 'The trigger promotion to run (see Get Trigger Promotions)'),
		{
			key: 'is_temp',
			property: {
				displayName: 'Temporary',
				name: 'isTemp',
				type: 'boolean',
				default: false,
				description: 'Whether to hold the transaction until it is committed or rolled back (or its timeout passes)',
			},
			convert: (ctx, label, value) => toBoolean(ctx, label, value),
		},
		{
			key: 'temp_timeout_sec',
			property: {
				displayName: 'Temporary Timeout (Seconds)',
				name: 'tempTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 900,
				description: 'After this time an uncommitted temporary transaction is rolled back',
			},
			convert: (ctx, label, value) => toInteger(ctx, label, value, { min: 1 }),
		},
		text('transaction_eid', 'Transaction External ID', 'transactionEid', 'e.g. order-123', 'Your own ID of the transaction, to commit, roll back or cancel it by'),
		date('created_at', 'Created At', 'createdAt', 'Time of the transaction; default now'),
		...(accrue
			? [
					date('activation_date', 'Activation Date', 'activationDate', 'When the points become active; default at once'),
					date('expiration_date', 'Expiration Date', 'expirationDate', 'When the points expire; default from the currency settings'),
				]
			: []),
		{
			key: 'external_data',
			property: { displayName: 'External Data (JSON)', name: 'externalData', type: 'json', default: '{}', description: 'Any JSON stored with the transaction, e.g. {"order_id": "123"}' },
			convert: (ctx, label, value) => parseJsonObject(ctx, label, value),
		},
	];
}

const triggerPromotionFilters: Field = {
	property: {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'isActive',
				type: 'options',
				options: [
					{ name: 'Active Only', value: 'active' },
					{ name: 'All', value: 'all' },
					{ name: 'Inactive Only', value: 'inactive' },
				],
				default: 'all',
			},
		],
	},
	apply: (body, value) => {
		const status = (value as IDataObject | undefined)?.isActive;
		if (status === 'active' || status === 'inactive') body.is_active = status === 'active';
	},
};

const operations: Operation[] = [
	{
		resource,
		value: 'registerMember',
		name: 'Register Member',
		action: 'Register a member in a loyalty program',
		description: 'Enrol an existing profile, found by matching, in a loyalty program; answers its profile_id (loyalty/register_member)',
		path: apiPath('loyalty/register_member'),
		reference: 'loyalty.registerMember',
		modifying: true,
		response: 'envelope',
		fields: [
			program(),
			...member(),
			additionalFields([date('registration_date', 'Registration Date', 'registrationDate', 'When the member joined; default now')]),
		],
	},
	{
		resource,
		value: 'removeMember',
		name: 'Remove Member',
		action: 'Remove a member from a loyalty program',
		description: 'Take a profile out of a loyalty program; the profile stays in its database (loyalty/delete_member)',
		path: apiPath('loyalty/delete_member'),
		reference: 'loyalty.deleteMember',
		modifying: true,
		response: 'deleted',
		fields: [program(), ...member()],
	},
	{
		resource,
		value: 'getBalance',
		name: 'Get Balance',
		action: 'Get the points balance of a member',
		description: 'Total and active points of a member in one points currency (loyalty/account/balance)',
		path: apiPath('loyalty/account/balance'),
		reference: 'loyalty.accountBalance',
		modifying: false,
		response: 'data',
		fields: [program(), ...member(), ...pointsCurrency(false)],
	},
	{
		resource,
		value: 'getTiers',
		name: 'Get Tier',
		action: 'Get the tier of a member',
		description: 'The tier records a member has reached in one tier group, with their order and date (loyalty/account/tiers)',
		path: apiPath('loyalty/account/tiers'),
		reference: 'loyalty.accountTiers',
		modifying: false,
		response: 'list',
		fields: [
			program(),
			integerField('tiers_group_id', { displayName: 'Tier Group ID', name: 'tiersGroupId', required: true, description: 'ID of the tier group to look in' }, { min: 1 }),
			...member(),
		],
	},
	{
		resource,
		value: 'getExpiringPoints',
		name: 'Get Expiring Points',
		action: 'Get the expiring points of a member',
		description: 'How many points of one currency expire for a member within a period (loyalty/account/expiring_points)',
		path: apiPath('loyalty/account/expiring_points'),
		reference: 'loyalty.accountExpiringPoints',
		modifying: false,
		response: 'data',
		fields: [program(), ...member(), ...pointsCurrency(true), ...period()],
	},
	{
		resource,
		value: 'getTransactions',
		name: 'Get Transactions',
		action: 'Get the points transactions of a member',
		description: 'The accruals, redemptions and cancellations of a member in one points currency (loyalty/account/transactions)',
		path: apiPath('loyalty/account/transactions'),
		reference: 'loyalty.accountTransactions',
		modifying: false,
		response: 'list',
		// Pages of at most 100; whether next_from_id is answered is not documented: the last transaction_id goes on.
		paging: fromIdPaging(100, 'transaction_id'),
		fields: [program(), ...member(), ...pointsCurrency(true), ...returnAllFields()],
	},
	{
		resource,
		value: 'getTriggerPromotions',
		name: 'Get Trigger Promotions',
		action: 'Get many trigger promotions',
		description: 'List the trigger promotions of a loyalty program with their accrual and redeem rules (loyalty/trigger_promotions)',
		path: apiPath('loyalty/trigger_promotions'),
		reference: 'loyalty.triggerPromotions',
		modifying: false,
		response: 'list',
		// An int cursor (promotion ID) → next_from_id; pages of at most 100.
		paging: fromIdPaging(100),
		fields: [program(), ...returnAllFields(), triggerPromotionFilters],
	},
	{
		resource,
		value: 'accruePoints',
		name: 'Accrue Points',
		action: 'Accrue points to a member',
		description: 'Add points to the account of a member, optionally as a temporary transaction to commit later (loyalty/accrue_points)',
		path: apiPath('loyalty/accrue_points'),
		reference: 'loyalty.accruePoints',
		modifying: true,
		response: 'data',
		fields: [program(), ...member(), amount('Points to add'), ...pointsCurrency(false), additionalFields(pointsFlags(true))],
	},
	{
		resource,
		value: 'redeemPoints',
		name: 'Redeem Points',
		action: 'Redeem points of a member',
		description: 'Take points from the account of a member, optionally as a temporary transaction to commit later (loyalty/redeeme_points)',
		path: apiPath('loyalty/redeeme_points'),
		reference: 'loyalty.redeemPoints',
		modifying: true,
		response: 'data',
		fields: [program(), ...member(), amount('Points to take'), ...pointsCurrency(false), additionalFields(pointsFlags(false))],
	},
	{
		resource,
		value: 'commitTransaction',
		name: 'Commit Transaction',
		action: 'Commit a temporary points transaction',
		description: 'Make a temporary accrual or redemption final; answers the active balance (loyalty/commit_transaction)',
		path: apiPath('loyalty/commit_transaction'),
		reference: 'loyalty.commitTransaction',
		modifying: true,
		response: 'data',
		fields: transaction(),
	},
	{
		resource,
		value: 'rollbackTransaction',
		name: 'Roll Back Transaction',
		action: 'Roll back a temporary points transaction',
		description: 'Undo a temporary accrual or redemption that is not committed yet; answers the balance (loyalty/rollback_transaction)',
		path: apiPath('loyalty/rollback_transaction'),
		reference: 'loyalty.rollbackTransaction',
		modifying: true,
		response: 'data',
		fields: transaction(),
	},
	{
		resource,
		value: 'cancelTransaction',
		name: 'Cancel Transaction',
		action: 'Cancel a points transaction',
		description: 'Cancel any transaction, temporary or final (e.g. for a refund); answers the balance (loyalty/cancel_transaction)',
		path: apiPath('loyalty/cancel_transaction'),
		reference: 'loyalty.cancelTransaction',
		modifying: true,
		response: 'data',
		fields: transaction(),
	},
	{
		resource,
		value: 'exportTransactions',
		name: 'Export Transactions',
		action: 'Export the points transactions of a program',
		description: 'Write all transactions of one points currency within a period to a CSV file, as a task (loyalty/transactions_export)',
		path: apiPath('loyalty/transactions_export'),
		reference: 'loyalty.transactionsExport',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: [
			program(),
			...pointsCurrency(true),
			...period(),
			additionalFields([
				text('from_id', 'Start After Transaction ID', 'fromId', 'e.g. 0b6f3c1e-4a4d-4f7e-9a55-2f1f3c5b9d10', 'Continue after this transaction; default from the start of the period'),
			]),
		],
	},
];

export const loyalty: ResourceDefinition = {
	value: resource,
	name: 'Loyalty Program',
	description: 'Loyalty program members, points balances, tiers and transactions',
	operations,
};
