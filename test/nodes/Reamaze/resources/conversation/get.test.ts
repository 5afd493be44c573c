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

	it('still runs what older versions saved: Look Up By slug/ref with a plain value, or no Look Up By at all', () => {
		expect(buildGetConversationRequest({ lookupBy: 'slug', conversation: 'knock-knock' }).path).toEqual(['conversations', 'knock-knock']);
		expect(buildGetConversationRequest({ lookupBy: '', conversation: 'knock-knock' }).qs).toEqual({});
		expect(buildGetConversationRequest({ lookupBy: 'ref', conversation: '4821' })).toMatchObject({ path: ['conversations', '4821'], qs: { id_type: 'ref' } });
	});

	it('looks up by origin ID in a channel, with an optional channel type', () => {
		expect(buildGetConversationRequest({ lookupBy: 'origin', originId: '<a@b>', originChannelSlug: 'support', originChannelType: '' })).toMatchObject({
			path: ['conversations', '<a@b>'],
			qs: { id_type: 'origin', category: 'support' },
		});
		expect(buildGetConversationRequest({ lookupBy: 'origin', originId: 'x1', originChannelSlug: 'chat', originChannelType: 6 })).toMatchObject({
			path: ['conversations', 'x1'],
			qs: { id_type: 'origin', category: 'chat', channel: 6 },
		});
	});

	it.each([
		[{ lookupBy: 'origin', originId: 'x1', originChannelSlug: '' }, 'Channel'],
		[{ lookupBy: 'origin', originId: '', originChannelSlug: 'support' }, 'Origin ID'],
		[{ lookupBy: 'conversation', conversation: locator('slug', '') }, 'Conversation Slug'],
		[{ lookupBy: 'conversation', conversation: locator('slug', '..') }, 'Conversation Slug'],
		[{ lookupBy: 'conversation', conversation: locator('ref', 'a\u0000b') }, 'Reference ID'],
		[{ lookupBy: 'conversation', conversation: locator('url', 'https://evil.com/admin/conversations/x'), brand: 'acme' }, 'Conversation URL'],
		[{ lookupBy: 'conversation', conversation: locator('list', '') }, 'Conversation'],
		[{ lookupBy: 'email', conversation: 'x' }, 'Look Up By'],
	])('rejects %j', (input, field) => {
		expect(() => buildGetConversationRequest(input)).toThrow(InputError);
		try {
			buildGetConversationRequest(input);
		} catch (error) {
			expect((error as InputError).field).toBe(field);
		}
	});
});
