// The console's own tests run in Node: the generated API types checked against the API's document, pure helpers,
// and the browser tests, which drive Debian's Chromium through playwright-core against the real stack.
module.exports = {
  ...require('../../scripts/jest-preset.js'),
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
