/** §6: list, get, send (reply / private note / contact message), retry, delete private note. */
import { conversationFor, type Ctx, decodeJson, has, isUuid, route, type RouteDef } from '../context.ts';
import { addIncoming, addPrivateNote, queueReply, retryOutgoing } from '../domain.ts';
import { ApiError, denied, general, input, MSG, notFound } from '../errors.ts';
import { pageObject, pagination } from '../paging.ts';
import { messageObject } from '../serialize.ts';
import type { Message } from '../types.ts';

/** fasthttp `GetBool`: 1, t, true, y, yes (any case) are true. */
const truthy = (value: string) => ['1', 't', 'true', 'y', 'yes'].includes(value.toLowerCase());

function listMessages(ctx: Ctx): unknown {
	const conversation = conversationFor(ctx);
	const { page, pageSize } = pagination(ctx.query, 'messages', ctx.state.version);
	const privateParam = ctx.query.get('private');
	const types = ctx.query.getAll('type');
	const rows = ctx.state
		.messagesOf(conversation)
		.filter((m) => m.meta.continuity_email !== true)
		.filter((m) => privateParam === null || m.private === truthy(privateParam))
		.filter((m) => types.length === 0 || types.includes(m.type))
		.reverse();
	return pageObject(rows, page, pageSize, (m) => messageObject(ctx.state, m));
}

/** §6.2: an unknown message UUID is a 500, a message of another conversation a 403. */
function messageIn(ctx: Ctx): Message {
	const conversation = conversationFor(ctx, 'cuuid');
	const uuid = ctx.params.uuid ?? '';
	if (!isUuid(uuid)) throw general();
	const message = ctx.state.message(uuid.toLowerCase());
	if (!message) throw general();
	if (message.conversationId !== conversation.id) throw denied();
	return message;
}

const SEND_SCHEMA = {
	sender_type: 'string',
	message: 'string',
	private: 'bool',
	to: 'string[]',
	cc: 'string[]',
	bcc: 'string[]',
	attachments: 'int[]',
	mentions: 'mentions',
	echo_id: 'string',
} as const;

/** §6.3, in the handler's order: access, decode (500), inbox enabled, sender_type, private contact, permission, media. */
function sendMessage(ctx: Ctx): unknown {
	const { state } = ctx;
	const conversation = conversationFor(ctx, 'cuuid');
	const req = decodeJson(ctx, SEND_SCHEMA, 500);
	const inbox = state.inbox(conversation.inboxId);
	if (!inbox?.enabled) throw input('Inbox is disabled');
	if (req.sender_type !== 'agent' && req.sender_type !== 'contact') throw input(MSG.somethingWrong);
	if (req.sender_type === 'contact' && req.private) throw input(MSG.badRequest);
	if (req.sender_type === 'contact' && !has(ctx, 'messages:write_as_contact')) throw denied();
	const mediaIds: number[] = [];
	for (const id of req.attachments as number[]) {
		const media = state.mediaById(id);
		if (!media) throw general();
		if (media.modelId === null) mediaIds.push(id);
	}
	let message: Message;
	if (req.sender_type === 'contact') message = addIncoming(state, conversation, req.message, mediaIds);
	else if (req.private) message = addPrivateNote(state, conversation, ctx.actor, req.message, mediaIds, req.mentions);
	else {
		const to = (req.to as string[]).filter((address) => address !== '');
		// §6.3: email replies need `to` → 500 GeneralException.
		if (inbox.channel === 'email' && to.length === 0) throw new ApiError(500, MSG.empty('to'), 'GeneralException');
		const meta: Record<string, unknown> = inbox.channel === 'email' ? { to, cc: req.cc, bcc: req.bcc } : {};
		if (req.echo_id !== '') meta.echo_id = req.echo_id;
		message = queueReply(state, conversation, ctx.actor, req.message, meta, mediaIds);
	}
	return messageObject(state, message);
}

/** §6.4: only the key agent's own failed reply in this conversation. */
function retryMessage(ctx: Ctx): true {
	const conversation = conversationFor(ctx, 'cuuid');
	const message = isUuid(ctx.params.uuid ?? '') ? ctx.state.message(ctx.params.uuid.toLowerCase()) : undefined;
	if (!message || message.conversationId !== conversation.id || message.type !== 'outgoing' || message.private || message.status !== 'failed' || message.senderId !== ctx.actor.id) {
		throw input(MSG.badRequest);
	}
	retryOutgoing(ctx.state, message);
	return true;
}

const TOMBSTONE = 'This note was deleted';

/** §6.5 (v2.5.0+): soft-deletes a private note; anything else is 404. No webhook. */
function deleteNote(ctx: Ctx): unknown {
	const conversation = conversationFor(ctx, 'cuuid');
	const message = isUuid(ctx.params.uuid ?? '') ? ctx.state.message(ctx.params.uuid.toLowerCase()) : undefined;
	if (!message || message.conversationId !== conversation.id || message.type !== 'outgoing' || !message.private || message.meta.deleted_at !== undefined) {
		throw notFound('Not found');
	}
	const at = ctx.state.now();
	message.content = TOMBSTONE;
	message.textContent = TOMBSTONE;
	message.meta = { ...message.meta, deleted_at: new Date(at / 1000).toISOString() };
	message.updatedAt = at;
	for (const id of message.mediaIds) {
		const media = ctx.state.mediaById(id);
		if (media) {
			media.modelId = null;
			media.modelType = null;
		}
	}
	message.mediaIds = [];
	return { content: TOMBSTONE };
}

export const messageRoutes: RouteDef[] = [
	route('GET', '/api/v1/conversations/{uuid}/messages', 'messages:read', listMessages),
	route('GET', '/api/v1/conversations/{cuuid}/messages/{uuid}', 'messages:read', (ctx) => messageObject(ctx.state, messageIn(ctx))),
	route('POST', '/api/v1/conversations/{cuuid}/messages', 'messages:write', sendMessage),
	route('PUT', '/api/v1/conversations/{cuuid}/messages/{uuid}/retry', 'messages:write', retryMessage),
	route('DELETE', '/api/v1/conversations/{cuuid}/messages/{uuid}', 'messages:write', deleteNote, 'deleteNote'),
];
