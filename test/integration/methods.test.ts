/**
 * The node's dropdown methods (listSearch and loadOptions, nodes/Altcraft/methods) over real HTTP against the Altcraft
 * emulator. A small fake ILoadOptionsFunctions sends every request with Node's fetch and applies the credential like
 * n8n's generic authentication (body `token` + `Authorization: Bearer`). The emulator is seeded with more than 1,000
 * objects of every kind, so each list must page past its first page (limit 1000) to return all of them.
 */
import type {
	IDataObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeListSearchResult,
} from 'n8n-workflow';

import { methods } from '../../nodes/Altcraft/methods';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, DEFAULT_SEED, DEFAULT_MESSAGING_SEED } = require('../../emulator');

interface EmulatorLike {
	url: string;
	tokens: Record<string, string>;
	requests: Array<{ path: string; body: unknown }>;
	close(): Promise<void>;
}

const EXTRA = 1001;
const range = (from: number, count = EXTRA) => Array.from({ length: count }, (_, i) => from + i);
/** Zero-padded number, so that "#0777" matches one object only. */
const tag = (n: number) => `#${String(n).padStart(4, '0')}`;

const base = DEFAULT_SEED as Record<string, IDataObject[]>;
const msg = DEFAULT_MESSAGING_SEED as Record<string, IDataObject[]>;

const EXTRA_FIELDS = [
	{ name: 'extra_code', title: 'Extra code', type: 'string' },
	{ name: 'extra_score', title: 'Extra score', type: 'int' },
	{ name: 'extra_flag', title: 'Extra flag', type: 'bool' },
];

const resourceDbs = (i: number) => (i === EXTRA - 1 ? [1101] : i % 4 === 0 ? [1, 2] : [1]);

const seed = {
	databases: [
		...base.databases,
		...range(101).map((id, i) => ({ id, name: `Extra database ${tag(i)}`, description: '', suppress_id: 0, ui_tags: [], groups: [{ id: 0, name: 'main' }], fields: EXTRA_FIELDS })),
	],
	resources: [
		...base.resources,
		// Every fourth extra resource is also linked to database 2, the last one only to extra database 1101.
		...range(101).map((id, i) => ({ id, name: `Extra resource ${tag(i)}`, channels: ['email'], dbs_ids: resourceDbs(i), rtoken: `rt-extra-${id}`, categories: [], groups: [{ id: 0, name: 'main' }], fields: { email: [] } })),
	],
	segments: [...base.segments, ...range(101).map((id, i) => ({ id, db_id: 1, name: `Extra segment ${tag(i)}`, type: 'static' }))],
	suppressionLists: [
		...base.suppressionLists,
		...range(101).map((id, i) => ({ id, accountId: 1, name: `Extra suppression ${tag(i)}`, description: '' })),
	],
	messaging: {
		...msg,
		templates: [...msg.templates, ...range(101).map((id, i) => ({ id, name: `Extra template ${tag(i)}`, channels: [{ sid: 'email', fields: { subject: `S${id}`, html: '<p>x</p>' } }] }))],
		mailings: [
			...msg.mailings,
			...range(1001).map((id, i) => ({ id, type: 'trigger', name: `Extra trigger ${tag(i)}`, trigger_type: 'api_call', send_channel: 'email', resource_id: 1, is_active: id % 2 === 0, content: [{ message_id: 1 }] })),
			...range(3001).map((id, i) => ({ id, type: 'regular', name: `Extra regular ${tag(i)}`, send_channel: 'email', resource_id: 1, data_type: 'list', data_id: 1, content: [{ message_id: 2 }] })),
			...range(5001).map((id, i) => ({ id, type: 'broadcast', name: `Extra broadcast ${tag(i)}`, send_channel: 'email', resource_id: 1, data_type: 'list', data_id: 1, content: [{ message_id: 2 }] })),
		],
		scenarios: [...msg.scenarios, ...range(101).map((id, i) => ({ id, name: `Extra scenario ${tag(i)}`, list_id: 1 }))],
		campaigns: [...msg.campaigns, ...range(101).map((id, i) => ({ id, name: `Extra campaign ${tag(i)}`, state: 'inactive' }))],
		virtualSenders: [...msg.virtualSenders, ...range(101).map((id, i) => ({ id, name: `Extra route ${tag(i)}`, email_rules: [], sms_rules: [] }))],
		// Alternating e-mail and SMS senders, so both channels have some past the first page.
		senders: [...msg.senders, ...range(101).map((id, i) => ({ id, name: `Extra sender ${tag(i)}`, type: 'akmta', channel: i % 2 === 0 ? 'email' : 'sms' }))],
	},
};

const mailings = seed.messaging.mailings as IDataObject[];
const idsOf = (items: IDataObject[]) => items.map((o) => String(o.id));

type SearchName = keyof typeof methods.listSearch;

/** Every listSearch method, its list path, the seeded objects it must return and the word of its extra names. */
const LISTS: Array<{ method: SearchName; path: string; expected: string[]; word: string }> = [
	{ method: 'searchDatabases', path: '/api/v1.1/databases/list/', expected: idsOf(seed.databases), word: 'database' },
	{ method: 'searchResources', path: '/api/v1.1/resources/list', expected: idsOf(seed.resources), word: 'resource' },
	{ method: 'searchSegments', path: '/api/v1.1/segments/list/', expected: idsOf(seed.segments), word: 'segment' },
	{ method: 'searchSuppressionLists', path: '/api/v1.1/suppresses/list', expected: idsOf(seed.suppressionLists.filter((s) => (s.accountId ?? 1) === 1)), word: 'suppression' },
	{ method: 'searchTemplates', path: '/api/v1.1/templates/list', expected: idsOf(seed.messaging.templates), word: 'template' },
	{ method: 'searchMailings', path: '/api/v1.1/campaigns/list', expected: idsOf(mailings), word: 'regular' },
	{ method: 'searchRegularMailings', path: '/api/v1.1/campaigns/regulars/list/', expected: idsOf(mailings.filter((m) => m.type === 'regular')), word: 'regular' },
	{ method: 'searchBroadcastMailings', path: '/api/v1.1/campaigns/list', expected: idsOf(mailings.filter((m) => m.type === 'broadcast')), word: 'broadcast' },
	{ method: 'searchTriggerMailings', path: '/api/v1.1/campaigns/triggers/list/', expected: idsOf(mailings.filter((m) => m.type === 'trigger')), word: 'trigger' },
	{ method: 'searchCampaigns', path: '/api/v1.1/scampaigns/list', expected: idsOf(seed.messaging.campaigns), word: 'campaign' },
	{ method: 'searchScenarios', path: '/api/v1.1/workflows/list', expected: idsOf(seed.messaging.scenarios), word: 'scenario' },
	{ method: 'searchVirtualSenders', path: '/api/v1.1/vsenders/list', expected: idsOf(seed.messaging.virtualSenders), word: 'route' },
];

// ---------------------------------------------------------------------------------------------------------------
// A fake ILoadOptionsFunctions whose httpRequestWithAuthentication really sends the request.

interface FullResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

async function sendWithGenericAuth(token: string, options: IHttpRequestOptions): Promise<FullResponse | unknown> {
	const method = (options.method ?? 'GET').toUpperCase();
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(options.headers ?? {})) {
		if (value !== undefined && value !== null) headers[key] = String(value);
	}
	headers.Authorization = `Bearer ${token}`;
	let body: string | undefined;
	if (method !== 'GET' && method !== 'HEAD') {
		const payload = { ...((options.body as IDataObject | undefined) ?? {}), token };
		body = JSON.stringify(payload);
		if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(options.url, {
		method,
		headers,
		body,
		redirect: options.disableFollowRedirect ? 'manual' : 'follow',
		signal: options.timeout ? AbortSignal.timeout(options.timeout) : undefined,
	});
	const responseHeaders: Record<string, string> = {};
	response.headers.forEach((value, key) => {
		responseHeaders[key.toLowerCase()] = value;
	});
	let parsed: unknown;
	if (options.encoding === 'arraybuffer') {
		parsed = Buffer.from(await response.arrayBuffer());
	} else {
		const text = await response.text();
		parsed = text;
		if (options.json !== false) {
			try {
				parsed = text === '' ? '' : JSON.parse(text);
			} catch {
				parsed = text;
			}
		}
	}
	if (!options.ignoreHttpStatusErrors && response.status >= 400) {
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), { httpCode: String(response.status), response: { status: response.status, body: parsed } });
	}
	return options.returnFullResponse ? { statusCode: response.status, headers: responseHeaders, body: parsed } : parsed;
}

const NODE: INode = {
	id: 'methods-test',
	name: 'Altcraft',
	type: 'n8n-nodes-altcraft.altcraft',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { altcraftApi: { id: '1', name: 'Altcraft account' } },
};

/** Requests in flight at once through the fake context (the most seen since the last reset). */
const inFlight = { now: 0, max: 0 };

function loadOptionsContext(emu: EmulatorLike, parameters: IDataObject = {}, token = emu.tokens.admin): ILoadOptionsFunctions {
	const context = {
		getNode: () => NODE,
		getCredentials: async (type: string) => {
			expect(type).toBe('altcraftApi');
			return { token, platform: 'onPremise', baseUrl: emu.url };
		},
		getCurrentNodeParameter: (name: string, options?: { extractValue?: boolean }) => {
			const value = parameters[name];
			if (options?.extractValue && value && typeof value === 'object' && '__rl' in (value as IDataObject)) {
				return (value as IDataObject).value;
			}
			return value;
		},
		helpers: {
			httpRequestWithAuthentication: async (credentialType: string, options: IHttpRequestOptions) => {
				expect(credentialType).toBe('altcraftApi');
				inFlight.now++;
				inFlight.max = Math.max(inFlight.max, inFlight.now);
				try {
					return await sendWithGenericAuth(token, options);
				} finally {
					inFlight.now--;
				}
			},
		},
	};
	return context as unknown as ILoadOptionsFunctions;
}

// ---------------------------------------------------------------------------------------------------------------

let emu: EmulatorLike;
beforeAll(async () => {
	emu = await createEmulator({ seed });
});
afterAll(async () => emu?.close());
beforeEach(() => {
	emu.requests.length = 0;
	inFlight.max = 0;
});

const pagesTo = (path: string) => emu.requests.filter((r) => r.path === path).map((r) => r.body as IDataObject);

async function search(method: SearchName, filter?: string): Promise<INodeListSearchResult> {
	const fn = methods.listSearch[method] as (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>;
	return fn.call(loadOptionsContext(emu), filter);
}

test('every listSearch method of the node is covered', () => {
	expect(Object.keys(methods.listSearch).sort()).toEqual(LISTS.map((l) => l.method).sort());
	expect(Object.keys(methods.loadOptions).sort()).toEqual(['getDatabaseFields', 'getEmailSenders', 'getSmsSenders', 'getTemplates', 'getVirtualSenders']);
	expect(Object.keys(methods.resourceMapping)).toEqual(['getProfileColumns']);
});

describe.each(LISTS)('$method', ({ method, path, expected, word }) => {
	test(`returns all ${expected.length} objects, paging past the first page`, async () => {
		expect(expected.length).toBeGreaterThan(1000);
		const { results } = await search(method);
		const values = results.map((r) => r.value);
		expect(values).toHaveLength(expected.length);
		expect(new Set(values).size).toBe(expected.length);
		expect([...values].sort()).toEqual([...expected].sort());
		for (const r of results) expect(r.name).toMatch(new RegExp(`\\(${r.value}\\)$`));

		// Real HTTP with the credential applied like n8n's generic auth; more than one page was asked for.
		const pages = pagesTo(path);
		expect(pages.length).toBeGreaterThanOrEqual(2);
		expect(pages[0]).not.toHaveProperty('from_id');
		expect(pages.every((b) => b.limit === 1000 && b.token === emu.tokens.admin)).toBe(true);
		expect(pages.slice(1).every((b) => b.from_id !== undefined)).toBe(true);
	});

	test('the search filter narrows the results', async () => {
		// One object (a zero-padded tag past the first page), case-insensitive.
		const one = await search(method, `${word} #0777`.trim().toUpperCase());
		expect(one.results).toHaveLength(1);
		expect(one.results[0].name).toMatch(/#0777 \(\d+\)$/);
		expect(expected).toContain(one.results[0].value);

		// By id: "(<id>)" of the last object.
		const lastId = expected[expected.length - 1];
		const byId = await search(method, `(${lastId})`);
		expect(byId.results.map((r) => r.value)).toEqual([lastId]);

		// Nothing matches.
		expect((await search(method, 'no such object zzz')).results).toEqual([]);

		// All extra objects of the kind (more than one page of them) and no others.
		if (word) {
			const extras = await search(method, `extra ${word}`);
			expect(extras.results).toHaveLength(EXTRA);
			expect(extras.results.every((r) => r.name.toLowerCase().startsWith(`extra ${word}`))).toBe(true);
		}
	});
});

describe('dropdowns inside lists of rows (loadOptions)', () => {
	const senders = seed.messaging.senders as IDataObject[];
	const optionsOf = (entries: IDataObject[]) => entries.map((entry) => ({ name: `${String(entry.name)} (${String(entry.id)})`, value: entry.id }));

	test.each([
		['getEmailSenders', 'email'],
		['getSmsSenders', 'sms'],
	] as const)('%s: every %s sender, from every page of senders/list, and no other channel', async (method, channel) => {
		const options = await methods.loadOptions[method].call(loadOptionsContext(emu));
		expect(options).toEqual(optionsOf(senders.filter((s) => s.channel === channel)));
		expect(options.some((o) => Number(o.value) > 1000)).toBe(true);
		expect(pagesTo('/api/v1.1/senders/list').length).toBeGreaterThan(1);
	});

	test('getTemplates: every template, past the first page', async () => {
		const options = await methods.loadOptions.getTemplates.call(loadOptionsContext(emu));
		expect(options).toEqual(optionsOf(seed.messaging.templates as IDataObject[]));
		expect(pagesTo('/api/v1.1/templates/list').length).toBeGreaterThan(1);
	});

	test('getVirtualSenders: every virtual sender, past the first page', async () => {
		const options = await methods.loadOptions.getVirtualSenders.call(loadOptionsContext(emu));
		expect(options).toEqual(optionsOf(seed.messaging.virtualSenders as IDataObject[]));
		expect(pagesTo('/api/v1.1/vsenders/list').length).toBeGreaterThan(1);
	});
});

describe('getDatabaseFields', () => {
	const fields = (parameters: IDataObject) => methods.loadOptions.getDatabaseFields.call(loadOptionsContext(emu, parameters));

	test('lists the fields of the chosen database with their types (resource locator value)', async () => {
		const options = await fields({ database: { __rl: true, mode: 'list', value: '2' } });
		expect(options).toEqual(expect.arrayContaining([
			{ name: 'CRM ID (crm_id)', value: 'crm_id', description: 'Type: string' },
			{ name: 'Orders count (orders_count)', value: 'orders_count', description: 'Type: int' },
			{ name: 'Balance (balance)', value: 'balance', description: 'Type: float' },
			{ name: 'VIP (is_vip)', value: 'is_vip', description: 'Type: bool' },
			{ name: 'Lead source (lead_source)', value: 'lead_source', description: 'Type: string' },
			{ name: 'Score (score)', value: 'score', description: 'Type: int' },
		]));
		expect(options.map((o) => o.value)).toContain('email');
		expect(options.every((o) => typeof o.description === 'string' && o.description.startsWith('Type: '))).toBe(true);
		expect(pagesTo('/api/v1.1/databases/fields_get/')).toEqual([expect.objectContaining({ id: 2, token: emu.tokens.admin })]);
	});

	test('another database gives its own fields', async () => {
		const customers = (await fields({ database: '1' })).map((o) => o.value);
		expect(customers).toContain('crm_id');
		expect(customers).not.toContain('score');

		// A seeded database past the first page of the database list.
		const extra = await fields({ database: { __rl: true, mode: 'id', value: '1101' } });
		expect(extra).toEqual(expect.arrayContaining([
			{ name: 'Extra code (extra_code)', value: 'extra_code', description: 'Type: string' },
			{ name: 'Extra score (extra_score)', value: 'extra_score', description: 'Type: int' },
			{ name: 'Extra flag (extra_flag)', value: 'extra_flag', description: 'Type: bool' },
		]));
		expect(extra.map((o) => o.value)).not.toContain('crm_id');
	});

	test('no database chosen: no options and no request', async () => {
		expect(await fields({})).toEqual([]);
		expect(await fields({ database: '' })).toEqual([]);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('searchResources follows the database chosen on the node', () => {
	const resources = seed.resources as IDataObject[];
	const linkedTo = (database: number) => idsOf(resources.filter((r) => (r.dbs_ids as number[]).includes(database)));
	const searchWith = (parameters: IDataObject, filter?: string) =>
		(methods.listSearch.searchResources as (this: ILoadOptionsFunctions, filter?: string) => Promise<INodeListSearchResult>).call(
			loadOptionsContext(emu, parameters),
			filter,
		);

	test('only the resources linked to the chosen database, from every page of the list', async () => {
		const expected = linkedTo(2);
		expect(expected.length).toBeGreaterThan(250);
		expect(expected).toContain('3');
		// Some linked resources are past the first page of resources/list (limit 1000).
		expect(expected.some((id) => resources.findIndex((r) => String(r.id) === id) >= 1000)).toBe(true);

		const { results } = await searchWith({ database: { __rl: true, mode: 'list', value: '2' } });
		expect(results.map((r) => r.value).sort()).toEqual([...expected].sort());
		expect(results.find((r) => r.value === '3')?.name).toBe('Leads mail (3)');

		// resources/list paged past its first page; then one resources/get per listed resource, a few at a time.
		expect(pagesTo('/api/v1.1/resources/list').length).toBeGreaterThanOrEqual(2);
		const gets = pagesTo('/api/v1.1/resources/get');
		expect(gets).toHaveLength(resources.length);
		expect(new Set(gets.map((b) => b.id)).size).toBe(resources.length);
		expect(inFlight.max).toBeGreaterThan(1);
		expect(inFlight.max).toBeLessThanOrEqual(5);
	});

	test('another database, a database by ID, and a database linked to one resource past the first page', async () => {
		const one = await searchWith({ database: '1' });
		expect(one.results.map((r) => r.value).sort()).toEqual([...linkedTo(1)].sort());
		expect(one.results.map((r) => r.value)).not.toContain('3');

		const last = await searchWith({ database: { __rl: true, mode: 'id', value: '1101' } });
		expect(last.results).toEqual([{ name: `Extra resource ${tag(EXTRA - 1)} (${resources[resources.length - 1].id})`, value: String(resources[resources.length - 1].id) }]);
	});

	test('the search text is applied first: only the matching resources are read', async () => {
		const { results } = await searchWith({ database: '2' }, 'resource #0777');
		expect(results).toEqual([]); // #0777 is linked to database 1 only
		expect(pagesTo('/api/v1.1/resources/get')).toHaveLength(1);
		emu.requests.length = 0;
		const linked = await searchWith({ database: '2' }, 'resource #0776');
		expect(linked.results.map((r) => r.name)).toEqual([expect.stringMatching(/^Extra resource #0776 \(\d+\)$/)]);
		expect(pagesTo('/api/v1.1/resources/get')).toHaveLength(1);
	});

	test('no database, an empty one or an expression: all resources, without resources/get', async () => {
		for (const parameters of [{}, { database: '' }, { database: { __rl: true, mode: 'list', value: '' } }, { database: '={{ $json.db }}' }]) {
			emu.requests.length = 0;
			const { results } = await searchWith(parameters);
			expect(results).toHaveLength(resources.length);
			expect(pagesTo('/api/v1.1/resources/get')).toHaveLength(0);
		}
	});
});

describe('getProfileColumns (resource mapper of Profile Data)', () => {
	type Columns = Awaited<ReturnType<typeof methods.resourceMapping.getProfileColumns>>;
	const columns = (parameters: IDataObject): Promise<Columns> => methods.resourceMapping.getProfileColumns.call(loadOptionsContext(emu, parameters));
	const byId = (result: Columns) => Object.fromEntries(result.fields.map((f) => [f.id, f]));

	test("the chosen database's system and custom fields, with n8n types", async () => {
		const result = await columns({ operation: 'upsert', database: { __rl: true, mode: 'list', value: '2' } });
		const fields = byId(result);
		expect(pagesTo('/api/v1.1/databases/fields_get/')).toEqual([expect.objectContaining({ id: 2, token: emu.tokens.admin })]);
		const expected: Record<string, [string, string]> = {
			email: ['E-mail (email, email)', 'string'],
			phones: ['Phones (phones, phones)', 'array'],
			_bdate: ['Birth date (_bdate, date)', 'dateTime'],
			_sex: ['Gender (_sex, gender)', 'options'],
			_status: ['Global status (_status, int)', 'number'],
			_ip: ['IP address (_ip, ip)', 'string'],
			crm_id: ['CRM ID (crm_id, string)', 'string'],
			orders_count: ['Orders count (orders_count, int)', 'number'],
			balance: ['Balance (balance, float)', 'number'],
			is_vip: ['VIP (is_vip, bool)', 'boolean'],
			tags: [expect.stringMatching(/\(tags, tags\)$/) as never, 'array'],
			prefs: [expect.stringMatching(/\(prefs, object\)$/) as never, 'object'],
			purchases: [expect.stringMatching(/\(purchases, arr_object\)$/) as never, 'array'],
			signup_date: [expect.stringMatching(/\(signup_date, date\)$/) as never, 'dateTime'],
			lead_source: ['Lead source (lead_source, string)', 'string'],
			score: ['Score (score, int)', 'number'],
		};
		for (const [id, [displayName, type]] of Object.entries(expected)) {
			expect(fields[id]).toMatchObject({ id, displayName, type, display: true, defaultMatch: false, required: false });
		}
		expect(fields._sex.options).toEqual([
			{ name: 'Not Set', value: 0 },
			{ name: 'Male', value: 1 },
			{ name: 'Female', value: 2 },
		]);
		expect(fields.email.canBeUsedToMatch).toBe(true);
		expect(fields.crm_id.canBeUsedToMatch).toBe(false);
		// The fields the platform lists, in its order, none left out.
		const listed = await (await fetch(`${emu.url}/api/v1.1/databases/fields_get/`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: emu.tokens.admin, id: 2 }) })).json() as IDataObject;
		expect(result.fields.map((f) => f.id)).toEqual((listed.data as IDataObject[]).map((f) => f.name));
	});

	test('a seeded database past the first page of the database list has its own custom fields', async () => {
		const fields = byId(await columns({ operation: 'create', database: { __rl: true, mode: 'id', value: '1101' } }));
		expect(fields.extra_code).toMatchObject({ displayName: 'Extra code (extra_code, string)', type: 'string' });
		expect(fields.extra_score).toMatchObject({ displayName: 'Extra score (extra_score, int)', type: 'number' });
		expect(fields.extra_flag).toMatchObject({ displayName: 'Extra flag (extra_flag, bool)', type: 'boolean' });
		expect(fields.crm_id).toBeUndefined();
	});

	test('no database chosen: no columns, a notice, no request', async () => {
		for (const parameters of [{}, { database: '' }, { database: { __rl: true, mode: 'list', value: '' } }]) {
			const result = await columns(parameters);
			expect(result.fields).toEqual([]);
			expect(result.emptyFieldsNotice).toMatch(/Choose a database/);
		}
		expect(emu.requests).toHaveLength(0);
	});

	test('an unknown database: the error of the platform', async () => {
		await expect(columns({ database: '999999' })).rejects.toThrow(/404|not found/i);
	});
});
