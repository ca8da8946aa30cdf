import { config } from '@n8n/node-cli/eslint';

// n8n's own community-node configuration (all three eslint-plugin-n8n-nodes-base rule sets plus the
// community-node rules) for nodes/, credentials/ and package.json. Tests, the emulator and scripts are not
// node code: they may use process, timers and files, and are type-checked by `npm run typecheck`.
export default [{ ignores: ['dist/**', 'test/**', 'emulator/**', 'scripts/**', 'examples/**', '.cache/**'] }, ...config];
