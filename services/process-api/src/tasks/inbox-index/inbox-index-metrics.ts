import { makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';

export const inboxIndexMetricNames = {
  staleness: 'ordo_inbox_index_staleness_seconds',
  openTasks: 'ordo_inbox_index_open_tasks',
  failures: 'ordo_inbox_index_refresh_failures_total',
} as const;

/** What a scrape asks of each inbox index alive in this process. */
export interface InboxIndexReadings {
  stalenessSeconds(now: number): number;
  readonly openTasks: number;
}

/**
 * The indexes alive in this process. prom-client's registry is process-wide and a metric is registered once, however
 * many apps the process builds (tests build several), so the gauges read every live index and report the worst.
 */
export const liveInboxIndexes = new Set<InboxIndexReadings>();

export const inboxIndexMetricProviders = [
  makeGaugeProvider({
    name: inboxIndexMetricNames.staleness,
    help:
      'Seconds since the visibility poll whose result the inbox index last applied began: the inbox shows ' +
      'visibility as it was at most this long ago (the worst index of this process)',
    collect() {
      const now = Date.now();
      const readings = [...liveInboxIndexes].map((index) => index.stalenessSeconds(now));
      if (readings.length > 0) this.set(Math.max(...readings));
    },
  }),
  makeGaugeProvider({
    name: inboxIndexMetricNames.openTasks,
    help: 'Open human tasks the inbox index holds',
    collect() {
      const readings = [...liveInboxIndexes].map((index) => index.openTasks);
      if (readings.length > 0) this.set(Math.max(...readings));
    },
  }),
  makeCounterProvider({
    name: inboxIndexMetricNames.failures,
    help: 'Polls or rebuilds of the inbox index from visibility that failed (the index kept what it held and tries again)',
  }),
];
