import { describe, expect, it } from 'vitest';

import { buildCreateArticleRequest } from '../../../../../nodes/Reamaze/resources/article/create';
import { buildArticleQuery } from '../../../../../nodes/Reamaze/resources/article/getAll';
import { buildUpdateArticleBody } from '../../../../../nodes/Reamaze/resources/article/update';
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

describe('buildCreateArticleRequest', () => {
	it('posts to the topic-scoped path with the wrapped article (§2.9)', () => {
		expect(buildCreateArticleRequest({ topicSlug: ' billing ', title: ' Refund policy ', body: '# Refunds', additional: {} })).toEqual({
			path: ['topics', 'billing', 'articles'],
			body: { article: { title: 'Refund policy', body: '# Refunds' } },
		});
	});

	it('sends every status, including 0 (published), as a number', () => {
		for (const status of [0, 1, 2, '2']) {
			expect(buildCreateArticleRequest({ topicSlug: 'faq', title: 'T', body: 'B', additional: { status } }).body).toEqual({
				article: { title: 'T', body: 'B', status: Number(status) },
			});
		}
	});

	it.each([
		[{ topicSlug: '', title: 'T', body: 'B', additional: {} }, 'Topic', 'is required'],
		[{ topicSlug: '..', title: 'T', body: 'B', additional: {} }, 'Topic', '".." is not a valid identifier'],
		[{ topicSlug: 'faq', title: '', body: 'B', additional: {} }, 'Title', 'is required'],
		[{ topicSlug: 'faq', title: 'T', body: ' ', additional: {} }, 'Body', 'is required'],
		[{ topicSlug: 'faq', title: 'T', body: 'B', additional: { status: 3 } }, 'Status', 'unknown article status "3" (use 0 published, 1 draft or 2 internal)'],
		[{ topicSlug: 'faq', title: 'T', body: 'B', additional: { status: 'draft' } }, 'Status', 'expected a whole number, got "draft"'],
	])('refuses %j', (input, field, problem) => {
		const error = failure(() => buildCreateArticleRequest(input));
		expect([error.field, error.problem]).toEqual([field, problem]);
	});
});

describe('buildUpdateArticleBody', () => {
	it('sends only the fields given', () => {
		expect(buildUpdateArticleBody({ status: 1 })).toEqual({ article: { status: 1 } });
		expect(buildUpdateArticleBody({ title: ' New ', body: 'Text', status: 0 })).toEqual({ article: { title: 'New', body: 'Text', status: 0 } });
	});

	it('refuses an empty update and a bad status', () => {
		const empty = failure(() => buildUpdateArticleBody({ title: '', body: '' }));
		expect([empty.field, empty.problem]).toEqual(['Update Fields', 'add at least one field to change']);
		expect(failure(() => buildUpdateArticleBody({ status: -1 })).field).toBe('Status');
	});
});

describe('buildArticleQuery', () => {
	it('sends q and status as given, status 0 included', () => {
		expect(buildArticleQuery({})).toEqual({});
		expect(buildArticleQuery({ query: ' refund ', status: 0 })).toEqual({ q: 'refund', status: 0 });
		expect(buildArticleQuery({ status: 2 })).toEqual({ status: 2 });
	});

	it('refuses an unknown status', () => {
		expect(failure(() => buildArticleQuery({ status: 7 })).field).toBe('Status');
	});
});
