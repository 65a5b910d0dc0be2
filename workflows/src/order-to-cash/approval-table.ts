import { defineDecisionTable } from '../lib/decision-table';

export interface ApprovalRouting {
  /** The role that must approve the order; null means the order is approved automatically. */
  approverRole: string | null;
}

/** Who approves an order, by its total (in the order's currency). */
export const approvalTable = defineDecisionTable<{ total: 'number' }, ApprovalRouting>({
  name: 'order-approval',
  version: '1',
  description: 'Approval routing of customer orders by order total',
  hitPolicy: 'FIRST',
  inputs: { total: 'number' },
  rules: [
    { id: 'above-10000', description: 'Large orders need the CFO', when: { total: { op: '>', value: 10_000 } }, then: { approverRole: 'cfo' } },
    { id: 'above-1000', description: 'Medium orders need a manager', when: { total: { op: '>', value: 1_000 } }, then: { approverRole: 'manager' } },
    { id: 'default', description: 'Small orders are approved automatically', when: {}, then: { approverRole: null } },
  ],
});
