/** §2.12 satisfaction ratings: need the caller's role to have `access_reports`, else 403. */
import { forbidden, refuse } from '../errors.ts';
import { paginate, timeParam } from '../query.ts';
import { canAccessReports } from '../roles.ts';
import { route, type RouteContext } from '../router.ts';
import { iso } from '../time.ts';
import type { SatisfactionRating } from '../types.ts';

/** IDs are strings, as in the docs' example. */
function ratingView(rating: SatisfactionRating): Record<string, unknown> {
	return {
		id: rating.id,
		rating: rating.rating,
		comment: rating.comment,
		user_id: String(rating.contactId),
		assignee_id: rating.assigneeId === null ? null : String(rating.assigneeId),
		conversation_id: String(rating.conversationId),
		created_at: iso(rating.createdAt),
		updated_at: iso(rating.updatedAt),
	};
}

function list(ctx: RouteContext): unknown {
	const { query } = ctx;
	if (!canAccessReports(ctx.actor.role)) throw forbidden('Your role does not allow access to reports (access_reports)');
	const rating = query.get('rating');
	if (rating !== undefined && !/^[1-5]$/.test(rating)) throw refuse('rating must be an integer from 1 to 5');
	const assignee = query.get('assignee_id');
	const bounds = {
		createdAfter: timeParam(query, 'created_after'),
		createdBefore: timeParam(query, 'created_before'),
		updatedAfter: timeParam(query, 'updated_after'),
		updatedBefore: timeParam(query, 'updated_before'),
	};
	const items = ctx.state
		.ratings(ctx.brand.name)
		.filter(
			(r) =>
				(rating === undefined || r.rating === Number(rating)) &&
				(assignee === undefined || String(r.assigneeId) === assignee) &&
				(bounds.createdAfter === undefined || r.createdAt > bounds.createdAfter) &&
				(bounds.createdBefore === undefined || r.createdAt < bounds.createdBefore) &&
				(bounds.updatedAfter === undefined || r.updatedAt > bounds.updatedAfter) &&
				(bounds.updatedBefore === undefined || r.updatedAt < bounds.updatedBefore),
		)
		.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
	return paginate(items, query, 'satisfaction_ratings', ratingView);
}

export const satisfactionRoutes = [route('GET', '/satisfaction_ratings', list)];
