import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { describe, type Raw } from '../../../shared/validate';

export const APPLIES_TO = ['contact', 'conversation'] as const;

/** GET /api/v1/custom-attributes query: `applies_to` narrows, none lists both kinds (§9.6). Pure. */
export function buildCustomAttributeQuery(appliesTo: Raw): IDataObject {
	if (appliesTo === undefined || appliesTo === null || appliesTo === '') return {};
	if (typeof appliesTo !== 'string' || !(APPLIES_TO as readonly string[]).includes(appliesTo)) {
		throw new InputError('Applies To', `unknown choice ${describe(appliesTo)} (use ${APPLIES_TO.join(' or ')})`);
	}
	return { applies_to: appliesTo };
}
