import { type IDataObject, type IExecuteFunctions, type INodeProperties, NodeApiError } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { describe, type Raw } from '../../../shared/validate';
import { settle } from '../../helpers/settle';
import { libreDeskArray } from '../../transport';

export const VIEW_SCOPES = ['all', 'mine', 'shared'] as const;
export type ViewScope = (typeof VIEW_SCOPES)[number];

export function viewScope(value: Raw): ViewScope {
	if (value === undefined || value === null || value === '') return 'all';
	if (typeof value === 'string' && (VIEW_SCOPES as readonly string[]).includes(value)) return value as ViewScope;
	throw new InputError('Views', `unknown choice ${describe(value)} (use ${VIEW_SCOPES.join(', ')})`);
}

/** Own views first, then shared ones not already listed. Pure. */
export function mergeViews(own: IDataObject[], shared: IDataObject[]): IDataObject[] {
	const seen = new Set(own.map((view) => String(view.id)));
	return [...own, ...shared.filter((view) => !seen.has(String(view.id)))];
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Views',
		name: 'scope',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'Mine and Shared With Me', value: 'all', description: 'Own views (when the agent may have them) and shared ones' },
			{ name: 'Mine', value: 'mine', description: 'Views of the API key\'s agent (needs the permission view:manage)' },
			{ name: 'Shared With Me', value: 'shared', description: 'Views shared with everyone or with one of the agent\'s teams' },
		],
	},
];

/**
 * GET /api/v1/views/me (`view:manage`) and /api/v1/views/shared (any valid key) (§9.9). Each view's
 * ID lists its conversations with Conversation → Get Many. "Mine and Shared" skips the own views of
 * an agent without `view:manage`, as the view dropdown does.
 */
export const getManyViews: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const scope = viewScope(context.getNodeParameter('scope', itemIndex, 'all'));
		const policy = readOptions(context, itemIndex);
		const read = async (which: 'me' | 'shared') =>
			await libreDeskArray(context, {
				path: ['views', which],
				permission: which === 'me' ? 'view:manage' : undefined,
				itemIndex,
				policy,
			});
		if (scope === 'mine') return await read('me');
		if (scope === 'shared') return await read('shared');
		// The own views need view:manage; without it an agent still has the shared ones.
		const own = await settle(read('me'));
		if (!own.ok && !(own.error instanceof NodeApiError && own.error.httpCode === '403')) throw own.error;
		return mergeViews(own.ok ? own.value : [], await read('shared'));
	},
};
