/** Test helper: a local webhook receiver that keeps the raw bytes of every POST. */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
	path: string;
	headers: IncomingHttpHeaders;
	raw: Buffer;
	json: any;
}

export interface Receiver {
	url: string;
	received: Received[];
	/** `ok` (200), a status code, or `hang` (never answers). Per path. */
	setMode(path: string, mode: 'ok' | 'hang' | number): void;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: Received[] = [];
	const modes = new Map<string, 'ok' | 'hang' | number>();
	const hanging: ServerResponse[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const path = req.url ?? '/';
			received.push({ path, headers: req.headers, raw, json: JSON.parse(raw.toString('utf8')) });
			const mode = modes.get(path) ?? 'ok';
			if (mode === 'hang') return void hanging.push(res);
			res.writeHead(mode === 'ok' ? 200 : mode, { 'content-type': 'text/plain' });
			res.end('thanks');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		received,
		setMode: (path, mode) => modes.set(path, mode),
		close: () =>
			new Promise<void>((resolve) => {
				for (const res of hanging) res.destroy();
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
