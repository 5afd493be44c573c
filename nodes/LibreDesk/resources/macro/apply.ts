import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { itemLabel } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { conversationKey, conversationParameter, fetchConversation, notFoundText, resolveConversationUuid } from '../../helpers/conversationLocator';
import { conversationLocatorField } from '../../helpers/pickers';
import { settle } from '../../helpers/settle';
import { libreDeskArray, libreDeskErrorType, libreDeskRequestWithStatus } from '../../transport';
import { positiveId } from '../contact/common';
import { permissionsFor, planMacro } from './plan';
import { macroOutcome } from './verify';

export const properties: INodeProperties[] = [
	{ ...conversationLocatorField, description: 'The conversation to apply the macro to' },
	{
		displayName: 'Macro Name or ID',
		name: 'macroId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getMacros' },
		required: true,
		default: '',
		description:
			'The macro to apply. Its team, agent, status, priority and tag actions are applied; replies and notes are not (see the output\'s "warnings"). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** The answer of the apply route: `{"message": ...}`, not enveloped (§9.8). */
function serverMessage(answer: unknown): string | undefined {
	const message = answer && typeof answer === 'object' ? (answer as IDataObject).message : undefined;
	return typeof message === 'string' ? message : undefined;
}

/**
 * Macro → Apply (§9.8). The route applies the actions sent in its body, not the macro's stored ones,
 * so the node reads the macro (`GET /macros`), sends its applicable actions, and outputs the
 * conversation as it is afterwards (`GET /conversations/{uuid}`), with what was applied under `macro`.
 */
export const applyMacro: Operation = {
	properties,
	sequenceKey: (context, itemIndex) => conversationKey(context, itemIndex),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const macroId = positiveId(context.getNodeParameter('macroId', itemIndex, ''), 'Macro');
		const conversation = await conversationParameter(context, itemIndex);
		const policy = readOptions(context, itemIndex);

		const macros = await libreDeskArray(context, { path: ['macros'], itemIndex, policy });
		const macro = macros.find((entry) => String(entry.id) === macroId);
		if (!macro) {
			throw new NodeApiError(context.getNode(), { status: 404, macro_id: Number(macroId) } as JsonObject, {
				message: `Not found: no macro with ID ${macroId}`,
				description: 'Choose the macro from the list, or check the ID with Macro → Get Many.',
				httpCode: '404',
				itemIndex,
			});
		}
		const name = typeof macro.name === 'string' ? macro.name : `#${macroId}`;
		const plan = planMacro(macro);
		if (plan.actions.length === 0) {
			throw new NodeOperationError(context.getNode(), `${itemLabel(itemIndex)}: the macro "${name}" has no action LibreDesk's API can apply`, {
				itemIndex,
				description: `${plan.warnings.length > 0 ? plan.warnings.join('. ') : 'The macro has no actions'}. Nothing was changed.`,
			});
		}

		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		const applied = await settle(
			libreDeskRequestWithStatus(context, {
				method: 'POST',
				path: ['conversations', uuid, 'macros', macroId, 'apply'],
				body: plan.actions as unknown as IDataObject[],
				enveloped: false,
				// Every applicable action sets a state (team, agent, status, priority, tags): a resend
				// after a lost answer leaves the conversation the same.
				repeatable: true,
				conversationAccess: true,
				notFound: `${notFoundText({ uuid })}, or the macro ${macroId} was deleted meanwhile`,
				itemIndex,
				policy,
			}),
		);
		if (!applied.ok) {
			const { error } = applied;
			if (!(error instanceof NodeApiError)) throw error;
			const said = typeof (error.errorResponse as JsonObject | undefined)?.message === 'string' ? `: ${(error.errorResponse as JsonObject).message as string}` : '';
			if (error.httpCode === '403' && !/csrf/i.test(said)) {
				throw new NodeApiError(context.getNode(), error.errorResponse as JsonObject, {
					message: `LibreDesk refused to apply the macro "${name}" (HTTP 403)${said}`,
					description: `The agent of the API key needs access to the conversation and, for this macro's actions, the permission${permissionsFor(plan.actions).length > 1 ? 's' : ''} ${permissionsFor(plan.actions).map((permission) => `"${permission}"`).join(', ')}. Ask a LibreDesk admin to add them to one of the agent's roles (Admin → Teams → Roles).`,
					httpCode: '403',
					itemIndex,
				});
			}
			if (error.httpCode === '500' && libreDeskErrorType(error) !== 'InputException') {
				throw new NodeApiError(context.getNode(), error.errorResponse as JsonObject, {
					message: `LibreDesk could not apply any action of the macro "${name}" (HTTP 500)${said}`,
					description:
						'Every action failed: the macro may refer to a team, agent, status or priority that no longer exists. Check the macro in LibreDesk (Admin → Conversations → Macros).',
					httpCode: '500',
					itemIndex,
				});
			}
			throw error;
		}

		const after = await fetchConversation(context, uuid, itemIndex, policy);
		const message = serverMessage(applied.value.data);
		const outcome = macroOutcome(plan.actions, after, message, applied.value.status);
		return {
			...after,
			macro: {
				id: Number(macroId),
				name,
				result: outcome.result,
				server_message: message ?? null,
				actions: outcome.actions,
				skipped_actions: plan.skipped,
				warnings: plan.warnings,
			},
		} as IDataObject;
	},
};
