import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { CHANNEL_TYPE_OPTIONS } from '../helpers/fields';
import { PICKER_POLICY } from '../helpers/pickers';
import { reamazeList } from '../transport';

/**
 * The account's channels and staff, read and turned into rows for the lists of listSearch.ts (every
 * field filled from the account is a resource locator, so the node registers no loadOptions method).
 */

// §3.3
export const EMAIL_CHANNEL = 1;

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/** "Email", "Chat", ...; a type no source documents keeps its number. */
export function channelTypeName(type: unknown): string {
	const option = CHANNEL_TYPE_OPTIONS.find((entry) => entry.value !== '' && entry.value === Number(type));
	return option ? option.name.replace(/ \(\d+\)$/, '') : `Type ${String(type)}`;
}

/** One channel of GET /channels (§2.8) as a choice: "Support (support) · Email", valued by slug. */
export function channelOptions(channels: IDataObject[], keep: (channel: IDataObject) => boolean = () => true): INodePropertyOptions[] {
	return channels
		.filter((channel) => typeof channel.slug === 'string' && channel.slug !== '' && keep(channel))
		.map((channel) => ({
			name: `${typeof channel.name === 'string' && channel.name !== '' ? channel.name : channel.slug} (${channel.slug}) · ${channelTypeName(channel.channel)}`,
			value: channel.slug as string,
			...(typeof channel.email === 'string' && channel.email !== '' ? { description: channel.email } : {}),
		}))
		.sort(byName);
}

/** Staff of GET /staff (§2.7) as choices: "Sam Agent (sam@acme.test)", valued by email. */
export function staffOptions(staff: IDataObject[]): INodePropertyOptions[] {
	return staff
		.filter((user) => typeof user.email === 'string' && user.email !== '')
		.map((user) => {
			const name = [user.name, user.display_name].find((value) => typeof value === 'string' && value.trim() !== '') as string | undefined;
			return { name: name ? `${name} (${user.email})` : (user.email as string), value: user.email as string };
		})
		.sort(byName);
}

// GET /channels answers `{total_count, channels}` with no paging (§4).
export async function listChannels(context: ILoadOptionsFunctions): Promise<IDataObject[]> {
	return await reamazeList(context, { path: ['channels'], itemsKey: 'channels', paged: false, policy: PICKER_POLICY });
}

export async function listStaff(context: ILoadOptionsFunctions): Promise<IDataObject[]> {
	return await reamazeList(context, { path: ['staff'], itemsKey: 'staff', paged: true, policy: PICKER_POLICY });
}
