/**
 * Every API citation in code, tests and scripts must resolve to a heading of the project's own notes under
 * docs/ (rules in docs/README.md, "Citations"), and nothing may point at notes outside the repository.
 * This file writes the section sign as S = '\u00a7' so that its own made-up citations are not scanned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { checkRepository, checkText, defaultDocFor, type DocName, extractCitations, formatProblems, headingSections, loadSections, outsideReferences, REPO_ROOT, scannedFiles } from '../../scripts/check-citations.ts';

const S = '\u00a7';
const OLD_NOTES = '/work/' + 'shared';
// Built from parts for the same reason: the scan must not find these examples in this file.
const UP = '../';
const SEED = 'seed';

const SECTIONS = new Map<DocName, Set<string>>([
	['reamaze-api.md', new Set(['1', '2', '2.6', '4', '6', '6.5'])],
	['libredesk-api.md', new Set(['3', '5', '5.3', '5.4', '12', '12.3'])],
]);

describe('headingSections', () => {
	it('reads numbered headings of every level and skips fenced code', () => {
		const markdown = [
			'# Title',
			'## 1. Base URL',
			'### 1.1 Failures',
			'#### 1.1.2 Deeper',
			'## Sources',
			'```',
			'## 9. inside a code block',
			'```',
			'Text that mentions 7.1 is not a heading.',
		].join('\n');
		expect([...headingSections(markdown)]).toEqual(['1', '1.1', '1.1.2']);
	});
});

describe('extractCitations', () => {
	it('finds single citations, lists and both ends of ranges', () => {
		const found = extractCitations(`see ${S}2.6/${S}4, then ${S}5.3–5.4 and ${S} 12.3 (${S}5.3-5.4).`);
		expect(found.map((c) => c.sections)).toEqual([['2.6'], ['4'], ['5.3', '5.4'], ['12.3'], ['5.3', '5.4']]);
		expect(found.map((c) => c.column)).toEqual([5, 10, 19, 32, 40]);
	});

	it('does not read a spaced hyphen or a placeholder as a citation part', () => {
		expect(extractCitations(`30 items (${S}4 - 30 per page)`).map((c) => c.sections)).toEqual([['4']]);
		expect(extractCitations(`cited as ${S}n in the code`)).toEqual([]);
	});

	it('takes the document named nearest before a citation, else the one after it', () => {
		const line = `(reamaze-api.md ${S}2.6, ${S}4) and libredesk-api.md ${S}12.3; ${S}5 of libredesk-api.md`;
		expect(extractCitations(line).map((c) => c.namedDoc)).toEqual([
			'reamaze-api.md',
			'reamaze-api.md',
			'libredesk-api.md',
			'libredesk-api.md',
		]);
		expect(extractCitations(`${S}5 of docs/libredesk-api.md`)[0].namedDoc).toBe('libredesk-api.md');
		expect(extractCitations(`bare ${S}5`)[0].namedDoc).toBeUndefined();
	});
});

describe('defaultDocFor', () => {
	it.each([
		['nodes/Reamaze/resources/contact/create.ts', 'reamaze-api.md'],
		['nodes/ReamazeTrigger/events.ts', 'reamaze-api.md'],
		['credentials/ReamazeApi.credentials.ts', 'reamaze-api.md'],
		['test/sandbox/reamaze/routes/notes.ts', 'reamaze-api.md'],
		['test/nodes/ReamazeTrigger/events.test.ts', 'reamaze-api.md'],
		['test/credentials/ReamazeApi.credentials.test.ts', 'reamaze-api.md'],
		['nodes/LibreDesk/transport.ts', 'libredesk-api.md'],
		['nodes/LibreDeskTrigger/signature.ts', 'libredesk-api.md'],
		['credentials/LibreDeskApi.credentials.ts', 'libredesk-api.md'],
		['test/sandbox/libredesk/server.ts', 'libredesk-api.md'],
		['test/nodes/LibreDesk/media.test.ts', 'libredesk-api.md'],
	])('%s → %s', (path, doc) => {
		expect(defaultDocFor(path)).toBe(doc);
	});

	it.each([
		'nodes/shared/runner.ts',
		'scripts/start.ts',
		'README.md',
		'test/e2e/examples.test.ts',
		'test/sandbox/common/router.ts',
		'test/harness/engine.ts',
	])('%s has no default document', (path) => {
		expect(defaultDocFor(path)).toBeUndefined();
	});
});

describe('outsideReferences', () => {
	it('flags the old notes folder, paths that leave the repository, and private page labels', () => {
		expect(outsideReferences(`built from ${OLD_NOTES}/reamaze-api.md`, 'test/sandbox/reamaze/README.md')).toHaveLength(1);
		expect(outsideReferences(`readFileSync('${UP}shared/libredesk-api.md')`, 'scripts/x.ts')).toHaveLength(1);
		expect(outsideReferences(`see ${UP}${UP}${UP}shared/design.md`, 'nodes/Reamaze/x.ts')).toHaveLength(1);
		expect(outsideReferences(`body (${SEED} 001)`, 'nodes/Reamaze/x.ts')).toHaveLength(1);
		expect(outsideReferences(`(${SEED} doc post_messages)`, 'test/sandbox/reamaze/x.ts')).toHaveLength(1);
	});

	it('leaves imports of in-repository shared folders and unrelated seeds alone', () => {
		expect(outsideReferences(`import { x } from '${UP}shared/fields';`, 'nodes/Reamaze/methods/loadOptions.ts')).toEqual([]);
		expect(outsideReferences(`import { y } from '${UP}${UP}${UP}shared/validate';`, 'nodes/Reamaze/resources/a/b.ts')).toEqual([]);
		expect(outsideReferences('a seeded RNG; seed data for the sandbox', 'test/sandbox/reamaze/rng.ts')).toEqual([]);
	});
});

describe('checkText', () => {
	it('reports a made-up unresolvable citation with file and line', () => {
		const text = ['// fine: see ' + S + '6.5', '// wrong: ' + S + '2.12 is not a section here', '// range end missing: ' + S + '2.6–2.9'].join('\n');
		const problems = checkText('nodes/Reamaze/resources/x.ts', text, SECTIONS);
		expect(formatProblems(problems)).toBe(
			[
				`nodes/Reamaze/resources/x.ts:2: docs/reamaze-api.md has no section 2.12 — ${S}2.12`,
				`nodes/Reamaze/resources/x.ts:3: docs/reamaze-api.md has no section 2.9 — ${S}2.6–2.9`,
			].join('\n'),
		);
	});

	it('resolves an explicitly named document anywhere, and refuses a bare citation outside the service folders', () => {
		const named = checkText('nodes/shared/runner.ts', `// libredesk-api.md ${S}12.3 and reamaze-api.md ${S}6.5`, SECTIONS);
		expect(named).toEqual([]);
		const bare = checkText('nodes/shared/runner.ts', `// 429 handling (${S}5)`, SECTIONS);
		expect(bare).toHaveLength(1);
		expect(bare[0]).toMatchObject({ file: 'nodes/shared/runner.ts', line: 1, text: `${S}5` });
		expect(bare[0].reason).toMatch(/^names no document/);
	});

	it('in Markdown, a top-level section about one service decides bare citations under it', () => {
		const text = ['## LibreDesk', `signed deliveries (${S}12.3)`, '### Details', `still LibreDesk (${S}12)`, '## Development', `no service here (${S}2)`].join('\n');
		const problems = checkText('README.md', text, SECTIONS);
		expect(problems.map((p) => `${p.line}: ${p.reason.split(':')[0]}`)).toEqual(['6: names no document']);
	});

	it('checks a citation against the named document, not the folder default', () => {
		const problems = checkText('nodes/Reamaze/x.ts', `// libredesk-api.md ${S}6.5`, SECTIONS);
		expect(problems.map((p) => p.reason)).toEqual(['docs/libredesk-api.md has no section 6.5']);
	});

	it('reports references to notes outside the repository', () => {
		const problems = checkText('test/sandbox/reamaze/README.md', `Built from \`${OLD_NOTES}/reamaze-api.md\`.`, SECTIONS);
		expect(problems).toHaveLength(1);
		expect(problems[0].line).toBe(1);
	});
});

describe('the project notes', () => {
	const sections = loadSections();

	it('keep the section numbers that code cites', () => {
		const reamaze = sections.get('reamaze-api.md')!;
		for (const n of ['1', '2', '3', '4', '5', '6', '7', '2.1', '2.13', '3.1', '3.5', '6.1', '6.18']) {
			expect(reamaze.has(n), `reamaze-api.md ${n}`).toBe(true);
		}
		const libredesk = sections.get('libredesk-api.md')!;
		for (const n of ['1', '1.1', '1.2', '4.1', '4.2', '5.1', '5.10', '6.5', '8.5', '9.9', '12.4', '13', '14', '15', '16']) {
			expect(libredesk.has(n), `libredesk-api.md ${n}`).toBe(true);
		}
	});

	it('point readers at public sources only', () => {
		for (const doc of ['README.md', 'reamaze-api.md', 'libredesk-api.md']) {
			const text = readFileSync(join(REPO_ROOT, 'docs', doc), 'utf8');
			expect(text, doc).not.toContain(OLD_NOTES);
			expect(text, doc).not.toMatch(/\.\.\/shared\//);
		}
		const libredesk = readFileSync(join(REPO_ROOT, 'docs', 'libredesk-api.md'), 'utf8');
		expect(libredesk).toContain('https://github.com/abhinavxd/libredesk/blob/v2.7.0/cmd/conversation.go');
	});
});

describe('the repository', () => {
	it('scans code, tests, scripts and the README, but not the notes themselves', () => {
		const files = scannedFiles();
		expect(files).toContain('README.md');
		expect(files).toContain('test/docs/citations.test.ts');
		expect(files.some((f) => f.startsWith('nodes/Reamaze/'))).toBe(true);
		expect(files.some((f) => f.startsWith('docs/') || f.includes('node_modules/') || f.startsWith('dist/'))).toBe(false);
	});

	it('has only citations that resolve, and no references outside the repository', () => {
		const { citations, problems } = checkRepository();
		expect(citations).toBeGreaterThan(100);
		expect(formatProblems(problems)).toBe('');
	});
});
