import { type ProcessDefinition, searchAttributes } from '@ordo/workflows';
import { literal } from '../temporal/visibility';

/** The three counts of a process's overview row, as visibility queries. */
export interface OverviewQueries {
  inFlight: string;
  completedToday: string;
  /** Absent when the SLA target is not in days, hours, minutes or seconds: then nothing is measured against it. */
  openPastSla?: string;
}

/** Midnight UTC of `now`'s day: "today" is the same for every reader, whatever their time zone. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Running instances, instances that completed (business status COMPLETED, not rejected or cancelled) since the start
 * of the UTC day, and running instances older than the SLA's completion target: each one count in visibility.
 */
export function overviewQueries(
  definition: ProcessDefinition,
  now: Date,
  slaSeconds: number | undefined,
): OverviewQueries {
  const { process, status } = searchAttributes;
  const ofProcess = `${process.name} = ${literal(definition.name)}`;
  const running = `${ofProcess} AND ExecutionStatus = 'Running'`;
  const slaCutoff = slaSeconds === undefined ? undefined : new Date(now.getTime() - slaSeconds * 1000);
  return {
    inFlight: running,
    completedToday: `${ofProcess} AND ${status.name} = 'COMPLETED' AND CloseTime >= ${literal(startOfUtcDay(now).toISOString())}`,
    ...(slaCutoff && { openPastSla: `${running} AND StartTime < ${literal(slaCutoff.toISOString())}` }),
  };
}
