import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { Gauge } from 'prom-client';
import { ProcessCatalogService } from '../catalog/process-catalog.service';
import { countExecutions, listExecutionsUpTo } from '../temporal/visibility';
import {
  type GaugeName,
  type GaugeQuery,
  receivableStages,
  valuedInstancesQuery,
  visibilityGaugeQueries,
} from './gauge-queries';
import { sumValues, type ValueSums } from './value-sums';
import { VisibilityGaugeMetrics } from './visibility-gauge-metrics';
import type { VisibilityGaugeSettings } from './visibility-gauge-settings';

export const VISIBILITY_GAUGE_SETTINGS = Symbol('VisibilityGaugeSettings');

export interface LatestValues {
  at: Date;
  valueInFlight: ValueSums['valueInFlight'];
}

/** A count, or a page of a listing, is a cheap index lookup; one that takes longer means visibility is in trouble. */
const callTimeoutMs = 5_000;

/**
 * Gauges of what is open right now, counted in Temporal visibility (the system of record) on a timer:
 * instances in flight per stage, instances with open and overdue tasks per role, and past-due
 * receivables; and, as visibility cannot sum, the value in flight and the receivables outstanding, summed
 * here over a bounded listing of running instances. A failed refresh keeps the last values and counts the
 * failure; a listing cut off at the bound leaves the value gauges out and counts that.
 */
@Injectable()
export class VisibilityGauges implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(VisibilityGauges.name);
  private timer?: NodeJS.Timeout;
  /** Currencies each process has shown: their series stay, at 0, once the instances are gone. */
  private currenciesSeen = new Map<string, Set<string>>();
  private running?: Promise<void>;
  private latestValues?: LatestValues;
  /** Aborts counts in flight at shutdown, before the Temporal connection closes under them. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly client: Client,
    private readonly catalog: ProcessCatalogService,
    private readonly gauges: VisibilityGaugeMetrics,
    @Inject(VISIBILITY_GAUGE_SETTINGS) private readonly settings: VisibilityGaugeSettings,
  ) {}

  onApplicationBootstrap(): void {
    void this.refreshInBackground();
    this.timer = setInterval(() => void this.refreshInBackground(), this.settings.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }

  /** Counts and sums everything, then sets all gauges at once; rejects (and changes nothing) if any call fails. */
  async refresh(now = new Date()): Promise<void> {
    const gauges = this.gauges;
    const definitions = this.catalog.definitions();
    const queries = visibilityGaugeQueries(definitions, now);
    const counts: Array<{ query: GaugeQuery; count: number }> = [];
    // One after the other: a refresh should not compete with user requests for visibility.
    for (const query of queries) counts.push({ query, count: await this.count(query.query) });
    const valued = await listExecutionsUpTo(
      this.client,
      valuedInstancesQuery(definitions),
      this.settings.maxSummedInstances,
      (call) => this.withinCallLimits(call),
    );

    for (const gauge of ['inFlight', 'openTasks', 'overdueTasks'] satisfies GaugeName[]) gauges[gauge].reset();
    gauges.overdueReceivables.reset();
    for (const { query, count } of counts) {
      (gauges[query.gauge] as Gauge<string>).set(query.labels, count);
      const dunningStage = query.gauge === 'inFlight' ? receivableStages[query.labels.stage ?? ''] : undefined;
      if (dunningStage)
        gauges.overdueReceivables.set({ process: query.labels.process ?? '', dunning_stage: dunningStage }, count);
    }
    gauges.valueInFlight.reset();
    gauges.receivablesOutstanding.reset();
    if (valued.complete) {
      const sums = sumValues(valued.executions, definitions, this.currenciesSeen);
      this.setValues(gauges, sums);
      this.latestValues = { at: now, valueInFlight: sums.valueInFlight };
    } else {
      this.latestValues = undefined;
      // A partial sum would pass for a drop in value: no series until a refresh reads every instance again.
      gauges.sumsIncomplete.inc();
      this.logger.warn(
        { limit: this.settings.maxSummedInstances },
        'more running instances carry an amount than one refresh reads (ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES): value gauges left out',
      );
    }
  }

  /** The value in flight of the last refresh that read every valued instance (the Overview shows it); else absent. */
  latestValueInFlight(): LatestValues | undefined {
    return this.latestValues;
  }

  private setValues(gauges: VisibilityGaugeMetrics, sums: ValueSums): void {
    for (const { labels, amount } of sums.valueInFlight) gauges.valueInFlight.set(labels, amount);
    for (const { labels, amount } of sums.receivables) gauges.receivablesOutstanding.set(labels, amount);
    this.currenciesSeen = sums.currencies;
  }

  private count(query: string): Promise<number> {
    return this.withinCallLimits(() => countExecutions(this.client, query));
  }

  /**
   * Each call to visibility: aborted at shutdown, and given up after a few seconds or one interval. The call gets
   * a signal of its own: the SDK adds an abort listener to the signal of every call and never removes it, which
   * on the long-lived shutdown signal would pile up with every refresh.
   */
  private async withinCallLimits<T>(call: () => Promise<T>): Promise<T> {
    // A listener added to an aborted signal never runs: a refresh under way at shutdown stops here instead.
    if (this.stopping.signal.aborted) throw new Error('visibility gauges stopped');
    const deadline = Date.now() + Math.min(this.settings.intervalMs, callTimeoutMs);
    const callScope = new AbortController();
    const abortCall = () => callScope.abort();
    this.stopping.signal.addEventListener('abort', abortCall, { once: true });
    try {
      return await this.client.withAbortSignal(callScope.signal, () => this.client.withDeadline(deadline, call));
    } finally {
      this.stopping.signal.removeEventListener('abort', abortCall);
    }
  }

  /** A refresh still running when the timer fires again is not doubled up. */
  private async refreshInBackground(): Promise<void> {
    if (this.running || this.stopping.signal.aborted) return;
    this.running = this.refresh()
      .catch((error: unknown) => {
        if (this.stopping.signal.aborted) return;
        this.gauges.failures.inc();
        this.logger.warn({ err: error }, 'visibility gauges not refreshed; keeping the last values');
      })
      .finally(() => {
        this.running = undefined;
      });
    await this.running;
  }
}
