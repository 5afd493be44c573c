import type { IDataObject } from 'n8n-workflow';

/** A webhook as `GET /api/v1/webhooks` lists it (§12.2); `secret` is masked (10 × U+2022) when set, "" when not. */
export interface RemoteWebhook {
	id: number;
	name: string;
	url: string;
	events: string[];
	secret: string;
	isActive: boolean;
}

/** The body of `POST` and `PUT /api/v1/webhooks[/{id}]` (§12.2). PUT replaces everything it is given. */
export interface WebhookBody extends IDataObject {
	name: string;
	url: string;
	events: string[];
	secret: string;
	is_active: boolean;
}

/** The webhook routes, as the lifecycle needs them (implemented over the LibreDesk transport in webhookApi.ts). */
export interface WebhookApi {
	list(): Promise<RemoteWebhook[]>;
	create(body: WebhookBody): Promise<RemoteWebhook>;
	update(id: number, body: WebhookBody): Promise<RemoteWebhook>;
	remove(id: number): Promise<void>;
}

/** What the trigger registers: its own URL (test and production URLs are separate webhooks) and events. */
export interface DesiredWebhook {
	name: string;
	url: string;
	events: string[];
}

/** Kept in the node's static data: LibreDesk never returns a secret (§12.2), so the trigger remembers its own. */
export interface StoredWebhook extends IDataObject {
	webhookId?: number;
	webhookSecret?: string;
	webhookUrl?: string;
}

export type Step =
	| { kind: 'reuse'; id: number }
	| { kind: 'repair'; id: number; drift: string[] }
	| { kind: 'rotate'; id: number }
	| { kind: 'create'; id: number }
	| { kind: 'removeDuplicate'; id: number }
	| { kind: 'remove'; id: number };

/** §12.2: a secret containing U+2022 tells PUT to keep the stored one. */
export const KEEP_SECRET = '\u2022'.repeat(10);

/** LibreDesk stores names up to 255 characters (§12.2). */
export const MAX_NAME_LENGTH = 255;

export function webhookName(workflowName: string | undefined, nodeName: string, test: boolean): string {
	const name = `n8n: ${workflowName?.trim() || 'workflow'} / ${nodeName}${test ? ' (test URL)' : ''}`;
	return [...name].slice(0, MAX_NAME_LENGTH).join('');
}

function sameEvents(a: string[], b: string[]): boolean {
	const left = [...new Set(a)].sort();
	const right = [...new Set(b)].sort();
	return left.length === right.length && left.every((event, index) => event === right[index]);
}

function forget(stored: StoredWebhook): void {
	delete stored.webhookId;
	delete stored.webhookSecret;
	delete stored.webhookUrl;
}

function remember(stored: StoredWebhook, id: number, secret: string, url: string): void {
	stored.webhookId = id;
	stored.webhookSecret = secret;
	stored.webhookUrl = url;
}

/**
 * Finds this trigger's webhook by URL (or, when n8n's URL changed, by the id in static data) and makes it
 * what the trigger needs; false when there is none.
 * - Several with this URL (LibreDesk does not keep URLs unique, §12.2): the one in static data, else the
 *   newest, is kept; the others are deleted, since each would deliver every event again.
 * - Secret unknown (static data lost, another URL's data, or no secret set): a new one is set with PUT.
 * - Events drifted or the webhook was deactivated in LibreDesk: PUT with the stored secret kept (mask).
 * PUT is a full replace (§12.2): name, URL, events, secret and `is_active: true` are always sent, since
 * an omitted `is_active` would deactivate it and an empty secret would clear it.
 */
export async function findAndRepair(
	api: WebhookApi,
	desired: DesiredWebhook,
	stored: StoredWebhook,
	newSecret: () => string,
	steps: Step[] = [],
): Promise<boolean> {
	const all = await api.list();
	const mine = all.filter((webhook) => webhook.url === desired.url);
	// n8n's public URL changed (WEBHOOK_URL): the webhook this trigger created moves along, keeping its id,
	// which automation rules that target it (§12.1) refer to.
	const moved = mine.length === 0 && typeof stored.webhookId === 'number' ? all.find((webhook) => webhook.id === stored.webhookId) : undefined;
	if (mine.length === 0 && !moved) {
		forget(stored);
		return false;
	}
	// The list is newest first (§12.2).
	const keep = moved ?? mine.find((webhook) => webhook.id === stored.webhookId) ?? mine[0];
	for (const duplicate of mine) {
		if (duplicate === keep) continue;
		await api.remove(duplicate.id);
		steps.push({ kind: 'removeDuplicate', id: duplicate.id });
	}
	const body = (secret: string): WebhookBody => ({
		name: keep.name.trim() === '' ? desired.name : keep.name,
		url: desired.url,
		events: desired.events,
		secret,
		is_active: true,
	});
	const knowsSecret =
		stored.webhookId === keep.id && typeof stored.webhookSecret === 'string' && stored.webhookSecret !== '' && keep.secret !== '';
	if (!knowsSecret) {
		const secret = newSecret();
		await api.update(keep.id, body(secret));
		remember(stored, keep.id, secret, desired.url);
		steps.push({ kind: 'rotate', id: keep.id });
		return true;
	}
	const drift: string[] = [];
	if (keep.url !== desired.url) drift.push('url');
	if (!sameEvents(keep.events, desired.events)) drift.push('events');
	if (!keep.isActive) drift.push('is_active');
	if (drift.length > 0) {
		await api.update(keep.id, body(KEEP_SECRET));
		steps.push({ kind: 'repair', id: keep.id, drift });
	} else {
		steps.push({ kind: 'reuse', id: keep.id });
	}
	stored.webhookUrl = desired.url;
	return true;
}

/**
 * Registers the webhook. n8n calls this after checkExists answered false, but the list is read again
 * first: a webhook for this URL created in between (another activation, a retried call) is taken over,
 * never doubled. `is_active: true` is explicit: omitted, LibreDesk creates it inactive (§12.2).
 */
export async function createWebhook(
	api: WebhookApi,
	desired: DesiredWebhook,
	stored: StoredWebhook,
	newSecret: () => string,
	steps: Step[] = [],
): Promise<void> {
	if (await findAndRepair(api, desired, stored, newSecret, steps)) return;
	const secret = newSecret();
	const created = await api.create({ name: desired.name, url: desired.url, events: desired.events, secret, is_active: true });
	remember(stored, created.id, secret, desired.url);
	steps.push({ kind: 'create', id: created.id });
}

/**
 * Removes the webhook: the one in static data and any other with this URL. DELETE answers `true` even for
 * an unknown id (§12.2), so a webhook already deleted in LibreDesk is no error. The stored secret is
 * forgotten only once everything is gone.
 */
export async function deleteWebhook(api: WebhookApi, url: string, stored: StoredWebhook, steps: Step[] = []): Promise<void> {
	const ids = new Set<number>();
	if (typeof stored.webhookId === 'number') ids.add(stored.webhookId);
	for (const webhook of await api.list()) if (webhook.url === url) ids.add(webhook.id);
	for (const id of ids) {
		await api.remove(id);
		steps.push({ kind: 'remove', id });
	}
	forget(stored);
}
