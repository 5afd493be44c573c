/**
 * The in-memory LibreDesk database. Route and domain modules change it; tests read it through the accessors
 * (live records: treat them as read-only). Times are µs since the epoch, ids come from per-table sequences.
 */
import { Rng } from '../common/rng.ts';
import { defaultRoles, permissionsOf } from './permissions.ts';
import { MS } from './time.ts';
import type { ContactNote, Conversation, CustomAttribute, Inbox, Macro, Media, Message, Priority, Role, SlaPolicy, Status, Tag, Team, User, View, Webhook } from './types.ts';

export interface Settings {
	version: string;
	rootUrl: string;
	maxFileUploadSizeMb: number;
	allowedFileUploadExtensions: string[];
	/** Key for signed upload URLs (§7 "signed with the server's encryption key"). */
	signingKey: string;
	/** `upload.fs.expiry` (§7, 1 h). */
	uploadExpirySeconds: number;
}

/**
 * Something that happened that webhooks may hear about (§12.4). `payload` builds the JSON-ready payload; the
 * dispatcher calls it at once (a snapshot of that moment) and only when some webhook will receive the event.
 */
export interface DomainEvent {
	event: string;
	payload: () => unknown;
	/** Targeted deliveries (automation `trigger_webhook`, §12.1) go to this webhook only, if active. */
	webhookId?: number;
}

type Sequence =
	| 'user'
	| 'team'
	| 'inbox'
	| 'status'
	| 'priority'
	| 'tag'
	| 'customAttribute'
	| 'macro'
	| 'view'
	| 'sla'
	| 'conversation'
	| 'reference'
	| 'message'
	| 'media'
	| 'note'
	| 'webhook'
	| 'appliedSla';

/** §2: `reference_number` sequence starts at 100. */
const SEQUENCE_START: Partial<Record<Sequence, number>> = { reference: 100 };

export class LibreDeskState {
	readonly settings: Settings;
	roles: Role[] = defaultRoles();
	users: User[] = [];
	teams: Team[] = [];
	inboxes: Inbox[] = [];
	statuses: Status[] = [];
	priorities: Priority[] = [];
	tags: Tag[] = [];
	customAttributes: CustomAttribute[] = [];
	macros: Macro[] = [];
	views: View[] = [];
	slas: SlaPolicy[] = [];
	conversations: Conversation[] = [];
	media: Media[] = [];
	notes: ContactNote[] = [];
	webhooks: Webhook[] = [];

	/** Oldest first, per conversation id. */
	readonly #threads = new Map<number, Message[]>();
	readonly #byUuid = new Map<string, Conversation>();
	readonly #messageByUuid = new Map<string, Message>();
	readonly #sequences = new Map<Sequence, number>();
	#lastTick = 0;
	#pinned: number | undefined;
	rng = new Rng(1);
	/** Whether conversation lists may be served from rows kept since the last write (the `listCache` option). */
	listCache = false;
	#writes = 0;
	/** Set by the runtime: where domain events go (the webhook dispatcher). */
	emit: (event: DomainEvent) => void = () => {};
	/** Set by the runtime: a queued reply is handed to the outbox (sent or failed a moment later). */
	queueOutgoing: (message: Message) => void = () => {};

	constructor(settings: Settings) {
		this.settings = settings;
	}

	get version(): string {
		return this.settings.version;
	}

	/** How many writes the data has seen: list caches compare it. */
	get writes(): number {
		return this.#writes;
	}

	noteWrite(): void {
		this.#writes++;
	}

	/** Back to an empty database (the seed fills it again). */
	clear(seed: number): void {
		this.#writes++;
		this.roles = defaultRoles();
		for (const key of ['users', 'teams', 'inboxes', 'statuses', 'priorities', 'tags', 'customAttributes', 'macros', 'views', 'slas', 'conversations', 'media', 'notes', 'webhooks'] as const) {
			this[key] = [];
		}
		this.#threads.clear();
		this.#byUuid.clear();
		this.#messageByUuid.clear();
		this.#sequences.clear();
		this.#lastTick = 0;
		this.#pinned = undefined;
		this.rng = new Rng(seed);
	}

	nextId(sequence: Sequence): number {
		const next = this.#sequences.get(sequence) ?? SEQUENCE_START[sequence] ?? 1;
		this.#sequences.set(sequence, next + 1);
		return next;
	}

	/** Strictly increasing µs, so two changes never share a timestamp unless the clock is pinned. */
	now(): number {
		if (this.#pinned !== undefined) return this.#pinned;
		const tick = Math.max(Date.now() * MS, this.#lastTick + 1);
		this.#lastTick = tick;
		return tick;
	}

	/** Test helper: every change happens at exactly `us` until unpinned. */
	pinClock(us: number | undefined): void {
		this.#pinned = us;
	}

	uuid(): string {
		return this.rng.uuid();
	}

	// Users and roles.

	user(id: number): User | undefined {
		return this.users.find((user) => user.id === id && !user.deleted);
	}

	agents(): User[] {
		return this.users.filter((user) => (user.type === 'agent' || user.type === 'ai_assistant') && !user.deleted);
	}

	agent(id: number): User | undefined {
		const user = this.user(id);
		return user && (user.type === 'agent' || user.type === 'ai_assistant') ? user : undefined;
	}

	contact(id: number): User | undefined {
		const user = this.user(id);
		return user && (user.type === 'contact' || user.type === 'visitor') ? user : undefined;
	}

	contactByEmail(email: string): User | undefined {
		const wanted = email.toLowerCase();
		return this.users.find((user) => (user.type === 'contact' || user.type === 'visitor') && !user.deleted && user.email?.toLowerCase() === wanted);
	}

	userByApiKey(key: string): User | undefined {
		return this.users.find((user) => user.apiKey === key);
	}

	permissionsOf(user: User): string[] {
		return permissionsOf(user, this.roles);
	}

	/** Test helper: change what a role grants (e.g. give `Agent` `messages:write_as_contact`). */
	setRolePermissions(name: string, permissions: string[]): void {
		const role = this.roles.find((r) => r.name === name);
		if (role) role.permissions = [...permissions];
		else this.roles.push({ name, permissions: [...permissions] });
	}

	// Lookups.

	team(id: number): Team | undefined {
		return this.teams.find((team) => team.id === id);
	}

	inbox(id: number): Inbox | undefined {
		return this.inboxes.find((inbox) => inbox.id === id);
	}

	status(id: number): Status | undefined {
		return this.statuses.find((status) => status.id === id);
	}

	statusByName(name: string): Status | undefined {
		return this.statuses.find((status) => status.name === name);
	}

	priority(id: number | null): Priority | undefined {
		return id === null ? undefined : this.priorities.find((priority) => priority.id === id);
	}

	tag(id: number): Tag | undefined {
		return this.tags.find((tag) => tag.id === id);
	}

	sla(id: number | null): SlaPolicy | undefined {
		return id === null ? undefined : this.slas.find((sla) => sla.id === id);
	}

	// Conversations and messages.

	addConversation(conversation: Conversation): void {
		this.conversations.push(conversation);
		this.#byUuid.set(conversation.uuid, conversation);
		this.#threads.set(conversation.id, []);
	}

	removeConversation(conversation: Conversation): void {
		this.conversations = this.conversations.filter((c) => c !== conversation);
		this.#byUuid.delete(conversation.uuid);
		for (const message of this.#threads.get(conversation.id) ?? []) this.#messageByUuid.delete(message.uuid);
		this.#threads.delete(conversation.id);
	}

	conversation(uuid: string): Conversation | undefined {
		return this.#byUuid.get(uuid);
	}

	conversationById(id: number): Conversation | undefined {
		return this.conversations.find((c) => c.id === id);
	}

	conversationByReference(reference: string): Conversation | undefined {
		return this.conversations.find((c) => c.referenceNumber === reference);
	}

	addMessage(message: Message): void {
		this.#threads.get(message.conversationId)?.push(message);
		this.#messageByUuid.set(message.uuid, message);
	}

	/** Oldest first (the API answers newest first). */
	messagesOf(conversation: Conversation | string): Message[] {
		const found = typeof conversation === 'string' ? this.conversation(conversation) : conversation;
		return found ? [...(this.#threads.get(found.id) ?? [])] : [];
	}

	message(uuid: string): Message | undefined {
		return this.#messageByUuid.get(uuid);
	}

	allMessages(): Message[] {
		return [...this.#threads.values()].flat();
	}

	mediaById(id: number): Media | undefined {
		return this.media.find((m) => m.id === id);
	}

	mediaByUuid(uuid: string): Media | undefined {
		return this.media.find((m) => m.uuid === uuid);
	}

	webhook(id: number): Webhook | undefined {
		return this.webhooks.find((w) => w.id === id);
	}

	summary(): Record<string, unknown> {
		const byStatus: Record<string, number> = {};
		for (const conversation of this.conversations) {
			const name = this.status(conversation.statusId)?.name ?? '?';
			byStatus[name] = (byStatus[name] ?? 0) + 1;
		}
		return {
			version: this.version,
			conversations: this.conversations.length,
			conversationsByStatus: byStatus,
			messages: this.allMessages().length,
			contacts: this.users.filter((u) => (u.type === 'contact' || u.type === 'visitor') && !u.deleted).length,
			agents: this.agents().length,
			inboxes: this.inboxes.length,
			teams: this.teams.length,
			tags: this.tags.length,
			media: this.media.length,
			notes: this.notes.length,
			webhooks: this.webhooks.length,
		};
	}
}
