import { fromList, ok, operationRows, pagingTests, run, secondItemFails, taskTests, validationRows, type Row } from '../helpers/operationRows';

// Suppression List operations (31-suppression-lists.md): the list is `id`; the entry calls differ per entry type in
// path and body key: email/emails, domain/domains, value/values (phones).

const base = { resource: 'suppressionList', suppressionList: fromList(1), options: {} };
const entries = { email: '', domain: '', phone: '', emails: '', domains: '', phones: '' };
const MD5 = '0c83f57c786a0b4a39efab23731c7ebc';

const rows: Row[] = [
	{
		title: 'Create a list: answers its ID',
		params: { resource: 'suppressionList', options: {}, operation: 'create', name: 'Complainers 2025' },
		path: '/api/v1.1/suppresses/add',
		body: { name: 'Complainers 2025' },
		answer: { ...ok, data: { saved_id: 4 } },
		output: [{ saved_id: 4 }],
		modifying: true,
	},
	{
		title: 'Update (rename) a list (unconfirmed path)',
		params: { ...base, operation: 'update', name: 'Complainers' },
		path: '/api/v1.1/suppresses/update',
		body: { id: 1, name: 'Complainers' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Get a list',
		params: { ...base, operation: 'get' },
		path: '/api/v1.1/suppresses/get',
		body: { id: 1 },
		answer: { ...ok, data: { id: 1, name: 'Global', is_global: true, description: '' } },
		output: [{ id: 1, name: 'Global', is_global: true, description: '' }],
	},
	{
		title: 'Get Many with a limit',
		params: { resource: 'suppressionList', options: {}, operation: 'getAll', returnAll: false, limit: 2, filters: {} },
		path: '/api/v1.1/suppresses/list',
		body: { limit: 2 },
		answer: { ...ok, data: [{ id: 1 }, { id: 2 }] },
		output: [{ id: 1 }, { id: 2 }],
	},
	{
		title: 'Delete a list (unconfirmed path)',
		params: { ...base, operation: 'delete' },
		path: '/api/v1.1/suppresses/delete',
		body: { id: 1 },
		output: [{ deleted: true }],
		modifying: true,
	},
	{
		title: 'Export the e-mails, returning the task ID',
		params: { ...base, operation: 'export', exportType: 'emails', waitForTask: false },
		path: '/api/v1.1/suppresses/export',
		body: { id: 1, type: 'emails' },
		answer: { ...ok, data: { task_id: 't-9' } },
		output: [{ task_id: 't-9' }],
		modifying: true,
	},
	{
		title: 'Check an e-mail (answer at the top level)',
		params: { ...base, ...entries, operation: 'check', entryType: 'email', email: 'john@example.com' },
		path: '/api/v1.1/suppresses/email_check',
		body: { id: 1, email: 'john@example.com' },
		answer: { ...ok, matched: true, email_matched: true, domain_matched: false, phone_matched: false },
		output: [{ matched: true, email_matched: true, domain_matched: false, phone_matched: false }],
	},
	{
		title: 'Check a domain',
		params: { ...base, ...entries, operation: 'check', entryType: 'domain', domain: 'example.com' },
		path: '/api/v1.1/suppresses/domain_check',
		body: { id: 1, domain: 'example.com' },
		answer: { ...ok, matched: false },
		output: [{ matched: false }],
	},
	{
		title: 'Check a phone (sent as value)',
		params: { ...base, ...entries, operation: 'check', entryType: 'phone', phone: '+79000000001' },
		path: '/api/v1.1/suppresses/phone_check',
		body: { id: 1, value: '+79000000001' },
		answer: { ...ok, matched: true, phone_matched: true },
	},
	{
		title: 'Add One e-mail',
		params: { ...base, ...entries, operation: 'add', entryType: 'email', email: 'john@example.com' },
		path: '/api/v1.1/suppresses/email_add',
		body: { id: 1, email: 'john@example.com' },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Add One domain (newer versions answer data)',
		params: { ...base, ...entries, operation: 'add', entryType: 'domain', domain: 'example.com' },
		path: '/api/v1.1/suppresses/domain_add',
		body: { id: 1, domain: 'example.com' },
		answer: { ...ok, data: { 'example.com': true } },
		output: [{ success: true, data: { 'example.com': true } }],
		modifying: true,
	},
	{
		title: 'Add One phone (sent as value)',
		params: { ...base, ...entries, operation: 'add', entryType: 'phone', phone: '+79000000001' },
		path: '/api/v1.1/suppresses/phone_add',
		body: { id: 1, value: '+79000000001' },
		modifying: true,
	},
	{
		title: 'Add Many e-mails, one per line and comma-separated',
		params: { ...base, ...entries, operation: 'addMany', entryType: 'email', emails: 'a@example.com\nb@example.com, c@example.com\n' },
		path: '/api/v1.1/suppresses/emails_add',
		body: { id: 1, emails: ['a@example.com', 'b@example.com', 'c@example.com'] },
		answer: { ...ok, total_count: 3, total_imported: 2, total_duplicated: 1, total_updated: 0 },
		output: [{ total_count: 3, total_imported: 2, total_duplicated: 1, total_updated: 0 }],
		modifying: true,
	},
	{
		title: 'Add Many domains from an expression array',
		params: { ...base, ...entries, operation: 'addMany', entryType: 'domain', domains: ['example.com', 'example.org'] },
		path: '/api/v1.1/suppresses/domains_add',
		body: { id: 1, domains: ['example.com', 'example.org'] },
		modifying: true,
	},
	{
		title: 'Add Many phones (sent as values)',
		params: { ...base, ...entries, operation: 'addMany', entryType: 'phone', phones: '+79009009001\n+79009009002' },
		path: '/api/v1.1/suppresses/phones_add',
		body: { id: 1, values: ['+79009009001', '+79009009002'] },
		answer: { ...ok, total_count: 2, total_imported: 1, total_duplicated: 0, total_invalid: 1 },
		output: [{ total_count: 2, total_imported: 1, total_duplicated: 0, total_invalid: 1 }],
		modifying: true,
	},
	{
		title: 'Remove an e-mail given as its MD5 hash',
		params: { ...base, ...entries, operation: 'remove', entryType: 'email', email: MD5 },
		path: '/api/v1.1/suppresses/email_remove',
		body: { id: 1, email: MD5 },
		output: [{ deleted: true }],
		modifying: true,
	},
	{
		title: 'Remove a domain',
		params: { ...base, ...entries, operation: 'remove', entryType: 'domain', domain: 'example.com' },
		path: '/api/v1.1/suppresses/domain_remove',
		body: { id: 1, domain: 'example.com' },
		answer: { ...ok, data: null },
		output: [{ deleted: true }],
		modifying: true,
	},
	{
		title: 'Remove a phone (sent as value)',
		params: { ...base, ...entries, operation: 'remove', entryType: 'phone', phone: '+79000000001' },
		path: '/api/v1.1/suppresses/phone_remove',
		body: { id: 1, value: '+79000000001' },
		modifying: true,
	},
	{
		title: 'Remove All e-mails (unconfirmed path)',
		params: { ...base, operation: 'removeAll', entryType: 'email' },
		path: '/api/v1.1/suppresses/emails_remove',
		body: { id: 1 },
		answer: { ...ok, removed_count: 500 },
		output: [{ removed_count: 500 }],
		modifying: true,
	},
	{
		title: 'Remove All domains (unconfirmed path)',
		params: { ...base, operation: 'removeAll', entryType: 'domain' },
		path: '/api/v1.1/suppresses/domains_remove',
		body: { id: 1 },
		modifying: true,
	},
	{
		title: 'Remove All phones (path of the public v75 page)',
		params: { ...base, operation: 'removeAll', entryType: 'phone' },
		path: '/api/v1.1/suppresses/phones_remove',
		body: { id: 1 },
		modifying: true,
	},
];

describe('Suppression List operations: parameters → path and body', () => {
	operationRows(rows);
});

describe('Suppression List → one operation, several endpoints', () => {
	test('the endpoint is part of the Request-ID: one pinned key on Remove All e-mails and domains gives two ids', async () => {
		const idOf = async (entryType: string) => {
			const { ctx } = await run({ ...base, operation: 'removeAll', entryType, options: { requestId: 'cleanup-1' } }, [ok]);
			return (ctx.requests[0].headers as Record<string, string>)['Request-ID'];
		};
		const [emails, domains, emailsAgain] = [await idOf('email'), await idOf('domain'), await idOf('email')];
		expect(emails).not.toBe(domains);
		expect(emails).toBe(emailsAgain);
	});
});

describe('Suppression List → Get Many paging', () => {
	pagingTests({ params: { resource: 'suppressionList', options: {}, operation: 'getAll', filters: { uiTags: 'a' } }, path: '/api/v1.1/suppresses/list', body: { ui_tags: ['a'] }, cursors: [3, 7] });
});

describe('Suppression List → Export is a task', () => {
	taskTests({
		params: { ...base, operation: 'export', exportType: 'all' },
		path: '/api/v1.1/suppresses/export',
		body: { id: 1, type: 'all' },
		result: { total: 2, urls: ['/api/download/u1/suppress_export.csv'] },
	});
});

describe('Suppression List input validation', () => {
	validationRows([
		{
			title: 'Add One with something that is not an e-mail',
			params: { ...base, ...entries, operation: 'add', entryType: 'email', email: 'john.example.com' },
			message: 'Email: "john.example.com" is not an e-mail address (item 0)',
		},
		{
			title: 'Check an e-mail given as a hash (only removals take hashes)',
			params: { ...base, ...entries, operation: 'check', entryType: 'email', email: MD5 },
			message: `Email: "${MD5}" is not an e-mail address (item 0)`,
		},
		{
			title: 'Add Many with an empty list',
			params: { ...base, ...entries, operation: 'addMany', entryType: 'phone', phones: ' \n ' },
			message: 'Phones: add at least one entry (item 0)',
		},
		{
			title: 'Add One phone without the phone',
			params: { ...base, ...entries, operation: 'add', entryType: 'phone' },
			message: 'Phone: is required (item 0)',
		},
		{
			title: 'an unknown entry type',
			params: { ...base, ...entries, operation: 'remove', entryType: 'fax' },
			message: 'Entry Type: "fax" is not supported by this operation (item 0)',
		},
		{
			title: 'Create without a name',
			params: { resource: 'suppressionList', options: {}, operation: 'create', name: '' },
			message: 'Name: is required (item 0)',
		},
	]);

	secondItemFails({
		good: { ...base, ...entries, operation: 'addMany', entryType: 'email', emails: 'a@example.com' },
		bad: { ...base, ...entries, operation: 'addMany', entryType: 'email', emails: 'a@example.com, nope' },
		message: 'Emails: "nope" is not an e-mail address (item 1)',
	});
});
