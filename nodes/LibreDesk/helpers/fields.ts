import type { INodeProperties } from 'n8n-workflow';

/** Binary property names of the input item whose files are uploaded and attached (§7). */
export const attachmentsField: INodeProperties = {
	displayName: 'Attachments (Binary Properties)',
	name: 'binaryProperties',
	type: 'string',
	default: '',
	placeholder: 'data, invoice',
	description:
		'Names of the input item\'s binary properties to attach, comma-separated (e.g. "data" from a Convert to File or Read/Write Files node). Each file is uploaded to LibreDesk first; size and type are checked against the server\'s upload settings before anything is created.',
};

export const mediaIdsField: INodeProperties = {
	displayName: 'Attachment Media IDs',
	name: 'mediaIds',
	type: 'string',
	default: '',
	placeholder: '12, 13',
	description:
		'IDs of files already uploaded to LibreDesk (the "ID" of its media upload), comma-separated. A file can be attached only once.',
};

export const downloadAttachmentsFields: INodeProperties[] = [
	{
		displayName: 'Download Attachments',
		name: 'downloadAttachments',
		type: 'boolean',
		default: false,
		description:
			'Whether to put each attachment of the message into the output item\'s binary data (one binary property per file)',
	},
	{
		displayName: 'Binary Property Prefix',
		name: 'binaryPrefix',
		type: 'string',
		default: 'attachment_',
		displayOptions: { show: { downloadAttachments: [true] } },
		description: 'Binary properties are named this prefix followed by a number, e.g. attachment_0 and attachment_1',
	},
];
