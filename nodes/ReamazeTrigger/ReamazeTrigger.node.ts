import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { InputError } from '../shared/errors';
import { policyFromOptions, requestOptionsProperty } from '../shared/options';
import { collect, type Entry, readState, startState } from './cursor';
import { type EventSource, eventSource } from './events';
import { pauseSettings, skippedItem, withPauseOptions } from './pause';
import { readNew, readNewest } from './read';

export { CATCH_UP_MAX_PAGES, MAX_PAGES_PER_POLL } from './read';

/** Trigger On's option names by value, for the canvas subtitle (a test keeps them equal to the options). */
export const EVENT_NAMES: Record<string, string> = {
	newConversation: 'New Conversation',
	newMessage: 'New Message',
	newRating: 'New Satisfaction Rating',
	updatedConversation: 'Updated Conversation',
};

/** Where the cursor lives in the node's static data. */
export const STATE_KEY = 'reamazeCursor';

export class ReamazeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Re:amaze Trigger',
		name: 'reamazeTrigger',
		icon: { light: 'file:../Reamaze/reamaze.svg', dark: 'file:../Reamaze/reamaze.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The Trigger On name, not its value ("newConversation"); see Reamaze/helpers/subtitle.ts.
		subtitle: `={{ ${JSON.stringify(EVENT_NAMES)}[$parameter["event"]] || $parameter["event"] }}`,
		description: 'Starts the workflow when Re:amaze conversations, messages or satisfaction ratings are new or changed',
		defaults: { name: 'Re:amaze Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reamazeApi', required: true }],
		properties: [
			{
				displayName:
					'Re:amaze offers no webhooks for these events, so this node asks for changes at the times set in Poll Times. When the workflow is activated it starts from that moment: earlier items are not emitted.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				default: 'newConversation',
				options: [
					{
						name: 'New Conversation',
						value: 'newConversation',
						description: 'A conversation was created (in any channel, including ones archived or marked spam since)',
					},
					{
						name: 'New Message',
						value: 'newMessage',
						description: 'A message, reply or internal note was added to any conversation',
					},
					{
						name: 'New Satisfaction Rating',
						value: 'newRating',
						description: 'A customer rated a conversation. The API user\'s role needs the "access reports" permission.',
					},
					{
						name: 'Updated Conversation',
						value: 'updatedConversation',
						description:
							'A conversation changed in any way: new message, status, tags, assignee, custom fields. A new conversation counts as its first change.',
					},
				],
			},
			{
				displayName: 'Sent By',
				name: 'messageFilter',
				type: 'options',
				noDataExpression: true,
				default: '',
				displayOptions: { show: { event: ['newMessage'] } },
				options: [
					{ name: 'Anyone', value: '' },
					{ name: 'Customers Only', value: 'customer' },
					{ name: 'Staff Only', value: 'staff', description: 'Staff replies and internal notes' },
				],
			},
			withPauseOptions(requestOptionsProperty('Re:amaze', false)),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		let source: EventSource;
		try {
			source = eventSource(this.getNodeParameter('event', 'newConversation'), this.getNodeParameter('messageFilter', ''));
		} catch (error) {
			const message = error instanceof InputError ? `${error.field} ${error.problem}` : (error as Error).message;
			throw new NodeOperationError(this.getNode(), message, { description: 'Correct the trigger\'s parameters.' });
		}
		const rawOptions = this.getNodeParameter('requestOptions', {});
		const policy = policyFromOptions(rawOptions);

		if (this.getMode() === 'manual') {
			// A test run shows the most recent item, so fields can be mapped; the cursor is left alone.
			const newest = await readNewest(this, source, policy);
			const latest = newest.reduce<Entry<IDataObject> | undefined>((best, entry) => (!best || entry.time > best.time ? entry : best), undefined);
			return latest ? [[{ json: latest.item }]] : null;
		}

		const staticData = this.getWorkflowStaticData('node');
		const state = readState(staticData[STATE_KEY], source.stream);
		if (!state) {
			staticData[STATE_KEY] = startState(source.stream, await readNewest(this, source, policy)) as unknown as IDataObject;
			return null;
		}
		const pause = pauseSettings(rawOptions);
		const now = Date.now();
		const skipBefore = pause.catchUp ? undefined : now - pause.windowMs;
		// Every request of the poll comes before the state changes: a failure leaves the cursor as it was.
		const read = await readNew(this, source, state, policy, { now, skipBefore, catchUp: pause.catchUp });
		const { emit, skipped, next } = collect(state, read.entries, { skipBefore });
		// n8n saves static data it sees written to, so a poll that found nothing writes nothing.
		if (next !== state) staticData[STATE_KEY] = next as unknown as IDataObject;
		const output: INodeExecutionData[] = emit.map((entry) => ({ json: entry.item }));
		const byPause = skipped + (read.countedBeforeSkip ?? 0);
		// Unread items the page budget left behind: a count, or an unknown number (count 0, not exact).
		const unread = read.unread !== undefined && (read.unread.count > 0 || !read.unread.exact) ? read.unread : undefined;
		if (byPause > 0 || unread !== undefined) {
			const counts = {
				byPause,
				pauseExact: read.countedBeforeSkip === undefined,
				byBudget: unread?.count,
				budgetExact: unread?.exact ?? true,
			};
			output.unshift({ json: skippedItem(source, counts, pause, byPause > 0 ? skipBefore : undefined) });
		}
		return output.length > 0 ? [output] : null;
	}
}
