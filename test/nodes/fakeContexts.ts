/**
 * Test doubles of the n8n contexts that pickers and the poll trigger run in. n8n-core has no public
 * harness for `poll` or `loadOptions`, so these provide just what the node code uses:
 * getNode, getNodeParameter, getCredentials, getMode, getWorkflowStaticData and
 * helpers.httpRequestWithAuthentication, which here sends a real HTTP request with Node's fetch
 * and the credential's Basic auth (what the credential type's `authenticate` block makes n8n do).
 * Because the request really goes out, nock or the sandbox see exactly what n8n would send.
 */
import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';

export interface TestCredentials {
	brand: string;
	email: string;
	apiToken: string;
	baseUrl?: string;
}

export interface HttpCall {
	method: string;
	url: string;
}

/** httpRequestWithAuthentication with `returnFullResponse`, `encoding: 'text'`, `ignoreHttpStatusErrors` as transport asks. */
export function fetchWithBasicAuth(credentials: TestCredentials, calls: HttpCall[] = [], before?: (call: HttpCall, index: number) => void | Promise<void>) {
	return async function httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
		const url = new URL(options.url);
		for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
			if (value !== undefined && value !== null) url.searchParams.append(key, String(value));
		}
		const call = { method: options.method ?? 'GET', url: url.toString() };
		await before?.(call, calls.length);
		calls.push(call);
		const response = await fetch(url, {
			method: call.method,
			headers: {
				...(options.headers as Record<string, string>),
				Authorization: `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`,
			},
			body: typeof options.body === 'string' ? options.body : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(options.timeout ?? 30_000),
		});
		return { statusCode: response.status, body: await response.text(), headers: Object.fromEntries(response.headers) };
	};
}

const node = { id: 'node-1', name: 'Re:amaze', type: 'CUSTOM.reamaze', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

export function fakeLoadOptions(credentials: TestCredentials, calls: HttpCall[] = []): ILoadOptionsFunctions {
	return {
		getNode: () => node,
		getCredentials: async () => ({ ...credentials }),
		getNodeParameter: (_name: string, fallback?: unknown) => fallback,
		helpers: { httpRequestWithAuthentication: fetchWithBasicAuth(credentials, calls) },
	} as unknown as ILoadOptionsFunctions;
}

export interface FakePoll {
	context: IPollFunctions;
	calls: HttpCall[];
	/** The node's static data: the same object on every poll, as n8n keeps it between polls. */
	staticData: IDataObject;
	mode: 'trigger' | 'manual';
	/** Runs before each HTTP request (index = requests so far): tests change the sandbox mid-poll with it. */
	before?: (call: HttpCall, index: number) => void | Promise<void>;
}

/** A poll context whose parameters, mode, static data and mid-poll events the test controls. */
export function fakePoll(credentials: TestCredentials, parameters: IDataObject): FakePoll {
	const calls: HttpCall[] = [];
	const fake: FakePoll = { calls, staticData: {}, mode: 'trigger', context: undefined as unknown as IPollFunctions };
	fake.context = {
		getNode: () => ({ ...node, name: 'Re:amaze Trigger', type: 'CUSTOM.reamazeTrigger' }),
		getMode: () => fake.mode,
		getActivationMode: () => 'activate',
		getWorkflowStaticData: (type: string) => {
			if (type !== 'node') throw new Error('the trigger keeps its cursor in node static data');
			return fake.staticData;
		},
		getCredentials: async () => ({ ...credentials }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		helpers: { httpRequestWithAuthentication: fetchWithBasicAuth(credentials, calls, (call, index) => fake.before?.(call, index)) },
	} as unknown as IPollFunctions;
	return fake;
}
