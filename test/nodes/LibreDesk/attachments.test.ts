import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox, TINY_PNG } from '../../sandbox/libredesk/index.ts';
import type { BinaryItem } from './BinaryItems';
import { credentialsOf, FAST, runChain, runLibreDesk, trail } from './run';
import { CREDENTIALS, MESSAGE_UUID, ok, onRequest, refusal, resetWire, UUID } from './wire';

/**
 * Files from n8n binary data through the engine's own binary helpers (memory mode here; the
 * filesystem mode has its own test file), uploaded with POST /media (§7) before the conversation or
 * message; and attachments downloaded into the output item's binary data.
 */
const PDF = Buffer.from('%PDF-1.4\n% sandbox invoice\n');
const files: BinaryItem[] = [
	{
		json: { order: 'A-1' },
		files: {
			invoice: { base64: PDF.toString('base64'), fileName: 'Invoice 2026.pdf', mimeType: 'application/pdf' },
			photo: { base64: TINY_PNG.toString('base64'), fileName: 'photo.png', mimeType: 'image/png' },
		},
	},
];

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 60 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const create = {
	resource: 'conversation',
	operation: 'create',
	inboxId: 1,
	contactEmail: 'files@example.com',
	firstName: 'Fay',
	content: 'See attached',
	initiator: 'agent',
	...FAST,
};

describe('upload from binary data (§7)', () => {
	it('Create uploads each file as multipart part "files", then sends their media IDs', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), { ...create, additionalFields: { binaryProperties: 'invoice, photo', mediaIds: '' } }, { binaryItems: files });
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual(['GET /api/v1/settings/general', 'POST /api/v1/media', 'POST /api/v1/media', 'POST /api/v1/conversations']);
		const [, invoice, photo, created] = sandbox.requests;
		expect(invoice.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(invoice.parts?.map((part) => ({ name: part.name, filename: part.filename, contentType: part.contentType }))).toEqual([
			{ name: 'files', filename: 'Invoice 2026.pdf', contentType: 'application/pdf' },
		]);
		expect(invoice.parts?.[0].data.equals(PDF)).toBe(true);
		expect(photo.parts?.[0].data.equals(TINY_PNG)).toBe(true);
		const ids = sandbox.state.media.slice(-2).map((media) => media.id);
		expect(created.body).toMatchObject({ attachments: ids, content: 'See attached' });
		// The conversation's first message carries both files.
		const conversation = sandbox.state.conversations.find((c) => c.uuid === run.items[0].json.uuid)!;
		expect(sandbox.state.messagesOf(conversation)[0].mediaIds).toEqual(ids);
		expect(sandbox.state.media.slice(-2).map((media) => media.filename)).toEqual(['invoice-2026.pdf', 'photo.png']);
	});

	it('Send uploads first, then posts the message with the new and the given media IDs', async () => {
		const conversation = sandbox.state.conversations[0];
		const run = await runLibreDesk(
			credentialsOf(sandbox),
			{
				resource: 'message',
				operation: 'send',
				conversation: { __rl: true, mode: 'uuid', value: conversation.uuid },
				messageType: 'note',
				content: '',
				additionalFields: { binaryProperties: 'photo' },
				...FAST,
			},
			{ binaryItems: files },
		);
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual(['GET /api/v1/settings/general', 'POST /api/v1/media', `POST /api/v1/conversations/${conversation.uuid}/messages`]);
		const mediaId = sandbox.state.media[sandbox.state.media.length - 1].id;
		expect(sandbox.requests[2].body).toEqual({ sender_type: 'agent', message: '', private: true, attachments: [mediaId] });
		expect((run.items[0].json.attachments as Array<{ name: string }>).map((attachment) => attachment.name)).toEqual(['photo.png']);
	});

	it('a file over the server\'s size limit is refused before anything is uploaded or created', async () => {
		const small = await startLibreDeskSandbox({ seed: false, maxFileUploadSizeMb: 0.00002 });
		try {
			const run = await runLibreDesk(credentialsOf(small), { ...create, additionalFields: { binaryProperties: 'invoice' } }, { binaryItems: files });
			expect(run.error?.message).toBe(
				`Item 1: Attachments (Binary Properties) file "invoice" (Invoice 2026.pdf) is 27 bytes; this LibreDesk server accepts at most 0.00002 MB (20 bytes) per file`,
			);
			expect(small.requests.map((request) => request.path)).toEqual(['/api/v1/settings/general']);
			expect(small.state.conversations).toHaveLength(0);
		} finally {
			await small.close();
		}
	});

	it('a type the server does not allow is refused before anything is uploaded', async () => {
		const strict = await startLibreDeskSandbox({ seed: false, allowedFileUploadExtensions: ['png', '.jpg'] });
		try {
			const run = await runLibreDesk(credentialsOf(strict), { ...create, additionalFields: { binaryProperties: 'photo,invoice' } }, { binaryItems: files });
			expect(run.error?.message).toBe(
				'Item 1: Attachments (Binary Properties) file "invoice" (Invoice 2026.pdf) has the extension ".pdf", which this LibreDesk server does not accept (allowed: .png, .jpg)',
			);
			expect(strict.requests.map((request) => request.path)).toEqual(['/api/v1/settings/general']);
		} finally {
			await strict.close();
		}
	});

	it('a missing binary property fails before any request', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), { ...create, additionalFields: { binaryProperties: 'invoice, nope' } }, { binaryItems: files });
		expect(run.error?.message).toContain('nope');
		expect(sandbox.requests).toEqual([]);
	});
});

describe('download into binary data (§7)', () => {
	function messageWithFile() {
		for (const conversation of sandbox.state.conversations) {
			const message = sandbox.state.messagesOf(conversation).find((m) => m.mediaIds.length > 0);
			if (message) return { conversation, message, media: sandbox.state.media.filter((media) => message.mediaIds.includes(media.id)) };
		}
		throw new Error('the seed has no attachment');
	}

	it('Message Get puts each attachment into the item\'s binary data, fetched from {server}/uploads/{uuid} with the credential', async () => {
		const { conversation, message, media } = messageWithFile();
		const run = await runLibreDesk(credentialsOf(sandbox), {
			resource: 'message',
			operation: 'get',
			conversation: { __rl: true, mode: 'uuid', value: conversation.uuid },
			messageUuid: message.uuid,
			downloadAttachments: true,
			binaryPrefix: 'file_',
			...FAST,
		});
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([
			`GET /api/v1/conversations/${conversation.uuid}/messages/${message.uuid}`,
			...media.map((file) => `GET /uploads/${file.uuid}`),
		]);
		const download = sandbox.requests[1];
		expect(download.headers.authorization).toMatch(/^Basic /);
		const binary = run.items[0].binary ?? {};
		expect(Object.keys(binary)).toEqual(media.map((_, index) => `file_${index}`));
		expect(Buffer.from(binary.file_0.data, 'base64').equals(media[0].bytes)).toBe(true);
		expect(binary.file_0.fileName).toBe(media[0].filename);
		expect(binary.file_0.mimeType).toBe(media[0].contentType);
		expect(run.items[0].json.uuid).toBe(message.uuid);
	});

	it('a file uploaded by Create comes back byte for byte through Get Many', async () => {
		const created = await runLibreDesk(credentialsOf(sandbox), { ...create, additionalFields: { binaryProperties: 'invoice' } }, { binaryItems: files });
		const uuid = created.items[0].json.uuid as string;
		const run = await runLibreDesk(credentialsOf(sandbox), {
			resource: 'message',
			operation: 'getAll',
			conversation: { __rl: true, mode: 'uuid', value: uuid },
			returnAll: true,
			downloadAttachments: true,
			...FAST,
		});
		const withFile = run.items.filter((item) => item.binary);
		expect(withFile).toHaveLength(1);
		expect(Buffer.from(withFile[0].binary!.attachment_0.data, 'base64').equals(PDF)).toBe(true);
		expect(withFile[0].json.attachments).toEqual([expect.objectContaining({ name: 'invoice-2026.pdf', content_type: 'application/pdf' })]);
		expect(withFile[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('download redirects and refusals (nock)', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => resetWire());
	afterAll(() => nock.enableNetConnect());

	const get = {
		resource: 'message',
		operation: 'get',
		conversation: { __rl: true, mode: 'uuid', value: UUID },
		messageUuid: MESSAGE_UUID,
		downloadAttachments: true,
		...FAST,
	};
	const file = '3f0c9a5e-1d2b-4c3d-8e4f-5a6b7c8d9e0f';
	const message = { uuid: MESSAGE_UUID, attachments: [{ name: 'scan.pdf', size: 3, content_type: 'application/pdf', uuid: file, url: 'https://wrong-root.example/uploads/x?sig=1' }] };

	it('follows an S3 redirect without the Authorization header, and never uses the signed url', async () => {
		onRequest('GET', `/api/v1/conversations/${UUID}/messages/${MESSAGE_UUID}`, ok(message));
		const upload = onRequest('GET', `/uploads/${file}`, [302, '', { Location: 'https://bucket.s3.example.com/scan.pdf?X-Amz-Signature=abc' }]);
		const s3 = onRequest('GET', '/scan.pdf', [200, 'PDF', { 'Content-Type': 'application/pdf' }], 'https://bucket.s3.example.com');
		const wrong = onRequest('GET', '/uploads/x', [200, 'no'], 'https://wrong-root.example');
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error).toBeUndefined();
		expect(upload[0].headers.authorization).toMatch(/^Basic /);
		expect(s3).toHaveLength(1);
		expect(s3[0].headers.authorization).toBeUndefined();
		expect(s3[0].path).toBe('/scan.pdf?X-Amz-Signature=abc');
		expect(wrong).toHaveLength(0);
		expect(Buffer.from(run.items[0].binary!.attachment_0.data, 'base64').toString()).toBe('PDF');
	});

	it('401 + UnauthorizedException on /uploads means a missing permission or access (§7), not a bad key', async () => {
		onRequest('GET', `/api/v1/conversations/${UUID}/messages/${MESSAGE_UUID}`, ok(message));
		onRequest('GET', `/uploads/${file}`, refusal(401, 'Permission denied', 'UnauthorizedException'));
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error?.message).toBe('LibreDesk refused access (HTTP 401): Permission denied (needs the permission "messages:read")');
	});
});

describe('a chain with files: a previous node makes the file, LibreDesk attaches it', () => {
	it('Binary Items → Create (with the file) → Get Many (downloading it)', async () => {
		const result = await runChain(
			credentialsOf(sandbox),
			[
				{ name: 'Create', parameters: { ...create, additionalFields: { binaryProperties: 'invoice' } } },
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
			{ binaryItems: files },
		);
		expect(result.errors).toEqual({});
		const downloaded = result.nodeOutputs.Messages[0].filter((item) => item.binary);
		expect(Buffer.from(downloaded[0].binary!.attachment_0.data, 'base64').equals(PDF)).toBe(true);
	});
});
