import type { INodeProperties } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { ReamazeTrigger } from '../../../nodes/ReamazeTrigger/ReamazeTrigger.node';
import { eventSource } from '../../../nodes/ReamazeTrigger/events';
import { pauseSettings, skippedItem } from '../../../nodes/ReamazeTrigger/pause';

describe('pause options', () => {
	it('the trigger\'s Options hold After a Pause and Catch-Up Window, in alphabetical order, defaults Resume From Now and 24 hours', () => {
		const options = new ReamazeTrigger().description.properties.find((property) => property.name === 'requestOptions');
		const names = (options?.options as INodeProperties[]).map((option) => option.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		expect(names).toEqual(expect.arrayContaining(['After a Pause', 'Catch-Up Window (Hours)', 'Max Total Wait (Seconds)']));
		expect(pauseSettings({})).toEqual({ catchUp: false, windowMs: 24 * 3_600_000 });
		expect(pauseSettings({ afterPause: 'catchUp', catchUpWindowHours: 2 })).toEqual({ catchUp: true, windowMs: 2 * 3_600_000 });
		expect(pauseSettings({ catchUpWindowHours: -1 })).toEqual({ catchUp: false, windowMs: 24 * 3_600_000 });
	});

	it('the skip item says how many, why, and whether the count is exact', () => {
		const source = eventSource('newConversation', '');
		const item = skippedItem(source, { byPause: 3, pauseExact: true, budgetExact: true }, pauseSettings({}), Date.parse('2026-01-02T03:04:05.000Z'));
		expect(item).toEqual({
			notice:
				'Skipped 3 conversations: 3 were more than 24 hours old when this poll first saw them: the trigger had not polled for that long (the workflow was inactive, or n8n was stopped). To receive such items instead, set Options → After a Pause to "Emit Everything Missed" or raise the Catch-Up Window.',
			event: 'newConversation',
			skipped: 3,
			skippedExact: true,
			skippedBefore: '2026-01-02T03:04:05.000Z',
		});
		const estimated = skippedItem(source, { byPause: 0, pauseExact: true, byBudget: 120, budgetExact: false }, pauseSettings({ afterPause: 'catchUp' }), undefined);
		expect(estimated.notice).toBe(
			'Skipped about 120 conversations: about 120 older ones were beyond what one poll reads (100 pages of 30, or 1,000 with "Emit Everything Missed").',
		);
		expect(estimated).toMatchObject({ skipped: 120, skippedExact: false });
		expect(estimated).not.toHaveProperty('skippedBefore');
		const unknown = skippedItem(source, { byPause: 0, pauseExact: true, byBudget: 0, budgetExact: false }, pauseSettings({}), undefined);
		expect(unknown.notice).toBe(
			'Skipped an unknown number of conversations: an unknown number of older ones were beyond what one poll reads (100 pages of 30, or 1,000 with "Emit Everything Missed").',
		);
	});
});
