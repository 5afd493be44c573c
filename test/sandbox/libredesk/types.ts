/** Public option types (re-exported by index.ts) and the records the in-memory store keeps (times in µs). */
import type { FaultConfig, FaultType } from '../common/faults.ts';

export type { FaultConfig, FaultLogEntry, FaultType, RateLimitConfig } from '../common/faults.ts';

export interface LibreDeskSandboxOptions {
	/** 0 (default) = a free port. */
	port?: number;
	host?: string;
	/** A number = RNG seed for the data; `true` (default) = 42; `false` = only the fixed lookups, agents and keys. */
	seed?: number | boolean;
	/** The emulated release (§13); default `v2.7.0`. */
	version?: string;
	/** How many conversations the seed creates (default 300). */
	conversations?: number;
	faults?: FaultConfig;
	/** `app.max_file_upload_size` in MB (§7, default 20); a fraction such as 0.001 (≈1 KB) keeps tests small. */
	maxFileUploadSizeMb?: number;
	/** `app.allowed_file_upload_extensions` (§7, default `["*"]`). */
	allowedFileUploadExtensions?: string[];
	/** The 3 s until-response-headers limit of webhook deliveries (§12.3); only tests that must be quick lower it. */
	webhookHeaderTimeoutMs?: number;
	/** How long a queued reply stays `pending` before it is sent (default 20 ms). */
	replySendDelayMs?: number;
	/**
	 * Keep each conversation list's filtered, sorted rows until the next write (default false), as a
	 * database's index would: sorting 10,000 rows per page costs the sandbox ~15 ms of CPU, which a
	 * benchmark on the same machine would charge to the client. Writes are API requests other than GET,
	 * simulated emails and automations, sent replies and `reset`; code that edits `state` directly must
	 * call `state.noteWrite()`, which is why tests leave this off.
	 */
	listCache?: boolean;
}

export interface MultipartPart {
	name: string;
	filename?: string;
	contentType?: string;
	headers: Record<string, string>;
	data: Buffer;
}

export interface RecordedRequest {
	method: string;
	/** Without the query string. */
	path: string;
	/** The raw query string (without `?`), exactly as sent. */
	queryString: string;
	/** Query keys as sent; repeated keys (`type=incoming&type=outgoing`) become arrays in order. */
	query: Record<string, string | string[]>;
	headers: Record<string, string>;
	rawBody: Buffer;
	bodyText: string;
	/** Parsed JSON when the Content-Type contains `json` and the body parses, else `undefined`. */
	body: unknown;
	/** multipart/form-data parts, when the body is multipart. */
	parts?: MultipartPart[];
	/** The status answered; 0 when the socket was dropped without an answer. */
	status: number;
	fault?: FaultType;
}

export interface WebhookDelivery {
	/** Sequence number, in the order deliveries finished being prepared. */
	seq: number;
	webhookId: number;
	event: string;
	url: string;
	/** The receiver's HTTP status once headers arrived, `undefined` when none did. */
	status?: number;
	/** Connection error, `timeout awaiting response headers` (3 s, §12.3), or `dropped: queue full`. */
	error?: string;
	/** 2xx (§12.3 "Success"). */
	ok: boolean;
	/** The exact bytes sent, as text. */
	body: string;
	headers: Record<string, string>;
	responseBody?: string;
	startedAt: number;
	finishedAt: number;
}

export type UserType = 'agent' | 'contact' | 'visitor' | 'ai_assistant' | 'system';

export interface User {
	id: number;
	createdAt: number;
	updatedAt: number;
	type: UserType;
	firstName: string;
	lastName: string;
	email: string | null;
	enabled: boolean;
	deleted: boolean;
	avatarUrl: string | null;
	availabilityStatus: string;
	phoneNumber: string | null;
	phoneNumberCountryCode: string | null;
	country: string | null;
	customAttributes: Record<string, unknown>;
	externalUserId: string | null;
	lastActiveAt: number | null;
	lastLoginAt: number | null;
	roles: string[];
	teamIds: number[];
	apiKey: string | null;
	apiSecret: string | null;
	apiKeyLastUsedAt: number | null;
}

export interface Role {
	name: string;
	permissions: string[];
}

export interface Team {
	id: number;
	createdAt: number;
	updatedAt: number;
	emoji: string;
	name: string;
	conversationAssignmentType: 'Round robin' | 'Manual';
	timezone: string;
	businessHoursId: number | null;
	slaPolicyId: number | null;
	maxAutoAssignedConversations: number;
}

export interface Inbox {
	id: number;
	uuid: string;
	createdAt: number;
	updatedAt: number;
	name: string;
	channel: 'email' | 'livechat';
	enabled: boolean;
	csatEnabled: boolean;
	promptTagsOnReply: boolean;
	from: string;
	fromNameTemplate: string;
	config: Record<string, unknown>;
	linkedEmailInboxId: number | null;
}

export interface Status {
	id: number;
	createdAt: number;
	name: string;
	category: 'open' | 'waiting' | 'resolved';
}

export interface Priority {
	id: number;
	createdAt: number;
	name: string;
}

export interface Tag {
	id: number;
	createdAt: number;
	updatedAt: number;
	name: string;
}

export interface CustomAttribute {
	id: number;
	createdAt: number;
	updatedAt: number;
	name: string;
	description: string;
	appliesTo: 'contact' | 'conversation';
	key: string;
	values: string[];
	dataType: string;
	regex: string;
	regexHint: string;
}

export interface MacroAction {
	type: string;
	value: string[];
	display_value: string[];
}

export interface Macro {
	id: number;
	createdAt: number;
	updatedAt: number;
	name: string;
	actions: MacroAction[];
	visibility: 'all' | 'team' | 'user';
	visibleWhen: string[];
	messageContent: string;
	userId: number | null;
	teamId: number | null;
	usageCount: number;
}

export interface View {
	id: number;
	createdAt: number;
	updatedAt: number;
	name: string;
	/** The stored filter JSON (§3 shapes). */
	filters: unknown;
	visibility: 'user' | 'team' | 'all';
	userId: number | null;
	teamId: number | null;
}

export interface SlaPolicy {
	id: number;
	createdAt: number;
	updatedAt: number;
	name: string;
	description: string;
	firstResponseTime: string;
	nextResponseTime: string;
	resolutionTime: string;
	notifications: unknown[];
}

export interface Mention {
	messageUuid: string;
	userId: number | null;
	teamId: number | null;
	createdAt: number;
}

export interface Conversation {
	id: number;
	createdAt: number;
	updatedAt: number;
	uuid: string;
	contactId: number;
	inboxId: number;
	closedAt: number | null;
	resolvedAt: number | null;
	referenceNumber: string;
	priorityId: number | null;
	statusId: number;
	firstReplyAt: number | null;
	lastReplyAt: number | null;
	assignedUserId: number | null;
	assignedTeamId: number | null;
	waitingSince: number | null;
	snoozedUntil: number | null;
	subject: string | null;
	tagIds: number[];
	meta: Record<string, unknown>;
	customAttributes: Record<string, unknown>;
	lastMessageAt: number | null;
	lastMessage: string | null;
	lastMessageSender: 'agent' | 'contact' | null;
	lastInteraction: string | null;
	lastInteractionAt: number | null;
	lastInteractionSender: 'agent' | 'contact' | null;
	nextSlaDeadlineAt: number | null;
	slaPolicyId: number | null;
	appliedSlaId: number | null;
	firstResponseDeadlineAt: number | null;
	resolutionDeadlineAt: number | null;
	nextResponseDeadlineAt: number | null;
	nextResponseMetAt: number | null;
	csatRating: number | null;
	csatFeedback: string | null;
	csatRespondedAt: number | null;
	/** Per agent: when they last saw it (§5.9). */
	lastSeen: Map<number, number>;
	mentions: Mention[];
}

export type MessageType = 'incoming' | 'outgoing' | 'activity';
export type MessageStatus = 'received' | 'pending' | 'sent' | 'failed';

export interface Message {
	id: number;
	createdAt: number;
	updatedAt: number;
	uuid: string;
	type: MessageType;
	status: MessageStatus;
	conversationId: number;
	content: string;
	textContent: string;
	contentType: 'html' | 'text';
	private: boolean;
	senderId: number;
	senderType: 'agent' | 'contact';
	meta: Record<string, unknown>;
	mediaIds: number[];
}

export interface Media {
	id: number;
	createdAt: number;
	updatedAt: number;
	uuid: string;
	store: 'fs';
	filename: string;
	contentType: string;
	contentId: string;
	modelId: number | null;
	modelType: string | null;
	disposition: 'attachment' | 'inline';
	size: number;
	meta: Record<string, unknown>;
	bytes: Buffer;
	thumbnail: Buffer | null;
	uploaderId: number;
}

export interface ContactNote {
	id: number;
	createdAt: number;
	updatedAt: number;
	contactId: number;
	note: string;
	userId: number;
}

export interface Webhook {
	id: number;
	createdAt: number;
	updatedAt: number;
	name: string;
	url: string;
	events: string[];
	secret: string;
	isActive: boolean;
}
