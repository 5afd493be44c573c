import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { PICKER_POLICY } from '../helpers/pickers';
import { statusName } from '../helpers/simplify';
import { reamazePage } from '../transport';
import { channelOptions, EMAIL_CHANNEL, listChannels, listStaff, staffOptions } from './loadOptions';

/** Pages read per search call when a filter is typed, so a rare word cannot start a crawl of the whole brand. */
export const SEARCH_PAGES_PER_CALL = 5;

function matches(needle: string | undefined, ...values: unknown[]): boolean {
	if (!needle) return true;
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(needle));
}

function firstText(...values: unknown[]): string | undefined {
	const found = values.find((value) => typeof value === 'string' && value.trim() !== '') as string | undefined;
	return found?.trim();
}

/** Who opened the conversation, as the row shows it: name, else email. */
function customerOf(conversation: IDataObject): string | undefined {
	const author = (conversation.author ?? {}) as IDataObject;
	return firstText(author.name, author.display_name, author.email);
}

/** The day the conversation was created (`created_at`, ISO 8601), as YYYY-MM-DD. */
function createdDay(conversation: IDataObject): string | undefined {
	const created = conversation.created_at;
	return typeof created === 'string' && /^\d{4}-\d{2}-\d{2}/.test(created) ? created.slice(0, 10) : undefined;
}

/**
 * A conversation of the list as a choice, valued by slug and linking to it in Re:amaze. n8n shows
 * only the name of a row, so it carries what tells conversations with the same subject apart:
 * "subject · customer · created day · status".
 */
export function conversationItem(conversation: IDataObject): INodeListSearchItems | undefined {
	const slug = conversation.slug;
	if (typeof slug !== 'string' || slug === '') return undefined;
	const parts = [
		firstText(conversation.subject, conversation.display_subject) ?? slug,
		customerOf(conversation),
		createdDay(conversation),
		// The current name only ("Done", not "Done (Resolved)"): the row is cut at the panel's width.
		statusName(conversation.status)?.replace(/ \(.*\)$/, ''),
	];
	const item: INodeListSearchItems = { name: parts.filter((part) => part !== undefined).join(' · '), value: slug };
	if (typeof conversation.perma_url === 'string' && /^https:\/\//.test(conversation.perma_url)) item.url = conversation.perma_url;
	return item;
}

/** Rows that would still look alike get their slug, which is unique. */
export function distinguish(items: INodeListSearchItems[]): INodeListSearchItems[] {
	const counts = new Map<string, number>();
	for (const item of items) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
	return items.map((item) => ((counts.get(item.name) ?? 0) > 1 ? { ...item, name: `${item.name} · ${String(item.value)}` } : item));
}

/**
 * Recently changed conversations (`sort=changed`, §2.1). The API has no text search on
 * conversations (`tag` matches whole tags only), so a typed filter is matched here against subject,
 * slug and customer, reading up to SEARCH_PAGES_PER_CALL pages per call; the token is the next page number.
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
			const author = (conversation.author ?? {}) as IDataObject;
			if (item && matches(needle, conversation.subject, conversation.display_subject, conversation.slug, author.name, author.display_name, author.email)) {
				results.push(item);
			}
		}
		if (results.length >= 30) break;
	}
	const rows = distinguish(results);
	return more ? { results: rows, paginationToken: String(page) } : { results: rows };
}

/** Staff users whose name or email contains the filter. */
export async function searchStaff(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() || undefined;
	const staff = (await listStaff(this)).filter((user) => matches(needle, user.name, user.display_name, user.email));
	return { results: staffOptions(staff) };
}

/** Channels whose name or slug contains the filter: "Support (support) · Email", valued by slug. */
export async function searchChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() || undefined;
	return { results: channelOptions(await listChannels(this), (channel) => matches(needle, channel.name, channel.slug)) };
}

/** Move to Channel: "The target must be an email channel" (§2.4), so only those are listed. */
export async function searchEmailChannels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const needle = filter?.trim().toLowerCase() || undefined;
	return {
		results: channelOptions(
			await listChannels(this),
			(channel) => Number(channel.channel) === EMAIL_CHANNEL && matches(needle, channel.name, channel.slug),
		),
	};
}
