/**
 * Where the API key and secret may be sent. LibreDesk is self-hosted, so any host is possible and
 * plain http is allowed (a server on the local network); but the value must be the server's root
 * address and nothing that could move the Authorization header elsewhere. The same rules are
 * written as an n8n expression for the credential test (credentials/LibreDeskApi.credentials.ts);
 * a test checks that both agree on every case.
 */

export type ServerUrlResult =
	| { ok: true; root: string; api: string; origin: string }
	| { ok: false; problem: string };

// Host labels as typed: ASCII letters, digits, `-` and `_` (Docker service names), or an IPv6 literal.
const HOST = /^(?:[a-z0-9_-]+(?:\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])$/i;
// A reverse proxy may serve LibreDesk below a path; each segment is plain (no `.`/`..`, no `%`).
const SEGMENT = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

export const SERVER_URL_FIELD = 'Server URL';

/**
 * The root address of the server (§1: the API lives at `{root}/api/v1`). One trailing slash is
 * tolerated; user-info, a query, a fragment, or a path ending in /api or /api/v1 is refused.
 */
export function resolveServerUrl(value: unknown): ServerUrlResult {
	const fail = (problem: string): ServerUrlResult => ({ ok: false, problem });
	if (typeof value !== 'string' || value.trim() === '') {
		return fail('is empty: give the address of your LibreDesk server, e.g. https://desk.example.com');
	}
	const typed = value.trim();
	const match = /^(https?):\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(typed);
	if (!match) {
		if (/[?#]/.test(typed)) return fail('must not contain "?" or "#": give only the server\'s address, e.g. https://desk.example.com');
		return fail('must start with http:// or https://, e.g. https://desk.example.com');
	}
	const [, scheme, authority, rawPath = ''] = match;
	if (authority.includes('@')) return fail('must not contain a user name or password');
	const hostPort = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority);
	if (!hostPort || !HOST.test(hostPort[1])) {
		return fail('has a host name that is not plain ASCII letters, digits, dots and hyphens');
	}
	if (hostPort[2] !== undefined && (!/^[1-9]\d{0,4}$/.test(hostPort[2]) || Number(hostPort[2]) > 65535)) {
		return fail('has a port that is not a number between 1 and 65535');
	}
	const path = rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
	const segments = path === '' ? [] : path.slice(1).split('/');
	if (!segments.every((segment) => SEGMENT.test(segment) && segment !== '..')) {
		return fail('has a path with empty, "." or ".." parts or characters other than letters, digits, "-", "_", "." and "~"');
	}
	const lower = segments.map((segment) => segment.toLowerCase());
	const last = lower[lower.length - 1];
	const previous = lower[lower.length - 2];
	if (last === 'api' || (previous === 'api' && last === 'v1')) {
		return fail('must be the server\'s root address without /api or /api/v1 (the node adds /api/v1 itself), e.g. https://desk.example.com');
	}
	let parsed: URL;
	try {
		parsed = new URL(`${scheme.toLowerCase()}://${authority}${path}`);
	} catch {
		return fail('is not a valid address');
	}
	const root = `${parsed.origin}${path}`;
	return { ok: true, root, api: `${root}/api/v1`, origin: parsed.origin };
}
