import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { compact, day, type Raw } from '../../../shared/validate';

export interface ReportRangeInput {
	startDate?: Raw;
	endDate?: Raw;
}

function utc(dayText: string): number {
	const [year, month, date] = dayText.split('-').map(Number);
	return Date.UTC(year, month - 1, date);
}

function dayOf(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

/**
 * `start_date`/`end_date` of every report, as YYYY-MM-DD (the Go lib's form, §2.11 and §6.1). Pure.
 *
 * Rules, checked before any request:
 * - Neither date: nothing is sent, and Re:amaze reports its default period (the last 30 days).
 * - One date alone is refused: what Re:amaze assumes for the other one is not documented, so the
 *   range could not be checked.
 * - The range must be at least 1 day and at most 1 year (§2.11). Whether Re:amaze counts the end
 *   day in is not documented either, so the node accepts only ranges valid under both readings:
 *   End Date at least one day after Start Date, and before Start Date's first anniversary.
 */
export function buildReportQuery(input: ReportRangeInput): IDataObject {
	const start = day(input.startDate, 'Start Date');
	const end = day(input.endDate, 'End Date');
	if (start === undefined && end === undefined) return {};
	if (start === undefined) throw new InputError('Start Date', 'is required when End Date is set (set both dates, or neither for the last 30 days)');
	if (end === undefined) throw new InputError('End Date', 'is required when Start Date is set (set both dates, or neither for the last 30 days)');
	const startMs = utc(start);
	const endMs = utc(end);
	if (endMs < startMs) throw new InputError('End Date', `${end} is before the Start Date ${start}`);
	if (endMs === startMs) {
		throw new InputError('End Date', `must be at least 1 day after the Start Date ${start}: a Re:amaze report covers at least 1 day`);
	}
	const [year, month, date] = start.split('-').map(Number);
	// Date.UTC rolls 29 February over to 1 March in a year without it.
	const anniversary = Date.UTC(year + 1, month - 1, date);
	if (endMs >= anniversary) {
		throw new InputError(
			'End Date',
			`makes the range longer than Re:amaze allows (at most 1 year): with the Start Date ${start}, use ${dayOf(anniversary - 86_400_000)} or earlier`,
		);
	}
	return compact({ start_date: start, end_date: end });
}
