import nock from 'nock';

export const API = 'https://acme.reamaze.io';

/** One request nock answered, as it went over the wire. */
export interface Seen {
	method: string;
	/** Path and query exactly as sent (percent-encoding kept). */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Every request answered through `onRequest`, in order; cleared by `resetWire`. */
export const wireLog: Seen[] = [];

export function resetWire(): void {
	nock.cleanAll();
	wireLog.length = 0;
}

/**
 * Answers every `method` request to `pathname` (whatever its query) and records each one, so a
 * test asserts the exact method, path, query, headers and body. `reply` is the JSON answered with
 * `status`, or a function of the recorded request (paging, stateful answers).
 */
export function onRequest(
	method: string,
	pathname: string,
	reply: unknown,
	status = 200,
): Seen[] {
	const seen: Seen[] = [];
	nock(API)
		.persist()
		.intercept((uri) => new URL(uri, API).pathname === pathname, method)
		// nock 15 calls a one-argument reply function with the fetch Request (two arguments = callback style).
		.reply(async (request: unknown) => {
			const sent = request as unknown as Request;
			const body = await sent.clone().text();
			const url = new URL(sent.url);
			const record: Seen = {
				method,
				path: `${url.pathname}${url.search}`,
				// Headers iterate with lower-case names.
				headers: Object.fromEntries(sent.headers),
				body: body === '' ? '' : JSON.parse(body),
			};
			seen.push(record);
			wireLog.push(record);
			const [code, answer] = typeof reply === 'function' ? (reply as (seen: Seen) => [number, unknown])(record) : [status, reply];
			return [code, typeof answer === 'string' ? answer : JSON.stringify(answer), { 'Content-Type': 'application/json' }];
		});
	return seen;
}
