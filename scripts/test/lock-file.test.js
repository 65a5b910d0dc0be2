// npm ci takes the committed lock as it is: no optional dependency (another platform's binary) lacks its entry.
const { optionalDependenciesWithoutEntry } = require('../lib/lock-file');
const committedLock = require('../../package-lock.json');

describe('the committed package-lock.json', () => {
  test('has an entry for every optional dependency it names, other platforms included', () => {
    expect(optionalDependenciesWithoutEntry(committedLock)).toEqual([]);
  });

  test('names @swc/core platform binaries, which npm ci needs on every machine', () => {
    const swc = committedLock.packages['node_modules/@swc/core'];
    const binaries = Object.keys(swc.optionalDependencies);
    expect(binaries).toEqual(expect.arrayContaining(['@swc/core-linux-x64-gnu', '@swc/core-darwin-arm64']));
  });
});

describe('optionalDependenciesWithoutEntry', () => {
  test('reports an optional dependency with no entry, and resolves nested ones from the nearest node_modules', () => {
    const lock = {
      packages: {
        '': { name: 'root' },
        'node_modules/tool': { optionalDependencies: { 'tool-linux': '1.0.0', 'tool-darwin': '1.0.0' } },
        'node_modules/tool-linux': { version: '1.0.0' },
        'node_modules/outer/node_modules/inner': { optionalDependencies: { helper: '1.0.0', shared: '1.0.0' } },
        'node_modules/outer/node_modules/helper': { version: '1.0.0' },
        'node_modules/shared': { version: '1.0.0' },
      },
    };
    expect(optionalDependenciesWithoutEntry(lock)).toEqual(['node_modules/tool -> tool-darwin']);
  });
});
