import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runLibreDesk, trail } from '../../run';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 20 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });
const get = (conversation: unknown) => ({ resource: 'conversation', operation: 'get', conversation, ...FAST });

describe('Conversation → Get (§5.2)', () => {
	it('by UUID: one GET, the full conversation', async () => {
		const target = sandbox.state.conversations[3];
		const run = await runLibreDesk(credentialsOf(sandbox), get(locator('uuid', ` ${target.uuid.toUpperCase()} `)));
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([`GET /api/v1/conversations/${target.uuid}`]);
		expect(run.items[0].json).toMatchObject({ uuid: target.uuid, reference_number: target.referenceNumber });
		expect(Array.isArray(run.items[0].json.tags)).toBe(true);
	});

	it('by reference number: the search route (exact match), then GET by UUID (§10)', async () => {
		const target = sandbox.state.conversations[5];
		const run = await runLibreDesk(credentialsOf(sandbox), get(locator('referenceNumber', `#${target.referenceNumber}`)));
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([
			`GET /api/v1/conversations/search?query=${target.referenceNumber}`,
			`GET /api/v1/conversations/${target.uuid}`,
		]);
		expect(run.items[0].json.uuid).toBe(target.uuid);
	});

	it('by URL of the LibreDesk UI, on the credential\'s server only', async () => {
		const target = sandbox.state.conversations[2];
		const run = await runLibreDesk(credentialsOf(sandbox), get(locator('url', `${sandbox.url}/inboxes/teams/1/conversation/${target.uuid}?scrollTo=x`)));
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([`GET /api/v1/conversations/${target.uuid}`]);
		sandbox.clearRequests();
		const foreign = await runLibreDesk(credentialsOf(sandbox), get(locator('url', `https://evil.example/inboxes/all/conversation/${target.uuid}`)));
		expect(foreign.error?.message).toBe(`Item 1: Conversation URL must be on ${sandbox.url} (the server of the credential)`);
		expect(sandbox.requests).toEqual([]);
	});

	it('an unknown reference number or UUID is a clear 404', async () => {
		const byRef = await runLibreDesk(credentialsOf(sandbox), get(locator('referenceNumber', '99999')));
		expect(byRef.error?.message).toBe('Not found: no conversation with reference number "99999"');
		const byUuid = await runLibreDesk(credentialsOf(sandbox), get(locator('uuid', '00000000-0000-4000-8000-000000000000')));
		expect(byUuid.error?.message).toBe('Not found (HTTP 404): no conversation with UUID "00000000-0000-4000-8000-000000000000"');
	});

	it('a malformed UUID or reference number fails before any request', async () => {
		for (const [conversation, message] of [
			// An expression: the editor's own check refuses a typed value that is not a UUID.
			[locator('uuid', '={{ "not-a-uuid" }}'), 'Item 1: Conversation UUID "not-a-uuid" is not a UUID (8-4-4-4-12 hexadecimal digits)'],
			[locator('referenceNumber', '12'), 'Item 1: Reference Number "12" is too short'],
			[locator('referenceNumber', '1x0'), 'Item 1: Reference Number "1x0" is not a reference number (digits, e.g. 150)'],
			[locator('other', 'x'), 'Item 1: Conversation unknown mode "other"'],
		] as const) {
			const run = await runLibreDesk(credentialsOf(sandbox), get(conversation));
			expect(run.error?.message.startsWith(message)).toBe(true);
		}
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Conversation → Mark Read / Mark Unread (§5.9)', () => {
	it('PUT last-seen and PUT mark-unread, answering with the UUID and the new state', async () => {
		const target = sandbox.state.conversations[1];
		const read = await runLibreDesk(credentialsOf(sandbox), { resource: 'conversation', operation: 'markRead', conversation: locator('uuid', target.uuid), ...FAST });
		const unread = await runLibreDesk(credentialsOf(sandbox), { resource: 'conversation', operation: 'markUnread', conversation: locator('uuid', target.uuid), ...FAST });
		expect(read.items[0].json).toEqual({ uuid: target.uuid, read: true });
		expect(unread.items[0].json).toEqual({ uuid: target.uuid, read: false });
		expect(trail(sandbox)).toEqual([`PUT /api/v1/conversations/${target.uuid}/last-seen`, `PUT /api/v1/conversations/${target.uuid}/mark-unread`]);
		expect(sandbox.requests.map((request) => request.bodyText)).toEqual(['', '']);
	});
});
