import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, INode } from 'n8n-workflow';

/** What can read a credential: every n8n function context (execute, poll, hooks, load options). */
interface CredentialReader {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string, itemIndex?: number): Promise<T>;
}

const cache = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * The credential as n8n resolves it for this item, read once per run and item: n8n loads it from its
 * database and decrypts it on every call, and a Return All sends hundreds of requests for one item
 * (README, Performance). The cache lives on the context, so the next run reads the credential afresh.
 */
export async function credentialsFor(
	context: CredentialReader,
	type: string,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	let byItem = cache.get(context);
	if (!byItem) {
		byItem = new Map();
		cache.set(context, byItem);
	}
	const key = `${type}\u0000${itemIndex ?? ''}`;
	let pending = byItem.get(key);
	if (!pending) {
		pending = context.getCredentials<ICredentialDataDecryptedObject>(type, itemIndex);
		byItem.set(key, pending);
		// A failed read is not kept: the next request asks n8n again.
		pending.catch(() => byItem.delete(key));
	}
	return await pending;
}

/**
 * The credential in the form `httpRequestWithAuthentication` takes as `credentialsDecrypted`: n8n then
 * authenticates the request with it instead of loading and decrypting the credential from its
 * database again for every request (a fifth of a Return All's CPU in the benchmark).
 */
export function decryptedFor(node: INode, type: string, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
	const details = node.credentials?.[type];
	return { id: details?.id ?? '', name: details?.name ?? '', type, data };
}
