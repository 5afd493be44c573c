/** HTTP front: recording, faults, routing (404/405), auth and permissions (§1.1), the envelope (§2), control endpoints. */
import { STATUS_CODES, createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type FaultDecision, type FaultInjector, HTML_502, PRE_PROCESS, truncateJson } from '../common/faults.ts';
import { flatHeaders, queryRecord, readRawBody } from '../common/http.ts';
import type { Router } from '../common/router.ts';
import { authenticate } from './auth.ts';
import { type Ctx, Raw, type RouteDef, type Runtime } from './context.ts';
import { handleControl } from './control.ts';
import type { RequestBody } from './decode.ts';
import { ApiError, denied, MSG } from './errors.ts';
import { goJson } from './json.ts';
import { boundaryOf, parseMultipart } from './multipart.ts';
import type { MultipartPart, RecordedRequest, User } from './types.ts';

export interface ServerRuntime extends Runtime {
	faults: FaultInjector;
	requests: RecordedRequest[];
	router: Router<RouteDef>;
	reset(): void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

interface Answer {
	status: number;
	body: Buffer | string;
	headers: Record<string, string>;
	json: boolean;
}

const envelope = (data: unknown): Answer => ({ status: 200, body: goJson({ status: 'success', data }), headers: { 'content-type': JSON_TYPE }, json: true });
const errorAnswer = (error: ApiError): Answer => ({ status: error.status, body: goJson(error.body), headers: { 'content-type': JSON_TYPE }, json: true });

function requestBody(raw: Buffer, contentType: string): RequestBody {
	const isJson = /json/i.test(contentType);
	let json: unknown;
	let jsonError = false;
	if (isJson) {
		try {
			json = JSON.parse(raw.toString('utf8'));
		} catch {
			jsonError = true;
		}
	}
	return { raw, contentType, isJson, json, jsonError };
}

function multipartOf(raw: Buffer, contentType: string): MultipartPart[] | undefined {
	const boundary = boundaryOf(contentType);
	return boundary ? parseMultipart(raw, boundary) : undefined;
}

/** The user unauthenticated routes run as (never exposed). */
function anonymous(runtime: Runtime): User {
	return runtime.state.users.find((u) => u.type === 'system') ?? ({ id: 0, roles: [], teamIds: [] } as unknown as User);
}

async function processApi(runtime: ServerRuntime, method: string, url: URL, headers: Record<string, string>, raw: Buffer, parts: MultipartPart[] | undefined): Promise<Answer> {
	try {
		const match = runtime.router.match(method, url.pathname);
		if (match.kind === 'not-found') throw new ApiError(404, MSG.routeNotFound, 'GeneralException');
		if (match.kind === 'method-not-allowed') throw new ApiError(405, MSG.methodNotAllowed, 'GeneralException');
		const def = match.handler;
		let actor = anonymous(runtime);
		let permissions: string[] = [];
		if (def.access !== 'none' && def.access !== 'signed') {
			actor = authenticate(runtime.state, method, headers);
			permissions = runtime.state.permissionsOf(actor);
			if (def.access !== 'auth' && !permissions.includes(def.access)) throw denied();
		}
		const ctx: Ctx = {
			state: runtime.state,
			runtime,
			method,
			params: Object.fromEntries(Object.entries(match.params).map(([k, v]) => [k, safeDecode(v)])),
			query: url.searchParams,
			headers,
			body: requestBody(raw, headers['content-type'] ?? ''),
			parts,
			actor,
			permissions,
		};
		const result = await def.handler(ctx);
		if (result instanceof Raw) return { status: result.status, body: result.body, headers: result.headers, json: /json/.test(result.headers['content-type'] ?? '') };
		return envelope(result);
	} catch (error) {
		if (error instanceof ApiError) return errorAnswer(error);
		// An unexpected failure is the sandbox's bug; answer like a Go handler that hit an error.
		console.error('[libredesk-sandbox]', error);
		return errorAnswer(new ApiError(500, MSG.somethingWrong, 'GeneralException'));
	}
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function send(res: ServerResponse, status: number, body: Buffer | string, headers: Record<string, string>): void {
	res.writeHead(status, headers);
	res.end(body);
}

function sendPreFault(res: ServerResponse, fault: FaultDecision): void {
	if (fault.type === 'drop') return void res.socket?.destroy();
	if (fault.type === 'html-error') return send(res, 502, HTML_502, { 'content-type': 'text/html; charset=utf-8' });
	if (fault.type === 'rate-limit') {
		const headers: Record<string, string> = { 'content-type': JSON_TYPE };
		if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
		return send(res, 429, goJson({ status: 'error', message: 'Too many requests', data: null, error_type: 'RateLimitException' }), headers);
	}
	const status = fault.status ?? 500;
	send(res, status, goJson({ status: 'error', message: STATUS_CODES[status] ?? MSG.somethingWrong, data: null, error_type: 'GeneralException' }), { 'content-type': JSON_TYPE });
}

async function handle(runtime: ServerRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const raw = await readRawBody(req);
	const method = (req.method ?? 'GET').toUpperCase();
	const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
	if (url.pathname.startsWith('/__sandbox/')) return handleControl(runtime, method, url, raw, res);

	const headers = flatHeaders(req.headers);
	const contentType = headers['content-type'] ?? '';
	const parts = multipartOf(raw, contentType);
	const record: RecordedRequest = {
		method,
		path: url.pathname,
		queryString: url.search.replace(/^\?/, ''),
		query: queryRecord(url.searchParams),
		headers,
		rawBody: raw,
		bodyText: raw.toString('utf8'),
		body: undefined,
		status: 0,
	};
	if (/json/i.test(contentType)) {
		try {
			record.body = JSON.parse(record.bodyText);
		} catch {
			record.body = undefined;
		}
	}
	if (parts) record.parts = parts;
	runtime.requests.push(record);

	const delay = runtime.faults.delayMs(method);
	if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
	const fault = runtime.faults.decide(method);
	if (fault && PRE_PROCESS.includes(fault.type)) {
		runtime.faults.record(fault, method, url.pathname);
		record.fault = fault.type;
		record.status = fault.type === 'drop' ? 0 : (fault.status ?? 0);
		return sendPreFault(res, fault);
	}

	// Counted before and after: a list read while this request is processed is never kept as current.
	if (method !== 'GET') runtime.state.noteWrite();
	const answer = await processApi(runtime, method, url, headers, raw, parts);
	if (method !== 'GET') runtime.state.noteWrite();
	if (fault?.type === 'drop-after-process' || (fault?.type === 'malformed-json' && answer.status < 300 && answer.json)) {
		runtime.faults.record(fault, method, url.pathname);
		record.fault = fault.type;
		if (fault.type === 'drop-after-process') return void res.socket?.destroy();
		record.status = answer.status;
		return send(res, answer.status, truncateJson(answer.body.toString()), answer.headers);
	}
	record.status = answer.status;
	send(res, answer.status, answer.body, answer.headers);
}

export function createLibreDeskServer(runtime: ServerRuntime): Server {
	return createServer((req, res) => {
		handle(runtime, req, res).catch((error: unknown) => {
			console.error('[libredesk-sandbox]', error);
			if (!res.headersSent) send(res, 500, goJson({ status: 'error', message: MSG.somethingWrong, data: null, error_type: 'GeneralException' }), { 'content-type': JSON_TYPE });
		});
	});
}
