import type { INodePropertyOptions } from 'n8n-workflow';

/** The events a webhook can subscribe to: the DB enum of §12.1 (unchanged since v0.7.0). Anything else → 500 on create. */
export const WEBHOOK_EVENTS = [
	'conversation.created',
	'conversation.status_changed',
	'conversation.tags_changed',
	'conversation.assigned',
	'conversation.unassigned',
	'message.created',
	'message.updated',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent by the test button/route (§12.2) whatever the webhook subscribes to. */
export const TEST_EVENT = 'webhook.test';

/**
 * A webhook must subscribe to at least one event (`events` empty → the 200-with-ErrorType answer, §12.2).
 * With only custom (automation) events chosen, the trigger subscribes to this one, the least frequent
 * (once per conversation, §12.4), and ignores its deliveries.
 */
export const PLACEHOLDER_EVENT: WebhookEvent = 'conversation.created';

export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Conversation Assigned', value: 'conversation.assigned', description: 'An agent was assigned (not fired for team assignment)' },
	{ name: 'Conversation Created', value: 'conversation.created', description: 'A new conversation: incoming email or chat, or one created through the API' },
	{ name: 'Conversation Status Changed', value: 'conversation.status_changed', description: 'A real status change (not the automatic unsnooze, not a reopen by an incoming message)' },
	{ name: 'Conversation Tags Changed', value: 'conversation.tags_changed', description: 'Fired by every tags update, even one that changes nothing' },
	{ name: 'Conversation Unassigned', value: 'conversation.unassigned', description: 'The agent was removed, and also every time the team changes' },
	{ name: 'Message Created', value: 'message.created', description: 'Every new message: incoming, replies (still pending), private notes, activity lines, CSAT' },
	{ name: 'Message Updated', value: 'message.updated', description: 'A reply changed status: pending → sent or failed, or a retry' },
];

export function isWebhookEvent(value: string): value is WebhookEvent {
	return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** "escalate, vip.reply" → ['escalate', 'vip.reply']: commas or new lines separate; blanks and repeats dropped. */
export function parseCustomEvents(text: unknown): string[] {
	if (typeof text !== 'string') return [];
	return [...new Set(text.split(/[,\n]/).map((name) => name.trim()).filter((name) => name !== ''))];
}

export interface EventSelection {
	/** Chosen from the seven subscribable events. */
	events: string[];
	/** Free-form names sent by automation rules (`trigger_webhook`, v2.7.0). */
	custom: string[];
}

/** What the webhook subscribes to in LibreDesk: the chosen events, or the placeholder when only custom names are chosen. */
export function subscriptionFor(selection: EventSelection): string[] {
	const events = [...new Set(selection.events.filter(isWebhookEvent))].sort();
	if (events.length > 0) return events;
	return selection.custom.length > 0 ? [PLACEHOLDER_EVENT] : [];
}

/**
 * Whether a delivery of `event` starts the workflow. With nothing chosen (manual mode only: automatic mode
 * refuses that at activation), every event the LibreDesk webhook sends is accepted.
 */
export function acceptsEvent(selection: EventSelection, event: string): boolean {
	if (selection.events.length === 0 && selection.custom.length === 0) return true;
	return selection.events.includes(event) || selection.custom.includes(event);
}
