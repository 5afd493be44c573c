// Must stay first: it sets N8N_USER_FOLDER before n8n-core is loaded.
import '../../harness/env';

import { createRequire } from 'node:module';

import { BinaryDataConfig, BinaryDataService } from 'n8n-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runChain, trail } from './run';

/**
 * The same upload and download with n8n's binary data in filesystem mode (what a default n8n
 * install uses): the bytes live on disk and items carry only an ID, so the node must read and
 * write them through the helpers. Runs in its own file because the mode is process-wide.
 */
// n8n-core's own copy of the DI container (it has one in its nested node_modules).
const coreRequire = createRequire(createRequire(import.meta.url).resolve('n8n-core'));
const { Container } = coreRequire('@n8n/di') as { Container: { get<T>(type: new (...args: never[]) => T): T } };

const BYTES = Buffer.from('line 1\nline 2 with ümlauts\n');

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	Container.get(BinaryDataConfig).mode = 'filesystem';
	await Container.get(BinaryDataService).init();
	sandbox = await startLibreDeskSandbox({ seed: false });
});
afterAll(async () => sandbox?.close());

describe('binary data in filesystem mode', () => {
	it('uploads a file stored on disk and downloads the attachment back to disk', async () => {
		const result = await runChain(
			credentialsOf(sandbox),
			[
				{
					name: 'Create',
					parameters: {
						resource: 'conversation',
						operation: 'create',
						inboxId: 1,
						contactEmail: 'disk@example.com',
						firstName: 'Disk',
						content: 'File on disk',
						initiator: 'contact',
						additionalFields: { binaryProperties: 'data' },
						...FAST,
					},
				},
				{
					name: 'Messages',
					parameters: {
						resource: 'message',
						operation: 'getAll',
						conversation: { __rl: true, mode: 'uuid', value: '={{ $json.uuid }}' },
						returnAll: true,
						downloadAttachments: true,
						...FAST,
					},
				},
			],
			{ binaryItems: [{ files: { data: { base64: BYTES.toString('base64'), fileName: 'notes.txt', mimeType: 'text/plain' } } }] },
		);
		expect(result.errors).toEqual({});
		// The input really was on disk, not in the item.
		const input = result.nodeOutputs.Input[0][0].binary!.data;
		expect(input.id).toMatch(/^filesystem(-v2)?:/);
		const upload = sandbox.requests.find((request) => request.path === '/api/v1/media')!;
		expect(upload.parts?.[0].data.equals(BYTES)).toBe(true);
		expect(trail(sandbox).slice(0, 3)).toEqual(['GET /api/v1/settings/general', 'POST /api/v1/media', 'POST /api/v1/conversations']);
		const downloaded = result.nodeOutputs.Messages[0].find((item) => item.binary)!.binary!.attachment_0;
		expect(downloaded.id).toMatch(/^filesystem(-v2)?:/);
		expect((await Container.get(BinaryDataService).getAsBuffer(downloaded)).equals(BYTES)).toBe(true);
		expect(downloaded.fileName).toBe('notes.txt');
	});
});
