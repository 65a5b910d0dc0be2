import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { metrics, recorded } from '../metrics';
import { barsPanel, buildDashboard, latencyPanel, statPanel, timeSeriesPanel } from '../panels';
import { maxBy, orZero, sel, sumIncrease, sumRate } from '../promql';
import { processAndVersion as pv, processVariable, versionVariable } from '../variables';

const completedWith = (outcome: string) => sel(metrics.processCompleted, ...pv, `outcome=~"${outcome}"`);

export function processOverview(): Dashboard {
  return buildDashboard({
    uid: 'ordo-process-overview',
    title: 'Ordo / Process overview',
    description:
      'Every process of the catalog: instances started, closed and in flight, cycle time, failures and SLA breaches; and the process API.',
    variables: [processVariable(), versionVariable()],
    rows: [
      {
        title: 'In the selected time range',
        panels: [
          statPanel({
            title: 'Started',
            description:
              'Instances started in the selected time range, counted by the worker when an instance begins. 0 when none started.',
            queries: [{ expr: orZero(sumIncrease(sel(metrics.processStarted, ...pv), [])) }],
            decimals: 0,
          }),
          statPanel({
            title: 'Completed',
            description: 'Instances that closed COMPLETED in the selected time range. 0 when none did.',
            queries: [{ expr: orZero(sumIncrease(completedWith('COMPLETED'), [])) }],
            decimals: 0,
          }),
          statPanel({
            title: 'Failed',
            description:
              'Instances that closed FAILED (failed for good, after compensation) in the selected time range. 0 when none did (the worker creates the series at 0 for the versions it runs).',
            queries: [{ expr: orZero(sumIncrease(completedWith('FAILED'), [])) }],
            decimals: 0,
          }),
          statPanel({
            title: 'Rejected or cancelled',
            description:
              'Instances that closed REJECTED (a decision said no) or CANCELLED in the selected time range. 0 when none did.',
            queries: [{ expr: orZero(sumIncrease(completedWith('REJECTED|CANCELLED'), [])) }],
            decimals: 0,
          }),
          statPanel({
            title: 'In flight now',
            description:
              'Running instances of the selected processes, counted in Temporal visibility by the API (every version: visibility counts carry no version label).',
            queries: [{ expr: `sum(${maxBy(sel(metrics.inFlight, 'process=~"$process"'), ['process', 'stage'])})` }],
            decimals: 0,
          }),
          statPanel({
            title: 'SLA breaches',
            description:
              'Deadlines missed in the selected time range: human tasks past due (task_due), invoices past due (payment_due) and support tickets unresolved at their deadline (resolution_due). 0 when none: the series appears at the first breach.',
            queries: [{ expr: orZero(sumIncrease(sel(metrics.slaBreaches, ...pv), [])) }],
            decimals: 0,
          }),
        ],
      },
      {
        title: 'Flow',
        panels: [
          timeSeriesPanel({
            title: 'Started and closed per minute',
            description:
              'Instances started, and closed by outcome, per minute (5-minute rates from the recording rules).',
            unit: 'short',
            queries: [
              { expr: `sum by (process) (${sel(recorded.startedRate, ...pv)}) * 60`, legend: '{{process}} started' },
              {
                expr: `sum by (process, outcome) (${sel(recorded.completedRate, ...pv)}) * 60`,
                legend: '{{process}} {{outcome}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'In flight by stage',
            description:
              'Running instances per process and stage, from Temporal visibility (all versions). Stage "started": accepted by the API, not yet picked up by a worker.',
            unit: 'short',
            stacked: true,
            queries: [
              {
                expr: maxBy(sel(metrics.inFlight, 'process=~"$process"'), ['process', 'stage']),
                legend: '{{process}} {{stage}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Failure ratio',
            description:
              'Share of the instances closed in the last 5 minutes that closed FAILED. Empty while nothing closes.',
            unit: 'percentunit',
            queries: [{ expr: sel(recorded.failureRatio, ...pv), legend: '{{process}} {{version}}' }],
          }),
          timeSeriesPanel({
            title: 'SLA breaches over time',
            description:
              'Deadlines missed per process and kind (task_due, payment_due, resolution_due), per rate interval. A flat 0 when no deadline was ever missed: the series appears at the first breach.',
            unit: 'short',
            queries: [
              {
                expr: orZero(sumIncrease(sel(metrics.slaBreaches, ...pv), ['process', 'sla'], '$__rate_interval')),
                legend: '{{process}} {{sla}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Time',
        panels: [
          latencyPanel({
            title: 'Cycle time',
            description:
              'Time from the start of an instance to its close, by outcome: median and 95th percentile over 5 minutes of closes.',
            p50: sel(recorded.cycleTimeP50, ...pv),
            p95: sel(recorded.cycleTimeP95, ...pv),
            legend: '{{process}} {{version}} {{outcome}}',
          }),
          latencyPanel({
            title: 'Step duration',
            description:
              'Duration of completed or failed steps, by step (names without per-instance suffixes): 95th percentile over 5 minutes.',
            p95: sel(recorded.stepDurationP95, ...pv),
            legend: '{{process}} {{step}}',
          }),
        ],
      },
      {
        title: 'Process API',
        panels: [
          timeSeriesPanel({
            title: 'Requests per second by route',
            description: 'Requests the process API served, by route template (never the raw URL), 5-minute rate.',
            unit: 'reqps',
            queries: [{ expr: recorded.apiRequestsRate, legend: '{{route}}' }],
          }),
          latencyPanel({
            title: 'API latency by route',
            description: 'Time to answer a request, by route template: 95th percentile over 5 minutes.',
            p95: recorded.apiLatencyP95,
            legend: '{{route}}',
          }),
          timeSeriesPanel({
            title: 'API server errors',
            description: 'Share of requests answered 5xx over 5 minutes.',
            unit: 'percentunit',
            queries: [{ expr: recorded.apiServerErrorRatio, legend: '{{job}}' }],
          }),
          barsPanel({
            title: 'Start requests by outcome',
            description:
              'Start requests in the selected time range: started a new instance, returned the existing one (same business key), or rejected the input.',
            decimals: 0,
            queries: [
              {
                expr: sumIncrease(sel(metrics.apiProcessStarts, 'process=~"$process"'), ['process', 'outcome']),
                legend: '{{process}} {{outcome}}',
              },
            ],
            width: 12,
          }),
          timeSeriesPanel({
            title: 'Start requests per second',
            description: 'Start requests per second by outcome.',
            unit: 'reqps',
            queries: [
              {
                expr: sumRate(sel(metrics.apiProcessStarts, 'process=~"$process"'), ['process', 'outcome']),
                legend: '{{process}} {{outcome}}',
              },
            ],
          }),
        ],
      },
    ],
  });
}
