import { describe, expect, it } from 'vitest';

import { collect, type CursorState, type Entry } from '../../../nodes/ReamazeTrigger/cursor';
import { direction, FILTER_MARGIN_MS, type PageOfEntries, scanWindow } from '../../../nodes/ReamazeTrigger/scan';

const e = (key: string, time: number): Entry<string> => ({ key, time, item: key });
const state = (cursor: number | null, seen: string[] = []): CursorState => ({ version: 1, stream: 's', cursor, seen });

/** A list with an API time filter (inclusive bounds), `size` per page, served in either order. */
function windowed(list: Array<Entry<string>>, order: 'newest' | 'oldest', size = 3) {
	const requests: Array<{ page: number; from?: number; until?: number }> = [];
	const readPage = async (page: number, from?: number, until?: number): Promise<PageOfEntries<string>> => {
		requests.push({ page, from, until });
		const inWindow = list
			.filter((entry) => (from === undefined || entry.time >= from) && (until === undefined || entry.time <= until))
			.sort((a, b) => (order === 'newest' ? b.time - a.time : a.time - b.time));
		const entries = inWindow.slice((page - 1) * size, page * size);
		const pageCount = Math.ceil(inWindow.length / size);
		return { entries, more: page < pageCount, pageCount, totalCount: inWindow.length };
	};
	return { requests, readPage };
}

describe('direction', () => {
	it('tells the order by the first and last item of a page', () => {
		expect(direction([e('b', 2), e('a', 1)])).toBe('newestFirst');
		expect(direction([e('a', 1), e('b', 2)])).toBe('oldestFirst');
		expect(direction([e('a', 1), e('b', 1)])).toBe('unknown');
		expect(direction([e('a', 1)])).toBe('unknown');
	});
});

describe.each(['newest', 'oldest'] as const)('scanWindow, list served %s first', (order) => {
	const items = Array.from({ length: 40 }, (_, i) => e(`m${i}`, 10_000 + i * 1_000));

	it('asks from a second before the cursor and reads the whole window when it fits the budget', async () => {
		const { requests, readPage } = windowed(items, order);
		const cursor = state(items[29].time, ['m29']);
		const scan = await scanWindow(cursor, readPage, { maxPages: 10, now: 100_000 });
		expect(requests[0]).toEqual({ page: 1, from: items[29].time - FILTER_MARGIN_MS, until: undefined });
		expect(collect(cursor, scan.entries).emit.map((entry) => entry.key)).toEqual(items.slice(30).map((entry) => entry.key));
	});

	it('a window larger than the budget is read from its oldest part on, poll after poll, each item once', async () => {
		const { readPage } = windowed(items, order);
		let current = state(items[0].time, ['m0']);
		const emitted: string[] = [];
		for (let poll = 0; poll < 40; poll++) {
			const scan = await scanWindow(current, readPage, { maxPages: 2, now: 100_000 });
			const { emit, next } = collect(current, scan.entries);
			expect(emit.length).toBeLessThanOrEqual(6);
			if (emit.length === 0) break;
			emitted.push(...emit.map((entry) => entry.key));
			current = next;
		}
		expect(emitted).toEqual(items.slice(1).map((entry) => entry.key));
	});

	it('after a pause, with skipBefore, a window too large is counted below the boundary and read above it', async () => {
		const { requests, readPage } = windowed(items, order);
		const cursor = state(items[0].time, ['m0']);
		const skipBefore = items[35].time;
		const scan = await scanWindow(cursor, readPage, { maxPages: 2, now: 100_000, skipBefore });
		// Items 1..34 lie before the boundary. The API's count also holds m0 (inside the one-second margin) and, with
		// inclusive bounds, m35 at the boundary: an estimate, which the output says it is.
		expect(scan.countedBeforeSkip).toBe(36);
		const { emit, skipped } = collect(cursor, scan.entries, { skipBefore });
		expect(emit.map((entry) => entry.key)).toEqual(['m35', 'm36', 'm37', 'm38', 'm39']);
		expect(skipped).toBe(0);
		expect(requests.some((request) => request.from === skipBefore)).toBe(true);
	});

	it('with skipBefore and a window that fits, the older new items are counted exactly by collect', async () => {
		const { readPage } = windowed(items, order);
		const cursor = state(items[29].time, ['m29']);
		const skipBefore = items[35].time;
		const scan = await scanWindow(cursor, readPage, { maxPages: 10, now: 100_000, skipBefore });
		expect(scan.countedBeforeSkip).toBeUndefined();
		const { emit, skipped } = collect(cursor, scan.entries, { skipBefore });
		expect(skipped).toBe(5);
		expect(emit.map((entry) => entry.key)).toEqual(['m35', 'm36', 'm37', 'm38', 'm39']);
	});
});
