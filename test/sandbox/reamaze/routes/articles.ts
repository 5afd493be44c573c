/** §2.9 FAQ articles, grouped in topics that are referenced by slug only (no topic CRUD). */
import { notFound } from '../errors.ts';
import { paginate } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import { type SandboxState, uniqueSlug } from '../state.ts';
import { iso } from '../time.ts';
import type { Article, Topic } from '../types.ts';
import { Validation, wrapped } from '../validate.ts';
import { userView } from '../views.ts';

/** §3.5: 0 published, 1 draft, 2 internal. */
const ARTICLE_STATUSES = [0, 1, 2];

function articleView(state: SandboxState, article: Article): Record<string, unknown> {
	const brand = state.brand(article.brand);
	const topic = state.topics(article.brand).find((t) => t.slug === article.topicSlug);
	const url = `${brand?.url ?? ''}/kb/${article.topicSlug}/${article.slug}`;
	return {
		title: article.title,
		body: article.body,
		slug: article.slug,
		status: article.status,
		created_at: iso(article.createdAt),
		updated_at: iso(article.updatedAt),
		url,
		embedded_url: `${url}?embedded=true`,
		author: userView(state, { kind: 'staff', id: article.authorId }),
		topic: topic ? { name: topic.name, slug: topic.slug } : null,
	};
}

function topicFromPath(ctx: RouteContext): Topic {
	const topic = ctx.state.topics(ctx.brand.name).find((t) => t.slug === ctx.params.slug);
	if (!topic) throw notFound(`Topic not found: ${ctx.params.slug}`);
	return topic;
}

function articleFromPath(ctx: RouteContext): Article {
	const article = ctx.state.articles(ctx.brand.name).find((a) => a.slug === ctx.params.slug);
	if (!article) throw notFound(`Article not found: ${ctx.params.slug}`);
	return article;
}

function list(ctx: RouteContext, topicSlug?: string): unknown {
	const { state, query } = ctx;
	const q = query.get('q')?.trim().toLowerCase();
	const status = query.get('status');
	const items = state
		.articles(ctx.brand.name)
		.filter((a) => topicSlug === undefined || a.topicSlug === topicSlug)
		.filter((a) => status === undefined || String(a.status) === status)
		.filter((a) => !q || a.title.toLowerCase().includes(q) || a.body.toLowerCase().includes(q))
		.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
	return paginate(items, query, 'articles', (a) => articleView(state, a));
}

/** §2.9: created under a topic, `POST /topics/{slug}/articles` (the topic-scoped path MindCloud maps the docs to). */
function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const topic = topicFromPath(ctx);
	const src = wrapped(ctx.body, 'article');
	const v = new Validation();
	const title = v.requiredString(src, 'title') as string;
	const body = v.requiredString(src, 'body') as string;
	const status = v.integerIn(src, 'status', ARTICLE_STATUSES) ?? 0;
	v.done();
	const taken = new Set(state.articles(ctx.brand.name).map((a) => a.slug));
	const slug = uniqueSlug(title, 'article', (candidate) => taken.has(candidate));
	const now = state.tick();
	const article: Article = { id: state.nextId('article'), brand: ctx.brand.name, topicSlug: topic.slug, title, body, slug, status, authorId: ctx.actor.id, createdAt: now, updatedAt: now };
	state.db.articles.push(article);
	return articleView(state, article);
}

function update(ctx: RouteContext): unknown {
	const article = articleFromPath(ctx);
	const src = wrapped(ctx.body, 'article');
	const v = new Validation();
	const title = src.title === undefined ? undefined : v.requiredString(src, 'title');
	const body = src.body === undefined ? undefined : v.requiredString(src, 'body');
	const status = v.integerIn(src, 'status', ARTICLE_STATUSES);
	v.done();
	const before = JSON.stringify(article);
	if (title !== undefined) article.title = title;
	if (body !== undefined) article.body = body;
	if (status !== undefined) article.status = status;
	if (JSON.stringify(article) !== before) article.updatedAt = ctx.state.tick();
	return articleView(ctx.state, article);
}

export const articleRoutes = [
	route('GET', '/articles', (ctx) => list(ctx)),
	route('GET', '/articles/:slug', (ctx) => articleView(ctx.state, articleFromPath(ctx))),
	route('PUT', '/articles/:slug', update),
	route('GET', '/topics/:slug/articles', (ctx) => list(ctx, topicFromPath(ctx).slug)),
	route('POST', '/topics/:slug/articles', create),
];
