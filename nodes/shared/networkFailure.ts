import { type INode, type JsonObject, NodeApiError } from 'n8n-workflow';

import { NOT_SENT_CODES } from './retry';

/** The error both services raise when a request fails without an HTTP answer. */

export interface NetworkFailure {
	/** The service's name as users read it ("Re:amaze", "LibreDesk"). */
	service: string;
	/** The system error code (ECONNRESET, ...); undefined when the failure carried none. */
	code: string | undefined;
	/** The request changes data and may have reached the server: true for a sent create, update or delete. */
	mayHaveBeenProcessed: boolean;
	/**
	 * Whether sending it again cannot duplicate anything (a PUT, a message with an origin_id). Then the
	 * node itself resent it while its wait budget lasted; otherwise it did not resend it at all.
	 */
	safeToResend: boolean;
	/** What the user should check, e.g. "the brand or API Base URL in the Re:amaze credential". */
	checkWhat: string;
	/** The request's timeout, to name it when it ran out. */
	timeoutMs?: number;
	/** Replaces the default advice after a write that may have been processed (e.g. "Re-running is safe: ..."). */
	afterProcessingAdvice?: string;
	itemIndex?: number;
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/** In words, because the code itself must stay out of the headline (see `networkFailure`). */
const WORDS: Record<string, string> = {
	ECONNRESET: 'the connection was reset',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the server name was not found',
	EAI_AGAIN: 'the server name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed while sending',
	ECONNCLOSED: 'the connection was closed',
};

export function isTimeout(code: string | undefined): boolean {
	return code !== undefined && TIMEOUT_CODES.has(code);
}

function seconds(ms: number): string {
	return `${Math.round(ms / 100) / 10} s`;
}

/**
 * A NodeApiError whose headline is the node's own. n8n-workflow's NodeApiError replaces a message
 * with stock text when the error's `code` (or any word of the message) is a network code it knows:
 * ECONNRESET becomes "The connection to the server was closed unexpectedly ... You can retry the
 * request immediately", wrong after a create that may have been processed, and a timeout loses the
 * node's "did not answer in time". So the code goes only into the description (which n8n leaves
 * alone) and into `networkCode`, and the headline is set again after construction in case another
 * n8n version maps more words. The headline says whether the request may have been processed.
 */
export function networkFailure(node: INode, failure: NetworkFailure): NodeApiError {
	const { service, code } = failure;
	const sent = code === undefined || !NOT_SENT_CODES.has(code);
	const timedOut = isTimeout(code);
	const what = timedOut
		? `no answer within ${failure.timeoutMs === undefined ? 'the Timeout option' : `${seconds(failure.timeoutMs)}, the Timeout option`}`
		: code === undefined
			? 'the failure carried no network code'
			: `${WORDS[code] ?? 'a network error'}; network code ${code}`;

	let message: string;
	let description: string;
	if (!sent) {
		message = `Could not connect to ${service}: ${WORDS[code as string] ?? 'a network error'}; nothing was sent`;
		description = `The request never reached ${service}, so nothing changed and running it again is safe (network code ${code}). Check the network and ${failure.checkWhat}.`;
	} else {
		const lost = timedOut
			? `${service} did not answer in time`
			: code === undefined
				? `The request to ${service} failed`
				: `The connection to ${service} was lost`;
		if (failure.mayHaveBeenProcessed) {
			message = `${lost}; the request may have been processed`;
			const advice =
				failure.safeToResend && code !== undefined
					? `Sending it again cannot create a duplicate, so the node resent it while the Max Rate Limit Wait option allowed, and running it again is safe. Check the network and ${failure.checkWhat}${timedOut ? ', or raise the Timeout option' : ''}.`
					: (failure.afterProcessingAdvice ??
						`The node did not send it again${failure.safeToResend ? '' : ', because a second copy could create a duplicate'}. Check in ${service} whether it arrived before you re-run this item.`);
			description = `${service} may have received and processed the request before the connection failed (${what}). ${advice}`;
		} else {
			message = `${lost}; nothing was changed (a read)`;
			description = `The connection failed before ${service} answered (${what}). Reading changes nothing, so running it again is safe. Check the network and ${failure.checkWhat}${timedOut ? ', or raise the Timeout option' : ''}.`;
		}
	}

	// `networkCode`, never `code`: NodeApiError reads `code` as the error code and maps it to stock text.
	const error = new NodeApiError(node, { networkCode: code ?? null } as JsonObject, {
		message,
		description,
		itemIndex: failure.itemIndex,
	});
	error.message = message;
	error.description = description;
	return error;
}
