/**
 * The webhook routes n8n registers for the Altcraft Trigger, evaluated from the node description with n8n's own
 * expression engine, and how n8n's lookup sends requests to them.
 */
import type { INodeParameters } from 'n8n-workflow';

import { matchRoute, trigger, triggerWorkflow, WEBHOOK_ID, webhookRoutes } from './helpers';

const SECRET = 'Zk3-9qW_x7LmP2vT';
const own = `${WEBHOOK_ID}/altcraft`;

const summary = (parameters: INodeParameters) =>
	webhookRoutes(parameters)
		.map((r) => `${r.name} ${r.method} ${r.webhookId ? `[${r.webhookId}] ` : ''}${r.path}`)
		.sort();

describe('registered routes', () => {
	test.each([
		['no authentication', {}],
		['header auth', { authentication: 'headerAuth', headerName: 'X-Secret', headerValue: 'value' }],
		['secret path without a secret (refused when called)', { authentication: 'secretPath' }],
	])('%s: the trigger URL takes POST, the other methods reach the node for a 405', (_label, parameters) => {
		expect(summary(parameters as INodeParameters)).toEqual(
			[
				`default POST ${own}`,
				...['DELETE', 'GET', 'HEAD', 'PATCH', 'PUT'].map((m) => `setup ${m} ${own}`),
			].sort(),
		);
	});

	test('secret path: the URL ends with the secret; the URL without it and any other secret reach the node for a 401', () => {
		const all = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];
		expect(summary({ authentication: 'secretPath', secretPathSegment: SECRET })).toEqual(
			[
				`default POST ${own}/${SECRET}`,
				...['DELETE', 'GET', 'HEAD', 'PATCH', 'PUT'].map((m) => `setup ${m} ${own}/${SECRET}`),
				...all.map((m) => `setup ${m} ${own}`),
				...all.map((m) => `setup ${m} [${WEBHOOK_ID}] :hook${WEBHOOK_ID}/:secret`),
			].sort(),
		);
	});

	test.each([{}, { authentication: 'secretPath', secretPathSegment: SECRET }])(
		'no two routes share a method and path (n8n\'s primary key) with %j',
		(parameters) => {
			const keys = webhookRoutes(parameters as INodeParameters).map((r) => `${r.method} ${r.path}`);
			expect(new Set(keys).size).toBe(keys.length);
		},
	);

	test('only the trigger URL is shown in the editor', () => {
		const shown = (trigger.description.webhooks ?? []).filter((w) => w.ndvHideUrl !== true).map((w) => w.name);
		expect(shown).toEqual(['default']);
	});
});

describe("n8n's lookup", () => {
	const routes = webhookRoutes({ authentication: 'secretPath', secretPathSegment: SECRET });

	test.each([
		['POST', `${own}/${SECRET}`, 'default'],
		['GET', `${own}/${SECRET}`, 'setup'],
		['POST', own, 'setup'],
		['POST', `${own}/wrong-secret`, 'setup'],
		['PUT', `${own}/wrong-secret`, 'setup'],
		['POST', `${WEBHOOK_ID}/other/thing`, 'setup'],
	])('%s %s → %s', (method, path, name) => {
		expect(matchRoute(routes, method, path)?.route.name).toBe(name);
	});

	test('a wrong secret arrives as a route parameter', () => {
		expect(matchRoute(routes, 'POST', `${own}/guess`)?.params).toEqual({ [`hook${WEBHOOK_ID}`]: 'altcraft', secret: 'guess' });
	});

	test.each([
		['POST', `${own}/${SECRET}/extra`],
		['POST', `00000000-0000-0000-0000-000000000000/altcraft/${SECRET}`],
		['POST', `${WEBHOOK_ID}`],
	])('%s %s matches nothing (n8n answers 404)', (method, path) => {
		expect(matchRoute(routes, method, path)).toBeUndefined();
	});
});

describe('node description', () => {
	test.each([
		[{}, 'Action Hooks: all events'],
		[{ events: [] }, 'Action Hooks: all events'],
		[{ events: ['click', 'deliv'] }, 'Action Hooks: click, deliv'],
	])('subtitle with %j: %s', (parameters, subtitle) => {
		const { workflow, node } = triggerWorkflow(parameters as INodeParameters);
		expect(workflow.expression.getSimpleParameterValue(node, trigger.description.subtitle as string, 'internal', {})).toBe(
			subtitle,
		);
	});

	test('a trigger without inputs, credentials or tool use; the setup notice names the settings to enter in Altcraft', () => {
		const { description } = trigger;
		expect(description.inputs).toEqual([]);
		expect(description.credentials).toBeUndefined();
		expect(description.usableAsTool).toBeUndefined();
		const notice = description.properties.find((p) => p.name === 'setupNotice')?.displayName ?? '';
		for (const text of ['Integrations → Event Capture', 'JSON batch request', 'Production URL', 'Maximum batch size', 'API response success message: OK']) {
			expect(notice).toContain(text);
		}
	});
});
