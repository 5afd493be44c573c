import { normalizeIdentifier, type SandboxState } from './state.ts';
import type { Contact, FlatData, Identity, Person, StaffUser } from './types.ts';

export function identityKey(identity: Identity): string {
	return `${identity.type}:${normalizeIdentifier(identity.type, identity.identifier)}`;
}

export interface NewContact {
	name?: string;
	friendlyName?: string;
	externalId?: string;
	externalAvatarUrl?: string;
	identities: Identity[];
	data?: FlatData;
	createdAt?: number;
}

export function addContact(state: SandboxState, fields: NewContact): Contact {
	const createdAt = fields.createdAt ?? state.tick();
	const contact: Contact = {
		id: state.nextId('user'),
		externalId: fields.externalId ?? null,
		name: fields.name ?? '',
		friendlyName: fields.friendlyName ?? null,
		externalAvatarUrl: fields.externalAvatarUrl ?? null,
		facebook: null,
		identities: fields.identities,
		data: fields.data ?? {},
		notes: [],
		createdAt,
		updatedAt: createdAt,
	};
	state.db.contacts.push(contact);
	return contact;
}

/** §2.3: "An unknown email gets a new contact." */
function contactForEmail(state: SandboxState, email: string, name?: string): Contact {
	const existing = state.findContact(email, 'email');
	if (existing) {
		if (!existing.name && name) existing.name = name;
		return existing;
	}
	return addContact(state, { name, identities: [{ type: 'email', identifier: email }] });
}

/** A staff email names that staff user; any other email a customer, created if unknown (§2.3). */
export function personForEmail(state: SandboxState, email: string, name: string | undefined): Person {
	const staff = state.staffByEmail(email);
	if (staff) return { kind: 'staff', id: staff.id };
	const contact = contactForEmail(state, email, name);
	return { kind: 'contact', id: contact.id, via: identityKey({ type: 'email', identifier: email }) };
}

/** §2.5: the optional `user {email, name}` names the sender; by default it is the authenticated user. */
export function resolveSender(state: SandboxState, email: string | undefined, name: string | undefined, actor: StaffUser): Person {
	return email === undefined ? { kind: 'staff', id: actor.id } : personForEmail(state, email, name);
}

export function firstIdentity(contact: Contact, type: Identity['type']): string | null {
	return contact.identities.find((identity) => identity.type === type)?.identifier ?? null;
}
