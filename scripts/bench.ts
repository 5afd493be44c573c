/**
 * `npm run bench`: throughput of the Re:amaze node in the real n8n CLI, side by side with n8n's HTTP Request
 * node and a raw fetch client, against the Re:amaze sandbox with injected latency. Prints figures and ratios;
 * asserts nothing about time (it only refuses to print a figure for work that was not done).
 *
 * Like the e2e suite it packs this checkout, installs the tarball into a fresh n8n user folder, imports a
 * credential and workflows and runs `n8n execute`. Times are the target node's own run time as n8n records it
 * (`executionTime`), never the CLI's start-up; the raw client times itself the same way. Scenarios:
 *
 *   create  bulk Message → Create at 50 ms per request, no rate limit
 *   rate    the same behind a token bucket of 10 requests/s (burst 10, 429 with Retry-After)
 *   list    Conversation → Get Many, Return All of 10,000 conversations; peak RSS of `n8n execute`,
 *           also for the package as it was before the throughput work (--before, default 0fa4dd6)
 *   libredesk  the LibreDesk node's Return All of 10,000 conversations against its sandbox, beside a raw client
 *   sweep   (only with --sweep) raw client and node at 1, 5, 10, 20 items in parallel
 *
 * Options: --items 1000 --rate-items 300 --conversations 10000 --repeats 3 --latency 50 --before <commit>|none
 * --only create,rate,list,sweep --sweep --sweep-items 300 --sweep-levels 1,5,10,20 --sweep-repeats 1 --profile (one extra node run per scenario under
 * --cpu-prof, summarised) --variant label=<source dir> (repeatable: the node built from another source tree, e.g. a
 * copy with a proposed fix and a node_modules symlink, run beside this checkout's in create and list) --keep (keep
 * the temp folder). Run with Node 24: bash scripts/node24.sh node scripts/bench.ts
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_CONCURRENCY } from '../nodes/shared/options.ts';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../test/sandbox/libredesk/index.ts';
import { type FaultConfig, type Sandbox, startSandbox } from '../test/sandbox/reamaze/index.ts';
import { execute, type Execution, importAll, measure, prepareAtCommit, prepareCurrent, prepareFromSource, timings } from './bench-n8n.ts';
import { HTTP_MARKER, NODE_MARKER, profileSummary } from './bench-profile.ts';
import type { RawJob, RawResult } from './bench-raw.ts';
import { find, fixed, ratio, type RunRecord, STARTUP, summarise, table } from './bench-report.ts';
import { type CreateItem, httpCreateWorkflow, httpListWorkflow, LIBREDESK_CREDENTIAL, libreDeskListWorkflow, nodeCreateWorkflow, nodeListWorkflow, type NodeOptions, startupWorkflow, TARGET } from './bench-workflows.ts';
import { assertNode24, type N8nContext, nodeOutput, type OutputItem, REPO_ROOT, tail, type WorkflowJson } from './n8n-env.ts';

const { values: flags } = parseArgs({
	options: {
		items: { type: 'string', default: '1000' },
		'rate-items': { type: 'string', default: '300' },
		conversations: { type: 'string', default: '10000' },
		repeats: { type: 'string', default: '3' },
		latency: { type: 'string', default: '50' },
		before: { type: 'string', default: '0fa4dd6' },
		only: { type: 'string', default: 'create,rate,list,libredesk' },
		sweep: { type: 'boolean', default: false },
		'sweep-items': { type: 'string', default: '300' },
		'sweep-levels': { type: 'string', default: '1,5,10,20' },
		'sweep-repeats': { type: 'string', default: '1' },
		profile: { type: 'boolean', default: false },
		keep: { type: 'boolean', default: false },
		variant: { type: 'string', multiple: true, default: [] },
	},
});

const ITEMS = Number(flags.items);
const RATE_ITEMS = Number(flags['rate-items']);
const CONVERSATIONS = Number(flags.conversations);
const REPEATS = Number(flags.repeats);
const LATENCY = Number(flags.latency);
const SWEEP_ITEMS = Number(flags['sweep-items']);
const BEFORE = flags.before === 'none' || flags.before === '' ? undefined : flags.before;
/** `--variant label=dir`: the node built from another source tree, run beside this checkout's (create, list). */
const VARIANTS = (flags.variant ?? []).map((entry) => {
	const [label, dir] = entry.includes('=') ? entry.split('=', 2) : [entry.split('/').filter(Boolean).pop() ?? entry, entry];
	return { label, dir, client: `Re:amaze node [${label}]` };
});
const ONLY = new Set(flags.only.split(',').map((name) => name.trim()));
if (flags.sweep) ONLY.add('sweep');
const RATE = { perSecond: 10, burst: 10, retryAfter: true };
const SWEEP = flags['sweep-levels'].split(',').map(Number);
const SWEEP_REPEATS = Number(flags['sweep-repeats']);

const CLIENT = {
	node: 'Re:amaze node',
	http: 'HTTP Request, defaults',
	httpRetry: 'HTTP Request + Retry On Fail',
	httpPaging: 'HTTP Request, pagination by hand',
	raw: `raw fetch, ${DEFAULT_CONCURRENCY} at a time`,
	before: `Re:amaze node @${BEFORE}`,
};
const SCENARIO = {
	create: `create ×${ITEMS}`,
	rate: `create ×${RATE_ITEMS} @10 r/s`,
	list: `Return All ${CONVERSATIONS.toLocaleString('en')}`,
	libredesk: `LibreDesk Return All ${CONVERSATIONS.toLocaleString('en')}`,
};

const log = (message: string) => console.log(`[bench] ${message}`);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

assertNode24();
const root = mkdtempSync(join(tmpdir(), 'reamaze-bench-'));
const records: RunRecord[] = [];
const loads: string[] = [`start: ${load()}`];
let sandbox: Sandbox = undefined as unknown as Sandbox;
let libreDesk: LibreDeskSandbox | undefined;
/** The API's own order of LibreDesk's conversation list (uuids), read once without latency. */
let expectedUuids: string[] = [];

// ---------------------------------------------------------------- runs

interface Planned {
	scenario: string;
	client: string;
	rep: number;
	workflow?: WorkflowJson;
	/** 'current' (default), 'before', or a variant's label. */
	context?: string;
	raw?: RawJob;
	faults: FaultConfig;
	items: number;
	verify: (output: { execution?: Execution['execution']; raw?: RawResult }) => Partial<RunRecord>;
}

/** Messages in the sandbox whose body carries this run's tag, counted by body. */
function bodiesTagged(tag: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const message of sandbox.state.messages()) {
		if (message.body.startsWith(tag)) counts.set(message.body, (counts.get(message.body) ?? 0) + 1);
	}
	return counts;
}

function pairedIndex(item: OutputItem): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired[0]?.item;
	return paired?.item;
}

function targetOutput(execution: Execution['execution']): OutputItem[] | undefined {
	try {
		return execution ? nodeOutput(execution, TARGET) : undefined;
	} catch {
		return undefined;
	}
}

/** Every item exactly once in the sandbox, and (for n8n) the output in input order with its pairing. */
function verifyCreate(tag: string, items: CreateItem[]): Planned['verify'] {
	return ({ execution, raw }) => {
		const counts = bodiesTagged(tag);
		const failed = items.filter((item) => !counts.has(item.body)).length;
		let duplicates = 0;
		for (const count of counts.values()) duplicates += count - 1;
		let orderKept: boolean | undefined;
		if (raw) orderKept = raw.results.length === items.length && items.every((item, index) => raw.results[index] === item.body);
		const output = targetOutput(execution);
		if (output && output.length > 0 && execution?.status === 'success') {
			orderKept =
				output.length === items.length &&
				output.every((item, index) => item.json.body === items[index].body && pairedIndex(item) === index);
		}
		return { failed, duplicates, orderKept };
	};
}

let expectedSlugs: string[] = [];

function verifyList(kind: 'items' | 'pages' | 'libredesk'): Planned['verify'] {
	return ({ execution, raw }) => {
		const expected = kind === 'libredesk' ? expectedUuids : expectedSlugs;
		let keys: string[] | undefined;
		if (raw) keys = raw.results;
		const output = targetOutput(execution);
		if (output) {
			keys =
				kind === 'pages'
					? output.flatMap((item) => ((item.json.conversations as Array<{ slug: string }> | undefined) ?? []).map((c) => c.slug))
					: output.map((item) => String(kind === 'libredesk' ? item.json.uuid : item.json.slug));
		}
		if (!keys) return {};
		return {
			failed: Math.max(0, expected.length - keys.length),
			orderKept: keys.length === expected.length && keys.every((key, index) => key === expected[index]),
		};
	};
}

const contexts: Record<string, N8nContext | undefined> = {};

async function runRaw(job: RawJob): Promise<{ result?: RawResult; peakRssMb?: number; cpuSeconds?: number; error?: string }> {
	const file = join(root, 'raw-job.json');
	writeFileSync(file, JSON.stringify(job));
	const measured = await measure(process.execPath, [join(REPO_ROOT, 'scripts', 'bench-raw.ts'), file], process.env);
	const line = measured.stdout.trim().split('\n').pop() ?? '';
	try {
		return { result: JSON.parse(line) as RawResult, peakRssMb: measured.peakRssMb, cpuSeconds: measured.cpuSeconds };
	} catch {
		return { error: `raw client exited ${measured.code}: ${tail(measured.stderr, 5)}` };
	}
}

async function runPlanned(plan: Planned, options: { profileDir?: string } = {}): Promise<RunRecord> {
	const target = plan.scenario === SCENARIO.libredesk ? (libreDesk as LibreDeskSandbox) : sandbox;
	target.setFaults(plan.faults);
	target.clearRequests();
	const record: RunRecord = { scenario: plan.scenario, client: plan.client, rep: plan.rep, items: plan.items, status: '' };
	if (plan.raw) {
		const { result, peakRssMb, cpuSeconds, error } = await runRaw(plan.raw);
		Object.assign(record, { ms: result?.ms, peakRssMb, cpuSeconds, status: result ? (result.failed ? 'failed items' : 'success') : 'error', note: error });
		if (result) Object.assign(record, plan.verify({ raw: result }));
	} else {
		const context = contexts[plan.context ?? 'current'] as N8nContext;
		const run = await execute(context, (plan.workflow as WorkflowJson).id, { profileDir: options.profileDir });
		const { nodeMs, executionMs } = timings(run.execution, TARGET);
		Object.assign(record, {
			ms: nodeMs,
			executionMs,
			peakRssMb: run.peakRssMb,
			cpuSeconds: run.cpuSeconds,
			status: run.execution?.status ?? `exit ${run.code}`,
			note: run.execution ? run.execution.data.resultData.error?.message : tail(`${run.stdout}\n${run.stderr}`, 8),
		});
		Object.assign(record, plan.verify({ execution: run.execution }));
		if (!run.execution) writeFileSync(join(root, `unparsed-${(plan.workflow as WorkflowJson).id}.txt`), `${run.stdout}\n--- stderr\n${run.stderr}`);
	}
	record.requests = target.requests.length;
	record.throttled = target.requests.filter((request) => request.status === 429).length;
	target.setFaults(undefined);
	return record;
}

// ---------------------------------------------------------------- plans

function createItems(tag: string, count: number, offset = 0): CreateItem[] {
	const conversations = sandbox.state.conversations();
	return Array.from({ length: count }, (_, n) => ({
		slug: conversations[(offset + n) % conversations.length].slug,
		body: `${tag} #${n}`,
	}));
}

function account() {
	return { baseUrl: sandbox.baseUrl, email: sandbox.email, token: sandbox.token };
}

function createPlans(scenario: string, count: number, faults: FaultConfig, rep: number, clients: string[], nodeOptions?: NodeOptions): Planned[] {
	return clients.map((client, index) => {
		const id = `b${scenario.replace(/[^a-z0-9]/gi, '').slice(0, 8)}${index}r${rep}${Math.random().toString(36).slice(2, 6)}`.slice(0, 21);
		const tag = `[${id}]`;
		const items = createItems(tag, count);
		const base = { scenario, client, rep, faults, items: count, verify: verifyCreate(tag, items) };
		if (client.startsWith('raw')) {
			const concurrency = Number(/(\d+) at a time/.exec(client)?.[1] ?? DEFAULT_CONCURRENCY);
			return { ...base, raw: { mode: 'create', ...account(), concurrency, items } };
		}
		if (client === CLIENT.http) return { ...base, workflow: httpCreateWorkflow(id, sandbox.baseUrl, items) };
		if (client === CLIENT.httpRetry) return { ...base, workflow: httpCreateWorkflow(id, sandbox.baseUrl, items, { retryOnFail: true }) };
		const concurrency = Number(/C=(\d+)/.exec(client)?.[1] ?? 0) || undefined;
		const options = concurrency ? { ...nodeOptions, concurrency } : nodeOptions;
		const variant = VARIANTS.find((candidate) => client.startsWith(candidate.client));
		return { ...base, context: variant?.label, workflow: nodeCreateWorkflow(id, items, options) };
	});
}

function listPlans(rep: number): Planned[] {
	const faults = { latencyMs: LATENCY };
	const plans: Planned[] = [
		{ scenario: SCENARIO.list, client: CLIENT.node, rep, faults, items: CONVERSATIONS, workflow: nodeListWorkflow(`blistnode${rep}`), verify: verifyList('items') },
		{
			scenario: SCENARIO.list,
			client: CLIENT.raw,
			rep,
			faults,
			items: CONVERSATIONS,
			raw: { mode: 'list', ...account(), concurrency: DEFAULT_CONCURRENCY },
			verify: verifyList('items'),
		},
		{ scenario: SCENARIO.list, client: CLIENT.httpPaging, rep, faults, items: CONVERSATIONS, workflow: httpListWorkflow(`blisthttp${rep}`, sandbox.baseUrl), verify: verifyList('pages') },
	];
	for (const variant of VARIANTS) {
		plans.push({
			scenario: SCENARIO.list,
			client: variant.client,
			rep,
			faults,
			items: CONVERSATIONS,
			context: variant.label,
			workflow: nodeListWorkflow(`blistv${VARIANTS.indexOf(variant)}r${rep}`),
			verify: verifyList('items'),
		});
	}
	if (BEFORE) {
		plans.push({
			scenario: SCENARIO.list,
			client: CLIENT.before,
			rep,
			faults,
			items: CONVERSATIONS,
			context: 'before',
			workflow: nodeListWorkflow(`blistbefore${rep}`),
			verify: verifyList('items'),
		});
	}
	return plans;
}

function libreDeskPlans(rep: number): Planned[] {
	const sb = libreDesk as LibreDeskSandbox;
	const faults = { latencyMs: LATENCY };
	return [
		{ scenario: SCENARIO.libredesk, client: CLIENT.node.replace('Re:amaze', 'LibreDesk'), rep, faults, items: CONVERSATIONS, workflow: libreDeskListWorkflow(`bldlist${rep}`), verify: verifyList('libredesk') },
		{
			scenario: SCENARIO.libredesk,
			client: CLIENT.raw,
			rep,
			faults,
			items: CONVERSATIONS,
			raw: { mode: 'libredesk-list', url: sb.url, apiKey: sb.adminKey, apiSecret: sb.adminSecret, concurrency: DEFAULT_CONCURRENCY },
			verify: verifyList('libredesk'),
		},
	];
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
	log(`${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${load()}`);
	let started = Date.now();
	sandbox = await startSandbox({ seed: 42, conversations: CONVERSATIONS });
	const all = sandbox.state.conversations();
	expectedSlugs = [...all].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((conversation) => conversation.slug);
	log(`sandbox with ${all.length} conversations on ${sandbox.url} (${Date.now() - started} ms)`);
	if (ONLY.has('libredesk')) {
		started = Date.now();
		// Lists kept between writes, as a database index would: the benchmark measures the clients, not the sandbox's sorting.
		libreDesk = await startLibreDeskSandbox({ seed: 42, conversations: CONVERSATIONS, listCache: true });
		// The API's order, read page by page without latency: what both LibreDesk clients must return.
		const { runRaw: read } = await import('./bench-raw.ts');
		expectedUuids = (await read({ mode: 'libredesk-list', url: libreDesk.url, apiKey: libreDesk.adminKey, apiSecret: libreDesk.adminSecret, concurrency: 1 })).results;
		libreDesk.clearRequests();
		log(`LibreDesk sandbox with ${expectedUuids.length} conversations on ${libreDesk.url} (${Date.now() - started} ms)`);
	}

	const latency = { latencyMs: LATENCY };
	const limited = { latencyMs: LATENCY, rateLimit: RATE };
	const groups: Planned[][] = [];
	for (let rep = 1; rep <= REPEATS; rep++) {
		groups.push([
			{ scenario: 'start-up', client: STARTUP, rep, faults: {}, items: 1, workflow: startupWorkflow(`bstartup${rep}`), verify: () => ({}) },
		]);
		if (ONLY.has('create')) {
			groups.push(createPlans(SCENARIO.create, ITEMS, latency, rep, [CLIENT.node, ...VARIANTS.map((variant) => variant.client), CLIENT.http, CLIENT.raw]));
		}
		if (ONLY.has('rate')) groups.push(createPlans(SCENARIO.rate, RATE_ITEMS, limited, rep, [CLIENT.node, CLIENT.http, CLIENT.httpRetry, CLIENT.raw]));
		if (ONLY.has('list')) groups.push(listPlans(rep));
		if (ONLY.has('libredesk')) groups.push(libreDeskPlans(rep));
	}
	if (ONLY.has('sweep')) {
		for (const concurrency of SWEEP) {
			const scenario = `sweep ×${SWEEP_ITEMS}`;
			const nodes = [CLIENT.node, ...VARIANTS.map((variant) => variant.client)].map((client) => `${client}, C=${concurrency}`);
			for (let rep = 1; rep <= SWEEP_REPEATS; rep++) {
				groups.push(createPlans(scenario, SWEEP_ITEMS, latency, rep, [`raw fetch, ${concurrency} at a time`, ...nodes]));
			}
		}
	}
	// Scenario by scenario, the repeats interleaving the clients (load on a shared machine drifts).
	const order = [...new Set(groups.flat().map((plan) => plan.scenario))];
	const plans = order.flatMap((scenario) => groups.flat().filter((plan) => plan.scenario === scenario));

	started = Date.now();
	contexts.current = await prepareCurrent(join(root, 'n8n'), log);
	const libreDeskCredential = libreDesk
		? [{ ...LIBREDESK_CREDENTIAL, data: { baseUrl: libreDesk.url, apiKey: libreDesk.adminKey, apiSecret: libreDesk.adminSecret } }]
		: [];
	await importAll(
		contexts.current,
		{ brand: sandbox.brand, ...account() },
		plans.filter((plan) => plan.workflow && (plan.context ?? 'current') === 'current').map((plan) => plan.workflow as WorkflowJson),
		libreDeskCredential,
	);
	log(`n8n ${contexts.current.version} user folder ready (${Date.now() - started} ms)`);
	for (const variant of VARIANTS) {
		started = Date.now();
		const context = await prepareFromSource(variant.dir, root, variant.label, log);
		contexts[variant.label] = context;
		const workflows = plans.filter((plan) => plan.context === variant.label).map((plan) => plan.workflow as WorkflowJson);
		await importAll(context, { brand: sandbox.brand, ...account() }, workflows);
		log(`variant ${variant.label} (${variant.dir}) user folder ready (${Date.now() - started} ms)`);
	}
	const beforePlans = plans.filter((plan) => plan.context === 'before');
	if (beforePlans.length > 0) {
		started = Date.now();
		contexts.before = await prepareAtCommit(BEFORE as string, root, log);
		await importAll(contexts.before, { brand: sandbox.brand, ...account() }, beforePlans.map((plan) => plan.workflow as WorkflowJson));
		log(`before (${BEFORE}) user folder ready (${Date.now() - started} ms)`);
	}

	let scenario = '';
	for (const plan of plans) {
		if (plan.scenario !== scenario) {
			scenario = plan.scenario;
			loads.push(`${scenario}: ${load()}`);
			log(`— ${scenario} (load ${load()})`);
		}
		const record = await runPlanned(plan);
		records.push(record);
		log(
			`${plan.client} #${plan.rep}: ${record.ms === undefined ? '—' : `${(record.ms / 1000).toFixed(2)} s`}` +
				`${record.executionMs === undefined ? '' : ` (execution ${(record.executionMs / 1000).toFixed(2)} s)`}, ${record.status}` +
				`, failed ${record.failed ?? '—'}, dup ${record.duplicates ?? '—'}, requests ${record.requests}, 429 ${record.throttled}` +
				`, order ${record.orderKept ?? '—'}, peak RSS ${record.peakRssMb?.toFixed(0) ?? '—'} MiB${record.note ? ` — ${record.note.split('\n')[0].slice(0, 160)}` : ''}`,
		);
	}

	if (flags.profile) {
		// One more run of the node (and of HTTP Request, for bulk create) per scenario under --cpu-prof.
		const profiled = plans.filter(
			(plan) =>
				plan.rep === 1 &&
				(plan.client === CLIENT.node ||
					plan.client === CLIENT.node.replace('Re:amaze', 'LibreDesk') ||
					(plan.client === CLIENT.http && plan.scenario === SCENARIO.create)) &&
				!plan.scenario.startsWith('sweep'),
		);
		for (const plan of profiled) {
			const dir = join(root, 'profiles', String(plans.indexOf(plan)));
			mkdirSync(dir, { recursive: true });
			log(`profiling ${plan.client} in ${plan.scenario} (--cpu-prof; this run is not in the figures)`);
			const record = await runPlanned(plan, { profileDir: dir });
			log(`profiled run: ${record.ms === undefined ? '—' : `${(record.ms / 1000).toFixed(2)} s`}, ${record.status}`);
			console.log(profileSummary(dir, 15, plan.client === CLIENT.http ? HTTP_MARKER : NODE_MARKER));
		}
	}
	report();
}

function report(): void {
	loads.push(`end: ${load()}`);
	const summaries = summarise(records);
	console.log(`\nBenchmark: n8n ${contexts.current?.version ?? '?'} CLI (\`n8n execute\`), sandbox latency ${LATENCY} ms per request, ${REPEATS} repeat(s), median time of the node's own run`);
	console.log(`Machine: ${cpus().length} cores; load average (1/5/15 min) ${loads.join('; ')}\n`);
	const startupCpu = find(summaries, 'start-up', STARTUP)?.cpuSeconds;
	console.log(table(summaries, startupCpu));
	const ms = (scenarioName: string, client: string) => find(summaries, scenarioName, client)?.ms;
	const lines: string[] = [];
	const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? 'MET' : 'MISSED');
	if (ONLY.has('create')) {
		const throughput = ratio(ms(SCENARIO.create, CLIENT.http), ms(SCENARIO.create, CLIENT.node));
		const versusRaw = ratio(ms(SCENARIO.create, CLIENT.raw), ms(SCENARIO.create, CLIENT.node));
		const nodeRuns = find(summaries, SCENARIO.create, CLIENT.node)?.runs ?? [];
		const clean = nodeRuns.length > 0 && nodeRuns.every((run) => run.failed === 0 && run.duplicates === 0 && run.orderKept === true);
		const perItem = (client: string) => {
			const summary = find(summaries, SCENARIO.create, client);
			return summary?.cpuSeconds === undefined || startupCpu === undefined ? undefined : ((summary.cpuSeconds - startupCpu) / ITEMS) * 1000;
		};
		lines.push(
			`bulk create: n8n CPU per item beyond start-up (load-independent): node ${fixed(perItem(CLIENT.node), 1)} ms, HTTP Request ${fixed(perItem(CLIENT.http), 1)} ms`,
		);
		lines.push(
			`bulk create: node throughput = ${fixed(throughput)} × HTTP Request's, ${fixed(versusRaw)} × the raw client's (${DEFAULT_CONCURRENCY} at a time); every item once, in order: ${clean ? 'yes' : 'NO'} → target ≥ 1.0× HTTP: ${verdict(throughput === undefined ? undefined : throughput >= 1 && clean)}`,
		);
	}
	if (ONLY.has('rate')) {
		const bound = ((RATE_ITEMS - RATE.burst) / RATE.perSecond) * 1000;
		const node = find(summaries, SCENARIO.rate, CLIENT.node);
		const clean = node !== undefined && node.runs.every((run) => run.failed === 0 && run.duplicates === 0);
		const versusBound = ratio(node?.ms, bound);
		lines.push(
			`behind 10 r/s: bound (items − burst) / rate = ${(bound / 1000).toFixed(1)} s; node ${fixed(versusBound)} × the bound, ${clean ? '0 failed, 0 duplicates' : 'FAILED ITEMS OR DUPLICATES'}; raw ${fixed(ratio(find(summaries, SCENARIO.rate, CLIENT.raw)?.ms, bound))} × → target ≤ 1.15×, 0/0: ${verdict(versusBound === undefined ? undefined : versusBound <= 1.15 && clean)}`,
		);
	}
	if (ONLY.has('list')) {
		const versusRaw = ratio(ms(SCENARIO.list, CLIENT.node), ms(SCENARIO.list, CLIENT.raw));
		const versusHttp = ratio(ms(SCENARIO.list, CLIENT.httpPaging), ms(SCENARIO.list, CLIENT.node));
		const rss = find(summaries, SCENARIO.list, CLIENT.node)?.peakRssMb;
		const rssBefore = find(summaries, SCENARIO.list, CLIENT.before)?.peakRssMb;
		const timeBefore = ms(SCENARIO.list, CLIENT.before);
		lines.push(
			`Return All: node ${fixed(versusRaw)} × the raw client's time (target ≤ 1.3×: ${verdict(versusRaw === undefined ? undefined : versusRaw <= 1.3)}); ${fixed(versusHttp, 1)}× faster than HTTP pagination` +
				(BEFORE ? `, ${fixed(ratio(timeBefore, ms(SCENARIO.list, CLIENT.node)), 1)}× faster than @${BEFORE}` : ''),
		);
		lines.push(
			`Return All peak RSS of n8n execute: node ${fixed(rss, 0)} MiB, @${BEFORE ?? '—'} ${fixed(rssBefore, 0)} MiB (target: no higher: ${verdict(rss === undefined || rssBefore === undefined ? undefined : rss <= rssBefore * 1.02)}, 2 % tolerance for measurement noise)`,
		);
	}
	for (const variant of ONLY.has('create') || ONLY.has('list') ? VARIANTS : []) {
		const createRatio = ratio(ms(SCENARIO.create, CLIENT.http), ms(SCENARIO.create, variant.client));
		const listRatio = ratio(ms(SCENARIO.list, variant.client), ms(SCENARIO.list, CLIENT.raw));
		const perItem = (client: string) => {
			const summary = find(summaries, SCENARIO.create, client);
			return summary?.cpuSeconds === undefined || startupCpu === undefined ? undefined : ((summary.cpuSeconds - startupCpu) / ITEMS) * 1000;
		};
		lines.push(
			`variant ${variant.label}: bulk create ${fixed(createRatio)} × HTTP Request's throughput (this checkout ${fixed(ratio(ms(SCENARIO.create, CLIENT.http), ms(SCENARIO.create, CLIENT.node)))}×), CPU per item ${fixed(perItem(variant.client), 1)} ms (this checkout ${fixed(perItem(CLIENT.node), 1)} ms); Return All ${fixed(listRatio)} × raw (this checkout ${fixed(ratio(ms(SCENARIO.list, CLIENT.node), ms(SCENARIO.list, CLIENT.raw)))}×)`,
		);
	}
	if (ONLY.has('libredesk')) {
		const versusRaw = ratio(ms(SCENARIO.libredesk, CLIENT.node.replace('Re:amaze', 'LibreDesk')), ms(SCENARIO.libredesk, CLIENT.raw));
		lines.push(`LibreDesk Return All: node ${fixed(versusRaw)} × the raw client's time (same target as Re:amaze, ≤ 1.3×: ${verdict(versusRaw === undefined ? undefined : versusRaw <= 1.3)})`);
	}
	if (ONLY.has('sweep')) {
		const sweep = summaries.filter((summary) => summary.scenario.startsWith('sweep'));
		lines.push(
			`sweep (items/s at ${LATENCY} ms): ${sweep.map((summary) => `${summary.client.replace(' at a time', '')}: ${summary.ms ? ((SWEEP_ITEMS / summary.ms) * 1000).toFixed(0) : '—'}`).join('; ')}`,
		);
	}
	console.log(`\n${lines.join('\n')}\n`);
	const resultsDir = join(REPO_ROOT, '.tmp', 'bench');
	mkdirSync(resultsDir, { recursive: true });
	writeFileSync(join(resultsDir, 'results.json'), JSON.stringify({ at: new Date().toISOString(), loads, records }, null, 2));
	log('every run is in .tmp/bench/results.json');
}

try {
	await main();
} finally {
	if (sandbox) await sandbox.close();
	await libreDesk?.close();
	if (flags.keep) log(`kept ${root}`);
	else rmSync(root, { recursive: true, force: true });
}
