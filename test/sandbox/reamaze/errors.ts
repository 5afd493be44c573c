/**
 * Error answers. §5 says a failed create or update is a 422 whose JSON shape is undocumented, and clients handle
 * both `{"errors":{field:[msgs]}}` and `{"error":"msg"}`. The sandbox uses both, by a fixed rule:
 * - `invalid(...)`: the request body itself is malformed (missing/wrongly typed field) → Rails-style `errors`;
 * - `refuse(...)`: the body is well-formed but refers to something that does not exist or is not allowed
 *   (unknown channel or staff, status 5 without hold_until, move to a non-email channel) → `error`.
 */
export class ApiError extends Error {
	readonly status: number;
	readonly body: unknown;
	readonly headers: Record<string, string>;

	constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
		super(`HTTP ${status}`);
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export function invalid(errors: Record<string, string[]>): ApiError {
	return new ApiError(422, { errors });
}

export function refuse(message: string): ApiError {
	return new ApiError(422, { error: message });
}

export function notFound(message = 'Not Found'): ApiError {
	return new ApiError(404, { error: message });
}

export function forbidden(message: string): ApiError {
	return new ApiError(403, { error: message });
}
