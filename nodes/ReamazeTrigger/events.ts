import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../shared/errors';
import { describe, type Raw } from '../shared/validate';
import type { Entry } from './cursor';

export type EventName = 'newConversation' | 'updatedConversation' | 'newMessage' | 'newRating';

/** What one event polls and how its items are keyed and timed. */
export interface EventSource {
	/** Event plus filters: changing either starts the trigger over from "now". */
	stream: string;
	path: string[];
	qs: IDataObject;
	itemsKey: string;
	/** In the user's words, for errors: "conversation", "message", ... */
	what: string;
	/** The plural, for the note about skipped items. */
	whatPlural: string;
	/**
	 * The API's time filter on the time the trigger orders by, when the list has one: the query for
	 * items from `from` to `until` (either may be open). Conversations have none (see scan.ts).
	 */
	window?: (from: number | undefined, until: number | undefined) => IDataObject;
	/** The item's key and time, or which field is missing. */
	entry(item: IDataObject): Entry<IDataObject> | { missing: string };
}

/**
 * A timestamp of the API: ISO 8601 with milliseconds and an offset (§6.1), compared as Date.parse
 * milliseconds because equal instants can be written with different offsets.
 */
export function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value.trim())) return undefined;
	const time = Date.parse(value.trim());
	return Number.isFinite(time) ? time : undefined;
}

function text(value: unknown): string | undefined {
	if (typeof value === 'string' && value !== '') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function iso(ms: number | undefined): string | undefined {
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Drops open ends, so an unbounded side sends no parameter at all. */
function bounds(entries: Array<[string, number | undefined]>): IDataObject {
	const query: IDataObject = {};
	for (const [key, ms] of entries) if (ms !== undefined) query[key] = iso(ms);
	return query;
}

function hash(parts: unknown[]): string {
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/**
 * Messages carry no documented ID (§2.5), so a message is known by its conversation, time,
 * origin_id, author, visibility and body: the fact sheet's "created_at and origin_id/body hash".
 */
export function messageKey(message: IDataObject, time: number): string {
	const user = (message.user ?? {}) as IDataObject;
	const conversation = (message.conversation ?? {}) as IDataObject;
	return `m:${hash([conversation.slug ?? null, time, message.origin_id ?? null, user.email ?? null, user.mobile ?? null, message.visibility ?? null, message.body ?? null])}`;
}

export function eventSource(event: Raw, messageFilter: Raw): EventSource {
	switch (event) {
		case 'newConversation':
			return {
				stream: 'newConversation',
				path: ['conversations'],
				// `all` also lists conversations archived or marked spam before the poll saw them (§2.1).
				qs: { filter: 'all' },
				itemsKey: 'conversations',
				what: 'conversation',
				whatPlural: 'conversations',
				entry: (item) => {
					const slug = text(item.slug);
					const time = timeOf(item.created_at);
					if (slug === undefined) return { missing: 'slug' };
					if (time === undefined) return { missing: 'created_at' };
					return { key: slug, time, item };
				},
			};
		case 'updatedConversation':
			return {
				stream: 'updatedConversation',
				path: ['conversations'],
				// `changed`: newest change of any kind first, status changes included (§2.1).
				qs: { filter: 'all', sort: 'changed' },
				itemsKey: 'conversations',
				what: 'conversation',
				whatPlural: 'conversation changes',
				entry: (item) => {
					const slug = text(item.slug);
					const time = timeOf(item.updated_at);
					if (slug === undefined) return { missing: 'slug' };
					if (time === undefined) return { missing: 'updated_at' };
					return { key: `${slug}@${time}`, group: slug, time, item };
				},
			};
		case 'newMessage': {
			if (messageFilter !== undefined && messageFilter !== '' && messageFilter !== 'customer' && messageFilter !== 'staff') {
				throw new InputError('Sent By', `unknown choice ${describe(messageFilter)}`);
			}
			const filter = messageFilter === 'customer' || messageFilter === 'staff' ? messageFilter : undefined;
			return {
				stream: `newMessage:${filter ?? 'all'}`,
				path: ['messages'],
				qs: filter ? { filter } : {},
				itemsKey: 'messages',
				what: 'message',
				whatPlural: 'messages',
				// Message lists filter on the creation time (§2.5, §6.1), the time the trigger orders by.
				window: (from, until) => bounds([
					['start_date', from],
					['end_date', until],
				]),
				entry: (item) => {
					const time = timeOf(item.created_at);
					if (time === undefined) return { missing: 'created_at' };
					return { key: messageKey(item, time), time, item };
				},
			};
		}
		case 'newRating':
			return {
				stream: 'newRating',
				path: ['satisfaction_ratings'],
				qs: {},
				itemsKey: 'satisfaction_ratings',
				what: 'satisfaction rating',
				whatPlural: 'satisfaction ratings',
				// §2.12. Whether the bounds are inclusive, and how finely they compare, is not documented:
				// the scan asks from a second before the cursor and the cursor drops what was already seen.
				window: (from, until) => bounds([
					['created_after', from],
					['created_before', until],
				]),
				entry: (item) => {
					const time = timeOf(item.created_at);
					if (time === undefined) return { missing: 'created_at' };
					const id = text(item.id);
					return { key: id === undefined ? `r:${hash([item])}` : `r:${id}`, time, item };
				},
			};
		default:
			throw new InputError('Trigger On', `unknown event ${describe(event)}`);
	}
}
