import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

// The credential test runs outside the node's code, so the checks of shared/baseUrl.ts are
// repeated here as an expression: a brand that is not a DNS label, or a base URL that is not https
// (or http on localhost), resolves to an unroutable `.invalid` host (RFC 2606) instead of letting
// a value like `evil.com#` pick where the token goes.
export const CREDENTIAL_TEST_BASE_URL = String.raw`={{ String($credentials.baseUrl || "").trim() ? (/^(https:\/\/[a-z0-9.-]+(:[0-9]+)?|http:\/\/(localhost|127\.[0-9]+\.[0-9]+\.[0-9]+|\[::1\])(:[0-9]+)?)(\/[a-z0-9._~%\/-]*)?$/i.test(String($credentials.baseUrl).trim()) ? String($credentials.baseUrl).trim().replace(/\/+$/, "") : "https://invalid-base-url.invalid") : (/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(String($credentials.brand)) ? "https://" + $credentials.brand + ".reamaze.io/api/v1" : "https://invalid-brand.invalid") }}`;

export class ReamazeApi implements ICredentialType {
	name = 'reamazeApi';

	// The brand writes itself "Re:amaze"; title-casing would make it "Re:Amaze".
	// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-miscased
	displayName = 'Re:amaze API';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			auth: {
				username: '={{$credentials.email}}',
				password: '={{$credentials.apiToken}}',
			},
			headers: {
				Accept: 'application/json',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: CREDENTIAL_TEST_BASE_URL,
			url: '/channels',
			method: 'GET',
			disableFollowRedirect: true,
		},
	};
}
