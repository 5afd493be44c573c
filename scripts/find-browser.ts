/**
 * Finds a Chromium or Chrome for the editor UI test (playwright-core drives it through
 * `executablePath`; no browser is ever downloaded). Nothing is installed here: `.ci/run` installs
 * Debian's chromium (scripts/install-chromium.sh) before the tests, a contributor uses their own.
 *
 * Order: CHROMIUM_PATH, CHROME_PATH (an explicit setting that is not an executable is an error),
 * then the usual Linux paths, the browsers' names on PATH, then the macOS application bundles.
 *
 * CLI: `node scripts/find-browser.ts` prints the path, or explains on stderr and exits 1.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const BROWSER_ENV_VARS = ['CHROMIUM_PATH', 'CHROME_PATH'] as const;

const LINUX_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MACOS_BUNDLES = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];

export const NO_BROWSER_MESSAGE =
	'no Chromium/Chrome found; set CHROMIUM_PATH to one (checked CHROMIUM_PATH, CHROME_PATH, /usr/bin/chromium, chromium-browser, google-chrome, the macOS applications)';

function isExecutable(file: string): boolean {
	try {
		if (!statSync(file).isFile()) return false;
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** Every place looked at, in order (for messages and tests). */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
	const onPath = (env.PATH ?? '')
		.split(delimiter)
		.filter(Boolean)
		.flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
	const macos = ['/Applications', join(env.HOME ?? homedir(), 'Applications')].flatMap((dir) =>
		MACOS_BUNDLES.map((bundle) => join(dir, bundle)),
	);
	return [...new Set([...LINUX_PATHS, ...onPath, ...macos])];
}

/**
 * The browser to use, or undefined when there is none. Throws when CHROMIUM_PATH / CHROME_PATH
 * names something that cannot run: a setting that is silently passed over hides a typo.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
	for (const name of BROWSER_ENV_VARS) {
		const value = env[name];
		if (!value) continue;
		if (isExecutable(value)) return value;
		throw new Error(`${name}=${value} is not an executable file`);
	}
	return browserCandidates(env).find(isExecutable);
}

if (import.meta.main) {
	try {
		const found = findBrowser();
		if (found) {
			console.log(found);
		} else {
			console.error(NO_BROWSER_MESSAGE);
			process.exitCode = 1;
		}
	} catch (error) {
		console.error((error as Error).message);
		process.exitCode = 2;
	}
}
