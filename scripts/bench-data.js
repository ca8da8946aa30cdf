// The contacts every benchmark imports, and their entry in an import_batch call: one place for bench-scenario.js
// (n8n runs and the raw client) and bench-emulator.js (the emulator alone).

/** A CRM contact: 10 profile fields and one e-mail subscription. */
const contact = (i, prefix = 'contact') => ({
	email: `${prefix}${i}@example.com`,
	_fname: `First${i}`,
	_lname: `Last${i}`,
	_city: 'Kazan',
	_country: 'RU',
	crm_id: `CRM-${i}`,
	orders_count: i % 17,
	balance: (i % 1000) / 10,
	is_vip: i % 10 === 0,
	signup_date: '2024-05-17',
});

/** The contact as one entry of profiles/import_batch, as the node sends it. */
const importEntry = (json) => ({ ...json, subscriptions: [{ resource_id: 1, channel: 'email', email: json.email, status: 'subscribed' }] });

module.exports = { contact, importEntry };
