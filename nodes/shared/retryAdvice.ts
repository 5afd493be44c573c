import type { RequestPolicy } from './options';
import { type GiveUpReason, MAX_ATTEMPTS } from './retry';

/** The words of a failed request once a node stops retrying it: what the node did, and what helps. */

/** What a service's rate limit is, in its users' words. */
export interface RateLimitWords {
	/** Who limits and what the node did about it; a clause that the advice continues. */
	pacing: string;
	/** What the user can change, in lower case (it follows "Raise ..., "). */
	helps: string;
	/** The whole description when retries are off (Max Rate Limit Wait 0). */
	retriesOff: string;
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/** The description of a 429 the node gave up on, by the budget that ran out. */
export function rateLimitAdvice(words: RateLimitWords, why: GiveUpReason | undefined, policy: RequestPolicy): string {
	const { pacing, helps } = words;
	if (why === 'attempts') {
		return `${pacing}, but the answer kept coming back at once (Retry-After 0), so the node stopped after ${MAX_ATTEMPTS} attempts. ${helps[0].toUpperCase()}${helps.slice(1)}.`;
	}
	if (why === 'run-budget') {
		return `${pacing}, until this run had used up its Max Total Wait (${seconds(policy.maxTotalWaitMs ?? 0)}). Raise Max Total Wait, ${helps}.`;
	}
	if (why === 'request-budget' && policy.maxRetryWaitMs === 0) return words.retriesOff;
	return `${pacing}, until this request had used up its Max Rate Limit Wait (${seconds(policy.maxRetryWaitMs)}). Raise Max Rate Limit Wait, ${helps}.`;
}

/** Added to other retryable failures when it was the run's budget, not the request's, that stopped the retries. */
export function runBudgetNote(policy: RequestPolicy): string {
	return ` The node stopped retrying because this run had used up its Max Total Wait (${seconds(policy.maxTotalWaitMs ?? 0)}).`;
}
