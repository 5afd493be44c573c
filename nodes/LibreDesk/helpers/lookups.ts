import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import type { RequestPolicy } from '../../shared/options';
import { describe } from '../../shared/validate';
import { libreDeskArray, type LibreDeskContext } from '../transport';

/**
 * Statuses, priorities and tags are sent by name, and LibreDesk is unforgiving about unknown names:
 * an unknown status fails with a 500 (§5.4), an unknown priority silently clears the priority (§5.5),
 * unknown tags are silently dropped (§5.7). So names are checked against the server's lists, read
 * once per run (like limiterFor, keyed by the run's context) and only when an operation needs them.
 */

const listsOfRun = new WeakMap<object, Map<string, Promise<IDataObject[]>>>();

export async function lookupList(
	context: LibreDeskContext,
	path: string[],
	options: { itemIndex?: number; policy?: RequestPolicy } = {},
): Promise<IDataObject[]> {
	let lists = listsOfRun.get(context);
	if (!lists) {
		lists = new Map();
		listsOfRun.set(context, lists);
	}
	const key = path.join('/');
	let pending = lists.get(key);
	if (!pending) {
		pending = libreDeskArray(context, { path, ...options });
		lists.set(key, pending);
		const current = lists;
		// A failed read is not remembered: the next item may try again.
		pending.catch(() => current.delete(key));
	}
	return await pending;
}

export function namesOf(entries: IDataObject[]): string[] {
	return entries.map((entry) => entry.name).filter((name): name is string => typeof name === 'string' && name !== '');
}

function known(names: string[]): string {
	const shown = names.slice(0, 20).map((name) => `"${name}"`).join(', ');
	return names.length > 20 ? `${shown}, ...` : shown;
}

/**
 * The server's spelling of `value`: an exact match, else the one name that matches ignoring case
 * (LibreDesk compares case-sensitively). `what` names the list in the error ("status").
 */
export function canonicalName(names: string[], value: string, field: string, what: string): string {
	if (names.includes(value)) return value;
	const folded = names.filter((name) => name.toLowerCase() === value.toLowerCase());
	if (folded.length === 1) return folded[0];
	throw new InputError(
		field,
		`${describe(value)} is not a ${what} of this LibreDesk server${names.length > 0 ? ` (known: ${known(names)})` : ''}`,
		`Choose the ${what} from the list, or create it in LibreDesk first.`,
	);
}
