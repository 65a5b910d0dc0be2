import type { Actor, ReportKind } from '@ordo/workflows';
import { oversightRoles, orderToCashProcess } from '@ordo/workflows';

/**
 * Who reads each report: the analysts and auditors (who read every process, decision 13) and, for the aging of
 * receivables, finance: accounts receivable, the cfo and order-to-cash's owner team. The reports sum every
 * customer's debts and every process's breaches, so a reader of single instances is not enough.
 */
export const reportReaderRoles: Record<ReportKind, readonly string[]> = {
  'ar-aging': [...oversightRoles, 'accounts-receivable', 'cfo', orderToCashProcess.ownerTeam],
  sla: [...oversightRoles],
};

/** Who runs a report now or pauses its Schedule: the analysts, and for the aging finance's leads. Auditors only read. */
export const reportOperatorRoles: Record<ReportKind, readonly string[]> = {
  'ar-aging': ['process-analyst', 'cfo', orderToCashProcess.ownerTeam],
  sla: ['process-analyst'],
};

export function holdsOneOf(actor: Actor, roles: readonly string[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
