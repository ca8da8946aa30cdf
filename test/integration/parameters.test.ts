/**
 * The direct reading of simple `{{ $json… }}` expressions must give exactly what n8n's expression engine gives.
 * A probe node reads each parameter both ways inside n8n's real execution engine.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { itemParameterReader } from '../../nodes/Altcraft/actions/parameters';
import { runWorkflow } from '../harness';

const PARAMETERS: Record<string, unknown> = {
	plain: 'just text',
	whole: '={{ $json }}',
	field: '={{ $json.email }}',
	nested: '={{ $json.address.city }}',
	spaced: '={{$json.address.city}}',
	bracket: '={{ $json["first name"] }}',
	index: '={{ $json.tags[1] }}',
	number: '={{ $json.orders }}',
	boolean: '={{ $json.vip }}',
	nullValue: '={{ $json.nothing }}',
	missing: '={{ $json.notThere }}',
	deepMissing: '={{ $json.address.zip.code }}',
	computed: '={{ $json.orders + 1 }}',
	template: '=Hello {{ $json.email }}',
	collection: { field: [{ name: 'email', value: '={{ $json.email }}' }, { name: 'city', value: '={{ $json.address.city }}' }] },
	mixedCollection: { field: [{ name: 'a', value: '={{ $json.email.toUpperCase() }}' }] },
	locator: { __rl: true, mode: 'id', value: '={{ $json.orders }}' },
};

class Probe implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: Object.keys(PARAMETERS).map((name) => ({
			displayName: name,
			name,
			type: typeof PARAMETERS[name] === 'object' ? 'json' : 'string',
			default: '',
		})) as INodeType['description']['properties'],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_, itemIndex) => {
				const read = itemParameterReader(this, itemIndex);
				const json: Record<string, unknown> = {};
				for (const name of Object.keys(PARAMETERS)) {
					json[name] = {
						direct: read(name, null),
						n8n: this.getNodeParameter(name, itemIndex, null, { extractValue: true }),
					};
				}
				return { json: json as never, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

test.each([
	{ email: 'a@example.com', address: { city: 'Kazan' }, 'first name': 'Ann', tags: ['x', 'y'], orders: 3, vip: true, nothing: null },
	{ email: 'b@example.com', address: {}, tags: [], orders: 0, vip: false },
])('direct reading equals n8n for item %#', async (item) => {
	const result = await runWorkflow({
		nodeTypes: { probe: new Probe() },
		nodes: [{ name: 'Probe', type: 'probe', parameters: PARAMETERS as never }],
		input: [{ json: item }],
	});
	expect(result.status).toBe('success');
	const probed = result.outputs.Probe[0][0].json as Record<string, { direct: unknown; n8n: unknown }>;
	for (const [name, { direct, n8n }] of Object.entries(probed)) {
		expect({ name, value: direct }).toEqual({ name, value: n8n });
	}
});

test('simple $json expressions are read directly, everything else is left to n8n', async () => {
	const { resolveDirect, NOT_DIRECT } = await import('../../nodes/Altcraft/actions/parameters');
	const json = () => ({ email: 'a@x.io', address: { city: 'Kazan' } });
	expect(resolveDirect('={{ $json.email }}', json)).toBe('a@x.io');
	expect(resolveDirect({ f: ['={{ $json.address.city }}', 2] }, json)).toEqual({ f: ['Kazan', 2] });
	expect(resolveDirect('={{ $json.email.toUpperCase() }}', json)).toBe(NOT_DIRECT);
	expect(resolveDirect('={{ $("Other").item.json.email }}', json)).toBe(NOT_DIRECT);
	expect(resolveDirect({ __rl: true, mode: 'id', value: '1' }, json)).toBe(NOT_DIRECT);
});

test('a parameter hidden by its display conditions reads as its fallback (n8n itself refuses to resolve it)', async () => {
	class Hidden implements INodeType {
		description: INodeType['description'] = {
			displayName: 'Hidden',
			name: 'hidden',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Hidden' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'Mode', name: 'mode', type: 'options', options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], default: 'a' },
				{ displayName: 'Only B', name: 'onlyB', type: 'string', default: 'b-default', displayOptions: { show: { mode: ['b'] } } },
			],
		};
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const read = itemParameterReader(this, 0);
			let n8nError = '';
			try {
				this.getNodeParameter('onlyB', 0, 'fallback', { extractValue: true });
			} catch (error) {
				n8nError = (error as Error).message;
			}
			return [[{ json: { ours: read('onlyB', 'fallback'), n8nError }, pairedItem: { item: 0 } }]];
		}
	}
	const result = await runWorkflow({ nodeTypes: { hidden: new Hidden() }, nodes: [{ name: 'Hidden', type: 'hidden', parameters: { mode: 'a' } }] });
	expect(result.outputs.Hidden[0][0].json).toEqual({ ours: 'fallback', n8nError: 'Could not find property' });
});
