const { task, src, dest, parallel } = require('gulp');

// Icons live beside the node and the credential; n8n loads them from dist/.
const copy = (folder) => () => src(`${folder}/**/*.{png,svg}`, { encoding: false }).pipe(dest(`dist/${folder}`));

task('build:icons', parallel(copy('nodes'), copy('credentials')));
