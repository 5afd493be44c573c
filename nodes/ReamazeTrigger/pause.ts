import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { EventSource } from './events';
import { CATCH_UP_MAX_PAGES, MAX_PAGES_PER_POLL } from './read';

/**
 * What a poll does with items that happened long before it first sees them. The trigger polls
 * every few minutes, so such items were missed while it did not poll (a workflow deactivated for
 * days, n8n stopped): by default it resumes from now and says how many it skipped, instead of
 * emitting thousands of old items at once.
 */

export const DEFAULT_CATCH_UP_WINDOW_HOURS = 24;

export interface PauseSettings {
	/** Emit everything missed (in batches), instead of resuming from now. */
	catchUp: boolean;
	/** Items older than this when first seen were missed during a pause. */
	windowMs: number;
}

export function pauseSettings(raw: unknown): PauseSettings {
	const options = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as IDataObject;
	const hours = options.catchUpWindowHours;
	return {
		catchUp: options.afterPause === 'catchUp',
		windowMs: (typeof hours === 'number' && Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_CATCH_UP_WINDOW_HOURS) * 3_600_000,
	};
}

export const pauseOptions: INodeProperties[] = [
	{
		displayName: 'After a Pause',
		name: 'afterPause',
		type: 'options',
		default: 'skip',
		options: [
			{
				name: 'Resume From Now',
				value: 'skip',
				description:
					'Skip items older than the Catch-Up Window and emit one item that says how many were skipped',
			},
			{
				name: 'Emit Everything Missed',
				value: 'catchUp',
				description: `Emit every missed item, oldest first, up to ${(MAX_PAGES_PER_POLL * 30).toLocaleString('en-US')} per poll`,
			},
		],
		description:
			'What the trigger does with items it missed while it was not polling (the workflow was inactive, or n8n was stopped)',
	},
	{
		displayName: 'Catch-Up Window (Hours)',
		name: 'catchUpWindowHours',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_CATCH_UP_WINDOW_HOURS,
		description:
			'An item older than this when a poll first sees it was missed during a pause. Keep it longer than the time between two polls.',
	},
];

/** The trigger's Options: the request options plus the pause options, in alphabetical order as n8n lists them. */
export function withPauseOptions(requestOptions: INodeProperties): INodeProperties {
	const options = [...((requestOptions.options ?? []) as INodeProperties[]), ...pauseOptions];
	return { ...requestOptions, options: options.sort((a, b) => a.displayName.localeCompare(b.displayName, 'en')) };
}

export interface Skipped {
	/** Items left out because they were older than the Catch-Up Window. */
	byPause: number;
	/** False when that count comes from the API's total count, which cannot tell the items at its bounds apart. */
	pauseExact: boolean;
	/** Items left out because more were new than one poll reads (undefined: none). */
	byBudget?: number;
	/** False when that count is an estimate from the API's page counts (or unknown, then `byBudget` is 0). */
	budgetExact: boolean;
}

/** The one item a poll emits, before the others, when it skipped items: what, how many, why. */
export function skippedItem(source: EventSource, skipped: Skipped, settings: PauseSettings, skipBefore: number | undefined): IDataObject {
	const byBudget = skipped.byBudget ?? 0;
	const total = skipped.byPause + byBudget;
	const exact = skipped.pauseExact && skipped.budgetExact;
	const about = exact ? '' : 'about ';
	const hours = settings.windowMs / 3_600_000;
	const parts: string[] = [];
	if (skipped.byPause > 0) {
		parts.push(
			`${skipped.pauseExact ? '' : 'about '}${skipped.byPause} were more than ${hours} hours old when this poll first saw them: the trigger had not polled for that long (the workflow was inactive, or n8n was stopped)`,
		);
	}
	if (skipped.byBudget !== undefined) {
		parts.push(
			`${byBudget === 0 ? 'an unknown number of' : `${skipped.budgetExact ? '' : 'about '}${byBudget}`} older ones were beyond what one poll reads (${MAX_PAGES_PER_POLL} pages of 30, or ${CATCH_UP_MAX_PAGES.toLocaleString('en-US')} with "Emit Everything Missed")`,
		);
	}
	const advice =
		skipped.byPause > 0 ? ' To receive such items instead, set Options → After a Pause to "Emit Everything Missed" or raise the Catch-Up Window.' : '';
	return {
		notice: `Skipped ${total === 0 ? 'an unknown number of' : `${about}${total}`} ${source.whatPlural}: ${parts.join('; ')}.${advice}`,
		event: source.stream.split(':')[0],
		skipped: total,
		skippedExact: exact,
		...(skipBefore === undefined ? {} : { skippedBefore: new Date(skipBefore).toISOString() }),
	};
}
