/** §10 search: conversations, messages, contacts; at least 3 characters; plain arrays. */
import { type Ctx, route, type RouteDef } from '../context.ts';
import { input } from '../errors.ts';
import { canAccessConversation } from '../permissions.ts';
import { ts, ZERO_TIME } from '../time.ts';

function queryOf(ctx: Ctx): string {
	const query = ctx.query.get('query') ?? '';
	// §10: the message starts with a space.
	if ([...query].length < 3) throw input(' Please enter at least 3 characters to search.');
	return query;
}

function searchConversations(ctx: Ctx): unknown {
	const query = queryOf(ctx);
	const { state } = ctx;
	const needle = query.toLowerCase();
	const byRef = state.conversations.filter((c) => c.referenceNumber === query);
	const byEmail = state.conversations
		.filter((c) => state.users.find((u) => u.id === c.contactId)?.email?.toLowerCase().includes(needle))
		.slice(0, 1000);
	const seen = new Set<number>();
	return [...byRef, ...byEmail]
		.filter((c) => !seen.has(c.id) && seen.add(c.id) !== undefined)
		.filter((c) => canAccessConversation(ctx.actor, ctx.permissions, c))
		.map((c) => ({ created_at: ts(c.createdAt), uuid: c.uuid, reference_number: c.referenceNumber, subject: c.subject, status: state.status(c.statusId)?.name ?? null }));
}

function searchMessages(ctx: Ctx): unknown {
	const needle = queryOf(ctx).toLowerCase();
	const { state } = ctx;
	const out: unknown[] = [];
	for (const conversation of state.conversations) {
		if (!canAccessConversation(ctx.actor, ctx.permissions, conversation)) continue;
		for (const message of state.messagesOf(conversation)) {
			if (message.type === 'activity' || !message.textContent.toLowerCase().includes(needle)) continue;
			out.push({
				// [INFERRED] §10: not selected, so Go's zero time.
				created_at: ZERO_TIME,
				text_content: [...message.textContent].slice(0, 200).join(''),
				conversation_created_at: ts(conversation.createdAt),
				conversation_uuid: conversation.uuid,
				conversation_reference_number: conversation.referenceNumber,
				conversation_status: state.status(conversation.statusId)?.name ?? null,
			});
			if (out.length >= 30) return out;
		}
	}
	return out;
}

function searchContacts(ctx: Ctx): unknown {
	const needle = queryOf(ctx).toLowerCase();
	return ctx.state.users
		.filter((u) => u.type === 'contact' && !u.deleted && u.email?.toLowerCase().includes(needle))
		.slice(0, 15)
		.map((u) => ({ id: u.id, created_at: ts(u.createdAt), first_name: u.firstName, last_name: u.lastName, email: u.email, external_user_id: u.externalUserId }));
}

export const searchRoutes: RouteDef[] = [
	route('GET', '/api/v1/conversations/search', 'conversations:read', searchConversations),
	route('GET', '/api/v1/messages/search', 'messages:read', searchMessages),
	route('GET', '/api/v1/contacts/search', 'contacts:read', searchContacts),
];
