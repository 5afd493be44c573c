/**
 * A problem with one item's parameters, found before any request is sent.
 * Payload builders stay free of n8n's node context; the runner turns this into a
 * NodeOperationError that names the item.
 */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
		readonly hint?: string,
	) {
		super(`${field}: ${problem}`);
		this.name = 'InputError';
	}
}

/**
 * An item as users count them in messages: the first item is "Item 1". n8n's own 0-based index
 * stays in the error's context (`itemIndex`), where n8n uses it to point at the item.
 */
export function itemLabel(itemIndex: number): string {
	return `Item ${itemIndex + 1}`;
}
