import { ApiError } from './errors.ts';
import type { SandboxState } from './state.ts';
import type { StaffUser } from './types.ts';

/**
 * §1: HTTP Basic with the login email as user name and that user's API token as password; the API acts as them.
 * §5 leaves open whether bad credentials give 401 or 403. The sandbox answers a missing (or non-Basic)
 * Authorization header with 401 plus a Basic challenge, and an unknown email or wrong token with 403, the
 * Ruby gem's mapping for a bad username/password.
 */
export function authenticate(state: SandboxState, header: string | undefined): StaffUser {
	const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match) {
		throw new ApiError(401, { error: 'HTTP Basic authentication required: login email and API token' }, { 'www-authenticate': 'Basic realm="Application"' });
	}
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const user = colon < 0 ? undefined : state.staffByEmail(decoded.slice(0, colon));
	if (!user || user.token === null || user.token !== decoded.slice(colon + 1)) {
		throw new ApiError(403, { error: 'Invalid login email or API token' });
	}
	return user;
}
