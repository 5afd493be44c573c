/**
 * The contact, lookup and macro tests' way to run LibreDesk nodes in n8n's real WorkflowExecute
 * against the sandbox: test/nodes/LibreDesk/run.ts with the sandbox's keys picked by name, short
 * retries, and the request trail with the query decoded (easier to read in assertions).
 */
import type { IDataObject, INodeExecutionData, NodeParameterValueType } from 'n8n-workflow';

import { LibreDeskApi } from '../../../../../credentials/LibreDeskApi.credentials';
import { LibreDesk } from '../../../../../nodes/LibreDesk/LibreDesk.node';
import { loadWorkflowFixture, type RunResult, runWorkflow } from '../../../../harness/engine';
import type { LibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, type LibreDeskRun, runChain as runSteps, runLibreDesk, type Step } from '../../run';

export type KeyName = 'admin' | 'agent';

/** An input item with one file in its binary property `data`. */
export interface FileInput {
	json: IDataObject;
	base64: string;
	fileName: string;
	mimeType: string;
}

interface RunOptions {
	items?: IDataObject[];
	files?: FileInput[];
	key?: KeyName;
}

function chainOptions(options: RunOptions) {
	return options.files
		? { binaryItems: options.files.map((file) => ({ json: file.json, files: { data: { base64: file.base64, fileName: file.fileName, mimeType: file.mimeType } } })) }
		: { items: options.items };
}

/** Start → Input (Test Items, or Binary Items with `files`) → the given LibreDesk nodes in a chain. */
export async function runChain(sandbox: LibreDeskSandbox, steps: Step[], options: RunOptions = {}): Promise<RunResult> {
	return await runSteps(credentialsOf(sandbox, options.key ?? 'admin'), steps, chainOptions(options));
}

/** One LibreDesk node after the input; retries off unless a test sets `requestOptions` itself. */
export async function runNode(
	sandbox: LibreDeskSandbox,
	parameters: Record<string, NodeParameterValueType>,
	options: RunOptions & { continueOnFail?: boolean } = {},
): Promise<LibreDeskRun> {
	return await runLibreDesk(
		credentialsOf(sandbox, options.key ?? 'admin'),
		{ requestOptions: { maxRetryWaitSeconds: 0 }, ...parameters },
		{ ...chainOptions(options), continueOnFail: options.continueOnFail },
	);
}

/** An example workflow of examples/libredesk, as a user imports it, run against the sandbox. */
export async function runExample(sandbox: LibreDeskSandbox, file: string, key: KeyName = 'admin'): Promise<RunResult> {
	const { baseUrl, apiKey, apiSecret } = credentialsOf(sandbox, key);
	return await runWorkflow(loadWorkflowFixture(file), {
		credentials: { libreDeskApi: { baseUrl, apiKey, apiSecret } },
		credentialTypes: [new LibreDeskApi()],
		nodeTypes: [new LibreDesk()],
	});
}

export const outputOf = (result: RunResult, node: string): INodeExecutionData[] => result.nodeOutputs[node]?.[0] ?? [];

/** Every API request the sandbox received, in order: `METHOD /path?query`, the query decoded. */
export function trail(sandbox: LibreDeskSandbox): string[] {
	return sandbox.requests.map(
		(request) => `${request.method} ${request.path}${request.queryString ? `?${decodeURIComponent(request.queryString.replace(/\+/g, ' '))}` : ''}`,
	);
}

/** The Basic header the credential sends (§1). */
export function basicAuth(key: string, secret: string): string {
	return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}
