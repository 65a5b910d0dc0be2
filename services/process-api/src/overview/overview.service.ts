import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Overview, ProcessOverview } from '@ordo/api-views';
import type { Actor, ProcessDefinition } from '@ordo/workflows';
import { Client } from '@temporalio/client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import { API_CONFIG } from '../config/config.module';
import type { ApiConfig } from '../config/api-config';
import { isoDurationSeconds } from '../mining/analysis/iso-duration';
import { miningReaderRoles } from '../mining/mining-reader.guard';
import { MiningStoreProvider } from '../mining/store/mining-store.provider';
import { countExecutions } from '../temporal/visibility';
import { InboxIndexSync } from '../tasks/inbox-index/inbox-index-sync.service';
import { CentSums } from '../visibility-gauges/value-sums';
import { type LatestValues, VisibilityGauges } from '../visibility-gauges/visibility-gauges.service';
import { dashboardUrlOf } from './dashboard-links';
import { overdueTasksByProcess } from './overdue-tasks';
import { overviewQueries } from './overview-queries';

/**
 * The Console's Overview: per process it oversees, what is in flight, done today, late, and worth. Each figure comes
 * from the part of Ordo that already keeps it — visibility counts (three per process), the inbox index, the
 * visibility gauges' last sums and process intelligence's store — so a page load adds no listing of instances.
 */
@Injectable()
export class OverviewService {
  private readonly logger = new Logger(OverviewService.name);

  constructor(
    private readonly client: Client,
    private readonly catalog: ProcessCatalogService,
    private readonly inboxIndex: InboxIndexSync,
    private readonly modules: ModuleRef,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async overview(actor: Actor, now = new Date()): Promise<Overview> {
    const overseen = this.catalog
      .definitions()
      .filter((definition) => miningReaderRoles(definition).some((role) => actor.roles.includes(role)));
    const overdue = overdueTasksByProcess(this.inboxIndex.index.tasksInOrder(), now.getTime());
    const values = this.latestValues();
    const processes: ProcessOverview[] = [];
    for (const definition of overseen) processes.push(await this.row(definition, now, overdue, values));
    return { asOf: now.toISOString(), valuesAsOf: values?.at.toISOString() ?? null, processes };
  }

  private async row(
    definition: ProcessDefinition,
    now: Date,
    overdue: ReadonlyMap<string, number>,
    values: LatestValues | undefined,
  ): Promise<ProcessOverview> {
    const slaSeconds = isoDurationSeconds(definition.sla.completionTarget);
    const queries = overviewQueries(definition, now, slaSeconds);
    const [inFlight, completedToday, openPastSla, closed] = await Promise.all([
      countExecutions(this.client, queries.inFlight),
      countExecutions(this.client, queries.completedToday),
      queries.openPastSla === undefined ? Promise.resolve(null) : countExecutions(this.client, queries.openPastSla),
      this.closedOfCurrentVersion(definition, slaSeconds),
    ]);
    return {
      process: definition.name,
      version: definition.version,
      ownerTeam: definition.ownerTeam,
      slaTarget: definition.sla.completionTarget,
      inFlight,
      completedToday,
      openPastSla,
      overdueTasks: overdue.get(definition.name) ?? 0,
      cycleTime: closed?.cycleTime ?? null,
      slaBreachRate: closed?.slaBreachRate ?? null,
      valueInFlight: values ? valueInFlightOf(values, definition.name) : null,
      dashboardUrl: dashboardUrlOf(this.config.grafanaUrl, definition.name),
    };
  }

  /** The version the catalog runs now, from the mining store; a store that cannot be read leaves the figures out. */
  private async closedOfCurrentVersion(definition: ProcessDefinition, slaSeconds: number | undefined) {
    try {
      const store = await this.modules.get(MiningStoreProvider, { strict: false }).store();
      const [summary] = await store.versions(
        { process: definition.name, version: definition.version },
        slaSeconds ?? Number.MAX_SAFE_INTEGER,
      );
      if (!summary?.cycleTime) return undefined;
      return {
        cycleTime: { ...summary.cycleTime, closed: summary.closed },
        slaBreachRate: slaSeconds === undefined ? null : summary.slaBreachRate,
      };
    } catch (error) {
      this.logger.warn({ err: error, process: definition.name }, 'overview: process intelligence store not read');
      return undefined;
    }
  }

  /** Switched off (ORDO_VISIBILITY_GAUGES=off), the gauges are not there: the value in flight is not summed. */
  private latestValues(): LatestValues | undefined {
    try {
      return this.modules.get(VisibilityGauges, { strict: false }).latestValueInFlight();
    } catch {
      return undefined;
    }
  }
}

/** The process's sums over its running stages, per currency. */
function valueInFlightOf(values: LatestValues, process: string): Array<{ currency: string; amount: number }> {
  const byCurrency = new CentSums<{ currency: string }>();
  for (const { labels, amount } of values.valueInFlight) {
    if (labels.process === process) byCurrency.add({ currency: labels.currency }, amount);
  }
  return byCurrency
    .results()
    .map(({ labels, amount }) => ({ currency: labels.currency, amount }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}
