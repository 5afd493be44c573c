import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

/**
 * A stand-in for n8n's Convert to File node (n8n-nodes-base is not installed in the engine harness),
 * covering only what examples/libredesk/attach-file.json uses: operation "toJson", mode "once"
 * (all items to one file), `binaryPropertyName`, option `fileName`. The file is made by the engine's
 * `prepareBinaryData`, as the real node does. The real node runs in the real-n8n e2e suite.
 */
export class ConvertToFileStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Convert to File (stand-in)',
		name: 'n8n-nodes-base.convertToFile',
		group: ['input'],
		version: [1, 1.1],
		description: 'Test stand-in for Convert to File → JSON, all items to one file',
		defaults: { name: 'Convert to File' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'toJson' },
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'once' },
			{ displayName: 'Binary Property', name: 'binaryPropertyName', type: 'string', default: 'data' },
			{ displayName: 'Options', name: 'options', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0);
		const mode = this.getNodeParameter('mode', 0);
		if (operation !== 'toJson' || mode !== 'once') {
			throw new NodeOperationError(this.getNode(), `the stand-in covers toJson/once only, not ${String(operation)}/${String(mode)}`);
		}
		const items = this.getInputData();
		const property = this.getNodeParameter('binaryPropertyName', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as { fileName?: string };
		const bytes = Buffer.from(JSON.stringify(items.map((item) => item.json)));
		const file = await this.helpers.prepareBinaryData(bytes, options.fileName ?? 'file.json', 'application/json');
		return [[{ json: {}, binary: { [property]: file }, pairedItem: items.map((_, item) => ({ item })) }]];
	}
}
