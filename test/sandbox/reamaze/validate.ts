import { invalid } from './errors.ts';
import { parseTime } from './time.ts';
import type { FlatData } from './types.ts';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** §2.6: mobile numbers are E.164 with no spaces, e.g. `+12223334444`. */
const E164 = /^\+[1-9]\d{1,14}$/;
const ABSOLUTE_URL = /^https?:\/\/[^\s/]+\S*$/i;

export const isEmail = (value: string): boolean => EMAIL.test(value);
export const isE164 = (value: string): boolean => E164.test(value);
export const isUrl = (value: string): boolean => ABSOLUTE_URL.test(value);

/** `{"conversation": {...}}` and friends (§2.3): a missing wrapper is reported like any other missing field. */
export function wrapped(body: unknown, key: string): Json {
	const inner = isObject(body) ? body[key] : undefined;
	if (!isObject(inner)) throw invalid({ [key]: ['is missing'] });
	return inner;
}

/** Collects field errors so that one 422 lists them all, as a Rails model validation does. */
export class Validation {
	readonly #errors: Record<string, string[]> = {};

	add(field: string, message: string): void {
		(this.#errors[field] ??= []).push(message);
	}

	/** Throws the collected errors as a 422 `{"errors": {...}}`. */
	done(): void {
		if (Object.keys(this.#errors).length > 0) throw invalid(this.#errors);
	}

	optionalString(src: Json, key: string, field = key): string | undefined {
		const value = src[key];
		if (value === undefined || value === null) return undefined;
		if (typeof value !== 'string') {
			this.add(field, 'must be a string');
			return undefined;
		}
		return value;
	}

	requiredString(src: Json, key: string, field = key): string | undefined {
		const value = src[key];
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
			this.add(field, "can't be blank");
			return undefined;
		}
		return this.optionalString(src, key, field);
	}

	email(src: Json, key: string, field = key, required = false): string | undefined {
		const value = required ? this.requiredString(src, key, field) : this.optionalString(src, key, field);
		if (value !== undefined && !isEmail(value.trim())) {
			this.add(field, 'is not a valid email address');
			return undefined;
		}
		return value?.trim();
	}

	stringArray(src: Json, key: string, field = key): string[] | undefined {
		const value = src[key];
		if (value === undefined || value === null) return undefined;
		if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
			this.add(field, 'must be an array of strings');
			return undefined;
		}
		return value as string[];
	}

	/** §6.3: custom data is key/value pairs, one level deep only. */
	flatData(src: Json, key: string, field = key): FlatData | undefined {
		const value = src[key];
		if (value === undefined || value === null) return undefined;
		if (!isObject(value)) {
			this.add(field, 'must be a hash of key/value pairs');
			return undefined;
		}
		if (Object.values(value).some((item) => typeof item === 'object' && item !== null)) {
			this.add(field, 'can only be one level deep');
			return undefined;
		}
		return value as FlatData;
	}

	/** Integers, or digit strings as Rails would cast them, limited to `allowed`. */
	integerIn(src: Json, key: string, allowed: readonly number[], field = key): number | undefined {
		const value = src[key];
		if (value === undefined || value === null) return undefined;
		const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
		if (typeof number !== 'number' || !allowed.includes(number)) {
			this.add(field, 'is not included in the list');
			return undefined;
		}
		return number;
	}

	boolean(src: Json, key: string, field = key): boolean | undefined {
		const value = src[key];
		if (value === undefined || value === null) return undefined;
		if (value === true || value === 'true') return true;
		if (value === false || value === 'false') return false;
		this.add(field, 'must be true or false');
		return undefined;
	}

	time(src: Json, key: string, field = key): number | undefined {
		const value = src[key];
		if (value === undefined || value === null) return undefined;
		const ms = parseTime(value);
		if (ms === undefined) this.add(field, 'is not a valid ISO 8601 datetime');
		return ms;
	}

	/** §6.5: files are attached by URL, `attachment` (one) and/or `attachments` (many). */
	attachmentUrls(src: Json, prefix: string): string[] {
		const urls: string[] = [];
		const single = this.optionalString(src, 'attachment', `${prefix}attachment`);
		if (single !== undefined) urls.push(single);
		urls.push(...(this.stringArray(src, 'attachments', `${prefix}attachments`) ?? []));
		const bad = urls.filter((url) => !isUrl(url));
		if (bad.length > 0) this.add(`${prefix}attachments`, `must be absolute http(s) URLs: ${bad.join(', ')}`);
		return urls;
	}
}
