import { InputError } from '../../shared/errors';
import { describe, isBlank, type Raw } from '../../shared/validate';

/**
 * Snooze durations. The status route takes a Go duration string in `snoozed_until` (§5.4: units
 * ns, us, ms, s, m, h; no days; zero or negative refused), not a date. Users give a number and a
 * unit, a date to snooze until, or (by expression) a Go duration such as "1h30m".
 */

const GO_UNITS = '(?:ns|us|\u00b5s|\u03bcs|ms|s|m|h)';
const GO_DURATION = new RegExp(`^(?:(?:\\d+(?:\\.\\d*)?|\\.\\d+)${GO_UNITS})+$`);
const UNIT_SECONDS = { minutes: 60, hours: 3600, days: 86400 } as const;
export type SnoozeUnit = keyof typeof UNIT_SECONDS;
/** Go durations are int64 nanoseconds (about 292 years); a century is far below that. */
const MAX_SECONDS = 100 * 365 * 86400;

export const SNOOZE_FIELD = 'Snooze For';

/** Whether `text` is a positive Go duration (§5.4). Signs are refused: a negative snooze is an error. */
export function isGoDuration(text: string): boolean {
	if (!GO_DURATION.test(text)) return false;
	// "0s" or "0h0m" parse but are refused by LibreDesk ("Invalid snooze duration").
	return /[1-9]/.test(text.replace(new RegExp(GO_UNITS, 'g'), ' '));
}

/** Whole seconds as the shortest Go duration: 14400 → "4h", 5400 → "90m", 61 → "61s". */
export function secondsToGoDuration(seconds: number): string {
	if (seconds % 3600 === 0) return `${seconds / 3600}h`;
	if (seconds % 60 === 0) return `${seconds / 60}m`;
	return `${seconds}s`;
}

function unitOf(value: Raw): SnoozeUnit {
	if (value === undefined || value === '' || value === null) return 'hours';
	if (value === 'minutes' || value === 'hours' || value === 'days') return value;
	throw new InputError('Snooze Unit', `unknown choice ${describe(value)} (use minutes, hours or days)`);
}

function fromAmount(amount: Raw, unit: Raw): string {
	if (typeof amount === 'string' && isGoDuration(amount.trim())) return amount.trim();
	const number = typeof amount === 'string' && amount.trim() !== '' ? Number(amount.trim()) : amount;
	if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
		throw new InputError(SNOOZE_FIELD, `${describe(amount)} is not a positive number (or a duration such as "4h" or "1h30m")`);
	}
	const seconds = Math.ceil(number * UNIT_SECONDS[unitOf(unit)]);
	if (seconds > MAX_SECONDS) throw new InputError(SNOOZE_FIELD, 'is longer than 100 years');
	return secondsToGoDuration(seconds);
}

function fromDate(until: Raw, now: number): string {
	let time: number;
	if (typeof until === 'string') time = Date.parse(until.trim());
	else if (until instanceof Date) time = until.getTime();
	else if (until && typeof until === 'object' && typeof (until as { toMillis?: unknown }).toMillis === 'function') {
		time = (until as { toMillis: () => number }).toMillis();
	} else time = Number.NaN;
	if (Number.isNaN(time)) throw new InputError('Snooze Until', `${describe(until)} is not a date (use ISO 8601, e.g. 2026-12-01T09:00:00Z)`);
	const seconds = Math.ceil((time - now) / 1000);
	if (seconds <= 0) throw new InputError('Snooze Until', 'is not in the future');
	if (seconds > MAX_SECONDS) throw new InputError('Snooze Until', 'is more than 100 years away');
	return secondsToGoDuration(seconds);
}

/**
 * The Go duration to send with status Snoozed: from "Snooze Until" when set, else from "Snooze For"
 * + "Snooze Unit". Required: LibreDesk refuses Snoozed without one (§5.4).
 */
export function snoozeDuration(input: { amount?: Raw; unit?: Raw; until?: Raw }, now = Date.now()): string {
	const hasUntil = !isBlank(input.until);
	const hasAmount = !isBlank(input.amount);
	if (hasUntil && hasAmount) throw new InputError('Snooze Until', 'and Snooze For are both set: use one of them');
	if (hasUntil) return fromDate(input.until, now);
	if (hasAmount) return fromAmount(input.amount, input.unit);
	throw new InputError(SNOOZE_FIELD, 'is required when the status is Snoozed (or set Snooze Until)');
}
