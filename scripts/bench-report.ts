/** Figures of `npm run bench`: one record per run, medians per client, the table and the targets. */

/** The client name of the runs that measure `n8n execute` doing nothing. */
export const STARTUP = 'n8n execute, no work';

/** Clients that run inside `n8n execute` (the raw client is its own small process: no start-up to subtract). */
export const isN8n = (client: string) => client !== STARTUP && !client.startsWith('raw');

export interface RunRecord {
	scenario: string;
	client: string;
	rep: number;
	/** The work's own duration: the target node's executionTime in n8n, or the raw client's own clock. */
	ms?: number;
	/** The whole n8n execution (startedAt → stoppedAt), trigger and item nodes included. */
	executionMs?: number;
	items: number;
	/** Items that never reached the API (no message), or did not come back (lists). */
	failed?: number;
	duplicates?: number;
	requests?: number;
	throttled?: number;
	/** Output order and pairedItem match the input item by item (or the API's order, for lists). */
	orderKept?: boolean;
	peakRssMb?: number;
	/** CPU seconds (user + system) of the whole process, n8n's start-up included. */
	cpuSeconds?: number;
	status: string;
	note?: string;
}

export function median(values: number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Summary {
	scenario: string;
	client: string;
	runs: RunRecord[];
	ms?: number;
	minMs?: number;
	maxMs?: number;
	peakRssMb?: number;
	cpuSeconds?: number;
}

/** Groups the runs by scenario and client, keeping the order in which they first ran. */
export function summarise(records: RunRecord[]): Summary[] {
	const groups = new Map<string, RunRecord[]>();
	for (const record of records) {
		const key = `${record.scenario}\u0000${record.client}`;
		groups.set(key, [...(groups.get(key) ?? []), record]);
	}
	return [...groups.values()].map((runs) => {
		const times = runs.map((run) => run.ms).filter((ms): ms is number => ms !== undefined);
		const rss = runs.map((run) => run.peakRssMb).filter((mb): mb is number => mb !== undefined);
		const cpu = runs.map((run) => run.cpuSeconds).filter((value): value is number => value !== undefined);
		return {
			scenario: runs[0].scenario,
			client: runs[0].client,
			runs,
			ms: median(times),
			minMs: times.length ? Math.min(...times) : undefined,
			maxMs: times.length ? Math.max(...times) : undefined,
			peakRssMb: median(rss),
			cpuSeconds: median(cpu),
		};
	});
}

const seconds = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));

/** Per-run values joined with "/" (e.g. failed items per repeat: 0/0/0); "—" when not measured. */
function perRun(runs: RunRecord[], pick: (run: RunRecord) => number | boolean | undefined): string {
	const values = runs.map(pick);
	if (values.every((value) => value === undefined)) return '—';
	return values.map((value) => (value === undefined ? '?' : value === true ? 'yes' : value === false ? 'NO' : String(value))).join('/');
}

/** `startupCpu`: the CPU seconds of an `n8n execute` that does nothing, subtracted to show the work's own CPU. */
export function table(summaries: Summary[], startupCpu?: number): string {
	const header = ['scenario', 'client', 'time s (median, min–max)', 'items/s', 'failed', 'dup', 'requests', '429s', 'order', 'peak RSS MiB', 'CPU s (n8n: beyond start-up)'];
	const rows = summaries.map((summary) => {
		const items = summary.runs[0].items;
		return [
			summary.scenario,
			summary.client,
			summary.ms === undefined ? '—' : `${seconds(summary.ms)} (${seconds(summary.minMs)}–${seconds(summary.maxMs)})`,
			summary.ms === undefined || summary.client === STARTUP ? '—' : ((items / summary.ms) * 1000).toFixed(0),
			perRun(summary.runs, (run) => run.failed),
			perRun(summary.runs, (run) => run.duplicates),
			perRun(summary.runs, (run) => run.requests),
			perRun(summary.runs, (run) => run.throttled),
			perRun(summary.runs, (run) => run.orderKept),
			summary.peakRssMb === undefined ? '—' : summary.peakRssMb.toFixed(0),
			summary.cpuSeconds === undefined
				? '—'
				: `${summary.cpuSeconds.toFixed(1)}${startupCpu !== undefined && isN8n(summary.client) ? ` (${(summary.cpuSeconds - startupCpu).toFixed(1)})` : ''}`,
		];
	});
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function find(summaries: Summary[], scenario: string, client: string): Summary | undefined {
	return summaries.find((summary) => summary.scenario === scenario && summary.client === client);
}

/** a / b, or undefined when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): number | undefined {
	return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

export const fixed = (value: number | undefined, digits = 2) => (value === undefined ? '—' : value.toFixed(digits));
