// Removes the temporary folder of the end-to-end run (packed tarball, extension, n8n user folders), unless
// ALTCRAFT_E2E_KEEP=1 asks to keep it for inspection.
const fs = require('node:fs');

module.exports = async function globalTeardown() {
	const tmp = process.env.ALTCRAFT_E2E_TMP;
	if (!tmp) return;
	if (process.env.ALTCRAFT_E2E_KEEP === '1') {
		process.stderr.write(`[e2e] kept ${tmp}\n`);
		return;
	}
	fs.rmSync(tmp, { recursive: true, force: true });
};
