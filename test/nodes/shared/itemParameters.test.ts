import type { IExecuteFunctions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { forgetItemParameters, itemParameter } from '../../../nodes/shared/itemParameters';

function countingContext(values: Record<string, (itemIndex: number) => unknown>) {
	const calls: Array<[string, number]> = [];
	const context = {
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			calls.push([name, itemIndex]);
			return name in values ? values[name](itemIndex) : fallback;
		},
	} as unknown as IExecuteFunctions;
	return { context, calls };
}

describe('itemParameter: a parameter evaluated once per item and run', () => {
	it('the second read of an item gets the first read\'s value without asking n8n', () => {
		const { context, calls } = countingContext({ conversation: (itemIndex) => ({ __rl: true, mode: 'slug', value: `c-${itemIndex}` }) });
		const first = itemParameter(context, 'conversation', 3);
		expect(itemParameter(context, 'conversation', 3)).toBe(first);
		expect(itemParameter(context, 'conversation', 4)).toEqual({ __rl: true, mode: 'slug', value: 'c-4' });
		expect(calls).toEqual([
			['conversation', 3],
			['conversation', 4],
		]);
	});

	it('the fallback applies when the parameter is absent; forgetting an item reads it again', () => {
		const { context, calls } = countingContext({ contactId: (itemIndex) => String(40 + itemIndex) });
		expect(itemParameter(context, 'missing', 0, 'fallback')).toBe('fallback');
		expect(itemParameter(context, 'contactId', 1)).toBe('41');
		expect(itemParameter(context, 'contactId', 2)).toBe('42');
		forgetItemParameters(context, 1);
		expect(itemParameter(context, 'contactId', 1)).toBe('41');
		expect(itemParameter(context, 'contactId', 2)).toBe('42');
		expect(calls.map(([name, itemIndex]) => `${name}#${itemIndex}`)).toEqual(['missing#0', 'contactId#1', 'contactId#2', 'contactId#1']);
	});

	it('item 1 is not item 11: forgetting one leaves the other', () => {
		const { context, calls } = countingContext({ id: (itemIndex) => itemIndex });
		itemParameter(context, 'id', 1);
		itemParameter(context, 'id', 11);
		forgetItemParameters(context, 1);
		itemParameter(context, 'id', 11);
		expect(calls).toEqual([
			['id', 1],
			['id', 11],
		]);
	});
});
