import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import type { NodeApiError } from 'n8n-workflow';

import { buildUrl, libreDeskRequest, parseVersion, successShapedError, versionAtLeast } from '../../../nodes/LibreDesk/transport';
import { scriptedContext } from './fakeContext';
import { FAST, runLibreDesk } from './run';
import { BASIC, CREDENTIALS, MESSAGE_UUID, ok, onRequest, refusal, resetWire, UUID } from './wire';

const conversationPath = `/api/v1/conversations/${UUID}`;
const get = { resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'uuid', value: UUID }, ...FAST };
const note = {
	resource: 'message',
	operation: 'send',
	conversation: { __rl: true, mode: 'uuid', value: UUID },
	messageType: 'note',
	content: 'Internal',
	...FAST,
};
const messagesPath = `${conversationPath}/messages`;
const patient = { requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 5, timeoutSeconds: 5 } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => resetWire());
afterAll(() => nock.enableNetConnect());

describe('pure helpers', () => {
	it('percent-encodes each path segment, so an ID can never add a segment', () => {
		expect(buildUrl('https://d.example/api/v1', ['conversations', '../a b/c?d#e'])).toBe('https://d.example/api/v1/conversations/..%2Fa%20b%2Fc%3Fd%23e');
	});

	it('reads release tags and compares them; an untagged build is unknown', () => {
		expect(parseVersion('v2.7.0')).toEqual([2, 7, 0]);
		expect(parseVersion('2.3.1-rc1')).toEqual([2, 3, 1]);
		expect(parseVersion('unknown-version')).toBeUndefined();
		expect(versionAtLeast('v2.3.0', 'v2.3.0')).toBe(true);
		expect(versionAtLeast('v2.2.1', 'v2.3.0')).toBe(false);
		expect(versionAtLeast('v10.0.0', 'v2.3.0')).toBe(true);
		expect(versionAtLeast(undefined, 'v2.3.0')).toBeUndefined();
	});

	it('recognises the 200-with-ErrorType answer of the webhook routes (§2)', () => {
		expect(successShapedError({ Code: 400, ErrorType: 'InputException', Message: '`name` empty', Data: null })).toEqual({
			code: 400,
			errorType: 'InputException',
			message: '`name` empty',
		});
		expect(successShapedError({ id: 1, name: 'hook' })).toBeUndefined();
		expect(successShapedError([{ ErrorType: 'x' }])).toBeUndefined();
		expect(successShapedError(true)).toBeUndefined();
	});
});

describe('request form and envelope', () => {
	it('sends Basic base64(key:secret) and Accept JSON, and returns the envelope\'s data', async () => {
		const seen = onRequest('GET', conversationPath, ok({ uuid: UUID, subject: 'Hi' }));
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json)).toEqual([{ uuid: UUID, subject: 'Hi' }]);
		expect(seen).toHaveLength(1);
		expect(seen[0].headers.authorization).toBe(BASIC);
		expect(seen[0].headers.accept).toBe('application/json');
		expect(seen[0].headers['content-type']).toBeUndefined();
		expect(seen[0].path).toBe(conversationPath);
	});

	it('sends JSON bodies with Content-Type: application/json (without it LibreDesk ignores the body, §2)', async () => {
		const seen = onRequest('POST', messagesPath, ok({ uuid: MESSAGE_UUID }));
		const run = await runLibreDesk(CREDENTIALS, note);
		expect(run.error).toBeUndefined();
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({ sender_type: 'agent', message: 'Internal', private: true });
	});

	it('reads Go\'s \\u003c \\u003e \\u0026 escaping as the characters they stand for', async () => {
		onRequest('GET', conversationPath, [200, '{"status":"success","data":{"subject":"R\\u0026D \\u003cbeta\\u003e"}}']);
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.items[0].json).toEqual({ subject: 'R&D <beta>' });
	});

	it('treats an empty 200 as the unreported server error it is (§2), without resending', async () => {
		const seen = onRequest('GET', conversationPath, [200, '']);
		const run = await runLibreDesk(CREDENTIALS, { ...get, ...patient });
		expect(run.error?.message).toBe('LibreDesk sent an empty answer (HTTP 200)');
		expect(seen).toHaveLength(1);
	});

	it('resends a GET whose answer was cut off, and succeeds', async () => {
		const seen = onRequest('GET', conversationPath, (_seen, index) => (index === 0 ? [200, '{"status":"succ'] : ok({ uuid: UUID })));
		const run = await runLibreDesk(CREDENTIALS, { ...get, ...patient });
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(2);
	});

	it('does not resend a POST whose answer was cut off (it was processed)', async () => {
		const seen = onRequest('POST', messagesPath, [200, '{"status":"success","data":{"uu']);
		const run = await runLibreDesk(CREDENTIALS, { ...note, ...patient });
		expect(run.error?.message).toBe('LibreDesk sent a response that is not valid JSON instead of JSON (HTTP 200)');
		expect(seen).toHaveLength(1);
	});

	it('explains an HTML page answered with 200: the Server URL is not LibreDesk', async () => {
		const seen = onRequest('GET', conversationPath, [200, '<!doctype html><title>Login</title>', { 'Content-Type': 'text/html' }]);
		const run = await runLibreDesk(CREDENTIALS, { ...get, ...patient });
		expect(run.error?.message).toBe('LibreDesk sent an HTML page instead of JSON (HTTP 200)');
		expect(run.error?.description).toContain('Server URL');
		expect(seen).toHaveLength(1);
	});

	it('refuses an answer without the envelope', async () => {
		onRequest('GET', conversationPath, [200, { uuid: UUID }]);
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error?.message).toBe('LibreDesk sent an answer without its usual envelope (HTTP 200)');
	});

	it('turns the 200-with-ErrorType answer into an error with LibreDesk\'s message', async () => {
		onRequest('GET', conversationPath, ok({ Code: 400, ErrorType: 'InputException', Message: '`name` empty', Data: null }));
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error?.message).toBe('LibreDesk refused the request (HTTP 400): `name` empty');
		expect(run.error?.description).toContain('backticks');
	});
});

describe('errors keyed on the HTTP status, then error_type (§1.1, §2)', () => {
	it('401 Invalid credential → check key and secret (also disabled agents)', async () => {
		onRequest('GET', conversationPath, refusal(401, 'Invalid credential', 'GeneralException'));
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error?.constructor.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('LibreDesk did not accept the API key and secret (HTTP 401): Invalid credential');
		expect(run.error?.description).toContain('disabled');
		expect(run.error?.httpCode).toBe('401');
	});

	it('403 CSRF token mismatch on a write → the credential, not a permission', async () => {
		onRequest('POST', messagesPath, refusal(403, 'CSRF token mismatch', 'PermissionException'));
		const run = await runLibreDesk(CREDENTIALS, note);
		expect(run.error?.message).toBe('LibreDesk did not accept the API key and secret (HTTP 403): CSRF token mismatch');
		expect(run.error?.description).toContain('API Key and API Secret');
	});

	it('403 Permission denied → names the permission the route needs and who the API acts as', async () => {
		onRequest('POST', messagesPath, refusal(403, 'Permission denied', 'PermissionException'));
		const run = await runLibreDesk(CREDENTIALS, note);
		expect(run.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "messages:write")');
		expect(run.error?.description).toContain('acts as the agent who owns the API key');
		expect(run.error?.description).toContain('access to it');
	});

	it('404 → which object was not found', async () => {
		onRequest('GET', conversationPath, refusal(404, 'Conversation not found', 'NotFoundException'));
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error?.message).toBe(`Not found (HTTP 404): no conversation with UUID "${UUID}"`);
		expect(run.error?.description).toContain('Conversation not found');
	});

	it('404 Route not found / 405 → the server lacks the route, with the release that added it', async () => {
		onRequest('DELETE', `${messagesPath}/${MESSAGE_UUID}`, refusal(405, 'Request method not allowed', 'GeneralException'));
		const run = await runLibreDesk(CREDENTIALS, { ...note, operation: 'delete', messageUuid: MESSAGE_UUID });
		expect(run.error?.message).toBe('This LibreDesk server does not offer this API route (HTTP 405)');
		expect(run.error?.description).toContain('LibreDesk v2.5.0');
		resetWire();
		onRequest('GET', conversationPath, refusal(404, 'Route not found', 'GeneralException'));
		const other = await runLibreDesk(CREDENTIALS, get);
		expect(other.error?.message).toBe('This LibreDesk server does not offer this API route (HTTP 404)');
		expect(other.error?.description).toContain('Server URL');
	});

	it('400 → LibreDesk\'s own words, literal backticks kept', async () => {
		onRequest('POST', messagesPath, refusal(400, '`status` empty', 'InputException'));
		const run = await runLibreDesk(CREDENTIALS, note);
		expect(run.error?.message).toBe('LibreDesk refused the request (HTTP 400): `status` empty');
	});

	it('413 → the file is too large', async () => {
		onRequest('POST', messagesPath, refusal(413, 'File size too large, please upload a file less than 20MB', 'GeneralException'));
		const run = await runLibreDesk(CREDENTIALS, note);
		expect(run.error?.message).toBe('The file is too large for LibreDesk (HTTP 413): File size too large, please upload a file less than 20MB');
		expect(run.error?.description).toContain('Max file upload size');
	});

	it('500 + InputException (a body LibreDesk could not parse) → its message, never resent', async () => {
		const seen = onRequest('POST', messagesPath, refusal(500, 'Error parsing request', 'InputException'));
		const run = await runLibreDesk(CREDENTIALS, { ...note, ...patient });
		expect(run.error?.message).toBe('LibreDesk could not read the request (HTTP 500): Error parsing request');
		expect(seen).toHaveLength(1);
	});

	it('500 on a GET is resent at most twice (LibreDesk also answers 500 to values it refuses)', async () => {
		const seen = onRequest('GET', conversationPath, refusal(500, 'Something went wrong', 'GeneralException'));
		const run = await runLibreDesk(CREDENTIALS, { ...get, ...patient });
		expect(run.error?.message).toBe('LibreDesk had a server error (HTTP 500): Something went wrong');
		expect(seen).toHaveLength(3);
	});

	it('503 on a GET is resent until it succeeds', async () => {
		const seen = onRequest('GET', conversationPath, (_seen, index) => (index < 2 ? [503, 'down'] : ok({ uuid: UUID })));
		const run = await runLibreDesk(CREDENTIALS, { ...get, ...patient });
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(3);
	});

	it('an HTML 502 on a POST is reported and not resent', async () => {
		const seen = onRequest('POST', messagesPath, [502, '<html><body>502 Bad Gateway</body></html>', { 'Content-Type': 'text/html' }]);
		const run = await runLibreDesk(CREDENTIALS, { ...note, ...patient });
		expect(run.error?.message).toBe('LibreDesk had a server error (HTTP 502)');
		expect(seen).toHaveLength(1);
	});

	it('429 (a proxy\'s limit) waits for Retry-After and resends, even a POST', async () => {
		const seen = onRequest('POST', messagesPath, (_seen, index) =>
			index === 0 ? [429, refusal(429, 'Too many requests', 'RateLimitException')[1], { 'Retry-After': '0' }] : ok({ uuid: MESSAGE_UUID }),
		);
		const run = await runLibreDesk(CREDENTIALS, { ...note, ...patient });
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(2);
	});

	it('a 429 the node gives up on says a proxy refused it (LibreDesk has no rate limit, §1) and which budget ran out', async () => {
		const seen = onRequest('GET', conversationPath, [429, refusal(429, 'Too many requests', 'RateLimitException')[1], { 'Retry-After': '0' }]);
		const run = await runLibreDesk(CREDENTIALS, { ...get, requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 0 } });
		expect(run.error?.message).toBe('LibreDesk (or a proxy in front of it) rate-limited the request (HTTP 429): Too many requests');
		expect(run.error?.description).toContain('Retries are off (Max Rate Limit Wait is 0)');
		expect(seen).toHaveLength(1);
	});

	it('does not follow a redirect (it could carry the credentials elsewhere)', async () => {
		onRequest('GET', conversationPath, [302, '', { Location: 'https://elsewhere.example.com/steal' }]);
		const elsewhere = onRequest('GET', '/steal', ok({}), 'https://elsewhere.example.com');
		const run = await runLibreDesk(CREDENTIALS, get);
		expect(run.error?.message).toBe('LibreDesk answered with a redirect (HTTP 302), which the node does not follow');
		expect(elsewhere).toHaveLength(0);
	});
});

describe('network failures', () => {
	const envelope = (data: unknown) => ({ status: 200, body: JSON.stringify({ status: 'success', data }) });
	const request = { method: 'POST' as const, path: ['conversations', UUID, 'messages'], body: { message: 'x' }, policy: { timeoutMs: 1000, maxRetryWaitMs: 5000, backoffBaseMs: 1 } };

	it('a connection reset after a POST was sent is not resent (no idempotency key exists)', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [{ networkCode: 'ECONNRESET' }, envelope({ uuid: 'dup' })]);
		const error = await libreDeskRequest(context, request).catch((caught: unknown) => caught as NodeApiError);
		expect(calls).toHaveLength(1);
		expect((error as NodeApiError).message).toBe('The connection to LibreDesk was lost; the request may have been processed');
		expect((error as NodeApiError).description).toBe(
			'LibreDesk may have received and processed the request before the connection failed (the connection was reset; network code ECONNRESET). The node did not send it again, because a second copy could create a duplicate. Check in LibreDesk whether it arrived before you re-run this item.',
		);
	});

	it('a refused connection (nothing was sent) is retried, even for a POST', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [{ networkCode: 'ECONNREFUSED' }, envelope({ uuid: 'ok' })]);
		expect(await libreDeskRequest(context, request)).toEqual({ uuid: 'ok' });
		expect(calls).toHaveLength(2);
	});

	it('a reset or timed-out GET is retried', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [{ networkCode: 'ECONNRESET' }, { networkCode: 'ETIMEDOUT' }, envelope({ uuid: 'ok' })]);
		expect(await libreDeskRequest(context, { ...request, method: 'GET', body: undefined })).toEqual({ uuid: 'ok' });
		expect(calls).toHaveLength(3);
	});

	it('an error without a network code is a defect, never retried', async () => {
		const { context, calls } = scriptedContext(CREDENTIALS, [{ networkCode: undefined as unknown as string }, envelope({})]);
		const error = await libreDeskRequest(context, { ...request, method: 'GET', body: undefined }).catch((caught: unknown) => caught as NodeApiError);
		expect((error as NodeApiError).message).toBe('The request to LibreDesk failed; nothing was changed (a read)');
		expect(calls).toHaveLength(1);
	});
});

describe('the credential is checked before anything is sent', () => {
	it.each([
		[{ apiKey: '' }, 'LibreDesk credential: API Key is empty'],
		[{ apiSecret: ' ' }, 'LibreDesk credential: API Secret is empty'],
		[{ apiKey: 'a:b' }, 'LibreDesk credential: API Key must not contain ":" (LibreDesk keys are letters and digits)'],
		[{ baseUrl: 'https://desk.example.com/api/v1' }, 'LibreDesk credential: Server URL must be the server\'s root address'],
		[{ baseUrl: 'https://user:pw@desk.example.com' }, 'LibreDesk credential: Server URL must not contain a user name or password'],
	])('%j', async (override, message) => {
		const seen = onRequest('GET', conversationPath, ok({}));
		const run = await runLibreDesk({ ...CREDENTIALS, ...override }, get);
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message.startsWith(message)).toBe(true);
		expect(JSON.stringify(run.error)).not.toContain(CREDENTIALS.apiSecret);
		expect(seen).toHaveLength(0);
	});
});
