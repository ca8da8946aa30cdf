import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ALL_EVENTS, eventTypeOptions } from './events';
import { checkSettingsOnActivation, PATH_SEGMENT, receiveActionHooks, SUCCESS_BODY } from './receiver';

/*
 * Routes. Altcraft has no API to register Action Hooks, so the user pastes the Production URL into the hook by hand
 * (Integrations → Event Capture). The trigger's own URL is `…/webhook/<webhook id>/altcraft`, or
 * `…/altcraft/<secret>` with a secret path segment, so the URL shown in n8n is exactly the one to paste.
 * Hidden routes let the node itself answer what n8n would otherwise answer with a generic 404, and none of them
 * ever starts the workflow:
 * - other methods on the trigger's URL → 405;
 * - with a secret path segment: `…/altcraft` (no secret) → 401, and `…/<anything>/<anything>` (another secret) → 401.
 *   The latter is an n8n "dynamic" route: its first segment is the webhook id, and its template has no static
 *   segment (n8n's all-wildcard fallback). n8n stores dynamic templates without the webhook id under a primary key
 *   shared by all workflows, so the parameter names carry the webhook id to keep the template unique per node.
 */
const SECRET_ACTIVE = '$parameter["authentication"] === "secretPath" && $parameter["secretPathSegment"]';
const OWN_PATH = `={{ ${SECRET_ACTIVE} ? "${PATH_SEGMENT}/" + $parameter["secretPathSegment"] : "${PATH_SEGMENT}" }}`;
const OTHER_METHODS = 'DELETE,GET,HEAD,PATCH,PUT';
const ALL_METHODS = 'DELETE,GET,HEAD,PATCH,POST,PUT';

const hidden: Partial<IWebhookDescription> = {
	name: 'setup',
	responseMode: 'onReceived',
	ndvHideUrl: true,
	ndvHideMethod: true,
};

const SETUP_NOTICE =
	'Set up the hook in Altcraft (master user): Integrations → Event Capture → Create. ' +
	'Request type: JSON batch request (HTTP POST). URL: the Production URL above (while you test in n8n, the Test URL). ' +
	'Maximum batch size: e.g. 100 and Timeout: e.g. 10 s; every event becomes its own item, a batch of 1 starts one execution per event. ' +
	`API response success message: ${SUCCESS_BODY} (this trigger answers ${SUCCESS_BODY} at once). ` +
	'Choose the database and the Actions (events), then switch the hook on.';

export class AltcraftTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Altcraft Trigger',
		name: 'altcraftTrigger',
		icon: { light: 'file:altcraft.svg', dark: 'file:altcraft.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ "Action Hooks: " + ((($parameter["events"] || []).length === 0 || ($parameter["events"] || []).includes("*")) ? "all events" : $parameter["events"].join(", ")) }}',
		description: 'Starts the workflow when Altcraft sends Action Hook events (email, SMS, push, profile import)',
		defaults: { name: 'Altcraft Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			// "Respond immediately" with the success message; with this mode n8n sends responseData as the body.
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: SUCCESS_BODY, path: OWN_PATH },
			{ ...hidden, httpMethod: OTHER_METHODS, path: OWN_PATH } as IWebhookDescription,
			{
				...hidden,
				httpMethod: `={{ ${SECRET_ACTIVE} ? "${ALL_METHODS}" : "" }}`,
				path: '={{ ":hook" + $webhookId + "/:secret" }}',
				isFullPath: true,
			} as IWebhookDescription,
			{
				...hidden,
				httpMethod: `={{ ${SECRET_ACTIVE} ? "${ALL_METHODS}" : "" }}`,
				path: PATH_SEGMENT,
			} as IWebhookDescription,
		],
		properties: [
			{
				displayName: SETUP_NOTICE,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				options: [
					{
						name: 'Header Auth',
						value: 'headerAuth',
						description: 'Require a header that an Altcraft Custom Authentication connection sends',
					},
					{
						name: 'None',
						value: 'none',
						description: 'Accept every POST to the URL; the random webhook ID in it is the only secret',
					},
					{
						name: 'Secret Path Segment',
						value: 'secretPath',
						description: 'Add a secret to the end of the URL, for Altcraft versions without header connections',
					},
				],
				default: 'none',
				description: 'How requests prove they come from your Altcraft hook. Others get HTTP 401 and start nothing.',
			},
			{
				displayName:
					'In Altcraft, create a Custom Authentication connection (Settings → Connections) that sends this header with this value, and select it as the authorization of the hook.',
				name: 'headerAuthNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
			{
				displayName: 'Header Name',
				name: 'headerName',
				type: 'string',
				default: 'X-Altcraft-Hook-Secret',
				required: true,
				placeholder: 'e.g. X-Altcraft-Hook-Secret',
				description: 'Name of the header, e.g. X-Altcraft-Hook-Secret or Authorization',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
			{
				displayName: 'Header Value',
				name: 'headerValue',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description:
					'The exact value the connection sends, e.g. a long random string (for the Authorization header: Bearer, a space and the random string)',
				displayOptions: { show: { authentication: ['headerAuth'] } },
			},
			{
				displayName:
					'The Production and Test URLs above end with this secret once you enter it: copy them as shown. Requests to the URL without it, or with another value, get HTTP 401.',
				name: 'secretPathNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { authentication: ['secretPath'] } },
			},
			{
				displayName: 'Secret Path Segment',
				name: 'secretPathSegment',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				required: true,
				description: '16 to 128 letters, digits, "-" or "_", e.g. from a password generator',
				displayOptions: { show: { authentication: ['secretPath'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: eventTypeOptions(),
				default: [ALL_EVENTS],
				description:
					'Which event types start the workflow (none selected: all); others are answered with success and dropped. Select the same Actions in the hook, so Altcraft does not send what you do not need.',
			},
			{
				displayName: 'Drop Duplicate Events',
				name: 'dropDuplicates',
				type: 'boolean',
				default: false,
				description:
					'Whether to drop events delivered again within a time window (best effort: Altcraft sends no event ID, so an event is recognised by its type, date, profile and message IDs; events without type, date and profile always pass)',
			},
			{
				displayName: 'Remember Events For (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 10080 },
				default: 60,
				description: 'How long a delivered event is remembered to recognise a repeated delivery',
				displayOptions: { show: { dropDuplicates: [true] } },
			},
			{
				displayName: 'Max Remembered Events',
				name: 'duplicateMaxEvents',
				type: 'number',
				typeOptions: { minValue: 100, maxValue: 50000 },
				default: 5000,
				description:
					'Upper limit of remembered events (about 40 bytes each, stored with the workflow); the oldest are forgotten first',
				displayOptions: { show: { dropDuplicates: [true] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Flatten Event Data',
						name: 'flattenEventData',
						type: 'boolean',
						default: false,
						description:
							'Whether to move the fields of event_data to the top level of each item (e.g. link_url, campaign_id); a name already used at the top level gets the prefix event_data_',
					},
					{
						displayName: 'Ignore Test Events',
						name: 'ignoreTestEvents',
						type: 'boolean',
						default: false,
						description: 'Whether to drop events of test sends (is_test is true)',
					},
					{
						displayName: 'Other Event Types',
						name: 'otherEventTypes',
						type: 'string',
						default: '',
						placeholder: 'e.g. deliv_push, undeliv_push',
						description:
							'Event types not in the Events list (comma-separated), as they appear in event_type; used when Events is not All Events',
					},
				],
			},
		],
	};

	// Nothing to register remotely: Altcraft has no API for Action Hooks. `create` runs on activation and on
	// "Listen for test event" and refuses settings that could not protect the URL, so the user sees why at once.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return checkSettingsOnActivation.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return receiveActionHooks.call(this);
	}
}
