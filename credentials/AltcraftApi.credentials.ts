import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

/** Altcraft Cloud's control-panel host (00-interaction.md §1); on-premise installs use their own. */
export const ALTCRAFT_CLOUD_URL = 'https://ru.altkraft.com';

export class AltcraftApi implements ICredentialType {
	name = 'altcraftApi';

	displayName = 'Altcraft API';

	icon: Icon = { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' };

	documentationUrl = 'https://guides.altcraft.com/en/developer-guide/api-interaction';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Token created by a master user in Altcraft under Settings → Tokens. Its roles decide which calls it may make.',
		},
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: [
				{
					name: 'Altcraft Cloud',
					value: 'cloud',
					description: `The hosted platform at ${ALTCRAFT_CLOUD_URL}`,
				},
				{
					name: 'On-Premise',
					value: 'onPremise',
					description: 'An Altcraft installation on your own servers',
				},
			],
			default: 'cloud',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://altcraft.example.com',
			required: true,
			description:
				'Address of your Altcraft installation, with or without a path prefix and trailing slash. Requests go to <base URL>/api/v1.1/….',
			displayOptions: { show: { platform: ['onPremise'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description:
				'Whether to accept a self-signed or otherwise invalid TLS certificate of an on-premise host',
			displayOptions: { show: { platform: ['onPremise'] } },
		},
	];

	// Every documented Altcraft example sends the token in the JSON body, and every call of the node is a POST with
	// a body. The Bearer header (also documented) is what authorises the GET download of an export file. A function,
	// not the generic form, because batch calls hand over their body already serialized (see withToken).
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const token = typeof credentials.token === 'string' ? credentials.token : '';
		const headers = requestOptions.headers ?? {};
		const contentType = Object.keys(headers).find((name) => name.toLowerCase() === 'content-type');
		return {
			...requestOptions,
			headers: { ...headers, Authorization: `Bearer ${token}` },
			body: withToken(requestOptions.body, token, contentType ? String(headers[contentType]) : undefined),
		};
	}

	// A cheap read: the first database of the account. Error codes arrive in the body of an HTTP 200 answer.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.platform === "onPremise" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : "' +
				ALTCRAFT_CLOUD_URL +
				'"}}',
			url: '/api/v1.1/databases/list/',
			method: 'POST',
			body: { limit: 1 },
			json: true,
			skipSslCertificateValidation: '={{$credentials.platform === "onPremise" && $credentials.ignoreSslIssues}}',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 401,
					message: 'Altcraft rejected the API token (error 401). Copy it again from Settings → Tokens.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 403,
					message:
						"The token is valid but its role may not list databases (error 403). Give the token's role the rights the workflow needs.",
				},
			},
		],
	};
}

/**
 * The body with the token as its `token` field. An object body gets a copy with it. A Buffer sent as JSON and holding
 * one JSON object is a body the node serialized itself (a batch of up to 10 MB, built once and reused by every
 * retry): the token is spliced in as its first field rather than parsing and serializing the whole body again. Any
 * other body (a file uploaded through the HTTP Request node with this credential) is left as it is: the Bearer
 * header authorises it. The caller's body is never changed.
 */
export function withToken(body: IHttpRequestOptions['body'], token: string, contentType?: string): IHttpRequestOptions['body'] {
	if (Buffer.isBuffer(body)) {
		const jsonObject = /\bjson\b/i.test(contentType ?? '') && body.length >= 2 && body[0] === OPEN_BRACE && body[body.length - 1] === CLOSE_BRACE;
		if (!jsonObject) return body;
		const empty = body.length === 2; // "{}"
		return Buffer.concat([Buffer.from(`{"token":${JSON.stringify(token)}${empty ? '' : ','}`), body.subarray(1)]);
	}
	if (body === undefined || body === null) return { token };
	if (typeof body === 'object' && Object.getPrototypeOf(body) === Object.prototype) return { ...body, token };
	return body;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
