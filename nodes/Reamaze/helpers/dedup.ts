import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import type { RequestPolicy } from '../../shared/options';
import { describe, type Raw, text } from '../../shared/validate';
import { reamazeRequest } from '../transport';

/**
 * Exactly-once Conversation → Create across re-runs. Re:amaze has no idempotency key for
 * conversations (§2), so n8n's Retry On Fail, or a user re-running a failed execution, would create
 * a second conversation. With Prevent Duplicates on, the node stores a deduplication key in the
 * conversation's custom fields and, before creating, looks it up with `data[key]=value&filter=all`
 * (§2.1, §6.3; one connector does the same, §6.9), returning the conversation it finds.
 */

/** The custom field (conversation `data`) that holds the key. */
export const DEDUP_FIELD = 'n8n_dedup_key';

export type DedupMode = 'off' | 'content' | 'key';

export const dedupFields: INodeProperties[] = [
	{
		displayName: 'Deduplication Key',
		name: 'dedupKey',
		type: 'string',
		default: '',
		placeholder: '={{ $json.orderId }}',
		description: `With Prevent Duplicates set to By Key: a value unique to the conversation, such as an order number. It is stored in the custom field "${DEDUP_FIELD}".`,
	},
	{
		displayName: 'Prevent Duplicates',
		name: 'preventDuplicates',
		type: 'options',
		default: 'off',
		options: [
			{ name: 'Off', value: 'off', description: 'Every run creates a conversation' },
			{
				name: 'By Content',
				value: 'content',
				description:
					'The same workflow, node, channel, customer, subject and message find the conversation created before instead of creating another',
			},
			{
				name: 'By Key',
				value: 'key',
				description: 'The same Deduplication Key finds the conversation created before instead of creating another',
			},
		],
		description: `Makes re-running safe (Retry On Fail, or re-running a failed execution): before creating, the node looks for a conversation whose custom field "${DEDUP_FIELD}" holds this item's key and returns it instead. Costs one or two extra requests per item.`,
	},
];

/** Whether Prevent Duplicates is on, without building the body (an unknown choice counts as on: the item then fails when it runs). */
export function preventsDuplicates(value: Raw): boolean {
	return !(value === undefined || value === '' || value === 'off');
}

function mode(value: Raw): DedupMode {
	if (value === undefined || value === '' || value === 'off') return 'off';
	if (value === 'content' || value === 'key') return value;
	throw new InputError('Prevent Duplicates', `unknown choice ${describe(value)}`);
}

export interface DedupSource {
	workflowId: string;
	nodeId: string;
	/** The create body (reamaze-api.md §2.3), already validated. */
	body: IDataObject;
}

/** The item's deduplication key, or undefined when Prevent Duplicates is off. Pure: also used as the item's sequence key. */
export function dedupKeyOf(preventDuplicates: Raw, dedupKey: Raw, source: () => DedupSource): string | undefined {
	const chosen = mode(preventDuplicates);
	if (chosen === 'off') return undefined;
	if (chosen === 'key') {
		const key = text(dedupKey, 'Deduplication Key')?.trim();
		if (!key) throw new InputError('Deduplication Key', 'is required when Prevent Duplicates is By Key');
		return key;
	}
	const { workflowId, nodeId, body } = source();
	const conversation = (body.conversation ?? {}) as IDataObject;
	const user = (conversation.user ?? {}) as IDataObject;
	const message = (conversation.message ?? {}) as IDataObject;
	const parts = [
		workflowId,
		nodeId,
		conversation.category,
		String(user.email ?? '').toLowerCase(),
		conversation.subject,
		message.body,
	].map((part) => String(part ?? ''));
	return `n8n-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}

/** The create body with the key in the conversation's custom fields. */
export function withDedupKey(body: IDataObject, key: string): IDataObject {
	const conversation = body.conversation as IDataObject;
	return { conversation: { ...conversation, data: { ...((conversation.data as IDataObject | undefined) ?? {}), [DEDUP_FIELD]: key } } };
}

/** How many listed candidates are checked one by one (a filter the API ignored would list everything). */
const CANDIDATES = 3;

/**
 * The conversation created before with this key, or undefined. List items may lack `data` (§2.1,
 * §6.15), and whether the API honours the `data[...]` filter rests on one source, so each
 * candidate is read on its own and its key compared before it counts as found.
 */
export async function findByDedupKey(
	context: IExecuteFunctions,
	key: string,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<IDataObject | undefined> {
	const listed = (await reamazeRequest(context, {
		method: 'GET',
		path: ['conversations'],
		qs: { filter: 'all', [`data[${DEDUP_FIELD}]`]: key },
		itemIndex,
		policy,
	})) as IDataObject | null;
	const candidates = Array.isArray(listed?.conversations) ? (listed.conversations as IDataObject[]) : [];
	for (const candidate of candidates.slice(0, CANDIDATES)) {
		if (typeof candidate?.slug !== 'string') continue;
		const listedKey = (candidate.data as IDataObject | undefined)?.[DEDUP_FIELD];
		if (listedKey !== undefined && String(listedKey) !== key) continue;
		const conversation = (await reamazeRequest(context, {
			method: 'GET',
			path: ['conversations', candidate.slug],
			itemIndex,
			policy,
		})) as IDataObject | null;
		if (conversation && String((conversation.data as IDataObject | undefined)?.[DEDUP_FIELD]) === key) return conversation;
	}
	return undefined;
}
