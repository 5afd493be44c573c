/**
 * The node in the real n8n editor, driven through headless Chromium (Debian's, via playwright-core):
 * n8n starts the way `npm start` starts it (own user folder, sandbox credential, example workflows),
 * the test signs in through the login form, runs an example from the editor and opens the Re:amaze
 * node to check which fields each Resource / Operation / Status choice shows. A fixture workflow
 * (test/ui/fixtures/pickers.json) then shows the pickers filled from the sandbox: Channel and
 * Assignee dropdowns, and the Conversation locator's "From list" with its search.
 * Screenshots go to test-results/ui/; with UPDATE_README_SCREENSHOT=1 the one of the executed On Hold
 * node also replaces docs/screenshot-node.png (off by default, so a test run leaves the tree clean).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { findBrowser, NO_BROWSER_MESSAGE } from '../../scripts/find-browser.ts';
import { freePort, launchLocalN8n, loadExamples, LOCAL_OWNER, type LocalN8n, NODE_TYPE, REPO_ROOT, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

const SHOTS = join(REPO_ROOT, 'test-results', 'ui');
/** A workflow whose Channel, Assignee and Conversation fields are pickers filled from the account. */
const pickersFixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'pickers.json'), 'utf8')) as WorkflowJson;
const README_SHOT = join(REPO_ROOT, 'docs', 'screenshot-node.png');
// Offline by construction: no background services, and every host name but 127.0.0.1 fails to resolve.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

let root: string;
let sandbox: Sandbox;
let local: LocalN8n;
let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];

beforeAll(async () => {
	// A browser already on the machine (never installed by a test run): `npm test` skips this file
	// when there is none, CI installs Debian's chromium first (scripts/install-chromium.sh).
	const executablePath = findBrowser();
	if (!executablePath) throw new Error(`UI test: ${NO_BROWSER_MESSAGE}`);
	root = mkdtempSync(join(tmpdir(), 'reamaze-ui-'));
	mkdirSync(SHOTS, { recursive: true });
	mkdirSync(dirname(README_SHOT), { recursive: true });
	sandbox = await startSandbox({ port: 0 });
	local = await launchLocalN8n({
		userFolder: join(root, 'n8n'),
		port: await freePort(),
		account: { brand: sandbox.brand, email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl },
		workflows: [...loadExamples().map((example) => example.workflow), pickersFixture],
		log: (message) => console.log(`[ui] ${message}`),
	});
	selectors.setTestIdAttribute('data-test-id');
	browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	// One context (one login) for every page the tests open.
	page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	page.setDefaultTimeout(20_000);
	watchRequests(page);
});

function watchRequests(target: Page): void {
	target.on('request', (request) => {
		const url = request.url();
		if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(url)) outsideRequests.push(url);
	});
}

afterAll(async () => {
	await browser?.close();
	await local?.server.stop();
	await sandbox?.close();
	if (root && !process.env.KEEP_UI) rmSync(root, { recursive: true, force: true });
});

async function shot(name: string): Promise<string> {
	await page.waitForTimeout(400); // let dropdown and panel animations finish
	const file = join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

const ndv = () => page.getByTestId('ndv');
const parameter = (name: string): Locator => ndv().getByTestId(`parameter-input-${name}`);

// The conversation picker (a resource locator) and the channel dropdown ("… Name or ID", n8n's
// wording for a list loaded from the account) have carried other labels in earlier versions.
const CONVERSATION = /^Conversation( Slug)?$/;
const CHANNEL = /^Channel( Name or ID)?$/;
/** The On Hold example's conversation as a "From list" row: subject · customer · created day · status. */
const REFUND_ROW = /^Refund for order #1002 · Alex Kim · \d{4}-\d{2}-\d{2} · On Hold$/;

function expectLabels(shown: string[], expected: Array<string | RegExp>): void {
	for (const label of expected) {
		expect(
			shown.some((text) => (typeof label === 'string' ? text === label : label.test(text))),
			`label ${String(label)} in [${shown.join(', ')}]`,
		).toBe(true);
	}
}

/** The labels of the parameters the node panel shows, top to bottom. */
async function labels(): Promise<string[]> {
	const texts = await ndv().locator('[data-test-id="input-label"] label').allInnerTexts();
	return texts.map((text) => text.split('\n')[0].trim());
}

function exactly(text: string): RegExp {
	return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Opens an options parameter and picks the option with this title. */
async function choose(name: string, title: string): Promise<void> {
	await parameter(name).click();
	await page
		.locator('[data-test-id="parameter-input-item"]:visible')
		.filter({ has: page.locator('.option-headline', { hasText: exactly(title) }) })
		.click();
}

/** Opens the "Add Field" list of the node's collection and returns what it offers (the list stays open). */
async function openAddField(): Promise<string[]> {
	await ndv().getByTestId('collection-parameter-add').first().click();
	const options = page.locator('[data-test-id="collection-parameter-option"]:visible');
	await options.first().waitFor();
	return (await options.allInnerTexts()).map((text) => text.trim());
}

async function addField(title: string): Promise<void> {
	await openAddField();
	await page.locator('[data-test-id="collection-parameter-option"]:visible', { hasText: exactly(title) }).click();
}

/** Waits for the canvas to render, then counts the Re:amaze nodes on it. */
async function reamazeNodesOnCanvas(): Promise<number> {
	const nodes = page.locator(`[data-test-id="canvas-node"][data-node-type="${NODE_TYPE}"]`);
	await nodes.first().waitFor();
	return await nodes.count();
}

/** The credential the node panel shows as selected. */
async function selectedCredential(): Promise<string> {
	const select = ndv().getByTestId('node-credentials-select');
	const text = (await select.innerText()).trim();
	return text || (await select.locator('input').first().inputValue()) || (await select.locator('input').first().getAttribute('placeholder')) || '';
}

/** The first lines of the items' texts, once their number has stopped changing (lists load on as they render). */
async function settledTexts(items: Locator): Promise<string[]> {
	await items.first().waitFor();
	let count = -1;
	for (let stable = 0; stable < 3; ) {
		await page.waitForTimeout(300);
		const now = await items.count();
		stable = now === count ? stable + 1 : 0;
		count = now;
	}
	return (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
}

/** One page of a list straight from the sandbox (not through n8n). */
async function sandboxList(path: string): Promise<Array<{ subject: string; slug: string }>> {
	const response = await fetch(`${sandbox.baseUrl}${path}`, {
		headers: { authorization: `Basic ${Buffer.from(`${sandbox.email}:${sandbox.token}`).toString('base64')}`, accept: 'application/json' },
	});
	expect(response.status).toBe(200);
	return ((await response.json()) as { conversations: Array<{ subject: string; slug: string }> }).conversations;
}

async function openNode(name: string): Promise<void> {
	// A panel left open (by an earlier failure) would swallow the double-click.
	if (await ndv().isVisible()) await closeNode();
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await ndv().waitFor();
}

async function closeNode(): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await ndv().waitFor({ state: 'hidden' });
}

describe('the Re:amaze node in the n8n editor', () => {
	it('signs in through the login form', async () => {
		await page.goto(`${local.server.url}/signin`);
		await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(LOCAL_OWNER.email);
		await page.locator('[data-test-id="password"] input').fill(LOCAL_OWNER.password);
		await shot('01-sign-in');
		await page.getByTestId('form-submit-button').click();
		await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
		expect(new URL(page.url()).pathname).not.toMatch(/signin|setup/);
	});

	it('runs the On Hold example from the editor against the sandbox', async () => {
		const before = sandbox.state.conversations().length;
		await page.goto(`${local.server.url}/workflow/reamazeOnHold`);
		expect(await reamazeNodesOnCanvas()).toBe(2);
		await page.getByTestId('execute-workflow-button').click();
		// Trigger, Create Conversation and Put On Hold all marked successful on the canvas.
		await expect.poll(() => page.getByTestId('canvas-node-status-success').count(), { timeout: 30_000 }).toBe(3);

		const created = sandbox.state.conversations().filter((conversation) => conversation.subject === 'Refund for order #1002');
		expect(sandbox.state.conversations().length).toBe(before + 1);
		expect(created).toHaveLength(1);
		expect(created[0].status).toBe(5);
		expect(created[0].holdUntil).toBeGreaterThan(Date.now() + 2 * 24 * 3_600_000);

		await openNode('Put On Hold');
		await parameter('holdUntil').waitFor();
		expectLabels(await labels(), [CONVERSATION, 'Update Fields', 'Hold Until', 'Status']);
		await expect.poll(() => ndv().getByTestId('output-panel').innerText(), { timeout: 10_000 }).toMatch(/refund-for-order-1002/);
		const executed = await shot('02-on-hold-executed');
		if (process.env.UPDATE_README_SCREENSHOT === '1') copyFileSync(executed, README_SHOT);
		await closeNode();
	});

	it('Conversation → Create shows Subject, Channel and Customer Email', async () => {
		await page.goto(`${local.server.url}/workflow/reamazeLifecycle`);
		expect(await reamazeNodesOnCanvas()).toBe(6);
		await shot('03-lifecycle-workflow');
		await openNode('Create Conversation');
		for (const name of ['subject', 'channel', 'body', 'customerEmail', 'customerName']) {
			await expect.poll(() => parameter(name).isVisible(), { message: name, timeout: 10_000 }).toBe(true);
		}
		const shown = await labels();
		expectLabels(shown, ['Resource', 'Operation', 'Subject', CHANNEL, 'Message', 'Customer Email', 'Customer Name', 'Additional Fields']);
		// In this order, directly below Operation.
		expect(shown.slice(2, 4)).toEqual(['Subject', expect.stringMatching(CHANNEL)]);
		expect(await selectedCredential()).toBe('Re:amaze sandbox');
		await shot('04-create-conversation');
		await closeNode();
	});

	it('Message → Create shows Visibility', async () => {
		await openNode('Reply to Customer');
		await parameter('visibility').waitFor();
		const shown = await labels();
		expectLabels(shown, [CONVERSATION, 'Message', 'Visibility']);
		expect(shown).not.toContain('Subject');
		await shot('05-message-create');
	});

	it('switching the Resource to Conversation shows its Create fields; Additional Fields offers Suppress Notifications', async () => {
		await choose('resource', 'Conversation');
		await parameter('subject').waitFor();
		await expect.poll(labels, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Subject', expect.stringMatching(CHANNEL), 'Customer Email']));
		expect(await labels()).not.toContain('Visibility');
		const offered = await openAddField();
		expect(offered).toEqual(expect.arrayContaining(['Suppress Notifications', 'Tags', 'Status', 'Custom Fields']));
		// Hold Until belongs to status On Hold only.
		expect(offered).not.toContain('Hold Until');
		await shot('06-conversation-create-additional-fields');
		await page.keyboard.press('Escape');
	});

	it('Conversation → Update: Hold Until appears for status On Hold and goes away for another status', async () => {
		await choose('operation', 'Update');
		await parameter('conversation').waitFor();
		await expect.poll(labels, { timeout: 10_000 }).toEqual(expect.arrayContaining([expect.stringMatching(CONVERSATION), 'Update Fields']));
		expect(await labels()).not.toContain('Subject');

		await addField('Status');
		await parameter('status').waitFor();
		expect(await labels()).not.toContain('Hold Until');
		expect(await openAddField()).not.toContain('Hold Until');
		await page.keyboard.press('Escape');

		await choose('status', '5 · On Hold');
		expect(await openAddField()).toContain('Hold Until');
		await page.locator('[data-test-id="collection-parameter-option"]:visible', { hasText: exactly('Hold Until') }).click();
		await parameter('holdUntil').waitFor();
		expect(await labels()).toEqual(expect.arrayContaining(['Hold Until', 'Status']));
		await shot('07-update-on-hold');

		await choose('status', '2 · Done (Resolved)');
		await parameter('holdUntil').waitFor({ state: 'detached' });
		expect(await labels()).not.toContain('Hold Until');
		expect(await openAddField()).not.toContain('Hold Until');
		await page.keyboard.press('Escape');
		await shot('08-update-done');
	});

	it('pickers: the Channel and Assignee lists show the sandbox channels and staff by name', async () => {
		// A page of its own: the one above holds unsaved edits, which would hold up a navigation.
		page = await page.context().newPage();
		page.setDefaultTimeout(20_000);
		watchRequests(page);
		await page.goto(`${local.server.url}/workflow/${pickersFixture.id}`);
		expect(await reamazeNodesOnCanvas()).toBe(2);
		await openNode('Create Conversation');

		// Resource locators ("From list" or by slug / email): the list is read when it is opened.
		const channel = ndv().getByTestId('resource-locator-channel');
		expect((await channel.getByTestId('rlc-mode-selector').locator('input').first().inputValue()).trim()).toMatch(/^From list$/i);
		await channel.getByTestId('rlc-input').click();
		const rows = page.locator('[data-test-id="rlc-item"]:visible');
		expect(await settledTexts(rows)).toEqual([
			'Sales (sales) · Email',
			'SMS (sms) · SMS',
			'Support (support) · Email',
			'Website Chat (chat) · Chat',
		]);
		// Every channel of the brand, by name and slug; the other brand's channel is not offered.
		expect(sandbox.state.channels().map((channel) => channel.slug).sort()).toEqual(['chat', 'sales', 'sms', 'support']);
		expect(sandbox.requests.filter((request) => request.path === '/acme/api/v1/channels').length).toBeGreaterThan(0);
		await shot('09-channel-picker');
		await page.keyboard.press('Escape');
		await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(0);

		await ndv().getByTestId('resource-locator-assignee').getByTestId('rlc-input').click();
		const staff = await settledTexts(rows);
		// n8n lists the current value (the fixture's) first.
		expect(staff[0]).toBe('Sam Rivera (sam@acme.test)');
		expect([...staff].sort()).toEqual(sandbox.state.staff.map((user) => `${user.name} (${user.email})`).sort());
		expect([...staff].sort()).toEqual([
			'Lee Chen (lee@acme.test)',
			'Olivia Owner (owner@acme.test)',
			'Priya Patel (priya@acme.test)',
			'Sam Rivera (sam@acme.test)',
		]);
		await shot('10-assignee-picker');
		await page.keyboard.press('Escape');
		await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(0);
		await closeNode();
	});

	it('pickers: the Conversation locator lists recently changed conversations From List, and searches them', async () => {
		await openNode('Reply');
		const locator = ndv().getByTestId('resource-locator-conversation');
		await locator.waitFor();
		// n8n writes the list mode's name its own way ("From list").
		expect((await locator.getByTestId('rlc-mode-selector').locator('input').first().inputValue()).trim()).toMatch(/^From list$/i);
		const pickerReads = () =>
			sandbox.requests.filter((request) => request.path === '/acme/api/v1/conversations' && request.query.sort === 'changed');
		sandbox.clearRequests();
		await locator.getByTestId('rlc-input').click();
		const items = page.getByTestId('rlc-item');
		const shown = await settledTexts(items);

		// The sandbox's own answer to the pages the picker read (n8n reads on while the list fits
		// without scrolling): newest change first, 30 a page, each item "subject · customer · day · status".
		const pages = pickerReads().map((request) => Number(request.query.page));
		expect(pages[0]).toBe(1);
		const listed = (await Promise.all(pages.map((number) => sandboxList(`/conversations?sort=changed&page=${number}`)))).flat();
		expect(shown.length).toBeGreaterThanOrEqual(30);
		expect(shown.map((text) => text.split(' · ')[0])).toEqual(listed.map((conversation) => conversation.subject));
		const refund = shown.find((text) => REFUND_ROW.test(text));
		expect(refund).toBeDefined();
		await shot('11-conversation-from-list');

		await page.locator('[data-test-id="rlc-search"] input, input[data-test-id="rlc-search"]').first().fill('refund');
		await expect.poll(async () => (await items.allInnerTexts()).length, { timeout: 15_000 }).toBeLessThan(shown.length);
		const found = await settledTexts(items);
		expect(found).toContain(refund);
		for (const text of found) expect(text.toLowerCase()).toContain('refund');
		await shot('12-conversation-search');

		await items.filter({ hasText: exactly(refund as string) }).first().click();
		// The locator shows the picked conversation by name (n8n keeps it as the cached result name).
		const picked = locator.locator('input[data-test-id="rlc-input"], [data-test-id="rlc-input"] input').first();
		await expect.poll(() => picked.inputValue(), { timeout: 10_000 }).toBe(refund);
		await shot('13-conversation-picked');
		await closeNode();
	});

	it('the browser never left 127.0.0.1', () => {
		expect(outsideRequests).toEqual([]);
	});
});
