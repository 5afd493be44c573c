import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { incidentId, incidentIdField } from './shared';

export const properties: INodeProperties[] = [incidentIdField];

/** GET /incidents/{id} (reamaze-api.md §2.13): the incident with its updates and systems. */
export const getIncident: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const id = incidentId(context.getNodeParameter('incidentId', itemIndex, ''));
		const response = await reamazeRequest(context, {
			method: 'GET',
			path: ['incidents', id],
			itemIndex,
			notFound: `no incident with ID "${id}"`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'an incident');
	},
};
