/**
 * The platform's error codes (00-interaction.md §4, the seed's table): what each means, what the user should do,
 * and whether repeating the request can help. One table serves the transport, the batch splitter and the tests.
 */
export interface AltcraftErrorCode {
	meaning: string;
	hint: string;
	retryable: boolean;
}

export const ALTCRAFT_ERROR_CODES: Record<number, AltcraftErrorCode> = {
	0: {
		meaning: 'Successful operation',
		hint: 'Nothing to do.',
		retryable: false,
	},
	400: {
		meaning: 'Incorrect request',
		hint: 'A parameter is missing or malformed. Check the fields of this operation against the text above.',
		retryable: false,
	},
	401: {
		meaning: 'API token required',
		hint: 'The token is missing or not valid. Open the Altcraft API credential and paste the token again from Settings → Tokens.',
		retryable: false,
	},
	402: {
		meaning: 'Tariff limit reached',
		hint: "The account's plan limit is reached. Raise the plan or free capacity in Altcraft; repeating will not help.",
		retryable: false,
	},
	403: {
		meaning: 'No rights for this action',
		hint: "The token's role lacks the right for this call. A master user can add it under Settings → Tokens (roles).",
		retryable: false,
	},
	404: {
		meaning: "The object is not found in the token's visibility zone",
		hint: 'The object does not exist, or it lies outside the object groups this token may see. Check the ID and the token\'s groups.',
		retryable: false,
	},
	409: {
		meaning: 'Another record with the same unique attributes already exists',
		hint: 'A unique value (such as the e-mail) already belongs to another object. Match the existing one instead of creating a new one.',
		retryable: false,
	},
	413: {
		meaning: 'The database is not available in the selected resource',
		hint: 'The resource is not linked to this database. Pick a resource of the chosen database, or link them in Altcraft.',
		retryable: false,
	},
	415: {
		meaning: 'Requested Content-Type is not supported',
		hint: 'The node always sends JSON; a proxy in front of Altcraft may be rewriting the request.',
		retryable: false,
	},
	429: {
		meaning: 'Request limit exceeded',
		hint: 'Altcraft answered "too many requests" on every retry. Raise Max Retries, lower concurrency, or spread the load over time.',
		retryable: true,
	},
	435: {
		meaning: 'Ambiguous search, several objects match the given attributes',
		hint: 'The matching value fits more than one profile. Narrow it: use a unique field, a more specific matching mode, or the profile ID.',
		retryable: false,
	},
	441: {
		meaning: 'The object belongs to another group',
		hint: "The object is in an access group this token does not work with. Use a token of that group or move the object.",
		retryable: false,
	},
	450: {
		meaning: 'Request validation error',
		hint: 'A value did not pass validation (unknown field, wrong type, malformed e-mail or date). Fix the value named above.',
		retryable: false,
	},
	500: {
		meaning: 'Internal service error',
		hint: 'Altcraft failed on every retry. Try again later; if it persists, contact Altcraft support.',
		retryable: true,
	},
	501: {
		meaning: 'The method does not exist',
		hint: 'This platform version does not have this method (or the base URL points at the wrong place). Check the Altcraft version and the credential.',
		retryable: false,
	},
};

export function describeErrorCode(code: number): AltcraftErrorCode {
	return (
		ALTCRAFT_ERROR_CODES[code] ?? {
			meaning: `Unknown error code ${code}`,
			hint: 'Altcraft answered with an error code this node does not know. See the text above.',
			retryable: false,
		}
	);
}

/** HTTP answers that carry no envelope: gateways and proxies in front of the platform. */
export const RETRYABLE_HTTP_STATUSES = new Set([429, 500, 502, 503, 504]);

/** Network failures where the request may or may not have reached the platform: safe to repeat thanks to Request-ID. */
export const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ECONNCLOSED',
]);
