import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from './itemParameters';

/** An output item that carries files (n8n binary data) besides its JSON, e.g. downloaded attachments. */
export class ItemWithFiles {
	constructor(
		readonly json: IDataObject,
		readonly binary: IBinaryKeyData,
	) {}
}

export type OperationOutput = IDataObject | ItemWithFiles;

/** One user choice of resource + operation: its fields and how to run it for one item. */
export interface Operation {
	/** The fields this operation shows; the resource and operation conditions are added by showFor. */
	properties: INodeProperties[];
	/** Runs one item and returns what becomes that item's output (several objects = several items). */
	execute(context: IExecuteFunctions, itemIndex: number): Promise<OperationOutput | OperationOutput[]>;
	/**
	 * The object this item changes, when items acting on the same object must see each other's
	 * effects (read-modify-write updates, messages whose order matters): the runner runs items with
	 * the same key one after another, in input order. Read from parameters only, without requests.
	 */
	sequenceKey?(context: IExecuteFunctions, itemIndex: number): string | undefined;
}

export interface ResourceDefinition {
	value: string;
	name: string;
	/** The resource's Operation dropdown, written out literally so n8n's lint rules can read it. */
	operationProperty: INodeProperties;
	operations: Record<string, Operation>;
}

/** Restricts fields to one resource and operation, keeping any extra conditions they carry. */
export function showFor(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}

/** (resource, operation) → the code that runs it: the dispatch table a node's `execute` uses. */
export function operationTable(resources: ResourceDefinition[]): Map<string, Operation> {
	return new Map(
		resources.flatMap((resource) =>
			Object.entries(resource.operations).map(([name, operation]) => [`${resource.value}:${name}`, operation] as const),
		),
	);
}

/** The Resource dropdown, each resource's Operation dropdown, then every operation's own fields. */
export function describeResources(resources: ResourceDefinition[], defaultResource: string): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resources.map(({ name, value }) => ({ name, value })),
			default: defaultResource,
		},
		...resources.map((resource) => resource.operationProperty),
	];
	for (const resource of resources) {
		for (const [name, operation] of Object.entries(resource.operations)) {
			properties.push(...showFor(resource.value, name, operation.properties));
		}
	}
	return properties;
}

/**
 * A `sequenceKey` read from parameters: items whose parameters name the same object (the same
 * resource-locator value or identifier, ignoring case and spaces around it) get the same key. Two
 * items that reach one object by different routes (a slug and a reference number) are not detected.
 */
export function keyFromParameters(names: string[]): (context: IExecuteFunctions, itemIndex: number) => string | undefined {
	return (context, itemIndex) => {
		const parts: string[] = [];
		for (const name of names) {
			let value: unknown = itemParameter(context, name, itemIndex);
			if (value && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
				value = (value as { value: unknown }).value;
			}
			if (value === undefined || value === null || value === '') return undefined;
			parts.push(String(typeof value === 'object' ? JSON.stringify(value) : value).trim().toLowerCase());
		}
		return parts.join('\u0000');
	};
}
