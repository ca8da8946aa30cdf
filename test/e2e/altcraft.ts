/**
 * The Altcraft side of the end-to-end suite: the emulator (emulator/), started in the jest worker on 127.0.0.1 with
 * random token strings (so a search for them in n8n's output means something), and the n8n credentials pointing at it.
 */
import { randomBytes } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { loadWorkflow, N8nRuntime } from './runner';
import type { CredentialFixture, CredentialRef } from './runner';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, DEFAULT_SEED } = require('../../emulator');

export interface E2eEmulator {
	url: string;
	tokens: { admin: string; readOnly: string; noDelete: string; limited: string; otherAccount: string };
	ledger: Array<{ op: string; dbId?: number; profileId?: string; requestId?: string | null; data?: IDataObject }>;
	requests: Array<{ method: string; path: string; headers: Record<string, string>; body: unknown; status: number | null; error?: number }>;
	store: {
		countProfiles(dbId: number): number;
		getProfileByEmail(dbId: number, email: string): IDataObject | undefined;
		findProfiles(dbId: number, predicate?: (p: IDataObject) => boolean): IDataObject[];
	};
	reset(): void;
	close(): Promise<void>;
}

/** The emulator with the default seed, but every token a fresh random string. */
export async function startEmulator(): Promise<E2eEmulator> {
	const tokens = (DEFAULT_SEED.tokens as IDataObject[]).map((t) => ({ ...t, token: `e2e-${String(t.name)}-${randomBytes(16).toString('hex')}` }));
	return (await createEmulator({ seed: { tokens } })) as E2eEmulator;
}

/** A POST to the emulator's API directly (seeding data, checking state), the way Altcraft's own examples call it. */
export async function altcraftApi(emu: E2eEmulator, apiPath: string, body: IDataObject, token = emu.tokens.admin): Promise<IDataObject> {
	const response = await fetch(`${emu.url}/api/v1.1/${apiPath}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token, ...body }),
	});
	return (await response.json()) as IDataObject;
}

/** An n8n credential of our type `altcraftApi` for an on-premise Altcraft at the emulator's URL. */
export function altcraftCredential(emu: E2eEmulator, ref: CredentialRef, token: string): CredentialFixture {
	return { ...ref, type: 'altcraftApi', data: { platform: 'onPremise', baseUrl: emu.url, token, ignoreSslIssues: false } };
}

/** Every token string the emulator knows, plus any extra secrets of the test. */
export function secretsOf(emu: E2eEmulator, ...extra: string[]): string[] {
	return [...Object.values(emu.tokens), ...extra];
}

/** A token Altcraft does not know: what a user who pasted the wrong one has. */
export function wrongToken(): string {
	return `e2e-wrong-${randomBytes(16).toString('hex')}`;
}

/** A workflow file of the suite, imported under this id with its Altcraft nodes on this credential. */
export interface WorkflowRef {
	id: string;
	file: string;
	credential: CredentialRef;
}

/**
 * What most test files start with: a fresh emulator and an n8n user folder of their own, holding these credentials
 * (made for the emulator) and workflows. Close both with closeE2e.
 */
export async function openE2e<E extends E2eEmulator = E2eEmulator>(
	name: string,
	credentials: (emu: E) => CredentialFixture[],
	workflows: Record<string, WorkflowRef>,
): Promise<{ emu: E; n8n: N8nRuntime }> {
	const emu = (await startEmulator()) as E;
	const n8n = N8nRuntime.create(name);
	await n8n.importCredentials(credentials(emu));
	await n8n.importWorkflows(Object.values(workflows).map((w) => loadWorkflow(w.file, w)));
	return { emu, n8n };
}

/** Disposes what openE2e (or a file's own set-up) opened; either may be missing when the set-up failed. */
export async function closeE2e(n8n: N8nRuntime | undefined, emu: E2eEmulator | undefined): Promise<void> {
	await n8n?.dispose();
	await emu?.close();
}
