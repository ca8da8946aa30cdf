import { appPush } from './appPush';
import { broadcastMailing } from './broadcastMailing';
import { campaign } from './campaign';
import { customApiCall } from './customApiCall';
import { database } from './database';
import { file } from './file';
import { goal } from './goal';
import { history } from './history';
import { loyalty } from './loyalty';
import { mailing } from './mailing';
import { message } from './message';
import { order } from './order';
import { product } from './product';
import { profile } from './profile';
import { promoCode } from './promoCode';
import { regularMailing } from './regularMailing';
import { relation } from './relation';
import { resourceDefinition } from './resource';
import { scenario } from './scenario';
import { segment } from './segment';
import { sender } from './sender';
import { sku } from './sku';
import { subscription } from './subscription';
import { suppressionList } from './suppressionList';
import { task } from './task';
import { template } from './template';
import { triggerMailing } from './triggerMailing';
import { virtualSender } from './virtualSender';
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
	template,
	mailing,
	regularMailing,
	broadcastMailing,
	triggerMailing,
	campaign,
	scenario,
	sender,
	virtualSender,
	file,
	message,
	promoCode,
	goal,
	loyalty,
	appPush,
	order,
	product,
	sku,
	// Last: the escape hatch for any method without an operation of its own.
	customApiCall,
];

const BY_KEY = new Map<string, Operation>(
	RESOURCES.flatMap((resource) => resource.operations.map((op) => [`${op.resource}.${op.value}`, op] as const)),
);

export function findOperation(resource: string, operation: string): Operation | undefined {
	return BY_KEY.get(`${resource}.${operation}`);
}
