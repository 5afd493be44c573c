import { describe, expect, it } from 'vitest';

import { buildAddIdentityBody } from '../../../../../nodes/Reamaze/resources/contact/addIdentity';
import { contactAddress, mobile, noteList } from '../../../../../nodes/Reamaze/resources/contact/common';
import { buildCreateContactBody } from '../../../../../nodes/Reamaze/resources/contact/create';
import { buildCreateNoteBody, newNotes } from '../../../../../nodes/Reamaze/resources/contact/createNote';
import { buildGetContactRequest } from '../../../../../nodes/Reamaze/resources/contact/get';
import { buildContactQuery, exactEmailOf, matchesEmail } from '../../../../../nodes/Reamaze/resources/contact/getAll';
import { buildGetIdentitiesPath } from '../../../../../nodes/Reamaze/resources/contact/getIdentities';
import { buildUpdateContactBody } from '../../../../../nodes/Reamaze/resources/contact/update';
import { buildUpdateNoteBody, notePath, pickNote } from '../../../../../nodes/Reamaze/resources/contact/updateNote';
import { InputError } from '../../../../../nodes/shared/errors';

function failure(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('contactAddress (/contacts/{identifier}?identifier_type=)', () => {
	it('addresses by email with no identifier_type (the documented default)', () => {
		expect(contactAddress(' bob@example.com ', 'email')).toEqual({
			identifier: 'bob@example.com',
			qs: {},
			notFound: 'no contact with email "bob@example.com"',
		});
		expect(contactAddress('bob@example.com', '').qs).toEqual({});
	});

	it.each([
		['mobile', '+12223334444'],
		['facebook', '1000123'],
		['twitter', '@bob'],
		['instagram', 'bob.insta'],
	])('sends identifier_type=%s', (type, value) => {
		expect(contactAddress(value, type)).toEqual({
			identifier: value,
			qs: { identifier_type: type },
			notFound: `no contact with ${type} "${value}"`,
		});
	});

	it.each([
		['', 'email', 'Contact Identifier'],
		['bob', 'email', 'Contact Identifier'],
		['+1 222 333 4444', 'mobile', 'Contact Identifier'],
		['', 'mobile', 'Contact Identifier'],
		['..', 'twitter', 'Contact Identifier'],
		['bob@example.com', 'phone', 'Identify Contact By'],
		['bob@example.com', 3, 'Identify Contact By'],
	])('rejects %j as %j', (value, type, field) => {
		expect(failure(() => contactAddress(value, type)).field).toBe(field);
	});
});

describe('mobile (E.164, no spaces)', () => {
	it('accepts + and digits only', () => {
		expect(mobile(' +12223334444 ', 'Mobile')).toBe('+12223334444');
		expect(mobile('', 'Mobile')).toBeUndefined();
	});

	it.each(['12223334444', '+1 222 333 4444', '+1-222-333-4444', '+0123', '+1234567890123456', '+'])('rejects %j', (value) => {
		const error = failure(() => mobile(value, 'Mobile'));
		expect(error.field).toBe('Mobile');
		expect(error.hint).toContain('+12223334444');
	});
});

describe('noteList', () => {
	it('reads the UI rows, a list or one text, keeping commas', () => {
		expect(noteList({ note: [{ text: 'VIP, pays late' }, { text: ' ' }, { text: 'Second' }] }, 'Notes')).toEqual(['VIP, pays late', 'Second']);
		expect(noteList(['a, b', 'c'], 'Notes')).toEqual(['a, b', 'c']);
		expect(noteList('one, note', 'Notes')).toEqual(['one, note']);
		expect(noteList({}, 'Notes')).toBeUndefined();
		expect(noteList('', 'Notes')).toBeUndefined();
	});

	it.each([[{ note: 'x' }], [{ other: [] }], [[{}]], [true]])('rejects %j', (value) => {
		expect(failure(() => noteList(value, 'Notes')).field).toBe('Notes');
	});
});

describe('buildCreateContactBody (POST /contacts)', () => {
	it('minimal: an email only', () => {
		expect(buildCreateContactBody({ email: 'bob@example.com', mobile: '', additional: {} })).toEqual({
			contact: { email: 'bob@example.com' },
		});
	});

	it('minimal: a mobile only', () => {
		expect(buildCreateContactBody({ email: '', mobile: '+12223334444', additional: {} })).toEqual({
			contact: { mobile: '+12223334444' },
		});
	});

	it('every field', () => {
		expect(
			buildCreateContactBody({
				email: 'bob@example.com',
				mobile: '+12223334444',
				additional: {
					name: ' Bob Buyer ',
					externalId: 4711,
					externalAvatarUrl: 'https://cdn.example.com/bob.png',
					customData: { field: [{ key: 'plan', value: 'gold' }] },
					customDataJson: '{"plan":"silver","seats":3,"trial":false}',
					notes: { note: [{ text: 'Met at the fair, booth 12' }, { text: 'Prefers email' }] },
				},
			}),
		).toEqual({
			contact: {
				name: 'Bob Buyer',
				email: 'bob@example.com',
				mobile: '+12223334444',
				id: '4711',
				external_avatar_url: 'https://cdn.example.com/bob.png',
				data: { plan: 'gold', seats: 3, trial: false },
				notes: ['Met at the fair, booth 12', 'Prefers email'],
			},
		});
	});

	it.each([
		[{ email: '', mobile: '', additional: { name: 'Bob' } }, 'Email'],
		[{ email: 'bob', mobile: '', additional: {} }, 'Email'],
		[{ email: '', mobile: '+1 222', additional: {} }, 'Mobile'],
		[{ email: 'bob@example.com', mobile: '', additional: { externalAvatarUrl: '/avatar.png' } }, 'External Avatar URL'],
		[{ email: 'bob@example.com', mobile: '', additional: { externalAvatarUrl: 'ftp://x.example/a.png' } }, 'External Avatar URL'],
		[{ email: 'bob@example.com', mobile: '', additional: { customDataJson: '{"a":{"deep":1}}' } }, 'Customer Data (JSON)'],
		[{ email: 'bob@example.com', mobile: '', additional: { customDataJson: '{"a":' } }, 'Customer Data (JSON)'],
		[{ email: 'bob@example.com', mobile: '', additional: { customData: { field: [{ key: '', value: 'x' }] } } }, 'Customer Data'],
		[{ email: 'bob@example.com', mobile: '', additional: { notes: { note: 'x' } } }, 'Notes'],
		[{ email: 'bob@example.com', mobile: '', additional: { name: {} } }, 'Name'],
		[{ email: 'bob@example.com', mobile: '', additional: { externalId: [1] } }, 'ID in Your System'],
	])('rejects %j', (input, field) => {
		expect(failure(() => buildCreateContactBody(input)).field).toBe(field);
	});
});

describe('buildUpdateContactBody (PUT /contacts/{identifier})', () => {
	it('minimal: one field', () => {
		expect(buildUpdateContactBody({ name: 'Bob' })).toEqual({ contact: { name: 'Bob' } });
	});

	it('every changeable field, notes added', () => {
		expect(
			buildUpdateContactBody({
				name: 'Bob Buyer',
				friendlyName: 'Bobby',
				externalAvatarUrl: 'https://cdn.example.com/bob.png',
				customDataJson: { plan: 'gold' },
				notes: { note: [{ text: 'Renewed' }] },
			}),
		).toEqual({
			contact: {
				name: 'Bob Buyer',
				friendly_name: 'Bobby',
				external_avatar_url: 'https://cdn.example.com/bob.png',
				data: { plan: 'gold' },
				notes: ['Renewed'],
			},
		});
	});

	it.each([
		[{}, 'Update Fields'],
		[{ name: '', notes: {} }, 'Update Fields'],
		[{ externalAvatarUrl: 'nope' }, 'External Avatar URL'],
		[{ customDataJson: '[1]' }, 'Customer Data (JSON)'],
		[{ friendlyName: true }, 'Friendly Name'],
		[{ notes: 5 }, 'Add Notes'],
	])('rejects %j', (input, field) => {
		expect(failure(() => buildUpdateContactBody(input)).field).toBe(field);
	});
});

describe('buildGetContactRequest (GET /contacts/{identifier})', () => {
	it('builds the path and identifier_type', () => {
		expect(buildGetContactRequest('+12223334444', 'mobile')).toEqual({
			path: ['contacts', '+12223334444'],
			identifier: '+12223334444',
			qs: { identifier_type: 'mobile' },
			notFound: 'no contact with mobile "+12223334444"',
		});
	});
});

describe('buildContactQuery (GET /contacts)', () => {
	it('sends nothing for no filters', () => {
		expect(buildContactQuery({})).toEqual({});
	});

	it('maps every filter, data[key]=value for customer data', () => {
		expect(
			buildContactQuery({
				q: ' bob ',
				sort: 'date',
				type: 'mobile',
				customData: { field: [{ key: 'plan', value: 'gold' }, { key: 'region', value: 'eu' }] },
				exactEmail: 'Bob@Example.com',
			}),
		).toEqual({ q: 'bob', sort: 'date', type: 'mobile', 'data[plan]': 'gold', 'data[region]': 'eu' });
	});

	it('searches for the exact email when no search text is given', () => {
		expect(buildContactQuery({ exactEmail: ' Bob@Example.com ' })).toEqual({ q: 'bob@example.com' });
		expect(exactEmailOf({ exactEmail: ' Bob@Example.com ' })).toBe('bob@example.com');
		expect(exactEmailOf({})).toBeUndefined();
	});

	it('compares emails ignoring case and surrounding space', () => {
		expect(matchesEmail({ email: ' BOB@example.com' }, 'bob@example.com')).toBe(true);
		expect(matchesEmail({ email: 'bob@example.com.au' }, 'bob@example.com')).toBe(false);
		expect(matchesEmail({ email: null }, 'bob@example.com')).toBe(false);
	});

	it.each([
		[{ sort: 'name' }, 'Sort'],
		[{ type: 'twitter' }, 'Only With'],
		[{ exactEmail: 'bob' }, 'Exact Email'],
		[{ q: {} }, 'Search'],
		[{ customData: { field: [{ key: 'a', value: {} }] } }, 'Customer Data'],
	])('rejects %j', (filters, field) => {
		expect(failure(() => buildContactQuery(filters)).field).toBe(field);
	});
});

describe('identities', () => {
	it('GET /contacts/{email}/identities', () => {
		expect(buildGetIdentitiesPath(' bob@example.com ')).toEqual(['contacts', 'bob@example.com', 'identities']);
		expect(failure(() => buildGetIdentitiesPath('+12223334444')).field).toBe('Contact Email');
		expect(failure(() => buildGetIdentitiesPath('')).field).toBe('Contact Email');
	});

	it.each([
		['email', ' other@example.com ', 'other@example.com'],
		['mobile', '+12223334444', '+12223334444'],
		['instagram', 'bob.insta', 'bob.insta'],
		['igsid', '17841400000000000', '17841400000000000'],
		['twitter', '@bob', '@bob'],
	])('wraps a %s identity', (type, value, sent) => {
		expect(buildAddIdentityBody({ type, identifier: value })).toEqual({ identity: { type, identifier: sent } });
	});

	it.each([
		[{ type: 'facebook', identifier: '1000123' }, 'Identity Type'],
		[{ type: '', identifier: 'x@y.com' }, 'Identity Type'],
		[{ type: 'email', identifier: 'not-an-email' }, 'Identity'],
		[{ type: 'mobile', identifier: '2223334444' }, 'Identity'],
		[{ type: 'mobile', identifier: '' }, 'Identity'],
		[{ type: 'twitter', identifier: '' }, 'Identity'],
	])('rejects %j', (input, field) => {
		expect(failure(() => buildAddIdentityBody(input)).field).toBe(field);
	});
});

describe('notes', () => {
	it('create: a flat body, minimal and with every field', () => {
		expect(buildCreateNoteBody({ body: 'Called, no answer', additional: {} })).toEqual({ body: 'Called, no answer' });
		expect(
			buildCreateNoteBody({
				body: 'Imported',
				additional: { creatorEmail: 'sam@acme.test', createdAt: '2025-01-02T03:04:05Z' },
			}),
		).toEqual({ body: 'Imported', creator_email: 'sam@acme.test', created_at: '2025-01-02T03:04:05Z' });
	});

	it.each([
		[{ body: '', additional: {} }, 'Note'],
		[{ body: 'x', additional: { creatorEmail: 'sam' } }, 'Creator Email'],
		[{ body: 'x', additional: { createdAt: 'yesterday' } }, 'Created At'],
	])('create rejects %j', (input, field) => {
		expect(failure(() => buildCreateNoteBody(input)).field).toBe(field);
	});

	it('finds the new notes by ID, UUID strings and numbers alike', () => {
		const before = [
			{ id: '5b0c6f1e-0d6a-4c3a-9b1e-1f2a3b4c5d6e', note: 'old' },
			{ id: 7, note: 'old number' },
		];
		const after = [
			...before,
			{ id: '7', note: 'same id as text: not new' },
			{ id: '9e107d9d-3728-4b2b-8a55-7f1c2d3e4f50', note: 'new' },
			{ note: 'no id' },
		];
		expect(newNotes(before, after)).toEqual([{ id: '9e107d9d-3728-4b2b-8a55-7f1c2d3e4f50', note: 'new' }]);
		expect(newNotes([], [{ id: 1, note: 'first' }])).toEqual([{ id: 1, note: 'first' }]);
		expect(newNotes(before, before)).toEqual([]);
	});

	it('update: a flat body, the note ID kept as text in the path', () => {
		expect(buildUpdateNoteBody('New text')).toEqual({ body: 'New text' });
		expect(failure(() => buildUpdateNoteBody(' ')).field).toBe('Note');
		const address = contactAddress('bob@example.com', 'email');
		expect(notePath(address, ' 5b0c6f1e-0d6a ')).toEqual(['contacts', 'bob@example.com', 'notes', '5b0c6f1e-0d6a']);
		expect(notePath(address, 12)).toEqual(['contacts', 'bob@example.com', 'notes', '12']);
		expect(failure(() => notePath(address, '')).field).toBe('Note ID');
		expect(failure(() => notePath(address, '..')).field).toBe('Note ID');
	});

	it('update: picks the note from an answer that lists every note', () => {
		expect(pickNote([{ id: 'a' }, { id: 'b', note: 'x' }], 'b')).toEqual({ id: 'b', note: 'x' });
		expect(pickNote([{ id: 1 }], '1')).toEqual({ id: 1 });
		expect(pickNote({ id: 'b' }, 'b')).toBeUndefined();
	});
});
