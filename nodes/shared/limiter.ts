import { sleep } from 'n8n-workflow';

/**
 * Paces the requests of one credential: how many may be in flight at once (a window that grows by one
 * per window of successes and halves on a throttle: additive increase, multiplicative decrease) and,
 * once the API has throttled, how many may start per second. Every item and every page of a node run
 * goes through the same limiter, so a rate-limited account sees a few 429s instead of one per item.
 *
 * Starts are also spread out: never closer than the shortest round trip seen divided by the window
 * (README.md, Performance). n8n's HTTP helper opens a new connection per request, and a request is only
 * written once its connection is up, on the event loop's next turn; when a window's answers arrive
 * together, their replacements wait until all of them are processed and leave together, so the
 * window keeps travelling as one batch and the run takes a round trip plus a batch's processing per
 * window. Spreading the starts breaks the batch up. It costs no throughput: a window of W requests
 * cannot finish more than W per shortest round trip anyway.
 */

export interface LimiterSettings {
	/** Ceiling of the in-flight window; the window starts there. */
	maxInFlight: number;
	/** A cap the user knows from their plan (requests per second); 0 or undefined = learn it from 429s. */
	maxRequestsPerSecond?: number;
}

export type Release =
	/** `rttMs`: how long the request took, from its start to its answer (it spreads the starts). */
	| { kind: 'ok'; rttMs?: number }
	/** HTTP 429: refused, not processed. `pauseMs` = how long every request of this credential waits. */
	| { kind: 'throttled'; pauseMs: number; ticket?: number }
	/** 5xx or a network failure: the server may be overloaded, so fewer requests go out at once. */
	| { kind: 'failed' }
	/** Neither success nor a sign of load (4xx other than 429). */
	| { kind: 'neutral' };

/** Thrown to requests that were waiting when the run was halted (an item failed without Continue On Fail). */
export class HaltedError extends Error {
	constructor() {
		super('Not sent: an earlier item failed and the node stopped');
		this.name = 'HaltedError';
	}
}

export interface Clock {
	now(): number;
	wait(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), wait: async (ms) => await sleep(ms) };

/** The shortest round trip is forgotten after this long, so a slower server later is paced to its own. */
const MIN_RTT_MEMORY_MS = 10_000;
/** Spacing below this is not worth a timer: the event loop's own granularity. */
const MIN_SPACING_MS = 1;
/** The slowest pace the limiter ever settles on (one request per 5 s). */
const MIN_RATE = 0.2;
/** A throttle cuts the pace to this share of what the API let through in the last seconds. */
const CUT = 0.9;
/** The pace is cut at most once per this many milliseconds, however many 429s arrive together. */
const CUT_INTERVAL_MS = 1000;
/** Successes are counted over this window to measure what the API lets through. */
const GOODPUT_WINDOW_MS = 2000;
/** Fewer successes than this, or a shorter span, measure nothing: the pace is left alone. */
const MIN_EVIDENCE = 5;
const MIN_SPAN_MS = 500;
/**
 * Never below this share of the best pace the API has sustained: 429s that come at random rather
 * than from a limit (a flaky proxy) must not slow the run down to a crawl.
 */
const FLOOR_OF_BEST = 0.5;
/** How much faster the pace gets per second of successes once a rate is learned: 1 %, at least 0.1/s. */
function gainPerSecond(rate: number): number {
	return Math.max(0.1, rate * 0.01);
}

/** What the limiter logs through: n8n's Logger (`this.logger` of a node's context) has this shape. */
export interface WaitLogger {
	info(message: string, metadata?: Record<string, unknown>): void;
}

/**
 * The time one node run may spend waiting before retries, over all its requests. Waits of requests
 * running side by side overlap, so the budget counts wall-clock time in which at least one request
 * waits, not the sum: ten items paused together by one 429 spend its Retry-After once.
 */
export class WaitBudget {
	private spent = 0;
	private busyUntil = -Infinity;

	constructor(
		readonly maxMs: number,
		private readonly now: () => number = () => Date.now(),
	) {}

	get spentMs(): number {
		return this.spent;
	}

	/** Reserves a wait of `ms` from now; false, reserving nothing, when the budget cannot cover it. */
	claim(ms: number): boolean {
		const start = this.now();
		const end = start + Math.max(0, ms);
		const added = Math.max(0, end - Math.max(start, this.busyUntil));
		if (this.spent + added > this.maxMs) return false;
		this.spent += added;
		this.busyUntil = Math.max(this.busyUntil, end);
		return true;
	}
}

export class RequestLimiter {
	private settings: LimiterSettings;
	private window: number;
	private inFlight = 0;
	private waiters: Array<() => void> = [];
	private pausedUntil = 0;
	private nextStart = 0;
	/** Requests per second; Infinity until the API throttles or the user sets a cap. */
	private rate = Infinity;
	private lastCutAt = -Infinity;
	private lastCutTicket = 0;
	private firstStartAt: number | undefined;
	/** End times of recent successes, to measure the pace the API lets through. */
	private recentOks: number[] = [];
	private bestGoodput = 0;
	/** The callers waiting for their start, one after another. */
	private startQueue: Promise<unknown> = Promise.resolve();
	private minRtt: number | undefined;
	private minRttAt = 0;
	private halted = false;
	private runWaitBudget: WaitBudget | undefined;
	/** Where retry waits are logged (the node's logger, when the run's context has one). */
	logger: WaitLogger | undefined;
	/** Counters for logs, tests and benchmarks. */
	readonly stats = { started: 0, throttled: 0, failed: 0, maxInFlightSeen: 0 };

	constructor(
		settings: LimiterSettings,
		private readonly clock: Clock = realClock,
	) {
		this.settings = normalise(settings);
		this.window = this.settings.maxInFlight;
	}

	/** Later node runs in the same execution may ask for other settings: the newest win. */
	configure(settings: LimiterSettings): void {
		this.settings = normalise(settings);
		this.window = Math.min(Math.max(this.window, 1), this.settings.maxInFlight);
		this.wake();
	}

	/** The ceiling of the window: how many requests this run may ever have in flight at once. */
	get maxInFlight(): number {
		return this.settings.maxInFlight;
	}

	get currentWindow(): number {
		return Math.floor(this.window);
	}

	get currentRate(): number {
		return Math.min(this.rate, this.cap());
	}

	/** The shortest round trip seen lately, in ms (undefined before the first success). */
	get shortestRoundTrip(): number | undefined {
		return this.minRtt;
	}

	/** The limiter's clock: what callers measure round trips with. */
	now(): number {
		return this.clock.now();
	}

	/** Waits for a slot (window, pause and pace); the caller must call `release` exactly once after. */
	/** Resolves with the request's ticket (its start number), to pass back with a throttled release. */
	async acquire(): Promise<number> {
		for (;;) {
			if (this.halted) throw new HaltedError();
			if (this.inFlight < Math.floor(this.window)) break;
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
		this.inFlight++;
		this.stats.maxInFlightSeen = Math.max(this.stats.maxInFlightSeen, this.inFlight);
		let started = false;
		try {
			// The slot is held while waiting for the pause or the pace, so later callers queue behind; one
			// caller at a time waits for its start, so requests start in the order they got their slot.
			const turn = this.startQueue.then(async () => await this.waitForStart());
			this.startQueue = turn.catch(() => undefined);
			await turn;
			started = true;
		} finally {
			if (!started) {
				this.inFlight--;
				this.wake();
			}
		}
		this.stats.started++;
		this.firstStartAt ??= this.clock.now();
		return this.stats.started;
	}

	/** Waits out the pause and the pace (the learned or capped rate, or the spread), then takes the start. */
	private async waitForStart(): Promise<void> {
		for (;;) {
			if (this.halted) throw new HaltedError();
			const now = this.clock.now();
			const interval = this.startInterval();
			const startAt = Math.max(now, this.pausedUntil, interval > 0 ? this.nextStart : 0);
			if (startAt <= now) {
				if (interval > 0) this.nextStart = Math.max(this.nextStart, now) + interval;
				return;
			}
			await this.clock.wait(startAt - now);
		}
	}

	/**
	 * Gives the slot back. `final` marks a failure that ends the request: the item may be about to
	 * stop the whole run, so waiting requests are let go only on the next turn of the event loop,
	 * after the runner has had the chance to halt (nothing may be sent after a fatal failure).
	 */
	release(result: Release, final = false): void {
		this.inFlight--;
		const now = this.clock.now();
		const cap = this.settings.maxInFlight;
		if (result.kind === 'ok') {
			this.window = Math.min(cap, this.window + 1 / Math.max(1, this.window));
			this.noteOk(now);
			if (result.rttMs !== undefined) this.noteRoundTrip(result.rttMs, now);
			if (this.rate !== Infinity) this.rate += gainPerSecond(this.rate) / this.rate;
		} else if (result.kind === 'throttled') {
			this.stats.throttled++;
			// Requests started before the last cut met the old pace: their 429s say nothing new, so a
			// burst of 429s halves the window once per round, not once per 429. Once a pace is learned,
			// cuts come at most once per interval: 429s at random must not grind the run down.
			const newRound = result.ticket === undefined || result.ticket > this.lastCutTicket;
			const learned = this.rate !== Infinity;
			if (newRound && (!learned || now - this.lastCutAt >= CUT_INTERVAL_MS)) {
				this.window = Math.max(1, Math.floor(this.window / 2));
				this.lastCutTicket = this.stats.started;
				const cut = this.cutRate(now);
				if (cut !== this.rate) this.lastCutAt = now;
				this.rate = cut;
			}
			this.pausedUntil = Math.max(this.pausedUntil, now + result.pauseMs);
			// Requests already paced for earlier start times must not burst out when the pause ends.
			this.nextStart = Math.max(this.nextStart, this.pausedUntil);
		} else if (result.kind === 'failed') {
			this.stats.failed++;
			this.window = Math.max(1, this.window * 0.75);
		}
		if (final) void this.clock.wait(0).then(() => this.wake());
		else this.wake();
	}

	/** The run's wait budget, created by the first request that names one (later values are ignored). */
	waitBudget(maxMs: number): WaitBudget {
		this.runWaitBudget ??= new WaitBudget(Math.max(0, maxMs), () => this.clock.now());
		return this.runWaitBudget;
	}

	/** Refuses every waiting and future request: nothing is sent after a fatal item failure. */
	halt(): void {
		this.halted = true;
		this.wake();
	}

	/** Milliseconds between two starts: the learned or capped pace, or the spread; 0 = start at once. */
	private startInterval(): number {
		const rate = this.currentRate;
		const paced = rate === Infinity ? 0 : 1000 / rate;
		const spread = this.minRtt === undefined ? 0 : this.minRtt / Math.max(1, Math.floor(this.window));
		return Math.max(paced, spread >= MIN_SPACING_MS ? spread : 0);
	}

	/** A windowed minimum: a shorter trip replaces it at once, a longer one only once it is stale. */
	private noteRoundTrip(rttMs: number, now: number): void {
		if (!(rttMs >= 0)) return;
		if (this.minRtt === undefined || rttMs <= this.minRtt || now - this.minRttAt > MIN_RTT_MEMORY_MS) {
			this.minRtt = rttMs;
			this.minRttAt = now;
		}
	}

	private cap(): number {
		const cap = this.settings.maxRequestsPerSecond;
		return cap !== undefined && cap > 0 ? cap : Infinity;
	}

	/** Successes per second over the last seconds (or since the first request, if that is shorter). */
	private goodput(now: number): number | undefined {
		const span = Math.min(GOODPUT_WINDOW_MS, now - (this.firstStartAt ?? now));
		const oks = this.recentOks.filter((end) => end > now - span).length;
		return oks < MIN_EVIDENCE || span < MIN_SPAN_MS ? undefined : (oks * 1000) / span;
	}

	/**
	 * While the API throttles, the successes per second measure what it lets through (its bucket's
	 * refill), so the pace settles just under that. It never drops below half the best pace seen.
	 */
	private cutRate(now: number): number {
		const measured = this.goodput(now);
		if (measured === undefined) return this.rate;
		const floor = Math.max(MIN_RATE, this.bestGoodput * FLOOR_OF_BEST);
		return Math.max(floor, Math.min(this.rate, measured) * CUT);
	}

	private noteOk(now: number): void {
		this.recentOks.push(now);
		while (this.recentOks.length > 0 && this.recentOks[0] <= now - GOODPUT_WINDOW_MS) this.recentOks.shift();
		// Only a full window is a sustained pace; a burst in the first moments is not.
		if (this.firstStartAt !== undefined && now - this.firstStartAt >= GOODPUT_WINDOW_MS) {
			this.bestGoodput = Math.max(this.bestGoodput, this.goodput(now) ?? 0);
		}
	}

	private wake(): void {
		const waiting = this.waiters;
		this.waiters = [];
		for (const resolve of waiting) resolve();
	}
}

function normalise(settings: LimiterSettings): LimiterSettings {
	const maxInFlight = Number.isFinite(settings.maxInFlight) ? Math.max(1, Math.floor(settings.maxInFlight)) : 1;
	const rps = settings.maxRequestsPerSecond;
	return { maxInFlight, maxRequestsPerSecond: rps !== undefined && rps > 0 ? rps : undefined };
}

/** Where no run configured one (pickers, triggers): a few requests at a time, no cap. */
export const DEFAULT_LIMITER_SETTINGS: LimiterSettings = { maxInFlight: 4 };

// One limiter per node run (the context object n8n hands to execute, a picker or a poll) and credential
// type: nothing outlives the run, so the node stays stateless between executions and in queue mode.
const limiters = new WeakMap<object, Map<string, RequestLimiter>>();
const haltedRuns = new WeakSet<object>();

/** The limiter of this run's credential, created with `settings` (or the defaults) on first use. */
export function limiterFor(context: object, credentialType: string, settings?: LimiterSettings): RequestLimiter {
	let perCredential = limiters.get(context);
	if (!perCredential) {
		perCredential = new Map();
		limiters.set(context, perCredential);
	}
	let limiter = perCredential.get(credentialType);
	if (!limiter) {
		limiter = new RequestLimiter(settings ?? DEFAULT_LIMITER_SETTINGS);
		if (haltedRuns.has(context)) limiter.halt();
		limiter.logger = loggerOf(context);
		perCredential.set(credentialType, limiter);
	} else if (settings) {
		limiter.configure(settings);
	}
	return limiter;
}

function loggerOf(context: object): WaitLogger | undefined {
	const logger = (context as { logger?: Partial<WaitLogger> }).logger;
	return logger && typeof logger.info === 'function' ? (logger as WaitLogger) : undefined;
}

/** Stops every limiter of this run: waiting and later requests fail with HaltedError. */
export function haltRun(context: object): void {
	haltedRuns.add(context);
	for (const limiter of limiters.get(context)?.values() ?? []) limiter.halt();
}
