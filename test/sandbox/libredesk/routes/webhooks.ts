/** §12.2 webhook management. Validation failures are the HTTP 200 "success" with a Go error struct in `data`. */
import { type Ctx, intParam, route, type RouteDef } from '../context.ts';
import { DecodeError, decodeStruct } from '../decode.ts';
import { ApiError, general, input, MSG, notFound } from '../errors.ts';
import { MASKED_SECRET, webhookObject } from '../serialize.ts';
import type { Webhook } from '../types.ts';

/** §12.1: the DB enum. */
export const WEBHOOK_EVENTS = [
	'conversation.created',
	'conversation.status_changed',
	'conversation.tags_changed',
	'conversation.assigned',
	'conversation.unassigned',
	'message.created',
	'message.updated',
] as const;

const SCHEMA = { name: 'string', url: 'string', events: 'string[]', secret: 'string', is_active: 'bool' } as const;

/** `r.SendEnvelope(err)`: envelope.Error marshalled with its Go field names. */
class Quirk {
	readonly data: Record<string, unknown>;
	constructor(message: string) {
		this.data = { Code: 400, ErrorType: 'InputException', Message: message, Data: null };
	}
}

function read(ctx: Ctx): { name: string; url: string; events: string[]; secret: string; is_active: boolean } | Quirk {
	let body;
	try {
		body = decodeStruct(ctx.body, SCHEMA);
	} catch (error) {
		if (error instanceof DecodeError) throw new ApiError(400, MSG.parse, 'InputException', error.message);
		throw error;
	}
	if (body.name === '') return new Quirk(MSG.empty('name'));
	if (body.url === '') return new Quirk(MSG.empty('url'));
	if (body.events.length === 0) return new Quirk(MSG.empty('events'));
	// §12.2: unknown event (DB enum) and over-long columns fail in Postgres → 500.
	if (!body.events.every((e: string) => (WEBHOOK_EVENTS as readonly string[]).includes(e))) throw general();
	if ([...body.name].length > 255 || [...body.url].length > 2048 || Buffer.byteLength(body.secret) > 158) throw general();
	return body;
}

function byId(ctx: Ctx): Webhook {
	const id = intParam(ctx, 'id');
	if (id <= 0) throw input(MSG.somethingWrong);
	const webhook = ctx.state.webhook(id);
	if (!webhook) throw notFound('Not found');
	return webhook;
}

/** Create/update/toggle answers always carry the mask (even with no secret set). */
const masked = (webhook: Webhook) => ({ ...webhookObject(webhook), secret: MASKED_SECRET });

function create(ctx: Ctx): unknown {
	const body = read(ctx);
	if (body instanceof Quirk) return body.data;
	const at = ctx.state.now();
	const webhook: Webhook = {
		id: ctx.state.nextId('webhook'),
		createdAt: at,
		updatedAt: at,
		name: body.name,
		url: body.url,
		events: [...body.events],
		secret: body.secret,
		// §12.2: omitted → false (created inactive).
		isActive: body.is_active,
	};
	ctx.state.webhooks.push(webhook);
	return masked(webhook);
}

function update(ctx: Ctx): unknown {
	const id = intParam(ctx, 'id');
	if (id <= 0) throw input(MSG.somethingWrong);
	const body = read(ctx);
	if (body instanceof Quirk) return body.data;
	const webhook = ctx.state.webhook(id);
	if (!webhook) throw notFound('Not found');
	webhook.name = body.name;
	webhook.url = body.url;
	webhook.events = [...body.events];
	// A secret containing the mask character keeps the stored one; "" clears it.
	if (!body.secret.includes('\u2022')) webhook.secret = body.secret;
	webhook.isActive = body.is_active;
	webhook.updatedAt = ctx.state.now();
	return masked(webhook);
}

/** v2.7.0: `[{id, name}]` by name, any key. */
function compact(ctx: Ctx): unknown {
	return [...ctx.state.webhooks].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id)).map((w) => ({ id: w.id, name: w.name }));
}

export const webhookRoutes: RouteDef[] = [
	route('GET', '/api/v1/webhooks', 'webhooks:manage', (ctx) => [...ctx.state.webhooks].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map(webhookObject)),
	route('GET', '/api/v1/webhooks/compact', 'auth', compact, 'webhooksCompact'),
	route('POST', '/api/v1/webhooks', 'webhooks:manage', create),
	route('GET', '/api/v1/webhooks/{id}', 'webhooks:manage', (ctx) => webhookObject(byId(ctx))),
	route('PUT', '/api/v1/webhooks/{id}', 'webhooks:manage', update),
	route('DELETE', '/api/v1/webhooks/{id}', 'webhooks:manage', (ctx) => {
		const id = intParam(ctx, 'id');
		if (id <= 0) throw input(MSG.somethingWrong);
		ctx.state.webhooks = ctx.state.webhooks.filter((w) => w.id !== id);
		return true;
	}),
	route('PUT', '/api/v1/webhooks/{id}/toggle', 'webhooks:manage', (ctx) => {
		const webhook = byId(ctx);
		webhook.isActive = !webhook.isActive;
		webhook.updatedAt = ctx.state.now();
		return masked(webhook);
	}),
	// §12.2: synchronous, even to an inactive webhook; `true` whatever the receiver answered.
	route('POST', '/api/v1/webhooks/{id}/test', 'webhooks:manage', async (ctx) => {
		const webhook = byId(ctx);
		await ctx.runtime.dispatcher.deliverNow(webhook, 'webhook.test', { id: webhook.id, name: webhook.name });
		return true;
	}),
];
