/** §7: POST /api/v1/media (multipart) and GET /uploads/{uuid} (API key + access, or a signed URL). */
import { timingSafeEqual } from 'node:crypto';
import { authenticate } from '../auth.ts';
import { type Ctx, Raw, route, type RouteDef } from '../context.ts';
import { ApiError, input, MSG, notFound } from '../errors.ts';
import { formValue } from '../multipart.ts';
import { canAccessConversation } from '../permissions.ts';
import { mediaObject, signUpload } from '../serialize.ts';
import type { LibreDeskState } from '../state.ts';
import type { Media, User } from '../types.ts';

/** §7 "Filename": whitespace → `-`, other than letters, digits, `-`, `_`, `.` removed, lower-cased. */
export function sanitizeFilename(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	return base.replace(/\s+/g, '-').replace(/[^\p{L}\p{N}\-_.]/gu, '').toLowerCase();
}

/** The bytes win over the declared type for the formats the sandbox can recognise. */
export function detectContentType(bytes: Buffer, declared: string | undefined): string {
	const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
	if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
	if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
	return declared && declared.trim() !== '' ? declared.split(';')[0].trim() : 'application/octet-stream';
}

function imageSize(bytes: Buffer, type: string): { width: number; height: number } | undefined {
	if (type === 'image/png' && bytes.length >= 24) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	if (type === 'image/gif' && bytes.length >= 10) return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
	if (type === 'image/jpeg') {
		for (let i = 2; i + 9 < bytes.length; ) {
			if (bytes[i] !== 0xff) return undefined;
			const marker = bytes[i + 1];
			if (marker >= 0xc0 && marker <= 0xc3) return { width: bytes.readUInt16BE(i + 7), height: bytes.readUInt16BE(i + 5) };
			i += 2 + bytes.readUInt16BE(i + 2);
		}
	}
	return undefined;
}

function sizeLabel(mb: number): string {
	return `${mb}MB`;
}

function upload(ctx: Ctx): unknown {
	const { state } = ctx;
	const parts = ctx.parts;
	// §7: not multipart → 500 "Error parsing request" (GeneralException).
	if (!parts) throw new ApiError(500, MSG.parse, 'GeneralException');
	const file = parts.find((p) => p.name === 'files' && p.filename !== undefined);
	if (!file) throw input('File not found');
	if (file.data.length === 0) throw input('This file is 0 bytes, so it will not be attached.');
	const limitMb = state.settings.maxFileUploadSizeMb;
	if (file.data.length > limitMb * 1024 * 1024) throw new ApiError(413, `File size too large, please upload a file less than ${sizeLabel(limitMb)}`, 'GeneralException');
	const filename = sanitizeFilename(file.filename ?? '');
	const allowed = state.settings.allowedFileUploadExtensions;
	if (!allowed.includes('*')) {
		const extension = filename.includes('.') ? filename.slice(filename.lastIndexOf('.') + 1).toLowerCase() : '';
		if (!allowed.map((e) => e.replace(/^\./, '').toLowerCase()).includes(extension)) throw input('File type not allowed');
	}
	const contentType = detectContentType(file.data, file.contentType);
	const isImage = contentType.startsWith('image/');
	const size = isImage ? imageSize(file.data, contentType) : undefined;
	const at = state.now();
	const linkedModel = formValue(parts, 'linked_model') ?? '';
	const media: Media = {
		id: state.nextId('media'),
		createdAt: at,
		updatedAt: at,
		uuid: state.uuid(),
		store: 'fs',
		filename,
		contentType,
		contentId: '',
		modelId: null,
		modelType: linkedModel === '' ? null : linkedModel,
		disposition: formValue(parts, 'inline') === 'true' ? 'inline' : 'attachment',
		size: file.data.length,
		meta: size ? { width: size.width, height: size.height } : {},
		bytes: Buffer.from(file.data),
		// The sandbox's "thumbnail" is the image itself.
		thumbnail: isImage ? Buffer.from(file.data) : null,
		uploaderId: ctx.actor.id,
	};
	state.media.push(media);
	return mediaObject(state, media);
}

function validSignature(state: LibreDeskState, uuid: string, sig: string, exp: number): boolean {
	if (exp < Math.floor(Date.now() / 1000)) return false;
	const expected = Buffer.from(signUpload(state, uuid, exp));
	const given = Buffer.from(sig);
	return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Message media needs `messages:read` and access to the message's conversation (else 401 "Permission denied"). */
function checkMediaAccess(ctx: Ctx, user: User, media: Media): void {
	if (media.modelType !== 'messages' || media.modelId === null) return;
	const message = ctx.state.allMessages().find((m) => m.id === media.modelId);
	const conversation = message ? ctx.state.conversationById(message.conversationId) : undefined;
	const permissions = ctx.state.permissionsOf(user);
	if (!permissions.includes('messages:read') || !conversation || !canAccessConversation(user, permissions, conversation)) {
		throw new ApiError(401, MSG.permission, 'UnauthorizedException');
	}
}

/** Images, video and PDF (not SVG) inline; `?download=1` forces an attachment. */
function serve(ctx: Ctx, media: Media, thumb: boolean): Raw {
	const bytes = thumb ? media.thumbnail : media.bytes;
	if (!bytes) throw notFound('Not found');
	const type = media.contentType;
	const inline = (type.startsWith('image/') && type !== 'image/svg+xml') || type.startsWith('video/') || type === 'application/pdf';
	const download = ['1', 't', 'true', 'y', 'yes'].includes((ctx.query.get('download') ?? '').toLowerCase());
	return new Raw(200, bytes, {
		'content-type': type,
		'content-disposition': `${inline && !download ? 'inline' : 'attachment'}; filename="${media.filename}"`,
	});
}

/** `authOrSignedURL` (§7): an API key first, then `sig`/`exp`. */
function download(ctx: Ctx): Raw {
	const name = ctx.params.uuid ?? '';
	const thumb = name.startsWith('thumb_');
	const uuid = thumb ? name.slice('thumb_'.length) : name;
	let user: User | undefined;
	try {
		user = authenticate(ctx.state, ctx.method, ctx.headers);
	} catch {
		user = undefined;
	}
	if (!user) {
		const sig = ctx.query.get('sig') ?? '';
		const expText = ctx.query.get('exp') ?? '';
		if (sig === '' || expText === '') throw new ApiError(401, MSG.invalidSession, 'GeneralException');
		if (!/^[+-]?\d+$/.test(expText)) throw input(MSG.somethingWrong);
		if (!validSignature(ctx.state, uuid, sig, Number(expText))) throw new ApiError(403, 'Invalid or expired media URL', 'PermissionException');
	}
	const media = ctx.state.mediaByUuid(uuid);
	if (!media) throw notFound('Not found');
	if (user) checkMediaAccess(ctx, user, media);
	return serve(ctx, media, thumb);
}

export const mediaRoutes: RouteDef[] = [
	route('POST', '/api/v1/media', 'auth', upload),
	route('GET', '/uploads/{uuid}', 'signed', download),
];
