// One lint configuration for every workspace. Besides the usual checks it encodes the import table of
// docs/ARCHITECTURE.md §2, so a workflow that imports I/O or a service that reaches into another workspace
// fails `npm test` instead of relying on review.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const services = ['@ordo/process-api', '@ordo/worker', '@ordo/sandbox', '@ordo/console'];

const serviceImports = {
  group: [...services, ...services.map((name) => `${name}/*`)],
  message: 'Nothing imports a service (docs/ARCHITECTURE.md §2); share code through a library workspace.',
};
const distImports = {
  group: ['@ordo/*/dist', '@ordo/*/dist/*', '**/dist/*'],
  message: "Import a package's public entry point, never its build output.",
};
const crossWorkspaceImports = {
  // A relative path climbing into another workspace's folder: depend on the package by name instead.
  regex: '^(\\.\\./)+(activities|workflows|libs|services|deploy|bench|process-api|sandbox|console|grafana|prometheus)/',
  message: "Another workspace's files are reached through its package name, never by a relative path.",
};
const activityImports = {
  group: ['@ordo/activities', '@ordo/activities/*', '@temporalio/activity'],
  message: 'Only the worker runs activity code (docs/ARCHITECTURE.md §2).',
};
const nodeBuiltins = {
  group: ['node:*', 'fs', 'fs/*', 'path', 'http', 'https', 'net', 'crypto', 'os', 'child_process', 'worker_threads'],
  message: 'Workflow code is deterministic: no I/O or Node built-ins (use activities).',
};
const nonWorkflowTemporal = {
  group: ['@temporalio/client', '@temporalio/worker', '@temporalio/testing', '@temporalio/proto'],
  message: 'Workflows import only @temporalio/workflow and @temporalio/common (docs/ARCHITECTURE.md §2).',
};

const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

// `require()` in plain JS files (scripts, bench) is not an import to the rule above.
const noDistRequire = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "CallExpression[callee.name='require'] > Literal[value=/(^@ordo\\/[^/]+\\/dist)|(\\/dist\\/)/]",
      message: "Require a package's public entry point, never its build output.",
    },
  ],
};

export default defineConfig(
  {
    ignores: ['**/node_modules/', '**/dist/', '.data/', '.nx/', '**/coverage/', 'bench/tmp/', 'bench/results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off', ...noDistRequire },
  },
  {
    // Tests read JSON answers loosely on purpose: the assertions, not the types, say what is expected.
    files: ['**/test/**', '**/*.test.ts', 'libs/testing/**'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Every workspace: no service, no build output, no other workspace's files.
  { files: ['**/*.ts', '**/*.tsx'], rules: restrict(serviceImports, distImports, crossWorkspaceImports) },
  // Workflows: deterministic, so only the workflow SDK and pure libraries.
  {
    files: ['workflows/src/**/*.ts'],
    rules: restrict(
      serviceImports,
      distImports,
      crossWorkspaceImports,
      activityImports,
      nodeBuiltins,
      nonWorkflowTemporal,
    ),
  },
  // The API talks to Temporal as a client and never runs activity code (its integration tests may run a worker).
  {
    files: ['services/process-api/src/**/*.ts'],
    rules: restrict(serviceImports, distImports, crossWorkspaceImports, activityImports),
  },
  // The API's one activity of its own, process mining's extraction (docs/ARCHITECTURE.md §10), heartbeats; it is
  // still never given activity code from @ordo/activities.
  {
    files: ['services/process-api/src/mining/extraction/mining-worker.service.ts'],
    rules: restrict(serviceImports, distImports, crossWorkspaceImports, {
      group: ['@ordo/activities', '@ordo/activities/*'],
      message: 'Only the worker runs the activities of the external systems (docs/ARCHITECTURE.md §2).',
    }),
  },
  // The benchmarks start the services through their public entry points.
  { files: ['bench/**'], rules: restrict(distImports, crossWorkspaceImports) },
  prettier,
);
