import { describe, expect, it } from 'vitest';

import { buildGetConversationRequest } from '../../../../../nodes/Reamaze/resources/conversation/get';
import { InputError } from '../../../../../nodes/shared/errors';

const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });

describe('buildGetConversationRequest', () => {
	it('looks up a conversation picked from the list, by slug or by URL with no query', () => {
		for (const conversation of [
			locator('list', 'knock-knock'),
			locator('slug', 'knock-knock'),
			locator('url', 'https://acme.reamaze.io/admin/conversations/knock-knock'),
		]) {
			expect(buildGetConversationRequest({ lookupBy: 'conversation', conversation, brand: 'acme' })).toEqual({
				path: ['conversations', 'knock-knock'],
				qs: {},
				notFound: 'no conversation with slug "knock-knock"',
			});
		}
	});

	it('looks up by reference ID with id_type=ref (§2.2)', () => {
		expect(buildGetConversationRequest({ lookupBy: 'conversation', conversation: locator('ref', '4821') })).toEqual({
			path: ['conversations', '4821'],
			qs: { id_type: 'ref' },
			notFound: 'no conversation with reference ID "4821"',
		});
	});

	it('looks up by origin ID in a channel, with an optional channel type', () => {
		expect(buildGetConversationRequest({ lookupBy: 'origin', originId: '<a@b>', originChannel: locator('list', 'support'), originChannelType: '' })).toMatchObject({
			path: ['conversations', '<a@b>'],
			qs: { id_type: 'origin', category: 'support' },
		});
		expect(buildGetConversationRequest({ lookupBy: 'origin', originId: 'x1', originChannel: locator('slug', ' chat '), originChannelType: 6 })).toMatchObject({
			path: ['conversations', 'x1'],
			qs: { id_type: 'origin', category: 'chat', channel: 6 },
		});
	});

	it.each([
		[{ lookupBy: 'origin', originId: 'x1', originChannel: locator('list', '') }, 'Channel'],
		[{ lookupBy: 'origin', originId: 'x1', originChannel: 'support' }, 'Channel'],
		[{ lookupBy: 'origin', originId: '', originChannel: locator('list', 'support') }, 'Origin ID'],
		[{ lookupBy: 'conversation', conversation: locator('slug', '') }, 'Conversation Slug'],
		[{ lookupBy: 'conversation', conversation: locator('slug', '..') }, 'Conversation Slug'],
		[{ lookupBy: 'conversation', conversation: locator('ref', 'a\u0000b') }, 'Reference ID'],
		[{ lookupBy: 'conversation', conversation: locator('url', 'https://evil.com/admin/conversations/x'), brand: 'acme' }, 'Conversation URL'],
		[{ lookupBy: 'conversation', conversation: locator('list', '') }, 'Conversation'],
		[{ lookupBy: 'conversation', conversation: 'knock-knock' }, 'Conversation'],
		// Look Up By has two choices; "slug" and "ref" are modes of the Conversation locator.
		[{ lookupBy: 'slug', conversation: locator('slug', 'x') }, 'Look Up By'],
		[{ lookupBy: 'ref', conversation: locator('ref', '1') }, 'Look Up By'],
		[{ lookupBy: 'email', conversation: locator('slug', 'x') }, 'Look Up By'],
	])('rejects %j', (input, field) => {
		expect(() => buildGetConversationRequest(input)).toThrow(InputError);
		try {
			buildGetConversationRequest(input);
		} catch (error) {
			expect((error as InputError).field).toBe(field);
		}
	});
});
