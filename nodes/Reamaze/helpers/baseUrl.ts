/**
 * Where the API token may be sent. Both checks run before any request is built, so a hostile
 * credential value (`evil.com#`, `a/b`, `x@y`, a look-alike letter) can never move the
 * Authorization header to another host.
 */

// Re:amaze documents no rule; a brand is a DNS label (reamaze-api.md §1), ASCII only.
const BRAND_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type BaseUrlResult = { ok: true; url: string; host: string } | { ok: false; field: string; problem: string };

export function brandBaseUrl(brand: unknown): BaseUrlResult {
	if (typeof brand !== 'string' || !BRAND_LABEL.test(brand)) {
		return {
			ok: false,
			field: 'Brand',
			problem:
				'must be the subdomain of your Re:amaze address (e.g. "acme" for https://acme.reamaze.io): lowercase letters, digits and hyphens, 1-63 characters',
		};
	}
	return { ok: true, url: `https://${brand}.reamaze.io/api/v1`, host: `${brand}.reamaze.io` };
}

/** An override for proxies and the local sandbox: https anywhere, plain http only on this machine. */
export function overrideBaseUrl(baseUrl: string): BaseUrlResult {
	const fail = (problem: string): BaseUrlResult => ({ ok: false, field: 'API Base URL', problem });
	let parsed: URL;
	try {
		parsed = new URL(baseUrl.trim());
	} catch {
		return fail('is not a URL');
	}
	if (parsed.username || parsed.password) return fail('must not contain a user name or password');
	if (parsed.search || parsed.hash || /[?#]/.test(baseUrl)) return fail('must not contain "?" or "#"');
	// The WHATWG parser turns look-alike letters into punycode; a host that changed is not what the user typed.
	const typedHost = /^[a-z]+:\/\/([^/:]+)/i.exec(baseUrl.trim())?.[1]?.toLowerCase();
	if (typedHost !== undefined && typedHost !== parsed.hostname && `[${typedHost}]` !== parsed.hostname) {
		return fail('host must be plain ASCII');
	}
	const isLoopback = LOOPBACK_HOSTS.has(parsed.hostname) || /^127(\.\d{1,3}){3}$/.test(parsed.hostname);
	if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback)) {
		return fail('must start with https:// (plain http is allowed only for localhost)');
	}
	return { ok: true, url: `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`, host: parsed.host };
}

export function resolveBaseUrl(credentials: { brand?: unknown; baseUrl?: unknown }): BaseUrlResult {
	if (typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() !== '') {
		return overrideBaseUrl(credentials.baseUrl);
	}
	return brandBaseUrl(credentials.brand);
}
