/**
 * The n8n side of `npm run bench`: user folders with the packed package (this checkout, and optionally the
 * package of an earlier commit for "before" figures), and `n8n execute` runs measured from inside: the
 * execution's own timestamps, never the CLI's start-up, plus the process's peak resident memory.
 * Uses scripts/n8n-env.ts read-only.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { type CredentialExport, ensureN8n, freePort, importCredentials, importWorkflows, installedN8nVersion, installPackage, type N8nContext, n8nEnv, parseRawOutput, prepareN8n, type RawExecution, reamazeCredential, REPO_ROOT, run, tail, type WorkflowJson } from './n8n-env.ts';

export interface Measured {
	code: number | null;
	stdout: string;
	stderr: string;
	/** Peak resident set size of the measured process, in MiB (undefined if it could not be read). */
	peakRssMb?: number;
	/** CPU time (user + system) of the whole process, start-up included, in seconds (GNU time only). */
	cpuSeconds?: number;
	wallMs: number;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a process and reports its peak RSS: GNU time's "Maximum resident set size" when /usr/bin/time is
 * there, else VmHWM polled from /proc/<pid>/status (the high-water mark, so a late poll still sees the peak).
 */
export function measure(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Promise<Measured> {
	const useTime = existsSync(GNU_TIME);
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = useTime
			? spawn(GNU_TIME, ['-v', command, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
			: spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		let polledKb = 0;
		const poll = useTime
			? undefined
			: setInterval(() => {
					try {
						const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
						const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
						polledKb = Math.max(polledKb, kb);
					} catch {
						// Gone, or no /proc here.
					}
				}, 50);
		child.on('error', reject);
		child.on('close', (code) => {
			if (poll) clearInterval(poll);
			const err = Buffer.concat(stderr).toString();
			const timeKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? 0);
			const kb = useTime ? timeKb : polledKb;
			const user = Number(/User time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? NaN);
			const system = Number(/System time \(seconds\): ([\d.]+)/.exec(err)?.[1] ?? NaN);
			resolve({
				code,
				stdout: Buffer.concat(stdout).toString(),
				stderr: err,
				peakRssMb: kb > 0 ? kb / 1024 : undefined,
				cpuSeconds: Number.isFinite(user + system) ? user + system : undefined,
				wallMs: Date.now() - started,
			});
		});
	});
}

export interface Execution extends Measured {
	execution?: RawExecution & { startedAt?: string; stoppedAt?: string };
}

/**
 * The newest execution of a workflow, read from the user folder's SQLite database (n8n stores execution data
 * in the `flatted` format; n8n's own copy reads it). Printed output is no substitute: `n8n execute` exits
 * before a 30 MB `--rawOutput` (10,000 conversations) has reached the pipe, so its tail goes missing.
 */
async function storedExecution(context: N8nContext, workflowId: string): Promise<Execution['execution']> {
	const file = join(context.userFolder, '.n8n', 'database.sqlite');
	if (!existsSync(file)) return undefined;
	// node:sqlite is still flagged experimental in Node 24; its one warning is not worth a line per run.
	const { DatabaseSync } = (await import('node:sqlite')) as typeof import('node:sqlite');
	const db = new DatabaseSync(file, { readOnly: true });
	try {
		const row = db
			.prepare(
				'SELECT e.status, e.finished, e.mode, e.startedAt, e.stoppedAt, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
			)
			.get(workflowId) as { status: string; finished: number; mode: string; startedAt: string; stoppedAt: string; data: string } | undefined;
		if (!row) return undefined;
		const fromN8n = createRequire(join(dirname(dirname(context.bin)), 'n8n', 'package.json'));
		const flatted = fromN8n('flatted') as { parse(text: string): unknown };
		const iso = (value: string) => (value ? `${value.replace(' ', 'T')}Z` : undefined);
		return {
			status: row.status,
			finished: row.finished === 1,
			mode: row.mode,
			startedAt: iso(row.startedAt),
			stoppedAt: iso(row.stoppedAt),
			data: flatted.parse(row.data) as RawExecution['data'],
		};
	} finally {
		db.close();
	}
}

/** `n8n execute --id --rawOutput`, measured; the execution is read back from n8n's database. */
export async function execute(context: N8nContext, id: string, options: { profileDir?: string } = {}): Promise<Execution> {
	const env = { ...context.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
	const args = [...profile, context.bin, 'execute', `--id=${id}`, '--rawOutput'];
	const result = await measure(process.execPath, args, env, context.userFolder);
	return { ...result, execution: (await storedExecution(context, id)) ?? parseRawOutput(result.stdout) };
}

/** The target node's own run time (n8n's `executionTime`) and the whole execution's, in ms. */
export function timings(execution: Execution['execution'], nodeName: string): { nodeMs?: number; executionMs?: number } {
	const task = execution?.data.resultData.runData[nodeName]?.[0] as { executionTime?: number } | undefined;
	const executionMs =
		execution?.startedAt && execution.stoppedAt ? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt) : undefined;
	return { nodeMs: task?.executionTime, executionMs };
}

export interface SandboxAccount {
	brand: string;
	email: string;
	token: string;
	baseUrl: string;
}

/** This checkout: built, packed and installed into a fresh user folder, with the credential and workflows imported. */
export async function prepareCurrent(userFolder: string, log: (message: string) => void): Promise<N8nContext> {
	return await prepareN8n({ userFolder, fresh: true, log });
}

/**
 * The package as it was at `commit`: its files from `git archive` (nothing in this checkout or its git
 * state changes), built with this checkout's node_modules, packed and installed into its own user folder.
 */
export async function prepareAtCommit(commit: string, root: string, log: (message: string) => void): Promise<N8nContext> {
	const source = join(root, `source-${commit}`);
	rmSync(source, { recursive: true, force: true });
	mkdirSync(source, { recursive: true });
	const archive = await run('sh', ['-c', `git -C "${REPO_ROOT}" archive ${commit} | tar -x -C "${source}"`]);
	if (archive.code !== 0) throw new Error(`git archive ${commit} failed: ${tail(archive.stderr, 10)}`);
	symlinkSync(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
	return await prepareFromSource(source, root, commit, log);
}

/**
 * The package built from another source tree (a checkout with its own changes, for an A/B comparison; it
 * needs a node_modules, e.g. a symlink to this checkout's), packed and installed into its own user folder.
 */
export async function prepareFromSource(source: string, root: string, label: string, log: (message: string) => void): Promise<N8nContext> {
	const build = await run('npm', ['run', 'build', '--silent'], { cwd: source });
	if (build.code !== 0) throw new Error(`building ${label} failed:\n${tail(build.stdout, 20)}\n${tail(build.stderr, 20)}`);
	const packages = join(root, `packages-${label}`);
	mkdirSync(packages, { recursive: true });
	const packed = await run('npm', ['pack', '--json', '--ignore-scripts', '--loglevel=error', '--pack-destination', packages], { cwd: source });
	if (packed.code !== 0) throw new Error(`npm pack of ${label} failed: ${tail(packed.stderr, 10)}`);
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string }>;
	const userFolder = join(root, `n8n-${label}`);
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	// The nodes folder's package.json refers to the tarball, so it stays inside the user folder.
	const tarball = join(userFolder, info.filename);
	await run('cp', [join(packages, info.filename), tarball]);
	await installPackage(userFolder, tarball);
	const bin = await ensureN8n();
	const version = installedN8nVersion(bin);
	log(`package ${label} built and installed into ${userFolder}`);
	return { bin, userFolder, version, env: n8nEnv(userFolder, { n8nVersion: version }) };
}

/** Imports the sandbox credential(s) and the workflows (one n8n boot each). */
export async function importAll(
	context: N8nContext,
	account: SandboxAccount,
	workflows: WorkflowJson[],
	extraCredentials: CredentialExport[] = [],
): Promise<void> {
	await importCredentials(context, [
		reamazeCredential({ brand: account.brand, email: account.email, apiToken: account.token, baseUrl: account.baseUrl }),
		...extraCredentials,
	]);
	await importWorkflows(context, workflows);
}
