/** §3: page / page_size, the page object and the `order_by` / `order` allow-list. */
import { general, input } from './errors.ts';
import type { Cell } from './filters.ts';
import { supports } from './versions.ts';

export type ListKind = 'conversations' | 'messages' | 'contacts';

const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 500;
const OLD_MAX_PAGE_SIZE = 100;

/** strconv.Atoi: an optional sign and digits, nothing else. */
function atoi(value: string | null): number | undefined {
	return value !== null && /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Missing, invalid or < 1 → page 1 / size 30; > 500 → 500 (v2.1.0+). Before v2.1.0 (§3 "Older servers"):
 * conversation lists refuse > 100 with 500, contacts with 400, messages clamp to 100.
 */
export function pagination(query: URLSearchParams, kind: ListKind, version: string): { page: number; pageSize: number } {
	const rawPage = atoi(query.get('page'));
	const rawSize = atoi(query.get('page_size'));
	const page = rawPage !== undefined && rawPage >= 1 ? rawPage : 1;
	let pageSize = rawSize !== undefined && rawSize >= 1 ? rawSize : DEFAULT_PAGE_SIZE;
	if (supports(version, 'pageSize500')) return { page, pageSize: Math.min(pageSize, MAX_PAGE_SIZE) };
	if (pageSize > OLD_MAX_PAGE_SIZE) {
		if (kind === 'conversations') throw general();
		if (kind === 'contacts') throw input(`Page size is too large, should be at most ${OLD_MAX_PAGE_SIZE}`);
		pageSize = OLD_MAX_PAGE_SIZE;
	}
	return { page, pageSize };
}

/** §3: `total` comes from the first row of the page, so a page past the end says 0 / 0. */
export function pageObject<T>(all: readonly T[], page: number, pageSize: number, view: (item: T) => unknown): Record<string, unknown> {
	const slice = all.slice((page - 1) * pageSize, page * pageSize);
	const total = slice.length === 0 ? 0 : all.length;
	return { results: slice.map(view), total, per_page: pageSize, total_pages: Math.ceil(total / pageSize), page };
}

export interface OrderSpec {
	model: string;
	field: string;
	descending: boolean;
}

/** `order_by` must be `<model>.<field>` from the allow-list; `order` asc/desc (any case) or empty (= ASC). Otherwise 500. */
export function parseOrder(orderBy: string, order: string, allowed: Record<string, readonly string[]>): OrderSpec {
	const parts = orderBy.split('.');
	if (parts.length !== 2 || !allowed[parts[0]]?.includes(parts[1])) throw general();
	const direction = order.toUpperCase();
	if (direction !== '' && direction !== 'ASC' && direction !== 'DESC') throw general();
	return { model: parts[0], field: parts[1], descending: direction === 'DESC' };
}

/** `ORDER BY x <dir> NULLS LAST`, then id descending so equal keys still come out in a fixed order. */
export function sortRows<R extends { id: number }>(rows: R[], spec: OrderSpec, cell: (row: R, model: string, field: string) => Cell): R[] {
	const keyed = rows.map((row) => ({ row, cell: cell(row, spec.model, spec.field) }));
	keyed.sort((a, b) => {
		if (a.cell === null || b.cell === null) return a.cell === b.cell ? b.row.id - a.row.id : a.cell === null ? 1 : -1;
		const x = a.cell.value;
		const y = b.cell.value;
		const c = x < y ? -1 : x > y ? 1 : 0;
		return c !== 0 ? (spec.descending ? -c : c) : b.row.id - a.row.id;
	});
	return keyed.map((k) => k.row);
}
