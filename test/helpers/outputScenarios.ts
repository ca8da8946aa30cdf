/**
 * One scenario per operation of the Altcraft node: what to seed in the emulator and which parameters to run, so that
 * the operation's real output can be sampled. `scripts/schemas.js` infers the editor's output schemas
 * (`nodes/Altcraft/__schema__/`) from these runs, and `test/integration/output-schemas.test.ts` checks the outputs
 * against the schemas. Parameters name only what an operation needs: everything else keeps the node's defaults, so
 * the schemas describe what users get by default. The same emulator seed and parameters as the integration tests.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runAltcraft } from './altcraftWorkflow';
import { preorderFields, typedOrder } from './orders';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const emulatorModule = require('../../emulator');

/** The parts of the emulator's control API the scenarios use (emulator/README.md). */
export interface ScenarioEmulator {
	url: string;
	tokens: { admin: string };
	reset(): void;
	close(): Promise<void>;
	addSentMessage(message: IDataObject): void;
	addHistoryEvent(event: IDataObject): IDataObject;
	store: { getResource(id: number): IDataObject; xxh(profileId: string): string };
	getSends(filter?: IDataObject): Array<{ smid: string; channel: string }>;
	commerce: { now(): string };
}

export function startEmulator(): Promise<ScenarioEmulator> {
	return emulatorModule.createEmulator({ taskPollsUntilDone: 0 });
}

/** One run of the operation: its parameters and, when it reads binary input, its input items. */
export interface Sample {
	parameters: IDataObject;
	input?: INodeExecutionData[];
}

export interface ScenarioEnv {
	emu: ScenarioEmulator;
	/** A direct API call (as another system would seed state); fails unless the envelope says 0. */
	api(path: string, body: IDataObject): Promise<IDataObject>;
	/** Creates (or updates) a profile by e-mail and returns its ID. */
	profile(email: string, data?: IDataObject, dbId?: number): Promise<string>;
	/** Runs the node (for seeding through another operation) and returns its output items' json. */
	node(parameters: IDataObject, input?: INodeExecutionData[]): Promise<IDataObject[]>;
}

/** Seeds what the operation needs and returns its samples (each run once; all output items are merged). */
export type Scenario = (env: ScenarioEnv) => Promise<Sample[]>;

/**
 * Operations without a schema file, each with the reason. The test fails for an operation that has neither a
 * schema nor an entry here.
 */
export const EXEMPT: Record<string, string> = {
	'customApiCall/request':
		'outputs whatever the called Altcraft method answers: the path and body are the user\'s, so no schema fits every call',
};

const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
const pairs = (values: IDataObject) => ({ pair: Object.entries(values).map(([name, value]) => ({ name, value })) });
const one = (parameters: IDataObject): Sample[] => [{ parameters }];
const op = (resource: string, operation: string, extra: IDataObject = {}): IDataObject => ({ resource, operation, ...extra });
const emailSub = (resourceId: number, email: string, status = 'subscribed'): IDataObject => ({ resource_id: resourceId, channel: 'email', email, status });
const ALL_TIME = { dateFrom: '2000-01-01', dateTo: '2099-12-31' };
const DAY = 86_400_000;
const inDays = (emu: ScenarioEmulator, days: number) => new Date(Date.parse(emu.commerce.now()) + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
const withFile = (fileName: string, content: string, mimeType: string): INodeExecutionData => ({
	json: {},
	binary: { data: { data: Buffer.from(content).toString('base64'), mimeType, fileName } },
});

/**
 * A profile of database 1 with system fields and an e-mail subscription to resource 1 (Newsletter). No custom fields:
 * those are the user's own and differ from database to database, so they have no place in a shipped schema.
 */
async function customer(env: ScenarioEnv, email: string, data: IDataObject = {}): Promise<string> {
	return env.profile(email, {
		_fname: 'Jane',
		_lname: 'Doe',
		_bdate: '1990-02-22',
		_sex: 'female',
		_city: 'Kazan',
		_country: 'Russia',
		phones: ['+79000000001'],
		subscriptions: [{ ...emailSub(1, email), cats: ['news'] }],
		...data,
	});
}

/** Two customers (one rich, one plain) in database 1. */
async function customers(env: ScenarioEnv): Promise<[string, string]> {
	const jane = await customer(env, 'jane@example.com');
	const john = await env.profile('john@example.com', { _fname: 'John' });
	return [jane, john];
}

const profileRef = { matching: 'email', email: 'jane@example.com' };

// --- Profiles, subscriptions, history, relations ------------------------------------------------------------------

const subscription = (operation: string, profileId: string, extra: IDataObject = {}) =>
	op('subscription', operation, { database: byId(1), profileId, resourceId: byId(1), channel: 'email', email: 'jane@example.com', ...extra });

const link = (operation: string, a: string, b: string, extra: IDataObject = {}) =>
	op('relation', operation, {
		relationTypeId: 1,
		matching: 'profile_id',
		profileA: a,
		profileB: b,
		weights: { property: [{ name: 'user_like', value: '1' }, { name: 'is_online', value: 'true', type: 'boolean' }] },
		...extra,
	});

/** Profile A in database 1 linked with two profiles of database 2 under relation type 1. */
async function linked(env: ScenarioEnv): Promise<{ a: string; b: string; c: string }> {
	const a = await env.profile('recipient@example.com', {}, 1);
	const b = await env.profile('referrer@example.com', {}, 2);
	const c = await env.profile('second@example.com', {}, 2);
	await env.node(link('attach', a, b));
	await env.node(link('attach', a, c, { weights: { property: [{ name: 'donate', value: '100' }] } }));
	return { a, b, c };
}

// --- Messaging -----------------------------------------------------------------------------------------------------

const subscriber = (env: ScenarioEnv, email: string) => env.profile(email, { subscriptions: [emailSub(1, email)] });
const emailTemplate = { email: { subject: 'Order {apicontent.order_id}', html: '<p>Hi</p>', text: 'Hi', fromEmail: 'shop@example.com', fromName: 'Shop' } };
const messages = { message: [{ templateId: 2, subject: 'News' }] };

// --- Loyalty and commerce ----------------------------------------------------------------------------------------

const loyalty = (operation: string, extra: IDataObject = {}) => op('loyalty', operation, { loyaltyProgramId: 1, ...extra });
const member = { matching: 'email', email: 'ann@example.com' };

/** ann@example.com, a member of loyalty program 1 with three final accruals and a pending one. */
async function loyaltyMember(env: ScenarioEnv): Promise<string> {
	const ann = await env.profile('ann@example.com');
	await env.api('loyalty/register_member', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com' });
	for (const amount of ['10.00', '20.00', '1200.00']) {
		await env.api('loyalty/accrue_points', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com', amount, points_currency_iid: 1 });
	}
	await env.api('loyalty/accrue_points', { loyalty_program_id: 1, matching: 'email', email: 'ann@example.com', amount: '1200.00', points_currency_iid: 3 });
	await env.api('loyalty/accrue_points', {
		loyalty_program_id: 1,
		matching: 'email',
		email: 'ann@example.com',
		amount: '5.00',
		is_temp: true,
		transaction_eid: 'pending-1',
		external_data: { order_id: '1' },
	});
	return ann;
}

const typedOrderWithFields = (externalId: string) =>
	typedOrder(externalId, {
		orderFields: { deliveryCost: '50', tags: 'gift, express', region: 'region_moscow', customFields: '{"payment": "card"}', createTime: '2025-03-01T10:00:00Z' },
		customFieldDefinitions: { entry: [{ externalId: 'payment', name: 'Payment', entityType: 'order', valueType: 'unicode' }] },
		customLineStatuses: { status: [{ externalId: 'packed', name: 'Packed', type: 'in_process' }] },
	});

/** A product with two SKUs (the Market catalogue), over the API. */
async function catalogue(env: ScenarioEnv): Promise<void> {
	await env.api('market/products/import', {
		categories: [{ external_id: 'cat_shirts', name: 'Shirts' }],
		data: [
			{ external_id: 'tshirt', name: 'T-shirt', price: '20.00', currency: 'RUB', categories: ['cat_shirts'] },
			{ external_id: 'mug', name: 'Mug', price: '9.90', currency: 'RUB' },
		],
	});
	await env.api('market/sku/import', {
		data: [
			{ external_id: 'tshirt-m', name: 'T-shirt M', product_external_id: 'tshirt', price: '21.50', currency: 'RUB' },
			{ external_id: 'tshirt-l', name: 'T-shirt L', product_external_id: 'tshirt', price: '22.50', currency: 'RUB' },
		],
	});
}


export const SCENARIOS: Record<string, Scenario> = {
	// Profile
	'profile/upsert': async () => [
		{ parameters: op('profile', 'upsert', { database: byId(1), ...profileRef, dataMode: 'json', profileJson: '{"_fname": "Jane", "orders_count": 1}' }) },
	],
	'profile/update': async (env) => {
		await customers(env);
		return one(op('profile', 'update', { database: byId(1), ...profileRef, dataMode: 'json', profileJson: '{"_city": "Omsk"}' }));
	},
	'profile/create': async () => one(op('profile', 'create', { database: byId(1), dataMode: 'json', profileJson: '{"email": "new@example.com", "_fname": "New"}' })),
	'profile/get': async (env) => {
		await customers(env);
		return [
			{ parameters: op('profile', 'get', { database: byId(1), ...profileRef }) },
			{ parameters: op('profile', 'get', { database: byId(1), matching: 'email', email: 'john@example.com' }) },
		];
	},
	'profile/getAll': async (env) => {
		await customers(env);
		return one(op('profile', 'getAll', { database: byId(1) }));
	},
	'profile/delete': async (env) => {
		await customers(env);
		return one(op('profile', 'delete', { database: byId(1), ...profileRef }));
	},
	'profile/merge': async (env) => {
		await env.profile('a@example.com', { _fname: 'A' });
		await env.profile('b@example.com', { _lname: 'B' });
		return one(
			op('profile', 'merge', {
				database: byId(1),
				matching: 'email',
				sourceProfiles: { profile: [{ databaseId: 0, value: 'a@example.com' }, { databaseId: 0, value: 'b@example.com' }] },
				destinationProfile: { profile: { databaseId: 0, value: 'ab@example.com' } },
			}),
		);
	},
	'profile/split': async (env) => {
		await env.profile('ab@example.com', { _fname: 'AB' });
		return one(
			op('profile', 'split', {
				database: byId(1),
				matching: 'email',
				sourceProfile: { profile: { databaseId: 0, value: 'ab@example.com' } },
				destinationProfiles: { profile: [{ databaseId: 0, value: 'c@example.com' }, { databaseId: 0, value: 'd@example.com' }] },
			}),
		);
	},
	'profile/unsubscribe': async (env) => {
		const [jane] = await customers(env);
		env.emu.addSentMessage({ smid: 'smid-1', dbId: 1, profileId: jane, resourceId: 1 });
		return one(op('profile', 'unsubscribe', { resourceToken: env.emu.store.getResource(1).rtoken, sentMessageId: 'smid-1' }));
	},
	'profile/export': async (env) => {
		await customers(env);
		return one(op('profile', 'export', { sourceType: 'database', sourceId: 1 }));
	},

	// Subscription
	'subscription/upsert': async (env) => {
		const jane = await env.profile('jane@example.com');
		return one(subscription('upsert', jane, { additionalFields: { status: 'subscribed', priority: 2 } }));
	},
	'subscription/get': async (env) => {
		const jane = await customer(env, 'jane@example.com');
		await env.node(subscription('upsert', jane, { additionalFields: { priority: 2, categories: 'news, promo', customFields: '{"visits": 3, "source": "web"}' } }));
		await env.node(subscription('upsert', jane, { resourceId: byId(2), channel: 'sms', phone: '+79000000001' }));
		await env.node(subscription('upsert', jane, { resourceId: byId(4), channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: 'device-token-1' }));
		return [
			{ parameters: subscription('get', jane) },
			{ parameters: subscription('get', jane, { resourceId: byId(2), channel: 'sms', phone: '+79000000001' }) },
			{ parameters: subscription('get', jane, { resourceId: byId(4), channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: 'device-token-1' }) },
		];
	},
	'subscription/getAll': async (env) => {
		const jane = await customer(env, 'jane@example.com');
		await env.node(subscription('upsert', jane, { resourceId: byId(2), channel: 'sms', phone: '+79000000001' }));
		await env.node(subscription('upsert', jane, { resourceId: byId(4), channel: 'push', pushProvider: 'Firefox', pushSubscriptionId: 'device-token-1' }));
		return one(op('subscription', 'getAll', { database: byId(1), profileId: jane }));
	},
	'subscription/getAllAcrossProfiles': async (env) => {
		await customers(env);
		await subscriber(env, 'ben@example.com');
		return one(op('subscription', 'getAllAcrossProfiles', { resourceId: byId(1), database: byId(1) }));
	},
	'subscription/delete': async (env) => {
		const jane = await customer(env, 'jane@example.com');
		return one(subscription('delete', jane));
	},
	'subscription/restore': async (env) => {
		const jane = await customer(env, 'jane@example.com');
		await env.node(subscription('delete', jane));
		return one(subscription('restore', jane));
	},
	'subscription/suspendAll': async (env) => {
		await customers(env);
		return one(op('subscription', 'suspendAll', { database: byId(1) }));
	},
	'subscription/unsuspendAll': async (env) => {
		await customers(env);
		await env.node(op('subscription', 'suspendAll', { database: byId(1) }));
		return one(op('subscription', 'unsuspendAll', { database: byId(1) }));
	},

	// Action History
	'history/get': async (env) => {
		const [jane] = await customers(env);
		env.emu.addHistoryEvent({ dbId: 1, profileId: jane, action: 'send', datetime: '2024-03-01T10:00:00Z', resourceId: 1, campaignId: 7, campaignName: 'Spring', smid: 'smid-1' });
		env.emu.addHistoryEvent({ dbId: 1, profileId: jane, action: 'open', datetime: '2024-03-02T08:00:00Z', resourceId: 1, campaignId: 7, smid: 'smid-1' });
		return one(op('history', 'get', { database: byId(1), identifyBy: 'matching', ...profileRef }));
	},
	'history/getAll': async (env) => {
		const [jane] = await customers(env);
		env.emu.addHistoryEvent({ dbId: 1, profileId: jane, action: 'click', datetime: '2024-04-15T12:00:00Z', resourceId: 1, campaignId: 7, smid: 'smid-1' });
		return one(op('history', 'getAll', { database: byId(1), ...ALL_TIME }));
	},

	// Relation
	'relation/attach': async (env) => {
		const a = await env.profile('recipient@example.com', {}, 1);
		const b = await env.profile('referrer@example.com', {}, 2);
		return one(link('attach', a, b));
	},
	'relation/detach': async (env) => {
		const { a, b } = await linked(env);
		return one(link('detach', a, b, { weights: {} }));
	},
	'relation/strengthen': async (env) => {
		const { a, b } = await linked(env);
		return one(link('strengthen', a, b, { weights: { property: [{ name: 'user_like', value: '2' }] } }));
	},
	'relation/edit': async (env) => {
		const { a, b } = await linked(env);
		return one(link('edit', a, b, { weights: { property: [{ name: 'user_like', value: '10' }] } }));
	},
	'relation/get': async (env) => {
		const { a } = await linked(env);
		return one(op('relation', 'get', { relationTypeId: 1, matching: 'profile_id', profileId: a }));
	},
	'relation/getCounter': async (env) => {
		const { a } = await linked(env);
		return one(op('relation', 'getCounter', { relationTypeId: 1, matching: 'profile_id', profileId: a }));
	},

	// Database
	'database/getAll': async () => one(op('database', 'getAll')),
	'database/get': async () => [{ parameters: op('database', 'get', { database: byId(1) }) }, { parameters: op('database', 'get', { database: byId(2) }) }],
	'database/getFields': async () => one(op('database', 'getFields', { database: byId(1) })),
	'database/getStats': async (env) => {
		await customers(env);
		return one(op('database', 'getStats', { database: byId(1), resourceId: byId(1) }));
	},
	'database/refreshStats': async (env) => {
		await customers(env);
		return one(op('database', 'refreshStats', { database: byId(1), resourceId: byId(1) }));
	},
	'database/wipe': async (env) => {
		await customers(env);
		return one(op('database', 'wipe', { database: byId(1), confirmWipe: true }));
	},

	// Resource
	'resource/getAll': async () => one(op('resource', 'getAll')),
	'resource/get': async () => [{ parameters: op('resource', 'get', { resourceId: byId(1) }) }, { parameters: op('resource', 'get', { resourceId: byId(4) }) }],
	'resource/getFields': async () => one(op('resource', 'getFields', { resourceId: byId(1), channel: 'email' })),
	'resource/getStats': async (env) => {
		await customers(env);
		return one(op('resource', 'getStats', { resourceId: byId(1), database: byId(1) }));
	},
	'resource/refreshStats': async (env) => {
		await customers(env);
		return one(op('resource', 'refreshStats', { resourceId: byId(1), database: byId(1) }));
	},

	// Segment
	'segment/getAll': async () => one(op('segment', 'getAll')),
	'segment/get': async () => [{ parameters: op('segment', 'get', { segment: byId(1) }) }, { parameters: op('segment', 'get', { segment: byId(4) }) }],
	'segment/create': async () =>
		one(op('segment', 'create', { name: 'VIPs', segmentType: 'dynamic', database: byId(1), conditions: { condition: [{ compo: 'default', name: 'is_vip', operator: 'equal', value: 'true' }] } })),
	'segment/update': async () => one(op('segment', 'update', { segment: byId(2), name: 'Readers', segmentType: 'static', database: byId(1) })),
	'segment/delete': async () => one(op('segment', 'delete', { segment: byId(2) })),
	'segment/getStats': async (env) => {
		const [jane] = await customers(env);
		await env.api('profiles/segstatic/add', { segment_id: 1, db_id: 1, profile_id: jane });
		return one(op('segment', 'getStats', { segment: byId(1), resourceId: byId(1) }));
	},
	'segment/refreshStats': async (env) => {
		const [jane] = await customers(env);
		await env.api('profiles/segstatic/add', { segment_id: 1, db_id: 1, profile_id: jane });
		return one(op('segment', 'refreshStats', { segment: byId(1), resourceId: byId(1) }));
	},
	'segment/addProfile': async (env) => {
		const [jane] = await customers(env);
		return one(op('segment', 'addProfile', { segment: byId(1), database: byId(1), profileId: jane }));
	},
	'segment/removeProfile': async (env) => {
		const [jane] = await customers(env);
		await env.api('profiles/segstatic/add', { segment_id: 1, db_id: 1, profile_id: jane });
		return one(op('segment', 'removeProfile', { segment: byId(1), database: byId(1), profileId: jane }));
	},
	'segment/getProfiles': async (env) => {
		const [jane, john] = await customers(env);
		for (const profileId of [jane, john]) await env.api('profiles/segstatic/add', { segment_id: 1, db_id: 1, profile_id: profileId });
		return one(op('segment', 'getProfiles', { segment: byId(1), database: byId(1) }));
	},

	// Suppression List
	'suppressionList/create': async () => one(op('suppressionList', 'create', { name: 'Bounced' })),
	'suppressionList/update': async () => one(op('suppressionList', 'update', { suppressionList: byId(2), name: 'Complaints' })),
	'suppressionList/get': async () => [
		{ parameters: op('suppressionList', 'get', { suppressionList: byId(1) }) },
		{ parameters: op('suppressionList', 'get', { suppressionList: byId(2) }) },
	],
	'suppressionList/getAll': async () => one(op('suppressionList', 'getAll')),
	'suppressionList/delete': async () => one(op('suppressionList', 'delete', { suppressionList: byId(2) })),
	'suppressionList/export': async (env) => {
		await env.api('suppresses/emails_add', { id: 2, emails: ['a@example.com', 'b@example.com'] });
		return one(op('suppressionList', 'export', { suppressionList: byId(2) }));
	},
	'suppressionList/check': async (env) => {
		await env.api('suppresses/email_add', { id: 2, email: 'a@example.com' });
		return [
			{ parameters: op('suppressionList', 'check', { suppressionList: byId(2), email: 'a@example.com' }) },
			{ parameters: op('suppressionList', 'check', { suppressionList: byId(2), email: 'z@example.com' }) },
		];
	},
	'suppressionList/add': async () => one(op('suppressionList', 'add', { suppressionList: byId(2), email: 'a@example.com' })),
	'suppressionList/addMany': async () => one(op('suppressionList', 'addMany', { suppressionList: byId(2), emails: 'a@example.com, b@example.com' })),
	'suppressionList/remove': async (env) => {
		await env.api('suppresses/email_add', { id: 2, email: 'a@example.com' });
		return one(op('suppressionList', 'remove', { suppressionList: byId(2), email: 'a@example.com' }));
	},
	'suppressionList/removeAll': async (env) => {
		await env.api('suppresses/emails_add', { id: 2, emails: ['a@example.com', 'b@example.com'] });
		return one(op('suppressionList', 'removeAll', { suppressionList: byId(2) }));
	},

	// Task
	'task/getStatus': async (env) => {
		await customers(env);
		const started = await env.node(op('database', 'refreshStats', { database: byId(1), resourceId: byId(1), waitForTask: false }));
		const exported = await env.node(op('profile', 'export', { sourceType: 'database', sourceId: 1, exportOutput: 'task' }));
		return [started, exported].map(([item]) => ({ parameters: op('task', 'getStatus', { taskId: item.task_id }) }));
	},

	// Template
	'template/getAll': async () => one(op('template', 'getAll')),
	'template/get': async () => [{ parameters: op('template', 'get', { template: byId(1) }) }, { parameters: op('template', 'get', { template: byId(4) }) }],
	'template/create': async () => one(op('template', 'create', { name: 'Order shipped', channels: emailTemplate })),
	'template/update': async () => one(op('template', 'update', { template: byId(5), name: 'Draft (renamed)', channels: emailTemplate })),
	'template/delete': async () => one(op('template', 'delete', { template: byId(5) })),

	// Mailing
	'mailing/activate': async () => one(op('mailing', 'activate', { mailing: byId(6) })),
	'mailing/deactivate': async () => one(op('mailing', 'deactivate', { mailing: byId(5) })),
	'mailing/getAll': async () => one(op('mailing', 'getAll')),
	'mailing/get': async () => [1, 5, 6, 9].map((id) => ({ parameters: op('mailing', 'get', { mailing: byId(id) }) })),
	'mailing/getStatus': async () => one(op('mailing', 'getStatus', { mailing: byId(5) })),
	'mailing/getLog': async (env) => {
		await subscriber(env, 'a@example.com');
		await env.node(op('mailing', 'activate', { mailing: byId(6), runNow: true }));
		return one(op('mailing', 'getLog', { mailing: byId(6) }));
	},
	'mailing/clone': async () => one(op('mailing', 'clone', { mailing: byId(6) })),
	'mailing/delete': async () => one(op('mailing', 'delete', { mailing: byId(6) })),

	// Regular Mailing
	'regularMailing/getAll': async () => one(op('regularMailing', 'getAll')),
	'regularMailing/get': async () => one(op('regularMailing', 'get', { regularMailing: byId(5) })),
	'regularMailing/create': async () =>
		one(op('regularMailing', 'create', { name: 'Monthly news', audienceType: 'list', database: byId(1), messages, resourceId: byId(1) })),
	'regularMailing/update': async () =>
		one(op('regularMailing', 'update', { regularMailing: byId(5), name: 'Weekly digest', audienceType: 'segment', segment: byId(2), messages, resourceId: byId(1) })),
	'regularMailing/launch': async (env) => {
		await subscriber(env, 'a@example.com');
		return one(op('regularMailing', 'launch', { regularMailing: byId(5), overrideSourceType: 'list', database: byId(1) }));
	},

	// Broadcast Mailing
	'broadcastMailing/getAll': async () => one(op('broadcastMailing', 'getAll')),
	'broadcastMailing/get': async () => one(op('broadcastMailing', 'get', { broadcastMailing: byId(6) })),
	'broadcastMailing/create': async () =>
		one(op('broadcastMailing', 'create', { name: 'Flash sale', audienceType: 'list', database: byId(1), messages, resourceId: byId(1) })),
	'broadcastMailing/update': async () =>
		one(op('broadcastMailing', 'update', { broadcastMailing: byId(6), name: 'Spring sale!', audienceType: 'list', database: byId(1), messages, resourceId: byId(1) })),
	'broadcastMailing/launch': async (env) => {
		await subscriber(env, 'a@example.com');
		await env.node(op('mailing', 'activate', { mailing: byId(6) }));
		return one(op('broadcastMailing', 'launch', { broadcastMailing: byId(6) }));
	},

	// Trigger Mailing
	'triggerMailing/start': async (env) => {
		await subscriber(env, 'anna@example.com');
		return one(op('triggerMailing', 'start', { triggerMailing: byId(1), matching: 'email', email: 'anna@example.com', contentValues: pairs({ order_id: 'A-1' }) }));
	},
	'triggerMailing/importAndStart': async () =>
		one(
			op('triggerMailing', 'importAndStart', {
				triggerMailing: byId(1),
				matching: 'email',
				email: 'new@example.com',
				dataMode: 'json',
				profileJson: JSON.stringify({ _fname: 'Nina', subscriptions: [emailSub(1, 'new@example.com')] }),
			}),
		),
	'triggerMailing/startBatch': async (env) => {
		await subscriber(env, 'anna@example.com');
		await subscriber(env, 'ben@example.com');
		return one(
			op('triggerMailing', 'startBatch', {
				triggerMailing: byId(1),
				matching: 'email',
				profiles: { profile: [{ identifier: 'anna@example.com' }, { identifier: 'ghost@example.com' }, { identifier: 'ben@example.com' }] },
			}),
		);
	},
	'triggerMailing/importAndStartBatch': async (env) => {
		await subscriber(env, 'old@example.com');
		return one(
			op('triggerMailing', 'importAndStartBatch', {
				triggerMailing: byId(1),
				matching: 'email',
				profiles: {
					profile: [
						{ identifier: 'old@example.com', profileData: '{"_fname": "Olga"}' },
						{ identifier: 'nosub@example.com', profileData: '{}' },
					],
				},
			}),
		);
	},
	'triggerMailing/startBatchTask': async (env) => {
		await subscriber(env, 'anna@example.com');
		return one(
			op('triggerMailing', 'startBatchTask', { triggerMailing: byId(1), matching: 'email', profiles: { profile: [{ identifier: 'anna@example.com' }, { identifier: 'ghost@example.com' }] } }),
		);
	},
	'triggerMailing/importAndStartBatchTask': async () =>
		one(
			op('triggerMailing', 'importAndStartBatchTask', {
				triggerMailing: byId(1),
				matching: 'email',
				profilesMode: 'json',
				profilesJson: JSON.stringify([{ data: { email: 'dan@example.com', subscriptions: [emailSub(1, 'dan@example.com')] } }, { data: { email: 'eve@example.com' } }]),
			}),
		),
	'triggerMailing/getAll': async () => one(op('triggerMailing', 'getAll')),
	'triggerMailing/get': async () => [1, 4].map((id) => ({ parameters: op('triggerMailing', 'get', { triggerMailing: byId(id) }) })),
	'triggerMailing/create': async () =>
		one(op('triggerMailing', 'create', { name: 'Shipping', triggerType: 'api_call', sendChannel: 'email', messages: { message: [{ templateId: 1 }] }, resourceId: byId(1) })),
	'triggerMailing/update': async () =>
		one(op('triggerMailing', 'update', { triggerMailing: byId(2), name: 'Abandoned cart', triggerType: 'api_call', messages: { message: [{ templateId: 1 }] }, resourceId: byId(1) })),
	'triggerMailing/clone': async () => one(op('triggerMailing', 'clone', { triggerMailing: byId(1) })),

	// Campaign
	'campaign/getAll': async () => one(op('campaign', 'getAll')),
	'campaign/get': async () => [1, 3].map((id) => ({ parameters: op('campaign', 'get', { campaign: byId(id) }) })),
	'campaign/activate': async () => one(op('campaign', 'activate', { campaign: byId(1) })),
	'campaign/deactivate': async (env) => {
		await env.node(op('campaign', 'activate', { campaign: byId(1) }));
		return one(op('campaign', 'deactivate', { campaign: byId(1) }));
	},
	'campaign/complete': async (env) => {
		await env.node(op('campaign', 'activate', { campaign: byId(1) }));
		return one(op('campaign', 'complete', { campaign: byId(1) }));
	},
	'campaign/getStatus': async () => one(op('campaign', 'getStatus', { campaign: byId(1) })),

	// Scenario
	'scenario/start': async (env) => {
		await subscriber(env, 'anna@example.com');
		return one(op('scenario', 'start', { scenario: byId(1), matching: 'email', email: 'anna@example.com' }));
	},
	'scenario/importAndStart': async () =>
		one(op('scenario', 'importAndStart', { scenario: byId(1), database: byId(1), matching: 'email', email: 'zed@example.com', dataMode: 'json', profileJson: '{"_fname": "Zed"}' })),
	'scenario/importAndStartBatch': async () =>
		one(op('scenario', 'importAndStartBatch', { scenario: byId(1), matching: 'email', profiles: { profile: [{ identifier: 'a@example.com', profileData: '{"_fname": "A"}' }, { identifier: 'b@example.com' }] } })),
	'scenario/importAndStartBatchTask': async () =>
		one(op('scenario', 'importAndStartBatchTask', { scenario: byId(1), matching: 'email', profilesMode: 'json', profilesJson: '[{"data": {"email": "c@example.com"}}]' })),
	'scenario/getAll': async () => one(op('scenario', 'getAll')),
	'scenario/activate': async () => one(op('scenario', 'activate', { scenario: byId(2) })),
	'scenario/deactivate': async () => one(op('scenario', 'deactivate', { scenario: byId(1) })),

	// Senders
	'sender/getAll': async () => one(op('sender', 'getAll')),
	'virtualSender/getAll': async () => one(op('virtualSender', 'getAll')),
	'virtualSender/get': async () => [1, 2].map((id) => ({ parameters: op('virtualSender', 'get', { virtualSender: byId(id) }) })),
	'virtualSender/create': async () =>
		one(op('virtualSender', 'create', { name: 'Split route', emailRules: { sender: [{ type: 'default', value: '', senderId: 1, percent: 100, fromEmail: 'news@example.com', fromName: 'News' }] } })),
	'virtualSender/update': async () => one(op('virtualSender', 'update', { virtualSender: byId(1), name: 'Main route' })),
	'virtualSender/clone': async () => one(op('virtualSender', 'clone', { virtualSender: byId(1) })),
	'virtualSender/delete': async () => one(op('virtualSender', 'delete', { virtualSender: byId(2) })),

	// File, Message
	'file/upload': async () => [{ parameters: op('file', 'upload'), input: [withFile('list.csv', 'email\na@example.com\n', 'text/csv')] }],
	'message/getWebVersion': async (env) => {
		await subscriber(env, 'anna@example.com');
		await env.node(op('triggerMailing', 'start', { triggerMailing: byId(1), matching: 'email', email: 'anna@example.com', contentValues: pairs({ order_id: 'W-1' }) }));
		const send = env.emu.getSends({ channel: 'email' })[0];
		return one(op('message', 'getWebVersion', { sendMessageId: send.smid }));
	},

	// Promo Code
	'promoCode/import': async () => one(op('promoCode', 'import', { loyaltyId: 1, codes: 'VIP-100, VIP-101\nWELCOME-001' })),
	'promoCode/get': async (env) => {
		await env.profile('ann@example.com');
		await env.api('promocodes/attach', { loyalty_id: 1, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'WELCOME-002' });
		return ['WELCOME-001', 'WELCOME-002'].map((code) => ({ parameters: op('promoCode', 'get', { loyaltyId: 1, code }) }));
	},
	'promoCode/getAll': async (env) => {
		await env.profile('ann@example.com');
		await env.api('promocodes/attach', { loyalty_id: 1, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'WELCOME-002' });
		await env.api('promocodes/activate', { loyalty_id: 1, code: 'WELCOME-002' });
		return one(op('promoCode', 'getAll', { loyaltyId: 1 }));
	},
	'promoCode/activate': async (env) => {
		await env.profile('ann@example.com');
		await env.api('promocodes/attach', { loyalty_id: 1, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'WELCOME-001' });
		return one(op('promoCode', 'activate', { loyaltyId: 1, code: 'WELCOME-001' }));
	},
	'promoCode/update': async () => one(op('promoCode', 'update', { loyaltyId: 1, code: 'WELCOME-001', updateFields: { activated: false } })),
	'promoCode/attach': async (env) => {
		await env.profile('ann@example.com');
		return one(op('promoCode', 'attach', { loyaltyId: 1, database: byId(1), matching: 'email', email: 'ann@example.com' }));
	},
	'promoCode/detach': async (env) => {
		await env.profile('ann@example.com');
		await env.api('promocodes/attach', { loyalty_id: 1, db_id: 1, matching: 'email', email: 'ann@example.com', code: 'WELCOME-001' });
		return one(op('promoCode', 'detach', { loyaltyId: 1, database: byId(1), matching: 'email', email: 'ann@example.com', code: 'WELCOME-001' }));
	},

	// Goal, App Push
	'goal/register': async (env) => {
		await env.profile('ann@example.com');
		return one(op('goal', 'register', { database: byId(1), pixelId: 1, matching: 'email', email: 'ann@example.com', goal: 'purchase', value: 100 }));
	},
	'appPush/addEvent': async (env) => {
		await env.profile('ann@example.com', { subscriptions: [{ resource_id: 4, channel: 'push', provider: 'android-firebase', subscription_id: 'fcm-token-ann' }] });
		return one(op('appPush', 'addEvent', { events: 1, launchId: 777, provider: 'android-firebase', subscriptionId: 'fcm-token-ann', uid: 'msg-1' }));
	},

	// Loyalty Program
	'loyalty/registerMember': async (env) => {
		await env.profile('ann@example.com');
		return one(loyalty('registerMember', member));
	},
	'loyalty/removeMember': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('removeMember', member));
	},
	'loyalty/getBalance': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('getBalance', member));
	},
	'loyalty/getTiers': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('getTiers', { ...member, tiersGroupId: 10 }));
	},
	'loyalty/getExpiringPoints': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('getExpiringPoints', { ...member, currencyEid: 'bonus_points', dateFrom: inDays(env.emu, 300), dateTo: inDays(env.emu, 400) }));
	},
	'loyalty/getTransactions': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('getTransactions', { ...member, currencyEid: 'bonus_points' }));
	},
	'loyalty/getTriggerPromotions': async () => one(loyalty('getTriggerPromotions')),
	'loyalty/accruePoints': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('accruePoints', { ...member, amount: '50' }));
	},
	'loyalty/redeemPoints': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('redeemPoints', { ...member, amount: '5' }));
	},
	'loyalty/commitTransaction': async (env) => {
		await loyaltyMember(env);
		return one(op('loyalty', 'commitTransaction', { transactionEid: 'pending-1' }));
	},
	'loyalty/rollbackTransaction': async (env) => {
		await loyaltyMember(env);
		return one(op('loyalty', 'rollbackTransaction', { transactionEid: 'pending-1' }));
	},
	'loyalty/cancelTransaction': async (env) => {
		await loyaltyMember(env);
		const [first] = await env.node(loyalty('getTransactions', { ...member, currencyEid: 'bonus_points' }));
		return one(op('loyalty', 'cancelTransaction', { transactionBy: 'id', transactionId: first.transaction_id }));
	},
	'loyalty/exportTransactions': async (env) => {
		await loyaltyMember(env);
		return one(loyalty('exportTransactions', { currencyEid: 'bonus_points', dateFrom: inDays(env.emu, -1), dateTo: inDays(env.emu, 1) }));
	},

	// Order, Product, SKU
	'order/import': async (env) => {
		await env.profile('ann@example.com');
		return one(typedOrderWithFields('order-1001'));
	},
	'product/import': async () =>
		one(op('product', 'import', { importInput: 'fields', externalId: 'tshirt', name: 'T-shirt', productFields: { price: '20', currency: 'RUB' } })),
	'sku/import': async (env) => {
		await catalogue(env);
		return one(op('sku', 'import', { importInput: 'fields', externalId: 'tshirt-s', name: 'T-shirt S', productExternalId: 'tshirt', skuFields: { price: '19', currency: 'RUB' } }));
	},
	'order/getAll': async (env) => {
		await env.profile('ann@example.com');
		await env.node(typedOrderWithFields('order-1001'));
		return one(op('order', 'getAll'));
	},
	'order/getStatus': async (env) => {
		await env.profile('ann@example.com');
		await env.node(typedOrderWithFields('order-1001'));
		return one(op('order', 'getStatus', { externalId: 'order-1001' }));
	},
	'order/updateLineStatus': async (env) => {
		await env.profile('ann@example.com');
		await env.node(typedOrderWithFields('order-1001'));
		return one(op('order', 'updateLineStatus', { orderExternalId: 'order-1001', lineExternalId: 'line-1', status: 'packed' }));
	},
	'order/delete': async (env) => {
		await env.profile('ann@example.com');
		await env.node(typedOrderWithFields('order-1001'));
		return one(op('order', 'delete', { externalId: 'order-1001' }));
	},
	'order/preorder': async (env) => {
		await env.profile('ann@example.com');
		await catalogue(env);
		return one(op('order', 'preorder', { externalId: 'order-77', matching: 'email', email: 'ann@example.com', ...preorderFields }));
	},
	'order/preorderCommit': async (env) => {
		await env.profile('ann@example.com');
		await catalogue(env);
		return one(op('order', 'preorderCommit', { externalId: 'order-77', memberBy: 'email', email: 'ann@example.com', ...preorderFields, finalTotalPrice: '63.00' }));
	},
	'product/getAll': async (env) => {
		await catalogue(env);
		return one(op('product', 'getAll'));
	},
	'product/delete': async (env) => {
		await catalogue(env);
		return one(op('product', 'delete', { externalIds: 'mug' }));
	},
	'sku/getAll': async (env) => {
		await catalogue(env);
		return one(op('sku', 'getAll'));
	},
	'sku/delete': async (env) => {
		await catalogue(env);
		return one(op('sku', 'delete', { externalIds: 'tshirt-l' }));
	},
};

/**
 * Runs one operation's scenario against the emulator, reset to its seed first, through n8n's real engine with the
 * node's defaults for everything the scenario does not set. Returns the json of every output item; throws when a
 * run fails or outputs nothing.
 */
export async function sampleOutputs(emu: ScenarioEmulator, key: string): Promise<IDataObject[]> {
	const scenario = SCENARIOS[key];
	if (!scenario) throw new Error(`no output scenario for ${key}`);
	emu.reset();
	const node = async (parameters: IDataObject, input?: INodeExecutionData[]): Promise<IDataObject[]> => {
		const run = await runAltcraft({ baseUrl: emu.url, token: emu.tokens.admin, parameters: parameters as INodeParameters, input });
		if (run.status !== 'success') throw new Error(`${String(parameters.resource)}/${String(parameters.operation)} failed: ${run.error?.message ?? run.status}`);
		return run.items.map((item) => item.json);
	};
	const env: ScenarioEnv = {
		emu,
		node,
		api: async (path, body) => {
			const response = await fetch(`${emu.url}/api/v1.1/${path}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ token: emu.tokens.admin, ...body }),
			});
			const answer = (await response.json()) as IDataObject;
			if (answer.error !== 0) throw new Error(`${path}: ${String(answer.error)} ${String(answer.error_text)}`);
			return answer;
		},
		profile: async (email, data = {}, dbId = 1) => {
			const answer = await env.api('profiles/import', { db_id: dbId, matching: 'email', email, data: { email, ...data } });
			return answer.profile_id as string;
		},
	};
	const outputs: IDataObject[] = [];
	for (const sample of await scenario(env)) {
		const items = await node(sample.parameters, sample.input);
		if (items.length === 0) throw new Error(`${key}: a sample run output no items`);
		outputs.push(...items);
	}
	return outputs;
}
