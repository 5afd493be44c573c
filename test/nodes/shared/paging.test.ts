import { describe, expect, it } from 'vitest';

import { type Page, READ_AHEAD_WINDOWS, readPages } from '../../../nodes/shared/paging';

/** A list of `total` numbered items, `size` per page, with the page count on every page. */
function list(total: number, size: number, options: { count?: boolean } = {}) {
	const pageCount = Math.ceil(total / size);
	return (page: number): Page<number> => {
		const items = Array.from({ length: Math.max(0, Math.min(size, total - (page - 1) * size)) }, (_, i) => (page - 1) * size + i);
		return { items, more: items.length === size && page < pageCount, pageCount: options.count === false ? undefined : pageCount, pageSize: size };
	};
}

/** A page source whose pages answer only when the test releases them. */
function gated(source: (page: number) => Page<number>) {
	const requested: number[] = [];
	const waiting = new Map<number, (error?: Error) => void>();
	let inFlight = 0;
	let maxInFlight = 0;
	const fetchPage = async (page: number) => {
		requested.push(page);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		try {
			await new Promise<void>((resolve, reject) => waiting.set(page, (error) => (error ? reject(error) : resolve())));
		} finally {
			inFlight--;
		}
		return source(page);
	};
	const fail = (page: number, error: Error) => {
		waiting.get(page)?.(error);
		waiting.delete(page);
	};
	const release = (page: number) => {
		waiting.get(page)?.();
		waiting.delete(page);
	};
	const settle = () => new Promise((resolve) => setImmediate(resolve));
	return { fetchPage, release, fail, settle, requested, waiting, stats: () => ({ inFlight, maxInFlight }) };
}

describe('readPages', () => {
	it('reads every page in order, page 1 first, then several at a time', async () => {
		const source = list(95, 10);
		const requested: number[] = [];
		const read = await readPages(async (page) => (requested.push(page), source(page)), { parallel: 3 });
		expect(read.items).toEqual(Array.from({ length: 95 }, (_, i) => i));
		expect(read.pagesRead).toBe(10);
		expect(requested[0]).toBe(1);
		expect([...requested].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	});

	it('a slow page does not hold up the others: the window stays full while it waits', async () => {
		const pages = gated(list(300, 10));
		const reading = readPages(pages.fetchPage, { parallel: 4 });
		pages.release(1);
		await pages.settle();
		expect(pages.requested).toEqual([1, 2, 3, 4, 5]);
		// Page 2 (the one the output waits for) is slow; pages 3, 4 and 5 answer: 6, 7 and 8 go out at once.
		for (const page of [3, 4, 5]) pages.release(page);
		await pages.settle();
		expect(pages.requested).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(pages.stats().inFlight).toBe(4);
		// Read-ahead is bounded: with page 2 still out, no page beyond 2 + 4 windows − 1 is requested.
		for (let round = 0; round < 20; round++) {
			for (const page of [...pages.waiting.keys()].filter((page) => page !== 2)) pages.release(page);
			await pages.settle();
		}
		expect(Math.max(...pages.requested)).toBe(2 + 4 * READ_AHEAD_WINDOWS - 1);
		pages.release(2);
		for (let round = 0; round < 40 && pages.waiting.size + pages.requested.length > 0; round++) {
			for (const page of [...pages.waiting.keys()]) pages.release(page);
			await pages.settle();
		}
		const read = await reading;
		expect(read.items).toEqual(Array.from({ length: 300 }, (_, i) => i));
		expect(pages.stats().maxInFlight).toBe(4);
	});

	it('a limit requests no page beyond the ones it needs', async () => {
		const source = list(1000, 10);
		const requested: number[] = [];
		const read = await readPages(async (page) => (requested.push(page), source(page)), { parallel: 10, limit: 25 });
		expect(read.items).toHaveLength(25);
		expect([...requested].sort((a, b) => a - b)).toEqual([1, 2, 3]);
	});

	it('stops at a short page even when the count promised more, and asks for nothing after the stop', async () => {
		const requested: number[] = [];
		const read = await readPages(
			async (page) => {
				requested.push(page);
				return page === 3 ? { items: [20, 21], more: false, pageCount: 10, pageSize: 10 } : list(100, 10)(page);
			},
			{ parallel: 2 },
		);
		expect(read.items).toEqual([...Array.from({ length: 20 }, (_, i) => i), 20, 21]);
		const atStop = requested.length;
		await new Promise((resolve) => setImmediate(resolve));
		expect(requested).toHaveLength(atStop);
	});

	it('a failed page fails the read, and no further page is requested after it', async () => {
		const pages = gated(list(500, 10));
		const reading = readPages(pages.fetchPage, { parallel: 3 });
		const outcome = reading.then(
			() => 'read',
			(error: Error) => error.message,
		);
		pages.release(1);
		await pages.settle();
		expect(pages.requested).toEqual([1, 2, 3, 4]);
		pages.fail(2, new Error('page 2 failed'));
		expect(await outcome).toBe('page 2 failed');
		// Pages 3 and 4 were already out; their answers start nothing new.
		pages.release(3);
		pages.release(4);
		await pages.settle();
		expect(pages.requested).toEqual([1, 2, 3, 4]);
	});

	it('without a page count, pages are read one after another until a short page', async () => {
		const source = list(35, 10, { count: false });
		const requested: number[] = [];
		const read = await readPages(async (page) => (requested.push(page), source(page)), { parallel: 5 });
		expect(read.items).toHaveLength(35);
		expect(requested).toEqual([1, 2, 3, 4]);
	});

	it('the page budget ends a list and says so', async () => {
		const read = await readPages(async (page) => list(1000, 10)(page), { parallel: 4, maxPages: 5 });
		expect(read).toMatchObject({ pagesRead: 5, truncated: true });
		expect(read.items).toHaveLength(50);
	});
});
