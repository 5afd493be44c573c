import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runLibreDesk, credentialsOf } from '../LibreDesk/run';
import { runChain } from '../Reamaze/sandbox-run';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';

/**
 * n8n's CLI loads a credential from its database and decrypts it whenever a node asks for it. The
 * transports read it once per run and item and hand it to httpRequestWithAuthentication, so a Return
 * All of many pages costs one read, not one per page (README, Performance). Real engine, real
 * credential types, the sandboxes.
 */
let reamaze: Sandbox;
let libreDesk: LibreDeskSandbox;
beforeAll(async () => {
	[reamaze, libreDesk] = await Promise.all([startSandbox({ seed: 42, conversations: 100 }), startLibreDeskSandbox({ seed: 7, conversations: 250 })]);
});
afterAll(async () => Promise.all([reamaze.close(), libreDesk.close()]));

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the credential is read once per run and item, and still authenticates every request', () => {
	it('Re:amaze Return All over 4 pages: one read, four authenticated requests', async () => {
		reamaze.clearRequests();
		const result = await runChain(reamaze, [
			{ name: 'List', parameters: { resource: 'conversation', operation: 'getAll', returnAll: true, simplify: false, filters: { filter: 'all' } } },
		]);
		expect(result.nodeOutputs.List[0]).toHaveLength(reamaze.state.conversations().length);
		expect(reamaze.requests).toHaveLength(4);
		for (const request of reamaze.requests) expect(request.headers.authorization).toBe(basic(reamaze.email, reamaze.token));
		expect(result.credentialReads).toEqual({ reamazeApi: 1 });
	});

	it('Re:amaze Message → Create for 3 items: one read per item', async () => {
		reamaze.clearRequests();
		const slug = reamaze.state.conversations()[0].slug;
		const result = await runChain(
			reamaze,
			[{ name: 'Reply', parameters: { resource: 'message', operation: 'create', conversation: { __rl: true, mode: 'slug', value: slug }, body: '={{ $json.text }}', visibility: 1 } }],
			[{ text: 'one' }, { text: 'two' }, { text: 'three' }],
		);
		expect(result.nodeOutputs.Reply[0].map((item) => item.json.body)).toEqual(['one', 'two', 'three']);
		expect(reamaze.requests.map((request) => request.headers.authorization)).toEqual(Array(3).fill(basic(reamaze.email, reamaze.token)));
		expect(result.credentialReads).toEqual({ reamazeApi: 3 });
	});

	it('LibreDesk Return All over 3 pages: one read, three authenticated requests', async () => {
		libreDesk.clearRequests();
		const { items, error, result } = await runLibreDesk(credentialsOf(libreDesk), { resource: 'conversation', operation: 'getAll', scope: 'all', returnAll: true, simplify: false });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		const pages = libreDesk.requests.filter((request) => request.path === '/api/v1/conversations/all');
		expect(pages).toHaveLength(3);
		for (const request of libreDesk.requests) expect(request.headers.authorization).toBe(basic(libreDesk.adminKey, libreDesk.adminSecret));
		expect(result.credentialReads).toEqual({ libreDeskApi: 1 });
	});
});
