import type { IDataObject, INode, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { LibreDeskApi } from '../../../credentials/LibreDeskApi.credentials';
import { LibreDesk } from '../../../nodes/LibreDesk/LibreDesk.node';
import { type RunResult, runWorkflow } from '../../harness/engine';
import type { LibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { type BinaryItem, BinaryItems } from './BinaryItems';

export interface LibreDeskCredentials {
	[field: string]: string;
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
}

/** Node parameters as a test writes them (resource locators, collections): any JSON. */
export type Parameters = Record<string, unknown>;

export type Who = 'admin' | 'agent' | 'integration' | 'disabled';

export function credentialsOf(sandbox: LibreDeskSandbox, who: Who = 'admin'): LibreDeskCredentials {
	return { baseUrl: sandbox.url, apiKey: sandbox[`${who}Key`], apiSecret: sandbox[`${who}Secret`] };
}

export interface Step {
	name: string;
	parameters: Parameters;
	continueOnFail?: boolean;
}

export interface ChainOptions {
	/** Plain JSON input items (Test Items node). */
	items?: IDataObject[];
	/** Input items with files (Binary Items node) instead of `items`. */
	binaryItems?: BinaryItem[];
}

/**
 * Start → Test Items (or Binary Items) → the given LibreDesk nodes, one after the other, in n8n's
 * real WorkflowExecute with the real credential type: expressions such as `$('Create').item`
 * resolve through pairedItem exactly as in a user's workflow.
 */
export async function runChain(credentials: LibreDeskCredentials, steps: Step[], options: ChainOptions = {}): Promise<RunResult> {
	const source = options.binaryItems
		? { type: 'binaryItems', parameters: { items: JSON.stringify(options.binaryItems) } }
		: { type: 'n8n-nodes-base.items', parameters: { items: JSON.stringify(options.items ?? [{}]) } };
	const names = ['Input', ...steps.map((step) => step.name)];
	const nodes: INode[] = [
		{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'i', name: 'Input', typeVersion: 1, position: [200, 0], ...source },
		...steps.map(
			(step, index): INode => ({
				id: `l${index}`,
				name: step.name,
				type: 'CUSTOM.libreDesk',
				typeVersion: 1,
				position: [400 + 200 * index, 0],
				parameters: step.parameters as Record<string, NodeParameterValueType>,
				credentials: { libreDeskApi: { id: '1', name: 'LibreDesk sandbox' } },
				...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			}),
		),
	];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }> = {
		Start: { main: [[{ node: 'Input', type: 'main', index: 0 }]] },
	};
	for (let i = 0; i < names.length - 1; i++) connections[names[i]] = { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] };
	return await runWorkflow(
		{ nodes, connections },
		{
			credentials: { libreDeskApi: credentials },
			credentialTypes: [new LibreDeskApi()],
			nodeTypes: [new LibreDesk(), new BinaryItems()],
		},
	);
}

export interface LibreDeskRun {
	items: INodeExecutionData[];
	error: (Error & { description?: string; httpCode?: string; context?: IDataObject }) | undefined;
	result: RunResult;
}

/** One LibreDesk node fed by the given items. */
export async function runLibreDesk(
	credentials: LibreDeskCredentials,
	parameters: Parameters,
	options: ChainOptions & { continueOnFail?: boolean } = {},
): Promise<LibreDeskRun> {
	const result = await runChain(credentials, [{ name: 'LibreDesk', parameters, continueOnFail: options.continueOnFail }], options);
	return {
		items: result.nodeOutputs.LibreDesk?.[0] ?? [],
		error: result.errors.LibreDesk as LibreDeskRun['error'],
		result,
	};
}

/** The requests the sandbox recorded, as `METHOD /path?query` (query as sent). */
export function trail(sandbox: LibreDeskSandbox): string[] {
	return sandbox.requests.map((request) => `${request.method} ${request.path}${request.queryString ? `?${request.queryString}` : ''}`);
}

/** Options that keep failing runs short: tiny back-off and retry budget. */
export const FAST = { requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 0.05, timeoutSeconds: 5 } };
