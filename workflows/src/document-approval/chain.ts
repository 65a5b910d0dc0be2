import { collectDecisions, toDecisionRecord } from '../lib/decision-table';
import type { DecisionRecord } from '../lib/process-contract';
import { approvalChainTable } from './approval-chain-table';
import type { DocumentApprovalInput, LevelApproval } from './contract';

export interface ApprovalChain {
  roles: string[];
  record: DecisionRecord;
}

/** The sequential chain of approver roles for a document, each role once, at its first place in the table. */
export function approvalChainFor(document: DocumentApprovalInput): ApprovalChain {
  const decision = collectDecisions(approvalChainTable, {
    amount: document.amount,
    category: document.category,
    department: document.department,
  });
  const roles = [...new Set(decision.outputs.map((output) => output.approverRole))];
  return { roles, record: toDecisionRecord(decision) };
}

/**
 * Where approval resumes after a returned document is resubmitted: at the level that returned it
 * when the revision leaves the chain as it was, at level 1 (earlier approvals void) when the chain
 * changed — e.g. the amount rose into a higher band, or the category now needs legal. Levels are 0-based.
 */
export function resumeLevel(previous: readonly string[], revised: readonly string[], returnedAtLevel: number): number {
  const unchanged = previous.length === revised.length && previous.every((role, index) => revised[index] === role);
  return unchanged ? returnedAtLevel : 0;
}

/** A level's approval with the exact document its approver decided on. */
export interface SeenApproval extends LevelApproval {
  seen: DocumentApprovalInput;
}

function sameContent(a: DocumentApprovalInput, b: DocumentApprovalInput): boolean {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as Array<keyof DocumentApprovalInput>;
  return keys.every((key) => a[key] === b[key]);
}

/**
 * The approvals that still stand for a revised document: an approval counts only for the content its approver saw, and
 * levels decide in order, so the first level whose approver saw other content voids its own approval and every later one.
 */
export function approvalsStillValid(
  approvals: readonly SeenApproval[],
  revised: DocumentApprovalInput,
): SeenApproval[] {
  const firstStale = approvals.findIndex((approval) => !sameContent(approval.seen, revised));
  return firstStale === -1 ? [...approvals] : approvals.slice(0, firstStale);
}
