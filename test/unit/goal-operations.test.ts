import { db } from '../helpers/fakeContext';
import { operationRows, PID, secondItemFails, validationRows, type Row } from '../helpers/operationRows';

// Goal operations (51-goals-events.md): goals/register with one goal (goal + value) or several (goals[]), the
// profile found by email, email_profile, phone, profile_id or custom (no resource_id), optional event data.

const base = { resource: 'goal', operation: 'register', options: {}, database: db(1), pixelId: 3, additionalFields: {} };
const one = { ...base, goalMode: 'one', matching: 'email', email: 'john@example.com' };

const rows: Row[] = [
	{
		title: 'One goal with a value and event data',
		params: { ...one, goal: 'purchase', value: 59.9, additionalFields: { pixelData: '{"order_id": "A-1001", "channel": "web"}' } },
		path: '/api/v1.1/goals/register',
		body: { db_id: 1, pixel_id: 3, matching: 'email', email: 'john@example.com', goal: 'purchase', value: 59.9, pixel_data: { order_id: 'A-1001', channel: 'web' } },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'One goal without a value (0 sends none)',
		params: { ...one, goal: 'signup', value: 0 },
		path: '/api/v1.1/goals/register',
		body: { db_id: 1, pixel_id: 3, matching: 'email', email: 'john@example.com', goal: 'signup' },
		modifying: true,
	},
	{
		title: 'A negative value (a refund)',
		params: { ...one, goal: 'refund', value: -20 },
		path: '/api/v1.1/goals/register',
		body: { db_id: 1, pixel_id: 3, matching: 'email', email: 'john@example.com', goal: 'refund', value: -20 },
		modifying: true,
	},
	{
		title: 'Several goals for a profile found by a custom field, back-filled without triggers',
		params: {
			...base,
			goalMode: 'several',
			matching: 'custom',
			fieldName: 'CRM_ID',
			fieldValue: '123420',
			goals: { goal: [{ goal: 'lead_qualified', value: 1 }, { goal: 'deal_amount', value: 2500 }] },
			additionalFields: { date: '2025-03-01T12:00:00+03:00', skipTriggers: true },
		},
		path: '/api/v1.1/goals/register',
		body: {
			db_id: 1,
			pixel_id: 3,
			matching: 'custom',
			field_name: 'CRM_ID',
			field_value: '123420',
			goals: [
				{ goal: 'lead_qualified', value: 1 },
				{ goal: 'deal_amount', value: 2500 },
			],
			date: '2025-03-01T12:00:00+03:00',
			skip_triggers: true,
		},
		modifying: true,
	},
	{
		title: 'A test event by profile ID with the original request attributes',
		params: {
			...base,
			goalMode: 'one',
			goal: 'visit',
			value: 0,
			matching: 'profile_id',
			profileId: PID,
			additionalFields: {
				isTest: true,
				enrichProfile: false,
				vendor: 'altcraft',
				referer: 'https://example.com/cart',
				userAgent: 'Mozilla/5.0',
				acceptLanguage: 'en-US',
				clientIp: '203.0.113.7',
			},
		},
		path: '/api/v1.1/goals/register',
		body: {
			db_id: 1,
			pixel_id: 3,
			matching: 'profile_id',
			profile_id: PID,
			goal: 'visit',
			is_test: true,
			enrich_profile: false,
			vendor: 'altcraft',
			referer: 'https://example.com/cart',
			user_agent: 'Mozilla/5.0',
			accept_language: 'en-US',
			client_ip: '203.0.113.7',
		},
		modifying: true,
	},
	{
		title: 'By the profile e-mail field only',
		params: { ...one, matching: 'email_profile', goal: 'purchase', value: 0 },
		path: '/api/v1.1/goals/register',
		body: { db_id: 1, pixel_id: 3, matching: 'email_profile', email: 'john@example.com', goal: 'purchase' },
		modifying: true,
	},
];

describe('Goal operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Goal input validation', () => {
	validationRows([
		{ title: 'no goal name', params: { ...one, goal: '' }, message: 'Goal Name: is required (item 0)' },
		{ title: 'a goal name over 128 characters', params: { ...one, goal: 'g'.repeat(129) }, message: 'Goal Name: must be at most 128 characters, got 129 (item 0)' },
		{ title: 'an empty goal list', params: { ...base, goalMode: 'several', matching: 'email', email: 'john@example.com', goals: {} }, message: 'Goal List: add at least one goal (item 0)' },
		{
			title: 'a goal of the list without a name',
			params: { ...base, goalMode: 'several', matching: 'email', email: 'john@example.com', goals: { goal: [{ goal: '', value: 1 }] } },
			message: 'Goal List → #1 → Goal Name: is required (item 0)',
		},
		{ title: 'no pixel', params: { ...one, pixelId: 0, goal: 'x' }, message: 'Pixel ID: must be between 1 and 9007199254740991, got 0 (item 0)' },
		{
			title: 'nested event data',
			params: { ...one, goal: 'x', additionalFields: { pixelData: '{"order": {"id": 1}}' } },
			message: 'Additional Fields → Event Data (JSON): must be flat: "order" is an object (item 0)',
		},
		{
			title: 'event data over 1 KB',
			params: { ...one, goal: 'x', additionalFields: { pixelData: JSON.stringify({ note: 'n'.repeat(1100) }) } },
			message: 'Additional Fields → Event Data (JSON): must be at most 1 KB, got 1111 bytes (item 0)',
		},
		{ title: 'a matching mode goals do not list', params: { ...one, matching: 'phone_sub', goal: 'x' }, message: 'Match Profile By: "phone_sub" is not a matching mode of this operation (item 0)' },
	]);
	secondItemFails({ good: { ...one, goal: 'purchase', value: 1 }, bad: { ...one, goal: '' }, message: 'Goal Name: is required (item 1)' });
});
