/**
 * A V8 CPU profile (`node --cpu-prof` of `n8n execute`) boiled down to where a node's run spends its time:
 * inclusive time of the n8n machinery it calls (parameter expressions, authentication, credentials, the
 * database), self time per package and the hottest functions. Only the samples from the first to the last
 * one running the node's own code count, so n8n's start-up and shut-down stay out.
 * `node scripts/bench-profile.ts <dir with .cpuprofile> [top] [marker regexp]`
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** Run-time functions of the Re:amaze node (not its module code, which loads at start-up). */
export const NODE_MARKER = /^(runItems|runItem|worker|runOne|sendWithRetries|reamazeRequest|readPages)@.*n8n-nodes-reamaze/;
/** The HTTP Request node's execute. */
export const HTTP_MARKER = /^execute@.*HttpRequest\/V3/;

/** Inclusive buckets: a sample counts once for a bucket when any frame of its stack matches. */
const BUCKETS: Array<[string, RegExp]> = [
	['node parameters (getNodeParameter, expressions)', /^_getNodeParameter /],
	['  of which sequenceKey (runner)', /^sequenceKeyOf /],
	['request with authentication (n8n helper)', /^httpRequestWithAuthentication .*authentication\.js/],
	['  of which authenticate (credential expressions)', /^authenticate .*credentials-helper/],
	['  of which getDecrypted (credential from DB, decrypted)', /^getDecrypted .*credentials-helper/],
	["node's own getCredentials", /^getCredentials .*base-execute-context/],
	['expression engine (isolated-vm bridge)', /isolated-vm-bridge/],
	['SQLite / TypeORM (database)', /sqlite|typeorm/],
	['HTTP client (axios)', /axios/],
	['this package (its code and what it calls)', /n8n-nodes-reamaze/],
	['garbage collector', /^\(garbage collector\)/],
	['idle', /^\(idle\)/],
];

function packageOf(url: string): string {
	if (url === '') return '(VM / idle / GC)';
	if (url.startsWith('node:')) return 'node internals';
	const parts = url.split('node_modules/');
	if (parts.length > 1) {
		const last = parts[parts.length - 1].split('/');
		return last[0].startsWith('@') ? `${last[0]}/${last[1]}` : last[0];
	}
	return url.replace(/^file:\/\//, '');
}

const frameName = (frame: ProfileNode['callFrame']) =>
	`${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber + 1}` : ''}`.trim();

export function profileSummary(dir: string, top = 20, marker: RegExp = NODE_MARKER): string {
	const lines: string[] = [];
	for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
		const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
		const byId = new Map(profile.nodes.map((node) => [node.id, node]));
		const parent = new Map<number, number>();
		for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
		const stacks = new Map<number, ProfileNode['callFrame'][]>();
		const stackOf = (id: number): ProfileNode['callFrame'][] => {
			let stack = stacks.get(id);
			if (!stack) {
				const up = parent.get(id);
				stack = [...(up === undefined ? [] : stackOf(up)), (byId.get(id) as ProfileNode).callFrame];
				stacks.set(id, stack);
			}
			return stack;
		};
		let first = -1;
		let last = -1;
		profile.samples.forEach((id, index) => {
			if (!stackOf(id).some((frame) => marker.test(`${frame.functionName}@${frame.url}`))) return;
			if (first === -1) first = index;
			last = index;
		});
		if (first === -1) {
			lines.push(`profile ${file}: no sample runs ${marker}`);
			continue;
		}
		const inclusive = new Map<string, number>();
		const perPackage = new Map<string, number>();
		const perFunction = new Map<string, number>();
		let total = 0;
		for (let index = first; index <= last; index++) {
			const micros = profile.timeDeltas[index] ?? 0;
			const stack = stackOf(profile.samples[index]);
			const leaf = stack[stack.length - 1];
			total += micros;
			perPackage.set(packageOf(leaf.url), (perPackage.get(packageOf(leaf.url)) ?? 0) + micros);
			perFunction.set(frameName(leaf), (perFunction.get(frameName(leaf)) ?? 0) + micros);
			const names = stack.map((frame) => `${frameName(frame)} ${frame.url}`);
			for (const [bucket, pattern] of BUCKETS) {
				if (names.some((name) => pattern.test(name))) inclusive.set(bucket, (inclusive.get(bucket) ?? 0) + micros);
			}
		}
		const row = (name: string, micros: number) => `  ${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${name}`;
		const sorted = (map: Map<string, number>, count: number) =>
			[...map]
				.sort((a, b) => b[1] - a[1])
				.slice(0, count)
				.map(([name, micros]) => row(name, micros));
		lines.push(
			`profile ${file}: ${(total / 1000).toFixed(0)} ms sampled while the node ran (wall clock: waiting for the CPU on a loaded machine shows up as time of whatever runs next)`,
			' inclusive (a sample counts for every bucket its stack is in):',
			...BUCKETS.map(([bucket]) => row(bucket, inclusive.get(bucket) ?? 0)),
			' self time by package:',
			...sorted(perPackage, 8),
			' self time by function:',
			...sorted(perFunction, top),
		);
	}
	return lines.join('\n');
}

if (import.meta.main) {
	const marker = process.argv[4] ? new RegExp(process.argv[4]) : undefined;
	console.log(profileSummary(process.argv[2], Number(process.argv[3] ?? 25), marker));
}
