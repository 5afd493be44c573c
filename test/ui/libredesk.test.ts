/**
 * The LibreDesk node in the real n8n editor (headless Chromium found on the machine, see
 * test/ui/session.ts), with the package installed from its tarball and a LibreDesk credential that
 * points at the LibreDesk sandbox. A one-node workflow is opened, the node switched to
 * Conversation → Create and then → Update, and every dropdown filled from the server is read as a
 * user sees it: Inbox (enabled email inboxes only), Team, Agent, Status, Tags and the conversation
 * locator's "From list". Each list is compared with the sandbox's own data and requests.
 * Screenshots go to test-results/ui/libredesk-*.png.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importCredentials, LIBREDESK_CREDENTIAL_ID, LIBREDESK_CREDENTIAL_TYPE, LIBREDESK_NODE_TYPE, LIBREDESK_SANDBOX_CREDENTIAL_NAME, LIBREDESK_TRIGGER_TYPE, libreDeskCredential, loadedTypes, login, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../sandbox/libredesk/index.ts';
import { closeNode, type EditorSession, labels, ndv, openEditorSession, openNode, parameter, settledTexts, shot, signIn } from './session.ts';

const WORKFLOW_ID = 'ldUiPickers';
const NODE = 'LibreDesk';

/** One LibreDesk node (Agent → Get Me, the simplest operation): the test switches it to Conversation itself. */
const fixture: WorkflowJson = {
	id: WORKFLOW_ID,
	name: 'UI: LibreDesk pickers',
	active: false,
	nodes: [
		{ id: '9b1d0000-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: '9b1d0000-0000-4000-8000-000000000002',
			name: NODE,
			type: LIBREDESK_NODE_TYPE,
			typeVersion: 1,
			position: [240, 0],
			parameters: { resource: 'agent', operation: 'getMe' },
			credentials: { [LIBREDESK_CREDENTIAL_TYPE]: { id: LIBREDESK_CREDENTIAL_ID, name: LIBREDESK_SANDBOX_CREDENTIAL_NAME } },
		},
	],
	connections: { Start: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let session: EditorSession;
let libreDesk: LibreDeskSandbox;
const page = () => session.page;

beforeAll(async () => {
	libreDesk = await startLibreDeskSandbox({ port: 0, conversations: 60 });
	session = await openEditorSession({ name: 'libredesk', workflows: [fixture] });
	// The running instance reads credentials from its database on use, so importing now is enough.
	await importCredentials(session.local.context, [
		libreDeskCredential({ baseUrl: libreDesk.url, apiKey: libreDesk.adminKey, apiSecret: libreDesk.adminSecret }),
	]);
	await signIn(session);
});

afterAll(async () => {
	await session?.close();
	await libreDesk?.close();
});

function exactly(text: string): RegExp {
	return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The options of the open dropdown: n8n marks a single choice's options, a multi-select's are plain list items. */
const openOptions = (): Locator => page().locator('[data-test-id="parameter-input-item"]:visible, .el-select-dropdown__item:visible');

/** Opens an options parameter and picks the option with this title. */
async function choose(name: string, title: string): Promise<void> {
	await parameter(page(), name).click();
	await openOptions().filter({ has: page().locator('.option-headline', { hasText: exactly(title) }) }).click();
}

/**
 * Opens a dropdown filled from the server and returns its options' titles once they stopped loading.
 * A field that was just added, or whose options are still loading, may miss a click or close its
 * list again while it re-renders, so the click is repeated until the list shows and holds options
 * (every wait is for the list itself, bounded).
 */
async function dropdown(name: string): Promise<string[]> {
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (!(await openOptions().first().isVisible())) await parameter(page(), name).click();
		const shown = await openOptions()
			.first()
			.waitFor({ timeout: 5_000 })
			.then(
				() => true,
				() => false,
			);
		if (shown) {
			const texts = await settledTexts(page(), openOptions());
			if (texts.length > 0) return texts;
		}
		if (Date.now() > deadline) {
			await shot(page(), `libredesk-failed-${name}`);
			throw new Error(`the dropdown "${name}" did not open (screenshot libredesk-failed-${name}.png)`);
		}
	}
}

async function closeDropdown(): Promise<void> {
	await page().keyboard.press('Escape');
	await expect.poll(() => openOptions().count(), { timeout: 10_000 }).toBe(0);
}

/** Adds a field of the node's collection ("Additional Fields", "Update Fields") by its title. */
async function addField(title: RegExp): Promise<void> {
	await ndv(page()).getByTestId('collection-parameter-add').first().click();
	const options = page().locator('[data-test-id="collection-parameter-option"]:visible');
	await options.first().waitFor();
	await options.filter({ hasText: title }).first().click();
	// Until the list has closed, a click meant for the new field lands on the closing list.
	await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(0);
}

const requested = (path: string) => libreDesk.requests.filter((request) => request.method === 'GET' && request.path === path).length;

/** One page of a list straight from the sandbox (not through n8n). */
async function sandboxPage(path: string): Promise<Array<Record<string, unknown>>> {
	const response = await fetch(`${libreDesk.url}${path}`, {
		headers: { authorization: `Basic ${Buffer.from(`${libreDesk.adminKey}:${libreDesk.adminSecret}`).toString('base64')}` },
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { data: { results: Array<Record<string, unknown>> } }).data.results;
}

describe('the LibreDesk node in the n8n editor, on the LibreDesk sandbox', () => {
	it('the editor offers the LibreDesk node, its trigger and its credential', async () => {
		const types = await loadedTypes(session.local.server.url, await login(session.local.server.url));
		expect(types.nodes.find((type) => type.name === LIBREDESK_NODE_TYPE)).toMatchObject({ displayName: 'LibreDesk', version: 1 });
		expect(types.nodes.find((type) => type.name === LIBREDESK_TRIGGER_TYPE)).toMatchObject({ displayName: 'LibreDesk Trigger', version: 1 });
		expect(types.credentials.find((type) => type.name === LIBREDESK_CREDENTIAL_TYPE)).toMatchObject({ displayName: 'LibreDesk API' });
	});

	it('Conversation → Create: the Inbox dropdown lists the enabled email inboxes only', async () => {
		await page().goto(`${session.local.server.url}/workflow/${WORKFLOW_ID}`);
		await page().locator(`[data-test-id="canvas-node"][data-node-name="${NODE}"]`).waitFor();
		await openNode(page(), NODE);
		libreDesk.clearRequests();
		await choose('resource', 'Conversation');
		await choose('operation', 'Create');
		await parameter(page(), 'inboxId').waitFor();
		expect(await labels(page())).toEqual(expect.arrayContaining(['Contact Email', 'First Name', 'Subject', 'Content', 'Initiator']));

		const inboxes = await dropdown('inboxId');
		// Sales and Support; not "Legacy" (an email inbox that is disabled) nor "Website chat" (live chat).
		expect(inboxes).toEqual(['Sales (email)', 'Support (email)']);
		expect(libreDesk.state.inboxes.map((inbox) => [inbox.name, inbox.channel, inbox.enabled])).toEqual([
			['Support', 'email', true],
			['Sales', 'email', true],
			['Legacy', 'email', false],
			['Website chat', 'livechat', true],
		]);
		expect(requested('/api/v1/inboxes')).toBeGreaterThan(0);
		await shot(page(), 'libredesk-01-create-inbox');
		await closeDropdown();
	});

	it('Conversation → Create: the Team and Agent dropdowns list the sandbox\'s teams and enabled agents', async () => {
		await addField(/^Team( Name or ID)?$/);
		await parameter(page(), 'teamId').waitFor();
		const teams = await dropdown('teamId');
		expect([...teams].sort()).toEqual(libreDesk.state.teams.map((team) => `${team.emoji} ${team.name}`).sort());
		expect(teams).toHaveLength(3);
		expect(requested('/api/v1/teams/compact')).toBeGreaterThan(0);
		await shot(page(), 'libredesk-02-create-team');
		await closeDropdown();

		await addField(/^Agent( Name or ID)?$/);
		await parameter(page(), 'agentId').waitFor();
		const agents = await dropdown('agentId');
		// Agents and the AI assistant, by name; Dan Disabled and the internal System user are not offered.
		expect([...agents].sort()).toEqual(['Alice Admin', 'Aria AI (AI assistant)', 'Bob Agent', 'Carol Second', 'Ivy Integration']);
		const offered = libreDesk.state.agents().filter((agent) => agent.enabled && agent.type !== 'system');
		expect(offered).toHaveLength(agents.length);
		expect(requested('/api/v1/agents/compact')).toBeGreaterThan(0);
		await shot(page(), 'libredesk-03-create-agent');
		await closeDropdown();
	});

	it('Conversation → Update: the Status dropdown and the Tags picker list the server\'s statuses and tags', async () => {
		await choose('operation', 'Update');
		await ndv(page()).getByTestId('resource-locator-conversation').waitFor();
		expect(await labels(page())).not.toContain('Contact Email');

		await addField(/^Status( Name or ID)?$/);
		await parameter(page(), 'status').waitFor();
		const statuses = await dropdown('status');
		expect([...statuses].sort()).toEqual(libreDesk.state.statuses.map((status) => status.name).sort());
		expect(statuses).toContain('Waiting on customer');
		await shot(page(), 'libredesk-04-update-status');
		await closeDropdown();

		await addField(/^Tags?( Names or IDs)?$/);
		await parameter(page(), 'tags').waitFor();
		const tags = await dropdown('tags');
		expect([...tags].sort()).toEqual(libreDesk.state.tags.map((tag) => tag.name).sort());
		// Go's escaping (\u003c, \u0026) never reaches the editor.
		expect(tags).toContain('R&D <beta>');
		expect(requested('/api/v1/tags')).toBeGreaterThan(0);
		await shot(page(), 'libredesk-05-update-tags');
		await closeDropdown();
	});

	it('Conversation → Update: the conversation locator lists the newest conversations "From list"', async () => {
		const locator = ndv(page()).getByTestId('resource-locator-conversation');
		expect((await locator.getByTestId('rlc-mode-selector').locator('input').first().inputValue()).trim()).toMatch(/^From list$/i);
		libreDesk.clearRequests();
		await locator.getByTestId('rlc-input').click();
		const rows = await settledTexts(page(), page().locator('[data-test-id="rlc-item"]:visible'));

		// The sandbox's own answer to the pages the picker read: "#ref · subject · status", 30 a page.
		const reads = libreDesk.requests.filter((request) => request.path === '/api/v1/conversations/all');
		expect(reads.length).toBeGreaterThan(0);
		expect(reads[0].query).toMatchObject({ page: '1', page_size: '30' });
		const pages = reads.map((request) => Number(request.query.page));
		const listed = (await Promise.all(pages.map((number) => sandboxPage(`/api/v1/conversations/all?page=${number}&page_size=30`)))).flat();
		expect(rows.length).toBeGreaterThanOrEqual(30);
		expect(rows).toEqual(
			listed.map((conversation) => {
				const contact = conversation.contact as { email?: string };
				// The stored subject ends in " - #ref" (libredesk-api.md §5.1); the row names the reference once.
				const subject = ((conversation.subject as string | null) ?? '').replace(` - #${conversation.reference_number as string}`, '').trim();
				return `#${conversation.reference_number as string} · ${subject || contact.email || conversation.uuid} · ${conversation.status as string}`;
			}),
		);
		await shot(page(), 'libredesk-06-update-conversation-list');

		// Picking a row fills the locator with that conversation.
		await page().locator('[data-test-id="rlc-item"]:visible').filter({ hasText: exactly(rows[0]) }).first().click();
		const picked = locator.locator('input[data-test-id="rlc-input"], [data-test-id="rlc-input"] input').first();
		await expect.poll(() => picked.inputValue(), { timeout: 10_000 }).toBe(rows[0]);
		await shot(page(), 'libredesk-07-conversation-picked');
		await closeNode(page());
	});

	it('the browser never left 127.0.0.1', () => {
		expect(session.outsideRequests).toEqual([]);
	});
});
