import { randomBytes } from 'crypto';
import {
	type IHookFunctions,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { type EventSelection, parseCustomEvents, subscriptionFor } from './events';
import { filterValues } from './filters';
import { DEFAULT_MAX_AGE_SECONDS } from './freshness';
import { createWebhook, deleteWebhook, type DesiredWebhook, findAndRepair, type StoredWebhook, webhookName } from './lifecycle';
import { judgeDelivery, type ReceiveSettings } from './receive';
import { SIGNATURE_HEADER } from './signature';
import { webhookApi } from './webhookApi';

type Setup = 'automatic' | 'manual';

function setupOf(context: IHookFunctions | IWebhookFunctions): Setup {
	return context.getNodeParameter('setup', 'automatic') === 'manual' ? 'manual' : 'automatic';
}

function selectionOf(context: IHookFunctions | IWebhookFunctions): EventSelection {
	const events = context.getNodeParameter('events', []);
	return {
		events: Array.isArray(events) ? events.filter((event): event is string => typeof event === 'string') : [],
		custom: parseCustomEvents(context.getNodeParameter('customEvents', '')),
	};
}

function storedOf(context: IHookFunctions | IWebhookFunctions): StoredWebhook {
	return context.getWorkflowStaticData('node') as StoredWebhook;
}

/**
 * 32 random bytes as 64 hex characters: well inside the ~158 bytes LibreDesk can store encrypted (§12.2),
 * and never containing U+2022, which PUT would read as "keep the old secret".
 */
export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

function urlOf(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not provide a webhook URL for the LibreDesk Trigger');
	return url;
}

function desiredOf(context: IHookFunctions): DesiredWebhook {
	const events = subscriptionFor(selectionOf(context));
	if (events.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Choose at least one event in "Events" or "Custom Event Names"', {
			description: 'LibreDesk needs a webhook to subscribe to at least one event.',
		});
	}
	// Test runs ("Listen for test event") register the test URL as a webhook of its own.
	const test = context.getMode() === 'manual';
	return { name: webhookName(context.getWorkflow().name, context.getNode().name, test), url: urlOf(context), events };
}

/** A 403 on the webhook routes is the missing permission (§4.1; a CSRF 403 means unreadable credentials, §1.1). */
async function explainingForbidden<T>(context: IHookFunctions, action: string, run: () => Promise<T>): Promise<T> {
	const outcome = await run().then(
		(value) => ({ ok: true as const, value }),
		(error: unknown) => ({ ok: false as const, error }),
	);
	if (outcome.ok) return outcome.value;
	const { error } = outcome;
	if (error instanceof NodeApiError && error.httpCode === '403' && !/csrf/i.test(error.message)) {
		throw new NodeApiError(context.getNode(), { status: 403, message: 'Permission denied' } as JsonObject, {
			message: `LibreDesk did not let the trigger ${action} its webhook: the API key's agent lacks the permission "webhooks:manage" (HTTP 403)`,
			description:
				'By default only the Admin role has "webhooks:manage". Either use the API key of an agent that has it, or set "Webhook Setup" to "Manual": create the webhook yourself in LibreDesk (Admin → Integrations → Webhooks) with this node\'s URL and a secret, and paste that secret into the trigger.',
			httpCode: '403',
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) throw error;
	throw new NodeOperationError(context.getNode(), error as Error);
}

export async function checkExists(context: IHookFunctions): Promise<boolean> {
	// Manual setup: the webhook is the user's; there is nothing to look for.
	if (setupOf(context) === 'manual') return true;
	const desired = desiredOf(context);
	return await explainingForbidden(context, 'look up', async () => await findAndRepair(webhookApi(context), desired, storedOf(context), newSecret));
}

export async function create(context: IHookFunctions): Promise<boolean> {
	if (setupOf(context) === 'manual') return true;
	const desired = desiredOf(context);
	await explainingForbidden(context, 'create', async () => await createWebhook(webhookApi(context), desired, storedOf(context), newSecret));
	return true;
}

/**
 * Deactivation must not fail because LibreDesk is unreachable: the webhook then stays (deliveries to the
 * unregistered URL fail in LibreDesk's log) and the stored secret is kept, so the next activation finds and
 * reuses it instead of creating a second one.
 */
export async function remove(context: IHookFunctions): Promise<boolean> {
	if (setupOf(context) === 'manual') return true;
	const url = urlOf(context);
	try {
		await deleteWebhook(webhookApi(context), url, storedOf(context));
		return true;
	} catch (error) {
		context.logger.warn(`LibreDesk Trigger: could not delete its webhook for ${url}: ${(error as Error).message}`);
		return false;
	}
}

function settingsOf(context: IWebhookFunctions): ReceiveSettings {
	const filters = context.getNodeParameter('filters', {}) as Record<string, unknown>;
	const options = context.getNodeParameter('options', {}) as Record<string, unknown>;
	const maxAge = Number(options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS);
	return {
		selection: selectionOf(context),
		filters: { inboxIds: filterValues(filters.inboxIds), teamIds: filterValues(filters.teamIds), statuses: filterValues(filters.statuses) },
		maxAgeSeconds: Number.isFinite(maxAge) && maxAge >= 0 ? maxAge : DEFAULT_MAX_AGE_SECONDS,
		emitTestEvents: options.emitTestEvents === true,
		includeRaw: options.includeRaw === true,
	};
}

/**
 * One delivery. Everything here is synchronous checking of bytes already received, so n8n answers (200,
 * responseMode onReceived) well within LibreDesk's 3 s (§12.3) and runs the workflow after. Refusals are
 * written here (401/400) and start nothing; ignored deliveries are answered 200 and start nothing.
 */
export async function receive(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = context.getRequestObject();
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') await request.readRawBody();
	const secret = setupOf(context) === 'manual' ? String(context.getNodeParameter('webhookSecret', '')) : String(storedOf(context).webhookSecret ?? '');
	const verdict = judgeDelivery(
		{ rawBody: request.rawBody, signature: context.getHeaderData()[SIGNATURE_HEADER], secret, nowMs: Date.now() },
		settingsOf(context),
	);
	if (verdict.kind === 'refuse') {
		// Automatic setup without a stored secret: n8n did not keep the node's static data (e.g. a workflow id
		// longer than n8n allows for it); re-activating sets a new secret on the same webhook.
		const hint = secret === '' && setupOf(context) === 'automatic' ? ' Deactivate and activate the workflow again to set a new webhook secret.' : '';
		context.logger.warn(`LibreDesk Trigger refused a delivery (HTTP ${verdict.status}): ${verdict.reason}.${hint}`);
		context.getResponseObject().status(verdict.status).json({ status: 'refused', reason: verdict.reason });
		return { noWebhookResponse: true };
	}
	if (verdict.kind === 'ignore') return { webhookResponse: { status: 'ignored', reason: verdict.reason } };
	return { workflowData: [[{ json: verdict.item }]] };
}
