/**
 * A method + path router that tells "no such path" (404) from "path exists, other method" (405), as
 * fasthttp's router does for LibreDesk (libredesk-api.md §2). Literal segments win over parameters at the same position, so
 * `/conversations/all` is never read as `/conversations/{uuid}`.
 */
export type RouteMatch<H> =
	| { kind: 'found'; handler: H; params: Record<string, string> }
	| { kind: 'method-not-allowed' }
	| { kind: 'not-found' };

interface Compiled<H> {
	method: string;
	segments: string[];
	handler: H;
}

function segmentsOf(path: string): string[] {
	// Exact: a trailing or doubled slash is another path (LibreDesk registers routes without one, libredesk-api.md §1).
	return path.split('/').slice(1);
}

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');

/** Earlier literal segments sort first. */
function specificity(a: Compiled<unknown>, b: Compiled<unknown>): number {
	for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
		const pa = isParam(a.segments[i]);
		const pb = isParam(b.segments[i]);
		if (pa !== pb) return pa ? 1 : -1;
	}
	return 0;
}

export class Router<H> {
	readonly #routes: Compiled<H>[] = [];

	/** `path` uses `{name}` parameters, e.g. `/api/v1/conversations/{uuid}/tags`. */
	add(method: string, path: string, handler: H): this {
		this.#routes.push({ method: method.toUpperCase(), segments: segmentsOf(path), handler });
		this.#routes.sort(specificity);
		return this;
	}

	match(method: string, path: string): RouteMatch<H> {
		const wanted = segmentsOf(path);
		let pathKnown = false;
		for (const route of this.#routes) {
			if (route.segments.length !== wanted.length) continue;
			const params: Record<string, string> = {};
			const fits = route.segments.every((segment, i) => {
				if (!isParam(segment)) return segment === wanted[i];
				params[segment.slice(1, -1)] = wanted[i];
				return wanted[i] !== '';
			});
			if (!fits) continue;
			if (route.method === method) return { kind: 'found', handler: route.handler, params };
			pathKnown = true;
		}
		return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
	}
}
