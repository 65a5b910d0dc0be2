import type { StepStatus } from '../process-contract';

/** Where a process and its helpers write the steps shown in the status view. */
export interface StepJournal {
  /** Adds a step that has started and is not finished yet. */
  begin(name: string, detail?: string): void;
  /** Finishes the latest running step of that name, or adds a finished one when none is running. */
  finish(name: string, status: Exclude<StepStatus, 'RUNNING'>, detail?: string): void;
}
