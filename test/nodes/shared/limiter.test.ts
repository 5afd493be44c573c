import { describe, expect, it } from 'vitest';

import { HaltedError, RequestLimiter } from '../../../nodes/shared/limiter';
import { type Outcome, sendWithRetries } from '../../../nodes/shared/retry';
import { TokenBucket, VirtualClock } from './virtual-time';

/**
 * The limiter in simulated time: a server with a latency and a token bucket, items sent through
 * sendWithRetries exactly as the transports do. Figures are exact, so the bounds below are tight.
 */
interface Simulation {
	items: number;
	concurrency: number;
	latencyMs: number;
	/** The API's limit; undefined = none. */
	bucket?: { perSecond: number; burst: number };
	/** What the 429 says: exact seconds-with-fraction, whole seconds rounded up, or nothing. */
	retryAfter?: 'exact' | 'ceil-seconds' | 'none';
	/** 0..1 of requests refused with a 429 at random (a flaky proxy, not a limit). */
	random429?: number;
	maxRequestsPerSecond?: number;
	/** Back-off base when the 429 has no Retry-After (the node's First Retry Delay option). */
	backoffBaseMs?: number;
}

function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state * 1664525 + 1013904223) >>> 0;
		return state / 2 ** 32;
	};
}

async function simulate(sim: Simulation) {
	const clock = new VirtualClock();
	const limiter = new RequestLimiter({ maxInFlight: sim.concurrency, maxRequestsPerSecond: sim.maxRequestsPerSecond }, clock);
	const bucket = sim.bucket ? new TokenBucket(clock, sim.bucket.perSecond, sim.bucket.burst) : undefined;
	const random = seeded(42);
	const starts: number[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	let refused = 0;
	let processed = 0;

	const attempt = async (): Promise<Outcome<number>> => {
		starts.push(clock.now());
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		const decision = sim.random429 !== undefined && random() < sim.random429 ? { ok: false as const, retryAfterMs: 0 } : (bucket?.take() ?? { ok: true as const });
		await clock.wait(sim.latencyMs);
		inFlight--;
		if (decision.ok) {
			processed++;
			return { value: processed };
		}
		refused++;
		const retryAfterMs =
			sim.retryAfter === 'exact'
				? decision.retryAfterMs
				: sim.retryAfter === 'ceil-seconds'
					? Math.max(1, Math.ceil(decision.retryAfterMs / 1000)) * 1000
					: undefined;
		return { error: new Error('429'), retry: true, throttled: true, retryAfterMs };
	};

	let next = 0;
	const worker = async () => {
		while (next < sim.items) {
			next++;
			await sendWithRetries(limiter, { maxRetryWaitMs: 10 * 60_000, backoffBaseMs: sim.backoffBaseMs ?? 100 }, attempt, (ms) => clock.wait(ms));
		}
	};
	await clock.run(Promise.all(Array.from({ length: sim.concurrency }, worker)));
	return { seconds: clock.now() / 1000, refused, processed, starts, maxInFlight, limiter };
}

/** The most requests started in any one-second window. */
function peakPerSecond(starts: number[]): number {
	let peak = 0;
	for (let i = 0, j = 0; i < starts.length; i++) {
		while (starts[i] - starts[j] >= 1000) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

describe('RequestLimiter behind a 10 requests/s token bucket (burst 10), 50 ms latency, 10 items in parallel', () => {
	const bound = (items: number) => (items - 10) / 10;

	it('with a Retry-After in whole seconds: every item processed once, few 429s, within 1.15× the bound', async () => {
		const result = await simulate({ items: 600, concurrency: 10, latencyMs: 50, bucket: { perSecond: 10, burst: 10 }, retryAfter: 'ceil-seconds' });
		expect(result.processed).toBe(600);
		console.log(`bucket, Retry-After in seconds: ${result.seconds.toFixed(1)} s (bound ${bound(600)} s), ${result.refused} × 429`);
		expect(result.seconds).toBeLessThanOrEqual(bound(600) * 1.15);
		// Unpaced, 10 parallel requests at 50 ms would meet about 19 refusals per success.
		expect(result.refused).toBeLessThan(40);
	});

	it('with an exact Retry-After: the same', async () => {
		const result = await simulate({ items: 600, concurrency: 10, latencyMs: 50, bucket: { perSecond: 10, burst: 10 }, retryAfter: 'exact' });
		expect(result.processed).toBe(600);
		expect(result.seconds).toBeLessThanOrEqual(bound(600) * 1.15);
		expect(result.refused).toBeLessThan(40);
	});

	it('without Retry-After (back-off only): every item processed, within 1.3× the bound', async () => {
		const result = await simulate({ items: 600, concurrency: 10, latencyMs: 50, bucket: { perSecond: 10, burst: 10 }, retryAfter: 'none' });
		expect(result.processed).toBe(600);
		expect(result.seconds).toBeLessThanOrEqual(bound(600) * 1.3);
		expect(result.refused).toBeLessThan(80);
	});

	it('lowers the number in flight on 429s and learns a pace near the limit', async () => {
		const result = await simulate({ items: 300, concurrency: 10, latencyMs: 50, bucket: { perSecond: 10, burst: 10 }, retryAfter: 'exact' });
		expect(result.limiter.currentRate).toBeGreaterThan(8);
		expect(result.limiter.currentRate).toBeLessThan(12);
		expect(result.limiter.stats.throttled).toBe(result.refused);
	});
});

describe('RequestLimiter without a limit', () => {
	it('keeps the number in flight at the item concurrency: 1,000 requests of 50 ms take 5 s at 10 in parallel', async () => {
		const result = await simulate({ items: 1000, concurrency: 10, latencyMs: 50 });
		expect(result.maxInFlight).toBe(10);
		expect(result.seconds).toBeCloseTo(5, 1);
		expect(result.refused).toBe(0);
	});

	it('429s at random (10%, Retry-After 0) slow the run down, but never to a crawl', async () => {
		const clean = await simulate({ items: 3000, concurrency: 10, latencyMs: 20 });
		const flaky = await simulate({ items: 3000, concurrency: 10, latencyMs: 20, random429: 0.1, retryAfter: 'exact' });
		expect(flaky.processed).toBe(3000);
		console.log(`random 429s: ${flaky.seconds.toFixed(1)} s vs ${clean.seconds.toFixed(1)} s clean`);
		// A server that refuses 10% of requests is asking for less traffic; the pace stays at or above
		// half the best pace it sustained, so the run ends in seconds, not hours (0.2 requests/s).
		expect(flaky.seconds).toBeLessThan(clean.seconds * 8);
	});
});

/** The smallest gap between two consecutive starts from the `from`-th start on. */
function closestStarts(starts: number[], from: number): number {
	let closest = Infinity;
	for (let i = Math.max(1, from); i < starts.length; i++) closest = Math.min(closest, starts[i] - starts[i - 1]);
	return closest;
}

describe('starts spread over the shortest round trip', () => {
	it('after the first window, no two requests start closer than the round trip divided by the window', async () => {
		const result = await simulate({ items: 200, concurrency: 10, latencyMs: 50 });
		// The first window starts at once: no round trip is known yet.
		expect(result.starts.slice(0, 10)).toEqual(Array(10).fill(0));
		expect(result.limiter.shortestRoundTrip).toBe(50);
		expect(closestStarts(result.starts, 10)).toBeGreaterThanOrEqual(5);
		// Spreading costs no throughput: 10 in flight still finish 200 requests of 50 ms in about 1 s.
		expect(result.maxInFlight).toBe(10);
		expect(result.seconds).toBeLessThanOrEqual(1.06);
	});

	it('does not spread starts for a fast server (a gap under 1 ms is not worth a timer)', async () => {
		const result = await simulate({ items: 100, concurrency: 10, latencyMs: 5 });
		expect(result.limiter.shortestRoundTrip).toBe(5);
		expect(closestStarts(result.starts, 10)).toBe(0);
	});

	it('takes a shorter round trip at once and a longer one only after 10 s', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 4 }, clock);
		const gaps: number[] = [];
		const work = (async () => {
			limiter.release({ kind: 'ok', rttMs: 80 });
			expect(limiter.shortestRoundTrip).toBe(80);
			limiter.release({ kind: 'ok', rttMs: 40 });
			expect(limiter.shortestRoundTrip).toBe(40);
			limiter.release({ kind: 'ok', rttMs: 200 });
			expect(limiter.shortestRoundTrip).toBe(40);
			await clock.wait(10_001);
			limiter.release({ kind: 'ok', rttMs: 200 });
			expect(limiter.shortestRoundTrip).toBe(200);
			// 200 ms over a window of 4: starts 50 ms apart.
			let last: number | undefined;
			for (let i = 0; i < 3; i++) {
				await limiter.acquire();
				if (last !== undefined) gaps.push(clock.now() - last);
				last = clock.now();
			}
		})();
		await clock.run(work);
		expect(gaps).toEqual([50, 50]);
	});

	it('starts waiting requests in the order they asked, one spread apart', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 4 }, clock);
		limiter.release({ kind: 'ok', rttMs: 100 });
		const started: Array<[number, number]> = [];
		const work = Promise.all(
			[0, 1, 2, 3].map(async (n) => {
				await limiter.acquire();
				started.push([n, clock.now()]);
			}),
		);
		await clock.run(work);
		expect(started).toEqual([
			[0, 0],
			[1, 25],
			[2, 50],
			[3, 75],
		]);
	});

	it('sendWithRetries reports each success with its round trip', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 2 }, clock);
		const work = sendWithRetries(limiter, { maxRetryWaitMs: 0, backoffBaseMs: 100 }, async () => {
			await clock.wait(70);
			return { value: 1 };
		});
		await clock.run(work);
		expect(limiter.shortestRoundTrip).toBe(70);
	});
});

describe('Max Requests per Second', () => {
	it('never starts more than the cap in any second, so a bucket at that rate never refuses', async () => {
		const result = await simulate({
			items: 200,
			concurrency: 10,
			latencyMs: 50,
			bucket: { perSecond: 5, burst: 1 },
			retryAfter: 'exact',
			maxRequestsPerSecond: 5,
		});
		expect(result.processed).toBe(200);
		expect(peakPerSecond(result.starts)).toBeLessThanOrEqual(5);
		expect(result.refused).toBe(0);
	});
});

describe('a 429 pauses every request of the credential', () => {
	it('no request starts before the Retry-After has passed', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 4 }, clock);
		const log: Array<{ at: number; what: string }> = [];
		const work = (async () => {
			await limiter.acquire();
			log.push({ at: clock.now(), what: 'first' });
			limiter.release({ kind: 'throttled', pauseMs: 2000 });
			await Promise.all(
				[1, 2, 3].map(async (n) => {
					await limiter.acquire();
					log.push({ at: clock.now(), what: `after ${n}` });
					limiter.release({ kind: 'ok' });
				}),
			);
		})();
		await clock.run(work);
		expect(log[0]).toEqual({ at: 0, what: 'first' });
		expect(log.slice(1).every((entry) => entry.at >= 2000)).toBe(true);
		expect(log).toHaveLength(4);
	});

	it('halves the window on a 429 and grows it by about one per window of successes', () => {
		const limiter = new RequestLimiter({ maxInFlight: 8 }, new VirtualClock());
		expect(limiter.currentWindow).toBe(8);
		limiter.release({ kind: 'throttled', pauseMs: 0 });
		expect(limiter.currentWindow).toBe(4);
		limiter.release({ kind: 'throttled', pauseMs: 0 });
		expect(limiter.currentWindow).toBe(2);
		// 2 → 2.5 → 2.9 → 3.24: one more in flight after a window's worth of successes.
		for (let i = 0; i < 3; i++) limiter.release({ kind: 'ok' });
		expect(limiter.currentWindow).toBe(3);
		for (let i = 0; i < 100; i++) limiter.release({ kind: 'ok' });
		expect(limiter.currentWindow).toBe(8);
	});
});

describe('halt', () => {
	it('refuses waiting and later requests with HaltedError, and lets running ones finish', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 1 }, clock);
		const outcome = (async () => {
			await limiter.acquire();
			const waiting = limiter.acquire();
			limiter.halt();
			const results = await Promise.allSettled([waiting, limiter.acquire()]);
			limiter.release({ kind: 'ok' });
			return results;
		})();
		const results = await clock.run(outcome);
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		for (const result of results) expect((result as PromiseRejectedResult).reason).toBeInstanceOf(HaltedError);
	});
});
