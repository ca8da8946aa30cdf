import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from './actions/description';
import { RESOURCES } from './actions';
import { router } from './actions/router';
import { methods } from './methods';

export class Altcraft implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altcraft',
		name: 'altcraft',
		icon: { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with profiles, subscriptions, segments, mailings and trigger sends of the Altcraft Platform',
		defaults: { name: 'Altcraft' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'altcraftApi', required: true }],
		properties: buildProperties(RESOURCES),
	};

	methods = methods;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return router.call(this);
	}
}
