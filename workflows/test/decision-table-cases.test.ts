/**
 * Runs every decision table's case file: each table JSON (a file with a `hitPolicy`) under src/ and
 * test/decision-tables/ must have a `<table>.cases.json` beside it, listing inputs and the expected
 * answer (the output of a single-hit table, the list of a multi-hit one, the number of an aggregate)
 * or the error the inputs must cause.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { type Decision, decide, loadDecisionTable } from '../src/lib/decision-table';

const workspace = join(__dirname, '..');
const roots = [join(workspace, 'src'), join(__dirname, 'decision-tables')];

const caseFileSchema = z
  .object({
    cases: z
      .array(
        z
          .object({
            name: z.string().optional(),
            inputs: z.record(z.string(), z.unknown()),
            expected: z.unknown().optional(),
            rule: z.string().optional(),
            rules: z.array(z.string()).optional(),
            error: z.string().optional(),
          })
          .strict()
          .refine((c) => 'expected' in c !== 'error' in c, 'a case has either "expected" or "error"'),
      )
      .min(1),
  })
  .strict();

function jsonFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return jsonFilesUnder(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const isCaseFile = (path: string) => path.endsWith('.cases.json');
const isTable = (path: string) => {
  const json = readJson(path);
  return typeof json === 'object' && json !== null && 'hitPolicy' in json;
};

const files = roots.flatMap(jsonFilesUnder);
const tables = files.filter((path) => !isCaseFile(path) && isTable(path));
const caseFiles = files.filter(isCaseFile);
const caseFileOf = (table: string) => table.replace(/\.json$/, '.cases.json');

function answerOf(decision: Decision<unknown>): unknown {
  switch (decision.kind) {
    case 'single':
      return decision.output;
    case 'list':
      return decision.outputs;
    case 'aggregate':
      return decision.value;
  }
}

const rulesOf = (decision: Decision<unknown>): readonly string[] =>
  decision.kind === 'single' ? [decision.ruleId] : decision.ruleIds;

test('the decision tables of the processes are found', () => {
  expect(tables.map((path) => relative(workspace, path))).toContain('src/order-to-cash/approval-table.json');
});

test('every table has a case file and every case file a table', () => {
  expect(
    tables.filter((table) => !caseFiles.includes(caseFileOf(table))).map((path) => relative(workspace, path)),
  ).toEqual([]);
  expect(
    caseFiles.filter((cases) => !tables.map(caseFileOf).includes(cases)).map((path) => relative(workspace, path)),
  ).toEqual([]);
});

describe.each(tables.map((path) => [relative(workspace, path), path] as const))('%s', (_, path) => {
  const table = loadDecisionTable(readJson(path));
  const { cases } = caseFileSchema.parse(readJson(caseFileOf(path)));

  test.each(cases.map((c) => [c.name ?? JSON.stringify(c.inputs), c] as const))('%s', (_name, c) => {
    if (c.error !== undefined) {
      expect(() => decide(table, c.inputs as never)).toThrow(c.error);
      return;
    }
    const decision = decide(table, c.inputs as never);
    expect(answerOf(decision)).toEqual(c.expected);
    if (c.rule !== undefined) expect(rulesOf(decision)).toEqual([c.rule]);
    if (c.rules !== undefined) expect(rulesOf(decision)).toEqual(c.rules);
    expect(decision.record).toMatchObject({ table: table.name, version: table.version });
  });
});
