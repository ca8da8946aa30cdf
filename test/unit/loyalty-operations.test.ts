import { fakeExecuteFunctions, sentBodies } from '../helpers/fakeContext';
import { ok, operationRows, pagingTests, PID, run, taskTests, validationRows, type Row } from '../helpers/operationRows';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';

// Loyalty Program operations (52-loyalty.md): loyalty_program_id; the member by matching (email, phone, profile_id,
// custom; no db_id, no resource_id); points currency by external (eid) or internal (iid) ID; amounts as decimal
// strings; transactions by transaction_eid or transaction_id.

const base = { resource: 'loyalty', options: {}, loyaltyProgramId: 123 };
const byEmail = { matching: 'email', email: 'user@example.com' };
const member = { loyalty_program_id: 123, matching: 'email', email: 'user@example.com' };

const rows: Row[] = [
	{
		title: 'Register a member by e-mail; answers profile_id',
		params: { ...base, ...byEmail, operation: 'registerMember', additionalFields: { registrationDate: '2024-09-01T12:34:56Z' } },
		path: '/api/v1.1/loyalty/register_member',
		body: { ...member, registration_date: '2024-09-01T12:34:56Z' },
		answer: { ...ok, profile_id: PID },
		output: [{ profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Remove a member by profile ID',
		params: { ...base, operation: 'removeMember', matching: 'profile_id', profileId: PID },
		path: '/api/v1.1/loyalty/delete_member',
		body: { loyalty_program_id: 123, matching: 'profile_id', profile_id: PID },
		answer: { ...ok, profile_id: PID },
		output: [{ deleted: true, profile_id: PID }],
		modifying: true,
	},
	{
		title: 'Get the balance in the program default currency',
		params: { ...base, ...byEmail, operation: 'getBalance', currencyBy: 'default' },
		path: '/api/v1.1/loyalty/account/balance',
		body: member,
		answer: { ...ok, data: { total_balance: '1000.00', active_balance: '800.50' } },
		output: [{ total_balance: '1000.00', active_balance: '800.50' }],
	},
	{
		title: 'Get the balance in a currency by external ID, member by a custom field',
		params: { ...base, operation: 'getBalance', matching: 'custom', fieldName: 'card', fieldValue: 'C-77', currencyBy: 'eid', currencyEid: 'stars' },
		path: '/api/v1.1/loyalty/account/balance',
		body: { loyalty_program_id: 123, matching: 'custom', field_name: 'card', field_value: 'C-77', points_currency_eid: 'stars' },
	},
	{
		title: 'Get the tier of a member by phone',
		params: { ...base, operation: 'getTiers', tiersGroupId: 10, matching: 'phone', phone: '+79000000000' },
		path: '/api/v1.1/loyalty/account/tiers',
		body: { loyalty_program_id: 123, tiers_group_id: 10, matching: 'phone', phone: '+79000000000' },
		answer: { ...ok, data: [{ tiers_group_type: 'cumulative', tier_id: 2, tier_eid: 'silver', tier_order: 1, reached_at: '2024-01-01T00:00:00Z' }] },
		output: [{ tiers_group_type: 'cumulative', tier_id: 2, tier_eid: 'silver', tier_order: 1, reached_at: '2024-01-01T00:00:00Z' }],
	},
	{
		title: 'Get expiring points for a period, currency by internal ID',
		params: { ...base, ...byEmail, operation: 'getExpiringPoints', currencyBy: 'iid', currencyIid: 4, dateFrom: '2023-09-01T00:00:00Z', dateTo: '2023-09-30T23:59:59Z' },
		path: '/api/v1.1/loyalty/account/expiring_points',
		body: { ...member, points_currency_iid: 4, date_from: '2023-09-01T00:00:00Z', date_to: '2023-09-30T23:59:59Z' },
		answer: { ...ok, data: { expiring_points: '150.24' } },
		output: [{ expiring_points: '150.24' }],
	},
	{
		title: 'Get Many trigger promotions, active only, with a limit',
		params: { ...base, operation: 'getTriggerPromotions', returnAll: false, limit: 20, filters: { isActive: 'active' } },
		path: '/api/v1.1/loyalty/trigger_promotions',
		body: { loyalty_program_id: 123, limit: 20, is_active: true },
		answer: { ...ok, data: [{ id: 1, name: 'Welcome', is_active: true }], total_count: 1 },
		output: [{ id: 1, name: 'Welcome', is_active: true }],
	},
	{
		title: 'Accrue points as a temporary transaction with your own ID',
		params: {
			...base,
			...byEmail,
			operation: 'accruePoints',
			amount: '100.50',
			currencyBy: 'eid',
			currencyEid: 'stars',
			additionalFields: {
				promotionId: 'PROMO123',
				isTemp: true,
				tempTimeout: 900,
				transactionEid: 'order-123-accrual',
				activationDate: '2024-10-01T00:00:00Z',
				expirationDate: '2025-10-01T00:00:00Z',
				externalData: '{"order_id": "123"}',
			},
		},
		path: '/api/v1.1/loyalty/accrue_points',
		body: {
			...member,
			amount: '100.50',
			points_currency_eid: 'stars',
			promotion_id: 'PROMO123',
			is_temp: true,
			temp_timeout_sec: 900,
			transaction_eid: 'order-123-accrual',
			activation_date: '2024-10-01T00:00:00Z',
			expiration_date: '2025-10-01T00:00:00Z',
			external_data: { order_id: '123' },
		},
		answer: { ...ok, data: { transaction_id: 't-1', balance: '500.50' } },
		output: [{ transaction_id: 't-1', balance: '500.50' }],
		modifying: true,
	},
	{
		title: 'Accrue a whole number of points given as a number',
		params: { ...base, ...byEmail, operation: 'accruePoints', amount: 100, currencyBy: 'default', additionalFields: {} },
		path: '/api/v1.1/loyalty/accrue_points',
		body: { ...member, amount: '100' },
		modifying: true,
	},
	{
		title: 'Redeem points (the documented path is spelled redeeme_points)',
		params: { ...base, ...byEmail, operation: 'redeemPoints', amount: '40', currencyBy: 'default', additionalFields: { createdAt: '2024-09-01T12:00:00Z' } },
		path: '/api/v1.1/loyalty/redeeme_points',
		body: { ...member, amount: '40', created_at: '2024-09-01T12:00:00Z' },
		answer: { ...ok, data: { transaction_id: 't-2', balance: '460.50' } },
		output: [{ transaction_id: 't-2', balance: '460.50' }],
		modifying: true,
	},
	{
		title: 'Commit a temporary transaction by your external ID',
		params: { resource: 'loyalty', options: {}, operation: 'commitTransaction', transactionBy: 'eid', transactionEid: 'order-123-redeem' },
		path: '/api/v1.1/loyalty/commit_transaction',
		body: { transaction_eid: 'order-123-redeem' },
		answer: { ...ok, data: { transaction_id: 't-2', balance: '399.50' } },
		output: [{ transaction_id: 't-2', balance: '399.50' }],
		modifying: true,
	},
	{
		title: 'Roll back a temporary transaction by its ID',
		params: { resource: 'loyalty', options: {}, operation: 'rollbackTransaction', transactionBy: 'id', transactionId: 'TRANS12345' },
		path: '/api/v1.1/loyalty/rollback_transaction',
		body: { transaction_id: 'TRANS12345' },
		answer: { ...ok, data: { transaction_id: 'TRANS12345', balance: '500.00' } },
		output: [{ transaction_id: 'TRANS12345', balance: '500.00' }],
		modifying: true,
	},
	{
		title: 'Cancel a transaction by your external ID',
		params: { resource: 'loyalty', options: {}, operation: 'cancelTransaction', transactionBy: 'eid', transactionEid: 'order-123-accrual' },
		path: '/api/v1.1/loyalty/cancel_transaction',
		body: { transaction_eid: 'order-123-accrual' },
		answer: { ...ok, data: { transaction_id: 't-1', balance: '0.00' } },
		output: [{ transaction_id: 't-1', balance: '0.00' }],
		modifying: true,
	},
	{
		title: 'Export transactions, returning the task ID',
		params: {
			...base,
			operation: 'exportTransactions',
			currencyBy: 'eid',
			currencyEid: 'bonus_points',
			dateFrom: '2023-09-01T00:00:00Z',
			dateTo: '2023-09-30T23:59:59Z',
			additionalFields: {},
			waitForTask: false,
		},
		path: '/api/v1.1/loyalty/transactions_export',
		body: { loyalty_program_id: 123, points_currency_eid: 'bonus_points', date_from: '2023-09-01T00:00:00Z', date_to: '2023-09-30T23:59:59Z' },
		answer: { ...ok, data: { task_id: 'task_1' } },
		output: [{ task_id: 'task_1' }],
		modifying: true,
	},
];

describe('Loyalty Program operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Loyalty Program → Get Trigger Promotions paging (int cursor, pages of 100)', () => {
	pagingTests({
		params: { ...base, operation: 'getTriggerPromotions', filters: {} },
		path: '/api/v1.1/loyalty/trigger_promotions',
		body: { loyalty_program_id: 123 },
		cursors: [11, 21],
		pageSize: 100,
	});
});

describe('Loyalty Program → Get Transactions paging', () => {
	const params = { ...base, ...byEmail, operation: 'getTransactions', currencyBy: 'eid', currencyEid: 'bonus_points' };
	const body = { ...member, points_currency_eid: 'bonus_points' };

	pagingTests({ params, path: '/api/v1.1/loyalty/account/transactions', body, cursors: ['u1', 'u2'], pageSize: 100 });

	const transactions = (ids: string[]) => ({ ...ok, data: ids.map((transaction_id) => ({ transaction_id })) });

	test('without next_from_id: the last transaction_id goes on, a short page ends the list', async () => {
		const full = Array.from({ length: 100 }, (_, n) => `t${n}`);
		const { ctx, output } = await run({ ...params, returnAll: true }, [transactions(full), transactions(['t100', 't101'])]);
		expect(output).toHaveLength(102);
		expect(sentBodies(ctx)).toEqual([
			{ ...body, limit: 100 },
			{ ...body, limit: 100, from_id: 't99' },
		]);
	});

	test('with a Limit: asks only for what is missing', async () => {
		const { ctx, output } = await run({ ...params, returnAll: false, limit: 3 }, [transactions(['a', 'b', 'c'])]);
		expect(output.map((item) => item.json.transaction_id)).toEqual(['a', 'b', 'c']);
		expect(sentBodies(ctx)).toEqual([{ ...body, limit: 3 }]);
	});
});

describe('Loyalty Program → Export Transactions is a task', () => {
	taskTests({
		params: { ...base, operation: 'exportTransactions', currencyBy: 'iid', currencyIid: 2, dateFrom: '2023-09-01T00:00:00Z', dateTo: '2023-09-30T23:59:59Z', additionalFields: { fromId: 'u-5' } },
		path: '/api/v1.1/loyalty/transactions_export',
		body: { loyalty_program_id: 123, points_currency_iid: 2, date_from: '2023-09-01T00:00:00Z', date_to: '2023-09-30T23:59:59Z', from_id: 'u-5' },
		result: { urls: ['/api/download/loyalty.csv'] },
	});
});

describe('Loyalty Program → the same accrual in one execution gets the same Request-ID', () => {
	test('retrying the node does not accrue twice', async () => {
		const params = { ...base, ...byEmail, operation: 'accruePoints', amount: '5', currencyBy: 'default', additionalFields: {} };
		const first = fakeExecuteFunctions({ params, answers: [ok] });
		const second = fakeExecuteFunctions({ params, answers: [ok] });
		await new Altcraft().execute.call(first);
		await new Altcraft().execute.call(second);
		expect(first.requests[0].headers?.['Request-ID']).toBe(second.requests[0].headers?.['Request-ID']);
	});
});

describe('Loyalty Program input validation', () => {
	const accrue = { ...base, ...byEmail, operation: 'accruePoints', currencyBy: 'default', additionalFields: {} };
	validationRows([
		{ title: 'an accrual without an amount', params: { ...accrue, amount: '' }, message: 'Amount: is required (item 0)' },
		{ title: 'an amount that is not a decimal', params: { ...accrue, amount: '10,5' }, message: 'Amount: must be a decimal number like 100.50, got "10,5" (item 0)' },
		{ title: 'a negative amount', params: { ...accrue, amount: '-5' }, message: 'Amount: must be a decimal number like 100.50, got "-5" (item 0)' },
		{
			title: 'expiring points without a currency',
			params: { ...base, ...byEmail, operation: 'getExpiringPoints', currencyBy: 'eid', currencyEid: '', dateFrom: '2023-09-01', dateTo: '2023-09-30' },
			message: 'Currency External ID: is required (item 0)',
		},
		{
			title: 'expiring points without a period end',
			params: { ...base, ...byEmail, operation: 'getExpiringPoints', currencyBy: 'iid', currencyIid: 1, dateFrom: '2023-09-01', dateTo: '' },
			message: 'Date To: is required (item 0)',
		},
		{
			title: 'a commit without a transaction ID',
			params: { resource: 'loyalty', options: {}, operation: 'commitTransaction', transactionBy: 'id', transactionId: '' },
			message: 'Transaction ID: is required (item 0)',
		},
		{
			title: 'a member by a matching mode loyalty does not list',
			params: { ...base, operation: 'getBalance', matching: 'email_sub', email: 'user@example.com', currencyBy: 'default' },
			message: 'Match Profile By: "email_sub" is not a matching mode of this operation (item 0)',
		},
		{
			title: 'a member by a malformed profile ID',
			params: { ...base, operation: 'removeMember', matching: 'profile_id', profileId: '123' },
			message: 'Profile ID: "123" is not a profile ID (24 hexadecimal characters) (item 0)',
		},
		{
			title: 'bad external data',
			params: { ...accrue, amount: '1', additionalFields: { externalData: '[1]' } },
			message: 'Additional Fields → External Data (JSON): must be a JSON object, e.g. {"key": "value"} (item 0)',
		},
	]);
});
