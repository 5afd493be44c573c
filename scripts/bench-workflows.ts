/**
 * The workflows `npm run bench` imports into the real n8n CLI: each feeds its items through a Set node and a
 * Split Out node (no Code node, so no task runner starts) into the node under test.
 */
import { randomUUID } from 'node:crypto';

import { CREDENTIAL_ID, CREDENTIAL_TYPE, NODE_TYPE, SANDBOX_CREDENTIAL_NAME, type WorkflowJson, type WorkflowNode } from './n8n-env.ts';

/** The node whose run the benchmark times, in every workflow. */
export const TARGET = 'Target';

export interface CreateItem {
	slug: string;
	body: string;
}

const credentials = { [CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME } };

function node(name: string, type: string, typeVersion: number, x: number, parameters: Record<string, unknown>): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [x * 220, 0], parameters };
}

/** Manual Trigger → Items (one item holding the list) → Split (one item per entry) → the target node. */
function workflow(id: string, target: WorkflowNode, items: object[]): WorkflowJson {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
		node('Items', 'n8n-nodes-base.set', 3.4, 1, { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} }),
		node('Split', 'n8n-nodes-base.splitOut', 1, 2, { fieldToSplitOut: 'items', include: 'noOtherFields', options: {} }),
		{ ...target, name: TARGET, position: [3 * 220, 0] as [number, number] },
	];
	const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id,
		name: `bench ${id}`,
		nodes,
		connections: { Start: link('Items'), Items: link('Split'), Split: link(TARGET) },
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/** Options of the node under test: undefined = its defaults (the Options collection left empty). */
export interface NodeOptions {
	concurrency?: number;
	maxRequestsPerSecond?: number;
}

function requestOptions(options: NodeOptions = {}): Record<string, unknown> {
	return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

/** Re:amaze → Message → Create, one message per item, to the conversation the item names. */
export function nodeCreateWorkflow(id: string, items: CreateItem[], options?: NodeOptions): WorkflowJson {
	const target = node(TARGET, NODE_TYPE, 1, 3, {
		resource: 'message',
		operation: 'create',
		conversation: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' },
		body: '={{ $json.body }}',
		visibility: 1,
		additionalFields: {},
		requestOptions: requestOptions(options),
	});
	return workflow(id, { ...target, credentials }, items);
}

/**
 * n8n's HTTP Request node with its defaults, the same credential (Predefined Credential Type) and the
 * same body per item. `retryOnFail` is the node setting "Retry On Fail" with its defaults (3 tries, 1 s apart).
 */
export function httpCreateWorkflow(id: string, baseUrl: string, items: CreateItem[], settings: { retryOnFail?: boolean } = {}): WorkflowJson {
	const target = node(TARGET, 'n8n-nodes-base.httpRequest', 4.2, 3, {
		method: 'POST',
		url: `=${baseUrl}/conversations/{{ $json.slug }}/messages`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: CREDENTIAL_TYPE,
		sendBody: true,
		specifyBody: 'json',
		jsonBody: '={{ JSON.stringify({ message: { body: $json.body, visibility: 1 } }) }}',
		options: {},
	});
	return workflow(id, { ...target, credentials, ...(settings.retryOnFail ? { retryOnFail: true } : {}) }, items);
}

/** Re:amaze → Conversation → Get Many, Return All, every conversation (archived too), full objects. */
export function nodeListWorkflow(id: string, options?: NodeOptions): WorkflowJson {
	const target = node(TARGET, NODE_TYPE, 1, 3, {
		resource: 'conversation',
		operation: 'getAll',
		returnAll: true,
		simplify: false,
		filters: { filter: 'all' },
		requestOptions: requestOptions(options),
	});
	return workflow(id, { ...target, credentials }, [{}]);
}

/**
 * The HTTP Request node reading the same list with its pagination set up by hand, as a user would:
 * `page` = `$pageCount + 1`, complete when a page holds fewer than 30 conversations (reamaze-api.md §4). Its output is
 * one item per page (the API's envelope), not one per conversation.
 */
export function httpListWorkflow(id: string, baseUrl: string): WorkflowJson {
	const target = node(TARGET, 'n8n-nodes-base.httpRequest', 4.2, 3, {
		method: 'GET',
		url: `${baseUrl}/conversations`,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: CREDENTIAL_TYPE,
		sendQuery: true,
		queryParameters: { parameters: [{ name: 'filter', value: 'all' }] },
		options: {
			pagination: {
				pagination: {
					paginationMode: 'updateAParameterInEachRequest',
					parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }] },
					paginationCompleteWhen: 'other',
					completeExpression: '={{ $response.body.conversations.length < 30 }}',
					limitPagesFetched: false,
				},
			},
		},
	});
	return workflow(id, { ...target, credentials }, [{}]);
}

/** The same frame around a No Operation node and one item: what `n8n execute` costs before any work. */
export function startupWorkflow(id: string): WorkflowJson {
	return workflow(id, node(TARGET, 'n8n-nodes-base.noOp', 1, 3, {}), [{}]);
}

/** LibreDesk's credential type and the id the benchmark imports it under. */
export const LIBREDESK_CREDENTIAL = { type: 'libreDeskApi', id: 'LibreDeskBench01', name: 'LibreDesk sandbox' } as const;

/** LibreDesk → Conversation → Get Many, every conversation (scope All), Return All, full objects. */
export function libreDeskListWorkflow(id: string): WorkflowJson {
	const target = node(TARGET, `${NODE_TYPE.split('.')[0]}.libreDesk`, 1, 3, {
		resource: 'conversation',
		operation: 'getAll',
		scope: 'all',
		returnAll: true,
		simplify: false,
		filters: {},
		requestOptions: {},
	});
	const libreDeskCredentials = { [LIBREDESK_CREDENTIAL.type]: { id: LIBREDESK_CREDENTIAL.id, name: LIBREDESK_CREDENTIAL.name } };
	return workflow(id, { ...target, credentials: libreDeskCredentials }, [{}]);
}
