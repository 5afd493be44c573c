import { describe, expect, it } from 'vitest';

import { checkUploads, mediaIdList, sanitizedFileName } from '../../../nodes/LibreDesk/helpers/attachments';
import { conversationUuidFromUrl, readConversationLocator, referenceNumber } from '../../../nodes/LibreDesk/helpers/conversationLocator';
import { attributeObject } from '../../../nodes/LibreDesk/helpers/customAttributes';
import { isGoDuration, secondsToGoDuration, snoozeDuration } from '../../../nodes/LibreDesk/helpers/duration';
import { canonicalName } from '../../../nodes/LibreDesk/helpers/lookups';
import { buildMultipart } from '../../../nodes/LibreDesk/helpers/multipart';
import { simplifyMessage } from '../../../nodes/LibreDesk/helpers/simplify';
import { buildCreateConversationBody } from '../../../nodes/LibreDesk/resources/conversation/create';
import { buildConversationListRequest } from '../../../nodes/LibreDesk/resources/conversation/getAll';
import { mergeTags, planUpdate, updateSteps } from '../../../nodes/LibreDesk/resources/conversation/update';
import { buildMessageQuery } from '../../../nodes/LibreDesk/resources/message/getAll';
import { buildSendMessageBody, defaultRecipients } from '../../../nodes/LibreDesk/resources/message/send';
import { InputError } from '../../../nodes/shared/errors';

const UUID = '7d692b95-73dc-4f53-9343-6ed47a3db903';

function inputError(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('no InputError');
}

describe('snooze durations (§5.4: a Go duration, no days)', () => {
	it.each(['30m', '4h', '1h30m', '72h', '1.5h', '90s', '250ms', '.5h'])('%s is a Go duration', (text) => expect(isGoDuration(text)).toBe(true));
	it.each(['1d', '0s', '0h0m', '-1h', '+1h', '4', 'h', '1 h', '', '1hh'])('%s is not', (text) => expect(isGoDuration(text)).toBe(false));

	it('writes whole seconds as the shortest form', () => {
		expect(secondsToGoDuration(14400)).toBe('4h');
		expect(secondsToGoDuration(5400)).toBe('90m');
		expect(secondsToGoDuration(61)).toBe('61s');
	});

	it('turns number + unit, a date, or a typed duration into what LibreDesk takes', () => {
		expect(snoozeDuration({ amount: 2, unit: 'days' })).toBe('48h');
		expect(snoozeDuration({ amount: 1.5, unit: 'hours' })).toBe('90m');
		expect(snoozeDuration({ amount: 45, unit: 'minutes' })).toBe('45m');
		expect(snoozeDuration({ amount: '1h30m' })).toBe('1h30m');
		expect(snoozeDuration({ amount: '3' })).toBe('3h');
		const now = Date.parse('2026-12-01T10:00:00Z');
		expect(snoozeDuration({ until: '2026-12-02T09:30:00Z' }, now)).toBe('1410m');
		expect(snoozeDuration({ until: '2026-12-01T10:00:01.2Z' }, now)).toBe('2s');
	});

	it('refuses what LibreDesk would refuse, naming the field', () => {
		expect(inputError(() => snoozeDuration({})).field).toBe('Snooze For');
		expect(inputError(() => snoozeDuration({ amount: 0 })).problem).toContain('not a positive number');
		expect(inputError(() => snoozeDuration({ amount: 5, unit: 'weeks' })).field).toBe('Snooze Unit');
		expect(inputError(() => snoozeDuration({ amount: 1, until: '2030-01-01' })).problem).toBe('and Snooze For are both set: use one of them');
		expect(inputError(() => snoozeDuration({ until: 'next monday' })).field).toBe('Snooze Until');
		expect(inputError(() => snoozeDuration({ amount: 1e9, unit: 'days' })).problem).toBe('is longer than 100 years');
	});
});

describe('multipart bodies (RFC 7578)', () => {
	it('writes fields and files with CRLFs and a closing boundary', () => {
		const { body, contentType } = buildMultipart(
			[
				{ name: 'files', filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('hi') },
				{ name: 'inline', value: 'true' },
			],
			'B',
		);
		expect(contentType).toBe('multipart/form-data; boundary=B');
		expect(body.toString()).toBe(
			'--B\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n' +
				'--B\r\nContent-Disposition: form-data; name="inline"\r\n\r\ntrue\r\n--B--\r\n',
		);
	});

	it('a file name or type cannot add headers or parts', () => {
		const { body } = buildMultipart([{ name: 'files', filename: 'x"\r\nX-Evil: 1.txt', contentType: 'text/plain\r\nX-Evil: 1', data: Buffer.from('') }], 'B');
		const text = body.toString();
		expect(text).toContain('filename="x%22%0D%0AX-Evil: 1.txt"');
		expect(text).toContain('Content-Type: application/octet-stream\r\n');
		expect(text.split('\r\n').filter((line) => line.startsWith('X-Evil'))).toEqual([]);
	});

	it('random boundaries differ per body', () => {
		expect(buildMultipart([]).contentType).not.toBe(buildMultipart([]).contentType);
	});
});

describe('Conversation → Create body', () => {
	const base = { content: 'x', inboxId: '5', contactEmail: ' A@B.CO ', firstName: ' Ann ', initiator: 'contact', additional: {} };
	it('IDs from text, the email lower-cased, empty optionals left out', () => {
		expect(buildCreateConversationBody(base)).toEqual({ content: 'x', inbox_id: 5, contact_email: 'a@b.co', first_name: 'Ann', initiator: 'contact' });
	});
	it('refuses 0 and negative IDs (0 means "none" to LibreDesk)', () => {
		expect(inputError(() => buildCreateConversationBody({ ...base, inboxId: 0 })).problem).toBe('must be 1 or more');
		expect(inputError(() => buildCreateConversationBody({ ...base, additional: { teamId: -2 } })).field).toBe('Team');
	});
});

describe('custom attributes', () => {
	it('JSON first, rows win; keys checked', () => {
		expect(attributeObject('{"a": 1, "b": [1]}', { attribute: [{ key: 'a', value: 'two' }] }, 'X')).toEqual({ a: 'two', b: [1] });
		expect(attributeObject('{}', {}, 'X')).toBeUndefined();
		expect(attributeObject({ ok: true }, undefined, 'X')).toEqual({ ok: true });
		expect(inputError(() => attributeObject('[1]', undefined, 'X')).field).toBe('X (JSON)');
		expect(inputError(() => attributeObject(undefined, { attribute: [{ key: 'bad key', value: '' }] }, 'X')).problem).toContain('is not an attribute key');
		expect(inputError(() => attributeObject(undefined, { attribute: [{ value: 'x' }] }, 'X')).problem).toBe('every row needs an attribute');
	});
});

describe('Conversation → Update plan and calls', () => {
	it('orders the calls: team, agent, status, priority, tags, attributes, contact attributes', () => {
		const plan = planUpdate({
			contactAttributesJson: '{"c":1}',
			customAttributesJson: '{"a":1}',
			tags: 'x, y',
			priority: 'Low',
			status: 'Open',
			agentId: 3,
			teamId: '2',
		});
		const steps = updateSteps(UUID, plan, { tagsAction: true, current: { custom_attributes: { keep: true } } });
		expect(steps.map((step) => step.label)).toEqual(['assign team', 'assign agent', 'status', 'priority', 'tags', 'custom attributes', 'contact custom attributes']);
		expect(steps[4].request.body).toEqual({ tags: ['x', 'y'], action: 'set_tags' });
		expect(steps[5].request.body).toEqual({ keep: true, a: 1 });
	});

	it('without the tags action (before v2.3.0) sends the merged set', () => {
		const plan = planUpdate({ tags: ['b', 'c'], tagsMode: 'add' });
		expect(updateSteps(UUID, plan, { tagsAction: false, current: { tags: ['a', 'b'] } })[0].request.body).toEqual({ tags: ['a', 'b', 'c'], action: 'set_tags' });
		expect(mergeTags(['a', 'b', 'c'], ['b'], 'remove')).toEqual(['a', 'c']);
		expect(mergeTags(['a'], ['b', 'b'], 'replace')).toEqual(['b']);
	});

	it('snoozes only the status named Snoozed', () => {
		expect(planUpdate({ status: 'Open', snoozeFor: 3 }).status).toEqual({ name: 'Open' });
		expect(planUpdate({ status: 'Snoozed', snoozeFor: 3, snoozeUnit: 'minutes' }).status).toEqual({ name: 'Snoozed', snooze: '3m' });
	});
});

describe('names in the server\'s spelling', () => {
	it('exact, else a unique case-insensitive match, else an error listing the names', () => {
		expect(canonicalName(['Open', 'Snoozed'], 'Open', 'Status', 'status')).toBe('Open');
		expect(canonicalName(['Open', 'Snoozed'], 'snoozed', 'Status', 'status')).toBe('Snoozed');
		expect(inputError(() => canonicalName(['vip', 'VIP'], 'Vip', 'Tags', 'tag')).problem).toBe('"Vip" is not a tag of this LibreDesk server (known: "vip", "VIP")');
	});
});

describe('conversation lists', () => {
	it('routes, sort presets and refusals', () => {
		expect(buildConversationListRequest({ scope: 'team', teamId: '3', filters: {} })).toEqual({
			path: ['teams', '3', 'conversations', 'unassigned'],
			qs: { order_by: 'conversations.last_message_at', order: 'desc' },
			permission: 'conversations:read_team_inbox',
			notFound: undefined,
			usesTagFilter: false,
		});
		expect(buildConversationListRequest({ scope: 'all', sort: 'waitingLongest', filters: {} }).qs).toEqual({ order_by: 'conversations.waiting_since', order: 'asc' });
		expect(inputError(() => buildConversationListRequest({ scope: 'view', viewId: 1, filters: { statuses: 'Open' } })).field).toBe('Filters');
		expect(inputError(() => buildConversationListRequest({ scope: 'team', filters: {} })).problem).toBe('is required for the team list');
		expect(inputError(() => buildConversationListRequest({ scope: 'all', sort: 'conversations.id', filters: {} })).field).toBe('Sort');
		expect(inputError(() => buildConversationListRequest({ scope: 'all', filters: { createdFrom: '2026-05-02', createdTo: '2026-05-01' } })).problem).toBe('is before Created From');
		expect(inputError(() => buildConversationListRequest({ scope: 'all', filters: { tags: 'vip' } })).problem).toBe('"vip" is not an ID');
	});
});

describe('messages', () => {
	it('query: private as true/false, type repeated', () => {
		expect(buildMessageQuery({ privacy: 'notesOnly', types: 'activity' })).toEqual({ private: 'true', type: ['activity'] });
		expect(buildMessageQuery({})).toEqual({});
		expect(inputError(() => buildMessageQuery({ types: ['email'] })).field).toBe('Types');
	});

	it('send body: a reply without To waits for the default; attachments alone need no text', () => {
		expect(buildSendMessageBody({ kind: 'reply', content: '', additional: {} }, true)).toEqual({ sender_type: 'agent', message: '', private: false });
	});

	it('default recipients: the contact of an email conversation; none for live chat', () => {
		expect(defaultRecipients({ inbox_channel: 'email', contact: { email: 'a@b.co' } })).toEqual(['a@b.co']);
		expect(defaultRecipients({ inbox_channel: 'livechat', contact: {} })).toBeUndefined();
		expect(inputError(() => defaultRecipients({ inbox_channel: 'email', contact: { email: '' } })).field).toBe('To');
	});

	it('simplified messages keep recipients and attachment names', () => {
		expect(
			simplifyMessage({
				uuid: 'm',
				type: 'outgoing',
				meta: { to: ['a@b.co'], echo_id: 'x' },
				author: { id: 2, first_name: 'Alice', last_name: 'Admin', email: 'alice@x', avatar_url: '' },
				attachments: [{ name: 'f.pdf', size: 3, content_type: 'application/pdf', uuid: 'u', url: 'https://signed' }, null],
			}),
		).toEqual({
			uuid: 'm',
			type: 'outgoing',
			author: { id: 2, first_name: 'Alice', last_name: 'Admin', email: 'alice@x' },
			to: ['a@b.co'],
			attachments: [{ name: 'f.pdf', size: 3, content_type: 'application/pdf', uuid: 'u' }],
		});
	});
});

describe('conversation locator', () => {
	it('reads UUIDs from the list, typed, or a UI address below the server root', () => {
		expect(readConversationLocator({ mode: 'list', value: UUID.toUpperCase() }, undefined)).toEqual({ uuid: UUID });
		expect(readConversationLocator(UUID, undefined)).toEqual({ uuid: UUID });
		expect(conversationUuidFromUrl(`https://example.com/helpdesk/inboxes/views/4/conversation/${UUID}/`, 'https://example.com/helpdesk')).toBe(UUID);
		expect(conversationUuidFromUrl(`HTTPS://Desk.Example.com/inboxes/all/conversation/${UUID}#x`, 'https://desk.example.com')).toBe(UUID);
	});

	it.each([
		[`https://example.com/other/inboxes/all/conversation/${UUID}`, 'https://example.com/helpdesk'],
		[`https://desk.example.com.evil/inboxes/all/conversation/${UUID}`, 'https://desk.example.com'],
		[`https://evil@desk.example.com/inboxes/all/conversation/${UUID}`, 'https://desk.example.com'],
		[`http://desk.example.com/inboxes/all/conversation/${UUID}`, 'https://desk.example.com'],
		[`https://desk.example.com/inboxes/all/conversations/${UUID}`, 'https://desk.example.com'],
		['https://desk.example.com/inboxes/all/conversation/123', 'https://desk.example.com'],
		[`https://desk.example.com/inboxes/all/conversation/${UUID}\\..`, 'https://desk.example.com'],
	])('refuses %s (server %s)', (url, server) => {
		expect(inputError(() => conversationUuidFromUrl(url, server)).field).toBe('Conversation URL');
	});

	it('reference numbers: digits, an optional #, at least 3 (§10)', () => {
		expect(referenceNumber(' #150 ')).toBe('150');
		expect(referenceNumber(1234)).toBe('1234');
		expect(inputError(() => referenceNumber('99')).field).toBe('Reference Number');
	});
});

describe('attachment checks (§7)', () => {
	const file = (fileName: string, bytes: number) => ({ property: 'data', fileName, mimeType: 'x/y', data: Buffer.alloc(bytes, 1) });
	it('LibreDesk\'s file name sanitising decides the extension', () => {
		expect(sanitizedFileName('My Report (final).PDF')).toBe('my-report-final.pdf');
		expect(sanitizedFileName('C:\\temp\\x.txt')).toBe('x.txt');
	});
	it('size, emptiness and extension', () => {
		expect(() => checkUploads([file('a.pdf', 10)], { maxFileUploadSizeMb: 1, allowedExtensions: ['pdf'] })).not.toThrow();
		expect(inputError(() => checkUploads([file('a.pdf', 0)], {})).problem).toBe('file "data" (a.pdf) is empty; LibreDesk does not attach 0-byte files');
		expect(inputError(() => checkUploads([file('a.pdf', 2 * 1024 * 1024)], { maxFileUploadSizeMb: 1 })).problem).toBe(
			'file "data" (a.pdf) is 2.00 MB; this LibreDesk server accepts at most 1 MB per file',
		);
		expect(inputError(() => checkUploads([file('README', 3)], { allowedExtensions: ['pdf'] })).problem).toContain('has no extension');
		// Default limit 20 MB when the server does not say (§7).
		expect(inputError(() => checkUploads([file('a.bin', 20 * 1024 * 1024 + 1)], {})).problem).toContain('at most 20 MB');
	});
	it('media IDs', () => {
		expect(mediaIdList('12, 13')).toEqual([12, 13]);
		expect(mediaIdList([7])).toEqual([7]);
		expect(inputError(() => mediaIdList('0')).problem).toBe('"0" is not a media ID (a whole number)');
	});
});
