import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMultipart, type LibreDeskSandbox, startLibreDeskSandbox, TINY_PNG } from './index.ts';
import { apiError, client, type Client, newConversation } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ seed: false, maxFileUploadSizeMb: 0.001 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

let uuid: string;
beforeEach(async () => {
	uuid = (await api.post('/api/v1/conversations', newConversation({ content: 'first' }))).body.data.uuid;
});

const send = (body: unknown, as: 'admin' | 'agent' | 'integration' = 'admin') => api.post(`/api/v1/conversations/${uuid}/messages`, body, { as });

function upload(fields: Parameters<typeof buildMultipart>[0], as: 'admin' | 'agent' = 'admin') {
	const { body, contentType } = buildMultipart(fields);
	return api.post('/api/v1/media', undefined, { raw: body, headers: { 'content-type': contentType }, as });
}

describe('send message (§6.3)', () => {
	it('sender_type is required; contacts cannot post private notes', async () => {
		expect(await send({ message: 'x' })).toMatchObject(apiError(400, 'Something went wrong', 'InputException'));
		expect(await send({ sender_type: 'bot', message: 'x' })).toMatchObject(apiError(400, 'Something went wrong', 'InputException'));
		expect(await send({ sender_type: 'contact', private: true, message: 'x' }, 'integration')).toMatchObject(apiError(400, 'Bad request', 'InputException'));
	});

	it('a bad JSON body is a 500 Error parsing request (InputException)', async () => {
		expect(await send({ sender_type: 'agent', private: 'yes' })).toMatchObject(apiError(500, 'Error parsing request', 'InputException'));
	});

	it('an email reply needs `to` (500 GeneralException), then is pending and soon sent, rendered as a template', async () => {
		expect(await send({ sender_type: 'agent', message: 'hi', to: ['', ''] })).toMatchObject(apiError(500, '`to` empty', 'GeneralException'));
		const reply = await send({ sender_type: 'agent', message: 'Hi {{ .Contact.FirstName }} ({{ .Conversation.ReferenceNumber }}), {{ .Author.FullName }}', to: ['new.person@example.com'], cc: ['boss@example.com'], echo_id: 'e-1' });
		expect(reply.body.data).toMatchObject({
			type: 'outgoing',
			status: 'pending',
			private: false,
			sender_type: 'agent',
			sender_id: 2,
			content: 'Hi New (100), Alice Admin',
			meta: { bcc: [], cc: ['boss@example.com'], echo_id: 'e-1', to: ['new.person@example.com'] },
		});
		await sb.waitForDeliveries();
		expect((await api.get(`/api/v1/conversations/${uuid}/messages/${reply.body.data.uuid}`)).body.data.status).toBe('sent');
		expect((await send({ sender_type: 'agent', message: 'Broken {{ .Nope }} stays', to: ['a@example.com'] })).body.data.content).toBe('Broken {{ .Nope }} stays');
	});

	it('a private note is sent at once and records mentions', async () => {
		const note = await send({ sender_type: 'agent', private: true, message: '<p>@Bob look</p>', mentions: [{ type: 'agent', id: 3 }, { type: 'bogus', id: 1 }] });
		expect(note.body.data).toMatchObject({ type: 'outgoing', status: 'sent', private: true });
		const mentioned = (await api.get('/api/v1/conversations/mentioned', { as: 'agent' })).body.data.results;
		expect(mentioned.map((r: { uuid: string; mentioned_message_uuid: string }) => [r.uuid, r.mentioned_message_uuid])).toEqual([[uuid, note.body.data.uuid]]);
	});

	it('sender_type=contact needs messages:write_as_contact, then reopens the conversation', async () => {
		expect(await send({ sender_type: 'contact', message: 'x' })).toMatchObject(apiError(403, 'Permission denied', 'PermissionException'));
		await api.put(`/api/v1/conversations/${uuid}/status`, { status: 'Resolved' });
		const reply = await send({ sender_type: 'contact', message: 'not {{ .Contact.FirstName }}' }, 'integration');
		expect(reply.body.data).toMatchObject({ type: 'incoming', status: 'received', sender_type: 'contact', content: 'not {{ .Contact.FirstName }}' });
		expect((await api.get(`/api/v1/conversations/${uuid}`)).body.data.status).toBe('Open');
	});

	it('a disabled inbox refuses new messages', async () => {
		sb.state.inboxes[0].enabled = false;
		expect(await send({ sender_type: 'agent', private: true, message: 'x' })).toMatchObject(apiError(400, 'Inbox is disabled', 'InputException'));
	});

	it('attachments link media once; an unknown media id is a 500', async () => {
		const media = (await upload([{ name: 'files', value: TINY_PNG, filename: 'Shot 1.png', contentType: 'image/png' }])).body.data;
		expect(await send({ sender_type: 'agent', private: true, message: 'x', attachments: [9999] })).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		const first = (await send({ sender_type: 'agent', private: true, message: 'x', attachments: [media.id] })).body.data;
		expect(first.attachments).toHaveLength(1);
		expect(first.attachments[0]).toMatchObject({ name: 'shot-1.png', size: TINY_PNG.length, content: null, content_type: 'image/png', disposition: 'attachment', uuid: media.uuid });
		expect(Object.keys(first.attachments[0])).toEqual(['name', 'size', 'content', 'content_id', 'content_type', 'disposition', 'uuid', 'url', 'thumbnail_url']);
		expect(first.attachments[0].thumbnail_url).toContain(`/uploads/thumb_${media.uuid}?sig=`);
		const second = (await send({ sender_type: 'agent', private: true, message: 'y', attachments: [media.id] })).body.data;
		expect(second.attachments).toEqual([]);
	});
});

describe('read, retry, delete (§6.1, §6.2, §6.4, §6.5)', () => {
	it('lists newest first with private and repeated type filters', async () => {
		await send({ sender_type: 'agent', private: true, message: 'note' });
		await send({ sender_type: 'agent', message: 'reply', to: ['a@example.com'] });
		await api.put(`/api/v1/conversations/${uuid}/status`, { status: 'Closed' });
		const all = (await api.get(`/api/v1/conversations/${uuid}/messages`)).body.data.results;
		expect(all.map((m: { type: string }) => m.type)).toEqual(['activity', 'outgoing', 'outgoing', 'incoming']);
		const types = async (query: string) => (await api.get(`/api/v1/conversations/${uuid}/messages?${query}`)).body.data.results.map((m: { text_content: string }) => m.text_content);
		expect(await types('type=incoming&type=outgoing')).toEqual(['reply', 'note', 'first']);
		expect(await types('private=TRUE')).toEqual(['Alice Admin marked the conversation as Closed', 'note']);
		expect(await types('private=no')).toEqual(['reply', 'first']);
		expect(sb.requests[sb.requests.length - 3]?.query).toEqual({ type: ['incoming', 'outgoing'] });
		expect(sb.requests[sb.requests.length - 3]?.queryString).toBe('type=incoming&type=outgoing');
	});

	it('get one: unknown uuid 500, another conversation\'s message 403', async () => {
		const other = (await api.post('/api/v1/conversations', newConversation({ contact_email: 'z@example.com' }))).body.data.uuid;
		const foreign = sb.state.messagesOf(other)[0].uuid;
		expect(await api.get(`/api/v1/conversations/${uuid}/messages/0b7f6c1e-aaaa-4bbb-8ccc-123456789abc`)).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect(await api.get(`/api/v1/conversations/${uuid}/messages/${foreign}`)).toMatchObject(apiError(403, 'Permission denied', 'PermissionException'));
	});

	it('a reply to a .invalid address fails; only its sender may retry it (back to pending)', async () => {
		const failed = (await send({ sender_type: 'agent', message: 'x', to: ['nobody@bounce.invalid'] })).body.data;
		await sb.waitForDeliveries();
		expect(sb.state.message(failed.uuid)?.status).toBe('failed');
		expect(await api.put(`/api/v1/conversations/${uuid}/messages/${failed.uuid}/retry`, undefined, { as: 'agent' })).toMatchObject(apiError(400, 'Bad request', 'InputException'));
		expect((await api.put(`/api/v1/conversations/${uuid}/messages/${failed.uuid}/retry`)).body.data).toBe(true);
		expect(sb.state.message(failed.uuid)?.status).toBe('pending');
		await sb.waitForDeliveries();
		const first = sb.state.messagesOf(uuid)[0];
		expect(await api.put(`/api/v1/conversations/${uuid}/messages/${first.uuid}/retry`)).toMatchObject(apiError(400, 'Bad request', 'InputException'));
	});

	it('delete soft-deletes private notes only', async () => {
		const media = (await upload([{ name: 'files', value: 'abc', filename: 'a.txt' }])).body.data;
		const note = (await send({ sender_type: 'agent', private: true, message: 'secret', attachments: [media.id] })).body.data;
		const del = await api.del(`/api/v1/conversations/${uuid}/messages/${note.uuid}`);
		expect(del.body).toEqual({ status: 'success', data: { content: 'This note was deleted' } });
		const after = (await api.get(`/api/v1/conversations/${uuid}/messages/${note.uuid}`)).body.data;
		expect(after).toMatchObject({ content: 'This note was deleted', attachments: [] });
		expect(after.meta.deleted_at).toEqual(expect.any(String));
		expect(await api.del(`/api/v1/conversations/${uuid}/messages/${note.uuid}`)).toMatchObject(apiError(404, 'Not found', 'NotFoundException'));
		const first = sb.state.messagesOf(uuid)[0].uuid;
		expect((await api.del(`/api/v1/conversations/${uuid}/messages/${first}`)).status).toBe(404);
	});
});

describe('media upload and download (§7)', () => {
	it('uploads the first `files` part with a sanitised name and the documented fields', async () => {
		const reply = await upload([
			{ name: 'inline', value: 'true' },
			{ name: 'linked_model', value: 'messages' },
			{ name: 'files', value: TINY_PNG, filename: 'My Screen/Shot (1).PNG', contentType: 'application/octet-stream' },
			{ name: 'files', value: 'second', filename: 'ignored.txt' },
		]);
		expect(reply.status).toBe(200);
		const media = reply.body.data;
		expect(Object.keys(media)).toEqual(['id', 'created_at', 'updated_at', 'uuid', 'store', 'filename', 'content_type', 'content_id', 'model_id', 'model_type', 'disposition', 'size', 'meta', 'url']);
		expect(media).toMatchObject({ store: 'fs', filename: 'shot-1.png', content_type: 'image/png', content_id: '', model_id: null, model_type: 'messages', disposition: 'inline', size: TINY_PNG.length, meta: { height: 1, width: 1 } });
		expect(media.url).toMatch(new RegExp(`^${sb.url}/uploads/${media.uuid}\\?sig=[^&]+&exp=\\d+$`));
		expect(sb.requests[sb.requests.length - 1]?.parts?.map((p: { name: string }) => p.name)).toEqual(['inline', 'linked_model', 'files', 'files']);
	});

	it('refuses a missing part, an empty file, a too large file, a non-multipart body', async () => {
		expect(await upload([{ name: 'other', value: 'x', filename: 'x.txt' }])).toMatchObject(apiError(400, 'File not found', 'InputException'));
		expect(await upload([{ name: 'files', value: '', filename: 'x.txt' }])).toMatchObject(apiError(400, 'This file is 0 bytes, so it will not be attached.', 'InputException'));
		expect(await upload([{ name: 'files', value: Buffer.alloc(1100), filename: 'big.bin' }])).toMatchObject(
			apiError(413, 'File size too large, please upload a file less than 0.001MB', 'GeneralException'),
		);
		expect(await api.post('/api/v1/media', { files: 'x' })).toMatchObject(apiError(500, 'Error parsing request', 'GeneralException'));
	});

	it('enforces app.allowed_file_upload_extensions', async () => {
		sb.state.settings.allowedFileUploadExtensions = ['pdf', 'png'];
		expect(await upload([{ name: 'files', value: 'x', filename: 'run.exe' }])).toMatchObject(apiError(400, 'File type not allowed', 'InputException'));
		expect((await upload([{ name: 'files', value: TINY_PNG, filename: 'ok.PNG' }])).status).toBe(200);
		sb.state.settings.allowedFileUploadExtensions = ['*'];
	});

	it('downloads through the signed URL without auth, the thumb_ name too; tampering is refused', async () => {
		const media = (await upload([{ name: 'files', value: TINY_PNG, filename: 'a.png' }])).body.data;
		const path = media.url.slice(sb.url.length);
		const file = await api.get(path, { as: null });
		expect(file.status).toBe(200);
		expect(file.bytes.equals(TINY_PNG)).toBe(true);
		expect(file.headers.get('content-type')).toBe('image/png');
		expect(file.headers.get('content-disposition')).toBe('inline; filename="a.png"');
		expect((await api.get(`${path}&download=1`, { as: null })).headers.get('content-disposition')).toBe('attachment; filename="a.png"');
		expect((await api.get(path.replace('/uploads/', '/uploads/thumb_'), { as: null })).status).toBe(200);
		expect(await api.get(path.replace(/sig=[^&]+/, 'sig=forged'), { as: null })).toMatchObject(apiError(403, 'Invalid or expired media URL', 'PermissionException'));
		expect(await api.get(path.replace(/exp=\d+/, 'exp=1000'), { as: null })).toMatchObject(apiError(403, 'Invalid or expired media URL', 'PermissionException'));
		expect(await api.get(path.replace(/exp=\d+/, 'exp=soon'), { as: null })).toMatchObject(apiError(400, 'Something went wrong', 'InputException'));
		expect(await api.get(`/uploads/${media.uuid}`, { as: null })).toMatchObject(apiError(401, 'Invalid or expired session', 'GeneralException'));
	});

	it('with an API key: message media needs messages:read and access (401 Permission denied)', async () => {
		const media = (await upload([{ name: 'files', value: 'hello', filename: 'a.txt' }])).body.data;
		await send({ sender_type: 'agent', private: true, message: 'x', attachments: [media.id] });
		expect((await api.get(`/uploads/${media.uuid}`)).text).toBe('hello');
		expect((await api.get(`/uploads/${media.uuid}`)).headers.get('content-disposition')).toBe('attachment; filename="a.txt"');
		sb.state.setRolePermissions('Agent', ['conversations:read']);
		expect(await api.get(`/uploads/${media.uuid}`, { as: 'agent' })).toMatchObject(apiError(401, 'Permission denied', 'UnauthorizedException'));
	});
});
