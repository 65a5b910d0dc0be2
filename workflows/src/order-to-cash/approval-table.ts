import {
  type DecisionTableSignature,
  type HitPolicy,
  type InputSchema,
  loadDecisionTable,
  type OutputSchema,
  type OutputValues,
} from '../lib/decision-table';
import approvalTableFile from './approval-table.json';

/**
 * Who approves an order, by its total: the rules live in `approval-table.json` (their cases in
 * `approval-table.cases.json`); this declares what the workflow supplies and reads, and the table is
 * rejected at load if it disagrees (the signature is exported: process intelligence checks candidate tables with it). A null approver means the order is approved automatically.
 */
export const approvalTableSignature = {
  inputs: { total: 'number' },
  outputs: { approverRole: { enum: ['cfo', 'manager'], nullable: true } },
  hitPolicies: ['UNIQUE', 'FIRST'],
} as const satisfies DecisionTableSignature<InputSchema, OutputSchema, HitPolicy>;

export const approvalTable = loadDecisionTable(approvalTableFile, approvalTableSignature);

export type ApprovalRouting = OutputValues<typeof approvalTable.outputs>;
