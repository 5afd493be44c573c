import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// The credential test runs outside the node's code, so the rules of nodes/LibreDesk/helpers/serverUrl.ts
// are repeated here as an expression: http(s), a plain ASCII host, an optional port, an optional plain
// path that does not end in /api or /api/v1, at most one trailing slash, no user-info, query or
// fragment. Anything else resolves to an unroutable `.invalid` host (RFC 2606), so a value such as
// `evil.com#` can never pick where the key and secret go. A test checks both agree.
export const CREDENTIAL_TEST_BASE_URL = String.raw`={{ (/^https?:\/\/([a-z0-9_-]+(\.[a-z0-9_-]+)*|\[[0-9a-f:.]+\])(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?(\/[a-z0-9_~-][a-z0-9._~-]*)*\/?$/i.test(String($credentials.baseUrl || "").trim()) && !/\/api(\/v1)?\/?$/i.test(String($credentials.baseUrl || "").trim())) ? String($credentials.baseUrl).trim().replace(/\/$/, "") + "/api/v1" : "https://invalid-server-url.invalid" }}`;

export class LibreDeskApi implements ICredentialType {
	name = 'libreDeskApi';

	displayName = 'LibreDesk API';

	icon: Icon = { light: 'file:../nodes/LibreDesk/libredesk.svg', dark: 'file:../nodes/LibreDesk/libredesk.dark.svg' };

	documentationUrl = 'https://docs.libredesk.io/getting-started/api-getting-started';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://desk.example.com',
			description:
				'The address of your LibreDesk server, as you open it in the browser, without /api/v1 (the node adds it). http:// is allowed for a server on your own network.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In LibreDesk: Admin → Teams → Agents → edit the agent → Generate API key. The API acts as that agent, with that agent\'s roles and permissions.',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Shown once, next to the API key, when the key is generated. Regenerating the key replaces both.',
		},
	];

	// §1: `Authorization: Basic base64(key:secret)`; n8n's `auth` builds exactly that header. Trimmed,
	// because a key pasted with a trailing space or line break would be refused as a wrong key.
	// A function, not a `generic` block, so n8n evaluates no expression per request (README, Performance).
	// An own property, not a method, so n8n's copies of the credential type keep it (ReamazeApi.credentials.ts).
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		auth: { username: String(credentials.apiKey ?? '').trim(), password: String(credentials.apiSecret ?? '').trim() },
		headers: { ...requestOptions.headers, Accept: 'application/json' },
	});

	// §1 "Credential test": any valid key may read its own agent, whatever its roles.
	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_TEST_BASE_URL,
			url: '/agents/me',
			method: 'GET',
			disableFollowRedirect: true,
		},
	};
}
