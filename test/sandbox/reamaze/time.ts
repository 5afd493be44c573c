export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** §6.1: timestamps carry milliseconds and a zone offset (`2000-01-01T00:00:01.001-01:00`); the sandbox answers in UTC as `+00:00`. */
export function iso(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** The `YYYY-MM-DD` key that reports use for days (§2.11), in UTC. */
export function dayKey(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function startOfDay(ms: number): number {
	return ms - (((ms % DAY) + DAY) % DAY);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function isDateOnly(value: string): boolean {
	return DATE_ONLY.test(value);
}

/**
 * ISO 8601 date-times, and plain `YYYY-MM-DD` dates, which the Go lib sends for filters and reports (§6.1).
 * A date-time without a zone is read as UTC. Anything else is `undefined`: the sandbox never guesses.
 */
export function parseTime(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (!DATE_ONLY.test(text) && !DATE_TIME.test(text)) return undefined;
	const zoned = DATE_ONLY.test(text) || /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
	const ms = Date.parse(zoned.replace(' ', 'T'));
	return Number.isNaN(ms) ? undefined : ms;
}
