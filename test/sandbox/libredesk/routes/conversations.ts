/** §5.1 create, §5.2 get, §5.8 custom attributes, §5.9 read/unread, §5.10 other reads. */
import { conversationFor, type Ctx, decodeJson, Raw, route, type RouteDef } from '../context.ts';
import { addIncoming, assignTeam, assignUser, createContact, createConversationRow, emitConversationCreated, queueReply } from '../domain.ts';
import { ApiError, general, input, MSG, notFound } from '../errors.ts';
import { clone } from '../json.ts';
import { conversationObject } from '../serialize.ts';
import { SECOND } from '../time.ts';
import { supports } from '../versions.ts';

/** A bare address (no display name); close to Go's mail.ParseAddress plus the equality check LibreDesk makes. */
export function validEmail(email: string): boolean {
	return /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/.test(email) || /^[^\s@<>()",;:\\[\]]+@[A-Za-z0-9-]+$/.test(email);
}

const CREATE_SCHEMA = {
	inbox_id: 'int',
	content: 'string',
	contact_email: 'string',
	first_name: 'string',
	last_name: 'string',
	initiator: 'string',
	subject: 'string',
	team_id: 'int',
	agent_id: 'int',
	attachments: 'int[]',
	external_user_id: 'string',
	custom_attributes: 'object',
} as const;

function createConversation(ctx: Ctx): unknown {
	const { state } = ctx;
	const req = decodeJson(ctx, CREATE_SCHEMA);
	const email = (req.contact_email as string).trim().toLowerCase();
	// §5.1 validation order.
	if (req.inbox_id <= 0) throw input(MSG.required('inbox_id'));
	if (req.content === '') throw input(MSG.required('content'));
	if (email === '') throw input(MSG.required('contact_email'));
	if (req.first_name === '') throw input(MSG.required('first_name'));
	if (!validEmail(email)) throw input('Invalid email address');
	if (req.initiator !== 'contact' && req.initiator !== 'agent') throw input(MSG.somethingWrong);
	const inbox = state.inbox(req.inbox_id);
	if (!inbox) throw input('Inbox not found');
	// §2: a missing translation key is answered as the key itself.
	if (!inbox.enabled) throw input('globals.messages.disabled');
	if (inbox.channel !== 'email') throw input(MSG.somethingWrong);

	const v21 = supports(state.version, 'externalUserId');
	const contact = state.contactByEmail(email) ?? createContact(state, { email, firstName: req.first_name, lastName: req.last_name, externalUserId: v21 && req.external_user_id ? req.external_user_id : null });
	// §5.1: custom attribute keys not defined for conversations are dropped.
	const defined = new Set(state.customAttributes.filter((a) => a.appliesTo === 'conversation').map((a) => a.key));
	const customAttributes = Object.fromEntries(Object.entries(v21 ? ((req.custom_attributes as Record<string, unknown> | null) ?? {}) : {}).filter(([key]) => defined.has(key)));
	const conversation = createConversationRow(state, { contactId: contact.id, inboxId: inbox.id, subject: req.subject, customAttributes: clone(customAttributes) });

	// §5.1: an unknown media id fails after the row exists; already-linked media is skipped.
	const mediaIds: number[] = [];
	for (const id of req.attachments as number[]) {
		const media = state.mediaById(id);
		if (!media) throw general();
		if (media.modelId === null) mediaIds.push(id);
	}
	// Team first (it clears the user), then agent; errors are ignored.
	if (req.team_id > 0) assignTeam(state, conversation, req.team_id, ctx.actor);
	if (req.agent_id > 0) {
		try {
			assignUser(state, conversation, req.agent_id, ctx.actor);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
		}
	}
	if (req.initiator === 'agent') {
		queueReply(state, conversation, ctx.actor, req.content, { to: [email], cc: [], bcc: [] }, mediaIds);
		emitConversationCreated(state, conversation);
	} else {
		addIncoming(state, conversation, req.content, mediaIds);
		emitConversationCreated(state, conversation);
	}
	return conversationObject(state, conversation);
}

function participants(ctx: Ctx): unknown {
	const conversation = conversationFor(ctx);
	const seen = new Set<number>();
	const out: unknown[] = [];
	for (const message of ctx.state.messagesOf(conversation)) {
		if (message.senderType !== 'agent' || message.type === 'activity' || seen.has(message.senderId)) continue;
		const user = ctx.state.agent(message.senderId);
		if (!user) continue;
		seen.add(user.id);
		out.push({ id: user.id, first_name: user.firstName, last_name: user.lastName, avatar_url: user.avatarUrl });
	}
	return out;
}

/** §5.10: non-private incoming and outgoing messages, as a text file. */
function transcript(ctx: Ctx): Raw {
	const conversation = conversationFor(ctx);
	const lines: string[] = [];
	for (const message of ctx.state.messagesOf(conversation)) {
		if (message.private || message.type === 'activity') continue;
		const sender = ctx.state.users.find((u) => u.id === message.senderId);
		lines.push(`[${new Date(message.createdAt / 1000).toISOString()}] ${sender ? `${sender.firstName} ${sender.lastName}`.trim() : 'Unknown'}: ${message.textContent}`);
	}
	return new Raw(200, `${lines.join('\n')}\n`, {
		'content-type': 'text/plain; charset=utf-8',
		'content-disposition': `attachment; filename="transcript-${conversation.referenceNumber}.txt"`,
	});
}

function replaceCustomAttributes(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const value = ctx.body.isJson && !ctx.body.jsonError ? ctx.body.json : undefined;
	// §5.8: not an object → 500 "Error parsing request" (InputException).
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError(500, MSG.parse, 'InputException');
	conversation.customAttributes = clone(value as Record<string, unknown>);
	conversation.updatedAt = ctx.state.now();
	return true;
}

function mergeContactCustomAttributes(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const value = ctx.body.isJson && !ctx.body.jsonError ? ctx.body.json : undefined;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ApiError(500, MSG.parse, 'InputException');
	const contact = ctx.state.users.find((u) => u.id === conversation.contactId);
	if (!contact) throw notFound('User not found');
	// Shallow merge: top-level keys overwrite, null is stored as null.
	contact.customAttributes = { ...contact.customAttributes, ...clone(value as Record<string, unknown>) };
	contact.updatedAt = ctx.state.now();
	return true;
}

export const conversationRoutes: RouteDef[] = [
	route('POST', '/api/v1/conversations', 'conversations:write', createConversation),
	route('GET', '/api/v1/conversations/{uuid}', 'conversations:read', (ctx) => conversationObject(ctx.state, conversationFor(ctx), true)),
	route('PUT', '/api/v1/conversations/{uuid}/custom-attributes', 'auth', replaceCustomAttributes),
	route('PUT', '/api/v1/conversations/{uuid}/contacts/custom-attributes', 'auth', mergeContactCustomAttributes),
	route('PUT', '/api/v1/conversations/{uuid}/last-seen', 'conversations:read', (ctx) => {
		conversationFor(ctx).lastSeen.set(ctx.actor.id, ctx.state.now());
		return true;
	}),
	route('PUT', '/api/v1/conversations/{uuid}/mark-unread', 'conversations:read', (ctx) => {
		const conversation = conversationFor(ctx);
		// §5.9: one second before the last message, so it counts as unread.
		conversation.lastSeen.set(ctx.actor.id, (conversation.lastMessageAt ?? conversation.createdAt) - SECOND);
		return true;
	}),
	route('GET', '/api/v1/conversations/{uuid}/participants', 'conversations:read', participants),
	route('GET', '/api/v1/conversations/{uuid}/transcript', 'messages:read', transcript),
	// Live-chat page visits live in Redis; the sandbox keeps none.
	route('GET', '/api/v1/conversations/{uuid}/page-visits', 'conversations:read', (ctx) => {
		conversationFor(ctx);
		return [];
	}),
];
