import type {
	FieldType,
	IDataObject,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import { apiPath, callAltcraft, connect, DEFAULT_RETRY_POLICY } from '../transport';

/**
 * Altcraft field types (databases/fields_get; 72-datatables-objects.md) → n8n's column types. The list of types is
 * not confirmed by the public docs: a type not listed here maps to text, which the platform checks itself.
 */
const TYPE_MAP: Record<string, FieldType> = {
	int: 'number',
	integer: 'number',
	float: 'number',
	number: 'number',
	bool: 'boolean',
	boolean: 'boolean',
	date: 'dateTime',
	datetime: 'dateTime',
	tags: 'array',
	phones: 'array',
	arr_object: 'array',
	array: 'array',
	object: 'object',
	gender: 'options',
};

/** Known values of dictionary fields: gender (male = 1, female = 2; 72-datatables-objects.md). */
const GENDER_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Not Set', value: 0 },
	{ name: 'Male', value: 1 },
	{ name: 'Female', value: 2 },
];

export function columnType(altcraftType: unknown): FieldType {
	return TYPE_MAP[String(altcraftType ?? '').trim().toLowerCase()] ?? 'string';
}

/** One database field as a column of the resource mapper. */
export function profileColumn(field: IDataObject, operation: string): ResourceMapperField {
	const name = String(field.name);
	const title = typeof field.title === 'string' && field.title.trim() !== '' ? field.title.trim() : '';
	const type = columnType(field.type);
	const altcraftType = String(field.type ?? 'string');
	return {
		id: name,
		displayName: title && title !== name ? `${title} (${name}, ${altcraftType})` : `${name} (${altcraftType})`,
		// Only a new profile must have the database's required fields; updates change what is given.
		required: operation === 'create' && field.required === true,
		defaultMatch: false,
		// The profile is found through "Match Profile By"; e-mail and phones are the fields that can identify it.
		canBeUsedToMatch: name === 'email' || name === 'phones',
		display: true,
		type,
		...(type === 'options' ? { options: GENDER_OPTIONS } : {}),
	};
}

/** The chosen database's fields (databases/fields_get/) as the columns of the "Map to Database Fields" mode. */
export async function getProfileColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const database = this.getCurrentNodeParameter('database', { extractValue: true });
	const id = Number(database);
	if (database === undefined || database === null || database === '' || !Number.isInteger(id) || id < 1) {
		return { fields: [], emptyFieldsNotice: 'Choose a database (From List or By ID) to map its fields' };
	}
	const connection = await connect(this);
	const answer = await callAltcraft(this, connection, DEFAULT_RETRY_POLICY, {
		path: apiPath('databases/fields_get/'),
		body: { id },
	});
	const operation = String(this.getCurrentNodeParameter('operation') ?? '');
	const fields = Array.isArray(answer.body.data) ? (answer.body.data as IDataObject[]) : [];
	return {
		fields: fields
			.filter((field) => typeof field.name === 'string' && field.name !== '' && field.name !== 'subscriptions')
			.map((field) => profileColumn(field, operation)),
		emptyFieldsNotice: `Database ${id} has no fields to map`,
	};
}
