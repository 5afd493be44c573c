import { type IDataObject, type IPollFunctions, type JsonObject, NodeApiError } from 'n8n-workflow';

import { reamazePage } from '../Reamaze/transport';
import type { RequestPolicy } from '../shared/options';
import type { CursorState, Entry } from './cursor';
import type { EventSource } from './events';
import { direction, type PageOfEntries, type Scan, scanFromNewest, scanWindow } from './scan';

/** The requests of one poll: Re:amaze lists turned into entries the cursor can order. */

/**
 * Pages read per poll at most (30 items each, §4), so one poll stays a bounded number of requests.
 * Lists with a time filter catch up on a larger backlog over several polls; see scan.ts.
 */
export const MAX_PAGES_PER_POLL = 100;
/** Conversations cannot be read in time windows, so catching up reads further in one poll (30,000 items). */
export const CATCH_UP_MAX_PAGES = 1000;

function entriesOf(context: IPollFunctions, source: EventSource, items: IDataObject[]): Array<Entry<IDataObject>> {
	return items.map((item) => {
		const entry = source.entry(item);
		if ('missing' in entry) {
			throw new NodeApiError(context.getNode(), { received: entry.missing } as JsonObject, {
				message: `Re:amaze listed a ${source.what} without a readable "${entry.missing}"`,
				description:
					'The trigger orders items by this field, so it cannot tell whether this one is new. Nothing was emitted and the next poll reads the same items again; if it persists, the API may have changed.',
			});
		}
		return entry;
	});
}

async function readPage(
	context: IPollFunctions,
	source: EventSource,
	qs: IDataObject,
	page: number,
	policy: RequestPolicy,
): Promise<PageOfEntries<IDataObject>> {
	const answer = await reamazePage(context, { path: source.path, qs, itemsKey: source.itemsKey, paged: true, policy }, page);
	return { entries: entriesOf(context, source, answer.items), more: answer.more, pageCount: answer.pageCount, totalCount: answer.totalCount };
}

/** The newest items there are, for the first activation and for a manual test, whichever way the list runs. */
export async function readNewest(context: IPollFunctions, source: EventSource, policy: RequestPolicy): Promise<Array<Entry<IDataObject>>> {
	const first = await readPage(context, source, source.qs, 1, policy);
	const entries = [...first.entries];
	// Unless page 1 runs newest first, the newest items may be on the last page.
	if (direction(first.entries) !== 'newestFirst' && first.more && first.pageCount !== undefined && first.pageCount > 1) {
		entries.push(...(await readPage(context, source, source.qs, first.pageCount, policy)).entries);
	}
	return entries;
}

export interface NewItems extends Scan<IDataObject> {
	/** New items older than the pause boundary that were counted from `total_count`, not read. */
	countedBeforeSkip?: number;
}

/** Everything the poll needs to find each item newer than the cursor; see scan.ts for how. */
export async function readNew(
	context: IPollFunctions,
	source: EventSource,
	state: CursorState,
	policy: RequestPolicy,
	options: { now: number; skipBefore?: number; catchUp: boolean },
): Promise<NewItems> {
	const { window } = source;
	if (window) {
		return await scanWindow(
			state,
			async (page, from, until) => await readPage(context, source, { ...source.qs, ...window(from, until) }, page, policy),
			{ maxPages: MAX_PAGES_PER_POLL, now: options.now, skipBefore: options.skipBefore },
		);
	}
	return await scanFromNewest(
		state,
		async (page) => await readPage(context, source, source.qs, page, policy),
		options.catchUp ? CATCH_UP_MAX_PAGES : MAX_PAGES_PER_POLL,
	);
}
