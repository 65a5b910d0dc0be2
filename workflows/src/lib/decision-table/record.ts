import type { DecisionRecord } from '../process-contract';
import type { DecisionOutcome } from './types';

/** The form in which an instance keeps a decision in its status and result. */
export function toDecisionRecord<Output extends object>(outcome: DecisionOutcome<Output>): DecisionRecord {
  return {
    table: outcome.table,
    version: outcome.version,
    output: { ...(outcome.output as Record<string, unknown>), rule: outcome.ruleId },
  };
}
