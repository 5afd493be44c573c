import {
	type ICredentialsDecrypted,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type INode,
	type IPollFunctions,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { credentialsFor, decryptedFor } from '../shared/credentials';
import { limiterFor } from '../shared/limiter';
import { networkFailure } from '../shared/networkFailure';
import { DEFAULT_POLICY, type RequestPolicy } from '../shared/options';
import { readPages } from '../shared/paging';
import { type GiveUpReason, networkCode, NOT_SENT_CODES, type Outcome, parseRetryAfter, sendWithRetries } from '../shared/retry';
import { resolveBaseUrl } from './helpers/baseUrl';
import { rateLimitAdvice, runBudgetNote } from './helpers/retryAdvice';

export type ReamazeContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'reamazeApi';

export interface ReamazeRequest {
	method: IHttpRequestMethods;
	/** Path segments below the API base; each is percent-encoded here, so an ID can never add a segment. */
	path: string[];
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Whether sending this request twice has the same effect as once. Default: GET, PUT and
	 * DELETE are, POST is not. A POST may vouch for it (a message with an origin_id, which
	 * Re:amaze deduplicates); a PUT that adds something (contact notes) must deny it. A request
	 * that is not repeatable is resent only when the connection failed before anything was sent.
	 */
	repeatable?: boolean;
	/** What a 404 means for this call, in the user's words ("no conversation with slug x"). */
	notFound?: string;
	/** What a 403 most likely means for this call: the role permission it needs (§5, §2.12). */
	forbidden?: string;
	/** Advice after a failed write that may have been processed, when re-running is safe (deduplicated creates). */
	afterProcessingAdvice?: string;
	itemIndex?: number;
	policy?: RequestPolicy;
}

type Attempt =
	| { kind: 'response'; response: IN8nHttpFullResponse }
	| { kind: 'network'; code: string; sent: boolean };

export function buildUrl(baseUrl: string, path: string[]): string {
	return `${baseUrl}/${path.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

async function attempt(context: ReamazeContext, options: IHttpRequestOptions, credentials: ICredentialsDecrypted): Promise<Attempt> {
	try {
		// n8n's authentication writes the credential into the options it is given: each attempt
		// gets its own copy, so nothing authenticated is reused.
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_TYPE,
			{ ...options, headers: { ...options.headers }, qs: options.qs ? { ...options.qs } : undefined },
			{ credentialsDecrypted: credentials },
		)) as IN8nHttpFullResponse;
		return { kind: 'response', response };
	} catch (error) {
		const code = networkCode(error) ?? 'UNKNOWN';
		return { kind: 'network', code, sent: !NOT_SENT_CODES.has(code) };
	}
}

/**
 * Sends one request to Re:amaze and returns the parsed JSON body.
 * The only place that knows URLs, headers, status codes and retries.
 */
export async function reamazeRequest(context: ReamazeContext, request: ReamazeRequest): Promise<unknown> {
	const node = context.getNode();
	const policy = request.policy ?? DEFAULT_POLICY;
	const credentials = await credentialsFor(context, CREDENTIAL_TYPE, request.itemIndex);
	const base = resolveBaseUrl(credentials);
	if (!base.ok) {
		throw new NodeOperationError(node, `Re:amaze credential: ${base.field} ${base.problem}`, {
			itemIndex: request.itemIndex,
			description: 'Open the Re:amaze credential and correct this field.',
		});
	}

	const options: IHttpRequestOptions = {
		method: request.method,
		url: buildUrl(base.url, request.path),
		qs: request.qs,
		headers: { Accept: 'application/json' },
		// Parsed here, so an HTML error page or a cut-off body becomes a clear error, not a TypeError.
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		// A redirect could carry the Authorization header to another host; Re:amaze never needs one.
		disableFollowRedirect: true,
		timeout: policy.timeoutMs,
	};
	if (request.body !== undefined) {
		options.body = JSON.stringify(request.body);
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	}

	const mayRepeat = request.repeatable ?? request.method !== 'POST';
	const decrypted = decryptedFor(node, CREDENTIAL_TYPE, credentials);
	return await sendWithRetries(limiterFor(context, CREDENTIAL_TYPE), policy, async () =>
		judge(node, await attempt(context, options, decrypted), request, mayRepeat, policy),
	);
}

/** Where a request went, for log lines: method, resource and item, never IDs or emails from the path. */
function whereOf(request: ReamazeRequest): string {
	return `${request.method} ${request.path[0] ?? ''}${request.itemIndex === undefined ? '' : `, item ${request.itemIndex}`}`;
}

/** What one attempt means: a result, or an error and whether sending again is safe. */
function judge(node: INode, result: Attempt, request: ReamazeRequest, mayRepeat: boolean, policy: RequestPolicy): Outcome<unknown> {
	if (result.kind === 'network') {
		// After a reset or a timeout the request may already have been processed; an error
		// without a network code is not a transient fault and is never retried.
		const safe = result.code !== 'UNKNOWN' && (!result.sent || mayRepeat);
		const error = networkError(node, result, request, mayRepeat, policy);
		return {
			error,
			retry: safe,
			serverTrouble: true,
			reason: `a network failure (${result.code}) talking to Re:amaze (${whereOf(request)})`,
			onGiveUp: noteRunBudget(error, policy),
		};
	}
	const { statusCode } = result.response;
	if (statusCode < 300) {
		const parsed = parseBody(node, result.response, request);
		// A cut-off or garbled success answer was processed: only a repeatable request is sent again.
		return parsed instanceof NodeApiError
			? {
					error: parsed,
					retry: mayRepeat,
					reason: `an unreadable answer from Re:amaze (${whereOf(request)})`,
					onGiveUp: noteRunBudget(parsed, policy),
				}
			: { value: parsed };
	}
	const error = apiError(node, result.response, request);
	const reason = `HTTP ${statusCode} from Re:amaze (${whereOf(request)})`;
	if (statusCode === 429) {
		// Refused, not processed: safe to resend whatever the method.
		return {
			error,
			retry: true,
			throttled: true,
			retryAfterMs: parseRetryAfter(result.response.headers?.['retry-after']),
			reason: `${reason}, rate limited`,
			onGiveUp: (why) => {
				error.description = rateLimitAdvice(why, policy);
			},
		};
	}
	return {
		error,
		retry: statusCode >= 500 && mayRepeat,
		serverTrouble: statusCode >= 500,
		reason,
		onGiveUp: noteRunBudget(error, policy),
	};
}

/** The run's wait budget, not the request's, ended the retries: the error says so. */
function noteRunBudget(error: NodeApiError, policy: RequestPolicy): (why: GiveUpReason) => void {
	return (why) => {
		if (why === 'run-budget') error.description = `${error.description ?? ''}${runBudgetNote(policy)}`.trim();
	};
}

/** The parsed JSON of a success answer, or the error that explains why it cannot be read. */
function parseBody(node: INode, response: IN8nHttpFullResponse, request: ReamazeRequest): unknown {
	const raw = response.body;
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') {
		// DELETE answers may be empty; for anything else an empty 2xx is a broken answer.
		if (request.method === 'DELETE') return {};
		return malformed(node, response, request, 'an empty response');
	}
	try {
		return JSON.parse(raw);
	} catch {
		return malformed(node, response, request, looksLikeHtml(raw) ? 'an HTML page instead of JSON' : 'a response that is not valid JSON');
	}
}

function looksLikeHtml(raw: string): boolean {
	return /^\s*</.test(raw);
}

function malformed(node: INode, response: IN8nHttpFullResponse, request: ReamazeRequest, what: string): NodeApiError {
	return new NodeApiError(node, { status: response.statusCode } as JsonObject, {
		message: `Re:amaze sent ${what} (HTTP ${response.statusCode})`,
		description:
			'The API answered in a form the node cannot read. This is usually a temporary fault of Re:amaze or of a proxy in between; try again later. If you set an API Base URL in the credential, check that it points at the Re:amaze API.',
		httpCode: String(response.statusCode),
		itemIndex: request.itemIndex,
	});
}

/** The API's own explanation from a 422: `{"errors": {field: [..]}}`, `{"error": ".."}` or plain text. */
export function explainRefusal(body: unknown): string | undefined {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return looksLikeHtml(body) || body.trim() === '' ? undefined : body.trim().slice(0, 500);
		}
	}
	if (!parsed || typeof parsed !== 'object') return undefined;
	const { errors, error, message } = parsed as { errors?: unknown; error?: unknown; message?: unknown };
	const parts: string[] = [];
	if (typeof error === 'string') parts.push(error);
	if (typeof message === 'string') parts.push(message);
	if (Array.isArray(errors)) parts.push(...errors.map(String));
	else if (typeof errors === 'string') parts.push(errors);
	else if (errors && typeof errors === 'object') {
		for (const [field, messages] of Object.entries(errors)) {
			const list = Array.isArray(messages) ? messages.map(String).join(', ') : String(messages);
			parts.push(field === 'base' ? list : `${field} ${list}`);
		}
	}
	return parts.length > 0 ? parts.join('; ') : undefined;
}

function apiError(node: INode, response: IN8nHttpFullResponse, request: ReamazeRequest): NodeApiError {
	const status = response.statusCode;
	let message: string;
	let description: string;
	if (status === 401 || status === 403) {
		message =
			status === 401
				? 'Re:amaze did not accept the credentials (HTTP 401)'
				: `Re:amaze refused access (HTTP 403)${request.forbidden ? `: ${request.forbidden}` : ''}`;
		description =
			status === 403 && request.forbidden
				? // Re:amaze answers 403 both for a missing role permission and, per the Ruby gem, for bad credentials (§5).
					'The API acts as the user of the Re:amaze credential, so ask a Re:amaze admin to grant that permission to the user\'s role, or use the login email and API token of a user who has it. If the user already has it, check the login email and API token in the credential.'
				: 'Check the login email and API token in the Re:amaze credential. The API acts as that user, so their role must also allow this action (satisfaction ratings and reports need the "access reports" permission).';
	} else if (status === 404) {
		message = `Not found (HTTP 404): ${request.notFound ?? 'the requested Re:amaze resource does not exist'}`;
		description = 'Check the identifier. Re:amaze also answers 404 when the brand in the credential does not exist.';
	} else if (status === 422) {
		const explanation = explainRefusal(response.body);
		message = `Re:amaze refused the request (HTTP 422)${explanation ? `: ${explanation}` : ''}`;
		description = explanation
			? 'Re:amaze explained the problem above; correct the field it names and run again.'
			: 'Re:amaze gave no explanation. Check channel slugs, staff emails and required fields.';
	} else if (status === 429) {
		message = 'Re:amaze rate limit reached (HTTP 429)';
		// Replaced by the advice for the budget that ran out once the node stops retrying.
		description = rateLimitAdvice(undefined, request.policy ?? DEFAULT_POLICY);
	} else if (status >= 500) {
		message = `Re:amaze had a server error (HTTP ${status})`;
		description = 'This is a fault on Re:amaze\'s side. Try again later.';
	} else if (status >= 300 && status < 400) {
		message = `Re:amaze answered with a redirect (HTTP ${status}), which the node does not follow`;
		description = 'Following it could send the API token to another address. Check the brand or API Base URL in the credential.';
	} else {
		message = `Re:amaze answered HTTP ${status}`;
		description = explainRefusal(response.body) ?? 'Unexpected answer from Re:amaze.';
	}
	// Only the status and the API's own body are kept: never the request options, which hold the token.
	const errorResponse: JsonObject = { status, body: safeBody(response.body) };
	return new NodeApiError(node, errorResponse, { message, description, httpCode: String(status), itemIndex: request.itemIndex });
}

function safeBody(body: unknown): string {
	const textBody = typeof body === 'string' ? body : JSON.stringify(body ?? '');
	return textBody.length > 2000 ? `${textBody.slice(0, 2000)}...` : textBody;
}

function networkError(node: INode, result: { code: string; sent: boolean }, request: ReamazeRequest, mayRepeat: boolean, policy: RequestPolicy): NodeApiError {
	return networkFailure(node, {
		service: 'Re:amaze',
		code: result.code === 'UNKNOWN' ? undefined : result.code,
		mayHaveBeenProcessed: result.sent && request.method !== 'GET',
		safeToResend: mayRepeat,
		checkWhat: 'the brand or API Base URL in the Re:amaze credential',
		timeoutMs: policy.timeoutMs,
		afterProcessingAdvice: request.afterProcessingAdvice,
		itemIndex: request.itemIndex,
	});
}

export const PAGE_SIZE = 30;

export interface ListRequest extends Omit<ReamazeRequest, 'method' | 'body' | 'repeatable'> {
	/**
	 * Where the list sits in the answer: the envelope key (`conversations`, `channels`, ...) or
	 * undefined for endpoints that answer with a bare array (notes, incidents). See §4.
	 */
	itemsKey?: string;
	/**
	 * Also accept a bare array where `itemsKey` names the envelope: for endpoints whose shape is
	 * uncertain (incidents: a bare array per the Go model, §2.13 and §4), so both readings work.
	 */
	orBareArray?: boolean;
	/** Whether the endpoint takes `page`; one request is made for those that do not (channels). */
	paged: boolean;
	/** Stop once this many items are collected; undefined = all. */
	limit?: number;
	/** Client-side filter applied before counting towards the limit. */
	keep?: (item: IDataObject) => boolean;
	/**
	 * At most this many pages are read; undefined = until the list ends, or SCAN_MAX_PAGES with
	 * `keep` (a filter the API cannot apply could otherwise read a whole account for a few matches).
	 */
	maxPages?: number;
	/** With `keep`: what the user calls the filter and the items, and what narrows the list, for the message when the budget ends the scan. */
	scan?: { filter: string; items: string; advice: string };
}

/** Pages a scan with a client-side filter reads at most unless told otherwise (3,000 items, §4). */
export const SCAN_MAX_PAGES = 100;

function listOf(node: INode, body: unknown, request: ListRequest): IDataObject[] {
	const bare = request.itemsKey === undefined || (request.orBareArray === true && Array.isArray(body));
	const list = bare ? body : (body as IDataObject | null)?.[request.itemsKey as string];
	if (Array.isArray(list)) return list.filter((item): item is IDataObject => !!item && typeof item === 'object');
	throw new NodeApiError(node, { received: Array.isArray(body) ? 'array' : typeof body } as JsonObject, {
		message: `Re:amaze did not return a list${request.itemsKey ? ` of ${request.itemsKey}` : ''}`,
		description: 'The answer did not have the documented shape. Try again; if it persists, the API may have changed.',
		itemIndex: request.itemIndex,
	});
}

export interface ListPage {
	items: IDataObject[];
	/** Whether a further page may hold items: false after a short, empty or last page (by `page_count`). */
	more: boolean;
	/** `page_count` when the API sent one. */
	pageCount?: number;
	/** `total_count` when the API sent one. */
	totalCount?: number;
	pageSize: number;
}

/**
 * Reads page `page` (1-based, 30 per page, §4) of a list. For callers that decide page by page
 * when to stop (pickers, the trigger); `reamazeList` is the loop for everything else.
 */
export async function reamazePage(context: ReamazeContext, request: ListRequest, page: number): Promise<ListPage> {
	const body = await reamazeRequest(context, {
		...request,
		method: 'GET',
		qs: request.paged ? { ...request.qs, page } : request.qs,
	});
	const items = listOf(context.getNode(), body, request);
	const envelope = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as IDataObject;
	const pageSize = typeof envelope.page_size === 'number' && envelope.page_size > 0 ? envelope.page_size : PAGE_SIZE;
	const pageCount = typeof envelope.page_count === 'number' ? envelope.page_count : undefined;
	const totalCount = typeof envelope.total_count === 'number' ? envelope.total_count : undefined;
	// A page is full at exactly the page size (30, §4); more items than that is an endpoint that does
	// not page and sent the whole list (incidents, §2.13), so asking for page 2 would only repeat it.
	const more =
		request.paged && items.length > 0 && items.length === pageSize && (pageCount === undefined || page < pageCount);
	return { items, more, pageCount, totalCount, pageSize };
}

/**
 * Reads a list (`page` from 1, 30 per page, §4) and stops at whichever comes first: the limit, the
 * last page by `page_count`, a short page, or an empty page. One integration saw a full page followed
 * by an empty one and counts that leave out items, so the count alone is not trusted. With a
 * `page_count`, pages 2..n are read several at a time through the credential's limiter.
 */
export async function reamazeList(context: ReamazeContext, request: ListRequest): Promise<IDataObject[]> {
	// A list with a page count ends by it. Without one (§4: response templates send none) only a short
	// or empty page ends it, so it is read at most SCAN_MAX_PAGES pages.
	const { items, pagesRead, truncated, uncounted } = await readPages(async (page) => await reamazePage(context, request, page), {
		limit: request.limit,
		keep: request.keep,
		parallel: limiterFor(context, CREDENTIAL_TYPE).maxInFlight,
		maxPages: request.maxPages ?? (request.keep ? SCAN_MAX_PAGES : undefined),
		maxPagesWithoutCount: SCAN_MAX_PAGES,
	});
	if (truncated && (request.limit === undefined || items.length < request.limit)) {
		if (request.keep) throw scanBudgetError(context.getNode(), request, items.length, pagesRead);
		if (uncounted) throw endlessListError(context.getNode(), request, pagesRead);
	}
	return items;
}

function endlessListError(node: INode, request: ListRequest, pagesRead: number): NodeOperationError {
	return new NodeOperationError(
		node,
		`Stopped after reading ${pagesRead} full pages (${(pagesRead * PAGE_SIZE).toLocaleString('en-US')} items) of a list that gave no page count`,
		{
			itemIndex: request.itemIndex,
			description:
				'Re:amaze did not say how many pages this list has, and every page was full, which is also what an API that ignores the page number looks like. Set a Limit, or narrow the list with a filter.',
		},
	);
}

/** The page budget ended a filtered scan before the limit was reached: the partial result would pass for a complete one. */
function scanBudgetError(node: INode, request: ListRequest, found: number, pagesRead: number): NodeOperationError {
	const scan = request.scan ?? { filter: 'the node\'s own filter', items: 'items', advice: 'Narrow the list with filters Re:amaze applies itself.' };
	const read = `Stopped after reading ${pagesRead} pages (${(pagesRead * PAGE_SIZE).toLocaleString('en-US')} ${scan.items})`;
	const outcome =
		request.limit === undefined
			? `${found} matched ${scan.filter} and the list goes on`
			: `${found} of the ${request.limit} ${scan.items} asked for matched ${scan.filter}`;
	return new NodeOperationError(node, `${read}: ${outcome}`, { itemIndex: request.itemIndex, description: scan.advice });
}
