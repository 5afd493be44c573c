import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { boolean } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { buildReportQuery } from './range';

export type ReportName = 'volume' | 'responseTime' | 'staff' | 'tags' | 'channelSummary';

interface ReportKind {
	/** Last path segment: GET /reports/{path} (reamaze-api.md §2.11). */
	path: string;
	label: string;
	/** The key of the date- or name-keyed map that "Split Into Items" turns into rows. */
	mapKey: string;
	row(key: string, value: unknown): IDataObject;
	/** Rows keyed by a name (not a date) say which period they cover. */
	withPeriod: boolean;
}

function stats(keyName: string, key: string, value: unknown): IDataObject {
	return value && typeof value === 'object' && !Array.isArray(value)
		? { [keyName]: key, ...(value as IDataObject) }
		: { [keyName]: key, value: value as IDataObject[string] };
}

export const REPORTS: Record<ReportName, ReportKind> = {
	volume: {
		path: 'volume',
		label: 'volume',
		mapKey: 'conversation_counts',
		row: (date, count) => ({ date, count: count as number }),
		withPeriod: false,
	},
	responseTime: {
		path: 'response_time',
		label: 'response time',
		mapKey: 'response_times',
		// §2.11: response times are in seconds.
		row: (date, seconds) => ({ date, response_time_seconds: seconds as number }),
		withPeriod: false,
	},
	staff: {
		path: 'staff',
		label: 'staff',
		mapKey: 'report',
		row: (name, value) => stats('staff', name, value),
		withPeriod: true,
	},
	tags: {
		path: 'tags',
		label: 'tags',
		mapKey: 'tags',
		row: (tag, count) => ({ tag, count: count as number }),
		withPeriod: true,
	},
	channelSummary: {
		path: 'channel_summary',
		label: 'channel summary',
		mapKey: 'channels',
		row: (id, value) => stats('channel_id', id, value),
		withPeriod: true,
	},
};

/**
 * One row per key of the report's map (`{date, count}`, `{tag, count}`, `{staff, ...stats}`,
 * `{channel_id, ...stats}`), in the API's order, or undefined when the report has no such map.
 * The response-time summary is not a row and is left out. Pure.
 */
export function splitReport(name: ReportName, report: IDataObject): IDataObject[] | undefined {
	const kind = REPORTS[name];
	const map = report[kind.mapKey];
	if (!map || typeof map !== 'object' || Array.isArray(map)) return undefined;
	const period: IDataObject = {};
	if (kind.withPeriod) {
		if (report.start_date !== undefined) period.start_date = report.start_date;
		if (report.end_date !== undefined) period.end_date = report.end_date;
	}
	return Object.entries(map as IDataObject).map(([key, value]) => ({ ...kind.row(key, value), ...period }));
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Start Date',
		name: 'startDate',
		type: 'dateTime',
		default: '',
		description:
			'First day of the report (only the date is sent). Set both dates or neither: without them Re:amaze reports the last 30 days.',
	},
	{
		displayName: 'End Date',
		name: 'endDate',
		type: 'dateTime',
		default: '',
		description:
			'Last day of the report: at least 1 day after Start Date and less than 1 year after it, as Re:amaze allows 1 day to 1 year',
	},
	{
		displayName: 'Split Into Items',
		name: 'splitIntoItems',
		type: 'boolean',
		default: false,
		description:
			'Whether to output one item per day, tag, staff member or channel (e.g. for a spreadsheet) instead of the report as one item. The response time summary is only in the single item.',
	},
];

export function reportOperation(name: ReportName): Operation {
	const kind = REPORTS[name];
	return {
		properties,
		async execute(context: IExecuteFunctions, itemIndex: number) {
			const qs = buildReportQuery({
				startDate: context.getNodeParameter('startDate', itemIndex, ''),
				endDate: context.getNodeParameter('endDate', itemIndex, ''),
			});
			const split = boolean(context.getNodeParameter('splitIntoItems', itemIndex, false), 'Split Into Items');
			const response = await reamazeRequest(context, {
				method: 'GET',
				path: ['reports', kind.path],
				qs,
				itemIndex,
				// §2.12 names the permission for ratings; the node's 403 text applies it to reports too.
				forbidden: 'the user\'s role may lack the "access reports" permission reports need',
				policy: readOptions(context, itemIndex),
			});
			const report = expectObject(context, response, itemIndex, `the ${kind.label} report`);
			if (!split) return report;
			const rows = splitReport(name, report);
			if (rows === undefined) {
				throw new NodeApiError(context.getNode(), { received: Object.keys(report).join(', ') } as JsonObject, {
					message: `Re:amaze did not return the "${kind.mapKey}" of the ${kind.label} report, so it cannot be split into items`,
					description: 'Turn off "Split Into Items" to see the report as Re:amaze sent it. If this persists, the API may have changed.',
					itemIndex,
				});
			}
			return rows;
		},
	};
}
