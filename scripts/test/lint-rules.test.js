// The import table of docs/ARCHITECTURE.md §2 as eslint.config.mjs enforces it: each forbidden import is refused
// where the table forbids it, and the imports the table allows pass.
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const importRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-syntax'];

/** The import-rule messages ESLint gives each snippet, linted as the file it names. */
function importProblemsOf(snippets) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [path.join(__dirname, 'support/lint-snippets.mjs')], {
    input: JSON.stringify(snippets),
    encoding: 'utf8',
  });
  if (status !== 0) throw new Error(`linting the snippets failed: ${stderr}`);
  return JSON.parse(stdout).map((messages) =>
    messages.filter(({ ruleId }) => importRules.includes(ruleId)).map(({ message }) => message),
  );
}

const importing = (specifier) => `import { something } from '${specifier}';\nexport const value = something;\n`;

const forbidden = [
  ['workflows/src/order-to-cash/workflow.ts', 'node:fs', /deterministic/],
  ['workflows/src/order-to-cash/workflow.ts', '@temporalio/client', /only @temporalio\/workflow/],
  ['workflows/src/order-to-cash/workflow.ts', '@ordo/activities', /Only the worker runs activity code/],
  ['services/process-api/src/processes/example.ts', '@ordo/activities', /Only the worker runs activity code/],
  ['services/process-api/src/processes/example.ts', '@temporalio/activity', /Only the worker runs activity code/],
  ['activities/src/erp/activities.ts', '@ordo/worker', /Nothing imports a service/],
  ['libs/codec/src/example.ts', '@ordo/process-api', /Nothing imports a service/],
  ['services/worker/src/example.ts', '@ordo/workflows/dist/catalog', /public entry point/],
  ['services/worker/test/example.test.ts', '../../../activities/test/support/x', /package name/],
  ['deploy/prometheus/test/example.test.ts', '../../grafana/src/metrics', /package name/],
];

const allowed = [
  ['workflows/src/order-to-cash/workflow.ts', '@temporalio/workflow'],
  ['workflows/src/order-to-cash/workflow.ts', '../lib/human-task'],
  ['services/process-api/src/processes/example.ts', '@ordo/workflows'],
  ['services/process-api/src/processes/example.ts', '../config/api-config'],
  ['services/worker/src/example.ts', '@ordo/activities'],
  ['services/worker/test/example.test.ts', '@ordo/testing'],
  ['services/process-api/test/example.test.ts', '@ordo/activities'],
];

const distRequire = { file: 'bench/lib/example.js', code: "const { x } = require('@ordo/worker/dist/config');\n" };

let problems;
beforeAll(() => {
  problems = importProblemsOf([
    ...forbidden.map(([file, specifier]) => ({ file, code: importing(specifier) })),
    ...allowed.map(([file, specifier]) => ({ file, code: importing(specifier) })),
    distRequire,
  ]);
});

describe('the import table is enforced', () => {
  it.each(forbidden.map((row, index) => [...row, index]))(
    '%s may not import %s',
    (_file, _specifier, expected, index) => {
      expect(problems[index]).toEqual([expect.stringMatching(expected)]);
    },
  );

  it.each(allowed.map((row, index) => [...row, forbidden.length + index]))(
    '%s may import %s',
    (_file, _specifier, index) => {
      expect(problems[index]).toEqual([]);
    },
  );

  it('refuses a require of build output in plain JS (the benchmarks)', () => {
    expect(problems.at(-1)).toEqual([expect.stringMatching(/public entry point/)]);
  });
});
