/** A small multipart/form-data parser (RFC 7578) for media uploads (§7) and contact updates (§8.3). */
import type { MultipartPart } from './types.ts';

export function boundaryOf(contentType: string | undefined): string | undefined {
	if (!contentType || !/^multipart\/form-data/i.test(contentType.trim())) return undefined;
	const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	return match?.[1] ?? match?.[2];
}

function parseHeaders(block: string): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of block.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function dispositionParam(disposition: string, name: string): string | undefined {
	const match = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition) ?? new RegExp(`(?:^|;)\\s*${name}=([^;]*)`, 'i').exec(disposition);
	return match ? match[1].replace(/\\(.)/g, '$1').trim() : undefined;
}

/** `undefined` when the body is not well-formed multipart for this boundary. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: MultipartPart[] = [];
	let position = body.indexOf(delimiter);
	if (position < 0) return undefined;
	for (;;) {
		position += delimiter.length;
		if (body.subarray(position, position + 2).toString() === '--') return parts;
		if (body.subarray(position, position + 2).toString() !== '\r\n') return undefined;
		position += 2;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		if (headerEnd < 0) return undefined;
		const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		if (next < 0) return undefined;
		const disposition = headers['content-disposition'] ?? '';
		const name = dispositionParam(disposition, 'name');
		if (name === undefined) return undefined;
		parts.push({
			name,
			filename: dispositionParam(disposition, 'filename'),
			contentType: headers['content-type'],
			headers,
			data: Buffer.from(body.subarray(headerEnd + 4, next)),
		});
		position = next + 2;
	}
}

/** The first text value of a field, as Go's `FormValue` gives it ("" when absent). */
export function formValue(parts: readonly MultipartPart[], name: string): string | undefined {
	const part = parts.find((p) => p.name === name && p.filename === undefined);
	return part?.data.toString('utf8');
}

/** Builds a body for tests and the CLI examples. */
export function buildMultipart(fields: Array<{ name: string; value: string | Buffer; filename?: string; contentType?: string }>, boundary = 'sandbox-boundary-7MA4YWxkTrZu0gW'): { body: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const field of fields) {
		let head = `--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"`;
		if (field.filename !== undefined) head += `; filename="${field.filename}"`;
		head += '\r\n';
		if (field.contentType) head += `Content-Type: ${field.contentType}\r\n`;
		chunks.push(Buffer.from(`${head}\r\n`), Buffer.isBuffer(field.value) ? field.value : Buffer.from(field.value), Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
