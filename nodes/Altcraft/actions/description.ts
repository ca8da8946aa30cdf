import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { optionsField } from './common/options';
import { simplifyField } from './common/simplify';
import { taskFields } from './common/tasks';
import type { Field, Operation, ResourceDefinition } from './types';

const OPERATION: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: '',
};

/** The node's properties, generated from the operation declarations: one source for UI, router and tests. */
export function buildProperties(resources: ResourceDefinition[]): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value, description }) => ({ name, value, description })),
			default: 'profile',
		},
	];
	for (const resource of resources) {
		properties.push({
			...OPERATION,
			displayOptions: { show: { resource: [resource.value] } },
			options: resource.operations.map((op) => ({
				name: op.name,
				value: op.value,
				action: op.action,
				description: op.unconfirmed ? `${op.description} (path not confirmed by the public docs)` : op.description,
			})),
			default: resource.operations[0].value,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			for (const field of operationFields(operation)) {
				const property = operation.unconfirmed && field.property.name !== 'options' ? noted(field.property) : field.property;
				properties.push(scoped(property, resource.value, operation.value));
			}
		}
	}
	return properties;
}

/** The fields of an operation including the Options collection every operation shares. */
export function operationFields(operation: Operation): Field[] {
	return [
		...operation.fields,
		...(operation.task ? taskFields : []),
		...(operation.simplify ? [simplifyField] : []),
		optionsField(operation),
	];
}

/** Fields of a call whose path or parameters the public docs do not confirm say so (the Options collection has its own wording). */
function noted(property: INodeProperties): INodeProperties {
	const note = 'this call is not confirmed by the public Altcraft docs';
	const description = property.description ? `${property.description} (${note})` : `${note[0].toUpperCase()}${note.slice(1)}`;
	return { ...property, description };
}

function scoped(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const own: IDisplayOptions = property.displayOptions ?? {};
	return {
		...property,
		displayOptions: {
			...own,
			show: { ...(own.show ?? {}), resource: [resource], operation: [operation] },
		},
	};
}
