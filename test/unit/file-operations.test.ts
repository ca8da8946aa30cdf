import type { INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { Altcraft } from '../../nodes/Altcraft/Altcraft.node';
import { fakeExecuteFunctions, sentBodies } from '../helpers/fakeContext';
import { ok, operationRows, validationRows, type Row } from '../helpers/operationRows';

// File upload (80-misc.md §1): header = file name, data = base64 data URI; answers {data: {file: <uuid>}}.
// Message web version (80-misc.md §2): webver/get with send_message_id.

const UUID = 'fd7006e5-5c42-4eba-aa6a-f6cb7f5cb6f2';
const csv: INodeExecutionData = {
	json: {},
	binary: { data: { data: Buffer.from('email\na@b.com\n').toString('base64'), mimeType: 'text/csv', fileName: 'list.csv' } },
};

async function upload(params: Record<string, unknown>, items: INodeExecutionData[] = [csv]) {
	const ctx = fakeExecuteFunctions({ items, params: { resource: 'file', operation: 'upload', options: {}, ...params }, answers: [{ ...ok, data: { file: UUID } }] });
	const [output] = await new Altcraft().execute.call(ctx);
	return { ctx, output };
}

describe('File: Upload', () => {
	test('sends the binary file as a data URI under its own name and returns the file ID', async () => {
		const { ctx, output } = await upload({ binaryPropertyName: 'data', fileName: '' });
		expect(ctx.requests).toHaveLength(1);
		expect(ctx.requests[0].url).toBe('https://altcraft.test/api/v1.1/file_upload');
		expect((ctx.requests[0].headers as Record<string, string>)['Request-ID']).toMatch(/^[0-9a-f-]{36}$/);
		// The minimal request of the reference: {"header": "list.csv", "data": "data:text/csv;base64,ZW1haWwKYUBiLmNvbQo="}
		expect(sentBodies(ctx)).toEqual([{ header: 'list.csv', data: 'data:text/csv;base64,ZW1haWwKYUBiLmNvbQo=' }]);
		expect(output).toEqual([{ json: { file: UUID }, pairedItem: { item: 0 } }]);
	});

	test('a given file name and another binary field', async () => {
		const items: INodeExecutionData[] = [{ json: {}, binary: { report: { data: Buffer.from('x').toString('base64'), mimeType: 'application/json' } } }];
		const { ctx } = await upload({ binaryPropertyName: 'report', fileName: 'report.json' }, items);
		expect(sentBodies(ctx)).toEqual([{ header: 'report.json', data: 'data:application/json;base64,eA==' }]);
	});

	test('one upload per item, each with its own file', async () => {
		const second: INodeExecutionData = { json: {}, binary: { data: { data: Buffer.from('y').toString('base64'), mimeType: 'text/plain', fileName: 'b.txt' } } };
		const { ctx, output } = await upload({ binaryPropertyName: 'data', fileName: '' }, [csv, second]);
		expect(sentBodies(ctx).map((body) => body.header)).toEqual(['list.csv', 'b.txt']);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test.each([
		['no binary data at all', [{ json: {} }], 'data', 'Input Binary Field: the input item has no binary field "data" (item 0)'],
		['another binary field', [csv], 'file', 'Input Binary Field: the input item has no binary field "file" (item 0)'],
		['a file without a name and none given', [{ json: {}, binary: { data: { data: 'eA==', mimeType: 'text/plain' } } }], 'data', 'File Name: is required: the binary data has no file name (item 0)'],
	])('%s is refused before anything is sent', async (_title, items, binaryPropertyName, message) => {
		const ctx = fakeExecuteFunctions({ items: items as INodeExecutionData[], params: { resource: 'file', operation: 'upload', options: {}, binaryPropertyName, fileName: '' }, answers: [ok] });
		const error = await new Altcraft().execute.call(ctx).then(
			() => undefined,
			(e: unknown) => e as Error,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error!.message).toBe(message);
		expect(ctx.requests).toHaveLength(0);
	});
});

const messageRows: Row[] = [
	{
		title: 'Get the web version of a sent message',
		params: { resource: 'message', operation: 'getWebVersion', options: {}, sendMessageId: 'SMID-1' },
		path: '/api/v1.1/webver/get',
		body: { send_message_id: 'SMID-1' },
		answer: { ...ok, data: { createtime: '2025-01-31T10:00:00Z', email: { subject: 'Hi' } } },
		output: [{ createtime: '2025-01-31T10:00:00Z', email: { subject: 'Hi' } }],
	},
];

describe('Message operations', () => operationRows(messageRows));

describe('Message: bad input', () =>
	validationRows([
		{ title: 'no sent message ID', params: { resource: 'message', operation: 'getWebVersion', options: {}, sendMessageId: '' }, message: 'Sent Message ID: is required (item 0)' },
	]));
