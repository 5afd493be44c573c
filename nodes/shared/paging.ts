/** Reading a paged list, for both services: page 1 first, then the rest several at a time, in order. */

export interface Page<T> {
	items: T[];
	/** Whether a further page may hold items: false after a short, empty or (by the count) last page. */
	more: boolean;
	/** How many pages the API says there are, when it says. */
	pageCount?: number;
	/** The page size the API used, when it says (else the length of a full page 1). */
	pageSize?: number;
}

export interface ReadPagesOptions<T> {
	/** Stop once this many items are kept; undefined = all. */
	limit?: number;
	/** A filter applied by the node; only kept items count towards the limit. */
	keep?: (item: T) => boolean;
	/** Pages requested at once after page 1, when page 1 gave the page count (1 = one by one). */
	parallel: number;
	/** At most this many pages are read; undefined = no bound. */
	maxPages?: number;
	/**
	 * Without `maxPages`, the bound when page 1 is full and tells no page count: only a short or empty
	 * page ends such a list, and an API that ignored `page` would send the same full page forever.
	 */
	maxPagesWithoutCount?: number;
}

/** How many windows of pages may be requested beyond the page being waited for. */
export const READ_AHEAD_WINDOWS = 4;

export interface PagesRead<T> {
	items: T[];
	pagesRead: number;
	/** The page budget ended the reading while the list may have had more. */
	truncated: boolean;
	/** Page 1 was full and told no page count, so the list was read page after page. */
	uncounted: boolean;
}

/**
 * Reads a list in the API's order and stops exactly where reading page after page would: at the
 * limit, at a short or empty page, or at the last page by the count. When page 1 tells the page
 * count, later pages are requested `parallel` at a time (each through the caller's limiter) and
 * processed in page order; pages beyond a short page, or beyond what the limit needs, are not
 * used. Lists without a count are read one page after another.
 */
export async function readPages<T>(
	fetchPage: (page: number) => Promise<Page<T>>,
	options: ReadPagesOptions<T>,
): Promise<PagesRead<T>> {
	const items: T[] = [];
	const { limit, keep } = options;
	let pagesRead = 0;
	let uncounted = false;

	/** Adds one page's items; true when reading must stop here. */
	const take = (page: Page<T>): boolean => {
		pagesRead++;
		for (const item of page.items) {
			if (keep && !keep(item)) continue;
			items.push(item);
			if (limit !== undefined && items.length >= limit) return true;
		}
		return !page.more;
	};
	const result = (truncated: boolean): PagesRead<T> => ({ items, pagesRead, truncated, uncounted });

	const first = await fetchPage(1);
	if (take(first)) return result(false);
	uncounted = first.pageCount === undefined;
	const maxPages = options.maxPages ?? (uncounted ? options.maxPagesWithoutCount : undefined) ?? Infinity;

	if (first.pageCount === undefined || options.parallel <= 1) {
		for (let page = 2; ; page++) {
			if (page > maxPages) return result(true);
			if (take(await fetchPage(page))) return result(false);
		}
	}

	const pageSize = first.pageSize ?? first.items.length;
	const lastPage = Math.min(first.pageCount, maxPages);
	// Pages are taken in order, but requested as soon as a request slot is free, so one slow page does
	// not hold up the others (a raw client's pool does the same). Read-ahead is bounded, so a stuck page
	// never buffers more than a few windows of pages behind it.
	const lookahead = options.parallel * READ_AHEAD_WINDOWS;
	const requested = new Map<number, Promise<Page<T>>>();
	let inFlight = 0;
	let nextToRequest = 2;
	let head = 2;
	let stopped = false;
	const request = (page: number) => {
		const pending = fetchPage(page);
		inFlight++;
		requested.set(page, pending);
		// A failed page ends the reading when its turn comes (or a stop before it makes it moot): nothing
		// more is requested. This handler also keeps a dropped page's failure from being unhandled.
		pending.then(
			() => {
				inFlight--;
				fill();
			},
			() => {
				inFlight--;
				stopped = true;
			},
		);
	};
	function fill(): void {
		if (stopped) return;
		// Every page before the last is full, so the limit tells how many more pages can be needed.
		const needed =
			limit !== undefined && !keep && pageSize > 0 ? head - 1 + Math.ceil((limit - items.length) / pageSize) : lastPage;
		const horizon = Math.max(head, Math.min(lastPage, needed, head + lookahead - 1));
		while (nextToRequest <= horizon && (inFlight < options.parallel || nextToRequest === head)) request(nextToRequest++);
	}
	try {
		for (; head <= lastPage; head++) {
			fill();
			const current = await (requested.get(head) as Promise<Page<T>>);
			requested.delete(head);
			if (take(current)) return result(false);
		}
		// The last page by the count ends with `more: false`; getting here means the budget stopped us.
		return result(true);
	} finally {
		// After the last page taken, a stop or a failed page, no further page is requested.
		stopped = true;
	}
}
