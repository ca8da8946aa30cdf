import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { runWorkflow, START_NODE_NAME } from './harness';
import type { HarnessNode } from './harness';

class DemoApi implements ICredentialType {
	name = 'demoApi';

	displayName = 'Demo API';

	properties: INodeProperties[] = [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { body: { token: '={{$credentials.token}}' } },
	};
}

/** Function-style `authenticate`: the harness must call it. */
class DemoHeaderApi implements ICredentialType {
	name = 'demoHeaderApi';

	displayName = 'Demo Header API';

	properties: INodeProperties[] = [
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
	];

	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, 'x-demo-key': credentials.token as string },
	});
}

/** For each item, POSTs `{ n }` to `<baseUrl>/<path>` with the demoApi credential; `mode: 'throw'` fails instead. */
class Demo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Demo',
		name: 'demo',
		group: ['transform'],
		version: 1,
		description: 'Echo items through a local server',
		defaults: { name: 'Demo' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'demoApi', required: true, displayOptions: { show: { authentication: ['body'] } } },
			{ name: 'demoHeaderApi', required: true, displayOptions: { show: { authentication: ['header'] } } },
		],
		properties: [
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{ name: 'Token in Body', value: 'body' },
					{ name: 'Token in Header', value: 'header' },
				],
				default: 'body',
			},
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Echo', value: 'echo' },
					{ name: 'Throw', value: 'throw' },
				],
				default: 'echo',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentialType =
			(this.getNodeParameter('authentication', 0) as string) === 'header' ? 'demoHeaderApi' : 'demoApi';
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>(credentialType);
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const mode = this.getNodeParameter('mode', i) as string;
				if (mode === 'throw') {
					throw new NodeOperationError(this.getNode(), `Item ${i} is not welcome`, {
						itemIndex: i,
						description: 'Thrown on purpose',
					});
				}
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: 'POST',
					url: `${baseUrl}${this.getNodeParameter('path', i) as string}`,
					body: { n: items[i].json.n },
					json: true,
				})) as IDataObject;
				out.push({ json: response, pairedItem: { item: i } });
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	}
}

let server: http.Server;
let baseUrl: string;
let flakyAttempts = 0;
const received: Array<{ url?: string; body: IDataObject }> = [];

beforeAll(async () => {
	server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
		req.on('end', () => {
			const body = raw ? (JSON.parse(raw) as IDataObject) : {};
			received.push({ url: req.url, body });
			if (req.url === '/flaky') {
				flakyAttempts++;
				if (flakyAttempts === 1) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: 'try again' }));
					return;
				}
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ ...body, echoed: true, key: req.headers['x-demo-key'] }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
	received.length = 0;
	flakyAttempts = 0;
});

const demoNode = (overrides: Partial<HarnessNode> = {}): HarnessNode => ({
	name: 'Demo',
	type: 'test.demo',
	parameters: {},
	credentials: { demoApi: { id: '1', name: 'Demo account' } },
	...overrides,
});

const run = (nodes: HarnessNode[], input: INodeExecutionData[] = [{ json: { n: 1 } }, { json: { n: 2 } }]) =>
	runWorkflow({
		nodeTypes: { 'test.demo': new Demo() },
		credentialTypes: [new DemoApi(), new DemoHeaderApi()],
		credentials: {
			demoApi: { token: 'secret-token', baseUrl },
			demoHeaderApi: { token: 'header-token', baseUrl },
		},
		nodes,
		input,
	});

describe('runWorkflow (n8n-core WorkflowExecute in-process)', () => {
	it('runs a node end to end with generic credential auth applied by the engine path', async () => {
		const result = await run([demoNode()]);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.outputs[START_NODE_NAME]).toEqual([
			[
				{ json: { n: 1 }, pairedItem: { item: 0 } },
				{ json: { n: 2 }, pairedItem: { item: 1 } },
			],
		]);
		expect(result.outputs.Demo).toEqual([
			[
				{ json: { n: 1, token: 'secret-token', echoed: true }, pairedItem: { item: 0 } },
				{ json: { n: 2, token: 'secret-token', echoed: true }, pairedItem: { item: 1 } },
			],
		]);
		expect(received.map((r) => r.body)).toEqual([
			{ n: 1, token: 'secret-token' },
			{ n: 2, token: 'secret-token' },
		]);
		expect(result.requests).toHaveLength(2);
		expect(result.requests[0]).toMatchObject({
			method: 'POST',
			url: `${baseUrl}/echo`,
			body: { n: 1, token: 'secret-token' },
			json: true,
		});
		expect(result.runs.Demo).toHaveLength(1);
		expect(result.runs.Demo[0].executionStatus).toBe('success');
	});

	it('chains nodes by default and passes data along', async () => {
		const result = await run([demoNode({ name: 'First' }), demoNode({ name: 'Second' })], [{ json: { n: 7 } }]);

		expect(result.status).toBe('success');
		expect(result.outputs.Second[0]).toEqual([
			{ json: { n: 7, token: 'secret-token', echoed: true }, pairedItem: { item: 0 } },
		]);
		expect(result.requests).toHaveLength(2);
	});

	it('applies a function-style authenticate', async () => {
		const result = await run(
			[
				demoNode({
					parameters: { authentication: 'header' },
					credentials: { demoHeaderApi: { id: '2', name: 'Header account' } },
				}),
			],
			[{ json: { n: 3 } }],
		);

		expect(result.status).toBe('success');
		expect(result.outputs.Demo[0]).toEqual([
			{ json: { n: 3, echoed: true, key: 'header-token' }, pairedItem: { item: 0 } },
		]);
		expect(result.requests[0].headers).toMatchObject({ 'x-demo-key': 'header-token' });
		expect(result.requests[0].body).toEqual({ n: 3 });
	});

	it('reports a NodeOperationError as a failed execution', async () => {
		const result = await run([demoNode({ parameters: { mode: 'throw' } })]);

		expect(result.status).toBe('error');
		expect(result.error).toBeDefined();
		expect(result.error!.message).toBe('Item 0 is not welcome');
		expect(result.error!.name).toBe('NodeOperationError');
		expect(result.error!.description).toBe('Thrown on purpose');
		expect(result.runs.Demo[0].error?.message).toBe('Item 0 is not welcome');
		expect(result.requests).toHaveLength(0);
	});

	it('turns failing items into output items with continueOnFail', async () => {
		const result = await run([demoNode({ parameters: { mode: 'throw' }, continueOnFail: true })]);

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.outputs.Demo).toEqual([
			[
				{ json: { error: 'Item 0 is not welcome' }, pairedItem: { item: 0 } },
				{ json: { error: 'Item 1 is not welcome' }, pairedItem: { item: 1 } },
			],
		]);
	});

	it("routes failed items to the error output with onError 'continueErrorOutput'", async () => {
		const result = await run([demoNode({ parameters: { mode: 'throw' }, onError: 'continueErrorOutput' })]);

		expect(result.status).toBe('success');
		// The engine itself splits the items and merges the paired input item's json into each error item.
		expect(result.outputs.Demo).toEqual([
			[],
			[
				{ json: { n: 1, error: 'Item 0 is not welcome' }, pairedItem: { item: 0 } },
				{ json: { n: 2, error: 'Item 1 is not welcome' }, pairedItem: { item: 1 } },
			],
		]);
	});

	it("re-runs a failing node with n8n's Retry On Fail", async () => {
		const result = await run(
			[demoNode({ parameters: { path: '/flaky' }, retryOnFail: true, maxTries: 3, waitBetweenTries: 0 })],
			[{ json: { n: 5 } }],
		);

		expect(flakyAttempts).toBe(2);
		expect(result.status).toBe('success');
		expect(result.outputs.Demo).toEqual([
			[{ json: { n: 5, token: 'secret-token', echoed: true }, pairedItem: { item: 0 } }],
		]);
		expect(result.requests).toHaveLength(2);
		expect(result.runs.Demo).toHaveLength(1);
	});

	it('fails the workflow when the API keeps failing and Retry On Fail is off', async () => {
		const result = await run([demoNode({ parameters: { path: '/flaky' } })], [{ json: { n: 5 } }]);

		expect(flakyAttempts).toBe(1);
		expect(result.status).toBe('error');
		expect(result.error?.name).toBe('NodeApiError');
	});
});
