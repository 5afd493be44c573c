/** Query parsing, date filters and the §4 pagination envelope. */
import { refuse } from './errors.ts';
import { DAY, isDateOnly, parseTime } from './time.ts';

export interface Query {
	/** The first value of a plain key. */
	get(name: string): string | undefined;
	/** `data[key]=value` pairs (§6.3), parsed from bracket keys because URLSearchParams keeps them flat. */
	data: Record<string, string>;
	/** Serve lists in the reverse of their documented order (the sandbox's list-order knob). */
	reversed: boolean;
}

const DATA_KEY = /^data\[([^\]]+)\]$/;

export function parseQuery(params: URLSearchParams, reversed = false): Query {
	const data: Record<string, string> = {};
	for (const [key, value] of params) {
		const match = DATA_KEY.exec(key);
		if (match) data[match[1]] = value;
	}
	return { get: (name) => params.get(name) ?? undefined, data, reversed };
}

/**
 * A sorted list in the order the sandbox serves it. The order of several lists is inferred or not
 * documented at all (§2.1 default sort, §2.12 ratings), so clients must cope with either direction:
 * the knob turns every list around.
 */
export function inOrder<T>(items: readonly T[], query: Pick<Query, 'reversed'>): readonly T[] {
	return query.reversed ? [...items].reverse() : items;
}

export function rawQuery(params: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const previous = out[key];
		out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
	}
	return out;
}

/** §4: 30 per page, fixed; `per_page`/`limit` do not exist, so they are ignored. */
const PAGE_SIZE = 30;

/** Rails `to_i` semantics: leading digits count, anything else (or < 1) is page 1. */
export function pageNumber(value: string | undefined): number {
	const page = parseInt(value ?? '', 10);
	return Number.isFinite(page) && page >= 1 ? page : 1;
}

export function pageSlice<T>(items: readonly T[], page: number): T[] {
	return items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

/** §4 envelope. A page past the end is an empty array with the same counts. */
export function paginate<T>(
	items: readonly T[],
	query: Query,
	key: string,
	view: (item: T) => unknown,
): Record<string, unknown> {
	return {
		page_size: PAGE_SIZE,
		page_count: Math.ceil(items.length / PAGE_SIZE),
		total_count: items.length,
		[key]: pageSlice(inOrder(items, query), pageNumber(query.get('page'))).map(view),
	};
}

export function splitList(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part.length > 0);
}

/** A time query parameter; an unparseable value is refused rather than silently ignored. */
export function timeParam(query: Query, key: string): number | undefined {
	const value = query.get(key);
	if (value === undefined || value === '') return undefined;
	const ms = parseTime(value);
	if (ms === undefined) throw refuse(`${key} must be an ISO 8601 date or datetime`);
	return ms;
}

/**
 * `start_date`/`end_date` (§6.1): ISO 8601, or YYYY-MM-DD as the Go lib sends, where a date-only end
 * covers that whole day. Returns a predicate; a missing time only passes when neither bound is given.
 */
export function timeWindow(query: Query): (ms: number | undefined) => boolean {
	const start = timeParam(query, 'start_date');
	const end = timeParam(query, 'end_date');
	const endIsDate = isDateOnly(query.get('end_date') ?? '');
	return (ms) => {
		if (start === undefined && end === undefined) return true;
		if (ms === undefined) return false;
		if (start !== undefined && ms < start) return false;
		if (end !== undefined && (endIsDate ? ms >= end + DAY : ms > end)) return false;
		return true;
	};
}
