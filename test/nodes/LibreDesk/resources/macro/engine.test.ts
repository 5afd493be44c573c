import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { outputOf, runChain, runExample, trail } from '../contact/sandboxRun';

let sb: LibreDeskSandbox;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ seed: 42, conversations: 20 });
});
beforeEach(() => sb.reset());
afterAll(async () => sb.close());

describe('Macro → Apply in the real n8n engine against the sandbox', () => {
	it('applies two macros to the same conversation in input order, and one to another, pairing each item', async () => {
		const [first, second] = sb.state.conversations;
		for (const conversation of [first, second]) {
			Object.assign(conversation, { assignedTeamId: null, assignedUserId: null, priorityId: null, statusId: 1, tagIds: [] });
		}
		const result = await runChain(
			sb,
			[
				{
					name: 'Apply',
					parameters: {
						resource: 'macro',
						operation: 'apply',
						conversation: { __rl: true, mode: 'uuid', value: '={{ $json.uuid }}' },
						macroId: '={{ $json.macro }}',
						requestOptions: { concurrency: 5 },
					},
				},
			],
			{
				items: [
					{ uuid: first.uuid, macro: 1 },
					{ uuid: first.uuid, macro: 2 },
					{ uuid: second.uuid, macro: 2 },
				],
			},
		);
		expect(result.errors).toEqual({});
		const out = outputOf(result, 'Apply');
		expect(out.map((item) => [item.json.uuid, (item.json.macro as { name: string }).name, item.pairedItem])).toEqual([
			[first.uuid, 'Escalate', { item: 0 }],
			[first.uuid, 'Resolve with thanks', { item: 1 }],
			[second.uuid, 'Resolve with thanks', { item: 2 }],
		]);
		// Item 1 saw item 0's result: the same conversation is changed one item after the other.
		expect(out[0].json).toMatchObject({ status: 'Open', priority: 'High', assigned_team_id: 3 });
		expect(out[1].json).toMatchObject({ status: 'Resolved', priority: 'High', assigned_team_id: 3, tags: ['feedback'] });
		expect(out[2].json).toMatchObject({ status: 'Resolved', priority: null, assigned_team_id: null, tags: ['feedback'] });
		const firstTrail = trail(sb).filter((line) => line.includes(first.uuid));
		expect(firstTrail).toEqual([
			`POST /api/v1/conversations/${first.uuid}/macros/1/apply`,
			`GET /api/v1/conversations/${first.uuid}`,
			`POST /api/v1/conversations/${first.uuid}/macros/2/apply`,
			`GET /api/v1/conversations/${first.uuid}`,
		]);
	});
});

describe('examples/libredesk/lookups-and-macro.json in the engine', () => {
	it('reads every lookup once and escalates conversation #100', async () => {
		const conversation = sb.state.conversationByReference('100')!;
		Object.assign(conversation, { assignedTeamId: null, priorityId: 1 });
		const result = await runExample(sb, 'examples/libredesk/lookups-and-macro.json');
		expect(result.errors).toEqual({});
		expect(result.finished).toBe(true);
		const names = (node: string) => outputOf(result, node).map((item) => item.json.name ?? item.json.first_name ?? item.json.key);
		expect(outputOf(result, 'Who Am I').map((item) => item.json.email)).toEqual(['alice@desk.test']);
		expect(names('Enabled Agents')).toEqual(['Alice', 'Bob', 'Carol', 'Ivy']);
		expect(names('Email Inboxes')).toEqual(['Support', 'Sales']);
		expect(names('Teams')).toEqual(['Billing', 'Escalations', 'Support']);
		expect(names('Tags')).toHaveLength(10);
		expect(names('Statuses')).toEqual(['Open', 'Snoozed', 'Resolved', 'Closed', 'Waiting on customer']);
		expect(names('Priorities')).toEqual(['Low', 'Medium', 'High']);
		expect(names('Contact Attributes')).toEqual(['Tier', 'Website', 'Company']);
		expect(names('Views')).toEqual(['My open', 'Support queue', 'Everything snoozed']);
		expect(names('Macros')).toEqual(['Internal note', 'Greeting reply', 'Resolve with thanks', 'Escalate']);
		const applied = outputOf(result, 'Apply Escalate Macro');
		expect(applied).toHaveLength(1);
		expect(applied[0].json).toMatchObject({ reference_number: '100', assigned_team_id: 3, priority: 'High', macro: { name: 'Escalate', result: 'applied' } });
		expect(sb.state.conversationByReference('100')).toMatchObject({ assignedTeamId: 3, priorityId: 3 });
	});
});
