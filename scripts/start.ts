/**
 * `npm start`: the real n8n editor with this package installed, on http://127.0.0.1:5678.
 *
 * 1. installs the pinned n8n CLI on first use (scripts/ensure-n8n.sh),
 * 2. builds, packs and installs this package fresh into a persistent user folder
 *    (~/.cache/n8n-nodes-reamaze/start-user-folder), so every start shows the current code,
 * 3. starts the Re:amaze sandbox on 127.0.0.1:4010 (a free port if 4010 is taken), or, when
 *    REAMAZE_BRAND, REAMAZE_EMAIL and REAMAZE_API_TOKEN are set, uses that real account instead,
 * 4. imports the credential and the example workflows, starts `n8n start`, creates the local owner,
 * 5. on Ctrl-C / SIGTERM stops n8n and the sandbox.
 *
 * Options: --port N (n8n, default 5678), --sandbox-port N (default 4010), --fresh (delete the user folder first).
 * Run with Node 24: bash scripts/node24.sh node scripts/start.ts
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startSandbox } from '../test/sandbox/reamaze/index.ts';
import {
	ACCOUNT_CREDENTIAL_NAME,
	assertNode24,
	CACHE_ROOT,
	isPortFree,
	launchLocalN8n,
	loadExamples,
	LOCAL_OWNER,
	type LocalN8n,
	type ReamazeAccount,
	SANDBOX_CREDENTIAL_NAME,
	tail,
} from './n8n-env.ts';

const { values: flags } = parseArgs({
	options: {
		port: { type: 'string', default: '5678' },
		'sandbox-port': { type: 'string', default: '4010' },
		fresh: { type: 'boolean', default: false },
	},
});

const log = (message: string) => console.log(`[start] ${message}`);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

let sandbox: Sandbox | undefined;
let local: LocalN8n | undefined;
let stopping: Promise<void> | undefined;

function stopAll(reason: string): Promise<void> {
	stopping ??= (async () => {
		log(`${reason}: stopping…`);
		if (local) {
			await local.server.stop().catch((error: unknown) => console.error('[start] stopping n8n:', error));
			log('n8n stopped');
		}
		if (sandbox) {
			await sandbox.close().catch((error: unknown) => console.error('[start] stopping the sandbox:', error));
			log('sandbox stopped');
		}
	})();
	return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		void stopAll(signal).then(() => process.exit(0));
	});
}
// When whatever started us goes away without passing the signal on (a killed `npm start`, a closed
// terminal), clean up as well instead of leaving n8n running.
const parentPid = process.ppid;
setInterval(() => {
	if (process.ppid !== parentPid) void stopAll('parent process gone').then(() => process.exit(0));
}, 1000).unref();

async function main(): Promise<void> {
	assertNode24();
	const port = Number(flags.port);
	const userFolder = join(CACHE_ROOT, 'start-user-folder');
	if (flags.fresh) rmSync(userFolder, { recursive: true, force: true });
	if (!(await isPortFree(port))) {
		throw new Error(`port ${port} is in use: is another n8n running? Stop it, or pass --port <n> (npm start -- --port 5679).`);
	}

	const { REAMAZE_BRAND: brand, REAMAZE_EMAIL: email, REAMAZE_API_TOKEN: apiToken } = process.env;
	let account: ReamazeAccount;
	let credentialName: string;
	if (brand && email && apiToken) {
		account = { brand, email, apiToken, baseUrl: process.env.REAMAZE_BASE_URL ?? '' };
		credentialName = ACCOUNT_CREDENTIAL_NAME;
		log(`using the real Re:amaze account of brand "${brand}" (${email}); no sandbox`);
	} else {
		const wanted = Number(flags['sandbox-port']);
		const sandboxPort = (await isPortFree(wanted)) ? wanted : 0;
		sandbox = await startSandbox({ port: sandboxPort });
		account = { brand: sandbox.brand, email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl };
		credentialName = SANDBOX_CREDENTIAL_NAME;
		log(`sandbox API on ${sandbox.baseUrl}${sandboxPort === 0 ? ` (port ${wanted} was taken)` : ''}`);
	}

	const workflows = loadExamples().map((example) => example.workflow);
	local = await launchLocalN8n({
		userFolder,
		port,
		account,
		credentialName,
		workflows,
		// A persistent folder that may hold a real API token: n8n generates its own key there.
		encryptionKey: false,
		log,
	});

	const { server } = local;
	void server.exited.then((code) => {
		if (stopping) return;
		console.error(`[start] n8n exited unexpectedly (code ${code}). Last lines of ${server.logFile}:`);
		console.error(tail(readLog(server.logFile), 40));
		void stopAll('n8n exited').then(() => process.exit(1));
	});

	const lines = [
		'',
		'n8n with the Re:amaze node is running.',
		`  Open:      ${server.url}/home/workflows`,
		`  Log in:    ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}${local.ownerCreated ? '' : '   (owner created on an earlier start)'}`,
		`  Workflows: ${workflows.map((workflow) => `"${workflow.name}"`).join(', ')}`,
		'             open one and press "Execute workflow"',
		sandbox
			? `  Sandbox:   ${sandbox.baseUrl}  (brand ${sandbox.brand}, ${sandbox.email}, token ${sandbox.token}); credential "${credentialName}"`
			: `  Account:   brand "${account.brand}", credential "${credentialName}" (the examples use the sandbox's channels "support" and "sales" and assignee owner@acme.test: adjust them to your account)`,
		`  n8n log:   ${server.logFile}`,
		`  Data:      ${userFolder}  (npm start -- --fresh starts over)`,
		`Press Ctrl-C to stop n8n${sandbox ? ' and the sandbox' : ''}.`,
		'',
	];
	console.log(lines.join('\n'));
}

function readLog(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}

main().catch(async (error: unknown) => {
	console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
	await stopAll('error');
	process.exit(1);
});
