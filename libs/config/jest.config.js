module.exports = { ...require('../../scripts/jest-preset.js'), rootDir: __dirname };
