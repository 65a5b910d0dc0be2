import { type ProcessDefinition, searchAttributes, startedStage } from '@ordo/workflows';
import { literal, literalList } from '../temporal/visibility';

/** Stages of a past-due receivable, by the `dunning_stage` label they are counted under. */
export const receivableStages: Readonly<Record<string, 'reminders' | 'collections'>> = {
  dunning: 'reminders',
  collections: 'collections',
};

/** Stages with an open invoice, by the `dunning_stage` its outstanding amount is summed under. */
export const openInvoiceStages: Readonly<Record<string, 'not_due' | 'reminders' | 'collections'>> = {
  'awaiting-payment': 'not_due',
  ...receivableStages,
};

export type GaugeName = 'inFlight' | 'openTasks' | 'overdueTasks';

/** One visibility count and where its result goes. */
export interface GaugeQuery {
  gauge: GaugeName;
  labels: Record<string, string>;
  query: string;
}

const running = `ExecutionStatus = 'Running'`;

/** Stages an instance can be counted in while running; `closed` lasts only until the workflow returns. */
export function runningStages(definition: ProcessDefinition): string[] {
  return [startedStage, ...(definition.stages ?? []).filter((stage) => stage !== 'closed')];
}

/** The roles any task of the catalog may be offered to (escalation targets are roles of task types too). */
export function catalogRoles(definitions: Iterable<ProcessDefinition>): string[] {
  const roles = new Set<string>();
  for (const definition of definitions)
    for (const taskType of definition.taskTypes) for (const role of taskType.roles) roles.add(role);
  return [...roles].sort();
}

/**
 * Every count the gauges need, from the catalog: running instances per process and stage, and running
 * instances with an open task per role, all of them and those whose earliest open task is past `now`.
 */
export function visibilityGaugeQueries(definitions: readonly ProcessDefinition[], now: Date): GaugeQuery[] {
  const { process, stage, openTaskRoles, nextTaskDueAt } = searchAttributes;
  const inFlight = definitions.flatMap((definition) =>
    runningStages(definition).map((name) => ({
      gauge: 'inFlight' as const,
      labels: { process: definition.name, stage: name },
      query: `${process.name} = ${literal(definition.name)} AND ${running} AND ${stage.name} = ${literal(name)}`,
    })),
  );
  const byRole = catalogRoles(definitions).flatMap((role) => {
    const withTask = `${running} AND ${openTaskRoles.name} = ${literal(role)}`;
    return [
      { gauge: 'openTasks' as const, labels: { role }, query: withTask },
      {
        gauge: 'overdueTasks' as const,
        labels: { role },
        query: `${withTask} AND ${nextTaskDueAt.name} < ${literal(now.toISOString())}`,
      },
    ];
  });
  return [...inFlight, ...byRole];
}

/** Running instances of the catalog's processes that carry an amount: what the value gauges sum. */
export function valuedInstancesQuery(definitions: readonly ProcessDefinition[]): string {
  const { process, amount, currency } = searchAttributes;
  // The currency marks an instance whose value is in its memo; OrdoAmount one that began before amounts moved there.
  return `${running} AND ${process.name} IN ${literalList(definitions.map((definition) => definition.name))} AND (${currency.name} IS NOT NULL OR ${amount.name} IS NOT NULL)`;
}
