/**
 * Checks that every "§n" / "§n.m" citation in the repository points at a heading of the project's own API
 * notes (docs/reamaze-api.md, docs/libredesk-api.md), and that nothing points at notes that live outside
 * the repository. The rules are written down in docs/README.md ("Citations"); test/docs/citations.test.ts
 * runs this check, and `bash scripts/node24.sh node scripts/check-citations.ts` prints the same report.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type DocName = 'reamaze-api.md' | 'libredesk-api.md';
export const DOC_NAMES: readonly DocName[] = ['reamaze-api.md', 'libredesk-api.md'];

/** Where the scan looks: these folders (recursively) plus the top-level README. */
export const SCAN_ROOTS = ['nodes', 'credentials', 'test', 'scripts'];
export const SCAN_FILES = ['README.md'];
const SCANNED_EXTENSIONS = ['.ts', '.js', '.mts', '.sh', '.md'];
// docs/ is the target of the citations, not a source of them; it is not under a scan root anyway.
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

export interface Citation {
	/** 1-based column of the section sign. */
	column: number;
	/** The citation as written, e.g. "\u00a75.3–5.4" (a section sign, then 5.3–5.4). */
	text: string;
	/** Every section it names: both ends of a range. */
	sections: string[];
	/** The document it names on its line, or undefined when it names none. */
	namedDoc: DocName | undefined;
}

export interface Problem {
	file: string;
	line: number;
	text: string;
	reason: string;
}

const SECTION = String.raw`\d+(?:\.\d+)*`;
// A section sign (U+00A7) then "2.1" or " 2.1"; ranges "5.3–5.4", "5.3 – <sign>5.4", "5.3-5.4". A hyphen range
// must be tight, so that "<sign>4 - 30 items" is not read as a range.
const CITATION = new RegExp(
	String.raw`\u00a7\s?(${SECTION})(?:\s?[\u2013\u2014]\s?\u00a7?\s?(${SECTION})|-\u00a7?(${SECTION}))?`,
	'g',
);
const DOC_MENTION = /(reamaze|libredesk)-api\.md/g;

/** Section numbers of a Markdown document's headings ("## 5. Title" → "5", "### 5.3 Title" → "5.3"). */
export function headingSections(markdown: string): Set<string> {
	const sections = new Set<string>();
	let fenced = false;
	for (const line of markdown.split('\n')) {
		if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
		if (fenced) continue;
		const match = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?(?=\s|$)/.exec(line);
		if (match) sections.add(match[1]);
	}
	return sections;
}

/**
 * The document a bare citation refers to, from the file's place in the tree (docs/README.md, "Citations"):
 * inside nodes/, credentials/ and test/, the deepest folder named reamaze* or libredesk* (any case) decides;
 * a credentials file (credentials/ or test/credentials/) is decided by its name. Anywhere else: none.
 */
export function defaultDocFor(repoRelativePath: string): DocName | undefined {
	const parts = repoRelativePath.split(/[\\/]/).filter(Boolean);
	if (!['nodes', 'credentials', 'test'].includes(parts[0])) return undefined;
	const folders = parts.slice(0, -1);
	for (let i = folders.length - 1; i >= 0; i--) {
		const doc = docForName(folders[i]);
		if (doc) return doc;
	}
	if (folders[folders.length - 1] === 'credentials') return docForName(parts[parts.length - 1]);
	return undefined;
}

function docForName(name: string): DocName | undefined {
	if (/^reamaze/i.test(name)) return 'reamaze-api.md';
	if (/^libredesk/i.test(name)) return 'libredesk-api.md';
	return undefined;
}

/** The citations on one line, each with the document it names (the nearest mention before it, else after it). */
export function extractCitations(line: string): Citation[] {
	const mentions = [...line.matchAll(DOC_MENTION)].map((m) => ({ index: m.index, doc: `${m[1]}-api.md` as DocName }));
	const citations: Citation[] = [];
	for (const match of line.matchAll(CITATION)) {
		const before = mentions.filter((m) => m.index < match.index);
		const after = mentions.filter((m) => m.index > match.index);
		const named = before.length > 0 ? before[before.length - 1] : after[0];
		const end = match[2] ?? match[3];
		citations.push({
			column: match.index + 1,
			text: match[0].trim(),
			sections: end === undefined ? [match[1]] : [match[1], end],
			namedDoc: named?.doc,
		});
	}
	return citations;
}

/** References to the notes that used to live outside the repository, which a reviewer cannot open. */
export function outsideReferences(line: string, repoRelativePath: string, repoRoot = REPO_ROOT): string[] {
	const found: string[] = [];
	const sharedRoot = '/work/' + 'shared';
	if (line.includes(sharedRoot)) found.push(`"${sharedRoot}" is outside the repository`);
	for (const match of line.matchAll(/(?:\.\.\/)+shared\b[\w./-]*/g)) {
		const fromFile = resolve(repoRoot, dirname(repoRelativePath), match[0]);
		const escapes = relative(repoRoot, fromFile).startsWith('..');
		const namesOldNotes = /\/shared\/(?:reamaze-api\.md|libredesk-api\.md|design\.md|n8n-notes\.md|seeds\b)/.test(match[0]);
		if (escapes || namesOldNotes) found.push(`"${match[0]}" points outside the repository`);
	}
	const seed = /\bseed (?:\d{3}|docs?|pages?)\b/i.exec(line);
	if (seed) found.push(`"${seed[0]}" names a page by a private label; name the public page instead`);
	return found;
}

/** All problems of one file's text. `sections` holds each document's heading numbers. */
export function checkText(
	repoRelativePath: string,
	text: string,
	sections: ReadonlyMap<DocName, ReadonlySet<string>>,
	repoRoot = REPO_ROOT,
): Problem[] {
	const problems: Problem[] = [];
	const byPlace = defaultDocFor(repoRelativePath);
	const markdown = repoRelativePath.endsWith('.md');
	// In Markdown, a top-level section about one service ("## LibreDesk", "## Re:amaze Trigger") decides
	// bare citations under it, as a folder does for code.
	let bySection: DocName | undefined;
	text.split('\n').forEach((content, index) => {
		const line = index + 1;
		if (markdown && /^#{1,2} /.test(content)) {
			bySection = /libredesk/i.test(content) ? 'libredesk-api.md' : /re:?amaze/i.test(content) ? 'reamaze-api.md' : undefined;
		}
		const fallback = byPlace ?? bySection;
		for (const reason of outsideReferences(content, repoRelativePath, repoRoot)) {
			problems.push({ file: repoRelativePath, line, text: content.trim(), reason });
		}
		for (const citation of extractCitations(content)) {
			const doc = citation.namedDoc ?? fallback;
			if (doc === undefined) {
				problems.push({
					file: repoRelativePath,
					line,
					text: citation.text,
					reason: `names no document: outside the Re:amaze/LibreDesk folders write "reamaze-api.md ${citation.text}" or "libredesk-api.md ${citation.text}"`,
				});
				continue;
			}
			const known = sections.get(doc);
			for (const section of citation.sections) {
				if (!known?.has(section)) {
					problems.push({
						file: repoRelativePath,
						line,
						text: citation.text,
						reason: `docs/${doc} has no section ${section}`,
					});
				}
			}
		}
	});
	return problems;
}

/** Repository-relative paths (with "/") of every file the check reads. */
export function scannedFiles(repoRoot = REPO_ROOT): string[] {
	const files: string[] = [];
	const walk = (folder: string): void => {
		let entries;
		try {
			entries = readdirSync(join(repoRoot, folder), { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			const path = posix.join(folder, entry.name);
			if (entry.isDirectory()) {
				if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) walk(path);
			} else if (SCANNED_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
				files.push(path);
			}
		}
	};
	for (const root of SCAN_ROOTS) walk(root);
	for (const file of SCAN_FILES) {
		try {
			readFileSync(join(repoRoot, file));
			files.push(file);
		} catch {
			// no such file: nothing to check
		}
	}
	return files.sort();
}

export function loadSections(repoRoot = REPO_ROOT): Map<DocName, Set<string>> {
	return new Map(DOC_NAMES.map((doc) => [doc, headingSections(readFileSync(join(repoRoot, 'docs', doc), 'utf8'))]));
}

/** The whole check over the repository. */
export function checkRepository(repoRoot = REPO_ROOT): { files: number; citations: number; problems: Problem[] } {
	const sections = loadSections(repoRoot);
	const files = scannedFiles(repoRoot);
	let citations = 0;
	const problems: Problem[] = [];
	for (const file of files) {
		const text = readFileSync(join(repoRoot, ...file.split('/')), 'utf8');
		for (const line of text.split('\n')) citations += extractCitations(line).length;
		problems.push(...checkText(file, text, sections, repoRoot));
	}
	return { files: files.length, citations, problems };
}

export function formatProblems(problems: readonly Problem[]): string {
	return problems.map((p) => `${p.file}:${p.line}: ${p.reason} — ${p.text}`).join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const { files, citations, problems } = checkRepository();
	if (problems.length > 0) console.log(formatProblems(problems));
	console.log(`${files} files, ${citations} citations, ${problems.length} problem(s)`);
	process.exitCode = problems.length > 0 ? 1 : 0;
}
