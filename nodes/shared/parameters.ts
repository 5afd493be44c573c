import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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

/** Return All + Limit, in n8n's wording, for a Get Many operation. */
export function returnAllFields(): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { returnAll: [false] } },
			description: 'Max number of results to return',
		},
	];
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};
