import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { outputOf, runChain, runExample, trail } from './sandboxRun';

let sb: LibreDeskSandbox;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ seed: 42, conversations: 20 });
});
beforeEach(() => sb.reset());
afterAll(async () => sb.close());

describe('Contact notes in the real n8n engine against the sandbox', () => {
	it('search → add a note per contact → list notes → delete the added note, pairing every item through the chain', async () => {
		const result = await runChain(
			sb,
			[
				{ name: 'Find', parameters: { resource: 'contact', operation: 'search', query: '={{ $json.email }}' } },
				{
					name: 'Add Note',
					parameters: { resource: 'contact', operation: 'createNote', contactId: '={{ $json.id }}', note: "=Renewal call: {{ $('Input').item.json.topic }}" },
				},
				{ name: 'Notes', parameters: { resource: 'contact', operation: 'getNotes', contactId: "={{ $('Find').item.json.id }}" } },
				{
					name: 'Delete Added',
					parameters: {
						resource: 'contact',
						operation: 'deleteNote',
						contactId: "={{ $('Find').item.json.id }}",
						noteId: "={{ $('Add Note').item.json.id }}",
					},
				},
			],
			{ items: [{ email: 'emma.0@', topic: 'pricing' }, { email: 'liam.1@', topic: 'seats' }] },
		);
		expect(result.errors).toEqual({});
		const emma = sb.state.users.find((user) => user.email?.startsWith('emma.0@'))!;
		const liam = sb.state.users.find((user) => user.email?.startsWith('liam.1@'))!;

		expect(outputOf(result, 'Find').map((item) => [item.json.id, item.pairedItem])).toEqual([
			[emma.id, { item: 0 }],
			[liam.id, { item: 1 }],
		]);
		const added = outputOf(result, 'Add Note');
		expect(added.map((item) => [item.json.contact_id, item.json.note, item.pairedItem])).toEqual([
			[emma.id, 'Renewal call: pricing', { item: 0 }],
			[liam.id, 'Renewal call: seats', { item: 1 }],
		]);
		expect(outputOf(result, 'Notes').map((item) => [item.json.contact_id, item.pairedItem])).toEqual([
			[emma.id, { item: 0 }],
			[liam.id, { item: 1 }],
		]);
		expect(outputOf(result, 'Delete Added').map((item) => item.json)).toEqual([
			{ deleted: true, contact_id: emma.id, note_id: added[0].json.id },
			{ deleted: true, contact_id: liam.id, note_id: added[1].json.id },
		]);
		expect(sb.state.notes).toEqual([]);
		expect(trail(sb).filter((line) => !line.startsWith('GET'))).toEqual([
			`POST /api/v1/contacts/${emma.id}/notes`,
			`POST /api/v1/contacts/${liam.id}/notes`,
			`DELETE /api/v1/contacts/${emma.id}/notes/${added[0].json.id}`,
			`DELETE /api/v1/contacts/${liam.id}/notes/${added[1].json.id}`,
		]);
	});
});

describe('examples/libredesk/contacts.json in the engine', () => {
	it('finds the newest contact, changes its country, keeps its other fields, adds a note and lists it', async () => {
		const newest = sb.state.users
			.filter((user) => user.type !== 'agent' && user.email?.includes('@example.com') && !user.deleted)
			.sort((a, b) => b.createdAt - a.createdAt)[0];
		const before = { ...newest };
		const result = await runExample(sb, 'examples/libredesk/contacts.json');
		expect(result.errors).toEqual({});
		expect(result.finished).toBe(true);
		expect(outputOf(result, 'Newest Contact').map((item) => item.json.id)).toEqual([newest.id]);
		expect(outputOf(result, 'Update Country')[0].json).toMatchObject({ id: newest.id, country: 'DE', phone_number: before.phoneNumber, last_name: before.lastName });
		const after = sb.state.contact(newest.id)!;
		expect([after.country, after.phoneNumber, after.avatarUrl, after.email]).toEqual(['DE', before.phoneNumber, before.avatarUrl, before.email]);
		const notes = outputOf(result, 'Get Notes');
		expect(notes).toHaveLength(1);
		expect(notes[0].json.note).toMatch(/^Moved to the Berlin office on \d{4}-\d{2}-\d{2}; phone number unchanged\.$/);
		const found = outputOf(result, 'Search Contacts');
		expect(found.length).toBeGreaterThan(0);
		expect(found.every((item) => String(item.json.email).includes('emma'))).toBe(true);
	});
});
