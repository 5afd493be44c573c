import { describe, expect, it } from 'vitest';

import { buildGetConversationRequest } from '../../../../../nodes/Reamaze/resources/conversation/get';
import { InputError } from '../../../../../nodes/Reamaze/shared/errors';

describe('buildGetConversationRequest', () => {
	it('looks up by slug with no query', () => {
		expect(buildGetConversationRequest({ lookupBy: 'slug', id: 'knock-knock' })).toEqual({
			path: ['conversations', 'knock-knock'],
			qs: {},
		});
	});

	it('looks up by reference ID', () => {
		expect(buildGetConversationRequest({ lookupBy: 'ref', id: '4821' })).toEqual({
			path: ['conversations', '4821'],
			qs: { id_type: 'ref' },
		});
	});

	it('looks up by origin ID in a channel, with an optional channel type', () => {
		expect(buildGetConversationRequest({ lookupBy: 'origin', id: '<a@b>', originChannelSlug: 'support', originChannelType: '' })).toEqual({
			path: ['conversations', '<a@b>'],
			qs: { id_type: 'origin', category: 'support' },
		});
		expect(buildGetConversationRequest({ lookupBy: 'origin', id: 'x1', originChannelSlug: 'chat', originChannelType: 6 })).toEqual({
			path: ['conversations', 'x1'],
			qs: { id_type: 'origin', category: 'chat', channel: 6 },
		});
	});

	it.each([
		[{ lookupBy: 'origin', id: 'x1', originChannelSlug: '' }, 'Channel'],
		[{ lookupBy: 'slug', id: '' }, 'Conversation Slug'],
		[{ lookupBy: 'slug', id: '..' }, 'Conversation Slug'],
		[{ lookupBy: 'ref', id: 'a\u0000b' }, 'Reference ID'],
		[{ lookupBy: 'email', id: 'x' }, 'Look Up By'],
	])('rejects %j', (input, field) => {
		expect(() => buildGetConversationRequest(input)).toThrow(InputError);
		try {
			buildGetConversationRequest(input);
		} catch (error) {
			expect((error as InputError).field).toBe(field);
		}
	});
});
