/** Public entry point: start an in-memory Re:amaze API v1 on 127.0.0.1 (see README.md). */
import type { AddressInfo } from 'node:net';
import { FaultInjector } from '../common/faults.ts';
import { seedState } from './seed.ts';
import { createSandboxServer, type ScriptedFault } from './server.ts';
import { SandboxState } from './state.ts';
import type { FaultConfig, FaultLogEntry, RecordedRequest, SandboxOptions } from './types.ts';

export type { FaultConfig, FaultLogEntry, FaultType, RecordedRequest, SandboxOptions } from './types.ts';
export type { SandboxState } from './state.ts';
export type { ScriptedFault } from './server.ts';
export { AGENT_TOKENS } from './seed.ts';

export interface Sandbox {
	/** `http://127.0.0.1:PORT` */
	url: string;
	/** The API base for the default brand, e.g. `http://127.0.0.1:PORT/acme/api/v1`. */
	baseUrl: string;
	brand: string;
	email: string;
	token: string;
	state: SandboxState;
	setFaults(f: FaultConfig | undefined): void;
	/** `reversed` serves every list in the reverse of its usual order (newest-first lists come oldest first); kept by `reset()`. */
	setListOrder(order: 'natural' | 'reversed'): void;
	/** Gives the next matching request(s) this fault, e.g. `{ type: 'drop-after-process', method: 'POST', pathEndsWith: '/conversations' }`; `reset()` clears it. */
	failNext(fault: ScriptedFault): void;
	/** Every API request received (control endpoints excluded), with the status answered. */
	requests: RecordedRequest[];
	clearRequests(): void;
	/** Every injected fault, in order; `faultLog.length = 0` clears it. */
	faultLog: FaultLogEntry[];
	/** Back to the initial data; clears requests and the fault log (the fault configuration stays). */
	reset(): void;
	close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const brand = options.brand ?? 'acme';
	const email = options.email ?? 'owner@acme.test';
	const token = options.token ?? 'sandbox-token';
	const host = options.host ?? '127.0.0.1';
	const state = new SandboxState(brand);
	const conversations = options.conversations;
	if (conversations !== undefined && !(Number.isInteger(conversations) && conversations >= 0)) {
		throw new Error('conversations must be a whole number, 0 or more');
	}
	state.listOrder = options.listOrder ?? 'natural';
	const load = () => seedState(state, { brand, email, token, seed: options.seed ?? true, conversations });
	load();
	const faults = new FaultInjector();
	faults.configure(options.faults);
	const requests: RecordedRequest[] = [];
	const scripted: ScriptedFault[] = [];
	const reset = () => {
		load();
		requests.length = 0;
		faults.log.length = 0;
		scripted.length = 0;
	};
	const server = createSandboxServer({ state, faults, requests, scripted, reset });
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	return {
		url,
		baseUrl: `${url}/${brand}/api/v1`,
		brand,
		email,
		token,
		state,
		setFaults: (config) => faults.configure(config),
		setListOrder: (order) => {
			state.listOrder = order;
		},
		failNext: (fault) => {
			scripted.push({ ...fault });
		},
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		faultLog: faults.log,
		reset,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}
