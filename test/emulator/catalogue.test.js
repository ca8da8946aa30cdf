'use strict';

const fs = require('node:fs');
const { createRouter } = require('../../emulator/handlers');

const CATALOGUE = '/work/shared/altcraft-api/endpoints.json';
const maybe = fs.existsSync(CATALOGUE) ? test : test.skip;

/**
 * Requests whose path the reference does not know (`path: null` in endpoints.json): the path the emulator uses.
 * See emulator/README.md ("Paths chosen where the reference has none").
 */
const CHOSEN = {
	'segment.getStaticProfiles': '/api/v1.1/profiles/segstatic/list',
	'suppressionList.emailRemoveAll': '/api/v1.1/suppresses/emails_remove',
	'suppressionList.domainRemoveAll': '/api/v1.1/suppresses/domains_remove',
	'suppressionList.phoneRemoveAll': '/api/v1.1/suppresses/phones_remove',
};

/** Resources of endpoints.json the emulator implements completely (profiles: see the README's endpoint table). */
const COVERED = ['subscription', 'history', 'relation', 'database', 'resource', 'segment', 'suppressionList', 'task'];

const load = () => JSON.parse(fs.readFileSync(CATALOGUE, 'utf8'));

maybe('every implemented route uses the documented path spelling of endpoints.json (or a documented choice)', () => {
	const entries = load();
	const documented = new Set(entries.filter((e) => typeof e.path === 'string').map((e) => e.path.replace('{path}', '')));
	const chosen = new Set(Object.values(CHOSEN));
	const paths = createRouter().paths();
	expect(paths.length).toBeGreaterThanOrEqual(70);
	for (const p of paths) expect([p, documented.has(p) || chosen.has(p)]).toEqual([p, true]);
});

maybe('the chosen paths are only used for requests whose path the reference does not know', () => {
	const byId = new Map(load().map((e) => [e.id, e]));
	for (const [id, p] of Object.entries(CHOSEN)) {
		expect([id, byId.has(id), byId.get(id) && byId.get(id).path]).toEqual([id, true, null]);
		expect(p.startsWith('/api/v1.1/')).toBe(true);
	}
});

maybe('every request of the covered resources is implemented', () => {
	const paths = new Set(createRouter().paths());
	const missing = load()
		.filter((e) => COVERED.includes(e.resource))
		.filter((e) => !paths.has(e.path === null ? CHOSEN[e.id] : e.path.replace('{path}', '')))
		.map((e) => `${e.id} ${e.path}`);
	expect(missing).toEqual([]);
});
