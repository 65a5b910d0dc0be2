import { patched, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { ProcessMetrics } from '../metrics';
import {
  type DecisionRecord,
  type DocumentView,
  type InstanceValue,
  type ProcessResult,
  type ProcessStatus,
  type ProcessStatusView,
  type StepStatus,
  type StepView,
  type TaskView,
  valueMemoKey,
} from '../process-contract';
import { searchAttributes } from '../search-attributes';
import type { StepJournal } from './step-journal';

export interface ProcessIdentity {
  process: string;
  processVersion: string;
  businessKey: string;
}

export interface ProcessTrackerOptions {
  /** Step families named after a key (`payment-<reference>`), labelled by family only in metrics. */
  keyedStepFamilies?: readonly string[];
}

function nowIso(): string {
  // Workflow time: Date is deterministic inside the workflow sandbox.
  return new Date().toISOString();
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The state every process shows through `statusQuery`: status, stage, steps, documents, decisions
 * and result; status, stage and amounts are mirrored into search attributes for visibility.
 * It also reports the process's lifecycle metrics: started, closed (with cycle time) and step durations.
 */
export class ProcessTracker<Stage extends string> implements StepJournal {
  private status: ProcessStatus = 'RUNNING';
  private stage: Stage;
  private result?: ProcessResult;
  private readonly steps: StepView[] = [];
  private readonly documents: DocumentView[] = [];
  private readonly decisions: DecisionRecord[] = [];
  private value?: InstanceValue;
  /** Decided at the first amount: an execution keeps the one place its amounts began in. */
  private amountsInMemo?: boolean;
  /** The process's business metrics; helpers and the process itself report through it too. */
  readonly metrics: ProcessMetrics;

  constructor(
    private readonly identity: ProcessIdentity,
    initialStage: Stage,
    options: ProcessTrackerOptions = {},
  ) {
    this.stage = initialStage;
    this.metrics = new ProcessMetrics({
      process: identity.process,
      version: identity.processVersion,
      ...(options.keyedStepFamilies ? { keyedStepFamilies: options.keyedStepFamilies } : {}),
    });
  }

  /** Mirrors identity, status and stage once at start, so even a fresh instance is findable. */
  announce(): void {
    upsertSearchAttributes([
      { key: searchAttributes.process, value: this.identity.process },
      { key: searchAttributes.businessKey, value: this.identity.businessKey },
      { key: searchAttributes.processVersion, value: this.identity.processVersion },
      { key: searchAttributes.status, value: this.status },
      { key: searchAttributes.stage, value: this.stage },
    ]);
    this.metrics.processStarted();
  }

  get currentStatus(): ProcessStatus {
    return this.status;
  }

  get currentStage(): Stage {
    return this.stage;
  }

  setStage(stage: Stage): void {
    if (stage === this.stage) return;
    this.stage = stage;
    upsertSearchAttributes([{ key: searchAttributes.stage, value: stage }]);
  }

  setStatus(status: ProcessStatus): void {
    if (status === this.status) return;
    const closing = this.status === 'RUNNING';
    this.status = status;
    upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
    if (closing && status !== 'RUNNING') {
      // Cycle time counts from the start of the execution chain: the business process began there.
      this.metrics.processClosed(status, (Date.now() - workflowInfo().startTime.getTime()) / 1000);
    }
  }

  /**
   * An amount comes with its currency, in the same upsert, so that no instance shows a value without one.
   * Amounts go to the encrypted memo; only the currency is a search attribute, marking the instances that carry a
   * value. Executions that began before that keep their amounts in search attributes (OrdoAmount…) to the end.
   */
  setAmounts(
    amounts: { amount: number; currency: string; amountOutstanding?: number } | { amountOutstanding: number },
  ): void {
    this.amountsInMemo ??= patched('amounts-in-encrypted-memo');
    if (!this.amountsInMemo) return this.setAmountsAsSearchAttributes(amounts);
    if ('amount' in amounts) {
      const currencyIsNew = this.value?.currency !== amounts.currency;
      this.value = { ...this.value, ...amounts };
      if (currencyIsNew) upsertSearchAttributes([{ key: searchAttributes.currency, value: amounts.currency }]);
    } else if (this.value) {
      this.value = { ...this.value, amountOutstanding: amounts.amountOutstanding };
    } else {
      return; // Nothing is owed on an instance that never had a value.
    }
    upsertMemo({ [valueMemoKey]: this.value });
  }

  private setAmountsAsSearchAttributes(amounts: Parameters<ProcessTracker<Stage>['setAmounts']>[0]): void {
    const updates = [];
    if ('amount' in amounts) {
      updates.push(
        { key: searchAttributes.amount, value: amounts.amount },
        { key: searchAttributes.currency, value: amounts.currency },
      );
    }
    if (amounts.amountOutstanding !== undefined) {
      updates.push({ key: searchAttributes.amountOutstanding, value: amounts.amountOutstanding });
    }
    if (updates.length > 0) upsertSearchAttributes(updates);
  }

  begin(name: string, detail?: string): void {
    this.steps.push({ name, status: 'RUNNING', startedAt: nowIso(), ...(detail === undefined ? {} : { detail }) });
  }

  finish(name: string, status: Exclude<StepStatus, 'RUNNING'>, detail?: string): void {
    const step = this.latestStep(name, 'RUNNING');
    const completedAt = nowIso();
    if (!step) {
      this.steps.push({
        name,
        status,
        startedAt: completedAt,
        completedAt,
        ...(detail === undefined ? {} : { detail }),
      });
      return;
    }
    step.status = status;
    step.completedAt = completedAt;
    if (detail !== undefined) step.detail = detail;
    // A skipped step (e.g. a task whose purpose went away) did no work worth timing.
    if (status === 'COMPLETED' || status === 'FAILED') {
      this.metrics.stepFinished(name, (Date.parse(completedAt) - Date.parse(step.startedAt)) / 1000);
    }
  }

  /** Runs one step of the process, recording its start, end and failure; rethrows failures. */
  async runStep<T>(name: string, work: () => Promise<T>, describe?: (value: T) => string | undefined): Promise<T> {
    this.begin(name);
    try {
      const value = await work();
      this.finish(name, 'COMPLETED', describe?.(value));
      return value;
    } catch (error) {
      this.finish(name, 'FAILED', describeError(error));
      throw error;
    }
  }

  /** Marks a completed forward step as undone by compensation. */
  markCompensated(name: string): void {
    const step = this.latestStep(name, 'COMPLETED');
    if (step) step.status = 'COMPENSATED';
  }

  addDocument(document: DocumentView): void {
    this.documents.push(document);
  }

  addDecision(decision: DecisionRecord): void {
    this.decisions.push(decision);
  }

  get decisionRecords(): DecisionRecord[] {
    return [...this.decisions];
  }

  /** Closes the instance with its result: status and stage follow. */
  close(result: ProcessResult, closedStage: Stage): void {
    this.result = result;
    this.setStatus(result.status);
    this.setStage(closedStage);
  }

  view(openTasks: TaskView[]): ProcessStatusView {
    return {
      process: this.identity.process,
      processVersion: this.identity.processVersion,
      businessKey: this.identity.businessKey,
      status: this.status,
      stage: this.stage,
      openTasks,
      steps: this.steps.map((step) => ({ ...step })),
      documents: this.documents.map((document) => ({ ...document })),
      decisions: this.decisionRecords,
      ...(this.result ? { result: this.result } : {}),
    };
  }

  private latestStep(name: string, status: StepStatus): StepView | undefined {
    for (let index = this.steps.length - 1; index >= 0; index -= 1) {
      const step = this.steps[index];
      if (step?.name === name && step.status === status) return step;
    }
    return undefined;
  }
}
