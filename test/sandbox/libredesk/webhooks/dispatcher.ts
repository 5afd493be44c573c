/**
 * Outgoing webhooks as §12.3 describes them: an in-memory queue (10 000; when full, events are dropped),
 * 5 workers (so no order between events), one POST per active subscribed webhook, no retries, 3 s until
 * response headers, 15 s overall. The body is `{"event","payload","timestamp"}` in that (alphabetical) order
 * with Go's escaping; `X-Libredesk-Signature: sha256=<hex HMAC of the exact bytes>` only when a secret is set.
 */
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { goJson } from '../json.ts';
import type { DomainEvent, LibreDeskState } from '../state.ts';
import { rfc3339Seconds } from '../time.ts';
import type { Webhook, WebhookDelivery } from '../types.ts';

interface Task {
	event: string;
	payload: unknown;
	webhookId?: number;
}

export interface DispatcherOptions {
	workers?: number;
	queueSize?: number;
	headerTimeoutMs?: number;
	overallTimeoutMs?: number;
}

export function signBody(body: Buffer, secret: string): string {
	return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')}`;
}

export class WebhookDispatcher {
	readonly deliveries: WebhookDelivery[] = [];
	readonly #state: LibreDeskState;
	readonly #workers: number;
	readonly #queueSize: number;
	readonly #headerTimeoutMs: number;
	readonly #overallTimeoutMs: number;
	#queue: Task[] = [];
	#active = 0;
	/** Outstanding work outside the queue (replies waiting in the outbox, synchronous test deliveries). */
	#holds = 0;
	#waiters: (() => void)[] = [];
	#seq = 0;
	/** Bumped by reset(): deliveries of an older generation are not logged. */
	#generation = 0;
	#closed = false;

	constructor(state: LibreDeskState, options: DispatcherOptions = {}) {
		this.#state = state;
		this.#workers = options.workers ?? 5;
		this.#queueSize = options.queueSize ?? 10_000;
		this.#headerTimeoutMs = options.headerTimeoutMs ?? 3000;
		this.#overallTimeoutMs = options.overallTimeoutMs ?? 15_000;
	}

	#targets(event: string, webhookId: number | undefined): Webhook[] {
		if (webhookId !== undefined) {
			const webhook = this.#state.webhook(webhookId);
			return webhook?.isActive ? [webhook] : [];
		}
		return this.#state.webhooks.filter((w) => w.isActive && w.events.includes(event));
	}

	/** `TriggerEvent` / `TriggerWebhook`: queued; the payload is built now, and only if someone will receive it. */
	enqueue(domainEvent: DomainEvent): void {
		if (this.#closed || this.#targets(domainEvent.event, domainEvent.webhookId).length === 0) return;
		const task: Task = { event: domainEvent.event, payload: domainEvent.payload(), webhookId: domainEvent.webhookId };
		if (this.#queue.length >= this.#queueSize) {
			const now = Date.now();
			this.deliveries.push({ seq: ++this.#seq, webhookId: task.webhookId ?? 0, event: task.event, url: '', error: 'dropped: queue full', ok: false, body: '', headers: {}, startedAt: now, finishedAt: now });
			return;
		}
		this.#queue.push(task);
		this.#pump();
	}

	#pump(): void {
		while (this.#active < this.#workers && this.#queue.length > 0) {
			const task = this.#queue.shift() as Task;
			this.#active++;
			const generation = this.#generation;
			void (async () => {
				try {
					// Targets are read when a worker takes the task, as the Go worker does.
					for (const webhook of this.#targets(task.event, task.webhookId)) await this.#deliver(webhook, task, generation);
				} finally {
					this.#active--;
					this.#pump();
					this.#settle();
				}
			})();
		}
	}

	/** The test route (§12.2): synchronous, to this webhook even when inactive. */
	async deliverNow(webhook: Webhook, event: string, payload: unknown): Promise<WebhookDelivery | undefined> {
		const release = this.hold();
		try {
			return await this.#deliver(webhook, { event, payload }, this.#generation);
		} finally {
			release();
		}
	}

	async #deliver(webhook: Webhook, task: Task, generation: number): Promise<WebhookDelivery | undefined> {
		const body = Buffer.from(goJson({ event: task.event, payload: task.payload, timestamp: rfc3339Seconds(Date.now()) }), 'utf8');
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'User-Agent': `Libredesk-Webhook/${this.#state.version}`,
			'Accept-Encoding': 'gzip',
			'Content-Length': String(body.length),
		};
		if (webhook.secret !== '') headers['X-Libredesk-Signature'] = signBody(body, webhook.secret);
		const startedAt = Date.now();
		const outcome = await this.#post(webhook.url, headers, body);
		const entry: WebhookDelivery = {
			seq: 0,
			webhookId: webhook.id,
			event: task.event,
			url: webhook.url,
			...outcome,
			ok: outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300,
			body: body.toString('utf8'),
			headers,
			startedAt,
			finishedAt: Date.now(),
		};
		if (generation !== this.#generation) return undefined;
		entry.seq = ++this.#seq;
		this.deliveries.push(entry);
		return entry;
	}

	#post(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status?: number; error?: string; responseBody?: string }> {
		return new Promise((resolve) => {
			let target: URL;
			try {
				target = new URL(url);
			} catch {
				return resolve({ error: `invalid URL: ${url}` });
			}
			if (target.protocol !== 'http:' && target.protocol !== 'https:') return resolve({ error: `unsupported protocol scheme "${target.protocol.replace(':', '')}"` });
			let settled = false;
			const finish = (value: { status?: number; error?: string; responseBody?: string }) => {
				if (settled) return;
				settled = true;
				clearTimeout(headerTimer);
				clearTimeout(overallTimer);
				resolve(value);
			};
			const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
			const req = send(target, { method: 'POST', headers, agent: false });
			// §12.3: the transport allows 3 s to connect and 3 s until response headers.
			const headerTimer = setTimeout(() => {
				finish({ error: 'timeout awaiting response headers' });
				req.destroy();
			}, this.#headerTimeoutMs);
			const overallTimer = setTimeout(() => {
				finish({ error: 'Client.Timeout exceeded while awaiting body' });
				req.destroy();
			}, this.#overallTimeoutMs);
			req.on('response', (res: IncomingMessage) => {
				clearTimeout(headerTimer);
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => finish({ status: res.statusCode, responseBody: Buffer.concat(chunks).toString('utf8') }));
				res.on('error', (error) => finish({ status: res.statusCode, error: error.message }));
			});
			req.on('error', (error) => finish({ error: error.message }));
			req.end(body);
		});
	}

	/** Counts outstanding work (e.g. a reply in the outbox); call the result once it is done. */
	hold(): () => void {
		this.#holds++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#holds--;
			this.#settle();
		};
	}

	get busy(): boolean {
		return this.#queue.length > 0 || this.#active > 0 || this.#holds > 0;
	}

	#settle(): void {
		if (this.busy) return;
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const resolve of waiters) resolve();
	}

	/** Resolves once the queue is empty, no delivery is in flight and no reply is waiting in the outbox. */
	idle(): Promise<void> {
		if (!this.busy) return Promise.resolve();
		return new Promise((resolve) => this.#waiters.push(resolve));
	}

	/** Drops queued tasks and the log; deliveries already in flight finish unlogged. */
	reset(): void {
		this.#generation++;
		this.#queue = [];
		this.deliveries.length = 0;
		this.#settle();
	}

	close(): void {
		this.#closed = true;
		this.#queue = [];
		this.#settle();
	}
}
