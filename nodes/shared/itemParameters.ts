import type { IExecuteFunctions } from 'n8n-workflow';

const memo = new WeakMap<IExecuteFunctions, Map<string, unknown>>();

const keyOf = (name: string, itemIndex: number) => `${itemIndex}\u0000${name}`;

/**
 * A parameter of an item, read from n8n once per run: the runner reads the parameter that names the
 * object an item acts on (its sequence key) just before the operation reads it again, and each read of
 * an expression costs n8n an evaluation in its expression sandbox (README, Performance). Only for
 * parameters that are read, never changed, by the code that reads them.
 */
export function itemParameter(context: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown = ''): unknown {
	let values = memo.get(context);
	if (!values) {
		values = new Map();
		memo.set(context, values);
	}
	const key = keyOf(name, itemIndex);
	if (values.has(key)) return values.get(key);
	const value = context.getNodeParameter(name, itemIndex, fallback);
	values.set(key, value);
	return value;
}

/** Drops an item's remembered parameters once it has run, so a run of thousands of items keeps none. */
export function forgetItemParameters(context: IExecuteFunctions, itemIndex: number): void {
	const values = memo.get(context);
	if (!values) return;
	const prefix = `${itemIndex}\u0000`;
	for (const key of values.keys()) if (key.startsWith(prefix)) values.delete(key);
}
