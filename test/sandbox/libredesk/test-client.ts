/** Test helper: a small HTTP client for the LibreDesk sandbox (Node's fetch against 127.0.0.1). */
import type { LibreDeskSandbox } from './index.ts';

export interface Reply {
	status: number;
	headers: Headers;
	/** Parsed JSON, or the raw text when the body is not JSON. */
	body: any;
	text: string;
	bytes: Buffer;
}

export interface CallOptions {
	headers?: Record<string, string>;
	/** Which key pair; `null` sends no Authorization header. Default: admin. */
	as?: 'admin' | 'agent' | 'integration' | 'disabled' | null;
	/** `basic` (default) or `token`. */
	scheme?: 'basic' | 'token';
	/** A raw body (sent as is, with the given headers only). */
	raw?: Buffer | string;
}

export function authHeader(sb: LibreDeskSandbox, who: 'admin' | 'agent' | 'integration' | 'disabled', scheme: 'basic' | 'token' = 'basic'): string {
	const key = sb[`${who}Key`];
	const secret = sb[`${who}Secret`];
	return scheme === 'token' ? `token ${key}:${secret}` : `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

export function client(sb: LibreDeskSandbox) {
	async function call(method: string, path: string, json?: unknown, options: CallOptions = {}): Promise<Reply> {
		const headers: Record<string, string> = {};
		const who = options.as === undefined ? 'admin' : options.as;
		if (who) headers.authorization = authHeader(sb, who, options.scheme);
		let body: Buffer | string | undefined = options.raw;
		if (json !== undefined && body === undefined) {
			headers['content-type'] = 'application/json';
			body = JSON.stringify(json);
		}
		Object.assign(headers, options.headers);
		const response = await fetch(`${sb.url}${path}`, { method, headers, body });
		const bytes = Buffer.from(await response.arrayBuffer());
		const text = bytes.toString('utf8');
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, headers: response.headers, body: parsed, text, bytes };
	}
	return {
		call,
		get: (path: string, options?: CallOptions) => call('GET', path, undefined, options),
		post: (path: string, json?: unknown, options?: CallOptions) => call('POST', path, json, options),
		put: (path: string, json?: unknown, options?: CallOptions) => call('PUT', path, json, options),
		del: (path: string, options?: CallOptions) => call('DELETE', path, undefined, options),
	};
}

export type Client = ReturnType<typeof client>;

/** The error envelope §2 describes. */
export function apiError(status: number, message: string, errorType: string, data: unknown = null) {
	return { status, body: { status: 'error', message, data, error_type: errorType } };
}

/** A valid create-conversation body (§5.1). */
export function newConversation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return { inbox_id: 1, content: '<p>Hello</p>', contact_email: 'new.person@example.com', first_name: 'New', last_name: 'Person', initiator: 'contact', subject: 'Help', ...overrides };
}
