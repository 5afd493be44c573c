import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, type Raw, requiredText } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { systemEntries, systemsField, updateEntry, updateMessageField, updateStatusField } from './shared';

export interface CreateIncidentInput {
	title: Raw;
	status: Raw;
	message: Raw;
	systems?: Raw;
}

/**
 * POST /incidents body (reamaze-api.md §2.13): the title, the first update and, optionally, the
 * affected systems. Pure: throws InputError on bad input.
 */
export function buildCreateIncidentBody(input: CreateIncidentInput): IDataObject {
	return {
		incident: compact({
			title: requiredText(input.title, 'Title').trim(),
			updates_attributes: updateEntry(input.status, input.message, true),
			incidents_systems_attributes: systemEntries(input.systems),
		}),
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Live chat widget not loading',
	},
	updateStatusField,
	{ ...updateMessageField, required: true },
	systemsField,
];

export const createIncident: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const body = buildCreateIncidentBody({
			title: context.getNodeParameter('title', itemIndex, ''),
			status: context.getNodeParameter('status', itemIndex, ''),
			message: context.getNodeParameter('message', itemIndex, ''),
			systems: context.getNodeParameter('systems', itemIndex, {}),
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['incidents'],
			body,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the created incident');
	},
};
