/** Every route the sandbox serves (§4.1), and the router for one emulated release (§13). */
import { Router } from '../../common/router.ts';
import type { RouteDef } from '../context.ts';
import { supports } from '../versions.ts';
import { contactRoutes } from './contacts.ts';
import { conversationListRoutes } from './conversation-lists.ts';
import { conversationUpdateRoutes } from './conversation-updates.ts';
import { conversationRoutes } from './conversations.ts';
import { lookupRoutes } from './lookups.ts';
import { macroRoutes } from './macros.ts';
import { mediaRoutes } from './media.ts';
import { messageRoutes } from './messages.ts';
import { searchRoutes } from './search.ts';
import { webhookRoutes } from './webhooks.ts';

export const ALL_ROUTES: RouteDef[] = [
	...conversationListRoutes,
	...searchRoutes,
	...conversationRoutes,
	...conversationUpdateRoutes,
	...messageRoutes,
	...macroRoutes,
	...mediaRoutes,
	...contactRoutes,
	...lookupRoutes,
	...webhookRoutes,
];

/** Routes added after `version` are absent, so they answer like any unknown path (404, or 405 when the path exists with another method). */
export function routerFor(version: string): Router<RouteDef> {
	const router = new Router<RouteDef>();
	for (const def of ALL_ROUTES) if (!def.feature || supports(version, def.feature)) router.add(def.method, def.path, def);
	return router;
}
