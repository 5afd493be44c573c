import { type IDataObject, type IExecuteFunctions, type JsonObject, NodeApiError } from 'n8n-workflow';

import { credentialsFor } from '../../shared/credentials';
import { InputError } from '../../shared/errors';
import { itemParameter } from '../../shared/itemParameters';
import type { RequestPolicy } from '../../shared/options';
import { describe, type Raw, requiredText } from '../../shared/validate';
import { CREDENTIAL_TYPE, libreDeskArray, libreDeskRequest } from '../transport';
import { expectObject } from './response';
import { resolveServerUrl } from './serverUrl';

/** Which conversation an operation acts on. Routes take the UUID (§2); a reference number is searched (§10). */
export type ConversationRef = { uuid: string } | { referenceNumber: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_FIELD = 'Conversation URL';

/** The value of a resource locator, or a plain string given by an expression. */
export function locatorParts(raw: Raw): { mode: string | undefined; value: Raw } {
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw) {
		const { mode, value } = raw as { mode?: unknown; value?: unknown };
		return { mode: typeof mode === 'string' ? mode : undefined, value };
	}
	return { mode: undefined, value: raw };
}

/** A conversation UUID; anything else would reach Postgres as a bad cast and fail with a 500 (§2). */
export function conversationUuid(value: Raw, field = 'Conversation UUID'): string {
	const uuid = requiredText(value, field).trim();
	if (!UUID.test(uuid)) throw new InputError(field, `${describe(uuid)} is not a UUID (8-4-4-4-12 hexadecimal digits)`);
	return uuid.toLowerCase();
}

/** `150` or `#150`: reference numbers are strings of digits starting at "100" (§2). */
export function referenceNumber(value: Raw): string {
	const text = requiredText(value, 'Reference Number').trim().replace(/^#/, '');
	if (!/^\d+$/.test(text)) throw new InputError('Reference Number', `${describe(text)} is not a reference number (digits, e.g. 150)`);
	if (text.length < 3) {
		throw new InputError('Reference Number', `${describe(text)} is too short: LibreDesk numbers start at 100 and its search needs 3 or more characters (§10)`);
	}
	return text;
}

/**
 * The UUID in a conversation's address in LibreDesk's UI: `{server}/inboxes/<list>/conversation/<uuid>`,
 * `/inboxes/teams/<id>/conversation/<uuid>` or `/inboxes/views/<id>/conversation/<uuid>` (its frontend
 * router). Only addresses on the credential's server are accepted, checked on the text as typed.
 */
export function conversationUuidFromUrl(value: Raw, serverUrl: unknown): string {
	const url = requiredText(value, URL_FIELD).trim();
	const server = resolveServerUrl(serverUrl);
	if (!server.ok) {
		throw new InputError(URL_FIELD, 'cannot be checked: the Server URL of the LibreDesk credential is not valid', 'Correct the LibreDesk credential, or choose "By UUID".');
	}
	if (!/^[\x21-\x7e]+$/.test(url)) {
		throw new InputError(URL_FIELD, 'must be a plain address without spaces or special letters (copy it from the browser\'s address bar)');
	}
	const match = /^(https?:\/\/[^/?#\\]+)(\/[^?#\\]*)(?:\?[^#\\]*)?(?:#[^\\]*)?$/i.exec(url);
	if (!match) throw new InputError(URL_FIELD, `${describe(url)} is not an http(s) address`);
	const [, origin, path] = match;
	let typedOrigin: string | undefined;
	try {
		typedOrigin = new URL(origin).origin;
	} catch {
		typedOrigin = undefined;
	}
	if (typedOrigin === undefined) throw new InputError(URL_FIELD, `${describe(url)} is not an http(s) address`);
	if (typedOrigin !== server.origin || origin.includes('@')) {
		throw new InputError(URL_FIELD, `must be on ${server.origin} (the server of the credential)`, 'Copy the address of the conversation from LibreDesk, or use the credential of that server.');
	}
	const rootPath = server.root.slice(server.origin.length);
	const segments = path.split('/').slice(1);
	if (segments.length > 0 && segments[segments.length - 1] === '') segments.pop();
	const prefix = rootPath === '' ? [] : rootPath.slice(1).split('/');
	const uuid = segments[segments.length - 1];
	const startsAtRoot = prefix.every((segment, index) => segments[index]?.toLowerCase() === segment.toLowerCase());
	if (!startsAtRoot || segments.length < 2 || segments[segments.length - 2] !== 'conversation' || !UUID.test(uuid ?? '')) {
		throw new InputError(URL_FIELD, `must end in /conversation/ followed by the conversation's UUID, e.g. ${server.root}/inboxes/all/conversation/7d692b95-73dc-4f53-9343-6ed47a3db903`);
	}
	return uuid.toLowerCase();
}

/** Reads the Conversation locator (modes list / uuid / referenceNumber / url); a plain string is a UUID. */
export function readConversationLocator(raw: Raw, serverUrl: unknown): ConversationRef {
	const { mode, value } = locatorParts(raw);
	switch (mode ?? 'uuid') {
		case 'list':
		case 'uuid':
			return { uuid: conversationUuid(value, mode === 'list' ? 'Conversation' : 'Conversation UUID') };
		case 'referenceNumber':
			return { referenceNumber: referenceNumber(value) };
		case 'url':
			return { uuid: conversationUuidFromUrl(value, serverUrl) };
		default:
			throw new InputError('Conversation', `unknown mode ${describe(mode)} (use From List, By UUID, By Reference Number or By URL)`);
	}
}

/** The Conversation parameter of the item; the credential is read only to check a URL's server. */
export async function conversationParameter(context: IExecuteFunctions, itemIndex: number, name = 'conversation'): Promise<ConversationRef> {
	const raw = itemParameter(context, name, itemIndex);
	const serverUrl = locatorParts(raw).mode === 'url' ? (await credentialsFor(context, CREDENTIAL_TYPE, itemIndex)).baseUrl : undefined;
	return readConversationLocator(raw, serverUrl);
}

/** For `sequenceKey`: the conversation from parameters alone, without requests; undefined when unreadable. */
export function conversationKey(context: IExecuteFunctions, itemIndex: number, name = 'conversation'): string | undefined {
	const { mode, value } = locatorParts(itemParameter(context, name, itemIndex));
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	if (mode === 'referenceNumber') return `ref:${value.trim().replace(/^#/, '')}`;
	const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(value)?.[0];
	return uuid?.toLowerCase();
}

export function notFoundText(conversation: ConversationRef): string {
	return 'uuid' in conversation
		? `no conversation with UUID "${conversation.uuid}"`
		: `no conversation with reference number "${conversation.referenceNumber}"`;
}

/**
 * The UUID the routes need: given, or found with `GET /conversations/search?query=<ref>` (§10), which
 * matches reference numbers exactly (and contact emails by substring: only an exact
 * `reference_number` counts). The search lists only conversations the agent may see.
 */
export async function resolveConversationUuid(
	context: IExecuteFunctions,
	conversation: ConversationRef,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<string> {
	if ('uuid' in conversation) return conversation.uuid;
	const found = await libreDeskArray(context, {
		path: ['conversations', 'search'],
		qs: { query: conversation.referenceNumber },
		permission: 'conversations:read',
		itemIndex,
		policy,
	});
	const match = found.find((entry) => String(entry.reference_number) === conversation.referenceNumber);
	const uuid = typeof match?.uuid === 'string' ? match.uuid : undefined;
	if (!uuid || !UUID.test(uuid)) {
		throw new NodeApiError(context.getNode(), { status: 404, reference_number: conversation.referenceNumber } as JsonObject, {
			message: `Not found: ${notFoundText(conversation)}`,
			description: 'Check the number. LibreDesk\'s search lists only conversations the API key\'s agent may see, so a conversation of another team may not be found.',
			httpCode: '404',
			itemIndex,
		});
	}
	return uuid;
}

/** `GET /conversations/{uuid}` (§5.2). */
export async function fetchConversation(context: IExecuteFunctions, uuid: string, itemIndex: number, policy: RequestPolicy): Promise<IDataObject> {
	const data = await libreDeskRequest(context, {
		method: 'GET',
		path: ['conversations', uuid],
		notFound: notFoundText({ uuid }),
		permission: 'conversations:read',
		conversationAccess: true,
		itemIndex,
		policy,
	});
	return expectObject(context, data, itemIndex, 'a conversation');
}
