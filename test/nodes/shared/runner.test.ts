import { setTimeout as delay } from 'node:timers/promises';

import { type IDataObject, type IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { InputError } from '../../../nodes/shared/errors';
import { limiterFor } from '../../../nodes/shared/limiter';
import type { Operation } from '../../../nodes/shared/operation';
import { type Outcome, sendWithRetries } from '../../../nodes/shared/retry';
import { runItems } from '../../../nodes/shared/runner';

const node = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

function fakeContext(items: IDataObject[], continueOnFail = false): IExecuteFunctions {
	return {
		getInputData: () => items.map((json) => ({ json })),
		getNode: () => node,
		continueOnFail: () => continueOnFail,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => items[itemIndex]?.[name] ?? fallback,
	} as unknown as IExecuteFunctions;
}

/** A seeded shuffle of latencies, so later items often finish before earlier ones. */
function latencies(count: number, seed = 3): number[] {
	let state = seed;
	return Array.from({ length: count }, () => {
		state = (state * 1103515245 + 12345) % 2 ** 31;
		return state % 25;
	});
}

interface Probe {
	sent: Array<{ item: number; at: number }>;
	finished?: number[];
	inFlight: number;
	maxInFlight: number;
}

/**
 * An operation whose request goes through the run's limiter like a transport's does: the runner's
 * halting and concurrency are observed on the requests actually "sent".
 */
function probeOperation(probe: Probe, behaviour: (item: number) => 'ok' | 'input' | 'api', waits: number[]): Operation {
	return {
		properties: [],
		sequenceKey: (context, itemIndex) => context.getNodeParameter('object', itemIndex, undefined) as string | undefined,
		async execute(context, itemIndex) {
			const what = behaviour(itemIndex);
			if (what === 'input') throw new InputError('Email', 'is required');
			return await sendWithRetries(limiterFor(context, 'testApi'), { maxRetryWaitMs: 0, backoffBaseMs: 0 }, async (): Promise<Outcome<IDataObject>> => {
				probe.sent.push({ item: itemIndex, at: performance.now() });
				probe.inFlight++;
				probe.maxInFlight = Math.max(probe.maxInFlight, probe.inFlight);
				await delay(waits[itemIndex] ?? 0);
				probe.inFlight--;
				probe.finished?.push(itemIndex);
				if (what === 'api') {
					return { error: new NodeApiError(context.getNode(), { status: 422 }, { message: `refused ${itemIndex}` }), retry: false };
				}
				return { value: { item: itemIndex } };
			});
		},
	};
}

const settings = (concurrency: number) => ({ service: 'Test', credentialType: 'testApi', concurrency });

describe('runItems: items in parallel, output in input order', () => {
	it('keeps order and pairedItem with shuffled latencies, and never exceeds the concurrency', async () => {
		const items = Array.from({ length: 60 }, () => ({}));
		const probe: Probe = { sent: [], inFlight: 0, maxInFlight: 0, finished: [] };
		const [output] = await runItems(fakeContext(items), probeOperation(probe, () => 'ok', latencies(60)), settings(7));
		expect(output.map((item) => item.json.item)).toEqual(items.map((_, index) => index));
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(probe.maxInFlight).toBe(7);
		// Shuffled latencies really did finish items out of order: otherwise this test proves nothing.
		expect(probe.finished).not.toEqual([...(probe.finished ?? [])].sort((a, b) => a - b));
	});

	it('concurrency 1 runs items strictly one after another', async () => {
		const probe: Probe = { sent: [], inFlight: 0, maxInFlight: 0 };
		const items = Array.from({ length: 10 }, () => ({}));
		await runItems(fakeContext(items), probeOperation(probe, () => 'ok', latencies(10)), settings(1));
		expect(probe.maxInFlight).toBe(1);
		expect(probe.sent.map((entry) => entry.item)).toEqual(items.map((_, index) => index));
	});

	it('items with the same sequence key run one after another in input order; other items overlap them', async () => {
		const items = Array.from({ length: 30 }, (_, index) => ({ object: index % 3 === 0 ? 'conversation-a' : `other-${index}` }));
		const probe: Probe = { sent: [], inFlight: 0, maxInFlight: 0 };
		const waits = latencies(30).map((ms, index) => (index % 3 === 0 ? 25 - ms : ms));
		const spans: Array<{ item: number; start: number; end: number }> = [];
		const base = probeOperation(probe, () => 'ok', waits);
		const operation: Operation = {
			...base,
			async execute(context, itemIndex) {
				const start = performance.now();
				const result = await base.execute(context, itemIndex);
				spans.push({ item: itemIndex, start, end: performance.now() });
				return result;
			},
		};
		await runItems(fakeContext(items), operation, settings(8));
		const keyed = spans.filter((span) => span.item % 3 === 0).sort((a, b) => a.start - b.start);
		expect(keyed.map((span) => span.item)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
		for (let i = 1; i < keyed.length; i++) expect(keyed[i].start).toBeGreaterThanOrEqual(keyed[i - 1].end);
		expect(probe.maxInFlight).toBeGreaterThan(1);
	});
});

describe('runItems: failures', () => {
	it('Continue On Fail: failures in the middle of a batch become error items in place, paired, and the rest succeed', async () => {
		const items = Array.from({ length: 20 }, () => ({}));
		const probe: Probe = { sent: [], inFlight: 0, maxInFlight: 0 };
		const behaviour = (item: number) => (item === 5 ? 'input' : item === 6 || item === 13 ? 'api' : 'ok');
		const [output] = await runItems(fakeContext(items, true), probeOperation(probe, behaviour, latencies(20)), settings(5));
		expect(output).toHaveLength(20);
		expect(output.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
		expect(output[5].json).toEqual({
			error: 'Item 6: Email is required',
			errorDescription: 'Correct the "Email" parameter (or the expression that fills it) for this item.',
		});
		expect(output[6].json.error).toBe('refused 6');
		expect(output[13].json.error).toBe('refused 13');
		expect(output.filter((item) => item.json.item !== undefined)).toHaveLength(17);
	});

	it('without Continue On Fail: the failure is thrown naming its item, no new item starts and no request is sent after it', async () => {
		const items = Array.from({ length: 100 }, () => ({}));
		const probe: Probe = { sent: [], inFlight: 0, maxInFlight: 0 };
		const waits = latencies(100).map((ms) => ms + 5);
		let failedAt = 0;
		const base = probeOperation(probe, (item) => (item === 12 ? 'api' : 'ok'), waits);
		const operation: Operation = {
			...base,
			async execute(context, itemIndex) {
				try {
					return await base.execute(context, itemIndex);
				} catch (error) {
					failedAt = performance.now();
					throw error;
				}
			},
		};
		const error = await runItems(fakeContext(items), operation, settings(6)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('refused 12');
		expect((error as NodeApiError).context.itemIndex).toBe(12);
		// Nothing was sent after the failure, and the run stopped long before the last item.
		expect(probe.sent.every((entry) => entry.at <= failedAt)).toBe(true);
		expect(probe.sent.length).toBeLessThan(40);
	});

	it('a request waiting in the limiter when another item fails is never sent, and its item is not reported', async () => {
		const items = [{ object: 'x' }, {}, {}];
		const sent: number[] = [];
		const operation: Operation = {
			properties: [],
			async execute(context, itemIndex) {
				// A second API of this run that admits one request at a time: items 1 and 2 wait behind item 0.
				const limiter = limiterFor(context, 'oneAtATimeApi', { maxInFlight: 1 });
				await limiter.acquire();
				sent.push(itemIndex);
				if (itemIndex === 0) {
					await delay(20);
					limiter.release({ kind: 'neutral' }, true);
					throw new NodeOperationError(context.getNode(), 'first item failed');
				}
				limiter.release({ kind: 'ok' });
				return {};
			},
		};
		const error = await runItems(fakeContext(items), operation, settings(3)).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe('first item failed');
		expect(sent).toEqual([0]);
	});

	it('when two items fail, the lower item is reported whatever finished first', async () => {
		const items = Array.from({ length: 4 }, () => ({}));
		const probe: Probe = { sent: [], inFlight: 0, maxInFlight: 0 };
		// Item 1 fails after 30 ms, item 2 after 1 ms: both are in flight together.
		const error = await runItems(fakeContext(items), probeOperation(probe, (item) => (item === 1 || item === 2 ? 'api' : 'ok'), [0, 30, 1, 0]), settings(4)).catch(
			(caught: unknown) => caught,
		);
		expect((error as NodeApiError).message).toBe('refused 1');
	});
});

describe('the sequence key and the operation share one evaluation of the parameter', () => {
	it('keyFromParameters + itemParameter: n8n is asked once per item, and forgotten after the item', async () => {
		const { keyFromParameters } = await import('../../../nodes/shared/operation');
		const { itemParameter } = await import('../../../nodes/shared/itemParameters');
		const items = [{ conversation: 'a' }, { conversation: 'b' }, { conversation: 'a' }];
		const base = fakeContext(items);
		const asked: string[] = [];
		const context = {
			...base,
			getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
				asked.push(`${name}#${itemIndex}`);
				return base.getNodeParameter(name, itemIndex, fallback);
			},
		} as unknown as IExecuteFunctions;
		const operation: Operation = {
			properties: [],
			sequenceKey: keyFromParameters(['conversation']),
			async execute(ctx, itemIndex) {
				return { conversation: itemParameter(ctx, 'conversation', itemIndex) as string };
			},
		};
		const [output] = await runItems(context, operation, { service: 'Test', credentialType: 'countApi', concurrency: 2 });
		expect(output.map((item) => item.json.conversation)).toEqual(['a', 'b', 'a']);
		expect([...asked].sort()).toEqual(['conversation#0', 'conversation#1', 'conversation#2']);
		// A later read of item 0 (another run over the same context) asks n8n again.
		itemParameter(context, 'conversation', 0);
		expect(asked.filter((entry) => entry === 'conversation#0')).toHaveLength(2);
	});
});
