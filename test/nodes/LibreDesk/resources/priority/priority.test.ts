import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('Priority → Get Many on the wire (§9.5)', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	afterAll(async () => sb.close());

	it('one GET /priorities', async () => {
		sb.reset();
		const result = await runNode(sb, { resource: 'priority', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/priorities']);
		expect(result.items.map((item) => [item.json.id, item.json.name])).toEqual([
			[1, 'Low'],
			[2, 'Medium'],
			[3, 'High'],
		]);
	});

	it('an empty list (Go\'s null) is no items, not an error', async () => {
		sb.reset();
		sb.state.priorities = [];
		const result = await runNode(sb, { resource: 'priority', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});
});
