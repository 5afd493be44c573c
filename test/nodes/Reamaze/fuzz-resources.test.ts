import fc from 'fast-check';
import { type IDataObject, type IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';

/**
 * fuzz.test.ts's property for the operations added with the Contact, Staff and Channel resources
 * and Message → Get Many: generated parameters of every JSON type and generated API answers
 * (including malformed lists) may only end in an n8n error that names its item, never in a
 * defect, and the token never shows up.
 */
const SENTINEL = 'SENTINEL-fuzz-token-4c7e';
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);

const wild: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.string() },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 5000 }) },
	{ weight: 2, arbitrary: fc.constantFrom('', ' ', '..', '.', 'a/b', '%2e%2e', '\u0000', 'null', '{}', '{"a":', '[1,2]', '{"k":{"deep":1}}') },
	{ weight: 3, arbitrary: fc.constantFrom('bob@example.com', 'x@y', 'not-an-email', '+12223334444', 'https://example.com/a.pdf', 'ftp://x') },
	{ weight: 3, arbitrary: fc.constantFrom('2026-12-01', '2026-02-30', '2026-12-01T09:00:00Z', 'tomorrow', '31/12/2026', 'beforeDate', 'always', 'no') },
	{ weight: 2, arbitrary: fc.constantFrom('slug', 'ref', 'origin', 'add', 'remove', 'replace', 'executionItem', 'content', 'off') },
	{ weight: 2, arbitrary: fc.integer({ min: -5, max: 20 }) },
	{ weight: 1, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constantFrom(null, undefined) },
	{ weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }) },
	{ weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }) },
	{ weight: 1, arbitrary: fc.record({ field: fc.array(fc.record({ key: fc.oneof(fc.string(), fc.integer()), value: fc.oneof(fc.string(), fc.object()) }), { maxLength: 3 }) }) },
);

function collection(keys: string[]): fc.Arbitrary<Record<string, unknown>> {
	return fc.oneof(
		fc.dictionary(fc.constantFrom(...keys), wild, { maxKeys: keys.length }),
		wild as fc.Arbitrary<Record<string, unknown>>,
	);
}

/** Resource locator values (Conversation, Sender) in every mode, with wild values, or anything at all. */
const locatorish: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 2, arbitrary: wild },
	{
		weight: 3,
		arbitrary: fc.record({
			__rl: fc.constant(true),
			mode: fc.oneof(fc.constantFrom('list', 'slug', 'url', 'ref', 'email'), wild),
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

const operations: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
	'message:getAll': fc.record({
		scope: wild,
		conversationSlug: wild,
		returnAll: wild,
		limit: wild,
		simplify: wild,
		includeOriginalBody: wild,
		filters: collection(['filter', 'tags', 'origin', 'sentBy', 'channelSlug', 'startDate', 'endDate']),
	}),
	'contact:create': fc.record({
		email: wild,
		mobile: wild,
		additionalFields: collection(['name', 'externalId', 'externalAvatarUrl', 'customData', 'customDataJson', 'notes']),
	}),
	'contact:update': fc.record({
		identifierType: wild,
		contactIdentifier: wild,
		updateFields: collection(['name', 'friendlyName', 'externalAvatarUrl', 'customData', 'customDataJson', 'notes']),
	}),
	'contact:get': fc.record({ identifierType: wild, contactIdentifier: wild }),
	'contact:getAll': fc.record({
		returnAll: wild,
		limit: wild,
		filters: collection(['q', 'exactEmail', 'sort', 'type', 'customData']),
	}),
	'contact:getIdentities': fc.record({ contactEmail: wild }),
	'contact:addIdentity': fc.record({ identifierType: wild, contactIdentifier: wild, identityType: wild, identity: wild }),
	'contact:getNotes': fc.record({ identifierType: wild, contactIdentifier: wild }),
	'contact:createNote': fc.record({
		identifierType: wild,
		contactIdentifier: wild,
		body: wild,
		additionalFields: collection(['creatorEmail', 'createdAt']),
	}),
	'contact:updateNote': fc.record({ identifierType: wild, contactIdentifier: wild, noteId: wild, body: wild }),
	'contact:deleteNote': fc.record({ identifierType: wild, contactIdentifier: wild, noteId: wild }),
	'staff:create': fc.record({ name: wild, email: wild, additionalFields: collection(['password']) }),
	'staff:getAll': fc.record({ returnAll: wild, limit: wild }),
	'channel:get': fc.record({ channelSlug: wild }),
	'channel:getAll': fc.record({}),
};

type Answer = { status: number; body: string; headers?: IDataObject } | { networkCode: string };
const answer: fc.Arbitrary<Answer> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ status: fc.constant(200), body: fc.constantFrom('{"slug":"s","tag_list":["a"]}', '{"slug":"s","tag_list":"oops"}', '[]', '[{"id":"u-1","note":"a"},{"id":2},null,5]', '{"page_size":30,"page_count":2,"messages":[{"body":"b","user":null,"attachments":"x"}],"contacts":[{"email":5},null],"staff":[{}],"channels":[{"slug":"c"}],"identities":[1,{"type":"email"}]}', '{"page_size":0,"page_count":"x","messages":[]}', '""', 'null', '', '<html>oops</html>', '{"cut', `{"echo":"${SENTINEL}"}`.replace(SENTINEL, 'x')) }) },
	{ weight: 2, arbitrary: fc.record({ status: fc.constantFrom(301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503), body: fc.oneof(fc.string(), fc.constantFrom('{"errors":{"a":["b"]}}', '{"error":"bad"}', '{"errors":"x"}', '<html></html>')) }) },
	{ weight: 1, arbitrary: fc.record({ networkCode: fc.constantFrom('ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE') }) },
);

function fakeContext(resourceOperation: string, parameters: Record<string, unknown>, itemCount: number, answers: Answer[]) {
	const [resource, operation] = resourceOperation.split(':');
	const all: Record<string, unknown> = { resource, operation, requestOptions: { maxRetryWaitSeconds: 0 }, ...parameters };
	let call = 0;
	const node = { id: 'fuzz', name: 'Re:amaze', type: 'CUSTOM.reamaze', typeVersion: 1, position: [0, 0], parameters: {} };
	return {
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in all ? all[name] : fallback),
		getNode: () => node,
		getWorkflow: () => ({ id: 'wf', name: 'fuzz', active: false }),
		getExecutionId: () => 'exec-1',
		continueOnFail: () => false,
		getCredentials: async () => ({ brand: 'acme', email: 'owner@acme.test', apiToken: SENTINEL, baseUrl: '' }),
		helpers: {
			httpRequestWithAuthentication: async () => {
				const next = answers[call++ % answers.length];
				if ('networkCode' in next) throw Object.assign(new Error(`socket ${next.networkCode}`), { code: next.networkCode });
				return { statusCode: next.status, body: next.body, headers: next.headers ?? {} };
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('fuzzing every operation with generated parameters and answers', () => {
	for (const [name, parameters] of Object.entries(operations)) {
		it(`${name}: only NodeOperationError or NodeApiError escape, naming the item; the token never appears`, async () => {
			const node = new Reamaze();
			await fc.assert(
				fc.asyncProperty(parameters, fc.integer({ min: 1, max: 3 }), fc.array(answer, { minLength: 1, maxLength: 3 }), async (params, itemCount, answers) => {
					let output: unknown;
					try {
						output = await node.execute.call(fakeContext(name, params, itemCount, answers));
					} catch (error) {
						if (!(error instanceof NodeOperationError) && !(error instanceof NodeApiError)) {
							throw new Error(`escaped ${(error as Error)?.constructor?.name}: ${(error as Error)?.message}`);
						}
						expect(error.description ?? '').not.toContain('a defect');
						const itemIndex = error.context.itemIndex;
						expect(typeof itemIndex).toBe('number');
						expect(itemIndex).toBeLessThan(itemCount);
						if (error instanceof NodeOperationError && !error.message.startsWith('Re:amaze credential')) {
							expect(error.message).toMatch(new RegExp(`^Item ${itemIndex}: `));
						}
						expect(JSON.stringify({ message: error.message, description: error.description, ctx: error.context })).not.toContain(SENTINEL);
						return;
					}
					const items = (output as Array<Array<{ pairedItem: { item: number } }>>)[0];
					expect(items.map((item) => item.pairedItem.item)).toEqual([...items.keys()].map((i) => items[i].pairedItem.item));
					expect(JSON.stringify(output)).not.toContain(SENTINEL);
				}),
				{ numRuns: RUNS, seed: 20261123 },
			);
		}, 120_000);
	}
});
