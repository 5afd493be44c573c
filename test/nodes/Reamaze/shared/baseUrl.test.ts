import { describe, expect, it } from 'vitest';

import { resolveBaseUrl } from '../../../../nodes/Reamaze/helpers/baseUrl';

describe('resolveBaseUrl', () => {
	it('builds the documented host from a brand', () => {
		expect(resolveBaseUrl({ brand: 'acme-support2' })).toEqual({
			ok: true,
			url: 'https://acme-support2.reamaze.io/api/v1',
			host: 'acme-support2.reamaze.io',
		});
	});

	it.each(['evil.com#', 'a/b', 'x@y', '..', '', 'ACME', '-acme', 'acme-', 'a'.repeat(64), 'аcme' /* Cyrillic а */, 'acme.reamaze.io', ' acme', undefined, 42])(
		'rejects the brand %j',
		(brand) => {
			expect(resolveBaseUrl({ brand })).toMatchObject({ ok: false, field: 'Brand' });
		},
	);

	it('accepts https overrides and http on loopback, without a trailing slash', () => {
		expect(resolveBaseUrl({ brand: 'x', baseUrl: 'https://proxy.example.com/reamaze/api/v1/' })).toMatchObject({
			ok: true,
			url: 'https://proxy.example.com/reamaze/api/v1',
		});
		expect(resolveBaseUrl({ brand: '', baseUrl: 'http://127.0.0.1:4010/acme/api/v1' })).toMatchObject({
			ok: true,
			url: 'http://127.0.0.1:4010/acme/api/v1',
		});
	});

	it.each([
		'http://acme.reamaze.io/api/v1',
		'https://user:pw@acme.reamaze.io/api/v1',
		'https://acme.reamaze.io/api/v1?x=1',
		'https://evil.com#.reamaze.io',
		'ftp://acme.reamaze.io',
		'https://аcme.reamaze.io/api/v1',
		'not a url',
		'http://10.0.0.1/api/v1',
	])('rejects the base URL %j', (baseUrl) => {
		expect(resolveBaseUrl({ brand: 'acme', baseUrl })).toMatchObject({ ok: false, field: 'API Base URL' });
	});
});
