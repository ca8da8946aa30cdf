import type { INodeExecutionData } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { db, fakeExecuteFunctions, sentBodies } from '../helpers/fakeContext';
import { emptyLocator, fromList, ok, operationRows, pagingTests, validationRows, type Row } from '../helpers/operationRows';

// Any mailing (41-campaigns.md part C; paths campaigns/*): activate (optionally send now, to another audience),
// deactivate, list, get, status, log, clone, delete (unconfirmed).

const base = { resource: 'mailing', options: {} };
const activate = {
	...base,
	operation: 'activate',
	mailing: fromList(82),
	runNow: false,
	overrideSourceType: '',
	overrideLimit: 0,
	contentMode: 'pairs',
	contentValues: {},
	attachments: {},
};

const rows: Row[] = [
	{
		title: 'Activate a mailing',
		params: activate,
		path: '/api/v1.1/campaigns/activate/',
		body: { id: 82 },
		answer: { ...ok, data: null },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Activate and send now to a segment (the example of C.1)',
		params: { ...activate, runNow: true, overrideSourceType: 'segment', segment: fromList(2550) },
		path: '/api/v1.1/campaigns/activate/',
		body: { id: 82, run_now: true, override_source_type: 'segment', override_source_id: 2550 },
		modifying: true,
	},
	{
		title: 'Activate and send now to a database, capped, with content variables',
		params: {
			...activate,
			runNow: true,
			overrideSourceType: 'list',
			database: db(1),
			overrideLimit: 500,
			contentMode: 'json',
			contentJson: '{"promo": "AUTUMN"}',
		},
		path: '/api/v1.1/campaigns/activate/',
		body: { id: 82, run_now: true, override_source_type: 'list', override_source_id: 1, override_limit: 500, content: { promo: 'AUTUMN' } },
		modifying: true,
	},
	{
		title: 'The audience override needs Send Now: without it nothing of it is sent',
		params: { ...activate, overrideSourceType: 'segment', segment: fromList(2550), overrideLimit: 5 },
		path: '/api/v1.1/campaigns/activate/',
		body: { id: 82 },
		modifying: true,
	},
	{
		title: 'Deactivate a mailing and drop what is queued (the example of C.2)',
		params: { ...base, operation: 'deactivate', mailing: fromList(15), abortIfRunning: true },
		path: '/api/v1.1/campaigns/deactivate',
		body: { id: 15, abort_if_running: true },
		output: [{ success: true }],
		modifying: true,
	},
	{
		title: 'Get Many mailings by type, state, tags and attributes',
		params: {
			...base,
			operation: 'getAll',
			returnAll: false,
			limit: 20,
			filters: { type: 'trigger', isActive: false, uiTags: 'crm', attributes: '{"season": {"options": ["spring_2024"]}}' },
		},
		path: '/api/v1.1/campaigns/list',
		body: { limit: 20, type: 'trigger', is_active: false, ui_tags: ['crm'], attributes: { season: { options: ['spring_2024'] } } },
		answer: { ...ok, data: [{ id: 1, name: 'A', type: 'trigger', is_active: false }] },
		output: [{ id: 1, name: 'A', type: 'trigger', is_active: false }],
	},
	{
		title: 'Get a mailing',
		params: { ...base, operation: 'get', mailing: fromList(82) },
		path: '/api/v1.1/campaigns/get',
		body: { id: 82 },
		answer: { ...ok, data: { id: 82, type: 'regular', status: 'Inactive' } },
		output: [{ id: 82, type: 'regular', status: 'Inactive' }],
	},
	{
		title: 'Get the status of a mailing',
		params: { ...base, operation: 'getStatus', mailing: { __rl: true, mode: 'id', value: '82' } },
		path: '/api/v1.1/campaigns/get_status',
		body: { id: 82 },
		answer: { ...ok, data: { is_active: true, is_completed: false, status: 'Active' } },
		output: [{ is_active: true, is_completed: false, status: 'Active' }],
	},
	{
		title: 'Get the log of a mailing from a time on: one item per entry',
		params: { ...base, operation: 'getLog', mailing: fromList(82), fromTime: '2025-01-31T10:00:00Z', limit: 100 },
		path: '/api/v1.1/campaigns/log_v2',
		body: { id: 82, from_time: '2025-01-31T10:00:00Z', limit: 100 },
		answer: { ...ok, data: [{ level: 'INFO', message: 'Started', time: '2025-01-31T10:00:01Z' }] },
		output: [{ level: 'INFO', message: 'Started', time: '2025-01-31T10:00:01Z' }],
	},
	{
		title: 'Clone a mailing (a copy without a name gets the default one)',
		params: { ...base, operation: 'clone', mailing: fromList(82), name: '' },
		path: '/api/v1.1/campaigns/clone',
		body: { id: 82 },
		answer: { ...ok, data: { saved_id: 83 } },
		output: [{ saved_id: 83 }],
		modifying: true,
	},
	{
		title: 'Delete a mailing (unconfirmed path)',
		params: { ...base, operation: 'delete', mailing: fromList(82) },
		path: '/api/v1.1/campaigns/delete',
		body: { id: 82 },
		output: [{ deleted: true }],
		modifying: true,
	},
];

describe('Mailing operations', () => operationRows(rows));

describe('Mailing: Get Many paging', () =>
	pagingTests({ params: { ...base, operation: 'getAll', filters: {} }, path: '/api/v1.1/campaigns/list', body: {}, cursors: [11, 21] }));

describe('Mailing: Activate with an attachment for this run', () => {
	test('the file of the binary field goes into attach as a data URI', async () => {
		const items: INodeExecutionData[] = [{ json: {}, binary: { data: { data: Buffer.from('%PDF').toString('base64'), mimeType: 'application/pdf', fileName: 'terms.pdf' } } }];
		const ctx = fakeExecuteFunctions({ items, params: { ...activate, runNow: true, attachments: { attachment: [{ binaryPropertyName: 'data', fileName: '' }] } }, answers: [ok] });
		await new Altcraft().execute.call(ctx);
		expect(sentBodies(ctx)).toEqual([{ id: 82, run_now: true, attach: [{ name: 'terms.pdf', data: 'data:application/pdf;base64,JVBERg==' }] }]);
	});
});

describe('Mailing: bad input', () =>
	validationRows([
		{ title: 'a mailing ID that is not a number', params: { ...base, operation: 'get', mailing: { __rl: true, mode: 'id', value: 'abc' } }, message: 'Mailing: must be a whole number, got "abc" (item 0)' },
		{
			title: 'an audience override to a segment without the segment',
			params: { ...activate, runNow: true, overrideSourceType: 'segment', segment: emptyLocator },
			message: 'Segment: must be a whole number, got an empty string (item 0)',
		},
		{ title: 'a log from a time that is not one', params: { ...base, operation: 'getLog', mailing: fromList(1), fromTime: 'yesterday', limit: 10 }, message: 'From Time: must be a date and time like 2024-01-31T10:00:00Z, got "yesterday" (item 0)' },
	]));
