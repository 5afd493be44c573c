import { describe, expect, it } from 'vitest';

import { conversationMode, conversationReadRequest, conversationSlugFromUrl, readConversationLocator } from '../../../../nodes/Reamaze/helpers/conversationLocator';
import { channelLocatorValue, emailLocatorValue, locatorParts, optionalLocatorValue } from '../../../../nodes/Reamaze/helpers/locator';
import { conversationLocatorField } from '../../../../nodes/Reamaze/helpers/pickers';
import { InputError } from '../../../../nodes/shared/errors';

function problem(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return error as InputError;
	}
	throw new Error('expected an InputError');
}

/** The By URL mode's editor check, applied as n8n applies it (anchored). */
const editorCheck = (() => {
	const mode = conversationLocatorField.modes?.find((entry) => entry.name === 'url');
	const { regex } = (mode?.validation?.[0] as unknown as { properties: { regex: string } }).properties;
	return new RegExp(`^${regex}$`);
})();

const VALID = [
	['https://acme.reamaze.io/admin/conversations/where-is-my-order', 'where-is-my-order'],
	['https://acme.reamaze.io/admin/conversations/where-is-my-order/', 'where-is-my-order'],
	['https://acme.reamaze.io/admin/conversations/where-is-my-order?page=2#message-5', 'where-is-my-order'],
	['  https://acme.reamaze.io/admin/conversations/order-1234-never-arrived-2\n', 'order-1234-never-arrived-2'],
	['https://ACME.Reamaze.IO/admin/conversations/Where_Is-My-Order', 'Where_Is-My-Order'],
	['HTTPS://acme.reamaze.io/conversations/knock-knock', 'knock-knock'],
	// §1: older clients use the .com host.
	['https://acme.reamaze.com/admin/conversations/knock-knock', 'knock-knock'],
	// A database ID is also accepted in the slug position (§2.2 falls back to it).
	['https://acme.reamaze.io/admin/conversations/73400001', '73400001'],
];

describe('conversationSlugFromUrl: addresses of the credential brand', () => {
	it('the editor\'s early check lets every valid address through, and flags plain mistakes', () => {
		for (const [url] of VALID) expect(editorCheck.test(url), url).toBe(true);
		for (const url of ['where-is-my-order', 'http://acme.reamaze.io/admin/conversations/x', 'https://acme.reamaze.io/admin/conversations/', 'https://acme.reamaze.io/admin/staff']) {
			expect(editorCheck.test(url), url).toBe(false);
		}
	});

	it.each(VALID)('%s → %s', (url, slug) => {
		expect(conversationSlugFromUrl(url, 'acme')).toBe(slug);
	});
});

describe('conversationSlugFromUrl: hostile and wrong addresses are refused', () => {
	it.each([
		// Other hosts and look-alike hosts.
		['https://evil.com/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://acme.reamaze.io.evil.com/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://acme.reamaze.io./admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://acme-eu.reamaze.io/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://xacme.reamaze.io/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://reamaze.io/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://help.acme.com/conversations/x', 'must be on acme.reamaze.io'],
		['https://evil.com/acme.reamaze.io/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://evil.com?.acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['https://evil.com#.acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['https://acme.reamaze.io:8443/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://127.0.0.1/admin/conversations/x', 'must be on acme.reamaze.io'],
		// User-info tricks, either way round.
		['https://acme.reamaze.io@evil.com/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://evil.com@acme.reamaze.io/admin/conversations/x', 'must be on acme.reamaze.io'],
		['https://user:pass@acme.reamaze.io/admin/conversations/x', 'must be on acme.reamaze.io'],
		// Backslashes, which URL parsers read as slashes.
		['https://acme.reamaze.io\\@evil.com/admin/conversations/x', 'is not an https:// address'],
		['https://acme.reamaze.io/admin\\conversations\\x', 'is not an https:// address'],
		// Schemes.
		['http://acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['javascript:alert(1)//acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['JavaScript://acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['data:text/html,https://acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['//acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		['ftp://acme.reamaze.io/admin/conversations/x', 'is not an https:// address'],
		// Dot segments and encoded separators.
		['https://acme.reamaze.io/admin/conversations/../../api/v1/staff', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/x/../y', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/x/../conversations/y', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/..', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/%2e%2e', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/a%2Fb', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/a%5Cb', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/a%00', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/x;jsessionid=1', 'must end in /conversations/'],
		['https://acme.reamaze.io//conversations/x', 'must end in /conversations/'],
		// Not a conversation page.
		['https://acme.reamaze.io/admin/conversations/', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversation/x', 'must end in /conversations/'],
		['https://acme.reamaze.io/admin/conversations/x/messages', 'must end in /conversations/'],
		['https://acme.reamaze.io', 'is not an https:// address'],
		// Look-alike and invisible characters.
		['https://\u0430cme.reamaze.io/admin/conversations/x', 'plain address'],
		['https://\uff41\uff43\uff4d\uff45.reamaze.io/admin/conversations/x', 'plain address'],
		['https://acme.reamaze\u3002io/admin/conversations/x', 'plain address'],
		['https://acme.reamaze.io/admin/conversations/wh\u0435re', 'plain address'],
		['https://acme.reamaze.io/admin/conversations/x\u200b', 'plain address'],
		['https://acme.reamaze.io/admin/conversations/a b', 'plain address'],
		['https://acme.reamaze.io/admin/conversations/a\tb', 'plain address'],
	])('%s', (url, message) => {
		const error = problem(() => conversationSlugFromUrl(url, 'acme'));
		expect(error.field).toBe('Conversation URL');
		expect(error.problem).toContain(message);
	});

	it('refuses non-text values and an empty address', () => {
		expect(problem(() => conversationSlugFromUrl({ href: 'https://acme.reamaze.io/admin/conversations/x' }, 'acme')).problem).toContain('expected text');
		expect(problem(() => conversationSlugFromUrl('  ', 'acme')).problem).toBe('is required');
	});

	it('cannot check an address without a valid brand in the credential', () => {
		for (const brand of [undefined, '', 'evil.com#', 'ACME', 'a/b']) {
			expect(problem(() => conversationSlugFromUrl('https://acme.reamaze.io/admin/conversations/x', brand)).problem).toContain('Brand of the Re:amaze credential');
		}
	});
});

describe('readConversationLocator', () => {
	it('reads every mode of the locator', () => {
		expect(readConversationLocator({ __rl: true, mode: 'list', value: 'knock-knock' }, 'acme')).toEqual({ slug: 'knock-knock' });
		expect(readConversationLocator({ __rl: true, mode: 'slug', value: ' knock-knock ' }, 'acme')).toEqual({ slug: 'knock-knock' });
		expect(readConversationLocator({ __rl: true, mode: 'url', value: 'https://acme.reamaze.io/admin/conversations/knock-knock' }, 'acme')).toEqual({ slug: 'knock-knock' });
		expect(readConversationLocator({ __rl: true, mode: 'ref', value: 100234 }, 'acme')).toEqual({ ref: '100234' });
	});

	it.each([
		[{ __rl: true, mode: 'list', value: '' }, 'Conversation', 'is required'],
		[{ __rl: true, mode: 'slug', value: '..' }, 'Conversation Slug', 'is not a valid identifier'],
		[{ __rl: true, mode: 'slug', value: 'https://acme.reamaze.io/admin/conversations/x' }, 'Conversation Slug', 'is a URL'],
		[{ __rl: true, mode: 'ref', value: 'a\u0000b' }, 'Reference ID', 'is not a valid identifier'],
		[{ __rl: true, mode: 'url', value: 'https://evil.com/admin/conversations/x' }, 'Conversation URL', 'must be on'],
		[{ __rl: true, mode: 'id', value: 'x' }, 'Conversation', 'unknown mode'],
		[{ __rl: true, value: 'x' }, 'Conversation', 'unknown mode'],
		['knock-knock', 'Conversation', 'expected a choice with a mode (list, slug, url, ref)'],
		['', 'Conversation', 'expected a choice with a mode'],
		[{ a: 1 }, 'Conversation', 'expected a choice with a mode'],
		[{ __rl: true, mode: 'slug', value: { a: 1 } }, 'Conversation Slug', 'expected text'],
	])('refuses %j', (raw, field, message) => {
		const error = problem(() => readConversationLocator(raw, 'acme'));
		expect(error.field).toBe(field);
		expect(error.problem).toContain(message);
	});

	it('builds the documented read request for a slug and for a reference ID (§2.2)', () => {
		expect(conversationReadRequest({ slug: 'knock-knock' })).toEqual({ path: ['conversations', 'knock-knock'], qs: {} });
		expect(conversationReadRequest({ ref: '4821' })).toEqual({ path: ['conversations', '4821'], qs: { id_type: 'ref' } });
	});

	it('conversationMode names the mode of a locator value, and nothing for anything else', () => {
		expect(conversationMode({ __rl: true, mode: 'url', value: 'u' })).toBe('url');
		expect(conversationMode('plain')).toBeUndefined();
		expect(conversationMode(null)).toBeUndefined();
	});
});

describe('locator values (helpers/locator.ts)', () => {
	it('locatorParts returns mode and value of a locator value in one of the given modes', () => {
		expect(locatorParts({ __rl: true, mode: 'url', value: 'u' }, 'F', ['url'])).toEqual({ mode: 'url', value: 'u' });
		expect(problem(() => locatorParts({ __rl: true, mode: 'id', value: 'u' }, 'F', ['url'])).problem).toBe('unknown mode "id" (use url)');
		const plain = problem(() => locatorParts('plain', 'F', ['list', 'slug']));
		expect(plain.field).toBe('F');
		expect(plain.problem).toBe('expected a choice with a mode (list, slug) and a value, got "plain"');
	});

	it('an optional locator left unset or empty has no value', () => {
		for (const raw of [undefined, null, '', '  ']) expect(optionalLocatorValue(raw, 'F', ['list'])).toBeUndefined();
		expect(optionalLocatorValue({ __rl: true, mode: 'list', value: '' }, 'F', ['list'])).toBe('');
	});

	it('Channel holds a slug (From List, By Slug); Assignee and Sender hold an email (From List, By Email)', () => {
		expect(channelLocatorValue({ __rl: true, mode: 'slug', value: 'support' }, 'Channel')).toBe('support');
		expect(channelLocatorValue({ __rl: true, mode: 'list', value: 'sales' }, 'Channel')).toBe('sales');
		expect(problem(() => channelLocatorValue({ __rl: true, mode: 'email', value: 'x' }, 'Channel')).field).toBe('Channel');
		expect(problem(() => channelLocatorValue('support', 'Channel')).problem).toContain('expected a choice with a mode');
		expect(emailLocatorValue({ __rl: true, mode: 'email', value: 'a@b.test' }, 'Assignee')).toBe('a@b.test');
		expect(problem(() => emailLocatorValue({ __rl: true, mode: 'slug', value: 'a@b.test' }, 'Assignee')).problem).toBe('unknown mode "slug" (use list, email)');
	});
});
