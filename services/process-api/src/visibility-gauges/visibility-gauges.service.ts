import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { Counter, Gauge } from 'prom-client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import { ApiMetrics } from '../metrics/api-metrics.service';
import { type GaugeName, type GaugeQuery, receivableStages, visibilityGaugeQueries } from './gauge-queries';
import type { VisibilityGaugeSettings } from './visibility-gauge-settings';

export const VISIBILITY_GAUGE_SETTINGS = Symbol('VisibilityGaugeSettings');

/** A count is a cheap index lookup; one that takes longer means visibility is in trouble. */
const countTimeoutMs = 5_000;

interface Gauges {
  inFlight: Gauge<'process' | 'stage'>;
  openTasks: Gauge<'role'>;
  overdueTasks: Gauge<'role'>;
  overdueReceivables: Gauge<'process' | 'dunning_stage'>;
  failures: Counter;
}

/**
 * Gauges of what is open right now, counted in Temporal visibility (the system of record) on a timer:
 * instances in flight per stage, instances with open and overdue tasks per role, and past-due
 * receivables. A failed refresh keeps the last values and counts the failure.
 */
@Injectable()
export class VisibilityGauges implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(VisibilityGauges.name);
  private readonly gauges?: Gauges;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** Aborts counts in flight at shutdown, before the Temporal connection closes under them. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly client: Client,
    private readonly catalog: ProcessCatalogService,
    metrics: ApiMetrics,
    @Inject(VISIBILITY_GAUGE_SETTINGS) private readonly settings: VisibilityGaugeSettings,
  ) {
    if (settings.enabled) this.gauges = createGauges(metrics);
  }

  onApplicationBootstrap(): void {
    if (!this.gauges) return;
    void this.refreshInBackground();
    this.timer = setInterval(() => void this.refreshInBackground(), this.settings.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }

  /** Counts everything, then sets all gauges at once; rejects (and changes nothing) if any count fails. */
  async refresh(now = new Date()): Promise<void> {
    const gauges = this.gauges;
    if (!gauges) return;
    const definitions = this.catalog.names().map((name) => this.catalog.get(name));
    const queries = visibilityGaugeQueries(definitions, now);
    const counts: Array<{ query: GaugeQuery; count: number }> = [];
    // One after the other: a refresh should not compete with user requests for visibility.
    for (const query of queries) counts.push({ query, count: await this.count(query.query) });

    for (const gauge of ['inFlight', 'openTasks', 'overdueTasks'] satisfies GaugeName[]) gauges[gauge].reset();
    gauges.overdueReceivables.reset();
    for (const { query, count } of counts) {
      (gauges[query.gauge] as Gauge<string>).set(query.labels, count);
      const dunningStage = query.gauge === 'inFlight' ? receivableStages[query.labels.stage ?? ''] : undefined;
      if (dunningStage) gauges.overdueReceivables.set({ process: query.labels.process ?? '', dunning_stage: dunningStage }, count);
    }
  }

  private async count(query: string): Promise<number> {
    const deadline = Date.now() + Math.min(this.settings.intervalMs, countTimeoutMs);
    const response = await this.client.withAbortSignal(this.stopping.signal, () =>
      this.client.withDeadline(deadline, () =>
        this.client.workflowService.countWorkflowExecutions({ namespace: this.client.options.namespace, query }),
      ),
    );
    return Number(response.count ?? 0);
  }

  /** A refresh still running when the timer fires again is not doubled up. */
  private async refreshInBackground(): Promise<void> {
    if (this.running || this.stopping.signal.aborted) return;
    this.running = this.refresh()
      .catch((error: unknown) => {
        if (this.stopping.signal.aborted) return;
        this.gauges?.failures.inc();
        this.logger.warn({ err: error }, 'visibility gauges not refreshed; keeping the last values');
      })
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}

function createGauges(metrics: ApiMetrics): Gauges {
  const registers = [metrics.registry];
  return {
    inFlight: new Gauge({
      name: 'ordo_processes_in_flight',
      help: 'Running process instances per stage (stage "started": not yet picked up by a worker), from Temporal visibility',
      labelNames: ['process', 'stage'] as const,
      registers,
    }),
    openTasks: new Gauge({
      name: 'ordo_open_task_instances',
      help: 'Running instances with at least one open human task for the role',
      labelNames: ['role'] as const,
      registers,
    }),
    overdueTasks: new Gauge({
      name: 'ordo_overdue_task_instances',
      help: 'Running instances with an open task for the role whose earliest open task is past due',
      labelNames: ['role'] as const,
      registers,
    }),
    overdueReceivables: new Gauge({
      name: 'ordo_overdue_receivable_instances',
      help: 'Running instances whose invoice is past due: in reminders (dunning) or with collections',
      labelNames: ['process', 'dunning_stage'] as const,
      registers,
    }),
    failures: new Counter({
      name: 'ordo_visibility_refresh_failures_total',
      help: 'Refreshes of the visibility gauges that failed (the gauges kept their previous values)',
      registers,
    }),
  };
}
