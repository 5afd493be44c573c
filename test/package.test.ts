import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

/**
 * What `npm pack` publishes: the compiled node, trigger and credential with icons and codex, the
 * entry, and nothing else (no tests, no sources, no runtime dependencies).
 */
const root = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

function packedFiles(): string[] {
	if (!existsSync(resolve(root, 'dist/nodes/Reamaze/Reamaze.node.js'))) {
		execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'ignore' });
	}
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path);
}

describe('the published package', () => {
	const files = packedFiles();

	it('contains the node, the trigger, the credential, their icons and codex files, and the entry', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'package.json',
				'README.md',
				'index.js',
				'dist/credentials/ReamazeApi.credentials.js',
				'dist/nodes/Reamaze/Reamaze.node.js',
				'dist/nodes/Reamaze/Reamaze.node.json',
				'dist/nodes/Reamaze/reamaze.svg',
				'dist/nodes/Reamaze/reamaze.dark.svg',
				'dist/nodes/ReamazeTrigger/ReamazeTrigger.node.js',
				'dist/nodes/ReamazeTrigger/ReamazeTrigger.node.json',
			]),
		);
	});

	it('ships no tests, no TypeScript sources and nothing outside dist but the entry and docs', () => {
		expect(files.filter((file) => /(^|\/)test\/|\.test\.|(?<!\.d)\.ts$/.test(file))).toEqual([]);
		expect(files.filter((file) => !file.startsWith('dist/') && !['package.json', 'README.md', 'index.js', 'LICENSE'].includes(file))).toEqual([]);
	});

	it('every file the n8n block names is in the package', () => {
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(file);
	});

	it('has no runtime dependencies and only n8n-workflow as a peer', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg.license).toBe('MIT');
	});

	it('the entry exports the node, trigger and credential classes from dist', () => {
		const entry = execFileSync(process.execPath, ['-e', 'const m = require("./index.js"); console.log(Object.keys(m).sort().join(","))'], { cwd: root, encoding: 'utf8' });
		expect(entry.trim()).toBe('Reamaze,ReamazeApi,ReamazeTrigger');
	});
});
