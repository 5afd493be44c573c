import { createHmac, timingSafeEqual } from 'crypto';

/** The header LibreDesk signs deliveries with (§12.3; the old `X-Signature-256` name of §14 was never sent by the code). */
export const SIGNATURE_HEADER = 'x-libredesk-signature';

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** `sha256=` and 64 hex digits. LibreDesk writes lower case (§12.3); upper case carries the same bytes, so it is accepted. */
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks `X-Libredesk-Signature: sha256=<hex>` against HMAC-SHA256(secret as UTF-8, exact raw body) (§12.3).
 * The body must be the bytes as received: LibreDesk signs Go's encoding (`\u003c` for `<`, …, §2), which
 * re-serialising the parsed JSON does not reproduce. The digests are compared as bytes in constant time.
 * Reasons never contain the secret or the expected digest.
 */
export function verifySignature(rawBody: Uint8Array, header: unknown, secret: string): SignatureCheck {
	if (secret === '') return { valid: false, reason: 'the trigger has no webhook secret to check the signature with' };
	if (header === undefined || header === null || header === '') return { valid: false, reason: 'no X-Libredesk-Signature header' };
	if (typeof header !== 'string') return { valid: false, reason: 'more than one X-Libredesk-Signature header' };
	const match = SIGNATURE.exec(header.trim());
	if (!match) return { valid: false, reason: 'X-Libredesk-Signature is not "sha256=" followed by 64 hex digits' };
	const received = Buffer.from(match[1], 'hex');
	const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest();
	// Both are 32 bytes here (the pattern fixes the length), as timingSafeEqual requires.
	if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
		return { valid: false, reason: 'X-Libredesk-Signature does not match the body and the webhook secret' };
	}
	return { valid: true };
}
