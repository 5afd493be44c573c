import type { IDataObject } from 'n8n-workflow';

import { boolean, type Raw } from '../../../shared/validate';

export interface InboxFilters {
	onlyEmail?: Raw;
	onlyEnabled?: Raw;
}

/**
 * GET /api/v1/inboxes lists every inbox that is not deleted, disabled ones included, email and live
 * chat alike (§9.1), and takes no filter: the node filters. New conversations need an enabled email
 * inbox (§5.1). Pure.
 */
export function inboxFilter(filters: InboxFilters): (inbox: IDataObject) => boolean {
	const onlyEmail = boolean(filters.onlyEmail, 'Only Email Inboxes');
	const onlyEnabled = boolean(filters.onlyEnabled, 'Only Enabled Inboxes');
	return (inbox) => (!onlyEmail || inbox.channel === 'email') && (!onlyEnabled || inbox.enabled === true);
}
