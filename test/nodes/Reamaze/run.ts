import type { IDataObject, INode, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { ReamazeApi } from '../../../credentials/ReamazeApi.credentials';
import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';
import { type RunResult, runWorkflow } from '../../harness/engine';

export const TEST_TOKEN = 'SENTINEL-token-5f1c9e';
export const TEST_EMAIL = 'owner@acme.test';

export interface ReamazeRun {
	items: INodeExecutionData[];
	error: (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	result: RunResult;
}

/**
 * Runs one Re:amaze node inside n8n's real WorkflowExecute, fed by Test Items, with the real
 * credential type: what a user's workflow does, minus the UI.
 */
export async function runReamazeNode(
	parameters: Record<string, NodeParameterValueType>,
	options: { items?: IDataObject[]; continueOnFail?: boolean; credentials?: IDataObject } = {},
): Promise<ReamazeRun> {
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'i',
			name: 'Test Items',
			type: 'n8n-nodes-base.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'r',
			name: 'Re:amaze',
			type: 'CUSTOM.reamaze',
			typeVersion: 1,
			position: [400, 0],
			parameters,
			credentials: { reamazeApi: { id: '1', name: 'Re:amaze test' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		},
	];
	const result = await runWorkflow(
		{
			nodes,
			connections: {
				Start: { main: [[{ node: 'Test Items', type: 'main', index: 0 }]] },
				'Test Items': { main: [[{ node: 'Re:amaze', type: 'main', index: 0 }]] },
			},
		},
		{
			credentials: {
				reamazeApi: { brand: 'acme', email: TEST_EMAIL, apiToken: TEST_TOKEN, baseUrl: '', ...options.credentials },
			},
			credentialTypes: [new ReamazeApi()],
			nodeTypes: [new Reamaze()],
		},
	);
	return {
		items: result.nodeOutputs['Re:amaze']?.[0] ?? [],
		error: result.errors['Re:amaze'] as ReamazeRun['error'],
		result,
	};
}

export const BASIC_AUTH = `Basic ${Buffer.from(`${TEST_EMAIL}:${TEST_TOKEN}`).toString('base64')}`;
