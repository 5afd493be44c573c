import { describe, expect, it } from 'vitest';

import { RequestLimiter } from '../../../nodes/shared/limiter';
import { type GiveUpReason, MAX_ATTEMPTS, type Outcome, sendWithRetries } from '../../../nodes/shared/retry';
import { VirtualClock } from './virtual-time';

describe('sendWithRetries', () => {
	it('gives up after MAX_ATTEMPTS when every answer is a 429 with Retry-After 0 (zero waits spend no budget)', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 1 }, clock);
		let attempts = 0;
		let why: GiveUpReason | undefined;
		const refused = new Error('429');
		const attempt = async (): Promise<Outcome<string>> => {
			attempts++;
			return { error: refused, retry: true, throttled: true, retryAfterMs: 0, onGiveUp: (reason) => (why = reason) };
		};
		const result = await clock
			.run(sendWithRetries(limiter, { maxRetryWaitMs: 120_000, backoffBaseMs: 1000 }, attempt, (ms) => clock.wait(ms)))
			.catch((error: unknown) => error);
		expect(result).toBe(refused);
		expect(attempts).toBe(MAX_ATTEMPTS);
		expect(why).toBe('attempts');
	});

	it('a request that is not retryable is tried once and says why', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 1 }, clock);
		let attempts = 0;
		let why: GiveUpReason | undefined;
		const attempt = async (): Promise<Outcome<string>> => {
			attempts++;
			return { error: new Error('reset after sending a POST'), retry: false, serverTrouble: true, onGiveUp: (reason) => (why = reason) };
		};
		await clock.run(sendWithRetries(limiter, { maxRetryWaitMs: 120_000, backoffBaseMs: 1000 }, attempt, (ms) => clock.wait(ms))).catch(() => undefined);
		expect(attempts).toBe(1);
		expect(why).toBe('not-retryable');
	});
});
