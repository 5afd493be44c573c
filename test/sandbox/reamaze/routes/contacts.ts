/** §2.6: contacts are account-wide (§1), so these routes ignore the brand. */
import { invalid, notFound, refuse } from '../errors.ts';
import { addContact, firstIdentity } from '../people.ts';
import { paginate } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import type { SandboxState } from '../state.ts';
import type { Contact, Identity, Note } from '../types.ts';
import { isE164, isUrl, type Json, Validation, wrapped } from '../validate.ts';
import { contactView } from '../views.ts';

/** §3.5: `identifier_type` is email (default), mobile, facebook, twitter or instagram. */
const IDENTIFIER_TYPES = ['email', 'mobile', 'facebook', 'twitter', 'instagram'];

/** The contact named by `/contacts/{identifier}` and `?identifier_type=`. */
export function contactFromPath(ctx: RouteContext): Contact {
	const type = ctx.query.get('identifier_type') ?? 'email';
	if (!IDENTIFIER_TYPES.includes(type)) throw refuse(`identifier_type must be one of ${IDENTIFIER_TYPES.join(', ')}`);
	const contact = ctx.state.findContact(ctx.params.identifier, type);
	if (!contact) throw notFound(`Contact not found: ${ctx.params.identifier}`);
	return contact;
}

function addNotes(state: SandboxState, contact: Contact, bodies: string[], creatorId: number): void {
	for (const body of bodies) {
		const now = state.tick();
		const note: Note = { id: state.uuid(), body, createdAt: now, updatedAt: now, creatorId };
		contact.notes.push(note);
	}
}

function list(ctx: RouteContext): unknown {
	const { state, query } = ctx;
	// §2.6: `q` matches loosely over name or email.
	const q = query.get('q')?.trim().toLowerCase();
	const type = query.get('type');
	let items = state.contacts.filter((c) => {
		const emails = c.identities.filter((i) => i.type === 'email').map((i) => i.identifier.toLowerCase());
		if (q && ![c.name.toLowerCase(), (c.friendlyName ?? '').toLowerCase(), ...emails].some((text) => text.includes(q))) return false;
		if (type === 'email' && emails.length === 0) return false;
		if (type === 'mobile' && firstIdentity(c, 'mobile') === null) return false;
		return Object.entries(query.data).every(([key, value]) => key in c.data && String(c.data[key]) === value);
	});
	// §2.6: the default order is by name; `sort=date` is newest created first.
	if (query.get('sort') === 'date') items = items.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
	else items = items.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id - b.id);
	return paginate(items, query, 'contacts', contactView);
}

/** Fields that both POST and PUT accept (§2.6). */
function readEditable(v: Validation, src: Json) {
	const avatar = v.optionalString(src, 'external_avatar_url');
	if (avatar !== undefined && !isUrl(avatar)) v.add('external_avatar_url', 'must be an absolute URL');
	return {
		name: v.optionalString(src, 'name'),
		friendlyName: v.optionalString(src, 'friendly_name'),
		externalAvatarUrl: avatar,
		data: v.flatData(src, 'data'),
		notes: v.stringArray(src, 'notes'),
	};
}

function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const src = wrapped(ctx.body, 'contact');
	const v = new Validation();
	const fields = readEditable(v, src);
	const email = v.email(src, 'email');
	const mobile = v.optionalString(src, 'mobile');
	if (mobile !== undefined && !isE164(mobile)) v.add('mobile', 'must be in E.164 format with no spaces, e.g. +12223334444');
	if (src.email == null && src.mobile == null) v.add('email', "can't be blank when mobile is blank");
	const externalId = src.id;
	if (externalId !== undefined && externalId !== null && typeof externalId !== 'string' && typeof externalId !== 'number') {
		v.add('id', 'must be a string');
	}
	v.done();
	const taken: Record<string, string[]> = {};
	if (email !== undefined && state.findContact(email, 'email')) taken.email = ['has already been taken'];
	if (mobile !== undefined && state.findContact(mobile, 'mobile')) taken.mobile = ['has already been taken'];
	if (Object.keys(taken).length > 0) throw invalid(taken);

	const identities: Identity[] = [];
	if (email !== undefined) identities.push({ type: 'email', identifier: email });
	if (mobile !== undefined) identities.push({ type: 'mobile', identifier: mobile });
	const contact = addContact(state, {
		name: fields.name,
		friendlyName: fields.friendlyName,
		externalAvatarUrl: fields.externalAvatarUrl,
		externalId: externalId == null ? undefined : String(externalId),
		identities,
		data: fields.data,
	});
	// §2.6: "one note is created per item".
	addNotes(state, contact, fields.notes ?? [], ctx.actor.id);
	return contactView(contact);
}

/**
 * §2.6: only name, friendly_name, external_avatar_url and data change (other identifiers are ignored, as Rails
 * drops unpermitted params); `notes` adds notes. [sandbox choice] `data` replaces the hash, as `user.data` does (§2.3).
 */
function update(ctx: RouteContext): unknown {
	const { state } = ctx;
	const contact = contactFromPath(ctx);
	const v = new Validation();
	const fields = readEditable(v, wrapped(ctx.body, 'contact'));
	v.done();
	const before = JSON.stringify(contact);
	if (fields.name !== undefined) contact.name = fields.name;
	if (fields.friendlyName !== undefined) contact.friendlyName = fields.friendlyName;
	if (fields.externalAvatarUrl !== undefined) contact.externalAvatarUrl = fields.externalAvatarUrl;
	if (fields.data !== undefined) contact.data = { ...fields.data };
	addNotes(state, contact, fields.notes ?? [], ctx.actor.id);
	if (JSON.stringify(contact) !== before) contact.updatedAt = state.tick();
	return contactView(contact);
}

export const contactRoutes = [
	route('GET', '/contacts', list),
	route('POST', '/contacts', create),
	route('GET', '/contacts/:identifier', (ctx) => contactView(contactFromPath(ctx))),
	route('PUT', '/contacts/:identifier', update),
];
