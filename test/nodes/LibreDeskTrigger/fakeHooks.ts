/**
 * Test doubles of the two contexts n8n hands a webhook trigger: IHookFunctions (checkExists, create,
 * delete) and IWebhookFunctions (one delivery). Only what the trigger uses is provided. Requests really
 * go out (Node's fetch, with the Basic auth the `libreDeskApi` credential makes n8n add, §1), so the
 * sandbox sees exactly what n8n would send through the LibreDesk transport.
 */
import type { IDataObject, IHookFunctions, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

export interface LibreDeskCredentials {
	baseUrl: string;
	apiKey: string;
	apiSecret: string;
}

export interface Logged {
	level: 'warn' | 'debug' | 'info' | 'error';
	message: string;
}

function logger(log: Logged[]) {
	const at = (level: Logged['level']) => (message: string) => {
		log.push({ level, message });
	};
	return { warn: at('warn'), debug: at('debug'), info: at('info'), error: at('error') };
}

/** httpRequestWithAuthentication as n8n runs it for the transport's options (text body, full response, no throw on status). */
export function fetchWithLibreDeskAuth(credentials: LibreDeskCredentials | undefined) {
	return async function httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
		if (!credentials) throw new Error('no credentials');
		const url = new URL(options.url);
		for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
			if (value === undefined || value === null) continue;
			for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(one));
		}
		const response = await fetch(url, {
			method: options.method ?? 'GET',
			headers: {
				...(options.headers as Record<string, string>),
				Authorization: `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64')}`,
			},
			body: typeof options.body === 'string' || Buffer.isBuffer(options.body) ? (options.body as string) : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(options.timeout ?? 30_000),
		});
		return { statusCode: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) };
	};
}

const node = {
	id: 'trigger-1',
	name: 'LibreDesk Trigger',
	type: 'CUSTOM.libreDeskTrigger',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: {},
	webhookId: '9f1c1b9e-0d1d-4d55-9b7a-3f3d2e6f0c11',
};

export interface FakeHook {
	context: IHookFunctions;
	/** The node's static data: the same object across calls, as n8n keeps (and saves) it. */
	staticData: IDataObject;
	log: Logged[];
	/** 'manual' = a test run ("Listen for test event"): n8n then registers the test URL. */
	mode: 'trigger' | 'manual';
	parameters: IDataObject;
}

export function fakeHook(options: { credentials?: LibreDeskCredentials; url: string; parameters: IDataObject; staticData?: IDataObject; workflowName?: string }): FakeHook {
	const fake: FakeHook = { staticData: options.staticData ?? {}, log: [], mode: 'trigger', parameters: options.parameters, context: undefined as unknown as IHookFunctions };
	fake.context = {
		getNode: () => node,
		getMode: () => fake.mode,
		getActivationMode: () => 'activate',
		getWorkflow: () => ({ id: 'wf-1', name: options.workflowName ?? 'Support inbox', active: true }),
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('the trigger keeps its webhook in node static data');
			return fake.staticData;
		},
		getNodeWebhookUrl: (name: string) => (name === 'default' ? options.url : undefined),
		getNodeParameter: (name: string, fallback?: unknown) => (name in fake.parameters ? fake.parameters[name] : fallback),
		getCredentials: async (type: string) => {
			if (type !== 'libreDeskApi' || !options.credentials) throw new Error(`no ${type} credential`);
			return { ...options.credentials };
		},
		logger: logger(fake.log),
		helpers: { httpRequestWithAuthentication: fetchWithLibreDeskAuth(options.credentials) },
	} as unknown as IHookFunctions;
	return fake;
}

export interface WrittenResponse {
	status?: number;
	body?: unknown;
}

export interface FakeWebhook {
	context: IWebhookFunctions;
	response: WrittenResponse;
	log: Logged[];
}

/** One delivery: the raw bytes (as n8n's raw-body reader leaves them on `req.rawBody`) and its headers (lower-case names). */
export function fakeWebhook(options: {
	rawBody: Buffer | undefined;
	headers: Record<string, string | string[] | undefined>;
	parameters: IDataObject;
	staticData?: IDataObject;
	/** n8n reads the body on demand: simulate a request whose body was not read yet. */
	lazyBody?: boolean;
}): FakeWebhook {
	const response: WrittenResponse = {};
	const log: Logged[] = [];
	const request: { rawBody?: Buffer; readRawBody?: () => Promise<void> } = options.lazyBody ? {} : { rawBody: options.rawBody };
	if (options.lazyBody) {
		request.readRawBody = async () => {
			request.rawBody = options.rawBody;
		};
	}
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: unknown) {
			response.body = body;
			return res;
		},
	};
	const context = {
		getNode: () => node,
		getMode: () => 'webhook',
		getWorkflowStaticData: () => options.staticData ?? {},
		getNodeParameter: (name: string, fallback?: unknown) => (name in options.parameters ? options.parameters[name] : fallback),
		getRequestObject: () => request,
		getResponseObject: () => res,
		getHeaderData: () => options.headers,
		getBodyData: () => JSON.parse(options.rawBody?.toString() ?? '{}'),
		logger: logger(log),
	} as unknown as IWebhookFunctions;
	return { context, response, log };
}
