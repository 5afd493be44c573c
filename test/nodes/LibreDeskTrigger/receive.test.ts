import { describe, expect, it } from 'vitest';

import { checkFilters, filterValues, NO_FILTERS } from '../../../nodes/LibreDeskTrigger/filters';
import { judgeDelivery, type ReceiveSettings } from '../../../nodes/LibreDeskTrigger/receive';
import { signBody } from '../../sandbox/libredesk/index.ts';
import { goJson } from '../../sandbox/libredesk/json.ts';

const SECRET = 'f'.repeat(64);
const NOW = Date.parse('2026-08-08T07:16:38Z');
const conversation = { id: 9, uuid: 'c-9', reference_number: '109', status: 'Open', inbox_id: 1, assigned_team_id: 2, subject: 'Hi <there>', contact: { id: 5, email: 'a@example.com', first_name: 'A', last_name: '' } };

const settings = (overrides: Partial<ReceiveSettings> = {}): ReceiveSettings => ({
	selection: { events: ['conversation.created', 'conversation.status_changed', 'message.created'], custom: ['vip.escalate'] },
	filters: NO_FILTERS,
	maxAgeSeconds: 300,
	emitTestEvents: false,
	includeRaw: false,
	...overrides,
});

function signed(event: string, payload: unknown, timestamp: unknown = '2026-08-08T07:16:30Z', secret = SECRET) {
	const rawBody = Buffer.from(goJson({ event, payload, timestamp }), 'utf8');
	return { rawBody, signature: signBody(rawBody, secret), secret: SECRET, nowMs: NOW };
}

describe('judgeDelivery', () => {
	it('emits one item for a genuine, fresh, selected delivery', () => {
		const verdict = judgeDelivery(signed('conversation.created', conversation), settings());
		expect(verdict).toMatchObject({ kind: 'emit', item: { event: 'conversation.created', timestamp: '2026-08-08T07:16:30Z', conversation_uuid: 'c-9', subject: 'Hi <there>' } });
	});

	it('refuses with 401 a missing or wrong signature, before reading the body', () => {
		const delivery = signed('conversation.created', conversation);
		expect(judgeDelivery({ ...delivery, signature: undefined }, settings())).toEqual({ kind: 'refuse', status: 401, reason: 'no X-Libredesk-Signature header' });
		expect(judgeDelivery(signed('conversation.created', conversation, undefined, 'other'), settings())).toMatchObject({ kind: 'refuse', status: 401 });
		expect(judgeDelivery({ ...delivery, rawBody: Buffer.from('not json') }, settings())).toMatchObject({ kind: 'refuse', status: 401 });
		expect(judgeDelivery({ ...delivery, rawBody: undefined }, settings())).toMatchObject({ kind: 'refuse', status: 401 });
	});

	it('refuses with 401 a replayed (stale) or future-dated delivery even when correctly signed', () => {
		expect(judgeDelivery(signed('conversation.created', conversation, '2026-08-08T07:10:00Z'), settings())).toEqual({
			kind: 'refuse',
			status: 401,
			reason: 'the delivery is 398 s old; at most 300 s are accepted (replay protection)',
		});
		expect(judgeDelivery(signed('conversation.created', conversation, '2026-08-08T07:30:00Z'), settings())).toMatchObject({ kind: 'refuse', status: 401 });
		expect(judgeDelivery(signed('conversation.created', conversation, '2026-08-08T07:10:00Z'), settings({ maxAgeSeconds: 0 }))).toMatchObject({ kind: 'emit' });
	});

	it('refuses with 400 a signed body that is not a LibreDesk delivery', () => {
		const notJson = Buffer.from('{"event":');
		expect(judgeDelivery({ rawBody: notJson, signature: signBody(notJson, SECRET), secret: SECRET, nowMs: NOW }, settings())).toEqual({ kind: 'refuse', status: 400, reason: 'the body is not JSON' });
		const noEvent = Buffer.from('{"payload":{}}');
		expect(judgeDelivery({ rawBody: noEvent, signature: signBody(noEvent, SECRET), secret: SECRET, nowMs: NOW }, settings())).toMatchObject({ kind: 'refuse', status: 400 });
		expect(judgeDelivery(signed('conversation.created', conversation, 'soon'), settings())).toEqual({ kind: 'refuse', status: 400, reason: 'the delivery has no RFC 3339 "timestamp"' });
	});

	it('acknowledges webhook.test without emitting, unless "Emit Test Events" is on', () => {
		const test = signed('webhook.test', { id: 4, name: 'n8n' });
		expect(judgeDelivery(test, settings())).toEqual({ kind: 'ignore', reason: 'test delivery acknowledged ("Emit Test Events" is off)' });
		expect(judgeDelivery(test, settings({ emitTestEvents: true }))).toEqual({ kind: 'emit', item: { event: 'webhook.test', timestamp: '2026-08-08T07:16:30Z', webhook_id: 4, webhook_name: 'n8n' } });
	});

	it('ignores events that are not selected; accepts custom automation events', () => {
		expect(judgeDelivery(signed('conversation.tags_changed', { conversation }), settings())).toEqual({ kind: 'ignore', reason: 'event "conversation.tags_changed" is not selected in the trigger' });
		expect(judgeDelivery(signed('vip.escalate', { actor_id: 1, conversation }), settings())).toMatchObject({ kind: 'emit', item: { event: 'vip.escalate', actor_id: 1 } });
	});

	it('ignores deliveries the filters exclude', () => {
		const inbox2 = settings({ filters: { inboxIds: ['2'], teamIds: [], statuses: [] } });
		expect(judgeDelivery(signed('conversation.created', conversation), inbox2)).toEqual({ kind: 'ignore', reason: 'inbox 1 is not among the chosen inboxes' });
	});
});

describe('filters', () => {
	const status = (statuses: string[]) => ({ inboxIds: [], teamIds: [], statuses });

	it('match inbox and team ids as text, status by name', () => {
		expect(checkFilters({ inboxIds: ['1', '3'], teamIds: [], statuses: [] }, 'conversation.created', conversation)).toEqual({ pass: true });
		expect(checkFilters({ inboxIds: [], teamIds: ['2'], statuses: [] }, 'conversation.created', conversation)).toEqual({ pass: true });
		expect(checkFilters({ inboxIds: [], teamIds: ['1'], statuses: [] }, 'conversation.created', conversation)).toEqual({ pass: false, reason: 'team 2 is not among the chosen teams' });
		expect(checkFilters({ inboxIds: [], teamIds: ['1'], statuses: [] }, 'conversation.created', { ...conversation, assigned_team_id: null })).toEqual({ pass: false, reason: 'team (none) is not among the chosen teams' });
		expect(checkFilters(status(['Open']), 'conversation.created', conversation)).toEqual({ pass: true });
		expect(checkFilters(status(['open']), 'conversation.created', conversation)).toMatchObject({ pass: false });
	});

	it('all filters must match', () => {
		expect(checkFilters({ inboxIds: ['1'], teamIds: ['2'], statuses: ['Closed'] }, 'conversation.created', conversation)).toEqual({ pass: false, reason: 'status "Open" is not among the chosen statuses' });
	});

	it('read the conversation nested in change events; status_changed compares new_status', () => {
		const change = { conversation_uuid: 'c-9', previous_status: 'Open', new_status: 'Resolved', conversation };
		expect(checkFilters(status(['Resolved']), 'conversation.status_changed', change)).toEqual({ pass: true });
		expect(checkFilters(status(['Open']), 'conversation.status_changed', change)).toMatchObject({ pass: false });
		expect(checkFilters({ inboxIds: ['1'], teamIds: [], statuses: [] }, 'conversation.assigned', { assigned_to: 3, conversation })).toEqual({ pass: true });
		expect(checkFilters({ inboxIds: ['4'], teamIds: [], statuses: [] }, 'vip.escalate', { actor_id: 1, conversation })).toMatchObject({ pass: false });
	});

	it('let message events pass: they carry no conversation (§12.4)', () => {
		expect(checkFilters({ inboxIds: ['4'], teamIds: ['3'], statuses: ['Closed'] }, 'message.created', { uuid: 'm', conversation_uuid: 'c-9', status: 'received' })).toEqual({ pass: true });
	});

	it('read multi-select values and comma-separated expressions alike', () => {
		expect(filterValues([1, '2', ' 3 ', '', 2])).toEqual(['1', '2', '3']);
		expect(filterValues('Open, Waiting on customer')).toEqual(['Open', 'Waiting on customer']);
		expect(filterValues(5)).toEqual(['5']);
		expect(filterValues(undefined)).toEqual([]);
	});
});

describe('status filter by id', () => {
	it('matches the status id of the conversation, for the status it is in', () => {
		const withId = { ...conversation, status_id: 1 };
		expect(checkFilters({ inboxIds: [], teamIds: [], statuses: ['1'] }, 'conversation.created', withId)).toEqual({ pass: true });
		expect(checkFilters({ inboxIds: [], teamIds: [], statuses: ['3'] }, 'conversation.created', withId)).toMatchObject({ pass: false });
		// A nested conversation still showing the old status: its id is not the new status's id.
		const stale = { new_status: 'Resolved', conversation: { ...withId, status: 'Open' } };
		expect(checkFilters({ inboxIds: [], teamIds: [], statuses: ['1'] }, 'conversation.status_changed', stale)).toMatchObject({ pass: false });
	});
});
