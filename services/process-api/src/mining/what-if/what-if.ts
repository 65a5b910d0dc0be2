import { decide, type DecisionTable, DecisionTableError } from '@ordo/workflows';
import type { ActivityBottleneck } from '../store/mining-analyses';
import type { MiningCase } from '../store/mining-records';
import type { DecisionBinding } from './decision-bindings';
import type { WhatIfAnswer } from '@ordo/api-views';

export type { WhatIfAnswer };

/** The route of a case whose human work the table decides no task for (a null output). */
export const noTaskRoute = 'none';
/** The route of a case the candidate table has no rule for: it would fail in the process. */
export const noRuleRoute = 'no-rule-matches';

function routeOf(value: unknown): string {
  return value === null || value === undefined ? noTaskRoute : String(value);
}

/** The rule the case's result records for this table, e.g. `above-10000` from `order-approval:above-10000`. */
function firedRule(record: MiningCase, table: string): string | undefined {
  const entry = (record.ruleFired ?? '').split(',').find((fired) => fired.startsWith(`${table}:`));
  return entry?.slice(table.length + 1);
}

function routeBy(table: DecisionTable, inputs: Record<string, unknown>, output: string): string {
  try {
    const decision = decide(table, inputs as never);
    if (decision.kind === 'single') return routeOf((decision.output as Record<string, unknown>)[output]);
    if (decision.kind === 'list')
      return (
        decision.outputs.map((entry) => routeOf((entry as Record<string, unknown>)[output])).join('+') || noTaskRoute
      );
    return routeOf(decision.value);
  } catch (error) {
    if (error instanceof DecisionTableError) return noRuleRoute;
    throw error;
  }
}

/** Hours per task of each role: its own measured mean, else the mean over the task type's roles. */
function hoursPerTaskOf(bottlenecks: readonly ActivityBottleneck[], taskType: string) {
  const rows = bottlenecks.filter((row) => row.kind === 'task' && row.activity === taskType);
  const count = rows.reduce((sum, row) => sum + row.count, 0);
  const overall = count === 0 ? 0 : rows.reduce((sum, row) => sum + row.working.total, 0) / count / 3600;
  return (role: string) => {
    const own = rows.find((row) => row.role === role);
    return own && own.count > 0
      ? { hoursPerTask: own.working.mean / 3600, measuredTasks: own.count }
      : { hoursPerTask: overall, measuredTasks: 0 };
  };
}

const rounded = (hours: number) => Math.round(hours * 1e6) / 1e6;

/**
 * The candidate table on the recorded inputs of the cases (newest first, at most `last` with a recorded decision):
 * the route each took (the committed table's answer for the rule its result records) against the one the candidate
 * gives. Pure: nothing is written, nothing is started.
 */
export function whatIf(
  binding: DecisionBinding,
  candidate: DecisionTable,
  cases: readonly MiningCase[],
  bottlenecks: readonly ActivityBottleneck[],
  last: number,
): WhatIfAnswer {
  const newestFirst = [...cases].sort((x, y) => y.startedMs - x.startedMs || x.caseId.localeCompare(y.caseId));
  const decided = newestFirst.filter(
    (record) => firedRule(record, binding.committed.name) !== undefined && binding.inputsOf(record) !== undefined,
  );
  const chosen = decided.slice(0, last);
  const routesBefore = new Map<string, number>();
  const routesAfter = new Map<string, number>();
  const changedInstances: WhatIfAnswer['changedInstances'] = [];
  for (const record of chosen) {
    const inputs = binding.inputsOf(record)!;
    const ruleId = firedRule(record, binding.committed.name)!;
    const rule = binding.committed.rules.find((candidateRule) => candidateRule.id === ruleId);
    const before = rule
      ? routeOf((rule.then as Record<string, unknown>)[binding.routeOutput])
      : routeBy(binding.committed, inputs, binding.routeOutput);
    const after = routeBy(candidate, inputs, binding.routeOutput);
    routesBefore.set(before, (routesBefore.get(before) ?? 0) + 1);
    routesAfter.set(after, (routesAfter.get(after) ?? 0) + 1);
    if (before !== after) changedInstances.push({ businessKey: record.caseId, before, after });
  }
  const routeNames = [...new Set([...routesBefore.keys(), ...routesAfter.keys()])].sort();
  const perTask = hoursPerTaskOf(bottlenecks, binding.taskType);
  const roles = routeNames.filter((route) => route !== noTaskRoute && route !== noRuleRoute);
  return {
    table: { name: candidate.name, version: candidate.version },
    evaluated: chosen.length,
    skipped: newestFirst.length - decided.length,
    changed: changedInstances.length,
    routes: routeNames.map((route) => ({
      route,
      before: routesBefore.get(route) ?? 0,
      after: routesAfter.get(route) ?? 0,
    })),
    workload: roles.map((role) => {
      const tasksBefore = routesBefore.get(role) ?? 0;
      const tasksAfter = routesAfter.get(role) ?? 0;
      const { hoursPerTask, measuredTasks } = perTask(role);
      return {
        role,
        tasksBefore,
        tasksAfter,
        hoursBefore: rounded(tasksBefore * hoursPerTask),
        hoursAfter: rounded(tasksAfter * hoursPerTask),
        hoursPerTask: rounded(hoursPerTask),
        measuredTasks,
      };
    }),
    changedInstances: changedInstances.sort((x, y) => x.businessKey.localeCompare(y.businessKey)),
  };
}
