import type { RequestPolicy } from '../../shared/options';
import { type GiveUpReason, MAX_ATTEMPTS } from '../../shared/retry';

/** The words of a failed request once the node stops retrying it: what the node did, and what helps. */

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

// §1: LibreDesk itself limits no API route, so a 429 comes from a proxy or gateway in front of it.
const PACING =
	'LibreDesk has no rate limit of its own, so a proxy or gateway in front of it refused the request. On each 429 the node paused every request of this credential for the Retry-After time (or a growing back-off when none came) and slowed down its pace';

/** The description of a 429 the node gave up on, by the budget that ran out. */
export function rateLimitAdvice(why: GiveUpReason | undefined, policy: RequestPolicy): string {
	const helps = 'set Max Requests per Second or lower Items in Parallel (both in the LibreDesk node\'s Options), or raise the proxy\'s limit';
	if (why === 'attempts') {
		return `${PACING}, but the answer kept coming back at once (Retry-After 0), so the node stopped after ${MAX_ATTEMPTS} attempts. ${helps[0].toUpperCase()}${helps.slice(1)}.`;
	}
	if (why === 'run-budget') {
		return `${PACING}, until this run had used up its Max Total Wait (${seconds(policy.maxTotalWaitMs ?? 0)}). Raise Max Total Wait, ${helps}.`;
	}
	if (why === 'request-budget' && policy.maxRetryWaitMs === 0) {
		return 'A proxy or gateway in front of LibreDesk refused the request (429). Retries are off (Max Rate Limit Wait is 0), so the request failed at the first 429. Raise Max Rate Limit Wait to let the node wait and retry.';
	}
	return `${PACING}, until this request had used up its Max Rate Limit Wait (${seconds(policy.maxRetryWaitMs)}). Raise Max Rate Limit Wait, ${helps}.`;
}

/** Added to other retryable failures when it was the run's budget, not the request's, that stopped the retries. */
export function runBudgetNote(policy: RequestPolicy): string {
	return ` The node stopped retrying because this run had used up its Max Total Wait (${seconds(policy.maxTotalWaitMs ?? 0)}).`;
}
