import type { IDataObject } from 'n8n-workflow';

import { InputError } from './errors';

/** Parameters arrive from expressions, so any of them can hold any JSON type. */
export type Raw = unknown;

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** How a value is quoted in an error message; never throws, whatever an expression produced. */
export function describe(value: Raw): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'object') return 'an object';
	const text = String(value);
	return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

/** True when the user left the field empty (n8n sends '' for untouched string fields). */
export function isBlank(value: Raw): boolean {
	return (
		value === undefined ||
		value === null ||
		(typeof value === 'string' && value.trim() === '') ||
		(Array.isArray(value) && value.length === 0)
	);
}

/** A scalar text value; numbers are accepted because expressions often yield them. */
export function text(value: Raw, field: string): string | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	throw new InputError(field, `expected text, got ${describe(value)}`);
}

export function requiredText(value: Raw, field: string): string {
	const result = text(value, field);
	if (result === undefined || result.trim() === '') {
		throw new InputError(field, 'is required');
	}
	return result;
}

/** A bare address (no display name), as both APIs want it. */
export function isEmail(value: string): boolean {
	return EMAIL.test(value);
}

export function email(value: Raw, field: string): string | undefined {
	const result = text(value, field)?.trim();
	if (result === undefined) return undefined;
	if (!EMAIL.test(result)) {
		throw new InputError(field, `${describe(result)} is not an email address`);
	}
	return result;
}

export function requiredEmail(value: Raw, field: string): string {
	const result = email(value, field);
	if (result === undefined) throw new InputError(field, 'is required');
	return result;
}

/**
 * A list given as an array or as text separated by commas or new lines
 * (the API's own tag filter is comma-separated, so a tag cannot contain a comma anyway).
 */
export function list(value: Raw, field: string): string[] | undefined {
	if (isBlank(value)) return undefined;
	const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,\n]/) : [value];
	const result: string[] = [];
	for (const part of parts) {
		if (typeof part === 'number' && Number.isFinite(part)) {
			result.push(String(part));
		} else if (typeof part === 'string') {
			if (part.trim() !== '') result.push(part.trim());
		} else {
			throw new InputError(field, `each entry must be text, got ${describe(part)}`);
		}
	}
	return result.length > 0 ? result : undefined;
}

export function emailList(value: Raw, field: string): string[] | undefined {
	return list(value, field)?.map((entry) => requiredEmail(entry, field));
}

export function boolean(value: Raw, field: string): boolean {
	if (value === undefined || value === null || value === '') return false;
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	throw new InputError(field, `expected true or false, got ${describe(value)}`);
}

/** An integer from a dropdown or an expression ("5" from a sheet cell is fine). */
export function integer(value: Raw, field: string): number | undefined {
	if (isBlank(value)) return undefined;
	const number = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
		throw new InputError(field, `expected a whole number, got ${describe(value)}`);
	}
	return number;
}

function toDate(value: Raw): Date | undefined {
	if (value instanceof Date) return value;
	// Luxon DateTime objects from expressions such as {{ $now.plus(1, 'day') }}.
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO: () => string | null }).toISO();
		return iso ? new Date(iso) : undefined;
	}
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value.trim())) {
		return new Date(value.trim());
	}
	return undefined;
}

/** An ISO 8601 date-time, passed through as the user wrote it when it already is a string. */
export function dateTime(value: Raw, field: string): string | undefined {
	if (isBlank(value)) return undefined;
	const parsed = toDate(value);
	if (!parsed || Number.isNaN(parsed.getTime())) {
		throw new InputError(field, `${describe(value)} is not a date (use ISO 8601, e.g. 2026-12-01T09:00:00Z)`);
	}
	if (typeof value !== 'string') return parsed.toISOString();
	// Date() rolls 2026-02-30 over to March 2; the calendar day itself must exist.
	day(value, field);
	return value.trim();
}

/** A calendar day as YYYY-MM-DD; a date-time from the picker is cut to its day. */
export function day(value: Raw, field: string): string | undefined {
	if (isBlank(value)) return undefined;
	let candidate: string | undefined;
	if (typeof value === 'string') candidate = value.trim().slice(0, 10);
	else if (toDate(value)) candidate = toDate(value)!.toISOString().slice(0, 10);
	const match = candidate ? DAY.exec(candidate) : null;
	if (!match) {
		throw new InputError(field, `${describe(value)} is not a date (use YYYY-MM-DD)`);
	}
	const [, y, m, d] = match;
	const check = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
	if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) {
		throw new InputError(field, `${describe(value)} is not a calendar date`);
	}
	return candidate;
}

/** An update body's fields: an update that changes nothing is an input error, never an empty PUT. */
export function requireChanges<T extends IDataObject>(fields: T, problem = 'add at least one field to change'): T {
	if (Object.keys(fields).length === 0) throw new InputError('Update Fields', problem);
	return fields;
}

/** Drops keys whose value is undefined, so a field the user left empty is never sent. */
/** A collection parameter ("Additional Fields", "Update Fields"): an object, or empty when unset. */
export function fieldSet(value: Raw, field: string): Record<string, Raw> {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new InputError(field, `expected a set of fields, got ${describe(value)}`);
	}
	return value as Record<string, Raw>;
}

export function compact<T extends IDataObject>(object: T): T {
	for (const key of Object.keys(object)) {
		if (object[key] === undefined) delete object[key];
	}
	return object;
}

/** A path segment the API will read as one identifier, never as `..` or a second segment. */
export function identifier(value: Raw, field: string): string {
	const result = requiredText(value, field).trim();
	// Transport percent-encodes every segment, so only dot segments (which URL parsing collapses)
	// and control characters could change which resource is addressed.
	if (result === '.' || result === '..' || [...result].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
		throw new InputError(field, `${describe(result)} is not a valid identifier`);
	}
	return result;
}
