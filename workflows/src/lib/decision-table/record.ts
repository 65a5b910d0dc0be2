import type { DecisionRecord } from '../process-contract';
import type { AggregateDecision, Decision, ListDecision, SingleDecision } from './types';

type Answer<D> = Omit<D, 'kind' | 'record'>;

/** A single answer is kept as its output plus the rule that gave it, e.g. `{approverRole: 'cfo', rule: 'above-10000'}`. */
export function singleRecord(decision: Answer<SingleDecision<unknown>>): DecisionRecord {
  return {
    table: decision.table,
    version: decision.version,
    output: { ...(decision.output as Record<string, unknown>), rule: decision.ruleId },
  };
}

export function listRecord(decision: Answer<ListDecision<unknown>>): DecisionRecord {
  return {
    table: decision.table,
    version: decision.version,
    output: { outputs: [...decision.outputs], rules: [...decision.ruleIds] },
  };
}

export function aggregateRecord(decision: Answer<AggregateDecision>): DecisionRecord {
  return {
    table: decision.table,
    version: decision.version,
    output: { aggregation: decision.aggregation, value: decision.value, rules: [...decision.ruleIds] },
  };
}

/** The form in which an instance keeps a decision in its status and result. */
export function toDecisionRecord(decision: Decision<unknown>): DecisionRecord {
  return decision.record;
}
