// Shared jest setup for every workspace: SWC for speed, and @ordo/* resolved to TypeScript
// sources so tests never run against a stale build.
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleNameMapper: {
    '^@ordo/workflows$': path.join(root, 'workflows/src/index.ts'),
    '^@ordo/workflows/(.*)$': path.join(root, 'workflows/src/$1'),
    '^@ordo/activities$': path.join(root, 'activities/src/index.ts'),
    '^@ordo/activities/(.*)$': path.join(root, 'activities/src/$1'),
    '^@ordo/codec$': path.join(root, 'libs/codec/src/index.ts'),
    '^@ordo/config$': path.join(root, 'libs/config/src/index.ts'),
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
  // Provides ORDO_TEMPORAL_CLI / ORDO_TEST_SERVER to the tests, obtaining the pinned binaries when needed.
  globalSetup: path.join(__dirname, 'jest-global-setup.js'),
  reporters: ['default', path.join(__dirname, 'jest-results-reporter.js')],
};
