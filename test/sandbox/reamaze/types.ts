/** Public option types (re-exported by index.ts) and the records the in-memory store keeps. */
import type { FaultConfig, FaultType } from '../common/faults.ts';

export type { FaultConfig, FaultLogEntry, FaultType } from '../common/faults.ts';

export interface SandboxOptions {
	/** 0 = random free port. */
	port?: number;
	host?: string;
	brand?: string;
	email?: string;
	token?: string;
	/** `true` (default): realistic data; a number: the same, from that RNG seed; `false`: only brands, channels and staff. */
	seed?: boolean | number;
	/** Conversations seeded in the default brand (default 285; the `-eu` brand keeps its 15). Ignored with `seed: false`. */
	conversations?: number;
	/** `reversed`: every list comes in the reverse of its usual order (see `Sandbox.setListOrder`). */
	listOrder?: 'natural' | 'reversed';
	faults?: FaultConfig;
}

export interface RecordedRequest {
	method: string;
	/** As received, without the query string (brand prefix and any `.json` suffix included). */
	path: string;
	/** Raw query keys, e.g. `{ 'data[plan]': 'pro' }`; repeated keys become arrays. */
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, the raw text otherwise, `undefined` when empty. */
	body: unknown;
	/** The status answered; 0 when the socket was dropped without an answer. */
	status: number;
	fault?: FaultType;
}

export type Scalar = string | number | boolean | null;
export type FlatData = Record<string, Scalar>;

export interface Brand {
	id: number;
	/** The subdomain, e.g. `acme` (§1). */
	name: string;
	displayName: string;
	/** `https://{name}.reamaze.io`, the "brand url" a cross-brand channel move names (§2.4). */
	url: string;
}

export interface Channel {
	id: number;
	brand: string;
	name: string;
	slug: string;
	email: string | null;
	/** Channel type (§3.3): 1 email, 6 chat, 9 SMS, … */
	channel: number;
	visibility: 0 | 1;
	createdAt: number;
	updatedAt: number;
	spamFilterEnabled: boolean;
	replyFromOrigin: boolean;
	verified: boolean;
	settingsReplyFromName: 'channel' | 'brand' | 'staff';
	settingsSignature: string;
}

export interface Role {
	id: number;
	name: string;
	admin: boolean;
	/** Keys as the live API spells them (`access_reports?`, …, per the Go lib's staff model). */
	permissions: Record<string, boolean>;
}

export interface StaffUser {
	/** Shares the user-id space with contacts, as staff are users too. */
	id: number;
	name: string;
	email: string;
	createdAt: number;
	role: Role;
	/** The API token for Basic auth; `null` for staff created through POST /staff (they generate one in the UI). */
	token: string | null;
}

export type IdentityType = 'email' | 'mobile' | 'instagram' | 'igsid' | 'twitter';

export interface Identity {
	type: IdentityType;
	identifier: string;
}

export interface Note {
	id: string;
	body: string;
	createdAt: number;
	updatedAt: number;
	creatorId: number;
}

export interface Contact {
	/** `_id` in JSON. */
	id: number;
	/** `id` in JSON: the caller's own system ID (§2.6), also the SSO id that `for_id` matches. */
	externalId: string | null;
	name: string;
	friendlyName: string | null;
	externalAvatarUrl: string | null;
	/** Facebook identities cannot be added through the API (§2.6), so only seeds set this. */
	facebook: string | null;
	identities: Identity[];
	data: FlatData;
	notes: Note[];
	createdAt: number;
	updatedAt: number;
}

/** Who wrote something. `via` is the identity a customer wrote from, so an identity move can carry its messages (§6.13). */
export type Person = { kind: 'staff'; id: number } | { kind: 'contact'; id: number; via: string };

export interface Conversation {
	/** The database id, reachable through the lookup fallback (§2.2). */
	id: number;
	refId: string;
	slug: string;
	brand: string;
	channelSlug: string;
	subject: string;
	status: number;
	origin: number;
	/** Matched by `id_type=origin` (§2.2). */
	originId: string | null;
	tagList: string[];
	data: FlatData;
	holdUntil: number | null;
	author: Person;
	assigneeId: number | null;
	/** Extra participants that later replies go to (§2.3 `message.recipients`). */
	recipients: string[];
	createdAt: number;
	updatedAt: number;
}

export interface Message {
	id: number;
	conversationId: number;
	body: string;
	originalBody: string | null;
	/** 0 regular, 1 internal note, 2 collision-detected (read-only) (§3.2). */
	visibility: 0 | 1 | 2;
	origin: number;
	originId: string | number | null;
	createdAt: number;
	sender: Person;
	recipients: string[];
	attachments: string[];
	suppressNotifications: boolean;
	suppressAutoresolve: boolean;
	/** `true`, or a `YYYY-MM-DD` date before which surveys are suppressed (§2.5). */
	suppressSurveys: boolean | string;
}

export interface Topic {
	brand: string;
	name: string;
	slug: string;
}

export interface Article {
	id: number;
	brand: string;
	topicSlug: string;
	title: string;
	body: string;
	slug: string;
	/** 0 published, 1 draft, 2 internal (§3.5). */
	status: number;
	authorId: number;
	createdAt: number;
	updatedAt: number;
}

export interface TemplateGroup {
	id: number;
	name: string;
}

export interface ResponseTemplate {
	id: number;
	brand: string;
	name: string;
	body: string;
	groupId: number | null;
	/** Set for personal templates, which only their owner sees (§2.10). */
	ownerId: number | null;
	createdAt: number;
	updatedAt: number;
}

export interface SatisfactionRating {
	id: string;
	rating: number;
	comment: string | null;
	contactId: number;
	assigneeId: number | null;
	conversationId: number;
	createdAt: number;
	updatedAt: number;
}

export interface StatusSystem {
	id: string;
	brand: string;
	title: string;
	createdAt: number;
	updatedAt: number;
}

export interface IncidentUpdate {
	id: string;
	status: string;
	message: string;
	createdAt: number;
}

export interface IncidentSystem {
	id: string;
	systemId: string;
	status: string;
}

export interface Incident {
	id: string;
	brand: string;
	title: string;
	createdAt: number;
	updatedAt: number;
	updates: IncidentUpdate[];
	systems: IncidentSystem[];
}
