import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { metrics, recorded } from '../metrics';
import { barsPanel, buildDashboard, latencyPanel, statPanel, timeSeriesPanel } from '../panels';
import { maxBy, orZero, sel, sumIncrease, sumRate } from '../promql';
import { versionVariable } from '../variables';

const process = 'process="order-to-cash"';
const orders = [process, 'version=~"$version"'] as const;
const money = (...matchers: string[]) => sel(metrics.moneyCents, ...orders, ...matchers);
const taskWait = (series: string, taskType: string) => sel(series, ...orders, `task_type="${taskType}"`);
const overdue = sel(metrics.receivablesOutstanding, process, 'dunning_stage!="not_due"');

export function orderToCash(): Dashboard {
  return buildDashboard({
    uid: 'ordo-order-to-cash',
    title: 'Ordo / Order to cash',
    description:
      'Orders from credit check to cash: where they are and what they are worth, the money they move, how long approvals take, and what is overdue. Amounts are in the order currency.',
    variables: [versionVariable(process)],
    rows: [
      {
        title: 'Orders',
        panels: [
          barsPanel({
            title: 'Orders in flight by stage',
            description: 'Running orders per stage now, counted in Temporal visibility (every version).',
            decimals: 0,
            queries: [{ expr: maxBy(sel(metrics.inFlight, process), ['stage']), legend: '{{stage}}' }],
          }),
          barsPanel({
            title: 'Value in flight by stage',
            description:
              'Order totals of the running orders per stage now, per currency, in currency units: summed by the API over the orders Temporal visibility lists (every version). 0 for a stage without orders in a currency seen before; no data while more running instances carry an amount than one refresh reads (alert OrdoValueSumsIncomplete).',
            decimals: 2,
            queries: [
              {
                expr: maxBy(sel(metrics.valueInFlight, process), ['stage', 'currency']),
                legend: '{{stage}} {{currency}}',
              },
            ],
          }),
          timeSeriesPanel({
            title: 'Orders in flight by stage over time',
            description: 'Running orders per stage, from Temporal visibility (every version).',
            unit: 'short',
            stacked: true,
            width: 8,
            queries: [{ expr: maxBy(sel(metrics.inFlight, process), ['stage']), legend: '{{stage}}' }],
          }),
        ],
      },
      {
        title: 'Money',
        panels: [
          barsPanel({
            title: 'Money moved in the selected time range',
            description:
              'Amounts ordered, invoiced, collected, refunded and written off in the selected time range, in currency units (counted in hundredths, divided by 100).',
            width: 6,
            queries: [{ expr: `${sumIncrease(money(), ['currency', 'flow'])} / 100`, legend: '{{flow}} {{currency}}' }],
          }),
          timeSeriesPanel({
            title: 'Money moved per hour',
            description: 'Amount per hour by flow, in currency units.',
            unit: 'short',
            width: 6,
            queries: [
              { expr: `${sumRate(money(), ['currency', 'flow'])} * 3600 / 100`, legend: '{{flow}} {{currency}}' },
            ],
          }),
          statPanel({
            title: 'Open receivables',
            description:
              'What invoiced orders still have to collect now (not yet due, in reminders, with collections), per currency: the outstanding amounts of the running orders, summed by the API from Temporal visibility (recording rule).',
            queries: [{ expr: sel(recorded.receivablesOutstanding, process), legend: '{{currency}}' }],
            width: 4,
            height: 8,
            decimals: 2,
          }),
          statPanel({
            title: 'DSO',
            description:
              'Days sales outstanding = open receivables (left) / average daily invoiced amount over the last 30 days, per currency. With less than 30 days of invoicing recorded the average is too low, so DSO reads too high.',
            unit: 'd',
            queries: [{ expr: sel(recorded.daysSalesOutstanding, process), legend: '{{currency}}' }],
            width: 4,
            height: 8,
            decimals: 1,
          }),
          statPanel({
            title: 'Written off',
            description:
              'Amount written off by collections in the selected time range, in currency units. 0 when nothing was: the series appears with the first write-off.',
            decimals: 2,
            width: 4,
            height: 8,
            queries: [
              {
                expr: orZero(`${sumIncrease(money('flow="written_off"'), ['currency'])} / 100`),
                legend: '{{currency}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Approval and credit review',
        panels: [
          latencyPanel({
            title: 'Approval wait',
            description:
              'Time from opening an approval task to its decision, by the role that decided: median and 95th percentile over 5 minutes.',
            p50: taskWait(recorded.taskWaitP50, 'approval'),
            p95: taskWait(recorded.taskWaitP95, 'approval'),
            legend: '{{role}}',
            width: 9,
          }),
          latencyPanel({
            title: 'Credit review wait',
            description:
              'Time from opening a credit review (order above the available credit) to its decision: 95th percentile over 5 minutes.',
            p95: taskWait(recorded.taskWaitP95, 'credit-review'),
            legend: '{{role}}',
            width: 9,
          }),
          barsPanel({
            title: 'Approval decisions',
            description:
              'Approval tasks decided in the selected time range, by role and decision. Automatic approvals (small orders) open no task.',
            decimals: 0,
            width: 6,
            queries: [
              {
                expr: sumIncrease(taskWait(metrics.taskWaitCount, 'approval'), ['role', 'decision']),
                legend: '{{role}} {{decision}}',
              },
            ],
          }),
        ],
      },
      {
        title: 'Receivables past due',
        panels: [
          timeSeriesPanel({
            title: 'Overdue receivables by dunning stage',
            description:
              'Amounts still to be collected on invoices past due, in reminders (dunning) or handed to collections, per currency, in currency units: summed by the API over the running orders in Temporal visibility (every version).',
            unit: 'short',
            width: 8,
            queries: [
              { expr: maxBy(overdue, ['dunning_stage', 'currency']), legend: '{{dunning_stage}} {{currency}}' },
            ],
          }),
          barsPanel({
            title: 'Overdue orders by dunning stage',
            description:
              'Running orders whose invoice is past due now: in reminders (dunning) or handed to collections, counted in Temporal visibility (every version).',
            decimals: 0,
            width: 4,
            queries: [
              {
                expr: maxBy(sel(metrics.overdueReceivableInstances, process), ['dunning_stage']),
                legend: '{{dunning_stage}}',
              },
            ],
          }),
          barsPanel({
            title: 'Reminders mailed by level',
            description:
              'Payment reminders mailed in the selected time range, by reminder level (1 = first). 0 when none: reminders go out days after the due date, and the series appears with the first one.',
            decimals: 0,
            width: 4,
            queries: [
              {
                expr: orZero(sumIncrease(sel(metrics.dunningReminders, ...orders), ['level'])),
                legend: 'level {{level}}',
              },
            ],
          }),
          statPanel({
            title: 'Collections tasks opened',
            description:
              'Collections tasks opened for past-due invoices in the selected time range. 0 when none: collections start 30 days after the due date, and the series appears with the first task.',
            decimals: 0,
            width: 4,
            height: 8,
            queries: [{ expr: orZero(sumIncrease(sel(metrics.collectionsTasks, ...orders), [])) }],
          }),
          statPanel({
            title: 'Open collections tasks',
            description:
              'Running instances with an open task for the collections role now (all processes), from Temporal visibility.',
            decimals: 0,
            width: 4,
            height: 8,
            queries: [{ expr: `max(${sel(metrics.openTaskInstances, 'role="collections"')})` }],
          }),
        ],
      },
    ],
  });
}
