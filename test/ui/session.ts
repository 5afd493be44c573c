/**
 * One editor session for a UI test file: the Re:amaze sandbox, n8n started the way `npm start` starts it
 * (scripts/n8n-env.ts: own user folder, sandbox credential, the given workflows), and headless Chromium
 * found on the machine (scripts/find-browser.ts; never installed here), signed in through the login form.
 * Plus the few editor helpers the tests share: open/close a node, read labels, measure cut-off text.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, selectors, type Browser, type Locator, type Page } from 'playwright-core';

import { findBrowser, NO_BROWSER_MESSAGE } from '../../scripts/find-browser.ts';
import { freePort, launchLocalN8n, LOCAL_OWNER, type LocalN8n, REPO_ROOT, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

export const SHOTS = join(REPO_ROOT, 'test-results', 'ui');

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

export interface EditorSession {
	sandbox: Sandbox;
	local: LocalN8n;
	browser: Browser;
	page: Page;
	/** Every request the browser made to anything but 127.0.0.1. */
	outsideRequests: string[];
	close(): Promise<void>;
}

export async function openEditorSession(options: { name: string; workflows: WorkflowJson[] }): Promise<EditorSession> {
	const executablePath = findBrowser();
	if (!executablePath) throw new Error(`UI test: ${NO_BROWSER_MESSAGE}`);
	const root = mkdtempSync(join(tmpdir(), `reamaze-ui-${options.name}-`));
	mkdirSync(SHOTS, { recursive: true });
	const sandbox = await startSandbox({ port: 0 });
	let local: LocalN8n | undefined;
	let browser: Browser | undefined;
	const close = async () => {
		await browser?.close();
		await local?.server.stop();
		await sandbox.close();
		if (!process.env.KEEP_UI) rmSync(root, { recursive: true, force: true });
	};
	try {
		local = await launchLocalN8n({
			userFolder: join(root, 'n8n'),
			port: await freePort(),
			account: { brand: sandbox.brand, email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl },
			workflows: options.workflows,
			log: (message) => console.log(`[ui:${options.name}] ${message}`),
		});
		selectors.setTestIdAttribute('data-test-id');
		browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
		const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
		page.setDefaultTimeout(20_000);
		const outsideRequests: string[] = [];
		page.on('request', (request) => {
			const url = request.url();
			if (!/^(https?:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(url)) outsideRequests.push(url);
		});
		return { sandbox, local, browser, page, outsideRequests, close };
	} catch (error) {
		await close();
		throw error;
	}
}

export async function signIn(session: EditorSession): Promise<void> {
	const { page } = session;
	await page.goto(`${session.local.server.url}/signin`);
	await page.locator('[data-test-id="emailOrLdapLoginId"] input').fill(LOCAL_OWNER.email);
	await page.locator('[data-test-id="password"] input').fill(LOCAL_OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

export async function shot(page: Page, name: string): Promise<string> {
	await page.waitForTimeout(400); // let dropdown and panel animations finish
	const file = join(SHOTS, `${name}.png`);
	await page.screenshot({ path: file });
	return file;
}

export const ndv = (page: Page): Locator => page.getByTestId('ndv');
export const parameter = (page: Page, name: string): Locator => ndv(page).getByTestId(`parameter-input-${name}`);

export async function openNode(page: Page, name: string): Promise<void> {
	// A panel left open (by an earlier failure) would swallow the double-click.
	if (await ndv(page).isVisible()) await closeNode(page);
	await page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`).dblclick();
	await ndv(page).waitFor();
}

export async function closeNode(page: Page): Promise<void> {
	await page.getByTestId('ndv-close-button').click();
	await ndv(page).waitFor({ state: 'hidden' });
}

/** The labels of the parameters the node panel shows, top to bottom. */
export async function labels(page: Page): Promise<string[]> {
	const texts = await ndv(page).locator('[data-test-id="input-label"] label').allInnerTexts();
	return texts.map((text) => text.split('\n')[0].trim());
}

/**
 * Whether an input shows its whole value: the width its text needs (`scrollWidth`, which grows past
 * `clientWidth` when the text is cut) against the width it has. `probe` measures another text in
 * the same input (its value is put back), to show the check would catch a longer label.
 */
export async function inputFits(input: Locator, probe?: string): Promise<{ text: string; clientWidth: number; scrollWidth: number; fits: boolean }> {
	return await input.evaluate((element: { value: string; clientWidth: number; scrollWidth: number }, other: string | undefined) => {
		const original = element.value;
		if (other !== undefined) element.value = other;
		const result = { text: element.value, clientWidth: element.clientWidth, scrollWidth: element.scrollWidth };
		element.value = original;
		return { ...result, fits: result.scrollWidth <= result.clientWidth };
	}, probe);
}

/** The first lines of the items' texts, once their number has stopped changing (lists load on as they render). */
export async function settledTexts(page: Page, items: Locator): Promise<string[]> {
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
