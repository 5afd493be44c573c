import { describe, expect, it } from 'vitest';

import { buildReportQuery } from '../../../../../nodes/Reamaze/resources/report/range';
import { splitReport } from '../../../../../nodes/Reamaze/resources/report/report';
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

describe('buildReportQuery', () => {
	it('sends nothing without dates (Re:amaze then reports the last 30 days)', () => {
		expect(buildReportQuery({})).toEqual({});
		expect(buildReportQuery({ startDate: '', endDate: '' })).toEqual({});
	});

	it('sends both days as YYYY-MM-DD, cutting the time the date picker adds (§2.11, §6.1)', () => {
		expect(buildReportQuery({ startDate: '2026-05-01T00:00:00', endDate: '2026-05-31T00:00:00' })).toEqual({
			start_date: '2026-05-01',
			end_date: '2026-05-31',
		});
		expect(buildReportQuery({ startDate: new Date('2026-05-01T12:00:00Z'), endDate: '2026-05-02' })).toEqual({
			start_date: '2026-05-01',
			end_date: '2026-05-02',
		});
	});

	it('accepts the edges: 1 day, and up to the day before the anniversary', () => {
		expect(buildReportQuery({ startDate: '2026-05-01', endDate: '2026-05-02' })).toEqual({ start_date: '2026-05-01', end_date: '2026-05-02' });
		expect(buildReportQuery({ startDate: '2025-06-15', endDate: '2026-06-14' })).toEqual({ start_date: '2025-06-15', end_date: '2026-06-14' });
		// 29 February's anniversary is 1 March of the next year.
		expect(buildReportQuery({ startDate: '2024-02-29', endDate: '2025-02-28' })).toEqual({ start_date: '2024-02-29', end_date: '2025-02-28' });
	});

	it.each([
		[{ startDate: '2026-05-01' }, 'End Date', 'is required when Start Date is set (set both dates, or neither for the last 30 days)'],
		[{ endDate: '2026-05-01' }, 'Start Date', 'is required when End Date is set (set both dates, or neither for the last 30 days)'],
		[
			{ startDate: '2026-05-01', endDate: '2026-05-01' },
			'End Date',
			'must be at least 1 day after the Start Date 2026-05-01: a Re:amaze report covers at least 1 day',
		],
		[{ startDate: '2026-05-10', endDate: '2026-05-01' }, 'End Date', '2026-05-01 is before the Start Date 2026-05-10'],
		[
			{ startDate: '2025-06-15', endDate: '2026-06-15' },
			'End Date',
			'makes the range longer than Re:amaze allows (at most 1 year): with the Start Date 2025-06-15, use 2026-06-14 or earlier',
		],
		[
			{ startDate: '2024-02-29', endDate: '2025-03-01' },
			'End Date',
			'makes the range longer than Re:amaze allows (at most 1 year): with the Start Date 2024-02-29, use 2025-02-28 or earlier',
		],
		[{ startDate: '2020-01-01', endDate: '2026-01-01' }, 'End Date', 'makes the range longer than Re:amaze allows (at most 1 year): with the Start Date 2020-01-01, use 2020-12-31 or earlier'],
		[{ startDate: '2026-02-30', endDate: '2026-03-05' }, 'Start Date', '"2026-02-30" is not a calendar date'],
		[{ startDate: '2026-05-01', endDate: 'next week' }, 'End Date', '"next week" is not a date (use YYYY-MM-DD)'],
		[{ startDate: '05/01/2026', endDate: '2026-05-02' }, 'Start Date', '"05/01/2026" is not a date (use YYYY-MM-DD)'],
		[{ startDate: 20260501, endDate: '2026-05-02' }, 'Start Date', '"20260501" is not a date (use YYYY-MM-DD)'],
	])('refuses %j', (input, field, problem) => {
		const error = failure(() => buildReportQuery(input));
		expect([error.field, error.problem]).toEqual([field, problem]);
	});
});

describe('splitReport', () => {
	it('volume: one {date, count} per day', () => {
		expect(
			splitReport('volume', { conversation_counts: { '2026-05-01': 3, '2026-05-02': 0 }, start_date: '2026-05-01', end_date: '2026-05-02' }),
		).toEqual([
			{ date: '2026-05-01', count: 3 },
			{ date: '2026-05-02', count: 0 },
		]);
	});

	it('response time: one {date, response_time_seconds} per day; the summary is not a row', () => {
		expect(splitReport('responseTime', { response_times: { '2026-05-01': 3600.5 }, summary: { averages: { in_range: 1 } } })).toEqual([
			{ date: '2026-05-01', response_time_seconds: 3600.5 },
		]);
	});

	it('staff: one {staff, ...stats} per staff name, with the report period', () => {
		expect(
			splitReport('staff', {
				report: { 'Sam Agent': { response_count: 4, resolved_count: 2, responses_trend: { '2026-05-01': 4 } }, Odd: 7 },
				start_date: '2026-05-01',
				end_date: '2026-05-30',
			}),
		).toEqual([
			{ staff: 'Sam Agent', response_count: 4, resolved_count: 2, responses_trend: { '2026-05-01': 4 }, start_date: '2026-05-01', end_date: '2026-05-30' },
			{ staff: 'Odd', value: 7, start_date: '2026-05-01', end_date: '2026-05-30' },
		]);
	});

	it('tags: one {tag, count} per tag', () => {
		expect(splitReport('tags', { tags: { refund: 5, vip: 1 } })).toEqual([
			{ tag: 'refund', count: 5 },
			{ tag: 'vip', count: 1 },
		]);
	});

	it('channel summary: one {channel_id, ...stats} per channel', () => {
		expect(splitReport('channelSummary', { channels: { '17': { category: { name: 'Support' }, staff_responses: 9 } } })).toEqual([
			{ channel_id: '17', category: { name: 'Support' }, staff_responses: 9 },
		]);
	});

	it('an empty map gives no rows; a missing or malformed map gives undefined', () => {
		expect(splitReport('tags', { tags: {} })).toEqual([]);
		expect(splitReport('tags', {})).toBeUndefined();
		expect(splitReport('volume', { conversation_counts: [1, 2] })).toBeUndefined();
		expect(splitReport('staff', { report: null })).toBeUndefined();
	});
});
