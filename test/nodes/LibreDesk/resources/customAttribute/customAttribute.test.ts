import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { buildCustomAttributeQuery } from '../../../../../nodes/LibreDesk/resources/customAttribute/query';
import { InputError } from '../../../../../nodes/shared/errors';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('buildCustomAttributeQuery (§9.6)', () => {
	it('sends applies_to only when narrowed', () => {
		expect(buildCustomAttributeQuery('')).toEqual({});
		expect(buildCustomAttributeQuery('contact')).toEqual({ applies_to: 'contact' });
		expect(buildCustomAttributeQuery('conversation')).toEqual({ applies_to: 'conversation' });
	});

	it('refuses anything else', () => {
		expect(() => buildCustomAttributeQuery('message')).toThrow(InputError);
	});
});

describe('Custom Attribute → Get Many on the wire', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	it('without a choice: no applies_to, both kinds, newest-updated first', async () => {
		const result = await runNode(sb, { resource: 'customAttribute', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/custom-attributes']);
		expect(result.items.map((item) => item.json.key)).toEqual(['tier', 'website', 'company', 'escalated', 'renewal_date', 'seats', 'plan', 'order_id']);
	});

	it('contacts only: ?applies_to=contact', async () => {
		const result = await runNode(sb, { resource: 'customAttribute', operation: 'getAll', appliesTo: 'contact' });
		expect(trail(sb)).toEqual(['GET /api/v1/custom-attributes?applies_to=contact']);
		expect(result.items.map((item) => [item.json.key, item.json.applies_to, item.json.data_type])).toEqual([
			['tier', 'contact', 'list'],
			['website', 'contact', 'link'],
			['company', 'contact', 'text'],
		]);
		expect(result.items[0].json.values).toEqual(['bronze', 'silver', 'gold']);
	});
});
