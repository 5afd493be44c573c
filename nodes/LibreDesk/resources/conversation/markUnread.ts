import { readStateOperation } from './markRead';

/** `PUT .../mark-unread` (§5.9): the last message counts as unread again for the API key's agent. */
export const markConversationUnread = readStateOperation(false);
