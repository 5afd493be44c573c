import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/**
 * Test-only node (type `n8n-nodes-base.items`): emits the objects of its JSON parameter `items`
 * as separate items, so a test can feed N items into the node under test. Every output item is
 * paired with input item 0 (the trigger's single item), as n8n's own data-producing nodes do.
 */
export class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Emits the given JSON objects as items (test harness only)',
		defaults: { name: 'Test Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[]',
				description: 'Array of objects, one per output item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		// A json parameter arrives as a string from the editor, or already parsed from a fixture.
		const parsed: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
		if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'object' || x === null || Array.isArray(x))) {
			throw new NodeOperationError(this.getNode(), 'Parameter "items" must be an array of objects');
		}
		return [(parsed as IDataObject[]).map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}
