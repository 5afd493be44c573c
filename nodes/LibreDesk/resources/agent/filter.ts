import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { boolean, describe, type Raw } from '../../../shared/validate';

export interface AgentFilters {
	onlyEnabled?: Raw;
	type?: Raw;
}

export const AGENT_TYPES = ['agent', 'ai_assistant'] as const;

/**
 * GET /api/v1/agents/compact lists agents and AI assistants, disabled ones included (§9.3), and
 * takes no filter: the node filters. Pure.
 */
export function agentFilter(filters: AgentFilters): (agent: IDataObject) => boolean {
	const onlyEnabled = boolean(filters.onlyEnabled, 'Only Enabled Agents');
	const type = filters.type === undefined || filters.type === null || filters.type === '' ? undefined : filters.type;
	if (type !== undefined && (typeof type !== 'string' || !(AGENT_TYPES as readonly string[]).includes(type))) {
		throw new InputError('Type', `unknown choice ${describe(type)} (use ${AGENT_TYPES.join(' or ')})`);
	}
	return (agent) => (!onlyEnabled || agent.enabled === true) && (type === undefined || agent.type === type);
}
