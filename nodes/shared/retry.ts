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
			/** What went wrong, in words for the log line of a retry wait ("HTTP 503 from Re:amaze, item 2"). */
			reason?: string;
			/** Told why no retry follows, so the error can say which budget ran out. */
			onGiveUp?: (why: GiveUpReason) => void;
	  };

/**
 * Why a failed request is not sent again: it may not be (`not-retryable`), its own Max Rate Limit
 * Wait would be exceeded (`request-budget`), the run's Max Total Wait would (`run-budget`), or it
 * was tried MAX_ATTEMPTS times (`attempts`).
 */
export type GiveUpReason = 'not-retryable' | 'request-budget' | 'run-budget' | 'attempts';

/**
 * However the budgets stand, a request is tried at most this often: a server that answers every
 * attempt with `Retry-After: 0` would otherwise be asked forever, since zero waits spend no budget.
 */
export const MAX_ATTEMPTS = 25;

export interface RetryBudget {
	/** Upper bound on the total time this request may wait before retries. */
	maxRetryWaitMs: number;
	/** Base of the exponential back-off when the server gives no Retry-After. */
	backoffBaseMs: number;
	/** Upper bound on the time the whole node run waits before retries (shared by its requests); undefined = none. */
	maxTotalWaitMs?: number;
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/** One log line per retry wait: what failed, how long the wait is, and what is left of both budgets. */
export function describeWait(
	outcome: { throttled?: boolean; serverTrouble?: boolean; reason?: string },
	delayMs: number,
	retry: number,
	waitedMs: number,
	budget: RetryBudget,
	runSpentMs?: number,
): string {
	const reason = outcome.reason ?? (outcome.throttled ? 'rate limited (HTTP 429)' : outcome.serverTrouble ? 'a server or network failure' : 'a failed attempt');
	const pause = outcome.throttled ? ' Every request of this credential pauses meanwhile.' : '';
	const run =
		budget.maxTotalWaitMs === undefined || runSpentMs === undefined
			? ''
			: `; the node run has waited ${seconds(runSpentMs)} of its ${seconds(budget.maxTotalWaitMs)} (Max Total Wait)`;
	return `Retry ${retry + 1} in ${seconds(delayMs)} after ${reason}.${pause} This request has waited ${seconds(waitedMs + delayMs)} of its ${seconds(budget.maxRetryWaitMs)} (Max Rate Limit Wait)${run}.`;
}

/**
 * Sends one request through the credential's limiter until it succeeds, fails for good, or a wait
 * budget is spent: its own (`maxRetryWaitMs`) or the node run's (`maxTotalWaitMs`, shared by every
 * request of the run). A 429 pauses every request of the credential for Retry-After (or a back-off);
 * other retries wait on their own. Each wait is logged at info level when the run has a logger.
 */
export async function sendWithRetries<T>(
	limiter: RequestLimiter,
	budget: RetryBudget,
	attemptOnce: () => Promise<Outcome<T>>,
	wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
	let waited = 0;
	const run = budget.maxTotalWaitMs === undefined ? undefined : limiter.waitBudget(budget.maxTotalWaitMs);
	for (let retry = 0; ; retry++) {
		const ticket = await limiter.acquire();
		const sentAt = limiter.now();
		let outcome: Outcome<T> | undefined;
		try {
			outcome = await attemptOnce();
		} finally {
			// An attempt that threw (a defect, not an answer) still gives its slot back.
			if (outcome === undefined) limiter.release({ kind: 'neutral' }, true);
		}
		if ('value' in outcome) {
			limiter.release({ kind: 'ok', rttMs: limiter.now() - sentAt });
			return outcome.value;
		}
		const delay = outcome.retryAfterMs ?? backoffDelay(retry, budget.backoffBaseMs);
		let giveUp: GiveUpReason | undefined;
		if (!outcome.retry) giveUp = 'not-retryable';
		else if (retry + 1 >= MAX_ATTEMPTS) giveUp = 'attempts';
		else if (waited + delay > budget.maxRetryWaitMs) giveUp = 'request-budget';
		else if (run && !run.claim(delay)) giveUp = 'run-budget';
		const retrying = giveUp === undefined;
		if (outcome.throttled) limiter.release({ kind: 'throttled', pauseMs: retrying ? delay : 0, ticket }, !retrying);
		else limiter.release({ kind: outcome.serverTrouble ? 'failed' : 'neutral' }, !retrying);
		if (giveUp !== undefined) {
			outcome.onGiveUp?.(giveUp);
			throw outcome.error;
		}
		limiter.logger?.info(describeWait(outcome, delay, retry, waited, budget, run?.spentMs), {
			retry: retry + 1,
			waitMs: delay,
			throttled: outcome.throttled === true,
		});
		waited += delay;
		// A throttled request waits in the limiter's pause with everyone else.
		if (!outcome.throttled) await wait(delay);
	}
}
