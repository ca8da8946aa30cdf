import { profile } from './profile';
import type { Operation, ResourceDefinition } from './types';

/** Every resource of the node, in the order the editor lists them. */
export const RESOURCES: ResourceDefinition[] = [profile];

const BY_KEY = new Map<string, Operation>(
	RESOURCES.flatMap((resource) => resource.operations.map((op) => [`${op.resource}.${op.value}`, op] as const)),
);

export function findOperation(resource: string, operation: string): Operation | undefined {
	return BY_KEY.get(`${resource}.${operation}`);
}
