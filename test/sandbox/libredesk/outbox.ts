/**
 * Replies are stored `pending` and sent by a worker shortly after (§6.3), which fires `message.updated`.
 * The sandbox "sends" after `delayMs`; a reply to an address under the reserved `.invalid` TLD fails instead,
 * so tests can reach the `failed` status and the retry route (§6.4).
 */
import { finishOutgoing } from './domain.ts';
import type { LibreDeskState } from './state.ts';
import type { Message } from './types.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

export class Outbox {
	readonly #state: LibreDeskState;
	readonly #dispatcher: WebhookDispatcher;
	readonly #delayMs: number;
	readonly #pending = new Map<ReturnType<typeof setTimeout>, () => void>();

	constructor(state: LibreDeskState, dispatcher: WebhookDispatcher, delayMs: number) {
		this.#state = state;
		this.#dispatcher = dispatcher;
		this.#delayMs = delayMs;
	}

	static fails(message: Message): boolean {
		const to = Array.isArray(message.meta.to) ? (message.meta.to as unknown[]) : [];
		return to.some((address) => typeof address === 'string' && /\.invalid$/i.test(address.trim()));
	}

	queue(message: Message): void {
		const release = this.#dispatcher.hold();
		const timer = setTimeout(() => {
			this.#pending.delete(timer);
			try {
				this.#state.noteWrite();
				finishOutgoing(this.#state, message, Outbox.fails(message) ? 'failed' : 'sent');
			} finally {
				release();
			}
		}, this.#delayMs);
		this.#pending.set(timer, release);
	}

	/** Forgets queued replies (they stay `pending`). */
	clear(): void {
		for (const [timer, release] of this.#pending) {
			clearTimeout(timer);
			release();
		}
		this.#pending.clear();
	}
}
