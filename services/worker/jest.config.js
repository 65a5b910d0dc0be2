const path = require('node:path');
const preset = require('../../scripts/jest-preset.js');

module.exports = {
  ...preset,
  rootDir: __dirname,
  moduleNameMapper: {
    // The worker bundles `@ordo/workflows/dist/workflows`; tests bundle its source instead (never a stale build).
    '^@ordo/workflows/dist/(.*)$': path.resolve(__dirname, '../../workflows/src/$1'),
    ...preset.moduleNameMapper,
  },
};
