/**
 * What the outside world does to a LibreDesk server without the API: an incoming email (a new conversation
 * as `initiator=contact` would make it, or a reply in an existing one) and an automation rule firing
 * `trigger_webhook` (§12.1, v2.7.0). Used by `/__sandbox/simulate`, `/__sandbox/automation` and the Sandbox object.
 */
import { addIncoming, createContact, createConversationRow, emitConversationCreated } from './domain.ts';
import { goMap } from './json.ts';
import { conversationObject, messageObject } from './serialize.ts';
import type { LibreDeskState } from './state.ts';
import { supports } from './versions.ts';

export interface IncomingEmail {
	/** Add to this conversation instead of starting one. */
	conversationUuid?: string;
	/** Default: the first enabled email inbox. */
	inboxId?: number;
	contactEmail?: string;
	firstName?: string;
	lastName?: string;
	subject?: string;
	content?: string;
}

export class SimulationError extends Error {}

export function simulateIncoming(state: LibreDeskState, input: IncomingEmail): { conversation: unknown; message: unknown } {
	const content = input.content ?? 'Hello, I need some help.';
	if (input.conversationUuid) {
		const conversation = state.conversation(input.conversationUuid);
		if (!conversation) throw new SimulationError(`Unknown conversation ${input.conversationUuid}`);
		const message = addIncoming(state, conversation, content, []);
		return { conversation: conversationObject(state, conversation), message: messageObject(state, message) };
	}
	const inbox = input.inboxId === undefined ? state.inboxes.find((i) => i.enabled && i.channel === 'email') : state.inbox(input.inboxId);
	if (!inbox) throw new SimulationError(`Unknown inbox ${input.inboxId}`);
	const email = (input.contactEmail ?? 'new.customer@example.com').trim().toLowerCase();
	const contact = state.contactByEmail(email) ?? createContact(state, { email, firstName: input.firstName ?? email.split('@')[0], lastName: input.lastName ?? '' });
	// Mail-created conversations keep the mail subject (no reference suffix).
	const conversation = createConversationRow(state, { contactId: contact.id, inboxId: inbox.id, subject: '' });
	conversation.subject = input.subject ?? 'Help needed';
	const message = addIncoming(state, conversation, content, []);
	emitConversationCreated(state, conversation);
	return { conversation: conversationObject(state, conversation), message: messageObject(state, message) };
}

/** Automation `trigger_webhook` (v2.7.0): `{conversation, actor_id}` with a free-form event name, to one webhook if active. */
export function triggerAutomation(state: LibreDeskState, webhookId: number, event: string, conversationUuid: string, actorId = 1): void {
	if (!supports(state.version, 'triggerWebhook')) throw new SimulationError(`trigger_webhook needs v2.7.0 (sandbox runs ${state.version})`);
	const conversation = state.conversation(conversationUuid);
	if (!conversation) throw new SimulationError(`Unknown conversation ${conversationUuid}`);
	state.emit({ event, webhookId, payload: () => goMap({ conversation: conversationObject(state, conversation), actor_id: actorId }, false) });
}
