/** Shared pieces of the reliability suites: the emulator's test-control API as the suites use it, and small helpers. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule = require('../../emulator');

export interface LedgerEntry {
	seq: number;
	path: string;
	requestId: string | null;
	op: string;
	dbId: number | null;
	profileId: string | null;
	data?: IDataObject;
}

export interface RequestRecord {
	method: string;
	path: string;
	headers: Record<string, string>;
	body: unknown;
	duplicate: boolean;
	status: number | null;
	requestId: string | null;
	error?: number;
	fault?: string;
}

export interface Emulator {
	url: string;
	port: number;
	tokens: { admin: string; readOnly: string; noDelete: string; limited: string; otherAccount: string };
	ledger: LedgerEntry[];
	requests: RequestRecord[];
	faults: {
		inject(spec: IDataObject): void;
		setRates(rates: IDataObject | null): void;
		clear(): void;
		history: Array<{ kind: string; path: string }>;
	};
	options: IDataObject;
	store: {
		countProfiles(dbId: number): number;
		findProfiles(dbId: number, predicate?: (view: IDataObject) => boolean): IDataObject[];
		getProfileByEmail(dbId: number, email: string): IDataObject | undefined;
	};
	setRateLimit(cfg: IDataObject | null): void;
	reset(): void;
	close(): Promise<void>;
}

export async function startEmulator(options: IDataObject = {}): Promise<Emulator> {
	return emulatorModule.createEmulator(options);
}

/** The emulator's handler routes, e.g. to find out whether a section is implemented yet. */
export function emulatorHasRoute(path: string): boolean {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { createRouter } = require('../../emulator/handlers');
	return Boolean(createRouter().find(path));
}

/** A direct call to the emulator, outside the node (to set up data). */
export async function api(emu: Emulator, path: string, body: IDataObject, token = emu.tokens.admin): Promise<IDataObject> {
	const response = await fetch(`${emu.url}/api/v1.1/${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ token, ...body }),
	});
	return (await response.json()) as IDataObject;
}

export const pairedIndex = (item: INodeExecutionData): number => (item.pairedItem as { item: number }).item;

export function countBy<T>(values: T[], key: (value: T) => string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const value of values) counts[key(value)] = (counts[key(value)] ?? 0) + 1;
	return counts;
}

/** A throw-away HTTP server on 127.0.0.1 for the cases the emulator does not model (redirects, echoing hostile answers). */
export async function localServer(
	handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void,
): Promise<{ url: string; received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>; close(): Promise<void> }> {
	const received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			handler(req, body, res);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
