/**
 * §2.11 reports, computed from the store. [sandbox choice] they cover the request's brand, as every non-contact
 * resource is brand-scoped (§1); the "all brands by default" note comes from a single third-party source.
 */
import { refuse } from '../errors.ts';
import { type Query, timeParam } from '../query.ts';
import { route, type RouteContext } from '../router.ts';
import type { SandboxState } from '../state.ts';
import { STATUS } from '../thread.ts';
import { DAY, dayKey, HOUR, isDateOnly, startOfDay } from '../time.ts';

interface Range {
	start: number;
	/** Exclusive. */
	end: number;
	days: string[];
}

/**
 * §2.11: "The period defaults to the last 30 days; it can be no shorter than 1 day and no longer than 1 year."
 * A date-only `end_date` includes that day, so `start_date=end_date=2024-05-01` is exactly one day.
 */
function reportRange(query: Query): Range {
	const startParam = timeParam(query, 'start_date');
	const endParam = timeParam(query, 'end_date');
	const end = endParam === undefined ? Date.now() : isDateOnly(query.get('end_date') ?? '') ? endParam + DAY : endParam;
	const start = startParam ?? end - 30 * DAY;
	if (end - start < DAY) throw refuse('The date range must be at least 1 day');
	const yearLater = new Date(start);
	yearLater.setUTCFullYear(yearLater.getUTCFullYear() + 1);
	if (end > yearLater.getTime()) throw refuse('The date range can be no longer than 1 year');
	const days: string[] = [];
	for (let day = startOfDay(start); day < end; day += DAY) days.push(dayKey(day));
	return { start, end, days };
}

const within = (range: Range, ms: number): boolean => ms >= range.start && ms < range.end;
const round = (value: number): number => Math.round(value * 10) / 10;

function average(values: number[]): number | null {
	return values.length === 0 ? null : round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

function perDay(range: Range): Record<string, number> {
	return Object.fromEntries(range.days.map((day) => [day, 0]));
}

interface Response {
	staffId: number;
	channelSlug: string;
	at: number;
	seconds: number;
}

/** Each first unanswered customer message paired with the next regular staff reply. */
function responses(state: SandboxState, brand: string): Response[] {
	const out: Response[] = [];
	for (const conversation of state.conversations(brand)) {
		let waitingSince: number | undefined;
		for (const message of state.messagesOf(conversation)) {
			if (message.visibility !== 0) continue;
			if (message.sender.kind === 'contact') waitingSince ??= message.createdAt;
			else if (waitingSince !== undefined) {
				out.push({ staffId: message.sender.id, channelSlug: conversation.channelSlug, at: message.createdAt, seconds: (message.createdAt - waitingSince) / 1000 });
				waitingSince = undefined;
			}
		}
	}
	return out;
}

function volume(ctx: RouteContext, range: Range): Record<string, unknown> {
	const counts = perDay(range);
	for (const c of ctx.state.conversations(ctx.brand.name)) if (within(range, c.createdAt)) counts[dayKey(c.createdAt)]++;
	return { conversation_counts: counts };
}

function trend(all: Response[], now: number, days: number): Record<string, unknown> {
	const current = average(all.filter((r) => r.at >= now - days * DAY).map((r) => r.seconds));
	const previous = average(all.filter((r) => r.at >= now - 2 * days * DAY && r.at < now - days * DAY).map((r) => r.seconds));
	return { average: current ?? 0, change_rate: current === null || !previous ? null : round(((current - previous) / previous) * 100) };
}

function responseTime(ctx: RouteContext, range: Range): Record<string, unknown> {
	const all = responses(ctx.state, ctx.brand.name);
	const inRange = all.filter((r) => within(range, r.at));
	const times = perDay(range);
	for (const day of range.days) times[day] = average(inRange.filter((r) => dayKey(r.at) === day).map((r) => r.seconds)) ?? 0;
	const now = Date.now();
	const today = new Date(startOfDay(now));
	const monthStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1);
	const weekStart = today.getTime() - ((today.getUTCDay() + 6) % 7) * DAY;
	const share = (limit: number) => (inRange.length === 0 ? 0 : round(inRange.filter((r) => r.seconds < limit).length / inRange.length));
	return {
		response_times: times,
		summary: {
			averages: {
				in_range: average(inRange.map((r) => r.seconds)) ?? 0,
				this_month: average(all.filter((r) => r.at >= monthStart).map((r) => r.seconds)) ?? 0,
				this_week: average(all.filter((r) => r.at >= weekStart).map((r) => r.seconds)) ?? 0,
			},
			trends: { last_30_days: trend(all, now, 30), last_7_days: trend(all, now, 7) },
			ratio: { under_1_hour: share(HOUR / 1000), under_1_day: share(DAY / 1000), under_1_week: share((7 * DAY) / 1000) },
		},
	};
}

/** [sandbox choice] an "appreciation" is a 5-star rating; the API does not define the term. */
const APPRECIATION = 5;

function staffReport(ctx: RouteContext, range: Range): Record<string, unknown> {
	const { state } = ctx;
	const conversations = state.conversations(ctx.brand.name);
	const ratings = state.ratings(ctx.brand.name).filter((r) => within(range, r.createdAt));
	const pairs = responses(state, ctx.brand.name).filter((r) => within(range, r.at));
	const replies = state.messages(ctx.brand.name).filter((m) => m.visibility === 0 && m.sender.kind === 'staff' && within(range, m.createdAt));
	const report: Record<string, unknown> = {};
	for (const staff of state.staff) {
		const mine = replies.filter((m) => m.sender.id === staff.id);
		const assigned = conversations.filter((c) => c.assigneeId === staff.id && within(range, c.updatedAt));
		const rated = ratings.filter((r) => r.assigneeId === staff.id);
		const trendByDay = perDay(range);
		for (const m of mine) trendByDay[dayKey(m.createdAt)]++;
		report[staff.name] = {
			response_count: mine.length,
			archived_count: assigned.filter((c) => c.status === STATUS.archived).length,
			resolved_count: assigned.filter((c) => c.status === STATUS.done).length,
			satisfaction_average: average(rated.map((r) => r.rating)),
			appreciations_count: rated.filter((r) => r.rating === APPRECIATION).length,
			responses_trend: trendByDay,
			response_time_seconds: average(pairs.filter((r) => r.staffId === staff.id).map((r) => r.seconds)) ?? 0,
		};
	}
	return { report };
}

function tags(ctx: RouteContext, range: Range): Record<string, unknown> {
	const counts = new Map<string, number>();
	for (const c of ctx.state.conversations(ctx.brand.name)) {
		if (within(range, c.createdAt)) for (const tag of c.tagList) counts.set(tag, (counts.get(tag) ?? 0) + 1);
	}
	return { tags: Object.fromEntries([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) };
}

/** §3.3 channel types, for `channel_type_name`. */
const CHANNEL_TYPE_NAMES: Record<number, string> = {
	1: 'Email',
	2: 'Twitter',
	3: 'Facebook',
	6: 'Chat',
	8: 'Instagram',
	9: 'SMS',
	10: 'Voice',
	12: 'Facebook Messenger',
	13: 'Facebook Lead',
	14: 'Instagram Ad',
	15: 'WhatsApp',
	16: 'Instagram DM',
};

const ACTIVE = [STATUS.open, STATUS.responded, STATUS.onHold, 7];
const RESOLVED = [STATUS.done, 6, 8];

function channelSummary(ctx: RouteContext, range: Range): Record<string, unknown> {
	const { state, brand } = ctx;
	const pairs = responses(state, brand.name).filter((r) => within(range, r.at));
	const ratings = state.ratings(brand.name).filter((r) => within(range, r.createdAt));
	const channels: Record<string, unknown> = {};
	for (const channel of state.channels(brand.name)) {
		const conversations = state.conversations(brand.name).filter((c) => c.channelSlug === channel.slug);
		const created = conversations.filter((c) => within(range, c.createdAt));
		const messages = conversations.flatMap((c) => state.messagesOf(c)).filter((m) => m.visibility === 0 && within(range, m.createdAt));
		const ids = new Set(conversations.map((c) => c.id));
		const rated = ratings.filter((r) => ids.has(r.conversationId));
		channels[String(channel.id)] = {
			category: { id: channel.id, name: channel.name, channel_type: channel.channel, channel_type_name: CHANNEL_TYPE_NAMES[channel.channel] ?? 'Unknown' },
			brand: { id: brand.id, name: brand.displayName, url: brand.url },
			staff_responses: messages.filter((m) => m.sender.kind === 'staff').length,
			customer_responses: messages.filter((m) => m.sender.kind === 'contact').length,
			average_response_time_seconds: average(pairs.filter((r) => r.channelSlug === channel.slug).map((r) => r.seconds)),
			appreciations: rated.filter((r) => r.rating === APPRECIATION).length,
			active_conversations: created.filter((c) => ACTIVE.includes(c.status)).length,
			resolved_conversations: created.filter((c) => RESOLVED.includes(c.status)).length,
			archived_conversations: created.filter((c) => c.status === STATUS.archived).length,
			average_satisfaction_rating: average(rated.map((r) => r.rating)) ?? 0,
			average_thread_size: average(created.map((c) => state.messagesOf(c).length)) ?? 0,
		};
	}
	return { channels };
}

function report(build: (ctx: RouteContext, range: Range) => Record<string, unknown>) {
	return (ctx: RouteContext) => {
		const range = reportRange(ctx.query);
		return { ...build(ctx, range), start_date: range.days[0], end_date: range.days[range.days.length - 1] };
	};
}

export const reportRoutes = [
	route('GET', '/reports/volume', report(volume)),
	route('GET', '/reports/response_time', report(responseTime)),
	route('GET', '/reports/staff', report(staffReport)),
	route('GET', '/reports/tags', report(tags)),
	route('GET', '/reports/channel_summary', report(channelSummary)),
];
