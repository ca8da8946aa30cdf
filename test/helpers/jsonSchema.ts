/**
 * The JSON Schema subset n8n's editor reads for its output preview (`__schema__/v<version>/<resource>/<operation>.json`):
 * `type` (a name, or a list whose first entry the editor shows), `properties`, `items`, plus `required` for our own
 * checks. Inferred from output samples by `scripts/schemas.js`; validated by `validate` in the output-schema test.
 */

export type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface JsonSchema {
	type: JsonType | JsonType[];
	properties?: Record<string, JsonSchema>;
	required?: string[];
	items?: JsonSchema;
}

export function typeOf(value: unknown): JsonType {
	if (value === null || value === undefined) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'object') return typeof value as JsonType;
	throw new Error(`a ${typeof value} is not JSON`);
}

const TYPE_ORDER: JsonType[] = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];

/**
 * The schema of several samples: the union of their types (integer and number merge into number), of their objects'
 * properties (required: present in every object sample) and of their arrays' elements.
 */
export function inferSchema(samples: unknown[]): JsonSchema {
	const types = new Set(samples.map(typeOf));
	if (types.has('number')) types.delete('integer');
	const list = TYPE_ORDER.filter((type) => types.has(type));
	const schema: JsonSchema = { type: list.length === 1 ? list[0] : list };
	const objects = samples.filter((sample) => typeOf(sample) === 'object') as Array<Record<string, unknown>>;
	if (objects.length > 0) {
		const keys = [...new Set(objects.flatMap((object) => Object.keys(object)))].sort();
		schema.properties = {};
		for (const key of keys) {
			schema.properties[key] = inferSchema(objects.filter((object) => key in object).map((object) => object[key]));
		}
		const required = keys.filter((key) => objects.every((object) => key in object));
		if (required.length > 0) schema.required = required;
	}
	const elements = (samples.filter(Array.isArray) as unknown[][]).flat();
	if (elements.length > 0) schema.items = inferSchema(elements);
	return schema;
}

/** Schema errors of a value (empty when it conforms); `strict` also refuses properties the schema does not list. */
export function validate(schema: JsonSchema, value: unknown, strict = false, path = '$'): string[] {
	const allowed = Array.isArray(schema.type) ? schema.type : [schema.type];
	const actual = typeOf(value);
	if (!allowed.includes(actual) && !(actual === 'integer' && allowed.includes('number'))) {
		return [`${path}: expected ${allowed.join(' or ')}, got ${actual}`];
	}
	const errors: string[] = [];
	if (actual === 'object') {
		const object = value as Record<string, unknown>;
		for (const key of schema.required ?? []) if (!(key in object)) errors.push(`${path}.${key}: required, missing`);
		for (const [key, inner] of Object.entries(object)) {
			const own = schema.properties?.[key];
			if (own) errors.push(...validate(own, inner, strict, `${path}.${key}`));
			else if (strict) errors.push(`${path}.${key}: not in the schema`);
		}
	}
	if (actual === 'array' && schema.items) {
		(value as unknown[]).forEach((inner, index) => errors.push(...validate(schema.items!, inner, strict, `${path}[${index}]`)));
	}
	return errors;
}

/** The file text: keys in a fixed order (type, properties sorted, required, items), tabs, a final newline. */
export function schemaFile(schema: JsonSchema): string {
	return `${JSON.stringify(ordered(schema), null, '\t')}\n`;
}

function ordered(schema: JsonSchema): JsonSchema {
	const out: JsonSchema = { type: schema.type };
	if (schema.properties) {
		out.properties = Object.fromEntries(
			Object.keys(schema.properties)
				.sort()
				.map((key) => [key, ordered(schema.properties![key])]),
		);
	}
	if (schema.required) out.required = [...schema.required].sort();
	if (schema.items) out.items = ordered(schema.items);
	return out;
}
