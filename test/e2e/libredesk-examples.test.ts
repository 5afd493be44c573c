/**
 * The LibreDesk node inside the real n8n CLI (2.41.1, or N8N_VERSION), installed from the packed
 * tarball: every workflow of examples/libredesk (but the trigger's, which libredesk-trigger.test.ts
 * runs) is imported and run with `n8n execute --id --rawOutput` against the LibreDesk sandbox, which
 * runs here, in the test process. Each case checks the items n8n printed (with `pairedItem`), the
 * requests the sandbox received and the sandbox's state afterwards. Together the examples use every
 * Resource of the node (read from the node's description).
 *
 * Files from real n8n nodes: attach-file.json attaches what n8n's own Convert to File made and
 * downloads it again into binary data; a fixture here reads a file with n8n's Read/Write Files from
 * Disk node (with N8N_RESTRICT_FILE_ACCESS_TO set to the folder the test wrote it to) and sends it
 * as a note's attachment. n8n 2.x keeps binary data on disk (filesystem mode), 1.x in the execution
 * (base64): both are read.
 *
 * One n8n user folder, one import of everything; the sandbox is reset before each case.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LibreDesk } from '../../nodes/LibreDesk/LibreDesk.node';
import { executeWorkflow, type ExecutionResult, importCredentials, importWorkflows, LIBREDESK_CREDENTIAL_ID, LIBREDESK_CREDENTIAL_TYPE, LIBREDESK_NODE_TYPE, LIBREDESK_SANDBOX_CREDENTIAL_NAME, LIBREDESK_TRIGGER_TYPE, libreDeskCredential, loadLibreDeskExamples, type N8nContext, n8nVersion, nodeOutput, type OutputItem, PACKAGE_NAME, prepareN8n, type RawExecution, tail, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { AGENT_IDS, INBOX_IDS, type LibreDeskSandbox, startLibreDeskSandbox, TEAM_IDS, TINY_PNG } from '../sandbox/libredesk/index.ts';
import type { Conversation, RecordedRequest } from '../sandbox/libredesk/types.ts';

const allExamples = loadLibreDeskExamples();
const isTriggerExample = (workflow: WorkflowJson) => workflow.nodes.some((node) => node.type === LIBREDESK_TRIGGER_TYPE);
/** The trigger's example runs in libredesk-trigger.test.ts (it needs `n8n start`). */
const examples = allExamples.filter(({ workflow }) => !isTriggerExample(workflow));
const CREDENTIAL = { id: LIBREDESK_CREDENTIAL_ID, name: LIBREDESK_SANDBOX_CREDENTIAL_NAME };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let root: string;
let filesDir: string;
let sandbox: LibreDeskSandbox;
let n8n: N8nContext;
const timings: string[] = [];

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await run();
	} finally {
		timings.push(`${what}: ${Date.now() - started} ms`);
	}
}

/** A workflow of this file only: Read/Write Files from Disk → Message → Send (note + attachment) → Message → Get (download). */
function readFileFixture(file: string, referenceNumber: string): WorkflowJson {
	const libreDesk = (name: string, x: number, parameters: Record<string, unknown>) => ({
		id: `7e2e0000-0000-4000-8000-00000000000${x / 220}`,
		name,
		type: LIBREDESK_NODE_TYPE,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters,
		credentials: { [LIBREDESK_CREDENTIAL_TYPE]: CREDENTIAL },
	});
	return {
		id: 'ldE2eReadFile',
		name: 'e2e: LibreDesk note with a file read from disk',
		active: false,
		nodes: [
			{ id: '7e2e0000-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: '7e2e0000-0000-4000-8000-0000000000f1',
				name: 'Read Screenshot',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 0],
				parameters: { operation: 'read', fileSelector: file, options: {} },
			},
			libreDesk('Note with Screenshot', 440, {
				resource: 'message',
				operation: 'send',
				conversation: { __rl: true, mode: 'referenceNumber', value: referenceNumber },
				messageType: 'note',
				content: '<p>Screenshot from the customer attached.</p>',
				additionalFields: { binaryProperties: 'data' },
			}),
			libreDesk('Read Note Back', 660, {
				resource: 'message',
				operation: 'get',
				conversation: { __rl: true, mode: 'uuid', value: '={{ $json.conversation_uuid }}' },
				messageUuid: '={{ $json.uuid }}',
				downloadAttachments: true,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Read Screenshot', type: 'main', index: 0 }]] },
			'Read Screenshot': { main: [[{ node: 'Note with Screenshot', type: 'main', index: 0 }]] },
			'Note with Screenshot': { main: [[{ node: 'Read Note Back', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The oldest seeded conversation in an enabled inbox (LibreDesk refuses messages in a disabled one); the seed makes it the same after every reset. */
function noteTarget(): Conversation {
	const enabled = new Set(sandbox.state.inboxes.filter((inbox) => inbox.enabled).map((inbox) => inbox.id));
	const found = sandbox.state.conversations.find((conversation) => enabled.has(conversation.inboxId));
	if (!found) throw new Error('the sandbox seed has no conversation in an enabled inbox');
	return found;
}

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'libredesk-examples-e2e-'));
	filesDir = join(root, 'files');
	mkdirSync(filesDir);
	sandbox = await startLibreDeskSandbox({ port: 0, conversations: 60 });
	const prepared = await timed('build, pack and install', () =>
		prepareN8n({ userFolder: join(root, 'n8n'), log: (message) => console.log(`[e2e:libredesk] ${message}`) }),
	);
	// Read/Write Files from Disk may read only below this folder (n8n 2.x defaults to ~/.n8n-files).
	n8n = { ...prepared, env: { ...prepared.env, N8N_RESTRICT_FILE_ACCESS_TO: filesDir } };
	await timed('import credential', () =>
		importCredentials(n8n, [libreDeskCredential({ baseUrl: sandbox.url, apiKey: sandbox.adminKey, apiSecret: sandbox.adminSecret })]),
	);
	await timed('import workflows', () =>
		importWorkflows(n8n, [...examples.map((example) => example.workflow), readFileFixture(join(filesDir, 'screenshot.png'), noteTarget().referenceNumber)]),
	);
});

afterAll(async () => {
	console.log(`[e2e:libredesk] timings (n8n ${n8nVersion()}):\n  ${timings.join('\n  ')}`);
	await sandbox?.close();
	if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
	sandbox?.reset();
});

function describeRun(result: ExecutionResult): string {
	return `n8n execute exited ${result.code} after ${result.ms} ms\n--- stdout\n${tail(result.stdout, 40)}\n--- stderr\n${tail(result.stderr, 40)}`;
}

/** Runs one imported workflow; fails the test with n8n's own output when the run does not succeed. */
async function runWorkflow(id: string): Promise<RawExecution> {
	const result = await timed(`n8n execute ${id}`, () => executeWorkflow(n8n, id));
	expect(result.code, describeRun(result)).toBe(0);
	expect(result.execution, describeRun(result)).toBeDefined();
	const execution = result.execution as RawExecution;
	expect(execution.status, describeRun(result)).toBe('success');
	expect(execution.finished).toBe(true);
	expect(execution.mode).toBe('cli');
	expect(execution.data.resultData.error).toBeUndefined();
	// The API secret never reaches what n8n stores or prints.
	expect(result.stdout).not.toContain(sandbox.adminSecret);
	expect(result.stderr).not.toContain(sandbox.adminSecret);
	return execution;
}

function pairedIndexes(item: OutputItem): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((entry) => entry.item);
}

/** The items of a node that ran once on one input item: every item paired with input item 0. */
function fromOne(execution: RawExecution, node: string): Array<Record<string, unknown>> {
	const items = nodeOutput(execution, node);
	for (const item of items) expect(pairedIndexes(item), `${node} pairedItem`).toEqual([0]);
	return items.map((item) => item.json);
}

function single(execution: RawExecution, node: string): Record<string, unknown> {
	const items = fromOne(execution, node);
	expect(items, `${node} output`).toHaveLength(1);
	return items[0];
}

/** `METHOD /path status`, UUIDs of this run replaced by what they stand for. */
function trail(names: Record<string, string> = {}): string[] {
	return sandbox.requests.map((request) => {
		let path = request.path;
		for (const [uuid, name] of Object.entries(names)) path = path.split(uuid).join(name);
		return `${request.method} ${path} ${request.status}`;
	});
}

function only(method: string, path: string | RegExp): RecordedRequest {
	const found = sandbox.requests.filter((request) => request.method === method && (typeof path === 'string' ? request.path === path : path.test(request.path)));
	expect(found.map((request) => `${request.method} ${request.path}`), `${method} ${String(path)}`).toHaveLength(1);
	return found[0];
}

function partText(request: RecordedRequest, name: string): string | undefined {
	return request.parts?.find((part) => part.name === name)?.data.toString('utf8');
}

interface BinaryEntry {
	data: string;
	id?: string;
	fileName?: string;
	mimeType?: string;
	fileSize?: string;
}

/**
 * The bytes of a binary entry of the execution output: inline base64 (n8n 1.x's default mode), or the
 * file behind `filesystem-v2:<path>` in the user folder (n8n 2.x: `.n8n/storage`, older: `.n8n/binaryData`).
 */
function binaryBytes(entry: BinaryEntry): Buffer {
	if (!entry.id) return Buffer.from(entry.data, 'base64');
	const [mode, fileId] = [entry.id.slice(0, entry.id.indexOf(':')), entry.id.slice(entry.id.indexOf(':') + 1)];
	expect(mode).toMatch(/^filesystem/);
	const candidates = ['storage', 'binaryData'].map((folder) => join(n8n.userFolder, '.n8n', folder, fileId));
	const file = candidates.find((candidate) => existsSync(candidate));
	expect(file, `binary data file of ${entry.id} in ${candidates.join(' or ')}`).toBeDefined();
	return readFileSync(file as string);
}

function binaryOf(item: OutputItem, property: string): BinaryEntry {
	const binary = (item as OutputItem & { binary?: Record<string, BinaryEntry> }).binary;
	expect(binary && Object.keys(binary), 'binary properties').toEqual([property]);
	return (binary as Record<string, BinaryEntry>)[property];
}

const secondsFromNow = (us: number | null) => (us === null ? null : (us / 1000 - Date.now()) / 1000);

describe('examples/libredesk', () => {
	it('are import-ready workflows: the package\'s node types, the sandbox credential, ids n8n 1.x keeps', () => {
		expect(allExamples.map(({ workflow }) => workflow.id).sort()).toEqual([
			'ldAttachFile',
			'ldContacts',
			'ldLifecycle',
			'ldLookupsMacro',
			'ldMessageThread',
			'ldTriggerCatchUp',
		]);
		for (const { file, workflow } of allExamples) {
			// n8n 1.x keeps static data only for workflow ids of at most 16 characters.
			expect(workflow.id.length, file).toBeLessThanOrEqual(16);
			const nodes = workflow.nodes.filter((node) => node.type === LIBREDESK_NODE_TYPE || node.type === LIBREDESK_TRIGGER_TYPE);
			expect(nodes.length, file).toBeGreaterThan(0);
			for (const node of nodes) expect(node.credentials, `${file}: ${node.name}`).toEqual({ [LIBREDESK_CREDENTIAL_TYPE]: CREDENTIAL });
			for (const node of workflow.nodes) {
				expect(node.type.startsWith(`${PACKAGE_NAME}.`) || node.type.startsWith('n8n-nodes-base.'), `${file}: ${node.type}`).toBe(true);
			}
		}
		for (const { file, workflow } of examples) {
			expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger'), file).toHaveLength(1);
		}
	});

	it('use every Resource of the LibreDesk node, and the package ships that node', () => {
		const resourceProperty = new LibreDesk().description.properties.find((property) => property.name === 'resource');
		const offered = (resourceProperty?.options ?? []).map((option) => ('value' in option ? option.value : undefined));
		expect(offered.length).toBeGreaterThanOrEqual(12);
		const used = new Set(
			examples.flatMap(({ workflow }) => workflow.nodes.filter((node) => node.type === LIBREDESK_NODE_TYPE).map((node) => node.parameters.resource)),
		);
		expect([...used].sort()).toEqual([...offered].sort());
		// The same node in the tarball n8n loaded from.
		const installed = join(n8n.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		expect(manifest.n8n.nodes).toContain('dist/nodes/LibreDesk/LibreDesk.node.js');
		expect(manifest.n8n.credentials).toContain('dist/credentials/LibreDeskApi.credentials.js');
		expect(existsSync(join(installed, 'dist', 'nodes', 'LibreDesk', 'LibreDesk.node.js'))).toBe(true);
	});
});

describe(`examples/libredesk in the real n8n CLI (n8n ${n8nVersion()})`, () => {
	it('conversation-lifecycle: create → snooze 2 days, High, add tags, merge attributes → get by reference number → list', async () => {
		const before = Date.now();
		const execution = await runWorkflow('ldLifecycle');

		const created = single(execution, 'Create Conversation');
		const uuid = created.uuid as string;
		expect(uuid).toMatch(UUID);
		const email = (created.contact as { email: string }).email;
		expect(email).toMatch(/^maria\.lopez\+\d+@example\.com$/);
		expect(created).toMatchObject({
			subject: `Order #4821 arrived damaged - #${created.reference_number as string}`,
			inbox_id: INBOX_IDS.support,
			assigned_team_id: TEAM_IDS.support,
			status: 'Open',
			custom_attributes: { order_id: 'ORD-4821', seats: 1 },
			contact: { first_name: 'Maria', last_name: 'Lopez' },
		});

		const updated = single(execution, 'Snooze and Tag');
		expect(updated).toMatchObject({ uuid, status: 'Snoozed', priority: 'High', custom_attributes: { order_id: 'ORD-4821', seats: 1, plan: 'pro' } });
		expect([...(updated.tags as string[])].sort()).toEqual(['refund', 'shipping']);
		const byReference = single(execution, 'Get by Reference Number');
		expect(byReference).toMatchObject({ uuid, reference_number: created.reference_number, status: 'Snoozed', priority: 'High' });

		const listed = fromOne(execution, 'Snoozed High Priority');
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.length).toBeLessThanOrEqual(10);
		expect(listed[0].uuid).toBe(uuid);
		for (const conversation of listed) expect(conversation).toMatchObject({ status: 'Snoozed', priority: 'High' });
		const createdTimes = listed.map((conversation) => Date.parse(conversation.created_at as string));
		expect(createdTimes).toEqual([...createdTimes].sort((a, b) => b - a));

		// The sandbox: the conversation as the workflow left it.
		const stored = sandbox.state.conversation(uuid);
		expect(stored).toMatchObject({
			inboxId: INBOX_IDS.support,
			assignedTeamId: TEAM_IDS.support,
			statusId: sandbox.state.statusByName('Snoozed')?.id,
			priorityId: sandbox.state.priorities.find((priority) => priority.name === 'High')?.id,
			customAttributes: { order_id: 'ORD-4821', seats: 1, plan: 'pro' },
		});
		expect(stored?.tagIds.map((id) => sandbox.state.tag(id)?.name).sort()).toEqual(['refund', 'shipping']);
		// "Snooze For 2 Days" is sent as the Go duration 48h (libredesk-api.md §5.4).
		const snoozedFor = secondsFromNow(stored?.snoozedUntil ?? null) as number;
		expect(snoozedFor).toBeGreaterThan(48 * 3600 - (Date.now() - before) / 1000 - 60);
		expect(snoozedFor).toBeLessThanOrEqual(48 * 3600);
		expect(sandbox.state.contactByEmail(email)).toMatchObject({ firstName: 'Maria', lastName: 'Lopez' });
		const thread = sandbox.state.messagesOf(uuid);
		expect(thread.filter((message) => message.type === 'outgoing')).toHaveLength(1);
		expect(thread.find((message) => message.type === 'outgoing')?.content).toBe(
			'<p>Hi Maria,</p><p>we are sorry your order arrived damaged. A replacement is on its way.</p>',
		);

		const names = { [uuid]: '{uuid}' };
		expect(trail(names)).toEqual([
			// custom_attributes on create need v2.1.0: the version is read first.
			'GET /api/v1/settings/general 200',
			'POST /api/v1/conversations 200',
			// Names are checked against the server's lists before any write.
			'GET /api/v1/statuses 200',
			'GET /api/v1/priorities 200',
			'GET /api/v1/tags 200',
			'GET /api/v1/settings/general 200',
			// Custom Attributes Merge reads the conversation and sends the whole object.
			'GET /api/v1/conversations/{uuid} 200',
			'PUT /api/v1/conversations/{uuid}/status 200',
			'PUT /api/v1/conversations/{uuid}/priority 200',
			'POST /api/v1/conversations/{uuid}/tags 200',
			'PUT /api/v1/conversations/{uuid}/custom-attributes 200',
			'GET /api/v1/conversations/{uuid} 200',
			'GET /api/v1/conversations/search 200',
			'GET /api/v1/conversations/{uuid} 200',
			'GET /api/v1/conversations/all 200',
		]);
		expect(only('POST', '/api/v1/conversations').body).toEqual({
			subject: 'Order #4821 arrived damaged',
			content: '<p>Hi {{ .Contact.FirstName }},</p><p>we are sorry your order arrived damaged. A replacement is on its way.</p>',
			inbox_id: INBOX_IDS.support,
			contact_email: email,
			first_name: 'Maria',
			last_name: 'Lopez',
			initiator: 'agent',
			team_id: TEAM_IDS.support,
			custom_attributes: { order_id: 'ORD-4821', seats: 1 },
		});
		expect(only('PUT', `/api/v1/conversations/${uuid}/status`).body).toEqual({ status: 'Snoozed', snoozed_until: '48h' });
		expect(only('PUT', `/api/v1/conversations/${uuid}/priority`).body).toEqual({ priority: 'High' });
		expect(only('POST', `/api/v1/conversations/${uuid}/tags`).body).toEqual({ tags: ['shipping', 'refund'], action: 'add_tags' });
		expect(only('PUT', `/api/v1/conversations/${uuid}/custom-attributes`).body).toEqual({ order_id: 'ORD-4821', seats: 1, plan: 'pro' });
		expect(only('GET', '/api/v1/conversations/search').query).toEqual({ query: created.reference_number });
		const list = only('GET', '/api/v1/conversations/all');
		expect(list.query).toMatchObject({ order_by: 'conversations.created_at', order: 'desc', page: '1', page_size: '10' });
		expect(JSON.parse(list.query.filters as string)).toEqual([
			{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Snoozed' },
			{ model: 'conversations', field: 'priority_id', operator: 'equals', value: '3' },
		]);
		const basic = `Basic ${Buffer.from(`${sandbox.adminKey}:${sandbox.adminSecret}`).toString('base64')}`;
		for (const request of sandbox.requests) {
			expect(request.headers.authorization).toBe(basic);
			if (request.method !== 'GET') expect(request.headers['content-type']).toBe('application/json');
		}
	});

	it('message-thread: reply (To = the contact, CC) → note mentioning Billing → thread without notes → mark read', async () => {
		// The list's default sort: the newest activity among the Open conversations of inbox 1.
		const open = sandbox.state.statusByName('Open')?.id;
		const candidates = sandbox.state.conversations.filter((entry) => entry.inboxId === INBOX_IDS.support && entry.statusId === open);
		const newestActivity = Math.max(...candidates.map((entry) => entry.lastMessageAt ?? 0));
		const expected = candidates.filter((entry) => entry.lastMessageAt === newestActivity);
		expect(expected).toHaveLength(1);
		const lastSeenBefore = expected[0].lastSeen.get(AGENT_IDS.admin) ?? 0;

		const execution = await runWorkflow('ldMessageThread');
		const latest = single(execution, 'Latest Open Conversation');
		const uuid = latest.uuid as string;
		expect(uuid).toBe(expected[0].uuid);
		const conversation = sandbox.state.conversation(uuid);
		expect(conversation).toMatchObject({ inboxId: INBOX_IDS.support, statusId: open });
		const contactEmail = sandbox.state.contact(conversation?.contactId as number)?.email as string;
		expect(contactEmail).toMatch(/@/);

		const reply = single(execution, 'Reply to Contact');
		expect(reply).toMatchObject({ conversation_uuid: uuid, type: 'outgoing', private: false, sender_type: 'agent', meta: { to: [contactEmail], cc: ['team-lead@example.com'] } });
		const note = single(execution, 'Note for Billing');
		expect(note).toMatchObject({ conversation_uuid: uuid, type: 'outgoing', private: true, content: 'Replied; Billing please check the invoice.' });
		const thread = fromOne(execution, 'Thread');
		expect(thread.length).toBeGreaterThan(0);
		expect(thread.length).toBeLessThanOrEqual(5);
		expect(thread[0]).toMatchObject({ uuid: reply.uuid, conversation_uuid: uuid, private: false, to: [contactEmail], cc: ['team-lead@example.com'] });
		for (const message of thread) expect(message.private).toBe(false);
		const times = thread.map((message) => Date.parse(message.created_at as string));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(single(execution, 'Mark Read')).toEqual({ uuid, read: true });

		// The sandbox: the reply (rendered template), the note with its mention, the agent's last-seen.
		const storedReply = sandbox.state.message(reply.uuid as string);
		const contactName = sandbox.state.contact(conversation?.contactId as number)?.firstName;
		expect(storedReply).toMatchObject({ type: 'outgoing', private: false, meta: { to: [contactEmail], cc: ['team-lead@example.com'] } });
		expect(storedReply?.content).toBe(`<p>Hi ${contactName}, thanks for your patience: we are on it.</p>`);
		expect(sandbox.state.message(note.uuid as string)).toMatchObject({ private: true, content: 'Replied; Billing please check the invoice.' });
		expect(conversation?.mentions.filter((mention) => mention.messageUuid === note.uuid)).toEqual([
			expect.objectContaining({ teamId: TEAM_IDS.billing, userId: null }),
		]);
		expect(conversation?.lastSeen.get(AGENT_IDS.admin)).toBeGreaterThan(lastSeenBefore);

		expect(trail({ [uuid]: '{uuid}' })).toEqual([
			'GET /api/v1/conversations/all 200',
			// To is empty: the reply goes to the conversation's contact, read first.
			'GET /api/v1/conversations/{uuid} 200',
			'POST /api/v1/conversations/{uuid}/messages 200',
			'POST /api/v1/conversations/{uuid}/messages 200',
			// Message filters need v0.10.0: the version is read once.
			'GET /api/v1/settings/general 200',
			'GET /api/v1/conversations/{uuid}/messages 200',
			'PUT /api/v1/conversations/{uuid}/last-seen 200',
		]);
		const [first, second] = sandbox.requests.filter((request) => request.method === 'POST');
		expect(first.body).toEqual({
			sender_type: 'agent',
			message: '<p>Hi {{ .Contact.FirstName }}, thanks for your patience: we are on it.</p>',
			private: false,
			cc: ['team-lead@example.com'],
			to: [contactEmail],
		});
		expect(second.body).toEqual({ sender_type: 'agent', message: 'Replied; Billing please check the invoice.', private: true, mentions: [{ type: 'team', id: TEAM_IDS.billing }] });
		expect(only('GET', `/api/v1/conversations/${uuid}/messages`).query).toEqual({ private: 'false', page: '1', page_size: '5' });
	});

	it('attach-file: a file made by n8n\'s Convert to File is uploaded and attached, then downloaded into binary data', async () => {
		const execution = await runWorkflow('ldAttachFile');
		const open = nodeOutput(execution, 'Open Conversations');
		expect(open).toHaveLength(20);
		for (const item of open) {
			expect(pairedIndexes(item)).toEqual([0]);
			expect(item.json.status).toBe('Open');
		}

		// Convert to File: one file from the 20 items, each paired.
		const files = nodeOutput(execution, 'Convert to File');
		expect(files).toHaveLength(1);
		expect(pairedIndexes(files[0])).toEqual([...Array(20).keys()]);
		const file = binaryOf(files[0], 'data');
		expect(file).toMatchObject({ fileName: 'open-conversations.json', mimeType: 'application/json' });
		const bytes = binaryBytes(file);
		expect(JSON.parse(bytes.toString('utf8'))).toEqual(open.map((item) => item.json));

		const created = single(execution, 'Create with Attachment');
		const uuid = created.uuid as string;
		expect(created).toMatchObject({ subject: `Daily open conversations report - #${created.reference_number as string}`, inbox_id: INBOX_IDS.support, contact: { email: 'ops@example.com', first_name: 'Ops' } });

		// The sandbox stored the upload with the same bytes, linked to the conversation's first message.
		const upload = only('POST', '/api/v1/media');
		expect(upload.parts?.map((part) => [part.name, part.filename, part.contentType])).toEqual([['files', 'open-conversations.json', 'application/json']]);
		expect(upload.parts?.[0].data.equals(bytes)).toBe(true);
		const create = only('POST', '/api/v1/conversations');
		const mediaId = (create.body as { attachments: number[] }).attachments[0];
		expect(create.body).toEqual({
			subject: 'Daily open conversations report',
			content: '<p>The open conversations of today are attached.</p>',
			inbox_id: INBOX_IDS.support,
			contact_email: 'ops@example.com',
			first_name: 'Ops',
			initiator: 'agent',
			attachments: [mediaId],
		});
		const media = sandbox.state.mediaById(mediaId);
		expect(media).toMatchObject({ filename: 'open-conversations.json', contentType: 'application/json', size: bytes.length, modelType: 'messages' });
		expect(media?.bytes.equals(bytes)).toBe(true);
		const [first] = sandbox.state.messagesOf(uuid);
		expect(first).toMatchObject({ type: 'outgoing', private: false, mediaIds: [mediaId], id: media?.modelId });

		// Download Attachment: the outgoing message, its attachment in binary data, byte for byte.
		const downloaded = nodeOutput(execution, 'Download Attachment');
		expect(downloaded).toHaveLength(1);
		expect(pairedIndexes(downloaded[0])).toEqual([0]);
		expect(downloaded[0].json).toMatchObject({
			uuid: first.uuid,
			conversation_uuid: uuid,
			type: 'outgoing',
			attachments: [{ name: 'open-conversations.json', content_type: 'application/json', size: bytes.length, uuid: media?.uuid }],
		});
		const attachment = binaryOf(downloaded[0], 'attachment_0');
		expect(attachment).toMatchObject({ fileName: 'open-conversations.json', mimeType: 'application/json' });
		expect(binaryBytes(attachment).equals(bytes)).toBe(true);

		expect(trail({ [uuid]: '{uuid}', [media?.uuid as string]: '{media}' })).toEqual([
			'GET /api/v1/conversations/all 200',
			// Upload limits (size, extensions) are read before the file goes out (libredesk-api.md §7).
			'GET /api/v1/settings/general 200',
			'POST /api/v1/media 200',
			'POST /api/v1/conversations 200',
			'GET /api/v1/settings/general 200',
			'GET /api/v1/conversations/{uuid}/messages 200',
			// The download goes to /uploads with the credential, not to the signed URL (libredesk-api.md §7).
			'GET /uploads/{media} 200',
		]);
		expect(only('GET', `/api/v1/conversations/${uuid}/messages`).query).toEqual({ type: 'outgoing', page: '1', page_size: '100' });
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	});

	it('a file read by n8n\'s Read/Write Files from Disk is sent as a note\'s attachment, then read back with Download Attachments', async () => {
		const png = Buffer.concat([TINY_PNG, Buffer.from('e2e')]);
		writeFileSync(join(filesDir, 'screenshot.png'), png);
		const { uuid } = noteTarget();

		const execution = await runWorkflow('ldE2eReadFile');
		const read = nodeOutput(execution, 'Read Screenshot');
		expect(read).toHaveLength(1);
		expect(binaryBytes(binaryOf(read[0], 'data')).equals(png)).toBe(true);

		const note = single(execution, 'Note with Screenshot');
		expect(note).toMatchObject({ conversation_uuid: uuid, private: true, content: '<p>Screenshot from the customer attached.</p>' });
		const upload = only('POST', '/api/v1/media');
		expect(upload.parts?.map((part) => [part.name, part.filename, part.contentType])).toEqual([['files', 'screenshot.png', 'image/png']]);
		expect(upload.parts?.[0].data.equals(png)).toBe(true);
		const send = only('POST', `/api/v1/conversations/${uuid}/messages`);
		const mediaId = (send.body as { attachments: number[] }).attachments[0];
		expect(send.body).toEqual({ sender_type: 'agent', message: '<p>Screenshot from the customer attached.</p>', private: true, attachments: [mediaId] });
		const media = sandbox.state.mediaById(mediaId);
		expect(media).toMatchObject({ filename: 'screenshot.png', contentType: 'image/png', modelType: 'messages', modelId: sandbox.state.message(note.uuid as string)?.id });
		expect(media?.bytes.equals(png)).toBe(true);
		expect(sandbox.state.message(note.uuid as string)?.mediaIds).toEqual([mediaId]);

		const back = nodeOutput(execution, 'Read Note Back');
		expect(back).toHaveLength(1);
		expect(pairedIndexes(back[0])).toEqual([0]);
		expect(back[0].json).toMatchObject({ uuid: note.uuid, private: true, attachments: [expect.objectContaining({ uuid: media?.uuid, name: 'screenshot.png' })] });
		const attachment = binaryOf(back[0], 'attachment_0');
		expect(attachment).toMatchObject({ fileName: 'screenshot.png', mimeType: 'image/png' });
		expect(binaryBytes(attachment).equals(png)).toBe(true);

		const paths = trail({ [uuid]: '{uuid}', [note.uuid as string]: '{note}', [media?.uuid as string]: '{media}' });
		expect(paths.filter((line) => !line.startsWith('GET /api/v1/settings/general'))).toEqual([
			// The conversation is found before the upload: a wrong reference number leaves no stray file behind.
			'GET /api/v1/conversations/search 200',
			'POST /api/v1/media 200',
			'POST /api/v1/conversations/{uuid}/messages 200',
			'GET /api/v1/conversations/{uuid}/messages/{note} 200',
			'GET /uploads/{media} 200',
		]);
		// The upload settings (size, extensions, libredesk-api.md §7) are read once, before the upload.
		expect(paths.filter((line) => line.startsWith('GET /api/v1/settings/general'))).toHaveLength(1);
		expect(paths.indexOf('GET /api/v1/settings/general 200')).toBeLessThan(paths.indexOf('POST /api/v1/media 200'));
	});

	it('contacts: newest @example.com contact → get → update the country only → note → notes; search by email text', async () => {
		const matches = sandbox.state.users.filter(
			(user) => (user.type === 'contact' || user.type === 'visitor') && !user.deleted && user.email?.toLowerCase().includes('@example.com'),
		);
		const newestAt = Math.max(...matches.map((user) => user.createdAt));
		const execution = await runWorkflow('ldContacts');

		const newest = single(execution, 'Newest Contact');
		const id = newest.id as number;
		const contact = sandbox.state.contact(id);
		expect(contact?.createdAt).toBe(newestAt);
		const before = { ...contact };
		expect(single(execution, 'Get Contact')).toMatchObject({ id, email: before.email, first_name: before.firstName });
		const updated = single(execution, 'Update Country');
		expect(updated).toMatchObject({ id, country: 'DE', email: before.email, first_name: before.firstName, last_name: before.lastName });

		const note = single(execution, 'Add Note');
		expect(note).toMatchObject({ contact_id: id, user_id: AGENT_IDS.admin, note: expect.stringMatching(/^Moved to the Berlin office on \d{4}-\d{2}-\d{2}; phone number unchanged\.$/) });
		const notes = fromOne(execution, 'Get Notes');
		const stored = sandbox.state.notes.filter((entry) => entry.contactId === id);
		expect(notes.map((entry) => entry.id).sort()).toEqual(stored.map((entry) => entry.id).sort());
		expect(notes[0].id).toBe(note.id);

		const found = fromOne(execution, 'Search Contacts');
		const expected = sandbox.state.users.filter((user) => user.type === 'contact' && !user.deleted && user.email?.toLowerCase().includes('emma'));
		expect(found.length).toBe(Math.min(15, expected.length));
		expect(found.length).toBeGreaterThan(0);
		for (const entry of found) expect(String(entry.email).toLowerCase()).toContain('emma');

		// The sandbox: the country changed and nothing else (LibreDesk clears what an update leaves out, libredesk-api.md §8.3).
		expect(sandbox.state.contact(id)).toMatchObject({
			country: 'DE',
			firstName: before.firstName,
			lastName: before.lastName,
			email: before.email,
			phoneNumber: before.phoneNumber,
			phoneNumberCountryCode: before.phoneNumberCountryCode,
			avatarUrl: before.avatarUrl,
		});
		expect(stored.find((entry) => entry.id === note.id)).toMatchObject({ note: note.note, userId: AGENT_IDS.admin });

		expect(trail()).toEqual([
			'GET /api/v1/contacts 200',
			`GET /api/v1/contacts/${id} 200`,
			// Update reads the contact and sends all seven fields.
			`GET /api/v1/contacts/${id} 200`,
			`PUT /api/v1/contacts/${id} 200`,
			`POST /api/v1/contacts/${id}/notes 200`,
			`GET /api/v1/contacts/${id}/notes 200`,
			'GET /api/v1/contacts/search 200',
		]);
		const list = only('GET', '/api/v1/contacts');
		expect(list.query).toMatchObject({ order_by: 'users.created_at', order: 'desc', page: '1', page_size: '100' });
		expect(JSON.parse(list.query.filters as string)).toEqual([{ model: 'users', field: 'email', operator: 'ilike', value: '@example.com' }]);
		const put = only('PUT', `/api/v1/contacts/${id}`);
		expect(put.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(put.parts?.map((part) => part.name)).toEqual(['first_name', 'last_name', 'email', 'phone_number', 'phone_number_country_code', 'country', 'avatar_url']);
		expect(partText(put, 'country')).toBe('DE');
		expect(partText(put, 'first_name')).toBe(before.firstName);
		expect(partText(put, 'last_name')).toBe(before.lastName ?? '');
		expect(partText(put, 'email')).toBe(before.email);
		expect(partText(put, 'phone_number')).toBe(before.phoneNumber ?? '');
		expect(partText(put, 'avatar_url')).toBe(before.avatarUrl ?? '');
		expect(only('POST', `/api/v1/contacts/${id}/notes`).body).toEqual({ note: note.note });
		expect(only('GET', '/api/v1/contacts/search').query).toEqual({ query: 'emma' });
	});

	it('lookups-and-macro: every lookup, then the Escalate macro applied to conversation #100', async () => {
		const target = sandbox.state.conversationByReference('100');
		expect(target).toBeDefined();
		const uuid = target?.uuid as string;
		// So that both macro actions change something and "applied" is earned.
		Object.assign(target as object, { assignedTeamId: TEAM_IDS.support, priorityId: 1 });
		const execution = await runWorkflow('ldLookupsMacro');

		const me = single(execution, 'Who Am I');
		expect(me).toMatchObject({ id: AGENT_IDS.admin, email: 'alice@desk.test', first_name: 'Alice' });
		expect(JSON.stringify(me)).not.toContain(sandbox.adminSecret);
		expect(fromOne(execution, 'Enabled Agents').map((agent) => agent.id).sort()).toEqual(
			[AGENT_IDS.admin, AGENT_IDS.agent, AGENT_IDS.second, AGENT_IDS.integration].sort(),
		);
		expect(fromOne(execution, 'Email Inboxes').map((inbox) => inbox.id).sort()).toEqual([INBOX_IDS.support, INBOX_IDS.sales]);
		expect(fromOne(execution, 'Teams').map((team) => [team.id, team.name, team.emoji]).sort()).toEqual(
			sandbox.state.teams.map((team) => [team.id, team.name, team.emoji]).sort(),
		);
		expect(fromOne(execution, 'Tags').map((tag) => tag.name).sort()).toEqual(sandbox.state.tags.map((tag) => tag.name).sort());
		// Go escapes < > & in JSON; the item holds the real characters.
		expect(fromOne(execution, 'Tags').map((tag) => tag.name)).toContain('R&D <beta>');
		expect(fromOne(execution, 'Statuses').map((status) => [status.name, status.category])).toEqual(
			sandbox.state.statuses.map((status) => [status.name, status.category]),
		);
		expect(fromOne(execution, 'Priorities').map((priority) => priority.name)).toEqual(['Low', 'Medium', 'High']);
		expect(fromOne(execution, 'Contact Attributes').map((attribute) => [attribute.key, attribute.applies_to]).sort()).toEqual([
			['company', 'contact'],
			['tier', 'contact'],
			['website', 'contact'],
		]);
		expect(fromOne(execution, 'Views').map((view) => view.name).sort()).toEqual(['Everything snoozed', 'My open', 'Support queue']);
		expect(fromOne(execution, 'Macros').map((macro) => macro.name).sort()).toEqual(sandbox.state.macros.map((macro) => macro.name).sort());

		const applied = single(execution, 'Apply Escalate Macro');
		expect(applied).toMatchObject({
			uuid,
			assigned_team_id: TEAM_IDS.escalations,
			priority: 'High',
			macro: {
				id: 1,
				name: 'Escalate',
				result: 'applied',
				server_message: 'Macro applied',
				actions: [
					{ type: 'assign_team', value: ['3'], in_effect: true },
					{ type: 'set_priority', value: ['3'], in_effect: true },
				],
				skipped_actions: [],
				warnings: [],
			},
		});
		expect(sandbox.state.conversation(uuid)).toMatchObject({ assignedTeamId: TEAM_IDS.escalations, priorityId: 3 });

		// The branches run one after another (execution order v1); each lookup is one request.
		expect(trail({ [uuid]: '{uuid}' })).toEqual([
			'GET /api/v1/agents/me 200',
			'GET /api/v1/agents/compact 200',
			'GET /api/v1/inboxes 200',
			'GET /api/v1/teams/compact 200',
			'GET /api/v1/tags 200',
			'GET /api/v1/statuses 200',
			'GET /api/v1/priorities 200',
			'GET /api/v1/custom-attributes 200',
			'GET /api/v1/views/me 200',
			'GET /api/v1/views/shared 200',
			'GET /api/v1/macros 200',
			// Apply reads the macro, finds #100 by its reference number, sends the actions, reads the result.
			'GET /api/v1/macros 200',
			'GET /api/v1/conversations/search 200',
			'POST /api/v1/conversations/{uuid}/macros/1/apply 200',
			'GET /api/v1/conversations/{uuid} 200',
		]);
		expect(only('GET', '/api/v1/custom-attributes').query).toEqual({ applies_to: 'contact' });
		expect(only('POST', `/api/v1/conversations/${uuid}/macros/1/apply`).body).toEqual([
			{ type: 'assign_team', value: ['3'] },
			{ type: 'set_priority', value: ['3'] },
		]);
	});
});
