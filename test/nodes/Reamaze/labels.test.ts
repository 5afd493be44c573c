import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';
import { ReamazeTrigger } from '../../../nodes/ReamazeTrigger/ReamazeTrigger.node';

const properties = new Reamaze().description.properties;

/** Every parameter, at any depth (collection options, fixed-collection values). */
function allParameters(list: Array<INodeProperties | INodePropertyOptions | INodePropertyCollection>): INodeProperties[] {
	const out: INodeProperties[] = [];
	for (const entry of list) {
		if ('type' in entry && 'displayName' in entry) out.push(entry as INodeProperties);
		if ('options' in entry && Array.isArray(entry.options)) out.push(...allParameters(entry.options as INodeProperties[]));
		if ('values' in entry && Array.isArray(entry.values)) out.push(...allParameters(entry.values));
	}
	return out;
}

function shownFor(resource: string, operation: string): INodeProperties[] {
	return properties.filter(
		(property) => property.displayOptions?.show?.resource?.includes(resource) && property.displayOptions?.show?.operation?.includes(operation),
	);
}

describe('labels and hints say what the value is', () => {
	const parameters = allParameters(properties);

	it('no "Name or ID" label and no "specify an ID" hint: the account lists are locators whose values are slugs or emails', () => {
		const text = JSON.stringify(properties);
		expect(text).not.toMatch(/Name or ID|specify an ID/);
		const lists = parameters.filter((parameter) => parameter.type === 'resourceLocator');
		expect(new Set(lists.map((parameter) => parameter.displayName))).toEqual(
			new Set(['Conversation', 'Channel', 'Move to Channel', 'Assignee', 'Sender']),
		);
		const assignee = parameters.find((parameter) => parameter.name === 'assignee');
		expect(assignee?.modes?.map((mode) => [mode.displayName, mode.type])).toEqual([
			['From List', 'list'],
			['By Email', 'string'],
		]);
		const channel = parameters.find((parameter) => parameter.name === 'channel');
		expect(channel?.modes?.map((mode) => mode.displayName)).toEqual(['From List', 'By Slug']);
	});

	it('the conversation locator modes are short enough for n8n\'s mode selector ("By Reference ID" was cut)', () => {
		const conversation = parameters.find((parameter) => parameter.name === 'conversation');
		expect(conversation?.modes?.map((mode) => mode.displayName)).toEqual(['From List', 'By Slug', 'By URL', 'By Ref']);
	});

	it('Conversation → Get: "Look Up By" does not offer "Conversation" right above the Conversation field', () => {
		const lookupBy = shownFor('conversation', 'get').find((property) => property.name === 'lookupBy');
		const names = (lookupBy?.options as INodePropertyOptions[]).map((option) => option.name);
		expect(names).toEqual(['Slug, URL or Ref', 'Origin ID']);
		expect(shownFor('conversation', 'get').map((property) => property.displayName)).toContain('Conversation');
	});

	it('Message → Create: Origin ID Generation comes right after Origin ID, and the list stays alphabetical', () => {
		const additional = shownFor('message', 'create').find((property) => property.name === 'additionalFields');
		const names = (additional?.options as INodeProperties[]).map((option) => option.displayName);
		expect(names.indexOf('Origin ID Generation')).toBe(names.indexOf('Origin ID') + 1);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('Contact → Get describes what it does, not which list the endpoint is missing from', () => {
		const operation = properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('contact'));
		const get = (operation?.options as INodePropertyOptions[]).find((option) => option.value === 'get');
		expect(get?.description).toBe('Get one contact by email, mobile number or social handle');
	});

	it('Conversation → Get has Simplify, as Get Many does', () => {
		for (const operation of ['get', 'getAll']) {
			expect(shownFor('conversation', operation).find((property) => property.name === 'simplify')?.default).toBe(true);
		}
	});

	it('the trigger\'s notice does not say where Poll Times is (n8n puts it above the notice)', () => {
		const notice = new ReamazeTrigger().description.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toContain('Poll Times');
		expect(notice?.displayName).not.toMatch(/below|above/);
	});

	it('no parameter keeps a name for a version that was never published', () => {
		const names = parameters.map((parameter) => parameter.name);
		for (const old of ['conversationSlug', 'conversationId', 'channelSlug', 'originChannelSlug']) expect(names).not.toContain(old);
		const lookupBy = shownFor('conversation', 'get').find((property) => property.name === 'lookupBy');
		expect((lookupBy?.options as INodePropertyOptions[]).map((option) => option.value)).toEqual(['conversation', 'origin']);
	});
});
