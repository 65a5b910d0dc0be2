// The scripts' own tests (plain CommonJS, no transform). Part of `npm test` via scripts/test.js.
const path = require('node:path');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  transform: {},
  reporters: ['default', path.join(__dirname, 'jest-results-reporter.js')],
  testTimeout: 180_000,
};
