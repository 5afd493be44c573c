import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameters';
import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, type Raw, requireChanges, text } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { incidentId, incidentIdField, systemEntries, systemsField, updateEntry, updateMessageField, updateStatusField } from './shared';

export interface UpdateIncidentInput {
	title?: Raw;
	status?: Raw;
	message?: Raw;
	systems?: Raw;
}

/**
 * PUT /incidents/{id} body, the same shape as create (reamaze-api.md §2.13): a new title, a new
 * update (status and message together) and/or system statuses. Pure: throws InputError on bad input.
 */
export function buildUpdateIncidentBody(input: UpdateIncidentInput): IDataObject {
	const incident = compact({
		title: text(input.title, 'Title')?.trim() || undefined,
		updates_attributes: updateEntry(input.status, input.message, false),
		incidents_systems_attributes: systemEntries(input.systems),
	});
	requireChanges(incident, 'add a title, a status update or an affected system to change');
	return { incident };
}

export const properties: INodeProperties[] = [
	incidentIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...updateMessageField, description: 'Adds a status update with this text (needs Status)' },
			{ ...updateStatusField, description: 'Status of the new update (needs Message)' },
			{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		],
	},
	{ ...systemsField, description: 'Status-page systems this incident affects, each with its new status (optional)' },
];

export const updateIncident: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['incidentId']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const id = incidentId(itemParameter(context, 'incidentId', itemIndex));
		const fields = fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields');
		const body = buildUpdateIncidentBody({ ...fields, systems: context.getNodeParameter('systems', itemIndex, {}) });
		const response = await reamazeRequest(context, {
			method: 'PUT',
			path: ['incidents', id],
			body,
			itemIndex,
			notFound: `no incident with ID "${id}"`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the updated incident');
	},
};
