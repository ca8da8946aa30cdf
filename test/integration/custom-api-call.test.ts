/**
 * Custom API Call over real HTTP against the Altcraft emulator, run through n8n's real execution engine: the same
 * transport as the typed operations (token from the credential, envelope check, error mapping, retries, Request-ID).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId } from '../helpers/altcraftWorkflow';
import { expectInputError, jsonOf, NOT_FOUND, runNode } from './support/audience';
import type { CommerceEmulator } from './support/commerce';
import { asAudience, call, errorOf, requestsAt, shopper, useCommerceEmulator } from './support/commerce';

const emulator = useCommerceEmulator();

const run = (emu: CommerceEmulator, parameters: INodeParameters, extra: Parameters<typeof runNode>[2] = {}) =>
	runNode(asAudience(emu), parameters, extra);

const custom = (path: string, body: IDataObject | string = {}, extra: IDataObject = {}): INodeParameters => ({
	resource: 'customApiCall',
	operation: 'request',
	path,
	body: typeof body === 'string' ? body : JSON.stringify(body),
	...extra,
});
const read = (path: string, body: IDataObject = {}) => custom(path, body, { modifiesData: false });

describe('Custom API Call: the same answers as the typed operations', () => {
	test('profiles/get/: the typed Get returns the data object the custom call returns under data', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com', { _fname: 'Ann', crm_id: 'CRM-1' });
		const typed = await run(emu, { resource: 'profile', operation: 'get', database: byId(1), matching: 'email', email: 'ann@example.com', simplify: false });
		const viaCustom = await run(emu, read('profiles/get/', { db_id: 1, matching: 'email', email: 'ann@example.com' }));
		expect(viaCustom.status).toBe('success');
		expect(jsonOf(viaCustom)).toEqual([{ data: typed.items[0].json }]);
		expect(typed.items[0].json).toMatchObject({ id: ann, _fname: 'Ann', crm_id: 'CRM-1' });
		// Both went to the same path with the same body; the token came from the credential.
		const [typedRequest, customRequest] = requestsAt(emu, 'profiles/get');
		expect(customRequest.path).toBe(typedRequest.path);
		expect(customRequest.body).toEqual(typedRequest.body);
		expect(customRequest.body?.token).toBe(emu.tokens.admin);
		expect(customRequest.headers['request-id']).toBeUndefined();
	});

	test('loyalty balance and an order status: the same values as the typed operations (data / result)', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await call(emu, 'loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
		await call(emu, 'loyalty/accrue_points', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com', amount: '42.50' });
		await call(emu, 'market/orders/import', {
			data: [{ external_id: 'o-1', email: 'ann@example.com', endpoint: 'shop', status: 'paid', total_price: '1', currency: 'RUB', lines: [{ external_id: 'l', product: 'p', count: 1 }] }],
		});

		const balance = await run(emu, { resource: 'loyalty', operation: 'getBalance', loyaltyProgramId: 1, matching: 'email', email: 'ann@example.com' });
		const customBalance = await run(emu, read('/api/v1.1/loyalty/account/balance', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' }));
		expect(jsonOf(customBalance)).toEqual([{ data: balance.items[0].json }]);
		expect(balance.items[0].json).toEqual({ total_balance: '42.50', active_balance: '42.50' });

		const status = await run(emu, { resource: 'order', operation: 'getStatus', externalId: 'o-1' });
		const customStatus = await run(emu, read('api/v1.1/market/orders/get_status', { external_id: 'o-1' }));
		expect(jsonOf(customStatus)).toEqual([{ result: status.items[0].json }]);
		expect(status.items[0].json).toEqual({ endpoint: 'shop', status: 'paid' });
	});

	test('Options → Additional Body Fields are merged into the body', async () => {
		const emu = emulator();
		const result = await run(emu, custom('promocodes/get', { loyalty_id: 1 }, { modifiesData: false, options: { additionalBodyFields: '{"code": "WELCOME-002"}' } }));
		expect(result.items[0].json).toMatchObject({ data: { code: 'WELCOME-002', loyalty_id: 1 } });
	});
});

describe('Custom API Call: modifying calls carry a Request-ID and are applied once', () => {
	test('a connection dropped after the change was applied: the retry gets the replay, one ledger entry', async () => {
		const emu = emulator();
		emu.faults.inject({ kind: 'dropAfterApply', count: 1, path: '/api/v1.1/promocodes/import' });
		const result = await run(emu, custom('promocodes/import', { loyalty_id: 1, codes: ['ONCE-1', 'ONCE-2'] }));
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([
			{
				data: [
					{ code: 'ONCE-1', error: 0, error_text: '' },
					{ code: 'ONCE-2', error: 0, error_text: '' },
				],
				inserted: 2,
				duplicated: 0,
				discarded_by_limit: 0,
				duplicateRequest: true,
			},
		]);
		const sent = requestsAt(emu, 'promocodes/import');
		expect(sent).toHaveLength(2);
		expect(sent[0].headers['request-id']).toEqual(expect.any(String));
		expect(sent[1].headers['request-id']).toBe(sent[0].headers['request-id']);
		expect(sent.map((r) => r.duplicate)).toEqual([false, true]);
		expect(emu.ledger.filter((e) => e.op === 'promocode.import')).toHaveLength(1);
		expect(emu.commerce.getPromoCodes(1).filter((c) => String(c.code).startsWith('ONCE-'))).toHaveLength(2);
	});

	test('a loyalty accrual through the custom call after a dropped answer: the points are accrued once', async () => {
		const emu = emulator();
		const ann = await shopper(emu, 'ann@example.com');
		await call(emu, 'loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
		emu.faults.inject({ kind: 'dropAfterApply', count: 1, path: 'loyalty/accrue_points' });
		const result = await run(emu, custom('loyalty/accrue_points', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com', amount: '100.00' }));
		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ data: { balance: '100.00' }, duplicateRequest: true });
		expect(emu.commerce.getBalance(1, ann)).toEqual({ total_balance: '100.00', active_balance: '100.00' });
		expect(emu.ledger.filter((e) => e.op === 'loyalty.accrue')).toHaveLength(1);
	});

	test('the Request-ID is per item and per path; a pinned Request ID dedups across executions; reads carry none', async () => {
		const emu = emulator();
		const twice = await run(emu, custom('promocodes/import', '={{ JSON.stringify({ loyalty_id: 1, codes: [$json.code] }) }}'), {
			input: [{ json: { code: 'A-1' } }, { json: { code: 'A-2' } }],
		});
		expect(twice.status).toBe('success');
		const ids = requestsAt(emu, 'promocodes/import').map((r) => r.headers['request-id']);
		expect(new Set(ids).size).toBe(2);
		expect(emu.ledger.filter((e) => e.op === 'promocode.import')).toHaveLength(2);

		const pinned = custom('promocodes/import', { loyalty_id: 1, codes: ['PINNED-1'] }, { options: { requestId: 'import-batch-42' } });
		expect((await run(emu, pinned)).items[0].json.inserted).toBe(1);
		const again = await run(emu, pinned);
		expect(again.items[0].json).toMatchObject({ inserted: 1, duplicateRequest: true });
		expect(emu.ledger.filter((e) => e.op === 'promocode.import')).toHaveLength(3);

		await run(emu, read('promocodes/export_all', { loyalty_id: 1 }));
		expect(requestsAt(emu, 'promocodes/export_all')[0].headers['request-id']).toBeUndefined();
	});
});

describe('Custom API Call: refused paths fail before anything is sent', () => {
	const refused: Array<[string, RegExp]> = [
		['https://evil.example/api/v1.1/profiles/get', /^Path: must be a path, not a full URL \(item 0\)$/],
		['//evil.example/api/v1.1/profiles/get', /^Path: must be a path, not a full URL \(item 0\)$/],
		['../v1.0/profiles/get', /^Path: must not contain "\." or "\.\." segments \(item 0\)$/],
		['profiles/../../download/x', /^Path: must not contain "\." or "\.\." segments \(item 0\)$/],
		['/api/v1.1/../download/abc/file.csv', /^Path: must not contain "\." or "\.\." segments \(item 0\)$/],
		['/api/v1.0/profiles/get', /^Path: "\/api\/v1\.0\/profiles\/get" is outside \/api\/v1\.1\/ \(item 0\)$/],
		['/api/download/abc/file.csv', /^Path: "\/api\/download\/abc\/file\.csv" is outside \/api\/v1\.1\/ \(item 0\)$/],
		['api/v1.1/', /^Path: names no method \(item 0\)$/],
		['profiles/get?token=x', /^Path: must not contain a query \(\?…\) or fragment \(#…\) \(item 0\)$/],
		['profiles//get', /^Path: must not contain empty segments \("\/\/"\) \(item 0\)$/],
		['profiles/get%2F..', /^Path: may only contain letters, digits/],
	];
	test.each(refused)('%s', async (path, message) => {
		const emu = emulator();
		await expectInputError(asAudience(emu), custom('={{ $json.path }}', { db_id: 1 }), message, { path });
	});

	test('an empty path, a token in the body and a body that is not a JSON object are refused too', async () => {
		const emu = emulator();
		await expectInputError(asAudience(emu), custom('={{ $json.path }}'), 'Path: is required (item 0)', { path: '' });
		await expectInputError(asAudience(emu), custom('profiles/get/', { token: 'stolen', db_id: 1 }), /^Body \(JSON\): must not contain "token" \(item 0\)$/);
		await expectInputError(asAudience(emu), custom('profiles/get/', '[1, 2]'), /^Body \(JSON\): .*\(item 0\)$/);
		await expectInputError(asAudience(emu), custom('profiles/get/', { db_id: 1 }, { options: { additionalBodyFields: '{"token": "x"}' } }), /must not contain "token" \(item 0\)$/);
	});
});

describe('Custom API Call: the platform’s error codes map as everywhere', () => {
	/** Runs a typed operation and the same request through the custom call; both must fail with the same error. */
	async function sameError(emu: CommerceEmulator, typed: INodeParameters, path: string, body: IDataObject, code: number, modifiesData = false) {
		const a = await run(emu, typed);
		const b = await run(emu, custom(path, body, { modifiesData }));
		expect(a.status).toBe('error');
		expect(b.status).toBe('error');
		expect(a.error?.message).toMatch(errorOf(code));
		expect(b.error?.message).toBe(a.error?.message);
		expect(b.error?.description).toBe(a.error?.description);
		expect(b.error?.name).toBe('NodeApiError');
		return b;
	}

	test('404: an unknown promo code, an unknown order', async () => {
		const emu = emulator();
		const b = await sameError(emu, { resource: 'promoCode', operation: 'get', loyaltyId: 1, code: 'NOPE' }, 'promocodes/get', { loyalty_id: 1, code: 'NOPE' }, 404);
		expect(b.error?.message).toMatch(NOT_FOUND);
		await sameError(emu, { resource: 'order', operation: 'getStatus', externalId: 'o-404' }, 'market/orders/get_status', { external_id: 'o-404' }, 404);
	});

	test('409: a code attached to another profile; 450: a value the platform refuses; 435: an ambiguous detach', async () => {
		const emu = emulator();
		await shopper(emu, 'ann@example.com');
		await shopper(emu, 'bob@example.com');
		await call(emu, 'promocodes/attach', { loyalty_id: 1, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'WELCOME-001' });
		await sameError(
			emu,
			{ resource: 'promoCode', operation: 'attach', loyaltyId: 1, database: byId(1), matching: 'email', email: 'bob@example.com', code: 'WELCOME-001' },
			'promocodes/attach',
			{ loyalty_id: 1, db_id: 1, matching: 'email', email: 'bob@example.com', code: 'WELCOME-001' },
			409,
			true,
		);
		await sameError(emu, { resource: 'promoCode', operation: 'activate', loyaltyId: 1, code: 'WELCOME-002' }, 'promocodes/activate', { loyalty_id: 1, code: 'WELCOME-002' }, 450, true);
		for (const email of ['ann@example.com', 'bob@example.com']) await call(emu, 'promocodes/attach', { loyalty_id: 2, db_id: 1, matching: 'email', email, code: 'SUMMER-2025' });
		await sameError(
			emu,
			{ resource: 'promoCode', operation: 'detach', loyaltyId: 2, database: byId(1), matching: 'email', email: 'ann@example.com', code: 'SUMMER-2025' },
			'promocodes/detach',
			{ loyalty_id: 2, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'SUMMER-2025' },
			435,
			true,
		);
	});

	test('403: a read-only token on a modifying call', async () => {
		const emu = emulator();
		const typed = await run(emu, { resource: 'promoCode', operation: 'import', loyaltyId: 1, codes: 'RO-1' }, { token: emu.tokens.readOnly });
		const viaCustom = await run(emu, custom('promocodes/import', { loyalty_id: 1, codes: ['RO-1'] }), { token: emu.tokens.readOnly });
		expect(typed.error?.message).toMatch(errorOf(403));
		expect(viaCustom.error?.message).toBe(typed.error?.message);
		expect(emu.commerce.getPromoCode(1, 'RO-1')).toBeUndefined();
	});

	test('400 (a missing parameter) and 501 (no such method) only the custom call can produce; not retried', async () => {
		const emu = emulator();
		const missing = await run(emu, custom('promocodes/get', { loyalty_id: 1 }, { modifiesData: false }));
		expect(missing.error?.message).toMatch(/^Incorrect request \(Altcraft error 400\): .*code/);
		const noMethod = await run(emu, custom('promocodes/teleport', { loyalty_id: 1 }));
		expect(noMethod.error?.message).toMatch(/^The method does not exist \(Altcraft error 501\)/);
		expect(requestsAt(emu, 'promocodes/get')).toHaveLength(1);
		expect(requestsAt(emu, 'promocodes/teleport')).toHaveLength(1);
	});

	test('a 500 is retried and then succeeds; Continue On Fail turns an error into an item with its code', async () => {
		const emu = emulator();
		emu.faults.inject({ kind: 'error500', count: 1, path: 'promocodes/export_all' });
		const retried = await run(emu, read('promocodes/export_all', { loyalty_id: 1 }));
		expect(retried.status).toBe('success');
		expect(requestsAt(emu, 'promocodes/export_all')).toHaveLength(2);

		const continued = await run(emu, read('promocodes/get', { loyalty_id: 1, code: 'NOPE' }), { node: { continueOnFail: true } });
		expect(continued.status).toBe('success');
		expect(continued.items[0].json).toMatchObject({ error: expect.stringMatching(NOT_FOUND), errorCode: 404 });
	});
});
