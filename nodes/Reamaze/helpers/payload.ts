import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import { day, describe, isBlank, isEmail, list, type Raw, text } from '../../shared/validate';

const PHONE = /^\+?[0-9][0-9 ().-]{5,}$/;

/** Recipients may be email addresses or phone numbers (SMS and WhatsApp channels). */
export function recipientList(value: Raw, field: string): string[] | undefined {
	const entries = list(value, field);
	for (const entry of entries ?? []) {
		if (!isEmail(entry) && !PHONE.test(entry)) {
			throw new InputError(field, `${describe(entry)} is neither an email address nor a phone number`);
		}
	}
	return entries;
}

export function urlList(value: Raw, field: string): string[] | undefined {
	const entries = list(value, field);
	for (const entry of entries ?? []) {
		let parsed: URL | undefined;
		try {
			parsed = new URL(entry);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
			throw new InputError(field, `${describe(entry)} is not an http(s) URL Re:amaze can fetch`);
		}
	}
	return entries;
}

function parseJson(textValue: string): unknown {
	try {
		return JSON.parse(textValue);
	} catch (error) {
		return error instanceof SyntaxError ? error : new SyntaxError(String(error));
	}
}

function isScalar(value: unknown): value is string | number | boolean | null {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * Flat key/value data (conversation custom fields, customer data attributes): the API keeps them
 * one level deep. Accepts a JSON text or object, plus key/value rows that win over the JSON.
 */
export function flatData(json: Raw, rows: Raw, field: string): IDataObject | undefined {
	const result: IDataObject = {};
	if (!isBlank(json)) {
		const parsed = typeof json === 'string' ? parseJson(json) : json;
		if (parsed instanceof SyntaxError) {
			throw new InputError(`${field} (JSON)`, `is not valid JSON (${parsed.message})`);
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new InputError(`${field} (JSON)`, 'must be a JSON object such as {"order_id": "1234"}');
		}
		for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
			if (!isScalar(value)) {
				throw new InputError(`${field} (JSON)`, `"${key}" must be text, a number or true/false: Re:amaze keeps this data one level deep`);
			}
			result[key] = value;
		}
	}
	if (!isBlank(rows)) {
		if (!Array.isArray(rows)) throw new InputError(field, `expected key/value rows, got ${describe(rows)}`);
		for (const row of rows) {
			const key = text((row as IDataObject | null)?.key, `${field} key`)?.trim();
			if (!key) throw new InputError(field, 'every row needs a key');
			const value = (row as IDataObject).value;
			if (!isScalar(value) && value !== undefined) {
				throw new InputError(field, `the value of "${key}" must be text, a number or true/false`);
			}
			result[key] = value === undefined ? '' : value;
		}
	}
	return Object.keys(result).length > 0 ? result : undefined;
}

/** `message.attachment` for one URL, `message.attachments` for several (reamaze-api.md §6.5). */
export function attachmentFields(urls: string[] | undefined): IDataObject {
	if (!urls) return {};
	return urls.length === 1 ? { attachment: urls[0] } : { attachments: urls };
}

/**
 * `suppress_surveys` is `true` (never send a survey for this message) or a YYYY-MM-DD day
 * (suppress surveys before that day), per the create-conversation and create-message notes.
 */
export function suppressSurveys(mode: Raw, before: Raw): true | string | undefined {
	if (isBlank(mode) || mode === 'no' || mode === false) return undefined;
	if (mode === 'always' || mode === true || mode === 'true') return true;
	if (mode === 'beforeDate') {
		const result = day(before, 'Suppress Surveys Before');
		if (!result) throw new InputError('Suppress Surveys Before', 'is required when surveys are suppressed before a date');
		return result;
	}
	throw new InputError('Suppress Surveys', `unknown choice ${describe(mode)}`);
}
