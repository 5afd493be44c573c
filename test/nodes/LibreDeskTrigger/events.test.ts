import { describe, expect, it } from 'vitest';

import { acceptsEvent, EVENT_OPTIONS, parseCustomEvents, PLACEHOLDER_EVENT, subscriptionFor, WEBHOOK_EVENTS } from '../../../nodes/LibreDeskTrigger/events';
import { WEBHOOK_EVENTS as SANDBOX_EVENTS } from '../../sandbox/libredesk/routes/webhooks.ts';

describe('events (§12.1)', () => {
	it('offers exactly the seven subscribable events', () => {
		expect([...WEBHOOK_EVENTS].sort()).toEqual([...SANDBOX_EVENTS].sort());
		expect(EVENT_OPTIONS.map((option) => option.value).sort()).toEqual([...WEBHOOK_EVENTS].sort());
	});

	it('parses custom event names: commas or lines, trimmed, no blanks or repeats', () => {
		expect(parseCustomEvents(' escalate , vip.reply\n\nescalate,')).toEqual(['escalate', 'vip.reply']);
		expect(parseCustomEvents('')).toEqual([]);
		expect(parseCustomEvents(undefined)).toEqual([]);
	});

	it('subscribes to the chosen events only (sorted, deduplicated, unknown names dropped)', () => {
		expect(subscriptionFor({ events: ['message.created', 'conversation.created', 'message.created'], custom: ['escalate'] })).toEqual([
			'conversation.created',
			'message.created',
		]);
		expect(subscriptionFor({ events: ['webhook.test', 'conversation.assigned'], custom: [] })).toEqual(['conversation.assigned']);
	});

	it('with only custom events, subscribes to the placeholder (LibreDesk refuses an empty list, §12.2)', () => {
		expect(subscriptionFor({ events: [], custom: ['escalate'] })).toEqual([PLACEHOLDER_EVENT]);
		expect(subscriptionFor({ events: [], custom: [] })).toEqual([]);
	});

	it('accepts chosen and custom events, and nothing else', () => {
		const selection = { events: ['conversation.created'], custom: ['escalate'] };
		expect(acceptsEvent(selection, 'conversation.created')).toBe(true);
		expect(acceptsEvent(selection, 'escalate')).toBe(true);
		expect(acceptsEvent(selection, 'message.created')).toBe(false);
		expect(acceptsEvent(selection, 'Escalate')).toBe(false);
		// The placeholder subscription is not a selection: its deliveries are ignored.
		expect(acceptsEvent({ events: [], custom: ['escalate'] }, PLACEHOLDER_EVENT)).toBe(false);
	});

	it('accepts every event when nothing is chosen (manual mode: the LibreDesk webhook decides)', () => {
		expect(acceptsEvent({ events: [], custom: [] }, 'message.updated')).toBe(true);
	});
});
