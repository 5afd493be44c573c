import './env';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialType,
	IExecuteData,
	IGetDecryptedCredentialsOptions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	ICredentialsExpressionResolveValues,
	IWorkflowExecuteAdditionalData,
	Workflow,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentials, ICredentialsHelper, NodeHelpers, UserError, isExpression } from 'n8n-workflow';
import { getAdditionalKeys } from 'n8n-core';

/** Decrypted test credentials, keyed by credential type name (e.g. `reamazeApi`). */
export interface HarnessCredentials {
	[credentialType: string]: ICredentialDataDecryptedObject;
}

/** In-memory ICredentials: no encryption, so no InstanceSettings / encryption key is needed. */
class MemoryCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private store: HarnessCredentials,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return structuredClone(this.store[this.type] ?? {});
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: undefined };
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store[this.type] = structuredClone(data);
	}

	async updateData(toUpdate: ICredentialDataDecryptedObject, toDelete: string[] = []): Promise<void> {
		const next = { ...(this.store[this.type] ?? {}), ...toUpdate };
		for (const key of toDelete) delete next[key];
		this.store[this.type] = next;
	}
}

/**
 * Test double of n8n's CLI CredentialsHelper (packages/cli/src/credentials-helper.ts): credentials
 * come from the map given to runWorkflow instead of the database, and authentication follows
 * the real rules (function `authenticate`, or a `generic` block whose `={{$credentials.x}}`
 * expressions are resolved by the workflow's expression engine).
 * Extending the abstract class (not `implements`) makes a new abstract method in a later
 * n8n-workflow a compile error. Never log credential values from here.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store: HarnessCredentials;

	private readonly types = new Map<string, ICredentialType>();

	/** How often a credential type was loaded and decrypted (n8n's CLI reads its database each time). */
	readonly decryptedReads = new Map<string, number>();

	constructor(credentials: HarnessCredentials, credentialTypes: ICredentialType[]) {
		super();
		// Own copy: preAuthentication / OAuth updates must not leak into the caller's object.
		this.store = structuredClone(credentials);
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	private getType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new UserError(`Credential type "${name}" is not registered in the test harness`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types.get(name)?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.types.get(credentialType);
		// Unknown type or no restriction: usable (same policy as n8n; a later step fails if unknown).
		if (!type?.restrictToSupportedNodes) return true;
		const shortName = nodeType.slice(nodeType.lastIndexOf('.') + 1);
		return (type.supportedNodes ?? []).some((n) => n === nodeType || n === shortName);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.getType(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			if (!workflow || !node) throw new UserError('Generic credential authentication needs workflow and node');
			const resolve = (value: string): string => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			// e.g. { auth: { username, password }, headers: { Accept }, qs: { token } }:
			// each section is created if missing and its keys/values set after resolving.
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			target.headers ??= {};
			for (const [section, entries] of Object.entries(authenticate.properties)) {
				target[section] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[section][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.getType(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// Same trigger as n8n: the expirable field (e.g. a session token) is empty, or the API said 401.
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		// n8n persists the refreshed token; the harness keeps it for the rest of this run.
		this.store[typeName] = { ...(this.store[typeName] ?? {}), ...output } as ICredentialDataDecryptedObject;
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const { preAuthentication } = this.getType(typeName);
		if (typeof preAuthentication !== 'function') return undefined;
		return (await preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
	}

	async getCredentials(nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		return new MemoryCredentials(nodeCredentials, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
		_options?: IGetDecryptedCredentialsOptions,
	): Promise<ICredentialDataDecryptedObject> {
		this.decryptedReads.set(type, (this.decryptedReads.get(type) ?? 0) + 1);
		const stored = this.store[type];
		// The message names the type only, never values.
		if (!stored) throw new UserError(`No test credentials of type "${type}" were passed to runWorkflow`);
		const data = structuredClone(stored);
		if (raw === true || !this.types.has(type)) return data;

		// As n8n does: fill in the credential type's defaults for fields the user left out ...
		let decrypted = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (data.oauthTokenData !== undefined) decrypted.oauthTokenData = data.oauthTokenData;

		// ... and resolve expressions stored in credential fields in the calling node's context.
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			decrypted = workflow.expression.getParameterValue(
				decrypted as INodeParameters,
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				getAdditionalKeys(additionalData, mode, null, { isCredential: true }),
				executeData,
				false,
				decrypted,
			) as ICredentialDataDecryptedObject;
		}
		return decrypted;
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = structuredClone(data);
	}

	async updateCredentialsOauthTokenData(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store[type] = { ...(this.store[type] ?? {}), oauthTokenData: data.oauthTokenData };
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const { properties, extends: parents } = this.getType(type);
		if (!parents) return properties;
		// Parent properties first; the child's own definitions win (n8n's merge order).
		const merged: INodeProperties[] = [];
		for (const parent of parents) NodeHelpers.mergeNodeProperties(merged, this.getCredentialsProperties(parent));
		NodeHelpers.mergeNodeProperties(merged, properties);
		return merged;
	}
}
