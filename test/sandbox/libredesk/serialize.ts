/**
 * Records → API objects. Keys are written in the Go struct order the sheet lists (§5.2, §5.3, §6.2, §7, §8,
 * §9, §12.2); JSONB maps go through `goMap` (sorted keys). Fields a release did not have yet are left out
 * (§13), so an emulated v2.2.0 conversation has no `snoozed_until`.
 */
import { createHmac } from 'node:crypto';
import { clone, goMap } from './json.ts';
import type { LibreDeskState } from './state.ts';
import { ts } from './time.ts';
import type { ContactNote, Conversation, Inbox, Media, Message, User, Webhook } from './types.ts';
import { supports } from './versions.ts';

type Obj = Record<string, unknown>;

/** `null.String`-style values: empty stays as stored. */
const orNull = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

/** §12.2: a set secret is always answered as 10 × U+2022. */
export const MASKED_SECRET = '\u2022'.repeat(10);

export function conversationContact(state: LibreDeskState, user: User): Obj {
	const out: Obj = {
		id: user.id,
		created_at: ts(user.createdAt),
		updated_at: ts(user.updatedAt),
		first_name: user.firstName,
		last_name: user.lastName,
		email: user.email,
		type: user.type,
		availability_status: user.availabilityStatus,
		avatar_url: user.avatarUrl,
		phone_number: user.phoneNumber,
		phone_number_country_code: user.phoneNumberCountryCode,
	};
	if (supports(state.version, 'externalUserId')) out.country = user.country;
	out.custom_attributes = goMap(clone(user.customAttributes));
	out.enabled = user.enabled;
	out.last_active_at = ts(user.lastActiveAt);
	out.last_login_at = ts(user.lastLoginAt);
	if (supports(state.version, 'externalUserId')) out.external_user_id = user.externalUserId;
	return out;
}

/** §5.2 `inbox_mail`: the "from" address without a display name. */
function bareAddress(from: string): string {
	return /<([^>]+)>/.exec(from)?.[1] ?? from;
}

export function tagNames(state: LibreDeskState, conversation: Conversation): string[] {
	return conversation.tagIds.map((id) => state.tag(id)?.name).filter((name): name is string => name !== undefined);
}

/**
 * §5.2 `previous_conversations` (GET only): the contact's 10 newest, minus this one; when this one is not
 * among those 10 the list is empty.
 */
function previousConversations(state: LibreDeskState, conversation: Conversation): Obj[] {
	const newest = state.conversations
		.filter((c) => c.contactId === conversation.contactId)
		.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
		.slice(0, 10);
	if (!newest.includes(conversation)) return [];
	const contact = state.user(conversation.contactId);
	return newest
		.filter((c) => c !== conversation)
		.map((c) => ({
			id: c.id,
			created_at: ts(c.createdAt),
			updated_at: ts(c.updatedAt),
			uuid: c.uuid,
			subject: c.subject,
			contact: { first_name: contact?.firstName ?? '', last_name: contact?.lastName ?? '', avatar_url: contact?.avatarUrl ?? null },
			last_message: c.lastMessage,
			last_message_at: ts(c.lastMessageAt),
		}));
}

/** §5.2. `withPrevious` only for GET; create answers and webhooks carry `null`. */
export function conversationObject(state: LibreDeskState, conversation: Conversation, withPrevious = false): Obj {
	const v = state.version;
	const status = state.status(conversation.statusId);
	const inbox = state.inbox(conversation.inboxId) as Inbox;
	const contact = state.users.find((u) => u.id === conversation.contactId) as User;
	const out: Obj = {
		id: conversation.id,
		created_at: ts(conversation.createdAt),
		updated_at: ts(conversation.updatedAt),
		uuid: conversation.uuid,
		contact_id: conversation.contactId,
		inbox_id: conversation.inboxId,
		closed_at: ts(conversation.closedAt),
		resolved_at: ts(conversation.resolvedAt),
		reference_number: conversation.referenceNumber,
		priority: state.priority(conversation.priorityId)?.name ?? null,
		priority_id: conversation.priorityId,
		status: status?.name ?? null,
	};
	if (supports(v, 'statusCategory')) out.status_category = status?.category ?? null;
	Object.assign(out, {
		status_id: conversation.statusId,
		first_reply_at: ts(conversation.firstReplyAt),
		last_reply_at: ts(conversation.lastReplyAt),
		assigned_user_id: conversation.assignedUserId,
		assigned_team_id: conversation.assignedTeamId,
		waiting_since: ts(conversation.waitingSince),
	});
	if (supports(v, 'snoozedUntilField')) out.snoozed_until = ts(conversation.snoozedUntil);
	out.subject = conversation.subject;
	out.inbox_mail = bareAddress(inbox.from);
	if (supports(v, 'inboxReplyTo')) out.inbox_reply_to = typeof inbox.config.reply_to === 'string' ? inbox.config.reply_to : '';
	const sla = state.sla(conversation.slaPolicyId);
	Object.assign(out, {
		inbox_name: inbox.name,
		inbox_channel: inbox.channel,
		tags: tagNames(state, conversation),
		meta: goMap(clone(conversation.meta)),
		custom_attributes: goMap(clone(conversation.customAttributes)),
		last_message_at: ts(conversation.lastMessageAt),
		last_message: conversation.lastMessage,
		last_message_sender: conversation.lastMessageSender,
		last_interaction: conversation.lastInteraction,
		last_interaction_at: ts(conversation.lastInteractionAt),
		last_interaction_sender: conversation.lastInteractionSender,
		contact: conversationContact(state, contact),
		sla_policy_id: conversation.slaPolicyId,
		sla_policy_name: sla?.name ?? null,
		applied_sla_id: conversation.appliedSlaId,
		first_response_deadline_at: ts(conversation.firstResponseDeadlineAt),
		resolution_deadline_at: ts(conversation.resolutionDeadlineAt),
		next_response_deadline_at: ts(conversation.nextResponseDeadlineAt),
		next_response_met_at: ts(conversation.nextResponseMetAt),
	});
	if (supports(v, 'csatFields')) {
		Object.assign(out, {
			csat_rating: conversation.csatRating,
			csat_feedback: conversation.csatFeedback,
			csat_responded_at: ts(conversation.csatRespondedAt),
		});
	}
	out.previous_conversations = withPrevious ? previousConversations(state, conversation) : null;
	return out;
}

/** §5.3: unread = messages after the viewer's last-seen (or all), capped at 10 (continuity emails excluded). */
function unreadCount(state: LibreDeskState, conversation: Conversation, viewerId: number): number {
	const seen = conversation.lastSeen.get(viewerId) ?? 0;
	let count = 0;
	for (const message of state.messagesOf(conversation)) {
		if (message.createdAt > seen && message.meta.continuity_email !== true) count++;
		if (count >= 10) return 10;
	}
	return count;
}

/** The newest mention of the viewer or one of their teams (mentioned list only). */
function mentionedMessageUuid(conversation: Conversation, viewer: User): string | null {
	const hits = conversation.mentions.filter((m) => m.userId === viewer.id || (m.teamId !== null && viewer.teamIds.includes(m.teamId)));
	hits.sort((a, b) => b.createdAt - a.createdAt);
	return hits[0]?.messageUuid ?? null;
}

/** §5.3 list item (no `inbox_id`, `contact_id`, `status_id`, `tags`, `custom_attributes`, `meta`). */
export function conversationListItem(state: LibreDeskState, conversation: Conversation, viewer: User, mentioned: boolean): Obj {
	const contact = state.users.find((u) => u.id === conversation.contactId) as User;
	const inbox = state.inbox(conversation.inboxId) as Inbox;
	return {
		id: conversation.id,
		created_at: ts(conversation.createdAt),
		updated_at: ts(conversation.updatedAt),
		uuid: conversation.uuid,
		reference_number: conversation.referenceNumber,
		waiting_since: ts(conversation.waitingSince),
		contact: {
			created_at: ts(contact.createdAt),
			updated_at: ts(contact.updatedAt),
			first_name: contact.firstName,
			last_name: contact.lastName,
			email: contact.email,
			avatar_url: contact.avatarUrl,
		},
		inbox_channel: inbox.channel,
		inbox_name: inbox.name,
		sla_policy_id: conversation.slaPolicyId,
		first_reply_at: ts(conversation.firstReplyAt),
		last_reply_at: ts(conversation.lastReplyAt),
		resolved_at: ts(conversation.resolvedAt),
		subject: conversation.subject,
		last_message: conversation.lastMessage,
		last_message_at: ts(conversation.lastMessageAt),
		last_message_sender: conversation.lastMessageSender,
		last_interaction: conversation.lastInteraction,
		last_interaction_at: ts(conversation.lastInteractionAt),
		last_interaction_sender: conversation.lastInteractionSender,
		next_sla_deadline_at: ts(conversation.nextSlaDeadlineAt),
		priority_id: conversation.priorityId,
		assigned_user_id: conversation.assignedUserId,
		assigned_team_id: conversation.assignedTeamId,
		unread_message_count: unreadCount(state, conversation, viewer.id),
		status: state.status(conversation.statusId)?.name ?? null,
		priority: state.priority(conversation.priorityId)?.name ?? null,
		first_response_deadline_at: ts(conversation.firstResponseDeadlineAt),
		resolution_deadline_at: ts(conversation.resolutionDeadlineAt),
		applied_sla_id: conversation.appliedSlaId,
		next_response_deadline_at: ts(conversation.nextResponseDeadlineAt),
		next_response_met_at: ts(conversation.nextResponseMetAt),
		mentioned_message_uuid: mentioned ? mentionedMessageUuid(conversation, viewer) : null,
	};
}

// Media and signed URLs (§7).

export function signUpload(state: LibreDeskState, name: string, exp: number): string {
	return createHmac('sha256', state.settings.signingKey).update(`${name}:${exp}`).digest('base64url');
}

/** `{root}/uploads/{name}?sig=..&exp=..`, valid for `upload.fs.expiry`; a `thumb_` name shares the original's signature. */
export function signedUrl(state: LibreDeskState, name: string): string {
	const exp = Math.floor(Date.now() / 1000) + state.settings.uploadExpirySeconds;
	return `${state.settings.rootUrl}/uploads/${name}?sig=${signUpload(state, name.replace(/^thumb_/, ''), exp)}&exp=${exp}`;
}

export function mediaObject(state: LibreDeskState, media: Media): Obj {
	return {
		id: media.id,
		created_at: ts(media.createdAt),
		updated_at: ts(media.updatedAt),
		uuid: media.uuid,
		store: media.store,
		filename: media.filename,
		content_type: media.contentType,
		content_id: media.contentId,
		model_id: media.modelId,
		model_type: media.modelType,
		disposition: media.disposition,
		size: media.size,
		meta: goMap(clone(media.meta)),
		url: signedUrl(state, media.uuid),
	};
}

function attachment(state: LibreDeskState, media: Media): Obj {
	return {
		name: media.filename,
		size: media.size,
		content: null,
		content_id: media.contentId,
		content_type: media.contentType,
		disposition: media.disposition,
		uuid: media.uuid,
		url: signedUrl(state, media.uuid),
		thumbnail_url: media.thumbnail ? signedUrl(state, `thumb_${media.uuid}`) : '',
	};
}

export function author(user: User | undefined): Obj {
	return {
		id: user?.id ?? 0,
		first_name: user?.firstName ?? '',
		last_name: user?.lastName ?? '',
		email: user?.email ?? null,
		avatar_url: user?.avatarUrl ?? null,
		availability_status: user?.availabilityStatus ?? '',
		type: user?.type ?? '',
		last_active_at: ts(user?.lastActiveAt),
	};
}

/** §6.2; CSAT survey content is replaced, `meta.csat_uuid` kept for API keys. */
export function messageObject(state: LibreDeskState, message: Message): Obj {
	const conversation = state.conversationById(message.conversationId);
	const isCsat = message.meta.is_csat === true;
	return {
		id: message.id,
		created_at: ts(message.createdAt),
		updated_at: ts(message.updatedAt),
		uuid: message.uuid,
		type: message.type,
		status: message.status,
		conversation_id: message.conversationId,
		conversation_uuid: conversation?.uuid ?? '',
		content: isCsat ? 'Please rate this conversation' : message.content,
		text_content: message.textContent,
		content_type: message.contentType,
		private: message.private,
		sender_id: message.senderId,
		sender_type: message.senderType,
		meta: goMap(clone(message.meta)),
		attachments: message.mediaIds.map((id) => state.mediaById(id)).filter((m): m is Media => m !== undefined).map((m) => attachment(state, m)),
		author: author(state.users.find((u) => u.id === message.senderId)),
	};
}

// Users (§8, §9.3).

export function userCompact(user: User): Obj {
	return {
		id: user.id,
		type: user.type,
		first_name: user.firstName,
		last_name: user.lastName,
		email: user.email,
		enabled: user.enabled,
		avatar_url: user.avatarUrl,
		external_user_id: user.externalUserId,
		availability_status: user.availabilityStatus,
		created_at: ts(user.createdAt),
		updated_at: ts(user.updatedAt),
	};
}

/**
 * §8.2 / §9.3 full user object. For contacts the query selects neither `custom_attributes` nor `meta`, so both
 * are `null` ([INFERRED] in §8.2), and roles/permissions/api key are null.
 */
export function fullUser(state: LibreDeskState, user: User): Obj {
	const isAgent = user.type === 'agent' || user.type === 'ai_assistant';
	const out: Obj = {
		id: user.id,
		created_at: ts(user.createdAt),
		updated_at: ts(user.updatedAt),
		first_name: user.firstName,
		last_name: user.lastName,
		email: user.email,
		type: user.type,
		availability_status: user.availabilityStatus,
		phone_number_country_code: user.phoneNumberCountryCode,
		phone_number: user.phoneNumber,
		avatar_url: user.avatarUrl,
		enabled: user.enabled,
		last_active_at: ts(user.lastActiveAt),
		last_login_at: ts(user.lastLoginAt),
		roles: isAgent ? [...user.roles] : null,
		permissions: isAgent ? state.permissionsOf(user) : null,
	};
	if (supports(state.version, 'externalUserId')) out.country = user.country;
	out.meta = null;
	out.custom_attributes = null;
	if (supports(state.version, 'externalUserId')) out.external_user_id = user.externalUserId;
	out.teams = isAgent
		? user.teamIds
				.map((id) => state.team(id))
				.filter((t) => t !== undefined)
				.map((t) => ({ id: t.id, name: t.name, emoji: t.emoji }))
		: [];
	out.api_key = isAgent ? user.apiKey : null;
	out.api_key_last_used_at = isAgent ? ts(user.apiKeyLastUsedAt) : null;
	return out;
}

export function noteObject(state: LibreDeskState, note: ContactNote): Obj {
	const writer = state.users.find((u) => u.id === note.userId);
	return {
		id: note.id,
		created_at: ts(note.createdAt),
		updated_at: ts(note.updatedAt),
		contact_id: note.contactId,
		note: note.note,
		user_id: note.userId,
		first_name: writer?.firstName ?? '',
		last_name: writer?.lastName ?? '',
		avatar_url: writer?.avatarUrl ?? null,
	};
}

export function webhookObject(webhook: Webhook): Obj {
	return {
		id: webhook.id,
		created_at: ts(webhook.createdAt),
		updated_at: ts(webhook.updatedAt),
		name: webhook.name,
		url: webhook.url,
		events: [...webhook.events],
		secret: webhook.secret === '' ? '' : MASKED_SECRET,
		is_active: webhook.isActive,
	};
}

export function inboxObject(inbox: Inbox): Obj {
	return {
		id: inbox.id,
		uuid: inbox.uuid,
		created_at: ts(inbox.createdAt),
		updated_at: ts(inbox.updatedAt),
		name: inbox.name,
		channel: inbox.channel,
		enabled: inbox.enabled,
		csat_enabled: inbox.csatEnabled,
		prompt_tags_on_reply: inbox.promptTagsOnReply,
		from: inbox.from,
		from_name_template: inbox.fromNameTemplate,
		config: goMap(clone(inbox.config)),
		secret: null,
		linked_email_inbox_id: orNull(inbox.linkedEmailInboxId),
	};
}
