import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { getInboxes, getStatuses, getTeams } from '../../../nodes/LibreDesk/methods/loadOptions';
import { LibreDeskTrigger } from '../../../nodes/LibreDeskTrigger/LibreDeskTrigger.node';
import { WEBHOOK_EVENTS } from '../../../nodes/LibreDeskTrigger/events';

const trigger = new LibreDeskTrigger();
const { description } = trigger;
const property = (name: string) => description.properties.find((entry) => entry.name === name) as INodeProperties;

describe('LibreDesk Trigger description', () => {
	it('is a webhook trigger that answers on receipt (LibreDesk waits 3 s for headers, §12.3)', () => {
		expect(description).toMatchObject({ name: 'libreDeskTrigger', displayName: 'LibreDesk Trigger', group: ['trigger'], version: 1, inputs: [] });
		expect(description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }]);
		expect(description).not.toHaveProperty('usableAsTool');
		expect(Object.keys(trigger.webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it('needs the LibreDesk credential only for automatic setup', () => {
		expect(description.credentials).toEqual([{ name: 'libreDeskApi', required: true, displayOptions: { show: { setup: ['automatic'] } } }]);
		expect(property('setup')).toMatchObject({ default: 'automatic', options: [{ value: 'automatic' }, { value: 'manual' }] });
	});

	it('takes the manual secret in a password field shown only for manual setup', () => {
		expect(property('webhookSecret')).toMatchObject({ typeOptions: { password: true }, required: true, displayOptions: { show: { setup: ['manual'] } } });
	});

	it('offers the seven events, custom names, filters from the LibreDesk node\'s pickers, and the options', () => {
		expect((property('events').options as Array<{ value: string }>).map((option) => option.value).sort()).toEqual([...WEBHOOK_EVENTS].sort());
		expect(property('customEvents').type).toBe('string');
		const filters = property('filters').options as INodeProperties[];
		expect(filters.map((filter) => [filter.name, filter.typeOptions?.loadOptionsMethod])).toEqual([
			['inboxIds', 'getInboxes'],
			['statuses', 'getStatuses'],
			['teamIds', 'getTeams'],
		]);
		expect(trigger.methods.loadOptions).toEqual({ getInboxes, getTeams, getStatuses });
		const options = property('options').options as INodeProperties[];
		expect(Object.fromEntries(options.map((option) => [option.name, option.default]))).toEqual({ emitTestEvents: false, includeRaw: false, maxAgeSeconds: 300 });
	});
});
