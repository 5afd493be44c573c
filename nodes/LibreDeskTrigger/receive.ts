import type { IDataObject } from 'n8n-workflow';

import { acceptsEvent, type EventSelection, TEST_EVENT } from './events';
import { checkFilters, type ConversationFilters } from './filters';
import { checkFreshness } from './freshness';
import { shapeDelivery } from './payload';
import { verifySignature } from './signature';

export interface ReceiveSettings {
	selection: EventSelection;
	filters: ConversationFilters;
	/** ±seconds around now a delivery's `timestamp` may be; 0 = no check. */
	maxAgeSeconds: number;
	emitTestEvents: boolean;
	includeRaw: boolean;
}

export interface Delivery {
	/** The request body exactly as received. */
	rawBody: Uint8Array | undefined;
	/** The X-Libredesk-Signature header value. */
	signature: unknown;
	secret: string;
	nowMs: number;
}

/**
 * What to do with one request to the webhook URL:
 * - refuse: answer `status` and start nothing. 401 when the request cannot be trusted (no/bad signature,
 *   or a signed delivery outside the replay window); 400 when a correctly signed body is not a LibreDesk delivery.
 * - ignore: a genuine delivery the user did not ask for (test event, unselected event, filtered out): 200, nothing starts.
 * - emit: one item.
 */
export type Verdict =
	| { kind: 'refuse'; status: 400 | 401; reason: string }
	| { kind: 'ignore'; reason: string }
	| { kind: 'emit'; item: IDataObject };

/** Pure and synchronous: the answer must go out within LibreDesk's 3 s (§12.3), so nothing here waits on I/O. */
export function judgeDelivery(delivery: Delivery, settings: ReceiveSettings): Verdict {
	const rawBody = delivery.rawBody ?? new Uint8Array(0);
	const signature = verifySignature(rawBody, delivery.signature, delivery.secret);
	if (!signature.valid) return { kind: 'refuse', status: 401, reason: signature.reason };

	let body: unknown;
	try {
		body = JSON.parse(Buffer.from(rawBody).toString('utf8'));
	} catch {
		return { kind: 'refuse', status: 400, reason: 'the body is not JSON' };
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as IDataObject).event !== 'string') {
		return { kind: 'refuse', status: 400, reason: 'the body is not a LibreDesk delivery ({event, payload, timestamp})' };
	}
	const { event, payload, timestamp } = body as { event: string; payload: unknown; timestamp: unknown };

	const freshness = checkFreshness(timestamp, delivery.nowMs, settings.maxAgeSeconds);
	if (!freshness.fresh) return { kind: 'refuse', status: freshness.stale ? 401 : 400, reason: freshness.reason };

	if (event === TEST_EVENT) {
		if (!settings.emitTestEvents) return { kind: 'ignore', reason: 'test delivery acknowledged ("Emit Test Events" is off)' };
	} else if (!acceptsEvent(settings.selection, event)) {
		return { kind: 'ignore', reason: `event "${event}" is not selected in the trigger` };
	}
	const filtered = checkFilters(settings.filters, event, payload);
	if (!filtered.pass) return { kind: 'ignore', reason: filtered.reason };

	return { kind: 'emit', item: shapeDelivery(event, timestamp, payload, settings.includeRaw) };
}
