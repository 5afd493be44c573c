/** HTTP front: brand resolution, recording, faults, auth, content negotiation, routing and the control endpoints. */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES, createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { type FaultDecision, type FaultInjector, HTML_502, PRE_PROCESS, truncateJson } from '../common/faults.ts';
import { authenticate } from './auth.ts';
import { ApiError, notFound } from './errors.ts';
import { parseQuery, rawQuery } from './query.ts';
import { Router } from './router.ts';
import { apiRoutes } from './routes/index.ts';
import type { SandboxState } from './state.ts';
import type { FaultConfig, RecordedRequest } from './types.ts';

/** A fault for the next matching request(s), whatever the random schedule: for tests that need it exactly there. */
export interface ScriptedFault {
	type: 'drop' | 'drop-after-process';
	/** Only requests with this method (default: any). */
	method?: string;
	/** Only requests whose path ends with this (default: any). */
	pathEndsWith?: string;
	/** How many matching requests get it (default 1). */
	count?: number;
}

export interface SandboxRuntime {
	state: SandboxState;
	faults: FaultInjector;
	requests: RecordedRequest[];
	/** Scripted faults, consumed in order by matching requests before the random ones are drawn. */
	scripted: ScriptedFault[];
	reset(): void;
}

function takeScripted(runtime: SandboxRuntime, method: string, path: string): FaultDecision | undefined {
	const index = runtime.scripted.findIndex(
		(fault) => (fault.method === undefined || fault.method.toUpperCase() === method) && (fault.pathEndsWith === undefined || path.endsWith(fault.pathEndsWith)),
	);
	if (index < 0) return undefined;
	const fault = runtime.scripted[index];
	const left = (fault.count ?? 1) - 1;
	if (left > 0) runtime.scripted[index] = { ...fault, count: left };
	else runtime.scripted.splice(index, 1);
	return { type: fault.type };
}

interface Answer {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

interface ParsedBody {
	value: unknown;
	malformed: boolean;
}

const router = new Router(apiRoutes);

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

/** §1: bodies are JSON with `Content-Type: application/json`; other bodies are kept as text and carry no params. */
function parseBody(raw: string, contentType: string | undefined): ParsedBody {
	if (raw.length === 0) return { value: undefined, malformed: false };
	if (!/json/i.test(contentType ?? '')) return { value: raw, malformed: false };
	try {
		return { value: JSON.parse(raw), malformed: false };
	} catch {
		return { value: raw, malformed: true };
	}
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers)) if (value !== undefined) out[key] = Array.isArray(value) ? value.join(', ') : value;
	return out;
}

interface Target {
	brand: string;
	segments: string[];
	jsonSuffix: boolean;
}

/**
 * The brand comes from the path (`/{brand}/api/v1/...`, what the node's API Base URL points at) or, for
 * `/api/v1/...`, from the first label of the Host header as on `{brand}.reamaze.io` (§1). A `.json` suffix on the
 * resource stands in for the Accept header (§6.17).
 */
function resolveTarget(pathname: string, host: string | undefined): Target | undefined {
	let parts: string[];
	try {
		parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
	} catch {
		return undefined;
	}
	let brand: string | undefined;
	let segments: string[];
	if (parts[0] === 'api' && parts[1] === 'v1') {
		const hostname = (host ?? '').replace(/:\d+$/, '');
		brand = /^(localhost|\d+\.\d+\.\d+\.\d+|\[.*\])$/.test(hostname) ? undefined : hostname.split('.')[0];
		segments = parts.slice(2);
	} else if (parts[1] === 'api' && parts[2] === 'v1') {
		brand = parts[0];
		segments = parts.slice(3);
	} else return undefined;
	if (!brand || segments.length === 0) return undefined;
	const last = segments[segments.length - 1];
	const jsonSuffix = last.endsWith('.json') && last.length > '.json'.length;
	if (jsonSuffix) segments[segments.length - 1] = last.slice(0, -'.json'.length);
	return { brand: brand.toLowerCase(), segments, jsonSuffix };
}

function processApi(state: SandboxState, method: string, url: URL, headers: IncomingHttpHeaders, body: ParsedBody): Answer {
	try {
		const target = resolveTarget(url.pathname, headers.host);
		if (!target) throw notFound('No route matches this path; use /{brand}/api/v1/... or a {brand}.* host with /api/v1/...');
		// The Ruby gem documents an invalid brand as a 404.
		const brand = state.brand(target.brand);
		if (!brand) throw notFound(`Brand not found: ${target.brand}`);
		const actor = authenticate(state, headers.authorization);
		// §1: "Send Accept: application/json, or add .json to the resource URL."
		if (!target.jsonSuffix && !/application\/json/i.test(headers.accept ?? '')) {
			throw new ApiError(406, { error: 'Send Accept: application/json or add .json to the resource path' });
		}
		if (body.malformed) throw new ApiError(400, { error: 'The request body is not valid JSON' });
		const match = router.match(method, target.segments);
		if (!match) throw notFound(`No route matches ${method} /api/v1/${target.segments.join('/')}`);
		const query = parseQuery(url.searchParams, state.listOrder === 'reversed');
		const result = match.handler({ state, brand, actor, params: match.params, query, body: body.value });
		return { status: 200, body: result };
	} catch (error) {
		if (error instanceof ApiError) return { status: error.status, body: error.body, headers: error.headers };
		return { status: 500, body: { error: error instanceof Error ? error.message : String(error) } };
	}
}

function send(res: ServerResponse, status: number, text: string, contentType: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, { 'content-type': contentType, 'x-request-id': randomUUID(), ...headers });
	res.end(text);
}

const JSON_TYPE = 'application/json; charset=utf-8';

function sendPreFault(res: ServerResponse, fault: FaultDecision): void {
	if (fault.type === 'drop') res.socket?.destroy();
	else if (fault.type === 'html-error') send(res, 502, HTML_502, 'text/html; charset=utf-8');
	else if (fault.type === 'rate-limit') {
		send(res, 429, JSON.stringify({ error: STATUS_CODES[429] }), JSON_TYPE, fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter });
	} else send(res, fault.status ?? 500, JSON.stringify({ error: STATUS_CODES[fault.status ?? 500] }), JSON_TYPE);
}

/** `/__sandbox/*`: not part of the API, not recorded, never faulted, no auth (the sandbox only listens locally). */
function control(runtime: SandboxRuntime, method: string, path: string, raw: string, res: ServerResponse): void {
	const reply = (status: number, body: unknown) => send(res, status, JSON.stringify(body), JSON_TYPE);
	const summary = () => ({
		...runtime.state.summary(),
		faults: runtime.faults.config,
		requests: runtime.requests.length,
		faultLog: runtime.faults.log.length,
	});
	if (method === 'POST' && path === '/__sandbox/faults') {
		try {
			const config = raw.trim() === '' ? undefined : (JSON.parse(raw) as FaultConfig | null);
			runtime.faults.configure(config ?? undefined);
			return reply(200, { faults: runtime.faults.config });
		} catch (error) {
			return reply(400, { error: error instanceof Error ? error.message : String(error) });
		}
	}
	if (method === 'GET' && path === '/__sandbox/faults') return reply(200, { faults: runtime.faults.config, log: runtime.faults.log });
	if (method === 'GET' && path === '/__sandbox/state') return reply(200, summary());
	if (method === 'POST' && path === '/__sandbox/reset') {
		runtime.reset();
		return reply(200, summary());
	}
	reply(404, { error: `Unknown control endpoint: ${method} ${path}` });
}

async function handle(runtime: SandboxRuntime, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const raw = await readBody(req);
	const method = (req.method ?? 'GET').toUpperCase();
	const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
	if (url.pathname.startsWith('/__sandbox/')) return control(runtime, method, url.pathname, raw, res);

	const body = parseBody(raw, req.headers['content-type']);
	const record: RecordedRequest = { method, path: url.pathname, query: rawQuery(url.searchParams), headers: flatHeaders(req.headers), body: body.value, status: 0 };
	runtime.requests.push(record);

	const delay = runtime.faults.delayMs(method);
	if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));

	const fault = takeScripted(runtime, method, url.pathname) ?? runtime.faults.decide(method);
	if (fault && PRE_PROCESS.includes(fault.type)) {
		runtime.faults.record(fault, method, url.pathname);
		record.fault = fault.type;
		record.status = fault.status ?? 0;
		return sendPreFault(res, fault);
	}

	// Counted before and after: a list read while this request is processed is never cached as current.
	if (method !== 'GET') runtime.state.noteWrite();
	const answer = processApi(runtime.state, method, url, req.headers, body);
	if (method !== 'GET') runtime.state.noteWrite();
	const text = JSON.stringify(answer.body);
	if (fault?.type === 'drop-after-process' || (fault?.type === 'malformed-json' && answer.status < 300)) {
		runtime.faults.record(fault, method, url.pathname);
		record.fault = fault.type;
		if (fault.type === 'drop-after-process') return void res.socket?.destroy();
		record.status = answer.status;
		return send(res, answer.status, truncateJson(text), JSON_TYPE);
	}
	record.status = answer.status;
	send(res, answer.status, text, JSON_TYPE, answer.headers);
}

export function createSandboxServer(runtime: SandboxRuntime): Server {
	return createServer((req, res) => {
		handle(runtime, req, res).catch((error: unknown) => {
			if (!res.headersSent) send(res, 500, JSON.stringify({ error: String(error) }), JSON_TYPE);
		});
	});
}
