import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { inboxFilter } from '../../../../../nodes/LibreDesk/resources/inbox/filter';
import { InputError } from '../../../../../nodes/shared/errors';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('inboxFilter (GET /inboxes lists them all, §9.1)', () => {
	const inboxes = [
		{ id: 1, channel: 'email', enabled: true },
		{ id: 3, channel: 'email', enabled: false },
		{ id: 4, channel: 'livechat', enabled: true },
	];
	it.each([
		[{}, [1, 3, 4]],
		[{ onlyEmail: true }, [1, 3]],
		[{ onlyEnabled: true }, [1, 4]],
		[{ onlyEmail: true, onlyEnabled: 'true' }, [1]],
	])('%j keeps %j', (filters, ids) => {
		expect(inboxes.filter(inboxFilter(filters)).map((inbox) => inbox.id)).toEqual(ids);
	});

	it('refuses a value that is not true or false', () => {
		expect(() => inboxFilter({ onlyEmail: 'yes' })).toThrow(InputError);
	});
});

describe('Inbox → Get Many on the wire', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	it('one GET /inboxes, every inbox with its masked configuration', async () => {
		const result = await runNode(sb, { resource: 'inbox', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/inboxes']);
		expect(result.items.map((item) => [item.json.id, item.json.name, item.json.channel, item.json.enabled])).toEqual([
			[1, 'Support', 'email', true],
			[2, 'Sales', 'email', true],
			[3, 'Legacy', 'email', false],
			[4, 'Website chat', 'livechat', true],
		]);
		expect(JSON.stringify(result.items[0].json.config)).toContain('\u2022'.repeat(10));
	});

	it('filters on the node side: enabled email inboxes', async () => {
		const result = await runNode(sb, { resource: 'inbox', operation: 'getAll', filters: { onlyEmail: true, onlyEnabled: true } }, { items: [{}, {}] });
		expect(trail(sb)).toEqual(['GET /api/v1/inboxes', 'GET /api/v1/inboxes']);
		expect(result.items.map((item) => [item.json.id, item.pairedItem])).toEqual([
			[1, { item: 0 }],
			[2, { item: 0 }],
			[1, { item: 1 }],
			[2, { item: 1 }],
		]);
	});

	it('works with the Agent key (any valid key may list inboxes)', async () => {
		const result = await runNode(sb, { resource: 'inbox', operation: 'getAll' }, { key: 'agent' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
	});
});
