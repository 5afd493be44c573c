import type { Query } from './query.ts';
import type { SandboxState } from './state.ts';
import type { Brand, StaffUser } from './types.ts';

export interface RouteContext {
	state: SandboxState;
	brand: Brand;
	/** The authenticated staff user: the API acts as the token's owner (§1). */
	actor: StaffUser;
	params: Record<string, string>;
	query: Query;
	body: unknown;
}

/**
 * Returns the JSON to answer with status 200. The docs only say that success "returns the JSON" (§2.3, §2.4),
 * so every success, creates included, is a 200. Failures are thrown as `ApiError`.
 */
export type Handler = (ctx: RouteContext) => unknown;

export interface Route {
	method: string;
	/** Relative to `/api/v1`, with `:name` parameters, e.g. `/conversations/:slug/messages`. */
	path: string;
	handler: Handler;
}

export function route(method: string, path: string, handler: Handler): Route {
	return { method, path, handler };
}

interface CompiledRoute {
	method: string;
	segments: string[];
	handler: Handler;
}

/** First match wins, so literal routes (`/incidents/active`) must precede parameter routes (`/incidents/:id`). */
export class Router {
	readonly #routes: CompiledRoute[];

	constructor(routes: Route[]) {
		this.#routes = routes.map((r) => ({ method: r.method, segments: r.path.split('/').filter(Boolean), handler: r.handler }));
	}

	match(method: string, segments: string[]): { handler: Handler; params: Record<string, string> } | undefined {
		for (const candidate of this.#routes) {
			if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
			const params: Record<string, string> = {};
			const matches = candidate.segments.every((part, i) => {
				if (part.startsWith(':')) params[part.slice(1)] = segments[i];
				return part.startsWith(':') || part === segments[i];
			});
			if (matches) return { handler: candidate.handler, params };
		}
		return undefined;
	}
}
