/**
 * §6.3: replies and notes are rendered as Go templates before they are stored. The sandbox understands the
 * field references the sheet lists (`{{ .Contact.FirstName }}`, `.Recipient.*`, `.Author.*`,
 * `.Conversation.ReferenceNumber|Subject|Priority|UUID`, `.IsAIComposed`); anything else (pipelines, functions,
 * unknown fields, an unclosed `{{`) is what Go would fail on, and then the text is kept as is.
 */
export interface Person {
	firstName: string;
	lastName: string;
	email: string | null;
}

export interface TemplateData {
	contact: Person;
	author: Person;
	conversation: { referenceNumber: string; subject: string | null; priority: string | null; uuid: string };
}

function person(p: Person, field: string): string | undefined {
	switch (field) {
		case 'FirstName':
			return p.firstName;
		case 'LastName':
			return p.lastName;
		case 'FullName':
			return `${p.firstName} ${p.lastName}`.trim();
		case 'Email':
			return p.email ?? '';
		default:
			return undefined;
	}
}

function lookup(path: string, data: TemplateData): string | undefined {
	const [root, field, ...rest] = path.slice(1).split('.');
	if (rest.length > 0) return undefined;
	if (root === 'IsAIComposed' && field === undefined) return 'false';
	if (field === undefined) return undefined;
	if (root === 'Contact' || root === 'Recipient') return person(data.contact, field);
	if (root === 'Author') return person(data.author, field);
	if (root === 'Conversation') {
		const c = data.conversation;
		const values: Record<string, string> = { ReferenceNumber: c.referenceNumber, Subject: c.subject ?? '', Priority: c.priority ?? '', UUID: c.uuid };
		return values[field];
	}
	return undefined;
}

/** Go's html/template escapes inserted values. */
function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

export function renderTemplate(content: string, data: TemplateData): string {
	if (!content.includes('{{')) return content;
	let failed = false;
	const rendered = content.replace(/\{\{-?\s*([^{}]*?)\s*-?\}\}/g, (_whole, expression: string) => {
		const value = /^\.[A-Za-z.]+$/.test(expression) ? lookup(expression, data) : undefined;
		if (value === undefined) failed = true;
		return value === undefined ? '' : escapeHtml(value);
	});
	if (failed || rendered.includes('{{')) return content;
	return rendered;
}

/** The plain-text column (`text_content`): tags dropped, common entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
	return html
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
		.replace(/<[^>]*>/g, '')
		.replace(/&nbsp;/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;|&#34;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/[ \t]+/g, ' ')
		.replace(/\n\s*\n+/g, '\n')
		.trim();
}
