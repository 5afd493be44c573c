import { type IDataObject, type IExecuteFunctions, type JsonObject, NodeApiError } from 'n8n-workflow';

import { credentialsFor } from '../../shared/credentials';
import { InputError } from '../../shared/errors';
import { itemParameter } from '../../shared/itemParameters';
import type { RequestPolicy } from '../../shared/options';
import { describe, identifier, type Raw, requiredText } from '../../shared/validate';
import { reamazeRequest } from '../transport';
import { brandBaseUrl } from './baseUrl';
import { locatorParts } from './locator';
import { expectObject } from './response';

/**
 * Which conversation an operation acts on. The API addresses a conversation by slug, or by its
 * reference ID with `id_type=ref` on GET only (§2.2): writes need the slug.
 */
export type ConversationRef = { slug: string } | { ref: string };

const URL_FIELD = 'Conversation URL';
// What a Rails-style slug is made of; a legitimate Re:amaze address needs nothing else in its path.
const PATH_SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * The slug in a conversation's address in Re:amaze, e.g.
 * `https://acme.reamaze.io/admin/conversations/where-is-my-order` (the form of `perma_url`, §2.1).
 * Only the credential's brand on reamaze.io or the legacy reamaze.com (§1) is accepted, checked on
 * the text as typed: a URL parser would quietly turn look-alike letters, `\`, `..` or `%2F` into
 * something else, so anything beyond plain ASCII letters, digits, `-` and `_` in the path is refused.
 */
export function conversationSlugFromUrl(value: Raw, brand: unknown): string {
	const url = requiredText(value, URL_FIELD).trim();
	const base = brandBaseUrl(brand);
	if (!base.ok) {
		throw new InputError(URL_FIELD, 'cannot be checked: the Brand of the Re:amaze credential is not set or not valid', 'Correct the Brand in the Re:amaze credential, or choose "By Slug".');
	}
	if (!/^[\x21-\x7e]+$/.test(url)) {
		throw new InputError(URL_FIELD, 'must be a plain address without spaces or special letters (copy it from the browser\'s address bar)');
	}
	const match = /^https:\/\/([^/?#\\]*)(\/[^?#\\]*)(?:\?[^#\\]*)?(?:#[^\\]*)?$/i.exec(url);
	if (!match) {
		throw new InputError(URL_FIELD, `${describe(url)} is not an https:// address of a conversation`);
	}
	const [, authority, path] = match;
	const brandName = base.host.split('.')[0];
	const allowed = [`${brandName}.reamaze.io`, `${brandName}.reamaze.com`];
	if (!allowed.includes(authority.toLowerCase())) {
		throw new InputError(
			URL_FIELD,
			`must be on ${allowed[0]} (the brand of the credential), not ${describe(authority)}`,
			'Copy the address of the conversation from Re:amaze, or use another credential for another brand.',
		);
	}
	const segments = path.split('/').slice(1);
	if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
	const slug = segments[segments.length - 1];
	if (segments.length < 2 || segments[segments.length - 2] !== 'conversations' || !segments.every((segment) => PATH_SEGMENT.test(segment))) {
		throw new InputError(URL_FIELD, 'must end in /conversations/ followed by the conversation\'s slug, e.g. https://acme.reamaze.io/admin/conversations/where-is-my-order');
	}
	return slug;
}

const MODES = ['list', 'slug', 'url', 'ref'];

/** Which mode a Conversation locator value uses (undefined when it is not a locator value). */
export function conversationMode(raw: Raw): string | undefined {
	const mode = raw && typeof raw === 'object' ? (raw as { mode?: unknown }).mode : undefined;
	return typeof mode === 'string' ? mode : undefined;
}

/** Reads the Conversation locator (modes list / slug / url / ref, see pickers.ts). */
export function readConversationLocator(raw: Raw, brand: unknown): ConversationRef {
	const { mode, value } = locatorParts(raw, 'Conversation', MODES);
	switch (mode) {
		case 'slug': {
			const slug = identifier(value, 'Conversation Slug');
			if (/^https?:\/\//i.test(slug)) {
				throw new InputError('Conversation Slug', 'is a URL, not a slug', 'Choose "By URL" for a conversation address, or give only the last part of it.');
			}
			return { slug };
		}
		case 'url':
			return { slug: conversationSlugFromUrl(value, brand) };
		case 'ref':
			return { ref: identifier(value, 'Reference ID') };
		default:
			return { slug: identifier(value, 'Conversation') };
	}
}

/** Reads a Conversation parameter of the item; the credential is read only to check a URL's brand. */
export async function conversationParameter(context: IExecuteFunctions, name: string, itemIndex: number): Promise<ConversationRef> {
	const raw = itemParameter(context, name, itemIndex);
	const brand = conversationMode(raw) === 'url' ? (await credentialsFor(context, 'reamazeApi', itemIndex)).brand : undefined;
	return readConversationLocator(raw, brand);
}

/** GET /conversations/{slug} or /conversations/{ref}?id_type=ref (§2.2). */
export function conversationReadRequest(conversation: ConversationRef): { path: string[]; qs: IDataObject } {
	return 'slug' in conversation
		? { path: ['conversations', conversation.slug], qs: {} }
		: { path: ['conversations', conversation.ref], qs: { id_type: 'ref' } };
}

export function notFoundText(conversation: ConversationRef): string {
	return 'slug' in conversation ? `no conversation with slug "${conversation.slug}"` : `no conversation with reference ID "${conversation.ref}"`;
}

/** Reads the conversation (one GET), e.g. to find the slug behind a reference ID before a write. */
export async function fetchConversation(
	context: IExecuteFunctions,
	conversation: ConversationRef,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<IDataObject> {
	const response = await reamazeRequest(context, {
		method: 'GET',
		...conversationReadRequest(conversation),
		itemIndex,
		notFound: notFoundText(conversation),
		policy,
	});
	return expectObject(context, response, itemIndex, 'a conversation');
}

/** The slug a write must address: given directly, or the `slug` of the conversation read by reference ID. */
export function slugOf(context: IExecuteFunctions, conversation: ConversationRef, fetched: IDataObject | undefined, itemIndex: number): string {
	if ('slug' in conversation) return conversation.slug;
	const slug = fetched?.slug;
	if (typeof slug === 'string' && slug.trim() !== '' && slug.trim() !== '.' && slug.trim() !== '..') return slug.trim();
	throw new NodeApiError(context.getNode(), { received: typeof slug } as JsonObject, {
		message: `Re:amaze returned no slug for the conversation with reference ID "${conversation.ref}"`,
		description: 'The answer did not have the documented shape. Try again, or give the conversation by slug.',
		itemIndex,
	});
}
