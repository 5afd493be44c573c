import {
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

/** One output item: JSON plus files given as base64, turned into n8n binary data by n8n's own helper. */
export interface BinaryItem {
	json?: IDataObject;
	files?: Record<string, { base64: string; fileName?: string; mimeType?: string }>;
}

/**
 * Test-only node (type `binaryItems`): emits items with binary data made by
 * `helpers.prepareBinaryData`, so the data lives wherever the engine's binary data mode puts it
 * (in the item in memory mode, on disk in filesystem mode), exactly as a Read File node's output.
 */
export class BinaryItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Binary Items',
		name: 'binaryItems',
		group: ['transform'],
		version: 1,
		description: 'Emits items with binary data (test only)',
		defaults: { name: 'Binary Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as BinaryItem[];
		const output: INodeExecutionData[] = [];
		for (const item of items) {
			const binary: IBinaryKeyData = {};
			for (const [name, file] of Object.entries(item.files ?? {})) {
				binary[name] = await this.helpers.prepareBinaryData(Buffer.from(file.base64, 'base64'), file.fileName, file.mimeType);
			}
			output.push({ json: item.json ?? {}, binary, pairedItem: { item: 0 } });
		}
		return [output];
	}
}
