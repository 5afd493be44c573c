/**
 * Conversation and message changes shared by the routes, macros, the seed and the simulate endpoint. Each
 * change writes what LibreDesk writes (activity lines, timestamps) and raises the §12.4 events; the event
 * payloads are serialized at the moment of the change.
 */
import { general } from './errors.ts';
import { goMap } from './json.ts';
import { conversationObject, messageObject } from './serialize.ts';
import type { LibreDeskState } from './state.ts';
import { htmlToText, renderTemplate } from './template.ts';
import { MS, rfc3339Seconds } from './time.ts';
import type { Conversation, Message, MessageStatus, MessageType, User } from './types.ts';

export interface NewMessage {
	type: MessageType;
	status: MessageStatus;
	content: string;
	contentType?: 'html' | 'text';
	private: boolean;
	senderId: number;
	senderType: 'agent' | 'contact';
	meta?: Record<string, unknown>;
	mediaIds?: number[];
	/** Seed only: the creation time. */
	at?: number;
}

const fullName = (user: User | undefined) => (user ? `${user.firstName} ${user.lastName}`.trim() : 'System');

function emitConversationMap(state: LibreDeskState, event: string, conversation: Conversation, fields: Record<string, unknown>): void {
	state.emit({ event, payload: () => goMap({ ...fields, conversation_uuid: conversation.uuid, conversation: conversationObject(state, conversation) }, false) });
}

/** Stores a message, links its media, updates the conversation's last-message columns, fires `message.created`. */
export function insertMessage(state: LibreDeskState, conversation: Conversation, input: NewMessage): Message {
	const at = input.at ?? state.now();
	const message: Message = {
		id: state.nextId('message'),
		createdAt: at,
		updatedAt: at,
		uuid: state.uuid(),
		type: input.type,
		status: input.status,
		conversationId: conversation.id,
		content: input.content,
		textContent: input.contentType === 'text' ? input.content : htmlToText(input.content),
		contentType: input.contentType ?? 'html',
		private: input.private,
		senderId: input.senderId,
		senderType: input.senderType,
		meta: input.meta ?? {},
		mediaIds: [...(input.mediaIds ?? [])],
	};
	state.addMessage(message);
	for (const id of message.mediaIds) {
		const media = state.mediaById(id);
		if (media) {
			media.modelType = 'messages';
			media.modelId = message.id;
			media.updatedAt = at;
		}
	}
	// §5.2: last_message* include notes and activity lines; last_interaction* do not.
	conversation.lastMessage = message.textContent;
	conversation.lastMessageAt = at;
	conversation.lastMessageSender = message.senderType;
	if (message.type !== 'activity' && !message.private) {
		conversation.lastInteraction = message.textContent;
		conversation.lastInteractionAt = at;
		conversation.lastInteractionSender = message.senderType;
	}
	conversation.updatedAt = at;
	state.emit({ event: 'message.created', payload: () => messageObject(state, message) });
	return message;
}

export function addActivity(state: LibreDeskState, conversation: Conversation, actor: User | undefined, text: string, activityType: string, at?: number): Message {
	return insertMessage(state, conversation, {
		type: 'activity',
		status: 'sent',
		content: text,
		contentType: 'text',
		private: true,
		senderId: actor?.id ?? 1,
		senderType: 'agent',
		meta: { activity_type: activityType },
		at,
	});
}

export function templateDataFor(state: LibreDeskState, conversation: Conversation, author: User) {
	const contact = state.users.find((u) => u.id === conversation.contactId);
	return {
		contact: { firstName: contact?.firstName ?? '', lastName: contact?.lastName ?? '', email: contact?.email ?? null },
		author: { firstName: author.firstName, lastName: author.lastName, email: author.email },
		conversation: {
			referenceNumber: conversation.referenceNumber,
			subject: conversation.subject,
			priority: state.priority(conversation.priorityId)?.name ?? null,
			uuid: conversation.uuid,
		},
	};
}

/** §6.3 reply: rendered, stored `pending`, handed to the outbox (sent or failed shortly after). */
export function queueReply(
	state: LibreDeskState,
	conversation: Conversation,
	author: User,
	content: string,
	meta: Record<string, unknown>,
	mediaIds: number[],
): Message {
	const message = insertMessage(state, conversation, {
		type: 'outgoing',
		status: 'pending',
		content: renderTemplate(content, templateDataFor(state, conversation, author)),
		private: false,
		senderId: author.id,
		senderType: 'agent',
		meta,
		mediaIds,
	});
	conversation.waitingSince = null;
	state.queueOutgoing(message);
	return message;
}

/** The outbox's verdict on a queued reply: fires `message.updated` (§12.4). */
export function finishOutgoing(state: LibreDeskState, message: Message, status: 'sent' | 'failed'): void {
	if (message.status !== 'pending') return;
	const conversation = state.conversationById(message.conversationId);
	if (!conversation) return;
	const at = state.now();
	message.status = status;
	message.updatedAt = at;
	if (status === 'sent' && message.meta.is_csat !== true) {
		conversation.firstReplyAt ??= at;
		conversation.lastReplyAt = at;
		conversation.updatedAt = at;
	}
	state.emit({ event: 'message.updated', payload: () => messageObject(state, message) });
}

export function retryOutgoing(state: LibreDeskState, message: Message): void {
	message.status = 'pending';
	message.updatedAt = state.now();
	state.emit({ event: 'message.updated', payload: () => messageObject(state, message) });
	state.queueOutgoing(message);
}

export function addPrivateNote(
	state: LibreDeskState,
	conversation: Conversation,
	author: User,
	content: string,
	mediaIds: number[],
	mentions: { type: string; id: number }[],
): Message {
	const message = insertMessage(state, conversation, {
		type: 'outgoing',
		status: 'sent',
		content: renderTemplate(content, templateDataFor(state, conversation, author)),
		private: true,
		senderId: author.id,
		senderType: 'agent',
		mediaIds,
	});
	for (const mention of mentions) {
		if (mention.type === 'agent') conversation.mentions.push({ messageUuid: message.uuid, userId: mention.id, teamId: null, createdAt: message.createdAt });
		if (mention.type === 'team') conversation.mentions.push({ messageUuid: message.uuid, userId: null, teamId: mention.id, createdAt: message.createdAt });
	}
	return message;
}

/**
 * §6.3 contact message and incoming mail: stored `received`, then the incoming hooks: a non-Open conversation
 * is reopened (no `conversation.status_changed`, §12.4) and `waiting_since` is set.
 */
export function addIncoming(state: LibreDeskState, conversation: Conversation, content: string, mediaIds: number[], meta: Record<string, unknown> = {}): Message {
	const message = insertMessage(state, conversation, {
		type: 'incoming',
		status: 'received',
		content,
		private: false,
		senderId: conversation.contactId,
		senderType: 'contact',
		meta,
		mediaIds,
	});
	const open = state.statusByName('Open');
	if (open && conversation.statusId !== open.id) {
		conversation.statusId = open.id;
		conversation.snoozedUntil = null;
	}
	conversation.waitingSince ??= message.createdAt;
	return message;
}

/** §5.4. `snoozeUs` is the already-validated duration for Snoozed. */
export function setStatus(state: LibreDeskState, conversation: Conversation, name: string, snoozeUs: number | undefined, actor: User): void {
	const status = state.statusByName(name);
	// §5.4 [INFERRED]: an unknown name violates NOT NULL.
	if (!status) throw general();
	if (status.id === conversation.statusId && status.name !== 'Snoozed') return;
	const previous = state.status(conversation.statusId)?.name ?? '';
	const at = state.now();
	conversation.statusId = status.id;
	conversation.snoozedUntil = status.name === 'Snoozed' && snoozeUs !== undefined ? at + snoozeUs : null;
	if (status.category === 'resolved') conversation.resolvedAt ??= at;
	if (status.name === 'Closed') conversation.closedAt ??= at;
	conversation.updatedAt = at;
	addActivity(state, conversation, actor, `${fullName(actor)} marked the conversation as ${status.name}`, 'status_change');
	if (status.name === 'Resolved') sendCsat(state, conversation);
	emitConversationMap(state, 'conversation.status_changed', conversation, {
		previous_status: previous,
		new_status: status.name,
		snooze_until: conversation.snoozedUntil === null ? '' : rfc3339Seconds(conversation.snoozedUntil / MS),
		actor_id: actor.id,
	});
}

/** §11: once per conversation, only with CSAT on the inbox and a contact email. */
function sendCsat(state: LibreDeskState, conversation: Conversation): void {
	const inbox = state.inbox(conversation.inboxId);
	const contact = state.user(conversation.contactId);
	if (!inbox?.csatEnabled || !contact?.email || conversation.meta.csat_sent === true) return;
	conversation.meta.csat_sent = true;
	const system = state.users.find((u) => u.type === 'system');
	const message = insertMessage(state, conversation, {
		type: 'outgoing',
		status: 'pending',
		content: 'How would you rate your experience?',
		private: false,
		senderId: system?.id ?? 1,
		senderType: 'agent',
		meta: { is_csat: true, csat_uuid: state.uuid(), to: [contact.email] },
	});
	state.queueOutgoing(message);
}

/** §5.5: unknown names set no priority; no webhook event exists. */
export function setPriority(state: LibreDeskState, conversation: Conversation, name: string, actor: User): void {
	const priority = state.priorities.find((p) => p.name === name);
	const next = priority?.id ?? null;
	if (next === conversation.priorityId) return;
	conversation.priorityId = next;
	conversation.updatedAt = state.now();
	addActivity(state, conversation, actor, `${fullName(actor)} set priority to ${priority?.name ?? 'None'}`, 'priority_change');
}

/** §5.6 user assignee. Unknown user → 500 (FK); a non-agent user is written and fired, then 500. */
export function assignUser(state: LibreDeskState, conversation: Conversation, assigneeId: number, actor: User): void {
	if (assigneeId === (conversation.assignedUserId ?? 0)) return;
	const user = state.user(assigneeId);
	if (!user) throw general();
	conversation.assignedUserId = user.id;
	conversation.updatedAt = state.now();
	emitConversationMap(state, 'conversation.assigned', conversation, { assigned_to: user.id, actor_id: actor.id });
	if (user.type !== 'agent' && user.type !== 'ai_assistant') throw general();
	addActivity(state, conversation, actor, `${fullName(actor)} assigned the conversation to ${fullName(user)}`, 'assigned_user_change');
}

export function removeUser(state: LibreDeskState, conversation: Conversation, actor: User): void {
	conversation.assignedUserId = null;
	conversation.updatedAt = state.now();
	emitConversationMap(state, 'conversation.unassigned', conversation, { actor_id: actor.id });
}

/** §5.6 team assignee: a change removes the user (firing `conversation.unassigned`) and applies the team's SLA. */
export function assignTeam(state: LibreDeskState, conversation: Conversation, teamId: number, actor: User): boolean {
	const team = state.team(teamId);
	if (!team) return false;
	if (conversation.assignedTeamId === team.id) return true;
	const at = state.now();
	conversation.assignedTeamId = team.id;
	conversation.updatedAt = at;
	removeUser(state, conversation, actor);
	const sla = state.sla(team.slaPolicyId);
	if (sla) applySla(state, conversation, sla.id, at);
	addActivity(state, conversation, actor, `${fullName(actor)} assigned the conversation to team ${team.name}`, 'assigned_team_change');
	return true;
}

export function removeTeam(state: LibreDeskState, conversation: Conversation): void {
	conversation.assignedTeamId = null;
	conversation.updatedAt = state.now();
}

/** SLA times are Go durations like `4h`; the sandbox understands whole hours and minutes. */
function durationHours(text: string): number {
	const hours = /(\d+)h/.exec(text)?.[1];
	const minutes = /(\d+)m/.exec(text)?.[1];
	return Number(hours ?? 0) + Number(minutes ?? 0) / 60;
}

export function applySla(state: LibreDeskState, conversation: Conversation, slaId: number, at: number): void {
	const sla = state.sla(slaId);
	if (!sla) return;
	const hour = 3600 * 1_000_000;
	conversation.slaPolicyId = sla.id;
	conversation.appliedSlaId = state.nextId('appliedSla');
	conversation.firstResponseDeadlineAt = at + durationHours(sla.firstResponseTime) * hour;
	conversation.resolutionDeadlineAt = at + durationHours(sla.resolutionTime) * hour;
	conversation.nextResponseDeadlineAt = null;
	conversation.nextResponseMetAt = null;
	conversation.nextSlaDeadlineAt = conversation.firstResponseDeadlineAt;
}

export type TagAction = 'set_tags' | 'add_tags' | 'remove_tags';

/** §5.7: names matched exactly, unknown names ignored; every call fires `conversation.tags_changed`. */
export function setTags(state: LibreDeskState, conversation: Conversation, names: string[], action: TagAction, actor: User): void {
	const previousIds = [...conversation.tagIds];
	const previousNames = previousIds.map((id) => state.tag(id)?.name ?? '');
	const ids = names.map((name) => state.tags.find((t) => t.name === name)?.id).filter((id): id is number => id !== undefined);
	let next: number[];
	if (action === 'set_tags') next = [...new Set(ids)];
	else if (action === 'add_tags') next = [...new Set([...previousIds, ...ids])];
	else next = previousIds.filter((id) => !ids.includes(id));
	// Tag names come out in tag-id order (the SQL aggregate has no ORDER BY; the sandbox picks a fixed one).
	next.sort((a, b) => a - b);
	conversation.tagIds = next;
	conversation.updatedAt = state.now();
	const added = next.filter((id) => !previousIds.includes(id)).map((id) => state.tag(id)?.name);
	const removed = previousIds.filter((id) => !next.includes(id)).map((id) => state.tag(id)?.name);
	if (added.length > 0) addActivity(state, conversation, actor, `${fullName(actor)} added tags ${added.join(', ')}`, 'tags_change');
	if (removed.length > 0) addActivity(state, conversation, actor, `${fullName(actor)} removed tags ${removed.join(', ')}`, 'tags_change');
	emitConversationMap(state, 'conversation.tags_changed', conversation, {
		previous_tags: previousNames,
		new_tags: next.map((id) => state.tag(id)?.name ?? ''),
		actor_id: actor.id,
	});
}

export interface NewConversation {
	contactId: number;
	inboxId: number;
	subject: string;
	customAttributes?: Record<string, unknown>;
	at?: number;
}

/** §5.1: starts Open with no priority; the subject gets the ` - #<ref>` suffix. */
export function createConversationRow(state: LibreDeskState, input: NewConversation): Conversation {
	const at = input.at ?? state.now();
	const reference = String(state.nextId('reference'));
	const open = state.statusByName('Open');
	const conversation: Conversation = {
		id: state.nextId('conversation'),
		createdAt: at,
		updatedAt: at,
		uuid: state.uuid(),
		contactId: input.contactId,
		inboxId: input.inboxId,
		closedAt: null,
		resolvedAt: null,
		referenceNumber: reference,
		priorityId: null,
		statusId: open?.id ?? 1,
		firstReplyAt: null,
		lastReplyAt: null,
		assignedUserId: null,
		assignedTeamId: null,
		waitingSince: null,
		snoozedUntil: null,
		subject: `${input.subject} - #${reference}`,
		tagIds: [],
		meta: {},
		customAttributes: input.customAttributes ?? {},
		lastMessageAt: at,
		lastMessage: '',
		lastMessageSender: null,
		lastInteraction: null,
		lastInteractionAt: null,
		lastInteractionSender: null,
		nextSlaDeadlineAt: null,
		slaPolicyId: null,
		appliedSlaId: null,
		firstResponseDeadlineAt: null,
		resolutionDeadlineAt: null,
		nextResponseDeadlineAt: null,
		nextResponseMetAt: null,
		csatRating: null,
		csatFeedback: null,
		csatRespondedAt: null,
		lastSeen: new Map(),
		mentions: [],
	};
	state.addConversation(conversation);
	return conversation;
}

export function emitConversationCreated(state: LibreDeskState, conversation: Conversation): void {
	state.emit({ event: 'conversation.created', payload: () => conversationObject(state, conversation) });
}

/** A new contact as create-conversation and incoming mail make them (§5.1). */
export function createContact(
	state: LibreDeskState,
	fields: { email: string | null; firstName: string; lastName: string; externalUserId?: string | null; type?: 'contact' | 'visitor'; at?: number },
): User {
	const at = fields.at ?? state.now();
	const user: User = {
		id: state.nextId('user'),
		createdAt: at,
		updatedAt: at,
		type: fields.type ?? 'contact',
		firstName: fields.firstName,
		lastName: fields.lastName,
		email: fields.email,
		enabled: true,
		deleted: false,
		avatarUrl: null,
		availabilityStatus: 'offline',
		phoneNumber: null,
		phoneNumberCountryCode: null,
		country: null,
		customAttributes: {},
		externalUserId: fields.externalUserId ?? null,
		lastActiveAt: null,
		lastLoginAt: null,
		roles: [],
		teamIds: [],
		apiKey: null,
		apiSecret: null,
		apiKeyLastUsedAt: null,
	};
	state.users.push(user);
	return user;
}
