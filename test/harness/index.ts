/**
 * Runs n8n workflows through n8n's real execution engine (n8n-core's `WorkflowExecute`) in-process.
 *
 * See section 6 of the shared n8n node conventions: a pass-through start node, run data from
 * `createRunExecutionData`, `ExecutionLifecycleHooks`, a credentials helper that applies a generic
 * `authenticate` itself, and DI stubs for `InstanceSettings` and `SSHClientsManager`.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { Container } from '@n8n/di';
import { ExecutionLifecycleHooks, InstanceSettings, WorkflowExecute } from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionError,
	ExecutionStatus,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	ITaskData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

export interface HarnessNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
	retryOnFail?: boolean;
	maxTries?: number;
	/** n8n treats 0 as "unset" and waits its default 1000 ms; pass 1 for a (nearly) immediate retry. */
	waitBetweenTries?: number;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	disabled?: boolean;
}

export interface RunWorkflowOptions {
	/** e.g. `{ 'CUSTOM.altcraft': new Altcraft() }`; the harness adds its own start node type. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	/** e.g. `[new AltcraftApi()]` */
	credentialTypes?: ICredentialType[];
	/** Decrypted credential data by credential type name, e.g. `{ altcraftApi: { token: '…' } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Nodes after the start node. */
	nodes: HarnessNode[];
	/** Default: a straight chain start → nodes[0] → nodes[1] … */
	connections?: IConnections;
	/** Items the start node emits (default `[{ json: {} }]`). */
	input?: INodeExecutionData[];
	/** Default: a random one. */
	executionId?: string;
	/** Keep a copy of every authenticated request in `requests` (default true; benchmarks turn it off). */
	recordRequests?: boolean;
}

export interface RunWorkflowResult {
	/** `run.status` */
	status: ExecutionStatus;
	/** `run.data.resultData.error` (a plain copy of the error the engine caught: same message/name/description) */
	error?: ExecutionError;
	/** Per node name: the output branches of its last run. */
	outputs: Record<string, INodeExecutionData[][]>;
	/** The raw `runData`. */
	runs: Record<string, ITaskData[]>;
	/** Every request that went through `credentialsHelper.authenticate`, after authentication. */
	requests: IHttpRequestOptions[];
	/** How many requests went through `credentialsHelper.authenticate`, recorded or not. */
	requestCount: number;
	/** The whole `IRun` the engine produced, for anything else. */
	run: IRun;
}

/** Name and type of the pass-through node the harness places first. */
export const START_NODE_NAME = 'Start';
export const START_NODE_TYPE = 'harness.start';

/** A trigger-less pass-through node: returns its input items, each paired with itself. */
class HarnessStart implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Harness Start',
		name: START_NODE_TYPE,
		group: ['input'],
		version: 1,
		description: 'Emits the items given to the harness',
		defaults: { name: START_NODE_NAME },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData().map((item, index) => ({ ...item, pairedItem: { item: index } }))];
	}
}

// ---------------------------------------------------------------------------------------------
// Dependency injection stubs (once per process / jest worker module registry)
// ---------------------------------------------------------------------------------------------

let diReady = false;

function setUpDependencyInjection(): void {
	if (diReady) return;
	// A temp folder so the engine never writes a config file with a random key under the home folder.
	// One fixed folder per user, so repeated runs do not pile up temp folders; nothing is written into it so far.
	const n8nFolder = path.join(os.tmpdir(), `n8n-harness-${os.userInfo().uid}`);
	fs.mkdirSync(n8nFolder, { recursive: true });
	const instanceSettings = {
		instanceId: 'harness-instance-id',
		hmacSignatureSecret: 'harness-hmac-secret',
		encryptionKey: 'harness-encryption-key',
		n8nFolder,
		staticCacheDir: path.join(n8nFolder, 'cache'),
		customExtensionDir: path.join(n8nFolder, 'custom'),
		nodesDownloadDir: path.join(n8nFolder, 'nodes'),
		instanceType: 'main',
		instanceRole: 'leader',
		hostId: 'harness-host',
		isMultiMain: false,
		isSingleMain: true,
		isWorker: false,
		isLeader: true,
		isFollower: false,
		isDocker: false,
		tunnelSubdomain: undefined,
		fsStorageMigrated: true,
		enforceSettingsFilePermissions: { isSet: false, enforce: false },
	};
	Container.set(InstanceSettings, instanceSettings as unknown as InstanceSettings);
	// The real manager starts a 60 s cleanup interval in its constructor, which keeps jest alive.
	const sshClientsManager = {
		clients: new Map(),
		clientsReversed: new WeakMap(),
		updateLastUsed() {},
		async getClient() {
			throw new Error('SSH is not available in the test harness');
		},
		onShutdown() {},
		cleanupStaleConnections() {},
	};
	Container.set(SSHClientsManager, sshClientsManager as unknown as SSHClientsManager);
	diReady = true;
}

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------

class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Harness: unknown node type "${nodeType}"`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) {
			const v = version ?? type.currentVersion;
			const versioned = type.nodeVersions[v];
			if (!versioned) throw new Error(`Harness: node type "${nodeType}" has no version ${v}`);
			return versioned;
		}
		return type;
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { className: name, sourcePath: '' }]));
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------------

function isPlainObject(value: unknown): value is IDataObject {
	if (typeof value !== 'object' || value === null) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	readonly requests: IHttpRequestOptions[] = [];

	requestCount = 0;

	recordRequests = true;

	private readonly types: Map<string, ICredentialType>;

	constructor(
		credentialTypes: ICredentialType[],
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		this.types = new Map(credentialTypes.map((type) => [type.name, type]));
	}

	private getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Harness: unknown credential type "${name}" (pass it in credentialTypes)`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		const parents = type?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** Resolves an n8n expression (`={{ $credentials.token }}`) the way n8n's CredentialsHelper does. */
	private resolveValue(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): unknown {
		if (typeof value !== 'string' || value.charAt(0) !== '=') return value;
		const resolved = workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
		// n8n's own CredentialsHelper stringifies every resolved value (and turns falsy into '').
		if (!resolved) return '';
		return resolved.toString();
	}

	private resolveDeep(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow: Workflow,
		node: INode,
	): unknown {
		if (isPlainObject(value)) {
			return Object.fromEntries(
				Object.entries(value).map(([key, inner]) => [
					String(this.resolveValue(key, credentials, workflow, node)),
					this.resolveDeep(inner, credentials, workflow, node),
				]),
			);
		}
		return this.resolveValue(value, credentials, workflow, node);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		let requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			requestOptions = await authenticate(credentials, requestOptions);
		} else if (authenticate && authenticate.type === 'generic') {
			const target = requestOptions as unknown as IDataObject;
			if (target.headers === undefined) target.headers = {};
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const resolved = this.resolveDeep(outerValue, credentials, workflow, node);
				if (isPlainObject(resolved)) {
					const existing = target[outerKey];
					if (existing === undefined || existing === null) {
						target[outerKey] = resolved;
					} else if (isPlainObject(existing)) {
						target[outerKey] = { ...existing, ...resolved };
					} else {
						// n8n's own helper would crash assigning properties to a string/Buffer body as well.
						throw new Error(
							`Harness: cannot merge credential "${typeName}" ${outerKey} into a non-object request ${outerKey}`,
						);
					}
				} else {
					target[outerKey] = resolved as IDataObject[string];
				}
			}
		}
		this.requestCount++;
		if (this.recordRequests) {
			// Recorded as the server reads it: a body the node serialized itself (a batch) is parsed back.
			const recorded = snapshot(requestOptions);
			if (Buffer.isBuffer(recorded.body)) recorded.body = JSON.parse(recorded.body.toString('utf8')) as IDataObject;
			this.requests.push(recorded);
		}
		return requestOptions;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		const data = await this.getDecrypted({} as IWorkflowExecuteAdditionalData, nodeCredentials, type, 'manual');
		return {
			id: nodeCredentials.id ?? type,
			name: nodeCredentials.name,
			type,
			getData: () => data,
			getDataToSave: () => ({ id: nodeCredentials.id, name: nodeCredentials.name, type, data: '' }),
			setData: () => {},
		} as unknown as ICredentials;
	}

	/** Returns `credentials[type]`, with the credential type's top-level defaults filled in (as n8n does). */
	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		_mode?: WorkflowExecuteMode,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (data === undefined) throw new Error(`Harness: no credential data given for type "${type}"`);
		const defaults: IDataObject = {};
		for (const property of this.getCredentialsProperties(type)) {
			if (property.default !== undefined && property.type !== 'notice') {
				defaults[property.name] = property.default as IDataObject[string];
			}
		}
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types.get(type);
		if (!credentialType) return [];
		const inherited = (credentialType.extends ?? []).flatMap((parent) => this.getCredentialsProperties(parent));
		return [...inherited, ...credentialType.properties];
	}
}

/**
 * A snapshot of request options for assertions: plain objects and arrays are copied deeply (later changes by the
 * engine or the node do not show up), anything else (Buffers, streams, abort signals, agents) is kept by reference.
 */
function snapshot<T>(value: T): T {
	if (Array.isArray(value)) return value.map((inner) => snapshot(inner)) as T;
	if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, snapshot(inner)])) as T;
	}
	return value;
}

// ---------------------------------------------------------------------------------------------
// Running a workflow
// ---------------------------------------------------------------------------------------------

function chainConnections(names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = {
			[NodeConnectionTypes.Main]: [[{ node: names[i + 1], type: NodeConnectionTypes.Main, index: 0 }]],
		};
	}
	return connections;
}

function toINode(node: HarnessNode, index: number): INode {
	const result: INode = {
		id: randomUUID(),
		name: node.name,
		type: node.type,
		typeVersion: node.typeVersion ?? 1,
		position: [250 * (index + 1), 300],
		parameters: node.parameters,
	};
	if (node.credentials) result.credentials = node.credentials;
	if (node.continueOnFail !== undefined) result.continueOnFail = node.continueOnFail;
	if (node.onError !== undefined) result.onError = node.onError;
	if (node.retryOnFail !== undefined) result.retryOnFail = node.retryOnFail;
	if (node.maxTries !== undefined) result.maxTries = node.maxTries;
	if (node.waitBetweenTries !== undefined) result.waitBetweenTries = node.waitBetweenTries;
	if (node.alwaysOutputData !== undefined) result.alwaysOutputData = node.alwaysOutputData;
	if (node.executeOnce !== undefined) result.executeOnce = node.executeOnce;
	if (node.disabled !== undefined) result.disabled = node.disabled;
	return result;
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<RunWorkflowResult> {
	setUpDependencyInjection();

	if (options.nodes.some((node) => node.name === START_NODE_NAME)) {
		throw new Error(`Harness: the node name "${START_NODE_NAME}" is reserved for the start node`);
	}

	const executionId = options.executionId ?? randomUUID();
	const startNode: INode = {
		id: randomUUID(),
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 300],
		parameters: {},
	};
	const nodes: INode[] = [startNode, ...options.nodes.map(toINode)];
	const connections =
		options.connections ?? chainConnections([START_NODE_NAME, ...options.nodes.map((node) => node.name)]);

	const nodeTypes = new HarnessNodeTypes({ ...options.nodeTypes, [START_NODE_TYPE]: new HarnessStart() });
	const workflowData: IWorkflowBase = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: workflowData.settings,
	});

	const credentialsHelper = new HarnessCredentialsHelper(options.credentialTypes ?? [], options.credentials ?? {});
	credentialsHelper.recordRequests = options.recordRequests ?? true;

	let resolveAfter!: (run: IRun) => void;
	const afterHook = new Promise<IRun>((resolve) => (resolveAfter = resolve));
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveAfter(fullRunData));

	const notAvailable = (what: string) => async () => {
		throw new Error(`Harness: ${what} is not available`);
	};
	const additionalData = {
		hooks,
		executionId,
		credentialsHelper,
		executeWorkflow: notAvailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: notAvailable('startRunnerTask'),
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		userId: 'harness-user',
	} as unknown as IWorkflowExecuteAdditionalData;

	const firstEntry: IExecuteData = {
		node: startNode,
		data: { [NodeConnectionTypes.Main]: [options.input ?? [{ json: {} }]] },
		source: null,
	};
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [firstEntry] },
	});

	const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	const returned = await workflowExecute.processRunExecutionData(workflow);
	// processRunExecutionData resolves after the hook ran; the hook's copy is what n8n itself persists.
	const run = await Promise.race([afterHook, Promise.resolve(returned)]);

	const runs = (run.data.resultData.runData ?? {}) as Record<string, ITaskData[]>;
	const outputs: Record<string, INodeExecutionData[][]> = {};
	for (const [name, taskDataList] of Object.entries(runs)) {
		const last = taskDataList[taskDataList.length - 1];
		outputs[name] = (last?.data?.[NodeConnectionTypes.Main] ?? []).map((branch) => branch ?? []);
	}

	return {
		status: run.status,
		error: run.data.resultData.error,
		outputs,
		runs,
		requests: credentialsHelper.requests,
		requestCount: credentialsHelper.requestCount,
		run,
	};
}
