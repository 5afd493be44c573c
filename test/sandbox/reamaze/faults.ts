/**
 * Fault injection. Each eligible request draws one number from a PRNG seeded by `faults.seed`, so the same seed
 * and request sequence give the same faults. Pre-process faults (drop, 429, 5xx, HTML 502) are answered before
 * the request reaches the API, so they never change state; malformed JSON and drop-after-process happen after.
 */
import { Rng } from './rng.ts';
import type { FaultConfig, FaultLogEntry, FaultType } from './types.ts';

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
}

export class FaultInjector {
	readonly log: FaultLogEntry[] = [];
	#config: FaultConfig = {};
	#rng = new Rng(DEFAULT_SEED);
	#jitter = new Rng(DEFAULT_SEED + 1);

	get config(): FaultConfig {
		return { ...this.#config };
	}

	/** Replaces the configuration and restarts the PRNG from its seed. */
	configure(config: FaultConfig | undefined): void {
		validateFaults(config ?? {});
		this.#config = { ...config };
		const seed = config?.seed ?? DEFAULT_SEED;
		this.#rng = new Rng(seed);
		this.#jitter = new Rng(seed + 1);
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

	/** §5: Retry-After is undocumented; both RFC 9110 forms are offered so clients can be tested against each. */
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
