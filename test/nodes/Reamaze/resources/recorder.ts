import nock from 'nock';

export const API = 'https://acme.reamaze.io';

/** One request nock answered, as it went over the wire. */
export interface Recorded {
	method: string;
	/** Path and query exactly as sent (percent-encoding kept). */
	path: string;
	headers: Record<string, string>;
	body: unknown;
}

/**
 * Answers every `method` request whose path (without query) is `pathname`, and records each one so
 * tests assert exact method, path, query, headers and body. `reply` is the JSON body, or a function
 * of the query (for paged answers).
 */
export function record(
	method: string,
	pathname: string,
	reply: unknown | ((query: URLSearchParams) => unknown),
	status = 200,
): Recorded[] {
	const seen: Recorded[] = [];
	const scope = nock(API)
		.persist()
		.intercept((uri: string) => new URL(uri, API).pathname === pathname, method)
		// nock 15 calls a body function with the fetch Request (older versions passed the path).
		.reply(status, (request: Request | string) => {
			const url = typeof request === 'string' ? new URL(request, API) : new URL(request.url);
			const answer = typeof reply === 'function' ? (reply as (query: URLSearchParams) => unknown)(url.searchParams) : reply;
			return typeof answer === 'string' ? answer : JSON.stringify(answer);
		}, { 'Content-Type': 'application/json' });
	// nock 15 hands over a fetch Request; its Headers iterate with lower-case names.
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		const url = new URL(req.url);
		seen.push({
			method: req.method,
			path: `${url.pathname}${url.search}`,
			headers: Object.fromEntries(req.headers),
			body: body ? JSON.parse(body) : body,
		});
	});
	return seen;
}
