/**
 * Seed data. The lookups, agents and API keys are fixed (present even with `seed: false`); contacts and
 * conversations come from a PRNG seeded by the `seed` option. Times hang off the start of the current UTC day,
 * so a seed gives the same data all day.
 */
import { Rng } from '../common/rng.ts';
import { addActivity, applySla, createContact, createConversationRow, insertMessage } from './domain.ts';
import type { LibreDeskState } from './state.ts';
import { DAY, HOUR, MINUTE, MS, startOfDayUs } from './time.ts';
import type { Conversation, Media, User } from './types.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alnum(rng: Rng, length: number): string {
	return Array.from({ length }, () => ALNUM[Math.floor(rng.next() * ALNUM.length)]).join('');
}

export interface KeyPair {
	key: string;
	secret: string;
}

/** §1 "Key format": 32 / 64 alphanumerics. Fixed, so the CLI prints the same keys every run. */
function makeKeys(): Record<'admin' | 'agent' | 'integration' | 'disabled', KeyPair> {
	const rng = new Rng(0x11bde5c);
	const pair = () => ({ key: alnum(rng, 32), secret: alnum(rng, 64) });
	return { admin: pair(), agent: pair(), integration: pair(), disabled: pair() };
}

export const SANDBOX_KEYS = makeKeys();

/** Agent ids (the System user is 1). */
export const AGENT_IDS = { system: 1, admin: 2, agent: 3, second: 4, disabled: 5, ai: 6, integration: 7 } as const;
export const TEAM_IDS = { support: 1, billing: 2, escalations: 3 } as const;
export const INBOX_IDS = { support: 1, sales: 2, disabled: 3, chat: 4 } as const;

/** A 1×1 PNG: attachments of seeded messages and a handy upload for tests. */
export const TINY_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64',
);

function agent(state: LibreDeskState, at: number, fields: Partial<User> & { firstName: string; lastName: string; email: string }): User {
	const user: User = {
		id: state.nextId('user'),
		createdAt: at,
		updatedAt: at,
		type: 'agent',
		enabled: true,
		deleted: false,
		avatarUrl: null,
		availabilityStatus: 'offline',
		phoneNumber: null,
		phoneNumberCountryCode: null,
		country: null,
		customAttributes: {},
		externalUserId: null,
		lastActiveAt: null,
		lastLoginAt: null,
		roles: ['Agent'],
		teamIds: [],
		apiKey: null,
		apiSecret: null,
		apiKeyLastUsedAt: null,
		...fields,
	};
	state.users.push(user);
	return user;
}

function seedLookups(state: LibreDeskState, base: number): void {
	const at = base - 400 * DAY;
	const stamp = { createdAt: at, updatedAt: at };
	agent(state, at, { type: 'system', firstName: 'System', lastName: '', email: 'system@libredesk.internal', roles: [] });
	agent(state, at, { firstName: 'Alice', lastName: 'Admin', email: 'alice@desk.test', roles: ['Admin'], teamIds: [1, 3], availabilityStatus: 'online', apiKey: SANDBOX_KEYS.admin.key, apiSecret: SANDBOX_KEYS.admin.secret });
	agent(state, at, { firstName: 'Bob', lastName: 'Agent', email: 'bob@desk.test', roles: ['Agent'], teamIds: [1], availabilityStatus: 'away', apiKey: SANDBOX_KEYS.agent.key, apiSecret: SANDBOX_KEYS.agent.secret });
	agent(state, at, { firstName: 'Carol', lastName: 'Second', email: 'carol@desk.test', roles: ['Agent'], teamIds: [2] });
	agent(state, at, { firstName: 'Dan', lastName: 'Disabled', email: 'dan@desk.test', roles: ['Agent'], enabled: false, apiKey: SANDBOX_KEYS.disabled.key, apiSecret: SANDBOX_KEYS.disabled.secret });
	agent(state, at, { type: 'ai_assistant', firstName: 'Aria', lastName: 'AI', email: 'aria@desk.test', roles: [] });
	agent(state, at, { firstName: 'Ivy', lastName: 'Integration', email: 'ivy@desk.test', roles: ['Admin', 'Integration'], teamIds: [1], apiKey: SANDBOX_KEYS.integration.key, apiSecret: SANDBOX_KEYS.integration.secret });

	state.slas = [
		{ id: state.nextId('sla'), ...stamp, name: 'Standard', description: 'Business hours', firstResponseTime: '4h', nextResponseTime: '8h', resolutionTime: '24h', notifications: [] },
		{ id: state.nextId('sla'), ...stamp, name: 'Premium', description: 'VIP customers', firstResponseTime: '1h', nextResponseTime: '2h', resolutionTime: '8h', notifications: [{ type: 'warning', time_delay_type: 'before', time_delay: '30m', recipients: ['assigned_user'] }] },
	];
	state.teams = [
		{ id: state.nextId('team'), ...stamp, emoji: '🎧', name: 'Support', conversationAssignmentType: 'Round robin', timezone: 'UTC', businessHoursId: null, slaPolicyId: null, maxAutoAssignedConversations: 0 },
		{ id: state.nextId('team'), ...stamp, emoji: '💳', name: 'Billing', conversationAssignmentType: 'Manual', timezone: 'Europe/Berlin', businessHoursId: null, slaPolicyId: null, maxAutoAssignedConversations: 0 },
		{ id: state.nextId('team'), ...stamp, emoji: '🚨', name: 'Escalations', conversationAssignmentType: 'Manual', timezone: 'UTC', businessHoursId: null, slaPolicyId: 2, maxAutoAssignedConversations: 5 },
	];
	const inbox = (name: string, channel: 'email' | 'livechat', enabled: boolean, from: string, config: Record<string, unknown>, csat = false) => ({
		id: state.nextId('inbox'),
		uuid: state.uuid(),
		...stamp,
		name,
		channel,
		enabled,
		csatEnabled: csat,
		promptTagsOnReply: false,
		from,
		fromNameTemplate: '{{.FirstName}} from Acme',
		config,
		linkedEmailInboxId: null,
	});
	const mail = (address: string, extra: Record<string, unknown> = {}) => ({
		imap: [{ host: 'imap.desk.test', port: 993, username: address, password: '\u2022'.repeat(10), mailbox: 'INBOX' }],
		smtp: [{ host: 'smtp.desk.test', port: 587, username: address, password: '\u2022'.repeat(10) }],
		...extra,
	});
	state.inboxes = [
		inbox('Support', 'email', true, 'Acme Support <support@desk.test>', mail('support@desk.test'), true),
		inbox('Sales', 'email', true, 'sales@desk.test', mail('sales@desk.test', { reply_to: 'replies@desk.test' })),
		inbox('Legacy', 'email', false, 'old@desk.test', mail('old@desk.test')),
		inbox('Website chat', 'livechat', true, '', { brand_name: 'Acme', secret: '\u2022'.repeat(10) }),
	];
	state.inboxes[3].linkedEmailInboxId = INBOX_IDS.support;
	state.statuses = [
		{ id: state.nextId('status'), createdAt: at, name: 'Open', category: 'open' },
		{ id: state.nextId('status'), createdAt: at, name: 'Snoozed', category: 'waiting' },
		{ id: state.nextId('status'), createdAt: at, name: 'Resolved', category: 'resolved' },
		{ id: state.nextId('status'), createdAt: at, name: 'Closed', category: 'resolved' },
		{ id: state.nextId('status'), createdAt: at, name: 'Waiting on customer', category: 'waiting' },
	];
	state.priorities = ['Low', 'Medium', 'High'].map((name) => ({ id: state.nextId('priority'), createdAt: at, name }));
	state.tags = ['billing', 'bug', 'feature-request', 'urgent', 'vip', 'refund', 'onboarding', 'R&D <beta>', 'shipping', 'feedback'].map((name) => ({ id: state.nextId('tag'), ...stamp, name }));
	const attribute = (appliesTo: 'contact' | 'conversation', key: string, name: string, dataType: string, values: string[] = [], regex = '', regexHint = '') => ({
		id: state.nextId('customAttribute'),
		...stamp,
		name,
		description: `${name} (${dataType})`,
		appliesTo,
		key,
		values,
		dataType,
		regex,
		regexHint,
	});
	state.customAttributes = [
		attribute('conversation', 'order_id', 'Order ID', 'text', [], '^ORD-\\d+$', 'ORD- followed by digits'),
		attribute('conversation', 'plan', 'Plan', 'list', ['free', 'pro', 'enterprise']),
		attribute('conversation', 'seats', 'Seats', 'number'),
		attribute('conversation', 'renewal_date', 'Renewal date', 'date'),
		attribute('conversation', 'escalated', 'Escalated', 'checkbox'),
		attribute('contact', 'company', 'Company', 'text'),
		attribute('contact', 'website', 'Website', 'link'),
		attribute('contact', 'tier', 'Tier', 'list', ['bronze', 'silver', 'gold']),
	];
	state.customAttributes.forEach((a, i) => (a.updatedAt = at + i * MINUTE));
	const macro = (name: string, actions: [string, string[], string[]][], visibility: 'all' | 'team' | 'user', userId: number | null, teamId: number | null, messageContent = '') => ({
		id: state.nextId('macro'),
		...stamp,
		name,
		actions: actions.map(([type, value, display]) => ({ type, value, display_value: display })),
		visibility,
		visibleWhen: ['replying', 'starting_conversation', 'adding_private_note'],
		messageContent,
		userId,
		teamId,
		usageCount: 0,
	});
	state.macros = [
		macro('Escalate', [['assign_team', ['3'], ['Escalations']], ['set_priority', ['3'], ['High']]], 'all', null, null),
		macro('Resolve with thanks', [['set_status', ['3'], ['Resolved']], ['add_tags', ['feedback'], ['feedback']]], 'team', null, 1, 'Thanks {{ .Contact.FirstName }}!'),
		macro('Greeting reply', [['send_reply', ['Hello!'], ['Hello!']]], 'user', 2, null),
		macro('Internal note', [['send_private_note', ['Checked'], ['Checked']]], 'all', null, null),
	];
	state.macros.forEach((m, i) => (m.updatedAt = at + i * MINUTE));
	const view = (name: string, filters: unknown, visibility: 'user' | 'team' | 'all', userId: number | null, teamId: number | null) => ({
		id: state.nextId('view'),
		...stamp,
		name,
		filters,
		visibility,
		userId,
		teamId,
	});
	state.views = [
		view('My open', [{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Open' }], 'user', AGENT_IDS.admin, null),
		view('High priority', [{ model: 'conversations', field: 'priority_id', operator: 'equals', value: '3' }], 'user', AGENT_IDS.agent, null),
		view('Support queue', [{ model: 'conversations', field: 'assigned_team_id', operator: 'equals', value: '1' }], 'team', null, TEAM_IDS.support),
		view('Billing queue', [{ model: 'conversations', field: 'assigned_team_id', operator: 'equals', value: '2' }], 'team', null, TEAM_IDS.billing),
		view('Everything snoozed', [{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Snoozed' }], 'all', null, null),
	];
}

const FIRST_NAMES = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Mia', 'Lucas', 'Sofia', 'Mateo', 'Chloe', 'Emma', 'Liam', 'Zoë', 'Jürgen', 'Amélie', 'Kenji', 'Priya', 'Omar'];
const LAST_NAMES = ['Smith', 'García', 'Müller', 'Rossi', "O'Brien", 'Nguyen', 'Kowalski', 'Dubois', 'Tanaka', 'Silva', 'Johnson', 'Brown'];
const DOMAINS = ['example.com', 'example.org', 'mail.test', 'acme-customers.test'];
const SUBJECTS = ['Cannot log in', 'Refund for order', 'Invoice question', 'Feature idea: dark mode', 'Shipping delay', 'Bug in export <CSV> & Excel', 'Upgrade to Pro', 'Password reset', 'API rate limits', 'Cancel subscription'];
const CUSTOMER_LINES = ['Hi, I have a problem with my account.', 'Could you help me with <b>my order</b>?', 'Thanks & regards', 'It still does not work.', 'Any update on this?'];
const AGENT_LINES = ['<p>Thanks for reaching out! Could you share more details?</p>', '<p>I have fixed this for you.</p>', '<p>We are looking into it & will update you soon.</p>'];
const NOTE_LINES = ['<p>Checked the logs, looks like a sync issue.</p>', '<p>Customer is on the Pro plan.</p>'];

function seedContacts(state: LibreDeskState, rng: Rng, base: number): User[] {
	const contacts: User[] = [];
	for (let i = 0; i < 100; i++) {
		const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
		const lastName = rng.pick(LAST_NAMES);
		const at = base - rng.int(95, 380) * DAY + rng.int(0, DAY / MINUTE - 1) * MINUTE + rng.int(0, 999_999);
		const email = `${firstName.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${i}@${rng.pick(DOMAINS)}`;
		const contact = createContact(state, { email, firstName, lastName, at, externalUserId: rng.chance(0.3) ? `crm-${1000 + i}` : null });
		contact.updatedAt = at + rng.int(0, 30) * DAY;
		if (rng.chance(0.4)) {
			contact.phoneNumber = `555${String(rng.int(1_000_000, 9_999_999))}`;
			contact.phoneNumberCountryCode = '+1';
		}
		if (rng.chance(0.5)) contact.country = rng.pick(['US', 'DE', 'FR', 'IN', 'JP', 'BR']);
		if (rng.chance(0.6)) contact.customAttributes = { company: `${lastName} & Co`, tier: rng.pick(['bronze', 'silver', 'gold']) };
		if (rng.chance(0.2)) contact.avatarUrl = `https://avatars.example.com/${i}.png`;
		contacts.push(contact);
	}
	// A visitor (live chat) with an email, and a phone-only contact that GET /contacts leaves out (§8.1).
	const visitor = createContact(state, { email: 'visitor.42@example.net', firstName: 'Website', lastName: 'Visitor', type: 'visitor', at: base - 20 * DAY });
	const phoneOnly = createContact(state, { email: null, firstName: 'Phone', lastName: 'Only', at: base - 10 * DAY });
	phoneOnly.phoneNumber = '5550000001';
	phoneOnly.phoneNumberCountryCode = '+1';
	// A blocked contact.
	contacts[7].enabled = false;
	return [...contacts, visitor];
}

function seedMedia(state: LibreDeskState, at: number, uploaderId: number, name: string): Media {
	const image = name.endsWith('.png');
	const bytes = image ? TINY_PNG : Buffer.from(`Sandbox attachment ${name}\n`);
	const media: Media = {
		id: state.nextId('media'),
		createdAt: at,
		updatedAt: at,
		uuid: state.uuid(),
		store: 'fs',
		filename: name,
		contentType: image ? 'image/png' : 'text/plain',
		contentId: '',
		modelId: null,
		modelType: null,
		disposition: 'attachment',
		size: bytes.length,
		meta: image ? { width: 1, height: 1 } : {},
		bytes,
		thumbnail: image ? TINY_PNG : null,
		uploaderId,
	};
	state.media.push(media);
	return media;
}

/** Status, assignment and thread of one seeded conversation, written directly (no webhooks fire while seeding). */
function seedConversation(state: LibreDeskState, rng: Rng, base: number, contacts: User[], n: number, created: number): Conversation {
	const contact = contacts[Math.floor(rng.next() * contacts.length)];
	const inboxId = contact.type === 'visitor' ? INBOX_IDS.chat : rng.pick([1, 1, 1, 2, 2, 3, 4]);
	const conversation = createConversationRow(state, { contactId: contact.id, inboxId, subject: SUBJECTS[n % SUBJECTS.length], at: created });
	if (inboxId === INBOX_IDS.chat) conversation.subject = null;
	const agents = [AGENT_IDS.admin, AGENT_IDS.agent, AGENT_IDS.second, AGENT_IDS.integration];
	const assignment = rng.next();
	if (assignment < 0.25) {
		// unassigned
	} else if (assignment < 0.45) conversation.assignedTeamId = rng.pick([1, 2, 3]);
	else if (assignment < 0.8) {
		conversation.assignedTeamId = rng.pick([1, 1, 2, 3]);
		conversation.assignedUserId = conversation.assignedTeamId === 2 ? AGENT_IDS.second : rng.pick(agents);
	} else conversation.assignedUserId = rng.pick(agents);
	if (rng.chance(0.6)) conversation.priorityId = rng.int(1, 3);
	conversation.tagIds = rng.sample(state.tags.map((t) => t.id), rng.int(0, 3)).sort((a, b) => a - b);
	if (rng.chance(0.4)) conversation.customAttributes = { order_id: `ORD-${10000 + n}`, plan: rng.pick(['free', 'pro', 'enterprise']), seats: rng.int(1, 50) };
	if (rng.chance(0.1)) conversation.meta = { source: 'api', utm: { campaign: 'spring & summer' } };
	if (conversation.assignedTeamId === TEAM_IDS.escalations) applySla(state, conversation, 2, created);

	const actor = state.user(conversation.assignedUserId ?? AGENT_IDS.admin) as User;
	let t = created;
	const step = () => (t += rng.int(5, 600) * MINUTE + rng.int(0, 999_999));
	insertMessage(state, conversation, { type: 'incoming', status: 'received', content: rng.pick(CUSTOMER_LINES), private: false, senderId: contact.id, senderType: 'contact', at: t });
	conversation.waitingSince = t;
	const turns = rng.int(0, 4);
	for (let i = 0; i < turns; i++) {
		const kind = rng.next();
		if (kind < 0.45) {
			const withFile = rng.chance(0.15) ? [seedMedia(state, step(), actor.id, rng.pick(['screenshot.png', 'invoice.txt'])).id] : [];
			const failed = rng.chance(0.05);
			insertMessage(state, conversation, {
				type: 'outgoing',
				status: failed ? 'failed' : 'sent',
				content: rng.pick(AGENT_LINES),
				private: false,
				senderId: actor.id,
				senderType: 'agent',
				meta: inboxId === INBOX_IDS.chat ? {} : { to: [contact.email], cc: [], bcc: [] },
				mediaIds: withFile,
				at: step(),
			});
			if (!failed) {
				conversation.firstReplyAt ??= t;
				conversation.lastReplyAt = t;
				conversation.waitingSince = null;
			}
		} else if (kind < 0.65) {
			const note = insertMessage(state, conversation, { type: 'outgoing', status: 'sent', content: rng.pick(NOTE_LINES), private: true, senderId: actor.id, senderType: 'agent', at: step() });
			if (rng.chance(0.5)) {
				const mentioned = rng.pick([{ userId: AGENT_IDS.agent, teamId: null }, { userId: AGENT_IDS.admin, teamId: null }, { userId: null, teamId: TEAM_IDS.support }]);
				conversation.mentions.push({ messageUuid: note.uuid, ...mentioned, createdAt: t });
			}
		} else if (kind < 0.8) {
			addActivity(state, conversation, actor, `${actor.firstName} ${actor.lastName} set priority to ${state.priority(conversation.priorityId)?.name ?? 'None'}`, 'priority_change', step());
		} else {
			const withFile = rng.chance(0.2) ? [seedMedia(state, step(), contact.id, 'photo.png').id] : [];
			insertMessage(state, conversation, { type: 'incoming', status: 'received', content: rng.pick(CUSTOMER_LINES), private: false, senderId: contact.id, senderType: 'contact', mediaIds: withFile, at: step() });
			conversation.waitingSince ??= t;
		}
	}
	const statusRoll = rng.next();
	const statusName = statusRoll < 0.4 ? 'Open' : statusRoll < 0.5 ? 'Snoozed' : statusRoll < 0.75 ? 'Resolved' : statusRoll < 0.9 ? 'Closed' : 'Waiting on customer';
	const status = state.statusByName(statusName);
	if (status) {
		conversation.statusId = status.id;
		if (statusName !== 'Open') addActivity(state, conversation, actor, `${actor.firstName} ${actor.lastName} marked the conversation as ${statusName}`, 'status_change', step());
		if (status.category === 'resolved') conversation.resolvedAt = t;
		if (statusName === 'Closed') conversation.closedAt = t;
		if (statusName === 'Snoozed') conversation.snoozedUntil = base + rng.int(1, 72) * HOUR;
		if (statusName === 'Resolved' && rng.chance(0.3)) {
			conversation.csatRating = rng.int(1, 5);
			conversation.csatFeedback = rng.chance(0.5) ? 'Quick & helpful' : null;
			conversation.csatRespondedAt = t + HOUR;
		}
	}
	conversation.updatedAt = t;
	if (rng.chance(0.3)) conversation.lastSeen.set(AGENT_IDS.admin, t);
	if (rng.chance(0.3)) conversation.lastSeen.set(AGENT_IDS.agent, t);
	return conversation;
}

export interface SeedOptions {
	/** PRNG seed, or `false` for lookups, agents and keys only. */
	seed: number | false;
	conversations: number;
}

export function seedState(state: LibreDeskState, options: SeedOptions): void {
	const emit = state.emit;
	state.emit = () => {};
	try {
		state.clear(options.seed === false ? 1 : options.seed);
		const base = startOfDayUs(Date.now() * MS);
		seedLookups(state, base);
		if (options.seed === false) return;
		const rng = new Rng(options.seed);
		const contacts = seedContacts(state, rng, base);
		// Created times first, oldest first, so ids and reference numbers follow creation order as real sequences do.
		// Threads span at most ~2 days, so every seeded time is before the start of today.
		const created = Array.from({ length: options.conversations }, () => base - rng.int(3 * 24 * 60, 90 * 24 * 60) * MINUTE - rng.int(0, 59_999_999)).sort((a, b) => a - b);
		created.forEach((at, n) => seedConversation(state, rng, base, contacts, n, at));
		state.rng = new Rng(options.seed + 1);
	} finally {
		state.emit = emit;
	}
}
