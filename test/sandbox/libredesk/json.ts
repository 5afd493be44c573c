/**
 * Go's `encoding/json` as LibreDesk answers (§2): struct fields keep declaration order (the serializers build
 * objects in that order), map keys come out sorted, and `<`, `>`, `&`, U+2028 and U+2029 inside strings are
 * written as `\u003c`, `\u003e`, `\u0026`, `\u2028`, `\u2029`.
 */

const ESCAPES: Record<string, string> = {
	'<': '\\u003c',
	'>': '\\u003e',
	'&': '\\u0026',
	'\u2028': '\\u2028',
	'\u2029': '\\u2029',
};

/** These characters only occur inside JSON strings, so escaping the serialized text is exact. */
export function goJson(value: unknown): string {
	return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => ESCAPES[c]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/**
 * A Go map: keys sorted byte-wise. `deep` also sorts nested objects, as for JSONB columns decoded into
 * `map[string]interface{}` (custom attributes, meta). Integer-like keys still come first in a JS object;
 * the sandbox never uses such keys itself.
 */
export function goMap<T>(value: T, deep = true): T {
	if (Array.isArray(value)) return (deep ? value.map((item) => goMap(item, true)) : value) as T;
	if (!isPlainObject(value)) return value;
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(value).sort()) out[key] = deep ? goMap(value[key], true) : value[key];
	return out as T;
}

/** A deep copy of JSON-like data (records never share nested objects with request bodies or answers). */
export function clone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
