import { Rng } from '../common/rng.ts';
import type { Article, Brand, Channel, Contact, Conversation, Incident, Message, ResponseTemplate, SatisfactionRating, StaffUser, StatusSystem, TemplateGroup, Topic } from './types.ts';

/** Every collection of the account. Route modules change it; tests read it through the accessors below. */
export interface Db {
	brands: Brand[];
	channels: Channel[];
	staff: StaffUser[];
	contacts: Contact[];
	conversations: Conversation[];
	messages: Message[];
	topics: Topic[];
	articles: Article[];
	templateGroups: TemplateGroup[];
	templates: ResponseTemplate[];
	ratings: SatisfactionRating[];
	systems: StatusSystem[];
	incidents: Incident[];
}

function emptyDb(): Db {
	return {
		brands: [],
		channels: [],
		staff: [],
		contacts: [],
		conversations: [],
		messages: [],
		topics: [],
		articles: [],
		templateGroups: [],
		templates: [],
		ratings: [],
		systems: [],
		incidents: [],
	};
}

/** Distinct numeric ranges keep ref ids (6 digits) and database ids (8 digits) from ever being mistaken for each other. */
const ID_STARTS = {
	brand: 11,
	channel: 301,
	role: 1,
	user: 1001,
	conversation: 73_400_001,
	ref: 100_001,
	message: 1,
	article: 5001,
	templateGroup: 41,
	template: 801,
	rating: 9001,
} as const;

export type IdKind = keyof typeof ID_STARTS;

/**
 * The in-memory Re:amaze account: brands and their resources, plus the account-wide contacts and staff
 * (§1 "Contacts exception"). Accessors return live records: treat them as read-only.
 */
export class SandboxState {
	readonly defaultBrand: string;
	readonly db: Db = emptyDb();
	#ids = new Map<IdKind, number>();
	#rng = new Rng(1);
	#lastTick = 0;
	#pinnedClock: number | undefined;
	#bySlug = new Map<string, Conversation>();
	#threads = new Map<number, Message[]>();
	/** `reversed`: every list is served in the reverse of its usual order (a knob that survives `reset()`). */
	listOrder: 'natural' | 'reversed' = 'natural';
	/**
	 * Counts the requests that may have changed the data (every API request other than GET, and `clear`):
	 * what list caches check, so they never serve data from before a write. Code that edits records
	 * outside the API must call `noteWrite()`.
	 */
	#writes = 0;

	constructor(defaultBrand: string) {
		this.defaultBrand = defaultBrand;
	}

	// Read accessors (documented in README.md).

	brands(): Brand[] {
		return [...this.db.brands];
	}

	brand(name: string): Brand | undefined {
		return this.db.brands.find((brand) => brand.name === name);
	}

	channels(brand = this.defaultBrand): Channel[] {
		return this.db.channels.filter((channel) => channel.brand === brand);
	}

	channel(brand: string, slug: string): Channel | undefined {
		return this.db.channels.find((channel) => channel.brand === brand && channel.slug === slug);
	}

	get staff(): StaffUser[] {
		return [...this.db.staff];
	}

	get contacts(): Contact[] {
		return [...this.db.contacts];
	}

	conversations(brand = this.defaultBrand): Conversation[] {
		return this.db.conversations.filter((conversation) => conversation.brand === brand);
	}

	/** By slug, then ref id, then database id, in any brand. */
	findConversation(key: string | number): Conversation | undefined {
		const text = String(key);
		return (
			this.#bySlug.get(text) ??
			this.db.conversations.find((conversation) => conversation.refId === text || String(conversation.id) === text)
		);
	}

	/** The messages of one conversation, oldest first (the API answers newest first). */
	messagesOf(conversation: string | number | Conversation): Message[] {
		const found = typeof conversation === 'object' ? conversation : this.findConversation(conversation);
		return found ? [...(this.#threads.get(found.id) ?? [])] : [];
	}

	messages(brand = this.defaultBrand): Message[] {
		return this.conversations(brand).flatMap((conversation) => this.#threads.get(conversation.id) ?? []);
	}

	/** §2.6: `identifier_type` defaults to email; emails compare without letter case. */
	findContact(identifier: string, type = 'email'): Contact | undefined {
		if (type === 'facebook') return this.db.contacts.find((contact) => contact.facebook === identifier);
		const wanted = normalizeIdentifier(type, identifier);
		return this.db.contacts.find((contact) =>
			contact.identities.some((identity) => identity.type === type && normalizeIdentifier(type, identity.identifier) === wanted),
		);
	}

	contactById(id: number): Contact | undefined {
		return this.db.contacts.find((contact) => contact.id === id);
	}

	staffByEmail(email: string): StaffUser | undefined {
		const wanted = email.trim().toLowerCase();
		return this.db.staff.find((user) => user.email.toLowerCase() === wanted);
	}

	staffById(id: number): StaffUser | undefined {
		return this.db.staff.find((user) => user.id === id);
	}

	topics(brand = this.defaultBrand): Topic[] {
		return this.db.topics.filter((topic) => topic.brand === brand);
	}

	articles(brand = this.defaultBrand): Article[] {
		return this.db.articles.filter((article) => article.brand === brand);
	}

	responseTemplates(brand = this.defaultBrand): ResponseTemplate[] {
		return this.db.templates.filter((template) => template.brand === brand);
	}

	/** Ratings follow their conversation's brand. */
	ratings(brand = this.defaultBrand): SatisfactionRating[] {
		return this.db.ratings.filter((rating) => this.findConversation(rating.conversationId)?.brand === brand);
	}

	systems(brand = this.defaultBrand): StatusSystem[] {
		return this.db.systems.filter((system) => system.brand === brand);
	}

	incidents(brand = this.defaultBrand): Incident[] {
		return this.db.incidents.filter((incident) => incident.brand === brand);
	}

	summary(): Record<string, unknown> {
		const brands = Object.fromEntries(
			this.db.brands.map((brand) => [
				brand.name,
				{
					channels: this.channels(brand.name).length,
					conversations: this.conversations(brand.name).length,
					archived: this.conversations(brand.name).filter((conversation) => conversation.status === 4).length,
					messages: this.messages(brand.name).length,
					articles: this.articles(brand.name).length,
					incidents: this.incidents(brand.name).length,
				},
			]),
		);
		return { brands, contacts: this.db.contacts.length, staff: this.db.staff.length };
	}

	// Write helpers for seeds and route modules.

	/** Empties everything in place, so references that tests hold to this object stay valid across a reset. */
	get writes(): number {
		return this.#writes;
	}

	noteWrite(): void {
		this.#writes++;
	}

	clear(rngSeed: number): void {
		this.#writes++;
		Object.assign(this.db, emptyDb());
		this.#ids.clear();
		this.#bySlug.clear();
		this.#threads.clear();
		this.#rng = new Rng(rngSeed);
		this.#pinnedClock = undefined;
	}

	nextId(kind: IdKind): number {
		const id = this.#ids.get(kind) ?? ID_STARTS[kind];
		this.#ids.set(kind, id + 1);
		return id;
	}

	uuid(): string {
		return this.#rng.uuid();
	}

	/** "Now" for a change: strictly increasing, so every change moves `updated_at` even within one millisecond. */
	tick(): number {
		if (this.#pinnedClock !== undefined) return this.#pinnedClock;
		this.#lastTick = Math.max(Date.now(), this.#lastTick + 1);
		return this.#lastTick;
	}

	/**
	 * Test helper: every change happens at exactly `ms` (so several records can share a timestamp, as
	 * real ones can) until `pinClock(undefined)`; the clock then goes on after the latest time used.
	 */
	pinClock(ms: number | undefined): void {
		this.#pinnedClock = ms;
		if (ms !== undefined) this.#lastTick = Math.max(this.#lastTick, ms);
	}

	/** Test helper: a satisfaction rating of a conversation (the API has no endpoint that creates one, §2.12). */
	addRating(conversation: Conversation, rating: number, comment: string | null = null): SatisfactionRating {
		const now = this.tick();
		const record: SatisfactionRating = {
			id: String(this.nextId('rating')),
			rating,
			comment,
			contactId: conversation.author.id,
			assigneeId: conversation.assigneeId,
			conversationId: conversation.id,
			createdAt: now,
			updatedAt: now,
		};
		this.db.ratings.push(record);
		return record;
	}

	addConversation(conversation: Conversation): void {
		this.db.conversations.push(conversation);
		this.#bySlug.set(conversation.slug, conversation);
		this.#threads.set(conversation.id, []);
	}

	addMessage(message: Message): void {
		this.db.messages.push(message);
		this.#threads.get(message.conversationId)?.push(message);
	}

	/** Conversation slugs are unique in the account, so a conversation keeps its slug when it moves brand. */
	conversationSlug(subject: string): string {
		return uniqueSlug(subject, 'conversation', (slug) => this.#bySlug.has(slug));
	}
}

/** Lower-case and hyphenated, made unique with a suffix: `Where is my order?` → `where-is-my-order`, then `-1`, `-2`, … */
export function uniqueSlug(text: string, fallback: string, isTaken: (slug: string) => boolean): string {
	const base = slugify(text) || fallback;
	let slug = base;
	for (let n = 1; isTaken(slug); n++) slug = `${base}-${n}`;
	return slug;
}

function slugify(text: string): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
}

export function normalizeIdentifier(type: string, identifier: string): string {
	const trimmed = identifier.trim();
	if (type === 'email') return trimmed.toLowerCase();
	if (type === 'twitter' || type === 'instagram') return trimmed.replace(/^@/, '').toLowerCase();
	return trimmed;
}
