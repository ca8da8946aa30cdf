/**
 * Shared plumbing of the loyalty and commerce integration tests (promo codes, goals, loyalty programs, app push,
 * Market orders / products / SKUs, Custom API Call): the emulator's test-control API of those sections (emu.commerce,
 * emu.faults), and direct API calls that seed state the way a shop's other systems would.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from './audience';
import { api, createProfile, useEmulator } from './audience';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule = require('../../../emulator');

export const DEFAULT_COMMERCE_SEED: IDataObject = emulatorModule.DEFAULT_COMMERCE_SEED;

export interface CommerceLedgerEntry {
	seq: number;
	path: string;
	requestId: string | null;
	op: string;
	dbId: number | null;
	profileId: string | null;
	data?: IDataObject;
	skipTriggers?: boolean;
}

/** The emulator with the control API of the loyalty and commerce sections (emulator/README.md, Test-control API). */
export interface CommerceEmulator extends Omit<Emulator, 'ledger'> {
	ledger: CommerceLedgerEntry[];
	commerce: {
		advanceClock(seconds: number): void;
		now(): string;
		getPromoCode(loyaltyId: number, code: string): IDataObject | undefined;
		getPromoCodes(loyaltyId: number): IDataObject[];
		getGoals(filter?: { dbId?: number; profileId?: string; pixelId?: number }): IDataObject[];
		getPushEvents(): IDataObject[];
		getLoyaltyMember(programId: number, profileId: string): IDataObject | undefined;
		getBalance(programId: number, profileId: string, currency?: number | string): { total_balance: string; active_balance: string } | undefined;
		getTransactions(filter?: { programId?: number; profileId?: string; state?: string }): IDataObject[];
		getTransaction(idOrEid: string, accountId?: number): IDataObject | undefined;
		getOrder(externalId: string, accountId?: number): IDataObject | undefined;
		getOrders(accountId?: number): IDataObject[];
		getProduct(externalId: string, accountId?: number): IDataObject | undefined;
		getSku(externalId: string, accountId?: number): IDataObject | undefined;
		getCategories(accountId?: number): IDataObject[];
		getMarketCustomFields(accountId?: number): IDataObject[];
		getLineStatuses(accountId?: number): IDataObject[];
	};
	faults: {
		inject(fault: { kind: string; count?: number; path?: string | RegExp; retryAfterSec?: number }): void;
		clear(): void;
		history: Array<{ kind: string; path: string; at: number }>;
	};
}

/** One emulator for the test file (reset to its seed before every test), typed with the commerce control API. */
export function useCommerceEmulator(options: IDataObject = {}): () => CommerceEmulator {
	const emulator = useEmulator(options);
	return () => emulator() as unknown as CommerceEmulator;
}

/** The emulator as the audience helpers type it (they only need url, tokens, requests). */
export const asAudience = (emu: CommerceEmulator): Emulator => emu as unknown as Emulator;

/** A profile in database 1 (found by e-mail), created over HTTP; returns its ID. */
export function shopper(emu: CommerceEmulator, email: string, data: IDataObject = {}, dbId = 1): Promise<string> {
	return createProfile(asAudience(emu), email, data, dbId);
}

/** A direct API call that must succeed (envelope error 0). */
export function call(emu: CommerceEmulator, path: string, body: IDataObject): Promise<IDataObject> {
	return api(asAudience(emu), path, body);
}

/** A direct API call whose envelope is returned whatever its error code. */
export async function rawCall(emu: CommerceEmulator, path: string, body: IDataObject, token = emu.tokens.admin): Promise<IDataObject> {
	const response = await fetch(`${emu.url}/api/v1.1/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token, ...body }),
	});
	return (await response.json()) as IDataObject;
}

/** Requests the emulator received at exactly this API path (without /api/v1.1/). */
export const requestsAt = (emu: CommerceEmulator, method: string) =>
	emu.requests.filter((r) => r.path.replace(/\/$/, '') === `/api/v1.1/${method}`.replace(/\/$/, ''));

/** Ledger operations, in order. */
export const opsOf = (emu: CommerceEmulator): string[] => emu.ledger.map((e) => e.op);

/** The node's message for an Altcraft error code, e.g. errorOf(409) → /\(Altcraft error 409\)/. */
export const errorOf = (code: number) => new RegExp(`\\(Altcraft error ${code}\\)`);

/** The node's message for an Altcraft 409 (the object is not free / already exists). */
export const CONFLICT = /^Another record with the same unique attributes already exists \(Altcraft error 409\)/;

/** An RFC 3339 time in UTC without fractions, as the emulator writes it. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** A transaction ID (UUID). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
