import { db } from '../helpers/fakeContext';
import { ok, operationRows, PID, run, validationRows, type Row } from '../helpers/operationRows';

// Promo Code operations (50-promo-codes.md): the program is loyalty_id; attach and detach find the profile in a
// database (db_id) by profile_id, email, phone or custom, without resource_id.

const base = { resource: 'promoCode', options: {}, loyaltyId: 5 };

const rows: Row[] = [
	{
		title: 'Import codes given one per line and comma-separated',
		params: { ...base, operation: 'import', codes: 'CODE-1\nCODE-2, CODE-3' },
		path: '/api/v1.1/promocodes/import',
		body: { loyalty_id: 5, codes: ['CODE-1', 'CODE-2', 'CODE-3'] },
		answer: { ...ok, data: [{ code: 'CODE-1', error: 0, error_text: '' }], inserted: 2, duplicated: 1, discarded_by_limit: 0 },
		output: [{ data: [{ code: 'CODE-1', error: 0, error_text: '' }], inserted: 2, duplicated: 1, discarded_by_limit: 0 }],
		modifying: true,
	},
	{
		title: 'Import codes from an expression array',
		params: { ...base, operation: 'import', codes: ['A', 'B'] },
		path: '/api/v1.1/promocodes/import',
		body: { loyalty_id: 5, codes: ['A', 'B'] },
		modifying: true,
	},
	{
		title: 'Get a code',
		params: { ...base, operation: 'get', code: 'CODE-1' },
		path: '/api/v1.1/promocodes/get',
		body: { loyalty_id: 5, code: 'CODE-1' },
		answer: { ...ok, data: { code: 'CODE-1', loyalty_id: 5, is_attached: true, is_activated: false } },
		output: [{ code: 'CODE-1', loyalty_id: 5, is_attached: true, is_activated: false }],
	},
	{
		title: 'Activate a code (data: null → success)',
		params: { ...base, operation: 'activate', code: 'CODE-1' },
		path: '/api/v1.1/promocodes/activate',
		body: { loyalty_id: 5, code: 'CODE-1' },
		answer: { ...ok, data: null },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Update the expiry date only',
		params: { ...base, operation: 'update', code: 'CODE-12345', updateFields: { expireDate: '2026-08-25T08:00:00Z' } },
		path: '/api/v1.1/promocodes/update',
		body: { loyalty_id: 5, code: 'CODE-12345', expire_date: '2026-08-25T08:00:00Z' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Deactivate a code',
		params: { ...base, operation: 'update', code: 'CODE-1', updateFields: { activated: false } },
		path: '/api/v1.1/promocodes/update',
		body: { loyalty_id: 5, code: 'CODE-1', activated: false },
		modifying: true,
	},
	{
		title: 'Attach a given code to a profile found by ID',
		params: { ...base, operation: 'attach', database: db(1), matching: 'profile_id', profileId: PID, code: 'CODE-1' },
		path: '/api/v1.1/promocodes/attach',
		body: { loyalty_id: 5, db_id: 1, matching: 'profile_id', profile_id: PID, code: 'CODE-1' },
		answer: { ...ok, data: null },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Attach a free code of the program (no code) to a profile found by a custom field',
		params: { ...base, operation: 'attach', database: db(1), matching: 'custom', fieldName: 'crm_id', fieldValue: 'A-1', code: '' },
		path: '/api/v1.1/promocodes/attach',
		body: { loyalty_id: 5, db_id: 1, matching: 'custom', field_name: 'crm_id', field_value: 'A-1' },
		modifying: true,
	},
	{
		title: 'Detach a code from a profile found by e-mail (no resource_id)',
		params: { ...base, operation: 'detach', database: db(1), matching: 'email', email: 'john@example.com', code: 'Code-1' },
		path: '/api/v1.1/promocodes/detach',
		body: { loyalty_id: 5, db_id: 1, matching: 'email', email: 'john@example.com', code: 'Code-1' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Detach from a profile found by phone',
		params: { ...base, operation: 'detach', database: db(1), matching: 'phone', phone: '+79000000000', code: 'Code-1' },
		path: '/api/v1.1/promocodes/detach',
		body: { loyalty_id: 5, db_id: 1, matching: 'phone', phone: '+79000000000', code: 'Code-1' },
		modifying: true,
	},
	{
		title: 'Get Many: all codes of the program in one answer',
		params: { ...base, operation: 'getAll', returnAll: true },
		path: '/api/v1.1/promocodes/export_all',
		body: { loyalty_id: 5 },
		answer: { ...ok, data: [{ code: 'A' }, { code: 'B', attached: '2025-01-01T00:00:00Z' }] },
		output: [{ code: 'A' }, { code: 'B', attached: '2025-01-01T00:00:00Z' }],
	},
];

describe('Promo Code operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Promo Code → Get Many takes the whole list in one call', () => {
	test('a Limit cuts the one answer', async () => {
		const { ctx, output } = await run({ ...base, operation: 'getAll', returnAll: false, limit: 2 }, [
			{ ...ok, data: [{ code: 'A' }, { code: 'B' }, { code: 'C' }] },
		]);
		expect(ctx.requests).toHaveLength(1);
		expect(output.map((item) => item.json.code)).toEqual(['A', 'B']);
	});
});

describe('Promo Code input validation', () => {
	validationRows([
		{ title: 'no program ID', params: { ...base, loyaltyId: 0, operation: 'get', code: 'X' }, message: 'Promo Code Program ID: must be between 1 and 9007199254740991, got 0 (item 0)' },
		{ title: 'no code to get', params: { ...base, operation: 'get', code: '' }, message: 'Code: is required (item 0)' },
		{ title: 'no codes to import', params: { ...base, operation: 'import', codes: '\n' }, message: 'Codes: add at least one code (item 0)' },
		{ title: 'an update without anything to change', params: { ...base, operation: 'update', code: 'X', updateFields: {} }, message: 'Update Fields: add Activated or Expire Date (item 0)' },
		{
			title: 'detach without a code',
			params: { ...base, operation: 'detach', database: db(1), matching: 'email', email: 'john@example.com', code: '' },
			message: 'Code: is required (item 0)',
		},
		{
			title: 'attach with a bad e-mail',
			params: { ...base, operation: 'attach', database: db(1), matching: 'email', email: 'john', code: '' },
			message: 'Email: "john" is not an e-mail address (item 0)',
		},
		{
			title: 'attach by a matching mode the call does not list',
			params: { ...base, operation: 'attach', database: db(1), matching: 'push_sub', code: '' },
			message: 'Match Profile By: "push_sub" is not a matching mode of this operation (item 0)',
		},
	]);
});
