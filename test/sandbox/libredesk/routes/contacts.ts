/** §8 contacts: list, get, update (multipart), block, notes. */
import { type Ctx, decodeJson, intParam, route, type RouteDef } from '../context.ts';
import { ApiError, general, input, MSG, notFound } from '../errors.ts';
import { type Cell, compileFilters, FilterError } from '../filters.ts';
import { formValue } from '../multipart.ts';
import { pageObject, pagination, parseOrder, sortRows } from '../paging.ts';
import { fullUser, noteObject, userCompact } from '../serialize.ts';
import type { ContactNote, User } from '../types.ts';
import { supports } from '../versions.ts';
import { validEmail } from './conversations.ts';
import { sanitizeFilename } from './media.ts';

const CONTACT_FIELDS = { users: ['email', 'created_at', 'updated_at'] } as const;

function contactCell(user: User, _model: string, field: string): Cell {
	if (field === 'email') return user.email === null ? null : { kind: 'text', value: user.email };
	return { kind: 'time', value: field === 'created_at' ? user.createdAt : user.updatedAt };
}

/** Fisher–Yates with a per-request stream: without `order_by` the SQL has no ORDER BY (§8.1), so neither has the sandbox. */
function unstable(ctx: Ctx, rows: User[]): User[] {
	const out = [...rows];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(ctx.state.rng.next() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

function listContacts(ctx: Ctx): unknown {
	const { state } = ctx;
	const { page, pageSize } = pagination(ctx.query, 'contacts', state.version);
	const orderBy = ctx.query.get('order_by') ?? '';
	const order = orderBy === '' ? undefined : parseOrder(orderBy, ctx.query.get('order') ?? '', CONTACT_FIELDS);
	try {
		const predicate = compileFilters(ctx.query.get('filters'), { allowed: CONTACT_FIELDS, cell: contactCell, groups: supports(state.version, 'groupedFilters') });
		// Contacts and visitors that have an email, not deleted.
		const rows = state.users.filter((u) => (u.type === 'contact' || u.type === 'visitor') && !u.deleted && u.email !== null && u.email !== '' && (!predicate || predicate(u)));
		const ordered = order ? sortRows(rows, order, contactCell) : unstable(ctx, rows);
		return pageObject(ordered, page, pageSize, userCompact);
	} catch (error) {
		if (error instanceof FilterError) throw general();
		throw error;
	}
}

/** `GetContactOrVisitor`: agents and unknown ids are 404 "User not found". */
function contactById(ctx: Ctx): User {
	const contact = ctx.state.contact(intParam(ctx, 'id'));
	if (!contact) throw notFound('User not found');
	return contact;
}

/**
 * §8.3: multipart only; every field is overwritten, so an omitted optional field is cleared; `null` clears
 * phone/country/avatar. Checks in the handler's order: id, contact, multipart, email, first_name.
 */
function updateContact(ctx: Ctx): unknown {
	const { state } = ctx;
	if (intParam(ctx, 'id') <= 0) throw input(MSG.somethingWrong);
	const contact = contactById(ctx);
	const parts = ctx.parts;
	if (!parts) throw new ApiError(500, MSG.parse, 'GeneralException');
	const value = (name: string) => formValue(parts, name) ?? '';
	const nullable = (name: string) => {
		const v = value(name);
		return v === '' || v === 'null' ? null : v;
	};
	const email = value('email').trim();
	if (email === '') throw input('email empty');
	if (!validEmail(email)) throw input('Invalid email address');
	const firstName = value('first_name');
	if (firstName === '') throw input('first_name empty');
	const taken = state.users.some((u) => u !== contact && (u.type === 'contact' || u.type === 'visitor') && !u.deleted && u.email?.toLowerCase() === email.toLowerCase());
	if (taken) throw input('Another contact with same email already exists');
	contact.firstName = firstName;
	contact.lastName = value('last_name');
	contact.email = email;
	contact.phoneNumber = nullable('phone_number');
	contact.phoneNumberCountryCode = nullable('phone_number_country_code');
	if (supports(state.version, 'externalUserId')) contact.country = nullable('country');
	contact.avatarUrl = nullable('avatar_url');
	const avatar = parts.find((p) => p.name === 'files' && p.filename !== undefined && p.data.length > 0);
	if (avatar) contact.avatarUrl = `/uploads/${state.uuid()}-${sanitizeFilename(avatar.filename ?? 'avatar')}`;
	contact.updatedAt = state.now();
	return fullUser(state, contact);
}

function blockContact(ctx: Ctx): unknown {
	const contact = contactById(ctx);
	// §8.4: a non-JSON body decodes as enabled=false (blocks).
	const req = decodeJson(ctx, { enabled: 'bool' });
	contact.enabled = req.enabled;
	contact.updatedAt = ctx.state.now();
	return fullUser(ctx.state, contact);
}

function listNotes(ctx: Ctx): unknown {
	const id = intParam(ctx, 'id');
	return ctx.state.notes
		.filter((n) => n.contactId === id)
		.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
		.map((n) => noteObject(ctx.state, n));
}

function createNote(ctx: Ctx): unknown {
	const req = decodeJson(ctx, { note: 'string' });
	if (req.note === '') throw input('note empty');
	const contactId = intParam(ctx, 'id');
	// [INFERRED] §8.5: the foreign key fails for an unknown contact.
	if (!ctx.state.users.some((u) => u.id === contactId)) throw general();
	const at = ctx.state.now();
	const note: ContactNote = { id: ctx.state.nextId('note'), createdAt: at, updatedAt: at, contactId, note: req.note, userId: ctx.actor.id };
	ctx.state.notes.push(note);
	return noteObject(ctx.state, note);
}

/** §8.5: non-admins may delete only their own notes (unknown id → 500); admins get `true` even for unknown ids. */
function deleteNote(ctx: Ctx): true {
	const noteId = intParam(ctx, 'note_id');
	const contactId = intParam(ctx, 'id');
	const note = ctx.state.notes.find((n) => n.id === noteId && n.contactId === contactId);
	if (!ctx.actor.roles.includes('Admin')) {
		if (!note) throw general();
		if (note.userId !== ctx.actor.id) throw input('You can only delete your own note', 403);
	}
	if (note) ctx.state.notes = ctx.state.notes.filter((n) => n !== note);
	return true;
}

export const contactRoutes: RouteDef[] = [
	route('GET', '/api/v1/contacts', 'contacts:read_all', listContacts),
	route('GET', '/api/v1/contacts/{id}', 'contacts:read', (ctx) => fullUser(ctx.state, contactById(ctx))),
	route('PUT', '/api/v1/contacts/{id}', 'contacts:write', updateContact),
	route('PUT', '/api/v1/contacts/{id}/block', 'contacts:block', blockContact),
	route('GET', '/api/v1/contacts/{id}/notes', 'contact_notes:read', listNotes),
	route('POST', '/api/v1/contacts/{id}/notes', 'contact_notes:write', createNote),
	route('DELETE', '/api/v1/contacts/{id}/notes/{note_id}', 'contact_notes:delete', deleteNote),
];
