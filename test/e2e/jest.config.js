// The end-to-end suite: the packed package inside a real n8n runtime (see test/e2e/README.md).
//   npm run test:e2e                 (= jest -c test/e2e/jest.config.js)
// The regular `jest` (root jest.config.js) also finds test/e2e/*.test.ts but reports them as skipped, because only
// this config loads setup-e2e.js; add '/test/e2e/' to its testPathIgnorePatterns to leave them out entirely.
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
	rootDir: path.resolve(__dirname, '..', '..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: 'tsconfig.test.json' }],
	},
	setupFiles: ['<rootDir>/test/setup-env.js', '<rootDir>/test/e2e/setup-e2e.js'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
	// Each test file runs its own n8n processes one after another; two files at a time keep two cores busy.
	maxWorkers: Number(process.env.ALTCRAFT_E2E_WORKERS) || 2,
	testTimeout: 240000,
	slowTestThreshold: 60,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
