/**
 * Registration of a process is single-sourced where it can be, and checked where it cannot: a catalog entry names its
 * workflow by the export name of the workflow function (`workflowType`). The compiler checks that name against the
 * bundle entry (`BundledWorkflowType` in lib/process-definition.ts); this test checks the same at run time, and that
 * every catalog process has recorded histories of that very workflow type (README, "Adding a process").
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processCatalog } from '../src/catalog';
import { ordoTaskQueue } from '../src/lib/process-definition';
import { internalWorkflowTypes } from '../src/mining/contract';
import { recordedHistoriesDir } from './replay';

// The bundle entry as the worker's webpack bundle sees it; loading it outside a workflow only defines functions.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bundle = require('../src/workflows') as Record<string, unknown>;

const definitions = [...processCatalog.values()];

/** Workflow type names of the recorded histories of one process version (from each history's first event). */
function recordedWorkflowTypes(processName: string, version: string): string[] {
  const folder = join(recordedHistoriesDir, processName, version);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const history = JSON.parse(readFileSync(join(folder, file), 'utf8')) as {
        events: Array<{ workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } } }>;
      };
      return (
        history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? `(no start event in ${file})`
      );
    });
}

describe('catalog registration (README, Adding a process)', () => {
  it.each(definitions.map((definition) => [definition.name, definition.workflowType]))(
    '%s: workflow type %s is a function the bundle entry workflows.ts exports under that name',
    (_name, workflowType) => {
      const exported = bundle[workflowType];
      expect(typeof exported).toBe('function');
      expect((exported as { name: string }).name).toBe(workflowType);
    },
  );

  it.each(definitions.map((definition) => [definition.name, definition.version, definition.workflowType]))(
    '%s %s: every recorded history under test/histories/<process>/<version>/ is of workflow type %s',
    (name, version, workflowType) => {
      const types = recordedWorkflowTypes(name, version);
      expect(types.length).toBeGreaterThan(0);
      expect(new Set(types)).toEqual(new Set([workflowType]));
    },
  );

  it('every workflow function of the bundle is a catalog process (or a declared internal workflow), each name once', () => {
    const exportedFunctions = Object.entries(bundle)
      .filter(([, value]) => typeof value === 'function')
      .filter(([name]) => !internalWorkflowTypes.includes(name))
      .map(([name]) => name)
      .sort();
    expect(definitions.map((definition) => definition.workflowType).sort()).toEqual(exportedFunctions);
    expect(new Set(definitions.map((definition) => definition.name)).size).toBe(definitions.length);
  });

  it('every catalog process runs on the Ordo task queue, declares its stages (closed among them) and who acts on each task type', () => {
    for (const definition of definitions) {
      expect(definition.taskQueue).toBe(ordoTaskQueue);
      expect(definition.stages?.length ?? 0).toBeGreaterThan(0);
      expect(definition.stages).toContain('closed');
      for (const taskType of definition.taskTypes) expect(taskType.roles.length).toBeGreaterThan(0);
    }
  });

  it.each(definitions.map((definition) => [definition.name]))(
    '%s: `npm run record-histories -w @ordo/workflows` runs a test file that records its scenarios',
    (name) => {
      const script = (
        JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { scripts: Record<string, string> }
      ).scripts['record-histories'];
      const pattern = /--testPathPatterns '([^']+)'/.exec(script ?? '')?.[1];
      expect(pattern).toBeDefined();
      const recorders = readdirSync(__dirname)
        .filter((file) => file.endsWith('.test.ts') && new RegExp(pattern!).test(file))
        .filter((file) => readFileSync(join(__dirname, file), 'utf8').includes(`replayScenario(handle, '${name}'`));
      expect(recorders.length).toBeGreaterThan(0);
    },
  );

  it('the history folders hold only catalog processes', () => {
    const folders = existsSync(recordedHistoriesDir) ? readdirSync(recordedHistoriesDir) : [];
    expect(folders.filter((folder) => !processCatalog.has(folder))).toEqual([]);
  });
});
