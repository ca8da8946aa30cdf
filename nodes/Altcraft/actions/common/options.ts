import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { RetryPolicy } from '../../transport';
import { DEFAULT_RETRY_POLICY } from '../../transport';
import type { Field, ItemContext, Operation } from '../types';
import { inputError, parseJsonObject, toInteger } from './values';

/** The Options collection of every operation: the raw escape hatch, the dedup key and the retry policy. */
export function optionsField(operation: Operation): Field {
	const options: INodeProperties[] = [
		{
			displayName: 'Additional Body Fields (JSON)',
			name: 'additionalBodyFields',
			type: 'json',
			default: '{}',
			description: operation.unconfirmed
				? 'Parameters merged into the request body as they are. This call is not confirmed by the public Altcraft docs: use this to send what your platform version expects.'
				: 'Parameters merged into the request body as they are, for documented parameters this node has no field for',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 10,
			description:
				'How often to repeat a request after a rate limit (429), an internal error (500), a gateway error or a lost connection. Repeats are safe: modifying requests carry a Request-ID.',
		},
		{
			displayName: 'Max Retry Time (Seconds)',
			name: 'maxRetryTime',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description: 'No new attempt starts after this much time since the first one',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 60,
			description: 'How long to wait for an answer before giving up on an attempt (and retrying it)',
		},
	];
	options.push({
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 1,
		description:
			'How many requests to have in flight at once (items, or batches when batching). Rate limits (429) are still waited out; keep it low when other workflows share the token.',
	});
	if (operation.batch) {
		options.push(
			{
				displayName: 'Batching',
				name: 'batching',
				type: 'boolean',
				default: true,
				description: `Whether to send the items in batches through ${operation.batch.path.replace('/api/v1.1/', '')} (much faster on large syncs; each item still gets its own result)${
					operation.batch.optIn
						? `. Off unless you add this option: ${operation.batch.optInNote ?? 'the public docs do not confirm that this batch call reports every profile'}`
						: ''
				}`,
			},
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10000 },
				default: 1000,
				// No display condition: inside a collection it would hide Batch Size until Batching is added too.
				description: 'Most items per batch request (when batching). A batch is also cut before its body reaches 9 MB (the platform accepts 10 MB).',
			},
		);
	}
	if (operation.modifying) {
		options.push({
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.orderId }}',
			description:
				'Your own key for deduplication: Altcraft refuses a second request with the same key within a day. By default the node derives one per item and execution, so retries never apply a change twice.',
		});
	}
	return {
		property: {
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
		apply: (body, value, ctx) => {
			const extra = parseJsonObject(ctx, 'Options → Additional Body Fields (JSON)', (value as IDataObject)?.additionalBodyFields);
			if (!extra) return;
			if ('token' in extra) {
				throw inputError(ctx, 'Options → Additional Body Fields (JSON)', 'must not contain "token"', 'The token comes from the Altcraft API credential.');
			}
			Object.assign(body, extra);
		},
	};
}

/** Policies of Options collections without expressions (frozen, shared by every item): one policy for all items. */
const sharedPolicies = new WeakMap<IDataObject, RetryPolicy>();

export function retryPolicyOf(ctx: ItemContext): RetryPolicy {
	const options = ctx.param<IDataObject>('options', {});
	const shared = Object.isFrozen(options);
	const known = shared ? sharedPolicies.get(options) : undefined;
	if (known) return known;
	const read = (name: string, fallback: number, min: number, max: number) =>
		options[name] === undefined || options[name] === '' ? fallback : toInteger(ctx, `Options → ${name}`, options[name], { min, max });
	const policy: RetryPolicy = {
		maxRetries: read('maxRetries', DEFAULT_RETRY_POLICY.maxRetries, 0, 20),
		timeoutMs: read('timeout', DEFAULT_RETRY_POLICY.timeoutMs / 1000, 1, 3600) * 1000,
		maxRetryTimeMs: read('maxRetryTime', DEFAULT_RETRY_POLICY.maxRetryTimeMs / 1000, 1, 86_400) * 1000,
		baseDelayMs: DEFAULT_RETRY_POLICY.baseDelayMs,
	};
	if (shared) sharedPolicies.set(options, policy);
	return policy;
}

export interface Throughput {
	batching: boolean;
	batchSize: number;
	concurrency: number;
}

export function throughputOf(ctx: ItemContext): Throughput {
	const options = ctx.param<IDataObject>('options', {});
	const batch = ctx.operation.batch;
	const read = (name: string, fallback: number, max: number) =>
		options[name] === undefined || options[name] === '' ? fallback : toInteger(ctx, `Options → ${name}`, options[name], { min: 1, max });
	return {
		batching: Boolean(batch) && (options.batching === undefined ? !batch?.optIn : options.batching !== false),
		batchSize: read('batchSize', Math.min(1000, batch?.maxCount ?? 1000), batch?.maxCount ?? 10000),
		concurrency: read('concurrency', 1, 20),
	};
}

export function pinnedKeyOf(ctx: ItemContext): string | undefined {
	const key = ctx.param<IDataObject>('options', {}).requestId;
	return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
}
