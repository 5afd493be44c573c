/**
 * Which listed items are new since the last poll: pure, so every rule below is tested directly.
 *
 * The state is a cursor time (ms since the epoch) plus the keys of the items seen AT that time.
 * An item is new when it is later than the cursor, or at the cursor and not among those keys: so
 * two items sharing a timestamp are each emitted once, whichever poll first lists them.
 * The state is replaced only by a poll that read everything it needed, so a poll that fails
 * half-way leaves the cursor where it was and the next poll reads the same window again.
 */

/** An item of a Re:amaze list as the cursor sees it. */
export interface Entry<T = unknown> {
	/** Unique per emitted version: a slug, a rating ID, `slug@updated_at`, a message hash. */
	key: string;
	/** The time the list is ordered by (created_at or updated_at), as Date.parse milliseconds. */
	time: number;
	/** Versions sharing a group (one conversation's successive changes) collapse to the newest within one poll. */
	group?: string;
	item: T;
}

export interface CursorState {
	version: 1;
	/** The event and its filters; a different stream starts over from "now". */
	stream: string;
	/** Newest time seen; null when nothing existed when polling started (then everything later is new). */
	cursor: number | null;
	/** Keys of the items seen at exactly `cursor`. */
	seen: string[];
}

/** Reads stored state, or undefined when there is none, it is damaged, or it belongs to another stream. */
export function readState(stored: unknown, stream: string): CursorState | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	const { version, stream: storedStream, cursor, seen } = stored as Partial<CursorState>;
	if (version !== 1 || storedStream !== stream) return undefined;
	if (cursor !== null && (typeof cursor !== 'number' || !Number.isFinite(cursor))) return undefined;
	if (!Array.isArray(seen) || !seen.every((key) => typeof key === 'string')) return undefined;
	return { version, stream, cursor, seen: [...seen] };
}

/** First activation: remember the newest items as already seen, emit nothing ("start from now"). */
export function startState(stream: string, entries: Entry[]): CursorState {
	if (entries.length === 0) return { version: 1, stream, cursor: null, seen: [] };
	const newest = Math.max(...entries.map((entry) => entry.time));
	return { version: 1, stream, cursor: newest, seen: unique(entries.filter((entry) => entry.time === newest).map((entry) => entry.key)) };
}

export function isNew(state: CursorState, entry: Entry): boolean {
	if (state.cursor === null) return true;
	return entry.time > state.cursor || (entry.time === state.cursor && !state.seen.includes(entry.key));
}

/** In a newest-first list, a page holding an item older than the cursor is the last one worth reading. */
export function reachedCursor(state: CursorState, page: Entry[]): boolean {
	return state.cursor !== null && page.some((entry) => entry.time < (state.cursor as number));
}

/**
 * The new items of one poll, oldest first, and the state to store after it. `entries` is
 * everything the poll read, in any order; pages that shifted while polling repeat items, which are
 * counted once. With `skipBefore`, new items older than that are not emitted but counted: a poll
 * after a long pause resumes from now (the cursor still moves past them).
 */
export function collect<T>(
	state: CursorState,
	entries: Array<Entry<T>>,
	options: { skipBefore?: number } = {},
): { emit: Array<Entry<T>>; skipped: number; next: CursorState } {
	const byKey = new Map<string, Entry<T>>();
	for (const entry of entries) if (isNew(state, entry) && !byKey.has(entry.key)) byKey.set(entry.key, entry);
	const newestOfGroup = new Map<string, Entry<T>>();
	for (const entry of byKey.values()) {
		if (entry.group === undefined) continue;
		const kept = newestOfGroup.get(entry.group);
		if (!kept || entry.time > kept.time) newestOfGroup.set(entry.group, entry);
	}
	const fresh = [...byKey.values()].filter((entry) => entry.group === undefined || newestOfGroup.get(entry.group) === entry);
	if (fresh.length === 0) return { emit: [], skipped: 0, next: state };

	// Equal times keep the order they were read in, reversed: a newest-first list then comes out oldest first.
	const ordered = fresh.reverse().sort((a, b) => a.time - b.time);
	const newest = ordered[ordered.length - 1].time;
	const atNewest = [...byKey.values()].filter((entry) => entry.time === newest).map((entry) => entry.key);
	const seen = newest === state.cursor ? unique([...state.seen, ...atNewest]) : unique(atNewest);
	const { skipBefore } = options;
	const emit = skipBefore === undefined ? ordered : ordered.filter((entry) => entry.time >= skipBefore);
	return { emit, skipped: ordered.length - emit.length, next: { version: 1, stream: state.stream, cursor: newest, seen } };
}

function unique(keys: string[]): string[] {
	return [...new Set(keys)];
}
