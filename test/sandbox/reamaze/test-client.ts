/** Test helper: a tiny JSON client for the sandbox (Node's global fetch, i.e. undici, against 127.0.0.1). */
import { request as httpRequest } from 'node:http';
import type { Sandbox } from './index.ts';

export interface Reply {
	status: number;
	headers: Headers;
	/** Parsed JSON, or the raw text when the body is not JSON. */
	body: any;
	text: string;
}

export interface CallOptions {
	headers?: Record<string, string>;
	/** Defaults to the sandbox owner's credentials; `null` sends no Authorization header. */
	auth?: { email: string; token: string } | null;
	base?: string;
}

function basic(email: string, token: string): string {
	return `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`;
}

export function client(sandbox: Sandbox) {
	async function call(method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<Reply> {
		const auth = options.auth === undefined ? { email: sandbox.email, token: sandbox.token } : options.auth;
		const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
		if (auth) headers.authorization = basic(auth.email, auth.token);
		if (body !== undefined) headers['content-type'] ??= 'application/json';
		const response = await fetch(`${options.base ?? sandbox.baseUrl}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = JSON.parse(text);
		} catch {
			// Not JSON: keep the text (HTML error pages, truncated bodies).
		}
		return { status: response.status, headers: response.headers, body: parsed, text };
	}
	return {
		call,
		get: (path: string, options?: CallOptions) => call('GET', path, undefined, options),
		post: (path: string, body: unknown, options?: CallOptions) => call('POST', path, body, options),
		put: (path: string, body: unknown, options?: CallOptions) => call('PUT', path, body, options),
		del: (path: string, options?: CallOptions) => call('DELETE', path, undefined, options),
	};
}

/** undici does not let a caller set `Host`, so Host-based brand routing is exercised through node:http. */
export function getWithHost(sandbox: Sandbox, host: string, path: string): Promise<{ status: number; body: any }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(`${sandbox.url}${path}`, {
			headers: { host, accept: 'application/json', authorization: basic(sandbox.email, sandbox.token) },
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** A minimal valid create-conversation body (§2.3). */
export function newConversation(overrides: Record<string, unknown> = {}, n = 1): { conversation: Record<string, unknown> } {
	return {
		conversation: {
			subject: `Test conversation ${n}`,
			category: 'support',
			message: { body: `Body ${n}` },
			user: { name: 'Bob Customer', email: 'bob@example.com' },
			...overrides,
		},
	};
}
