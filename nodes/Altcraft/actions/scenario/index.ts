import type { MatchingMode } from '../common/fields';
import { additionalFields, databaseField, FLAGS, matchingFields, matchingModeField, objectField, objectListFilters, profileDataFields, returnAllFields } from '../common/fields';
import { attachmentsField, contentFields, customDataFields, SEND_FLAGS } from '../common/sending';
import { toBoolean } from '../common/values';
import { MAILING_LIST_FILTERS, PAGING } from '../mailing';
import { batchFieldNameField, batchProfilesFields, splitForBatch } from '../triggerMailing/batch';
import { apiPath } from '../../transport';
import type { Field, Operation, ResourceDefinition } from '../types';

// Automation scenarios (42-automation.md; API prefix workflows/). The scenario is `id` in start, activate and
// deactivate, but `workflow_id` in the import calls. There is no call to get one scenario: Get Many returns them
// with their nodes. Matching, content, custom_data and attach behave as in the trigger launches.

const resource = 'scenario';

const theScenario = (key: string): Field => objectField('scenario', key);

const START_MODES: MatchingMode[] = ['email', 'phone', 'profile_id', 'custom'];
const IMPORT_MODES: MatchingMode[] = ['email', 'email_profile', 'phone', 'profile_id', 'custom'];
const IMPORT_FLAGS = [FLAGS.skipTriggers, FLAGS.skipInvalidSubscriptions, FLAGS.detectGeo];

const messageData = (): Field[] => [...contentFields(), ...customDataFields(), attachmentsField()];

/** The batch imports: matching for all profiles, field_name once, the profiles as rows or JSON ({data: {…}} each). */
const batchImport = (): Field[] => [
	theScenario('workflow_id'),
	matchingModeField(IMPORT_MODES),
	...batchFieldNameField(IMPORT_MODES),
	...batchProfilesFields('import', IMPORT_MODES),
	...messageData(),
	additionalFields(IMPORT_FLAGS),
];

const operations: Operation[] = [
	{
		resource,
		value: 'start',
		name: 'Start for Profile',
		action: 'Start a scenario for a profile',
		description: "Put an existing profile into an active scenario at its default start node, with content variables (workflows/start)",
		path: apiPath('workflows/start'),
		reference: 'scenario.start',
		modifying: true,
		response: 'success',
		fields: [theScenario('id'), ...matchingFields(START_MODES), ...messageData(), additionalFields([SEND_FLAGS.subscriptionFilter])],
	},
	{
		resource,
		value: 'importAndStart',
		name: 'Import Profile and Start',
		action: 'Import a profile and start a scenario for it',
		description: 'Create or update a profile in a database, then put it into an active scenario (workflows/import_and_start)',
		path: apiPath('workflows/import_and_start'),
		reference: 'scenario.importAndStart',
		modifying: true,
		response: 'success',
		// db_id is in the official example, not in the parameter table: the reference says to send it.
		// Opt-in grouping into import_and_start_batch (42-automation.md §3): the batch form of this call, whose answer and
		// data layout the public docs do not show, and whose parameter list names no db_id (it is still sent, shared).
		batch: {
			path: apiPath('workflows/import_and_start_batch'),
			entriesKey: 'data',
			maxCount: 10_000,
			optIn: true,
			optInNote:
				"the public docs do not show workflows/import_and_start_batch's answer, and its parameter list names no Database (the node still sends it for the whole batch; profiles go to the scenario's database). Each item gets the result of its own entry; an item the answer does not report gets an error.",
			split: (ctx, body) => {
				const { shared, entry } = splitForBatch(ctx, body, 'import');
				return { shared: { workflow_id: body.workflow_id, ...shared }, entry };
			},
		},
		fields: [
			theScenario('workflow_id'),
			databaseField('db_id', { description: 'The database to import the profile into' }),
			...matchingFields(IMPORT_MODES),
			...profileDataFields(),
			...messageData(),
			additionalFields(IMPORT_FLAGS),
		],
	},
	{
		resource,
		value: 'importAndStartBatch',
		name: 'Import Many and Start',
		action: 'Import many profiles and start a scenario for them',
		description: 'Create or update a list of profiles and put them into an active scenario, in one request (workflows/import_and_start_batch)',
		path: apiPath('workflows/import_and_start_batch'),
		reference: 'scenario.importAndStartBatch',
		modifying: true,
		response: 'success',
		fields: batchImport(),
	},
	{
		resource,
		value: 'importAndStartBatchTask',
		name: 'Import Many and Start as Task',
		action: 'Import many profiles and start a scenario as a background task',
		description:
			'Like Import Many and Start, but the platform works in the background: wait for the task or take its ID (workflows/import_and_start_batch_task)',
		path: apiPath('workflows/import_and_start_batch_task'),
		reference: 'scenario.importAndStartBatchTask',
		modifying: true,
		task: true,
		response: 'envelope',
		fields: batchImport(),
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many scenarios',
		description: 'List the scenarios with their database, state and nodes, optionally by tags or groups (workflows/list)',
		path: apiPath('workflows/list'),
		reference: 'scenario.list',
		modifying: false,
		response: 'list',
		paging: PAGING,
		fields: [...returnAllFields(), objectListFilters(['uiTags', 'groups', 'groupsId'], [MAILING_LIST_FILTERS.attributes])],
	},
	{
		resource,
		value: 'activate',
		name: 'Activate',
		action: 'Activate a scenario',
		description: 'Activate a scenario so that profiles can enter it, optionally emptying it first (workflows/activate)',
		path: apiPath('workflows/activate'),
		reference: 'scenario.activate',
		modifying: true,
		response: 'success',
		fields: [
			theScenario('id'),
			{
				property: {
					displayName: 'Remove Profiles Inside',
					name: 'skipProfiles',
					type: 'boolean',
					default: false,
					description: 'Whether to empty the scenario (drop the profiles currently inside) before activating it',
				},
				apply: (body, value, ctx) => {
					if (toBoolean(ctx, 'Remove Profiles Inside', value)) body.skip_profiles = true;
				},
			},
		],
	},
	{
		resource,
		value: 'deactivate',
		name: 'Deactivate',
		action: 'Deactivate a scenario',
		description: 'Deactivate a scenario (workflows/deactivate)',
		// In the docs' sidebar only: path and `id` are the reference's guess.
		path: apiPath('workflows/deactivate'),
		reference: 'scenario.deactivate',
		unconfirmed: true,
		modifying: true,
		response: 'success',
		fields: [theScenario('id')],
	},
];

export const scenario: ResourceDefinition = {
	value: resource,
	name: 'Scenario',
	description: 'Automation scenarios (customer journeys): put profiles in, activate, deactivate',
	operations,
};
