import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('Tag → Get Many on the wire (§9.4)', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	afterAll(async () => sb.close());

	it('one GET /tags; names as LibreDesk spells them (Go\'s \\u003c escaping read back)', async () => {
		sb.reset();
		const result = await runNode(sb, { resource: 'tag', operation: 'getAll' }, { key: 'agent' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/tags']);
		expect(result.items.map((item) => item.json.name)).toEqual([
			'R&D <beta>',
			'billing',
			'bug',
			'feature-request',
			'feedback',
			'onboarding',
			'refund',
			'shipping',
			'urgent',
			'vip',
		]);
		expect(Object.keys(result.items[0].json)).toEqual(['id', 'created_at', 'updated_at', 'name']);
	});
});
