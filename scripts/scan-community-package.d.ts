// @n8n/scan-community-package ships plain JavaScript; scripts/lint-tarball.ts uses these two exports.
declare module '@n8n/scan-community-package/scanner/scanner.mjs' {
	export function buildScanConfig(): Promise<unknown>;
	export const SOURCE_FILE_PATTERNS: string[];
}
