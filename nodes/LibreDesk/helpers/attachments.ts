import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import type { RequestPolicy } from '../../shared/options';
import { describe, isBlank, list, type Raw } from '../../shared/validate';
import { downloadUpload, serverSettings, type ServerSettings, type UploadFile, uploadMedia } from '../transport';

/**
 * Files from n8n binary data, uploaded with `POST /media` (§7) before the conversation or message
 * that uses them is created: an unknown media ID fails only after the conversation row exists
 * (§5.1), and a size or type refusal should cost nothing. Works in every binary data mode (memory,
 * filesystem, S3), because the bytes are read through n8n's binary helpers.
 */

export const BINARY_FIELD = 'Attachments (Binary Properties)';
export const MEDIA_IDS_FIELD = 'Attachment Media IDs';
const DEFAULT_MAX_MB = 20;

export interface PreparedFile extends UploadFile {
	/** The binary property it came from, for error messages. */
	property: string;
}

/** Binary property names, comma-separated or a list. */
export function binaryPropertyNames(value: Raw): string[] {
	const names = list(value, BINARY_FIELD) ?? [];
	return [...new Set(names)];
}

/** Existing media IDs (§7 `data.id`), comma-separated or a list. */
export function mediaIdList(value: Raw): number[] {
	const entries = list(value, MEDIA_IDS_FIELD) ?? [];
	return entries.map((entry) => {
		const id = Number(entry);
		if (!Number.isInteger(id) || id <= 0) throw new InputError(MEDIA_IDS_FIELD, `${describe(entry)} is not a media ID (a whole number)`);
		return id;
	});
}

/** §7 "Filename": LibreDesk's own sanitising, so the extension checked here is the one it checks. */
export function sanitizedFileName(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	return base.replace(/\s+/g, '-').replace(/[^\p{L}\p{N}\-_.]/gu, '').toLowerCase();
}

function extensionOf(name: string): string {
	const clean = sanitizedFileName(name);
	return clean.includes('.') ? clean.slice(clean.lastIndexOf('.') + 1) : '';
}

function size(bytes: number): string {
	if (bytes < 1024) return `${Math.floor(bytes)} bytes`;
	return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}

/** The files of the item's binary properties, read through n8n's helpers (no request yet). */
export async function readBinaryFiles(context: IExecuteFunctions, itemIndex: number, names: string[]): Promise<PreparedFile[]> {
	const files: PreparedFile[] = [];
	for (const property of names) {
		const binary = context.helpers.assertBinaryData(itemIndex, property);
		const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
		const extension = binary.fileExtension ? `.${binary.fileExtension}` : '';
		files.push({
			property,
			data,
			fileName: binary.fileName && binary.fileName.trim() !== '' ? binary.fileName : `${property}${extension}`,
			mimeType: binary.mimeType && binary.mimeType.trim() !== '' ? binary.mimeType : 'application/octet-stream',
		});
	}
	return files;
}

/** §7: empty files, files over `app.max_file_upload_size` and extensions not allowed are refused up front. */
export function checkUploads(files: PreparedFile[], settings: ServerSettings): void {
	const maxMb = settings.maxFileUploadSizeMb ?? DEFAULT_MAX_MB;
	const allowed = settings.allowedExtensions ?? ['*'];
	for (const file of files) {
		const label = `"${file.property}" (${file.fileName})`;
		if (file.data.length === 0) throw new InputError(BINARY_FIELD, `file ${label} is empty; LibreDesk does not attach 0-byte files`);
		if (file.data.length > maxMb * 1024 * 1024) {
			throw new InputError(
				BINARY_FIELD,
				`file ${label} is ${size(file.data.length)}; this LibreDesk server accepts at most ${maxMb} MB${maxMb < 1 ? ` (${size(maxMb * 1024 * 1024)})` : ''} per file`,
				'Send a smaller file, or ask a LibreDesk admin to raise "Max file upload size" (Admin → General).',
			);
		}
		if (!allowed.includes('*')) {
			const extension = extensionOf(file.fileName);
			if (!allowed.includes(extension)) {
				throw new InputError(
					BINARY_FIELD,
					`file ${label} has ${extension ? `the extension ".${extension}"` : 'no extension'}, which this LibreDesk server does not accept (allowed: ${allowed.map((entry) => `.${entry}`).join(', ')})`,
					'Rename or convert the file, or ask a LibreDesk admin to allow the type (Admin → General → allowed file extensions).',
				);
			}
		}
	}
}

/**
 * The media IDs to send in `attachments`: the files (read beforehand with readBinaryFiles, so a
 * missing binary property fails before any request), checked against the server's settings (read
 * once per run) and uploaded, then the given media IDs. Nothing is uploaded unless every file passes.
 */
export async function uploadAttachments(
	context: IExecuteFunctions,
	itemIndex: number,
	policy: RequestPolicy,
	files: PreparedFile[],
	mediaIds: number[],
): Promise<number[] | undefined> {
	if (files.length === 0) return mediaIds.length > 0 ? mediaIds : undefined;
	checkUploads(files, await serverSettings(context, { itemIndex, policy }));
	const ids: number[] = [];
	for (const file of files) {
		const media = await uploadMedia(context, file, { itemIndex, policy });
		ids.push(media.id as number);
	}
	return [...ids, ...mediaIds];
}

/** Every attachment of a message (§6.2 `attachments`) as n8n binary data: `<prefix>0`, `<prefix>1`, ... */
export async function downloadAttachments(
	context: IExecuteFunctions,
	message: IDataObject,
	itemIndex: number,
	policy: RequestPolicy,
	prefix: Raw,
): Promise<IBinaryKeyData> {
	const name = isBlank(prefix) ? 'attachment_' : String(prefix).trim();
	if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new InputError('Binary Property Prefix', `${describe(name)} may hold only letters, digits, "_", "-" and "."`);
	const binary: IBinaryKeyData = {};
	const attachments = Array.isArray(message.attachments) ? message.attachments : [];
	let index = 0;
	for (const attachment of attachments) {
		const uuid = (attachment as IDataObject | null)?.uuid;
		if (typeof uuid !== 'string' || uuid.trim() === '') continue;
		const file = await downloadUpload(context, uuid.trim(), { itemIndex, policy });
		const given = (attachment as IDataObject).name;
		const fileName = typeof given === 'string' && given.trim() !== '' ? given : (file.fileName ?? uuid);
		const declared = (attachment as IDataObject).content_type;
		const mimeType = typeof declared === 'string' && declared !== '' ? declared : file.mimeType;
		binary[`${name}${index++}`] = await context.helpers.prepareBinaryData(file.data, fileName, mimeType);
	}
	return binary;
}
