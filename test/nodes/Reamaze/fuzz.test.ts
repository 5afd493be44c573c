import fc from 'fast-check';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';

/**
 * Parameters from expressions can be anything. Every operation of the node, with the parameters
 * its own description shows (so a new operation is fuzzed without editing this file), gets
 * generated values of every JSON type (unicode, long strings, broken JSON, dates and emails, valid
 * and not, locator values in every mode) and generated API answers. Every failure must be an n8n
 * error naming its item (never a defect), pairing must hold, and the token must never show up.
 */
const SENTINEL = 'SENTINEL-fuzz-token-93b1';
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 12_000);

const wild: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.string() },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 5000 }) },
	{ weight: 2, arbitrary: fc.constantFrom('', ' ', '..', '.', 'a/b', '%2e%2e', '\u0000', 'null', '{}', '{"a":', '[1,2]', '{"k":{"deep":1}}') },
	{ weight: 3, arbitrary: fc.constantFrom('bob@example.com', 'x@y', 'not-an-email', '+12223334444', 'https://example.com/a.pdf', 'ftp://x') },
	{ weight: 3, arbitrary: fc.constantFrom('2026-12-01', '2026-02-30', '2026-12-01T09:00:00Z', 'tomorrow', '31/12/2026', 'beforeDate', 'always', 'no') },
	{ weight: 2, arbitrary: fc.constantFrom('slug', 'ref', 'origin', 'conversation', 'add', 'remove', 'replace', 'executionItem', 'content', 'off', 'all', 'one') },
	{ weight: 2, arbitrary: fc.integer({ min: -5, max: 40 }) },
	{ weight: 1, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constantFrom(null, undefined) },
	{ weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }) },
	{ weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }) },
	{
		weight: 1,
		arbitrary: fc.record({
			field: fc.array(fc.record({ key: fc.oneof(fc.string(), fc.integer()), value: fc.oneof(fc.string(), fc.object()) }), { maxLength: 3 }),
		}),
	},
);

const locator: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 1, arbitrary: wild },
	{
		weight: 3,
		arbitrary: fc.record({
			__rl: fc.constant(true),
			mode: fc.oneof(fc.constantFrom('list', 'slug', 'url', 'ref', 'email', 'id'), wild),
			value: fc.oneof(
				wild,
				fc.constantFrom(
					'https://acme.reamaze.io/admin/conversations/knock-knock',
					'https://acme.reamaze.io.evil.com/admin/conversations/x',
					'https://evil.com@acme.reamaze.io/admin/conversations/x',
					'https://acme.reamaze.io/admin/conversations/%2e%2e',
					'javascript:alert(1)',
				),
			),
		}),
	},
);

/** A generator for one parameter, from its definition in the node description. */
function arbitraryFor(property: INodeProperties): fc.Arbitrary<unknown> {
	if (property.type === 'resourceLocator') return locator;
	if (property.type === 'collection') {
		const children = (property.options as INodeProperties[]).map((child) => child.name);
		const byName = new Map((property.options as INodeProperties[]).map((child) => [child.name, arbitraryFor(child)]));
		return fc.oneof(
			{ weight: 5, arbitrary: fc.uniqueArray(fc.constantFrom(...children), { maxLength: children.length }).chain((names) => fc.tuple(...names.map((name) => byName.get(name)!)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]])))) },
			{ weight: 1, arbitrary: wild },
		);
	}
	// Most parameters of a real workflow hold their default or a value of the right type; mixing
	// those in lets generated runs get past validation into requests and response handling.
	const typed: Record<string, fc.Arbitrary<unknown>> = {
		boolean: fc.boolean(),
		number: fc.integer({ min: 1, max: 100 }),
		dateTime: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
		options: fc.constantFrom(...((property.options ?? [{ value: '' }]) as Array<{ value: unknown }>).map((option) => option.value)),
		multiOptions: fc.subarray(((property.options ?? []) as Array<{ value: unknown }>).map((option) => option.value)),
	};
	return fc.oneof(
		{ weight: 2, arbitrary: fc.constant(property.default) },
		{ weight: 2, arbitrary: typed[property.type] ?? wild },
		{ weight: 3, arbitrary: wild },
	);
}

const node = new Reamaze();
const all = node.description.properties;

/** Every (resource, operation) with the parameters shown for it. */
const operations = all
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		(property.options as Array<{ value: string }>).map((option) => ({
			resource: property.displayOptions!.show!.resource![0] as string,
			operation: option.value,
		})),
	)
	.map(({ resource, operation }) => {
		const visible = all.filter((property) => {
			const show = property.displayOptions?.show;
			if (property.name === 'resource' || property.name === 'operation' || property.name === 'requestOptions') return false;
			return (show?.resource as string[] | undefined)?.includes(resource) && (show?.operation as string[] | undefined)?.includes(operation);
		});
		const generators: Record<string, fc.Arbitrary<unknown>> = {};
		for (const property of visible) generators[property.name] = fc.oneof(generators[property.name] ?? arbitraryFor(property), arbitraryFor(property));
		return { name: `${resource}:${operation}`, resource, operation, parameters: fc.record(generators) };
	});

type Answer = { status: number; body: string } | { networkCode: string };
const answer: fc.Arbitrary<Answer> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc.record({
			status: fc.constant(200),
			body: fc.constantFrom(
				'{"slug":"s","tag_list":["a"]}',
				'{"slug":"s","tag_list":"oops"}',
				'[]',
				'[{"id":"u-1","note":"a"},{"id":2},null,5]',
				'{"page_size":30,"page_count":2,"conversations":[{"slug":"c"}],"messages":[{"body":"b","user":null,"attachments":"x"}],"contacts":[{"email":5},null],"staff":[{}],"channels":[{"slug":"c"}],"identities":[1,{"type":"email"}],"articles":[],"response_templates":[{}],"satisfaction_ratings":[{"id":"r"}]}',
				'{"conversation_counts":{"2026-11-01":3},"tags":{"a":1},"report":{"Sam":{}},"channels":{"1":{}},"response_times":"x"}',
				'{"page_size":0,"page_count":"x","messages":[]}',
				'""',
				'null',
				'',
				'<html>oops</html>',
				'{"cut',
			),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			status: fc.constantFrom(301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503),
			body: fc.oneof(fc.string(), fc.constantFrom('{"errors":{"a":["b"]}}', '{"error":"bad"}', '{"errors":"x"}', '<html></html>')),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ networkCode: fc.constantFrom('ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE') }) },
);

function fakeContext(resource: string, operation: string, parameters: Record<string, unknown>, itemCount: number, answers: Answer[]) {
	const values: Record<string, unknown> = { resource, operation, requestOptions: { maxRetryWaitSeconds: 0 }, ...parameters };
	let call = 0;
	const fuzzNode = { id: 'fuzz', name: 'Re:amaze', type: 'CUSTOM.reamaze', typeVersion: 1, position: [0, 0], parameters: {} };
	return {
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getNode: () => fuzzNode,
		getWorkflow: () => ({ id: 'wf', name: 'fuzz', active: false }),
		getExecutionId: () => 'exec-1',
		continueOnFail: () => false,
		getCredentials: async () => ({ brand: 'acme', email: 'owner@acme.test', apiToken: SENTINEL, baseUrl: '' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				const next = answers[call++ % answers.length];
				if ('networkCode' in next) throw Object.assign(new Error(`socket ${next.networkCode}`), { code: next.networkCode });
				return { statusCode: next.status, body: next.body, headers: {} as IDataObject };
			},
		},
	} as unknown as IExecuteFunctions;
}

describe(`fuzzing all ${operations.length} operations, ${TOTAL_RUNS} generated parameter sets in all`, () => {
	it('covers every resource of the node, and each resource with all its operations', () => {
		const resources = (all.find((property) => property.name === 'resource')!.options as Array<{ value: string }>).map((o) => o.value);
		expect(new Set(operations.map((entry) => entry.resource))).toEqual(new Set(resources));
		expect(operations.map((entry) => entry.name)).toContain('conversation:create');
		expect(operations.map((entry) => entry.name)).toContain('contact:deleteNote');
		expect(operations.map((entry) => entry.name)).toContain('incident:update');
	});

	const runsEach = Math.ceil(TOTAL_RUNS / operations.length);
	for (const { name, resource, operation, parameters } of operations) {
		it(`${name}: only NodeOperationError or NodeApiError escape, naming the item; the token never appears`, async () => {
			await fc.assert(
				fc.asyncProperty(parameters, fc.integer({ min: 1, max: 3 }), fc.array(answer, { minLength: 1, maxLength: 3 }), async (params, itemCount, answers) => {
					let output: unknown;
					try {
						output = await node.execute.call(fakeContext(resource, operation, params, itemCount, answers));
					} catch (error) {
						if (!(error instanceof NodeOperationError) && !(error instanceof NodeApiError)) {
							throw new Error(`escaped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
						}
						expect(error.description ?? '').not.toContain('a defect');
						const itemIndex = error.context.itemIndex;
						expect(typeof itemIndex).toBe('number');
						expect(itemIndex).toBeLessThan(itemCount);
						if (error instanceof NodeOperationError && !error.message.startsWith('Re:amaze credential')) {
							expect(error.message).toMatch(new RegExp(`^Item ${Number(itemIndex) + 1}: `));
						}
						expect(JSON.stringify({ message: error.message, description: error.description, ctx: error.context })).not.toContain(SENTINEL);
						return;
					}
					const items = (output as Array<Array<{ pairedItem: { item: number } }>>)[0];
					const paired = items.map((item) => item.pairedItem.item);
					expect(paired).toEqual([...paired].sort((a, b) => a - b));
					expect(paired.every((item) => item < itemCount)).toBe(true);
					expect(JSON.stringify(output)).not.toContain(SENTINEL);
				}),
				{ numRuns: runsEach, seed: 20261123 },
			);
		}, 120_000);
	}
});
