import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { actionInEffect, macroOutcome } from '../../../../../nodes/LibreDesk/resources/macro/verify';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('actionInEffect (reading the result back, §5.2)', () => {
	const conversation = { assigned_team_id: 3, assigned_user_id: null, status_id: 3, priority_id: 2, tags: ['vip', 'bug'] };
	it.each([
		[{ type: 'assign_team', value: ['3'] }, true],
		[{ type: 'assign_user', value: ['2'] }, false],
		[{ type: 'set_status', value: ['3'] }, true],
		[{ type: 'set_priority', value: ['3'] }, false],
		[{ type: 'add_tags', value: ['vip'] }, true],
		[{ type: 'remove_tags', value: ['vip'] }, false],
		[{ type: 'set_tags', value: ['bug', 'vip'] }, true],
		[{ type: 'set_tags', value: ['bug'] }, false],
	])('%j → %s', (action, expected) => {
		expect(actionInEffect(action, conversation)).toBe(expected);
	});

	it('cannot tell for a field the conversation lacks', () => {
		expect(actionInEffect({ type: 'add_tags', value: ['x'] }, {})).toBeUndefined();
		expect(actionInEffect({ type: 'set_priority', value: ['1'] }, {})).toBeUndefined();
	});

	it('calls the result partial on the server\'s 207 text or on an action not in effect', () => {
		const actions = [{ type: 'assign_team', value: ['3'] }];
		expect(macroOutcome(actions, conversation, 'Macro applied').result).toBe('applied');
		expect(macroOutcome(actions, conversation, 'Macro partially applied').result).toBe('partially applied');
		expect(macroOutcome([{ type: 'assign_user', value: ['2'] }], conversation, 'Makro angewendet').result).toBe('partially applied');
	});
});

describe('Macro on the wire (§9.8)', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: 42, conversations: 30 });
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	/** An open conversation without team, priority or feedback tag, so every macro action changes it. */
	const target = () => {
		const conversation = sb.state.conversations[0];
		Object.assign(conversation, { assignedTeamId: null, assignedUserId: null, priorityId: null, statusId: 1, snoozedUntil: null, tagIds: [] });
		return conversation;
	};
	const locator = (uuid: string) => ({ __rl: true, mode: 'uuid', value: uuid });

	it('Get Many: one GET /macros, every macro with its actions', async () => {
		const result = await runNode(sb, { resource: 'macro', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/macros']);
		expect(result.items.map((item) => item.json.name)).toEqual(['Internal note', 'Greeting reply', 'Resolve with thanks', 'Escalate']);
		expect(result.items[3].json.actions).toEqual([
			{ type: 'assign_team', value: ['3'], display_value: ['Escalations'] },
			{ type: 'set_priority', value: ['3'], display_value: ['High'] },
		]);
	});

	it('Apply sends the macro\'s stored actions, then outputs the conversation as it is afterwards', async () => {
		const conversation = target();
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 1 });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual([
			'GET /api/v1/macros',
			`POST /api/v1/conversations/${conversation.uuid}/macros/1/apply`,
			`GET /api/v1/conversations/${conversation.uuid}`,
		]);
		const apply = sb.requests[1];
		expect(apply.headers['content-type']).toBe('application/json');
		expect(apply.bodyText).toBe('[{"type":"assign_team","value":["3"]},{"type":"set_priority","value":["3"]}]');
		expect(apply.status).toBe(200);
		expect(sb.state.conversation(conversation.uuid)).toMatchObject({ assignedTeamId: 3, priorityId: 3 });
		expect(sb.state.macros.find((macro) => macro.id === 1)?.usageCount).toBe(1);
		const json = result.items[0].json;
		expect(json).toMatchObject({ uuid: conversation.uuid, assigned_team_id: 3, priority: 'High' });
		expect(json.macro).toEqual({
			id: 1,
			name: 'Escalate',
			result: 'applied',
			server_message: 'Macro applied',
			actions: [
				{ type: 'assign_team', value: ['3'], in_effect: true },
				{ type: 'set_priority', value: ['3'], in_effect: true },
			],
			skipped_actions: [],
			warnings: [],
		});
	});

	it('Apply by reference number finds the UUID first; the reply text of the macro is reported as not sent', async () => {
		const conversation = target();
		const result = await runNode(sb, {
			resource: 'macro',
			operation: 'apply',
			conversation: { __rl: true, mode: 'referenceNumber', value: `#${conversation.referenceNumber}` },
			macroId: '2',
		});
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual([
			'GET /api/v1/macros',
			`GET /api/v1/conversations/search?query=${conversation.referenceNumber}`,
			`POST /api/v1/conversations/${conversation.uuid}/macros/2/apply`,
			`GET /api/v1/conversations/${conversation.uuid}`,
		]);
		expect(sb.requests[2].body).toEqual([
			{ type: 'set_status', value: ['3'] },
			{ type: 'add_tags', value: ['feedback'] },
		]);
		const json = result.items[0].json as { status: string; tags: string[]; macro: { result: string; warnings: string[] } };
		expect(json.status).toBe('Resolved');
		expect(json.tags).toContain('feedback');
		expect(json.macro.result).toBe('applied');
		expect(json.macro.warnings).toEqual([
			'The macro\'s reply text (message_content) was not sent: LibreDesk\'s API does not send it; use Message → Send with the text instead',
		]);
	});

	it('Apply skips reply actions with a warning and applies the rest', async () => {
		const conversation = target();
		const macro = sb.state.macros.find((entry) => entry.id === 3)!;
		macro.actions.push({ type: 'add_tags', value: ['vip'], display_value: ['vip'] });
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 3 });
		expect(result.error).toBeUndefined();
		expect(sb.requests[1].body).toEqual([{ type: 'add_tags', value: ['vip'] }]);
		expect(result.items[0].json.macro).toMatchObject({
			result: 'applied',
			skipped_actions: [{ type: 'send_reply', value: ['Hello!'] }],
			warnings: ['Skipped "send_reply": LibreDesk\'s API does not send replies or notes from a macro; use Message → Send with the text instead'],
		});
	});

	it('a macro with only a reply or a note fails the item without touching the conversation', async () => {
		const conversation = target();
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 4 });
		expect(result.error?.message).toBe('Item 1: the macro "Internal note" has no action LibreDesk\'s API can apply');
		expect(result.error?.description).toBe(
			'Skipped "send_private_note": LibreDesk\'s API does not send replies or notes from a macro; use Message → Send with the text instead. Nothing was changed.',
		);
		expect(trail(sb)).toEqual(['GET /api/v1/macros']);
	});

	it('a macro without any action fails the item and says so', async () => {
		const conversation = target();
		sb.state.macros.find((entry) => entry.id === 1)!.actions = [];
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 1 });
		expect(result.error?.message).toBe('Item 1: the macro "Escalate" has no action LibreDesk\'s API can apply');
		expect(result.error?.description).toBe('The macro has no actions. Nothing was changed.');
		expect(trail(sb)).toEqual(['GET /api/v1/macros']);
	});

	it('207: some actions failed; the output says which are not in effect', async () => {
		const conversation = target();
		sb.state.macros.find((entry) => entry.id === 1)!.actions = [
			{ type: 'set_priority', value: ['2'], display_value: ['Medium'] },
			{ type: 'assign_user', value: ['999'], display_value: ['Nobody'] },
		];
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 1 });
		expect(result.error).toBeUndefined();
		expect(sb.requests[1].status).toBe(207);
		expect(result.items[0].json.macro).toMatchObject({
			result: 'partially applied',
			server_message: 'Macro partially applied',
			actions: [
				{ type: 'set_priority', value: ['2'], in_effect: true },
				{ type: 'assign_user', value: ['999'], in_effect: false },
			],
		});
	});

	it('500: every action failed; the error says the macro may point at something deleted', async () => {
		const conversation = target();
		sb.state.macros.find((entry) => entry.id === 1)!.actions = [{ type: 'assign_team', value: ['999'], display_value: ['Gone'] }];
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 1 });
		expect(result.error?.message).toBe('LibreDesk could not apply any action of the macro "Escalate" (HTTP 500): Could not apply macro');
		expect(trail(sb).filter((line) => line.startsWith('POST'))).toHaveLength(1);
		expect(sb.state.conversation(conversation.uuid)?.assignedTeamId).toBeNull();
	});

	it('an unknown macro is reported before anything is sent to the conversation', async () => {
		const conversation = target();
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 77 });
		expect(result.error?.message).toBe('Not found: no macro with ID 77');
		expect(trail(sb)).toEqual(['GET /api/v1/macros']);
	});

	it('an unknown conversation is the apply route\'s 404', async () => {
		const uuid = '00000000-0000-4000-8000-000000000000';
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(uuid), macroId: 1 });
		expect(result.error?.message).toBe(`Not found (HTTP 404): no conversation with UUID "${uuid}", or the macro 1 was deleted meanwhile`);
	});

	it('a bad macro ID or UUID fails the item before any request', async () => {
		const bad = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator('={{ "not-a-uuid" }}'), macroId: '={{ "x" }}' });
		expect(bad.error?.message).toBe('Item 1: Macro expected the numeric ID (a whole number of 1 or more), got "x"');
		const badUuid = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator('={{ "not-a-uuid" }}'), macroId: 1 });
		expect(badUuid.error?.message).toBe('Item 1: Conversation UUID "not-a-uuid" is not a UUID (8-4-4-4-12 hexadecimal digits)');
		expect(sb.requests).toHaveLength(0);
	});

	it('the Agent key without a permission an action needs: the 403 names the macro\'s permissions', async () => {
		const conversation = target();
		const agent = sb.state.roles.find((role) => role.name === 'Agent')!;
		sb.state.setRolePermissions('Agent', agent.permissions.filter((permission) => permission !== 'conversations:update_priority'));
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 1 }, { key: 'agent' });
		expect(result.error?.message).toBe('LibreDesk refused to apply the macro "Escalate" (HTTP 403): Permission denied for some macro actions');
		expect(result.error?.description).toContain('"conversations:update_team_assignee", "conversations:update_priority"');
		expect(sb.state.conversation(conversation.uuid)?.assignedTeamId).toBeNull();
	});

	it('the Agent key with the default role applies a macro to a conversation it may see', async () => {
		const conversation = target();
		const result = await runNode(sb, { resource: 'macro', operation: 'apply', conversation: locator(conversation.uuid), macroId: 1 }, { key: 'agent' });
		expect(result.error).toBeUndefined();
		expect((result.items[0].json.macro as { result: string }).result).toBe('applied');
	});
});
