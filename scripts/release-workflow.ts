/**
 * Reads .github/workflows/release.yml, so that the publish dry run (scripts/publish-dry-run.sh) runs
 * exactly the command the release workflow runs, and test/package.test.ts can check the workflow.
 *
 * CLI: `node scripts/release-workflow.ts publish-command` prints that command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

import { REPO_ROOT } from './n8n-env.ts';

export const RELEASE_WORKFLOW = join(REPO_ROOT, '.github', 'workflows', 'release.yml');

export interface WorkflowStep {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}

export interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { permissions?: Record<string, string>; steps: WorkflowStep[]; 'runs-on'?: string }>;
}

export function readWorkflow(file: string = RELEASE_WORKFLOW): Workflow {
	return parse(readFileSync(file, 'utf8')) as Workflow;
}

/** The one step that runs `npm publish`, and its job. Throws unless there is exactly one. */
export function publishStep(workflow: Workflow = readWorkflow()): { job: string; step: WorkflowStep; command: string } {
	const found = Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
		steps.flatMap((step) =>
			(step.run ?? '')
				.split('\n')
				.map((line) => line.trim())
				.filter((line) => /^npm publish\b/.test(line))
				.map((command) => ({ job, step, command })),
		),
	);
	if (found.length !== 1) throw new Error(`expected exactly one "npm publish" line in the release workflow, found ${found.length}`);
	return found[0];
}

if (import.meta.main) {
	const [what] = process.argv.slice(2);
	if (what !== 'publish-command') {
		console.error('usage: node scripts/release-workflow.ts publish-command');
		process.exit(2);
	}
	console.log(publishStep().command);
}
