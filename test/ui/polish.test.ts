/**
 * The editor's rough edges, each checked where a user meets it: in the real n8n editor (headless
 * Chromium found on the machine, see test/ui/session.ts) with the package installed from its tarball
 * and a sandbox account.
 *
 * - "Create credential" finds the credential by "reamaze" and by "re:amaze"; its test answers a wrong
 *   token with the node's advice, not a bare "Forbidden".
 * - Canvas subtitles show display names ("Create a message", "New Conversation"), not raw values.
 * - The conversation locator's mode labels are not cut off (n8n cut "By Reference ID" to "By Refer").
 * - "From list" rows with the same subject can be told apart (customer, created day, status, slug).
 * - Conversation → Get outputs the status name (Simplify, as on Get Many).
 * - Labels and hints agree with their values: "Assignee" by email, channels by slug, no "Name or ID";
 *   the trigger's notice does not place Poll Times; Contact → Get's description has no internal caveat;
 *   "Origin ID Generation" sits next to "Origin ID"; "Look Up By" does not repeat "Conversation".
 *
 * Workflows: test/ui/fixtures/polish.json and pickers.json, plus the examples.
 * Screenshots go to test-results/ui/; with UPDATE_README_SCREENSHOT=1 the locator list also replaces
 * docs/screenshot-locator.png (off by default, so a test run leaves the tree clean).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { statusName } from '../../nodes/Reamaze/helpers/simplify.ts';
import { loadExamples, REPO_ROOT, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { closeNode, type EditorSession, inputFits, labels, ndv, openEditorSession, openNode, parameter, settledTexts, shot, signIn } from './session.ts';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as WorkflowJson;
const polish = fixture('polish.json');
const pickers = fixture('pickers.json');
const LOCATOR_SHOT = join(REPO_ROOT, 'docs', 'screenshot-locator.png');

let session: EditorSession;
const page = () => session.page;

beforeAll(async () => {
	session = await openEditorSession({ name: 'polish', workflows: [...loadExamples().map((example) => example.workflow), pickers, polish] });
	await signIn(session);
});

afterAll(async () => {
	await session?.close();
});

async function openWorkflow(id: string): Promise<void> {
	await page().goto(`${session.local.server.url}/workflow/${id}`);
	await page().locator('[data-test-id="canvas-node"]').first().waitFor();
}

/** A canvas node's lines: its name, then its subtitle. */
async function canvasLines(name: string): Promise<string[]> {
	const text = await page().locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).innerText();
	return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** The mode selector's input of a resource locator parameter. */
function modeInput(name: string): Locator {
	return ndv(page()).getByTestId(`resource-locator-${name}`).getByTestId('rlc-mode-selector').locator('input').first();
}

async function chooseMode(name: string, mode: string): Promise<void> {
	await ndv(page()).getByTestId(`resource-locator-${name}`).getByTestId('rlc-mode-selector').click();
	await page().locator(`[data-test-id="mode-${mode}"]:visible`).click();
}

/** Opens a resource locator's "From list" and returns its rows once they stopped loading. */
async function listRows(name: string): Promise<string[]> {
	await ndv(page()).getByTestId(`resource-locator-${name}`).getByTestId('rlc-input').click();
	return await settledTexts(page(), page().locator('[data-test-id="rlc-item"]:visible'));
}

async function closeList(): Promise<void> {
	await page().keyboard.press('Escape');
	await expect.poll(() => page().locator('[data-test-id="rlc-item"]:visible').count(), { timeout: 10_000 }).toBe(0);
}

describe('editor polish of the Re:amaze nodes', () => {
	it('"Create credential" finds the credential by "reamaze" and by "re:amaze"', async () => {
		await page().goto(`${session.local.server.url}/home/credentials`);
		await page().getByTestId('add-resource-credential').click();
		const search = page().getByTestId('new-credential-type-select').locator('input').first();
		const options = page().locator('[data-test-id="new-credential-type-select-option"]:visible');
		for (const typed of ['reamaze', 're:amaze', 'Re:amaze']) {
			await search.fill(typed);
			await expect.poll(() => options.allInnerTexts(), { message: typed, timeout: 10_000 }).toEqual(['Re:amaze/Reamaze API']);
		}
		// A control: the list really filters.
		await search.fill('re:amaze-no-such-service');
		await expect.poll(() => options.count(), { timeout: 10_000 }).toBe(0);
		await search.fill('re:amaze');
		await shot(page(), 'polish-01-credential-search');
	});

	it('the credential test answers a wrong token with the node\'s advice, not "Forbidden"', async () => {
		await page().locator('[data-test-id="new-credential-type-select-option"]:visible', { hasText: 'Re:amaze/Reamaze API' }).click();
		await page().getByTestId('new-credential-type-button').click();
		const modal = page().getByTestId('editCredential-modal');
		await modal.getByTestId('parameter-input-brand').locator('input').fill(session.sandbox.brand);
		await modal.getByTestId('parameter-input-email').locator('input').fill(session.sandbox.email);
		await modal.getByTestId('parameter-input-apiToken').locator('input').fill('not-the-sandbox-token');
		await modal.getByTestId('parameter-input-baseUrl').locator('input').fill(session.sandbox.baseUrl);
		await page().getByTestId('credential-save-button').click();
		// Saving runs the test; n8n folds its message behind "More details".
		await modal.getByText(/Couldn.t connect with these settings/).waitFor({ timeout: 30_000 });
		await modal.getByText('More details').click();
		const advice = modal.getByText(/^Re:amaze refused access \(HTTP 403\)/);
		await advice.waitFor();
		expect(await advice.innerText()).toContain('Check the Login Email and API Token.');
		expect(await modal.innerText()).not.toMatch(/^\s*Forbidden\s*$/m);
		// The sandbox refused exactly that token, on the test's endpoint.
		expect(session.sandbox.requests.some((request) => request.path.endsWith('/channels') && request.status === 403)).toBe(true);
		await shot(page(), 'polish-02-credential-test');
		await page().keyboard.press('Escape');
	});

	it('canvas subtitles show display names, not raw values', async () => {
		await openWorkflow(polish.id);
		const expected: Record<string, string> = {
			'New Conversations': 'New Conversation',
			'Get by Ref': 'Get a conversation',
			Assign: 'Update a conversation',
			'Reply Once': 'Create a message',
			'Tags Report': 'Get the tags report',
			'Look Up Contact': 'Get a contact',
		};
		for (const [node, subtitle] of Object.entries(expected)) {
			const lines = await canvasLines(node);
			expect(lines, node).toContain(subtitle);
			// What n8n shows for the usual `operation: resource` subtitle, and the trigger's raw value.
			expect(lines.join('\n'), node).not.toMatch(/\b(newConversation|tags: report|get: contact|create: message)\b/);
		}
		await shot(page(), 'polish-03-canvas-subtitles');
	});

	it('the trigger\'s notice names Poll Times without placing it (n8n shows Poll Times above it)', async () => {
		await openNode(page(), 'New Conversations');
		const notice = ndv(page()).getByText(/offers no webhooks/);
		await notice.waitFor();
		const text = await notice.innerText();
		expect(text).toContain('at the times set in Poll Times');
		expect(text).not.toMatch(/\b(below|above)\b/);
		const pollTimes = ndv(page()).locator('[data-test-id="input-label"]', { hasText: 'Poll Times' }).first();
		expect((await pollTimes.boundingBox())!.y).toBeLessThan((await notice.boundingBox())!.y);
		await shot(page(), 'polish-04-trigger-notice');
		await closeNode(page());
	});

	it('Conversation → Get: "Look Up By" does not repeat "Conversation", and no locator mode label is cut off', async () => {
		await openNode(page(), 'Get by Ref');
		const shown = await labels(page());
		expect(shown.slice(shown.indexOf('Look Up By'), shown.indexOf('Look Up By') + 3)).toEqual(['Look Up By', 'Conversation', 'Simplify']);
		expect(await parameter(page(), 'lookupBy').locator('input').first().inputValue()).toBe('Slug, URL or Ref');

		const mode = modeInput('conversation');
		expect(await mode.inputValue()).toBe('By Ref');
		expect(await inputFits(mode)).toMatchObject({ fits: true });
		// The check catches the old label in the same input: "By Reference ID" needs more room than it has.
		expect(await inputFits(mode, 'By Reference ID')).toMatchObject({ fits: false });
		for (const [name, label] of [['slug', 'By Slug'], ['url', 'By URL'], ['ref', 'By Ref']]) {
			await chooseMode('conversation', name);
			await expect.poll(() => mode.inputValue()).toBe(label);
			expect(await inputFits(mode), label).toMatchObject({ fits: true });
		}
		await shot(page(), 'polish-05-get-by-ref');
	});

	it('Conversation → Get outputs the status name (Simplify, as on Get Many)', async () => {
		// Runs the trigger (its test event: the newest conversation) and then this node.
		await ndv(page()).getByTestId('node-execute-button').click();
		const output = ndv(page()).getByTestId('output-panel');
		await expect.poll(() => output.innerText(), { timeout: 60_000 }).toContain('status_name');
		await output.getByTestId('radio-button-json').click();
		// The JSON view wraps lines between a key and its value.
		const json = async () => (await output.innerText()).replace(/\s+/g, ' ');
		await expect.poll(json, { timeout: 10_000 }).toMatch(/"status_name": "[^"]+"/);
		const text = await json();
		const status = Number(/"status": (\d+)/.exec(text)?.[1]);
		expect(statusName(status)).toBeDefined();
		expect(text).toContain(`"status_name": "${statusName(status)}"`);
		await shot(page(), 'polish-06-get-status-name');
		await closeNode(page());
	});

	it('Conversation → Update: "Assignee" (by email) and "Move to Channel" (by slug), no "Name or ID" and no "specify an ID"', async () => {
		await openNode(page(), 'Assign');
		await parameter(page(), 'assignee').waitFor();
		const shown = await labels(page());
		expect(shown).toEqual(expect.arrayContaining(['Conversation', 'Assignee', 'Move to Channel']));
		const panel = await ndv(page()).getByTestId('node-parameters').innerText();
		expect(panel).not.toMatch(/Name or ID|specify an ID/);
		expect(await modeInput('assignee').inputValue()).toBe('By Email');
		await ndv(page()).getByText('The email address the staff user logs in to Re:amaze with').waitFor();
		expect(await modeInput('moveToChannel').inputValue()).toBe('By Slug');
		await ndv(page()).getByText('The channel\'s slug, as in "category.slug" of Re:amaze output').waitFor();
		for (const name of ['conversation', 'assignee', 'moveToChannel']) expect(await inputFits(modeInput(name)), name).toMatchObject({ fits: true });
		await shot(page(), 'polish-07-update-assignee');
		await closeNode(page());
	});

	it('Message → Create: "Origin ID Generation" sits right below "Origin ID"', async () => {
		await openNode(page(), 'Reply Once');
		await parameter(page(), 'autoOriginId').waitFor();
		const shown = await labels(page());
		expect(shown.indexOf('Origin ID Generation')).toBe(shown.indexOf('Origin ID') + 1);
		expect(shown).not.toContain('Automatic Origin ID');
		await shot(page(), 'polish-08-origin-id');
		await closeNode(page());
	});

	it('Contact → Get describes what it does, without the internal caveat', async () => {
		await openNode(page(), 'Look Up Contact');
		await parameter(page(), 'operation').click();
		const get = page().locator('[data-test-id="parameter-input-item"]:visible').filter({ has: page().locator('.option-headline', { hasText: /^Get$/ }) });
		expect((await get.locator('.option-description').innerText()).trim()).toBe('Get one contact by email, mobile number or social handle');
		const all = (await page().locator('[data-test-id="parameter-input-item"]:visible').allInnerTexts()).join('\n');
		expect(all).not.toMatch(/official list|used by API clients/);
		await shot(page(), 'polish-09-contact-get');
		await page().keyboard.press('Escape');
		await closeNode(page());
	});

	it('Channel and Assignee "From list" rows name the channel or staff user; the values are slug and email', async () => {
		await openWorkflow(pickers.id);
		await openNode(page(), 'Create Conversation');
		expect(await labels(page())).toEqual(expect.arrayContaining(['Channel', 'Assignee']));
		expect(await modeInput('channel').inputValue()).toMatch(/^From list$/i);
		// n8n lists the current value first, the rest in the node's order (by name).
		const channels = await listRows('channel');
		expect(channels[0]).toBe('Sales (sales) · Email');
		expect([...channels].sort()).toEqual(['SMS (sms) · SMS', 'Sales (sales) · Email', 'Support (support) · Email', 'Website Chat (chat) · Chat']);
		await shot(page(), 'polish-10-channel-list');
		await closeList();
		const staff = await listRows('assignee');
		expect(staff[0]).toBe('Sam Rivera (sam@acme.test)');
		expect([...staff].sort()).toEqual(session.sandbox.state.staff.map((user) => `${user.name} (${user.email})`).sort());
		await closeList();
		await closeNode(page());
	});

	it('Conversation "From list" rows with the same subject can be told apart', async () => {
		await openNode(page(), 'Reply');
		const rows = await listRows('conversation');
		expect(rows.length).toBeGreaterThanOrEqual(30);
		// The sandbox repeats subjects, so the rows need more than the subject…
		const subjects = rows.map((row) => row.split(' · ')[0]);
		expect(new Set(subjects).size).toBeLessThan(subjects.length);
		// …and get it: every row is different, as "subject · customer · YYYY-MM-DD · status".
		expect(new Set(rows).size).toBe(rows.length);
		for (const row of rows) expect(row).toMatch(/^.+ · .+ · \d{4}-\d{2}-\d{2} · [^·]+( · [\w-]+)?$/);
		const located = await shot(page(), 'polish-11-conversation-list');
		if (process.env.UPDATE_README_SCREENSHOT === '1') copyFileSync(located, LOCATOR_SHOT);
		await closeList();
		await closeNode(page());
	});

	it('the browser never left 127.0.0.1', () => {
		expect(session.outsideRequests).toEqual([]);
	});
});
