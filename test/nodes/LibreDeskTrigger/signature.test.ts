import { createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { verifySignature } from '../../../nodes/LibreDeskTrigger/signature';
import { signBody } from '../../sandbox/libredesk/index.ts';
import { goJson } from '../../sandbox/libredesk/json.ts';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';
// What LibreDesk sends (§12.3): Go's escaping of < > & inside strings (§2), keys event, payload, timestamp.
const delivery = { event: 'conversation.created', payload: { subject: 'R&D <beta> question', uuid: 'c-1' }, timestamp: '2026-08-08T07:16:38Z' };
const raw = Buffer.from(goJson(delivery), 'utf8');

describe('verifySignature (§12.3: sha256=<hex HMAC-SHA256 of the exact raw body>)', () => {
	it('accepts the signature LibreDesk computes over the exact bytes', () => {
		expect(raw.toString()).toContain('R\\u0026D \\u003cbeta\\u003e');
		expect(verifySignature(raw, signBody(raw, SECRET), SECRET)).toEqual({ valid: true });
	});

	it('refuses a signature made with another secret', () => {
		const check = verifySignature(raw, signBody(raw, `${SECRET}x`), SECRET);
		expect(check).toEqual({ valid: false, reason: 'X-Libredesk-Signature does not match the body and the webhook secret' });
	});

	it('refuses a body altered after signing (one byte)', () => {
		const altered = Buffer.from(raw.toString().replace('c-1', 'c-2'));
		expect(verifySignature(altered, signBody(raw, SECRET), SECRET).valid).toBe(false);
	});

	it('refuses the same JSON re-serialised (JSON.stringify writes < > & literally; the signature covers Go\'s \\u003c form)', () => {
		const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
		expect(JSON.parse(reserialised.toString())).toEqual(JSON.parse(raw.toString()));
		expect(reserialised.equals(raw)).toBe(false);
		expect(verifySignature(reserialised, signBody(raw, SECRET), SECRET).valid).toBe(false);
	});

	it('refuses a missing, empty or repeated header', () => {
		expect(verifySignature(raw, undefined, SECRET)).toEqual({ valid: false, reason: 'no X-Libredesk-Signature header' });
		expect(verifySignature(raw, '', SECRET)).toEqual({ valid: false, reason: 'no X-Libredesk-Signature header' });
		expect(verifySignature(raw, [signBody(raw, SECRET)], SECRET)).toEqual({ valid: false, reason: 'more than one X-Libredesk-Signature header' });
	});

	it('refuses a wrong prefix, a bare digest, a short or non-hex digest', () => {
		const hex = signBody(raw, SECRET).slice('sha256='.length);
		for (const header of [`sha1=${hex}`, `sha512=${hex}`, hex, `sha256:${hex}`, `sha256=${hex.slice(2)}`, `sha256=${hex}00`, `sha256=${'z'.repeat(64)}`]) {
			expect(verifySignature(raw, header, SECRET), header).toEqual({
				valid: false,
				reason: 'X-Libredesk-Signature is not "sha256=" followed by 64 hex digits',
			});
		}
	});

	it('accepts upper-case hex (the same 32 bytes; LibreDesk itself sends lower case) and surrounding spaces', () => {
		const hex = createHmac('sha256', SECRET).update(raw).digest('hex');
		expect(hex).toMatch(/^[0-9a-f]{64}$/);
		expect(verifySignature(raw, `sha256=${hex.toUpperCase()}`, SECRET)).toEqual({ valid: true });
		expect(verifySignature(raw, `SHA256=${hex}`, SECRET)).toEqual({ valid: true });
		expect(verifySignature(raw, ` sha256=${hex} `, SECRET)).toEqual({ valid: true });
	});

	it('keys the HMAC with the secret\'s UTF-8 bytes', () => {
		const secret = 'clé-secrète-✓';
		const expected = `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(raw).digest('hex')}`;
		expect(verifySignature(raw, expected, secret)).toEqual({ valid: true });
		expect(verifySignature(raw, expected, 'cle-secrete-?').valid).toBe(false);
	});

	it('refuses everything without a secret (an unsigned delivery can never pass)', () => {
		expect(verifySignature(raw, signBody(raw, ''), '')).toEqual({ valid: false, reason: 'the trigger has no webhook secret to check the signature with' });
	});

	it('never puts the secret or the expected digest in a reason', () => {
		const expectedHex = createHmac('sha256', SECRET).update(raw).digest('hex');
		const reasons = [undefined, 'sha256=00', `sha256=${'0'.repeat(64)}`].map((header) => {
			const check = verifySignature(raw, header, SECRET);
			return check.valid ? '' : check.reason;
		});
		for (const reason of reasons) {
			expect(reason).not.toContain(SECRET);
			expect(reason).not.toContain(expectedHex);
		}
	});
});
