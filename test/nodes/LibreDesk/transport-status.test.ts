import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { macroOutcome } from '../../../nodes/LibreDesk/resources/macro/verify';
import { libreDeskErrorType, libreDeskList, libreDeskRequest, libreDeskRequestWithStatus, PAGE_SIZE } from '../../../nodes/LibreDesk/transport';
import { scriptedContext } from './fakeContext';
import { CREDENTIALS, UUID } from './wire';

const policy = { timeoutMs: 1000, maxRetryWaitMs: 5000, backoffBaseMs: 1 };
const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body) });
const apply = { method: 'POST' as const, path: ['conversations', UUID, 'macros', '1', 'apply'], body: [], enveloped: false, repeatable: true, policy };

describe('libreDeskRequestWithStatus: the HTTP status beside the answer (macro apply, libredesk-api.md §9.8)', () => {
	it('tells 207 from 200 for an answer without envelope', async () => {
		const partial = scriptedContext(CREDENTIALS, [json(207, { message: 'Makro teilweise angewendet' })]);
		expect(await libreDeskRequestWithStatus(partial.context, apply)).toEqual({ status: 207, data: { message: 'Makro teilweise angewendet' } });
		const full = scriptedContext(CREDENTIALS, [json(200, { message: 'Macro applied' })]);
		expect(await libreDeskRequestWithStatus(full.context, apply)).toEqual({ status: 200, data: { message: 'Macro applied' } });
	});

	it('gives the status of the attempt that succeeded, and the envelope\'s data as libreDeskRequest does', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [json(503, { status: 'error', message: 'busy' }), json(200, { status: 'success', data: { id: 7 } })]);
		expect(await libreDeskRequestWithStatus(context, { method: 'GET', path: ['conversations', UUID], policy })).toEqual({ status: 200, data: { id: 7 } });
		expect(calls).toHaveLength(2);
		const again = scriptedContext(CREDENTIALS, [json(200, { status: 'success', data: { id: 7 } })]);
		expect(await libreDeskRequest(again.context, { method: 'GET', path: ['conversations', UUID], policy })).toEqual({ id: 7 });
	});
});

describe('macroOutcome with the status', () => {
	const conversation = { assigned_team_id: 3 };
	const actions = [{ type: 'assign_team', value: ['3'] }];

	it('decides by 200/207 and does not read the (translated) message', () => {
		expect(macroOutcome(actions, conversation, 'Makro teilweise angewendet', 207).result).toBe('partially applied');
		expect(macroOutcome(actions, conversation, 'Macro partially applied', 200).result).toBe('applied');
		// An action that did not take effect makes it partial whatever the status.
		expect(macroOutcome([{ type: 'assign_team', value: ['2'] }], conversation, 'Macro applied', 200).result).toBe('partially applied');
	});
});

describe('libreDeskErrorType', () => {
	it('reads error_type from a NodeApiError of the transport, and nothing from anything else', async () => {
		const { context } = scriptedContext(CREDENTIALS, [json(500, { status: 'error', message: 'Error parsing request', data: null, error_type: 'InputException' })]);
		const error = await libreDeskRequest(context, { method: 'POST', path: ['conversations', UUID, 'messages'], body: {}, policy }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(libreDeskErrorType(error)).toBe('InputException');

		const plain = scriptedContext(CREDENTIALS, [{ status: 502, body: '<html>Bad gateway</html>' }]);
		const htmlError = await libreDeskRequest(plain.context, { method: 'POST', path: ['conversations'], body: {}, policy }).catch((caught: unknown) => caught);
		expect(htmlError).toBeInstanceOf(NodeApiError);
		expect(libreDeskErrorType(htmlError)).toBeUndefined();

		const node = { id: 'n', name: 'LibreDesk', type: 'x', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		expect(libreDeskErrorType(new NodeOperationError(node, 'bad input'))).toBeUndefined();
		expect(libreDeskErrorType(new Error('x'))).toBeUndefined();
		expect(libreDeskErrorType(undefined)).toBeUndefined();
	});
});

describe('libreDeskList with keep', () => {
	const page = (results: unknown[], totalPages: number, number: number) =>
		json(200, { status: 'success', data: { results, total: 250, per_page: PAGE_SIZE, total_pages: totalPages, page: number } });
	const full = (from: number, keepEvery: number) => Array.from({ length: PAGE_SIZE }, (_, i) => ({ id: from + i, kept: (from + i) % keepEvery === 0 }));

	it('reads full pages (the limit does not shrink them) and counts only kept items towards the limit', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [page(full(1, 50), 3, 1), page(full(101, 50), 3, 2), page(full(201, 50), 3, 3)]);
		const items = await libreDeskList(context, { path: ['contacts'], limit: 3, keep: (item) => item.kept === true, policy });
		expect(items.map((item) => item.id)).toEqual([50, 100, 150]);
		expect(calls[0].options.qs).toMatchObject({ page: 1, page_size: PAGE_SIZE });
		// The third page was not needed once three items were kept (it may have been requested ahead).
		expect(calls.length).toBeGreaterThanOrEqual(2);
	});

	it('without keep, a limit below the page size asks for that many', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [page([{ id: 1 }, { id: 2 }], 1, 1)]);
		expect(await libreDeskList(context, { path: ['contacts'], limit: 2, policy })).toEqual([{ id: 1 }, { id: 2 }]);
		expect(calls[0].options.qs).toMatchObject({ page: 1, page_size: 2 });
	});
});
