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
}

export interface PagesRead<T> {
	items: T[];
	pagesRead: number;
	/** The page budget ended the reading while the list may have had more. */
	truncated: boolean;
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
	const maxPages = options.maxPages ?? Infinity;
	let pagesRead = 0;

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
	const result = (truncated: boolean): PagesRead<T> => ({ items, pagesRead, truncated });

	const first = await fetchPage(1);
	if (take(first)) return result(false);

	if (first.pageCount === undefined || options.parallel <= 1) {
		for (let page = 2; ; page++) {
			if (page > maxPages) return result(true);
			if (take(await fetchPage(page))) return result(false);
		}
	}

	const pageSize = first.pageSize ?? first.items.length;
	const lastPage = Math.min(first.pageCount, maxPages);
	const requested = new Map<number, Promise<Page<T>>>();
	const request = (page: number) => {
		const pending = fetchPage(page);
		// A page read ahead of a stop is dropped; its failure must not surface as unhandled.
		pending.catch(() => undefined);
		requested.set(page, pending);
	};
	let nextToRequest = 2;
	for (let page = 2; page <= lastPage; page++) {
		// Every page before the last is full, so the limit tells how many more pages can be needed.
		const needed =
			limit !== undefined && !keep && pageSize > 0 ? page - 1 + Math.ceil((limit - items.length) / pageSize) : lastPage;
		const horizon = Math.max(page, Math.min(lastPage, page + options.parallel - 1, needed));
		while (nextToRequest <= horizon) request(nextToRequest++);
		const current = await (requested.get(page) as Promise<Page<T>>);
		requested.delete(page);
		if (take(current)) return result(false);
	}
	// The last page by the count ends with `more: false`; getting here means the budget stopped us.
	return result(true);
}
