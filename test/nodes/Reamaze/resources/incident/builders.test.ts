import { describe, expect, it } from 'vitest';

import { buildCreateIncidentBody } from '../../../../../nodes/Reamaze/resources/incident/create';
import { buildUpdateIncidentBody } from '../../../../../nodes/Reamaze/resources/incident/update';
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

const SYSTEM = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

describe('buildCreateIncidentBody', () => {
	it('minimal: the title and the first update, no systems', () => {
		expect(buildCreateIncidentBody({ title: ' Chat down ', status: 'investigating', message: 'Looking into it', systems: {} })).toEqual({
			incident: { title: 'Chat down', updates_attributes: [{ status: 'investigating', message: 'Looking into it' }] },
		});
	});

	it('all fields: the affected systems from the fixedCollection rows (§2.13)', () => {
		expect(
			buildCreateIncidentBody({
				title: 'API errors',
				status: 'identified',
				message: 'A bad deploy',
				systems: { system: [{ systemId: SYSTEM, status: 'partial_outage' }, { systemId: '42', status: 'under_maintenance' }] },
			}),
		).toEqual({
			incident: {
				title: 'API errors',
				updates_attributes: [{ status: 'identified', message: 'A bad deploy' }],
				incidents_systems_attributes: [
					{ system_id: SYSTEM, status: 'partial_outage' },
					{ system_id: '42', status: 'under_maintenance' },
				],
			},
		});
	});

	it('accepts the systems as a list from an expression', () => {
		expect(
			buildCreateIncidentBody({ title: 'T', status: 'monitoring', message: 'M', systems: [{ systemId: SYSTEM, status: 'operational' }] }).incident,
		).toMatchObject({ incidents_systems_attributes: [{ system_id: SYSTEM, status: 'operational' }] });
	});

	it.each([
		[{ title: '', status: 'investigating', message: 'M' }, 'Title', 'is required'],
		[{ title: 'T', status: 'investigating', message: ' ' }, 'Message', 'is required'],
		[{ title: 'T', status: 'fixed', message: 'M' }, 'Status', 'unknown choice "fixed" (use one of identified, investigating, monitoring, resolved)'],
		[{ title: 'T', status: '', message: 'M' }, 'Status', 'is required with a Message'],
		[
			{ title: 'T', status: 'investigating', message: 'M', systems: { system: [{ systemId: SYSTEM, status: 'down' }] } },
			'Affected Systems: Status',
			'unknown choice "down" (use one of degraded_performance, major_outage, operational, partial_outage, under_maintenance)',
		],
		[
			{ title: 'T', status: 'investigating', message: 'M', systems: { system: [{ systemId: '', status: 'major_outage' }] } },
			'Affected Systems: System ID',
			'is required',
		],
		[{ title: 'T', status: 'investigating', message: 'M', systems: 'website' }, 'Affected Systems', 'expected a list of systems, got "website"'],
		[{ title: 'T', status: 'investigating', message: 'M', systems: [5] }, 'Affected Systems', 'each entry must be a system and a status, got "5"'],
	])('refuses %j', (input, field, problem) => {
		const error = failure(() => buildCreateIncidentBody(input));
		expect([error.field, error.problem]).toEqual([field, problem]);
	});
});

describe('buildUpdateIncidentBody', () => {
	it('sends a new update alone, a title alone, or systems alone', () => {
		expect(buildUpdateIncidentBody({ status: 'resolved', message: 'Fixed' })).toEqual({
			incident: { updates_attributes: [{ status: 'resolved', message: 'Fixed' }] },
		});
		expect(buildUpdateIncidentBody({ title: 'Renamed', systems: {} })).toEqual({ incident: { title: 'Renamed' } });
		expect(buildUpdateIncidentBody({ systems: { system: [{ systemId: SYSTEM, status: 'operational' }] } })).toEqual({
			incident: { incidents_systems_attributes: [{ system_id: SYSTEM, status: 'operational' }] },
		});
	});

	it('refuses an empty update and a half status update', () => {
		const empty = failure(() => buildUpdateIncidentBody({ title: ' ', systems: { system: [] } }));
		expect([empty.field, empty.problem]).toEqual(['Update Fields', 'add a title, a status update or an affected system to change']);
		const noMessage = failure(() => buildUpdateIncidentBody({ status: 'resolved' }));
		expect([noMessage.field, noMessage.problem]).toEqual(['Message', 'is required with a status update']);
		const noStatus = failure(() => buildUpdateIncidentBody({ message: 'Fixed' }));
		expect([noStatus.field, noStatus.problem]).toEqual(['Status', 'is required with a Message']);
	});
});
