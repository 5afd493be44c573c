/**
 * The benchmark's yardstick: a plain `fetch` client with no framework around it, run in its own process
 * (like n8n) so it never shares an event loop with the sandbox. `node scripts/bench-raw.ts <job.json>` prints
 * one JSON line, a RawResult.
 *
 * - create: POSTs one message per item, `concurrency` at a time; on a 429 it waits Retry-After (or 1 s) and
 *   sends again, which is what a careful hand-written client does.
 * - list: reads page 1, then pages 2..page_count `concurrency` at a time, kept in page order.
 * - libredesk-list: the same against LibreDesk (`GET /api/v1/conversations/all`, 100 per page, `total_pages`).
 */
import { readFileSync } from 'node:fs';

export interface RawCreateJob {
	mode: 'create';
	baseUrl: string;
	email: string;
	token: string;
	concurrency: number;
	items: Array<{ slug: string; body: string }>;
}

export interface RawListJob {
	mode: 'list';
	baseUrl: string;
	email: string;
	token: string;
	concurrency: number;
}

export interface RawLibreDeskListJob {
	mode: 'libredesk-list';
	/** The server root (the API is under /api/v1). */
	url: string;
	apiKey: string;
	apiSecret: string;
	concurrency: number;
}

export type RawJob = RawCreateJob | RawListJob | RawLibreDeskListJob;

export interface RawResult {
	/** From the first request sent to the last answer read. */
	ms: number;
	requests: number;
	throttled: number;
	/** Items that ended without a 2xx (create). */
	failed: number;
	/** What came back, in input (create) or API (list) order: message bodies or conversation slugs. */
	results: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) await work(next++);
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}

export async function runRaw(job: RawJob): Promise<RawResult> {
	const user = job.mode === 'libredesk-list' ? `${job.apiKey}:${job.apiSecret}` : `${job.email}:${job.token}`;
	const headers = {
		authorization: `Basic ${Buffer.from(user).toString('base64')}`,
		accept: 'application/json',
		'content-type': 'application/json',
	};
	let requests = 0;
	let throttled = 0;
	const send = async (url: string, init: RequestInit = {}): Promise<unknown> => {
		for (;;) {
			requests++;
			const response = await fetch(url, { ...init, headers });
			if (response.status === 429) {
				throttled++;
				await response.arrayBuffer();
				const seconds = Number(response.headers.get('retry-after'));
				await sleep(Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000);
				continue;
			}
			if (!response.ok) throw new Error(`HTTP ${response.status} from ${init.method ?? 'GET'} ${url}`);
			return await response.json();
		}
	};

	const started = performance.now();
	const results: string[] = [];
	let failed = 0;
	if (job.mode === 'create') {
		await pool(job.items.length, job.concurrency, async (index) => {
			const item = job.items[index];
			try {
				const message = (await send(`${job.baseUrl}/conversations/${encodeURIComponent(item.slug)}/messages`, {
					method: 'POST',
					body: JSON.stringify({ message: { body: item.body, visibility: 1 } }),
				})) as { body: string };
				results[index] = message.body;
			} catch {
				failed++;
				results[index] = '';
			}
		});
	} else if (job.mode === 'libredesk-list') {
		type Page = { total_pages: number; results: Array<{ uuid: string }> | null };
		const page = async (n: number): Promise<Page> => {
			const body = (await send(
				`${job.url}/api/v1/conversations/all?order_by=conversations.last_message_at&order=desc&page=${n}&page_size=100`,
			)) as { data?: Page } & Page;
			return body.data ?? body;
		};
		const first = await page(1);
		const pages: Page[] = [first];
		await pool(Math.max(0, first.total_pages - 1), job.concurrency, async (index) => {
			pages[index + 1] = await page(index + 2);
		});
		for (const { results: found } of pages) for (const conversation of found ?? []) results.push(conversation.uuid);
	} else {
		type Page = { page_count: number; conversations: Array<{ slug: string }> };
		const page = (n: number) => send(`${job.baseUrl}/conversations?filter=all&page=${n}`) as Promise<Page>;
		const first = await page(1);
		const pages: Page[] = [first];
		await pool(first.page_count - 1, job.concurrency, async (index) => {
			pages[index + 1] = await page(index + 2);
		});
		for (const { conversations } of pages) for (const conversation of conversations) results.push(conversation.slug);
	}
	return { ms: performance.now() - started, requests, throttled, failed, results };
}

if (import.meta.main) {
	const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as RawJob;
	process.stdout.write(`${JSON.stringify(await runRaw(job))}\n`);
}
