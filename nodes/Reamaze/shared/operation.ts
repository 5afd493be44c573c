import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** One user choice of resource + operation: its fields and how to run it for one item. */
export interface Operation {
	/** The fields this operation shows; the resource and operation conditions are added by showFor. */
	properties: INodeProperties[];
	/** Runs one item and returns what becomes that item's output (several objects = several items). */
	execute(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
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
