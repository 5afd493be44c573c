/**
 * The packed package inside the real n8n CLI (2.41.1): every workflow in examples/ is imported and
 * run with `n8n execute --id --rawOutput` against the Re:amaze sandbox, which runs here, in the test
 * process, while n8n runs as a child process. Both sides are checked: the items n8n printed and the
 * state the sandbox ended up in. Together the examples use every Resource of the node.
 *
 * Then under `n8n start`: the editor lists the node types, and the Re:amaze Trigger runs the way an
 * active workflow runs it. `n8n execute` would poll once in manual mode, which never touches the
 * cursor, so the trigger fixture is activated through the REST API instead. n8n refuses a Poll Time
 * that fires more than once a minute, but accepts several Poll Times, each a custom cron at one fixed
 * second: twelve of them (second 0, 5, …, 55) poll every 5 seconds through n8n's own scheduler.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CREDENTIAL_ID, CREDENTIAL_TYPE, executeWorkflow, type ExecutionResult, freePort, importCredentials, importWorkflows, loadedTypes, loadExamples, login, type N8nContext, type N8nServer, n8nVersion, NODE_TYPE, nodeOutput, type OutputItem, prepareN8n, type RawExecution, reamazeCredential, SANDBOX_CREDENTIAL_NAME, setupOwner, startN8nServer, tail, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

const examples = loadExamples();
const failingFixture = JSON.parse(
	readFileSync(join(import.meta.dirname, 'fixtures', 'get-missing-conversation.json'), 'utf8'),
) as WorkflowJson;

const triggerFixture = JSON.parse(
	readFileSync(join(import.meta.dirname, 'fixtures', 'new-conversation-trigger.json'), 'utf8'),
) as WorkflowJson;
const TRIGGER_TYPE = `${NODE_TYPE}Trigger`;

/**
 * Timeouts sized from a run on a loaded 2-core machine (other test suites plus a CPU-bound process
 * beside this one): one `n8n execute` case took up to 33 s there (5 to 8 s on an idle machine), the
 * trigger case 20 s in all. n8n commands are killed after 120 s (scripts/n8n-env.ts), so a CLI case
 * may run longer than that: a hung n8n then fails with n8n's own output, not with a vitest timeout.
 */
const CLI_CASE_TIMEOUT_MS = 180_000;
/** Each wait of the trigger case (polls every 5 s, an execution); about 10 s under that load. */
const TRIGGER_WAIT_MS = 90_000;

let root: string;
let sandbox: Sandbox;
let n8n: N8nContext;

/** n8n's REST API sends execution data in the `flatted` format; n8n's own copy reads it. */
function parseFlatted(text: string): unknown {
	const fromN8n = createRequire(join(dirname(dirname(n8n.bin)), 'n8n', 'package.json'));
	return (fromN8n('flatted') as { parse(text: string): unknown }).parse(text);
}

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'reamaze-e2e-'));
	sandbox = await startSandbox({ port: 0 });
	n8n = await prepareN8n({ userFolder: join(root, 'n8n'), log: (message) => console.log(`[e2e] ${message}`) });
	await importCredentials(n8n, [
		reamazeCredential({ brand: sandbox.brand, email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl }),
	]);
	await importWorkflows(n8n, [...examples.map((example) => example.workflow), failingFixture, triggerFixture]);
});

afterAll(async () => {
	await sandbox?.close();
	if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
});

/** Runs one imported workflow; fails the test with n8n's own output when the run does not succeed. */
async function runExample(id: string): Promise<RawExecution> {
	sandbox.clearRequests();
	const result = await executeWorkflow(n8n, id);
	expect(result.code, describeRun(result)).toBe(0);
	expect(result.execution, describeRun(result)).toBeDefined();
	const execution = result.execution as RawExecution;
	expect(execution.status).toBe('success');
	expect(execution.finished).toBe(true);
	expect(execution.data.resultData.error).toBeUndefined();
	return execution;
}

function describeRun(result: ExecutionResult): string {
	return `n8n execute exited ${result.code} after ${result.ms} ms\n--- stdout\n${tail(result.stdout, 40)}\n--- stderr\n${tail(result.stderr, 40)}`;
}

function single(execution: RawExecution, node: string): Record<string, unknown> {
	const items = nodeOutput(execution, node);
	expect(items, `${node} output`).toHaveLength(1);
	expect(items[0].pairedItem, `${node} pairedItem`).toEqual({ item: 0 });
	return items[0].json;
}

function pairedIndex(item: OutputItem): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired[0]?.item;
	return paired?.item;
}

const basicAuth = () => `Basic ${Buffer.from(`${sandbox.email}:${sandbox.token}`).toString('base64')}`;

/** A read straight from the sandbox, not through n8n: what the API itself answers. It lands in `sandbox.requests` too. */
async function sandboxGet(path: string): Promise<Record<string, unknown>> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, { headers: { authorization: basicAuth(), accept: 'application/json' } });
	expect(response.status, `GET ${path}`).toBe(200);
	return (await response.json()) as Record<string, unknown>;
}

describe('examples/', () => {
	it('are importable workflows that use the community-package node type and the sandbox credential', () => {
		expect(examples.map((example) => example.workflow.id).sort()).toEqual([
			'reamazeContactNotes',
			'reamazeContinueOnFail',
			'reamazeDirectory',
			'reamazeKnowledgeBase',
			'reamazeLifecycle',
			'reamazeMessageHistory',
			'reamazeOnHold',
			'reamazeReportsToItems',
			'reamazeStatusPage',
		]);
		for (const { file, workflow } of examples) {
			expect(workflow.id.length, file).toBeLessThanOrEqual(21);
			expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger'), file).toHaveLength(1);
			const reamazeNodes = workflow.nodes.filter((node) => node.type === NODE_TYPE);
			expect(reamazeNodes.length, file).toBeGreaterThan(0);
			for (const node of reamazeNodes) {
				expect(node.credentials, `${file}: ${node.name}`).toEqual({
					[CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME },
				});
			}
			for (const node of workflow.nodes) {
				expect(node.type === NODE_TYPE || node.type.startsWith('n8n-nodes-base.'), `${file}: ${node.type}`).toBe(true);
			}
		}
	});
});

describe(`in the real n8n CLI (n8n ${n8nVersion()})`, { timeout: CLI_CASE_TIMEOUT_MS }, () => {
	it('conversation-lifecycle: create → reply → internal note → update → get by slug and by reference id', async () => {
		const execution = await runExample('reamazeLifecycle');
		expect(execution.mode).toBe('cli');

		const created = single(execution, 'Create Conversation');
		expect(created.subject).toBe('Order #1001 has not arrived');
		expect(created.slug).toEqual(expect.any(String));
		expect(created.ref_id).toEqual(expect.any(String));
		expect(created.tag_list).toEqual(['order', 'shipping']);
		expect(created.status).toBe(0);
		const slug = created.slug as string;

		const reply = single(execution, 'Reply to Customer');
		expect(reply).toMatchObject({ visibility: 0, conversation: { slug } });
		expect(reply.body).toMatch(/^Thanks Jane/);
		const note = single(execution, 'Add Internal Note');
		expect(note).toMatchObject({ visibility: 1, conversation: { slug }, user: { email: sandbox.email, 'staff?': true } });

		const updated = single(execution, 'Update Conversation');
		expect(updated).toMatchObject({
			slug,
			status: 1,
			tag_list: ['order', 'shipping', 'priority'],
			assignee: { email: sandbox.email },
			data: { order_id: '1001', carrier: 'DHL' },
		});
		const bySlug = single(execution, 'Get by Slug');
		const byRef = single(execution, 'Get by Reference ID');
		for (const fetched of [bySlug, byRef]) {
			expect(fetched).toMatchObject({ slug, ref_id: created.ref_id, status: 1, status_name: 'Responded (Pending)', data: { order_id: '1001', carrier: 'DHL' } });
		}

		// The sandbox's side of the story.
		const conversation = sandbox.state.findConversation(slug);
		expect(conversation).toBeDefined();
		expect(conversation).toMatchObject({
			subject: 'Order #1001 has not arrived',
			channelSlug: 'support',
			status: 1,
			tagList: ['order', 'shipping', 'priority'],
			data: { order_id: '1001', carrier: 'DHL' },
			assigneeId: sandbox.state.staffByEmail(sandbox.email)?.id,
			holdUntil: null,
		});
		const thread = sandbox.state.messagesOf(slug);
		expect(thread.map((message) => [message.visibility, message.sender.kind])).toEqual([
			[0, 'contact'],
			[0, 'staff'],
			[1, 'staff'],
		]);
		expect(thread[0].suppressNotifications).toBe(true);
		expect(thread[2].body).toBe(note.body);
		expect(sandbox.state.findContact('jane.doe@example.com')?.name).toBe('Jane Doe');

		// What went over the wire: the credential decrypted by n8n, add-mode tags read before the write.
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'POST /acme/api/v1/conversations 200',
			`POST /acme/api/v1/conversations/${slug}/messages 200`,
			`POST /acme/api/v1/conversations/${slug}/messages 200`,
			`GET /acme/api/v1/conversations/${slug} 200`,
			`PUT /acme/api/v1/conversations/${slug} 200`,
			`GET /acme/api/v1/conversations/${slug} 200`,
			`GET /acme/api/v1/conversations/${created.ref_id as string} 200`,
		]);
		for (const request of sandbox.requests) expect(request.headers.authorization).toBe(basicAuth());
		expect(sandbox.requests[4].body).toEqual({
			conversation: {
				assignee: { email: sandbox.email },
				tag_list: ['order', 'shipping', 'priority'],
				status: 1,
				data: { order_id: '1001', carrier: 'DHL' },
			},
		});
		expect(sandbox.requests[6].query).toEqual({ id_type: 'ref' });
	});

	it('continue-on-fail: the missing conversation becomes an error item, the others succeed, all paired', async () => {
		const execution = await runExample('reamazeContinueOnFail');
		const created = single(execution, 'Create Conversation');
		const slug = created.slug as string;
		expect(nodeOutput(execution, 'Conversations to Look Up')).toHaveLength(3);

		const items = nodeOutput(execution, 'Get Conversation');
		expect(items).toHaveLength(3);
		expect(items.map(pairedIndex)).toEqual([0, 1, 2]);
		expect(items[0].json).toMatchObject({ slug, subject: 'Bulk pricing for 50 kettles' });
		expect(items[2].json).toMatchObject({ slug, subject: 'Bulk pricing for 50 kettles' });
		expect(Object.keys(items[1].json)).toEqual(expect.arrayContaining(['error']));
		expect(items[1].json.slug).toBeUndefined();
		expect(String(items[1].json.error)).toMatch(/no-such-conversation-404/);
		// The node reports its own error item; n8n still counts the node (and the run) as a success.
		expect(execution.data.resultData.runData['Get Conversation'][0].executionStatus).toBe('success');

		expect(sandbox.state.findConversation(slug)?.channelSlug).toBe('sales');
		expect(sandbox.state.findConversation('no-such-conversation-404')).toBeUndefined();
		// Items run in parallel, so the requests may arrive in any order: compare them as a set.
		const gets = sandbox.requests.filter((request) => request.method === 'GET').map((request) => `${request.path} ${request.status}`);
		expect(gets.sort()).toEqual(
			[
				`/acme/api/v1/conversations/${slug} 200`,
				`/acme/api/v1/conversations/${slug} 200`,
				'/acme/api/v1/conversations/no-such-conversation-404 404',
			].sort(),
		);
	});

	it('on-hold: status 5 with a hold_until three days ahead', async () => {
		const before = Date.now();
		const execution = await runExample('reamazeOnHold');
		const created = single(execution, 'Create Conversation');
		const held = single(execution, 'Put On Hold');
		expect(held).toMatchObject({ slug: created.slug, status: 5 });
		expect(held.hold_until).toEqual(expect.any(String));

		const conversation = sandbox.state.findConversation(created.slug as string);
		expect(conversation?.status).toBe(5);
		const holdUntil = conversation?.holdUntil as number;
		// `$now.plus({ days: 3 }).startOf('hour')`: within the hour before now + 3 days.
		const threeDays = 3 * 24 * 3_600_000;
		expect(holdUntil).toBeGreaterThan(before + threeDays - 3_600_000 - 60_000);
		expect(holdUntil).toBeLessThanOrEqual(Date.now() + threeDays);
		expect(Date.parse(held.hold_until as string)).toBe(holdUntil);
		const put = sandbox.requests.find((request) => request.method === 'PUT');
		expect(put?.body).toEqual({ conversation: { status: 5, hold_until: expect.any(String) } });
	});

	// ------------------------------------------------------------ one workflow per resource

	it('contact-notes: create a contact with a note → add a note → Get Many Notes lists both', async () => {
		const execution = await runExample('reamazeContactNotes');
		const contact = single(execution, 'Create Contact');
		const email = contact.email as string;
		expect(email).toMatch(/^alex\.rivera\+\d+@example\.com$/);
		expect(contact).toMatchObject({ name: 'Alex Rivera', data: { plan: 'pro', company: 'Rivera Outdoor Supply' } });
		const firstNote = (contact.notes as Array<{ id: string; note: string }>)[0];
		expect(contact.notes).toEqual([expect.objectContaining({ note: 'Met at the spring trade show; interested in wholesale pricing.' })]);

		// Create Note answers with every note of the contact; the node outputs only the new one.
		const added = single(execution, 'Add Note');
		expect(added).toMatchObject({ note: 'Asked for a call back about the annual plan on Thursday.', creator: { email: sandbox.email } });
		expect(added.id).not.toBe(firstNote.id);

		const notes = nodeOutput(execution, 'Get Notes');
		expect(notes.map((item) => [item.json.id, item.json.note])).toEqual([
			[firstNote.id, firstNote.note],
			[added.id, added.note],
		]);
		expect(notes.map(pairedIndex)).toEqual([0, 0]);

		const stored = sandbox.state.findContact(email);
		expect(stored).toMatchObject({ name: 'Alex Rivera', data: { plan: 'pro', company: 'Rivera Outdoor Supply' } });
		expect(stored?.notes.map((note) => [note.id, note.body, note.creatorId])).toEqual([
			[firstNote.id, firstNote.note, sandbox.state.staffByEmail(sandbox.email)?.id],
			[added.id, added.note, sandbox.state.staffByEmail(sandbox.email)?.id],
		]);
		const notesPath = `/acme/api/v1/contacts/${encodeURIComponent(email)}/notes`;
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'POST /acme/api/v1/contacts 200',
			`GET ${notesPath} 200`,
			`POST ${notesPath} 200`,
			`GET ${notesPath} 200`,
		]);
		expect(sandbox.requests[0].body).toEqual({
			contact: {
				name: 'Alex Rivera',
				email,
				data: { plan: 'pro', company: 'Rivera Outdoor Supply' },
				notes: ['Met at the spring trade show; interested in wholesale pricing.'],
			},
		});
		// reamaze-api.md §2.6: the notes body is flat, not wrapped in `note`.
		expect(sandbox.requests[2].body).toEqual({ body: 'Asked for a call back about the annual plan on Thursday.' });
	});

	it('reports-to-items: the tags report as one item per tag (the first five kept), the volume of 7 days as one item per day', async () => {
		const execution = await runExample('reamazeReportsToItems');
		const requests = [...sandbox.requests];
		const tags = nodeOutput(execution, 'Tags Report');
		// The same report straight from the sandbox: every tag, in the API's order, with the period.
		const raw = await sandboxGet('/reports/tags');
		const expected = Object.entries(raw.tags as Record<string, number>).map(([tag, count]) => ({
			tag,
			count,
			start_date: raw.start_date,
			end_date: raw.end_date,
		}));
		expect(expected.length).toBeGreaterThan(5);
		expect(tags.map((item) => item.json)).toEqual(expected);
		expect(new Set(tags.map(pairedIndex))).toEqual(new Set([0]));
		const top = nodeOutput(execution, 'Top 5 Tags');
		expect(top.map((item) => item.json)).toEqual(expected.slice(0, 5));

		expect(requests).toHaveLength(2);
		const [tagsRequest, volumeRequest] = requests;
		// No dates: Re:amaze reports its default period, the last 30 days.
		expect(tagsRequest).toMatchObject({ method: 'GET', path: '/acme/api/v1/reports/tags', status: 200, query: {} });
		expect(volumeRequest).toMatchObject({ method: 'GET', path: '/acme/api/v1/reports/volume', status: 200 });
		// `$today.minus({ days: 7 })` to `$today`, sent as dates: 8 days, the end day included.
		const { start_date: start, end_date: end } = volumeRequest.query as Record<string, string>;
		expect(Date.parse(end) - Date.parse(start)).toBe(7 * 86_400_000);
		const days = Array.from({ length: 8 }, (_, index) => new Date(Date.parse(start) + index * 86_400_000).toISOString().slice(0, 10));
		const volume = nodeOutput(execution, 'Volume Last 7 Days');
		expect(volume.map((item) => item.json.date)).toEqual(days);
		expect(volume.map(pairedIndex)).toEqual(days.map(() => 0));
		const inRange = sandbox.state
			.conversations()
			.filter((conversation) => conversation.createdAt >= Date.parse(start) && conversation.createdAt < Date.parse(end) + 86_400_000);
		expect(volume.reduce((sum, item) => sum + (item.json.count as number), 0)).toBe(inRange.length);
	});

	it('status-page: Get Many systems → keep "API" → create an incident → resolve it → get it', async () => {
		const execution = await runExample('reamazeStatusPage');
		const systems = nodeOutput(execution, 'Get Systems');
		expect(systems.map((item) => item.json.title)).toEqual(sandbox.state.systems().map((system) => system.title));
		const api = sandbox.state.systems().find((system) => system.title === 'API');
		expect(api).toBeDefined();
		const kept = nodeOutput(execution, 'Only the API System');
		expect(kept.map((item) => item.json.id)).toEqual([api?.id]);

		const opened = single(execution, 'Open Incident');
		expect(opened).toMatchObject({
			title: 'Slow API responses in the EU region',
			status: 'investigating',
			updates: [{ status: 'investigating', message: 'Some API requests take several seconds. We are looking into it.' }],
			incidents_systems: [{ system_id: api?.id, status: 'degraded_performance' }],
		});
		const id = opened.id as string;
		const resolved = single(execution, 'Resolve Incident');
		expect(resolved).toMatchObject({ id, status: 'resolved', incidents_systems: [{ system_id: api?.id, status: 'operational' }] });
		expect((resolved.updates as Array<{ status: string }>).map((update) => update.status)).toEqual(['investigating', 'resolved']);
		expect(single(execution, 'Get Incident')).toEqual(resolved);

		const incident = sandbox.state.incidents().find((candidate) => candidate.id === id);
		expect(incident?.title).toBe('Slow API responses in the EU region');
		expect(incident?.updates.map((update) => [update.status, update.message])).toEqual([
			['investigating', 'Some API requests take several seconds. We are looking into it.'],
			['resolved', 'A database index was rebuilt; response times are back to normal.'],
		]);
		expect(incident?.systems.map((system) => [system.systemId, system.status])).toEqual([[api?.id, 'operational']]);

		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'GET /acme/api/v1/systems 200',
			'POST /acme/api/v1/incidents 200',
			`PUT /acme/api/v1/incidents/${id} 200`,
			`GET /acme/api/v1/incidents/${id} 200`,
		]);
		expect(sandbox.requests[1].body).toEqual({
			incident: {
				title: 'Slow API responses in the EU region',
				updates_attributes: [{ status: 'investigating', message: 'Some API requests take several seconds. We are looking into it.' }],
				incidents_systems_attributes: [{ system_id: api?.id, status: 'degraded_performance' }],
			},
		});
		expect(sandbox.requests[2].body).toEqual({
			incident: {
				updates_attributes: [{ status: 'resolved', message: 'A database index was rebuilt; response times are back to normal.' }],
				incidents_systems_attributes: [{ system_id: api?.id, status: 'operational' }],
			},
		});
	});

	it('knowledge-base: draft article → publish → find → get; a response template linking it → rename → get → search', async () => {
		const execution = await runExample('reamazeKnowledgeBase');
		const draft = single(execution, 'Create Draft Article');
		const slug = draft.slug as string;
		expect(draft).toMatchObject({ title: 'Customs fees on orders to the EU', status: 1, topic: { slug: 'shipping' } });
		expect(single(execution, 'Publish Article')).toMatchObject({ slug, status: 0 });
		expect(single(execution, 'Find Published Article')).toMatchObject({ slug, status: 0 });
		const article = single(execution, 'Get Article');
		expect(article).toMatchObject({ slug, status: 0, url: expect.stringMatching(new RegExp(`/kb/shipping/${slug}$`)) });

		const template = single(execution, 'Create Response Template');
		expect(template).toMatchObject({
			name: 'Customs fees',
			body: `Hi, orders to the EU may incur customs fees on delivery. Details: ${article.url as string}`,
		});
		const renamed = single(execution, 'Rename Response Template');
		expect(renamed).toEqual({ ...template, name: 'Customs fees (EU)' });
		expect(single(execution, 'Get Response Template')).toEqual(renamed);
		expect(nodeOutput(execution, 'Search Response Templates').map((item) => item.json)).toEqual([renamed]);

		const stored = sandbox.state.articles().find((candidate) => candidate.slug === slug);
		expect(stored).toMatchObject({ topicSlug: 'shipping', status: 0, title: 'Customs fees on orders to the EU' });
		const storedTemplate = sandbox.state.responseTemplates().find((candidate) => candidate.id === template.id);
		expect(storedTemplate).toMatchObject({ name: 'Customs fees (EU)', body: template.body, ownerId: null });

		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)} ${request.status}`)).toEqual([
			'POST /acme/api/v1/topics/shipping/articles {} 200',
			`PUT /acme/api/v1/articles/${slug} {} 200`,
			'GET /acme/api/v1/articles {"q":"customs fees","status":"0","page":"1"} 200',
			`GET /acme/api/v1/articles/${slug} {} 200`,
			'POST /acme/api/v1/response_templates {} 200',
			`PUT /acme/api/v1/response_templates/${template.id as number} {} 200`,
			`GET /acme/api/v1/response_templates/${template.id as number} {} 200`,
			'GET /acme/api/v1/response_templates {"q":"customs","page":"1"} 200',
		]);
		expect(sandbox.requests[0].body).toEqual({
			article: { title: 'Customs fees on orders to the EU', body: expect.stringMatching(/^Orders shipped/), status: 1 },
		});
		expect(sandbox.requests[1].body).toEqual({ article: { status: 0 } });
	});

	it('directory: Get Many channels, one channel, Get Many staff and 5-star satisfaction ratings', async () => {
		const execution = await runExample('reamazeDirectory');
		const channels = nodeOutput(execution, 'Get Channels');
		expect(channels.map((item) => [item.json.slug, item.json.name])).toEqual(
			sandbox.state.channels().map((channel) => [channel.slug, channel.name]),
		);
		expect(single(execution, 'Get Support Channel')).toMatchObject({ slug: 'support', name: 'Support', channel: 1 });

		const staff = nodeOutput(execution, 'Get Staff');
		expect(staff.map((item) => item.json.email).sort()).toEqual(sandbox.state.staff.map((user) => user.email).sort());
		expect(staff.length).toBeGreaterThanOrEqual(4);

		const ratings = nodeOutput(execution, 'Get 5-Star Ratings');
		const fiveStars = sandbox.state.ratings().filter((rating) => rating.rating === 5);
		expect(ratings).toHaveLength(Math.min(10, fiveStars.length));
		expect(ratings.length).toBeGreaterThan(0);
		expect(new Set(ratings.map((item) => item.json.rating))).toEqual(new Set([5]));
		const created = ratings.map((item) => Date.parse(item.json.created_at as string));
		expect(created).toEqual([...created].sort((a, b) => b - a));

		for (const node of ['Get Channels', 'Get Staff', 'Get 5-Star Ratings']) {
			expect(new Set(nodeOutput(execution, node).map(pairedIndex)), node).toEqual(new Set([0]));
		}
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${JSON.stringify(request.query)} ${request.status}`)).toEqual([
			'GET /acme/api/v1/channels {} 200',
			'GET /acme/api/v1/channels/support {} 200',
			'GET /acme/api/v1/staff {"page":"1"} 200',
			'GET /acme/api/v1/satisfaction_ratings {"rating":"5","page":"1"} 200',
		]);
	});

	it('message-history: create → reply without auto-resolve → note → Get Many messages by conversation URL, simplified', async () => {
		const execution = await runExample('reamazeMessageHistory');
		const created = single(execution, 'Create Conversation');
		const slug = created.slug as string;
		expect(created.perma_url).toBe(`https://acme.reamaze.io/admin/conversations/${slug}`);
		expect(single(execution, 'Reply with a Quote')).toMatchObject({ visibility: 0, conversation: { slug } });
		expect(single(execution, 'Add Internal Note')).toMatchObject({ visibility: 1, conversation: { slug } });

		const thread = nodeOutput(execution, 'Get Thread');
		// Newest first; Simplify keeps the fields a workflow needs.
		expect(thread.map((item) => [item.json.is_internal_note, item.json.from_staff, item.json.user])).toEqual([
			[true, true, { name: 'Olivia Owner', email: sandbox.email }],
			[false, true, { name: 'Olivia Owner', email: sandbox.email }],
			[false, false, { name: 'Morgan Blake', email: 'morgan.blake@example.com' }],
		]);
		for (const item of thread) {
			expect(Object.keys(item.json).sort()).toEqual(
				[
					'attachments',
					'body',
					'conversation_slug',
					'conversation_subject',
					'created_at',
					'from_staff',
					'is_internal_note',
					'origin_id',
					'user',
					'visibility',
				].sort(),
			);
			expect(item.json).toMatchObject({ conversation_slug: slug, conversation_subject: 'Wholesale pricing for 200 water bottles' });
		}
		expect(thread.map(pairedIndex)).toEqual([0, 0, 0]);

		const stored = sandbox.state.findConversation(slug);
		// suppress_autoresolve: the staff reply leaves the conversation Responded (1), not Done (2).
		expect(stored).toMatchObject({ channelSlug: 'sales', status: 1 });
		expect(sandbox.state.messagesOf(slug).map((message) => [message.visibility, message.sender.kind])).toEqual([
			[0, 'contact'],
			[0, 'staff'],
			[1, 'staff'],
		]);
		expect(thread.map((item) => item.json.body)).toEqual(
			sandbox.state
				.messagesOf(slug)
				.map((message) => message.body)
				.reverse(),
		);
		// The URL mode reads the slug from the address: no extra lookup before the list.
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'POST /acme/api/v1/conversations 200',
			`POST /acme/api/v1/conversations/${slug}/messages 200`,
			`POST /acme/api/v1/conversations/${slug}/messages 200`,
			`GET /acme/api/v1/conversations/${slug}/messages 200`,
		]);
		expect(sandbox.requests[1].body).toMatchObject({ message: { visibility: 0, suppress_autoresolve: true } });
	});

	it('a failing item without Continue On Fail fails the run: exit code 1 and the node error in the output', async () => {
		sandbox.clearRequests();
		const result = await executeWorkflow(n8n, failingFixture.id);
		expect(result.code, describeRun(result)).toBe(1);
		const execution = result.execution as RawExecution;
		expect(execution, describeRun(result)).toBeDefined();
		expect(execution.status).toBe('error');
		expect(execution.data.resultData.lastNodeExecuted).toBe('Get Conversation');
		expect(execution.data.resultData.error?.message).toMatch(/no-such-conversation-e2e/);
		expect(execution.data.resultData.runData['Get Conversation'][0].executionStatus).toBe('error');
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'GET /acme/api/v1/conversations/no-such-conversation-e2e 404',
		]);
	});
});

describe(`under n8n start (n8n ${n8nVersion()})`, () => {
	let server: N8nServer;
	let cookie: string;

	beforeAll(async () => {
		server = await startN8nServer(n8n, { port: await freePort() });
		expect(await setupOwner(server.url)).toBe(true);
		cookie = await login(server.url);
	});

	afterAll(async () => {
		if (!server) return;
		await server.stop();
		expect(server.child.exitCode !== null || server.child.signalCode !== null).toBe(true);
	});

	/** The editor's REST API as the signed-in owner; answers `{ data }`. */
	async function rest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${server.url}/rest${path}`, {
			method,
			headers: { cookie, 'browser-id': 'n8n-nodes-reamaze-scripts', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		expect(response.status, `${method} /rest${path}: ${text.slice(0, 500)}`).toBe(200);
		return (JSON.parse(text) as { data: T }).data;
	}

	it('lists the node, the trigger and the credential type in the editor; the examples use every Resource', async () => {
		const types = await loadedTypes(server.url, cookie);
		const node = types.nodes.find((type) => type.name === NODE_TYPE);
		expect(node).toMatchObject({ displayName: 'Re:amaze', version: 1 });
		// usableAsTool: n8n derives the AI-agent tool variant.
		expect(types.nodes.map((type) => type.name)).toContain(`${NODE_TYPE}Tool`);
		expect(types.nodes.find((type) => type.name === TRIGGER_TYPE)).toMatchObject({ displayName: 'Re:amaze Trigger', version: 1 });
		expect(types.credentials.find((type) => type.name === CREDENTIAL_TYPE)).toMatchObject({ displayName: 'Re:amaze/Reamaze API' });

		// Every Resource the editor offers is used by at least one example, and so executed above.
		const properties = (node as unknown as { properties: Array<{ name: string; options?: Array<{ value: unknown }> }> }).properties;
		const offered = properties.find((property) => property.name === 'resource')?.options?.map((option) => option.value) ?? [];
		// n8n adds "Custom API Call" to a node whose credential can authenticate its own requests; not ours to cover.
		expect(offered).toContain('__CUSTOM_API_CALL__');
		const resources = offered.filter((value) => value !== '__CUSTOM_API_CALL__');
		expect(resources.length).toBeGreaterThanOrEqual(11);
		const used = new Set(
			examples.flatMap(({ workflow }) => workflow.nodes.filter((n) => n.type === NODE_TYPE).map((n) => n.parameters.resource)),
		);
		expect([...used].sort()).toEqual([...resources].sort());
	});

	it('the trigger, activated: starts from now, emits one new conversation exactly once, then nothing', async () => {
		const workflowId = triggerFixture.id;
		interface ExecutionSummary {
			id: string;
			mode: string;
			status: string;
		}
		const executions = async () =>
			(
				await rest<{ results: ExecutionSummary[] }>(
					'GET',
					`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
				)
			).results;
		// Each poll of "New Conversation" is one newest-first read of the conversation list.
		const polls = () =>
			sandbox.requests.filter((request) => request.method === 'GET' && request.path === '/acme/api/v1/conversations').length;
		const waitFor = async (what: string, done: () => boolean | Promise<boolean>, timeoutMs = TRIGGER_WAIT_MS) => {
			const deadline = Date.now() + timeoutMs;
			while (!(await done())) {
				if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (n8n log: ${server.logFile})`);
				await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
			}
		};

		sandbox.clearRequests();
		const { versionId } = await rest<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		const activated = await rest<{ active: boolean }>('POST', `/workflows/${workflowId}/activate`, { versionId });
		expect(activated.active).toBe(true);
		try {
			// The poll on activation and at least one scheduled poll: the cursor now stands at the newest conversation.
			await waitFor('two polls', () => polls() >= 2);
			expect(await executions()).toEqual([]);
			const before = sandbox.state.conversations().length;

			const response = await fetch(`${sandbox.baseUrl}/conversations`, {
				method: 'POST',
				headers: { authorization: basicAuth(), accept: 'application/json', 'content-type': 'application/json' },
				body: JSON.stringify({
					conversation: {
						subject: 'Trigger e2e: my parcel is damaged',
						category: 'support',
						message: { body: 'The box arrived crushed.' },
						user: { email: 'trigger.e2e@example.com', name: 'Robin Trigger' },
					},
				}),
			});
			expect(response.status).toBe(200);
			const slug = ((await response.json()) as { slug: string }).slug;
			expect(sandbox.state.conversations()).toHaveLength(before + 1);

			await waitFor('an execution', async () => (await executions()).length > 0);
			// Two more polls after the one that emitted: nothing new, so no further execution.
			const afterEmit = polls();
			await waitFor('two more polls', () => polls() >= afterEmit + 2);
			const runs = await executions();
			expect(runs).toHaveLength(1);
			expect(runs[0]).toMatchObject({ mode: 'trigger', status: 'success' });

			const detail = await rest<{ data: string }>('GET', `/executions/${runs[0].id}`);
			const execution = parseFlatted(detail.data) as RawExecution['data'];
			const run = { data: execution } as RawExecution;
			const emitted = nodeOutput(run, 'New Conversation');
			expect(emitted).toHaveLength(1);
			expect(emitted[0].json).toMatchObject({ slug, subject: 'Trigger e2e: my parcel is damaged' });
			const acknowledged = nodeOutput(run, 'Acknowledge');
			expect(acknowledged).toHaveLength(1);
			expect(acknowledged[0].json).toMatchObject({ visibility: 1, conversation: { slug } });

			// The sandbox's side: one note, on that conversation only.
			const notes = sandbox.state.messages().filter((message) => message.body === 'Seen by n8n: Trigger e2e: my parcel is damaged');
			expect(notes).toHaveLength(1);
			expect(sandbox.state.messagesOf(slug).map((message) => [message.visibility, message.sender.kind])).toEqual([
				[0, 'contact'],
				[1, 'staff'],
			]);
			expect(sandbox.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${request.path}`)).toEqual([
				'POST /acme/api/v1/conversations',
				`POST /acme/api/v1/conversations/${slug}/messages`,
			]);
		} finally {
			await rest('POST', `/workflows/${workflowId}/deactivate`, {});
		}
	}, 4 * TRIGGER_WAIT_MS);
});
