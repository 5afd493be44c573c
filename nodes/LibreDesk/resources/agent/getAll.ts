import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { fieldSet } from '../../../shared/validate';
import { libreDeskArray } from '../../transport';
import { agentFilter, type AgentFilters } from './filter';

export const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Only Enabled Agents',
				name: 'onlyEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out disabled agents (they cannot be assigned conversations)',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				default: 'agent',
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'AI Assistant', value: 'ai_assistant' },
				],
				description: 'Only people, or only LibreDesk\'s AI assistants',
			},
		],
	},
];

/**
 * GET /api/v1/agents/compact (§9.3), any valid key: agents and AI assistants, disabled ones
 * included, with id, names, email, enabled and availability. The filters are applied by the node.
 */
export const getManyAgents: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const keep = agentFilter(fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters') as AgentFilters);
		const agents = await libreDeskArray(context, { path: ['agents', 'compact'], itemIndex, policy: readOptions(context, itemIndex) });
		return agents.filter(keep);
	},
};
