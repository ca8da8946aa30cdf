import { database } from './database';
import { history } from './history';
import { profile } from './profile';
import { relation } from './relation';
import { resourceDefinition } from './resource';
import { segment } from './segment';
import { subscription } from './subscription';
import { suppressionList } from './suppressionList';
import { task } from './task';
import type { Operation, ResourceDefinition } from './types';

/** Every resource of the node, in the order the editor lists them. */
export const RESOURCES: ResourceDefinition[] = [
	profile,
	subscription,
	history,
	relation,
	database,
	resourceDefinition,
	segment,
	suppressionList,
	task,
];

const BY_KEY = new Map<string, Operation>(
	RESOURCES.flatMap((resource) => resource.operations.map((op) => [`${op.resource}.${op.value}`, op] as const)),
);

export function findOperation(resource: string, operation: string): Operation | undefined {
	return BY_KEY.get(`${resource}.${operation}`);
}
