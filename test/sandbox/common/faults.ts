/**
 * Fault injection shared by the sandboxes. Each eligible request draws one number from a PRNG seeded by
 * `faults.seed`, so the same seed and request sequence give the same faults. Pre-process faults (drop, 429, 5xx,
 * HTML 502) are answered before the request reaches the API, so they never change state; malformed JSON and
 * drop-after-process happen after. The optional token bucket (`rateLimit`) draws nothing from the PRNG, so turning
 * it on never shifts the random schedule of the other knobs.
 */
import { Rng } from './rng.ts';

export interface RateLimitConfig {
	/** Tokens added per second. */
	perSecond: number;
	/** Bucket size (requests allowed at once); defaults to `perSecond`. */
	burst?: number;
	/** Send `Retry-After` (whole seconds until the next token) on the 429. */
	retryAfter?: boolean;
}

export interface FaultConfig {
	latencyMs?: number;
	latencyJitterMs?: number;
	/** 0..1 of requests answered 429 before they are processed. */
	rate429?: number;
	/** 0..1 of the random 429s that carry `Retry-After`. */
	retryAfterShare?: number;
	retryAfterSeconds?: number;
	retryAfterFormat?: 'seconds' | 'http-date';
	/** A token bucket: requests beyond it are answered 429 before they are processed. */
	rateLimit?: RateLimitConfig;
	rate5xx?: number;
	/** Destroy the socket without an answer, before the request is processed. */
	dropRate?: number;
	/** Process the request (state changes), then destroy the socket: the lost-response case that duplicates a retried POST. */
	dropAfterProcessRate?: number;
	/** A 2xx answer whose JSON body is cut short (the request is processed). */
	malformedJsonRate?: number;
	/** 502 with a `text/html` page, as a proxy in front of the API would send. */
	htmlErrorRate?: number;
	seed?: number;
	/** Only requests with these HTTP methods are eligible for faults. */
	methods?: string[];
}

export type FaultType = 'drop' | 'rate-limit' | 'server-error' | 'html-error' | 'malformed-json' | 'drop-after-process';

export interface FaultLogEntry {
	type: FaultType;
	method: string;
	path: string;
	/** The status sent, when one was sent. */
	status?: number;
	retryAfter?: string;
}

export interface FaultDecision {
	type: FaultType;
	status?: number;
	retryAfter?: string;
}

export const PRE_PROCESS: readonly FaultType[] = ['drop', 'rate-limit', 'server-error', 'html-error'];

const RATES: [FaultType, keyof FaultConfig][] = [
	['drop', 'dropRate'],
	['rate-limit', 'rate429'],
	['server-error', 'rate5xx'],
	['html-error', 'htmlErrorRate'],
	['malformed-json', 'malformedJsonRate'],
	['drop-after-process', 'dropAfterProcessRate'],
];

const SHARES: (keyof FaultConfig)[] = [...RATES.map(([, key]) => key), 'retryAfterShare'];
const SERVER_ERRORS = [500, 502, 503, 504];
const DEFAULT_SEED = 1;

function validateFaults(config: FaultConfig): void {
	for (const key of SHARES) {
		const value = config[key];
		if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 1)) throw new Error(`faults.${key} must be a number from 0 to 1`);
	}
	const total = RATES.reduce((sum, [, key]) => sum + ((config[key] as number | undefined) ?? 0), 0);
	if (total > 1) throw new Error('fault rates add up to more than 1');
	if (config.retryAfterFormat !== undefined && !['seconds', 'http-date'].includes(config.retryAfterFormat)) {
		throw new Error("faults.retryAfterFormat must be 'seconds' or 'http-date'");
	}
	const limit = config.rateLimit;
	if (limit !== undefined) {
		if (typeof limit.perSecond !== 'number' || !(limit.perSecond > 0)) throw new Error('faults.rateLimit.perSecond must be a number above 0');
		if (limit.burst !== undefined && (typeof limit.burst !== 'number' || !(limit.burst >= 1))) throw new Error('faults.rateLimit.burst must be at least 1');
	}
}

/** Refills continuously; one request takes one token. */
class TokenBucket {
	readonly #perSecond: number;
	readonly #burst: number;
	#tokens: number;
	#at = Date.now();

	constructor(perSecond: number, burst: number) {
		this.#perSecond = perSecond;
		this.#burst = burst;
		this.#tokens = burst;
	}

	/** `undefined` when a token was taken, else the seconds until one is available. */
	take(): number | undefined {
		const now = Date.now();
		this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
		this.#at = now;
		if (this.#tokens >= 1) {
			this.#tokens -= 1;
			return undefined;
		}
		return (1 - this.#tokens) / this.#perSecond;
	}
}

export class FaultInjector {
	readonly log: FaultLogEntry[] = [];
	#config: FaultConfig = {};
	#rng = new Rng(DEFAULT_SEED);
	#jitter = new Rng(DEFAULT_SEED + 1);
	#bucket: TokenBucket | undefined;

	get config(): FaultConfig {
		return { ...this.#config };
	}

	/** Replaces the configuration and restarts the PRNG from its seed (and the token bucket full). */
	configure(config: FaultConfig | undefined): void {
		validateFaults(config ?? {});
		this.#config = { ...config };
		const seed = config?.seed ?? DEFAULT_SEED;
		this.#rng = new Rng(seed);
		this.#jitter = new Rng(seed + 1);
		const limit = config?.rateLimit;
		this.#bucket = limit ? new TokenBucket(limit.perSecond, limit.burst ?? limit.perSecond) : undefined;
	}

	#eligible(method: string): boolean {
		const methods = this.#config.methods;
		return methods === undefined || methods.map((m) => m.toUpperCase()).includes(method);
	}

	/** Jitter comes from its own PRNG, so latency settings never shift the fault sequence. */
	delayMs(method: string): number {
		if (!this.#eligible(method)) return 0;
		const base = this.#config.latencyMs ?? 0;
		const jitter = this.#config.latencyJitterMs ?? 0;
		return base + (jitter > 0 ? this.#jitter.next() * jitter : 0);
	}

	decide(method: string): FaultDecision | undefined {
		if (!this.#eligible(method)) return undefined;
		const wait = this.#bucket?.take();
		if (wait !== undefined) {
			return { type: 'rate-limit', status: 429, retryAfter: this.#config.rateLimit?.retryAfter ? String(Math.max(1, Math.ceil(wait))) : undefined };
		}
		const roll = this.#rng.next();
		let threshold = 0;
		for (const [type, key] of RATES) {
			threshold += (this.#config[key] as number | undefined) ?? 0;
			if (roll < threshold) return this.#detail(type);
		}
		return undefined;
	}

	#detail(type: FaultType): FaultDecision {
		if (type === 'rate-limit') {
			const withHeader = this.#rng.next() < (this.#config.retryAfterShare ?? 0);
			return { type, status: 429, retryAfter: withHeader ? this.#retryAfter() : undefined };
		}
		if (type === 'server-error') return { type, status: SERVER_ERRORS[Math.floor(this.#rng.next() * SERVER_ERRORS.length)] };
		if (type === 'html-error') return { type, status: 502 };
		return { type };
	}

	/** Both RFC 9110 forms are offered so clients can be tested against each. */
	#retryAfter(): string {
		const seconds = this.#config.retryAfterSeconds ?? 1;
		if (this.#config.retryAfterFormat === 'http-date') return new Date(Date.now() + seconds * 1000).toUTCString();
		return String(seconds);
	}

	record(decision: FaultDecision, method: string, path: string): void {
		const entry: FaultLogEntry = { type: decision.type, method, path };
		if (decision.status !== undefined) entry.status = decision.status;
		if (decision.retryAfter !== undefined) entry.retryAfter = decision.retryAfter;
		this.log.push(entry);
	}
}

/** A 200 whose JSON is cut in half: a strict prefix of a JSON object or array never parses. */
export function truncateJson(text: string): string {
	return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

export const HTML_502 =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1>' +
	'<p>The server returned an invalid or incomplete response.</p></body></html>\n';
