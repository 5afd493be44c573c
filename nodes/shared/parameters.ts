import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from './errors';

/** The limit a Get Many operation should stop at (undefined = Return All), validated. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = context.getNodeParameter('limit', itemIndex, 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new InputError('Limit', 'must be a whole number of 1 or more');
	}
	return limit;
}

/** The rows of a key/value fixedCollection (`{ field: [{ key, value }] }`), or whatever an expression gave. */
export function rowsOf(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value) && 'field' in value) {
		return (value as { field: unknown }).field;
	}
	if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) {
		return undefined;
	}
	return value;
}
