import { Injectable } from '@nestjs/common';
import type { MiningRunReport } from '@ordo/workflows';
import {
  InjectMetric,
  makeCounterProvider,
  makeGaugeProvider,
  makeHistogramProvider,
} from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge, Histogram } from 'prom-client';

export const miningMetricNames = {
  runs: 'ordo_mining_extraction_runs_total',
  duration: 'ordo_mining_extraction_duration_seconds',
  historiesRead: 'ordo_mining_histories_read_total',
  eventsWritten: 'ordo_mining_events_written_total',
  historyFailures: 'ordo_mining_history_failures_total',
  lastSuccess: 'ordo_mining_last_success_timestamp_seconds',
} as const;

export const miningMetricProviders = [
  makeCounterProvider({
    name: miningMetricNames.runs,
    help: 'Extraction runs of process intelligence by outcome (completed, incomplete: stopped at maxHistories, failed)',
    labelNames: ['outcome'],
  }),
  makeHistogramProvider({
    name: miningMetricNames.duration,
    help: 'Wall time of one extraction run, listing, history reads and store writes together',
    buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
  }),
  makeCounterProvider({
    name: miningMetricNames.historiesRead,
    help: 'Workflow histories the extractor read from Temporal, of closed instances (each once) and of running ones',
    labelNames: ['state'],
  }),
  makeCounterProvider({
    name: miningMetricNames.eventsWritten,
    help: 'Business events written to the mining store (rows replaced per instance read)',
  }),
  makeCounterProvider({
    name: miningMetricNames.historyFailures,
    help: 'Histories that could not be read or decoded (tried again by the next run)',
  }),
  makeGaugeProvider({
    name: miningMetricNames.lastSuccess,
    help: 'Unix time at which the last extraction run of this API process completed: the event log is at most this old',
  }),
];

/** What each extraction run adds to /metrics, so an SRE sees the extractor falling behind before an analyst does. */
@Injectable()
export class MiningExtractionMetrics {
  constructor(
    @InjectMetric(miningMetricNames.runs) private readonly runs: Counter<'outcome'>,
    @InjectMetric(miningMetricNames.duration) private readonly duration: Histogram,
    @InjectMetric(miningMetricNames.historiesRead) private readonly historiesRead: Counter<'state'>,
    @InjectMetric(miningMetricNames.eventsWritten) private readonly eventsWritten: Counter,
    @InjectMetric(miningMetricNames.historyFailures) private readonly historyFailures: Counter,
    @InjectMetric(miningMetricNames.lastSuccess) private readonly lastSuccess: Gauge,
  ) {}

  completed(report: MiningRunReport, seconds: number, now = Date.now()): void {
    this.runs.inc({ outcome: report.incomplete ? 'incomplete' : 'completed' });
    this.duration.observe(seconds);
    this.historiesRead.inc({ state: 'closed' }, report.closedHistoriesRead);
    this.historiesRead.inc({ state: 'running' }, report.historiesRead - report.closedHistoriesRead);
    this.eventsWritten.inc(report.eventsWritten);
    this.historyFailures.inc(report.failures);
    this.lastSuccess.set(now / 1000);
  }

  failed(seconds: number): void {
    this.runs.inc({ outcome: 'failed' });
    this.duration.observe(seconds);
  }
}
