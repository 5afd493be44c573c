import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LibreDeskApi } from '../../../credentials/LibreDeskApi.credentials';
import { LibreDesk } from '../../../nodes/LibreDesk/LibreDesk.node';
import { loadWorkflowFixture, runWorkflow } from '../../harness/engine';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { ConvertToFileStandIn } from './ConvertToFileStandIn';
import { credentialsOf } from './run';

/** The Conversation and Message examples, as a user imports them, run in the engine against the sandbox. */
const DIR = 'examples/libredesk';
const MINE = ['attach-file.json', 'conversation-lifecycle.json', 'message-thread.json'];

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 42, conversations: 60 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

async function run(file: string) {
	const workflow = loadWorkflowFixture(join(DIR, file));
	return await runWorkflow(workflow, {
		credentials: { libreDeskApi: credentialsOf(sandbox) },
		credentialTypes: [new LibreDeskApi()],
		nodeTypes: [new LibreDesk(), new ConvertToFileStandIn()],
	});
}

describe('examples/libredesk', () => {
	it('are import-ready: the sandbox credential and the package\'s node type', () => {
		const files = readdirSync(DIR);
		for (const file of MINE) {
			expect(files).toContain(file);
			const workflow = loadWorkflowFixture(join(DIR, file));
			for (const node of workflow.nodes.filter((entry) => entry.type === 'n8n-nodes-reamaze.libreDesk')) {
				expect(node.credentials).toEqual({ libreDeskApi: { id: 'LibreDeskSandbox01', name: 'LibreDesk sandbox' } });
			}
		}
	});

	it('conversation-lifecycle: create, snooze and tag, get by reference number, list', async () => {
		const result = await run('conversation-lifecycle.json');
		expect(result.errors).toEqual({});
		const created = result.nodeOutputs['Create Conversation'][0][0].json;
		const got = result.nodeOutputs['Get by Reference Number'][0][0].json;
		expect(got.uuid).toBe(created.uuid);
		expect(got).toMatchObject({ status: 'Snoozed', priority: 'High', custom_attributes: { order_id: 'ORD-4821', seats: 1, plan: 'pro' } });
		expect(got.tags).toEqual(expect.arrayContaining(['shipping', 'refund']));
		const listed = result.nodeOutputs['Snoozed High Priority'][0].map((item) => item.json);
		expect(listed.map((item) => item.uuid)).toContain(created.uuid);
		expect(listed.every((item) => item.status === 'Snoozed' && item.priority === 'High')).toBe(true);
	});

	it('message-thread: reply to the contact, note for a team, read the thread, mark read', async () => {
		const result = await run('message-thread.json');
		expect(result.errors).toEqual({});
		const reply = result.nodeOutputs['Reply to Contact'][0][0].json;
		expect(reply).toMatchObject({ type: 'outgoing', private: false });
		expect((reply.meta as { cc: string[] }).cc).toEqual(['team-lead@example.com']);
		expect(result.nodeOutputs['Note for Billing'][0][0].json).toMatchObject({ private: true });
		expect(result.nodeOutputs.Thread[0].every((item) => item.json.private === false)).toBe(true);
		expect(result.nodeOutputs['Mark Read'][0]).toHaveLength(1);
		expect(result.nodeOutputs['Mark Read'][0][0].json.read).toBe(true);
	});

	it('attach-file: a file made by the previous node is attached, then downloaded again', async () => {
		const result = await run('attach-file.json');
		expect(result.errors).toEqual({});
		const file = result.nodeOutputs['Convert to File'][0][0].binary!.data;
		const upload = sandbox.requests.find((request) => request.path === '/api/v1/media')!;
		expect(upload.parts?.[0].filename).toBe('open-conversations.json');
		expect(upload.parts?.[0].data.equals(Buffer.from(file.data, 'base64'))).toBe(true);
		const downloaded = result.nodeOutputs['Download Attachment'][0].find((item) => item.binary)!;
		expect(downloaded.binary!.attachment_0.data).toBe(file.data);
	});
});
