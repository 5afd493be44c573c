import type { IDataObject, INode, NodeParameterValueType } from 'n8n-workflow';

import { ReamazeApi } from '../../../credentials/ReamazeApi.credentials';
import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';
import { type RunResult, runWorkflow } from '../../harness/engine';
import type { Sandbox } from '../../sandbox/reamaze/index.ts';

export interface Step {
	name: string;
	parameters: Record<string, NodeParameterValueType>;
}

/**
 * Runs Start → Test Items → the given Re:amaze nodes, one after the other, in n8n's real
 * WorkflowExecute against the sandbox: expressions such as `$('Create Contact').item` resolve
 * through pairedItem exactly as in a user's workflow.
 */
export async function runChain(sandbox: Sandbox, steps: Step[], items: IDataObject[] = [{}]): Promise<RunResult> {
	const names = ['Test Items', ...steps.map((step) => step.name)];
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'i', name: 'Test Items', type: 'n8n-nodes-base.items', typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
		...steps.map(
			(step, index): INode => ({
				id: `r${index}`,
				name: step.name,
				type: 'CUSTOM.reamaze',
				typeVersion: 1,
				position: [400 + 200 * index, 0],
				parameters: step.parameters,
				credentials: { reamazeApi: { id: '1', name: 'Re:amaze sandbox' } },
			}),
		),
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {
		Start: { main: [[{ node: 'Test Items', type: 'main', index: 0 }]] },
	};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	}
	return await runWorkflow(
		{ nodes, connections },
		{
			credentials: {
				reamazeApi: { brand: sandbox.brand, email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl },
			},
			credentialTypes: [new ReamazeApi()],
			nodeTypes: [new Reamaze()],
		},
	);
}

/** Every request the sandbox received, in order: `METHOD /path?key=value&...`, the path as sent (percent-encoded), the query decoded. */
export function requestTrail(sandbox: Sandbox): string[] {
	return sandbox.requests.map((request) => {
		const query = Object.entries(request.query)
			.flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one) => `${key}=${one}`))
			.join('&');
		return `${request.method} ${request.path}${query ? `?${query}` : ''}`;
	});
}
