import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { AltcraftAnswer, AltcraftCall, AltcraftConnection, RetryPolicy } from '../transport';

/** Everything an operation may use while it handles one input item. */
export interface ItemContext {
	exec: IExecuteFunctions;
	itemIndex: number;
	operation: Operation;
	/** Reads a parameter of this item (resource locators are reduced to their value). */
	param<T = unknown>(name: string, fallback?: T): T;
	/** Sends one call through the transport; modifying calls get their Request-ID here. */
	send(call: Omit<AltcraftCall, 'itemIndex'>): Promise<AltcraftAnswer>;
	connection: AltcraftConnection;
	policy: RetryPolicy;
}

/**
 * One field of an operation: its UI property and how its value lands in the request body.
 * `apply` validates before anything is sent and throws a NodeOperationError naming the field and the item.
 */
export interface Field {
	property: INodeProperties;
	apply?: (body: IDataObject, value: unknown, ctx: ItemContext) => void;
	/**
	 * Work that needs I/O, such as reading the item's binary data for attachments: runs after every `apply` has
	 * validated the item, right before its call is sent (`loadBody`). `apply` still checks what it can up front.
	 */
	load?: (body: IDataObject, value: unknown, ctx: ItemContext) => Promise<void>;
}

/** How the answer becomes output items. */
export type ResponseShape =
	/** The envelope without error/error_text (e.g. { profile_id }). */
	| 'envelope'
	/** The `data` object itself (get calls). */
	| 'data'
	/** One item per element of `data` (list calls). */
	| 'list'
	/** A fixed confirmation, for deletes: { deleted: true, ...data }. */
	| 'deleted'
	/** For calls that answer nothing but the envelope: { success: true, ...rest of the envelope }. */
	| 'success';

export interface CursorPaging {
	/** Body key of the cursor sent with each page. */
	cursorParam: string;
	/** Envelope key of the next cursor. */
	nextCursor: string;
	/** Body key of the page size. */
	limitParam: string;
	/** Largest page the platform serves (its default). */
	maxPageSize: number;
	/**
	 * When an answer carries no next cursor: the key of the last entry that continues the list (loyalty transactions
	 * page by their last transaction_id). A page shorter than asked for then ends the list.
	 */
	lastItemCursor?: string;
}

/** The call answers the whole list at once: Return All / Limit are applied to that one answer. */
export interface WholeListPaging {
	wholeList: true;
}

/** One endpoint of the reference catalogue (shared/altcraft-api/endpoints.json). */
export interface Endpoint {
	/** Path under the base URL, spelled as the reference spells it. */
	path: string;
	/** The endpoints.json id, e.g. 'segment.getStaticProfiles'. */
	reference: string;
	/** The path or parameters are not confirmed by Altcraft's public docs. */
	unconfirmed?: boolean;
}

/** One operation over several alike endpoints, chosen by the value of one of its fields (e.g. an entry type). */
export interface EndpointVariants {
	/** The parameter whose value picks the endpoint. */
	param: string;
	endpoints: Record<string, Endpoint>;
}

/**
 * The platform's batch counterpart of a single-item call (e.g. profiles/import → import_batch): the router groups
 * input items into it. A single call's body maps onto one entry of `data[]` plus top-level keys shared by the batch.
 */
export interface BatchCounterpart {
	path: string;
	/** Top-level keys of the single call that stay top-level; items are grouped only when these are equal. */
	shared?: string[];
	/** Top-level keys of the single call that move into the item's entry (its identifiers). */
	perEntry?: string[];
	/** The single call's body key whose value becomes the entry (an object gets the perEntry keys added). */
	entryFrom?: string;
	/** The batch call's body key holding the entries. */
	entriesKey: string;
	/** The platform's recommended maximum of entries per call. */
	maxCount: number;
	/** Off by default where the batch call's answer is not confirmed to report every entry (the user may opt in). */
	optIn?: boolean;
	/** For opt-in batching: what differs from the single call, shown in the Batching option's description. */
	optInNote?: string;
	/** Instead of shared/perEntry/entryFrom: the item's entry and shared top-level part; undefined sends it alone. */
	split?: (ctx: ItemContext, body: IDataObject) => { shared: IDataObject; entry: unknown } | undefined;
	/** When the batch call depends on the item (endpoint variants): its path and entries key; undefined: alone. */
	route?: (ctx: ItemContext) => { path: string; entriesKey: string } | undefined;
	/**
	 * How the batch answer confirms each item (an item it does not confirm gets an error, never a silent success):
	 * - `perEntry` (default): `result[]` holds one `{error, error_text, …}` per entry, in input order;
	 * - `reachedIds`: `result[]` lists the profile IDs reached; an item is confirmed when its entry's `profile_id` is
	 *   listed (start_batch), so two items of one profile never share a batch (the call reaches a profile once);
	 * - `counted`: the answer counts the entries it received (`total_count`); when it counts them all, every item gets
	 *   the operation's usual output (emails_add, domains_add).
	 */
	answer?: 'perEntry' | 'reachedIds' | 'counted';
}

export interface Operation {
	resource: string;
	/** Operation key, unique within its resource. */
	value: string;
	name: string;
	/** Sentence-case action text, shown in the node's action list and read by AI agents. */
	action: string;
	description: string;
	/** Path under the base URL, spelled as the reference spells it. */
	path: string;
	/** Changes data or launches something: gets a Request-ID and is deduplicated by the platform. */
	modifying: boolean;
	/** The path or parameters are not confirmed by Altcraft's public docs. */
	unconfirmed?: boolean;
	/** The endpoints.json id of the call, e.g. 'segment.getStaticProfiles'. */
	reference?: string;
	/** When set, the endpoint (path) depends on a field's value; `path` and `reference` are then the first variant's. */
	variants?: EndpointVariants;
	fields: Field[];
	response: ResponseShape;
	paging?: CursorPaging | WholeListPaging;
	/** Starts an asynchronous task (answers data.task_id): the user may wait for tasks/status or take the id. */
	task?: boolean;
	/** Items are grouped into this batch call when the user keeps batching on. */
	batch?: BatchCounterpart;
	/** For calls that really differ (export with a task and a download): replaces the generic send. */
	execute?: (ctx: ItemContext, body: IDataObject) => Promise<INodeExecutionData[]>;
	/** Reduces each output item's json when the user keeps Simplify on (the operation then gets that switch). */
	simplify?: (json: IDataObject, ctx: ItemContext) => IDataObject;
	/** Envelope key of the payload for 'data' / 'list' answers and paging; default `data` (Market answers `result`). */
	dataKey?: string;
	/** The path comes from the item's parameters (Custom API Call); `path` is then only a placeholder for listings. */
	resolvePath?: (ctx: ItemContext) => string;
	/** Whether this item's call modifies data, when the user decides it (Custom API Call); default `modifying`. */
	isModifying?: (ctx: ItemContext) => boolean;
}

export interface ResourceDefinition {
	value: string;
	name: string;
	description: string;
	operations: Operation[];
}
