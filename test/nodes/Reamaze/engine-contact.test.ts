import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { requestTrail, runChain } from './sandbox-run';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const outputOf = (result: Awaited<ReturnType<typeof runChain>>, node: string) => result.nodeOutputs[node]?.[0] ?? [];

describe('Contact in the real n8n engine against the sandbox', () => {
	it('creates contacts by email and by mobile, adds a note, an identity and updates them, pairing every item', async () => {
		// Each later node addresses the contact through $('Create Contact').item: pairedItem must hold through the chain.
		const byType = "={{ $('Create Contact').item.json.email ? 'email' : 'mobile' }}";
		const byValue = "={{ $('Create Contact').item.json.email ?? $('Create Contact').item.json.mobile }}";
		const result = await runChain(
			sandbox,
			[
				{
					name: 'Create Contact',
					parameters: {
						resource: 'contact',
						operation: 'create',
						email: '={{ $json.email ?? "" }}',
						mobile: '={{ $json.mobile ?? "" }}',
						additionalFields: {
							name: '={{ $json.name }}',
							externalId: '={{ $json.crmId }}',
							customData: { field: [{ key: 'plan', value: '={{ $json.plan }}' }] },
							notes: { note: [{ text: 'Imported from the CRM, batch 7' }] },
						},
					},
				},
				{
					name: 'Add Note',
					parameters: {
						resource: 'contact',
						operation: 'createNote',
						identifierType: byType,
						contactIdentifier: byValue,
						body: "=Call back {{ $('Create Contact').item.json.name }}",
					},
				},
				{
					name: 'Add Twitter',
					parameters: {
						resource: 'contact',
						operation: 'addIdentity',
						identifierType: byType,
						contactIdentifier: byValue,
						identityType: 'twitter',
						identity: "=@{{ $('Test Items').item.json.handle }}",
					},
				},
				{
					name: 'Update Contact',
					parameters: {
						resource: 'contact',
						operation: 'update',
						identifierType: 'twitter',
						contactIdentifier: '={{ $json.identifier }}',
						updateFields: { friendlyName: "={{ $('Test Items').item.json.name.split(' ')[0] }}" },
					},
				},
			],
			[
				{ email: 'carla@example.com', name: 'Carla Customer', crmId: 'crm-1', plan: 'gold', handle: 'carla' },
				{ mobile: '+15550001111', name: 'Dan Dialer', crmId: 'crm-2', plan: 'free', handle: 'dan' },
			],
		);
		expect(result.errors).toEqual({});
		expect(result.finished).toBe(true);

		const created = outputOf(result, 'Create Contact');
		expect(created.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(created[0].json).toMatchObject({ name: 'Carla Customer', email: 'carla@example.com', id: 'crm-1', data: { plan: 'gold' } });
		expect(created[1].json).toMatchObject({ name: 'Dan Dialer', email: null, mobile: '+15550001111', id: 'crm-2', data: { plan: 'free' } });

		// Only the new note, although the API answered with both notes of each contact.
		const notes = outputOf(result, 'Add Note');
		expect(notes.map((item) => [item.json.note, item.pairedItem])).toEqual([
			['Call back Carla Customer', { item: 0 }],
			['Call back Dan Dialer', { item: 1 }],
		]);
		expect(typeof notes[0].json.id).toBe('string');

		const identities = outputOf(result, 'Add Twitter');
		expect(identities.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ type: 'twitter', identifier: '@carla' }, { item: 0 }],
			[{ type: 'twitter', identifier: '@dan' }, { item: 1 }],
		]);

		const updated = outputOf(result, 'Update Contact');
		expect(updated.map((item) => [item.json.friendly_name, item.json.twitter, item.pairedItem])).toEqual([
			['Carla', '@carla', { item: 0 }],
			['Dan', '@dan', { item: 1 }],
		]);

		const carla = sandbox.state.findContact('carla@example.com');
		const dan = sandbox.state.findContact('+15550001111', 'mobile');
		expect(carla?.friendlyName).toBe('Carla');
		expect(dan?.friendlyName).toBe('Dan');
		expect(carla?.notes.map((note) => note.body)).toEqual(['Imported from the CRM, batch 7', 'Call back Carla Customer']);
		expect(dan?.notes.map((note) => note.body)).toEqual(['Imported from the CRM, batch 7', 'Call back Dan Dialer']);
		expect(sandbox.state.findContact('@dan', 'twitter')).toBe(dan);

		// Node after node; within a node the two items run side by side, so only each item's own order is fixed.
		const trail = requestTrail(sandbox);
		const nodes = [trail.slice(0, 2), trail.slice(2, 6), trail.slice(6, 8), trail.slice(8, 10)];
		expect(trail).toHaveLength(10);
		expect(nodes[0]).toEqual(['POST /acme/api/v1/contacts', 'POST /acme/api/v1/contacts']);
		const carlaNotes = ['GET /acme/api/v1/contacts/carla%40example.com/notes', 'POST /acme/api/v1/contacts/carla%40example.com/notes'];
		const danNotes = [
			'GET /acme/api/v1/contacts/%2B15550001111/notes?identifier_type=mobile',
			'POST /acme/api/v1/contacts/%2B15550001111/notes?identifier_type=mobile',
		];
		expect(nodes[1].filter((request) => carlaNotes.includes(request))).toEqual(carlaNotes);
		expect(nodes[1].filter((request) => danNotes.includes(request))).toEqual(danNotes);
		expect([...nodes[2]].sort()).toEqual([
			'POST /acme/api/v1/contacts/%2B15550001111/identities?identifier_type=mobile',
			'POST /acme/api/v1/contacts/carla%40example.com/identities',
		]);
		expect([...nodes[3]].sort()).toEqual(['PUT /acme/api/v1/contacts/%40carla?identifier_type=twitter', 'PUT /acme/api/v1/contacts/%40dan?identifier_type=twitter']);
	});

	it('edits and deletes a note by its UUID, lists notes and identities, and finds a contact by exact email', async () => {
		const setup = await runChain(sandbox, [
			{ name: 'Create', parameters: { resource: 'contact', operation: 'create', email: 'erin@example.com', mobile: '+15550002222' } },
			{ name: 'Note A', parameters: { resource: 'contact', operation: 'createNote', contactIdentifier: 'erin@example.com', body: 'A' } },
			{ name: 'Note B', parameters: { resource: 'contact', operation: 'createNote', contactIdentifier: 'erin@example.com', body: 'B' } },
			{
				name: 'Edit B',
				parameters: { resource: 'contact', operation: 'updateNote', contactIdentifier: 'erin@example.com', noteId: '={{ $json.id }}', body: 'B, edited' },
			},
			{
				name: 'Delete A',
				parameters: {
					resource: 'contact',
					operation: 'deleteNote',
					identifierType: 'mobile',
					contactIdentifier: '+15550002222',
					noteId: "={{ $('Note A').item.json.id }}",
				},
			},
			{ name: 'Notes', parameters: { resource: 'contact', operation: 'getNotes', contactIdentifier: 'erin@example.com' } },
			{ name: 'Identities', parameters: { resource: 'contact', operation: 'getIdentities', contactEmail: 'erin@example.com' } },
		]);
		expect(setup.errors).toEqual({});
		const noteA = outputOf(setup, 'Note A')[0].json;
		const noteB = outputOf(setup, 'Note B')[0].json;
		expect(noteA.id).toMatch(/^[0-9a-f-]{36}$/);
		expect(outputOf(setup, 'Edit B')).toEqual([{ json: expect.objectContaining({ id: noteB.id, note: 'B, edited' }), pairedItem: { item: 0 } }]);
		expect(outputOf(setup, 'Delete A')).toEqual([{ json: { deleted: true, id: noteA.id }, pairedItem: { item: 0 } }]);
		expect(outputOf(setup, 'Notes').map((item) => [item.json.id, item.json.note, item.pairedItem])).toEqual([[noteB.id, 'B, edited', { item: 0 }]]);
		expect(outputOf(setup, 'Identities').map((item) => item.json)).toEqual([
			{ type: 'email', identifier: 'erin@example.com' },
			{ type: 'mobile', identifier: '+15550002222' },
		]);
		expect(sandbox.state.findContact('erin@example.com')?.notes.map((note) => note.body)).toEqual(['B, edited']);

		sandbox.clearRequests();
		const search = await runChain(
			sandbox,
			[
				{ name: 'Other', parameters: { resource: 'contact', operation: 'create', email: 'erin@example.com.au' } },
				{
					name: 'Find',
					parameters: { resource: 'contact', operation: 'getAll', returnAll: true, filters: { exactEmail: 'ERIN@example.com' } },
				},
				{ name: 'Get', parameters: { resource: 'contact', operation: 'get', contactIdentifier: '={{ $json.email }}' } },
			],
		);
		expect(search.errors).toEqual({});
		// The sandbox's q matches both addresses loosely; only the exact one comes out.
		expect(outputOf(search, 'Find').map((item) => [item.json.email, item.pairedItem])).toEqual([['erin@example.com', { item: 0 }]]);
		expect(outputOf(search, 'Get').map((item) => item.json.email)).toEqual(['erin@example.com']);
		expect(requestTrail(sandbox)).toEqual([
			'POST /acme/api/v1/contacts',
			'GET /acme/api/v1/contacts?q=erin@example.com&page=1',
			'GET /acme/api/v1/contacts/erin%40example.com',
		]);
	});

	it('adding an identity owned by another contact moves it (the documented warning)', async () => {
		const result = await runChain(sandbox, [
			{ name: 'Keep', parameters: { resource: 'contact', operation: 'create', email: 'keep@example.com' } },
			{ name: 'Old', parameters: { resource: 'contact', operation: 'create', email: 'old@example.com' } },
			{
				name: 'Move',
				parameters: { resource: 'contact', operation: 'addIdentity', contactIdentifier: 'keep@example.com', identityType: 'email', identity: 'old@example.com' },
			},
		]);
		expect(result.errors).toEqual({});
		expect(outputOf(result, 'Move')).toEqual([{ json: { type: 'email', identifier: 'old@example.com' }, pairedItem: { item: 0 } }]);
		const keep = sandbox.state.findContact('keep@example.com');
		expect(sandbox.state.findContact('old@example.com')).toBe(keep);
		expect(sandbox.state.contacts).toHaveLength(1);
	});
});
