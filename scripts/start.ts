/**
 * `npm start`: the real n8n editor with this package installed, on http://127.0.0.1:5678.
 *
 * 1. installs the pinned n8n CLI on first use (scripts/ensure-n8n.sh),
 * 2. builds, packs and installs this package fresh into a persistent user folder
 *    (~/.cache/n8n-nodes-reamaze/start-user-folder), so every start shows the current code,
 * 3. starts the Re:amaze sandbox on 127.0.0.1:4010 (a free port if 4010 is taken), or, when
 *    REAMAZE_BRAND, REAMAZE_EMAIL and REAMAZE_API_TOKEN are set, uses that real account instead,
 * 4. starts the LibreDesk sandbox on 127.0.0.1:4020 (a free port if 4020 is taken), or, when
 *    LIBREDESK_URL, LIBREDESK_API_KEY and LIBREDESK_API_SECRET are set, uses that real server instead,
 * 5. imports both credentials and the example workflows (examples/ and examples/libredesk/), starts
 *    `n8n start`, creates the local owner,
 * 6. on Ctrl-C / SIGTERM stops n8n and the sandboxes.
 *
 * Options: --port N (n8n, default 5678), --sandbox-port N (default 4010), --libredesk-port N
 * (default 4020), --fresh (delete the user folder first).
 * Run with Node 24: bash scripts/node24.sh node scripts/start.ts
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startLibreDeskSandbox } from '../test/sandbox/libredesk/index.ts';
import { startSandbox } from '../test/sandbox/reamaze/index.ts';
import { ACCOUNT_CREDENTIAL_NAME, assertNode24, CACHE_ROOT, isPortFree, launchLocalN8n, LIBREDESK_ACCOUNT_CREDENTIAL_NAME, LIBREDESK_SANDBOX_CREDENTIAL_NAME, libreDeskCredential, type LibreDeskServer, loadExamples, loadLibreDeskExamples, LOCAL_OWNER, type LocalN8n, type ReamazeAccount, SANDBOX_CREDENTIAL_NAME, tail } from './n8n-env.ts';

const { values: flags } = parseArgs({
	options: {
		port: { type: 'string', default: '5678' },
		'sandbox-port': { type: 'string', default: '4010' },
		'libredesk-port': { type: 'string', default: '4020' },
		fresh: { type: 'boolean', default: false },
	},
});

const log = (message: string) => console.log(`[start] ${message}`);

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
type LibreDeskSandbox = Awaited<ReturnType<typeof startLibreDeskSandbox>>;

let sandbox: Sandbox | undefined;
let libreDeskSandbox: LibreDeskSandbox | undefined;
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
			log('Re:amaze sandbox stopped');
		}
		if (libreDeskSandbox) {
			await libreDeskSandbox.close().catch((error: unknown) => console.error('[start] stopping the LibreDesk sandbox:', error));
			log('LibreDesk sandbox stopped');
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
		log(`Re:amaze sandbox API on ${sandbox.baseUrl}${sandboxPort === 0 ? ` (port ${wanted} was taken)` : ''}`);
	}

	const { LIBREDESK_URL: libreDeskUrl, LIBREDESK_API_KEY: libreDeskKey, LIBREDESK_API_SECRET: libreDeskSecret } = process.env;
	let libreDesk: LibreDeskServer;
	let libreDeskCredentialName: string;
	if (libreDeskUrl && libreDeskKey && libreDeskSecret) {
		libreDesk = { baseUrl: libreDeskUrl, apiKey: libreDeskKey, apiSecret: libreDeskSecret };
		libreDeskCredentialName = LIBREDESK_ACCOUNT_CREDENTIAL_NAME;
		log(`using the real LibreDesk server ${libreDeskUrl}; no LibreDesk sandbox`);
	} else {
		if (libreDeskUrl || libreDeskKey || libreDeskSecret) {
			log('LIBREDESK_URL, LIBREDESK_API_KEY and LIBREDESK_API_SECRET must all be set to use a real server; using the LibreDesk sandbox');
		}
		const wanted = Number(flags['libredesk-port']);
		const libreDeskPort = (await isPortFree(wanted)) ? wanted : 0;
		libreDeskSandbox = await startLibreDeskSandbox({ port: libreDeskPort });
		libreDesk = { baseUrl: libreDeskSandbox.url, apiKey: libreDeskSandbox.adminKey, apiSecret: libreDeskSandbox.adminSecret };
		libreDeskCredentialName = LIBREDESK_SANDBOX_CREDENTIAL_NAME;
		log(`LibreDesk sandbox API on ${libreDeskSandbox.url}/api/v1${libreDeskPort === 0 ? ` (port ${wanted} was taken)` : ''}`);
	}

	const reamazeWorkflows = loadExamples().map((example) => example.workflow);
	const libreDeskWorkflows = loadLibreDeskExamples().map((example) => example.workflow);
	const workflows = [...reamazeWorkflows, ...libreDeskWorkflows];
	local = await launchLocalN8n({
		userFolder,
		port,
		account,
		credentialName,
		extraCredentials: [libreDeskCredential(libreDesk, libreDeskCredentialName)],
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
		'n8n with the Re:amaze and LibreDesk nodes is running.',
		`  Open:      ${server.url}/home/workflows`,
		`  Log in:    ${LOCAL_OWNER.email} / ${LOCAL_OWNER.password}${local.ownerCreated ? '' : '   (owner created on an earlier start)'}`,
		`  Re:amaze workflows:  ${reamazeWorkflows.map((workflow) => `"${workflow.name}"`).join(', ')}`,
		`  LibreDesk workflows: ${libreDeskWorkflows.map((workflow) => `"${workflow.name}"`).join(', ')}`,
		'             open one and press "Execute workflow"',
		sandbox
			? `  Re:amaze sandbox:  ${sandbox.baseUrl}  (brand ${sandbox.brand}, ${sandbox.email}, token ${sandbox.token}); credential "${credentialName}"`
			: `  Re:amaze account:  brand "${account.brand}", credential "${credentialName}" (the examples use the sandbox's channels "support" and "sales" and assignee owner@acme.test: adjust them to your account)`,
		libreDeskSandbox
			? `  LibreDesk sandbox: ${libreDeskSandbox.url}  (${libreDeskSandbox.version}, API under /api/v1, admin key ${libreDeskSandbox.adminKey}); credential "${libreDeskCredentialName}"`
			: `  LibreDesk server:  ${libreDesk.baseUrl}, credential "${libreDeskCredentialName}" (the examples use the sandbox's inbox 1, team 1, macro 1 and conversation #100: adjust them to your server)`,
		`  n8n log:   ${server.logFile}`,
		`  Data:      ${userFolder}  (npm start -- --fresh starts over)`,
		`Press Ctrl-C to stop n8n${sandbox || libreDeskSandbox ? ` and the sandbox${sandbox && libreDeskSandbox ? 'es' : ''}` : ''}.`,
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
