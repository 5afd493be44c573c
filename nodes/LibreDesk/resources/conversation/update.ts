import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions, type RequestPolicy } from '../../../shared/options';
import { boolean, describe, fieldSet, isBlank, list, type Raw, requireChanges, text } from '../../../shared/validate';
import { conversationKey, conversationParameter, fetchConversation, notFoundText, resolveConversationUuid } from '../../helpers/conversationLocator';
import { attributeJsonField, attributeObject, attributeRowsField } from '../../helpers/customAttributes';
import { snoozeDuration } from '../../helpers/duration';
import { canonicalName, lookupList, namesOf } from '../../helpers/lookups';
import { agentField, conversationLocatorField, priorityField, statusField, tagNamesField, teamField } from '../../helpers/pickers';
import { settle } from '../../helpers/settle';
import { type LibreDeskRequest, libreDeskRequest, serverSettings, versionAtLeast } from '../../transport';
import { positiveId } from './create';

export type TagsMode = 'replace' | 'add' | 'remove';
export type AttributesMode = 'merge' | 'replace';

export interface UpdateConversationInput {
	teamId?: Raw;
	unassignTeam?: Raw;
	agentId?: Raw;
	unassignAgent?: Raw;
	status?: Raw;
	snoozeFor?: Raw;
	snoozeUnit?: Raw;
	snoozeUntil?: Raw;
	priority?: Raw;
	tags?: Raw;
	tagsMode?: Raw;
	customAttributes?: Raw;
	customAttributesJson?: Raw;
	attributesMode?: Raw;
	contactAttributes?: Raw;
	contactAttributesJson?: Raw;
}

/** What an update changes, each part one route of §5.4–§5.8. */
export interface UpdatePlan {
	team?: number | 'remove';
	agent?: number | 'remove';
	status?: { name: string; snooze?: string };
	priority?: string;
	tags?: { names: string[]; mode: TagsMode };
	attributes?: { values: IDataObject; mode: AttributesMode };
	contactAttributes?: IDataObject;
}

function assignment(id: Raw, unassign: Raw, label: string): number | 'remove' | undefined {
	const assign = positiveId(id, label);
	const remove = boolean(unassign, `Unassign ${label}`);
	if (assign !== undefined && remove) throw new InputError(`Unassign ${label}`, `and ${label} are both set: choose one`);
	return remove ? 'remove' : assign;
}

function choice<T extends string>(value: Raw, field: string, allowed: readonly T[], fallback: T): T {
	if (isBlank(value)) return fallback;
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new InputError(field, `unknown choice ${describe(value)} (use ${allowed.join(', ')})`);
}

/**
 * What the item asks to change. Pure apart from `now` (for Snooze Until); throws InputError before
 * any request. An update that changes nothing is an input error.
 */
export function planUpdate(input: UpdateConversationInput, now = Date.now()): UpdatePlan {
	const plan: UpdatePlan = {};
	const team = assignment(input.teamId, input.unassignTeam, 'Team');
	if (team !== undefined) plan.team = team;
	const agent = assignment(input.agentId, input.unassignAgent, 'Agent');
	if (agent !== undefined) plan.agent = agent;

	const status = text(input.status, 'Status')?.trim();
	if (status) {
		// §5.4: only the status named Snoozed takes (and needs) a duration.
		plan.status = status.toLowerCase() === 'snoozed'
			? { name: status, snooze: snoozeDuration({ amount: input.snoozeFor, unit: input.snoozeUnit, until: input.snoozeUntil }, now) }
			: { name: status };
	}
	const priority = text(input.priority, 'Priority')?.trim();
	if (priority) plan.priority = priority;

	const mode = choice(input.tagsMode, 'Tags Mode', ['replace', 'add', 'remove'] as const, 'replace');
	const tags = list(input.tags, 'Tags');
	if (tags) plan.tags = { names: [...new Set(tags)], mode };
	else if (mode !== 'replace') throw new InputError('Tags', 'is required when Tags Mode adds or removes tags');
	else if (!isBlank(input.tagsMode) && Array.isArray(input.tags)) {
		// Tags added but left empty, with Tags Mode "Replace": remove every tag (§5.7 `set_tags` with []).
		plan.tags = { names: [], mode };
	}

	const attributes = attributeObject(input.customAttributesJson, input.customAttributes, 'Custom Attributes');
	if (attributes) {
		plan.attributes = { values: attributes, mode: choice(input.attributesMode, 'Custom Attributes Mode', ['merge', 'replace'] as const, 'merge') };
	}
	const contactAttributes = attributeObject(input.contactAttributesJson, input.contactAttributes, 'Contact Custom Attributes');
	if (contactAttributes) plan.contactAttributes = contactAttributes;

	requireChanges(plan as IDataObject);
	return plan;
}

/** Tags after add/remove, for servers without the `action` field (before v2.3.0, §5.7). */
export function mergeTags(current: string[], names: string[], mode: TagsMode): string[] {
	if (mode === 'replace') return [...new Set(names)];
	if (mode === 'add') return [...new Set([...current, ...names])];
	const removed = new Set(names);
	return current.filter((tag) => !removed.has(tag));
}

const TAG_ACTIONS: Record<TagsMode, string> = { replace: 'set_tags', add: 'add_tags', remove: 'remove_tags' };

interface Step {
	label: string;
	request: Omit<LibreDeskRequest, 'itemIndex' | 'policy'>;
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/**
 * The calls of one update, in this order: team, agent (a team change removes the agent, §5.6, as on
 * create), status, priority, tags, conversation custom attributes, contact custom attributes.
 * Assignment goes first so that the user's status and fields win over whatever team automation runs.
 * `current` is the conversation, read only when tags or attributes need it.
 */
export function updateSteps(uuid: string, plan: UpdatePlan, options: { tagsAction: boolean; current?: IDataObject }): Step[] {
	const path = (...rest: string[]) => ['conversations', uuid, ...rest];
	const common = { notFound: notFoundText({ uuid }), conversationAccess: true };
	const steps: Step[] = [];
	if (plan.team !== undefined) {
		steps.push(
			plan.team === 'remove'
				? { label: 'unassign team', request: { method: 'PUT', path: path('assignee', 'team', 'remove'), permission: 'conversations:update_team_assignee', ...common } }
				: { label: 'assign team', request: { method: 'PUT', path: path('assignee', 'team'), body: { assignee_id: plan.team }, permission: 'conversations:update_team_assignee', ...common } },
		);
	}
	if (plan.agent !== undefined) {
		steps.push(
			plan.agent === 'remove'
				? { label: 'unassign agent', request: { method: 'PUT', path: path('assignee', 'user', 'remove'), permission: 'conversations:update_user_assignee', ...common } }
				: { label: 'assign agent', request: { method: 'PUT', path: path('assignee', 'user'), body: { assignee_id: plan.agent }, permission: 'conversations:update_user_assignee', ...common } },
		);
	}
	if (plan.status) {
		const body: IDataObject = { status: plan.status.name };
		if (plan.status.snooze) body.snoozed_until = plan.status.snooze;
		steps.push({ label: 'status', request: { method: 'PUT', path: path('status'), body, permission: 'conversations:update_status', ...common } });
	}
	if (plan.priority) {
		steps.push({ label: 'priority', request: { method: 'PUT', path: path('priority'), body: { priority: plan.priority }, permission: 'conversations:update_priority', ...common } });
	}
	if (plan.tags) {
		const { names, mode } = plan.tags;
		const body: IDataObject = options.tagsAction || mode === 'replace'
			? { tags: names, action: TAG_ACTIONS[mode] }
			: { tags: mergeTags(stringList(options.current?.tags), names, mode), action: 'set_tags' };
		steps.push({
			label: 'tags',
			// Resending leaves the same tags (a set, §5.7); at worst a second tags_changed webhook fires.
			request: { method: 'POST', path: path('tags'), body, repeatable: true, permission: 'conversations:update_tags', ...common },
		});
	}
	if (plan.attributes) {
		const current = options.current?.custom_attributes;
		const base = plan.attributes.mode === 'merge' && current && typeof current === 'object' && !Array.isArray(current) ? (current as IDataObject) : {};
		// §5.8: this route replaces the whole object, so Merge sends the current attributes too.
		steps.push({ label: 'custom attributes', request: { method: 'PUT', path: path('custom-attributes'), body: { ...base, ...plan.attributes.values }, ...common } });
	}
	if (plan.contactAttributes) {
		// §5.8: shallow-merged into the contact's attributes by the server.
		steps.push({ label: 'contact custom attributes', request: { method: 'PUT', path: path('contacts', 'custom-attributes'), body: plan.contactAttributes, ...common } });
	}
	return steps;
}

/** §5.4/§5.5/§5.7: names checked against the server's lists (read once per run), in its spelling. */
async function resolveNames(context: IExecuteFunctions, plan: UpdatePlan, itemIndex: number, policy: RequestPolicy): Promise<void> {
	const options = { itemIndex, policy };
	if (plan.status) {
		const names = namesOf(await lookupList(context, ['statuses'], options));
		plan.status.name = canonicalName(names, plan.status.name, 'Status', 'status');
	}
	if (plan.priority) {
		plan.priority = canonicalName(namesOf(await lookupList(context, ['priorities'], options)), plan.priority, 'Priority', 'priority');
	}
	if (plan.tags && plan.tags.mode !== 'remove' && plan.tags.names.length > 0) {
		const names = namesOf(await lookupList(context, ['tags'], options));
		plan.tags.names = plan.tags.names.map((name) => canonicalName(names, name, 'Tags', 'tag'));
	}
}

function explainPartial(error: unknown, applied: string[], pending: string[]): void {
	if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) return;
	const done = applied.length > 0 ? `Already applied: ${applied.join(', ')}.` : 'Nothing was changed.';
	const notDone = pending.length > 0 ? ` Not applied: ${pending.join(', ')}.` : '';
	error.description = `The update stopped at "${pending[0]}". ${done}${notDone} ${error.description ?? ''}`.trim();
}

export const properties: INodeProperties[] = [
	conversationLocatorField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...agentField, description: `Assign the conversation to this agent (after any team change, which removes the agent). ${agentField.description}` },
			attributeRowsField(
				'Contact Custom Attributes',
				'contactAttributes',
				'getContactAttributes',
				'Custom attributes of the conversation\'s contact; merged into the existing ones (keys not given are kept)',
			),
			attributeJsonField('Contact Custom Attributes (JSON)', 'contactAttributesJson', 'Contact custom attributes as a JSON object, for typed values'),
			attributeRowsField('Custom Attributes', 'customAttributes', 'getConversationAttributes', 'Custom attributes of the conversation; see Custom Attributes Mode'),
			attributeJsonField('Custom Attributes (JSON)', 'customAttributesJson', 'Conversation custom attributes as a JSON object, for typed values; rows win on the same key'),
			{
				displayName: 'Custom Attributes Mode',
				name: 'attributesMode',
				type: 'options',
				default: 'merge',
				options: [
					{ name: 'Merge', value: 'merge', description: 'Reads the conversation and keeps the attributes not given here' },
					{ name: 'Replace', value: 'replace', description: 'The conversation gets exactly these attributes; all others are removed' },
				],
			},
			{ ...priorityField },
			{
				displayName: 'Snooze For',
				name: 'snoozeFor',
				type: 'number',
				default: 4,
				typeOptions: { minValue: 0, numberPrecision: 2 },
				description: 'With status Snoozed: how long to snooze (with Snooze Unit). An expression may also give a duration such as "1h30m".',
			},
			{
				displayName: 'Snooze Unit',
				name: 'snoozeUnit',
				type: 'options',
				default: 'hours',
				description: 'With status Snoozed: the unit of Snooze For',
				options: [
					{ name: 'Minutes', value: 'minutes' },
					{ name: 'Hours', value: 'hours' },
					{ name: 'Days', value: 'days' },
				],
			},
			{
				displayName: 'Snooze Until',
				name: 'snoozeUntil',
				type: 'dateTime',
				default: '',
				description: 'With status Snoozed, instead of Snooze For: snooze until this time (LibreDesk reopens it within a few minutes after)',
			},
			{ ...statusField },
			{ ...tagNamesField, description: `${tagNamesField.description} What happens to the existing tags depends on Tags Mode.` },
			{
				displayName: 'Tags Mode',
				name: 'tagsMode',
				type: 'options',
				default: 'replace',
				options: [
					{ name: 'Replace All Tags', value: 'replace', description: 'The conversation gets exactly these tags' },
					{ name: 'Add to Existing Tags', value: 'add', description: 'Keeps the current tags and adds these' },
					{ name: 'Remove From Existing Tags', value: 'remove', description: 'Keeps the current tags except these' },
				],
			},
			{ ...teamField, description: `Assign the conversation to this team; LibreDesk then removes the assigned agent. ${teamField.description}` },
			{ displayName: 'Unassign Agent', name: 'unassignAgent', type: 'boolean', default: false, description: 'Whether to remove the assigned agent' },
			{ displayName: 'Unassign Team', name: 'unassignTeam', type: 'boolean', default: false, description: 'Whether to remove the assigned team' },
		],
	},
];

export const updateConversation: Operation = {
	properties,
	// Tags, attribute merges and assignment read or build on the conversation's state: items that
	// change the same conversation run in input order.
	sequenceKey: (context, itemIndex) => conversationKey(context, itemIndex),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const input: UpdateConversationInput = fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields');
		const conversation = await conversationParameter(context, itemIndex);
		const plan = planUpdate(input);
		const policy = readOptions(context, itemIndex);
		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		await resolveNames(context, plan, itemIndex, policy);

		// §5.7, §13: `action` exists since v2.3.0; an older or unknown server gets the full set instead.
		let tagsAction = false;
		if (plan.tags && plan.tags.mode !== 'replace') {
			tagsAction = versionAtLeast((await serverSettings(context, { itemIndex, policy })).version, 'v2.3.0') === true;
		}
		const needsCurrent = (plan.tags !== undefined && plan.tags.mode !== 'replace' && !tagsAction) || plan.attributes?.mode === 'merge';
		const current = needsCurrent ? await fetchConversation(context, uuid, itemIndex, policy) : undefined;

		const steps = updateSteps(uuid, plan, { tagsAction, current });
		const applied: string[] = [];
		for (let index = 0; index < steps.length; index++) {
			const step = await settle(libreDeskRequest(context, { ...steps[index].request, itemIndex, policy }));
			if (!step.ok) {
				explainPartial(step.error, applied, steps.slice(index).map((entry) => entry.label));
				throw step.error;
			}
			applied.push(steps[index].label);
		}
		const after = await settle(fetchConversation(context, uuid, itemIndex, policy));
		if (after.ok) return after.value;
		if (after.error instanceof NodeApiError || after.error instanceof NodeOperationError) {
			after.error.description = `Every change was applied (${applied.join(', ')}), but reading the conversation afterwards failed${
				plan.team !== undefined || plan.agent !== undefined ? ' (after a reassignment the API key\'s agent may no longer see it)' : ''
			}. ${after.error.description ?? ''}`.trim();
		}
		throw after.error;
	},
};
