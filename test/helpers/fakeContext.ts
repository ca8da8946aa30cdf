import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
} from 'n8n-workflow';

import { AltcraftApi } from '../../credentials/AltcraftApi.credentials';

/** What the fake transport answers: an envelope (HTTP 200), a full response, or a thrown network error. */
export type FakeAnswer =
	| IDataObject
	| { statusCode: number; body: unknown; headers?: Record<string, string> }
	| Error;

export interface FakeOptions {
	/** Parameters of every item, or a function of the item index. */
	params: Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);
	items?: INodeExecutionData[];
	credentials?: ICredentialDataDecryptedObject;
	/** Answers in order; the last one repeats. Or a function of the request. */
	answers?: FakeAnswer[] | ((request: IHttpRequestOptions, callIndex: number) => FakeAnswer);
	continueOnFail?: boolean;
	executionId?: string;
}

export const TEST_TOKEN = 'tok_SECRET_0123456789abcdef';

export interface FakeContext extends IExecuteFunctions {
	requests: IHttpRequestOptions[];
}

const credentialType = new AltcraftApi();

/**
 * A small IExecuteFunctions for unit tests: parameters in, captured requests out. The credential's own
 * authentication is applied like n8n does (token into the body), so tests can check that it never leaks.
 */
export function fakeExecuteFunctions(options: FakeOptions): FakeContext {
	const requests: IHttpRequestOptions[] = [];
	const node: INode = {
		id: 'node-1',
		name: 'Altcraft',
		type: 'n8n-nodes-altcraft.altcraft',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const paramsOf = (i: number) => (typeof options.params === 'function' ? options.params(i) : options.params);
	const credentials = options.credentials ?? { token: TEST_TOKEN, platform: 'onPremise', baseUrl: 'https://altcraft.test/' };
	const answer = (request: IHttpRequestOptions, index: number): FakeAnswer => {
		if (typeof options.answers === 'function') return options.answers(request, index);
		const list = options.answers ?? [{ error: 0, error_text: 'Successful operation' }];
		return list[Math.min(index, list.length - 1)];
	};
	const ctx = {
		requests,
		getNode: () => node,
		getInputData: () => options.items ?? [{ json: {} }],
		getExecutionId: () => options.executionId ?? 'exec-1',
		getWorkflow: () => ({ id: 'wf-1', name: 'Test', active: false }),
		continueOnFail: () => options.continueOnFail ?? false,
		getCredentials: async () => credentials,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) => {
			const params = paramsOf(itemIndex);
			let value = name in params ? params[name] : fallback;
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			if (opts?.extractValue && value && typeof value === 'object' && 'mode' in (value as object)) {
				value = (value as { value: unknown }).value;
			}
			return value;
		},
		helpers: {
			httpRequestWithAuthentication: async function (_type: string, request: IHttpRequestOptions) {
				const authenticated = await credentialType.authenticate(credentials, request);
				// Recorded as the platform reads it: a body serialized by the node (a batch) is parsed back.
				const body = Buffer.isBuffer(authenticated.body) ? (JSON.parse(authenticated.body.toString('utf8')) as IDataObject) : authenticated.body;
				const sent = { ...authenticated, body };
				requests.push(sent);
				const result = answer(sent, requests.length - 1);
				if (result instanceof Error) throw result;
				if ('statusCode' in result && typeof result.statusCode === 'number') {
					return { headers: {}, ...result };
				}
				return { statusCode: 200, headers: {}, body: result };
			},
			// Binary data as n8n keeps it in memory mode: base64 in the item's binary field.
			assertBinaryData: (itemIndex: number, propertyName: string) => {
				const binary = (options.items ?? [{ json: {} }])[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`);
				return binary;
			},
			getBinaryDataBuffer: async (itemIndex: number, propertyName: string) => {
				const binary = (options.items ?? [{ json: {} }])[itemIndex]?.binary?.[propertyName];
				if (!binary) throw new Error(`No binary data '${propertyName}' on item ${itemIndex}`);
				return Buffer.from(binary.data, 'base64');
			},
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({
				data: data.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
			}),
		},
	};
	return ctx as unknown as FakeContext;
}

/** The request bodies as the platform would see them, without the credential's token. */
export function sentBodies(ctx: FakeContext): IDataObject[] {
	return ctx.requests.map((r) => {
		const { token: _token, ...rest } = (r.body ?? {}) as IDataObject;
		return rest;
	});
}

export const db = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });
