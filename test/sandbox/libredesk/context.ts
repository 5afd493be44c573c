/** What a route handler gets, the answer shapes it may return, and the checks most routes share. */
import { DecodeError, decodeStruct, type RequestBody, type Schema } from './decode.ts';
import { denied, general, notFound, parseError } from './errors.ts';
import { canAccessConversation } from './permissions.ts';
import type { LibreDeskState } from './state.ts';
import type { Conversation, MultipartPart, User } from './types.ts';
import type { Feature } from './versions.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

export interface Runtime {
	state: LibreDeskState;
	dispatcher: WebhookDispatcher;
}

export interface Ctx {
	state: LibreDeskState;
	runtime: Runtime;
	method: string;
	params: Record<string, string>;
	query: URLSearchParams;
	headers: Record<string, string>;
	body: RequestBody;
	/** Parsed multipart parts, `undefined` when the body is not multipart or does not parse. */
	parts: MultipartPart[] | undefined;
	/** The key's agent; a placeholder system user on unauthenticated routes. */
	actor: User;
	permissions: string[];
}

/** An answer that is not the success envelope: another status, a non-enveloped JSON, or bytes. */
export class Raw {
	readonly status: number;
	readonly body: Buffer | string;
	readonly headers: Record<string, string>;

	constructor(status: number, body: Buffer | string, headers: Record<string, string>) {
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export type Handler = (ctx: Ctx) => unknown;

/** `none`: no auth (`/health`); `auth`: any key; `signed`: key or signed URL (§7); else the exact permission. */
export type Access = 'none' | 'auth' | 'signed' | string;

export interface RouteDef {
	method: string;
	path: string;
	access: Access;
	handler: Handler;
	/** The route exists from this release on (§13). */
	feature?: Feature;
}

export const route = (method: string, path: string, access: Access, handler: Handler, feature?: Feature): RouteDef => ({ method, path, access, handler, feature });

export const has = (ctx: Ctx, permission: string) => ctx.permissions.includes(permission);

/** Decodes a JSON body (§2); a malformed body or a type mismatch is "Error parsing request" with `status`. */
export function decodeJson<S extends Schema>(ctx: Ctx, schema: S, status = 400): { [K in keyof S]: any } {
	try {
		return decodeStruct(ctx.body, schema);
	} catch (error) {
		if (error instanceof DecodeError) throw parseError(status);
		throw error;
	}
}

/** Atoi: junk becomes 0 (§2 "Non-numeric {id} path params"). */
export function intParam(ctx: Ctx, name: string): number {
	const value = ctx.params[name] ?? '';
	return /^[+-]?\d+$/.test(value) ? Number(value) : 0;
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

/**
 * A conversation by UUID with the §1.2 access rule: a non-UUID fails the Postgres cast (500), an unknown one is
 * 404 "Conversation not found", no access is 403 "Permission denied".
 */
export function conversationFor(ctx: Ctx, param = 'uuid'): Conversation {
	const uuid = ctx.params[param] ?? '';
	if (!isUuid(uuid)) throw general();
	const conversation = ctx.state.conversation(uuid.toLowerCase());
	if (!conversation) throw notFound('Conversation not found');
	if (!canAccessConversation(ctx.actor, ctx.permissions, conversation)) throw denied();
	return conversation;
}
