import type { MetricCounter, MetricHistogram, MetricMeter } from '@temporalio/common';
import { metricMeter } from '@temporalio/workflow';
import type { ProcessStatus } from '../process-contract';
import { processMetricHelp as help, processMetricNames as names } from './metric-names';
import { normalizeStepName } from './step-names';

export type ProcessOutcome = Exclude<ProcessStatus, 'RUNNING'>;
/** The deadline missed: a human task's due time, an invoice's due date, a ticket's resolution deadline. */
export type SlaKind = 'task_due' | 'payment_due' | 'resolution_due';
export type MoneyFlow = 'ordered' | 'invoiced' | 'collected' | 'refunded' | 'written_off';

export interface ProcessMetricsIdentity {
  process: string;
  version: string;
  /** Step families whose names carry a key (`payment-<reference>`): they are labelled by family only. */
  keyedStepFamilies?: readonly string[];
}

/** What the human-task helper reports; a process hands it its `ProcessMetrics`. */
export interface TaskMetrics {
  taskCompleted(task: { taskType: string; role: string; decision: string; waitSeconds: number }): void;
  taskEscalated(task: { taskType: string; fromRole: string; toRole: string }): void;
  slaBreached(sla: SlaKind): void;
}

/**
 * Business metrics of one process instance, through the workflow's replay-safe `metricMeter`: nothing
 * is emitted while history is replayed, so a value counts once however often the workflow is replayed.
 * Every metric carries `process` and `version`; no label ever carries a business key or an id.
 */
export class ProcessMetrics implements TaskMetrics {
  private readonly meter: MetricMeter;
  private readonly keyedStepFamilies: readonly string[];

  constructor(identity: ProcessMetricsIdentity) {
    this.meter = metricMeter.withTags({ process: identity.process, version: identity.version });
    this.keyedStepFamilies = identity.keyedStepFamilies ?? [];
  }

  processStarted(): void {
    this.counter(names.started).add(1);
  }

  processClosed(outcome: ProcessOutcome, cycleSeconds: number): void {
    this.counter(names.completed).add(1, { outcome });
    this.histogram(names.cycleTime).record(nonNegative(cycleSeconds), { outcome });
  }

  stepFinished(step: string, seconds: number): void {
    this.histogram(names.stepDuration).record(nonNegative(seconds), {
      step: normalizeStepName(step, this.keyedStepFamilies),
    });
  }

  taskCompleted({
    taskType,
    role,
    decision,
    waitSeconds,
  }: {
    taskType: string;
    role: string;
    decision: string;
    waitSeconds: number;
  }): void {
    this.histogram(names.taskWait).record(nonNegative(waitSeconds), { task_type: taskType, role, decision });
  }

  taskEscalated({ taskType, fromRole, toRole }: { taskType: string; fromRole: string; toRole: string }): void {
    this.counter(names.taskEscalations).add(1, { task_type: taskType, from_role: fromRole, to_role: toRole });
  }

  slaBreached(sla: SlaKind): void {
    this.counter(names.slaBreaches).add(1, { sla });
  }

  moneyMoved(flow: MoneyFlow, currency: string, amount: number): void {
    const cents = Math.round(amount * 100);
    if (cents <= 0) return;
    this.counter(names.moneyCents).add(cents, { currency, flow });
  }

  dunningReminderSent(level: number): void {
    this.counter(names.dunningReminders).add(1, { level: String(level) });
  }

  collectionsTaskOpened(): void {
    this.counter(names.collectionsTasks).add(1);
  }

  // No unit is given: the exporter's `unitSuffix` would append it to names that already carry `_seconds`.
  private counter(name: string): MetricCounter {
    return this.meter.createCounter(name, undefined, help[name]);
  }

  private histogram(name: string): MetricHistogram {
    return this.meter.createHistogram(name, 'float', undefined, help[name]);
  }
}

/** Workflow time never runs backwards, but a histogram rejects a negative value outright. */
function nonNegative(seconds: number): number {
  return Math.max(0, seconds);
}
