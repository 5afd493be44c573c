import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.ts';
import { client, newConversation } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;
let slug: string;

beforeAll(async () => {
	sb = await startSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(async () => {
	sb.reset();
	slug = (await api.post('/conversations', newConversation({ subject: 'Thread', tag_list: ['billing'] }))).body.slug;
});

const post = (message: Record<string, unknown>, path = `/conversations/${slug}/messages`) => api.post(path, { message });
const status = () => sb.state.findConversation(slug)?.status;

describe('POST /conversations/{slug}/messages (§2.5)', () => {
	it('answers the bare message with its conversation', async () => {
		const reply = await post({ body: 'Hello **there**', attachments: ['https://files.example.com/x/report.pdf'], recipients: ['cc@example.com'] });
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			body: 'Hello **there**',
			visibility: 0,
			origin: 7,
			origin_id: null,
			user: { name: 'Olivia Owner', email: 'owner@acme.test', 'staff?': true },
			recipients: ['cc@example.com'],
			attachments: [{ file_file_name: 'report.pdf', file_content_type: 'application/pdf', url: 'https://files.example.com/x/report.pdf', 'image?': false }],
			conversation: { subject: 'Thread', slug, category: { name: 'Support', slug: 'support', email: 'support@acme.test', channel: 1 } },
		});
		expect(reply.body).not.toHaveProperty('original_body');
		expect(sb.state.findConversation(slug)?.recipients).toEqual(['cc@example.com']);
	});

	it('does not create a second message for a repeated origin_id (string or number)', async () => {
		const first = await post({ body: 'Once', origin_id: 'abc-1' });
		const again = await post({ body: 'Twice', origin_id: 'abc-1' });
		expect(again.status).toBe(200);
		expect(again.body).toEqual(first.body);
		await post({ body: 'Numeric', origin_id: 77 });
		await post({ body: 'Numeric again', origin_id: '77' });
		expect(sb.state.messagesOf(slug).map((m) => m.body)).toEqual(['Body 1', 'Once', 'Numeric']);
	});

	it('keeps origin_id dedup per conversation', async () => {
		const other = (await api.post('/conversations', newConversation({ subject: 'Other' }))).body.slug;
		await post({ body: 'Here', origin_id: 'same' });
		expect((await post({ body: 'There', origin_id: 'same' }, `/conversations/${other}/messages`)).body.body).toBe('There');
		expect(sb.state.messagesOf(other)).toHaveLength(2);
	});

	it('moves the status: staff reply resolves, suppress_autoresolve responds, customer reopens, notes change nothing', async () => {
		await post({ body: 'Staff reply', suppress_autoresolve: true });
		expect(status()).toBe(1);
		await post({ body: 'Staff reply' });
		expect(status()).toBe(2);
		await post({ body: 'A note', visibility: 1 });
		expect(status()).toBe(2);
		await post({ body: 'Customer again', user: { email: 'bob@example.com', name: 'Bob' } });
		expect(status()).toBe(0);
		await api.put(`/conversations/${slug}`, { conversation: { status: 3 } });
		await post({ body: 'Spam stays spam', user: { email: 'bob@example.com' } });
		expect(status()).toBe(3);
	});

	it('creates an unknown sender as a contact and attributes the message to them', async () => {
		const reply = await post({ body: 'Hi', user: { email: 'new@example.com', name: 'Newcomer' } });
		expect(reply.body.user).toEqual({ name: 'Newcomer', email: 'new@example.com', mobile: null, 'staff?': false });
		expect(sb.state.findContact('new@example.com')?.name).toBe('Newcomer');
	});

	const fieldErrors: [string, Record<string, unknown>, Record<string, string[]>][] = [
		['missing body', { visibility: 0 }, { body: ["can't be blank"] }],
		['visibility 2 (read-only)', { body: 'x', visibility: 2 }, { visibility: ['is not included in the list'] }],
		['visibility as text', { body: 'x', visibility: 'internal' }, { visibility: ['is not included in the list'] }],
		['a user without email', { body: 'x', user: { name: 'n' } }, { 'user.email': ["can't be blank"] }],
		['origin_id of the wrong type', { body: 'x', origin_id: { a: 1 } }, { origin_id: ['must be a string or a number'] }],
		['a non-boolean suppress flag', { body: 'x', suppress_autoresolve: 'yes' }, { suppress_autoresolve: ['must be true or false'] }],
	];
	it.each(fieldErrors)('answers 422 {errors} for %s', async (_name, message, errors) => {
		const reply = await post(message);
		expect(reply).toMatchObject({ status: 422, body: { errors } });
		expect(sb.state.messagesOf(slug)).toHaveLength(1);
	});

	it('answers 422 without the message wrapper and 404 for an unknown conversation', async () => {
		expect((await api.post(`/conversations/${slug}/messages`, { body: 'x' })).body).toEqual({ errors: { message: ['is missing'] } });
		expect((await post({ body: 'x' }, '/conversations/nope/messages')).status).toBe(404);
	});
});

describe('GET messages (§2.5)', () => {
	beforeEach(async () => {
		await post({ body: 'Staff 1' });
		await post({ body: 'Note', visibility: 1 });
		await post({ body: 'Customer 2', user: { email: 'bob@example.com' } });
		const other = (await api.post('/conversations', newConversation({ subject: 'Sales thing', category: 'sales', user: { email: 'zed@example.com' } }))).body.slug;
		await post({ body: 'Sales reply' }, `/conversations/${other}/messages`);
	});
	const bodies = async (path: string) => (await api.get(path)).body.messages.map((m: { body: string }) => m.body);

	it('lists a conversation newest first', async () => {
		expect(await bodies(`/conversations/${slug}/messages`)).toEqual(['Customer 2', 'Note', 'Staff 1', 'Body 1']);
	});

	it('lists the whole brand and filters by staff/customer, sent_by, tag, category and origin', async () => {
		expect(await bodies('/messages')).toEqual(['Sales reply', 'Body 1', 'Customer 2', 'Note', 'Staff 1', 'Body 1']);
		expect(await bodies('/messages?filter=staff')).toEqual(['Sales reply', 'Note', 'Staff 1']);
		expect(await bodies('/messages?filter=customer')).toEqual(['Body 1', 'Customer 2', 'Body 1']);
		expect(await bodies('/messages?sent_by=ZED@example.com')).toEqual(['Body 1']);
		expect(await bodies('/messages?tag=billing')).toEqual(['Customer 2', 'Note', 'Staff 1', 'Body 1']);
		expect(await bodies('/messages?category=sales')).toEqual(['Sales reply', 'Body 1']);
		expect(await bodies('/messages?origin=7')).toHaveLength(6);
		expect(await bodies('/messages?origin=1')).toEqual([]);
		expect((await api.get('/messages', { base: `${sb.url}/acme-eu/api/v1` })).body.total_count).toBe(0);
	});

	it('filters on creation time and adds original_body on request', async () => {
		const today = new Date().toISOString().slice(0, 10);
		expect(await bodies(`/messages?start_date=${today}`)).toHaveLength(6);
		expect(await bodies('/messages?end_date=2001-01-01')).toEqual([]);
		const [first] = (await api.get(`/conversations/${slug}/messages?include=original_body`)).body.messages;
		expect(first).toHaveProperty('original_body', null);
	});

	it('answers 404 for the messages of an unknown conversation', async () => {
		expect((await api.get('/conversations/nope/messages')).status).toBe(404);
	});
});
