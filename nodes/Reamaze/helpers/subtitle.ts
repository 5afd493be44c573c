import type { ResourceDefinition } from '../../shared/operation';

/**
 * The canvas subtitle: the action the user picked ("Create a conversation"), not the raw values
 * ("create: conversation"). n8n evaluates the subtitle as an expression with only `$parameter`, so
 * the names travel inside it as a lookup table; an operation set by an expression shows its raw values.
 */
export function actionSubtitle(resources: ResourceDefinition[]): string {
	const actions: Record<string, string> = {};
	for (const resource of resources) {
		for (const option of resource.operationProperty.options ?? []) {
			if (!('value' in option) || typeof option.value !== 'string') continue;
			const action = 'action' in option && typeof option.action === 'string' ? option.action : `${option.name}: ${resource.name}`;
			actions[`${resource.value}:${option.value}`] = action;
		}
	}
	return `={{ ${JSON.stringify(actions)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}
