import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { day, describe, email, type Raw, text } from '../../../shared/validate';

/**
 * GET /api/v1/contacts query (§8.1, §3). Pure: throws InputError on bad input.
 *
 * The list has no default order (the SQL has no ORDER BY without `order_by`), so pages could
 * overlap or skip contacts: a sort is always sent, Created At newest first unless chosen otherwise.
 */

/** §3 "Contact sort/filter fields": the only fields `order_by` and `filters` accept for contacts. */
export const CONTACT_SORT_FIELDS = ['users.created_at', 'users.updated_at', 'users.email'] as const;
export const DEFAULT_SORT = { orderBy: 'users.created_at', order: 'desc' } as const;

export interface ContactListFilters {
	email?: Raw;
	emailContains?: Raw;
	createdFrom?: Raw;
	createdTo?: Raw;
	updatedFrom?: Raw;
	updatedTo?: Raw;
}

export interface ContactSort {
	sortBy?: Raw;
	sortOrder?: Raw;
}

interface Condition {
	model: 'users';
	field: string;
	operator: string;
	value: string;
}

function choice<T extends string>(value: Raw, field: string, allowed: readonly T[], fallback: T): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value.toLowerCase())) return value.toLowerCase() as T;
	throw new InputError(field, `unknown choice ${describe(value)} (use one of ${allowed.join(', ')})`);
}

/** YYYY-MM-DD moved by whole days, by the calendar (no time zone involved). */
export function shiftDay(value: string, days: number): string {
	const [y, m, d] = value.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * An inclusive range of days as `filters` conditions. A date-only value stands for a whole day in
 * the server's time zone (§3 "Operators"): `greater than D` starts the day after D and `less than D`
 * ends before D, so the user's inclusive days are shifted by one.
 */
function dayRange(field: string, label: string, from: Raw, to: Raw): Condition[] {
	const start = day(from, `${label} From`);
	const end = day(to, `${label} To`);
	if (start !== undefined && end !== undefined && start > end) {
		throw new InputError(`${label} From`, `(${start}) is after ${label} To (${end})`);
	}
	const conditions: Condition[] = [];
	if (start !== undefined) conditions.push({ model: 'users', field, operator: 'greater than', value: shiftDay(start, -1) });
	if (end !== undefined) conditions.push({ model: 'users', field, operator: 'less than', value: shiftDay(end, 1) });
	return conditions;
}

/** The text the node itself checks each email for, lower-cased; see `emailMatches`. */
export function emailNeedles(filters: ContactListFilters): { exact?: string; contains?: string } {
	return {
		exact: email(filters.email, 'Email')?.toLowerCase(),
		contains: text(filters.emailContains, 'Email Contains')?.trim().toLowerCase() || undefined,
	};
}

/**
 * Whether a listed contact really matches. The server's `ilike` reads `%` and `_` as wildcards
 * (and `_` is common in addresses), so its answer can hold extra contacts; the node drops them.
 */
export function emailMatches(contact: IDataObject, needles: { exact?: string; contains?: string }): boolean {
	if (needles.exact === undefined && needles.contains === undefined) return true;
	const address = typeof contact.email === 'string' ? contact.email.trim().toLowerCase() : '';
	if (needles.exact !== undefined && address !== needles.exact) return false;
	if (needles.contains !== undefined && !address.includes(needles.contains)) return false;
	return true;
}

export function buildContactListQuery(filters: ContactListFilters, sort: ContactSort): IDataObject {
	const needles = emailNeedles(filters);
	const conditions: Condition[] = [];
	// One server-side narrowing is enough; the exact address is the narrower one.
	const emailText = needles.exact ?? needles.contains;
	if (emailText !== undefined) conditions.push({ model: 'users', field: 'email', operator: 'ilike', value: emailText });
	conditions.push(...dayRange('created_at', 'Created', filters.createdFrom, filters.createdTo));
	conditions.push(...dayRange('updated_at', 'Updated', filters.updatedFrom, filters.updatedTo));

	const query: IDataObject = {
		order_by: choice(sort.sortBy, 'Sort By', CONTACT_SORT_FIELDS, DEFAULT_SORT.orderBy),
		order: choice(sort.sortOrder, 'Sort Order', ['asc', 'desc'] as const, DEFAULT_SORT.order),
	};
	// The flat array of conditions (AND-ed) is the form every release reads; groups need v2.4.0 (§3).
	if (conditions.length > 0) query.filters = JSON.stringify(conditions);
	return query;
}

/** GET /api/v1/contacts/search query (§10): at least 3 characters, checked here like the server does. */
export function buildContactSearchQuery(value: Raw): IDataObject {
	const query = text(value, 'Email Contains')?.trim() ?? '';
	if ([...query].length < 3) {
		throw new InputError('Email Contains', query === '' ? 'is required' : `${describe(query)} is too short: LibreDesk searches with at least 3 characters`);
	}
	return { query };
}
