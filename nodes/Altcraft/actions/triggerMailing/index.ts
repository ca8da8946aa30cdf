import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { MatchingMode } from '../common/fields';
import {
	additionalFields,
	ALL_MATCHING_MODES,
	databaseField,
	FLAGS,
	matchingFields,
	matchingModeField,
	matchingResourceField,
	objectField,
	profileDataFields,
	resourceField,
	returnAllFields,
	stringField,
} from '../common/fields';
import { attachmentsField, contentFields, customDataFields, SEND_FLAGS } from '../common/sending';
import { inputError, parseJson } from '../common/values';
import { copyName, PAGING } from '../mailing';
import { MAILING_FLAGS, messagesField, sendChannelField } from '../mailing/settings';
import { apiPath } from '../../transport';
import { shapeAnswer } from '../engine';
import type { Field, ItemContext, Operation, ResourceDefinition } from '../types';
import { batchFieldNameField, batchProfilesFields, splitForBatch, TRIGGER_ID_KEY } from './batch';

export { batchEntry, identifierBody, splitForBatch, TRIGGER_ID_KEY } from './batch';
export type { EntryKind } from './batch';

// Trigger mailings (41-campaigns.md parts A and B). The launches are how Altcraft sends a transactional e-mail,
// SMS or push for a CRM event: an active trigger mailing with the "API call" trigger type, a profile (matching)
// and per-message data. Mind the key of the mailing: start and start_batch_task take `id`, import_and_start and
// the other batch calls `trigger_id` (TRIGGER_ID_KEY).

const resource = 'triggerMailing';

const theTrigger = (key: string): Field => objectField('triggerMailing', key);

/** The matching modes each launch call documents (41-campaigns.md A.0, A.5; endpoints.json). */
const START_MODES: MatchingMode[] = ['email', 'phone', 'profile_id', 'custom'];
const IMPORT_MODES: MatchingMode[] = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];
const START_BATCH_TASK_MODES: MatchingMode[] = ['email', 'email_profile', 'email_sub', 'phone', 'phone_sub', 'profile_id', 'custom'];

/** import_and_start requires `data`: a launch without profile fields sends an empty object. */
const withData = (field: Field): Field => ({
	...field,
	apply: (body, value, ctx) => {
		field.apply?.(body, value, ctx);
		body.data ??= {};
	},
});

const IMPORT_FLAGS = [FLAGS.skipTriggers, FLAGS.skipInvalidSubscriptions, FLAGS.detectGeo];

/** The data every launch may carry: content variables, custom data for action hooks, attachments. */
const messageData = (): Field[] => [...contentFields(), ...customDataFields(), attachmentsField()];

/** The list of a database's fields for the field-by-field profile data; import_and_start itself takes no db_id. */
const fieldListDatabase = (): Field =>
	databaseField(null, {
		required: false,
		description: "Only to list the database's fields below; the profile goes into the database of the trigger mailing",
	});

/** The batch launches: matching for all entries, field_name once, the profiles as rows or JSON. */
const batchMatching = (kind: 'start' | 'import', modes: MatchingMode[], narrowByResource: boolean): Field[] => {
	const narrowed = narrowByResource ? matchingResourceField(modes) : undefined;
	return [matchingModeField(modes), ...batchFieldNameField(modes), ...(narrowed ? [narrowed] : []), ...batchProfilesFields(kind, modes)];
};

const TRIGGER_TYPES = [
	{ name: 'Action', value: 'action', description: 'An action of the profile' },
	{ name: 'API Call', value: 'api_call', description: 'A launch through the API (Launch, Import Profile and Launch…)' },
	{ name: 'API Import', value: 'api_import', description: 'A profile import through the API' },
	{ name: 'Field Update', value: 'update', description: 'A change of profile fields' },
	{ name: 'Pixel', value: 'pixel', description: 'A pixel goal' },
	{ name: 'Subscription', value: 'subscribe', description: 'A new subscription' },
];

const KEEP_TRIGGER_TYPE = { name: 'Keep Current', value: 'keep', description: "The mailing's current trigger type" };

/** trigger_type with what the "action" and "update" types need; an update may keep the current type. */
const triggerTypeFields = ({ create }: { create: boolean }): Field[] => [
	{
		property: create
			? { displayName: 'Trigger Type', name: 'triggerType', type: 'options', options: TRIGGER_TYPES, default: 'api_call', description: 'The event that sends the message' }
			: { displayName: 'Trigger Type', name: 'triggerType', type: 'options', options: [KEEP_TRIGGER_TYPE, ...TRIGGER_TYPES], default: 'keep', description: 'The event that sends the message' },
		apply: (body, value) => {
			if (value !== 'keep') body.trigger_type = value as string;
		},
	},
	stringField('action', {
		displayName: 'Action',
		name: 'action',
		required: true,
		description: 'Which action fires the trigger',
		displayOptions: { show: { triggerType: ['action'] } },
	}),
	{
		property: {
			displayName: 'Field Conditions (JSON)',
			name: 'updateQuery',
			type: 'json',
			default: '[\n  { "fieldname": "custom_ID" }\n]',
			required: true,
			description: 'The field changes that fire the trigger (update_query), e.g. [{"fieldname": "custom_ID", "fieldtype": …}]',
			displayOptions: { show: { triggerType: ['update'] } },
		},
		apply: (body, value, ctx) => {
			const parsed = parseJson(ctx, 'Field Conditions (JSON)', value);
			const list = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? [parsed] : [];
			if (!list.length) throw inputError(ctx, 'Field Conditions (JSON)', 'add at least one condition');
			body.update_query = list as IDataObject[];
		},
	},
];

const TRIGGER_FLAGS = [
	MAILING_FLAGS.isActive,
	MAILING_FLAGS.skipMinutes,
	MAILING_FLAGS.subid,
	MAILING_FLAGS.policyId,
	MAILING_FLAGS.attributes,
	MAILING_FLAGS.pushSendingMode,
	MAILING_FLAGS.virtualSenderId,
	MAILING_FLAGS.randomTrackingPrefixTrigger,
	MAILING_FLAGS.trackingDomainsTrigger,
	MAILING_FLAGS.blindCarbonCopy,
	MAILING_FLAGS.unconditionalSending,
];

const triggerSettings = ({ create }: { create: boolean }): Field[] => [
	stringField('name', {
		displayName: 'Name',
		name: 'name',
		required: create,
		placeholder: 'e.g. Order confirmation',
		description: create ? 'Name of the mailing' : 'Name of the mailing; empty keeps the current name',
	}),
	...triggerTypeFields({ create }),
	...(create ? [sendChannelField] : []),
	messagesField({ keepCurrent: !create }),
	resourceField('resource_id', { required: false, description: 'The resource (subscriptions) to send through' }),
	additionalFields(TRIGGER_FLAGS),
];

/**
 * campaigns/triggers/update/ requires name, content and trigger_type (41-campaigns.md B.4): what the user leaves
 * empty (or Keep Current) is read from the mailing first (campaigns/triggers/get), so an update never resets what it
 * was not asked to change.
 */
async function updateKeepingCurrent(ctx: ItemContext, body: IDataObject): Promise<INodeExecutionData[]> {
	const required = ['name', 'content', 'trigger_type'];
	if (required.some((key) => body[key] === undefined)) {
		const current = ((await ctx.send({ path: apiPath('campaigns/triggers/get'), body: { id: body.id } })).body.data ?? {}) as IDataObject;
		// A kept trigger type keeps what it needs too ("action" its action, "update" its field conditions).
		const kept = body.trigger_type === undefined ? [...required, 'action', 'update_query'] : required;
		for (const key of kept) {
			if (body[key] === undefined && current[key] !== undefined && current[key] !== null) body[key] = current[key];
		}
	}
	return shapeAnswer(ctx.operation, await ctx.send({ path: ctx.operation.path, body }));
}

const operations: Operation[] = [
	{
		resource,
		value: 'start',
		name: 'Launch',
		action: 'Launch a trigger mailing for a profile',
		description:
			"Send a trigger mailing's message (e-mail, SMS, push) to one existing profile, with content variables and attachments (campaigns/triggers/start/)",
		path: apiPath('campaigns/triggers/start/'),
		reference: 'triggerMailing.start',
		modifying: true,
		response: 'success',
		// Opt-in, and only for profiles matched by ID: start_batch answers the IDs of the profiles it sent to
		// (41-campaigns.md A.3), so only an item that names its profile ID can be confirmed or reported as not reached.
		batch: {
			path: apiPath('campaigns/triggers/start_batch'),
			entriesKey: 'data',
			maxCount: 10_000,
			optIn: true,
			optInNote:
				'start_batch answers only the IDs of the profiles it sent to. Only items matched by Profile ID are grouped (others are sent one by one); a profile that is not found or cannot receive the mailing is reported as "not reached" on its item instead of the error Launch gives, and two items of the same profile go in different batches. Subscription Filter and a Custom Request are not taken by start_batch: such items are sent one by one.',
			answer: 'reachedIds',
			route: (ctx) => (ctx.param<string>('matching', 'email') === 'profile_id' ? { path: apiPath('campaigns/triggers/start_batch'), entriesKey: 'data' } : undefined),
			split: (ctx, body) => {
				// subscription_filter and custom_request have no place in start_batch: such an item goes alone.
				if (body.subscription_filter !== undefined || body.custom_request !== undefined) return undefined;
				const { shared, entry } = splitForBatch(ctx, body, 'start');
				return { shared: { trigger_id: body[TRIGGER_ID_KEY.start], ...shared }, entry };
			},
		},
		fields: [
			theTrigger(TRIGGER_ID_KEY.start),
			...matchingFields(START_MODES),
			...messageData(),
			additionalFields([SEND_FLAGS.subscriptionFilter]),
		],
	},
	{
		resource,
		value: 'importAndStart',
		name: 'Import Profile and Launch',
		action: 'Import a profile and launch a trigger mailing for it',
		description:
			"Create or update a profile from your data, then send it the trigger mailing's message (campaigns/triggers/import_and_start)",
		path: apiPath('campaigns/triggers/import_and_start'),
		reference: 'triggerMailing.importAndStart',
		modifying: true,
		response: 'success',
		// Opt-in: import_and_start_batch's answer is not readable in the public docs (41-campaigns.md A.4). An item
		// whose entry the answer does not report gets an error.
		batch: {
			path: apiPath('campaigns/triggers/import_and_start_batch'),
			entriesKey: 'data',
			maxCount: 10_000,
			optIn: true,
			optInNote:
				"the public docs do not show import_and_start_batch's answer. Each item gets the result of its own entry; an item the answer does not report gets an error.",
			split: (ctx, body) => {
				const { shared, entry } = splitForBatch(ctx, body, 'import');
				return { shared: { trigger_id: body[TRIGGER_ID_KEY.importAndStart], ...shared }, entry };
			},
		},
		fields: [
			theTrigger(TRIGGER_ID_KEY.importAndStart),
			fieldListDatabase(),
			...matchingFields(IMPORT_MODES),
			...profileDataFields(),
			...messageData(),
			withData(additionalFields([...IMPORT_FLAGS, SEND_FLAGS.delay])),
		],
	},
	{
		resource,
		value: 'startBatch',
		name: 'Launch for Many',
		action: 'Launch a trigger mailing for many profiles',
		description:
			'Send the message to a list of existing profiles in one request; answers the IDs of the profiles reached (campaigns/triggers/start_batch)',
		path: apiPath('campaigns/triggers/start_batch'),
		reference: 'triggerMailing.startBatch',
		modifying: true,
		response: 'success',
		fields: [
			theTrigger(TRIGGER_ID_KEY.startBatch),
			...batchMatching('start', ALL_MATCHING_MODES, false),
			...messageData(),
			additionalFields([FLAGS.skipTriggers]),
		],
	},
	{
		resource,
		value: 'importAndStartBatch',
		name: 'Import Many and Launch',
		action: 'Import many profiles and launch a trigger mailing for them',
		description:
			'Create or update a list of profiles and send each the message, in one request (campaigns/triggers/import_and_start_batch)',
		path: apiPath('campaigns/triggers/import_and_start_batch'),
		reference: 'triggerMailing.importAndStartBatch',
		modifying: true,
		response: 'success',
		fields: [
			theTrigger(TRIGGER_ID_KEY.importAndStartBatch),
			...batchMatching('import', IMPORT_MODES, true),
			...messageData(),
			additionalFields([...IMPORT_FLAGS, SEND_FLAGS.delay]),
		],
	},
	{
		resource,
		value: 'startBatchTask',
		name: 'Launch for Many as Task',
		action: 'Launch a trigger mailing for many profiles as a background task',
		description:
			'Like Launch for Many, but the platform works in the background: wait for the task or take its ID (campaigns/triggers/start_batch_task)',
		path: apiPath('campaigns/triggers/start_batch_task'),
		reference: 'triggerMailing.startBatchTask',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: [theTrigger(TRIGGER_ID_KEY.startBatchTask), ...batchMatching('start', START_BATCH_TASK_MODES, false), ...messageData()],
	},
	{
		resource,
		value: 'importAndStartBatchTask',
		name: 'Import Many and Launch as Task',
		action: 'Import many profiles and launch a trigger mailing as a background task',
		description:
			'Like Import Many and Launch, but the platform works in the background: wait for the task or take its ID (campaigns/triggers/import_and_start_batch_task)',
		path: apiPath('campaigns/triggers/import_and_start_batch_task'),
		reference: 'triggerMailing.importAndStartBatchTask',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: [
			theTrigger(TRIGGER_ID_KEY.importAndStartBatchTask),
			...batchMatching('import', IMPORT_MODES, true),
			...messageData(),
			additionalFields([...IMPORT_FLAGS, SEND_FLAGS.delay]), // A.6 is A.4 as a task: the same delay
		],
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many trigger mailings',
		description: 'List the trigger mailings (campaigns/triggers/list/)',
		path: apiPath('campaigns/triggers/list/'),
		reference: 'triggerMailing.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields()],
	},
	{
		resource,
		value: 'get',
		name: 'Get',
		action: 'Get a trigger mailing',
		description: 'Read a trigger mailing: trigger type, channel, messages, state (campaigns/triggers/get)',
		path: apiPath('campaigns/triggers/get'),
		reference: 'triggerMailing.get',
		modifying: false,
		response: 'data',
		fields: [theTrigger('id')],
	},
	{
		resource,
		value: 'create',
		name: 'Create',
		action: 'Create a trigger mailing',
		description: 'Create a mailing that sends templates when an event fires, e.g. an API call (campaigns/triggers/add/)',
		path: apiPath('campaigns/triggers/add/'),
		reference: 'triggerMailing.add',
		modifying: true,
		response: 'data',
		fields: triggerSettings({ create: true }),
	},
	{
		resource,
		value: 'update',
		name: 'Update',
		action: 'Update a trigger mailing',
		description: 'Change the name, trigger type, messages or settings of a trigger mailing; what you leave empty keeps its current value, the channel stays (campaigns/triggers/update/)',
		path: apiPath('campaigns/triggers/update/'),
		reference: 'triggerMailing.update',
		modifying: true,
		response: 'success',
		execute: updateKeepingCurrent,
		fields: [theTrigger('id'), ...triggerSettings({ create: false })],
	},
	{
		resource,
		value: 'clone',
		name: 'Clone',
		action: 'Clone a trigger mailing',
		description: 'Copy a trigger mailing with its content and settings into a new one (campaigns/triggers/clone)',
		path: apiPath('campaigns/triggers/clone'),
		reference: 'triggerMailing.clone',
		modifying: true,
		response: 'data',
		fields: [theTrigger('id'), copyName()],
	},
];

export const triggerMailing: ResourceDefinition = {
	value: resource,
	name: 'Trigger Mailing',
	description: 'Transactional sends (e-mail, SMS, push) for an event, and the trigger mailings behind them',
	operations,
};
