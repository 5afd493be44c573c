/**
 * Lints the package the way n8n's verification scan does (`npx @n8n/scan-community-package <name>`),
 * without a published release to download: the scan itself starts from npm (provenance, then the
 * tarball and the attested source commit), so this script feeds it the same two inputs locally.
 *
 *   tarball leg: `npm pack`, extracted to a temp folder; every `.js` file and package.json
 *   source leg:  this checkout; package.json and {nodes,credentials}/** (.js, .ts, .json)
 *
 * Both legs use the scanner's own ESLint config (`buildScanConfig` from the scanner package, a
 * devDependency, so its rule versions are the scanner's) with inline configuration ignored, as the
 * scan does: an `eslint-disable` comment counts for nothing there. Like the scan, only errors fail;
 * warnings are printed. Whatever appears under nodes/ and credentials/ is linted without listing it.
 *
 * Run: bash scripts/node24.sh node scripts/lint-tarball.ts   (REAMAZE_SKIP_BUILD=1: pack dist/ as it is)
 */
import { execFileSync } from 'node:child_process';
import { globSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { ESLint } from 'eslint';

import { buildAndPack, REPO_ROOT } from './n8n-env.ts';

interface ScannerModule {
	buildScanConfig(): Promise<unknown>;
	SOURCE_FILE_PATTERNS: string[];
}

/** The tarball leg's file patterns in scanner.mjs (`analyzePackage(packageDir, ['**\/*.js', 'package.json'])`). */
export const TARBALL_PATTERNS = ['**/*.js', 'package.json'];
/** What the scanner's glob leaves out in every leg. */
const IGNORED = /(^|\/)node_modules\/|(^|\/)package-lock\.json$/;

export interface LegResult {
	name: string;
	files: number;
	errors: number;
	warnings: number;
	report: string;
}

/** The scanner's ESLint config (rules and parsers exactly as `@n8n/scan-community-package` sets them). */
export async function scanConfig(): Promise<unknown> {
	const scanner = (await import('@n8n/scan-community-package/scanner/scanner.mjs')) as ScannerModule;
	return await scanner.buildScanConfig();
}

/** The scanner's source-leg patterns: package.json and {nodes,credentials}/**. */
export async function sourcePatterns(): Promise<string[]> {
	const scanner = (await import('@n8n/scan-community-package/scanner/scanner.mjs')) as ScannerModule;
	return scanner.SOURCE_FILE_PATTERNS;
}

/** Lints the files `patterns` match under `cwd` with inline eslint comments ignored. */
export async function lintLeg(name: string, cwd: string, patterns: string[], config: unknown): Promise<LegResult> {
	const files = globSync(patterns, { cwd })
		.filter((file) => !IGNORED.test(file))
		.sort()
		.map((file) => join(cwd, file));
	if (files.length === 0) throw new Error(`${name}: no files matched ${patterns.join(', ')} in ${cwd}`);
	const eslint = new ESLint({
		cwd,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: config as ESLint.Options['overrideConfig'],
	});
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const formatter = await eslint.loadFormatter('stylish');
	const report = errors + warnings > 0 ? await formatter.format(results) : '';
	return { name, files: files.length, errors, warnings, report };
}

async function main(): Promise<void> {
	const work = mkdtempSync(join(tmpdir(), 'reamaze-scan-'));
	// The scanner module makes a temp folder when it loads; keep it inside ours so it goes too.
	process.env.TMPDIR = work;
	try {
		const config = await scanConfig();

		const tarball = await buildAndPack(join(work, 'pack'), { build: process.env.REAMAZE_SKIP_BUILD !== '1' });
		const extracted = join(work, 'package');
		mkdirSync(extracted);
		execFileSync('tar', ['-xzf', tarball, '-C', extracted, '--strip-components=1']);

		const legs = [
			await lintLeg(`tarball ${relative(work, tarball)}`, extracted, TARBALL_PATTERNS, config),
			await lintLeg('source (this checkout)', REPO_ROOT, await sourcePatterns(), config),
		];
		let failed = false;
		for (const leg of legs) {
			if (leg.report) console.log(leg.report);
			console.log(`scan lint, ${leg.name}: ${leg.files} files, ${leg.errors} errors, ${leg.warnings} warnings (inline eslint comments ignored)`);
			if (leg.errors > 0) failed = true;
		}
		if (failed) {
			console.log('scan lint: FAILED — n8n\'s verification scan would reject this package');
			process.exitCode = 1;
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

if (import.meta.main) await main();
