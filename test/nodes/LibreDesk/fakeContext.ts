import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { LibreDeskCredentials } from './run';

/** What a scripted answer is: an HTTP answer, or a thrown network error with its code. */
export type Scripted = { status: number; body: string | Buffer; headers?: IDataObject } | { networkCode: string };

export interface FakeCall {
	options: IHttpRequestOptions;
	authenticated: boolean;
}

const node = { id: 'node-1', name: 'LibreDesk', type: 'CUSTOM.libreDesk', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };

function answer(next: Scripted | undefined) {
	if (!next) throw new Error('no scripted answer left');
	if ('networkCode' in next) throw Object.assign(new Error(`socket ${next.networkCode}`), { code: next.networkCode });
	return { statusCode: next.status, body: next.body, headers: next.headers ?? {} };
}

/**
 * An execute context whose HTTP answers are scripted, for transport logic that the engine cannot
 * reach deterministically (network codes). Records every call and whether it was authenticated.
 */
export interface ScriptedContext {
	context: IExecuteFunctions & ILoadOptionsFunctions;
	calls: FakeCall[];
}

export function scriptedContext(credentials: LibreDeskCredentials, answers: Scripted[], parameters: IDataObject = {}): ScriptedContext {
	const calls: FakeCall[] = [];
	const context = {
		getNode: () => node,
		getCredentials: async () => ({ ...credentials }),
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				calls.push({ options, authenticated: true });
				return answer(answers.shift());
			},
			httpRequest: async (options: IHttpRequestOptions) => {
				calls.push({ options, authenticated: false });
				return answer(answers.shift());
			},
		},
	} as unknown as IExecuteFunctions & ILoadOptionsFunctions;
	return { context, calls };
}

/**
 * A load-options context that really sends requests (Node's fetch) with the credential's Basic
 * auth, as n8n does for a dropdown: the sandbox or nock sees exactly what n8n would send.
 */
export function liveLoadOptions(credentials: LibreDeskCredentials, parameters: IDataObject = {}): ILoadOptionsFunctions {
	return {
		getNode: () => node,
		getCredentials: async () => ({ ...credentials }),
		getNodeParameter: (name: string, fallback?: unknown) => (name in parameters ? parameters[name] : fallback),
		getCurrentNodeParameter: (name: string) => parameters[name],
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const url = new URL(options.url);
				for (const [key, value] of Object.entries((options.qs ?? {}) as IDataObject)) {
					for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined && one !== null) url.searchParams.append(key, String(one));
				}
				const response = await fetch(url, {
					method: options.method ?? 'GET',
					headers: {
						...(options.headers as Record<string, string>),
						Authorization: `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64')}`,
					},
					body: typeof options.body === 'string' || Buffer.isBuffer(options.body) ? (options.body as string) : undefined,
					redirect: 'manual',
				});
				const bytes = Buffer.from(await response.arrayBuffer());
				return {
					statusCode: response.status,
					body: options.encoding === 'arraybuffer' ? bytes : bytes.toString('utf8'),
					headers: Object.fromEntries(response.headers),
				};
			},
		},
	} as unknown as ILoadOptionsFunctions;
}
