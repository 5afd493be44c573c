import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import { describe, isBlank, type Raw, text } from '../../shared/validate';

/**
 * Custom attribute values (§5.1 `custom_attributes`, §5.8): key/value rows picked from the
 * server's definitions, plus a JSON object for typed values (numbers, true/false, lists). LibreDesk
 * validates neither keys nor types on these routes, so the node checks the shape only.
 */

const KEY = /^[A-Za-z0-9_]+$/;

export function attributeRowsField(displayName: string, name: string, loadOptionsMethod: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Attribute',
		description,
		options: [
			{
				displayName: 'Attribute',
				name: 'attribute',
				values: [
					{
						displayName: 'Attribute Name or ID',
						name: 'key',
						type: 'options',
						typeOptions: { loadOptionsMethod },
						default: '',
						description:
							'The attribute\'s key. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'Sent as text; use the JSON field for numbers, true/false or lists' },
				],
			},
		],
	};
}

export function attributeJsonField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

function rowsOf(value: Raw): Raw {
	if (value && typeof value === 'object' && !Array.isArray(value) && 'attribute' in value) return (value as { attribute: Raw }).attribute;
	if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
	return value;
}

function parseJson(value: string): unknown {
	try {
		return JSON.parse(value) as unknown;
	} catch (error) {
		return error instanceof SyntaxError ? error : new SyntaxError(String(error));
	}
}

function checkKey(key: string, field: string): string {
	if (!KEY.test(key)) throw new InputError(field, `${describe(key)} is not an attribute key (letters, digits and "_")`);
	return key;
}

/** The attributes as one object (JSON first, rows win on the same key); undefined when none are given. */
export function attributeObject(json: Raw, rows: Raw, field: string): IDataObject | undefined {
	const result: IDataObject = {};
	if (!isBlank(json) && !(typeof json === 'string' && json.trim() === '{}')) {
		const parsed = typeof json === 'string' ? parseJson(json) : json;
		if (parsed instanceof SyntaxError) throw new InputError(`${field} (JSON)`, `is not valid JSON (${parsed.message})`);
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
			throw new InputError(`${field} (JSON)`, 'must be a JSON object such as {"order_id": "1234", "vip": true}');
		}
		for (const [key, value] of Object.entries(parsed as IDataObject)) result[checkKey(key, `${field} (JSON)`)] = value;
	}
	const entries = rowsOf(rows);
	if (!isBlank(entries)) {
		if (!Array.isArray(entries)) throw new InputError(field, `expected attribute rows, got ${describe(entries)}`);
		for (const row of entries) {
			const key = text((row as IDataObject | null)?.key, `${field} key`)?.trim();
			if (!key) throw new InputError(field, 'every row needs an attribute');
			const value = (row as IDataObject).value;
			if (value !== undefined && value !== null && typeof value === 'object') {
				throw new InputError(field, `the value of "${key}" must be text; use the JSON field for lists or objects`);
			}
			result[checkKey(key, field)] = value === undefined || value === null ? '' : (value as string | number | boolean);
		}
	}
	return Object.keys(result).length > 0 ? result : undefined;
}
