import { describe, expect, it } from 'vitest';

import { contactIdOf, contactKey, positiveId } from '../../../../../nodes/LibreDesk/resources/contact/common';
import { buildContactListQuery, buildContactSearchQuery, emailMatches, emailNeedles, shiftDay } from '../../../../../nodes/LibreDesk/resources/contact/listQuery';
import { buildContactForm, readChanges } from '../../../../../nodes/LibreDesk/resources/contact/updateForm';
import { InputError } from '../../../../../nodes/shared/errors';

function inputError(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('contact IDs', () => {
	it.each([
		[42, '42'],
		['42', '42'],
		[' 7 ', '7'],
	])('%j is contact %s', (value, expected) => {
		expect(contactIdOf(value)).toBe(expected);
	});

	it.each(['', 0, -1, '4.2', 'abc', '1e3', {}, [], 2.5, '9007199254740993'])('rejects %j before any request', (value) => {
		const error = inputError(() => contactIdOf(value));
		expect(error.field).toBe('Contact ID');
	});

	it('names the field it checks', () => {
		expect(inputError(() => positiveId('x', 'Note ID')).message).toBe(
			'Note ID: expected the numeric ID (a whole number of 1 or more), got "x"',
		);
	});

	it('keys items by contact, and leaves bad IDs unordered', () => {
		expect(contactKey('42')).toBe('contact:42');
		expect(contactKey(42)).toBe('contact:42');
		expect(contactKey('nope')).toBeUndefined();
	});
});

describe('buildContactListQuery (GET /contacts, §8.1)', () => {
	it('always sends a sort: Created At, newest first, when none is chosen', () => {
		expect(buildContactListQuery({}, {})).toEqual({ order_by: 'users.created_at', order: 'desc' });
	});

	it('sends the chosen sort', () => {
		expect(buildContactListQuery({}, { sortBy: 'users.email', sortOrder: 'asc' })).toEqual({
			order_by: 'users.email',
			order: 'asc',
		});
	});

	it('refuses a sort field the API would answer with 500', () => {
		expect(inputError(() => buildContactListQuery({}, { sortBy: 'users.first_name' })).field).toBe('Sort By');
		expect(inputError(() => buildContactListQuery({}, { sortOrder: 'up' })).field).toBe('Sort Order');
	});

	it('searches the email with ilike, as a flat array of conditions', () => {
		const query = buildContactListQuery({ emailContains: ' Example.ORG ' }, {});
		expect(JSON.parse(query.filters as string)).toEqual([
			{ model: 'users', field: 'email', operator: 'ilike', value: 'example.org' },
		]);
	});

	it('narrows by the exact email when both are given, lower-cased', () => {
		const query = buildContactListQuery({ email: 'Emma.0@Example.com', emailContains: 'emma' }, {});
		expect(JSON.parse(query.filters as string)).toEqual([
			{ model: 'users', field: 'email', operator: 'ilike', value: 'emma.0@example.com' },
		]);
	});

	it('turns inclusive day ranges into greater than the day before / less than the day after', () => {
		const query = buildContactListQuery(
			{ createdFrom: '2026-03-01', createdTo: '2026-03-31T00:00:00', updatedFrom: '2026-01-01' },
			{ sortBy: 'users.updated_at' },
		);
		expect(query.order_by).toBe('users.updated_at');
		expect(JSON.parse(query.filters as string)).toEqual([
			{ model: 'users', field: 'created_at', operator: 'greater than', value: '2026-02-28' },
			{ model: 'users', field: 'created_at', operator: 'less than', value: '2026-04-01' },
			{ model: 'users', field: 'updated_at', operator: 'greater than', value: '2025-12-31' },
		]);
	});

	it('refuses a range that ends before it starts, and a non-date', () => {
		expect(inputError(() => buildContactListQuery({ createdFrom: '2026-03-02', createdTo: '2026-03-01' }, {})).message).toBe(
			'Created From: (2026-03-02) is after Created To (2026-03-01)',
		);
		expect(inputError(() => buildContactListQuery({ updatedTo: 'yesterday' }, {})).field).toBe('Updated To');
		expect(inputError(() => buildContactListQuery({ email: 'not-an-email' }, {})).field).toBe('Email');
	});

	it('shifts days across month and year ends and leap days', () => {
		expect(shiftDay('2024-02-28', 1)).toBe('2024-02-29');
		expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
		expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
	});
});

describe('emailMatches (the node drops what ilike wildcards let through)', () => {
	it('keeps only exact addresses, ignoring case', () => {
		const needles = emailNeedles({ email: 'a_b@x.test' });
		expect(emailMatches({ email: 'A_B@x.test' }, needles)).toBe(true);
		expect(emailMatches({ email: 'aXb@x.test' }, needles)).toBe(false);
	});

	it('keeps addresses that contain the text literally', () => {
		const needles = emailNeedles({ emailContains: 'a_b' });
		expect(emailMatches({ email: 'xa_b@x.test' }, needles)).toBe(true);
		expect(emailMatches({ email: 'xazb@x.test' }, needles)).toBe(false);
		expect(emailMatches({ email: null }, needles)).toBe(false);
	});

	it('keeps everything without an email filter', () => {
		expect(emailMatches({ email: null }, emailNeedles({}))).toBe(true);
	});
});

describe('buildContactSearchQuery (GET /contacts/search, §10)', () => {
	it('sends the trimmed text as query', () => {
		expect(buildContactSearchQuery('  emma ')).toEqual({ query: 'emma' });
	});

	it('refuses fewer than 3 characters, which the server answers with 400', () => {
		expect(inputError(() => buildContactSearchQuery('ab')).message).toBe(
			'Email Contains: "ab" is too short: LibreDesk searches with at least 3 characters',
		);
		expect(inputError(() => buildContactSearchQuery(' ')).message).toBe('Email Contains: is required');
	});

	it('counts characters, not bytes', () => {
		expect(buildContactSearchQuery('zoë')).toEqual({ query: 'zoë' });
	});
});

describe('contact update form (PUT /contacts/{id} multipart, §8.3)', () => {
	const contact = {
		id: 42,
		first_name: 'Emma',
		last_name: 'Smith',
		email: 'emma@example.com',
		phone_number: '5551234',
		phone_number_country_code: '+1',
		country: 'US',
		avatar_url: '/uploads/avatar.png',
		custom_attributes: null,
	};

	it('sends every field, keeping what the user did not touch', () => {
		expect(buildContactForm(contact, readChanges({ lastName: 'Jones' }))).toEqual([
			['first_name', 'Emma'],
			['last_name', 'Jones'],
			['email', 'emma@example.com'],
			['phone_number', '5551234'],
			['phone_number_country_code', '+1'],
			['country', 'US'],
			['avatar_url', '/uploads/avatar.png'],
		]);
	});

	it('sends empty text for values the contact does not have', () => {
		const bare = { id: 1, first_name: 'Zoë', last_name: '', email: 'z@x.test', phone_number: null, country: null, avatar_url: null };
		expect(buildContactForm(bare, readChanges({ country: 'DE' }))).toEqual([
			['first_name', 'Zoë'],
			['last_name', ''],
			['email', 'z@x.test'],
			['phone_number', ''],
			['phone_number_country_code', ''],
			['country', 'DE'],
			['avatar_url', ''],
		]);
	});

	it('clears on request only, a phone number together with its country code', () => {
		const form = buildContactForm(contact, readChanges({ clearFields: ['phoneNumber', 'avatar'] }));
		expect(Object.fromEntries(form)).toMatchObject({
			phone_number: '',
			phone_number_country_code: '',
			avatar_url: '',
			country: 'US',
			last_name: 'Smith',
		});
	});

	it('validates the changes', () => {
		expect(readChanges({ email: ' New@Example.com ', firstName: ' Em ' })).toEqual({ email: 'New@Example.com', first_name: 'Em' });
		expect(inputError(() => readChanges({ email: 'nope' })).field).toBe('Email');
		expect(inputError(() => readChanges({})).message).toBe('Update Fields: add at least one field to change or to clear');
		expect(inputError(() => readChanges({ country: 'DE', clearFields: ['country'] })).field).toBe('Clear Fields');
		expect(inputError(() => readChanges({ clearFields: ['email'] })).field).toBe('Clear Fields');
	});

	it('refuses an update the server would reject for a missing first name or email', () => {
		expect(inputError(() => buildContactForm({ ...contact, first_name: '' }, readChanges({ country: 'FR' }))).field).toBe('First Name');
		expect(buildContactForm({ ...contact, first_name: null }, readChanges({ firstName: 'Ann' }))[0]).toEqual(['first_name', 'Ann']);
		expect(inputError(() => buildContactForm({ ...contact, email: null }, readChanges({ country: 'FR' }))).field).toBe('Email');
	});
});
