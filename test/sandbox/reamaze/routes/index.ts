import type { Route } from '../router.ts';
import { articleRoutes } from './articles.ts';
import { channelRoutes } from './channels.ts';
import { contactRoutes } from './contacts.ts';
import { conversationRoutes } from './conversations.ts';
import { identityRoutes } from './identities.ts';
import { messageRoutes } from './messages.ts';
import { noteRoutes } from './notes.ts';
import { reportRoutes } from './reports.ts';
import { responseTemplateRoutes } from './response-templates.ts';
import { satisfactionRoutes } from './satisfaction.ts';
import { staffRoutes } from './staff.ts';
import { statusPageRoutes } from './status-page.ts';

/** Every §2 endpoint, relative to `/api/v1`. */
export const apiRoutes: Route[] = [
	...conversationRoutes,
	...messageRoutes,
	...contactRoutes,
	...identityRoutes,
	...noteRoutes,
	...staffRoutes,
	...channelRoutes,
	...articleRoutes,
	...responseTemplateRoutes,
	...reportRoutes,
	...satisfactionRoutes,
	...statusPageRoutes,
];
