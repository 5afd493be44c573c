import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { InputError } from './errors';
import type { Operation } from './operation';

/** Turns any failure of one item into the n8n error type that names that item. */
export function itemError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const node = context.getNode();
	if (error instanceof InputError) {
		return new NodeOperationError(node, `Item ${itemIndex}: ${error.field} ${error.problem}`, {
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
	return new NodeOperationError(node, `Item ${itemIndex}: ${reason}`, {
		itemIndex,
		description: 'Unexpected failure inside the Re:amaze node (a defect): please report it with the input of this item.',
	});
}

async function runOne(context: IExecuteFunctions, operation: Operation, itemIndex: number): Promise<INodeExecutionData[]> {
	const result = await operation.execute(context, itemIndex);
	const objects: IDataObject[] = Array.isArray(result) ? result : [result];
	return objects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * The per-item loop: every item runs through one operation; output keeps input order, and with
 * "Continue On Fail" a failed item becomes an error item paired with its input.
 */
export async function runItems(context: IExecuteFunctions, operation: Operation): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			output.push(...(await runOne(context, operation, itemIndex)));
		} catch (caught) {
			const error = itemError(context, caught, itemIndex);
			if (!context.continueOnFail()) throw error;
			output.push({
				json: { error: error.message, ...(error.description ? { errorDescription: error.description } : {}) },
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [output];
}
