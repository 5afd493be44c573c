/**
 * `/__sandbox/*`: not part of the API, not recorded, never faulted, no auth (the sandbox listens locally).
 * GET state · POST reset · GET/POST faults · POST simulate · POST automation · GET deliveries[?wait=1].
 */
import type { ServerResponse } from 'node:http';
import type { FaultConfig } from '../common/faults.ts';
import type { ServerRuntime } from './server.ts';
import { simulateIncoming, SimulationError, triggerAutomation } from './simulate.ts';

function parse(raw: Buffer): Record<string, unknown> | undefined {
	const text = raw.toString('utf8').trim();
	if (text === '') return undefined;
	const value = JSON.parse(text) as unknown;
	if (value !== null && (typeof value !== 'object' || Array.isArray(value))) throw new Error('Send a JSON object');
	return (value as Record<string, unknown> | null) ?? undefined;
}

export async function handleControl(runtime: ServerRuntime, method: string, url: URL, raw: Buffer, res: ServerResponse): Promise<void> {
	const reply = (status: number, body: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
		res.end(JSON.stringify(body));
	};
	const summary = () => ({
		...runtime.state.summary(),
		faults: runtime.faults.config,
		requests: runtime.requests.length,
		faultLog: runtime.faults.log.length,
		webhookDeliveries: runtime.dispatcher.deliveries.length,
		webhooksBusy: runtime.dispatcher.busy,
	});
	const path = url.pathname;
	try {
		if (method === 'GET' && path === '/__sandbox/state') return reply(200, summary());
		if (method === 'POST' && path === '/__sandbox/reset') {
			runtime.reset();
			return reply(200, summary());
		}
		if (method === 'GET' && path === '/__sandbox/faults') return reply(200, { faults: runtime.faults.config, log: runtime.faults.log });
		if (method === 'POST' && path === '/__sandbox/faults') {
			runtime.faults.configure(parse(raw) as FaultConfig | undefined);
			return reply(200, { faults: runtime.faults.config });
		}
		if (method === 'POST' && path === '/__sandbox/simulate') {
			const body = parse(raw) ?? {};
			const result = simulateIncoming(runtime.state, {
				conversationUuid: body.conversation_uuid as string | undefined,
				inboxId: body.inbox_id as number | undefined,
				contactEmail: body.contact_email as string | undefined,
				firstName: body.first_name as string | undefined,
				lastName: body.last_name as string | undefined,
				subject: body.subject as string | undefined,
				content: body.content as string | undefined,
			});
			return reply(200, result);
		}
		if (method === 'POST' && path === '/__sandbox/automation') {
			const body = parse(raw) ?? {};
			triggerAutomation(runtime.state, Number(body.webhook_id), String(body.event ?? ''), String(body.conversation_uuid ?? ''), body.actor_id === undefined ? undefined : Number(body.actor_id));
			return reply(200, { queued: true });
		}
		if (method === 'GET' && path === '/__sandbox/deliveries') {
			if (url.searchParams.get('wait') === '1') await runtime.dispatcher.idle();
			return reply(200, { busy: runtime.dispatcher.busy, deliveries: runtime.dispatcher.deliveries });
		}
		return reply(404, { error: `Unknown control endpoint: ${method} ${path}` });
	} catch (error) {
		// Bad JSON, an unknown conversation or inbox, an invalid fault config: the caller's mistake.
		const known = error instanceof SimulationError || error instanceof SyntaxError || error instanceof Error;
		return reply(known ? 400 : 500, { error: error instanceof Error ? error.message : String(error) });
	}
}
