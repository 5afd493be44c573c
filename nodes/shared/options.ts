import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** How one request is sent: its timeout and how long it may wait for retries. */
export interface RequestPolicy {
	/** Per-request timeout in milliseconds. */
	timeoutMs: number;
	/** Upper bound on the total time one request may spend waiting before retries. */
	maxRetryWaitMs: number;
	/** Base of the exponential back-off when the API gives no Retry-After. */
	backoffBaseMs: number;
	/** Upper bound on the time the whole node run (an execution of the node, a poll) waits before retries. */
	maxTotalWaitMs?: number;
}

/** How long one node run may wait before retries, over all its requests, unless the user sets it. */
export const DEFAULT_MAX_TOTAL_WAIT_MS = 300_000;

export const DEFAULT_POLICY: RequestPolicy = {
	timeoutMs: 30_000,
	maxRetryWaitMs: 120_000,
	backoffBaseMs: 1_000,
	maxTotalWaitMs: DEFAULT_MAX_TOTAL_WAIT_MS,
};

/** How many items run at once by default: where a client of the sandbox at 50 ms stops gaining (README, Performance). */
export const DEFAULT_CONCURRENCY = 10;
export const MAX_CONCURRENCY = 50;

/** How the node's items share the credential: read once per run, from the first item. */
export interface RunOptions {
	concurrency: number;
	maxRequestsPerSecond?: number;
}

/**
 * The "Options" collection every operation of a node shows; `service` is the name users read.
 * Triggers, which process no input items, leave out the per-run options.
 */
export function requestOptionsProperty(service: string, perRun = true): INodeProperties {
	const property: INodeProperties = {
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
				description: `Back-off before the first retry when ${service} sends no Retry-After; each further retry waits up to twice as long (with random jitter)`,
			},
			{
				displayName: 'Items in Parallel',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description:
					'How many items are processed at once. The output keeps the input order, and items that change the same conversation or contact still run one after another. 1 processes items strictly one by one.',
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
				displayName: 'Max Requests per Second',
				name: 'maxRequestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: `Never send more requests per second than this (your ${service} plan's limit, if you know it). 0 = no cap: the node slows down by itself when ${service} answers 429.`,
			},
			{
				displayName: 'Max Total Wait (Seconds)',
				name: 'maxTotalWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				description:
					'How long this node may wait in total, over all its requests, for retries in one run (one execution, or one poll of a trigger). Waits of requests running at the same time count once. When it is used up, a request that would need to wait fails instead. 0 turns retries off.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: `How long to wait for ${service} to answer one request`,
			},
		],
	};
	const perRunOptions = new Set(['concurrency', 'maxRequestsPerSecond']);
	if (!perRun) property.options = property.options?.filter((option) => !perRunOptions.has(option.name));
	return property;
}

function optionsObject(raw: unknown): IDataObject {
	return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as IDataObject) : {};
}

export function readOptions(context: IExecuteFunctions, itemIndex: number): RequestPolicy {
	return policyFromOptions(context.getNodeParameter('requestOptions', itemIndex, {}));
}

/** The request policy from the Options collection's value; the trigger reads it without an item. */
export function policyFromOptions(raw: unknown): RequestPolicy {
	const options = optionsObject(raw);
	const seconds = (value: unknown, fallbackMs: number) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value * 1000 : fallbackMs;
	return {
		...DEFAULT_POLICY,
		timeoutMs: Math.max(1000, seconds(options.timeoutSeconds, DEFAULT_POLICY.timeoutMs)),
		maxRetryWaitMs: seconds(options.maxRetryWaitSeconds, DEFAULT_POLICY.maxRetryWaitMs),
		backoffBaseMs:
			typeof options.backoffBaseMs === 'number' && options.backoffBaseMs >= 0 ? options.backoffBaseMs : DEFAULT_POLICY.backoffBaseMs,
		maxTotalWaitMs: seconds(options.maxTotalWaitSeconds, DEFAULT_MAX_TOTAL_WAIT_MS),
	};
}

/** Concurrency and rate cap from the Options collection; out-of-range values fall back to safe ones. */
export function runOptionsFrom(raw: unknown): RunOptions {
	const options = optionsObject(raw);
	const concurrency =
		typeof options.concurrency === 'number' && Number.isFinite(options.concurrency)
			? Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency)))
			: DEFAULT_CONCURRENCY;
	const rps = options.maxRequestsPerSecond;
	return {
		concurrency,
		maxRequestsPerSecond: typeof rps === 'number' && Number.isFinite(rps) && rps > 0 ? rps : undefined,
	};
}

export function readRunOptions(context: IExecuteFunctions): RunOptions {
	return runOptionsFrom(context.getNodeParameter('requestOptions', 0, {}));
}
