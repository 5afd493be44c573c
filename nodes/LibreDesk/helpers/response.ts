import { type IDataObject, type IExecuteFunctions, type JsonObject, NodeApiError } from 'n8n-workflow';

/** A success whose `data` is not the JSON object the API documents is a broken answer, not an empty item. */
export function expectObject(context: IExecuteFunctions, data: unknown, itemIndex: number, what: string): IDataObject {
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	throw new NodeApiError(context.getNode(), { received: Array.isArray(data) ? 'array' : typeof data } as JsonObject, {
		message: `LibreDesk did not return ${what}`,
		description: `Expected a JSON object but got ${Array.isArray(data) ? 'a list' : data === null ? 'null' : typeof data}. Try again; if it persists, check the LibreDesk release.`,
		itemIndex,
	});
}
