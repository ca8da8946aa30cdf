import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { ok, operationRows, PID, PID_B, validationRows, type Row } from '../helpers/operationRows';

// Relation operations (11-subscriptions.md §11–16): the write calls put each profile's identifier inside
// profile_a / profile_b, with matching, field_name and resource_id at the top.

const base = { resource: 'relation', relationTypeId: 3, options: {} };
const linked = { ...ok, error_text: '', profile_a: PID, profile_b: PID_B, relation_id: 1 };

const rows: Row[] = [
	{
		title: 'Attach two profiles by profile ID, with a number and a boolean property',
		params: {
			...base,
			operation: 'attach',
			matching: 'profile_id',
			profileA: PID,
			profileB: PID_B,
			weights: { property: [{ name: 'user_like', type: 'number', value: '2' }, { name: 'is_online', type: 'boolean', value: 'true' }] },
		},
		path: '/api/v1.1/relations/attach',
		body: { rel_id: 3, matching: 'profile_id', profile_a: { profile_id: PID }, profile_b: { profile_id: PID_B }, weights: { user_like: 2, is_online: true } },
		answer: linked,
		output: [{ profile_a: PID, profile_b: PID_B, relation_id: 1 }],
		modifying: true,
	},
	{
		title: 'Attach without properties',
		params: { ...base, operation: 'attach', matching: 'profile_id', profileA: PID, profileB: PID_B, weights: {} },
		path: '/api/v1.1/relations/attach',
		body: { rel_id: 3, matching: 'profile_id', profile_a: { profile_id: PID }, profile_b: { profile_id: PID_B } },
		answer: linked,
		modifying: true,
	},
	{
		title: 'Detach two profiles found by e-mail within a resource',
		params: { ...base, operation: 'detach', matching: 'email', profileA: 'a@example.com', profileB: 'b@example.com', matchingResourceId: 2 },
		path: '/api/v1.1/relations/detach',
		body: { rel_id: 3, matching: 'email', profile_a: { email: 'a@example.com' }, profile_b: { email: 'b@example.com' }, resource_id: 2 },
		answer: linked,
		modifying: true,
	},
	{
		title: 'Change Properties (strengthen) of profiles found by a custom field; negative to decrease',
		params: {
			...base,
			operation: 'strengthen',
			matching: 'custom',
			fieldName: 'crm_id',
			profileA: 'C-1',
			profileB: 'C-2',
			weights: { property: [{ name: 'user_like', value: '-2' }, { name: 'donate', value: '343' }] },
		},
		path: '/api/v1.1/relations/strengthen',
		body: {
			rel_id: 3,
			matching: 'custom',
			field_name: 'crm_id',
			profile_a: { field_value: 'C-1' },
			profile_b: { field_value: 'C-2' },
			weights: { user_like: -2, donate: 343 },
		},
		answer: linked,
		modifying: true,
	},
	{
		title: 'Overwrite Properties (edit) of profiles found by phone',
		params: {
			...base,
			operation: 'edit',
			matching: 'phone',
			profileA: '+79000000001',
			profileB: '+79000000002',
			matchingResourceId: 0,
			weights: { property: [{ name: 'is_online', type: 'boolean', value: false }] },
		},
		path: '/api/v1.1/relations/edit',
		body: { rel_id: 3, matching: 'phone', profile_a: { phone: '+79000000001' }, profile_b: { phone: '+79000000002' }, weights: { is_online: false } },
		answer: linked,
		modifying: true,
	},
	{
		title: 'Get the links of a profile (one item per link)',
		params: { ...base, relationTypeId: 2, operation: 'get', matching: 'profile_id', profileId: PID },
		path: '/api/v1.1/relations/get',
		body: { rel_id: 2, matching: 'profile_id', profile_id: PID },
		answer: { ...ok, data: [{ profile_id_a: PID, profile_id_b: PID_B, db_b: 9, props: { exr: { value: 1 } } }], total_count: 1 },
		output: [{ profile_id_a: PID, profile_id_b: PID_B, db_b: 9, props: { exr: { value: 1 } } }],
	},
	{
		title: 'Get Counters of a profile found by e-mail',
		params: { ...base, operation: 'getCounter', matching: 'email', email: 'jane@example.com', matchingResourceId: 0 },
		path: '/api/v1.1/relations/get_counter',
		body: { rel_id: 3, matching: 'email', email: 'jane@example.com' },
		answer: { ...ok, data: { profile_id: PID, profile_xxh: 'abc', props: { user_like: 4 } } },
		output: [{ profile_id: PID, profile_xxh: 'abc', props: { user_like: 4 } }],
	},
];

describe('Relation operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Relation input validation', () => {
	validationRows([
		{
			title: 'Change Properties without any property',
			params: { ...base, operation: 'strengthen', matching: 'profile_id', profileA: PID, profileB: PID_B, weights: {} },
			message: 'Relation Properties: add at least one property (item 0)',
		},
		{
			title: 'a property value that is not a number',
			params: { ...base, operation: 'strengthen', matching: 'profile_id', profileA: PID, profileB: PID_B, weights: { property: [{ name: 'x', value: 'many' }] } },
			message: 'Relation Properties → #1 → Value: must be a number, got "many" (item 0)',
		},
		{
			title: 'Profile B missing',
			params: { ...base, operation: 'detach', matching: 'email', profileA: 'a@example.com', profileB: '', matchingResourceId: 0 },
			message: 'Profile B: is required (item 0)',
		},
		{
			title: 'no relation type',
			params: { ...base, relationTypeId: 0, operation: 'detach', matching: 'profile_id', profileA: PID, profileB: PID_B },
			message: 'Relation Type ID: must be between 1 and 9007199254740991, got 0 (item 0)',
		},
	]);
});

describe('an unconfirmed call says so', () => {
	const properties = new Altcraft().description.properties;
	const ofAttach = properties.filter(
		(p) => p.displayOptions?.show?.resource?.[0] === 'relation' && p.displayOptions?.show?.operation?.[0] === 'attach',
	);

	test('in the operation list and in every field of the operation', () => {
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'relation');
		const attach = operation?.options?.find((o) => 'value' in o && o.value === 'attach') as { description: string };
		expect(attach.description).toMatch(/\(path not confirmed by the public docs\)$/);
		const fields = ofAttach.filter((p) => p.name !== 'options');
		expect(fields.length).toBeGreaterThan(4);
		for (const property of fields) expect(property.description).toMatch(/not confirmed by the public Altcraft docs/);
		const options = ofAttach.find((p) => p.name === 'options')?.options as Array<{ name: string; description?: string }>;
		expect(options.find((o) => o.name === 'additionalBodyFields')?.description).toMatch(/not confirmed by the public Altcraft docs/);
	});

	test('a confirmed operation does not', () => {
		const ofDetach = properties.filter(
			(p) => p.displayOptions?.show?.resource?.[0] === 'relation' && p.displayOptions?.show?.operation?.[0] === 'detach',
		);
		for (const property of ofDetach) expect(property.description ?? '').not.toMatch(/not confirmed/);
	});
});
