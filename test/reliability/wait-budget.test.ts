import { createRequire } from 'node:module';

import type { IDataObject, INodeParameters, INodeProperties } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { rateLimitAdvice } from '../../nodes/Reamaze/helpers/retryAdvice';
import { RequestLimiter, WaitBudget } from '../../nodes/shared/limiter';
import { DEFAULT_POLICY, policyFromOptions, requestOptionsProperty } from '../../nodes/shared/options';
import { type GiveUpReason, type Outcome, sendWithRetries } from '../../nodes/shared/retry';
import { runReamazeNode } from '../nodes/Reamaze/run';
import { VirtualClock } from '../nodes/shared/virtual-time';
import { type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

// n8n-core resolves the logger of a node's context from its own copies of these packages.
const fromCore = createRequire(createRequire(import.meta.url).resolve('n8n-core'));
const { Container } = fromCore('@n8n/di') as typeof import('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common') as typeof import('@n8n/backend-common');

/**
 * Retry waits add up honestly: besides each request's own Max Rate Limit Wait, one node run waits at
 * most Max Total Wait in all (wall-clock time in which some request waits), each wait is logged at
 * info level with its reason, and the 429 error says what the node did and which budget ran out.
 */

describe('WaitBudget: wall-clock time in which at least one request waits', () => {
	it('counts overlapping waits once and refuses a wait it cannot cover, reserving nothing', () => {
		let now = 0;
		const budget = new WaitBudget(5_000, () => now);
		expect(budget.claim(2_000)).toBe(true);
		// Ten requests paused by the same 429 at the same moment: the same two seconds.
		for (let i = 0; i < 9; i++) expect(budget.claim(2_000)).toBe(true);
		expect(budget.spentMs).toBe(2_000);
		now = 1_000;
		expect(budget.claim(2_000)).toBe(true); // 1 s of it overlaps
		expect(budget.spentMs).toBe(3_000);
		now = 3_000;
		expect(budget.claim(3_000)).toBe(false);
		expect(budget.spentMs).toBe(3_000);
		expect(budget.claim(2_000)).toBe(true);
		expect(budget.spentMs).toBe(5_000);
	});
});

describe('sendWithRetries with a run budget, in virtual time', () => {
	it('ten requests refused forever stop once the run has waited Max Total Wait, each told why', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 10 }, clock);
		const lines: string[] = [];
		limiter.logger = { info: (message) => void lines.push(message) };
		const reasons: GiveUpReason[] = [];
		const attempt = async (): Promise<Outcome<never>> => {
			await clock.wait(50);
			return {
				error: new Error('429'),
				retry: true,
				throttled: true,
				retryAfterMs: 2_000,
				reason: 'HTTP 429 from the API',
				onGiveUp: (why) => void reasons.push(why),
			};
		};
		const budget = { maxRetryWaitMs: 120_000, backoffBaseMs: 100, maxTotalWaitMs: 5_000 };
		const settled = await clock.run(
			Promise.allSettled(Array.from({ length: 10 }, () => sendWithRetries(limiter, budget, attempt, (ms) => clock.wait(ms)))),
		);
		expect(settled.every((result) => result.status === 'rejected')).toBe(true);
		expect(reasons).toEqual(Array(10).fill('run-budget'));
		expect(limiter.waitBudget(0).spentMs).toBeLessThanOrEqual(5_000);
		// Without the run budget each request would go on for 120 s.
		expect(clock.now()).toBeLessThan(10_000);
		expect(lines.length).toBeGreaterThan(0);
		expect(lines[0]).toBe(
			'Retry 1 in 2.0 s after HTTP 429 from the API. Every request of this credential pauses meanwhile. This request has waited 2.0 s of its 120.0 s (Max Rate Limit Wait); the node run has waited 2.0 s of its 5.0 s (Max Total Wait).',
		);
	});

	it('a request whose own budget ends first is told so', async () => {
		const clock = new VirtualClock();
		const limiter = new RequestLimiter({ maxInFlight: 1 }, clock);
		const reasons: GiveUpReason[] = [];
		const attempt = async (): Promise<Outcome<never>> => ({
			error: new Error('503'),
			retry: true,
			serverTrouble: true,
			retryAfterMs: 1_000,
			onGiveUp: (why) => void reasons.push(why),
		});
		await expect(
			clock.run(sendWithRetries(limiter, { maxRetryWaitMs: 2_500, backoffBaseMs: 1, maxTotalWaitMs: 60_000 }, attempt, (ms) => clock.wait(ms))),
		).rejects.toThrow('503');
		expect(reasons).toEqual(['request-budget']);
		expect(clock.now()).toBe(2_000);
	});

	it('Max Total Wait is an Option, 300 s by default', () => {
		const option = requestOptionsProperty('Re:amaze').options?.find((entry) => entry.name === 'maxTotalWaitSeconds') as INodeProperties | undefined;
		expect(option).toMatchObject({ displayName: 'Max Total Wait (Seconds)', type: 'number', default: 300 });
		expect(requestOptionsProperty('Re:amaze', false).options?.map((entry) => entry.name)).toContain('maxTotalWaitSeconds');
		expect(DEFAULT_POLICY.maxTotalWaitMs).toBe(300_000);
		expect(policyFromOptions({}).maxTotalWaitMs).toBe(300_000);
		expect(policyFromOptions({ maxTotalWaitSeconds: 2 }).maxTotalWaitMs).toBe(2_000);
		expect(policyFromOptions({ maxTotalWaitSeconds: 0 }).maxTotalWaitMs).toBe(0);
	});
});

describe('the Re:amaze node in the engine, rate-limited without end', () => {
	let sandbox: Sandbox;
	const logged: string[] = [];
	beforeAll(async () => {
		sandbox = await startSandbox({ seed: 3 });
	});
	beforeEach(() => {
		sandbox.reset();
		logged.length = 0;
		const logger = Container.get(Logger);
		vi.spyOn(logger, 'info').mockImplementation((message: string) => void logged.push(message));
	});
	afterEach(() => {
		vi.restoreAllMocks();
		sandbox.setFaults(undefined);
	});
	afterAll(async () => sandbox.close());

	const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });
	const slugs = () => sandbox.state.conversations().slice(0, 5).map((conversation) => conversation.slug);
	const getMany = (options: IDataObject): INodeParameters => ({
		resource: 'conversation',
		operation: 'get',
		conversation: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' },
		requestOptions: options as INodeParameters,
	});

	it('stops after Max Total Wait for the whole run (not 120 s per item), logs each wait, and says which budget ran out', async () => {
		sandbox.setFaults({ rate429: 1, retryAfterShare: 1, retryAfterSeconds: 1 });
		const run = await runReamazeNode(getMany({ maxTotalWaitSeconds: 2, maxRetryWaitSeconds: 120 }), {
			credentials: credentials(),
			items: slugs().map((slug) => ({ slug })),
		});
		expect(run.error?.message).toBe('Re:amaze rate limit reached (HTTP 429)');
		expect(run.error?.description).toBe(rateLimitAdvice('run-budget', policyFromOptions({ maxTotalWaitSeconds: 2 })));
		expect(run.error?.description).toBe(
			"Re:amaze limits requests per API token per minute and does not publish the limit. On each 429 the node paused every request of this credential for the Retry-After time (or a growing back-off when none came) and slowed down its pace, until this run had used up its Max Total Wait (2 s). Raise Max Total Wait, set Max Requests per Second to your plan's limit or lower Items in Parallel (both in the Re:amaze node's Options), or run this workflow less often.",
		);
		// Every wait of the run, logged at n8n's info level with its reason; none longer than the run's budget in all.
		const waits = logged.filter((line) => line.startsWith('Retry '));
		expect(waits.length).toBeGreaterThan(0);
		for (const line of waits) {
			expect(line).toMatch(
				/^Retry \d+ in 1\.0 s after HTTP 429 from Re:amaze \(GET conversations, item [0-4]\), rate limited\. Every request of this credential pauses meanwhile\. This request has waited \d+\.0 s of its 120\.0 s \(Max Rate Limit Wait\); the node run has waited [0-2]\.\d s of its 2\.0 s \(Max Total Wait\)\.$/,
			);
		}
		// Counted, not timed: five items with a 120 s budget each would keep retrying for minutes; the run's 2 s of
		// waiting allow a few rounds of 1 s pauses (a round adds about one second whatever the machine's load).
		expect(sandbox.requests.length).toBeLessThanOrEqual(5 * 4);
	}, 90_000);

	it('a request whose own Max Rate Limit Wait ends first says so', async () => {
		sandbox.setFaults({ rate429: 1, retryAfterShare: 1, retryAfterSeconds: 5 });
		const run = await runReamazeNode(getMany({ maxRetryWaitSeconds: 1 }), { credentials: credentials(), items: [{ slug: slugs()[0] }] });
		expect(run.error?.message).toBe('Re:amaze rate limit reached (HTTP 429)');
		expect(run.error?.description).toBe(
			"Re:amaze limits requests per API token per minute and does not publish the limit. On each 429 the node paused every request of this credential for the Retry-After time (or a growing back-off when none came) and slowed down its pace, until this request had used up its Max Rate Limit Wait (1 s). Raise Max Rate Limit Wait, set Max Requests per Second to your plan's limit or lower Items in Parallel (both in the Re:amaze node's Options), or run this workflow less often.",
		);
		expect(sandbox.requests).toHaveLength(1);
	});

	it('with retries off the 429 says so', async () => {
		sandbox.setFaults({ rate429: 1 });
		const run = await runReamazeNode(getMany({ maxRetryWaitSeconds: 0 }), { credentials: credentials(), items: [{ slug: slugs()[0] }] });
		expect(run.error?.description).toBe(
			'Re:amaze limits requests per API token per minute. Retries are off (Max Rate Limit Wait is 0), so the request failed at the first 429. Raise Max Rate Limit Wait to let the node wait and retry.',
		);
	});

	it('a 5xx retried until the run budget ends says that the run budget stopped it', async () => {
		sandbox.setFaults({ rate5xx: 1 });
		const run = await runReamazeNode(getMany({ maxTotalWaitSeconds: 0.5, maxRetryWaitSeconds: 120, backoffBaseMs: 200 }), {
			credentials: credentials(),
			items: [{ slug: slugs()[0] }],
		});
		expect(run.error?.message).toMatch(/^Re:amaze had a server error \(HTTP 50[0-4]\)$/);
		expect(run.error?.description).toBe(
			"This is a fault on Re:amaze's side. Try again later. The node stopped retrying because this run had used up its Max Total Wait (0.5 s).",
		);
	}, 60_000);
});
