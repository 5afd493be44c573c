import { describe, expect, it } from 'vitest';

import { buildSatisfactionRatingQuery } from '../../../../../nodes/Reamaze/resources/satisfactionRating/getAll';
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

describe('buildSatisfactionRatingQuery', () => {
	it('is empty without filters', () => {
		expect(buildSatisfactionRatingQuery({})).toEqual({});
	});

	it('sends every documented filter under its API name (§2.12)', () => {
		expect(
			buildSatisfactionRatingQuery({
				rating: '4',
				assigneeId: ' 12 ',
				createdAfter: '2026-01-01T00:00:00Z',
				createdBefore: '2026-02-01T00:00:00Z',
				updatedAfter: '2026-01-15',
				updatedBefore: '2026-03-01T00:00:00+01:00',
			}),
		).toEqual({
			rating: 4,
			assignee_id: '12',
			created_after: '2026-01-01T00:00:00Z',
			created_before: '2026-02-01T00:00:00Z',
			updated_after: '2026-01-15',
			updated_before: '2026-03-01T00:00:00+01:00',
		});
	});

	it.each([
		[{ rating: 0 }, 'Rating', 'must be a whole number from 1 to 5, got "0"'],
		[{ rating: 6 }, 'Rating', 'must be a whole number from 1 to 5, got "6"'],
		[{ rating: 4.5 }, 'Rating', 'must be a whole number from 1 to 5, got "4.5"'],
		[{ rating: 'five' }, 'Rating', 'must be a whole number from 1 to 5, got "five"'],
		[{ createdAfter: 'yesterday' }, 'Created After', '"yesterday" is not a date (use ISO 8601, e.g. 2026-12-01T09:00:00Z)'],
		[{ updatedBefore: '01/03/2026' }, 'Updated Before', '"01/03/2026" is not a date (use ISO 8601, e.g. 2026-12-01T09:00:00Z)'],
		[{ assigneeId: ['1', '2'] }, 'Assignee ID', 'expected text, got a list'],
		[
			{ createdAfter: '2026-02-01T00:00:00Z', createdBefore: '2026-01-01T00:00:00Z' },
			'Created Before',
			'"2026-01-01T00:00:00Z" is before Created After "2026-02-01T00:00:00Z", so no rating can match',
		],
		[
			{ updatedAfter: '2026-02-01', updatedBefore: '2026-01-31' },
			'Updated Before',
			'"2026-01-31" is before Updated After "2026-02-01", so no rating can match',
		],
	])('refuses %j', (filters, field, problem) => {
		const error = failure(() => buildSatisfactionRatingQuery(filters));
		expect([error.field, error.problem]).toEqual([field, problem]);
	});
});
