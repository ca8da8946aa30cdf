import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { AltcraftConnection } from '../transport';
import { apiPath, callAltcraft, connect, DEFAULT_RETRY_POLICY } from '../transport';
import { getProfileColumns } from './resourceMapping';

/** Pages through ALL objects of a list call (int cursor from_id → next_from_id, 00-interaction.md §8). */
async function listAll(ctx: ILoadOptionsFunctions, connection: AltcraftConnection, method: string, extra: IDataObject = {}): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	let fromId: number | undefined;
	for (let page = 0; page < 1000; page++) {
		const body: IDataObject = { ...extra, limit: 1000 };
		if (fromId !== undefined) body.from_id = fromId;
		const answer = await callAltcraft(ctx, connection, DEFAULT_RETRY_POLICY, { path: apiPath(method), body });
		const data = Array.isArray(answer.body.data) ? (answer.body.data as IDataObject[]) : [];
		entries.push(...data);
		const next = Number(answer.body.next_from_id);
		if (data.length === 0 || !Number.isFinite(next) || next === fromId) break;
		fromId = next;
	}
	return entries;
}

/** Entries whose "name (id)" contains the search text, as list results. */
function matching(entries: IDataObject[], filter?: string): INodeListSearchResult['results'] {
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchResult['results'] = [];
	for (const entry of entries) {
		const name = `${String(entry.name ?? '')} (${String(entry.id)})`;
		if (!needle || name.toLowerCase().includes(needle)) results.push({ name, value: String(entry.id) });
	}
	return results;
}

/** ALL objects of a list call whose "name (id)" contains the search text. */
async function searchList(ctx: ILoadOptionsFunctions, method: string, filter?: string, extra: IDataObject = {}): Promise<INodeListSearchResult> {
	const connection = await connect(ctx);
	return { results: matching(await listAll(ctx, connection, method, extra), filter) };
}

/** The database chosen on the same node, when it is a plain ID (not an expression or empty). */
function chosenDatabase(ctx: ILoadOptionsFunctions): number | undefined {
	let value: unknown;
	try {
		value = ctx.getCurrentNodeParameter('database', { extractValue: true });
	} catch {
		return undefined;
	}
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	return /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
}

/** How many resources/get calls the Resource list makes at once when it filters by database. */
export const RESOURCE_LOOKUP_CONCURRENCY = 5;

/**
 * Resources: all of them, or, when the node has a database chosen, only those linked to it. resources/list has no
 * database filter, so each listed resource that matches the search text is read with resources/get (its dbs_ids),
 * a few at a time.
 */
async function searchResources(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const connection = await connect(this);
	const results = matching(await listAll(this, connection, 'resources/list'), filter);
	const database = chosenDatabase(this);
	if (database === undefined) return { results };
	const linked: boolean[] = new Array(results.length).fill(false);
	let next = 0;
	const worker = async () => {
		while (next < results.length) {
			const index = next++;
			const answer = await callAltcraft(this, connection, DEFAULT_RETRY_POLICY, {
				path: apiPath('resources/get'),
				body: { id: Number(results[index].value) },
			});
			const data = (answer.body.data ?? {}) as IDataObject;
			// An answer without dbs_ids cannot tell: such a resource stays in the list rather than vanish from it.
			linked[index] = !Array.isArray(data.dbs_ids) || data.dbs_ids.some((id) => Number(id) === database);
		}
	};
	await Promise.all(Array.from({ length: Math.min(RESOURCE_LOOKUP_CONCURRENCY, results.length) }, worker));
	return { results: results.filter((_, index) => linked[index]) };
}

async function searchDatabases(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'databases/list/', filter);
}

async function searchSegments(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'segments/list/', filter);
}

async function searchSuppressionLists(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'suppresses/list', filter);
}

// Messaging objects: 40-templates.md, 41-campaigns.md, 42-automation.md, 71-senders.md

async function searchTemplates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'templates/list', filter);
}

async function searchMailings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'campaigns/list', filter);
}

async function searchRegularMailings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'campaigns/regulars/list/', filter);
}

/** The documented mailing list filtered by type (the broadcasts' own list call is not confirmed). */
async function searchBroadcastMailings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'campaigns/list', filter, { type: 'broadcast' });
}

async function searchTriggerMailings(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'campaigns/triggers/list/', filter);
}

async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'scampaigns/list', filter);
}

async function searchScenarios(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'workflows/list', filter);
}

async function searchVirtualSenders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	return searchList(this, 'vsenders/list', filter);
}

/** Fields of the chosen database (databases/fields_get/), for the field-by-field profile data. */
async function getDatabaseFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const database = this.getCurrentNodeParameter('database', { extractValue: true });
	if (database === undefined || database === '') return [];
	const connection = await connect(this);
	const answer = await callAltcraft(this, connection, DEFAULT_RETRY_POLICY, {
		path: apiPath('databases/fields_get/'),
		body: { id: Number(database) },
	});
	const fields = Array.isArray(answer.body.data) ? (answer.body.data as IDataObject[]) : [];
	return fields
		.filter((field) => typeof field.name === 'string')
		.map((field) => ({
			name: field.title && field.title !== field.name ? `${String(field.title)} (${String(field.name)})` : String(field.name),
			value: String(field.name),
			description: field.type ? `Type: ${String(field.type)}` : undefined,
		}));
}

/** ALL objects of a list call as dropdown options ("name (id)" → id), optionally only those of one channel. */
async function listOptions(ctx: ILoadOptionsFunctions, method: string, channel?: string): Promise<INodePropertyOptions[]> {
	const connection = await connect(ctx);
	const entries = await listAll(ctx, connection, method);
	return entries
		.filter((entry) => channel === undefined || entry.channel === channel)
		.map((entry) => ({ name: `${String(entry.name ?? '')} (${String(entry.id)})`, value: Number(entry.id) }));
}

/** Real senders (71-senders.md §1) of the channel a virtual sender rule is for. */
async function getEmailSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return listOptions(this, 'senders/list', 'email');
}

async function getSmsSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return listOptions(this, 'senders/list', 'sms');
}

/** Templates, for the messages of a mailing (a list of rows, where a picker cannot go). */
async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return listOptions(this, 'templates/list');
}

/** Virtual senders, for the mailing setting that sends through one (inside a collection, where a picker cannot go). */
async function getVirtualSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return listOptions(this, 'vsenders/list');
}

export const methods = {
	listSearch: {
		searchDatabases,
		searchResources,
		searchSegments,
		searchSuppressionLists,
		searchTemplates,
		searchMailings,
		searchRegularMailings,
		searchBroadcastMailings,
		searchTriggerMailings,
		searchCampaigns,
		searchScenarios,
		searchVirtualSenders,
	},
	loadOptions: { getDatabaseFields, getEmailSenders, getSmsSenders, getTemplates, getVirtualSenders },
	resourceMapping: { getProfileColumns },
};
