import { describe, expect, it } from 'vitest';

import { credentialsFor } from '../../../nodes/shared/credentials';

/** A context whose getCredentials counts its calls, as n8n's loads and decrypts on every one. */
function countingContext(answer: (type: string, itemIndex?: number) => Promise<Record<string, unknown>>) {
	const calls: Array<[string, number | undefined]> = [];
	return {
		calls,
		context: {
			async getCredentials<T extends object>(type: string, itemIndex?: number): Promise<T> {
				calls.push([type, itemIndex]);
				return (await answer(type, itemIndex)) as T;
			},
		},
	};
}

describe('credentialsFor: one read per run, credential type and item', () => {
	it('reads once for many requests of one item, and once per further item', async () => {
		const { context, calls } = countingContext(async (_type, itemIndex) => ({ brand: `b${itemIndex}` }));
		const reads = await Promise.all(Array.from({ length: 5 }, () => credentialsFor(context, 'reamazeApi', 0)));
		expect(reads.map((read) => read.brand)).toEqual(['b0', 'b0', 'b0', 'b0', 'b0']);
		expect((await credentialsFor(context, 'reamazeApi', 1)).brand).toBe('b1');
		await credentialsFor(context, 'libreDeskApi', 1);
		expect(calls).toEqual([
			['reamazeApi', 0],
			['reamazeApi', 1],
			['libreDeskApi', 1],
		]);
	});

	it('a new run (a new context) reads the credential afresh', async () => {
		const first = countingContext(async () => ({ brand: 'old' }));
		const second = countingContext(async () => ({ brand: 'new' }));
		expect((await credentialsFor(first.context, 'reamazeApi', 0)).brand).toBe('old');
		expect((await credentialsFor(second.context, 'reamazeApi', 0)).brand).toBe('new');
	});

	it('a failed read is not remembered: the next request asks n8n again', async () => {
		let attempt = 0;
		const { context, calls } = countingContext(async () => {
			attempt++;
			if (attempt === 1) throw new Error('Node does not have any credentials set');
			return { brand: 'acme' };
		});
		await expect(credentialsFor(context, 'reamazeApi', 0)).rejects.toThrow('Node does not have any credentials set');
		expect((await credentialsFor(context, 'reamazeApi', 0)).brand).toBe('acme');
		expect(calls).toHaveLength(2);
	});
});
