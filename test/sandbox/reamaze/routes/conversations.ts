/** §2.1–2.4: list, retrieve, create and update conversations. */
import { notFound, refuse } from '../errors.ts';
import { personForEmail } from '../people.ts';
import { paginate, splitList, timeWindow } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import type { SandboxState } from '../state.ts';
import { appendMessage, CONVERSATION_STATUSES, lastCustomerAt, ORIGIN, readMessageInput, STATUS } from '../thread.ts';
import type { Channel, Conversation, FlatData, Person } from '../types.ts';
import { isObject, Validation, wrapped } from '../validate.ts';
import { conversationView } from '../views.ts';

const EMAIL_CHANNEL = 1;
const HOLD_UNTIL_REQUIRED = 'hold_until is required when status is 5 (On Hold)';

/**
 * §2.2 lookup: `id_type=ref` by ref_id; `id_type=origin` by origin ID inside `category` (optionally checked
 * against the `channel` type); otherwise by slug, falling back to the database id. Any other `id_type` value is
 * treated as absent. [sandbox choice] `id_type=origin` without `category` is a 422 `{"error"}`: the parameter is
 * documented as required, so the request is refused rather than reported as a missing conversation.
 */
export function findConversationFor(ctx: RouteContext, key: string): Conversation {
	const { state, brand, query } = ctx;
	const candidates = state.conversations(brand.name);
	let found: Conversation | undefined;
	const idType = query.get('id_type');
	if (idType === 'ref') {
		found = candidates.find((c) => c.refId === key);
	} else if (idType === 'origin') {
		const category = query.get('category');
		if (!category) throw refuse('category is required when id_type=origin');
		const channel = state.channel(brand.name, category);
		const type = query.get('channel');
		if (channel && (type === undefined || String(channel.channel) === type)) {
			found = candidates.find((c) => c.channelSlug === category && c.originId === key);
		}
	} else {
		found = candidates.find((c) => c.slug === key) ?? (/^\d+$/.test(key) ? candidates.find((c) => String(c.id) === key) : undefined);
	}
	if (!found) throw notFound(`Conversation not found: ${key}`);
	return found;
}

/** `filter` (§2.1): archived = status 4 only; open = Unresolved (0) only; unassigned; all; default hides archived. */
function matchesFilter(filter: string | undefined, c: Conversation): boolean {
	switch (filter) {
		case 'all':
			return true;
		case 'archived':
			return c.status === STATUS.archived;
		case 'open':
			return c.status === STATUS.open;
		case 'unassigned':
			return c.assigneeId === null && c.status !== STATUS.archived;
		default:
			return c.status !== STATUS.archived;
	}
}

/** `for` (§2.1): staff see what they are assigned to or wrote in; customers what they wrote or were copied on. */
function relevantTo(state: SandboxState, email: string): (c: Conversation) => boolean {
	const staff = state.staffByEmail(email);
	if (staff) {
		return (c) =>
			c.assigneeId === staff.id ||
			[c.author, ...state.messagesOf(c).map((m) => m.sender)].some((p) => p.kind === 'staff' && p.id === staff.id);
	}
	const contact = state.findContact(email);
	const lower = email.trim().toLowerCase();
	return (c) =>
		(contact !== undefined && c.author.kind === 'contact' && c.author.id === contact.id) ||
		c.recipients.some((r) => r.toLowerCase() === lower);
}

/** `origin` is a number or one of MindCloud's names (§2.1: string vs integer is uncertain, so both are accepted). */
function originFilter(value: string): (c: Conversation) => boolean {
	const wanted = /^\d+$/.test(value) ? Number(value) : ORIGIN[value as keyof typeof ORIGIN];
	return (c) => c.origin === wanted;
}

const byCreation = (a: Conversation, b: Conversation): number => b.createdAt - a.createdAt || b.id - a.id;

interface Listing {
	writes: number;
	count: number;
	sorted: Conversation[];
	/** Per brand and `filter` value, until the next write. */
	filtered: Map<string, Conversation[]>;
}

/**
 * The default order, newest first, kept between requests: re-sorting and re-filtering 10,000 conversations
 * per page cost the sandbox milliseconds of CPU per request, which the benchmark, sharing the machine,
 * would charge to the client. Creation times never change and `clear` replaces the array, so the order
 * stays valid while the array and its length do; the filtered lists only until the next write.
 */
const listings = new WeakMap<readonly Conversation[], Listing>();

function newestFirst(state: SandboxState, brand: string, filter: string | undefined): readonly Conversation[] {
	const all = state.db.conversations;
	let listing = listings.get(all);
	if (!listing || listing.count !== all.length) {
		listing = { writes: state.writes, count: all.length, sorted: [...all].sort(byCreation), filtered: new Map() };
		listings.set(all, listing);
	}
	if (listing.writes !== state.writes) {
		listing.writes = state.writes;
		listing.filtered.clear();
	}
	const key = `${brand}\n${filter ?? ''}`;
	let kept = listing.filtered.get(key);
	if (!kept) {
		kept = listing.sorted.filter((c) => c.brand === brand && matchesFilter(filter, c));
		listing.filtered.set(key, kept);
	}
	return kept;
}

function list(ctx: RouteContext): unknown {
	const { state, brand, query } = ctx;
	const inWindow = timeWindow(query);
	const tags = splitList(query.get('tag'));
	const forEmail = query.get('for');
	const forId = query.get('for_id');
	const category = query.get('category');
	const origin = query.get('origin');
	const lastCustomer = new Map<number, number | undefined>();
	const customerTime = (c: Conversation): number | undefined => {
		if (!lastCustomer.has(c.id)) lastCustomer.set(c.id, lastCustomerAt(state, c));
		return lastCustomer.get(c.id);
	};
	const sort = query.get('sort');
	const resorted = sort === 'updated' || sort === 'changed';
	const filter = query.get('filter');
	let items: readonly Conversation[] = resorted
		? state.conversations(brand.name).filter((c) => matchesFilter(filter, c))
		: newestFirst(state, brand.name, filter);
	if (forEmail !== undefined) items = items.filter(relevantTo(state, forEmail));
	if (forId !== undefined) {
		items = items.filter((c) => c.author.kind === 'contact' && state.contactById(c.author.id)?.externalId === forId);
	}
	// [sandbox choice] several tags match conversations carrying any of them.
	if (tags.length > 0) items = items.filter((c) => c.tagList.some((tag) => tags.includes(tag)));
	if (category !== undefined) items = items.filter((c) => c.channelSlug === category);
	if (origin !== undefined) items = items.filter(originFilter(origin));
	for (const [key, value] of Object.entries(query.data)) items = items.filter((c) => key in c.data && String(c.data[key]) === value);
	// §2.1/§6.1: the date range applies to the latest customer message, not to creation.
	if (query.get('start_date') !== undefined || query.get('end_date') !== undefined) items = items.filter((c) => inWindow(customerTime(c)));
	if (sort === 'updated') items = [...items].sort((a, b) => (customerTime(b) ?? -Infinity) - (customerTime(a) ?? -Infinity) || b.id - a.id);
	else if (sort === 'changed') items = [...items].sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
	return paginate(items, query, 'conversations', (c) => conversationView(state, c, false));
}

function create(ctx: RouteContext): unknown {
	const { state, brand } = ctx;
	const src = wrapped(ctx.body, 'conversation');
	const v = new Validation();
	const subject = v.requiredString(src, 'subject');
	const category = v.requiredString(src, 'category');
	const tagList = v.stringArray(src, 'tag_list');
	const status = v.integerIn(src, 'status', CONVERSATION_STATUSES);
	const data = v.flatData(src, 'data');
	const holdUntil = v.time(src, 'hold_until');
	// The create notes (the post_conversations page, §2.3) document `assignee` as a string email; update takes a hash.
	const assigneeEmail = v.optionalString(src, 'assignee');
	if (!isObject(src.message)) v.add('message', "can't be blank");
	const input = readMessageInput(v, isObject(src.message) ? src.message : {}, 'message.');
	if (!isObject(src.user)) v.add('user', "can't be blank");
	const user = isObject(src.user) ? src.user : {};
	const email = v.email(user, 'email', 'user.email', true);
	const name = v.optionalString(user, 'name', 'user.name');
	const userData = v.flatData(user, 'data', 'user.data');
	v.done();

	const channel = state.channel(brand.name, category as string);
	if (!channel) throw refuse(`Channel not found: ${category}`);
	const assignee = assigneeEmail === undefined ? undefined : state.staffByEmail(assigneeEmail);
	if (assigneeEmail !== undefined && !assignee) throw refuse(`Staff user not found: ${assigneeEmail}`);
	if (status === STATUS.onHold && holdUntil === undefined) throw refuse(HOLD_UNTIL_REQUIRED);

	const author = authorFor(state, email as string, name, userData);
	const now = state.tick();
	const conversation: Conversation = {
		id: state.nextId('conversation'),
		refId: String(state.nextId('ref')),
		slug: state.conversationSlug(subject as string),
		brand: brand.name,
		channelSlug: channel.slug,
		subject: subject as string,
		status: STATUS.open,
		origin: ORIGIN.api,
		originId: input.originId === null ? null : String(input.originId),
		tagList: [...new Set(tagList ?? [])],
		data: data ?? {},
		holdUntil: null,
		author,
		assigneeId: assignee?.id ?? null,
		recipients: [],
		createdAt: now,
		updatedAt: now,
	};
	state.addConversation(conversation);
	appendMessage(state, conversation, author, input);
	if (status !== undefined) conversation.status = status;
	if (conversation.status === STATUS.onHold) conversation.holdUntil = holdUntil ?? null;
	return conversationView(state, conversation, true);
}

/**
 * §2.3: `user` is the customer; an unknown email gets a new contact, and `user.data` "will completely override any
 * existing Customer Data Attributes". A staff email makes the first message a staff message.
 */
function authorFor(state: SandboxState, email: string, name: string | undefined, data: FlatData | undefined): Person {
	const author = personForEmail(state, email, name);
	const contact = author.kind === 'contact' ? state.contactById(author.id) : undefined;
	if (contact && data) {
		contact.data = { ...data };
		contact.updatedAt = state.tick();
	}
	return author;
}

/**
 * §2.4 `brand`: "the brand url of the destination email channel", e.g. `https://acme-eu.reamaze.io`. Also accepted:
 * a bare host, a bare brand name, and this sandbox's own `http://127.0.0.1:PORT/acme-eu/api/v1` form.
 */
function brandFromReference(reference: string): string {
	const text = reference.trim();
	if (!text.includes('/') && !text.includes('.')) return text.toLowerCase();
	const url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
	const local = /^(localhost|\d+\.\d+\.\d+\.\d+|\[.*\])$/.test(url.hostname);
	return (local ? url.pathname.split('/').filter(Boolean)[0] ?? '' : url.hostname.split('.')[0]).toLowerCase();
}

/** §2.4/§6.4: the target must exist and be an email channel; `brand` picks another brand for cross-brand moves. */
function moveTarget(state: SandboxState, conversation: Conversation, slug: string, brandRef: string | undefined): Channel {
	const brandName = brandRef === undefined ? conversation.brand : brandFromReference(brandRef);
	if (!state.brand(brandName)) throw refuse(`Brand not found: ${brandRef}`);
	const channel = state.channel(brandName, slug);
	if (!channel) throw refuse(`Channel not found: ${slug}`);
	if (channel.channel !== EMAIL_CHANNEL) throw refuse(`Conversations can only be moved to an email channel; ${slug} is not one`);
	return channel;
}

function update(ctx: RouteContext): unknown {
	const { state } = ctx;
	const conversation = findConversationFor(ctx, ctx.params.slug);
	const src = wrapped(ctx.body, 'conversation');
	const v = new Validation();
	const tagList = v.stringArray(src, 'tag_list');
	const status = v.integerIn(src, 'status', CONVERSATION_STATUSES);
	const holdUntil = v.time(src, 'hold_until');
	const data = v.flatData(src, 'data');
	// §2.4: `assignee` is a hash with the staff user's email (the Go lib's string form is a known bug), so only that.
	let assigneeEmail: string | undefined;
	if (src.assignee !== undefined && src.assignee !== null) {
		if (isObject(src.assignee) && typeof src.assignee.email === 'string') assigneeEmail = src.assignee.email;
		else v.add('assignee', 'must be a hash with the email of a staff user');
	}
	const category = v.optionalString(src, 'category');
	// [sandbox choice] `brand` without `category` moves nothing and is ignored.
	const brandRef = v.optionalString(src, 'brand');
	v.done();

	if (status === STATUS.onHold && holdUntil === undefined) throw refuse(HOLD_UNTIL_REQUIRED);
	const assignee = assigneeEmail === undefined ? undefined : state.staffByEmail(assigneeEmail);
	if (assigneeEmail !== undefined && !assignee) throw refuse(`Staff user not found: ${assigneeEmail}`);
	const target = category === undefined ? undefined : moveTarget(state, conversation, category, brandRef);

	const before = JSON.stringify(conversation);
	if (tagList) conversation.tagList = [...new Set(tagList)];
	if (data) conversation.data = { ...conversation.data, ...data };
	if (assignee) conversation.assigneeId = assignee.id;
	if (target) {
		conversation.brand = target.brand;
		conversation.channelSlug = target.slug;
	}
	if (status !== undefined) conversation.status = status;
	if (conversation.status !== STATUS.onHold) conversation.holdUntil = null;
	else if (holdUntil !== undefined) conversation.holdUntil = holdUntil;
	if (JSON.stringify(conversation) !== before) conversation.updatedAt = state.tick();
	return conversationView(state, conversation, true);
}

export const conversationRoutes = [
	route('GET', '/conversations', list),
	route('POST', '/conversations', create),
	route('GET', '/conversations/:slug', (ctx) => conversationView(ctx.state, findConversationFor(ctx, ctx.params.slug), true)),
	route('PUT', '/conversations/:slug', update),
];
