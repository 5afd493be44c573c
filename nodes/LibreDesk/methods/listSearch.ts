import {
	type IDataObject,
	type ILoadOptionsFunctions,
	type INodeListSearchItems,
	type INodeListSearchResult,
	NodeApiError,
} from 'n8n-workflow';

import { PICKER_POLICY } from '../helpers/pickers';
import { resolveServerUrl } from '../helpers/serverUrl';
import { settle } from '../helpers/settle';
import { CREDENTIAL_TYPE, libreDeskArray, libreDeskPage } from '../transport';

/** §10: the search route refuses queries shorter than 3 characters. */
export const MIN_SEARCH_LENGTH = 3;
const PAGE_SIZE = 30;

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The server stores a subject as `<subject> - #<reference>` (§5.1, default `subject_ref_format`); the row
 * already starts with the reference, so the suffix would only repeat it. Other formats stay as they are.
 */
export function subjectWithoutReference(subject: unknown, reference: string | undefined): unknown {
	if (typeof subject !== 'string' || !reference) return subject;
	const suffix = ` - #${reference}`;
	return subject.endsWith(suffix) ? subject.slice(0, -suffix.length) : subject;
}

/** One conversation as a choice: "#150 · Subject · Open", valued by UUID, linking to it in LibreDesk. */
export function conversationItem(conversation: IDataObject, root: string | undefined): INodeListSearchItems | undefined {
	const uuid = text(conversation.uuid);
	if (!uuid) return undefined;
	const contact = (conversation.contact ?? {}) as IDataObject;
	const reference = text(conversation.reference_number);
	const parts = [
		reference ? `#${reference}` : undefined,
		text(subjectWithoutReference(conversation.subject, reference)) ?? text(contact.email) ?? uuid,
		text(conversation.status),
	].filter(Boolean);
	const item: INodeListSearchItems = { name: parts.join(' · '), value: uuid };
	// The conversation's page in LibreDesk's UI (frontend router: /inboxes/all/conversation/{uuid}).
	if (root) item.url = `${root}/inboxes/all/conversation/${encodeURIComponent(uuid)}`;
	return item;
}

async function serverRoot(context: ILoadOptionsFunctions): Promise<string | undefined> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const server = resolveServerUrl(credentials.baseUrl);
	return server.ok ? server.root : undefined;
}

/**
 * 3 or more characters: the search route (§10, exact reference number or contact email). Otherwise
 * the most recent conversations (`/conversations/all`, §5.3), page by page; an agent without
 * `conversations:read_all` gets those assigned to them.
 */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const root = await serverRoot(this);
	const query = filter?.trim() ?? '';
	if (query.length >= MIN_SEARCH_LENGTH) {
		const found = await libreDeskArray(this, { path: ['conversations', 'search'], qs: { query }, policy: PICKER_POLICY });
		return { results: found.map((conversation) => conversationItem(conversation, root)).filter((item): item is INodeListSearchItems => !!item) };
	}
	const start = Number(paginationToken);
	const page = Number.isInteger(start) && start > 1 ? start : 1;
	const read = async (scope: string) =>
		await libreDeskPage(this, { path: ['conversations', scope], pageSize: PAGE_SIZE, policy: PICKER_POLICY }, page);
	const all = await settle(read('all'));
	if (!all.ok && !(all.error instanceof NodeApiError && all.error.httpCode === '403')) throw all.error;
	const answer = all.ok ? all.value : await read('assigned');
	const needle = query.toLowerCase();
	const results = answer.items
		.filter((conversation) => {
			if (needle === '') return true;
			const contact = (conversation.contact ?? {}) as IDataObject;
			return [conversation.subject, conversation.reference_number, contact.email].some(
				(value) => typeof value === 'string' && value.toLowerCase().includes(needle),
			);
		})
		.map((conversation) => conversationItem(conversation, root))
		.filter((item): item is INodeListSearchItems => !!item);
	return answer.more ? { results, paginationToken: String(page + 1) } : { results };
}
