import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { PICKER_POLICY } from '../helpers/pickers';
import { statusName } from '../helpers/simplify';
import { reamazePage } from '../transport';
import { listStaff, staffOptions } from './loadOptions';

/** Pages read per search call when a filter is typed, so a rare word cannot start a crawl of the whole brand. */
export const SEARCH_PAGES_PER_CALL = 5;

function matches(needle: string | undefined, ...values: unknown[]): boolean {
	if (!needle) return true;
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

/** A conversation of the list as a choice: its subject, valued by slug, linking to it in Re:amaze. */
export function conversationItem(conversation: IDataObject): INodeListSearchItems | undefined {
	const slug = conversation.slug;
	if (typeof slug !== 'string' || slug === '') return undefined;
	const subject = [conversation.subject, conversation.display_subject].find((value) => typeof value === 'string' && value.trim() !== '');
	const status = statusName(conversation.status);
	const item: INodeListSearchItems = {
		name: `${(subject as string | undefined) ?? slug}${status ? ` · ${status}` : ''}`,
		value: slug,
		description: slug,
	};
	if (typeof conversation.perma_url === 'string' && /^https:\/\//.test(conversation.perma_url)) item.url = conversation.perma_url;
	return item;
}

/**
 * Recently changed conversations (`sort=changed`, §2.1). The API has no text search on
 * conversations (`tag` matches whole tags only), so a typed filter is matched here against subject
 * and slug, reading up to SEARCH_PAGES_PER_CALL pages per call; the token is the next page number.
 */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() || undefined;
	const start = Number(paginationToken);
	let page = Number.isInteger(start) && start > 1 ? start : 1;
	const results: INodeListSearchItems[] = [];
	let more = true;
	for (let read = 0; more && read < (needle ? SEARCH_PAGES_PER_CALL : 1); read++) {
		const answer = await reamazePage(
			this,
			{ path: ['conversations'], qs: { sort: 'changed' }, itemsKey: 'conversations', paged: true, policy: PICKER_POLICY },
			page,
		);
		more = answer.more;
		page++;
		for (const conversation of answer.items) {
			const item = conversationItem(conversation);
			if (item && matches(needle, conversation.subject, conversation.display_subject, conversation.slug)) results.push(item);
		}
		if (results.length >= 30) break;
	}
	return more ? { results, paginationToken: String(page) } : { results };
}

/** Staff users whose name or email contains the filter. */
export async function searchStaff(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() || undefined;
	const staff = (await listStaff(this)).filter((user) => matches(needle, user.name, user.display_name, user.email));
	return { results: staffOptions(staff) };
}
