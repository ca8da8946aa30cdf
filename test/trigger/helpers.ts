/**
 * Test helpers for the Altcraft Trigger: a small fake IWebhookFunctions, the webhook routes n8n would register for
 * given parameters (evaluated with n8n-workflow's own expression engine), and a real local HTTP server that routes
 * requests the way n8n does and translates them into IWebhookFunctions calls.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeHelpers, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { AltcraftTrigger } from '../../nodes/AltcraftTrigger/AltcraftTrigger.node';

export const NODE_TYPE = 'n8n-nodes-altcraft.altcraftTrigger';
export const WEBHOOK_ID = '4f9d7c1e-2b3a-4c5d-8e6f-0a1b2c3d4e5f';

export const trigger = new AltcraftTrigger();

class OneNodeTypes implements INodeTypes {
	getByName(): INodeType | IVersionedNodeType {
		return trigger;
	}

	getByNameAndVersion(): INodeType {
		return trigger;
	}

	getKnownTypes(): IDataObject {
		return { [NODE_TYPE]: { className: 'AltcraftTrigger', sourcePath: '' } };
	}
}

/** The trigger inside a one-node workflow; n8n's Workflow fills in the parameter defaults like it does at runtime. */
export function triggerWorkflow(parameters: INodeParameters): { workflow: Workflow; node: INode } {
	const workflow = new Workflow({
		id: 'wf-trigger',
		name: 'Altcraft Trigger test',
		nodes: [
			{
				id: 'node-trigger',
				name: 'Altcraft Trigger',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters,
				webhookId: WEBHOOK_ID,
			},
		],
		connections: {},
		active: true,
		nodeTypes: new OneNodeTypes(),
	});
	return { workflow, node: workflow.getNode('Altcraft Trigger') as INode };
}

export interface Route {
	name: string;
	method: string;
	/** the path as n8n stores it: `<webhook id>/…` for static routes, the bare template for dynamic ones */
	path: string;
	/** dynamic routes only: the first URL segment they answer under (n8n's webhookId column) */
	webhookId?: string;
}

/**
 * The routes n8n registers for the node: WebhookService.getNodeWebhooks (path and methods evaluated with n8n's
 * expression engine, methods split at commas, empty ones skipped, NodeHelpers.getNodeWebhookPath) and the
 * registrar's rule that a path with a `:param` segment is dynamic, keyed by the node's webhook id.
 */
export function webhookRoutes(parameters: INodeParameters): Route[] {
	const { workflow, node } = triggerWorkflow(parameters);
	const routes: Route[] = [];
	for (const description of trigger.description.webhooks ?? []) {
		let path = String(workflow.expression.getSimpleParameterValue(node, description.path, 'internal', {}));
		path = path.replace(/^\/+/, '').replace(/\/+$/, '');
		const isFullPath = workflow.expression.getSimpleParameterValue(
			node,
			description.isFullPath,
			'internal',
			{},
			undefined,
			false,
		) as boolean;
		const stored = NodeHelpers.getNodeWebhookPath(workflow.id, node, path, isFullPath, false);
		const dynamic = (stored.startsWith(':') || stored.includes('/:')) && node.webhookId !== undefined;
		const methods = workflow.expression.getSimpleParameterValue(node, description.httpMethod, 'internal', {}, undefined, 'GET');
		for (const method of String(methods).split(',')) {
			if (!method) continue;
			routes.push({
				name: description.name,
				method: method.trim(),
				path: stored,
				...(dynamic ? { webhookId: node.webhookId } : {}),
			});
		}
	}
	return routes;
}

/**
 * n8n's lookup (WebhookService.findWebhook): an exact static match first; otherwise the dynamic routes whose
 * webhookId is the first segment and whose template has as many segments as the rest, the one with the most
 * static segments (all present) winning, a template without static segments as the fallback.
 */
export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: IDataObject } | undefined {
	const exact = routes.find((r) => r.webhookId === undefined && r.method === method && r.path === path);
	if (exact) return { route: exact, params: {} };
	const [first, ...others] = path.split('/');
	const present = new Set(others);
	let best: Route | undefined;
	let bestStatic = 0;
	for (const route of routes) {
		if (route.webhookId !== first || route.method !== method) continue;
		const template = route.path.split('/');
		if (template.length !== others.length) continue;
		const staticSegments = template.filter((segment) => !segment.startsWith(':'));
		if (staticSegments.every((segment) => present.has(segment)) && staticSegments.length > bestStatic) {
			best = route;
			bestStatic = staticSegments.length;
		} else if (staticSegments.length === 0 && !best) {
			best = route;
		}
	}
	if (!best) return undefined;
	const params: IDataObject = {};
	best.path.split('/').forEach((segment, index) => {
		if (segment.startsWith(':')) params[segment.slice(1)] = others[index];
	});
	return { route: best, params };
}

/** What the node wrote to the response. */
export interface CapturedReply {
	status?: number;
	headers: Record<string, string>;
	body?: string;
}

export interface FakeRequest {
	parameters?: INodeParameters;
	method?: string;
	headers?: Record<string, string>;
	/** what n8n parsed (getBodyData) */
	body?: unknown;
	/** what n8n kept as the raw body (req.rawBody); left out unless given */
	rawBody?: Buffer | string;
	webhookName?: 'default' | 'setup';
	/** the node's workflow static data; pass the same object to two calls to share it */
	staticData?: IDataObject;
}

export interface FakeWebhook {
	ctx: IWebhookFunctions;
	reply: CapturedReply;
}

function captureResponse(reply: CapturedReply) {
	return {
		headersSent: false,
		writeHead(status: number, headers: Record<string, string>) {
			reply.status = status;
			for (const [name, value] of Object.entries(headers)) reply.headers[name.toLowerCase()] = value;
			this.headersSent = true;
			return this;
		},
		end(body?: string) {
			reply.body = body ?? '';
			return this;
		},
	};
}

/** A small IWebhookFunctions: parameters (with the node's defaults filled in), one request, a captured response. */
export function fakeWebhookFunctions(request: FakeRequest = {}): FakeWebhook {
	const { node } = triggerWorkflow(request.parameters ?? {});
	const reply: CapturedReply = { headers: {} };
	const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
	if (request.body !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json';
	const staticData = request.staticData ?? {};
	const ctx = {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) => (name in node.parameters ? node.parameters[name] : fallback),
		getWebhookName: () => request.webhookName ?? 'default',
		getHeaderData: () => headers,
		getBodyData: () => request.body,
		getRequestObject: () => ({ method: request.method ?? 'POST', headers, body: request.body, rawBody: request.rawBody }),
		getResponseObject: () => captureResponse(reply),
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error(`unexpected static data type ${type}`);
			return staticData;
		},
		getMode: () => 'trigger',
	};
	return { ctx: ctx as unknown as IWebhookFunctions, reply };
}

/**
 * What the caller receives, the way n8n 2.8 answers (webhook-helpers executeWebhook): nothing more when the node
 * answered itself (noWebhookResponse); otherwise HTTP 200 (the description's responseCode default) with, when no
 * workflow starts, the node's webhookResponse, and when one starts in "onReceived" mode, the description's
 * responseData (default "firstEntryJson", returned as it is), or the node's webhookResponse when that is empty.
 * A string body is sent with express's res.send (text/html), anything else as JSON.
 */
export function n8nAnswer(result: IWebhookResponseData, nodeReply: CapturedReply): CapturedReply {
	if (result.noWebhookResponse === true) return nodeReply;
	const description = (trigger.description.webhooks ?? []).find((w) => w.name === 'default');
	let body: unknown;
	if (result.workflowData === undefined) {
		body = result.webhookResponse !== undefined ? result.webhookResponse : { message: 'Webhook call received' };
	} else {
		const responseData = description?.responseData ?? 'firstEntryJson';
		if (responseData === 'noData') body = undefined;
		else if (responseData) body = responseData;
		else body = result.webhookResponse ?? { message: 'Workflow was started' };
	}
	return typeof body === 'string'
		? { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body }
		: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: body === undefined ? '' : JSON.stringify(body) };
}

export async function callWebhook(request: FakeRequest): Promise<{ result: IWebhookResponseData; reply: CapturedReply }> {
	const { ctx, reply } = fakeWebhookFunctions(request);
	const result = await trigger.webhook.call(ctx);
	return { result, reply: n8nAnswer(result, reply) };
}

/** The items of the started workflow, or [] when none was started. */
export function itemsOf(result: IWebhookResponseData): IDataObject[] {
	return (result.workflowData?.[0] ?? []).map((item) => item.json);
}

// ---------------------------------------------------------------------------------------------
// A real HTTP server in front of webhook()
// ---------------------------------------------------------------------------------------------

export interface ServedTrigger {
	/** e.g. http://127.0.0.1:PORT */
	baseUrl: string;
	/** the Production URL n8n would show: <base>/webhook/<webhook id>/altcraft[/<secret>] */
	productionUrl: string;
	routes: Route[];
	/** one entry per started execution: the items webhook() handed to the workflow */
	executions: INodeExecutionData[][];
	/** messages of errors webhook() threw (n8n answers those with 500) */
	failures: string[];
	/** the static data as last saved (a JSON copy, like n8n's database) */
	savedStaticData(): IDataObject;
	close(): Promise<void>;
}

/** The body n8n hands to the node (getBodyData) for a content type; the raw body is kept beside it. */
function parseLikeN8n(contentType: string, raw: Buffer): unknown {
	const type = contentType.split(';')[0].trim().toLowerCase();
	const text = raw.toString('utf8');
	if (raw.length === 0) return {};
	if (type === 'application/json') {
		try {
			return JSON.parse(text);
		} catch {
			return {};
		}
	}
	if (type === 'text/plain') return text;
	if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
	return {};
}

/**
 * Serves the trigger's webhook() on 127.0.0.1 (port 0) under `/webhook/<path>`, routing like n8n: exact routes
 * first, then dynamic ones; unknown routes get n8n's 404. The request becomes IWebhookFunctions calls (headers,
 * parsed body plus raw body, route name and params, a real response object); n8n's own answer follows n8nAnswer().
 * The node's static data is saved as JSON after every request, before n8n's answer, and read back for the next, as
 * n8n stores it in the database. A thrown error gets n8n's 500 answer. (Real n8n also refuses malformed JSON sent
 * as application/json with its own 422 before the node runs.)
 */
export async function serveTrigger(parameters: INodeParameters): Promise<ServedTrigger> {
	const routes = webhookRoutes(parameters);
	const executions: INodeExecutionData[][] = [];
	const failures: string[] = [];
	let savedStaticData = '{}';
	const { node } = triggerWorkflow(parameters);

	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const method = (req.method ?? 'GET').toUpperCase();
				const path = url.pathname.replace(/^\/webhook\//, '').replace(/\/+$/, '');
				const match = url.pathname.startsWith('/webhook/') ? matchRoute(routes, method, path) : undefined;
				if (!match) {
					res.writeHead(404, { 'Content-Type': 'application/json' });
					res.end(JSON.stringify({ code: 404, message: `The requested webhook "${method} ${path}" is not registered.` }));
					return;
				}
				const rawBody = Buffer.concat(chunks);
				const headers = req.headers as IDataObject;
				const body = parseLikeN8n(String(req.headers['content-type'] ?? ''), rawBody);
				const staticData = JSON.parse(savedStaticData) as IDataObject;
				const ctx = {
					getNode: () => node,
					getNodeParameter: (name: string, fallback?: unknown) =>
						name in node.parameters ? node.parameters[name] : fallback,
					getWebhookName: () => match.route.name,
					getHeaderData: () => headers,
					getBodyData: () => body,
					getParamsData: () => match.params,
					getQueryData: () => Object.fromEntries(url.searchParams),
					getRequestObject: () => ({ method, headers, body, rawBody, params: match.params, url: req.url }),
					getResponseObject: () => res,
					getWorkflowStaticData: () => staticData,
					getMode: () => 'trigger',
				} as unknown as IWebhookFunctions;
				try {
					const result = await trigger.webhook.call(ctx);
					if (result.workflowData) executions.push(result.workflowData[0]);
					// n8n saves the static data before it sends its own answer (live-webhooks' response callback).
					savedStaticData = JSON.stringify(staticData);
					if (!result.noWebhookResponse) {
						const answer = n8nAnswer(result, { headers: {} });
						res.writeHead(answer.status ?? 200, answer.headers);
						res.end(answer.body);
					}
				} catch (error) {
					if (!res.headersSent) {
						res.writeHead(500, { 'Content-Type': 'application/json' });
						res.end(JSON.stringify({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' }));
					}
					failures.push((error as Error).message);
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const baseUrl = `http://127.0.0.1:${port}`;
	const own = routes.find((r) => r.name === 'default');
	return {
		baseUrl,
		productionUrl: `${baseUrl}/webhook/${own?.path}`,
		routes,
		executions,
		failures,
		savedStaticData: () => JSON.parse(savedStaticData) as IDataObject,
		close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	};
}
