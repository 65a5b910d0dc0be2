/**
 * Business names of activities. A process names every call that changes an external system by its `step` (the
 * idempotency step, also the step its status view shows: `reserve-stock`, `create-invoice`, `dunning-reminder-1`), so
 * the step is the name, read from the recorded input, with what makes it unique per instance taken off:
 * - a task's own steps (`approval-1-reminder-1`) drop the task's number: `approval-reminder-1`;
 * - a step that ends with one of the call's own input values (`refund-<payment reference>`) drops the value: `refund`;
 * - a repeated attempt (`reserve-stock-2` after `reserve-stock`) takes the first attempt's name.
 * Calls without a step only read a system; they are named after the process step they serve where the activity
 * type does not say it, else after the activity type (`checkStock` → `check-stock`).
 */

/** Read-only calls whose activity type is not the process step's name (the step is the tracker's, not the input's). */
const readingStepNames: Readonly<Record<string, string>> = {
  getCustomerCredit: 'credit-check',
  getHrisEmployee: 'employee-lookup',
};

function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function withoutInputValue(step: string, input: Record<string, unknown>): string {
  for (const [key, value] of Object.entries(input)) {
    if (key === 'step' || typeof value !== 'string' || value === '') continue;
    if (step.endsWith(`-${value}`) && step.length > value.length + 1) return step.slice(0, -(value.length + 1));
  }
  return step;
}

function withoutTaskNumber(step: string, taskTypes: readonly string[]): string {
  for (const type of taskTypes) {
    const match = new RegExp(`^${type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d+-(.+)$`).exec(step);
    if (match) return `${type}-${match[1]}`;
  }
  return step;
}

/** Names the activities of one history, in history order: the repeated-attempt rule needs the earlier names. */
export class ActivityNamer {
  private readonly seen = new Set<string>();

  constructor(private readonly taskTypes: readonly string[]) {}

  nameOf(activityType: string, rawInput: unknown): string {
    const input = record(rawInput);
    const step = typeof input.step === 'string' && input.step !== '' ? input.step : undefined;
    if (step === undefined) return readingStepNames[activityType] ?? kebabCase(activityType);
    let name = withoutTaskNumber(withoutInputValue(step, input), this.taskTypes);
    const attempt = /^(.+)-\d+$/.exec(name);
    if (attempt && this.seen.has(attempt[1]!)) name = attempt[1]!;
    this.seen.add(name);
    return name;
  }
}
