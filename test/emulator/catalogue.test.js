'use strict';

const fs = require('node:fs');
const { createRouter } = require('../../emulator/handlers');

const CATALOGUE = '/work/shared/altcraft-api/endpoints.json';
const maybe = fs.existsSync(CATALOGUE) ? test : test.skip;

maybe('every implemented route uses the documented path spelling of endpoints.json', () => {
	const entries = JSON.parse(fs.readFileSync(CATALOGUE, 'utf8'));
	const documented = new Set(entries.filter((e) => typeof e.path === 'string').map((e) => e.path.replace('{path}', '')));
	const paths = createRouter().paths();
	expect(paths.length).toBeGreaterThanOrEqual(21);
	for (const p of paths) expect([p, documented.has(p)]).toEqual([p, true]);
});
