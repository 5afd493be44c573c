/**
 * The `filters` query parameter (§3): a legacy flat array of conditions (AND) or, from v2.4.0, a
 * `{logic, rules}` group. Conditions are evaluated the way the generated SQL would: NULL matches only
 * `not set`, a date-only value is a whole UTC day, `contains`/`ilike` is a case-insensitive LIKE with `%`/`_`
 * wildcards. Anything the server would fail on (unknown model/field/operator, bad `in` array, too deep, too
 * many groups or conditions) throws, and the list route answers 500 "Something went wrong".
 */
import { DAY, isDateOnly, parseTimestampUs, startOfDayUs } from './time.ts';

export type Cell = { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'time'; value: number } | null;

export type Predicate<R> = (row: R) => boolean;

export interface FilterSpec<R> {
	/** model → fields usable in plain conditions. */
	allowed: Record<string, readonly string[]>;
	cell(row: R, model: string, field: string): Cell;
	/** Fields with their own rendering (the tag filter). */
	custom?: Record<string, (operator: string, value: string) => Predicate<R>>;
	/** v2.4.0+: `{logic, rules}` groups. */
	groups: boolean;
}

export class FilterError extends Error {}

interface Node {
	logic: string;
	rules: Node[];
	model: string;
	field: string;
	operator: string;
	value: string;
}

const MAX_DEPTH = 2;
const MAX_GROUPS = 10;
const MAX_CONDITIONS = 50;
const MAX_IN = 100;
const VALUE_REQUIRED = new Set(['equals', 'not equals', 'greater than', 'less than', 'in', 'between', 'contains', 'ilike', 'not contains']);

function str(value: unknown, name: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string') throw new FilterError(`${name} must be a string`);
	return value;
}

/** Go's struct decoding of one node: strings must be strings, `rules` an array of nodes. */
function toNode(value: unknown): Node {
	if (value === null) return { logic: '', rules: [], model: '', field: '', operator: '', value: '' };
	if (typeof value !== 'object' || Array.isArray(value)) throw new FilterError('node must be an object');
	const v = value as Record<string, unknown>;
	if (v.rules !== undefined && v.rules !== null && !Array.isArray(v.rules)) throw new FilterError('rules must be an array');
	return {
		logic: str(v.logic, 'logic'),
		rules: ((v.rules as unknown[] | null | undefined) ?? []).map(toNode),
		model: str(v.model, 'model'),
		field: str(v.field, 'field'),
		operator: str(v.operator, 'operator'),
		value: str(v.value, 'value'),
	};
}

const isGroup = (n: Node) => n.logic !== '' || n.rules.length > 0;
const isEmpty = (n: Node) => !isGroup(n) && n.field === '';
const countGroups = (n: Node): number => (isGroup(n) ? 1 + n.rules.reduce((s, r) => s + countGroups(r), 0) : 0);
const countConditions = (n: Node): number => (isGroup(n) ? n.rules.reduce((s, r) => s + countConditions(r), 0) : isEmpty(n) ? 0 : 1);

function parse(text: string, groups: boolean): Node | undefined {
	const trimmed = text.trim();
	if (trimmed === '' || trimmed === '[]' || trimmed === 'null') return undefined;
	let json: unknown;
	try {
		json = JSON.parse(trimmed);
	} catch {
		throw new FilterError('invalid filters JSON');
	}
	if (trimmed.startsWith('[')) return { logic: 'AND', rules: (json as unknown[]).map(toNode), model: '', field: '', operator: '', value: '' };
	// §13: before v2.4.0 only the flat array existed.
	if (trimmed.startsWith('{') && groups) return toNode(json);
	throw new FilterError('invalid filters JSON: expected array');
}

function likeRegex(value: string): RegExp {
	const pattern = `%${value}%`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
	return new RegExp(`^${pattern}$`, 'is');
}

/** The scalar a string parameter becomes when Postgres casts it to the column's type. */
function coerce(cell: Exclude<Cell, null>, value: string): number | string {
	if (cell.kind === 'text') return value;
	if (cell.kind === 'number') {
		if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new FilterError(`invalid input syntax for type integer: ${value}`);
		return Number(value);
	}
	const us = parseTimestampUs(value);
	if (us === undefined) throw new FilterError(`invalid input syntax for type timestamp: ${value}`);
	return us;
}

function leaf<R>(node: Node, spec: FilterSpec<R>): Predicate<R> {
	const custom = spec.custom?.[`${node.model}.${node.field}`];
	if (custom) return custom(node.operator, node.value);
	const fields = spec.allowed[node.model];
	if (!fields) throw new FilterError(`invalid model: ${node.model}`);
	if (!fields.includes(node.field)) throw new FilterError(`invalid field: ${node.field}`);
	const op = node.operator;
	const value = node.value;
	if (VALUE_REQUIRED.has(op) && value.trim() === '') throw new FilterError(`operator ${op} requires a value`);
	const get = (row: R) => spec.cell(row, node.model, node.field);
	const day = isDateOnly(value) ? (parseTimestampUs(value) as number) : undefined;
	const timeDay = (cell: Exclude<Cell, null>) => {
		if (cell.kind !== 'time') throw new FilterError('date value on a non-date column');
		return startOfDayUs(cell.value);
	};
	const compare = (cell: Exclude<Cell, null>, wanted: string) => {
		const target = coerce(cell, wanted);
		return cell.value < target ? -1 : cell.value > target ? 1 : 0;
	};
	switch (op) {
		case 'equals':
			return (row) => {
				const cell = get(row);
				if (cell === null) return false;
				return day !== undefined ? timeDay(cell) === day : compare(cell, value) === 0;
			};
		case 'not equals':
			return (row) => {
				const cell = get(row);
				if (cell === null) return false;
				return day !== undefined ? timeDay(cell) !== day : compare(cell, value) !== 0;
			};
		case 'greater than':
			return (row) => {
				const cell = get(row);
				if (cell === null) return false;
				return day !== undefined ? timeDay(cell) >= day + DAY : compare(cell, value) > 0;
			};
		case 'less than':
			return (row) => {
				const cell = get(row);
				if (cell === null) return false;
				return day !== undefined ? timeDay(cell) < day : compare(cell, value) < 0;
			};
		case 'set':
			return (row) => get(row) !== null;
		case 'not set':
			return (row) => get(row) === null;
		case 'in': {
			let list: unknown;
			try {
				list = JSON.parse(value);
			} catch {
				throw new FilterError('invalid array format for in');
			}
			if (!Array.isArray(list) || !list.every((v) => typeof v === 'string')) throw new FilterError('in needs an array of strings');
			if (list.length === 0 || list.length > MAX_IN) throw new FilterError('in allows 1 to 100 values');
			return (row) => {
				const cell = get(row);
				return cell !== null && (list as string[]).some((v) => compare(cell, v) === 0);
			};
		}
		case 'between': {
			const ends = value.split(',');
			if (ends.length !== 2) throw new FilterError('between requires 2 values');
			const [start, end] = ends.map((e) => e.trim());
			if (isDateOnly(start) && isDateOnly(end)) {
				const from = parseTimestampUs(start) as number;
				const to = (parseTimestampUs(end) as number) + DAY;
				return (row) => {
					const cell = get(row);
					if (cell === null) return false;
					if (cell.kind !== 'time') throw new FilterError('date range on a non-date column');
					return cell.value >= from && cell.value < to;
				};
			}
			return (row) => {
				const cell = get(row);
				return cell !== null && compare(cell, start) >= 0 && compare(cell, end) <= 0;
			};
		}
		case 'contains':
		case 'ilike':
		case 'not contains': {
			const regex = likeRegex(value);
			const negate = op === 'not contains';
			return (row) => {
				const cell = get(row);
				if (cell === null) return false;
				if (cell.kind !== 'text') throw new FilterError('ILIKE on a non-text column');
				return regex.test(cell.value) !== negate;
			};
		}
		default:
			throw new FilterError(`invalid operator: ${op}`);
	}
}

function build<R>(node: Node, spec: FilterSpec<R>, depth: number): Predicate<R> | undefined {
	if (depth > MAX_DEPTH) throw new FilterError('filter nesting too deep');
	if (isEmpty(node)) return undefined;
	if (!isGroup(node)) return leaf(node, spec);
	const logic = node.logic.trim().toUpperCase() || 'AND';
	if (logic !== 'AND' && logic !== 'OR') throw new FilterError(`invalid filter logic: ${node.logic}`);
	const parts = node.rules.filter((r) => !isEmpty(r)).map((r) => build(r, spec, depth + 1)).filter((p): p is Predicate<R> => p !== undefined);
	if (parts.length === 0) return undefined;
	return logic === 'AND' ? (row) => parts.every((p) => p(row)) : (row) => parts.some((p) => p(row));
}

/**
 * Compiles the `filters` text. Type errors that SQL would only hit while scanning rows (e.g. ILIKE on a
 * number) also throw FilterError from the predicate; callers run it inside their try.
 */
export function compileFilters<R>(text: string | null, spec: FilterSpec<R>): Predicate<R> | undefined {
	const root = parse(text ?? '', spec.groups);
	if (!root) return undefined;
	const groups = root.rules.reduce((s, r) => s + countGroups(r), 0);
	if (groups > MAX_GROUPS) throw new FilterError('too many filter groups');
	if (countConditions(root) > MAX_CONDITIONS) throw new FilterError('too many conditions');
	return build(root, spec, 0);
}
