import { describe, expect, it } from 'vitest';

import { buildCreateResponseTemplateBody } from '../../../../../nodes/Reamaze/resources/responseTemplate/create';
import { buildResponseTemplateQuery } from '../../../../../nodes/Reamaze/resources/responseTemplate/getAll';
import { buildUpdateResponseTemplateBody } from '../../../../../nodes/Reamaze/resources/responseTemplate/update';
import { InputError } from '../../../../../nodes/shared/errors';

function failure(build: () => unknown): InputError {
	try {
		build();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('buildCreateResponseTemplateBody', () => {
	it('sends name and body only, when Personal is not set', () => {
		expect(buildCreateResponseTemplateBody({ name: ' Refund issued ', body: 'Your refund is on its way.', additional: {} })).toEqual({
			response_template: { name: 'Refund issued', body: 'Your refund is on its way.' },
		});
	});

	it('sends is_personal as 1 or 0, never as a boolean (§3.5)', () => {
		expect(buildCreateResponseTemplateBody({ name: 'Sig', body: 'Best, Olivia', additional: { isPersonal: true } })).toEqual({
			response_template: { name: 'Sig', body: 'Best, Olivia', is_personal: 1 },
		});
		expect(buildCreateResponseTemplateBody({ name: 'Sig', body: 'Best', additional: { isPersonal: false } }).response_template).toEqual({
			name: 'Sig',
			body: 'Best',
			is_personal: 0,
		});
	});

	it.each([
		[{ name: '', body: 'b', additional: {} }, 'Name', 'is required'],
		[{ name: '  ', body: 'b', additional: {} }, 'Name', 'is required'],
		[{ name: 'n', body: '', additional: {} }, 'Body', 'is required'],
		[{ name: { x: 1 }, body: 'b', additional: {} }, 'Name', 'expected text, got an object'],
		[{ name: 'n', body: 'b', additional: { isPersonal: 'yes' } }, 'Personal', 'expected true or false, got "yes"'],
	])('refuses %j', (input, field, problem) => {
		const error = failure(() => buildCreateResponseTemplateBody(input));
		expect([error.field, error.problem]).toEqual([field, problem]);
	});
});

describe('buildUpdateResponseTemplateBody', () => {
	it('sends only the fields given', () => {
		expect(buildUpdateResponseTemplateBody({ body: 'New text' })).toEqual({ response_template: { body: 'New text' } });
		expect(buildUpdateResponseTemplateBody({ name: 'Renamed', body: 'B', isPersonal: false })).toEqual({
			response_template: { name: 'Renamed', body: 'B', is_personal: 0 },
		});
	});

	it('refuses an update with nothing to change (blank fields count as not set)', () => {
		const error = failure(() => buildUpdateResponseTemplateBody({ name: ' ', body: '' }));
		expect([error.field, error.problem]).toEqual(['Update Fields', 'add at least one field to change']);
		expect(failure(() => buildUpdateResponseTemplateBody({})).field).toBe('Update Fields');
	});
});

describe('buildResponseTemplateQuery', () => {
	it('sends q only when a keyword is given', () => {
		expect(buildResponseTemplateQuery({})).toEqual({});
		expect(buildResponseTemplateQuery({ query: '  ' })).toEqual({});
		expect(buildResponseTemplateQuery({ query: ' refund ' })).toEqual({ q: 'refund' });
	});
});
