/**
 * §1 / §1.1: API keys in `Authorization: Basic base64(key:secret)` or `Authorization: token key:secret`. Anything
 * that does not parse falls through to the browser-session path, which answers GET with 401 "Invalid or
 * expired session" and POST/PUT/DELETE with 403 "CSRF token mismatch" (CSRF is checked first).
 */
import { ApiError, MSG } from './errors.ts';
import type { LibreDeskState } from './state.ts';
import type { User } from './types.ts';

const STD_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** `undefined` when the header is missing or unparsable (wrong scheme or case, bad base64, no colon, empty part). */
export function parseAuthHeader(header: string | undefined): { key: string; secret: string } | undefined {
	if (!header) return undefined;
	let pair: string;
	if (header.startsWith('Basic ')) {
		const encoded = header.slice('Basic '.length).trim();
		if (encoded.length % 4 !== 0 || !STD_BASE64.test(encoded)) return undefined;
		pair = Buffer.from(encoded, 'base64').toString('utf8');
	} else if (header.startsWith('token ')) {
		pair = header.slice('token '.length).trim();
	} else return undefined;
	const colon = pair.indexOf(':');
	if (colon < 0) return undefined;
	const key = pair.slice(0, colon);
	const secret = pair.slice(colon + 1);
	return key.length > 0 && secret.length > 0 ? { key, secret } : undefined;
}

function cookie(header: string | undefined, name: string): string {
	for (const part of (header ?? '').split(';')) {
		const [k, ...v] = part.trim().split('=');
		if (k === name) return v.join('=');
	}
	return '';
}

/** The agent the key belongs to, or the §1.1 error. Disabled or deleted agents fail like a wrong key. */
export function authenticate(state: LibreDeskState, method: string, headers: Record<string, string>): User {
	const credentials = parseAuthHeader(headers.authorization);
	if (!credentials) {
		if (method === 'POST' || method === 'PUT' || method === 'DELETE') {
			const csrf = cookie(headers.cookie, 'csrf_token');
			if (csrf === '' || csrf !== (headers['x-csrftoken'] ?? '')) throw new ApiError(403, MSG.csrf, 'PermissionException');
		}
		throw new ApiError(401, MSG.invalidSession, 'GeneralException');
	}
	const user = state.userByApiKey(credentials.key);
	if (!user || user.deleted || !user.enabled || user.type !== 'agent' || user.apiSecret !== credentials.secret) {
		throw new ApiError(401, MSG.invalidCredential, 'GeneralException');
	}
	user.apiKeyLastUsedAt = state.now();
	return user;
}
