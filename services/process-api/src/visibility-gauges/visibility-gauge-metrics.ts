import { Injectable } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { Counter, Gauge } from 'prom-client';

const names = {
  inFlight: 'ordo_processes_in_flight',
  openTasks: 'ordo_open_task_instances',
  overdueTasks: 'ordo_overdue_task_instances',
  overdueReceivables: 'ordo_overdue_receivable_instances',
  valueInFlight: 'ordo_process_value_in_flight',
  receivablesOutstanding: 'ordo_receivables_outstanding',
  failures: 'ordo_visibility_refresh_failures_total',
  sumsIncomplete: 'ordo_visibility_value_sums_incomplete_total',
} as const;

/**
 * The gauges' metrics, in prom-client's process-wide registry, which PrometheusModule serves on /metrics.
 * Only provided when the gauges are on: a provider registers its metric as soon as Nest builds it.
 */
export const visibilityGaugeMetricProviders = [
  makeGaugeProvider({
    name: names.inFlight,
    help: 'Running process instances per stage (stage "started": not yet picked up by a worker), from Temporal visibility',
    labelNames: ['process', 'stage'],
  }),
  makeGaugeProvider({
    name: names.openTasks,
    help: 'Running instances with at least one open human task for the role',
    labelNames: ['role'],
  }),
  makeGaugeProvider({
    name: names.overdueTasks,
    help: 'Running instances with an open task for the role whose earliest open task is past due',
    labelNames: ['role'],
  }),
  makeGaugeProvider({
    name: names.overdueReceivables,
    help: 'Running instances whose invoice is past due: in reminders (dunning) or with collections',
    labelNames: ['process', 'dunning_stage'],
  }),
  // Money gauges carry no unit suffix: the unit is the `currency` label's, in whole units (euros, not cents).
  makeGaugeProvider({
    name: names.valueInFlight,
    help: 'Sum of the amounts (OrdoAmount) of running instances per stage, in units of the currency label, from Temporal visibility',
    labelNames: ['process', 'stage', 'currency'],
  }),
  makeGaugeProvider({
    name: names.receivablesOutstanding,
    help:
      'Amounts still to be collected (OrdoAmountOutstanding) of running instances with an open invoice, in units of the currency label: ' +
      'not yet due (not_due), in reminders or with collections',
    labelNames: ['process', 'currency', 'dunning_stage'],
  }),
  makeCounterProvider({
    name: names.failures,
    help: 'Refreshes of the visibility gauges that failed (the gauges kept their previous values)',
  }),
  makeCounterProvider({
    name: names.sumsIncomplete,
    help:
      'Refreshes that left the value gauges out because more running instances carry an amount than one refresh reads ' +
      '(ORDO_VISIBILITY_GAUGE_MAX_SUMMED_INSTANCES)',
  }),
];

@Injectable()
export class VisibilityGaugeMetrics {
  constructor(
    @InjectMetric(names.inFlight) readonly inFlight: Gauge<'process' | 'stage'>,
    @InjectMetric(names.openTasks) readonly openTasks: Gauge<'role'>,
    @InjectMetric(names.overdueTasks) readonly overdueTasks: Gauge<'role'>,
    @InjectMetric(names.overdueReceivables) readonly overdueReceivables: Gauge<'process' | 'dunning_stage'>,
    @InjectMetric(names.valueInFlight) readonly valueInFlight: Gauge<'process' | 'stage' | 'currency'>,
    @InjectMetric(names.receivablesOutstanding)
    readonly receivablesOutstanding: Gauge<'process' | 'currency' | 'dunning_stage'>,
    @InjectMetric(names.failures) readonly failures: Counter,
    @InjectMetric(names.sumsIncomplete) readonly sumsIncomplete: Counter,
  ) {}
}
