import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_POLICY, type RequestPolicy } from './transport';

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

export const requestOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'First Retry Delay (Milliseconds)',
			name: 'backoffBaseMs',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 1000,
			description:
				'Back-off before the first retry when Re:amaze sends no Retry-After; each further retry waits up to twice as long (with random jitter)',
		},
		{
			displayName: 'Max Rate Limit Wait (Seconds)',
			name: 'maxRetryWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 120,
			description:
				'How long one request may wait in total for retries after a rate limit (429) or a temporary failure. 0 turns retries off.',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description: 'How long to wait for Re:amaze to answer one request',
		},
	],
};

export function readOptions(context: IExecuteFunctions, itemIndex: number): RequestPolicy {
	return policyFromOptions(context.getNodeParameter('requestOptions', itemIndex, {}));
}

/** The request policy from the Options collection's value; the trigger reads it without an item. */
export function policyFromOptions(raw: unknown): RequestPolicy {
	const options: IDataObject = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject) : {};
	const seconds = (value: unknown, fallbackMs: number) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value * 1000 : fallbackMs;
	return {
		...DEFAULT_POLICY,
		timeoutMs: Math.max(1000, seconds(options.timeoutSeconds, DEFAULT_POLICY.timeoutMs)),
		maxRetryWaitMs: seconds(options.maxRetryWaitSeconds, DEFAULT_POLICY.maxRetryWaitMs),
		backoffBaseMs:
			typeof options.backoffBaseMs === 'number' && options.backoffBaseMs >= 0 ? options.backoffBaseMs : DEFAULT_POLICY.backoffBaseMs,
	};
}
