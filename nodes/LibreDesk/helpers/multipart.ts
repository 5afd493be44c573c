import { randomBytes } from 'crypto';

/**
 * multipart/form-data bodies (RFC 7578), built by hand so the package needs no dependency. Used by
 * the transport only: media uploads (§7, file part `files`) and the contact update (§8.3, fields).
 */

export type FormPart =
	| { name: string; value: string }
	| { name: string; filename: string; contentType: string; data: Buffer };

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/** Quotes a header parameter: CR, LF and `"` would end the header or the parameter early. */
function quoted(value: string): string {
	return `"${value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

/** A part's content type is a header value: only a plain `type/subtype` (with parameters) passes. */
function safeContentType(value: string): string {
	const trimmed = value.trim();
	return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(trimmed) ? trimmed : 'application/octet-stream';
}

export function buildMultipart(parts: FormPart[], boundary = `----n8nLibreDesk${randomBytes(12).toString('hex')}`): MultipartBody {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
		if ('data' in part) {
			head += `; filename=${quoted(part.filename)}\r\nContent-Type: ${safeContentType(part.contentType)}`;
		}
		chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'));
		chunks.push('data' in part ? part.data : Buffer.from(part.value, 'utf8'));
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
