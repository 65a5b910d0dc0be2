import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { metrics, recorded } from '../metrics';
import { buildDashboard, latencyPanel, statPanel, timeSeriesPanel } from '../panels';
import { histogramQuantile, orZero, sel, sumRate } from '../promql';
import { taskQueueVariable } from '../variables';

const queue = 'task_queue=~"$task_queue"';
const sumBy = (labels: string[], series: string) => `sum by (${labels.join(', ')}) (${series})`;

export function temporalWorkers(): Dashboard {
  return buildDashboard({
    uid: 'ordo-temporal-workers',
    title: 'Ordo / Temporal workers',
    description:
      'The worker as Temporal sees it (SDK metrics): capacity, how long tasks wait for it, its sticky cache, and failing polls and tasks; and the Temporal server.',
    variables: [taskQueueVariable()],
    rows: [
      {
        title: 'Capacity',
        panels: [
          statPanel({
            title: 'Workers up',
            description:
              'Worker processes Prometheus scrapes successfully (job ordo-worker). Alert OrdoWorkerDown: a worker unreachable for a minute.',
            decimals: 0,
            width: 4,
            height: 8,
            queries: [{ expr: 'sum(up{job="ordo-worker"})' }],
          }),
          timeSeriesPanel({
            title: 'Task slots available',
            description:
              'Free execution slots per worker type (workflow, activity, local activity), summed over workers. At 0 tasks queue up.',
            unit: 'short',
            width: 10,
            queries: [{ expr: sumBy(['worker_type'], sel(metrics.slotsAvailable, queue)), legend: '{{worker_type}}' }],
          }),
          timeSeriesPanel({
            title: 'Task slots used',
            description: 'Slots executing a task now, per worker type.',
            unit: 'short',
            width: 10,
            queries: [{ expr: sumBy(['worker_type'], sel(metrics.slotsUsed, queue)), legend: '{{worker_type}}' }],
          }),
          timeSeriesPanel({
            title: 'Pollers',
            description:
              'Long polls open against the task queues, per poller type (workflow, sticky workflow, activity).',
            unit: 'short',
            queries: [{ expr: sumBy(['poller_type'], sel(metrics.pollers, queue)), legend: '{{poller_type}}' }],
          }),
          timeSeriesPanel({
            title: 'Workflows closed by the worker',
            description:
              'Workflow executions the worker completed, and failed, per second (SDK view; business outcomes are on the process dashboards). A flat 0 for failures until the first.',
            unit: 'short',
            queries: [
              {
                expr: sumRate(sel(metrics.workflowCompleted, queue), ['workflow_type']),
                legend: '{{workflow_type}} completed',
              },
              {
                expr: orZero(sumRate(sel(metrics.workflowFailed, queue), ['workflow_type'])),
                legend: '{{workflow_type}} failed',
              },
            ],
          }),
        ],
      },
      {
        title: 'Latency',
        panels: [
          timeSeriesPanel({
            title: 'Schedule-to-start p95',
            description:
              'How long workflow and activity tasks wait in the task queue before a worker starts them: 95th percentile over 5 minutes. Alert OrdoWorkflowTaskScheduleToStartHigh above 1 s for 5 minutes.',
            unit: 's',
            width: 8,
            queries: [
              { expr: sel(recorded.workflowScheduleToStartP95, queue), legend: 'workflow tasks {{task_queue}}' },
              { expr: sel(recorded.activityScheduleToStartP95, queue), legend: 'activity tasks {{task_queue}}' },
            ],
          }),
          latencyPanel({
            title: 'Workflow task execution',
            description:
              'Time the worker spends executing one workflow task (replaying history and running workflow code): 95th percentile.',
            p95: histogramQuantile(0.95, sel(metrics.workflowTaskExecutionBucket, queue), ['workflow_type']),
            legend: '{{workflow_type}}',
            width: 8,
          }),
          latencyPanel({
            title: 'Activity execution',
            description: 'Time one activity attempt runs, by activity type: 95th percentile.',
            p95: histogramQuantile(0.95, sel(metrics.activityExecutionBucket, queue), ['activity_type']),
            legend: '{{activity_type}}',
            width: 8,
          }),
        ],
      },
      {
        title: 'Sticky cache',
        panels: [
          timeSeriesPanel({
            title: 'Sticky cache hits and misses',
            description:
              "Workflow tasks served from the worker's cached workflow state (hit) or needing a full history replay (miss), and cached workflows evicted before they completed (to make room for another, or after a failed workflow task), per second. Misses and evictions stay a flat 0 until the first one creates the series.",
            unit: 'short',
            queries: [
              { expr: `sum(rate(${sel(metrics.stickyCacheHit, queue)}[$__rate_interval]))`, legend: 'hits' },
              { expr: orZero(`sum(rate(${sel(metrics.stickyCacheMiss, queue)}[$__rate_interval]))`), legend: 'misses' },
              {
                expr: orZero(`sum(rate(${sel(metrics.stickyCacheEvictions, queue)}[$__rate_interval]))`),
                legend: 'forced evictions',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Sticky cache size',
            description: 'Workflow executions cached in the workers.',
            unit: 'short',
            queries: [{ expr: `sum(${sel(metrics.stickyCacheSize, queue)})`, legend: 'cached workflows' }],
          }),
        ],
      },
      {
        title: 'Failures',
        panels: [
          timeSeriesPanel({
            title: 'Workflow task failures by reason',
            description:
              'Workflow tasks that failed per second, by workflow type and reason: NonDeterminismError (code changed without patched(); alert OrdoWorkflowNonDeterminism) or WorkflowError (workflow code threw). A flat 0 until the first failure creates the series.',
            unit: 'short',
            queries: [
              {
                expr: orZero(sumRate(sel(metrics.workflowTaskFailed, queue), ['workflow_type', 'failure_reason'])),
                legend: '{{workflow_type}} {{failure_reason}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Poll and request failures',
            description:
              'Failed long polls for tasks, and other failed calls from the worker to the Temporal server, per second by operation. A flat 0 until the first failure creates the series.',
            unit: 'short',
            queries: [
              { expr: orZero(sumRate(metrics.pollFailures, ['operation'])), legend: 'poll {{operation}}' },
              { expr: orZero(sumRate(metrics.requestFailures, ['operation'])), legend: '{{operation}}' },
            ],
          }),
        ],
      },
      {
        title: 'Temporal server',
        panels: [
          timeSeriesPanel({
            title: 'Frontend requests by operation',
            description: "Requests the Temporal frontend served per second, by operation (the server's own metrics).",
            unit: 'reqps',
            queries: [
              {
                expr: sumRate(sel(metrics.serverRequests, 'job="temporal-server"', 'service_name="frontend"'), [
                  'operation',
                ]),
                legend: '{{operation}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Server errors by type',
            description:
              'Errors the Temporal services returned per second, by service and error type (NotFound for an unknown workflow counts too). A flat 0 until the first error creates the series.',
            unit: 'short',
            queries: [
              {
                expr: orZero(
                  sumRate(sel(metrics.serverErrors, 'job="temporal-server"'), ['service_name', 'error_type']),
                ),
                legend: '{{service_name}} {{error_type}}',
              },
            ],
          }),
        ],
      },
    ],
  });
}
