import type { INodePropertyOptions } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';
import { EVENT_NAMES, ReamazeTrigger } from '../../../nodes/ReamazeTrigger/ReamazeTrigger.node';

/**
 * The canvas subtitle is an n8n expression over `$parameter`. Evaluated here as plain JavaScript,
 * which is what the body of `={{ … }}` is; test/ui/polish.test.ts reads it off the real canvas.
 */
function subtitle(expression: string | undefined, parameter: Record<string, unknown>): unknown {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression ?? '')?.[1];
	if (body === undefined) throw new Error(`not an expression: ${expression}`);
	return new Function('$parameter', `return (${body});`)(parameter) as unknown;
}

describe('canvas subtitles show display names, not raw values', () => {
	const node = new Reamaze().description;

	it('the Re:amaze node shows the action of every resource and operation', () => {
		expect(subtitle(node.subtitle, { resource: 'conversation', operation: 'create' })).toBe('Create a conversation');
		expect(subtitle(node.subtitle, { resource: 'report', operation: 'tags' })).toBe('Get the tags report');
		expect(subtitle(node.subtitle, { resource: 'contact', operation: 'getNotes' })).toBe('Get many notes of a contact');
		const resources = node.properties.find((property) => property.name === 'resource')?.options as INodePropertyOptions[];
		for (const resource of resources) {
			const operations = node.properties.find(
				(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
			)?.options as Array<INodePropertyOptions & { action: string }>;
			for (const operation of operations) {
				expect(subtitle(node.subtitle, { resource: resource.value, operation: operation.value })).toBe(operation.action);
			}
		}
	});

	it('an operation the table does not know (set by an expression) falls back to the raw values', () => {
		expect(subtitle(node.subtitle, { resource: 'conversation', operation: 'archive' })).toBe('archive: conversation');
	});

	it('the trigger shows the Trigger On name', () => {
		const trigger = new ReamazeTrigger().description;
		const options = trigger.properties.find((property) => property.name === 'event')?.options as INodePropertyOptions[];
		expect(Object.fromEntries(options.map((option) => [option.value, option.name]))).toEqual(EVENT_NAMES);
		expect(subtitle(trigger.subtitle, { event: 'newConversation' })).toBe('New Conversation');
		expect(subtitle(trigger.subtitle, { event: 'newRating' })).toBe('New Satisfaction Rating');
		expect(subtitle(trigger.subtitle, { event: 'somethingElse' })).toBe('somethingElse');
	});
});
