import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { metrics, recorded } from '../metrics';
import { barsPanel, buildDashboard, latencyPanel, timeSeriesPanel } from '../panels';
import { histogramQuantile, orZero, sel, sumIncrease, sumRate } from '../promql';
import { systemVariable } from '../variables';

const system = 'system=~"$system"';

export function integrations(): Dashboard {
  return buildDashboard({
    uid: 'ordo-integrations',
    title: 'Ordo / Integrations',
    description:
      "Calls from the worker's activities to the external systems (CRM, ERP, carrier, accounting, payments, mail): rate, errors, latency and retries; and the sandbox that simulates them locally.",
    variables: [systemVariable()],
    rows: [
      {
        title: 'Calls',
        panels: [
          timeSeriesPanel({
            title: 'Calls per second by outcome',
            description:
              'Calls per second by system and outcome over 5 minutes: ok, business_error (a 4xx refusal such as out of stock, not retried) or transient_error (5xx, timeout, refused connection; retried).',
            unit: 'reqps',
            queries: [{ expr: sel(recorded.externalCallsRate, system), legend: '{{system}} {{outcome}}' }],
          }),
          timeSeriesPanel({
            title: 'Error ratio by system',
            description:
              'Share of calls that ended in a transient error over 5 minutes (business refusals are answers, not errors). Alert: above 25% for 5 minutes.',
            unit: 'percentunit',
            queries: [{ expr: sel(recorded.externalFailureRatio, system), legend: '{{system}}' }],
          }),
          timeSeriesPanel({
            title: 'Business refusals by operation',
            description:
              'Calls refused with a 4xx per second, by operation (activity type). A flat 0 while nothing was refused.',
            unit: 'reqps',
            queries: [
              {
                expr: orZero(
                  sumRate(sel(metrics.externalCallCount, system, 'outcome="business_error"'), ['system', 'operation']),
                ),
                legend: '{{system}} {{operation}}',
              },
            ],
          }),
          barsPanel({
            title: 'Calls in the selected time range',
            description: 'Calls per system and outcome in the selected time range.',
            decimals: 0,
            width: 12,
            queries: [
              {
                expr: sumIncrease(sel(metrics.externalCallCount, system), ['system', 'outcome']),
                legend: '{{system}} {{outcome}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Latency',
        panels: [
          latencyPanel({
            title: 'Latency by system',
            description: 'Duration of calls, every outcome: median and 95th percentile over 5 minutes.',
            p50: sel(recorded.externalLatencyP50, system),
            p95: sel(recorded.externalLatencyP95, system),
            legend: '{{system}}',
          }),
          latencyPanel({
            title: 'Latency by operation',
            description: 'Duration of calls per operation (activity type): 95th percentile per rate interval.',
            p95: histogramQuantile(0.95, sel(metrics.externalCallBucket, system), ['system', 'operation']),
            legend: '{{system}} {{operation}}',
          }),
        ],
      },
      {
        title: 'Retries',
        panels: [
          timeSeriesPanel({
            title: 'Retried calls per second',
            description:
              'Calls that ended in a transient error, per second and system: Temporal retries each with backoff (initial 1 s, doubling, at most 1 minute). A flat 0 while none failed.',
            unit: 'reqps',
            queries: [
              {
                expr: orZero(sumRate(sel(metrics.externalCallCount, system, 'outcome="transient_error"'), ['system'])),
                legend: '{{system}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Failed activity attempts',
            description:
              'Activity attempts that failed per second, by activity type and failure reason (Temporal SDK), every activity including those that call no external system. A flat 0 while none failed.',
            unit: 'short',
            queries: [
              {
                expr: orZero(sumRate(metrics.activityFailed, ['activity_type', 'failure_reason'])),
                legend: '{{activity_type}} {{failure_reason}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Activity failure ratio',
            description:
              'Share of activity attempts that failed over 5 minutes, retried or not. Alert: above 25% for 10 minutes.',
            unit: 'percentunit',
            queries: [{ expr: recorded.activityFailureRatio, legend: '{{activity_type}}' }],
          }),
        ],
      },
      {
        title: 'Sandbox (local stack and tests only)',
        panels: [
          timeSeriesPanel({
            title: 'Sandbox answers by outcome',
            description:
              'Answers of the simulated systems per second: ok, client_error (4xx) or fault (5xx, injected or not).',
            unit: 'reqps',
            queries: [
              {
                expr: sumRate(sel(metrics.sandboxCalls, system), ['system', 'outcome']),
                legend: '{{system}} {{outcome}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Faults injected',
            description:
              'Faults the sandbox injected per second (set with PUT /faults/<system>): error (503), latency, hang.',
            unit: 'short',
            queries: [
              {
                expr: sumRate(sel(metrics.sandboxFaults, system), ['system', 'fault']),
                legend: '{{system}} {{fault}}',
              },
            ],
          }),
          barsPanel({
            title: 'Effects by action',
            description:
              'Effects the simulated systems performed in the selected time range (ledger entries); an idempotent replay adds none.',
            decimals: 0,
            width: 12,
            queries: [
              {
                expr: sumIncrease(sel(metrics.sandboxEffects, system), ['system', 'action']),
                legend: '{{system}} {{action}}',
              },
            ],
          }),
        ],
      },
    ],
  });
}
