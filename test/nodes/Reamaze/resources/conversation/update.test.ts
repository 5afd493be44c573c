import { describe, expect, it } from 'vitest';

import { buildUpdateConversationBody, mergeTags, type UpdateConversationInput } from '../../../../../nodes/Reamaze/resources/conversation/update';
import { InputError } from '../../../../../nodes/shared/errors';

const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });

function failure(input: UpdateConversationInput, current?: string[]): InputError {
	try {
		buildUpdateConversationBody(input, current);
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('buildUpdateConversationBody', () => {
	it('matches the documented example shape (assignee is a hash on update)', () => {
		expect(
			buildUpdateConversationBody({
				assignee: locator('email', 'staff1@example.com'),
				tags: 'tag1,tag2',
				status: 0,
				customFieldsJson: '{"field1":"value1","field2":"value2"}',
			}),
		).toEqual({
			conversation: {
				assignee: { email: 'staff1@example.com' },
				tag_list: ['tag1', 'tag2'],
				status: 0,
				data: { field1: 'value1', field2: 'value2' },
			},
		});
	});

	it('sends hold_until with On Hold', () => {
		expect(buildUpdateConversationBody({ status: 5, holdUntil: '2026-12-01T09:00:00+01:00' })).toEqual({
			conversation: { status: 5, hold_until: '2026-12-01T09:00:00+01:00' },
		});
	});

	it('moves to another channel, with the brand for a cross-brand move', () => {
		expect(buildUpdateConversationBody({ moveToChannel: locator('slug', 'eu-support'), destinationBrand: 'acme-eu.reamaze.io' })).toEqual({
			conversation: { category: 'eu-support', brand: 'acme-eu.reamaze.io' },
		});
	});

	it('adds and removes tags against the current list', () => {
		expect(buildUpdateConversationBody({ tags: 'vip, refund', tagsMode: 'add' }, ['refund', 'late'])).toEqual({
			conversation: { tag_list: ['refund', 'late', 'vip'] },
		});
		expect(buildUpdateConversationBody({ tags: ['late'], tagsMode: 'remove' }, ['refund', 'late'])).toEqual({
			conversation: { tag_list: ['refund'] },
		});
		expect(buildUpdateConversationBody({ tags: ['late'], tagsMode: 'remove' }, ['late'])).toEqual({
			conversation: { tag_list: [] },
		});
	});

	it('mergeTags keeps order and removes duplicates', () => {
		expect(mergeTags(['a', 'b'], ['b', 'c', 'c'], 'add')).toEqual(['a', 'b', 'c']);
		expect(mergeTags(['a', 'b'], ['c', 'c'], 'replace')).toEqual(['c']);
	});

	it.each([
		[{}, 'Update Fields', 'at least one field'],
		[{ tagsMode: 'add' }, 'Tags', 'is required when Tags Mode'],
		[{ status: 5 }, 'Hold Until', 'is required when the status is On Hold'],
		[{ status: 5, holdUntil: '31/12/2026' }, 'Hold Until', 'is not a date'],
		[{ destinationBrand: 'acme-eu.reamaze.io' }, 'Destination Brand URL', 'only used together with Move to Channel'],
		[{ assignee: locator('email', 'staff1') }, 'Assignee', 'is not an email address'],
		[{ assignee: 'staff1@example.com' }, 'Assignee', 'expected a choice with a mode (list, email)'],
		[{ moveToChannel: 'eu-support' }, 'Move to Channel', 'expected a choice with a mode (list, slug)'],
		[{ customFieldsJson: 'nope' }, 'Custom Fields (JSON)', 'is not valid JSON'],
		[{ tags: 'a', tagsMode: 'merge' }, 'Tags Mode', 'unknown choice'],
	] as Array<[UpdateConversationInput, string, string]>)('rejects bad input before sending (%#)', (input, field, problem) => {
		const error = failure(input, []);
		expect(error.field).toBe(field);
		expect(error.problem).toContain(problem);
	});
});

describe('dates', () => {
	it('refuses a Hold Until day that does not exist instead of rolling it over', () => {
		expect(() => buildUpdateConversationBody({ status: 5, holdUntil: '2026-02-30T09:00:00Z' })).toThrow(InputError);
	});
});
