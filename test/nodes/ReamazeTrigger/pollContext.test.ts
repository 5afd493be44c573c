// Must stay the first import: it sets N8N_USER_FOLDER before n8n-core is loaded.
import '../../harness/env';

import { ExternalSecretsProxy, PollContext } from 'n8n-core';
import {
	Expression,
	type IDataObject,
	type INode,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	NodeHelpers,
	Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ReamazeApi } from '../../../credentials/ReamazeApi.credentials';
import { ReamazeTrigger, STATE_KEY } from '../../../nodes/ReamazeTrigger/ReamazeTrigger.node';
import { HarnessCredentialsHelper } from '../../harness/credentials-helper';
import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { client, newConversation } from '../../sandbox/reamaze/test-client.ts';

/**
 * The trigger inside n8n-core's own PollContext (exported by n8n-core 2.41, though not documented
 * as a harness): real parameter defaults, the real credential type's Basic auth, and static data
 * as the Workflow keeps it, where n8n only saves what it sees written.
 */
const trigger = new ReamazeTrigger();
let sandbox: Sandbox;

beforeAll(async () => {
	// The engine the n8n 2.41 CLI uses; request helpers need its isolate for expression resolution.
	await Expression.initExpressionEngine({ engine: 'vm', bridgeTimeout: 5000, bridgeMemoryLimit: 128, poolSize: 1, maxCodeCacheSize: 1024 });
	sandbox = await startSandbox({ seed: 7 });
});
afterAll(async () => sandbox.close());

function workflowWith(parameters: IDataObject): { workflow: Workflow; poll: (mode?: WorkflowExecuteMode) => Promise<IDataObject[] | null> } {
	const nodeTypes: INodeTypes = {
		getByName: () => trigger,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(trigger, 1),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'trigger',
		name: 'Re:amaze Trigger',
		type: 'CUSTOM.reamazeTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { reamazeApi: { id: '1', name: 'Re:amaze sandbox' } },
	};
	const workflow = new Workflow({ id: 'wf', name: 'Trigger test', nodes: [node], connections: {}, active: true, nodeTypes, staticData: {} });
	const additionalData = {
		credentialsHelper: new HarnessCredentialsHelper(
			{ reamazeApi: { brand: 'acme', email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl } },
			[new ReamazeApi()],
		),
		externalSecretsProxy: new ExternalSecretsProxy(),
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const poll = async (mode: WorkflowExecuteMode = 'trigger') => {
		await workflow.expression.acquireIsolate();
		try {
			const context = new PollContext(workflow, workflow.getNode(node.name)!, additionalData, mode, mode === 'manual' ? 'manual' : 'activate');
			const output = await trigger.poll.call(context);
			return output === null ? null : output[0].map((item) => item.json);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	};
	return { workflow, poll };
}

describe('Re:amaze Trigger in n8n-core\'s PollContext', () => {
	it('a test run shows the newest conversation and saves nothing', async () => {
		const { workflow, poll } = workflowWith({ event: 'newConversation' });
		const newest = [...sandbox.state.conversations()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)[0];
		expect((await poll('manual'))?.map((item) => item.slug)).toEqual([newest.slug]);
		expect(workflow.staticData.__dataChanged).toBeFalsy();
	});

	it('activation stores the cursor (so n8n saves it), emits nothing; a new conversation comes once; a quiet poll writes nothing', async () => {
		const { workflow, poll } = workflowWith({ event: 'newConversation' });
		expect(await poll()).toBeNull();
		expect(workflow.staticData.__dataChanged).toBe(true);
		expect((workflow.staticData[`node:Re:amaze Trigger`] as IDataObject)[STATE_KEY]).toMatchObject({ version: 1, stream: 'newConversation' });

		const created = await client(sandbox).post('/conversations', newConversation({ subject: 'Seen by the real context' }));
		workflow.staticData.__dataChanged = false;
		expect((await poll())?.map((item) => item.slug)).toEqual([created.body.slug]);
		expect(workflow.staticData.__dataChanged).toBe(true);

		workflow.staticData.__dataChanged = false;
		expect(await poll()).toBeNull();
		expect(workflow.staticData.__dataChanged).toBe(false);
	});
});
