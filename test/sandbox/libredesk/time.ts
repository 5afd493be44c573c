/**
 * Times are kept as microseconds since the epoch, as Postgres stores them (§2 "Postgres gives microseconds").
 * Go marshals `time.Time` with RFC 3339 and trailing fractional zeros trimmed, so `.120000` prints as `.12`
 * and a whole second has no fraction.
 */
export const MS = 1000;
export const SECOND = 1000 * MS;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Go's zero `time.Time`, what an unselected timestamp column marshals to (§10). */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

export function rfc3339(us: number): string {
	const ms = Math.floor(us / MS);
	const micros = us - ms * MS;
	const base = new Date(ms).toISOString(); // 2026-08-08T07:16:38.123Z
	const fraction = `${base.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, '');
	return `${base.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

export function ts(us: number | null | undefined): string | null {
	return us === null || us === undefined ? null : rfc3339(us);
}

/** Seconds precision, as webhook bodies carry (`time.RFC3339`, §12.3). */
export function rfc3339Seconds(ms: number): string {
	return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function startOfDayUs(us: number): number {
	return us - (((us % DAY) + DAY) % DAY);
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function isDateOnly(value: string): boolean {
	return DATE_ONLY.test(value);
}

/** A date (`2026-08-01`, midnight UTC, the sandbox's `app.timezone`) or a full timestamp, in µs. */
export function parseTimestampUs(value: string): number | undefined {
	const text = value.trim();
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) return undefined;
	const zoned = DATE_ONLY.test(text) || /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
	const ms = Date.parse(zoned.replace(' ', 'T'));
	if (Number.isNaN(ms)) return undefined;
	const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
	const micros = fraction.length > 3 ? Number(fraction.slice(3, 6).padEnd(3, '0')) : 0;
	return ms * MS + micros;
}
