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
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
};
