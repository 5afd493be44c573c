import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { compact, dateTime, describe, fieldSet, isBlank, type Raw, text } from '../../../shared/validate';
import { reamazeList } from '../../transport';

export interface SatisfactionRatingFilters {
	rating?: Raw;
	assigneeId?: Raw;
	createdAfter?: Raw;
	createdBefore?: Raw;
	updatedAfter?: Raw;
	updatedBefore?: Raw;
}

function rating(value: Raw): number | undefined {
	if (isBlank(value)) return undefined;
	const score = typeof value === 'string' ? Number(value.trim()) : value;
	if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
		throw new InputError('Rating', `must be a whole number from 1 to 5, got ${describe(value)}`);
	}
	return score;
}

/** A window whose end lies before its start can match nothing: almost surely swapped fields. */
function window(after: string | undefined, before: string | undefined, afterField: string, beforeField: string): void {
	if (after !== undefined && before !== undefined && Date.parse(before) < Date.parse(after)) {
		throw new InputError(beforeField, `${describe(before)} is before ${afterField} ${describe(after)}, so no rating can match`);
	}
}

/** GET /satisfaction_ratings query (reamaze-api.md §2.12). Pure: throws InputError on bad input. */
export function buildSatisfactionRatingQuery(filters: SatisfactionRatingFilters): IDataObject {
	const query = compact({
		rating: rating(filters.rating),
		assignee_id: text(filters.assigneeId, 'Assignee ID')?.trim() || undefined,
		created_after: dateTime(filters.createdAfter, 'Created After'),
		created_before: dateTime(filters.createdBefore, 'Created Before'),
		updated_after: dateTime(filters.updatedAfter, 'Updated After'),
		updated_before: dateTime(filters.updatedBefore, 'Updated Before'),
	});
	window(query.created_after, query.created_before, 'Created After', 'Created Before');
	window(query.updated_after, query.updated_before, 'Updated After', 'Updated Before');
	return query;
}

export const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Assignee ID',
				name: 'assigneeId',
				type: 'string',
				default: '',
				description: 'Only ratings of conversations assigned to the staff user with this ID',
			},
			{
				displayName: 'Created After',
				name: 'createdAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Created Before',
				name: 'createdBefore',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Rating',
				name: 'rating',
				type: 'options',
				default: 5,
				options: [
					{ name: '1 (Lowest)', value: 1 },
					{ name: '2', value: 2 },
					{ name: '3', value: 3 },
					{ name: '4', value: 4 },
					{ name: '5 (Highest)', value: 5 },
				],
				description: 'Only ratings with this score',
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
			},
		],
	},
];

export const getManySatisfactionRatings: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const filters: SatisfactionRatingFilters = fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters');
		return await reamazeList(context, {
			path: ['satisfaction_ratings'],
			qs: buildSatisfactionRatingQuery(filters),
			itemsKey: 'satisfaction_ratings',
			paged: true,
			limit: readLimit(context, itemIndex),
			itemIndex,
			// §2.12: without `access_reports` the API answers 403.
			forbidden: 'satisfaction ratings need the "access reports" permission, which the role of the credential\'s user probably lacks',
			policy: readOptions(context, itemIndex),
		});
	},
};
