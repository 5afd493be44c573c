import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('Team → Get Many on the wire (§9.2)', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	afterAll(async () => sb.close());

	it('GET /teams/compact (no teams:manage needed), sorted by name', async () => {
		sb.reset();
		const result = await runNode(sb, { resource: 'team', operation: 'getAll' }, { key: 'agent' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/teams/compact']);
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: 2, name: 'Billing', emoji: '💳' },
			{ id: 3, name: 'Escalations', emoji: '🚨' },
			{ id: 1, name: 'Support', emoji: '🎧' },
		]);
	});
});
