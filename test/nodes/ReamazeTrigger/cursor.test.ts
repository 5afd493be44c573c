import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { collect, type CursorState, type Entry, isNew, reachedCursor, readState, startState } from '../../../nodes/ReamazeTrigger/cursor';
import { type PageOfEntries, scanFromNewest } from '../../../nodes/ReamazeTrigger/scan';

const e = (key: string, time: number, group?: string): Entry<string> => ({ key, time, item: key, ...(group ? { group } : {}) });
const state = (cursor: number | null, seen: string[] = []): CursorState => ({ version: 1, stream: 's', cursor, seen });

describe('startState: the first activation remembers "now" and emits nothing', () => {
	it('keeps the newest time and every key at that time', () => {
		expect(startState('s', [e('c', 30), e('b', 30), e('a', 20)])).toEqual({ version: 1, stream: 's', cursor: 30, seen: ['c', 'b'] });
	});

	it('with nothing listed yet, every later item will be new', () => {
		expect(startState('s', [])).toEqual({ version: 1, stream: 's', cursor: null, seen: [] });
	});
});

describe('readState', () => {
	it('accepts what it stored and refuses damaged state or another stream', () => {
		expect(readState(state(5, ['a']), 's')).toEqual(state(5, ['a']));
		expect(readState(JSON.parse(JSON.stringify(state(null))), 's')).toEqual(state(null));
		for (const damaged of [undefined, null, 'x', {}, { ...state(5), version: 2 }, { ...state(5), cursor: 'soon' }, { ...state(5), seen: [1] }, { ...state(5), seen: 'a' }]) {
			expect(readState(damaged, 's')).toBeUndefined();
		}
		expect(readState(state(5), 'other')).toBeUndefined();
	});
});

describe('isNew and reachedCursor', () => {
	it('later is new; equal is new only if its key was not seen at that time; earlier is old', () => {
		const at20 = state(20, ['a']);
		expect(isNew(at20, e('x', 21))).toBe(true);
		expect(isNew(at20, e('b', 20))).toBe(true);
		expect(isNew(at20, e('a', 20))).toBe(false);
		expect(isNew(at20, e('z', 19))).toBe(false);
		expect(isNew(state(null), e('z', 1))).toBe(true);
	});

	it('a page reaches the cursor once it lists something older (an equal time may continue on the next page)', () => {
		expect(reachedCursor(state(20), [e('a', 25), e('b', 20)])).toBe(false);
		expect(reachedCursor(state(20), [e('a', 25), e('b', 19)])).toBe(true);
		expect(reachedCursor(state(null), [e('a', 1)])).toBe(false);
	});
});

describe('collect: scripted polls', () => {
	it('emits new items oldest first and moves the cursor to the newest', () => {
		const { emit, next } = collect(state(10, ['old']), [e('c', 30), e('b', 20), e('old', 10), e('older', 5)]);
		expect(emit.map((entry) => entry.key)).toEqual(['b', 'c']);
		expect(next).toEqual(state(30, ['c']));
	});

	it('counts an item read twice (a page that shifted while polling) once', () => {
		const { emit } = collect(state(10), [e('c', 30), e('b', 20), e('b', 20), e('c', 30)]);
		expect(emit.map((entry) => entry.key)).toEqual(['b', 'c']);
	});

	it('same-timestamp ties: each is emitted once, whichever poll first lists it', () => {
		let current = startState('s', [e('a', 50)]);
		// b arrives with the same timestamp as a, after the first poll.
		let poll = collect(current, [e('b', 50), e('a', 50), e('z', 40)]);
		expect(poll.emit.map((entry) => entry.key)).toEqual(['b']);
		expect(poll.next).toEqual(state(50, ['a', 'b']));
		current = poll.next;
		// Nothing new: the state is kept as it is.
		poll = collect(current, [e('b', 50), e('a', 50)]);
		expect(poll.emit).toEqual([]);
		expect(poll.next).toBe(current);
		// A later time replaces the remembered keys.
		poll = collect(current, [e('c', 60), e('d', 60), e('b', 50)]);
		expect(poll.emit.map((entry) => entry.key)).toEqual(['d', 'c']);
		expect(poll.next).toEqual(state(60, ['c', 'd']));
	});

	it('equal times keep list order reversed (oldest first) in the output', () => {
		expect(collect(state(null), [e('3', 7), e('2', 7), e('1', 7)]).emit.map((entry) => entry.key)).toEqual(['1', '2', '3']);
	});

	it('versions of one conversation within a poll collapse to the newest; an older version seen later is not re-emitted', () => {
		const { emit, next } = collect(state(10), [e('x@30', 30, 'x'), e('y@25', 25, 'y'), e('x@20', 20, 'x')]);
		expect(emit.map((entry) => entry.key)).toEqual(['y@25', 'x@30']);
		expect(next).toEqual(state(30, ['x@30']));
		expect(collect(next, [e('x@30', 30, 'x'), e('x@20', 20, 'x')]).emit).toEqual([]);
	});
});

describe('scanFromNewest: paging a list without a time filter', () => {
	function pages(list: Array<Entry<string>>, size = 2) {
		const read: number[] = [];
		const readPage = async (page: number): Promise<PageOfEntries<string>> => {
			read.push(page);
			const entries = list.slice((page - 1) * size, page * size);
			return { entries, more: entries.length === size && page * size < list.length, pageCount: Math.ceil(list.length / size) };
		};
		return { read, readPage };
	}

	it('a newest-first list stops at the first page that reaches the cursor', async () => {
		const list = [e('f', 60), e('e', 50), e('d', 40), e('c', 30), e('b', 20), e('a', 10)];
		const { read, readPage } = pages(list);
		expect((await scanFromNewest(state(40, ['d']), readPage, 100)).entries.map((entry) => entry.key)).toEqual(['f', 'e', 'd', 'c']);
		expect(read).toEqual([1, 2]);
	});

	it('an oldest-first list is read from its last page backwards, down to the cursor', async () => {
		const list = [e('a', 10), e('b', 20), e('c', 30), e('d', 40), e('e', 50), e('f', 60), e('g', 70), e('h', 80)];
		const { read, readPage } = pages(list);
		const scan = await scanFromNewest(state(50, ['e']), readPage, 100);
		expect(read).toEqual([1, 4, 3, 2]);
		expect(collect(state(50, ['e']), scan.entries).emit.map((entry) => entry.key)).toEqual(['f', 'g', 'h']);
		expect(scan.unread).toBeUndefined();
	});

	it('ties at the cursor that run past a page boundary are read on', async () => {
		const list = [e('c', 40), e('b', 40), e('a', 40), e('z', 30)];
		const { read, readPage } = pages(list);
		await scanFromNewest(state(40, ['a']), readPage, 100);
		expect(read).toEqual([1, 2]);
	});

	it('a list whose first page tells no order is read to its end, and maxPages bounds every scan', async () => {
		const list = [e('a', 10), e('b', 10), e('c', 30), e('d', 40), e('e', 50)];
		const all = pages(list);
		expect((await scanFromNewest(state(30), all.readPage, 100)).entries).toHaveLength(5);
		expect(all.read).toEqual([1, 2, 3]);
		const capped = pages(list);
		const scan = await scanFromNewest(state(null), capped.readPage, 2);
		expect(scan.entries).toHaveLength(4);
		expect(scan.unread).toEqual({ count: 0, exact: false });
		expect(capped.read).toEqual([1, 2]);
	});

	it('a page identical to the previous one (exactly one page of arrivals in between) is read past, not taken as the end', async () => {
		const list = [e('d', 40), e('c', 30), e('b', 20), e('a', 10)];
		let calls = 0;
		const readPage = async (page: number): Promise<PageOfEntries<string>> => {
			calls++;
			// Page 2 is read after two arrivals pushed page 1's items down by exactly one page.
			if (page === 2) list.unshift(e('f', 60), e('e', 50));
			const entries = list.slice((page - 1) * 2, page * 2);
			return { entries, more: entries.length === 2 };
		};
		const scan = await scanFromNewest(state(5), readPage, 100);
		expect(scan.entries.map((entry) => entry.key)).toEqual(['d', 'c', 'd', 'c', 'b', 'a']);
		expect(calls).toBe(4);
		expect(collect(state(5), scan.entries).emit.map((entry) => entry.key)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('an API that ignored `page` costs at most maxPages requests', async () => {
		let calls = 0;
		const readPage = async (): Promise<PageOfEntries<string>> => {
			calls++;
			return { entries: [e('b', 20), e('a', 20)], more: true };
		};
		expect((await scanFromNewest(state(null), readPage, 7)).entries).toHaveLength(14);
		expect(calls).toBe(7);
	});

	it.each([
		['newest first', (list: Array<Entry<string>>) => list],
		['oldest first', (list: Array<Entry<string>>) => [...list].reverse()],
	])('when the budget ends before the cursor (%s), the new items left unread are counted', async (_order, arrange) => {
		// 40 items, 2 per page: the cursor stands at item 9, so items 10..39 (30) are new.
		const newestFirst = Array.from({ length: 40 }, (_, i) => e(`i${39 - i}`, 1000 + (39 - i)));
		const { read, readPage } = pages(arrange(newestFirst));
		const cursorState = state(1009, ['i9']);
		const scan = await scanFromNewest(cursorState, readPage, 5);
		const readNew = new Set(scan.entries.filter((entry) => isNew(cursorState, entry)).map((entry) => entry.key));
		expect(readNew.size + (scan.unread?.count ?? 0)).toBe(30);
		expect(scan.unread?.exact).toBe(false);
		// Five pages of the scan, then a binary search: far fewer than the 20 pages of the list.
		expect(read.length).toBeLessThanOrEqual(5 + 5);
	});
});

/**
 * A model of a newest-first list that grows while the trigger polls: items arrive between polls
 * and between the pages of one poll, often with the same timestamp, and any page read may fail.
 * Whatever the script, after a last quiet poll every item has been emitted exactly once.
 */
describe('exactly once, over generated poll scripts', () => {
	type Step = { kind: 'arrive'; count: number; sameTime: boolean } | { kind: 'poll'; arrivalsAtPage: number; arriving: number; failAtPage: number };

	const step: fc.Arbitrary<Step> = fc.oneof(
		fc.record({ kind: fc.constant('arrive' as const), count: fc.integer({ min: 1, max: 70 }), sameTime: fc.boolean() }),
		fc.record({
			kind: fc.constant('poll' as const),
			arrivalsAtPage: fc.integer({ min: 0, max: 4 }),
			arriving: fc.integer({ min: 0, max: 35 }),
			failAtPage: fc.integer({ min: 0, max: 5 }),
		}),
	);

	it.each(['newest first', 'oldest first'])('no item is lost or repeated (list served %s)', async (order) => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { maxLength: 12 }), fc.integer({ min: 0, max: 40 }), async (script, existing) => {
				const list: Array<Entry<string>> = []; // newest first
				let clock = 1_000;
				let serial = 0;
				const arrive = (count: number, sameTime: boolean) => {
					for (let i = 0; i < count; i++) {
						if (!sameTime || i === 0) clock += 1 + (serial % 3);
						list.unshift(e(`item-${serial++}`, clock));
					}
				};
				arrive(existing, false);
				let requests = 0;
				const readPage = (failAtPage: number, arrivalsAtPage: number, arriving: number) => async (page: number) => {
					requests++;
					if (requests === arrivalsAtPage) arrive(arriving, arriving % 2 === 0);
					if (requests === failAtPage) throw new Error('HTTP 503');
					const served = order === 'newest first' ? list : [...list].reverse();
					const entries = served.slice((page - 1) * 30, page * 30);
					return { entries, more: entries.length === 30 && page * 30 < served.length, pageCount: Math.ceil(served.length / 30) };
				};

				let current = startState('s', list.slice(0, 30));
				const before = new Set(list.map((entry) => entry.key));
				const emitted: string[] = [];
				const poll = async (failAtPage = 0, arrivalsAtPage = 0, arriving = 0) => {
					let entries: Array<Entry<string>>;
					requests = 0;
					try {
						entries = (await scanFromNewest(current, readPage(failAtPage, arrivalsAtPage, arriving), 100)).entries;
					} catch {
						return; // A failed poll stores nothing.
					}
					const { emit, next } = collect(current, entries);
					emitted.push(...emit.map((entry) => entry.key));
					current = next;
				};
				for (const action of script) {
					if (action.kind === 'arrive') arrive(action.count, action.sameTime);
					else await poll(action.failAtPage, action.arrivalsAtPage, action.arriving);
				}
				await poll();

				expect(new Set(emitted).size).toBe(emitted.length);
				const expected = list.map((entry) => entry.key).filter((key) => !before.has(key));
				expect(new Set(emitted)).toEqual(new Set(expected));
			}),
			{ numRuns: 400, seed: 4711 },
		);
	});
});

/**
 * The same for Updated Conversation: a change moves a conversation to the top of `sort=changed`
 * with a new updated_at, also while the trigger pages. Each version is emitted at most once, and
 * the latest version of every conversation changed since activation is emitted.
 */
describe('updated conversations, over generated change scripts', () => {
	type Step = { kind: 'change'; picks: number[]; sameTime: boolean } | { kind: 'poll'; changesAtPage: number; picks: number[]; failAtPage: number };

	const step: fc.Arbitrary<Step> = fc.oneof(
		fc.record({ kind: fc.constant('change' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), sameTime: fc.boolean() }),
		fc.record({
			kind: fc.constant('poll' as const),
			changesAtPage: fc.integer({ min: 0, max: 4 }),
			picks: fc.array(fc.nat(), { maxLength: 10 }),
			failAtPage: fc.integer({ min: 0, max: 5 }),
		}),
	);

	it('every version at most once; the latest change of each conversation always', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(step, { maxLength: 10 }), fc.integer({ min: 1, max: 100 }), async (script, size) => {
				let clock = 1_000;
				let list: Array<Entry<string>> = Array.from({ length: size }, (_, i) => e(`c${i}@${clock - i}`, clock - i, `c${i}`));
				const change = (picks: number[], sameTime: boolean) => {
					for (const [n, pick] of picks.entries()) {
						if (!sameTime || n === 0) clock += 1;
						const slug = `c${pick % size}`;
						list = [e(`${slug}@${clock}`, clock, slug), ...list.filter((entry) => entry.group !== slug)];
					}
				};
				const readPage = (failAtPage: number, changesAtPage: number, picks: number[]) => async (page: number) => {
					if (page === changesAtPage) change(picks, false);
					if (page === failAtPage) throw new Error('HTTP 502');
					const entries = list.slice((page - 1) * 30, page * 30);
					return { entries, more: entries.length === 30 && page * 30 < list.length, pageCount: Math.ceil(list.length / 30) };
				};

				let current = startState('s', list.slice(0, 30));
				const startedAt = current.cursor as number;
				const emitted: string[] = [];
				const poll = async (failAtPage = 0, changesAtPage = 0, picks: number[] = []) => {
					try {
						const { emit, next } = collect(current, (await scanFromNewest(current, readPage(failAtPage, changesAtPage, picks), 100)).entries);
						emitted.push(...emit.map((entry) => entry.key));
						current = next;
					} catch {
						// A failed poll stores nothing.
					}
				};
				for (const action of script) {
					if (action.kind === 'change') change(action.picks, action.sameTime);
					else await poll(action.failAtPage, action.changesAtPage, action.picks);
				}
				await poll();

				expect(new Set(emitted).size).toBe(emitted.length);
				for (const entry of list) {
					if (entry.time > startedAt) expect(emitted).toContain(entry.key);
					else expect(emitted).not.toContain(entry.key);
				}
			}),
			{ numRuns: 300, seed: 1147 },
		);
	});
});
