// The bench workspace's tests (plain CommonJS, no transform): the verification logic, and the small chaos run that
// `npm test` includes (`npm run chaos` is the full one).
const path = require('node:path');

const scripts = path.resolve(__dirname, '..', 'scripts');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.js'],
  transform: {},
  testTimeout: 60_000,
  globalSetup: path.join(scripts, 'jest-global-setup.js'),
  reporters: ['default', path.join(scripts, 'jest-results-reporter.js')],
};
