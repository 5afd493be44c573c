/** Public entry point: an in-memory LibreDesk API (v2.7.0 by default) on 127.0.0.1 (see README.md). */
import type { AddressInfo } from 'node:net';
import { type FaultConfig, FaultInjector, type FaultLogEntry } from '../common/faults.ts';
import { Outbox } from './outbox.ts';
import { routerFor } from './routes/index.ts';
import { SANDBOX_KEYS, seedState } from './seed.ts';
import { createLibreDeskServer } from './server.ts';
import { type IncomingEmail, simulateIncoming, triggerAutomation } from './simulate.ts';
import { LibreDeskState } from './state.ts';
import type { LibreDeskSandboxOptions, RecordedRequest, WebhookDelivery } from './types.ts';
import { checkVersion, DEFAULT_VERSION } from './versions.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';

export type { FaultConfig, FaultLogEntry, FaultType, RateLimitConfig } from '../common/faults.ts';
export type { LibreDeskSandboxOptions, MultipartPart, RecordedRequest, WebhookDelivery } from './types.ts';
export type { LibreDeskState } from './state.ts';
export type { IncomingEmail } from './simulate.ts';
export { AGENT_IDS, INBOX_IDS, SANDBOX_KEYS, TEAM_IDS, TINY_PNG } from './seed.ts';
export { KNOWN_VERSIONS, FEATURES, supports } from './versions.ts';
export { buildMultipart } from './multipart.ts';
export { signBody } from './webhooks/dispatcher.ts';

export interface LibreDeskSandbox {
	/** Server root, e.g. `http://127.0.0.1:PORT` (the credential's Server URL; the API is under /api/v1). */
	url: string;
	version: string;
	/** Alice Admin (role Admin: everything but `messages:write_as_contact`). */
	adminKey: string;
	adminSecret: string;
	/** Bob Agent (default Agent role: no `conversations:write`, no contacts, no webhooks; member of team Support). */
	agentKey: string;
	agentSecret: string;
	/** Ivy Integration (Admin + a role with `messages:write_as_contact`). */
	integrationKey: string;
	integrationSecret: string;
	/** Dan Disabled's key: rejected like a wrong key (§1). */
	disabledKey: string;
	disabledSecret: string;
	state: LibreDeskState;
	setFaults(config: FaultConfig | undefined): void;
	/** Every API request (control endpoints excluded), with the status answered. */
	requests: RecordedRequest[];
	clearRequests(): void;
	/** Every injected fault, in order; `faultLog.length = 0` clears it. */
	faultLog: FaultLogEntry[];
	/** Every finished webhook delivery (§12.3), in the order they finished. */
	webhookDeliveries: WebhookDelivery[];
	/** Resolves once no webhook delivery is queued or in flight and no reply waits in the outbox. */
	waitForDeliveries(): Promise<void>;
	/** An incoming email: a new conversation (as `initiator=contact`), or a reply in `conversationUuid`. */
	simulateIncoming(input?: IncomingEmail): { conversation: any; message: any };
	/** Automation `trigger_webhook` (v2.7.0): a custom `event` to one webhook, if active. */
	triggerAutomation(webhookId: number, event: string, conversationUuid: string, actorId?: number): void;
	/** Back to the initial data, roles and settings; clears requests, faultLog and deliveries (the fault configuration stays). */
	reset(): void;
	close(): Promise<void>;
}

export async function startLibreDeskSandbox(options: LibreDeskSandboxOptions = {}): Promise<LibreDeskSandbox> {
	const host = options.host ?? '127.0.0.1';
	const version = checkVersion(options.version ?? DEFAULT_VERSION);
	const seed = options.seed === undefined || options.seed === true ? 42 : options.seed;
	const conversations = options.conversations ?? 300;
	const state = new LibreDeskState({
		version,
		rootUrl: '',
		maxFileUploadSizeMb: options.maxFileUploadSizeMb ?? 20,
		allowedFileUploadExtensions: options.allowedFileUploadExtensions ?? ['*'],
		signingKey: 'libredesk-sandbox-signing-key',
		uploadExpirySeconds: 3600,
	});
	const dispatcher = new WebhookDispatcher(state, { headerTimeoutMs: options.webhookHeaderTimeoutMs });
	const outbox = new Outbox(state, dispatcher, options.replySendDelayMs ?? 20);
	state.emit = (event) => dispatcher.enqueue(event);
	state.queueOutgoing = (message) => outbox.queue(message);
	state.listCache = options.listCache === true;
	const load = () => seedState(state, { seed, conversations });
	load();
	const faults = new FaultInjector();
	faults.configure(options.faults);
	const requests: RecordedRequest[] = [];
	const initialSettings = { ...state.settings, allowedFileUploadExtensions: [...state.settings.allowedFileUploadExtensions] };
	const reset = () => {
		Object.assign(state.settings, initialSettings, { rootUrl: state.settings.rootUrl, allowedFileUploadExtensions: [...initialSettings.allowedFileUploadExtensions] });
		outbox.clear();
		dispatcher.reset();
		load();
		requests.length = 0;
		faults.log.length = 0;
	};
	const server = createLibreDeskServer({ state, dispatcher, faults, requests, router: routerFor(version), reset });
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	// §9.7 `app.root_url`: media URLs point back at this server.
	state.settings.rootUrl = url;
	return {
		url,
		version,
		adminKey: SANDBOX_KEYS.admin.key,
		adminSecret: SANDBOX_KEYS.admin.secret,
		agentKey: SANDBOX_KEYS.agent.key,
		agentSecret: SANDBOX_KEYS.agent.secret,
		integrationKey: SANDBOX_KEYS.integration.key,
		integrationSecret: SANDBOX_KEYS.integration.secret,
		disabledKey: SANDBOX_KEYS.disabled.key,
		disabledSecret: SANDBOX_KEYS.disabled.secret,
		state,
		setFaults: (config) => faults.configure(config),
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		faultLog: faults.log,
		webhookDeliveries: dispatcher.deliveries,
		waitForDeliveries: () => dispatcher.idle(),
		simulateIncoming: (input = {}) => {
			state.noteWrite();
			return simulateIncoming(state, input);
		},
		triggerAutomation: (webhookId, event, conversationUuid, actorId) => {
			state.noteWrite();
			triggerAutomation(state, webhookId, event, conversationUuid, actorId);
		},
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				outbox.clear();
				dispatcher.close();
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
