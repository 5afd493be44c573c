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
