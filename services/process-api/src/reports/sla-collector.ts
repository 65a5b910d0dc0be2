import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  type ProcessDefinition,
  processCatalog,
  type SlaBottleneck,
  type SlaFigures,
  type SlaProcessRow,
  searchAttributes,
} from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { isoDurationSeconds } from '../mining/analysis/iso-duration';
import { MiningStoreProvider } from '../mining/store/mining-store.provider';
import { listExecutionsUpTo, literal } from '../temporal/visibility';

const dayMs = 86_400_000;
/** Instances one listing reads (closed in the period; running with an overdue task). */
const maxInstances = 50_000;

/**
 * The SLA figures of every catalog process over a period: breaches against the catalog's completion target (closed
 * in the period after longer than it, or still running past it), open tasks past their due time (visibility and the
 * `OrdoOpenTasks` memo, as the inbox reads them) and the three worst waits from process intelligence's store, read
 * through its `MiningStore` interface only.
 */
@Injectable()
export class SlaCollector {
  private readonly logger = new Logger(SlaCollector.name);

  constructor(
    private readonly client: Client,
    private readonly modules: ModuleRef,
  ) {}

  async collect(asOf: string, periodDays: number): Promise<SlaFigures> {
    const asOfMs = Date.parse(asOf);
    const from = new Date(asOfMs - periodDays * dayMs).toISOString();
    const processes: SlaProcessRow[] = [];
    for (const definition of processCatalog.values()) processes.push(await this.row(definition, from, asOf));
    return { asOf, from, processes };
  }

  private async row(definition: ProcessDefinition, from: string, asOf: string): Promise<SlaProcessRow> {
    const targetSeconds = isoDurationSeconds(definition.sla.completionTarget);
    const ofProcess = `${searchAttributes.process.name} = ${literal(definition.name)}`;
    const closed = await this.list(
      `${ofProcess} AND ExecutionStatus != 'Running' AND CloseTime >= '${from}' AND CloseTime <= '${asOf}'`,
    );
    const tookLonger = (startedAt: string | null, endMs: number) =>
      targetSeconds !== undefined && startedAt !== null && (endMs - Date.parse(startedAt)) / 1000 > targetSeconds;
    const breachedClosed = closed.filter((execution) =>
      tookLonger(execution.startedAt, Date.parse(execution.closedAt ?? asOf)),
    ).length;
    const breachedRunning =
      targetSeconds === undefined
        ? 0
        : (
            await this.client.workflow.count(
              `${ofProcess} AND ExecutionStatus = 'Running' AND ` +
                `StartTime < '${new Date(Date.parse(asOf) - targetSeconds * 1000).toISOString()}'`,
            )
          ).count;
    const withOverdue = await this.list(
      `${ofProcess} AND ExecutionStatus = 'Running' AND ${searchAttributes.nextTaskDueAt.name} < '${asOf}'`,
    );
    const asOfMs = Date.parse(asOf);
    // The memo lists each open task with its due time; without it, the attribute still says one is overdue.
    const overdueTasks = withOverdue.reduce(
      (sum, execution) => sum + (execution.openTasks?.filter((task) => Date.parse(task.dueAt) < asOfMs).length ?? 1),
      0,
    );
    return {
      process: definition.name,
      completionTarget: definition.sla.completionTarget,
      targetDescription: definition.sla.description,
      closedInPeriod: closed.length,
      breachedClosed,
      breachedRunning,
      overdueTasks,
      bottlenecks: await this.bottlenecks(definition, from, asOf),
    };
  }

  private async list(query: string) {
    const { executions, complete } = await listExecutionsUpTo(this.client, query, maxInstances);
    if (!complete) this.logger.warn(`sla: more than ${maxInstances} instances match ${query}; counted the first`);
    return executions;
  }

  /** The three activities with the longest median wait among the cases started in the period. */
  private async bottlenecks(definition: ProcessDefinition, from: string, asOf: string): Promise<SlaBottleneck[]> {
    const store = await this.modules.get(MiningStoreProvider, { strict: false }).store();
    const rows = await store.bottlenecks({
      process: definition.name,
      fromMs: Date.parse(from),
      toMs: Date.parse(asOf),
    });
    return [...rows]
      .sort((a, b) => b.waiting.p50 - a.waiting.p50 || a.activity.localeCompare(b.activity))
      .slice(0, 3)
      .map((row) => ({
        activity: row.activity,
        role: row.role,
        count: row.count,
        waitingP50Seconds: row.waiting.p50,
        shareOfCycleTime: row.shareOfCycleTime,
      }));
  }
}
