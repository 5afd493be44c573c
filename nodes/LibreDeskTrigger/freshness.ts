/** How old (or how far ahead) a delivery's `timestamp` may be by default: five minutes. */
export const DEFAULT_MAX_AGE_SECONDS = 300;

export type FreshnessCheck = { fresh: true } | { fresh: false; stale: boolean; reason: string };

/** RFC 3339 with an optional fraction and a `Z` or ±hh:mm offset; LibreDesk sends whole seconds in UTC (§12.3). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** The instant an RFC 3339 timestamp names, in milliseconds, or undefined when it is not one. */
export function parseTimestamp(value: unknown): number | undefined {
	if (typeof value !== 'string' || !RFC3339.test(value)) return undefined;
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : at;
}

/**
 * Replay protection. LibreDesk signs no timestamp header; the only freshness proof is the `timestamp`
 * inside the signed body (§12.3), so a captured delivery can be re-sent verbatim with a valid signature.
 * Refusing those outside ±maxAgeSeconds of now bounds that. The future side matters too: a server clock
 * running ahead would otherwise make its deliveries replayable for longer. 0 turns the check off.
 */
export function checkFreshness(timestamp: unknown, nowMs: number, maxAgeSeconds: number): FreshnessCheck {
	if (!(maxAgeSeconds > 0)) return { fresh: true };
	const at = parseTimestamp(timestamp);
	if (at === undefined) return { fresh: false, stale: false, reason: 'the delivery has no RFC 3339 "timestamp"' };
	const skewSeconds = (nowMs - at) / 1000;
	if (skewSeconds > maxAgeSeconds) {
		return { fresh: false, stale: true, reason: `the delivery is ${Math.round(skewSeconds)} s old; at most ${maxAgeSeconds} s are accepted (replay protection)` };
	}
	if (-skewSeconds > maxAgeSeconds) {
		return { fresh: false, stale: true, reason: `the delivery is dated ${Math.round(-skewSeconds)} s in the future; at most ${maxAgeSeconds} s are accepted (check both servers' clocks)` };
	}
	return { fresh: true };
}
