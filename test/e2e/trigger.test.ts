/**
 * The Altcraft Trigger in a real n8n 2.8.4 (issue 7): a workflow "Altcraft Trigger (Header Auth, events open and
 * click) → Altcraft Custom API Call (profiles/import against the emulator)" is imported, published with the CLI
 * (`n8n publish:workflow`, the 2.x successor of `update:workflow --active=true`) before `n8n start`, and Action Hook
 * batches are posted to its Production URL the way Altcraft sends them (emulator/actionHooks.js).
 *
 * What the trigger produced is observed twice, independently:
 * - through n8n's REST API as the owner: the executions of the workflow and, for each, the items the trigger node
 *   output (one per event that passed the filter) and the items the Altcraft node returned;
 * - at the emulator: the Altcraft node calls profiles/import once per item, with `crm_id` = "<event_type> <event_date>",
 *   so the emulator's request log shows exactly which events went through the workflow.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { altcraftCredential, closeE2e, secretsOf, startEmulator } from './altcraft';
import type { E2eEmulator } from './altcraft';
import { describeE2E, Execution, expectNoSecrets, loadWorkflow, N8nRuntime } from './runner';
import type { N8nServer, WorkflowJson } from './runner';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const hooks = require('../../emulator/actionHooks');

type ActionHookEvent = IDataObject & { event_type: string; event_date: string; custom_data: { email: string } };
interface HookReply {
	status: number;
	body: string;
	headers: Record<string, string | string[] | undefined>;
	events?: number;
}

const CREDENTIAL = { id: 'altcraftE2eTrig01', name: 'Altcraft (emulator)' };
const WORKFLOW = { id: 'e2eTriggerHooks01', file: 'test/e2e/workflows/trigger-action-hooks.json', credential: CREDENTIAL };
const TRIGGER = 'Altcraft Trigger';
const RECORD = 'Record Event';
const HEADER_NAME = 'X-Altcraft-Hook-Secret';
const SECRET_PLACEHOLDER = '__HOOK_SECRET__';
/** The trigger's Events filter in the workflow file. */
const SELECTED = ['open', 'click'];
/** What the hook's "API response success message" would be set to, as the node's setup notice says. */
const SUCCESS_PATTERNS = ['OK', '.*OK.*', '^OK$'];
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
	stoppedAt?: string | null;
}

describeE2E('n8n 2.8.4 runs the packed Altcraft Trigger: Action Hook batches to an active workflow', () => {
	let emu: E2eEmulator;
	let n8n: N8nRuntime;
	let server: N8nServer;
	let productionUrl = '';
	const hookSecret = `e2e-hook-${randomBytes(24).toString('hex')}`;
	const auth = { name: HEADER_NAME, value: hookSecret };
	// flatted: the format n8n stores run data in; the runtime's own copy, so it matches what n8n wrote.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = () => require(path.join(String(process.env.ALTCRAFT_E2E_N8N_HOME), 'node_modules', 'flatted')) as { parse(text: string): unknown };
	let nextSeq = 0;

	/** Events with fresh sequence numbers, so every event_date of the file is unique. */
	function events(count: number, types: readonly string[]): ActionHookEvent[] {
		const built = hooks.buildEvents(count, { types, startSeq: nextSeq }) as ActionHookEvent[];
		nextSeq += count;
		return built;
	}

	const selected = (batch: ActionHookEvent[]) => batch.filter((e) => SELECTED.includes(e.event_type));
	const marker = (e: { event_type: unknown; event_date: unknown }) => `${String(e.event_type)} ${String(e.event_date)}`;
	/** The profiles/import calls the workflow's Altcraft node made, in order. */
	const recordCalls = () => emu.requests.filter((r) => r.path === '/api/v1.1/profiles/import');
	const recordedMarkers = (from = 0) => recordCalls().slice(from).map((r) => String(((r.body as IDataObject).data as IDataObject).crm_id));

	async function listExecutions(): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW.id }));
		const answer = await server.rest<{ data: { results: ExecutionSummary[] } }>('GET', `executions?filter=${filter}&limit=100`);
		if (answer.status !== 200) throw new Error(`listing executions failed: HTTP ${answer.status} ${answer.text.slice(0, 500)}`);
		return [...answer.body.data.results].sort((a, b) => Number(a.id) - Number(b.id));
	}

	/** Waits until `count` executions of the workflow exist and have all finished. */
	async function waitForExecutions(count: number, timeoutMs = 120_000): Promise<ExecutionSummary[]> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const list = await listExecutions();
			if (list.length > count) throw new Error(`expected ${count} executions, found ${list.length}: ${JSON.stringify(list)}`);
			if (list.length === count && list.every((e) => FINISHED.includes(e.status) && e.stoppedAt)) return list;
			if (Date.now() > deadline) throw new Error(`expected ${count} finished executions within ${timeoutMs} ms, found ${JSON.stringify(list)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** No execution beyond `count` appears within a grace period (webhook executions start asynchronously). */
	async function expectNoNewExecution(count: number, graceMs = 2_000): Promise<void> {
		await new Promise((resolve) => setTimeout(resolve, graceMs));
		expect((await listExecutions()).length).toBe(count);
	}

	/** One execution read back through the REST API, as the editor's execution view reads it. */
	async function readExecution(id: string): Promise<Execution> {
		const answer = await server.rest<{ data: IDataObject }>('GET', `executions/${id}`);
		if (answer.status !== 200) throw new Error(`reading execution ${id} failed: HTTP ${answer.status} ${answer.text.slice(0, 500)}`);
		const stored = answer.body.data;
		const data = typeof stored.data === 'string' ? (flatted().parse(stored.data) as IDataObject) : (stored.data as IDataObject);
		const cli = { args: ['rest', `executions/${id}`], code: 0, signal: null, stdout: '', stderr: '', ms: 0, timedOut: false };
		return new Execution(WORKFLOW.id, cli, { ...stored, data });
	}

	const post = (body: unknown, options: IDataObject = {}): Promise<HookReply> => hooks.post(productionUrl, body, options);

	beforeAll(async () => {
		emu = await startEmulator();
		n8n = N8nRuntime.create('trigger');
		await n8n.importCredentials([altcraftCredential(emu, CREDENTIAL, emu.tokens.admin)]);

		const workflow: WorkflowJson = loadWorkflow(WORKFLOW.file, WORKFLOW);
		const trigger = workflow.nodes.find((n) => n.name === TRIGGER)!;
		expect(trigger.parameters.headerValue).toBe(SECRET_PLACEHOLDER);
		trigger.parameters = { ...trigger.parameters, headerValue: hookSecret };
		await n8n.importWorkflows([workflow]);

		// Activation before the server starts: n8n 2.x "publishes" the current version (update:workflow --active=true
		// is a deprecated alias of the same call). `n8n start` then registers the production webhooks.
		const publish = await n8n.cli(['publish:workflow', `--id=${WORKFLOW.id}`]);
		if (publish.code !== 0 || /GOT ERROR|Error updating database/.test(publish.stdout + publish.stderr)) {
			throw new Error(`publish:workflow failed (exit ${publish.code}):\n${publish.stdout.slice(-3000)}\n${publish.stderr.slice(-3000)}`);
		}

		server = await n8n.startServer();
		await server.setupOwner();
		productionUrl = `${server.url}/webhook/${String(trigger.webhookId)}/altcraft`;

		// The REST API answers before the active workflows are registered: wait until the production URL is the node's.
		// A GET reaches the trigger's own hidden route (405, Allow: POST), which never starts the workflow.
		const deadline = Date.now() + 60_000;
		for (;;) {
			const reply = await post(undefined, { method: 'GET' });
			if (reply.status === 405) break;
			if (Date.now() > deadline) throw new Error(`the production webhook never answered: HTTP ${reply.status} ${reply.body.slice(0, 500)}\n${server.printed().slice(-3000)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	});

	afterAll(() => closeE2e(n8n, emu));

	test('the published workflow is active and its Production URL belongs to the trigger', async () => {
		const answer = await server.rest<{ data: IDataObject }>('GET', `workflows/${WORKFLOW.id}`);
		expect(answer.status).toBe(200);
		expect(answer.body.data.active).toBe(true);

		const get = await post(undefined, { method: 'GET' });
		expect(get.status).toBe(405);
		expect(get.headers.allow).toBe('POST');
		expect(await listExecutions()).toEqual([]);
	});

	test('a mixed batch with the header: HTTP 200 "OK", one item per open/click event, in order, and nothing else', async () => {
		// One event of every documented type, then more of a few types (so the filter keeps several of each).
		const oneOfEach = hooks.buildOneOfEach({ seq: nextSeq }) as ActionHookEvent[];
		nextSeq += oneOfEach.length;
		const batch = [...oneOfEach, ...events(16, ['open', 'deliv', 'click', 'unsub'])];
		const kept = selected(batch);
		expect(kept).toHaveLength(2 + 8);
		expect(batch.length - kept.length).toBeGreaterThanOrEqual(30);
		const callsBefore = recordCalls().length;

		const replies: HookReply[] = await hooks.deliver(productionUrl, batch, { batchSize: 100, authHeader: auth });
		expect(replies.map((r) => [r.status, r.body, r.events])).toEqual([[200, 'OK', batch.length]]);
		for (const pattern of SUCCESS_PATTERNS) expect(hooks.isSuccess(replies[0], pattern)).toBe(true);

		const [summary] = await waitForExecutions(1);
		expect(summary).toMatchObject({ status: 'success', mode: 'webhook' });
		const run = await readExecution(summary.id);
		expect(run.nodesRun).toEqual([TRIGGER, RECORD]);
		// The trigger's items are the selected events, unchanged, one item each.
		expect(run.items(TRIGGER).map((i) => i.json)).toEqual(kept);
		const recorded = run.items(RECORD);
		expect(recorded).toHaveLength(kept.length);
		for (const item of recorded) expect(item.json.profile_id).toMatch(/^[0-9a-f]{24}$/);

		// The emulator saw one profiles/import per kept event, with that event's identity, and each carried its own
		// Request-ID and the credential's token.
		const calls = recordCalls().slice(callsBefore);
		expect(recordedMarkers(callsBefore)).toEqual(kept.map(marker));
		expect(calls.map((c) => (c.body as IDataObject).email)).toEqual(kept.map((e) => e.custom_data.email));
		expect(calls.every((c) => !c.error && (c.body as IDataObject).token === emu.tokens.admin)).toBe(true);
		expect(new Set(calls.map((c) => (c as unknown as { requestId: string | null }).requestId)).size).toBe(kept.length);
	});

	test('a batch of only unselected events is answered "OK" and starts nothing', async () => {
		const batch = events(12, ['deliv', 'send', 'hbounce', 'click_sms', 'open_push', 'import_api']);
		expect(selected(batch)).toEqual([]);
		const replies: HookReply[] = await hooks.deliver(productionUrl, batch, { authHeader: auth });
		expect(replies.map((r) => [r.status, r.body])).toEqual([[200, 'OK']]);
		await expectNoNewExecution(1);
	});

	test('without the header, or with a wrong value: HTTP 401, no execution, no call to Altcraft', async () => {
		const batch = events(6, SELECTED);
		const callsBefore = recordCalls().length;

		const missing: HookReply[] = await hooks.deliver(productionUrl, batch);
		const wrong: HookReply[] = await hooks.deliver(productionUrl, batch, { authHeader: { name: HEADER_NAME, value: `${hookSecret}x` } });
		const otherHeader: HookReply[] = await hooks.deliver(productionUrl, batch, { authHeader: { name: 'X-Other-Header', value: hookSecret } });
		for (const reply of [...missing, ...wrong, ...otherHeader]) {
			expect(reply.status).toBe(401);
			expect(hooks.isSuccess(reply, 'OK')).toBe(false);
			expect(JSON.parse(reply.body)).toEqual({ error: expect.stringMatching(/^Unauthorized/) });
			// Neither half of the secret is echoed.
			expect(reply.body).not.toContain(hookSecret);
			expect(reply.body.toLowerCase()).not.toContain(HEADER_NAME.toLowerCase());
		}
		await expectNoNewExecution(1);
		expect(recordCalls().length).toBe(callsBefore);
	});

	test('a body that is not JSON: HTTP 4xx, no execution', async () => {
		// [body, Content-Type, who answers]: the node refuses what reaches it with 400 and a JSON error; a body declared
		// as JSON that does not parse is refused by n8n's own body parser before the node runs (422 in n8n 2.8.4).
		const cases: Array<[string, string, 'node' | 'n8n']> = [
			['this is not JSON, OK?', 'text/plain', 'node'],
			['', 'application/json', 'node'],
			['[1, 2, 3]', 'application/json', 'node'],
			['[{"event_type": "open", ', 'application/json', 'n8n'],
		];
		const answers: Array<{ body: string; status: number; reply: string }> = [];
		for (const [body, contentType] of cases) {
			const reply = await post(body, { contentType, authHeader: auth });
			answers.push({ body, status: reply.status, reply: reply.body });
		}
		expect(answers.filter((a) => a.status < 400 || a.status >= 500)).toEqual([]);
		cases.forEach(([body, , by], i) => {
			if (by === 'node') expect({ body, status: answers[i].status, reply: JSON.parse(answers[i].reply) }).toEqual({ body, status: 400, reply: { error: expect.stringMatching(/^Bad request/) } });
		});
		// Altcraft would not count any of them as delivered, whatever its success pattern, and no body is echoed.
		for (const a of answers) {
			expect(hooks.isSuccess({ status: a.status, body: a.reply, headers: {} }, '')).toBe(false);
			if (a.body) expect(a.reply).not.toContain(a.body);
		}
		await expectNoNewExecution(1);
	});

	test('a batch of 1,000 events: HTTP 200 "OK", all 1,000 become items of one execution', async () => {
		const batch = events(1000, SELECTED);
		const callsBefore = recordCalls().length;
		const started = Date.now();

		const replies: HookReply[] = await hooks.deliver(productionUrl, batch, { batchSize: 1000, authHeader: auth, timeoutMs: 60_000 });
		const answeredMs = Date.now() - started;
		expect(replies.map((r) => [r.status, r.body, r.events])).toEqual([[200, 'OK', 1000]]);

		const list = await waitForExecutions(2, 180_000);
		const finishedMs = Date.now() - started;
		expect(list[1]).toMatchObject({ status: 'success', mode: 'webhook' });
		const run = await readExecution(list[1].id);
		const items = run.items(TRIGGER);
		expect(items).toHaveLength(1000);
		expect(items.map((i) => marker(i.json as ActionHookEvent))).toEqual(batch.map(marker));
		expect(run.items(RECORD)).toHaveLength(1000);
		expect(recordedMarkers(callsBefore)).toEqual(batch.map(marker));
		process.stderr.write(`[e2e trigger] 1,000-event batch: answered in ${answeredMs} ms, execution finished after ${finishedMs} ms\n`);
	});

	test('no token or hook secret appears in anything n8n printed', async () => {
		await server.stop();
		expect(n8n.transcript.some((r) => r.args[0] === 'start')).toBe(true);
		expectNoSecrets(n8n.output(), secretsOf(emu, hookSecret));
	});
});
