const fs = require('node:fs');
const { task, src, dest, parallel, series } = require('gulp');

// Icons live beside the node and the credential; n8n loads them from dist/.
const copy = (folder) => () => src(`${folder}/**/*.{png,svg}`, { encoding: false }).pipe(dest(`dist/${folder}`));

task('build:icons', parallel(copy('nodes'), copy('credentials')));

// Output schemas (`npm run schemas`): n8n's editor reads <node folder>/__schema__/v<version>/<resource>/<operation>.json
// beside the node's .js file to show the output fields before the first run. Files of removed operations must not
// linger in dist/, so the folder is replaced as a whole.
const SCHEMAS = 'nodes/Altcraft/__schema__';
task(
	'build:schemas',
	series(
		async () => fs.rmSync(`dist/${SCHEMAS}`, { recursive: true, force: true }),
		() => src(`${SCHEMAS}/**/*.json`).pipe(dest(`dist/${SCHEMAS}`)),
	),
);
