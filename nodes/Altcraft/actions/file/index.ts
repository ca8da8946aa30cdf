import { dataUri, readBinary, requireBinary } from '../common/sending';
import { inputError, isEmpty } from '../common/values';
import { apiPath } from '../../transport';
import type { Operation, ResourceDefinition } from '../types';

// Files (80-misc.md §1): file_upload takes the file name as `header` and the content as a base64 data URI in
// `data`, and answers the file's UUID ({data: {file}}) for the calls that reference uploaded files.
// (The catalogue's other "file" call, GET /api/download/…, is the last step of Profile → Export.)

const resource = 'file';

const operations: Operation[] = [
	{
		resource,
		value: 'upload',
		name: 'Upload',
		action: 'Upload a file',
		description: "Upload a file from the input item's binary data; answers the file ID to reference it in other calls (file_upload)",
		path: apiPath('file_upload'),
		reference: 'file.upload',
		modifying: true,
		response: 'data',
		fields: [
			{
				property: {
					displayName: 'Input Binary Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					required: true,
					hint: 'The name of the input binary field containing the file to upload',
				},
				apply: (_body, value, ctx) => {
					requireBinary(ctx, 'Input Binary Field', value);
				},
				load: async (body, value, ctx) => {
					const file = await readBinary(ctx, String(value).trim());
					const name = isEmpty(body.header) ? file.fileName : body.header;
					if (!name) throw inputError(ctx, 'File Name', 'is required: the binary data has no file name');
					body.header = name;
					body.data = dataUri(file);
				},
			},
			{
				property: {
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'e.g. emails.csv',
					description: "Name of the file on the platform; empty keeps the binary data's own file name",
				},
				apply: (body, value) => {
					if (!isEmpty(value)) body.header = String(value).trim();
				},
			},
		],
	},
];

export const file: ResourceDefinition = {
	value: resource,
	name: 'File',
	description: 'Files uploaded for use in other calls',
	operations,
};
