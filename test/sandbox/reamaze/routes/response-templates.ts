/** §2.10 response templates: `{response_templates: [...]}` with no counts, 30 per page like every list. */
import { notFound } from '../errors.ts';
import { inOrder, pageNumber, pageSlice } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import type { SandboxState } from '../state.ts';
import type { ResponseTemplate } from '../types.ts';
import { type Json, Validation, wrapped } from '../validate.ts';

function templateView(state: SandboxState, template: ResponseTemplate): Record<string, unknown> {
	const group = state.db.templateGroups.find((g) => g.id === template.groupId);
	return { id: template.id, name: template.name, body: template.body, response_template_group: group ? { id: group.id, name: group.name } : null };
}

/** "The brand's templates, plus personal templates depending on the user's role": here, the caller's own. */
function visible(ctx: RouteContext): ResponseTemplate[] {
	return ctx.state.responseTemplates(ctx.brand.name).filter((t) => t.ownerId === null || t.ownerId === ctx.actor.id);
}

function templateFromPath(ctx: RouteContext): ResponseTemplate {
	const template = visible(ctx).find((t) => String(t.id) === ctx.params.id);
	if (!template) throw notFound(`Response template not found: ${ctx.params.id}`);
	return template;
}

function list(ctx: RouteContext): unknown {
	const q = ctx.query.get('q')?.trim().toLowerCase();
	const items = visible(ctx)
		.filter((t) => !q || t.name.toLowerCase().includes(q) || t.body.toLowerCase().includes(q))
		.sort((a, b) => a.name.localeCompare(b.name, 'en') || a.id - b.id);
	return { response_templates: pageSlice(inOrder(items, ctx.query), pageNumber(ctx.query.get('page'))).map((t) => templateView(ctx.state, t)) };
}

/** §3.5: `is_personal` is 0/1; the Go lib sends a boolean, so both spellings are accepted. */
function readPersonal(v: Validation, src: Json): boolean | undefined {
	if (src.is_personal === true || src.is_personal === false) return src.is_personal;
	const flag = v.integerIn(src, 'is_personal', [0, 1]);
	return flag === undefined ? undefined : flag === 1;
}

function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const src = wrapped(ctx.body, 'response_template');
	const v = new Validation();
	const name = v.requiredString(src, 'name') as string;
	const body = v.requiredString(src, 'body') as string;
	const personal = readPersonal(v, src);
	v.done();
	const now = state.tick();
	const template: ResponseTemplate = {
		id: state.nextId('template'),
		brand: ctx.brand.name,
		name,
		body,
		groupId: null,
		ownerId: personal ? ctx.actor.id : null,
		createdAt: now,
		updatedAt: now,
	};
	state.db.templates.push(template);
	return templateView(state, template);
}

function update(ctx: RouteContext): unknown {
	const template = templateFromPath(ctx);
	const src = wrapped(ctx.body, 'response_template');
	const v = new Validation();
	const name = src.name === undefined ? undefined : v.requiredString(src, 'name');
	const body = src.body === undefined ? undefined : v.requiredString(src, 'body');
	const personal = readPersonal(v, src);
	v.done();
	if (name !== undefined) template.name = name;
	if (body !== undefined) template.body = body;
	if (personal !== undefined) template.ownerId = personal ? ctx.actor.id : null;
	template.updatedAt = ctx.state.tick();
	return templateView(ctx.state, template);
}

export const responseTemplateRoutes = [
	route('GET', '/response_templates', list),
	route('POST', '/response_templates', create),
	route('GET', '/response_templates/:id', (ctx) => templateView(ctx.state, templateFromPath(ctx))),
	route('PUT', '/response_templates/:id', update),
];
