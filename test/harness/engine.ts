// Must stay the first import: it sets N8N_USER_FOLDER before n8n-core is loaded.
import './env';

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IPinData,
	IRunData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';
import {
	Expression,
	NodeHelpers,
	UserError,
	Workflow,
	createRunExecutionData,
	isNodeClassInstance,
} from 'n8n-workflow';

import { type HarnessCredentials, HarnessCredentialsHelper } from './credentials-helper';
import { ManualTrigger } from './nodes/ManualTrigger';
import { TestItems } from './nodes/TestItems';

export type { HarnessCredentials } from './credentials-helper';

export interface WorkflowInput {
	nodes: INode[];
	connections: IConnections;
	settings?: IWorkflowSettings;
	pinData?: IPinData;
}

export interface WorkflowFixture extends WorkflowInput {
	id?: string;
	name?: string;
	[key: string]: unknown;
}

export interface RunOptions {
	credentials?: HarnessCredentials;
	credentialTypes?: ICredentialType[];
	/** Extra node types, registered as `<name>`, `CUSTOM.<name>` and `n8n-nodes-reamaze.<name>`. */
	nodeTypes?: INodeType[];
}

export interface RunResult {
	/** Per node name: its output branches of the LAST run of that node. */
	nodeOutputs: Record<string, INodeExecutionData[][]>;
	/** Node name -> the error the node threw (the original instance when the node's execute threw it). */
	errors: Record<string, ExecutionBaseError | Error>;
	runData: IRunData;
	finished: boolean;
	/** Per credential type: how often it was loaded and decrypted during the run. */
	credentialReads: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Expression engine. n8n 2.41's CLI defaults to N8N_EXPRESSION_ENGINE=vm (isolated-vm); the
// library default is 'legacy'. Start the same engine the CLI uses, once per process.
// ---------------------------------------------------------------------------------------------
let expressionEngine: Promise<void> | undefined;

function ensureExpressionEngine(): Promise<void> {
	const engine = (process.env.N8N_EXPRESSION_ENGINE ?? 'vm') as 'legacy' | 'vm' | 'quickjs';
	// Same numbers as @n8n/config's ExpressionEngineConfig defaults.
	expressionEngine ??= Expression.initExpressionEngine({
		engine,
		bridgeTimeout: 5000,
		bridgeMemoryLimit: 128,
		poolSize: 1,
		maxCodeCacheSize: 1024,
	});
	return expressionEngine;
}

// ---------------------------------------------------------------------------------------------
// Error capture. WorkflowExecute stores a node's error in run data as a spread copy
// (`{ ...error, message, stack }`), which loses the class. To let tests check `instanceof`,
// every node's execute is wrapped to remember what it threw, per execution and node name.
// ---------------------------------------------------------------------------------------------
const thrownByExecution = new Map<string, Map<string, unknown>>();
const wrappedTypes = new WeakMap<INodeType, INodeType>();

type AnyExecute = (this: unknown, ...args: unknown[]) => Promise<unknown>;

function withErrorCapture(nodeType: INodeType): INodeType {
	if (typeof nodeType.execute !== 'function') return nodeType; // triggers, declarative nodes
	const cached = wrappedTypes.get(nodeType);
	if (cached) return cached;

	const original = nodeType.execute as unknown as AnyExecute;
	// Class-style nodes (n8n's `Node` base) get the context as first argument, others as `this`.
	const contextIsArgument = isNodeClassInstance(nodeType);
	// Object.create keeps description, methods and the class tag reachable via the prototype.
	const wrapper = Object.create(nodeType) as INodeType;
	const execute: AnyExecute = async function (this: unknown, ...args: unknown[]) {
		try {
			return await original.apply(this, args);
		} catch (error) {
			const context = (contextIsArgument ? args[0] : this) as IExecuteFunctions;
			thrownByExecution.get(context.getExecutionId())?.set(context.getNode().name, error);
			throw error;
		}
	};
	wrapper.execute = execute as unknown as INodeType['execute'];
	wrappedTypes.set(nodeType, wrapper);
	return wrapper;
}

// ---------------------------------------------------------------------------------------------
// Node types
// ---------------------------------------------------------------------------------------------
class HarnessNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(extra: INodeType[]) {
		this.types.set('n8n-nodes-base.manualTrigger', new ManualTrigger());
		this.types.set('n8n-nodes-base.items', new TestItems());
		for (const type of extra) {
			const { name } = type.description;
			// CUSTOM.x is what the real CLI calls nodes loaded from ~/.n8n/custom; the package-prefixed
			// name is what a community-package install uses.
			for (const alias of [name, `CUSTOM.${name}`, `n8n-nodes-reamaze.${name}`]) this.types.set(alias, type);
		}
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) {
			throw new UserError(
				`Unknown node type "${nodeType}" (registered: ${[...this.types.keys()].join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return withErrorCapture(NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version));
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries([...this.types.keys()].map((name) => [name, {}]));
	}
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/** Reads a workflow JSON file (as exported from the n8n editor). Relative paths: from the cwd. */
export function loadWorkflowFixture(path: string): WorkflowFixture {
	const data = JSON.parse(readFileSync(resolve(path), 'utf8')) as WorkflowFixture;
	if (!Array.isArray(data.nodes) || typeof data.connections !== 'object' || data.connections === null) {
		throw new Error(`${path} is not a workflow: it needs "nodes" (array) and "connections" (object)`);
	}
	return data;
}

const notInHarness = (what: string) => async (): Promise<never> => {
	throw new UserError(`${what} is not available in the test harness`);
};

/**
 * Runs a workflow like a manual execution in the editor: from its start node (normally the
 * Manual Trigger) through n8n-core's WorkflowExecute. Resolves also when a node fails; then
 * `errors[nodeName]` holds the error and `finished` is false. Rejects only for setup problems
 * (unknown node type, no start node, workflow-level errors not attributable to a node).
 */
export async function runWorkflow(workflow: WorkflowInput, options: RunOptions = {}): Promise<RunResult> {
	await ensureExpressionEngine();

	// Workflow fills in parameter defaults on its nodes; keep the caller's objects untouched.
	const { nodes, connections, settings, pinData } = structuredClone(workflow);
	const executionId = randomUUID();
	const mode = 'manual';

	const workflowInstance = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes,
		connections,
		active: false,
		nodeTypes: new HarnessNodeTypes(options.nodeTypes ?? []),
		// As given, like the real CLI: a fixture without settings.executionOrder runs in legacy (v0) order.
		settings,
		pinData,
	});

	const startNode = workflowInstance.getStartNode();
	if (!startNode) throw new UserError('The workflow has no node to start from');

	const workflowData: IWorkflowBase = {
		id: workflowInstance.id,
		name: workflowInstance.name ?? '',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings,
		pinData,
	};
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);

	const baseUrl = 'http://127.0.0.1:5678';
	const credentialsHelper = new HarnessCredentialsHelper(options.credentials ?? {}, options.credentialTypes ?? []);
	const additionalData: IWorkflowExecuteAdditionalData = {
		executionId,
		hooks,
		credentialsHelper,
		workflowId: workflowInstance.id,
		currentNodeExecutionIndex: 0,
		variables: {}, // $vars
		externalSecretsProxy: new ExternalSecretsProxy(), // $secrets: no providers
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: notInHarness('Executing sub-workflows'),
		startRunnerTask: notInHarness('The task runner (Code node)'),
	};

	// Same start as WorkflowExecute.run(): the start node with one empty input item.
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
		resultData: { pinData },
	});

	const thrown = new Map<string, unknown>();
	thrownByExecution.set(executionId, thrown);
	try {
		const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
			workflowInstance,
		);
		const { runData, error: workflowError } = run.data.resultData;

		const nodeOutputs: RunResult['nodeOutputs'] = {};
		const errors: RunResult['errors'] = {};
		for (const [nodeName, tasks] of Object.entries(runData)) {
			const last = tasks[tasks.length - 1];
			if (!last) continue;
			nodeOutputs[nodeName] = (last.data?.main ?? []).map((branch) => branch ?? []);
			if (last.error) {
				const original = thrown.get(nodeName);
				// Prefer the thrown instance; the run-data copy if the engine replaced it (e.g. it turns
				// raw axios errors into NodeApiError) or it was not thrown from execute().
				errors[nodeName] =
					original instanceof Error && original.message === last.error.message ? original : last.error;
			}
		}
		if (workflowError && Object.keys(errors).length === 0) {
			throw new Error(`Workflow failed before any node reported an error: ${workflowError.message}`, {
				cause: workflowError,
			});
		}
		return { nodeOutputs, errors, runData, finished: run.finished === true, credentialReads: Object.fromEntries(credentialsHelper.decryptedReads) };
	} finally {
		thrownByExecution.delete(executionId);
	}
}
