import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { mergeViews, viewScope } from '../../../../../nodes/LibreDesk/resources/view/getAll';
import { InputError } from '../../../../../nodes/shared/errors';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('views: scope and merge', () => {
	it('defaults to mine and shared; refuses other scopes', () => {
		expect(viewScope('')).toBe('all');
		expect(viewScope('mine')).toBe('mine');
		expect(() => viewScope('team')).toThrow(InputError);
	});

	it('lists own views first and a shared view once', () => {
		expect(mergeViews([{ id: 1 }, { id: 2 }], [{ id: 2 }, { id: 5 }]).map((view) => view.id)).toEqual([1, 2, 5]);
	});
});

describe('View → Get Many on the wire (§9.9)', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	it('mine and shared: GET /views/me then /views/shared', async () => {
		const result = await runNode(sb, { resource: 'view', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/views/me', 'GET /api/v1/views/shared']);
		// Alice: her own view, the Support team's and the one shared with everyone (she is not in Billing).
		expect(result.items.map((item) => [item.json.name, item.json.visibility])).toEqual([
			['My open', 'user'],
			['Support queue', 'team'],
			['Everything snoozed', 'all'],
		]);
	});

	it('shared only: one request', async () => {
		const result = await runNode(sb, { resource: 'view', operation: 'getAll', scope: 'shared' });
		expect(trail(sb)).toEqual(['GET /api/v1/views/shared']);
		expect(result.items.map((item) => item.json.name)).toEqual(['Support queue', 'Everything snoozed']);
	});

	it('an agent without view:manage still gets the shared views; asking for own views names the permission', async () => {
		sb.state.setRolePermissions('Agent', sb.state.roles.find((role) => role.name === 'Agent')!.permissions.filter((permission) => permission !== 'view:manage'));
		const all = await runNode(sb, { resource: 'view', operation: 'getAll' }, { key: 'agent' });
		expect(all.error).toBeUndefined();
		expect(all.items.map((item) => item.json.name)).toEqual(['Support queue', 'Everything snoozed']);
		expect(sb.requests.map((request) => request.status)).toEqual([403, 200]);

		const mine = await runNode(sb, { resource: 'view', operation: 'getAll', scope: 'mine' }, { key: 'agent' });
		expect(mine.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "view:manage")');
	});
});
