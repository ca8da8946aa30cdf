/**
 * A corpus of malformed inputs, through n8n's real engine against the emulator, across operations and resources.
 *
 * Each rejected input gets a NodeOperationError that names the field and the item, before anything of that item is
 * sent:
 * - stop on error, the bad item first: the run fails with that error and the emulator received no request at all;
 * - Continue On Fail, the bad item between two good ones: the bad item's output is the error, the good ones go
 *   through, and nothing of the bad item reached the emulator.
 * Inputs the platform accepts (emoji, right-to-left text, lone surrogates — escaped by JSON —, a 9.5 MB value) are
 * passed through and stored exactly. Field names the database lacks are left to the platform: its 450 names the
 * field and becomes that item's error (see the README, "Reliability").
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { byId, runAltcraft, type AltcraftRun } from '../helpers/altcraftWorkflow';
import { api, emulatorHasRoute, startEmulator, type Emulator } from './support';

jest.setTimeout(120_000);

let emu: Emulator;
let ids: string[] = [];
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(async () => emu.close());

/** Three existing profiles, good0…good2@example.com, each subscribed to resource 1; then a clean request log. */
async function seed() {
	emu.reset();
	ids = [];
	for (let i = 0; i < 3; i++) {
		const answer = await api(emu, 'profiles/import', {
			db_id: 1,
			matching: 'email',
			email: `good${i}@example.com`,
			data: {
				email: `good${i}@example.com`,
				crm_id: `CRM-${i}`,
				phones: [`+7900000000${i}`],
				subscriptions: [
					{ resource_id: 1, channel: 'email', email: `good${i}@example.com`, status: 'subscribed' },
					{ resource_id: 4, channel: 'push', provider: 'Firefox', subscription_id: `device-${i}`, status: 'subscribed' },
				],
			},
		});
		ids.push(String(answer.profile_id));
	}
	emu.requests.length = 0;
}

// ------------------------------------------------------------------------------------------------- templates
// Node parameters that read the per-item values from the input item, so that good and bad items share them.

const MB = 1024 * 1024;
const rl = (expression: string) => ({ __rl: true, mode: 'id', value: expression });

const upsertJson: INodeParameters = {
	resource: 'profile',
	operation: 'upsert',
	database: rl('={{ $json.db ?? 1 }}'),
	matching: 'email',
	email: '={{ $json.email }}',
	dataMode: 'json',
	profileJson: '={{ $json.data ?? "{}" }}',
	options: {},
};
const upsertField = (field: IDataObject): INodeParameters => ({
	...upsertJson,
	dataMode: 'fields',
	profileFields: { field: [{ name: '={{ $json.field }}', value: '={{ $json.value }}', ...field }] },
});
const upsertSubscription: INodeParameters = {
	...upsertJson,
	subscriptions: {
		subscription: [{ resourceId: '={{ $json.rid ?? 1 }}', channel: 'email', email: '={{ $json.subEmail ?? $json.email }}', customFields: '={{ $json.cf ?? "{}" }}' }],
	},
};
const withOptions = (options: IDataObject): INodeParameters => ({ ...upsertJson, options: options as INodeParameters });
const withAdditional = (additionalFields: IDataObject): INodeParameters => ({ ...upsertJson, additionalFields: additionalFields as INodeParameters });
const updateById: INodeParameters = { ...upsertJson, operation: 'update', matching: 'profile_id', profileId: '={{ $json.profileId }}' };
const updateByCustom: INodeParameters = { ...upsertJson, operation: 'update', matching: 'custom', fieldName: '={{ $json.fieldName ?? "crm_id" }}', fieldValue: '={{ $json.crm }}' };
const create: INodeParameters = { resource: 'profile', operation: 'create', database: byId(1), dataMode: 'json', profileJson: '={{ $json.data }}', options: {} };
const getProfile = (matching: string, extra: IDataObject = {}): INodeParameters => ({
	resource: 'profile',
	operation: 'get',
	database: byId(1),
	matching,
	email: '={{ $json.email }}',
	phone: '={{ $json.phone }}',
	pushProvider: '={{ $json.provider }}',
	pushSubscriptionId: '={{ $json.device }}',
	options: {},
	...extra,
});
const deleteProfile: INodeParameters = { resource: 'profile', operation: 'delete', database: byId(1), matching: 'email', email: '={{ $json.email }}', options: {} };
const setSubscription: INodeParameters = {
	resource: 'subscription',
	operation: 'upsert',
	database: byId(1),
	profileId: '={{ $json.profileId }}',
	resourceId: rl('={{ $json.rid ?? 1 }}'),
	channel: 'email',
	email: '={{ $json.email }}',
	additionalFields: { registrationDate: '={{ $json.regDate ?? "2024-01-31T10:00:00Z" }}', customFields: '={{ $json.cf ?? "{}" }}' },
	options: {},
};
const history: INodeParameters = {
	resource: 'history',
	operation: 'get',
	database: byId(1),
	identifyBy: 'matching',
	matching: 'email',
	email: '={{ $json.email }}',
	dateFrom: '={{ $json.from ?? "2024-01-01" }}',
	dateTo: '',
	options: {},
};
const suppress = (entryType: string): INodeParameters => ({
	resource: 'suppressionList',
	operation: 'add',
	suppressionList: byId(2),
	entryType,
	email: '={{ $json.email }}',
	phone: '={{ $json.phone }}',
	options: {},
});
const launch: INodeParameters = {
	resource: 'triggerMailing',
	operation: 'start',
	triggerMailing: byId(1),
	matching: 'email',
	email: '={{ $json.email }}',
	contentMode: 'json',
	contentJson: '={{ $json.content ?? "{}" }}',
	options: {},
};
const custom: INodeParameters = {
	resource: 'customApiCall',
	operation: 'request',
	path: '={{ $json.path ?? "databases/list/" }}',
	body: '={{ $json.body ?? "{}" }}',
	modifiesData: false,
	options: {},
};

// ------------------------------------------------------------------------------------------------- the corpus

interface Rejected {
	title: string;
	parameters: INodeParameters;
	/** The bad item's values (over the good item's). */
	bad: IDataObject;
	/** What the message names: the field's label. */
	field: string;
	/** Further text the message must hold. */
	problem?: RegExp;
	/** The good items' own values (over the defaults: email goodN@example.com, profileId of goodN). */
	good?: IDataObject;
	/** A string that would be in the bad item's request if it were sent. Default: its e-mail. */
	marker?: string;
	/** The problem is in a parameter every item shares: with Continue On Fail every item gets the error. */
	allItems?: boolean;
	skip?: string;
}

const TRIGGERS = emulatorHasRoute('/api/v1.1/campaigns/triggers/start/') ? undefined : 'the emulator has no campaigns/triggers/start/ yet';

const rejected: Rejected[] = [
	// Profile → Create or Update, Profile Data (JSON)
	{ title: 'invalid JSON in a JSON field', parameters: upsertJson, bad: { data: '{"_fname": ' }, field: 'Profile Data (JSON)', problem: /is not valid JSON/ },
	{ title: 'a JSON array where an object is expected', parameters: upsertJson, bad: { data: '[1, 2]' }, field: 'Profile Data (JSON)', problem: /must be a JSON object/ },
	{ title: 'a JSON string where an object is expected', parameters: upsertJson, bad: { data: '"text"' }, field: 'Profile Data (JSON)', problem: /must be a JSON object/ },
	{ title: 'a JSON number where an object is expected', parameters: upsertJson, bad: { data: '42' }, field: 'Profile Data (JSON)', problem: /must be a JSON object/ },
	{ title: 'a missing required field (the matching e-mail)', parameters: upsertJson, bad: { email: '' }, field: 'Email', problem: /is required/, marker: 'bad-missing' },
	{ title: 'null for a required field', parameters: upsertJson, bad: { email: null }, field: 'Email', marker: 'bad-null' },
	{ title: 'whitespace only for a required field', parameters: upsertJson, bad: { email: '   ' }, field: 'Email', marker: 'bad-blank' },
	{ title: 'a number where an e-mail is expected', parameters: upsertJson, bad: { email: 42 }, field: 'Email', problem: /"42" is not an e-mail address/, marker: '"42"' },
	{ title: 'an object where an e-mail is expected', parameters: upsertJson, bad: { email: { address: 'a@example.com' } }, field: 'Email', marker: 'address' },
	{ title: 'a malformed e-mail (no @)', parameters: upsertJson, bad: { email: 'not-an-email' }, field: 'Email', problem: /is not an e-mail address/ },
	{ title: 'a malformed e-mail (no domain dot)', parameters: upsertJson, bad: { email: 'jane@localhost' }, field: 'Email' },
	{ title: 'a malformed e-mail (a space)', parameters: upsertJson, bad: { email: 'ja ne@example.com' }, field: 'Email' },
	// "Match Profile By" takes no expression: an unknown mode comes from an imported or hand-edited workflow, for all items.
	{ title: 'an unknown matching mode', parameters: { ...upsertJson, matching: 'fingerprint' }, bad: {}, field: 'Match Profile By', problem: /"fingerprint" is not a matching mode/, allItems: true },
	{ title: 'a database ID that is text', parameters: upsertJson, bad: { db: 'customers' }, field: 'Database', problem: /whole number/ },
	{ title: 'a database ID of 0 (out of range)', parameters: upsertJson, bad: { db: 0 }, field: 'Database', problem: /between 1 and/ },
	{ title: 'a negative database ID', parameters: upsertJson, bad: { db: -5 }, field: 'Database', problem: /between 1 and/ },
	{ title: 'a fractional database ID', parameters: upsertJson, bad: { db: 1.5 }, field: 'Database', problem: /whole number/ },
	{ title: 'a database ID beyond 2^53 (out of range)', parameters: upsertJson, bad: { db: '99999999999999999999' }, field: 'Database', problem: /between 1 and 9007199254740991/ },
	// … known system fields, checked by type (the table SYSTEM_PROFILE_FIELDS)
	{ title: 'system field email: not an e-mail', parameters: upsertJson, bad: { data: { email: 'nope' } }, field: 'Profile Data (JSON) → email', problem: /must be an e-mail address/ },
	{ title: 'system field email: null (cannot be cleared)', parameters: upsertJson, bad: { data: { email: null } }, field: 'Profile Data (JSON) → email', problem: /cannot be cleared/ },
	{ title: 'system field phones: text instead of a list', parameters: upsertJson, bad: { data: { phones: '+79000000000' } }, field: 'Profile Data (JSON) → phones', problem: /list of phone numbers/ },
	{ title: 'system field phones: numbers in the list', parameters: upsertJson, bad: { data: { phones: [79000000000] } }, field: 'Profile Data (JSON) → phones' },
	{ title: 'system field _bdate: DD.MM.YYYY', parameters: upsertJson, bad: { data: { _bdate: '31.12.1990' } }, field: 'Profile Data (JSON) → _bdate', problem: /RFC 3339/ },
	{ title: 'system field _bdate: a day that does not exist', parameters: upsertJson, bad: { data: { _bdate: '1990-02-30' } }, field: 'Profile Data (JSON) → _bdate' },
	{ title: 'system field _bdate: an empty string', parameters: upsertJson, bad: { data: { _bdate: '' } }, field: 'Profile Data (JSON) → _bdate', problem: /an empty string/ },
	{ title: 'system field _regdate: a word', parameters: upsertJson, bad: { data: { _regdate: 'yesterday' } }, field: 'Profile Data (JSON) → _regdate' },
	{ title: 'system field _regdate: hour 25', parameters: upsertJson, bad: { data: { _regdate: '2024-01-01T25:00:00Z' } }, field: 'Profile Data (JSON) → _regdate' },
	{ title: 'system field _status: 7 (out of range)', parameters: upsertJson, bad: { data: { _status: 7 } }, field: 'Profile Data (JSON) → _status', problem: /from 0 to 6/ },
	{ title: 'system field _status: -1 (out of range)', parameters: upsertJson, bad: { data: { _status: -1 } }, field: 'Profile Data (JSON) → _status' },
	{ title: 'system field _status: text', parameters: upsertJson, bad: { data: { _status: '3' } }, field: 'Profile Data (JSON) → _status' },
	{ title: 'system field _status: a fraction', parameters: upsertJson, bad: { data: { _status: 2.5 } }, field: 'Profile Data (JSON) → _status' },
	{ title: 'system field _status: out of range through {"action": "set"}', parameters: upsertJson, bad: { data: { _status: { action: 'set', value: 9 } } }, field: 'Profile Data (JSON) → _status' },
	{ title: 'system field _fname: a number', parameters: upsertJson, bad: { data: { _fname: 123 } }, field: 'Profile Data (JSON) → _fname', problem: /must be text/ },
	{ title: 'system field _fname: an object', parameters: upsertJson, bad: { data: { _fname: { first: 'A' } } }, field: 'Profile Data (JSON) → _fname' },
	{ title: 'system field _tz: a boolean', parameters: upsertJson, bad: { data: { _tz: false } }, field: 'Profile Data (JSON) → _tz' },
	{ title: 'system field _ip: not an address', parameters: upsertJson, bad: { data: { _ip: '999.1.1.1' } }, field: 'Profile Data (JSON) → _ip', problem: /IPv4 or IPv6/ },
	{ title: 'a number out of range for JSON (1e400 becomes Infinity)', parameters: upsertJson, bad: { data: '{"orders_count": 1e400}' }, field: 'Profile Data (JSON) → orders_count', problem: /Infinity/ },
	{ title: 'a 10 MB+ value', parameters: upsertJson, bad: { data: { _fname: 'x'.repeat(10.5 * MB) } }, field: 'Field "data._fname"', problem: /10\.5 MB.*at most 10 MB/ },
	// … Field by Field
	{ title: 'Field by Field: text in a Number field', parameters: upsertField({ valueType: 'number' }), good: { field: 'orders_count', value: 5 }, bad: { field: 'orders_count', value: 'many' }, field: 'Field "orders_count"', problem: /must be a number/ },
	{ title: 'Field by Field: an out-of-range number (1e400)', parameters: upsertField({ valueType: 'number' }), good: { field: 'orders_count', value: 5 }, bad: { field: 'orders_count', value: '1e400' }, field: 'Field "orders_count"', problem: /must be a number/ },
	{ title: 'Field by Field: a word in a Boolean field', parameters: upsertField({ valueType: 'boolean' }), good: { field: 'is_vip', value: true }, bad: { field: 'is_vip', value: 'maybe' }, field: 'Field "is_vip"', problem: /true or false/ },
	{ title: 'Field by Field: invalid JSON in a JSON value', parameters: upsertField({ valueType: 'json' }), good: { field: 'purchases', value: '[]' }, bad: { field: 'purchases', value: '[{' }, field: 'Field "purchases"', problem: /is not valid JSON/ },
	{ title: 'Field by Field: an empty field name', parameters: upsertField({}), good: { field: 'crm_id', value: 'A' }, bad: { field: '' }, field: 'Fields → Field Name', problem: /is required/ },
	{ title: 'Field by Field: Increment by a word', parameters: upsertField({ action: 'incr' }), good: { field: 'orders_count', value: 1 }, bad: { field: 'orders_count', value: 'abc' }, field: 'Field "orders_count"', problem: /must be a number/ },
	{
		title: 'Field by Field: Create or Update without a property path',
		parameters: upsertField({ action: 'upsert', submatch: '={{ $json.sub }}' }),
		good: { field: 'prefs', value: 'x', sub: 'a.b' },
		bad: { field: 'prefs', value: 'x', sub: '' },
		field: 'Field "prefs" → Property Path',
		problem: /is required/,
	},
	{ title: 'Field by Field: _status typed as text', parameters: upsertField({}), good: { field: '_status', value: 1 }, bad: { field: '_status', value: '3' }, field: 'Field "_status"', problem: /Value Type|from 0 to 6/ },
	{ title: 'Field by Field: phones as one string', parameters: upsertField({}), good: { field: 'phones', value: ['+79000000001'] }, bad: { field: 'phones', value: '+79000000000' }, field: 'Field "phones"' },
	// … Subscriptions, Additional Fields, Options
	{ title: 'Subscriptions: resource ID 0', parameters: upsertSubscription, bad: { rid: 0 }, field: 'Subscriptions → #1 → Resource ID', problem: /between 1 and/ },
	{ title: 'Subscriptions: resource ID as a word', parameters: upsertSubscription, bad: { rid: 'newsletter' }, field: 'Subscriptions → #1 → Resource ID' },
	{ title: 'Subscriptions: a malformed e-mail', parameters: upsertSubscription, bad: { subEmail: 'nope@' }, field: 'Subscriptions → #1 → Email' },
	{ title: 'Subscriptions: invalid JSON in Subscription Fields', parameters: upsertSubscription, bad: { cf: '{"_device_type": web}' }, field: 'Subscriptions → #1 → Subscription Fields (JSON)', problem: /is not valid JSON/ },
	{ title: 'Additional Fields: segment IDs that are words', parameters: withAdditional({ addToSegments: '={{ $json.segs ?? "" }}' }), bad: { segs: 'vip, b2b' }, field: 'Additional Fields → Add to Static Segments', problem: /whole number/ },
	{ title: 'Options: invalid JSON in Additional Body Fields', parameters: withOptions({ additionalBodyFields: '={{ $json.extra ?? "{}" }}' }), bad: { extra: '{oops' }, field: 'Options → Additional Body Fields (JSON)', problem: /is not valid JSON/ },
	{ title: 'Options: a "token" in Additional Body Fields', parameters: withOptions({ additionalBodyFields: '={{ $json.extra ?? "{}" }}' }), bad: { extra: '{"token": "x"}' }, field: 'Options → Additional Body Fields (JSON)', problem: /must not contain "token"/ },
	{ title: 'Options: Max Retries out of range', parameters: withOptions({ maxRetries: '={{ $json.mr ?? 1 }}' }), bad: { mr: 99 }, field: 'Options → maxRetries', problem: /between 0 and 20/ },
	// Profile → Update, Create, Get, Delete
	{ title: 'Update: a profile ID that is not one', parameters: updateById, bad: { profileId: 'xyz' }, field: 'Profile ID', problem: /24 hexadecimal/ },
	{ title: 'Update: an empty profile ID', parameters: updateById, bad: { profileId: '' }, field: 'Profile ID', problem: /is required/ },
	{ title: 'Update: an empty custom field name', parameters: updateByCustom, good: { crm: 'CRM-0' }, bad: { fieldName: '', crm: 'CRM-1' }, field: 'Custom Field Name', problem: /is required/, marker: 'CRM-1' },
	{ title: 'Create: a malformed e-mail in the data', parameters: create, good: { data: { _fname: 'New' } }, bad: { data: { email: 'x@' } }, field: 'Profile Data (JSON) → email', marker: 'x@' },
	{ title: 'Get: a malformed e-mail', parameters: getProfile('email'), bad: { email: 'jane.example.com' }, field: 'Email' },
	{ title: 'Get by phone: an empty phone', parameters: getProfile('phone'), bad: { phone: '' }, field: 'Phone', problem: /is required/, marker: 'never-sent' },
	{ title: 'Get by push subscription: no provider', parameters: getProfile('push_sub'), bad: { provider: '' }, field: 'Push Provider', marker: 'never-sent' },
	{ title: 'Delete: a missing e-mail', parameters: deleteProfile, bad: { email: '' }, field: 'Email', problem: /is required/, marker: 'bad-missing' },
	// Subscription → Create or Update
	{ title: 'Subscription: a malformed e-mail', parameters: setSubscription, bad: { email: 'jane@' }, field: 'Email' },
	{ title: 'Subscription: a malformed registration date', parameters: setSubscription, bad: { regDate: '31/12/2024 10:00' }, field: 'Additional Fields → Registration Date', problem: /date and time/ },
	{ title: 'Subscription: a registration date in month 13', parameters: setSubscription, bad: { regDate: '2024-13-01T00:00:00Z' }, field: 'Additional Fields → Registration Date' },
	{ title: 'Subscription: invalid JSON in Subscription Fields', parameters: setSubscription, bad: { cf: '{' }, field: 'Additional Fields → Subscription Fields (JSON)' },
	{ title: 'Subscription: a resource ID as a word', parameters: setSubscription, bad: { rid: 'sms' }, field: 'Resource', problem: /whole number/ },
	{ title: 'Subscription: a profile ID that is not one', parameters: setSubscription, bad: { profileId: 'not-a-profile' }, field: 'Profile ID' },
	// Action History → Get
	{ title: 'History: a date that is a word', parameters: history, bad: { from: 'last monday' }, field: 'From Date', problem: /date like 2024-01-31/ },
	{ title: 'History: a date with slashes', parameters: history, bad: { from: '2024/01/31' }, field: 'From Date' },
	{ title: 'History: a date that does not exist', parameters: history, bad: { from: '2024-02-30' }, field: 'From Date' },
	// Suppression List → Add One
	{ title: 'Suppression list: an e-mail without @', parameters: suppress('email'), bad: { email: 'john.example.com' }, field: 'Email', problem: /is not an e-mail address/ },
	{ title: 'Suppression list: an empty phone', parameters: suppress('phone'), good: { phone: '+79000000001' }, bad: { phone: '' }, field: 'Phone', marker: 'never-sent' },
	// Trigger Mailing → Launch
	{ title: 'Trigger launch: invalid JSON in content', parameters: launch, bad: { email: 'good1@example.com', content: '{"order_id": A-1}' }, field: 'Content Variables (JSON)', problem: /is not valid JSON/, marker: 'A-1', skip: TRIGGERS },
	{ title: 'Trigger launch: content that is a list', parameters: launch, bad: { email: 'good1@example.com', content: '["A-1"]' }, field: 'Content Variables (JSON)', marker: 'A-1', skip: TRIGGERS },
	{ title: 'Trigger launch: a malformed e-mail', parameters: launch, bad: { email: 'good1@' }, field: 'Email', skip: TRIGGERS },
	// Custom API Call
	{ title: 'Custom call: a full URL as the path', parameters: custom, bad: { path: 'https://evil.example/api/v1.1/x' }, field: 'Path', problem: /not a full URL/, marker: 'evil.example' },
	{ title: 'Custom call: ".." in the path', parameters: custom, bad: { path: 'profiles/../../secret' }, field: 'Path', marker: '../' },
	{ title: 'Custom call: a query in the path', parameters: custom, bad: { path: 'profiles/list?token=x' }, field: 'Path', marker: 'token=x' },
	{ title: 'Custom call: invalid JSON in the body', parameters: custom, bad: { body: '{db_id: 1}' }, field: 'Body (JSON)', problem: /is not valid JSON/, marker: 'never-sent' },
	{ title: 'Custom call: a "token" in the body', parameters: custom, bad: { body: '{"Token": "abc-never-sent"}' }, field: 'Body (JSON)', marker: 'abc-never-sent' },
	{ title: 'Custom call: a body over 10 MB', parameters: custom, bad: { body: JSON.stringify({ note: 'y'.repeat(10.2 * MB) }) }, field: 'Field "note"', problem: /at most 10 MB/, marker: 'yyyyyyyyyy' },
];

// ------------------------------------------------------------------------------------------------- runs

const goodItem = (i: number, test: Rejected): IDataObject => ({
	email: `good${i}@example.com`,
	profileId: ids[i],
	crm: `CRM-${i}`,
	phone: `+7900000000${i}`,
	provider: 'Firefox',
	device: `device-${i}`,
	...(test.good ?? {}),
});
const badItem = (i: number, test: Rejected): IDataObject => ({ ...goodItem(i, test), email: `bad${i}@example.com`, ...test.bad });
const items = (...json: IDataObject[]): INodeExecutionData[] => json.map((j) => ({ json: j }));
const run = (parameters: INodeParameters, input: INodeExecutionData[], continueOnFail = false) =>
	runAltcraft({ baseUrl: emu.url, token: emu.tokens.admin, parameters, input, node: continueOnFail ? { continueOnFail: true } : {} });
const sentText = () => emu.requests.map((request) => `${request.path} ${typeof request.body === 'string' ? request.body : JSON.stringify(request.body)}`).join('\n');

function expectNamed(message: unknown, test: Rejected, itemIndex: number) {
	expect(message).toEqual(expect.any(String));
	expect(message).toContain(`${test.field}: `);
	expect(message).toContain(`(item ${itemIndex})`);
	if (test.problem) expect(message).toMatch(test.problem);
}

describe('malformed inputs are refused before anything of the item is sent', () => {
	test('the corpus has at least 50 malformed inputs across several resources', () => {
		expect(rejected.length).toBeGreaterThanOrEqual(50);
		const resources = new Set(rejected.map((test) => test.parameters.resource));
		expect(resources.size).toBeGreaterThanOrEqual(6);
	});

	for (const test_ of rejected) {
		(test_.skip ? test.skip : test)(`${test_.title}${test_.skip ? ` (skipped: ${test_.skip})` : ''}`, async () => {
			await seed();
			// Stop on error, the bad item first: a NodeOperationError naming field and item, and no request at all.
			const stopped = await run(test_.parameters, items(badItem(0, test_), goodItem(1, test_)));
			expect(stopped.status).toBe('error');
			expect(stopped.error?.name).toBe('NodeOperationError');
			expectNamed(stopped.error?.message, test_, 0);
			expect(emu.requests).toHaveLength(0);

			// Continue On Fail, the bad item between good ones: its error, the others go through, it is never sent.
			const continued = await run(test_.parameters, items(goodItem(0, test_), badItem(1, test_), goodItem(2, test_)), true);
			expect(continued.status).toBe('success');
			if (test_.allItems) {
				continued.items.forEach((item, i) => expectNamed(item.json.error, test_, i));
				expect(emu.requests).toHaveLength(0);
				return;
			}
			// Outputs in input order (a Get Many may give several per input), exactly one for the bad item: its error.
			const indices = continued.items.map((item) => (item.pairedItem as { item: number }).item);
			expect(indices).toEqual([...indices].sort());
			expect(new Set(indices)).toEqual(new Set([0, 1, 2]));
			const [errorItem, ...more] = continued.items.filter((_, n) => indices[n] === 1);
			expect(more).toHaveLength(0);
			expectNamed(errorItem.json.error, test_, 1);
			expect(errorItem.json.description).toEqual(expect.any(String)); // the error's hint travels with it
			expect(continued.items.filter((_, n) => indices[n] !== 1).map((item) => item.json.error)).not.toContainEqual(expect.anything());
			expect(emu.requests.length).toBeGreaterThan(0);
			const marker = test_.marker ?? String(badItem(1, test_).email);
			expect(sentText()).not.toContain(marker);
		});
	}
});

// ------------------------------------------------------------------------------------------------- accepted

interface Accepted {
	title: string;
	data: IDataObject;
	/** What the platform stores; default: data as sent. */
	stored?: IDataObject;
}

const accepted: Accepted[] = [
	{ title: 'emoji (astral plane, skin tones)', data: { _fname: 'Jane 😀👍🏽', _lname: '🦄' } },
	{ title: 'a ZWJ emoji sequence', data: { _fname: '👨‍👩‍👧‍👦' } },
	{ title: 'right-to-left text (Arabic)', data: { _fname: 'مرحبا بالعالم', _city: 'القاهرة' } },
	{ title: 'right-to-left text mixed with left-to-right (Hebrew)', data: { _fname: 'שלום Jane', _lname: '\u202Eevil\u202C' } },
	{ title: 'a lone high surrogate (escaped by JSON)', data: { _fname: 'ab\uD800cd' } },
	{ title: 'a lone low surrogate (escaped by JSON)', data: { _fname: '\uDFFFx' } },
	{ title: 'combining marks and NUL-free control-like text', data: { _fname: 'e\u0301\u0327', _lname: 'tab\tand\nnewline' } },
	{ title: 'RFC 3339 and plain dates', data: { _bdate: '1990-02-22T21:00:00.123+03:00', _regdate: '2001-12-31' } },
	{ title: 'a phone list and a status number', data: { phones: ['+79000000000', '+7 900 000-00-01'], _status: 0 } },
	{ title: 'null clears a system field', data: { _fname: null }, stored: {} },
	{ title: 'a 9.5 MB value (sent alone, under the 10 MB limit)', data: { _fname: 'z'.repeat(9.5 * MB) } },
];

describe('inputs the platform accepts are passed through and stored exactly', () => {
	test.each(accepted.map((entry) => [entry.title, entry] as const))('%s', async (_title, entry) => {
		await seed();
		const email = 'accept@example.com';
		const input = items({ email, data: entry.data }, { email: 'good1@example.com', data: { _fname: 'Other' } });
		const result = await run(upsertJson, input);
		expect(result.error?.message).toBeUndefined();
		expect(result.items.map((item) => item.json.error)).toEqual([undefined, undefined]);
		const profile = emu.store.getProfileByEmail(1, email) as IDataObject;
		expect(profile).toBeDefined();
		for (const [name, value] of Object.entries(entry.stored ?? entry.data)) expect(profile[name]).toEqual(value);
		if (entry.stored) for (const name of Object.keys(entry.data)) if (!(name in entry.stored)) expect(profile[name]).toBeUndefined();
		// Whatever went over the wire was valid UTF-8 JSON (lone surrogates as \ud800 escapes): the platform parsed it.
		expect(emu.requests.every((request) => typeof request.body === 'object')).toBe(true);
	});
});

// ------------------------------------------------------------------------------------------------- left to the platform

describe('field names the database lacks are refused by the platform (450) and named in that item’s error', () => {
	let result: AltcraftRun;
	beforeAll(async () => {
		await seed();
		result = await run(
			upsertJson,
			items({ email: 'n0@example.com', data: { _fname: 'A' } }, { email: 'n1@example.com', data: { _fname: 'B', loyalty_tier: 'gold' } }, { email: 'n2@example.com', data: { _fname: 'C' } }),
			true,
		);
	});

	test('the item with the unknown field gets the platform’s error naming the field; the others are applied', () => {
		expect(result.items).toHaveLength(3);
		expect(result.items[1].json).toMatchObject({ errorCode: 450, error: expect.stringMatching(/Altcraft error 450.*'loyalty_tier'/) });
		expect(result.items[1].json.description).toMatch(/unknown field/);
		expect(result.items[0].json.profile_id).toEqual(expect.any(String));
		expect(result.items[2].json.profile_id).toEqual(expect.any(String));
		expect(emu.store.getProfileByEmail(1, 'n1@example.com')).toBeUndefined();
		expect(emu.store.getProfileByEmail(1, 'n0@example.com')).toBeDefined();
		// One batch request, and no extra call to read the database's fields.
		expect(emu.requests.map((request) => request.path)).toEqual(['/api/v1.1/profiles/import_batch']);
	});

	test('without Continue On Fail the run stops with that error and names the item', async () => {
		await seed();
		const before = emu.ledger.length;
		const stopped = await run(upsertJson, items({ email: 'm0@example.com', data: { no_such_field: 1 } }));
		expect(stopped.status).toBe('error');
		expect(stopped.error?.message).toMatch(/Altcraft error 450.*'no_such_field'/);
		expect(stopped.error?.context?.itemIndex).toBe(0);
		expect(emu.ledger).toHaveLength(before);
	});
});
