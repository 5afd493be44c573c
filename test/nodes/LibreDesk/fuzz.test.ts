import fc from 'fast-check';
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { LibreDesk } from '../../../nodes/LibreDesk/LibreDesk.node';

/**
 * Parameters from expressions can be anything, and so can a self-hosted server's answers. Every
 * Conversation and Message operation, with the parameters its own description shows, gets generated
 * values of every JSON type and generated LibreDesk answers (envelopes, page objects, the
 * 200-with-ErrorType quirk, Go's null slices, error envelopes, HTML, cut bodies, network codes).
 * Every failure must be an n8n error naming its item (never a defect), pairing must hold, and the
 * secret must never show up.
 */
const SENTINEL = 'SENTINEL-fuzz-secret-6d0a';
const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 6_000);
const RESOURCES = ['conversation', 'message'];
const UUID = '7d692b95-73dc-4f53-9343-6ed47a3db903';

const wild: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: fc.string() },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ minLength: 2000, maxLength: 5000 }) },
	{ weight: 2, arbitrary: fc.constantFrom('', ' ', '..', '.', 'a/b', '%2e%2e', '\u0000', 'null', '{}', '{"a":', '[1,2]', '{"k":{"deep":1}}', '{"seats": 3}') },
	{ weight: 3, arbitrary: fc.constantFrom('bob@example.com', 'Bob <bob@example.com>', 'x@y', 'not-an-email', 'a@b.co, c@d.co', UUID, UUID.toUpperCase(), '#150', '150', '12') },
	{ weight: 3, arbitrary: fc.constantFrom('2026-12-01', '2026-02-30', '2026-12-01T09:00:00Z', '2001-01-01T00:00:00Z', 'tomorrow', '1h30m', '4h', '1d', '0s', '-1h') },
	{ weight: 3, arbitrary: fc.constantFrom('Open', 'Snoozed', 'snoozed', 'Resolved', 'High', 'vip', 'add', 'remove', 'replace', 'merge', 'note', 'reply', 'contact', 'agent', 'all', 'team', 'view', 'data', 'data, other', 'minutes', 'days') },
	{ weight: 2, arbitrary: fc.integer({ min: -5, max: 40 }) },
	{ weight: 1, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constantFrom(null, undefined) },
	{ weight: 1, arbitrary: fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 4 }) },
	{ weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }) },
	{ weight: 1, arbitrary: fc.record({ attribute: fc.array(fc.record({ key: fc.oneof(fc.string(), fc.constantFrom('order_id', 'bad key')), value: fc.oneof(fc.string(), fc.object()) }), { maxLength: 3 }) }) },
);

const locator: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 1, arbitrary: wild },
	{
		weight: 3,
		arbitrary: fc.record({
			__rl: fc.constant(true),
			mode: fc.oneof(fc.constantFrom('list', 'uuid', 'referenceNumber', 'url', 'id'), wild),
			value: fc.oneof(
				wild,
				fc.constantFrom(
					UUID,
					`https://desk.example.com/inboxes/all/conversation/${UUID}`,
					`https://desk.example.com.evil.com/inboxes/all/conversation/${UUID}`,
					`https://evil.com@desk.example.com/inboxes/all/conversation/${UUID}`,
					'https://desk.example.com/inboxes/all/conversation/%2e%2e',
					'javascript:alert(1)',
				),
			),
		}),
	},
);

function arbitraryFor(property: INodeProperties): fc.Arbitrary<unknown> {
	if (property.type === 'resourceLocator') return locator;
	if (property.type === 'collection') {
		const children = (property.options as INodeProperties[]).map((child) => child.name);
		const byName = new Map((property.options as INodeProperties[]).map((child) => [child.name, arbitraryFor(child)]));
		return fc.oneof(
			{
				weight: 5,
				arbitrary: fc
					.uniqueArray(fc.constantFrom(...children), { maxLength: children.length })
					.chain((names) => fc.tuple(...names.map((name) => byName.get(name)!)).map((values) => Object.fromEntries(names.map((name, i) => [name, values[i]])))),
			},
			{ weight: 1, arbitrary: wild },
		);
	}
	const typed: Record<string, fc.Arbitrary<unknown>> = {
		boolean: fc.boolean(),
		number: fc.integer({ min: 1, max: 100 }),
		dateTime: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
		options: fc.constantFrom(...((property.options ?? [{ value: '' }]) as Array<{ value: unknown }>).map((option) => option.value)),
		multiOptions: fc.subarray(((property.options ?? []) as Array<{ value: unknown }>).map((option) => option.value)),
	};
	return fc.oneof({ weight: 2, arbitrary: fc.constant(property.default) }, { weight: 2, arbitrary: typed[property.type] ?? wild }, { weight: 3, arbitrary: wild });
}

const node = new LibreDesk();
const all = node.description.properties;

const operations = all
	.filter((property) => property.name === 'operation' && RESOURCES.includes(property.displayOptions!.show!.resource![0] as string))
	.flatMap((property) =>
		(property.options as Array<{ value: string }>).map((option) => ({ resource: property.displayOptions!.show!.resource![0] as string, operation: option.value })),
	)
	.map(({ resource, operation }) => {
		const visible = all.filter((property) => {
			const show = property.displayOptions?.show;
			if (['resource', 'operation', 'requestOptions'].includes(property.name)) return false;
			return (show?.resource as string[] | undefined)?.includes(resource) && (show?.operation as string[] | undefined)?.includes(operation);
		});
		const generators: Record<string, fc.Arbitrary<unknown>> = {};
		for (const property of visible) generators[property.name] = fc.oneof(generators[property.name] ?? arbitraryFor(property), arbitraryFor(property));
		return { name: `${resource}:${operation}`, resource, operation, parameters: fc.record(generators) };
	});

const envelope = (data: unknown) => JSON.stringify({ status: 'success', data });
type Answer = { status: number; body: string; headers?: IDataObject } | { networkCode: string };
const answer: fc.Arbitrary<Answer> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc.record({
			status: fc.constant(200),
			body: fc.constantFrom(
				envelope({ uuid: UUID, reference_number: '150', tags: ['a'], custom_attributes: { a: 1 }, inbox_channel: 'email', contact: { email: 'c@example.com' } }),
				envelope({ uuid: UUID, tags: 'oops', custom_attributes: [], contact: null }),
				envelope({ results: [{ uuid: UUID, attachments: [{ uuid: 'f', name: 'a.pdf' }] }, null, 5], total: 3, per_page: 2, total_pages: 2, page: 1 }),
				envelope({ results: null, total: 0, per_page: 100, total_pages: 0, page: 2 }),
				envelope({ results: 'x', per_page: 'y' }),
				envelope([{ id: 1, name: 'Open' }, { id: 2, name: 'Snoozed' }, { name: 5 }, null]),
				envelope([{ uuid: UUID, reference_number: '150' }]),
				envelope({ 'app.version': 'v2.2.1', 'app.max_file_upload_size': 0.00001, 'app.allowed_file_upload_extensions': ['pdf'] }),
				envelope({ 'app.version': 'unknown-version' }),
				envelope({ id: 'x' }),
				envelope({ Code: 400, ErrorType: 'InputException', Message: '`name` empty', Data: null }),
				envelope(true),
				envelope(null),
				'{"status":"success"}',
				'{"uuid":"no-envelope"}',
				'[]',
				'',
				'<html>oops</html>',
				'{"status":"succ',
				'{"status":"success","data":{"subject":"\\u003cb\\u003e"}}',
			),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			status: fc.constantFrom(302, 400, 401, 403, 404, 405, 409, 413, 422, 429, 500, 502, 503),
			body: fc.oneof(
				fc.string(),
				fc.constantFrom(
					'{"status":"error","message":"`inbox_id` Required","data":null,"error_type":"InputException"}',
					'{"status":"error","message":"CSRF token mismatch","data":null,"error_type":"PermissionException"}',
					'{"status":"error","message":"Error parsing request","data":null,"error_type":"InputException"}',
					'{"status":"error","message":"Route not found","data":null,"error_type":"GeneralException"}',
					'{"status":"error","message":"Permission denied","data":null,"error_type":"UnauthorizedException"}',
					'<html></html>',
				),
			),
			headers: fc.constantFrom({}, { location: 'https://s3.example.com/x' }, { location: 'javascript:alert(1)' }, { 'retry-after': '0' }),
		}),
	},
	{ weight: 1, arbitrary: fc.record({ networkCode: fc.constantFrom('ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE') }) },
);

function fakeContext(resource: string, operation: string, parameters: Record<string, unknown>, itemCount: number, answers: Answer[]) {
	const values: Record<string, unknown> = { resource, operation, requestOptions: { maxRetryWaitSeconds: 0 }, ...parameters };
	let call = 0;
	const fuzzNode = { id: 'fuzz', name: 'LibreDesk', type: 'CUSTOM.libreDesk', typeVersion: 1, position: [0, 0], parameters: {} };
	const respond = async () => {
		const next = answers[call++ % answers.length];
		if ('networkCode' in next) throw Object.assign(new Error(`socket ${next.networkCode}`), { code: next.networkCode });
		return { statusCode: next.status, body: next.body, headers: next.headers ?? {} };
	};
	return {
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {}, binary: { data: { data: 'aGk=', mimeType: 'text/plain', fileName: 'hi.txt' } } })),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getNode: () => fuzzNode,
		getWorkflow: () => ({ id: 'wf', name: 'fuzz', active: false }),
		getExecutionId: () => 'exec-1',
		continueOnFail: () => false,
		getCredentials: async () => ({ baseUrl: 'https://desk.example.com', apiKey: 'key', apiSecret: SENTINEL }),
		helpers: {
			httpRequestWithAuthentication: respond,
			httpRequest: respond,
			assertBinaryData: (itemIndex: number, name: string) => {
				if (name !== 'data') throw new NodeOperationError(fuzzNode as never, `This operation expects the node's input data to contain a binary file '${name}', but none was found [item ${itemIndex}]`, { itemIndex });
				return { data: 'aGk=', mimeType: 'text/plain', fileName: 'hi.txt' };
			},
			getBinaryDataBuffer: async () => Buffer.from('hi'),
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) => ({ data: data.toString('base64'), fileName, mimeType: mimeType ?? 'application/octet-stream' }),
		},
	} as unknown as IExecuteFunctions;
}

describe(`fuzzing the ${operations.length} Conversation and Message operations, ${TOTAL_RUNS} generated runs in all`, () => {
	it('covers both resources with all their operations', () => {
		expect(operations.map((entry) => entry.name).sort()).toEqual([
			'conversation:create',
			'conversation:get',
			'conversation:getAll',
			'conversation:markRead',
			'conversation:markUnread',
			'conversation:update',
			'message:delete',
			'message:get',
			'message:getAll',
			'message:send',
		]);
	});

	const runsEach = Math.ceil(TOTAL_RUNS / operations.length);
	for (const { name, resource, operation, parameters } of operations) {
		it(`${name}: only NodeOperationError or NodeApiError escape, naming the item; the secret never appears`, async () => {
			await fc.assert(
				fc.asyncProperty(parameters, fc.integer({ min: 1, max: 3 }), fc.array(answer, { minLength: 1, maxLength: 4 }), async (params, itemCount, answers) => {
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
						if (error instanceof NodeOperationError && !error.message.startsWith('LibreDesk credential') && !error.message.includes('binary file')) {
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
				{ numRuns: runsEach, seed: 20261201 },
			);
		}, 240_000);
	}
});
