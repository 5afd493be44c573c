import {
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type IPollFunctions,
	type IWebhookFunctions,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { credentialsFor, decryptedFor } from '../shared/credentials';
import { limiterFor } from '../shared/limiter';
import { networkFailure } from '../shared/networkFailure';
import { DEFAULT_POLICY, type RequestPolicy } from '../shared/options';
import { type Page, readPages } from '../shared/paging';
import { type GiveUpReason, networkCode, NOT_SENT_CODES, type Outcome, parseRetryAfter, sendWithRetries } from '../shared/retry';
import { buildMultipart, type FormPart } from './helpers/multipart';
import { rateLimitAdvice, runBudgetNote } from './helpers/retryAdvice';
import { resolveServerUrl, SERVER_URL_FIELD } from './helpers/serverUrl';

/**
 * The only module that knows LibreDesk's URLs, headers, status codes, envelope, paging and
 * multipart bodies (libredesk-api.md, cited as §n). The node, the trigger and the pickers call it.
 *
 * Public interface:
 * - `libreDeskRequest(context, request)` → the `data` of the envelope (§2), or throws NodeApiError;
 *   `libreDeskRequestWithStatus` → the same with the HTTP status (macro apply's 200 vs 207, §9.8).
 * - `libreDeskErrorType(error)` → the `error_type` of a NodeApiError from this module (§2).
 * - `libreDeskPage` / `libreDeskList` → page objects (§3), with an optional `keep` filter that only
 *   kept items count against the limit; `libreDeskArray` → plain-array lookups.
 * - `uploadMedia(context, file, options)` → the media object of `POST /media` (§7).
 * - `downloadUpload(context, uuid, options)` → the bytes of `/uploads/{uuid}` (§7).
 * - `serverSettings(context)` / `versionAtLeast(version, release)` → the server's release and upload
 *   limits, read once per run (§1 "Version check", §9.7, §13).
 * - `successShapedError(data)` → the 200-with-`ErrorType` quirk of the webhook routes (§2).
 */

export type LibreDeskContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'libreDeskApi';

export interface LibreDeskRequest {
	method: IHttpRequestMethods;
	/** Path segments below `/api/v1`; each is percent-encoded here, so an ID can never add a segment. */
	path: string[];
	/** Query parameters; an array value becomes a repeated key (`type=incoming&type=outgoing`, §6.1). */
	qs?: IDataObject;
	/**
	 * A JSON body: an object, or an array (macro apply, §9.8). Always sent with
	 * `Content-Type: application/json`, without which LibreDesk silently ignores it (§2).
	 */
	body?: IDataObject | IDataObject[];
	/** A multipart/form-data body instead of JSON (§7 media upload, §8.3 contact update). */
	form?: FormPart[];
	/** Whether the answer is the `{status, data}` envelope (default). Macro apply answers without one (§9.8). */
	enveloped?: boolean;
	/**
	 * Whether sending this request twice has the same effect as once. Default: GET, PUT and DELETE
	 * are, POST is not (LibreDesk has no idempotency key). A request that is not repeatable is sent
	 * again only when the connection failed before anything was sent.
	 */
	repeatable?: boolean;
	/** What a 404 means for this call, in the user's words ("no conversation with UUID ..."). */
	notFound?: string;
	/** The permission the route needs (§4.1), named in a 403. */
	permission?: string;
	/** Whether the route also checks access to one conversation (§1.2), explained in a 403. */
	conversationAccess?: boolean;
	/** The LibreDesk release that added the route (§13), named when the server does not know it. */
	since?: string;
	/**
	 * Whether a 500 may be resent (default true, at most twice). False where LibreDesk answers 500 to
	 * a value it refuses, e.g. an unknown message UUID (§6.2), so the user is not kept waiting.
	 */
	retryServerErrors?: boolean;
	itemIndex?: number;
	policy?: RequestPolicy;
}

interface Target {
	root: string;
	api: string;
	/** Handed to n8n with each request, so it does not load the credential again (shared/credentials.ts). */
	credentials: ICredentialsDecrypted;
}

type Attempt =
	| { kind: 'response'; response: IN8nHttpFullResponse }
	| { kind: 'network'; code: string; sent: boolean };

/** The server's root and API base from the credential, or the error that explains the field to fix. */
async function targetOf(context: LibreDeskContext, itemIndex: number | undefined): Promise<Target> {
	const node = context.getNode();
	const credentials = await credentialsFor(context as IExecuteFunctions, CREDENTIAL_TYPE, itemIndex);
	const fail = (field: string, problem: string) =>
		new NodeOperationError(node, `LibreDesk credential: ${field} ${problem}`, {
			itemIndex,
			description: 'Open the LibreDesk credential and correct this field.',
		});
	const server = resolveServerUrl(credentials.baseUrl);
	if (!server.ok) throw fail(SERVER_URL_FIELD, server.problem);
	// §1: an empty key or secret, or a colon in the key, makes the header unreadable to LibreDesk,
	// which then answers as if no credential was sent. Values are never quoted.
	const key = typeof credentials.apiKey === 'string' ? credentials.apiKey.trim() : '';
	const secret = typeof credentials.apiSecret === 'string' ? credentials.apiSecret.trim() : '';
	if (key === '') throw fail('API Key', 'is empty');
	if (key.includes(':')) throw fail('API Key', 'must not contain ":" (LibreDesk keys are letters and digits)');
	if (secret === '') throw fail('API Secret', 'is empty');
	return { root: server.root, api: server.api, credentials: decryptedFor(node, CREDENTIAL_TYPE, credentials) };
}

export function buildUrl(base: string, path: string[]): string {
	return `${base}/${path.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/**
 * n8n's authentication writes the credential into the options it is given (`auth`, headers), so
 * every attempt gets its own copy and nothing authenticated is ever reused for another request.
 */
function freshCopy(options: IHttpRequestOptions): IHttpRequestOptions {
	return { ...options, headers: { ...options.headers }, qs: options.qs ? { ...options.qs } : undefined };
}

async function attempt(context: LibreDeskContext, options: IHttpRequestOptions, credentials: ICredentialsDecrypted): Promise<Attempt> {
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options, {
			credentialsDecrypted: credentials,
		})) as IN8nHttpFullResponse;
		return { kind: 'response', response };
	} catch (error) {
		const code = networkCode(error) ?? 'UNKNOWN';
		return { kind: 'network', code, sent: !NOT_SENT_CODES.has(code) };
	}
}

/**
 * Sends one request to LibreDesk and returns the `data` of its envelope (§2), or the whole JSON
 * answer for a route without one. Retries through the credential's limiter where a resend cannot
 * duplicate anything.
 */
export async function libreDeskRequest(context: LibreDeskContext, request: LibreDeskRequest): Promise<unknown> {
	return (await libreDeskRequestWithStatus(context, request)).data;
}

export interface LibreDeskAnswer {
	/** The HTTP status of the answer that succeeded (2xx). */
	status: number;
	/** What `libreDeskRequest` returns: the envelope's `data`, or the whole JSON without an envelope. */
	data: unknown;
}

/**
 * `libreDeskRequest` plus the HTTP status, for routes whose 2xx codes mean different things: macro
 * apply answers 200 when every action was applied and 207 when only some were (§9.8), with a
 * message that is translated on non-English servers.
 */
export async function libreDeskRequestWithStatus(context: LibreDeskContext, request: LibreDeskRequest): Promise<LibreDeskAnswer> {
	const node = context.getNode();
	const policy = request.policy ?? DEFAULT_POLICY;
	const target = await targetOf(context, request.itemIndex);

	const options: IHttpRequestOptions = {
		method: request.method,
		url: buildUrl(target.api, request.path),
		qs: request.qs,
		// `type=incoming&type=outgoing`, as fasthttp reads repeated keys (§6.1).
		arrayFormat: 'repeat',
		headers: { Accept: 'application/json' },
		// Parsed here, so an HTML page or a cut-off body becomes a clear error, not a TypeError.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect could carry the Authorization header to another host; the API never needs one.
		disableFollowRedirect: true,
		timeout: policy.timeoutMs,
	};
	if (request.form !== undefined) {
		const multipart = buildMultipart(request.form);
		options.body = multipart.body;
		options.headers = { ...options.headers, 'Content-Type': multipart.contentType };
	} else if (request.body !== undefined) {
		options.body = JSON.stringify(request.body);
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}

	const mayRepeat = request.repeatable ?? request.method !== 'POST';
	let http500s = 0;
	return await sendWithRetries(limiterFor(context, CREDENTIAL_TYPE), policy, async (): Promise<Outcome<LibreDeskAnswer>> => {
		const result = await attempt(context, freshCopy(options), target.credentials);
		const outcome = judge(node, result, request, mayRepeat, http500s, policy);
		if (result.kind === 'response' && result.response.statusCode === 500) http500s++;
		// Only a 2xx answer yields a value, so the status kept with it is the one that succeeded.
		if ('value' in outcome && result.kind === 'response') return { value: { status: result.response.statusCode, data: outcome.value } };
		return outcome as Outcome<LibreDeskAnswer>;
	});
}

/**
 * The `error_type` LibreDesk sent with a failure (§2: `InputException`, `NotFoundException`, ...),
 * as kept in a NodeApiError this transport made; undefined for any other error.
 */
export function libreDeskErrorType(error: unknown): string | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	const type = (error.errorResponse as JsonObject | undefined)?.error_type;
	return typeof type === 'string' ? type : undefined;
}

/**
 * Retry-After, but never below the first retry delay: a proxy answering `Retry-After: 0` to every
 * request would otherwise be retried without end (zero waits never use up the wait budget).
 */
function retryAfter(header: unknown, policy: RequestPolicy): number | undefined {
	const ms = parseRetryAfter(header);
	return ms === undefined ? undefined : Math.max(ms, policy.backoffBaseMs, 1);
}

/** When the run's Max Total Wait stopped the retries, the error says so. */
function runBudgetHint(error: NodeApiError, policy: RequestPolicy): (why: GiveUpReason) => void {
	return (why) => {
		if (why === 'run-budget') error.description = `${error.description ?? ''}${runBudgetNote(policy)}`.trim();
	};
}

/** A LibreDesk 500 is as often a refusal of a value (§3, §5.4, §6.3) as a fault: resent at most twice. */
const MAX_500_RETRIES = 2;

/** What one attempt means: a result, or an error and whether sending again is safe. */
function judge(
	node: INode,
	result: Attempt,
	request: LibreDeskRequest,
	mayRepeat: boolean,
	http500sSoFar: number,
	policy: RequestPolicy = DEFAULT_POLICY,
): Outcome<unknown> {
	const where = `${request.method} /${request.path[0] ?? ''}${request.itemIndex !== undefined ? `, item ${request.itemIndex}` : ''}`;
	if (result.kind === 'network') {
		// After a reset or a timeout the request may already have been processed; an error
		// without a network code is not a transient fault and is never retried.
		const safe = result.code !== 'UNKNOWN' && (!result.sent || mayRepeat);
		const error = networkError(node, result, request, mayRepeat, policy);
		return { error, retry: safe, serverTrouble: true, reason: `${result.code} from LibreDesk (${where})`, onGiveUp: runBudgetHint(error, policy) };
	}
	const { statusCode } = result.response;
	if (statusCode >= 200 && statusCode < 300) return successOutcome(node, result.response, request, mayRepeat);
	const envelope = errorEnvelope(result.response.body);
	const error = apiError(node, result.response, envelope, request);
	if (statusCode === 429) {
		// Refused, not processed: safe to resend whatever the method.
		return {
			error,
			retry: true,
			throttled: true,
			retryAfterMs: retryAfter(result.response.headers?.['retry-after'], policy),
			reason: `HTTP 429 from LibreDesk (${where})`,
			onGiveUp: (why) => {
				error.description = rateLimitAdvice(why, policy);
			},
		};
	}
	if (statusCode >= 500) {
		// 500 + InputException is LibreDesk's answer to a body it could not read (§2, §6.3): resending cannot help.
		const refusal = statusCode === 500 && envelope.errorType === 'InputException';
		const retry =
			mayRepeat && !refusal && (statusCode !== 500 || (request.retryServerErrors !== false && http500sSoFar < MAX_500_RETRIES));
		return { error, retry, serverTrouble: true, reason: `HTTP ${statusCode} from LibreDesk (${where})`, onGiveUp: runBudgetHint(error, policy) };
	}
	return { error, retry: false };
}

function successOutcome(node: INode, response: IN8nHttpFullResponse, request: LibreDeskRequest, mayRepeat: boolean): Outcome<unknown> {
	const raw = typeof response.body === 'string' ? response.body : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : undefined;
	if (raw === undefined) return { value: response.body };
	if (raw.trim() === '') {
		// §2: some handlers fail without writing a body, so an empty 200 is an unreported server error.
		return {
			error: brokenAnswer(
				node,
				response,
				request,
				`LibreDesk sent an empty answer (HTTP ${response.statusCode})`,
				'LibreDesk answers this way when it hits an internal error it does not report (for example while reading inboxes). Try again; if it persists, look at the LibreDesk server log.',
			),
			retry: false,
		};
	}
	let parsed: unknown;
	try {
		// Go escapes <, > and & as \u003c, \u003e, \u0026 (§2): plain JSON, which JSON.parse reads.
		parsed = JSON.parse(raw);
	} catch {
		const html = /^\s*</.test(raw);
		// A cut-off answer was processed: only a repeatable request is sent again.
		return {
			error: brokenAnswer(
				node,
				response,
				request,
				`LibreDesk sent ${html ? 'an HTML page' : 'a response that is not valid JSON'} instead of JSON (HTTP ${response.statusCode})`,
				html
					? 'Check that the Server URL in the LibreDesk credential is the root address of LibreDesk itself, not of another site or a login page in front of it.'
					: 'The answer was cut off or garbled, usually by a temporary network or proxy fault. Try again.',
			),
			retry: mayRepeat && !html,
		};
	}
	if (request.enveloped === false) return { value: parsed };
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('status' in parsed)) {
		return {
			error: brokenAnswer(
				node,
				response,
				request,
				`LibreDesk sent an answer without its usual envelope (HTTP ${response.statusCode})`,
				'Check that the Server URL in the LibreDesk credential is the root address of a LibreDesk server.',
			),
			retry: false,
		};
	}
	const envelope = parsed as { status?: unknown; data?: unknown; message?: unknown };
	if (envelope.status !== 'success') {
		const text = typeof envelope.message === 'string' ? `: ${envelope.message}` : '';
		return {
			error: brokenAnswer(node, response, request, `LibreDesk reported an error${text}`, 'LibreDesk answered HTTP 200 but marked the answer as an error.'),
			retry: false,
		};
	}
	const quirk = successShapedError(envelope.data);
	if (quirk) {
		const error = new NodeApiError(node, { status: response.statusCode, error_type: quirk.errorType, message: quirk.message } as JsonObject, {
			message: `LibreDesk refused the request (HTTP ${quirk.code ?? 200})${quirk.message ? `: ${quirk.message}` : ''}`,
			description: describeRefusal(quirk.message),
			httpCode: String(quirk.code ?? response.statusCode),
			itemIndex: request.itemIndex,
		});
		return { error, retry: false };
	}
	return { value: envelope.data };
}

export interface SuccessShapedError {
	code?: number;
	errorType: string;
	message?: string;
}

/**
 * §2: the webhook create/update routes answer validation failures with HTTP 200, `status: "success"`
 * and `data = {"Code":400,"ErrorType":"InputException","Message":"`name` empty","Data":null}`.
 * Any `data` carrying a string `ErrorType` is that error (no real payload has the capitalised Go
 * field names). `libreDeskRequest` already throws it; exported for callers that read raw answers.
 */
export function successShapedError(data: unknown): SuccessShapedError | undefined {
	if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
	const { Code, ErrorType, Message } = data as { Code?: unknown; ErrorType?: unknown; Message?: unknown };
	if (typeof ErrorType !== 'string' || ErrorType === '') return undefined;
	return {
		code: typeof Code === 'number' ? Code : undefined,
		errorType: ErrorType,
		message: typeof Message === 'string' ? Message : undefined,
	};
}

interface ErrorEnvelope {
	message?: string;
	errorType?: string;
}

/** `{status:"error", message, data, error_type}` (§2); anything else yields nothing. */
function errorEnvelope(body: unknown): ErrorEnvelope {
	let parsed = body;
	if (Buffer.isBuffer(body)) parsed = body.toString('utf8');
	if (typeof parsed === 'string') {
		try {
			parsed = JSON.parse(parsed);
		} catch {
			return {};
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
	const { message, error_type: errorType } = parsed as { message?: unknown; error_type?: unknown };
	return {
		message: typeof message === 'string' && message.trim() !== '' ? message.trim().slice(0, 500) : undefined,
		errorType: typeof errorType === 'string' ? errorType : undefined,
	};
}

function describeRefusal(message: string | undefined): string {
	return message && /`[^`]+`/.test(message)
		? 'LibreDesk named the field in `backticks` above; correct it and run again.'
		: 'LibreDesk explained the problem above; correct the value it refers to and run again.';
}

function brokenAnswer(node: INode, response: IN8nHttpFullResponse, request: LibreDeskRequest, message: string, description: string): NodeApiError {
	return new NodeApiError(node, { status: response.statusCode } as JsonObject, {
		message,
		description,
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

const CREDENTIAL_ADVICE =
	'Check the API Key and API Secret in the LibreDesk credential. LibreDesk also refuses a key that was regenerated or revoked, and the key of a disabled or deleted agent.';

function permissionAdvice(request: LibreDeskRequest): string {
	const role = request.permission
		? `Ask a LibreDesk admin to add the permission "${request.permission}" to one of that agent's roles (Admin → Teams → Roles), or use the key of an agent who has it.`
		: 'Ask a LibreDesk admin to give that agent a role that allows this action (Admin → Teams → Roles), or use the key of an agent who has it.';
	const access = request.conversationAccess
		? ' For a single conversation the agent also needs access to it: the permission conversations:read_all, or the conversation assigned to them, to one of their teams, or unassigned (with the matching read permission).'
		: '';
	return `The API acts as the agent who owns the API key, with that agent's roles. ${role}${access}`;
}

function apiError(node: INode, response: IN8nHttpFullResponse, api: ErrorEnvelope, request: LibreDeskRequest): NodeApiError {
	const status = response.statusCode;
	const said = api.message ? `: ${api.message}` : '';
	const needs = request.permission ? ` (needs the permission "${request.permission}")` : '';
	let message: string;
	let description: string;
	// Keyed on the HTTP status first, then on error_type (§2): handlers pair types and statuses freely.
	if (status === 401 && api.errorType === 'UnauthorizedException') {
		// §7: the media download answers a missing permission or access with 401 + UnauthorizedException.
		message = `LibreDesk refused access (HTTP 401)${said}${needs}`;
		description = permissionAdvice(request);
	} else if (status === 401) {
		// §1.1: a wrong key or secret, a disabled agent, or no usable header at all.
		message = `LibreDesk did not accept the API key and secret (HTTP 401)${said}`;
		description = CREDENTIAL_ADVICE;
	} else if (status === 403 && /csrf/i.test(api.message ?? '')) {
		// §1.1: without a usable Authorization header a POST/PUT/DELETE fails the browser's CSRF check.
		message = `LibreDesk did not accept the API key and secret (HTTP 403)${said}`;
		description = `${CREDENTIAL_ADVICE} (LibreDesk answers "CSRF token mismatch" when a write arrives without credentials it can read.)`;
	} else if (status === 403) {
		message = `LibreDesk refused this action (HTTP 403)${said}${needs}`;
		description = permissionAdvice(request);
	} else if ((status === 404 && api.message === 'Route not found') || status === 405) {
		// Router answers (§2): the server does not have this route (or not for this method).
		message = `This LibreDesk server does not offer this API route (HTTP ${status})`;
		description = request.since
			? `It was added in LibreDesk ${request.since}; this server runs an older release. Update LibreDesk to use this operation.`
			: 'Check that the Server URL in the LibreDesk credential is the root address of a LibreDesk server (v2.x).';
	} else if (status === 404) {
		message = `Not found (HTTP 404): ${request.notFound ?? api.message ?? 'the requested LibreDesk object does not exist'}`;
		description = `Check the ID or UUID.${api.message ? ` LibreDesk said: "${api.message}".` : ''}`;
	} else if (status === 413) {
		message = `The file is too large for LibreDesk (HTTP 413)${said}`;
		description =
			'LibreDesk limits uploads with its "Max file upload size" setting (Admin → General) and with the server\'s max body size. Send a smaller file or ask an admin to raise the limit.';
	} else if (status === 429) {
		message = `LibreDesk (or a proxy in front of it) rate-limited the request (HTTP 429)${said}`;
		description =
			'The node waited and retried up to the "Max Rate Limit Wait" option; raise that option, lower "Items in Parallel", or set "Max Requests per Second".';
	} else if (status >= 400 && status < 500) {
		// 400/409/422: the API's own words, e.g. "`inbox_id` Required" (literal backticks, §2).
		message = `LibreDesk refused the request (HTTP ${status})${said}`;
		description = describeRefusal(api.message);
	} else if (status === 500 && api.errorType === 'InputException') {
		// §6.3, §8.3: a body LibreDesk could not read is reported as 500 + InputException.
		message = `LibreDesk could not read the request (HTTP 500)${said}`;
		description = 'LibreDesk reports a request it cannot parse as a server error; the values of this item are the cause. Check their types (numbers, lists, objects).';
	} else if (status >= 500) {
		message = `LibreDesk had a server error (HTTP ${status})${said}`;
		description =
			status === 500
				? 'LibreDesk answers 500 for internal faults and also for some values it cannot use (an unknown status name, agent or attachment ID). Check the values of this item; if they are right, try again later or look at the LibreDesk server log.'
				: 'LibreDesk or a proxy in front of it is unavailable. Try again later.';
	} else if (status >= 300 && status < 400) {
		message = `LibreDesk answered with a redirect (HTTP ${status}), which the node does not follow`;
		description =
			'Following it could send the API key and secret to another address. Check the Server URL in the credential (e.g. https:// instead of http://, or the exact address LibreDesk is served at).';
	} else {
		message = `LibreDesk answered HTTP ${status}${said}`;
		description = 'Unexpected answer from LibreDesk.';
	}
	// Only the status and the API's own words are kept: never the request options, which hold the secret.
	const errorResponse: JsonObject = { status, message: api.message ?? null, error_type: api.errorType ?? null, body: safeBody(response.body) };
	return new NodeApiError(node, errorResponse, { message, description, httpCode: String(status), itemIndex: request.itemIndex });
}

function safeBody(body: unknown): string {
	const text = Buffer.isBuffer(body) ? '(file)' : typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return text.length > 2000 ? `${text.slice(0, 2000)}...` : text;
}

// In words: n8n would swap a message holding a known code (ECONNRESET, ...) for its generic text,
// which tells the user to retry at once, wrong after a POST that may have been processed.
function networkError(node: INode, result: { code: string; sent: boolean }, request: LibreDeskRequest, mayRepeat: boolean, policy: RequestPolicy): NodeApiError {
	return networkFailure(node, {
		service: 'LibreDesk',
		code: result.code === 'UNKNOWN' ? undefined : result.code,
		mayHaveBeenProcessed: result.sent && request.method !== 'GET',
		safeToResend: mayRepeat,
		checkWhat: 'the Server URL in the LibreDesk credential',
		timeoutMs: policy.timeoutMs,
		itemIndex: request.itemIndex,
	});
}

// ---------------------------------------------------------------------------------------------
// Lists (§3)
// ---------------------------------------------------------------------------------------------

/** 100 works on every release (§3 "Older servers"); 500 would need the version first (v2.1.0+). */
export const PAGE_SIZE = 100;

export interface ListRequest extends Omit<LibreDeskRequest, 'method' | 'body' | 'form' | 'repeatable' | 'enveloped'> {
	/** Stop once this many items are collected; undefined = all. */
	limit?: number;
	/** At most this many pages are read; undefined = until the list ends. */
	maxPages?: number;
	/** Items per page (default PAGE_SIZE, or the limit when smaller and nothing is filtered out by `keep`). */
	pageSize?: number;
	/**
	 * A filter the node applies to what the server returns (e.g. where LibreDesk's `ilike` matches
	 * more than asked, §8.1); only kept items count towards the limit.
	 */
	keep?: (item: IDataObject) => boolean;
}

function objectsOf(list: unknown[]): IDataObject[] {
	return list.filter((item): item is IDataObject => !!item && typeof item === 'object' && !Array.isArray(item));
}

function notAList(node: INode, request: LibreDeskRequest, what: string, received: unknown): NodeApiError {
	return new NodeApiError(node, { received: Array.isArray(received) ? 'array' : typeof received } as JsonObject, {
		message: `LibreDesk did not return ${what}`,
		description: 'The answer did not have the documented shape. Try again; if it persists, check the Server URL and the LibreDesk release.',
		itemIndex: request.itemIndex,
	});
}

function pageSizeOf(request: ListRequest): number {
	const size = request.pageSize ?? PAGE_SIZE;
	// With a filter, a page the size of the limit may keep fewer items than that: full pages then.
	if (request.keep) return size;
	return request.limit !== undefined && request.limit > 0 ? Math.min(size, request.limit) : size;
}

/**
 * Reads page `page` (1-based) of a list answering with the page object (§3):
 * `{results, total, per_page, total_pages, page}`. A page past the end answers `results: []` and
 * `total: 0`, so a short or empty page ends the list whatever the counts say.
 */
export async function libreDeskPage(context: LibreDeskContext, request: ListRequest, page: number): Promise<Page<IDataObject>> {
	const pageSize = pageSizeOf(request);
	const data = await libreDeskRequest(context, {
		...request,
		method: 'GET',
		qs: { ...request.qs, page, page_size: pageSize },
	});
	if (!data || typeof data !== 'object' || Array.isArray(data)) throw notAList(context.getNode(), { ...request, method: 'GET' }, 'a page of results', data);
	const { results, per_page: perPage, total_pages: totalPages } = data as IDataObject;
	// Go encodes an empty slice as null.
	if (results !== null && results !== undefined && !Array.isArray(results)) throw notAList(context.getNode(), { ...request, method: 'GET' }, 'a page of results', results);
	const items = objectsOf((results as unknown[] | null | undefined) ?? []);
	const size = typeof perPage === 'number' && perPage > 0 ? perPage : pageSize;
	const count = typeof totalPages === 'number' && totalPages > 0 ? totalPages : undefined;
	const more = items.length > 0 && items.length >= size && (count === undefined || page < count);
	return { items, more, pageCount: count, pageSize: size };
}

/**
 * Reads a paged list and stops at whichever comes first: the limit, the last page by `total_pages`,
 * a short page or an empty one. With a page count, pages 2..n are read several at a time through
 * the credential's limiter, in order.
 */
export async function libreDeskList(context: LibreDeskContext, request: ListRequest): Promise<IDataObject[]> {
	// §3 always sends `total_pages`; without it only a short or empty page ends the list, and a server
	// (or proxy) that ignored `page` would send the same full page forever.
	const { items, pagesRead, truncated, uncounted } = await readPages(async (page) => await libreDeskPage(context, request, page), {
		limit: request.limit,
		keep: request.keep,
		parallel: limiterFor(context, CREDENTIAL_TYPE).maxInFlight,
		maxPages: request.maxPages,
		maxPagesWithoutCount: UNCOUNTED_MAX_PAGES,
	});
	if (truncated && uncounted && request.maxPages === undefined && (request.limit === undefined || items.length < request.limit)) {
		throw new NodeOperationError(context.getNode(), `Stopped after reading ${pagesRead} full pages of a list that gave no page count`, {
			itemIndex: request.itemIndex,
			description:
				'LibreDesk did not say how many pages this list has (total_pages), and every page was full, which is also what a server that ignores the page number looks like. Set a Limit, or narrow the list with a filter.',
		});
	}
	return items;
}

/** Pages read at most from a list without `total_pages` (100,000 items at 100 a page). */
export const UNCOUNTED_MAX_PAGES = 1000;

/** A lookup that answers with a plain array (§3: tags, statuses, inboxes, teams, agents, ...). */
export async function libreDeskArray(
	context: LibreDeskContext,
	request: Omit<LibreDeskRequest, 'method' | 'body' | 'form' | 'enveloped'>,
): Promise<IDataObject[]> {
	const data = await libreDeskRequest(context, { ...request, method: 'GET' });
	// Go encodes an empty slice as null.
	if (data === null || data === undefined) return [];
	if (!Array.isArray(data)) throw notAList(context.getNode(), { ...request, method: 'GET' }, 'a list', data);
	return objectsOf(data);
}

// ---------------------------------------------------------------------------------------------
// Server settings and version (§1 "Version check", §9.7, §13)
// ---------------------------------------------------------------------------------------------

export interface ServerSettings {
	/** `app.version`, e.g. `v2.7.0`; undefined when the server does not say. */
	version?: string;
	/** `app.max_file_upload_size` in MB (§7; default 20). */
	maxFileUploadSizeMb?: number;
	/** `app.allowed_file_upload_extensions`, lower-case without dots; `['*']` = any (§7). */
	allowedExtensions?: string[];
}

// One read per node run (the context n8n hands to execute, a picker or a hook), like limiterFor:
// nothing outlives the run, so a server upgraded between runs is seen at the next one.
const settingsOfRun = new WeakMap<object, Promise<ServerSettings>>();

function settingsFrom(data: unknown): ServerSettings {
	const map = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as IDataObject;
	const version = typeof map['app.version'] === 'string' && map['app.version'].trim() !== '' ? map['app.version'].trim() : undefined;
	const size = Number(map['app.max_file_upload_size']);
	const extensions = map['app.allowed_file_upload_extensions'];
	return {
		version,
		maxFileUploadSizeMb: Number.isFinite(size) && size > 0 ? size : undefined,
		allowedExtensions: Array.isArray(extensions)
			? extensions.filter((entry): entry is string => typeof entry === 'string').map((entry) => entry.trim().replace(/^\./, '').toLowerCase())
			: undefined,
	};
}

/** `GET /api/v1/settings/general` (any agent), read at most once per run and only when asked for. */
export async function serverSettings(
	context: LibreDeskContext,
	options: { itemIndex?: number; policy?: RequestPolicy } = {},
): Promise<ServerSettings> {
	let pending = settingsOfRun.get(context);
	if (!pending) {
		pending = libreDeskRequest(context, { method: 'GET', path: ['settings', 'general'], ...options }).then(settingsFrom);
		settingsOfRun.set(context, pending);
		// A failed read is not remembered: the next item may try again.
		pending.catch(() => settingsOfRun.delete(context));
	}
	return await pending;
}

/** `v2.3.1` → [2, 3, 1]; a build without a release tag (e.g. `unknown-version`) → undefined. */
export function parseVersion(version: string | undefined): [number, number, number] | undefined {
	const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version?.trim() ?? '');
	return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** Whether `version` is `release` or newer; undefined when the version is unknown. */
export function versionAtLeast(version: string | undefined, release: string): boolean | undefined {
	const have = parseVersion(version);
	const want = parseVersion(release);
	if (!have || !want) return undefined;
	for (let i = 0; i < 3; i++) if (have[i] !== want[i]) return have[i] > want[i];
	return true;
}

// ---------------------------------------------------------------------------------------------
// Media (§7)
// ---------------------------------------------------------------------------------------------

export interface UploadFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * `POST /api/v1/media`, multipart with the file in part `files` (§7). Resent after a dropped
 * connection: a duplicate upload is an unlinked media row nobody else knows the ID of, the same
 * thing a re-run of the item leaves behind, while a lost large upload would fail the item.
 */
export async function uploadMedia(
	context: LibreDeskContext,
	file: UploadFile,
	options: { itemIndex?: number; policy?: RequestPolicy; inline?: boolean } = {},
): Promise<IDataObject> {
	const form: FormPart[] = [{ name: 'files', filename: file.fileName, contentType: file.mimeType, data: file.data }];
	if (options.inline) form.push({ name: 'inline', value: 'true' });
	const data = await libreDeskRequest(context, {
		method: 'POST',
		path: ['media'],
		form,
		repeatable: true,
		itemIndex: options.itemIndex,
		policy: options.policy,
	});
	if (!data || typeof data !== 'object' || Array.isArray(data) || typeof (data as IDataObject).id !== 'number') {
		throw notAList(context.getNode(), { method: 'POST', path: ['media'], itemIndex: options.itemIndex }, 'the uploaded file\'s media ID', data);
	}
	return data as IDataObject;
}

export interface DownloadedFile {
	data: Buffer;
	mimeType?: string;
	/** From Content-Disposition, when the server sent one. */
	fileName?: string;
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name] ?? response.headers?.[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

function fileNameOf(disposition: string | undefined): string | undefined {
	if (!disposition) return undefined;
	const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// fall through to the plain parameter
		}
	}
	const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
	return plain ? (plain[2] ?? plain[1]).trim() : undefined;
}

function asBuffer(body: unknown): Buffer {
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	return Buffer.alloc(0);
}

/**
 * The bytes of an uploaded file: `GET {server}/uploads/{uuid}` with the credential (§7: the API key
 * needs `messages:read` and access to the conversation). Never the signed `url` of the message,
 * which may point at a misconfigured root URL or at S3. An S3 store answers with a redirect; its
 * Location is fetched without the Authorization header.
 */
export async function downloadUpload(
	context: LibreDeskContext,
	uuid: string,
	options: { itemIndex?: number; policy?: RequestPolicy } = {},
): Promise<DownloadedFile> {
	const node = context.getNode();
	const policy = options.policy ?? DEFAULT_POLICY;
	const target = await targetOf(context, options.itemIndex);
	const url = buildUrl(`${target.root}/uploads`, [uuid]);
	const request: LibreDeskRequest = {
		method: 'GET',
		path: ['uploads', uuid],
		notFound: `no uploaded file with UUID "${uuid}"`,
		permission: 'messages:read',
		conversationAccess: true,
		itemIndex: options.itemIndex,
	};
	const common: IHttpRequestOptions = {
		method: 'GET',
		url,
		encoding: 'arraybuffer',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
		timeout: policy.timeoutMs,
	};
	const limiter = limiterFor(context, CREDENTIAL_TYPE);
	let http500s = 0;
	const response = await sendWithRetries(limiter, policy, async (): Promise<Outcome<IN8nHttpFullResponse>> => {
		const result = await attempt(context, freshCopy(common), target.credentials);
		if (result.kind === 'response' && result.response.statusCode < 400) return { value: result.response };
		const outcome = judge(node, result, request, true, http500s, policy);
		if (result.kind === 'response' && result.response.statusCode === 500) http500s++;
		return outcome as Outcome<IN8nHttpFullResponse>;
	});
	let final = response;
	if (response.statusCode >= 300 && response.statusCode < 400) {
		const location = header(response, 'location');
		let next: URL | undefined;
		try {
			next = location ? new URL(location, url) : undefined;
		} catch {
			next = undefined;
		}
		if (!next || (next.protocol !== 'https:' && next.protocol !== 'http:')) {
			throw apiError(node, response, {}, request);
		}
		const redirectTarget = next.href;
		// Without authentication: a presigned S3 link carries its own signature.
		final = await sendWithRetries(limiter, policy, async (): Promise<Outcome<IN8nHttpFullResponse>> => {
			let result: Attempt;
			try {
				// Built from scratch: no header or `auth` of the authenticated request can come along.
				const answer = (await context.helpers.httpRequest({
					method: 'GET',
					url: redirectTarget,
					encoding: 'arraybuffer',
					json: false,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					timeout: policy.timeoutMs,
				})) as IN8nHttpFullResponse;
				result = { kind: 'response', response: answer };
			} catch (error) {
				const code = networkCode(error) ?? 'UNKNOWN';
				result = { kind: 'network', code, sent: !NOT_SENT_CODES.has(code) };
			}
			if (result.kind === 'response' && result.response.statusCode < 300) return { value: result.response };
			if (result.kind === 'response') {
				return {
					error: new NodeApiError(node, { status: result.response.statusCode } as JsonObject, {
						message: `The file storage LibreDesk redirected to refused the download (HTTP ${result.response.statusCode})`,
						description: 'LibreDesk keeps this file in external storage (e.g. S3) and its link did not work. Try again; if it persists, check the storage settings of LibreDesk.',
						httpCode: String(result.response.statusCode),
						itemIndex: options.itemIndex,
					}),
					retry: result.response.statusCode >= 500,
					serverTrouble: result.response.statusCode >= 500,
				};
			}
			return judge(node, result, request, true, 0, policy) as Outcome<IN8nHttpFullResponse>;
		});
	}
	return {
		data: asBuffer(final.body),
		mimeType: header(final, 'content-type')?.split(';')[0].trim() || undefined,
		fileName: fileNameOf(header(final, 'content-disposition')),
	};
}
