import { loadDecisionTable, type OutputValues } from '../lib/decision-table';
import approvalTableFile from './approval-table.json';

/**
 * Who approves an order, by its total: the rules live in `approval-table.json` (their cases in
 * `approval-table.cases.json`); this declares what the workflow supplies and reads, and the table is
 * rejected at load if it disagrees. A null approver means the order is approved automatically.
 */
export const approvalTable = loadDecisionTable(approvalTableFile, {
  inputs: { total: 'number' },
  outputs: { approverRole: { enum: ['cfo', 'manager'], nullable: true } },
  hitPolicies: ['UNIQUE', 'FIRST'],
});

export type ApprovalRouting = OutputValues<typeof approvalTable.outputs>;
