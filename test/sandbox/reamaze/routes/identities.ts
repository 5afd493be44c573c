/** §2.6 identities: the email, mobile and social handles a contact is known by. */
import { identityKey } from '../people.ts';
import { route, type RouteContext } from '../router.ts';
import type { SandboxState } from '../state.ts';
import type { Contact, Identity, IdentityType, Person } from '../types.ts';
import { isE164, isEmail, Validation, wrapped } from '../validate.ts';
import { contactFromPath } from './contacts.ts';

/** §3.5: facebook identities cannot be added. */
const IDENTITY_TYPES: IdentityType[] = ['email', 'mobile', 'instagram', 'igsid', 'twitter'];

const identityView = (identity: Identity) => ({ type: identity.type, identifier: identity.identifier });

function movePerson(person: Person, from: Contact, to: Contact, via: string | undefined): Person {
	if (person.kind !== 'contact' || person.id !== from.id || (via !== undefined && person.via !== via)) return person;
	return { ...person, id: to.id };
}

/**
 * §6.13: "an identity that already belongs to another contact is moved to this contact, with all its messages
 * and data". Conversations and messages written from that identity follow it. [sandbox choice] a contact left
 * without any identity is merged into the receiver (its data fills missing keys, its notes and ratings move) and removed.
 */
function moveIdentity(state: SandboxState, from: Contact, to: Contact, identity: Identity): void {
	const via = identityKey(identity);
	from.identities = from.identities.filter((i) => identityKey(i) !== via);
	to.identities.push(identity);
	const absorb = from.identities.length === 0;
	const scope = absorb ? undefined : via;
	for (const conversation of state.db.conversations) conversation.author = movePerson(conversation.author, from, to, scope);
	for (const message of state.db.messages) message.sender = movePerson(message.sender, from, to, scope);
	if (absorb) {
		to.data = { ...from.data, ...to.data };
		to.notes.push(...from.notes);
		for (const rating of state.db.ratings) if (rating.contactId === from.id) rating.contactId = to.id;
		state.db.contacts.splice(state.db.contacts.indexOf(from), 1);
	}
	from.updatedAt = state.tick();
}

function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const contact = contactFromPath(ctx);
	const src = wrapped(ctx.body, 'identity');
	const v = new Validation();
	const type = v.requiredString(src, 'type');
	const identifier = v.requiredString(src, 'identifier')?.trim();
	if (type !== undefined && !IDENTITY_TYPES.includes(type as IdentityType)) v.add('type', `must be one of ${IDENTITY_TYPES.join(', ')}`);
	if (type === 'email' && identifier !== undefined && !isEmail(identifier)) v.add('identifier', 'is not a valid email address');
	if (type === 'mobile' && identifier !== undefined && !isE164(identifier)) v.add('identifier', 'must be in E.164 format, e.g. +12223334444');
	v.done();
	const identity: Identity = { type: type as IdentityType, identifier: identifier as string };
	const owner = state.findContact(identity.identifier, identity.type);
	if (owner === contact) return identityView(contact.identities.find((i) => identityKey(i) === identityKey(identity)) ?? identity);
	if (owner) moveIdentity(state, owner, contact, identity);
	else contact.identities.push(identity);
	contact.updatedAt = state.tick();
	return identityView(identity);
}

export const identityRoutes = [
	route('GET', '/contacts/:identifier/identities', (ctx) => ({ identities: contactFromPath(ctx).identities.map(identityView) })),
	route('POST', '/contacts/:identifier/identities', create),
];
