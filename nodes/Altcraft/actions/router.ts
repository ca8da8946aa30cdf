import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { connect } from '../transport';
import { createItemContext, runOperation } from './engine';
import { findOperation } from './index';

/** Runs each input item through its operation; with Continue On Fail every item yields exactly one outcome. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];
	let connection: ReturnType<typeof connect> | undefined;

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operationName = this.getNodeParameter('operation', itemIndex) as string;
			const operation = findOperation(resource, operationName);
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`, { itemIndex });
			}
			connection ??= connect(this);
			const ctx = createItemContext(this, operation, itemIndex, await connection);
			const results = await runOperation(ctx);
			for (const result of results) output.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!this.continueOnFail()) {
				// Our errors already name the item; anything else is wrapped so that it does too.
				if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
			output.push({ json: errorJson(error), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}

function errorJson(error: unknown) {
	const err = error as { message?: string; description?: string | null; httpCode?: string | null };
	return {
		error: err.message ?? String(error),
		...(err.description ? { description: err.description } : {}),
		...(err.httpCode ? { errorCode: Number(err.httpCode) || err.httpCode } : {}),
	};
}
