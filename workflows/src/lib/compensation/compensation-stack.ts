import { CancellationScope, isCancellation } from '@temporalio/workflow';

export interface Compensation {
  /** Unique among pending compensations; also the step name it records. */
  name: string;
  run(): Promise<void>;
}

export interface UnwindReport {
  completed: string[];
  failed: Array<{ name: string; error: string }>;
}

/**
 * The saga of a process: each completed forward step pushes what undoes it; unwinding runs them
 * newest first. Unwinding ignores cancellation — it is what a cancellation asks for — and a
 * failed compensation does not stop the others.
 */
export class CompensationStack {
  private readonly pending: Compensation[] = [];

  push(name: string, run: () => Promise<void>): void {
    if (this.pending.some((entry) => entry.name === name)) {
      throw new Error(`compensation ${name} is already pending`);
    }
    this.pending.push({ name, run });
  }

  /** Drops a compensation that no longer applies (e.g. a reservation consumed by a shipment). */
  discard(name: string): void {
    const index = this.pending.findIndex((entry) => entry.name === name);
    if (index >= 0) this.pending.splice(index, 1);
  }

  get pendingNames(): string[] {
    return this.pending.map((entry) => entry.name);
  }

  /** Runs every pending compensation, newest first, including any pushed while unwinding. */
  async unwind(): Promise<UnwindReport> {
    const report: UnwindReport = { completed: [], failed: [] };
    await CancellationScope.nonCancellable(async () => {
      for (let entry = this.pending.pop(); entry; entry = this.pending.pop()) {
        try {
          await entry.run();
          report.completed.push(entry.name);
        } catch (error) {
          if (isCancellation(error)) throw error;
          report.failed.push({ name: entry.name, error: error instanceof Error ? error.message : String(error) });
        }
      }
    });
    return report;
  }
}
