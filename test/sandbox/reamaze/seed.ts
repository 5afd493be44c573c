/**
 * Deterministic sample data. The account skeleton (two brands, their channels, four staff) is always there; with
 * `seed` other than `false` it gets ~100 contacts, 300 conversations with threads over the last 90 days, ratings,
 * articles, response templates and a status page. Times hang off the start of the current UTC day, so one seed
 * gives identical data all day long and the default 30-day report window always has data.
 */
import { Rng } from '../common/rng.ts';
import { identityKey } from './people.ts';
import { ROLES } from './roles.ts';
import type { SandboxState } from './state.ts';
import { ORIGIN, STATUS } from './thread.ts';
import { DAY, HOUR, MINUTE, startOfDay } from './time.ts';
import type { Channel, Contact, Conversation, Identity, Message, Person, StaffUser } from './types.ts';

export interface SeedConfig {
	brand: string;
	email: string;
	token: string;
	seed: boolean | number;
	/** Conversations of the default brand; the benchmark asks for 10,000. */
	conversations?: number;
}

const DEFAULT_SEED = 42;
const DEFAULT_CONVERSATIONS = 285;

/** API tokens of the seeded agents (the owner's is the sandbox token). */
export const AGENT_TOKENS = { sam: 'sam-token', priya: 'priya-token', lee: 'lee-token' } as const;

export function seedState(state: SandboxState, config: SeedConfig): void {
	const seed = typeof config.seed === 'number' ? config.seed : DEFAULT_SEED;
	state.clear(seed);
	const anchor = startOfDay(Date.now());
	seedAccount(state, config, anchor);
	if (config.seed !== false) seedSampleData(state, new Rng(seed), config.brand, anchor, config.conversations ?? DEFAULT_CONVERSATIONS);
}

function titleCase(text: string): string {
	return text.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => (dash ? ' ' : '') + letter.toUpperCase());
}

function seedAccount(state: SandboxState, config: SeedConfig, anchor: number): void {
	const main = config.brand;
	const eu = `${main}-eu`;
	for (const [name, displayName] of [
		[main, titleCase(main)],
		[eu, `${titleCase(main)} EU`],
	]) {
		state.db.brands.push({ id: state.nextId('brand'), name, displayName, url: `https://${name}.reamaze.io` });
	}
	const channel = (brand: string, slug: string, name: string, type: number, email: string | null): Channel => ({
		id: state.nextId('channel'),
		brand,
		name,
		slug,
		email,
		channel: type,
		visibility: 1,
		createdAt: anchor - 400 * DAY,
		updatedAt: anchor - 120 * DAY,
		spamFilterEnabled: type === 1,
		replyFromOrigin: false,
		verified: email !== null,
		settingsReplyFromName: 'channel',
		settingsSignature: type === 1 ? `-- \nThe ${titleCase(brand)} team` : '',
	});
	state.db.channels.push(
		channel(main, 'support', 'Support', 1, `support@${main}.test`),
		channel(main, 'sales', 'Sales', 1, `sales@${main}.test`),
		channel(main, 'chat', 'Website Chat', 6, null),
		channel(main, 'sms', 'SMS', 9, null),
		channel(eu, 'eu-support', 'EU Support', 1, `eu-support@${eu}.test`),
	);
	const staff = (name: string, email: string, token: string, role: StaffUser['role'], daysAgo: number): StaffUser => ({
		id: state.nextId('user'),
		name,
		email,
		createdAt: anchor - daysAgo * DAY,
		role,
		token,
	});
	state.db.staff.push(
		staff('Olivia Owner', config.email, config.token, ROLES.owner, 400),
		staff('Sam Rivera', `sam@${main}.test`, AGENT_TOKENS.sam, ROLES.agent, 300),
		staff('Priya Patel', `priya@${main}.test`, AGENT_TOKENS.priya, ROLES.agent, 200),
		staff('Lee Chen', `lee@${main}.test`, AGENT_TOKENS.lee, ROLES.limitedAgent, 100),
	);
}

const FIRST = ['Ava', 'Ben', 'Chloe', 'Diego', 'Emma', 'Felix', 'Grace', 'Hugo', 'Isla', 'Jack', 'Kira', 'Liam', 'Maya', 'Noah', 'Olga', 'Pablo', 'Quinn', 'Rosa', 'Sofia', 'Theo', 'Uma', 'Victor', 'Wren', 'Yusuf', 'Zoe'];
const LAST = ['Adams', 'Brown', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Martin', 'Nguyen', "O'Brien", 'Patel', 'Rossi', 'Schmidt', 'Tanaka', 'Novak'];
const SUBJECTS = [
	'Where is my order?',
	'Refund request',
	'Cannot log in to my account',
	'Question about pricing',
	'Package arrived damaged',
	'Change shipping address',
	'Invoice copy needed',
	'Feature request: dark mode',
	'Discount code not working',
	'Cancel my subscription',
	'Wrong size delivered',
	'Bulk order enquiry',
	'Password reset email never arrived',
	'Do you ship to Canada?',
	'Charged twice',
];
const CUSTOMER_LINES = [
	'Hi, I placed an order last week and have not heard anything since. Can you help?',
	'Thanks for the quick reply! That worked.',
	'I still have the same problem, unfortunately.',
	'Could you send me the **tracking number** please?',
	'Is there any update on this?',
	'Great, thank you so much for your help!',
	'I tried that but I get an error message.',
];
const STAFF_LINES = [
	'Thanks for reaching out! Let me look into this for you.',
	'I have issued a refund; it should appear within 5-7 business days.',
	'Could you share your order number so I can check?',
	'Your package is on its way. You can track it here: [tracking](https://track.example.com/123).',
	'I have reset your account; please try logging in again.',
	'Happy to help! Let us know if there is anything else.',
];
const NOTES = ['VIP customer, handle with care.', 'Prefers email over phone.', 'Asked about enterprise plan in Q3.', 'Had a shipping issue before.'];
const TAGS = ['billing', 'shipping', 'refund', 'bug', 'feature-request', 'vip', 'urgent', 'returns'];
const COMMENTS = ['Super fast, thanks!', 'Solved my problem.', 'Took a while but got there.', 'Not happy with the answer.', 'Great support team.'];
/** Weighted so every status 0–9 occurs, archived (4) included. */
const STATUS_WEIGHTS: [number, number][] = [[0, 20], [1, 15], [2, 25], [3, 3], [4, 12], [5, 5], [6, 8], [7, 4], [8, 5], [9, 3]];

function weighted(rng: Rng, weights: [number, number][]): number {
	let roll = rng.next() * weights.reduce((sum, [, weight]) => sum + weight, 0);
	for (const [value, weight] of weights) if ((roll -= weight) < 0) return value;
	return weights[weights.length - 1][0];
}

const hex = (rng: Rng, length: number): string => Array.from({ length }, () => rng.int(0, 15).toString(16)).join('');

function seedContacts(state: SandboxState, rng: Rng, anchor: number): Contact[] {
	const staff = state.staff;
	const contacts: Contact[] = [];
	for (let i = 0; i < 100; i++) {
		const first = rng.pick(FIRST);
		const last = rng.pick(LAST);
		const identities: Identity[] = [];
		const local = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
		if (rng.chance(0.85)) identities.push({ type: 'email', identifier: state.findContact(`${local}@example.com`) ? `${local}${i}@example.com` : `${local}@example.com` });
		if (identities.length === 0 || rng.chance(0.35)) identities.push({ type: 'mobile', identifier: `+1555${String(1_000_000 + i * 7919).slice(-7)}` });
		if (rng.chance(0.1)) identities.push({ type: 'instagram', identifier: `${local.replace('.', '_')}` });
		if (rng.chance(0.08)) identities.push({ type: 'twitter', identifier: `${first.toLowerCase()}${i}` });
		const createdAt = anchor - rng.int(1, 400) * DAY - rng.int(0, 1439) * MINUTE;
		const contact: Contact = {
			id: state.nextId('user'),
			externalId: rng.chance(0.4) ? `crm-${10_000 + i}` : null,
			name: `${first} ${last}`,
			friendlyName: rng.chance(0.2) ? first : null,
			externalAvatarUrl: null,
			facebook: null,
			identities,
			data: rng.chance(0.7) ? { plan: rng.pick(['free', 'pro', 'enterprise']), signup_source: rng.pick(['web', 'ios', 'android', 'referral']) } : {},
			notes: [],
			createdAt,
			updatedAt: createdAt + rng.int(0, 30) * DAY,
		};
		for (let n = rng.chance(0.15) ? rng.int(1, 2) : 0; n > 0; n--) {
			const at = createdAt + rng.int(1, 60) * HOUR;
			contact.notes.push({ id: state.uuid(), body: rng.pick(NOTES), createdAt: at, updatedAt: at, creatorId: rng.pick(staff).id });
		}
		state.db.contacts.push(contact);
		contacts.push(contact);
	}
	return contacts;
}

interface ThreadPlan {
	conversation: Conversation;
	customer: Person;
	staff: StaffUser[];
	email: boolean;
}

function seedThread(state: SandboxState, rng: Rng, plan: ThreadPlan, anchor: number): number {
	const { conversation, customer } = plan;
	let at = conversation.createdAt;
	let lastAt = at;
	let fromCustomer = true;
	const count = rng.int(1, 6);
	for (let i = 0; i < count && at < anchor; i++) {
		const staffer = conversation.assigneeId === null ? rng.pick(plan.staff) : (state.staffById(conversation.assigneeId) as StaffUser);
		const note = !fromCustomer && rng.chance(0.15);
		const collision = !fromCustomer && !note && rng.chance(0.02);
		const body = fromCustomer ? rng.pick(CUSTOMER_LINES) : note ? `Internal: ${rng.pick(NOTES)}` : rng.pick(STAFF_LINES);
		const message: Message = {
			id: state.nextId('message'),
			conversationId: conversation.id,
			body,
			originalBody: fromCustomer && plan.email ? `<div dir="ltr"><p>${body}</p></div>` : null,
			visibility: note ? 1 : collision ? 2 : 0,
			origin: conversation.origin,
			originId: i === 0 ? conversation.originId : fromCustomer && plan.email ? `<${hex(rng, 16)}@mail.example.com>` : null,
			createdAt: at,
			sender: fromCustomer ? customer : { kind: 'staff', id: staffer.id },
			recipients: i === 0 ? [...conversation.recipients] : [],
			attachments: fromCustomer && rng.chance(0.05) ? [`https://files.example.com/uploads/${hex(rng, 8)}/photo.jpg`] : [],
			suppressNotifications: false,
			suppressAutoresolve: false,
			suppressSurveys: false,
		};
		state.addMessage(message);
		lastAt = at;
		if (!note) fromCustomer = !fromCustomer;
		at += rng.int(5, 20 * 60) * MINUTE;
	}
	return lastAt;
}

function seedConversations(state: SandboxState, rng: Rng, brand: string, contacts: Contact[], anchor: number, count: number): void {
	const staff = state.staff;
	const withEmail = contacts.filter((c) => c.identities.some((i) => i.type === 'email'));
	const withMobile = contacts.filter((c) => c.identities.some((i) => i.type === 'mobile'));
	const channels: [string, string, number][] = [
		[brand, 'support', 45],
		[brand, 'sales', 20],
		[brand, 'chat', 25],
		[brand, 'sms', 10],
	];
	const plans: [string, string][] = [];
	for (let i = 0; i < count; i++) plans.push([brand, channels[weighted(rng, channels.map(([, , w], n) => [n, w]))][1]]);
	for (let i = 0; i < 15; i++) plans.push([`${brand}-eu`, 'eu-support']);
	for (const [brandName, channelSlug] of plans) {
		const sms = channelSlug === 'sms';
		const chat = channelSlug === 'chat';
		const contact = rng.pick(sms ? withMobile : withEmail);
		const identity = contact.identities.find((i) => i.type === (sms ? 'mobile' : 'email')) as Identity;
		const origin = sms ? ORIGIN.sms : chat ? ORIGIN.chat : rng.chance(0.85) ? ORIGIN.email : ORIGIN.api;
		const originId = origin === ORIGIN.email ? `<${hex(rng, 20)}@mail.example.com>` : origin === ORIGIN.api ? `ext-${rng.int(10_000, 99_999)}` : `${sms ? 'SM' : 'chat-'}${hex(rng, 12)}`;
		const createdAt = anchor - MINUTE - Math.floor(rng.next() * 90 * DAY);
		const subject = rng.chance(0.4) ? `${rng.pick(SUBJECTS)} (order #${rng.int(1000, 9999)})` : rng.pick(SUBJECTS);
		const data: Conversation['data'] = {};
		if (rng.chance(0.5)) data.order_id = `ORD-${rng.int(100_000, 999_999)}`;
		if (rng.chance(0.2)) data.priority = rng.pick(['low', 'normal', 'high']);
		const status = weighted(rng, STATUS_WEIGHTS);
		const conversation: Conversation = {
			id: state.nextId('conversation'),
			refId: String(state.nextId('ref')),
			slug: state.conversationSlug(subject),
			brand: brandName,
			channelSlug,
			subject,
			status,
			origin,
			originId: rng.chance(0.8) ? originId : null,
			tagList: rng.sample(TAGS, rng.int(0, 3)),
			data,
			holdUntil: status === STATUS.onHold ? anchor + rng.int(1, 14) * DAY : null,
			author: { kind: 'contact', id: contact.id, via: identityKey(identity) },
			assigneeId: rng.chance(0.75) ? rng.pick(staff).id : null,
			recipients: !sms && rng.chance(0.05) ? [`cc-${hex(rng, 6)}@example.com`] : [],
			createdAt,
			updatedAt: createdAt,
		};
		state.addConversation(conversation);
		const lastAt = seedThread(state, rng, { conversation, customer: conversation.author, staff, email: origin === ORIGIN.email }, anchor);
		conversation.updatedAt = Math.min(lastAt + rng.int(0, 120) * MINUTE, anchor - 1);
		if (conversation.assigneeId !== null && [STATUS.done, STATUS.archived, 6].includes(status) && rng.chance(0.45)) {
			const rated = Math.min(conversation.updatedAt + rng.int(1, 48) * HOUR, anchor - 1);
			state.db.ratings.push({
				id: String(state.nextId('rating')),
				rating: rng.pick([5, 5, 5, 4, 4, 3, 2, 1]),
				comment: rng.chance(0.5) ? rng.pick(COMMENTS) : null,
				contactId: contact.id,
				assigneeId: conversation.assigneeId,
				conversationId: conversation.id,
				createdAt: rated,
				updatedAt: rated,
			});
		}
	}
}

function seedKnowledgeBase(state: SandboxState, rng: Rng, brand: string, anchor: number): void {
	const topics = [
		['getting-started', 'Getting started'],
		['billing', 'Billing & payments'],
		['shipping', 'Shipping & returns'],
	];
	for (const [slug, name] of topics) state.db.topics.push({ brand, slug, name });
	const articles: [string, string, number][] = [
		['getting-started', 'Creating your account', 0],
		['getting-started', 'Setting up two-factor authentication', 0],
		['getting-started', 'Inviting your team', 0],
		['getting-started', 'Keyboard shortcuts', 1],
		['billing', 'Updating your payment method', 0],
		['billing', 'Understanding your invoice', 0],
		['billing', 'Refund policy', 0],
		['billing', 'Handling chargebacks', 2],
		['shipping', 'Shipping times and costs', 0],
		['shipping', 'How to return an item', 0],
		['shipping', 'International shipping', 1],
		['shipping', 'Lost package procedure', 2],
	];
	const staff = state.staff;
	for (const [topicSlug, title, status] of articles) {
		const createdAt = anchor - rng.int(10, 300) * DAY;
		state.db.articles.push({
			id: state.nextId('article'),
			brand,
			topicSlug,
			title,
			body: `# ${title}\n\nThis article explains ${title.toLowerCase()}.`,
			slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, ''),
			status,
			authorId: rng.pick(staff).id,
			createdAt,
			updatedAt: createdAt + rng.int(0, 9) * DAY,
		});
	}
	const groups = [
		{ id: state.nextId('templateGroup'), name: 'Billing' },
		{ id: state.nextId('templateGroup'), name: 'Shipping' },
	];
	state.db.templateGroups.push(...groups);
	const [owner, sam] = staff;
	const templates: [string, string, number | null, number | null][] = [
		['Refund issued', 'Hi {{customer.name}}, your refund has been issued and should arrive within 5-7 business days.', groups[0].id, null],
		['Invoice attached', 'Please find your invoice attached. Let us know if anything looks off.', groups[0].id, null],
		['Payment failed', 'It looks like your last payment did not go through. You can update your card in Settings → Billing.', groups[0].id, null],
		['Tracking number', 'Your order has shipped! Tracking number: {{order.tracking}}.', groups[1].id, null],
		['Return label', 'Here is your prepaid return label. Please drop the parcel off within 14 days.', groups[1].id, null],
		['Delayed shipment', 'We are sorry for the delay; your order will ship within 2 business days.', groups[1].id, null],
		['Greeting', 'Hi there, thanks for getting in touch!', null, null],
		['Closing', 'Is there anything else I can help you with today?', null, null],
		['My signature', 'Best,\nOlivia', null, owner.id],
		['Sam quick reply', 'On it, will get back to you shortly.', null, sam.id],
	];
	for (const [name, body, groupId, ownerId] of templates) {
		const createdAt = anchor - rng.int(30, 200) * DAY;
		state.db.templates.push({ id: state.nextId('template'), brand, name, body, groupId, ownerId, createdAt, updatedAt: createdAt });
	}
}

function seedStatusPage(state: SandboxState, brand: string, anchor: number): void {
	const systems = ['Website', 'API', 'Email delivery', 'Live chat'].map((title) => ({
		id: state.uuid(),
		brand,
		title,
		createdAt: anchor - 200 * DAY,
		updatedAt: anchor - 200 * DAY,
	}));
	state.db.systems.push(...systems);
	const incidents: [string, number, [string, string][], number, string][] = [
		['Delayed email delivery', 20 * DAY, [['investigating', 'We are looking into delayed outbound email.'], ['identified', 'A mail relay is congested.'], ['resolved', 'Email delivery is back to normal.']], 2, 'degraded_performance'],
		['Elevated API error rates', 2 * DAY, [['investigating', 'Some API requests fail with 5xx.'], ['monitoring', 'A fix is deployed; we are monitoring.']], 1, 'partial_outage'],
		['Live chat widget not loading', 3 * HOUR, [['investigating', 'The chat widget does not load for some visitors.']], 3, 'major_outage'],
	];
	for (const [title, ago, updates, systemIndex, systemStatus] of incidents) {
		const createdAt = anchor - ago;
		state.db.incidents.push({
			id: state.uuid(),
			brand,
			title,
			createdAt,
			updatedAt: createdAt + (updates.length - 1) * HOUR,
			updates: updates.map(([status, message], i) => ({ id: state.uuid(), status, message, createdAt: createdAt + i * HOUR })),
			systems: [{ id: state.uuid(), systemId: systems[systemIndex].id, status: systemStatus }],
		});
	}
}

function seedSampleData(state: SandboxState, rng: Rng, brand: string, anchor: number, conversations: number): void {
	const contacts = seedContacts(state, rng, anchor);
	seedConversations(state, rng, brand, contacts, anchor, conversations);
	seedKnowledgeBase(state, rng, brand, anchor);
	seedStatusPage(state, brand, anchor);
}
