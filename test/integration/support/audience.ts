/**
 * Shared plumbing of the integration tests (profiles, batching, subscriptions, history, relations, databases,
 * resources, segments, suppression lists, tasks): an emulator per test file, the node run against it, and direct
 * API calls that seed state over HTTP the way a user's other systems would.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { AltcraftRun } from '../../helpers/altcraftWorkflow';
import { runAltcraft } from '../../helpers/altcraftWorkflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule = require('../../../emulator');

export const DEFAULT_SEED: IDataObject = emulatorModule.DEFAULT_SEED;

export interface RequestRecord {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: IDataObject | null;
	duplicate: boolean;
	error: number | null;
}

export interface LedgerEntry {
	op: string;
	dbId: number | null;
	profileId: string | null;
	data?: IDataObject;
}

export interface Emulator {
	url: string;
	tokens: { admin: string; readOnly: string; noDelete: string; limited: string; otherAccount: string };
	ledger: LedgerEntry[];
	requests: RequestRecord[];
	options: { allowDataWipe: boolean; taskPollsUntilDone: number };
	addHistoryEvent(e: IDataObject): IDataObject;
	addSentMessage(m: IDataObject): void;
	faults: { inject(f: IDataObject): void; clear(): void };
	store: {
		getProfile(id: string): IDataObject | null;
		getProfileByEmail(dbId: number, email: string): IDataObject | undefined;
		getResource(id: number): IDataObject;
		countProfiles(dbId: number): number;
		getSegment(id: number): (IDataObject & { members: string[] }) | undefined;
		getSuppressionList(id: number): (IDataObject & { emails: string[]; domains: string[]; phones: string[] }) | null;
		getRelations(relId?: number): IDataObject[];
		getHistory(filter?: IDataObject): IDataObject[];
		xxh(profileId: string): string;
		tasks: Map<string, IDataObject>;
	};
	reset(): void;
	close(): Promise<void>;
}

export async function createEmulator(options: IDataObject = {}): Promise<Emulator> {
	return emulatorModule.createEmulator(options);
}

/** One emulator for the test file, reset to its seed before every test. */
export function useEmulator(options: IDataObject = {}): () => Emulator {
	let emu: Emulator | undefined;
	beforeAll(async () => {
		emu = await createEmulator(options);
	});
	afterAll(async () => emu?.close());
	beforeEach(() => emu?.reset());
	return () => {
		if (!emu) throw new Error('the emulator is not started');
		return emu;
	};
}

/** Runs Start → Altcraft with the admin token (or the one given). */
export function runNode(
	emu: Emulator,
	parameters: INodeParameters,
	extra: Partial<Parameters<typeof runAltcraft>[0]> = {},
): Promise<AltcraftRun> {
	return runAltcraft({ baseUrl: emu.url, token: emu.tokens.admin, parameters, ...extra });
}

/** A direct API call (seeding state as another system would); fails the test unless the envelope says 0. */
export async function api(emu: Emulator, path: string, body: IDataObject, token = emu.tokens.admin): Promise<IDataObject> {
	const response = await fetch(`${emu.url}/api/v1.1/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token, ...body }),
	});
	const answer = (await response.json()) as IDataObject;
	if (answer.error !== 0) throw new Error(`${path}: ${String(answer.error)} ${String(answer.error_text)}`);
	return answer;
}

/** Creates (or updates) a profile by e-mail and returns its ID. */
export async function createProfile(emu: Emulator, email: string, data: IDataObject = {}, dbId = 1): Promise<string> {
	const answer = await api(emu, 'profiles/import', { db_id: dbId, matching: 'email', email, data: { email, ...data } });
	return answer.profile_id as string;
}

/** An e-mail subscription in the profile-data form (data.subscriptions[]). */
export const emailSub = (resourceId: number, email: string, status = 'subscribed'): IDataObject => ({
	resource_id: resourceId,
	channel: 'email',
	email,
	status,
});

/** Requests the emulator received under a path prefix, e.g. '/api/v1.1/segments/'. */
export const requestsTo = (emu: Emulator, prefix: string): RequestRecord[] => emu.requests.filter((r) => r.path.startsWith(prefix));

/** The JSON of every output item. */
export const jsonOf = (run: AltcraftRun): IDataObject[] => run.items.map((item) => item.json);

/**
 * Runs the node expecting it to stop on bad input before any HTTP: the NodeOperationError message, and that the
 * emulator received nothing. A required parameter left literally empty never reaches the node (n8n refuses the
 * workflow, see expectWorkflowIssues), so the empty values come from the input item through expressions, as they do
 * in real workflows: pass them as `input`.
 */
export async function expectInputError(
	emu: Emulator,
	parameters: INodeParameters,
	message: string | RegExp,
	input: IDataObject = {},
): Promise<AltcraftRun> {
	const before = emu.requests.length;
	const result = await runNode(emu, parameters, { input: [{ json: input }] });
	expect(result.status).toBe('error');
	expect(result.error?.name).toBe('NodeOperationError');
	if (typeof message === 'string') expect(result.error?.message).toBe(message);
	else expect(result.error?.message).toMatch(message);
	expect(emu.requests.length).toBe(before);
	return result;
}

/** n8n itself refuses to start a workflow whose required parameter is empty: nothing reaches the platform. */
export async function expectWorkflowIssues(emu: Emulator, parameters: INodeParameters): Promise<void> {
	const before = emu.requests.length;
	await expect(runNode(emu, parameters)).rejects.toThrow('The workflow has issues and cannot be executed');
	expect(emu.requests.length).toBe(before);
}

/** An empty resource locator, or one filled from the input item. */
export const emptyLocator = { __rl: true, mode: 'list', value: '' };
export const locatorFrom = (expression: string) => ({ __rl: true, mode: 'id', value: expression });

/** The node's message for an Altcraft 404 (object outside the token's visibility zone). */
export const NOT_FOUND = /^The object is not found in the token's visibility zone \(Altcraft error 404\)/;
