import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { AltcraftApi } from '../../credentials/AltcraftApi.credentials';
import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import type { HarnessNode, RunWorkflowResult } from '../harness';
import { runWorkflow } from '../harness';

export const NODE_NAME = 'Altcraft';

export interface AltcraftRun extends RunWorkflowResult {
	/** The items the Altcraft node returned (first output). */
	items: INodeExecutionData[];
}

/** Runs Start → Altcraft through n8n's real execution engine, with a credential pointing at the emulator. */
export async function runAltcraft(options: {
	baseUrl: string;
	token: string;
	parameters: INodeParameters;
	input?: INodeExecutionData[];
	node?: Partial<HarnessNode>;
	executionId?: string;
}): Promise<AltcraftRun> {
	const result = await runWorkflow({
		nodeTypes: { 'CUSTOM.altcraft': new Altcraft() },
		credentialTypes: [new AltcraftApi()],
		credentials: { altcraftApi: { token: options.token, platform: 'onPremise', baseUrl: options.baseUrl } },
		nodes: [
			{
				name: NODE_NAME,
				type: 'CUSTOM.altcraft',
				parameters: options.parameters,
				credentials: { altcraftApi: { id: '1', name: 'Altcraft account' } },
				...options.node,
			},
		],
		input: options.input,
		executionId: options.executionId,
	});
	return { ...result, items: result.outputs[NODE_NAME]?.[0] ?? [] };
}

export const byId = (id: number | string) => ({ __rl: true, mode: 'id', value: String(id) });
