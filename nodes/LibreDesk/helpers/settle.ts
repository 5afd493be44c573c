/**
 * A promise's outcome as a value, so an operation can add context to a failure (which step of an
 * update failed) and pass the same error on: errors from the transport already are NodeApiError or
 * NodeOperationError, and the runner must still see its own HaltedError unchanged.
 */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}
