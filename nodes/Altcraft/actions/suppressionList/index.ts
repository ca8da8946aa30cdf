import type { INodeProperties } from 'n8n-workflow';

import { objectListFilters, returnAllFields, stringField, suppressionListField } from '../common/fields';
import { inputError, requireEmail, requireString, toLineList } from '../common/values';
import { apiPath } from '../../transport';
import type { Endpoint, EndpointVariants, Field, ItemContext, Operation, ResourceDefinition } from '../types';
import { fromIdPaging } from '../common/paging';

// Suppression (stop) lists: 31-suppression-lists.md; the API prefix is suppresses/. Every call names the list with
// `id`. The entry calls exist once per entry type with different body keys: email/emails, domain/domains, and
// value/values for phones. Here the entry type is a field of five operations (Check, Add, Add Many, Remove,
// Remove All) that picks the endpoint, instead of fifteen operations.

const resource = 'suppressionList';

type EntryType = 'email' | 'domain' | 'phone';

const ENTRY_TYPES: EntryType[] = ['email', 'domain', 'phone'];

const entryType: Field = {
	property: {
		displayName: 'Entry Type',
		name: 'entryType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Domain', value: 'domain', description: 'A whole e-mail domain, e.g. example.com' },
			{ name: 'Email', value: 'email', description: 'One e-mail address' },
			{ name: 'Phone', value: 'phone', description: 'A phone number' },
		],
		default: 'email',
	},
};

/** The endpoints of one entry operation, per entry type: method names and endpoints.json ids. */
function variants(method: (type: EntryType) => string, reference: (type: EntryType) => string, unconfirmed = false): EndpointVariants {
	const endpoints: Record<string, Endpoint> = {};
	for (const type of ENTRY_TYPES) {
		endpoints[type] = { path: apiPath(`suppresses/${method(type)}`), reference: `suppressionList.${reference(type)}`, ...(unconfirmed ? { unconfirmed } : {}) };
	}
	return { param: 'entryType', endpoints };
}

const PLURAL: Record<EntryType, string> = { email: 'emails', domain: 'domains', phone: 'phones' };
const MD5 = /^[0-9a-f]{32}$/i;

/** One entry: email → email, domain → domain, phone → value. Removals also take the MD5 hash of an e-mail or domain. */
function entryFields({ hashAllowed }: { hashAllowed: boolean }): Field[] {
	const hashNote = hashAllowed ? ' or its MD5 hash' : '';
	const single = (type: EntryType, key: string, property: Omit<INodeProperties, 'type' | 'default' | 'name'>): Field => ({
		property: { ...property, name: type, type: 'string', default: '', required: true, displayOptions: { show: { entryType: [type] } } },
		apply: (body, value, ctx) => {
			const text = requireString(ctx, property.displayName, value);
			body[key] = type === 'email' && !(hashAllowed && MD5.test(text)) ? requireEmail(ctx, property.displayName, text) : text;
		},
	});
	return [
		single('email', 'email', { displayName: 'Email', placeholder: 'e.g. name@example.com', description: `The e-mail address${hashNote}` }),
		single('domain', 'domain', { displayName: 'Domain', placeholder: 'e.g. example.com', description: `The e-mail domain${hashNote}` }),
		single('phone', 'value', { displayName: 'Phone', placeholder: 'e.g. +79000000000', description: 'The phone number' }),
	];
}

/** Many entries: emails → emails, domains → domains, phones → values. */
function entryListFields(): Field[] {
	const list = (type: EntryType, key: string, displayName: string, placeholder: string): Field => ({
		property: {
			displayName,
			name: PLURAL[type],
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder,
			description: 'One per line or comma-separated; an array from an expression also works',
			displayOptions: { show: { entryType: [type] } },
		},
		apply: (body, value, ctx: ItemContext) => {
			const entries = toLineList(value);
			if (entries.length === 0) throw inputError(ctx, displayName, 'add at least one entry');
			body[key] = type === 'email' ? entries.map((entry) => requireEmail(ctx, displayName, entry)) : entries;
		},
	});
	return [
		list('email', 'emails', 'Emails', 'e.g. a@example.com, b@example.com'),
		list('domain', 'domains', 'Domains', 'e.g. example.com, example.org'),
		list('phone', 'values', 'Phones', 'e.g. +79009009001, +79009009002'),
	];
}

const theList = (): Field => suppressionListField('id');

const listName = (description: string): Field =>
	stringField('name', { displayName: 'Name', name: 'name', required: true, placeholder: 'e.g. Complainers 2025', description });

const withVariants = (v: EndpointVariants) => ({ variants: v, path: v.endpoints.email.path, reference: v.endpoints.email.reference });

const operations: Operation[] = [
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a suppression list',
		description: 'Create an empty suppression list; answers its ID as saved_id (suppresses/add)',
		path: apiPath('suppresses/add'),
		reference: 'suppressionList.add',
		modifying: true,
		response: 'data',
		fields: [listName('Name of the new list')],
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a suppression list',
		description: 'Rename a suppression list (suppresses/update)',
		// The page could not be read: path and parameters (id, name) are the reference's guess.
		path: apiPath('suppresses/update'),
		reference: 'suppressionList.update',
		unconfirmed: true,
		modifying: true,
		response: 'success',
		fields: [theList(), listName('The new name of the list')],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a suppression list',
		description: 'Read the name and description of a suppression list, and whether it is the global one (suppresses/get)',
		path: apiPath('suppresses/get'),
		reference: 'suppressionList.get',
		modifying: false,
		response: 'data',
		fields: [theList()],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many suppression lists',
		description: 'List the suppression lists of the account, optionally by tags or access groups (suppresses/list)',
		path: apiPath('suppresses/list'),
		reference: 'suppressionList.list',
		modifying: false,
		response: 'list',
		// Paging fields are not shown on the page; from_id/limit are documented, next_from_id by analogy.
		paging: fromIdPaging(1000),
		fields: [...returnAllFields(), objectListFilters(['uiTags', 'groups', 'groupsId'])],
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete a suppression list',
		description:
			'Permanently delete a suppression list with all its entries; the contacts in it are no longer blocked by it (suppresses/delete)',
		// The page could not be read: path and `id` are the reference's guess.
		path: apiPath('suppresses/delete'),
		reference: 'suppressionList.delete',
		unconfirmed: true,
		modifying: true,
		response: 'deleted',
		fields: [theList()],
	},
	{
		resource,
		value: 'export',
		name: 'Export',
		action: 'Export a suppression list',
		description: 'Export the MD5 hashes of the entries of a suppression list to a CSV file, as a task (suppresses/export)',
		path: apiPath('suppresses/export'),
		reference: 'suppressionList.export',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: [
			theList(),
			{
				property: {
					displayName: 'Entries to Export',
					name: 'exportType',
					type: 'options',
					options: [
						{ name: 'All', value: 'all' },
						{ name: 'Domains', value: 'domains' },
						{ name: 'Emails', value: 'emails' },
						{ name: 'Phones', value: 'phones' },
					],
					default: 'all',
				},
				apply: (body, value) => {
					body.type = value as string;
				},
			},
		],
	},
	{
		resource,
		value: 'check',
		name: 'Check',
		action: 'Check an entry of a suppression list',
		description:
			'Whether an e-mail, domain or phone is blocked by a suppression list; an e-mail is also blocked through its domain (suppresses/email_check, domain_check, phone_check)',
		...withVariants(variants((type) => `${type}_check`, (type) => `${type}Check`)),
		modifying: false,
		response: 'envelope',
		fields: [theList(), entryType, ...entryFields({ hashAllowed: false })],
	},
	{
		resource,
		value: 'add',
		name: 'Add One',
		action: 'Add an entry to a suppression list',
		description: 'Block one e-mail, domain or phone by adding it to a suppression list (suppresses/email_add, domain_add, phone_add)',
		...withVariants(variants((type) => `${type}_add`, (type) => `${type}Add`)),
		modifying: true,
		response: 'success',
		// E-mails and domains are grouped into emails_add / domains_add. Phones are not: phones_add counts an invalid
		// number instead of refusing it, which phone_add does not, so the results would differ.
		batch: {
			path: apiPath('suppresses/emails_add'),
			entriesKey: 'emails',
			maxCount: 10_000,
			// The answer counts what it received (total_count): every item is confirmed when it counts them all.
			answer: 'counted',
			route: (ctx) => {
				const type = ctx.param<string>('entryType', 'email');
				return type === 'phone' ? undefined : { path: apiPath(`suppresses/${PLURAL[type as EntryType]}_add`), entriesKey: PLURAL[type as EntryType] };
			},
			split: (ctx, body) => {
				const key = ctx.param<string>('entryType', 'email');
				const { [key]: entry, ...shared } = body;
				return { shared, entry };
			},
		},
		fields: [theList(), entryType, ...entryFields({ hashAllowed: false })],
	},
	{
		resource,
		value: 'addMany',
		name: 'Add Many',
		action: 'Add many entries to a suppression list',
		description: 'Block many e-mails, domains or phones at once; answers how many were new, duplicate or invalid (suppresses/emails_add, domains_add, phones_add)',
		...withVariants(variants((type) => `${PLURAL[type]}_add`, (type) => `${PLURAL[type]}Add`)),
		modifying: true,
		response: 'envelope',
		fields: [theList(), entryType, ...entryListFields()],
	},
	{
		resource,
		value: 'remove',
		name: 'Remove',
		action: 'Remove an entry from a suppression list',
		description: 'Unblock one e-mail, domain or phone by removing it from a suppression list (suppresses/email_remove, domain_remove, phone_remove)',
		...withVariants(variants((type) => `${type}_remove`, (type) => `${type}Remove`)),
		modifying: true,
		response: 'deleted',
		fields: [theList(), entryType, ...entryFields({ hashAllowed: true })],
	},
	{
		resource,
		value: 'removeAll',
		name: 'Remove All',
		action: 'Remove all entries of a type from a suppression list',
		description:
			'Remove EVERY e-mail, EVERY domain or EVERY phone from a suppression list; those contacts are no longer blocked by it; answers removed_count (suppresses/emails_remove, domains_remove, phones_remove)',
		// The reference has no path for these three calls. Chosen: suppresses/phones_remove, which the public v75
		// page "Remove all phone numbers from suppression list" shows (body {id}, answer removed_count), and by the
		// same pattern suppresses/emails_remove and suppresses/domains_remove.
		...withVariants(variants((type) => `${PLURAL[type]}_remove`, (type) => `${type}RemoveAll`, true)),
		unconfirmed: true,
		modifying: true,
		response: 'envelope',
		fields: [theList(), entryType],
	},
];

export const suppressionList: ResourceDefinition = {
	value: resource,
	name: 'Suppression List',
	description: 'Stop lists of e-mails, domains and phones that no message is sent to',
	operations,
};
