import nock from 'nock';

/** A LibreDesk server that is only ever reached through nock. */
export const SERVER = 'https://desk.example.com';
export const KEY = 'KeyKeyKeyKeyKeyKeyKeyKeyKeyKey12';
export const SECRET = 'SENTINEL-secret-9f2c41d7e0b3a8c6SecretSecretSecretSecretSecretSecr';
export const CREDENTIALS = { baseUrl: SERVER, apiKey: KEY, apiSecret: SECRET };
export const BASIC = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;

/** One request nock answered, as it went over the wire. */
export interface Seen {
	method: string;
	/** Path and query exactly as sent (percent-encoding kept). */
	path: string;
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, else the raw text ('' when none). */
	body: unknown;
	raw: string;
}

export type Answer = [number, unknown] | [number, unknown, Record<string, string>];

/** `{"status":"success","data":...}` (§2). */
export function ok(data: unknown): Answer {
	return [200, { status: 'success', data }];
}

/** `{"status":"error","message":...,"data":null,"error_type":...}` (§2). */
export function refusal(status: number, message: string, errorType: string): Answer {
	return [status, { status: 'error', message, data: null, error_type: errorType }];
}

/** Every request answered through `onRequest`, in order; cleared by `resetWire`. */
export const wireLog: Seen[] = [];

export function resetWire(): void {
	nock.cleanAll();
	wireLog.length = 0;
}

/**
 * Answers every `method` request to `pathname` (whatever its query) and records it. `reply` is an
 * Answer or a function of the recorded request and how many came before (paging, retries).
 */
export function onRequest(method: string, pathname: string, reply: Answer | ((seen: Seen, index: number) => Answer), origin = SERVER): Seen[] {
	const seen: Seen[] = [];
	nock(origin)
		.persist()
		.intercept((uri) => new URL(uri, origin).pathname === pathname, method)
		.reply(async (request: unknown) => {
			const sent = request as Request;
			const raw = await sent.clone().text();
			const url = new URL(sent.url);
			let body: unknown = raw;
			try {
				body = raw === '' ? '' : JSON.parse(raw);
			} catch {
				body = raw;
			}
			const record: Seen = { method, path: `${url.pathname}${url.search}`, headers: Object.fromEntries(sent.headers), body, raw };
			seen.push(record);
			wireLog.push(record);
			const [status, answer, headers] = typeof reply === 'function' ? reply(record, seen.length - 1) : reply;
			const text = typeof answer === 'string' ? answer : Buffer.isBuffer(answer) ? answer : JSON.stringify(answer);
			return [status, text, { 'Content-Type': 'application/json', ...headers }];
		});
	return seen;
}

export const UUID = '7d692b95-73dc-4f53-9343-6ed47a3db903';
export const MESSAGE_UUID = '0a5c1d0e-4b8e-4a57-9c33-2f3f5b0b7c11';
