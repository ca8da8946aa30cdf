/**
 * Shared plumbing of the messaging integration tests (templates, mailings, trigger sends, campaigns, scenarios,
 * senders, files, web versions): the emulator's messaging test-control API as these tests use it, recipients with
 * a sendable subscription, binary input items, and parameter builders. Everything else comes from ./audience.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Emulator } from './audience';
import { createProfile, emailSub, requestsTo, useEmulator } from './audience';

/** One message the emulator "sent" (emu.sends; README, Test-control API). */
export interface SendRecord {
	seq: number;
	smid: string;
	kind: 'trigger' | 'mailing';
	path: string;
	requestId: string | null;
	mailingId: number;
	mailingType: string;
	triggerId: number | null;
	profileId: string;
	dbId: number;
	resourceId: number;
	channel: string;
	to: IDataObject;
	templateId: number;
	message: IDataObject & { subject?: string; html?: string; text?: string; sms?: string };
	content: IDataObject | null;
	customData: IDataObject | null;
	attachments: string[];
	files: Array<{ name: string; mimetype: string; size: number; file_key?: string }>;
	skipTriggers: boolean;
	sendAt: string;
}

export interface ScenarioStart {
	scenarioId: number;
	profileId: string;
	dbId: number;
	content: IDataObject | null;
	customData: IDataObject | null;
	attachments: string[];
	skipTriggers: boolean;
	path: string;
	requestId: string | null;
}

export interface MessagingEmulator extends Emulator {
	sends: SendRecord[];
	getSends(filter?: { mailingId?: number; triggerId?: number; profileId?: string; channel?: string; kind?: string; smid?: string }): SendRecord[];
	messaging: {
		getScenarioStarts(filter?: { scenarioId?: number; profileId?: string }): ScenarioStart[];
		getMailing(id: number): (IDataObject & { log: Array<{ level: string; message: string; time: string }> }) | undefined;
		getTemplate(id: number): IDataObject | undefined;
		getScenario(id: number): IDataObject | undefined;
		getCampaign(id: number): IDataObject | undefined;
		getVirtualSender(id: number): IDataObject | undefined;
		getFile(id: string): { id: string; accountId: number; name: string; mimetype: string; size: number; data: Buffer } | undefined;
	};
	faults: {
		inject(spec: IDataObject): void;
		clear(): void;
		pending(): unknown[];
		history: Array<{ kind: string; path: string }>;
	};
	requests: Array<Emulator['requests'][number] & { status: number | null; requestId: string | null; fault?: string }>;
	ledger: Array<Emulator['ledger'][number] & { op: string; data?: IDataObject }>;
}

/** One emulator for the test file, reset to its seed before every test. */
export function useMessagingEmulator(options: IDataObject = {}): () => MessagingEmulator {
	const get = useEmulator(options);
	return () => get() as unknown as MessagingEmulator;
}

/** A profile of database 1 with a subscribed e-mail subscription to resource 1 (trigger mailing 1 can send to it). */
export async function subscriber(emu: Emulator, email: string, data: IDataObject = {}, resourceId = 1, dbId = 1): Promise<string> {
	return createProfile(emu, email, { subscriptions: [emailSub(resourceId, email)], ...data }, dbId);
}

/** An input item with a file in its binary field `data` (or the one given). */
export function withFile(json: IDataObject, fileName: string, content: string | Buffer, mimeType = 'application/pdf', field = 'data'): INodeExecutionData {
	const data = (Buffer.isBuffer(content) ? content : Buffer.from(content)).toString('base64');
	return { json, binary: { [field]: { data, mimeType, fileName } } };
}

/** Name/value rows of the content and custom data fields. */
export const pairs = (values: IDataObject) => ({ pair: Object.entries(values).map(([name, value]) => ({ name, value })) });

/** Resource + operation + the rest. */
export const params = (resource: string, operation: string, extra: IDataObject = {}): INodeParameters => ({ resource, operation, ...extra }) as INodeParameters;

/** The body of the only request under a path (fails the test when there are more or none). */
export function onlyBody(emu: Emulator, path: string): IDataObject {
	const requests = requestsTo(emu, path);
	expect(requests).toHaveLength(1);
	return requests[0].body as IDataObject;
}

/** Requests under a path with their HTTP status and Request-ID (the emulator's request log). */
export const attemptsTo = (emu: MessagingEmulator, prefix: string) => emu.requests.filter((r) => r.path.startsWith(prefix));

/** Ledger operations of a prefix, in order (e.g. 'mailing.'). */
export const opsOf = (emu: MessagingEmulator, prefix: string): string[] => emu.ledger.filter((e) => e.op.startsWith(prefix)).map((e) => e.op);

/** The node's message for an Altcraft 450 (validation / object in the wrong state). */
export const VALIDATION = /^Request validation error \(Altcraft error 450\)/;
