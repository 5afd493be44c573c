import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { lintLeg, scanConfig, TARBALL_PATTERNS } from '../scripts/lint-tarball.ts';
import { OLDEST_SUPPORTED_N8N_VERSION, TESTED_N8N_VERSIONS } from '../scripts/n8n-env.ts';
import { publishStep, readWorkflow, type WorkflowStep } from '../scripts/release-workflow.ts';

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

	it('the entry exports the class of every node and credential the n8n block names, and nothing else', () => {
		const entry = execFileSync(process.execPath, ['-e', 'const m = require("./index.js"); console.log(Object.keys(m).sort().join(","))'], { cwd: root, encoding: 'utf8' });
		const classes = [...pkg.n8n.nodes, ...pkg.n8n.credentials].map((file: string) => file.split('/').pop()?.replace(/\.(node|credentials)\.js$/, ''));
		expect(classes).toEqual(expect.arrayContaining(['Reamaze', 'ReamazeTrigger', 'ReamazeApi']));
		expect(entry.trim()).toBe([...classes].sort().join(','));
	});
});

describe('versions and compatibility', () => {
	it('states the Node versions of the published package and of development apart', () => {
		// The package runs inside n8n: n8n 1.123 runs on Node 20.19–24, n8n 2.x on Node 24.
		expect(pkg.engines.node).toBe('>=20.19');
		// Building and testing it needs Node 24 (scripts/node24.sh supplies it, so npm need not refuse).
		expect(pkg.devEngines.runtime).toEqual({ name: 'node', version: '>=24', onFail: 'ignore' });
	});

	it('names its oldest supported n8n in engines.n8n, and the e2e suite runs exactly that version besides 2.x', () => {
		expect(pkg.engines.n8n).toMatch(/^>=1\.\d+\.\d+$/);
		expect(OLDEST_SUPPORTED_N8N_VERSION).toBe(pkg.engines.n8n.slice(2));
		expect(TESTED_N8N_VERSIONS).toEqual(['2.41.1', OLDEST_SUPPORTED_N8N_VERSION]);
		expect(pkg.scripts['test:e2e:n8n1']).toContain(`N8N_VERSION=${OLDEST_SUPPORTED_N8N_VERSION} `);
	});

	it('CHANGELOG.md has a dated section for the version in package.json', () => {
		const changelog = readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8');
		const escaped = pkg.version.replace(/\./g, '\\.');
		expect(changelog).toMatch(new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
	});
});

describe('the release workflow (.github/workflows/release.yml)', () => {
	const workflow = readWorkflow();
	const { job, step: publish, command } = publishStep(workflow);
	const steps = workflow.jobs[job].steps;
	const index = (predicate: (step: WorkflowStep) => boolean) => steps.findIndex(predicate);
	const runs = (pattern: RegExp) => index((step) => pattern.test(step.run ?? ''));

	it('runs on version tags only', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('may mint the OIDC token npm provenance needs, and nothing more', () => {
		expect(workflow.jobs[job].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	it('publishes with provenance and public access, authenticated by the NPM_TOKEN secret', () => {
		expect(command).toBe('npm publish --provenance --access public');
		expect(publish.env).toEqual({ NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}' });
		const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with).toMatchObject({ 'node-version': 24, 'registry-url': 'https://registry.npmjs.org' });
	});

	it('checks out, installs from the lock, builds, lints both ways and tests before it publishes, last', () => {
		const order = [
			index((step) => step.uses?.startsWith('actions/checkout@') ?? false),
			index((step) => step.uses?.startsWith('actions/setup-node@') ?? false),
			runs(/GITHUB_REF_NAME" != "v\$version"/),
			runs(/^npm ci$/m),
			runs(/^npm run build$/m),
			runs(/^npm run lint$/m),
			runs(/^npm run lint:scan$/m),
			runs(/^npm test$/m),
			steps.indexOf(publish),
		];
		expect(order.every((position) => position >= 0), JSON.stringify(order)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(steps[steps.length - 1]).toBe(publish);
		expect(steps[runs(/^npm test$/m)].env).toEqual({ CI: 'true' });
	});

	it('CI (.github/workflows/ci.yml) runs .ci/run on pushes and pull requests', () => {
		const ci = readWorkflow(resolve(root, '.github', 'workflows', 'ci.yml'));
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		expect(Object.values(ci.jobs).flatMap((j) => j.steps.map((step) => step.run)).filter(Boolean)).toEqual(['bash .ci/run']);
	});

	it('npm run release cuts releases and npm run publish:dry-run dry-runs the workflow\'s own publish command', () => {
		expect(pkg.scripts.release).toBe('bash scripts/node24.sh bash scripts/release.sh');
		const dryRun = readFileSync(resolve(root, 'scripts', 'publish-dry-run.sh'), 'utf8');
		expect(dryRun).toContain('node scripts/release-workflow.ts publish-command');
		expect(dryRun).toMatch(/^\$command --dry-run /m);
		expect(readFileSync(resolve(root, 'scripts', 'test-all.sh'), 'utf8')).toContain('bash scripts/publish-dry-run.sh');
	});
});

describe('the scan lint (scripts/lint-tarball.ts): the verification scan\'s rules, inline disables ignored', () => {
	it('npm run lint (eslint.config.mjs) ignores inline disables as well', async () => {
		const { ESLint } = await import('eslint');
		const eslint = new ESLint({ cwd: root });
		const [result] = await eslint.lintText('export const wait = () => setTimeout(() => undefined, 5); // eslint-disable-line\n', {
			filePath: resolve(root, 'nodes', 'Probe', 'probe.ts'),
		});
		expect(result.messages.filter((message) => message.severity === 2).map((message) => message.ruleId)).toEqual([
			'@n8n/community-nodes/no-restricted-globals',
		]);
	});

	it('still reports a violation that an eslint-disable comment hides, in a .ts source and in compiled .js', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'reamaze-scan-test-'));
		const previousTmp = process.env.TMPDIR;
		try {
			mkdirSync(join(dir, 'credentials'));
			mkdirSync(join(dir, 'nodes', 'Example'), { recursive: true });
			writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
			writeFileSync(
				join(dir, 'credentials', 'ExampleApi.credentials.ts'),
				[
					"import type { ICredentialType } from 'n8n-workflow';",
					'export class ExampleApi implements ICredentialType {',
					"\tname = 'exampleApi';",
					'\t// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-miscased',
					"\tdisplayName = 'Re:amaze API';",
					'}',
					'',
				].join('\n'),
			);
			writeFileSync(join(dir, 'nodes', 'Example', 'wait.js'), 'setTimeout(() => undefined, 5); // eslint-disable-line\n');
			// The scanner module makes a temp folder when it loads: keep it inside ours.
			process.env.TMPDIR = dir;
			const config = await scanConfig();
			const source = await lintLeg('source', dir, ['credentials/**/*.ts'], config);
			expect(source.report).toContain('n8n-nodes-base/cred-class-field-display-name-miscased');
			expect(source.errors).toBeGreaterThan(0);
			const tarball = await lintLeg('tarball', dir, TARBALL_PATTERNS, config);
			expect(tarball.files).toBe(2);
			expect(tarball.report).toContain('@n8n/community-nodes/no-restricted-globals');
			expect(tarball.errors).toBe(1);
		} finally {
			if (previousTmp === undefined) delete process.env.TMPDIR;
			else process.env.TMPDIR = previousTmp;
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
