import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { compact, describe, identifier, isBlank, type Raw, text } from '../../../shared/validate';

// §2.13: the statuses of an incident update and of an affected system.
export const UPDATE_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Identified', value: 'identified', description: 'The cause is known' },
	{ name: 'Investigating', value: 'investigating', description: 'The problem is being looked into' },
	{ name: 'Monitoring', value: 'monitoring', description: 'A fix is in place and being watched' },
	{ name: 'Resolved', value: 'resolved', description: 'The incident is over' },
];

export const SYSTEM_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Degraded Performance', value: 'degraded_performance' },
	{ name: 'Major Outage', value: 'major_outage' },
	{ name: 'Operational', value: 'operational' },
	{ name: 'Partial Outage', value: 'partial_outage' },
	{ name: 'Under Maintenance', value: 'under_maintenance' },
];

function choice(value: Raw, field: string, options: INodePropertyOptions[]): string {
	const allowed = options.map((option) => String(option.value));
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputError(field, `unknown choice ${describe(value)} (use one of ${allowed.join(', ')})`);
	}
	return value;
}

export const incidentIdField: INodeProperties = {
	displayName: 'Incident ID',
	name: 'incidentId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'b3a1c2d4-…',
	description: 'The ID of the incident (a UUID on the status page)',
};

export function incidentId(value: Raw): string {
	return identifier(value, 'Incident ID');
}

export const updateStatusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: UPDATE_STATUS_OPTIONS,
	default: 'investigating',
	description: 'Status of this update; the incident shows the status of its latest update',
};

export const updateMessageField: INodeProperties = {
	displayName: 'Message',
	name: 'message',
	type: 'string',
	default: '',
	typeOptions: { rows: 3 },
	description: 'What the status page shows for this update',
};

export const systemsField: INodeProperties = {
	displayName: 'Affected Systems',
	name: 'systems',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add System',
	description: 'Status-page systems this incident affects, each with its status (optional)',
	options: [
		{
			displayName: 'System',
			name: 'system',
			values: [
				{
					displayName: 'System ID',
					name: 'systemId',
					type: 'string',
					default: '',
					description: 'The ID of the system, as System → Get Many returns it (often a UUID)',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: SYSTEM_STATUS_OPTIONS,
					default: 'degraded_performance',
				},
			],
		},
	],
};

/** `updates_attributes`: one `{status, message}` entry, or undefined when neither is given. */
export function updateEntry(status: Raw, message: Raw, required: boolean): IDataObject[] | undefined {
	const body = text(message, 'Message');
	if (!required && isBlank(status) && body === undefined) return undefined;
	if (body === undefined || body.trim() === '') {
		throw new InputError('Message', required ? 'is required' : 'is required with a status update');
	}
	if (isBlank(status)) throw new InputError('Status', 'is required with a Message');
	return [{ status: choice(status, 'Status', UPDATE_STATUS_OPTIONS), message: body }];
}

/** The rows of the Affected Systems fixedCollection (`{system: [...]}`), or an expression's list of `{systemId, status}`. */
export function systemEntries(value: Raw): IDataObject[] | undefined {
	const rows = value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject).system : value;
	if (isBlank(rows)) return undefined;
	if (!Array.isArray(rows)) throw new InputError('Affected Systems', `expected a list of systems, got ${describe(rows)}`);
	return rows.map((row: unknown) => {
		if (!row || typeof row !== 'object' || Array.isArray(row)) {
			throw new InputError('Affected Systems', `each entry must be a system and a status, got ${describe(row)}`);
		}
		const entry = row as IDataObject;
		return compact({
			system_id: identifier(entry.systemId, 'Affected Systems: System ID'),
			status: choice(entry.status, 'Affected Systems: Status', SYSTEM_STATUS_OPTIONS),
		});
	});
}
