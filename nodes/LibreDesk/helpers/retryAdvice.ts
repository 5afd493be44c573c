import type { RequestPolicy } from '../../shared/options';
import type { GiveUpReason } from '../../shared/retry';
import { rateLimitAdvice as adviceIn, type RateLimitWords } from '../../shared/retryAdvice';

export { runBudgetNote } from '../../shared/retryAdvice';

// §1: LibreDesk itself limits no API route, so a 429 comes from a proxy or gateway in front of it.
const WORDS: RateLimitWords = {
	pacing:
		'LibreDesk has no rate limit of its own, so a proxy or gateway in front of it refused the request. On each 429 the node paused every request of this credential for the Retry-After time (or a growing back-off when none came) and slowed down its pace',
	helps: 'set Max Requests per Second or lower Items in Parallel (both in the LibreDesk node\'s Options), or raise the proxy\'s limit',
	retriesOff:
		'A proxy or gateway in front of LibreDesk refused the request (429). Retries are off (Max Rate Limit Wait is 0), so the request failed at the first 429. Raise Max Rate Limit Wait to let the node wait and retry.',
};

/** The description of a 429 the node gave up on, by the budget that ran out. */
export function rateLimitAdvice(why: GiveUpReason | undefined, policy: RequestPolicy): string {
	return adviceIn(WORDS, why, policy);
}
