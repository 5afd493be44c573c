/**
 * fastglue's `Decode` as §2 describes it: JSON is read only when the Content-Type contains `json`; otherwise
 * the fields arrive empty. Go's decoder is strict about types (a string for an int fails) but ignores unknown
 * keys and takes `null` as the zero value.
 */
export type FieldType = 'int' | 'string' | 'bool' | 'string[]' | 'int[]' | 'object' | 'mentions' | 'any';
export type Schema = Record<string, FieldType>;

export class DecodeError extends Error {}

const INT_MIN = -(2 ** 63);
const INT_MAX = 2 ** 63;

function isInt(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= INT_MIN && value < INT_MAX;
}

function zero(type: FieldType): unknown {
	switch (type) {
		case 'int':
			return 0;
		case 'string':
			return '';
		case 'bool':
			return false;
		case 'string[]':
		case 'int[]':
		case 'mentions':
			return [];
		default:
			return null;
	}
}

function field(name: string, type: FieldType, value: unknown): unknown {
	if (value === null || value === undefined) return zero(type);
	const fail = () => {
		throw new DecodeError(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go struct field .${name} of type ${type}`);
	};
	switch (type) {
		case 'int':
			return isInt(value) ? value : fail();
		case 'string':
			return typeof value === 'string' ? value : fail();
		case 'bool':
			return typeof value === 'boolean' ? value : fail();
		case 'string[]':
			return Array.isArray(value) && value.every((v) => typeof v === 'string' || v === null) ? value.map((v) => v ?? '') : fail();
		case 'int[]':
			return Array.isArray(value) && value.every((v) => isInt(v) || v === null) ? value.map((v) => v ?? 0) : fail();
		case 'object':
			return typeof value === 'object' && !Array.isArray(value) ? value : fail();
		case 'mentions':
			if (!Array.isArray(value)) return fail();
			return value.map((m) => {
				if (m === null) return { type: '', id: 0 };
				if (typeof m !== 'object' || Array.isArray(m)) return fail();
				const entry = m as Record<string, unknown>;
				return { type: field('type', 'string', entry.type), id: field('id', 'int', entry.id) };
			});
		default:
			return value;
	}
}

export interface RequestBody {
	raw: Buffer;
	contentType: string;
	isJson: boolean;
	/** The parsed JSON (when `isJson` and it parsed). */
	json: unknown;
	jsonError: boolean;
}

/** Decodes into the schema's fields; throws DecodeError on malformed JSON or a type mismatch. */
export function decodeStruct<S extends Schema>(body: RequestBody, schema: S): { [K in keyof S]: any } {
	const out: Record<string, unknown> = {};
	for (const [name, type] of Object.entries(schema)) out[name] = zero(type);
	if (!body.isJson) return out as { [K in keyof S]: any };
	if (body.jsonError) throw new DecodeError('invalid JSON');
	const value = body.json;
	if (value === null) return out as { [K in keyof S]: any };
	if (typeof value !== 'object' || Array.isArray(value)) throw new DecodeError('json: cannot unmarshal into Go value of type struct');
	for (const [name, type] of Object.entries(schema)) out[name] = field(name, type, (value as Record<string, unknown>)[name]);
	return out as { [K in keyof S]: any };
}
