/** §2.6 contact notes: flat bodies, contact-scoped paths, UUID ids; POST answers with all of the contact's notes. */
import { notFound, refuse } from '../errors.ts';
import { inOrder } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import type { Contact, Note } from '../types.ts';
import { isObject, type Json, Validation } from '../validate.ts';
import { noteView } from '../views.ts';
import { contactFromPath } from './contacts.ts';

function allNotes(ctx: RouteContext, contact: Contact): unknown[] {
	return inOrder([...contact.notes].sort((a, b) => a.createdAt - b.createdAt), ctx.query).map((note) => noteView(ctx.state, note));
}

/** `creator_email` (a staff email, default the caller) and `created_at` (default now), per §2.6. */
function readNoteFields(ctx: RouteContext, src: Json, v: Validation) {
	const creatorEmail = v.email(src, 'creator_email');
	const createdAt = v.time(src, 'created_at');
	v.done();
	const creator = creatorEmail === undefined ? undefined : ctx.state.staffByEmail(creatorEmail);
	if (creatorEmail !== undefined && !creator) throw refuse(`Staff user not found: ${creatorEmail}`);
	return { creatorId: creator?.id, createdAt };
}

function flatBody(ctx: RouteContext): Json {
	return isObject(ctx.body) ? ctx.body : {};
}

function create(ctx: RouteContext): unknown {
	const contact = contactFromPath(ctx);
	const src = flatBody(ctx);
	const v = new Validation();
	const body = v.requiredString(src, 'body') as string;
	const { creatorId, createdAt } = readNoteFields(ctx, src, v);
	const now = ctx.state.tick();
	contact.notes.push({ id: ctx.state.uuid(), body, createdAt: createdAt ?? now, updatedAt: now, creatorId: creatorId ?? ctx.actor.id });
	return allNotes(ctx, contact);
}

function noteFromPath(ctx: RouteContext): { contact: Contact; note: Note } {
	const contact = contactFromPath(ctx);
	const note = contact.notes.find((n) => n.id === ctx.params.noteId);
	if (!note) throw notFound(`Note not found: ${ctx.params.noteId}`);
	return { contact, note };
}

/** The Go lib models the update and delete answers as the single note. */
function update(ctx: RouteContext): unknown {
	const { note } = noteFromPath(ctx);
	const src = flatBody(ctx);
	const v = new Validation();
	const body = src.body === undefined ? undefined : v.requiredString(src, 'body');
	const { creatorId, createdAt } = readNoteFields(ctx, src, v);
	if (body !== undefined) note.body = body;
	if (creatorId !== undefined) note.creatorId = creatorId;
	if (createdAt !== undefined) note.createdAt = createdAt;
	note.updatedAt = ctx.state.tick();
	return noteView(ctx.state, note);
}

function remove(ctx: RouteContext): unknown {
	const { contact, note } = noteFromPath(ctx);
	contact.notes.splice(contact.notes.indexOf(note), 1);
	return noteView(ctx.state, note);
}

export const noteRoutes = [
	route('GET', '/contacts/:identifier/notes', (ctx) => allNotes(ctx, contactFromPath(ctx))),
	route('POST', '/contacts/:identifier/notes', create),
	route('PUT', '/contacts/:identifier/notes/:noteId', update),
	route('DELETE', '/contacts/:identifier/notes/:noteId', remove),
];
