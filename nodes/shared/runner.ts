import {
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { InputError, itemLabel } from './errors';
import { forgetItemParameters } from './itemParameters';
import { HaltedError, haltRun, limiterFor, type LimiterSettings } from './limiter';
import { ItemWithFiles, type Operation, type OperationOutput } from './operation';
import { readRunOptions } from './options';

export interface RunSettings {
	/** The service's name as users read it ("Re:amaze", "LibreDesk"), for the defect message. */
	service: string;
	/** The credential type whose requests share one limiter. */
	credentialType: string;
	/** How many items run at once (1 = one after another). */
	concurrency: number;
	/** The user's cap on requests per second, if any. */
	maxRequestsPerSecond?: number;
}

/** Turns any failure of one item into the n8n error type that names that item. */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	service: string,
): NodeApiError | NodeOperationError {
	const node = context.getNode();
	if (error instanceof InputError) {
		return new NodeOperationError(node, `${itemLabel(itemIndex)}: ${error.field} ${error.problem}`, {
			itemIndex,
			description: error.hint ?? `Correct the "${error.field}" parameter (or the expression that fills it) for this item.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	// Anything else is a defect of this node; still name the item so the user can work around it.
	const reason = error instanceof Error ? error.message : 'unknown error';
	return new NodeOperationError(node, `${itemLabel(itemIndex)}: ${reason}`, {
		itemIndex,
		description: `Unexpected failure inside the ${service} node (a defect): please report it with the input of this item.`,
	});
}

async function runOne(context: IExecuteFunctions, operation: Operation, itemIndex: number): Promise<INodeExecutionData[]> {
	const result = await operation.execute(context, itemIndex);
	const outputs: OperationOutput[] = Array.isArray(result) ? result : [result];
	return outputs.map((output) =>
		output instanceof ItemWithFiles
			? { json: output.json, binary: output.binary, pairedItem: { item: itemIndex } }
			: { json: output, pairedItem: { item: itemIndex } },
	);
}

/** The object an item acts on, when it has one; a parameter error here surfaces when the item runs. */
function sequenceKeyOf(context: IExecuteFunctions, operation: Operation, itemIndex: number): string | undefined {
	if (!operation.sequenceKey) return undefined;
	try {
		return operation.sequenceKey(context, itemIndex);
	} catch {
		return undefined;
	}
}

/**
 * The per-item loop of both nodes. Up to `concurrency` items run at once; the output keeps input
 * order and every item's `pairedItem`. Items that act on the same object (same `sequenceKey`) run one
 * after another in input order, so read-modify-write updates and message order stay as if sequential.
 * With "Continue On Fail" a failed item becomes an error item in its place; without it, the first
 * failure stops the run: no new item starts and no further request is sent, and once the items
 * already under way have settled, the failure of the lowest item is thrown.
 */
export async function runItems(
	context: IExecuteFunctions,
	operation: Operation,
	settings: RunSettings,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const limiterSettings: LimiterSettings = {
		// Pages of a Return All run beside items, so the window is never below the item concurrency.
		maxInFlight: Math.max(1, settings.concurrency),
		maxRequestsPerSecond: settings.maxRequestsPerSecond,
	};
	limiterFor(context, settings.credentialType, limiterSettings);

	const results: INodeExecutionData[][] = new Array(items.length);
	const lastOfKey = new Map<string, Promise<void>>();
	let fatal: { itemIndex: number; error: NodeApiError | NodeOperationError } | undefined;
	let next = 0;

	const runItem = async (itemIndex: number): Promise<void> => {
		const key = sequenceKeyOf(context, operation, itemIndex);
		const previous = key === undefined ? undefined : lastOfKey.get(key);
		let finished: () => void = () => {};
		const done = new Promise<void>((resolve) => (finished = resolve));
		if (key !== undefined) lastOfKey.set(key, done);
		try {
			if (previous) await previous;
			if (fatal) return;
			results[itemIndex] = await runOne(context, operation, itemIndex);
		} catch (caught) {
			// A request refused because another item already failed is not this item's failure.
			if (caught instanceof HaltedError) return;
			const error = itemError(context, caught, itemIndex, settings.service);
			if (context.continueOnFail()) {
				results[itemIndex] = [
					{
						json: { error: error.message, ...(error.description ? { errorDescription: error.description } : {}) },
						pairedItem: { item: itemIndex },
					},
				];
			} else {
				if (!fatal || itemIndex < fatal.itemIndex) fatal = { itemIndex, error };
				haltRun(context);
			}
		} finally {
			forgetItemParameters(context, itemIndex);
			finished();
			if (key !== undefined && lastOfKey.get(key) === done) lastOfKey.delete(key);
		}
	};

	const worker = async (): Promise<void> => {
		while (!fatal && next < items.length) await runItem(next++);
	};
	const workers = Math.max(1, Math.min(settings.concurrency, items.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (fatal) throw fatal.error;
	return [results.flat()];
}

/**
 * A node's `execute`: the operation chosen by Resource and Operation, run over the items. `credential`
 * is how the error for an unknown operation (n8n's "Custom API Call") names the credential.
 */
export async function executeOperation(
	context: IExecuteFunctions,
	operations: Map<string, Operation>,
	settings: { service: string; credentialType: string; credential: string },
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operationName = context.getNodeParameter('operation', 0) as string;
	const operation = operations.get(`${resource}:${operationName}`);
	if (!operation) {
		// n8n's editor offers "Custom API Call" on nodes whose credential can authenticate requests.
		throw new NodeOperationError(context.getNode(), `The operation "${operationName}" of "${resource}" is not supported`, {
			description: `For an endpoint this node does not cover, use the HTTP Request node with Authentication "Predefined Credential Type" and ${settings.credential}.`,
		});
	}
	return await runItems(context, operation, { service: settings.service, credentialType: settings.credentialType, ...readRunOptions(context) });
}
