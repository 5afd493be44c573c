import type { RequestPolicy } from '../../shared/options';
import type { GiveUpReason } from '../../shared/retry';
import { rateLimitAdvice as adviceIn, type RateLimitWords } from '../../shared/retryAdvice';

export { runBudgetNote } from '../../shared/retryAdvice';

/** §5: Re:amaze limits each API token and does not publish the limit. */
const WORDS: RateLimitWords = {
	pacing:
		'Re:amaze limits requests per API token per minute and does not publish the limit. On each 429 the node paused every request of this credential for the Retry-After time (or a growing back-off when none came) and slowed down its pace',
	helps: 'set Max Requests per Second to your plan\'s limit or lower Items in Parallel (both in the Re:amaze node\'s Options), or run this workflow less often',
	retriesOff:
		'Re:amaze limits requests per API token per minute. Retries are off (Max Rate Limit Wait is 0), so the request failed at the first 429. Raise Max Rate Limit Wait to let the node wait and retry.',
};

/** The description of a 429 the node gave up on, by the budget that ran out. */
export function rateLimitAdvice(why: GiveUpReason | undefined, policy: RequestPolicy): string {
	return adviceIn(WORDS, why, policy);
}
