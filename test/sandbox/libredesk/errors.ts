/**
 * Error answers in the §2 envelope: `{"status":"error","message","data","error_type"}`. The HTTP status and the
 * `error_type` are chosen per call site, because handlers pair them unusually (500 + InputException, 401 +
 * GeneralException, 413 + GeneralException); see §2 and the route sections.
 */
export type ErrorType =
	| 'GeneralException'
	| 'PermissionException'
	| 'InputException'
	| 'DataException'
	| 'NetworkException'
	| 'NotFoundException'
	| 'ConflictException'
	| 'UnauthorizedException'
	| 'RateLimitException';

export class ApiError extends Error {
	readonly status: number;
	readonly errorType: ErrorType | undefined;
	readonly data: unknown;

	constructor(status: number, message: string, errorType: ErrorType | undefined, data: unknown = null) {
		super(message);
		this.status = status;
		this.errorType = errorType;
		this.data = data;
	}

	get body(): Record<string, unknown> {
		const body: Record<string, unknown> = { status: 'error', message: this.message, data: this.data };
		if (this.errorType !== undefined) body.error_type = this.errorType;
		return body;
	}
}

/** Messages quoted by the sheet (en-US); backticks are literal (§2 "Backticks in messages"). */
export const MSG = {
	somethingWrong: 'Something went wrong',
	parse: 'Error parsing request',
	badRequest: 'Bad request',
	permission: 'Permission denied',
	routeNotFound: 'Route not found',
	methodNotAllowed: 'Request method not allowed',
	invalidCredential: 'Invalid credential',
	invalidSession: 'Invalid or expired session',
	csrf: 'CSRF token mismatch',
	required: (field: string) => `\`${field}\` Required`,
	empty: (field: string) => `\`${field}\` empty`,
} as const;

export const input = (message: string, status = 400) => new ApiError(status, message, 'InputException');
export const general = (message: string = MSG.somethingWrong, status = 500) => new ApiError(status, message, 'GeneralException');
export const notFound = (message: string) => new ApiError(404, message, 'NotFoundException');
export const denied = (message: string = MSG.permission) => new ApiError(403, message, 'PermissionException');
/** 400 "Error parsing request" (§2 "Wrong JSON types"); some routes answer it as a 500 (§5.8, §6.3). */
export const parseError = (status = 400) => new ApiError(status, MSG.parse, 'InputException');
