import type { ConformanceCondition, ConformanceRule, ConformanceSpec, DesignedModel } from '@ordo/workflows';
import { isoWithOffset } from '../export/timestamps';
import type { MiningCase, MiningEvent } from '../store/mining-records';
import type { CheckResult, ConformanceReport, Violation } from '@ordo/api-views';

export type { CheckResult, ConformanceReport, Violation };

/**
 * Conformance of the event log to a process's declared model and rules (the contract's `conformance`), per case
 * over its completed activities in log order. Pure: the cases and events come from the store.
 */

interface Trace {
  record: MiningCase;
  completed: MiningEvent[];
}

function tracesOf(cases: readonly MiningCase[], events: readonly MiningEvent[]): Trace[] {
  const byRun = new Map<string, MiningEvent[]>();
  for (const event of events) {
    if (event.lifecycle !== 'complete') continue;
    const list = byRun.get(event.runId) ?? [];
    list.push(event);
    byRun.set(event.runId, list);
  }
  return cases.map((record) => ({
    record,
    completed: (byRun.get(record.runId) ?? []).sort((a, b) => a.sequence - b.sequence),
  }));
}

function result(applicable: number, violations: Violation[]): CheckResult {
  const failing = new Set(violations.map((violation) => violation.caseId)).size;
  return {
    applicable,
    fitting: applicable - failing,
    share: applicable === 0 ? 1 : (applicable - failing) / applicable,
    violations,
  };
}

const endOf = (trace: Trace) => isoWithOffset(trace.record.closedMs ?? trace.record.startedMs);

/** Token-free replay on the directly-follows relation: start, every step, and the end of a closed case. */
function checkModel(model: DesignedModel, traces: readonly Trace[]): CheckResult {
  const allowed = new Set(model.transitions.map(([from, to]) => `${from}\u0000${to}`));
  const follows = (from: string, to: string) => allowed.has(`${from}\u0000${to}`) || allowed.has(`*\u0000${to}`);
  const kept = (event: MiningEvent) => !model.ignored.some((prefix) => event.activity.startsWith(prefix));
  const closed = traces.filter((trace) => trace.record.closedMs !== null);
  const violations: Violation[] = [];
  for (const trace of closed) {
    const steps = trace.completed.filter(kept);
    const caseId = trace.record.caseId;
    const first = steps[0];
    if (!first) {
      violations.push({ caseId, what: 'no designed activity was recorded', at: endOf(trace) });
      continue;
    }
    if (!model.start.includes(first.activity)) {
      violations.push({ caseId, what: `started with ${first.activity}`, at: isoWithOffset(first.timestampMs) });
      continue;
    }
    const wrong = steps.findIndex((step, index) => index > 0 && !follows(steps[index - 1]!.activity, step.activity));
    if (wrong > 0) {
      const step = steps[wrong]!;
      violations.push({
        caseId,
        what: `${step.activity} directly after ${steps[wrong - 1]!.activity}`,
        at: isoWithOffset(step.timestampMs),
      });
      continue;
    }
    const last = steps[steps.length - 1]!;
    if (!model.end.includes(last.activity))
      violations.push({ caseId, what: `ended after ${last.activity}`, at: endOf(trace) });
  }
  return result(closed.length, violations);
}

function holds(condition: ConformanceCondition | undefined, record: MiningCase): boolean {
  if (!condition) return true;
  const value = record.amount;
  if (value === null) return false;
  switch (condition.op) {
    case '>':
      return value > condition.value;
    case '>=':
      return value >= condition.value;
    case '<':
      return value < condition.value;
    case '<=':
      return value <= condition.value;
  }
}

const approving = (event: MiningEvent) => event.outcome === 'completed' && event.decision === 'approve';

/** The violations of one rule in one case (empty: it fits). */
function violationsOf(rule: ConformanceRule, trace: Trace): Violation[] {
  const caseId = trace.record.caseId;
  const of = (activity: string) => trace.completed.filter((event) => event.activity === activity);
  switch (rule.kind) {
    case 'performed-by-role': {
      const approvals = of(rule.activity).filter(approving);
      const wrong = approvals.find((event) => event.role === null || !rule.roles.includes(event.role));
      if (wrong)
        return [
          {
            caseId,
            what: `${rule.activity} approved by ${wrong.resource} as ${wrong.role ?? 'no role'}, not ${rule.roles.join(' or ')}`,
            at: isoWithOffset(wrong.timestampMs),
          },
        ];
      if (trace.record.outcome === 'COMPLETED' && approvals.length === 0)
        return [{ caseId, what: `completed without an approving ${rule.activity}`, at: endOf(trace) }];
      return [];
    }
    case 'precedes': {
      const after = of(rule.after)[0];
      if (!after) return [];
      const approved = of(rule.before).some((event) => approving(event) && event.sequence < after.sequence);
      return approved
        ? []
        : [
            {
              caseId,
              what: `${rule.after} completed before any approving ${rule.before}`,
              at: isoWithOffset(after.timestampMs),
            },
          ];
    }
    case 'not-performed-by-requester': {
      const own = of(rule.activity).find(
        (event) => event.outcome === 'completed' && event.resource === trace.record.requestedBy,
      );
      return own
        ? [
            {
              caseId,
              what: `${rule.activity} completed by ${own.resource}, who requested it`,
              at: isoWithOffset(own.timestampMs),
            },
          ]
        : [];
    }
    case 'instances-in-order': {
      const numbers = of(rule.activity).map((event) => ({
        event,
        number: Number(/-(\d+)$/.exec(event.activityInstance)?.[1] ?? Number.NaN),
      }));
      const late = numbers.find(
        (entry, index) => index > 0 && Number.isFinite(entry.number) && entry.number < numbers[index - 1]!.number,
      );
      return late
        ? [
            {
              caseId,
              what: `${late.event.activityInstance} decided after a later level`,
              at: isoWithOffset(late.event.timestampMs),
            },
          ]
        : [];
    }
  }
}

function appliesTo(rule: ConformanceRule, record: MiningCase): boolean {
  return 'when' in rule ? holds(rule.when, record) : true;
}

export function conformanceOf(
  spec: ConformanceSpec,
  cases: readonly MiningCase[],
  events: readonly MiningEvent[],
): ConformanceReport {
  const traces = tracesOf(cases, events);
  return {
    model: checkModel(spec.model, traces),
    rules: spec.rules.map((rule) => {
      const applicable = traces.filter((trace) => appliesTo(rule, trace.record));
      return {
        id: rule.id,
        description: rule.description,
        kind: rule.kind,
        ...result(
          applicable.length,
          applicable.flatMap((trace) => violationsOf(rule, trace)),
        ),
      };
    }),
  };
}
