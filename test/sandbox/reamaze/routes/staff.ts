/** §2.7 staff (account-wide users), sorted by created_at. */
import { invalid } from '../errors.ts';
import { paginate } from '../query.ts';
import { ROLES } from '../roles.ts';
import { route, type RouteContext } from '../router.ts';
import { Validation, wrapped } from '../validate.ts';
import { staffView } from '../views.ts';

/**
 * §2.7: creating staff may raise the bill and sends no invite; a missing password is generated. The new user has
 * no API token (tokens are generated in the UI), so it cannot call the sandbox. [sandbox choice] new staff get
 * the Agent role.
 */
function create(ctx: RouteContext): unknown {
	const { state } = ctx;
	const src = wrapped(ctx.body, 'staff');
	const v = new Validation();
	const name = v.requiredString(src, 'name') as string;
	const email = v.email(src, 'email', 'email', true) as string;
	v.optionalString(src, 'password');
	v.done();
	if (state.staffByEmail(email)) throw invalid({ email: ['has already been taken'] });
	const user = { id: state.nextId('user'), name, email, createdAt: state.tick(), role: ROLES.agent, token: null };
	state.db.staff.push(user);
	return staffView(user);
}

export const staffRoutes = [
	route('GET', '/staff', (ctx) => paginate([...ctx.state.staff].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id), ctx.query, 'staff', staffView)),
	route('POST', '/staff', create),
];
