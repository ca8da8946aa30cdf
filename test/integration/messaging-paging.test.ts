/**
 * Every Get Many of the messaging resources pages through more than one page against the Altcraft emulator, through
 * n8n's real execution engine: the node asks for at most 1,000 per page (the platform's default) and passes
 * next_from_id back as from_id (41-campaigns.md "Paging"; 40-templates.md, 42-automation.md, 71-senders.md). The
 * emulator is seeded with 1,001 more objects of every kind, so Return All needs two pages or more and a Limit
 * above 1,000 needs two.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, requestsTo, runNode } from './support/audience';
import type { MessagingEmulator } from './support/messaging';
import { params } from './support/messaging';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createEmulator, DEFAULT_MESSAGING_SEED } = require('../../emulator');

const EXTRA = 1001;
const range = (from: number, count = EXTRA) => Array.from({ length: count }, (_, i) => from + i);
const seed = DEFAULT_MESSAGING_SEED as Record<string, IDataObject[]>;

const messaging = {
	...seed,
	templates: [...seed.templates, ...range(101).map((id) => ({ id, name: `Template ${id}`, channels: [{ sid: 'email', fields: { subject: `S${id}`, html: '<p>x</p>' } }] }))],
	mailings: [
		...seed.mailings,
		...range(1001).map((id) => ({ id, type: 'trigger', name: `Trigger ${id}`, trigger_type: 'api_call', send_channel: 'email', resource_id: 1, is_active: id % 2 === 0, content: [{ message_id: 1 }] })),
		...range(3001).map((id) => ({ id, type: 'regular', name: `Regular ${id}`, send_channel: 'email', resource_id: 1, data_type: 'list', data_id: 1, content: [{ message_id: 2 }] })),
		...range(5001).map((id) => ({ id, type: 'broadcast', name: `Broadcast ${id}`, send_channel: 'email', resource_id: 1, data_type: 'list', data_id: 1, content: [{ message_id: 2 }] })),
	],
	scenarios: [...seed.scenarios, ...range(101).map((id) => ({ id, name: `Scenario ${id}`, list_id: 1 }))],
	campaigns: [...seed.campaigns, ...range(101).map((id) => ({ id, name: `Campaign ${id}`, state: 'inactive' }))],
	senders: [...seed.senders, ...range(101).map((id) => ({ id, name: `Sender ${id}`, type: 'akmta', channel: 'email' }))],
	virtualSenders: [...seed.virtualSenders, ...range(101).map((id) => ({ id, name: `Route ${id}`, email_rules: [], sms_rules: [] }))],
};

const count = (kind: keyof typeof messaging, filter: (o: IDataObject) => boolean = () => true) => (messaging[kind] as IDataObject[]).filter(filter).length;

/** Resource, its list path and how many objects the list has. */
const LISTS: Array<{ resource: string; path: string; total: number }> = [
	{ resource: 'template', path: '/api/v1.1/templates/list', total: count('templates') },
	{ resource: 'mailing', path: '/api/v1.1/campaigns/list', total: count('mailings') },
	{ resource: 'triggerMailing', path: '/api/v1.1/campaigns/triggers/list/', total: count('mailings', (m) => m.type === 'trigger') },
	{ resource: 'regularMailing', path: '/api/v1.1/campaigns/regulars/list/', total: count('mailings', (m) => m.type === 'regular') },
	{ resource: 'broadcastMailing', path: '/api/v1.1/campaigns/broadcasts/list/', total: count('mailings', (m) => m.type === 'broadcast') },
	{ resource: 'campaign', path: '/api/v1.1/scampaigns/list', total: count('campaigns') },
	{ resource: 'scenario', path: '/api/v1.1/workflows/list', total: count('scenarios') },
	{ resource: 'sender', path: '/api/v1.1/senders/list', total: count('senders') },
	{ resource: 'virtualSender', path: '/api/v1.1/vsenders/list', total: count('virtualSenders') },
];

let emu: MessagingEmulator;
beforeAll(async () => {
	emu = await createEmulator({ seed: { messaging } });
});
afterAll(async () => emu?.close());
// Reads only: the state stays; only the request log is cleared.
beforeEach(() => {
	emu.requests.length = 0;
});

describe.each(LISTS)('$resource → Get Many ($total objects)', ({ resource, path, total }) => {
	test('Return All follows next_from_id page by page to the end', async () => {
		expect(total).toBeGreaterThan(1000);
		const result = await runNode(emu, params(resource, 'getAll', { returnAll: true }));
		expect(result.status).toBe('success');
		const ids = jsonOf(result).map((o) => o.id as number);
		expect(ids).toHaveLength(total);
		expect(new Set(ids).size).toBe(total);
		expect([...ids].sort((a, b) => a - b)).toEqual(ids);

		const pages = requestsTo(emu, path).map((r) => r.body as IDataObject);
		expect(pages.length).toBeGreaterThanOrEqual(3); // two full-size pages or more, then the empty page that ends the list
		expect(pages.every((body) => body.limit === 1000)).toBe(true);
		// The first page starts at the beginning; every next one at the cursor the previous answer gave (last id + 1).
		expect(pages[0]).not.toHaveProperty('from_id');
		const cursors = pages.slice(1).map((body) => body.from_id);
		const expected = [];
		for (let i = 999; i < ids.length; i += 1000) expected.push(ids[i] + 1);
		if (ids.length % 1000 !== 0) expected.push(ids[ids.length - 1] + 1);
		expect(cursors).toEqual(expected);
	});

	test('a Limit above one page takes two pages, the second only as large as needed', async () => {
		const result = await runNode(emu, params(resource, 'getAll', { returnAll: false, limit: 1001 }));
		const ids = jsonOf(result).map((o) => o.id as number);
		expect(ids).toHaveLength(1001);
		expect(new Set(ids).size).toBe(1001);
		const pages = requestsTo(emu, path).map((r) => r.body as IDataObject);
		expect(pages.map((body) => [body.from_id, body.limit])).toEqual([
			[undefined, 1000],
			[ids[999] + 1, 1],
		]);
	});
});

test('a Limit within one page is a single request of that size; filters travel with every page', async () => {
	const few = await runNode(emu, params('template', 'getAll', { limit: 3 }));
	expect(jsonOf(few).map((t) => t.id)).toEqual([1, 2, 3]);
	expect(requestsTo(emu, '/api/v1.1/templates/list').map((r) => r.body)).toEqual([{ limit: 3, token: emu.tokens.admin }]);

	emu.requests.length = 0;
	const activeOnly = await runNode(emu, params('mailing', 'getAll', { returnAll: true, filters: { type: 'trigger', isActive: true } }));
	const expected = count('mailings', (m) => m.type === 'trigger' && m.is_active === true);
	expect(expected).toBeGreaterThan(500);
	expect(jsonOf(activeOnly)).toHaveLength(expected);
	expect(jsonOf(activeOnly).every((m) => m.type === 'trigger' && m.is_active === true)).toBe(true);
	const pages = requestsTo(emu, '/api/v1.1/campaigns/list').map((r) => r.body as IDataObject);
	expect(pages.length).toBeGreaterThanOrEqual(2);
	expect(pages.every((body) => body.type === 'trigger' && body.is_active === true)).toBe(true);
});
