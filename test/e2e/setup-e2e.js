// setupFiles of test/e2e/jest.config.js: switches the end-to-end tests on. Under the regular `jest` (jest.config.js at
// the root) this file is not loaded, so test/e2e/*.test.ts report as skipped there instead of needing n8n.
process.env.ALTCRAFT_E2E = '1';
