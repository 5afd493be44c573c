import { type IDataObject, type IExecuteFunctions, type JsonObject, NodeApiError } from 'n8n-workflow';

/** A 2xx whose body is not the JSON object the API documents is a broken answer, not an empty item. */
export function expectObject(
	context: IExecuteFunctions,
	response: unknown,
	itemIndex: number,
	what: string,
): IDataObject {
	if (response && typeof response === 'object' && !Array.isArray(response)) {
		return response as IDataObject;
	}
	throw new NodeApiError(context.getNode(), { received: typeof response } as JsonObject, {
		message: `Re:amaze did not return ${what}`,
		description: `Expected a JSON object but got ${Array.isArray(response) ? 'a list' : typeof response}. Try again; if it persists, the API may have changed.`,
		itemIndex,
	});
}
