// Writes the output schemas n8n's editor shows before a node's first run: `npm run schemas`.
// Every operation of the Altcraft node runs against the emulator (test/helpers/outputScenarios.ts) through n8n's
// engine with the node's default parameters; a JSON schema is inferred from its output items and written to
// nodes/Altcraft/__schema__/v<version>/<resource>/<operation>.json (gulp copies them into dist/). Re-run it after
// changing what an operation outputs. `node scripts/schemas.js profile/get …` rewrites only the operations named.
require('./ts-register');
// `require('…/Altcraft.node')` in the test helpers must find Altcraft.node.ts, not the codex Altcraft.node.json beside
// it (jest looks for .ts first; node looks for .json before the .ts added by ts-register).
const jsonLoader = require.extensions['.json'];
delete require.extensions['.json'];
require.extensions['.json'] = jsonLoader;
process.env.NO_PROXY = '127.0.0.1,localhost';
const fs = require('node:fs');
const path = require('node:path');

const { Altcraft } = require('../nodes/Altcraft/Altcraft.node.ts');
const { RESOURCES } = require('../nodes/Altcraft/actions/index.ts');
const { EXEMPT, sampleOutputs, startEmulator } = require('../test/helpers/outputScenarios.ts');
const { inferSchema, schemaFile } = require('../test/helpers/jsonSchema.ts');

/** n8n pads the node version to semver: version 1 → v1.0.0. */
function schemaFolder() {
	const { version } = new Altcraft().description;
	const latest = Array.isArray(version) ? Math.max(...version) : version;
	const semver = String(latest).split('.').concat(['0', '0']).slice(0, 3).join('.');
	return path.join(__dirname, '..', 'nodes', 'Altcraft', '__schema__', `v${semver}`);
}

async function main() {
	const only = process.argv.slice(2);
	const folder = schemaFolder();
	const keys = RESOURCES.flatMap((resource) => resource.operations.map((operation) => `${resource.value}/${operation.value}`));
	const unknown = only.filter((key) => !keys.includes(key));
	if (unknown.length > 0) throw new Error(`not operations of the node: ${unknown.join(', ')}`);

	const emu = await startEmulator();
	const failed = [];
	let written = 0;
	try {
		for (const key of only.length > 0 ? only : keys) {
			const file = path.join(folder, `${key}.json`);
			if (EXEMPT[key]) {
				fs.rmSync(file, { force: true });
				continue;
			}
			try {
				const schema = inferSchema(await sampleOutputs(emu, key));
				fs.mkdirSync(path.dirname(file), { recursive: true });
				fs.writeFileSync(file, schemaFile(schema));
				written++;
			} catch (error) {
				failed.push(`${key}: ${error.message}`);
			}
		}
	} finally {
		await emu.close();
	}

	// Files of operations that no longer exist (or became exempt) go.
	if (only.length === 0 && fs.existsSync(folder)) {
		for (const resource of fs.readdirSync(folder)) {
			for (const name of fs.readdirSync(path.join(folder, resource))) {
				const key = `${resource}/${name.replace(/\.json$/, '')}`;
				if (!keys.includes(key) || EXEMPT[key]) fs.rmSync(path.join(folder, resource, name));
			}
			if (fs.readdirSync(path.join(folder, resource)).length === 0) fs.rmdirSync(path.join(folder, resource));
		}
	}

	console.log(`${written} output schemas written to ${path.relative(process.cwd(), folder)}; ${Object.keys(EXEMPT).length} operations exempt`);
	if (failed.length > 0) {
		console.error(`${failed.length} operations could not be sampled:\n  ${failed.join('\n  ')}`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
