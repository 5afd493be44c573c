/** §2.5: messages of the brand or of one conversation, and posting a reply or internal note. */
import { resolveSender } from '../people.ts';
import { paginate, splitList, timeWindow } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import { appendMessage, readMessageInput } from '../thread.ts';
import type { Message } from '../types.ts';
import { isObject, Validation, wrapped } from '../validate.ts';
import { messageView } from '../views.ts';
import { findConversationFor } from './conversations.ts';

function senderEmails(ctx: RouteContext, message: Message): string[] {
	if (message.sender.kind === 'staff') return [ctx.state.staffById(message.sender.id)?.email ?? ''];
	const contact = ctx.state.contactById(message.sender.id);
	return (contact?.identities ?? []).filter((i) => i.type === 'email').map((i) => i.identifier);
}

function list(ctx: RouteContext, messages: Message[]): unknown {
	const { state, query } = ctx;
	const filter = query.get('filter');
	const tags = splitList(query.get('tag'));
	const origin = query.get('origin');
	const sentBy = query.get('sent_by')?.trim().toLowerCase();
	const category = query.get('category');
	// §2.5/§6.1: message lists filter on creation time.
	const inWindow = timeWindow(query);
	const includeOriginal = splitList(query.get('include')).includes('original_body');
	const items = messages.filter((m) => {
		const conversation = state.findConversation(m.conversationId);
		if (filter === 'staff' && m.sender.kind !== 'staff') return false;
		if (filter === 'customer' && m.sender.kind !== 'contact') return false;
		if (tags.length > 0 && !conversation?.tagList.some((tag) => tags.includes(tag))) return false;
		// §2.5: `origin` is a number here.
		if (origin !== undefined && String(m.origin) !== origin) return false;
		if (sentBy !== undefined && !senderEmails(ctx, m).some((email) => email.toLowerCase() === sentBy)) return false;
		if (category !== undefined && conversation?.channelSlug !== category) return false;
		return inWindow(m.createdAt);
	});
	// "A conversation's messages come newest first" (§2.5).
	items.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
	return paginate(items, query, 'messages', (m) => messageView(state, m, includeOriginal));
}

function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const conversation = findConversationFor(ctx, ctx.params.slug);
	const src = wrapped(ctx.body, 'message');
	const v = new Validation();
	const input = readMessageInput(v, src, '');
	let email: string | undefined;
	let name: string | undefined;
	if (src.user !== undefined && src.user !== null) {
		if (!isObject(src.user)) v.add('user', 'must be a hash with email and name');
		else {
			email = v.email(src.user, 'email', 'user.email', true);
			name = v.optionalString(src.user, 'name', 'user.name');
		}
	}
	v.done();
	// §2.5/§6.9: origin_id "will help prevent duplicates": a repeat in the same conversation returns the first message.
	if (input.originId !== null) {
		const existing = state.messagesOf(conversation).find((m) => m.originId !== null && String(m.originId) === String(input.originId));
		if (existing) return messageView(state, existing);
	}
	const sender = resolveSender(state, email, name, ctx.actor);
	return messageView(state, appendMessage(state, conversation, sender, input));
}

export const messageRoutes = [
	route('GET', '/messages', (ctx) => list(ctx, ctx.state.messages(ctx.brand.name))),
	route('GET', '/conversations/:slug/messages', (ctx) => list(ctx, ctx.state.messagesOf(findConversationFor(ctx, ctx.params.slug)))),
	route('POST', '/conversations/:slug/messages', create),
];
