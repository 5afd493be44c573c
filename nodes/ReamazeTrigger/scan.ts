/**
 * How a poll reads a list so that it sees every item newer than the cursor, whatever the order the
 * API lists it in. Pure apart from `readPage`, so every rule is tested with scripted lists.
 *
 * Lists with a time filter (messages §2.5 start_date/end_date, ratings §2.12 created_after/before)
 * are asked only for what is new and read to their end. Conversations have none that applies: their
 * dates filter on the latest customer message (§2.1), which would hide conversations staff opened
 * and every change but a customer message. So their list is read from whichever end holds the
 * newest items (page 1 when it runs newest first, the last page when it runs oldest first) until a
 * page reaches the cursor.
 */
import { type CursorState, type Entry, isNew, reachedCursor } from './cursor';

export interface PageOfEntries<T> {
	entries: Array<Entry<T>>;
	/** Whether a further page may hold items. */
	more: boolean;
	/** `page_count`, when the API sent one. */
	pageCount?: number;
	/** `total_count`, when the API sent one. */
	totalCount?: number;
}

export type ReadPage<T> = (page: number) => Promise<PageOfEntries<T>>;

export interface Scan<T> {
	/** Everything read, in the order read (pages that shifted repeat items; `collect` counts them once). */
	entries: Array<Entry<T>>;
	/**
	 * New items older than everything read, which the page budget left unread: the poll gives up on
	 * them and says so. `exact: false` when the count is an estimate from the page counts.
	 */
	unread?: { count: number; exact: boolean };
}

/** Margin below the cursor for time filters: whether they include their bound, and how finely they compare, is not documented. */
export const FILTER_MARGIN_MS = 1000;

export type Direction = 'newestFirst' | 'oldestFirst' | 'unknown';

/** Which way a page runs, by its first and last item (a page of equal times, or of one item, tells nothing). */
export function direction(entries: Entry[]): Direction {
	if (entries.length < 2) return 'unknown';
	const first = entries[0].time;
	const last = entries[entries.length - 1].time;
	return first > last ? 'newestFirst' : first < last ? 'oldestFirst' : 'unknown';
}

function newCount(state: CursorState, page: PageOfEntries<unknown>): number {
	return page.entries.filter((entry) => isNew(state, entry)).length;
}

/**
 * Reads a list without a time filter from its newest end down to the cursor, at most `maxPages`
 * pages. Reading page after page in one direction never skips an item: arrivals during the scan
 * push items onto later pages of a newest-first list (read again, counted once) and onto the end
 * of an oldest-first one (read by the next poll). When the budget ends the scan early, the new
 * items left unread are counted by a binary search over the remaining pages.
 */
export async function scanFromNewest<T>(state: CursorState, readPage: ReadPage<T>, maxPages: number): Promise<Scan<T>> {
	const first = await readPage(1);
	const entries = [...first.entries];
	const order = direction(first.entries);
	if (!first.more) return { entries };
	const pageSize = first.entries.length;

	if (order === 'oldestFirst' && first.pageCount !== undefined && first.pageCount > 1) {
		let pagesRead = 1;
		for (let page = first.pageCount; page >= 2; page--) {
			if (pagesRead >= maxPages) {
				return { entries, unread: await unreadBelow(state, readPage, first, page, pageSize) };
			}
			const answer = await readPage(page);
			pagesRead++;
			entries.push(...answer.entries);
			if (reachedCursor(state, answer.entries)) return { entries };
		}
		return { entries };
	}

	let last = first;
	for (let page = 2; ; page++) {
		if (order === 'newestFirst' && reachedCursor(state, last.entries)) return { entries };
		if (!last.more) return { entries };
		if (page > maxPages) {
			if (order !== 'newestFirst' || first.pageCount === undefined) {
				// No order to search by: what is known is a lower bound, the new items seen so far on no page.
				return { entries, unread: { count: 0, exact: false } };
			}
			return { entries, unread: await unreadAbove(state, readPage, first.pageCount, page, pageSize) };
		}
		last = await readPage(page);
		entries.push(...last.entries);
	}
}

/**
 * Newest first, pages `from`..`lastPage` unread: the first of them that reaches the cursor holds the
 * last new items, and every page before it is new throughout.
 */
async function unreadAbove<T>(state: CursorState, readPage: ReadPage<T>, lastPage: number, from: number, pageSize: number): Promise<{ count: number; exact: boolean }> {
	let lo = from;
	let hi = lastPage;
	const seen = new Map<number, PageOfEntries<T>>();
	const read = async (page: number) => {
		const cached = seen.get(page) ?? (await readPage(page));
		seen.set(page, cached);
		return cached;
	};
	while (lo < hi) {
		const mid = Math.floor((lo + hi) / 2);
		if (reachedCursor(state, (await read(mid)).entries)) hi = mid;
		else lo = mid + 1;
	}
	return { count: (lo - from) * pageSize + newCount(state, await read(lo)), exact: false };
}

/** Oldest first, pages 2..`below` unread: the last of them that reaches the cursor holds the oldest new items. */
async function unreadBelow<T>(
	state: CursorState,
	readPage: ReadPage<T>,
	first: PageOfEntries<T>,
	below: number,
	pageSize: number,
): Promise<{ count: number; exact: boolean }> {
	if (below < 2) return { count: 0, exact: true };
	const seen = new Map<number, PageOfEntries<T>>([[1, first]]);
	const read = async (page: number) => {
		const cached = seen.get(page) ?? (await readPage(page));
		seen.set(page, cached);
		return cached;
	};
	// The largest page in 1..below that lists an item older than the cursor; page 1 stands for "none above it".
	let lo = 1;
	let hi = below;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (reachedCursor(state, (await read(mid)).entries)) lo = mid;
		else hi = mid - 1;
	}
	const partial = lo >= 2 ? newCount(state, await read(lo)) : 0;
	return { count: (below - lo) * pageSize + partial, exact: false };
}

export interface WindowOptions {
	maxPages: number;
	/** Local time now: the upper end when a window must be cut into parts. */
	now: number;
	/**
	 * Items older than this are not wanted (a poll after a long pause skips them), so when the new
	 * items are too many for one poll only the newer ones are read and the older ones are counted.
	 */
	skipBefore?: number;
}

export interface WindowScan<T> extends Scan<T> {
	/** How many new items older than `skipBefore` were counted without being read (from `total_count`). */
	countedBeforeSkip?: number;
}

/** One page of the list narrowed to [from, until] by the API's time filter. */
export type ReadWindowPage<T> = (page: number, from: number | undefined, until: number | undefined) => Promise<PageOfEntries<T>>;

/**
 * Reads everything from the cursor on through the list's time filter: the whole window when it fits
 * the page budget, in any order. When it does not, only its oldest part that fits is read (the next
 * poll goes on from there), found by halving the window's end; after a long pause, with
 * `skipBefore`, the part older than that is counted instead and the rest read.
 */
export async function scanWindow<T>(state: CursorState, readPage: ReadWindowPage<T>, options: WindowOptions): Promise<WindowScan<T>> {
	const from = state.cursor === null ? undefined : state.cursor - FILTER_MARGIN_MS;
	const first = await readPage(1, from, undefined);
	if (fits(first, options.maxPages)) return { entries: await readAll(readPage, first, from, undefined, options.maxPages) };

	const { skipBefore } = options;
	if (skipBefore !== undefined && (from === undefined || skipBefore > from)) {
		const older = await readPage(1, from, skipBefore);
		const recent = await readPart(readPage, skipBefore, options);
		return { ...recent, countedBeforeSkip: older.totalCount ?? older.entries.length };
	}
	return await readPart(readPage, from, options);
}

function fits(first: PageOfEntries<unknown>, maxPages: number): boolean {
	return !first.more || first.pageCount === undefined || first.pageCount <= maxPages;
}

/** Every page of a window, one after another (never side by side, so an arrival cannot slip between two pages). */
async function readAll<T>(
	readPage: ReadWindowPage<T>,
	first: PageOfEntries<T>,
	from: number | undefined,
	until: number | undefined,
	maxPages: number,
): Promise<Array<Entry<T>>> {
	const entries = [...first.entries];
	let last = first;
	for (let page = 2; last.more && page <= maxPages; page++) {
		last = await readPage(page, from, until);
		entries.push(...last.entries);
	}
	return entries;
}

/** The oldest part of [from, now] that fits the page budget, read in full. */
async function readPart<T>(readPage: ReadWindowPage<T>, from: number | undefined, options: WindowOptions): Promise<WindowScan<T>> {
	const first = await readPage(1, from, undefined);
	if (fits(first, options.maxPages)) return { entries: await readAll(readPage, first, from, undefined, options.maxPages) };
	// A year back is older than anything a trigger that started on an empty list can be missing.
	let lo = from ?? options.now - 366 * 24 * 3_600_000;
	let hi = options.now;
	let best: { until: number; page: PageOfEntries<T> } | undefined;
	for (let probes = 0; probes < 40 && hi - lo > FILTER_MARGIN_MS; probes++) {
		const until = Math.floor((lo + hi) / 2);
		const probe = await readPage(1, from, until);
		if (fits(probe, options.maxPages)) {
			best = { until, page: probe };
			lo = until;
			// Half a budget or more is a good enough part; the rest waits for the next poll.
			if ((probe.pageCount ?? 0) * 2 >= options.maxPages) break;
		} else {
			hi = until;
		}
	}
	if (!best) {
		// More than a budget within one second: read what the budget allows of it.
		const until = lo + FILTER_MARGIN_MS;
		const page = await readPage(1, from, until);
		return { entries: await readAll(readPage, page, from, until, options.maxPages) };
	}
	return { entries: await readAll(readPage, best.page, from, best.until, options.maxPages) };
}
