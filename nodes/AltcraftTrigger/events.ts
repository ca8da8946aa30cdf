import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * The documented Action Hook event types (`event_type`), from Altcraft's "Action hooks event types" page
 * (shared/altcraft-api/90-webhooks-and-callbacks.md §4). Names marked unconfirmed there (push delivered/undelivered,
 * subscription status changes, mailing launch, promo codes, pixel) are not listed: users add them under
 * Options → Other Event Types once they have seen them in a real delivery.
 */
export interface ActionHookEventType {
	value: string;
	/** Option name shown in the event filter; sorted alphabetically with the others */
	name: string;
	description: string;
}

const email = (value: string, label: string, description: string): ActionHookEventType => ({
	value,
	name: `Email ${label} (${value})`,
	description,
});
const sms = (value: string, label: string, description: string): ActionHookEventType => ({
	value,
	name: `SMS ${label} (${value})`,
	description,
});
const push = (value: string, label: string, description: string): ActionHookEventType => ({
	value,
	name: `Push ${label} (${value})`,
	description,
});
const profileImport = (value: string, label: string, description: string): ActionHookEventType => ({
	value,
	name: `Profile Import ${label} (${value})`,
	description,
});

export const ACTION_HOOK_EVENT_TYPES: ActionHookEventType[] = [
	email('send', 'Sent for Delivery', 'An email was handed over for delivery'),
	email('reply', 'Reply Received', 'The recipient replied to an email'),
	email('uopen', 'Opened, Unique', 'First open of an email by the recipient'),
	email('open', 'Opened', 'Any open of an email'),
	email('uclick', 'Clicked, Unique', 'First click in an email by the recipient'),
	email('click', 'Clicked', 'Any click on a link in an email'),
	email('confirm', 'Confirmation Link Clicked', 'A confirmation link in a normal message was clicked'),
	email('confirmsub', 'Double Opt-In Confirmed', 'The double opt-in confirmation link was clicked'),
	email('unsub', 'Unsubscribed', 'The unsubscribe link in an email was clicked'),
	email('complain', 'Spam Complaint', 'The recipient marked the email as spam'),
	email('sbounce', 'Soft Bounce', 'Temporary delivery failure'),
	email('hbounce', 'Hard Bounce', 'Permanent delivery failure'),
	email('suppress', 'Suppressed', 'Not sent because the address is in a suppression list'),
	email('deliv', 'Delivered', 'The receiving server accepted the email'),
	email('undeliv', 'Not Delivered', 'The email could not be delivered'),
	email('read', 'Read', 'Opened and read for 8 seconds or more'),
	email('glanced', 'Glanced', 'Opened for less than 4 seconds'),
	email('skimmed', 'Skimmed', 'Opened for 4 to 8 seconds'),
	profileImport('import_manual', 'Manual', 'Profile added or changed by hand in the Altcraft interface'),
	profileImport('import_file', 'From File', 'Profile imported from a file'),
	profileImport('import_api', 'via API', 'Profile imported through the API'),
	sms('send_sms', 'Sent', 'An SMS was handed over for delivery'),
	sms('deliv_sms', 'Delivered', 'An SMS was delivered'),
	sms('undeliv_sms', 'Not Delivered', 'An SMS could not be delivered'),
	sms('click_sms', 'Clicked', 'Any click on a link in an SMS'),
	sms('uclick_sms', 'Clicked, Unique', 'First click on a link in an SMS'),
	sms('unsub_sms', 'Unsubscribed', 'The unsubscribe link in an SMS was clicked'),
	push('send_push', 'Sent', 'A push notification was handed over for delivery'),
	push('open_push', 'Opened', 'Any open of a push notification'),
	push('uopen_push', 'Opened, Unique', 'First open of a push notification'),
	push('click_push', 'Clicked', 'Any click on a push notification'),
	push('uclick_push', 'Clicked, Unique', 'First click on a push notification'),
];

/** Filter value meaning "every event, documented or not". */
export const ALL_EVENTS = '*';

/** Options of the Events multi-select: "All Events" first, then the documented types by name. */
export function eventTypeOptions(): INodePropertyOptions[] {
	const sorted = [...ACTION_HOOK_EVENT_TYPES].sort((a, b) => a.name.localeCompare(b.name, 'en'));
	return [
		{ name: 'All Events', value: ALL_EVENTS, description: 'Every event the hook sends, including undocumented types' },
		...sorted.map(({ name, value, description }) => ({ name, value, description })),
	];
}
