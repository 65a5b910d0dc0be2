import { type DecisionTable, DecisionTableDefinitionError, loadDecisionTable } from '@ordo/workflows';
import { type ErrorDetail, RequestValidationError } from '../../errors/api-error';
import type { DecisionBinding } from './decision-bindings';

const topLevel = new Set(['name', 'version', 'description', 'hitPolicy', 'aggregation', 'inputs', 'outputs', 'rules']);

/** The field a load-time problem concerns, as a path under `prefix` (`table` or `dmn`), read from its wording. */
export function pathOfProblem(problem: string, prefix: string): string {
  const zodPath = /^([A-Za-z_][\w.]*): /.exec(problem)?.[1];
  if (zodPath && topLevel.has(zodPath.split('.')[0]!)) return `${prefix}.${zodPath}`;
  const rule = /^rules? (\d+)/.exec(problem)?.[1];
  if (rule) return `${prefix}.rules.${Number(rule) - 1}`;
  const io = /^(input|output) "([^"]+)"/.exec(problem);
  if (io) return `${prefix}.${io[1]}s.${io[2]}`;
  if (problem.startsWith('hit policy')) return `${prefix}.hitPolicy`;
  if (problem.startsWith('aggregation')) return `${prefix}.aggregation`;
  return prefix;
}

/**
 * A candidate table, checked exactly as the process checks its committed one when its module loads (shape, types,
 * hit policy, UNIQUE overlaps, agreement with the code's signature), and required to be the same table (its name):
 * every problem becomes a 400 detail naming the field.
 */
export function loadCandidateTable(json: unknown, binding: DecisionBinding, prefix: string): DecisionTable {
  let table: DecisionTable;
  try {
    table = loadDecisionTable(json, binding.signature) as unknown as DecisionTable;
  } catch (error) {
    if (!(error instanceof DecisionTableDefinitionError)) throw error;
    const details: ErrorDetail[] = error.problems.map((problem) => ({
      path: pathOfProblem(problem, prefix),
      message: problem,
    }));
    throw new RequestValidationError(details);
  }
  if (table.name !== binding.committed.name)
    throw new RequestValidationError([
      {
        path: `${prefix}.name`,
        message: `must be ${binding.committed.name}, the table ${binding.process} routes with (got ${table.name})`,
      },
    ]);
  return table;
}
