import { describe, expect, it } from 'vitest';

import { buildCreateMessageBody, type CreateMessageInput } from '../../../../../nodes/Reamaze/resources/message/create';
import { InputError } from '../../../../../nodes/shared/errors';

describe('buildCreateMessageBody', () => {
	it('builds the documented minimal body', () => {
		expect(buildCreateMessageBody({ body: 'foo', visibility: 1, additional: {} })).toEqual({
			message: { body: 'foo', visibility: 1 },
		});
	});

	it('maps every field; the messages endpoint gets the plural suppress_notifications only', () => {
		expect(
			buildCreateMessageBody({
				body: 'Refund sent',
				visibility: 0,
				additional: {
					senderEmail: { __rl: true, mode: 'email', value: 'agent@acme.test' },
					senderName: 'Ann Agent',
					originId: 'crm-991',
					recipients: ['cc@example.com'],
					attachmentUrls: 'https://example.com/receipt.pdf',
					suppressNotifications: true,
					suppressAutoresolve: true,
					suppressSurveys: 'always',
				},
			}),
		).toEqual({
			message: {
				body: 'Refund sent',
				visibility: 0,
				user: { email: 'agent@acme.test', name: 'Ann Agent' },
				origin_id: 'crm-991',
				recipients: ['cc@example.com'],
				suppress_notifications: true,
				suppress_autoresolve: true,
				suppress_surveys: true,
				attachment: 'https://example.com/receipt.pdf',
			},
		});
	});

	it('reads the Sender locator: a staff user from the list, or any email', () => {
		for (const senderEmail of [
			{ __rl: true, mode: 'list', value: 'sam@acme.test' },
			{ __rl: true, mode: 'email', value: ' sam@acme.test ' },
		]) {
			expect(buildCreateMessageBody({ body: 'x', visibility: 0, additional: { senderEmail } }).message).toEqual({
				body: 'x',
				visibility: 0,
				user: { email: 'sam@acme.test' },
			});
		}
		// The locator's empty default (the field added, nothing picked) sends no sender.
		expect(buildCreateMessageBody({ body: 'x', visibility: 0, additional: { senderEmail: { __rl: true, mode: 'list', value: '' } } }).message).toEqual({ body: 'x', visibility: 0 });
	});

	it.each([
		[{ body: 'x', visibility: 0, additional: { senderEmail: { __rl: true, mode: 'email', value: 'ann@' } } }, 'Sender'],
		[{ body: '', visibility: 0, additional: {} }, 'Message'],
		[{ body: 'x', visibility: 2, additional: {} }, 'Visibility'],
		[{ body: 'x', visibility: 0, additional: { senderName: 'Ann' } }, 'Sender'],
		[{ body: 'x', visibility: 0, additional: { senderEmail: 'sam@acme.test' } }, 'Sender'],
		[{ body: 'x', visibility: 0, additional: { originId: { id: 1 } } }, 'Origin ID'],
		[{ body: 'x', visibility: 0, additional: { suppressSurveys: 'beforeDate', suppressSurveysBefore: 'soon' } }, 'Suppress Surveys Before'],
	] as Array<[CreateMessageInput, string]>)('rejects bad input (%#: %s)', (input, field) => {
		let caught: unknown;
		try {
			buildCreateMessageBody(input);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InputError);
		expect((caught as InputError).field).toBe(field);
	});
});
