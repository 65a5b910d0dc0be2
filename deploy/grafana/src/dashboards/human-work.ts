import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { metrics, recorded } from '../metrics';
import { barsPanel, buildDashboard, latencyPanel, statPanel, timeSeriesPanel } from '../panels';
import { maxBy, orZero, sel, sumIncrease } from '../promql';
import { processAndVersion as pv, processVariable, versionVariable } from '../variables';

const visibilityCaveat =
  'Counted in Temporal visibility by the API: instances, not tasks (an instance with two open tasks for a role counts once), all processes.';

export function humanWork(): Dashboard {
  return buildDashboard({
    uid: 'ordo-human-work',
    title: 'Ordo / Human work',
    description:
      'Tasks people act on: what is open and overdue per role, how long decisions take, escalations and missed task deadlines.',
    variables: [processVariable(), versionVariable()],
    rows: [
      {
        title: 'Inboxes now',
        panels: [
          barsPanel({
            title: 'Instances with open tasks by role',
            description: `Running instances with at least one open task for the role. ${visibilityCaveat}`,
            decimals: 0,
            queries: [{ expr: maxBy(metrics.openTaskInstances, ['role']), legend: '{{role}}' }],
          }),
          barsPanel({
            title: 'Instances with overdue tasks by role',
            description: `Running instances whose earliest open task for the role is past its due time. ${visibilityCaveat}`,
            decimals: 0,
            queries: [{ expr: maxBy(metrics.overdueTaskInstances, ['role']), legend: '{{role}}' }],
          }),
          timeSeriesPanel({
            title: 'Open and overdue over time',
            description: `Instances with open, and with overdue, tasks per role. ${visibilityCaveat}`,
            unit: 'short',
            width: 8,
            queries: [
              { expr: maxBy(metrics.openTaskInstances, ['role']), legend: '{{role}} open' },
              { expr: maxBy(metrics.overdueTaskInstances, ['role']), legend: '{{role}} overdue' },
            ],
          }),
        ],
      },
      {
        title: 'Decisions',
        panels: [
          latencyPanel({
            title: 'Task wait',
            description:
              'Time from opening a task to its decision, by task type and the role that acted: median and 95th percentile over 5 minutes of decisions.',
            p50: sel(recorded.taskWaitP50, ...pv),
            p95: sel(recorded.taskWaitP95, ...pv),
            legend: '{{task_type}} {{role}}',
          }),
          barsPanel({
            title: 'Tasks decided',
            description: 'Tasks decided in the selected time range, by task type, role and decision.',
            decimals: 0,
            width: 12,
            queries: [
              {
                expr: sumIncrease(sel(metrics.taskWaitCount, ...pv), ['task_type', 'role', 'decision']),
                legend: '{{task_type}} {{role}} {{decision}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Escalations and deadlines',
        panels: [
          timeSeriesPanel({
            title: 'Escalations',
            description:
              'Tasks moved to another role because they were past due (e.g. an approval from manager to cfo after 48 hours), per rate interval. A flat 0 until the first escalation creates the series.',
            unit: 'short',
            queries: [
              {
                expr: orZero(
                  sumIncrease(
                    sel(metrics.taskEscalations, ...pv),
                    ['task_type', 'from_role', 'to_role'],
                    '$__rate_interval',
                  ),
                ),
                legend: '{{task_type}} {{from_role}} → {{to_role}}',
              },
            ],
          }),
          statPanel({
            title: 'Escalations in range',
            description:
              'Tasks escalated in the selected time range. 0 when none (the series appears with the first escalation).',
            decimals: 0,
            width: 6,
            height: 8,
            queries: [{ expr: orZero(sumIncrease(sel(metrics.taskEscalations, ...pv), [])) }],
          }),
          statPanel({
            title: 'Task deadlines missed in range',
            description:
              'Human tasks that passed their due time in the selected time range (sla="task_due"). 0 when none (the series appears with the first).',
            decimals: 0,
            width: 6,
            height: 8,
            queries: [{ expr: orZero(sumIncrease(sel(metrics.slaBreaches, ...pv, 'sla="task_due"'), [])) }],
          }),
        ],
      },
    ],
  });
}
