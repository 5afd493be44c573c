import {
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
	type JsonObject,
	NodeApiError,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { reamazePage } from '../Reamaze/transport';
import { InputError } from '../shared/errors';
import { policyFromOptions, requestOptionsProperty, type RequestPolicy } from '../shared/options';
import { collect, type CursorState, type Entry, readState, scanSince, startState } from './cursor';
import { type EventSource, eventSource } from './events';

/** Where the cursor lives in the node's static data. */
export const STATE_KEY = 'reamazeCursor';

/**
 * Pages read per poll at most (30 items each, §4). A backlog beyond that (a workflow that was
 * inactive for long) is emitted from its newest 3,000 items; older ones are skipped.
 */
export const MAX_PAGES_PER_POLL = 100;

function entriesOf(context: IPollFunctions, source: EventSource, items: IDataObject[]): Array<Entry<IDataObject>> {
	return items.map((item) => {
		const entry = source.entry(item);
		if ('missing' in entry) {
			throw new NodeApiError(context.getNode(), { received: entry.missing } as JsonObject, {
				message: `Re:amaze listed a ${source.what} without a readable "${entry.missing}"`,
				description:
					'The trigger orders items by this field, so it cannot tell whether this one is new. Nothing was emitted and the next poll reads the same items again; if it persists, the API may have changed.',
			});
		}
		return entry;
	});
}

async function readPage(context: IPollFunctions, source: EventSource, qs: IDataObject, page: number, policy: RequestPolicy) {
	const answer = await reamazePage(context, { path: source.path, qs, itemsKey: source.itemsKey, paged: true, policy }, page);
	return { ...answer, entries: entriesOf(context, source, answer.items) };
}

/** The newest items there are, for the first activation and for a manual test. */
async function readNewest(context: IPollFunctions, source: EventSource, policy: RequestPolicy): Promise<Array<Entry<IDataObject>>> {
	const first = await readPage(context, source, source.qs, 1, policy);
	const { entries } = first;
	// With no documented order (ratings), a first page running oldest to newest means the newest are on the last page.
	if (!source.newestFirst && first.more && first.pageCount !== undefined && first.pageCount > 1 && entries.length > 1 && entries[0].time < entries[entries.length - 1].time) {
		entries.push(...(await readPage(context, source, source.qs, first.pageCount, policy)).entries);
	}
	return entries;
}

/** Everything listed from the newest item down to the cursor (or, for unordered lists, everything since it). */
async function readSince(context: IPollFunctions, source: EventSource, state: CursorState, policy: RequestPolicy): Promise<Array<Entry<IDataObject>>> {
	const qs = state.cursor !== null && source.since ? { ...source.qs, ...source.since(state.cursor) } : source.qs;
	return await scanSince(state, async (page) => await readPage(context, source, qs, page, policy), {
		newestFirst: source.newestFirst,
		maxPages: MAX_PAGES_PER_POLL,
	});
}

export class ReamazeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Re:amaze Trigger',
		name: 'reamazeTrigger',
		icon: { light: 'file:../Reamaze/reamaze.svg', dark: 'file:../Reamaze/reamaze.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when Re:amaze conversations, messages or satisfaction ratings are new or changed',
		defaults: { name: 'Re:amaze Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reamazeApi', required: true }],
		properties: [
			{
				displayName:
					'Re:amaze offers no webhooks for these events, so this node asks for changes at the interval set below. When the workflow is activated it starts from that moment: earlier items are not emitted.',
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
			requestOptionsProperty('Re:amaze', false),
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
		const policy = policyFromOptions(this.getNodeParameter('requestOptions', {}));

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
		// Every request of the poll comes before the state changes: a failure leaves the cursor as it was.
		const { emit, next } = collect(state, await readSince(this, source, state, policy));
		// n8n saves static data it sees written to, so a poll that found nothing writes nothing.
		if (next !== state) staticData[STATE_KEY] = next as unknown as IDataObject;
		return emit.length > 0 ? [emit.map((entry) => ({ json: entry.item }))] : null;
	}
}
