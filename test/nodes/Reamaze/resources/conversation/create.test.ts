import { describe, expect, it } from 'vitest';

import { buildCreateConversationBody, type CreateConversationInput } from '../../../../../nodes/Reamaze/resources/conversation/create';
import { InputError } from '../../../../../nodes/shared/errors';

const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });

const minimal: CreateConversationInput = {
	subject: 'Where is my order?',
	channel: locator('list', 'support'),
	body: 'It has been two weeks.',
	customerEmail: 'bob@example.com',
	customerName: '',
	additional: {},
};

function failure(input: CreateConversationInput): InputError {
	try {
		buildCreateConversationBody(input);
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('buildCreateConversationBody', () => {
	it('builds the minimal documented body and sends no empty field', () => {
		expect(buildCreateConversationBody(minimal)).toEqual({
			conversation: {
				subject: 'Where is my order?',
				category: 'support',
				message: { body: 'It has been two weeks.' },
				user: { email: 'bob@example.com' },
			},
		});
	});

	it('maps every field, sending both readings of suppress_notification(s)', () => {
		const body = buildCreateConversationBody({
			...minimal,
			customerName: 'Bob',
			additional: {
				tags: 'refund, priority',
				status: 5,
				holdUntil: '2026-12-01T09:00:00Z',
				assignee: locator('list', 'agent@acme.test'),
				customFields: { field: [{ key: 'order_id', value: '1234' }] },
				customFieldsJson: '{"plan":"pro","order_id":"overridden"}',
				customerData: { field: [{ key: 'tier', value: 'gold' }] },
				customerDataJson: '',
				recipients: 'ops@example.com, +12223334444',
				attachmentUrls: ['https://example.com/a.pdf', 'https://example.com/b.png'],
				suppressNotifications: true,
				suppressAutoresolve: true,
				suppressSurveys: 'beforeDate',
				suppressSurveysBefore: '2026-12-24T00:00:00',
			},
		});
		expect(body).toEqual({
			conversation: {
				subject: 'Where is my order?',
				category: 'support',
				tag_list: ['refund', 'priority'],
				status: 5,
				hold_until: '2026-12-01T09:00:00Z',
				data: { plan: 'pro', order_id: '1234' },
				assignee: 'agent@acme.test',
				message: {
					body: 'It has been two weeks.',
					recipients: ['ops@example.com', '+12223334444'],
					suppress_notification: true,
					suppress_notifications: true,
					suppress_autoresolve: true,
					suppress_surveys: '2026-12-24',
					attachments: ['https://example.com/a.pdf', 'https://example.com/b.png'],
				},
				user: { email: 'bob@example.com', name: 'Bob', data: { tier: 'gold' } },
			},
		});
	});

	it('sends one attachment URL as message.attachment', () => {
		const body = buildCreateConversationBody({ ...minimal, additional: { attachmentUrls: 'https://example.com/a.pdf' } });
		expect((body.conversation as { message: object }).message).toEqual({
			body: 'It has been two weeks.',
			attachment: 'https://example.com/a.pdf',
		});
	});

	it('sends suppress_surveys true for "always" and nothing for "no"', () => {
		const always = buildCreateConversationBody({ ...minimal, additional: { suppressSurveys: 'always' } });
		const no = buildCreateConversationBody({ ...minimal, additional: { suppressSurveys: 'no', suppressSurveysBefore: '2026-01-01' } });
		expect((always.conversation as { message: { suppress_surveys?: unknown } }).message.suppress_surveys).toBe(true);
		expect((no.conversation as { message: object }).message).not.toHaveProperty('suppress_surveys');
	});

	it('omits hold_until unless the status is On Hold', () => {
		const body = buildCreateConversationBody({ ...minimal, additional: { status: 1, holdUntil: '2026-12-01' } });
		expect(body.conversation).toMatchObject({ status: 1 });
		expect(body.conversation).not.toHaveProperty('hold_until');
	});

	it('accepts a status number from an expression, including unknown future values', () => {
		const body = buildCreateConversationBody({ ...minimal, additional: { status: '12' } });
		expect(body.conversation).toMatchObject({ status: 12 });
	});

	it.each([
		[{ ...minimal, subject: '' }, 'Subject', 'is required'],
		[{ ...minimal, channel: locator('slug', '  ') }, 'Channel', 'is required'],
		[{ ...minimal, channel: 'support' }, 'Channel', 'expected a choice with a mode (list, slug)'],
		[{ ...minimal, body: undefined }, 'Message', 'is required'],
		[{ ...minimal, customerEmail: 'bob' }, 'Customer Email', 'is not an email address'],
		[{ ...minimal, customerEmail: { email: 'x@y.z' } }, 'Customer Email', 'expected text'],
		[{ ...minimal, additional: { status: 5 } }, 'Hold Until', 'is required when the status is On Hold'],
		[{ ...minimal, additional: { status: 5, holdUntil: 'next tuesday' } }, 'Hold Until', 'is not a date'],
		[{ ...minimal, additional: { status: -1 } }, 'Status', 'expected a whole number'],
		[{ ...minimal, additional: { assignee: locator('email', 'nobody') } }, 'Assignee', 'is not an email address'],
		[{ ...minimal, additional: { assignee: 'agent@acme.test' } }, 'Assignee', 'expected a choice with a mode (list, email)'],
		[{ ...minimal, additional: { customFieldsJson: '{"a":' } }, 'Custom Fields (JSON)', 'is not valid JSON'],
		[{ ...minimal, additional: { customFieldsJson: '[1]' } }, 'Custom Fields (JSON)', 'must be a JSON object'],
		[{ ...minimal, additional: { customerDataJson: '{"a":{"b":1}}' } }, 'Customer Data (JSON)', 'one level deep'],
		[{ ...minimal, additional: { recipients: 'not a recipient' } }, 'Recipients', 'neither an email address nor a phone number'],
		[{ ...minimal, additional: { attachmentUrls: 'ftp://example.com/x' } }, 'Attachment URLs', 'http(s) URL'],
		[{ ...minimal, additional: { suppressSurveys: 'beforeDate', suppressSurveysBefore: '2026-02-30' } }, 'Suppress Surveys Before', 'not a calendar date'],
		[{ ...minimal, additional: { suppressSurveys: 'beforeDate' } }, 'Suppress Surveys Before', 'is required'],
		[{ ...minimal, additional: { suppressNotifications: 'yes' } }, 'Suppress Notifications', 'expected true or false'],
	] as Array<[CreateConversationInput, string, string]>)('rejects bad input before sending (%#: %s)', (input, field, problem) => {
		const error = failure(input);
		expect(error.field).toBe(field);
		expect(error.problem).toContain(problem);
	});
});
