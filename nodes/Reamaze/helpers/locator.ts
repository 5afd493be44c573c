import { InputError } from '../../shared/errors';
import { describe, isBlank, type Raw } from '../../shared/validate';

/**
 * The value of a resource locator parameter as n8n stores it: `{ __rl: true, mode, value }`.
 * Anything else (a plain string from a hand-written workflow, say) is refused with the modes to
 * use, rather than guessed at.
 */
export function locatorParts(raw: Raw, field: string, modes: string[]): { mode: string; value: Raw } {
	if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw) {
		const { mode, value } = raw as { mode?: unknown; value?: unknown };
		if (typeof mode === 'string' && modes.includes(mode)) return { mode, value };
		throw new InputError(field, `unknown mode ${describe(mode)} (use ${modes.join(', ')})`);
	}
	throw new InputError(
		field,
		`expected a choice with a mode (${modes.join(', ')}) and a value, got ${describe(raw)}`,
		'Set the field in the node, or give `{ "__rl": true, "mode": "…", "value": "…" }` in workflow JSON.',
	);
}

/** The value of an optional locator (a field of a collection); undefined when the field is unset or empty. */
export function optionalLocatorValue(raw: Raw, field: string, modes: string[]): Raw {
	if (isBlank(raw)) return undefined;
	return locatorParts(raw, field, modes).value;
}

/** The slug a Channel locator holds (pickers.ts: From List or By Slug). */
export function channelLocatorValue(raw: Raw, field: string): Raw {
	return optionalLocatorValue(raw, field, ['list', 'slug']);
}

/** The email an Assignee or Sender locator holds (pickers.ts: From List or By Email). */
export function emailLocatorValue(raw: Raw, field: string): Raw {
	return optionalLocatorValue(raw, field, ['list', 'email']);
}
