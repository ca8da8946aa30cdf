import * as fs from 'node:fs';
import * as path from 'node:path';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { RESOURCES } from '../../nodes/Altcraft/actions';
import { operationsTable, TABLE_END, TABLE_START } from '../helpers/operationsTable';

interface Endpoint {
	id: string;
	resource: string;
	path: string | null;
	confirmed: boolean;
}

const reference = path.resolve(__dirname, '../../../shared/altcraft-api/endpoints.json');
const endpoints: Endpoint[] = fs.existsSync(reference) ? JSON.parse(fs.readFileSync(reference, 'utf8')) : [];
const operations = RESOURCES.flatMap((resource) => resource.operations);

/** Every endpoint an operation calls: its own, or one per variant (e.g. per suppression-list entry type). */
const declared = operations.flatMap((op) =>
	op.variants
		? Object.values(op.variants.endpoints).map((endpoint) => ({ op, ...endpoint, unconfirmed: Boolean(endpoint.unconfirmed || op.unconfirmed) }))
		: [{ op, path: op.path, reference: op.reference, unconfirmed: Boolean(op.unconfirmed) }],
);

/** Endpoints that are not operations of their own, and why. */
const NOT_OPERATIONS: Record<string, string> = {
	'profile.importBatch': 'batch counterpart of Create or Update (items are grouped into it)',
	'profile.updateBatch': 'batch counterpart of Update',
	'profile.addBatch': 'batch counterpart of Create',
	'profile.quickImport': 'a separate integration endpoint with its own answer codes; Create or Update covers it',
	'profile.importRabbitMq': 'not HTTP (an AMQP queue)',
	'profile.suspendAllLegacy': 'deprecated v1.0 API; Subscription → Suspend All replaces it',
	'profile.unsuspendAllLegacy': 'deprecated v1.0 API; Subscription → Unsuspend All replaces it',
	'file.download': 'the GET download (outside /api/v1.1/) that ends Profile → Export, which fetches the file itself',
	'appPush.subscribe':
		'served by the cookiesaver (pixel/push) host at /push_subscribe, not under /api/v1.1/, and authenticated by a resource token: the credential would send the API token to that host; its profile fields are not fully documented (the mobile SDK wraps it)',
};

const IMPLEMENTED_RESOURCES = new Set(RESOURCES.map((r) => r.value));
// The Message resource holds the catalogue's "misc" calls.
if (IMPLEMENTED_RESOURCES.has('message')) IMPLEMENTED_RESOURCES.add('misc');

describe('the node covers the reference catalogue', () => {
	const covered = endpoints.filter((e) => IMPLEMENTED_RESOURCES.has(e.resource) && !(e.id in NOT_OPERATIONS));

	test('the reference catalogue is readable', () => {
		expect(endpoints.length).toBeGreaterThan(100);
	});

	// Matched by the endpoints.json id (Operation.reference); operations without one are matched by path.
	test.each(covered.map((e) => [e.id, e] as const))('%s is an operation', (_id, endpoint) => {
		const found =
			declared.find((d) => d.reference === endpoint.id) ??
			declared.find((d) => d.reference === undefined && endpoint.path !== null && d.path === endpoint.path);
		expect(found).toBeDefined();
		expect(found!.unconfirmed).toBe(!endpoint.confirmed);
		// A documented path is used as the reference spells it (trailing slashes included).
		if (endpoint.path !== null) expect(found!.path).toBe(endpoint.path);
	});

	test('every reference names an endpoint of the catalogue, once', () => {
		const ids = new Set(endpoints.map((e) => e.id));
		const references = declared.flatMap((d) => (d.reference ? [d.reference] : []));
		for (const reference of references) expect(ids).toContain(reference);
		expect(new Set(references).size).toBe(references.length);
	});
});

describe('the node description', () => {
	const description = new Altcraft().description;

	test('every operation has an action, a description and the Options collection', () => {
		for (const op of operations) {
			expect(op.action).toMatch(/^[A-Z][a-z]/);
			expect(op.description.length).toBeGreaterThan(10);
			expect(op.path).toMatch(/^\/api\/v1\.1\//);
		}
		const optionsCollections = description.properties.filter((p) => p.name === 'options');
		expect(optionsCollections).toHaveLength(operations.length);
	});

	test('usable as an AI tool, with a subtitle', () => {
		expect(description.usableAsTool).toBe(true);
		expect(description.subtitle).toContain('operation');
	});

	test('the README lists every operation', () => {
		const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
		const table = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END)).trim();
		expect(table).toBe(operationsTable());
	});
});
