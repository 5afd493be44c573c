/**
 * JSON shapes shared by several routes. Field names follow §2 (docs examples, plus the extra fields the Go lib
 * models from real responses); nothing here invents a field the facts do not list.
 */
import { firstIdentity } from './people.ts';
import type { SandboxState } from './state.ts';
import { iso } from './time.ts';
import type { Channel, Contact, Conversation, Message, Note, Person, StaffUser } from './types.ts';

type JsonObject = Record<string, unknown>;

function contactDisplayName(contact: Contact): string {
	return contact.friendlyName || contact.name || firstIdentity(contact, 'email') || firstIdentity(contact, 'mobile') || '';
}

/** The user shape of `author`, `assignee` and `followers` (§2.1). */
export function userView(state: SandboxState, person: Person): JsonObject | null {
	if (person.kind === 'staff') {
		const staff = state.staffById(person.id);
		if (!staff) return null;
		return {
			id: staff.id,
			name: staff.name,
			email: staff.email,
			twitter: null,
			facebook: null,
			instagram: null,
			mobile: null,
			friendly_name: null,
			display_name: staff.name,
			data: {},
		};
	}
	const contact = state.contactById(person.id);
	if (!contact) return null;
	return {
		id: contact.id,
		name: contact.name || null,
		email: firstIdentity(contact, 'email'),
		twitter: firstIdentity(contact, 'twitter'),
		facebook: contact.facebook,
		instagram: firstIdentity(contact, 'instagram'),
		mobile: firstIdentity(contact, 'mobile'),
		friendly_name: contact.friendlyName,
		display_name: contactDisplayName(contact),
		data: { ...contact.data },
	};
}

/** `category` inside conversations and messages: the channel, named by slug (§6.6). */
function categoryView(channel: Channel | undefined): JsonObject | null {
	if (!channel) return null;
	return { name: channel.name, slug: channel.slug, email: channel.email, channel: channel.channel };
}

function lastOf(thread: Message[], kind: Person['kind']): JsonObject | null {
	for (let i = thread.length - 1; i >= 0; i--) {
		const message = thread[i];
		if (message.visibility === 0 && message.sender.kind === kind) return { body: message.body, created_at: iso(message.createdAt) };
	}
	return null;
}

function followers(state: SandboxState, conversation: Conversation, thread: Message[]): JsonObject[] {
	const people: Person[] = [conversation.author];
	if (conversation.assigneeId !== null) people.push({ kind: 'staff', id: conversation.assigneeId });
	for (const message of thread) if (message.sender.kind === 'staff') people.push(message.sender);
	const seen = new Set<string>();
	const out: JsonObject[] = [];
	for (const person of people) {
		const key = `${person.kind}:${person.id}`;
		const user = seen.has(key) ? null : userView(state, person);
		seen.add(key);
		if (user) out.push({ ...user, 'staff?': person.kind === 'staff', 'customer?': person.kind === 'contact', 'bot?': false });
	}
	return out;
}

/**
 * §2.1/§2.2/§6.15: `data` and `last_staff_message` are reliably present only on the single-conversation read, so
 * list items (`detail = false`) leave them out; a client must not depend on them there.
 */
export function conversationView(state: SandboxState, conversation: Conversation, detail: boolean): JsonObject {
	const thread = state.messagesOf(conversation);
	const brand = state.brand(conversation.brand);
	const view: JsonObject = {
		subject: conversation.subject,
		display_subject: conversation.subject,
		slug: conversation.slug,
		id: conversation.id,
		ref_id: conversation.refId,
		status: conversation.status,
		created_at: iso(conversation.createdAt),
		updated_at: iso(conversation.updatedAt),
		origin: conversation.origin,
		tag_list: [...conversation.tagList],
		message: thread.length > 0 ? { body: thread[0].body } : null,
		last_customer_message: lastOf(thread, 'contact'),
		author: userView(state, conversation.author),
		assignee: conversation.assigneeId === null ? null : userView(state, { kind: 'staff', id: conversation.assigneeId }),
		category: categoryView(state.channel(conversation.brand, conversation.channelSlug)),
		followers: followers(state, conversation, thread),
		hold_until: conversation.holdUntil === null ? null : iso(conversation.holdUntil),
		perma_url: `${brand?.url ?? ''}/admin/conversations/${conversation.slug}`,
		message_count: thread.length,
		readOnly: false,
	};
	if (detail) {
		view.last_staff_message = lastOf(thread, 'staff');
		view.data = { ...conversation.data };
	}
	return view;
}

const CONTENT_TYPES: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	webp: 'image/webp',
	pdf: 'application/pdf',
	txt: 'text/plain',
	csv: 'text/csv',
};

/** §2.5 attachment fields; the sandbox never fetches the URL, so the size is unknown (`null`). */
function attachmentView(url: string): JsonObject {
	const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'attachment');
	const type = CONTENT_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
	const image = type.startsWith('image/');
	return { file_file_name: name, file_content_type: type, file_file_size: null, thumb_url: image ? url : null, url, 'image?': image };
}

function senderView(state: SandboxState, sender: Person): JsonObject | null {
	if (sender.kind === 'staff') {
		const staff = state.staffById(sender.id);
		return staff ? { name: staff.name, email: staff.email, mobile: null, 'staff?': true } : null;
	}
	const contact = state.contactById(sender.id);
	if (!contact) return null;
	const [type, identifier] = sender.via.split(/:(.*)/s);
	return {
		name: contact.name || null,
		email: type === 'email' ? identifier : firstIdentity(contact, 'email'),
		mobile: type === 'mobile' ? identifier : firstIdentity(contact, 'mobile'),
		'staff?': false,
	};
}

/** §2.5 message shape; `original_body` only with `include=original_body`. */
export function messageView(state: SandboxState, message: Message, includeOriginal = false): JsonObject {
	const conversation = state.findConversation(message.conversationId);
	const view: JsonObject = {
		body: message.body,
		visibility: message.visibility,
		origin: message.origin,
		origin_id: message.originId,
		created_at: iso(message.createdAt),
		user: senderView(state, message.sender),
		recipients: [...message.recipients],
		direct_recipients: [...message.recipients],
		attachments: message.attachments.map(attachmentView),
		conversation: conversation && {
			subject: conversation.subject,
			slug: conversation.slug,
			created_at: iso(conversation.createdAt),
			category: categoryView(state.channel(conversation.brand, conversation.channelSlug)),
		},
	};
	if (includeOriginal) view.original_body = message.originalBody;
	return view;
}

/** §2.6 contact shape (`id` = your own ID, `_id` = Re:amaze's). */
export function contactView(contact: Contact): JsonObject {
	return {
		name: contact.name || null,
		email: firstIdentity(contact, 'email'),
		mobile: firstIdentity(contact, 'mobile'),
		twitter: firstIdentity(contact, 'twitter'),
		facebook: contact.facebook,
		instagram: firstIdentity(contact, 'instagram'),
		friendly_name: contact.friendlyName,
		display_name: contactDisplayName(contact),
		external_avatar_url: contact.externalAvatarUrl,
		id: contact.externalId,
		_id: contact.id,
		data: { ...contact.data },
		notes: contact.notes.map((note) => ({ id: note.id, note: note.body, created_at: iso(note.createdAt) })),
		created_at: iso(contact.createdAt),
		updated_at: iso(contact.updatedAt),
	};
}

/** §2.6 note shape on the notes endpoints. */
export function noteView(state: SandboxState, note: Note): JsonObject {
	const creator = state.staffById(note.creatorId);
	return {
		id: note.id,
		note: note.body,
		created_at: iso(note.createdAt),
		updated_at: iso(note.updatedAt),
		creator: creator ? { email: creator.email, name: creator.name } : null,
	};
}

export function channelView(state: SandboxState, channel: Channel): JsonObject {
	const brand = state.brand(channel.brand);
	return {
		name: channel.name,
		slug: channel.slug,
		email: channel.email,
		created_at: iso(channel.createdAt),
		updated_at: iso(channel.updatedAt),
		channel: channel.channel,
		visibility: channel.visibility,
		spam_filter_enabled: channel.spamFilterEnabled,
		reply_from_origin: channel.replyFromOrigin,
		verified: channel.verified,
		verification_email: channel.verified ? channel.email : null,
		last_verified: channel.verified ? iso(channel.createdAt) : null,
		settings_reply_from_name: channel.settingsReplyFromName,
		settings_signature: channel.settingsSignature,
		brand: { name: brand?.displayName ?? channel.brand, url: brand?.url ?? null },
	};
}

/** §2.7: the role is a hash of permissions whose keys may change; staff items carry no id in the docs. */
export function staffView(staff: StaffUser): JsonObject {
	return {
		name: staff.name,
		email: staff.email,
		display_name: staff.name,
		notification_email: staff.email,
		created_at: iso(staff.createdAt),
		role: {
			id: staff.role.id,
			name: staff.role.name,
			'admin?': staff.role.admin,
			permissions: { ...staff.role.permissions },
		},
	};
}
