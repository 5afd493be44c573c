import { type IDataObject, type ILoadOptionsFunctions, type INodePropertyOptions, NodeApiError } from 'n8n-workflow';

import { PICKER_POLICY } from '../helpers/pickers';
import { settle } from '../helpers/settle';
import { libreDeskArray } from '../transport';

/** Dropdown choices read from the server (§9). Every route here needs only a valid key unless noted. */

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function personName(user: IDataObject): string {
	return [textOf(user.first_name), textOf(user.last_name)].filter(Boolean).join(' ') || textOf(user.email) || `#${String(user.id)}`;
}

async function list(context: ILoadOptionsFunctions, path: string[], qs?: IDataObject): Promise<IDataObject[]> {
	return await libreDeskArray(context, { path, qs, policy: PICKER_POLICY });
}

/** §9.1: every inbox (also disabled ones, marked), valued by ID. */
export function inboxOptions(inboxes: IDataObject[], keep: (inbox: IDataObject) => boolean = () => true): INodePropertyOptions[] {
	return inboxes
		.filter((inbox) => typeof inbox.id === 'number' && keep(inbox))
		.map((inbox) => ({
			name: `${textOf(inbox.name) ?? `Inbox ${String(inbox.id)}`} (${textOf(inbox.channel) ?? 'unknown channel'})${inbox.enabled === false ? ' · disabled' : ''}`,
			value: inbox.id as number,
			...(textOf(inbox.from) ? { description: textOf(inbox.from) } : {}),
		}))
		.sort(byName);
}

export async function getInboxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return inboxOptions(await list(this, ['inboxes']));
}

/** §5.1: a conversation can start only in an enabled email inbox. */
export async function getEmailInboxes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return inboxOptions(await list(this, ['inboxes']), (inbox) => inbox.channel === 'email' && inbox.enabled === true);
}

/** §9.2 `GET /teams/compact`: `{id, name, emoji}`. */
export function teamOptions(teams: IDataObject[]): INodePropertyOptions[] {
	return teams
		.filter((team) => typeof team.id === 'number')
		.map((team) => ({
			name: `${textOf(team.emoji) ? `${textOf(team.emoji)} ` : ''}${textOf(team.name) ?? `Team ${String(team.id)}`}`,
			value: team.id as number,
		}))
		.sort(byName);
}

export async function getTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return teamOptions(await list(this, ['teams', 'compact']));
}

/** §9.3 `GET /agents/compact`: agents and AI assistants, including disabled ones, which are left out. */
export function agentOptions(agents: IDataObject[]): INodePropertyOptions[] {
	return agents
		.filter((agent) => typeof agent.id === 'number' && agent.enabled !== false)
		.map((agent) => ({
			name: `${personName(agent)}${agent.type === 'ai_assistant' ? ' (AI assistant)' : ''}`,
			value: agent.id as number,
			...(textOf(agent.email) ? { description: textOf(agent.email) } : {}),
		}))
		.sort(byName);
}

export async function getAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return agentOptions(await list(this, ['agents', 'compact']));
}

/** Named lookups (§9.4, §9.5): valued by name where the API takes names, by ID where filters need IDs. */
function namedOptions(entries: IDataObject[], valueBy: 'name' | 'id', describe?: (entry: IDataObject) => string | undefined): INodePropertyOptions[] {
	return entries
		.filter((entry) => textOf(entry.name) !== undefined && (valueBy === 'name' || typeof entry.id === 'number'))
		.map((entry) => {
			const description = describe?.(entry);
			return {
				name: textOf(entry.name) as string,
				value: valueBy === 'name' ? (textOf(entry.name) as string) : (entry.id as number),
				...(description ? { description } : {}),
			};
		})
		.sort(byName);
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await list(this, ['tags']), 'name');
}

export async function getTagIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await list(this, ['tags']), 'id');
}

export async function getStatuses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await list(this, ['statuses']), 'name', (status) => (textOf(status.category) ? `Category: ${textOf(status.category)}` : undefined));
}

export async function getPriorities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await list(this, ['priorities']), 'name');
}

export async function getPriorityIds(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await list(this, ['priorities']), 'id');
}

/** §9.8: macros by ID, for Macro → Apply. */
export async function getMacros(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return namedOptions(await list(this, ['macros']), 'id', (macro) => (textOf(macro.visibility) ? `Visible to: ${textOf(macro.visibility)}` : undefined));
}

/**
 * §9.9: the agent's own views (`/views/me`, needs `view:manage`) and those shared with them
 * (`/views/shared`). An agent without `view:manage` still gets the shared ones.
 */
export async function getViews(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const mine = await settle(list(this, ['views', 'me']));
	if (!mine.ok && !(mine.error instanceof NodeApiError && mine.error.httpCode === '403')) throw mine.error;
	const own = mine.ok ? mine.value : [];
	const shared = await list(this, ['views', 'shared']);
	const seen = new Set<number>();
	const options: INodePropertyOptions[] = [];
	for (const [views, label] of [[own, 'My view'], [shared, 'Shared view']] as const) {
		for (const view of views) {
			if (typeof view.id !== 'number' || seen.has(view.id)) continue;
			seen.add(view.id);
			options.push({ name: textOf(view.name) ?? `View ${view.id}`, value: view.id, description: label });
		}
	}
	return options.sort(byName);
}

/** §9.6: custom attribute keys, for key/value rows. */
export function attributeOptions(attributes: IDataObject[]): INodePropertyOptions[] {
	return attributes
		.filter((attribute) => textOf(attribute.key) !== undefined)
		.map((attribute) => ({
			name: `${textOf(attribute.name) ?? (attribute.key as string)} (${attribute.key as string})`,
			value: attribute.key as string,
			...(textOf(attribute.data_type) ? { description: `Type: ${textOf(attribute.data_type)}` } : {}),
		}))
		.sort(byName);
}

export async function getConversationAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return attributeOptions(await list(this, ['custom-attributes'], { applies_to: 'conversation' }));
}

export async function getContactAttributes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return attributeOptions(await list(this, ['custom-attributes'], { applies_to: 'contact' }));
}
