import type { Clock } from '../../../nodes/shared/limiter';

/**
 * A clock whose time moves only when every task is waiting: simulations of minutes of rate-limited
 * traffic run in milliseconds and give the same figures on an idle or a loaded machine.
 */
export class VirtualClock implements Clock {
	private time = 0;
	private timers: Array<{ at: number; resolve: () => void }> = [];

	now(): number {
		return this.time;
	}

	wait(ms: number): Promise<void> {
		return new Promise((resolve) => this.timers.push({ at: this.time + Math.max(0, ms), resolve }));
	}

	/** Runs `work` to completion, advancing time to the next timer whenever nothing else can run. */
	async run<T>(work: Promise<T>): Promise<T> {
		let settled = false;
		const done = work.finally(() => (settled = true));
		done.catch(() => undefined);
		while (!settled) {
			// Node drains every pending microtask before a macrotask runs.
			await new Promise((resolve) => setImmediate(resolve));
			if (settled) break;
			if (this.timers.length === 0) throw new Error('virtual time: every task waits and no timer is set (a deadlock)');
			const next = Math.min(...this.timers.map((timer) => timer.at));
			this.time = next;
			const due = this.timers.filter((timer) => timer.at <= next);
			this.timers = this.timers.filter((timer) => timer.at > next);
			for (const timer of due) timer.resolve();
		}
		return await done;
	}
}

/** A token bucket as an API's rate limit: `perSecond` refill, `burst` capacity, full at the start. */
export class TokenBucket {
	private tokens: number;
	private last = 0;

	constructor(
		private readonly clock: Clock,
		private readonly perSecond: number,
		private readonly burst: number,
	) {
		this.tokens = burst;
	}

	/** Takes a token, or answers how long until one is available (what a Retry-After would say). */
	take(): { ok: true } | { ok: false; retryAfterMs: number } {
		const now = this.clock.now();
		this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
		this.last = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return { ok: true };
		}
		return { ok: false, retryAfterMs: ((1 - this.tokens) * 1000) / this.perSecond };
	}
}
