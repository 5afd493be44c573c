/** Reading message input and adding a message to a conversation, shared by POST /conversations and POST …/messages. */
import type { SandboxState } from './state.ts';
import { isDateOnly } from './time.ts';
import type { Conversation, Message, Person } from './types.ts';
import type { Json, Validation } from './validate.ts';

/**
 * Message/conversation `origin` values. §3.4 documents only `email` = 1 and `api` = 7. [sandbox choice] chat and
 * SMS reuse their channel-type numbers (6, 9); the real values are unknown, so clients must pass numbers through.
 */
export const ORIGIN = { email: 1, chat: 6, api: 7, sms: 9 } as const;

export const CONVERSATION_STATUSES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export const STATUS = { open: 0, responded: 1, done: 2, spam: 3, archived: 4, onHold: 5, aiSpam: 9 } as const;

export interface MessageInput {
	body: string;
	visibility: 0 | 1;
	originId: string | number | null;
	recipients: string[];
	attachments: string[];
	suppressNotifications: boolean;
	suppressAutoresolve: boolean;
	suppressSurveys: boolean | string;
}

/** §2.3 `message.*` and §2.5 fields. Errors are named `${prefix}field` (e.g. `message.body` inside a conversation). */
export function readMessageInput(v: Validation, src: Json, prefix: string): MessageInput {
	const body = v.requiredString(src, 'body', `${prefix}body`) ?? '';
	// §3.2: only 0 (regular) and 1 (internal note) can be written; 2 is read-only.
	const visibility = (v.integerIn(src, 'visibility', [0, 1], `${prefix}visibility`) ?? 0) as 0 | 1;
	const originId = src.origin_id;
	if (originId !== undefined && originId !== null && typeof originId !== 'string' && typeof originId !== 'number') {
		v.add(`${prefix}origin_id`, 'must be a string or a number');
	}
	// §2.3: the docs disagree on `suppress_notification` vs `suppress_notifications`, so either name counts.
	const plural = v.boolean(src, 'suppress_notifications', `${prefix}suppress_notifications`);
	const singular = v.boolean(src, 'suppress_notification', `${prefix}suppress_notification`);
	return {
		body,
		visibility,
		originId: typeof originId === 'string' || typeof originId === 'number' ? originId : null,
		recipients: v.stringArray(src, 'recipients', `${prefix}recipients`) ?? [],
		attachments: v.attachmentUrls(src, prefix),
		suppressNotifications: plural === true || singular === true,
		suppressAutoresolve: v.boolean(src, 'suppress_autoresolve', `${prefix}suppress_autoresolve`) ?? false,
		suppressSurveys: readSuppressSurveys(v, src, `${prefix}suppress_surveys`),
	};
}

/** §2.5: `true`, or a YYYY-MM-DD date before which surveys are suppressed. */
function readSuppressSurveys(v: Validation, src: Json, field: string): boolean | string {
	const value = src.suppress_surveys;
	if (value === undefined || value === null || value === false || value === 'false') return false;
	if (value === true || value === 'true') return true;
	if (typeof value === 'string' && isDateOnly(value)) return value;
	v.add(field, 'must be true or a YYYY-MM-DD date');
	return false;
}

/**
 * How a new message moves the conversation's status:
 * - internal notes change nothing;
 * - spam (3, 9) stays spam;
 * - a customer message reopens it (0): "a customer reply reopens Done → Open" (§3.1);
 * - a staff message marks it resolved (2), since suppress_autoresolve exists "to prevent Reamaze from marking the
 *   conversation as resolved when message[user] is a staff user" (§2.5, the post_messages page); with
 *   suppress_autoresolve it becomes Responded (1), staff having replied but not closed it.
 */
function statusAfter(status: number, sender: Person, input: MessageInput): number {
	if (input.visibility === 1 || status === STATUS.spam || status === STATUS.aiSpam) return status;
	if (sender.kind === 'contact') return STATUS.open;
	return input.suppressAutoresolve ? STATUS.responded : STATUS.done;
}

export function appendMessage(state: SandboxState, conversation: Conversation, sender: Person, input: MessageInput): Message {
	const now = state.tick();
	const message: Message = {
		id: state.nextId('message'),
		conversationId: conversation.id,
		body: input.body,
		originalBody: null,
		visibility: input.visibility,
		origin: ORIGIN.api,
		originId: input.originId,
		createdAt: now,
		sender,
		recipients: [...input.recipients],
		attachments: [...input.attachments],
		suppressNotifications: input.suppressNotifications,
		suppressAutoresolve: input.suppressAutoresolve,
		suppressSurveys: input.suppressSurveys,
	};
	state.addMessage(message);
	// §2.3: recipients "will be automatically added as recipients in future correspondences within the thread".
	conversation.recipients = [...new Set([...conversation.recipients, ...input.recipients])];
	conversation.status = statusAfter(conversation.status, sender, input);
	if (conversation.status !== STATUS.onHold) conversation.holdUntil = null;
	conversation.updatedAt = now;
	return message;
}

/** The time of the latest customer message, which conversation date filters and `sort=updated` use (§2.1). */
export function lastCustomerAt(state: SandboxState, conversation: Conversation): number | undefined {
	const thread = state.messagesOf(conversation);
	for (let i = thread.length - 1; i >= 0; i--) if (thread[i].sender.kind === 'contact') return thread[i].createdAt;
	return undefined;
}
