import { sleep } from 'n8n-workflow';

import type { RequestLimiter } from './limiter';

/** What every transport needs to decide about a failed attempt, whatever the service. */

/** Errors whose request provably never reached the server: safe to send again, even a POST. */
export const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (typeof header !== 'string' && typeof header !== 'number') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential back-off (attempt 0 = first retry). */
export function backoffDelay(attempt: number, baseMs: number, random = Math.random): number {
	return Math.round(random() * baseMs * 2 ** Math.min(attempt, 10));
}

/** The system error code of a failed request (n8n's HTTP client nests it in `cause`). */
export function networkCode(error: unknown): string | undefined {
	const candidate = error as { code?: unknown; cause?: { code?: unknown } };
	const code = candidate?.code ?? candidate?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

/** What one attempt came to, as a transport judges it. */
export type Outcome<T> =
	| { value: T }
	| {
			error: Error;
			/** Whether sending again is safe (the request was refused, never sent, or is repeatable). */
			retry: boolean;
			/** HTTP 429: every request of the credential pauses, not only this one. */
			throttled?: boolean;
			/** The server's Retry-After, in milliseconds. */
			retryAfterMs?: number;
			/** A 5xx or a network failure: a sign of load, so fewer requests go out at once. */
			serverTrouble?: boolean;
	  };

export interface RetryBudget {
	/** Upper bound on the total time this request may wait before retries. */
	maxRetryWaitMs: number;
	/** Base of the exponential back-off when the server gives no Retry-After. */
	backoffBaseMs: number;
}

/**
 * Sends one request through the credential's limiter until it succeeds, fails for good, or its wait
 * budget is spent. A 429 pauses every request of the credential for Retry-After (or a back-off);
 * other retries wait on their own.
 */
export async function sendWithRetries<T>(
	limiter: RequestLimiter,
	budget: RetryBudget,
	attemptOnce: () => Promise<Outcome<T>>,
	wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
	let waited = 0;
	for (let retry = 0; ; retry++) {
		const ticket = await limiter.acquire();
		let outcome: Outcome<T> | undefined;
		try {
			outcome = await attemptOnce();
		} finally {
			// An attempt that threw (a defect, not an answer) still gives its slot back.
			if (outcome === undefined) limiter.release({ kind: 'neutral' }, true);
		}
		if ('value' in outcome) {
			limiter.release({ kind: 'ok' });
			return outcome.value;
		}
		const delay = outcome.retryAfterMs ?? backoffDelay(retry, budget.backoffBaseMs);
		const retrying = outcome.retry && waited + delay <= budget.maxRetryWaitMs;
		if (outcome.throttled) limiter.release({ kind: 'throttled', pauseMs: retrying ? delay : 0, ticket }, !retrying);
		else limiter.release({ kind: outcome.serverTrouble ? 'failed' : 'neutral' }, !retrying);
		if (!retrying) throw outcome.error;
		waited += delay;
		// A throttled request waits in the limiter's pause with everyone else.
		if (!outcome.throttled) await wait(delay);
	}
}
