/**
 * The output schemas n8n's editor shows before a node's first run (nodes/Altcraft/__schema__, written by
 * `npm run schemas`): one per operation or a reason why not; each operation's real output, sampled against the
 * emulator through n8n's engine, conforms to its schema; and the checks themselves can fail.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { RESOURCES } from '../../nodes/Altcraft/actions';
import type { JsonSchema } from '../helpers/jsonSchema';
import { inferSchema, schemaFile, validate } from '../helpers/jsonSchema';
import type { ScenarioEmulator } from '../helpers/outputScenarios';
import { EXEMPT, SCENARIOS, sampleOutputs, startEmulator } from '../helpers/outputScenarios';

const VERSION = new Altcraft().description.version;
const FOLDER = path.join(__dirname, '..', '..', 'nodes', 'Altcraft', '__schema__', `v${VERSION}.0.0`);
const OPERATIONS = RESOURCES.flatMap((resource) => resource.operations.map((operation) => `${resource.value}/${operation.value}`));
const WITH_SCHEMA = OPERATIONS.filter((key) => !EXEMPT[key]);
const RERUN = 'If the operation now outputs something else on purpose, re-run `npm run schemas`.';

const schemaOf = (key: string): JsonSchema => JSON.parse(fs.readFileSync(path.join(FOLDER, `${key}.json`), 'utf8'));

function schemaFiles(): string[] {
	if (!fs.existsSync(FOLDER)) return [];
	return fs.readdirSync(FOLDER).flatMap((resource) => fs.readdirSync(path.join(FOLDER, resource)).map((name) => `${resource}/${name.replace(/\.json$/, '')}`));
}

/**
 * What makes a schema useless to the editor: n8n 2.8.4 drops a schema unless it has a `type` and at least one
 * property (isNonEmptyJsonSchema); an output item is always an object.
 */
function looseness(schema: JsonSchema): string[] {
	const problems: string[] = [];
	if (schema.type !== 'object') problems.push(`the item is an object, the schema says ${JSON.stringify(schema.type)}`);
	if (Object.keys(schema.properties ?? {}).length === 0) problems.push('lists no property');
	return problems;
}

describe('every operation has an output schema, or a reason why not', () => {
	test('the folder is the one n8n reads for the node version (v1 → v1.0.0)', () => {
		expect(VERSION).toBe(1);
		expect(fs.existsSync(FOLDER)).toBe(true);
	});

	test('schema files are exactly the operations that are not exempt', () => {
		const files = schemaFiles().sort();
		expect({ missing: WITH_SCHEMA.filter((key) => !files.includes(key)), stale: files.filter((key) => !WITH_SCHEMA.includes(key)) }).toEqual({
			missing: [],
			stale: [],
		});
	});

	test('each exemption names an operation of the node and gives its reason', () => {
		for (const [key, reason] of Object.entries(EXEMPT)) {
			expect({ key, known: OPERATIONS.includes(key) }).toEqual({ key, known: true });
			expect(reason.length).toBeGreaterThan(20);
		}
		expect(Object.keys(EXEMPT)).toContain('customApiCall/request');
	});

	test('each operation with a schema has a scenario that samples it; exempt ones have none', () => {
		expect(WITH_SCHEMA.filter((key) => !SCENARIOS[key])).toEqual([]);
		expect(Object.keys(SCENARIOS).filter((key) => !WITH_SCHEMA.includes(key))).toEqual([]);
	});

	test.each(WITH_SCHEMA)('%s: an object schema with properties, as written by the generator', (key) => {
		const text = fs.readFileSync(path.join(FOLDER, `${key}.json`), 'utf8');
		const schema = JSON.parse(text) as JsonSchema;
		expect(looseness(schema)).toEqual([]);
		// Sorted keys, one format: a re-run of the generator rewrites the same bytes.
		expect(schemaFile(schema)).toBe(text);
	});
});

describe('each operation outputs what its schema says (emulator, n8n engine, default parameters)', () => {
	let emu: ScenarioEmulator;
	beforeAll(async () => {
		emu = await startEmulator();
	});
	afterAll(async () => emu?.close());

	test.each(WITH_SCHEMA)('%s', async (key) => {
		const outputs = await sampleOutputs(emu, key);
		const schema = schemaOf(key);
		const errors = outputs.flatMap((json, index) => validate(schema, json, true).map((error) => `item ${index}: ${error}`));
		if (errors.length > 0) throw new Error(`${key} output does not match ${key}.json:\n  ${errors.join('\n  ')}\n${RERUN}`);
	});
});

describe('the checks can fail', () => {
	const profile: JsonSchema = {
		type: 'object',
		properties: {
			id: { type: 'string' },
			db_id: { type: 'integer' },
			phones: { type: 'array', items: { type: 'string' } },
			subscriptions: { type: 'array', items: { type: 'object', properties: { resource_id: { type: 'integer' }, status: { type: 'string' } }, required: ['resource_id'] } },
			_fname: { type: ['string', 'null'] },
		},
		required: ['db_id', 'id'],
	};
	const good = { id: 'a1', db_id: 1, phones: ['+7900'], subscriptions: [{ resource_id: 1, status: 'subscribed' }], _fname: null };

	test('a conforming item passes', () => {
		expect(validate(profile, good, true)).toEqual([]);
		expect(validate(profile, { id: 'a1', db_id: 1 }, true)).toEqual([]);
	});

	test.each([
		['a wrong top-level type', [good], '$: expected object, got array'],
		['a wrong property type', { ...good, db_id: '1' }, '$.db_id: expected integer, got string'],
		['a fraction where an integer is due', { ...good, db_id: 1.5 }, '$.db_id: expected integer, got number'],
		['a missing required property', { db_id: 1 }, '$.id: required, missing'],
		['a wrong array element', { ...good, phones: ['+7900', 7900] }, '$.phones[1]: expected string, got integer'],
		['a wrong nested property', { ...good, subscriptions: [{ resource_id: 1, status: 2 }] }, '$.subscriptions[0].status: expected string, got integer'],
		['a missing nested required property', { ...good, subscriptions: [{ status: 'subscribed' }] }, '$.subscriptions[0].resource_id: required, missing'],
		['an array where a string is due', { ...good, _fname: ['Jane'] }, '$._fname: expected string or null, got array'],
		['a property the schema does not list (strict)', { ...good, extra: true }, '$.extra: not in the schema'],
	])('%s is refused', (_title, value, error) => {
		expect(validate(profile, value, true)).toContain(error);
	});

	test('only strict validation refuses unknown properties', () => {
		expect(validate(profile, { ...good, extra: true })).toEqual([]);
	});

	test("an operation's output does not pass another operation's schema", () => {
		expect(validate(schemaOf('profile/get'), { deleted: true, profile_id: 'a1' }, true).length).toBeGreaterThan(0);
		expect(validate(schemaOf('profile/delete'), good, true).length).toBeGreaterThan(0);
	});

	test('a schema the editor would drop, or that accepts anything, is called loose', () => {
		expect(looseness({ type: 'object', properties: {} })).toEqual(['lists no property']);
		expect(looseness({ type: 'object' })).toEqual(['lists no property']);
		expect(looseness({ type: ['object', 'array'], properties: { id: { type: 'string' } } })).toHaveLength(1);
		expect(looseness(inferSchema([{}]))).toEqual(['lists no property']);
	});
});

describe('schema inference', () => {
	test('merges samples: union of properties, required where present in every sample, element types merged', () => {
		const schema = inferSchema([
			{ id: 1, name: 'A', tags: ['x'], price: 10, owner: null },
			{ id: 2, tags: [], price: 10.5, owner: { name: 'B' }, lines: [{ sku: 'a', count: 1 }, { sku: 'b' }] },
		]);
		expect(schema).toEqual({
			type: 'object',
			properties: {
				id: { type: 'integer' },
				name: { type: 'string' },
				tags: { type: 'array', items: { type: 'string' } },
				price: { type: 'number' },
				owner: { type: ['object', 'null'], properties: { name: { type: 'string' } }, required: ['name'] },
				lines: { type: 'array', items: { type: 'object', properties: { count: { type: 'integer' }, sku: { type: 'string' } }, required: ['sku'] } },
			},
			required: ['id', 'owner', 'price', 'tags'],
		});
	});

	test('the file text does not depend on the order samples list their keys', () => {
		expect(schemaFile(inferSchema([{ b: 1, a: { d: 1, c: 2 } }]))).toBe(schemaFile(inferSchema([{ a: { c: 2, d: 1 }, b: 1 }])));
	});
});
