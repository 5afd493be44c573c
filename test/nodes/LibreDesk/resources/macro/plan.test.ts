import { describe, expect, it } from 'vitest';

import { permissionsFor, planMacro } from '../../../../../nodes/LibreDesk/resources/macro/plan';

describe('planMacro (what POST .../macros/{id}/apply can do, §9.8)', () => {
	it('sends the stored applicable actions as {type, value}, without display values', () => {
		const plan = planMacro({
			id: 1,
			name: 'Escalate',
			actions: [
				{ type: 'assign_team', value: ['3'], display_value: ['Escalations'] },
				{ type: 'set_priority', value: ['3'], display_value: ['High'] },
			],
			message_content: '',
		});
		expect(plan).toEqual({
			actions: [
				{ type: 'assign_team', value: ['3'] },
				{ type: 'set_priority', value: ['3'] },
			],
			skipped: [],
			warnings: [],
		});
	});

	it('skips reply and note actions with a warning, and says the reply text is not sent', () => {
		const plan = planMacro({
			actions: [
				{ type: 'set_status', value: ['3'] },
				{ type: 'send_reply', value: ['Hello!'] },
				{ type: 'send_private_note', value: ['Checked'] },
				{ type: 'send_csat', value: [] },
			],
			message_content: 'Thanks {{ .Contact.FirstName }}!',
		});
		expect(plan.actions).toEqual([{ type: 'set_status', value: ['3'] }]);
		expect(plan.skipped.map((action) => action.type)).toEqual(['send_reply', 'send_private_note', 'send_csat']);
		expect(plan.warnings).toEqual([
			'Skipped "send_reply": LibreDesk\'s API does not send replies or notes from a macro; use Message → Send with the text instead',
			'Skipped "send_private_note": LibreDesk\'s API does not send replies or notes from a macro; use Message → Send with the text instead',
			'Skipped "send_csat": LibreDesk\'s API applies only team, agent, status, priority and tag actions',
			'The macro\'s reply text (message_content) was not sent: LibreDesk\'s API does not send it; use Message → Send with the text instead',
		]);
	});

	it('keeps tag names as given, numbers as text, and tolerates junk entries', () => {
		const plan = planMacro({
			actions: [null, 'x', { type: '' }, { type: 'add_tags', value: ['R&D <beta>', 7, null] }, { type: 'remove_tags' }],
		});
		expect(plan.actions).toEqual([
			{ type: 'add_tags', value: ['R&D <beta>', '7'] },
			{ type: 'remove_tags', value: [] },
		]);
	});

	it('has nothing to send for a macro without actions', () => {
		expect(planMacro({ actions: null }).actions).toEqual([]);
	});

	it('names the permissions the actions need, once each', () => {
		expect(
			permissionsFor([
				{ type: 'add_tags', value: [] },
				{ type: 'remove_tags', value: [] },
				{ type: 'assign_user', value: ['2'] },
			]),
		).toEqual(['conversations:update_tags', 'conversations:update_user_assignee']);
	});
});
