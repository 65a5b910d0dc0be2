import { loadDecisionTable } from '../lib/decision-table';
import approvalChainFile from './approval-chain-table.json';

/**
 * The approval chain of a document: every matching rule of `approval-chain-table.json` adds a role,
 * in table order (cases in `approval-chain-table.cases.json`). The table may name a role twice
 * (two reasons for a director); the chain keeps each role once, at its first place.
 */
export const approvalChainTable = loadDecisionTable(approvalChainFile, {
  inputs: {
    amount: 'number',
    category: { enum: ['operational', 'capital', 'legal', 'it', 'marketing'] },
    department: 'string',
  },
  outputs: { approverRole: { enum: ['manager', 'legal', 'director', 'cfo'], nullable: false } },
  hitPolicies: ['RULE ORDER', 'COLLECT'],
});
