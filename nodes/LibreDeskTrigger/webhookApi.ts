import { type IDataObject, type IHookFunctions, type JsonObject, NodeApiError } from 'n8n-workflow';

import { libreDeskArray, libreDeskRequest } from '../LibreDesk/transport';
import type { RequestPolicy } from '../shared/options';
import type { RemoteWebhook, WebhookApi, WebhookBody } from './lifecycle';

/** Every webhook route needs this permission (§4.1, §12.2); only the Admin role has it by default (§1.2). */
export const WEBHOOKS_PERMISSION = 'webhooks:manage';

/** Activation should fail fast rather than wait minutes: shorter than the node's defaults. */
export const LIFECYCLE_POLICY: RequestPolicy = { timeoutMs: 20_000, maxRetryWaitMs: 20_000, backoffBaseMs: 500 };

function toRemote(context: IHookFunctions, data: unknown): RemoteWebhook {
	const webhook = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as IDataObject;
	if (typeof webhook.id !== 'number' || typeof webhook.url !== 'string') {
		throw new NodeApiError(context.getNode(), { received: typeof data } as JsonObject, {
			message: 'LibreDesk did not return a webhook',
			description: 'The answer of the webhook API did not have the documented shape (§12.2). Check the Server URL and the LibreDesk release (webhooks exist since v0.7.0).',
		});
	}
	return {
		id: webhook.id,
		name: typeof webhook.name === 'string' ? webhook.name : '',
		url: webhook.url,
		events: Array.isArray(webhook.events) ? webhook.events.filter((event): event is string => typeof event === 'string') : [],
		secret: typeof webhook.secret === 'string' ? webhook.secret : '',
		// Go's zero value: a missing flag reads as inactive, which the lifecycle then repairs.
		isActive: webhook.is_active === true,
	};
}

/**
 * The §12.2 routes through the LibreDesk transport (envelope, errors, the 200-with-`ErrorType` answer of
 * POST/PUT, retries through the credential's limiter). POST is never resent once it may have arrived (no
 * idempotency key), so a lost answer cannot leave two webhooks; PUT and DELETE are full replaces and may be.
 */
export function webhookApi(context: IHookFunctions): WebhookApi {
	const common = { permission: WEBHOOKS_PERMISSION, policy: LIFECYCLE_POLICY };
	return {
		list: async () => (await libreDeskArray(context, { path: ['webhooks'], ...common })).map((webhook) => toRemote(context, webhook)),
		create: async (body: WebhookBody) => toRemote(context, await libreDeskRequest(context, { method: 'POST', path: ['webhooks'], body, ...common })),
		update: async (id: number, body: WebhookBody) =>
			toRemote(context, await libreDeskRequest(context, { method: 'PUT', path: ['webhooks', String(id)], body, notFound: `no webhook with ID ${id}`, ...common })),
		remove: async (id: number) => {
			await libreDeskRequest(context, { method: 'DELETE', path: ['webhooks', String(id)], ...common });
		},
	};
}
