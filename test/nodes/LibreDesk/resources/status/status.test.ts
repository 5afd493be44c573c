import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('Status → Get Many on the wire (§9.5)', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	afterAll(async () => sb.close());

	it('one GET /statuses with each status\'s category', async () => {
		sb.reset();
		const result = await runNode(sb, { resource: 'status', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/statuses']);
		expect(result.items.map((item) => [item.json.id, item.json.name, item.json.category])).toEqual([
			[1, 'Open', 'open'],
			[2, 'Snoozed', 'waiting'],
			[3, 'Resolved', 'resolved'],
			[4, 'Closed', 'resolved'],
			[5, 'Waiting on customer', 'waiting'],
		]);
	});
});
