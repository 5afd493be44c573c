/**
 * Runs this package inside the real n8n CLI: the shared plumbing of `npm start` (scripts/start.ts),
 * the e2e tests (test/e2e) and the UI tests (test/ui).
 *
 * The package is built, packed with `npm pack` and installed from the tarball into
 * `$N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-reamaze`: the folder n8n installs community
 * packages into, which it scans at start-up. Loaded from there the node type is
 * `n8n-nodes-reamaze.reamaze`, exactly what a user who installed the package gets (the custom
 * extensions folder would name it `CUSTOM.reamaze` instead).
 *
 * Runs on Node 24 only (n8n 2.x requires it): start through `bash scripts/node24.sh`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE_ROOT =
	process.env.REAMAZE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-reamaze');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');

export const PACKAGE_NAME = 'n8n-nodes-reamaze';
/** How n8n names a node of an installed community package: `<package>.<node name>`. */
export const NODE_TYPE = `${PACKAGE_NAME}.reamaze`;
export const CREDENTIAL_TYPE = 'reamazeApi';
/** The examples reference their credential by this id; the name is what the editor shows. */
export const CREDENTIAL_ID = 'ReamazeSandbox01';
export const SANDBOX_CREDENTIAL_NAME = 'Re:amaze sandbox';
export const ACCOUNT_CREDENTIAL_NAME = 'Re:amaze';
/** Encrypts the credentials of throw-away user folders only; never used for real secrets. */
export const TEST_ENCRYPTION_KEY = 'n8n-nodes-reamaze-local-only-key';

/** The documented local login of `npm start` and the UI tests (n8n: 8+ characters, a digit, an uppercase letter). */
export const LOCAL_OWNER = {
	email: 'owner@example.com',
	password: 'Reamaze-Local-2026',
	firstName: 'Local',
	lastName: 'Owner',
} as const;

export function assertNode24(): void {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		throw new Error(`n8n 2.x needs Node 24; this is Node ${process.versions.node}. Run through: bash scripts/node24.sh node ...`);
	}
}

// ---------------------------------------------------------------- processes

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Copy the child's stderr to ours as it arrives (long installs show progress). */
	echoStderr?: boolean;
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd ?? REPO_ROOT,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			if (options.echoStderr) process.stderr.write(chunk);
		});
		const timer =
			options.timeoutMs === undefined
				? undefined
				: setTimeout(() => {
						child.kill('SIGKILL');
					}, options.timeoutMs);
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

async function runOrThrow(what: string, command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		throw new Error(
			`${what} failed (exit ${result.code ?? result.signal}): ${command} ${args.join(' ')}\n${tail(result.stdout, 30)}\n${tail(result.stderr, 30)}`,
		);
	}
	return result;
}

export function tail(text: string, lines: number): string {
	return text.split('\n').slice(-lines).join('\n');
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const server = createServer();
		server.once('error', () => resolvePromise(false));
		server.listen(port, host, () => server.close(() => resolvePromise(true)));
	});
}

export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePromise(port));
		});
	});
}

// ---------------------------------------------------------------- n8n install, package build and install

/** The n8n CLI that `npm start`, the e2e and the UI tests use unless N8N_VERSION says otherwise. */
export const DEFAULT_N8N_VERSION = '2.41.1';
/**
 * The oldest n8n the package supports (package.json `engines.n8n`), run by the e2e suite too
 * (`npm run test:e2e:n8n1`): the newest release of n8n's 1.x line. The nodes need
 * `NodeConnectionTypes` (n8n-workflow 1.83, so n8n 1.85 at the very least); older 1.x releases
 * than this one are not tested.
 */
export const OLDEST_SUPPORTED_N8N_VERSION = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { n8n: string } }
).engines.n8n.replace(/^>=/, '');
/** Every n8n version the e2e suite proves the package on (CI runs each). */
export const TESTED_N8N_VERSIONS = [DEFAULT_N8N_VERSION, OLDEST_SUPPORTED_N8N_VERSION] as const;

/** The n8n version this process works with: N8N_VERSION, or the default. */
export function n8nVersion(): string {
	return process.env.N8N_VERSION || DEFAULT_N8N_VERSION;
}

/** The major version of an n8n version string ("1.123.81" → 1). */
export function n8nMajor(version: string = n8nVersion()): number {
	return Number(version.split('.')[0]);
}

/**
 * Installs an n8n CLI on first use (scripts/ensure-n8n.sh; each version in its own cache folder)
 * and returns the path of its `n8n` bin.
 */
export async function ensureN8n(version: string = n8nVersion()): Promise<string> {
	const result = await runOrThrow('Installing the n8n CLI', 'bash', [join(REPO_ROOT, 'scripts', 'ensure-n8n.sh')], {
		env: { ...process.env, N8N_VERSION: version },
		echoStderr: true,
	});
	const bin = result.stdout.trim().split('\n').pop() ?? '';
	if (!existsSync(bin)) throw new Error(`scripts/ensure-n8n.sh printed "${bin}", which does not exist`);
	return bin;
}

/** The version of the n8n CLI a bin path (from ensureN8n) belongs to. */
export function installedN8nVersion(bin: string): string {
	const manifest = join(dirname(dirname(bin)), 'n8n', 'package.json');
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** `npm run build` (unless `build: false`), then `npm pack` into `destination`; returns the tarball's path. */
export async function buildAndPack(destination: string, options: { build?: boolean } = {}): Promise<string> {
	if (options.build !== false) {
		await runOrThrow('npm run build', 'npm', ['run', 'build', '--silent']);
	}
	mkdirSync(destination, { recursive: true });
	const packed = await runOrThrow('npm pack', 'npm', [
		'pack',
		'--json',
		'--ignore-scripts',
		'--loglevel=error',
		'--pack-destination',
		destination,
	]);
	const start = packed.stdout.indexOf('[');
	const [info] = JSON.parse(packed.stdout.slice(start)) as Array<{ filename: string }>;
	return join(destination, info.filename);
}

/**
 * Installs the tarball where n8n keeps community packages. The package has no runtime
 * dependencies; its peer dependency (n8n-workflow) is n8n's own copy, so peers are not installed
 * (n8n's own installer strips them too), and nothing but the local tarball is read.
 */
export async function installPackage(userFolder: string, tarball: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	const target = join(nodesDir, 'node_modules', PACKAGE_NAME);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(nodesDir, { recursive: true });
	const manifest = join(nodesDir, 'package.json');
	if (!existsSync(manifest)) {
		writeFileSync(manifest, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	}
	await runOrThrow('Installing the package tarball', 'npm', [
		'install',
		'--prefix',
		nodesDir,
		'--ignore-scripts',
		'--legacy-peer-deps',
		'--install-links',
		'--no-audit',
		'--no-fund',
		'--no-package-lock',
		'--loglevel=error',
		tarball,
	]);
	if (!existsSync(join(target, 'package.json'))) throw new Error(`npm install left no ${target}`);
	return target;
}

// ---------------------------------------------------------------- environment

/**
 * The environment of every n8n process started here: its own user folder, a fixed key, and
 * everything that would call n8n's servers (telemetry, templates, version checks, banners,
 * the verified-packages list, license renewal, AI features) switched off.
 * Inherited N8N_* / DB_* variables are dropped so a developer's own n8n settings cannot leak in, and
 * so is the test runner's NODE_ENV=test.
 */
export function n8nEnv(
	userFolder: string,
	options: { encryptionKey?: string | false; extra?: Record<string, string>; n8nVersion?: string } = {},
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|NODES_)/.test(key)) continue;
		// Under vitest NODE_ENV is "test", which makes n8n skip loading nodes and silence its output.
		if (/^(NODE_ENV$|VITEST|TEST$)/.test(key)) continue;
		env[key] = value;
	}
	// n8n's task runner and any tool it spawns use the same Node 24.
	env.PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
	// `false`: n8n generates a random key on first start and keeps it in <user folder>/.n8n/config.
	if (options.encryptionKey !== false) env.N8N_ENCRYPTION_KEY = options.encryptionKey ?? TEST_ENCRYPTION_KEY;
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		// Community packages stay enabled (that is how this package loads); the list of verified
		// packages is fetched from n8n's servers, so that part is off.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// The MCP server registry (n8n 2.x) refreshes itself from api.n8n.io at start-up. n8n 1.x has
		// no such module and refuses to start when an unknown one is named.
		...(n8nMajor(options.n8nVersion) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// Plain http on 127.0.0.1: the login cookie must not require https.
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		...options.extra,
	};
}

// ---------------------------------------------------------------- one n8n user folder

export interface N8nContext {
	bin: string;
	userFolder: string;
	env: NodeJS.ProcessEnv;
	/** The n8n CLI's version, e.g. "2.41.1" (its REST API and CLI differ between majors). */
	version: string;
}

export interface PrepareOptions {
	userFolder: string;
	/** Delete the user folder first (database, credentials, workflows). */
	fresh?: boolean;
	/** `false` skips `npm run build` (dist/ is packed as it is). Default: build, unless REAMAZE_SKIP_BUILD=1 (a caller that just built). */
	build?: boolean;
	/** Default: a fixed test key. `false`: let n8n generate and keep its own (a persistent folder that may hold a real token). */
	encryptionKey?: string | false;
	/** The n8n CLI to use; default: N8N_VERSION or DEFAULT_N8N_VERSION. */
	n8nVersion?: string;
	log?: (message: string) => void;
}

/** Ensures n8n, builds, packs and (re)installs this package into the user folder. */
export async function prepareN8n(options: PrepareOptions): Promise<N8nContext> {
	assertNode24();
	const log = options.log ?? (() => undefined);
	let started = Date.now();
	const bin = await ensureN8n(options.n8nVersion);
	const version = installedN8nVersion(bin);
	log(`n8n ${version} CLI ready (${Date.now() - started} ms): ${bin}`);
	if (options.fresh) rmSync(options.userFolder, { recursive: true, force: true });
	mkdirSync(options.userFolder, { recursive: true });
	// The tarball stays inside the user folder: the nodes folder's package.json refers to it.
	const packages = join(options.userFolder, 'packages');
	rmSync(packages, { recursive: true, force: true });
	started = Date.now();
	const tarball = await buildAndPack(packages, { build: options.build ?? process.env.REAMAZE_SKIP_BUILD !== '1' });
	log(`built and packed ${tarball.split('/').pop()} (${Date.now() - started} ms)`);
	started = Date.now();
	const installed = await installPackage(options.userFolder, tarball);
	log(`installed into ${installed} (${Date.now() - started} ms)`);
	return {
		bin,
		userFolder: options.userFolder,
		version,
		env: n8nEnv(options.userFolder, { encryptionKey: options.encryptionKey, n8nVersion: version }),
	};
}

/** Runs one n8n CLI command. Each gets its own task-runner broker port so parallel n8n processes never collide. */
export async function n8n(context: N8nContext, args: string[], options: { timeoutMs?: number } = {}): Promise<RunResult> {
	const env = { ...context.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	return await run(process.execPath, [context.bin, ...args], { env, timeoutMs: options.timeoutMs ?? 120_000 });
}

export interface CredentialExport {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

export interface ReamazeAccount {
	brand: string;
	email: string;
	apiToken: string;
	/** Empty for the real service (https://{brand}.reamaze.io/api/v1). */
	baseUrl?: string;
}

export function reamazeCredential(account: ReamazeAccount, name = SANDBOX_CREDENTIAL_NAME): CredentialExport {
	return {
		id: CREDENTIAL_ID,
		name,
		type: CREDENTIAL_TYPE,
		data: { brand: account.brand, email: account.email, apiToken: account.apiToken, baseUrl: account.baseUrl ?? '' },
	};
}

// ---------------------------------------------------------------- LibreDesk

/** The LibreDesk node and trigger as n8n names them in the installed package. */
export const LIBREDESK_NODE_TYPE = `${PACKAGE_NAME}.libreDesk`;
export const LIBREDESK_TRIGGER_TYPE = `${PACKAGE_NAME}.libreDeskTrigger`;
export const LIBREDESK_CREDENTIAL_TYPE = 'libreDeskApi';
/** examples/libredesk/*.json reference their credential by this id. */
export const LIBREDESK_CREDENTIAL_ID = 'LibreDeskSandbox01';
export const LIBREDESK_SANDBOX_CREDENTIAL_NAME = 'LibreDesk sandbox';
export const LIBREDESK_ACCOUNT_CREDENTIAL_NAME = 'LibreDesk';
export const LIBREDESK_EXAMPLES_DIR = join(EXAMPLES_DIR, 'libredesk');

export interface LibreDeskServer {
	/** The server's root (`https://desk.example.com`, or the sandbox's `url`); the API is under /api/v1. */
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
}

export function libreDeskCredential(server: LibreDeskServer, name = LIBREDESK_SANDBOX_CREDENTIAL_NAME): CredentialExport {
	return {
		id: LIBREDESK_CREDENTIAL_ID,
		name,
		type: LIBREDESK_CREDENTIAL_TYPE,
		data: { baseUrl: server.baseUrl, apiKey: server.apiKey, apiSecret: server.apiSecret },
	};
}

/** The workflows of examples/libredesk, sorted by file name. */
export function loadLibreDeskExamples(): Array<{ file: string; workflow: WorkflowJson }> {
	return loadExamples(LIBREDESK_EXAMPLES_DIR);
}

/** `n8n import:credentials`; plain `data` is encrypted with the instance key on import. An existing id is overwritten. */
export async function importCredentials(context: N8nContext, credentials: CredentialExport[]): Promise<RunResult> {
	const dir = join(context.userFolder, 'import');
	mkdirSync(dir, { recursive: true });
	const file = join(dir, 'credentials.json');
	writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
	try {
		return await checked('n8n import:credentials', await n8n(context, ['import:credentials', `--input=${file}`]));
	} finally {
		// The file holds the API token in plain text (a real one with REAMAZE_API_TOKEN).
		rmSync(file, { force: true });
	}
}

/** Imports all workflows with one `n8n import:workflow --separate` (each n8n command boots for seconds). */
export async function importWorkflows(context: N8nContext, workflows: WorkflowJson[]): Promise<RunResult> {
	const dir = join(context.userFolder, 'import', 'workflows');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const workflow of workflows) {
		writeFileSync(join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	}
	return await checked('n8n import:workflow', await n8n(context, ['import:workflow', '--separate', `--input=${dir}`]));
}

function checked(what: string, result: RunResult): RunResult {
	if (result.code !== 0) {
		throw new Error(`${what} failed (exit ${result.code ?? result.signal})\n${tail(result.stdout, 30)}\n${tail(result.stderr, 30)}`);
	}
	return result;
}

// ---------------------------------------------------------------- workflows and executions

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
	[key: string]: unknown;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export function loadExamples(dir = EXAMPLES_DIR): Array<{ file: string; workflow: WorkflowJson }> {
	return readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => ({ file: join(dir, name), workflow: JSON.parse(readFileSync(join(dir, name), 'utf8')) as WorkflowJson }));
}

export interface OutputItem {
	json: Record<string, unknown>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number; input?: number }> | number;
	error?: unknown;
}

export interface TaskData {
	executionStatus?: string;
	error?: { message?: string; description?: string };
	data?: { main?: Array<OutputItem[] | null> };
}

export interface RawExecution {
	status?: string;
	finished?: boolean;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			lastNodeExecuted?: string;
			error?: { message?: string; description?: string; node?: { name?: string } };
		};
	};
}

export interface ExecutionResult extends RunResult {
	/** The execution as `--rawOutput` printed it (also printed for a failed run, at log level info). */
	execution?: RawExecution;
}

/**
 * Log lines precede the JSON on stdout (and error lines follow it on a failed run): the
 * execution is the block from the first line that starts with `{` to the first line that is `}`.
 */
export function parseRawOutput(stdout: string): RawExecution | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.startsWith('{'));
	if (start === -1) return undefined;
	for (let end = start; end < lines.length; end++) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as RawExecution;
		} catch {
			// A nested line that happens to be a bare brace; keep looking.
		}
	}
	return undefined;
}

/** `n8n execute --id=ID --rawOutput`. Exit code 1 means the run failed. */
export async function executeWorkflow(context: N8nContext, id: string): Promise<ExecutionResult> {
	const result = await n8n(context, ['execute', `--id=${id}`, '--rawOutput']);
	return { ...result, execution: parseRawOutput(result.stdout) };
}

/** The items one node produced on one output of one run. */
export function nodeOutput(execution: RawExecution, nodeName: string, output = 0, runIndex = 0): OutputItem[] {
	const runs = execution.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(execution.data.resultData.runData).join(', ')}`);
	return runs[runIndex]?.data?.main?.[output] ?? [];
}

// ---------------------------------------------------------------- the n8n server

export interface N8nServer {
	url: string;
	port: number;
	child: ChildProcess;
	logFile: string;
	/** Resolves with the exit code once n8n exits, for any reason. */
	exited: Promise<number | null>;
	/** SIGTERM to n8n's process group, SIGKILL after `graceMs`; resolves when it is gone. */
	stop(graceMs?: number): Promise<void>;
}

/** `n8n start` on 127.0.0.1:port, its output in `<user folder>/n8n.log`; resolves once n8n is ready and its REST API answers. */
export async function startN8nServer(
	context: N8nContext,
	options: { port: number; readyTimeoutMs?: number } = { port: 5678 },
): Promise<N8nServer> {
	if (!(await isPortFree(options.port))) {
		throw new Error(`port ${options.port} on 127.0.0.1 is in use (another n8n?). Stop it or choose another port.`);
	}
	const logFile = join(context.userFolder, 'n8n.log');
	const log = createWriteStream(logFile, { flags: 'w' });
	const env = {
		...context.env,
		N8N_PORT: String(options.port),
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${options.port}/`,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	// Its own process group: one signal reaches n8n and the task runners it spawns, and a Ctrl-C in
	// the terminal reaches only our handler, which then shuts n8n down in order.
	const child = spawn(process.execPath, [context.bin, 'start'], {
		env,
		cwd: context.userFolder,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	const exited = new Promise<number | null>((resolvePromise) => child.on('exit', (code) => resolvePromise(code)));
	let gone = false;
	void exited.then(() => {
		gone = true;
	});
	const url = `http://127.0.0.1:${options.port}`;
	const signalGroup = (signal: NodeJS.Signals) => {
		try {
			process.kill(-(child.pid as number), signal);
		} catch {
			// Already gone.
		}
	};
	const server: N8nServer = {
		url,
		port: options.port,
		child,
		logFile,
		exited,
		async stop(graceMs = 20_000) {
			if (gone) {
				signalGroup('SIGKILL');
				return;
			}
			signalGroup('SIGTERM');
			const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
			await exited;
			clearTimeout(timer);
			// Task runners that outlived n8n.
			signalGroup('SIGKILL');
		},
	};
	// A bound for a wait on a condition, not a timing: on a loaded 2-core machine (CI installing the
	// next n8n version beside the tests) n8n 2.x has needed more than 90 s to serve its REST API.
	const deadline = Date.now() + (options.readyTimeoutMs ?? 300_000);
	while (Date.now() < deadline) {
		if (gone) {
			throw new Error(`n8n start exited early (see ${logFile}):\n${tail(readFileSync(logFile, 'utf8'), 40)}`);
		}
		try {
			// n8n 1.x answers readiness once its database is migrated, before its REST routes exist
			// (a POST /rest/owner/setup then gets Express's 404): wait for a route as well.
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok && (await fetch(`${url}/rest/login`)).status !== 404) return server;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
	}
	await server.stop();
	throw new Error(`n8n did not become ready on ${url} (see ${logFile})`);
}

/**
 * `POST /rest/owner/setup` creates the instance owner (only possible once per user folder).
 * Returns false when the owner already exists (a reused user folder).
 */
export async function setupOwner(url: string, owner: typeof LOCAL_OWNER = LOCAL_OWNER): Promise<boolean> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (response.ok) return true;
	const text = await response.text();
	if (response.status === 400 && /already/i.test(text)) return false;
	throw new Error(`POST /rest/owner/setup answered ${response.status}: ${text}`);
}

/** Logs in through `POST /rest/login`; returns the `Cookie` header value for later requests. */
export async function login(url: string, owner: { email: string; password: string } = LOCAL_OWNER): Promise<string> {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': 'n8n-nodes-reamaze-scripts' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!response.ok) throw new Error(`POST /rest/login answered ${response.status}: ${await response.text()}`);
	return response.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
}

/** The node and credential types the running editor offers (`/types/*.json` needs a logged-in user in n8n 2.x). */
export interface LoadedType {
	name: string;
	displayName: string;
	version?: number | number[];
}

export async function loadedTypes(url: string, cookie: string): Promise<{ nodes: LoadedType[]; credentials: LoadedType[] }> {
	const get = async (path: string): Promise<LoadedType[]> => {
		const response = await fetch(`${url}${path}`, { headers: { cookie, 'browser-id': 'n8n-nodes-reamaze-scripts' } });
		if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
		return (await response.json()) as LoadedType[];
	};
	return { nodes: await get('/types/nodes.json'), credentials: await get('/types/credentials.json') };
}

// ---------------------------------------------------------------- everything `npm start` and the UI tests need

export interface LocalN8nOptions extends PrepareOptions {
	port: number;
	account: ReamazeAccount;
	credentialName?: string;
	workflows?: WorkflowJson[];
	/** Imported together with the Re:amaze credential, e.g. `libreDeskCredential(...)`. */
	extraCredentials?: CredentialExport[];
}

export interface LocalN8n {
	context: N8nContext;
	server: N8nServer;
	ownerCreated: boolean;
}

/** Prepare the user folder, import the credential and the example workflows, start n8n, create the owner. */
export async function launchLocalN8n(options: LocalN8nOptions): Promise<LocalN8n> {
	const log = options.log ?? (() => undefined);
	const context = await prepareN8n(options);
	let started = Date.now();
	const credentials = [reamazeCredential(options.account, options.credentialName), ...(options.extraCredentials ?? [])];
	await importCredentials(context, credentials);
	log(`imported credential${credentials.length > 1 ? 's' : ''} ${credentials.map((credential) => `"${credential.name}"`).join(', ')} (${Date.now() - started} ms)`);
	const workflows = options.workflows ?? loadExamples().map((example) => example.workflow);
	started = Date.now();
	await importWorkflows(context, workflows);
	log(`imported ${workflows.length} workflows (${Date.now() - started} ms)`);
	started = Date.now();
	const server = await startN8nServer(context, { port: options.port });
	log(`n8n ready on ${server.url} (${Date.now() - started} ms)`);
	try {
		const ownerCreated = await setupOwner(server.url);
		return { context, server, ownerCreated };
	} catch (error) {
		await server.stop();
		throw error;
	}
}
