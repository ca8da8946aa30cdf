import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALTCRAFT_CLOUD_URL } from '../../../credentials/AltcraftApi.credentials';

/** What one execution needs to reach Altcraft: resolved once per execute() call, never kept between executions. */
export interface AltcraftConnection {
	baseUrl: string;
	skipTlsCheck: boolean;
	/** Strings that must never leave the node (the token); every message the transport builds is scrubbed of them. */
	secrets: string[];
}

export function openConnection(node: INode, credentials: ICredentialDataDecryptedObject): AltcraftConnection {
	const onPremise = credentials.platform === 'onPremise';
	const token = typeof credentials.token === 'string' ? credentials.token : '';
	return {
		baseUrl: onPremise ? normaliseBaseUrl(node, credentials.baseUrl) : ALTCRAFT_CLOUD_URL,
		skipTlsCheck: onPremise && credentials.ignoreSslIssues === true,
		secrets: token.length >= 4 ? [token] : [],
	};
}

/**
 * Accepts "https://host", "https://host/", "https://host/prefix/"; refuses what would send the token somewhere
 * unexpected: other schemes, user:password@ URLs, queries and fragments.
 */
export function normaliseBaseUrl(node: INode, value: unknown): string {
	const raw = typeof value === 'string' ? value.trim() : '';
	const fail = (problem: string) =>
		new NodeOperationError(node, `The Base URL of the Altcraft credential ${problem}`, {
			description: 'Enter the address of your Altcraft installation, e.g. https://altcraft.example.com',
		});
	if (raw === '') throw fail('is empty');
	if (!/^https?:\/\//i.test(raw)) throw fail('must start with https:// or http://');
	// The URL parser would silently drop tabs and line breaks and read "\" as "/": refuse what is not plainly a URL.
	const controlCharacter = [...raw].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127);
	if (/[\s\\]/.test(raw) || controlCharacter) throw fail('must not contain spaces, line breaks, control characters or "\\"');
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw fail('is not a valid URL');
	}
	if (url.username || url.password) throw fail('must not contain a user name or password');
	if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
		throw fail('must not contain a query (?…) or fragment (#…)');
	}
	if (!url.hostname) throw fail('has no host name');
	return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function scrubSecrets(text: string, secrets: string[]): string {
	let out = text;
	for (const secret of secrets) out = out.split(secret).join('***');
	return out;
}
