import {
  approvalTable,
  approvalTableSignature,
  type DecisionTable,
  type DecisionTableSignature,
  type HitPolicy,
  type InputSchema,
  type OutputSchema,
} from '@ordo/workflows';
import type { MiningCase } from '../store/mining-records';

/**
 * How a process's routing table meets the event log: the committed table and the signature its code checks tables
 * with, where each input the table reads is recorded per case, which output is the route, and which human task the
 * route opens (a route value is the role the task goes to; null opens none). A table without a binding cannot be
 * evaluated on recorded instances, since nothing says where its inputs are.
 */
export interface DecisionBinding {
  process: string;
  committed: DecisionTable;
  signature: DecisionTableSignature<InputSchema, OutputSchema, HitPolicy>;
  /** The table's inputs as the case recorded them; undefined when the case lacks one (it is then not evaluated). */
  inputsOf(record: MiningCase): Record<string, unknown> | undefined;
  routeOutput: string;
  taskType: string;
}

export const decisionBindings: readonly DecisionBinding[] = [
  {
    process: 'order-to-cash',
    committed: approvalTable as unknown as DecisionTable,
    signature: approvalTableSignature,
    // The case's amount is the order total the workflow evaluated the table on (`OrdoValue.amount`).
    inputsOf: (record) => (record.amount === null ? undefined : { total: record.amount }),
    routeOutput: 'approverRole',
    taskType: 'approval',
  },
];

export function bindingOf(process: string): DecisionBinding | undefined {
  return decisionBindings.find((binding) => binding.process === process);
}
